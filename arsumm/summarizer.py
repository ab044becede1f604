"""The summarizer: split, vectorise, rank, select.

Examples
--------
>>> import arsumm
>>> text = arsumm.demo_text()
>>> summary = arsumm.summarize(text, k=2)
>>> [s.index for s in summary]
[0, 1]
>>> all(text[s.start:s.end] == s.text for s in summary)
True
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from arsumm.boilerplate import is_boilerplate
from arsumm.errors import EmptyTextError, NoArabicError, NoContentError
from arsumm.features import Analyzer, term_vectors
from arsumm.idf import BackgroundIDF
from arsumm.normalize import has_arabic_letter
from arsumm.prior import LinearPrior, load_default_prior, position_prior, sentence_features
from arsumm.rank import FloatArray, order_by_score, pagerank, ranking_graph
from arsumm.select import Budget, select, select_diverse
from arsumm.splitter import RuleSplitter, Span, Splitter
from arsumm.stemmer import Stemmer

__all__ = ["Analysis", "Sentence", "Summarizer", "choose", "summarize"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the caller's text, with its score.

    Attributes
    ----------
    index : int
        Position among the document's sentences (0-based).
    start, end : int
        Offsets into the caller's string.
    text : str
        ``text[start:end]`` of the caller's string, unchanged.
    score : float
        TextRank score; the scores of all sentences of a document sum to 1.
    """

    index: int
    start: int
    end: int
    text: str
    score: float


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        hint = (
            " (decode bytes first, e.g. data.decode('utf-8'))"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        raise TypeError(f"text must be a str, got {type(text).__name__}{hint}")
    return text


@dataclass(frozen=True)
class Analysis:
    """Everything :meth:`Summarizer.analyze` found out about one text.

    Attributes
    ----------
    sentences : list of Sentence
        Every sentence in document order, with its score (the scores sum to 1;
        boilerplate sentences score 0).
    summary : list of Sentence
        The chosen sentences, in document order.
    boilerplate : tuple of int
        Indices of the sentences left out of the ranking as web-page furniture.
    """

    sentences: list[Sentence]
    summary: list[Sentence]
    boilerplate: tuple[int, ...] = ()


_PRIORS = ("learned", "position", "uniform")
_LINE_BREAK_RE = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85]")


class _Prepared(NamedTuple):
    """One document's ranked sentences and terms, and their vectors if known (internal)."""

    content: list[int]  # indices of the ranked sentences among all sentences
    chosen: list[Span]
    term_lists: list[list[str]]
    words: list[int]  # words of each ranked sentence (``len(text.split())``)
    vectors: sp.csr_matrix | None = None


@dataclass(frozen=True)
class _Document:
    """The ranked sentences of one document, vectorised (internal)."""

    text: str
    spans: list[Span]  # the sentences that take part in the ranking
    content: list[int]  # their indices among all sentences
    term_lists: list[list[str]]
    words: list[int]
    vectors: sp.csr_matrix
    graph: sp.csr_matrix | FloatArray  # dense for a small document (rank.ranking_graph)

    def features(self) -> FloatArray:
        """The prior's features of the ranked sentences (see :mod:`arsumm.prior`)."""
        text, spans = self.text, self.spans
        starts = [
            i == 0 or _LINE_BREAK_RE.search(text, spans[i - 1].end, span.start) is not None
            for i, span in enumerate(spans)
        ]
        return sentence_features(
            [s.text for s in spans],
            self.vectors,
            [len(t) for t in self.term_lists],
            starts,
            words=self.words,
        )


@dataclass(frozen=True)
class Summarizer:
    """An extractive summarizer with a fixed configuration.

    All parameters are keyword-only and validated when the object is made.
    The defaults are the configuration measured in ``docs/quality.md``.

    Parameters
    ----------
    stemmer : str or Stemmer, default "arlstem"
        ``"arlstem"``, ``"isri"``, ``"snowball"``, ``"light"``, ``"none"``, or
        any object with ``stem(token) -> str``.
    stopwords : bool, default True
        Ignore the bundled Arabic stop words when comparing sentences.
    taa_marbuta : bool, default False
        Treat ``ة`` and ``ه`` as the same letter when comparing words.
    splitter : Splitter, optional
        Anything with ``split(text) -> list[Span]``; the default is
        :class:`arsumm.splitter.RuleSplitter`.
    damping : float, default 0.3
        PageRank damping factor, in [0, 1): the weight of the similarity graph
        against the prior (classic TextRank uses 0.85 with a uniform prior).
    prior : {"learned", "position", "uniform"} or LinearPrior, default "learned"
        Teleport distribution of the PageRank (see :mod:`arsumm.prior`).
    position_bias : float, default 1.0
        Exponent of the ``"position"`` prior, >= 0.
    redundancy : float, default 0.3
        Maximal-marginal-relevance penalty for choosing a sentence similar to
        one already chosen, >= 0; 0 picks purely by score.
    boilerplate : bool, default True
        Leave web-page furniture (share buttons, copyright lines, "read also"
        links, navigation crumbs) out of the ranking; such sentences keep their
        offsets, score 0 and are never chosen.
    idf : BackgroundIDF, optional
        Term weights learned from a corpus (see :meth:`fit`); by default the
        IDF is computed over the sentences of each document.
    require_arabic : bool, default True
        Raise :class:`arsumm.NoArabicError` for text without a single Arabic
        letter. Set it to False to summarise other text with the same rules.

    Examples
    --------
    >>> s = Summarizer(stemmer="light")
    >>> s.stemmer
    'light'
    >>> Summarizer(damping=1.5)
    Traceback (most recent call last):
    ...
    ValueError: damping must be in [0, 1), got 1.5
    """

    stemmer: str | Stemmer = "arlstem"
    stopwords: bool = True
    taa_marbuta: bool = False
    splitter: Splitter = field(default_factory=RuleSplitter)
    damping: float = 0.3
    prior: str | LinearPrior = "learned"
    position_bias: float = 1.0
    redundancy: float = 0.3
    boilerplate: bool = True
    idf: BackgroundIDF | None = None
    require_arabic: bool = True
    _analyzer: Analyzer = field(init=False, repr=False, compare=False)
    _prior: LinearPrior | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_number("damping", self.damping, low=0.0, high=1.0, high_open=True)
        _check_number("position_bias", self.position_bias, low=0.0)
        _check_number("redundancy", self.redundancy, low=0.0)
        if isinstance(self.splitter, str) or not callable(getattr(self.splitter, "split", None)):
            raise TypeError(
                f"splitter must have a .split(text) method, got {type(self.splitter).__name__}"
            )
        for name in ("stopwords", "taa_marbuta", "require_arabic", "boilerplate"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if isinstance(self.prior, LinearPrior):
            prior: LinearPrior | None = self.prior
        elif self.prior in _PRIORS:
            prior = load_default_prior() if self.prior == "learned" else None
        else:
            raise ValueError(
                f"prior must be one of {', '.join(map(repr, _PRIORS))} or a LinearPrior, "
                f"got {self.prior!r}"
            )
        analyzer = Analyzer(
            stemmer=self.stemmer, stopwords=self.stopwords, taa_marbuta=self.taa_marbuta
        )
        if self.idf is not None:
            if not isinstance(self.idf, BackgroundIDF):
                raise TypeError(f"idf must be a BackgroundIDF, got {type(self.idf).__name__}")
            self.idf.check_analyzer(analyzer)
        object.__setattr__(self, "_analyzer", analyzer)
        object.__setattr__(self, "_prior", prior)

    # -- pipeline -----------------------------------------------------------
    def _spans(self, text: object) -> tuple[str, list[Span]]:
        text = _check_text(text)
        if not text.strip():
            raise EmptyTextError(
                "text is empty or contains only whitespace; pass the article's text"
            )
        if self.require_arabic and not has_arabic_letter(text):
            raise NoArabicError(
                "text contains no Arabic letter; pass Arabic text, or use "
                "Summarizer(require_arabic=False) to summarise it anyway"
            )
        spans = self.splitter.split(text)
        if not spans:
            raise EmptyTextError("the splitter found no sentence in the text")
        return text, spans

    def _content(self, spans: list[Span]) -> list[int]:
        """Indices of the sentences that take part in the ranking."""
        if not self.boilerplate:
            return list(range(len(spans)))
        content = [i for i, span in enumerate(spans) if not is_boilerplate(span.text)]
        if not content:
            raise NoContentError(
                "every sentence looks like web-page boilerplate (share buttons, copyright, "
                "navigation); pass boilerplate=False to summarise it anyway"
            )
        return content

    def _terms(self, spans: list[Span]) -> _Prepared:
        """The ranked sentences of one document and their terms (no vectors yet)."""
        content = self._content(spans)
        chosen = [spans[i] for i in content]
        term_lists, words = self._analyzer.terms_and_words(span.text for span in chosen)
        return _Prepared(content, chosen, term_lists, words)

    def _document(
        self, text: str, spans: list[Span], prepared: _Prepared | None = None
    ) -> _Document:
        """Vectorise the ranked sentences of one document and build their graph.

        ``prepared`` (from :meth:`_terms`, possibly with its vectors computed
        in a batch by :mod:`arsumm.batch`) skips the work already done.
        """
        content, chosen, term_lists, words, vectors = prepared or self._terms(spans)
        if self.idf is not None:
            vectors = self.idf.vectors(term_lists)
            if vectors.nnz == 0:
                raise _no_content()
        elif vectors is None:
            vectors = term_vectors(term_lists)
        return _Document(text, chosen, content, term_lists, words, vectors, ranking_graph(vectors))

    def _teleport(self, doc: _Document) -> FloatArray | None:
        n = len(doc.spans)
        if self.prior == "uniform" or n == 0:
            return None
        if self.prior == "position":
            return position_prior(n, self.position_bias)
        assert self._prior is not None
        return self._prior.weights(doc.features())

    def _score(
        self, text: str, spans: list[Span], prepared: _Prepared | None = None
    ) -> tuple[FloatArray, _Document]:
        """Score every sentence; return the scores and the ranked document."""
        doc = self._document(text, spans, prepared)
        content_scores = pagerank(
            doc.graph, damping=self.damping, personalization=self._teleport(doc)
        )
        scores = np.zeros(len(spans))
        scores[doc.content] = content_scores
        return scores, doc

    # -- public API ---------------------------------------------------------
    def fit(self, corpus: Iterable[str]) -> Summarizer:
        """Return a copy of this summarizer whose IDF is learned from ``corpus``.

        Parameters
        ----------
        corpus : iterable of str
            Documents of the domain (whole articles, not sentences).

        Examples
        --------
        >>> import arsumm
        >>> fitted = Summarizer().fit([arsumm.demo_text(), "نص آخر عن الطقس والمطر."])
        >>> fitted.idf.n_documents
        2
        >>> len(fitted.summarize(arsumm.demo_text(), k=2))
        2
        """
        return dataclasses.replace(self, idf=BackgroundIDF.fit(corpus, self._analyzer))

    def analyze(
        self,
        text: str,
        *,
        k: int | None = None,
        ratio: float | None = None,
        max_words: int | None = None,
    ) -> Analysis:
        """Rank every sentence and choose the summary in one pass.

        Takes the same arguments as :meth:`summarize`.

        Examples
        --------
        >>> import arsumm
        >>> result = Summarizer().analyze(arsumm.demo_text(), k=2)
        >>> len(result.sentences), [s.index for s in result.summary]
        (17, [0, 1])
        """
        budget = Budget.of(k=k, ratio=ratio, max_words=max_words)
        text, spans = self._spans(text)
        return self._analyze(text, spans, budget)

    def _analyze(
        self, text: str, spans: list[Span], budget: Budget, prepared: _Prepared | None = None
    ) -> Analysis:
        """:meth:`analyze` after splitting."""
        scores, doc, chosen = self._choose(text, spans, budget, prepared)
        sentences = [
            Sentence(i, span.start, span.end, span.text, float(score))
            for i, (span, score) in enumerate(zip(spans, scores, strict=True))
        ]
        summary = [sentences[i] for i in chosen]
        content_set = set(doc.content)
        boilerplate = tuple(i for i in range(len(spans)) if i not in content_set)
        return Analysis(sentences, summary, boilerplate)

    def _summary(
        self, text: str, spans: list[Span], budget: Budget, prepared: _Prepared | None = None
    ) -> list[Sentence]:
        """The summary :meth:`_analyze` would return, without the other sentences'
        objects (the entry point of :meth:`summarize` and :mod:`arsumm.batch`)."""
        scores, _, chosen = self._choose(text, spans, budget, prepared)
        return [
            Sentence(i, spans[i].start, spans[i].end, spans[i].text, float(scores[i]))
            for i in chosen
        ]

    def _choose(
        self, text: str, spans: list[Span], budget: Budget, prepared: _Prepared | None
    ) -> tuple[FloatArray, _Document, list[int]]:
        """Score the sentences and pick the summary: scores, document, chosen indices."""
        scores, doc = self._score(text, spans, prepared)
        picked = select_diverse(
            scores[doc.content], doc.graph, doc.words, budget, redundancy=self.redundancy
        )
        return scores, doc, [doc.content[j] for j in picked]

    def rank(self, text: str) -> list[Sentence]:
        """Score every sentence of ``text``.

        Returns
        -------
        list of Sentence
            All sentences in document order; their scores sum to 1.

        Examples
        --------
        >>> import arsumm
        >>> ranked = Summarizer().rank(arsumm.demo_text())
        >>> round(sum(s.score for s in ranked), 6)
        1.0
        """
        text, spans = self._spans(text)
        scores, _ = self._score(text, spans)
        return [
            Sentence(i, span.start, span.end, span.text, float(score))
            for i, (span, score) in enumerate(zip(spans, scores, strict=True))
        ]

    def summarize(
        self,
        text: str,
        *,
        k: int | None = None,
        ratio: float | None = None,
        max_words: int | None = None,
    ) -> list[Sentence]:
        """Return the best sentences of ``text`` in document order.

        Parameters
        ----------
        text : str
            The article.
        k : int, optional
            Number of sentences (the default budget is ``k=3``).
        ratio : float, optional
            Fraction of the article's words, in (0, 1]; boilerplate sentences
            do not count.
        max_words : int, optional
            Word budget. Pass at most one of ``k``, ``ratio``, ``max_words``.

        Returns
        -------
        list of Sentence
            At least one sentence; all of them if ``k`` exceeds their number.

        Raises
        ------
        TypeError
            ``text`` is not a str; a budget has the wrong type.
        EmptyTextError, NoArabicError, NoContentError
            The text has nothing to summarise.
        BudgetError
            The budget is invalid (also a ``ValueError``).
        """
        budget = Budget.of(k=k, ratio=ratio, max_words=max_words)
        text, spans = self._spans(text)
        return self._summary(text, spans, budget)


def _check_number(
    name: str, value: object, *, low: float, high: float = math.inf, high_open: bool = False
) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    ok = low <= value and (value < high if high_open else value <= high) and math.isfinite(value)
    if not ok:
        interval = f"[{low:g}, {high:g})" if high_open else f">= {low:g}"
        if high_open:
            raise ValueError(f"{name} must be in {interval}, got {value}")
        raise ValueError(f"{name} must be a finite number {interval}, got {value}")


def _no_content() -> NoContentError:
    return NoContentError(
        "no words left to compare after removing punctuation, digits and stop words; "
        "the text needs at least one content word"
    )


def choose(ranked: list[Sentence], budget: Budget) -> list[Sentence]:
    """Apply the budget rule to the output of :meth:`Summarizer.rank`.

    This is the plain rule (best score first), without the redundancy
    control of :meth:`Summarizer.summarize`; boilerplate sentences (score 0)
    are never chosen unless nothing else scores.

    Examples
    --------
    >>> import arsumm
    >>> ranked = Summarizer().rank(arsumm.demo_text())
    >>> [s.index for s in choose(ranked, Budget.of(k=2))]
    [0, 1]
    """
    scores = np.array([s.score for s in ranked])
    pool = [i for i, s in enumerate(scores) if s > 0] or list(range(len(ranked)))
    order = [pool[i] for i in order_by_score(scores[pool])]
    words = [len(s.text.split()) for s in ranked]
    return [ranked[i] for i in select(order, words, budget)]


_DEFAULT: Summarizer | None = None


def summarize(
    text: str,
    k: int | None = None,
    *,
    ratio: float | None = None,
    max_words: int | None = None,
    **options: object,
) -> list[Sentence]:
    """Summarise ``text`` with a :class:`Summarizer` built from ``options``.

    Parameters
    ----------
    text : str
        The article.
    k, ratio, max_words
        The length budget; see :meth:`Summarizer.summarize`.
    **options
        Keyword arguments of :class:`Summarizer`, e.g. ``stemmer="light"``.

    Examples
    --------
    >>> import arsumm
    >>> text = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."
    >>> [s.text for s in arsumm.summarize(text, k=1)]
    ['الطقس حار اليوم في عمان.']
    """
    global _DEFAULT
    if options:
        summarizer = Summarizer(**options)  # type: ignore[arg-type]
    else:
        if _DEFAULT is None:
            _DEFAULT = Summarizer()
        summarizer = _DEFAULT
    return summarizer.summarize(text, k=k, ratio=ratio, max_words=max_words)
