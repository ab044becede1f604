"""The summarizer: a configured pipeline of public stages.

:class:`Summarizer` holds a configuration and runs four stages, each a
public method that takes and returns plain records, so that a caller can
stop after any of them, inspect the :class:`arsumm.Document`, or run a stage
on many documents at once (as :func:`arsumm.summarize_many` does):

1. :meth:`~Summarizer.prepare` — split the text into sentences, leave out
   boilerplate, analyse each ranked sentence into terms;
2. :meth:`~Summarizer.vectorize` (or :meth:`~Summarizer.vectorize_many`) —
   TF-IDF vectors and the similarity graph;
3. :meth:`~Summarizer.score` — the prior's teleport
   (:meth:`~Summarizer.teleport`) and the ranker's scores;
4. :meth:`~Summarizer.choose` — the summary under a length budget, with
   redundancy control.

:meth:`~Summarizer.summarize`, :meth:`~Summarizer.analyze` and
:meth:`~Summarizer.rank` run them in order.

Examples
--------
>>> import arsumm
>>> text = arsumm.demo_text()
>>> summary = arsumm.summarize(text, k=2)
>>> [s.index for s in summary]
[0, 1]
>>> all(text[s.start:s.end] == s.text for s in summary)
True

The same, stage by stage:

>>> s = arsumm.Summarizer()
>>> doc = s.vectorize(s.prepare(text))
>>> scores = s.score(doc)
>>> s.choose(doc, scores, arsumm.Budget.of(k=2))
[0, 1]
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from arsumm.boilerplate import is_boilerplate, is_byline
from arsumm.checks import article, boolean, real
from arsumm.document import Document, LazyTerms
from arsumm.errors import (
    ArsummError,
    ConfigError,
    EmptyTextError,
    NoContentError,
    SplitterError,
)
from arsumm.features import Analyzer, no_content_error, term_vectors_many
from arsumm.graph import ranking_graph
from arsumm.idf import BackgroundIDF
from arsumm.normalize import normalize, normalize_many
from arsumm.prior import (
    LinearPrior,
    features,
    load_default_prior,
    looks_like_news,
    position_prior,
)
from arsumm.rank import FloatArray, Ranker, TextRank
from arsumm.select import Budget, select_diverse
from arsumm.splitter import RuleSplitter, Span, Splitter
from arsumm.stemmer import Stemmer

__all__ = [
    "BYLINE_POSITIONS",
    "DEFAULT_DAMPING",
    "LEAD_MODES",
    "PRIORS",
    "Analysis",
    "Sentence",
    "Summarizer",
    "check_text",
    "checked_spans",
    "summarize",
]

#: What the NoArabicError of text without an Arabic letter suggests.
_NO_ARABIC_REMEDY = "use Summarizer(require_arabic=False) to summarise it anyway"

#: The damping of the default ranker (see ``docs/quality.md``).
DEFAULT_DAMPING = 0.3
#: The built-in priors, by name.
PRIORS = ("learned", "position", "uniform")
#: The choices of ``Summarizer(lead=...)``.
LEAD_MODES = ("auto", "never", "always")
#: Bylines are looked for among this many first ranked sentences.
BYLINE_POSITIONS = 2


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

    def __reduce__(self) -> tuple[type[Sentence], tuple[int, int, int, str, float]]:
        # a plain tuple of fields: pickles several times faster than a dataclass's state
        return Sentence, (self.index, self.start, self.end, self.text, self.score)


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


def check_text(text: object) -> str:
    """Return ``text`` if it is a str; raise a TypeError that says what to pass.

    Examples
    --------
    >>> check_text(b"abc")
    Traceback (most recent call last):
    ...
    TypeError: text must be a str, got bytes (decode bytes first, e.g. data.decode('utf-8'))
    """
    if not isinstance(text, str):
        hint = (
            " (decode bytes first, e.g. data.decode('utf-8'))"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        raise TypeError(f"text must be a str, got {type(text).__name__}{hint}")
    return text


@dataclass(frozen=True, kw_only=True)
class Summarizer:
    """An extractive summarizer with a fixed configuration.

    All parameters are keyword-only and validated when the object is made:
    a value of the wrong type raises :class:`TypeError`, a value out of
    range :class:`arsumm.ConfigError`. The defaults are the configuration
    measured in ``docs/quality.md``.

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
        :class:`arsumm.RuleSplitter`.
    damping : float, default 0.3
        PageRank damping factor of the built-in ranker, in [0, 1): the weight
        of the similarity graph against the prior (classic TextRank uses 0.85
        with a uniform prior).
    ranker : Ranker, optional
        Anything with ``rank(document, teleport) -> scores``; the default is
        ``TextRank(damping=damping)``. With a ranker of your own, leave
        ``damping`` at its default (set it on the ranker instead). A document
        summarised by its opening (see ``lead``) is not ranked.
    prior : {"learned", "position", "uniform"} or LinearPrior, default "learned"
        Teleport distribution of the PageRank (see :mod:`arsumm.prior`).
    position_bias : float, default 1.0
        Exponent of the ``"position"`` prior, >= 0.
    redundancy : float, default 0.3
        Maximal-marginal-relevance penalty for choosing a sentence similar to
        one already chosen, >= 0; 0 picks purely by score.
    lead : {"auto", "never", "always"}, default "auto"
        Which documents are summarised by their opening sentences, in
        document order, instead of by TextRank: ``"auto"``, the documents
        that read like news (:func:`arsumm.prior.looks_like_news`: most
        sentences start a paragraph, or many report speech), for which
        nothing beats the opening (``docs/quality.md``); ``"never"`` or
        ``"always"``. Their sentences score by position, ``(j + 1) ** -1``
        normalised, and no redundancy control applies.
    boilerplate : bool, default True
        Leave web-page furniture (share buttons, copyright lines, "read also"
        links, navigation crumbs, app notices, and a byline or dateline among
        the first two sentences) out of the ranking; such sentences keep their
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
    arsumm.errors.ConfigError: damping must be in [0, 1), got 1.5
    >>> Summarizer("light")
    Traceback (most recent call last):
    ...
    TypeError: Summarizer.__init__() takes 1 positional argument but 2 were given
    """

    stemmer: str | Stemmer = "arlstem"
    stopwords: bool = True
    taa_marbuta: bool = False
    splitter: Splitter = field(default_factory=RuleSplitter)
    damping: float = DEFAULT_DAMPING
    ranker: Ranker | None = None
    prior: str | LinearPrior = "learned"
    position_bias: float = 1.0
    redundancy: float = 0.3
    lead: str = "auto"
    boilerplate: bool = True
    idf: BackgroundIDF | None = None
    require_arabic: bool = True
    _analyzer: Analyzer = field(init=False, repr=False, compare=False)
    _ranker: Ranker = field(init=False, repr=False, compare=False)
    _prior: LinearPrior | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        damping = real("damping", self.damping, low=0.0, high=1.0, high_open=True)
        object.__setattr__(self, "damping", damping)
        object.__setattr__(self, "position_bias", real("position_bias", self.position_bias, low=0))
        object.__setattr__(self, "redundancy", real("redundancy", self.redundancy, low=0.0))
        if isinstance(self.splitter, str) or not callable(getattr(self.splitter, "split", None)):
            raise TypeError(
                f"splitter must have a .split(text) method, got {type(self.splitter).__name__}"
            )
        for name in ("stopwords", "taa_marbuta", "require_arabic", "boilerplate"):
            boolean(name, getattr(self, name))
        if not isinstance(self.lead, str):
            raise TypeError(f"lead must be a str, got {type(self.lead).__name__}")
        if self.lead not in LEAD_MODES:
            raise ConfigError(
                f"lead must be one of {', '.join(map(repr, LEAD_MODES))}, got {self.lead!r}"
            )
        ranker = _chosen_ranker(self.ranker, damping)
        prior = _chosen_prior(self.prior)
        analyzer = Analyzer(
            stemmer=self.stemmer, stopwords=self.stopwords, taa_marbuta=self.taa_marbuta
        )
        if self.idf is not None:
            if not isinstance(self.idf, BackgroundIDF):
                raise TypeError(f"idf must be a BackgroundIDF, got {type(self.idf).__name__}")
            self.idf.check_analyzer(analyzer)
        object.__setattr__(self, "_analyzer", analyzer)
        object.__setattr__(self, "_ranker", ranker)
        object.__setattr__(self, "_prior", prior)

    @property
    def analyzer(self) -> Analyzer:
        """The analyzer that turns a sentence into its terms (normalise, stop words, stem)."""
        return self._analyzer

    @property
    def builtin_components(self) -> bool:
        """Whether every component is one of arsumm's own (no plug-in of yours).

        With ``n_jobs`` > 1, :func:`arsumm.summarize_many` summarises in the
        calling process too while its workers start only then: a component
        of yours could end the process it runs in, and a worker is there to
        isolate that.

        Examples
        --------
        >>> Summarizer(stemmer="light").builtin_components
        True
        >>> class Upper:
        ...     def stem(self, token):
        ...         return token.upper()
        >>> Summarizer(stemmer=Upper()).builtin_components
        False
        """
        return (
            isinstance(self.stemmer, str)
            and type(self.splitter) is RuleSplitter
            and (self.ranker is None or type(self.ranker) is TextRank)
            and (isinstance(self.prior, str) or type(self.prior) is LinearPrior)
            and (self.idf is None or type(self.idf) is BackgroundIDF)
        )

    # -- stages -------------------------------------------------------------
    def prepare(self, text: str) -> Document:
        """Stage 1: split ``text``, leave out boilerplate, analyse the ranked sentences.

        Returns
        -------
        Document
            Not vectorised yet (see :meth:`vectorize`).

        Raises
        ------
        TypeError
            ``text`` is not a str.
        EmptyTextError, NoArabicError, NoContentError
            The text has nothing to summarise.
        """
        text = article(
            check_text(text),
            require_arabic=self.require_arabic,
            remedy=_NO_ARABIC_REMEDY,
        )
        spans = self.splitter.split(text)
        if not isinstance(self.splitter, RuleSplitter):  # ours keeps the contract (tested)
            spans = checked_spans(spans, text, self.splitter)
        if not spans:
            raise EmptyTextError("the splitter found no sentence in the text")
        if self.boilerplate:
            ranked = tuple(i for i, span in enumerate(spans) if not is_boilerplate(span.text))
            if not ranked:
                raise NoContentError(
                    "every sentence looks like web-page boilerplate (share buttons, copyright, "
                    "navigation); pass boilerplate=False to summarise it anyway"
                )
            bylines = {i for i in ranked[:BYLINE_POSITIONS] if is_byline(spans[i].text)}
            if bylines and len(bylines) < len(ranked):
                ranked = tuple(i for i in ranked if i not in bylines)
            chosen: Sequence[Span] = (
                spans if len(ranked) == len(spans) else [spans[i] for i in ranked]
            )
        else:
            ranked = tuple(range(len(spans)))
            chosen = spans
        lead = looks_like_news(text, chosen) if self.lead == "auto" else self.lead == "always"
        texts = [span.text for span in chosen]
        terms: Sequence[list[str]]
        # Terms are read as needed only with a built-in stemmer: a stemmer of
        # yours may raise on a word, and that must fail this call, not a later one.
        if self._vectors_needed(lead) or not isinstance(self.stemmer, str):
            analysed, words = self._analyzer.terms_and_words(texts)
            terms = tuple(analysed)
        else:  # read in order until one sentence has a term (see needs_vectors)
            terms = LazyTerms(self._analyzer, texts)
            words = list(map(len, map(str.split, texts)))
        return Document(
            text=text,
            spans=tuple(spans),
            ranked=ranked,
            terms=terms,
            words=tuple(words),
            text_words=self._text_words(text, spans, ranked, words),
            lead=lead,
        )

    def _text_words(
        self, text: str, spans: Sequence[Span], ranked: tuple[int, ...], words: list[int]
    ) -> int:
        """``len(text.split())``, from the word counts of the ranked sentences if it can.

        The spans of :class:`arsumm.RuleSplitter` hold every non-space
        character of the text and no space at either end: the text's words
        are the spans' words, less one for each span that starts where the
        one before ends (a word cut in two, as in «نوح.و»).
        """
        if type(self.splitter) is not RuleSplitter:
            return len(text.split())
        total = sum(words)
        if len(ranked) != len(spans):
            kept = set(ranked)
            total += sum(len(span.text.split()) for i, span in enumerate(spans) if i not in kept)
        return total - sum(a.end == b.start for a, b in itertools.pairwise(spans))

    def vectorize(self, document: Document) -> Document:
        """Stage 2: the TF-IDF vectors and similarity graph of ``document``.

        Raises
        ------
        NoContentError
            No ranked sentence has a single term.
        """
        result = self.vectorize_many([document])[0]
        if isinstance(result, ArsummError):
            raise result
        return result

    def vectorize_many(self, documents: Sequence[Document]) -> list[Document | ArsummError]:
        """Stage 2 for many documents in one pass of array operations.

        Each document keeps its own vocabulary and IDF: the vectors equal
        :meth:`vectorize`'s bit for bit, only the fixed costs are shared. A
        document without a single term gets its :class:`NoContentError` in
        its place (returned, not raised), so that the others go on.
        """
        if self.idf is not None:
            out: list[Document | ArsummError] = []
            for document in documents:
                vectors = self.idf.vectors(document.terms)
                if vectors.nnz == 0:
                    out.append(self._no_content(document))
                else:
                    out.append(_with_vectors(document, vectors))
            return out
        blocks = term_vectors_many([document.terms for document in documents])
        return [
            self._no_content(document)
            if isinstance(block, NoContentError)
            else _with_vectors(document, block)
            for document, block in zip(documents, blocks, strict=True)
        ]

    def _no_content(self, document: Document) -> NoContentError:
        """Why a document has no term: no content word, or a stemmer that emptied them all."""
        analyzer = self._analyzer
        if any(analyzer.content_words(span.text) for span in document.ranked_spans):
            stemmer = self.stemmer if isinstance(self.stemmer, str) else type(self.stemmer).__name__
            return NoContentError(
                f"the stemmer {stemmer!r} returned an empty stem for every content word of the "
                "text; check that its stem() returns the stem, not an empty string"
            )
        return no_content_error()

    def teleport(self, document: Document) -> FloatArray | None:
        """The prior's teleport distribution over the ranked sentences (None: uniform)."""
        n = len(document.ranked)
        if self.prior == "uniform" or n == 0:
            return None
        if self.prior == "position":
            return position_prior(n, self.position_bias)
        assert self._prior is not None
        return self._prior.weights(features(self._vectorized(document)))

    def score(self, document: Document) -> FloatArray:
        """Stage 3: one score per sentence of the text (boilerplate scores 0).

        ``document`` is vectorised first if it is not yet and
        :meth:`needs_vectors`. The scores of the ranked sentences are the
        ranker's as it returns them (the built-in :class:`arsumm.TextRank`'s
        sum to 1).
        """
        document = self._ready(document)
        n = len(document.ranked)
        if document.lead:
            ranked_scores = position_prior(n, 1.0)
        else:
            ranked_scores = np.asarray(
                self._ranker.rank(document, self.teleport(document)), dtype=np.float64
            )
        if (
            ranked_scores.shape != (n,)
            or not (ranked_scores.min() >= 0)
            or not (0 < float(ranked_scores.sum()) < math.inf)
        ):
            raise ValueError(
                f"ranker {type(self._ranker).__name__} must return {n} finite scores >= 0 "
                f"with a positive sum, got shape {ranked_scores.shape}"
            )
        if len(document.ranked) == len(document.spans):
            return ranked_scores
        scores = np.zeros(len(document.spans))
        scores[list(document.ranked)] = ranked_scores
        return scores

    def choose(self, document: Document, scores: FloatArray, budget: Budget) -> list[int]:
        """Stage 4: the sentence indices of the summary, in document order.

        Maximal marginal relevance over the ranked sentences
        (:func:`arsumm.select.select_diverse`) with this summarizer's
        ``redundancy``, under ``budget``: a ``ratio`` is a fraction of the
        text's words (``len(text.split())``), a summary's words are the sum of
        ``len(s.text.split())`` over its sentences, and no summary is longer
        than its budget unless it is the single best sentence. Of sentences
        that are equal after normalisation (a headline repeated by a scraper)
        only the first can be chosen.
        """
        document = self._ready(document)
        ranked = document.ranked
        graph = document.graph
        if graph is None:  # a document summarised by its opening: no redundancy control
            graph = np.zeros((0, 0))
        picked = select_diverse(
            scores[list(ranked)] if len(ranked) != len(scores) else scores,
            graph,
            document.words,
            budget,
            redundancy=0.0 if document.lead else self.redundancy,
            candidates=_first_of_equals(document),
            total_words=document.text_words,
        )
        return [ranked[j] for j in picked]

    def _vectorized(self, document: Document) -> Document:
        if not isinstance(document, Document):
            raise TypeError(
                f"expected a Document from Summarizer.prepare(), got {type(document).__name__}"
            )
        return document if document.vectorized else self.vectorize(document)

    def _ready(self, document: Document) -> Document:
        """``document`` as :meth:`score` and :meth:`choose` need it.

        A document summarised by its opening (``document.lead``) needs no
        vectors: its scores are positions and no redundancy control applies.
        It is not vectorised, but raises what :meth:`vectorize` would raise
        for it, so the outcome is the same either way.
        """
        if not isinstance(document, Document):
            raise TypeError(
                f"expected a Document from Summarizer.prepare(), got {type(document).__name__}"
            )
        if document.vectorized or self.needs_vectors(document):
            return self._vectorized(document)
        if not any(document.terms):
            raise self._no_content(document)
        return document

    def needs_vectors(self, document: Document) -> bool:
        """Whether :meth:`score` and :meth:`choose` need ``document`` vectorised.

        A document summarised by its opening (``document.lead``) needs none,
        unless a fitted ``idf`` decides which of its sentences have terms.
        Either way the outcome of the stages is the same; this only spares
        the work (:func:`arsumm.summarize_many` vectorises only the documents
        that need it).

        Examples
        --------
        >>> import arsumm
        >>> s = Summarizer()
        >>> s.needs_vectors(s.prepare(arsumm.demo_text()))  # a news report
        False
        """
        return self._vectors_needed(document.lead)

    def _vectors_needed(self, lead: bool) -> bool:
        return not lead or self.idf is not None

    # -- the whole pipeline -------------------------------------------------
    def fit(self, corpus: Iterable[str]) -> Summarizer:
        """Return a copy of this summarizer whose IDF is learned from ``corpus``.

        Parameters
        ----------
        corpus : iterable of str
            Documents of the domain (whole articles, not sentences).

        Raises
        ------
        TypeError
            ``corpus`` is a single string, or holds something else than strings.

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
        k: int | None = None,
        *,
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
        document = self._ready(self.prepare(text))
        scores = self.score(document)
        chosen = self.choose(document, scores, budget)
        sentences = _sentences(document, scores, range(len(document.spans)))
        return Analysis(sentences, [sentences[i] for i in chosen], document.boilerplate)

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
        document = self._ready(self.prepare(text))
        return _sentences(document, self.score(document), range(len(document.spans)))

    def summarize(
        self,
        text: str,
        k: int | None = None,
        *,
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
            Fraction of the article's words (``len(text.split())``), in (0, 1].
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

        Examples
        --------
        >>> import arsumm
        >>> [s.index for s in Summarizer(stemmer="light").summarize(arsumm.demo_text(), 2)]
        [0, 1]
        """
        budget = Budget.of(k=k, ratio=ratio, max_words=max_words)
        return self.summarize_document(self.prepare(text), budget)

    def summarize_document(self, document: Document, budget: Budget) -> list[Sentence]:
        """Stages 2-4 on a prepared document: the summary's sentences, in document order."""
        document = self._ready(document)
        scores = self.score(document)
        return _sentences(document, scores, self.choose(document, scores, budget))


def _chosen_ranker(ranker: Ranker | None, damping: float) -> Ranker:
    """The ranker a Summarizer uses: ``ranker=`` checked, or TextRank with ``damping``."""
    if ranker is None:
        return TextRank(damping=damping)
    if isinstance(ranker, str) or not callable(getattr(ranker, "rank", None)):
        raise TypeError(
            f"ranker must have a .rank(document, teleport) method, got {type(ranker).__name__}"
        )
    if damping != DEFAULT_DAMPING:
        raise ConfigError(
            "damping sets the built-in ranker's damping; with ranker= set it on the "
            "ranker instead, e.g. ranker=TextRank(damping=0.85)"
        )
    return ranker


def _chosen_prior(prior: str | LinearPrior) -> LinearPrior | None:
    """The prior a Summarizer uses for ``prior=`` (None for "none")."""
    if isinstance(prior, LinearPrior):
        return prior
    if isinstance(prior, str) and prior in PRIORS:
        return load_default_prior() if prior == "learned" else None
    if isinstance(prior, str):
        raise ConfigError(
            f"prior must be one of {', '.join(map(repr, PRIORS))} or a LinearPrior, got {prior!r}"
        )
    raise TypeError(f"prior must be a str or a LinearPrior, got {type(prior).__name__}")


def checked_spans(spans: object, text: str, splitter: object) -> list[Span]:
    """Return ``spans`` as a list if they keep the :class:`arsumm.Splitter` contract.

    Every item is a :class:`arsumm.Span` with integer offsets, ``0 <= start <
    end <= len(text)``, ``text[start:end] == span.text``, sorted and disjoint.

    Raises
    ------
    SplitterError
        The first span that breaks the contract, and the splitter that made it.

    Examples
    --------
    >>> class Bad:
    ...     def split(self, text):
    ...         return [Span(0, 3, "abc"), Span(2, 5, "cde")]
    >>> checked_spans(Bad().split("abcde"), "abcde", Bad())
    Traceback (most recent call last):
    ...
    arsumm.errors.SplitterError: splitter Bad returned overlapping or unsorted spans: span 1 ...
    """
    name = type(splitter).__name__
    if isinstance(spans, str | bytes) or not isinstance(spans, Iterable):
        raise SplitterError(
            f"splitter {name} must return a list of arsumm.Span, got {type(spans).__name__}"
        )
    out: list[Span] = []
    previous_end = 0
    for i, span in enumerate(spans):
        if not isinstance(span, Span):
            raise SplitterError(
                f"splitter {name} returned a {type(span).__name__} as span {i}; "
                "return arsumm.Span(start, end, text[start:end]) objects"
            )
        start, end = span.start, span.end
        for field_name, value in (("start", start), ("end", end)):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise SplitterError(
                    f"splitter {name} returned span {i} with a {type(value).__name__} "
                    f"{field_name} ({value!r}); offsets must be integers"
                )
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            raise SplitterError(
                f"splitter {name} returned span {i} = [{start}, {end}), outside the text "
                f"of {len(text)} characters or empty"
            )
        if start < previous_end:
            raise SplitterError(
                f"splitter {name} returned overlapping or unsorted spans: span {i} starts at "
                f"{start}, before the end of span {i - 1} ({previous_end})"
            )
        if span.text != text[start:end]:
            raise SplitterError(
                f"splitter {name} returned span {i} whose text is not text[{start}:{end}]; "
                "Span.text must be the slice of the caller's string"
            )
        if type(span.start) is not int or type(span.end) is not int:  # numpy integers
            span = Span(start, end, span.text)
        out.append(span)
        previous_end = end
    return out


def _first_of_equals(document: Document) -> list[int] | None:
    """Ranked positions, without those of a sentence equal to an earlier one (None: all).

    Two sentences can be equal only if their terms are: the texts are
    normalised and compared only then. Terms not analysed yet
    (:class:`arsumm.document.LazyTerms`) are not analysed for this: the
    normalised texts are compared at once, all in one normalisation.
    """
    spans = document.spans
    if isinstance(document.terms, LazyTerms):
        folded = _folded_many([spans[i].text for i in document.ranked])
        first: dict[str, int] = {}
        for position, text in enumerate(folded):
            first.setdefault(text, position)
        return None if len(first) == len(folded) else list(first.values())
    keys = list(map(tuple, document.terms))
    if len(set(keys)) == len(keys):
        return None  # no two sentences with the same terms: the common case
    seen: dict[tuple[str, ...], list[int]] = {}
    repeats: list[int] = []
    for position, key in enumerate(keys):
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = [position]
            continue
        text = _folded(spans[document.ranked[position]].text)
        if any(_folded(spans[document.ranked[p]].text) == text for p in earlier):
            repeats.append(position)
        else:
            earlier.append(position)
    if not repeats:
        return None
    dropped = set(repeats)
    return [p for p in range(len(document.terms)) if p not in dropped]


def _folded(sentence: str) -> str:
    return " ".join(normalize(sentence).split())


def _folded_many(sentences: list[str]) -> list[str]:
    """``[_folded(s) for s in sentences]``, in one normalisation."""
    return [" ".join(piece.split()) for piece in normalize_many(sentences)]


def _with_vectors(document: Document, vectors: sp.csr_matrix) -> Document:
    return dataclasses.replace(document, vectors=vectors, graph=ranking_graph(vectors))


def _sentences(document: Document, scores: FloatArray, indices: Iterable[int]) -> list[Sentence]:
    spans = document.spans
    values = scores.tolist()
    return [Sentence(i, spans[i].start, spans[i].end, spans[i].text, values[i]) for i in indices]


_DEFAULT: Summarizer | None = None


def summarize(
    text: str,
    k: int | None = None,
    *,
    ratio: float | None = None,
    max_words: int | None = None,
) -> list[Sentence]:
    """Summarise ``text`` with the default :class:`Summarizer`.

    The same as ``Summarizer().summarize(text, ...)``, with the same
    arguments; make a :class:`Summarizer` for any other configuration.

    Examples
    --------
    >>> import arsumm
    >>> text = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."
    >>> [s.text for s in arsumm.summarize(text, k=1)]
    ['الطقس حار اليوم في عمان.']
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Summarizer()
    return _DEFAULT.summarize(text, k, ratio=ratio, max_words=max_words)
