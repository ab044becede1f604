"""Adapters for the peer summarizers: arsumm's sentences in, one score per sentence out.

Each peer receives arsumm's sentence split and is asked for a score per
sentence; the runner then applies the same budget rule to every method, so
only the ranking differs. Nothing is downloaded at run time.

How each peer is fed
--------------------
sumy (TextRank, LexRank, LSA, Luhn)
    A document model built from arsumm's sentences (sumy's own Arabic
    tokenizer needs NLTK's punkt data, which is not available offline, and
    would re-split). Words come from :func:`arsumm.normalize.tokenize`
    (normalised letter runs), stemmed with sumy's ``Stemmer("arabic")``
    (NLTK Snowball), with sumy's Arabic stop-word list normalised the same
    way. sumy returns sentences, not scores: the adapter records the ratings
    sumy computes just before it sorts them (its ``_get_best_sentences``
    hook), so the scores are sumy's own.
summa (TextRank)
    ``summa.summarizer.summarize`` splits the text itself (on ``.!?`` and
    line breaks; not on ``؟``) and returns text, so it cannot take our split.
    The adapter runs summa's own pipeline step by step on our sentences:
    its Arabic preprocessing (stop words, Snowball stemmer), graph, edge
    weights and PageRank, from the ``summa`` modules. Sentences summa drops
    (nothing left after its preprocessing, or no edge) score 0, as in summa.
lexrank (the ``lexrank`` package)
    It learns IDF from a corpus; on one document every word has IDF 0 and
    every sentence the same score. The adapter fits it on the background
    articles of the run (the EASC dev split), tokenises with
    :func:`arsumm.normalize.tokenize` and drops the package's Arabic stop
    words (normalised). Scores come from its ``rank_sentences`` with the
    package defaults.

The Snowball stemmer of sumy and summa
---------------------------------------
Both use NLTK's ``ArabicStemmer``, which is most of their run time, and whose
``stem`` depends on the words the same instance stemmed before: it does not
reset one of its flags (``suffixes_verb_step1_success``), so after some words
``كانوا`` becomes ``كانو`` instead of ``كان`` (87 of the 17,440 distinct
words of 100 ANT-BBC articles change this way). sumy keeps one instance for
a whole run, so its output depended on which documents came before. With
``Context(memoize=True)`` (the quality runners) both get
:func:`fresh_snowball_stem`, remembered per word: every word stemmed as by a
new stemmer, the same for every document order, in a fraction of the time.
The speed benchmark leaves it off, so the peers are timed as they come.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from arsumm import split_sentences
from arsumm.normalize import normalize, tokenize
from benchmarks.interface import Context, MethodUnavailable

__all__ = ["PEERS", "SumyTokenizer", "fresh_snowball_stem", "normalised", "scorer"]

Scorer = Callable[[list[str]], list[float]]


def normalised(words: Iterable[str]) -> frozenset[str]:
    """The words after arsumm's normalisation (how the peers' stop-word lists are compared)."""
    return frozenset(normalize(w) for w in words)


class SumyTokenizer:
    """The word tokenizer sumy's document model asks for: arsumm's normalised tokens."""

    language = "arabic"

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(tokenize(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - never called
        raise NotImplementedError("the benchmark passes arsumm's sentences to sumy")


def _sumy_ratings(summarizer: Any, document: Any) -> list[float]:
    """Run a sumy summarizer and return the rating it gives each sentence, in order."""
    ratings: list[float] = []

    def capture(
        sentences: Sequence[Any], _count: Any, rating: Any, *args: Any, **kw: Any
    ) -> tuple[()]:
        rate = rating.__getitem__ if isinstance(rating, dict) else rating
        ratings.extend(float(rate(s, *args, **kw)) for s in sentences)
        return ()

    # sumy calls self._get_best_sentences(sentences, count, rating, ...): shadow it.
    summarizer._get_best_sentences = capture
    summarizer(document, len(document.sentences))
    return ratings


def _sumy(kind: str, context: Context) -> Scorer:
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise MethodUnavailable(
            f"sumy is not installed ({exc}); pip install -e '.[bench]'"
        ) from None
    classes = {
        "sumy-textrank": TextRankSummarizer,
        "sumy-lexrank": LexRankSummarizer,
        "sumy-lsa": LsaSummarizer,
        "sumy-luhn": LuhnSummarizer,
    }
    stemmer = _STEM if context.memoize else Stemmer("arabic")
    summarizer = classes[kind](stemmer)
    summarizer.stop_words = normalised(get_stop_words("arabic"))
    tokenizer = SumyTokenizer()

    def score(sentences: list[str]) -> list[float]:
        document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
        with warnings.catch_warnings():
            # LSA warns when a document has fewer distinct words than sentences.
            warnings.filterwarnings(
                "ignore", message=r"Number of words \(\d+\) is lower", category=UserWarning
            )
            # LexRank divides by a zero norm on a document without shared words: its
            # scores come out NaN, which the runner reports as that document's failure
            warnings.filterwarnings(
                "ignore", message="invalid value encountered in divide", category=RuntimeWarning
            )
            ratings = _sumy_ratings(summarizer, document)
        # LSA returns nothing for a document without a single word: all equal.
        return ratings if ratings else [0.0] * len(sentences)

    return score


def fresh_snowball_stem(word: str) -> str:
    """NLTK's Arabic Snowball stem of ``word`` as a new stemmer gives it (no history).

    Examples
    --------
    >>> fresh_snowball_stem("كانوا"), fresh_snowball_stem("والمدرسة")
    ('كان', 'مدرس')
    """
    from nltk.stem.snowball import ArabicStemmer

    stem: str = ArabicStemmer().stem(word)
    return stem


_STEM = functools.cache(fresh_snowball_stem)


class _FreshStems:
    """What summa's text cleaner calls: ``STEMMER.stem(word)``."""

    stem = staticmethod(_STEM)


def _summa(context: Context) -> Scorer:
    try:
        from summa import summarizer as summa_summarizer
        from summa.commons import build_graph, remove_unreachable_nodes
        from summa.pagerank_weighted import pagerank_weighted_scipy
        from summa.preprocessing import textcleaner
    except ImportError as exc:
        raise MethodUnavailable(
            f"summa is not installed ({exc}); pip install -e '.[bench]'"
        ) from None

    def score(sentences: list[str]) -> list[float]:
        # summa.summarizer.summarize, minus its own sentence split and selection.
        textcleaner.init_textcleanner("arabic", None)
        if context.memoize:
            textcleaner.STEMMER = _FreshStems()
        units = textcleaner.merge_syntactic_units(sentences, textcleaner.filter_words(sentences))
        graph = build_graph([unit.token for unit in units])
        summa_summarizer._set_graph_edge_weights(graph)
        remove_unreachable_nodes(graph)
        scores = [0.0] * len(sentences)
        if not graph.nodes():
            return scores
        pagerank = pagerank_weighted_scipy(graph)
        for unit in units:
            scores[unit.index] = float(pagerank.get(unit.token, 0.0))
        return scores

    return score


def _lexrank(context: Context) -> Scorer:
    try:
        from lexrank import STOPWORDS, LexRank
    except ImportError as exc:
        raise MethodUnavailable(
            f"lexrank is not installed ({exc}); pip install -e '.[bench]'"
        ) from None
    if not context.background:
        raise MethodUnavailable(
            "lexrank needs background articles for its IDF (on one document it scores "
            "every sentence equally)"
        )

    class ArabicLexRank(LexRank):  # type: ignore[misc]
        """The package's LexRank with arsumm's tokens instead of its Latin-minded ones."""

        def tokenize_sentence(self, sentence: str) -> list[str]:
            return [t for t in tokenize(sentence) if t not in self.stopwords]

    documents = [[s.text for s in split_sentences(text)] for text in context.background]
    model = ArabicLexRank(documents, stopwords=normalised(STOPWORDS["ar"]))

    def score(sentences: list[str]) -> list[float]:
        return [float(x) for x in model.rank_sentences(sentences)]

    return score


#: Peer method names handled by :func:`scorer`.
PEERS = ("sumy-textrank", "sumy-lexrank", "sumy-lsa", "sumy-luhn", "summa-textrank", "lexrank")


def scorer(kind: str, context: Context) -> Scorer:
    """Return ``score(sentences) -> list of float`` for the peer ``kind``.

    Raises
    ------
    MethodUnavailable
        If the peer's package is not installed or it lacks what it needs.

    Examples
    --------
    >>> score = scorer("sumy-luhn", Context())
    >>> len(score(["الطقس حار اليوم.", "الطقس حار جدا اليوم في عمان.", "انتهت المباراة."]))
    3
    """
    if kind.startswith("sumy-"):
        return _sumy(kind, context)
    if kind == "summa-textrank":
        return _summa(context)
    if kind == "lexrank":
        return _lexrank(context)
    raise KeyError(f"unknown peer {kind!r}; known: {', '.join(PEERS)}")
