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

from dataclasses import dataclass, field

import numpy as np

from arsumm.errors import EmptyTextError, NoArabicError
from arsumm.features import Analyzer, sentence_vectors
from arsumm.normalize import has_arabic_letter
from arsumm.rank import FloatArray, TextRank, order_by_score
from arsumm.select import Budget, select
from arsumm.splitter import RuleSplitter, Span, Splitter
from arsumm.stemmer import Stemmer

__all__ = ["Sentence", "Summarizer", "choose", "summarize"]


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
class Summarizer:
    """An extractive summarizer with a fixed configuration.

    All parameters are keyword-only and validated when the object is made.

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
    damping : float, default 0.85
        PageRank damping factor, in [0, 1).
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
    damping: float = 0.85
    require_arabic: bool = True
    _analyzer: Analyzer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.damping, int | float) or not 0.0 <= self.damping < 1.0:
            raise ValueError(f"damping must be in [0, 1), got {self.damping}")
        if isinstance(self.splitter, str) or not callable(getattr(self.splitter, "split", None)):
            raise TypeError(
                f"splitter must have a .split(text) method, got {type(self.splitter).__name__}"
            )
        for name in ("stopwords", "taa_marbuta", "require_arabic"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        analyzer = Analyzer(
            stemmer=self.stemmer, stopwords=self.stopwords, taa_marbuta=self.taa_marbuta
        )
        object.__setattr__(self, "_analyzer", analyzer)

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

    def _scores(self, spans: list[Span]) -> FloatArray:
        vectors = sentence_vectors([s.text for s in spans], self._analyzer)
        return TextRank(damping=self.damping).rank(vectors)

    # -- public API ---------------------------------------------------------
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
        scores = self._scores(spans)
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
            Fraction of the article's words, in (0, 1].
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
        return choose(self.rank(text), budget)


def choose(ranked: list[Sentence], budget: Budget) -> list[Sentence]:
    """Pick the summary from the output of :meth:`Summarizer.rank`.

    Examples
    --------
    >>> import arsumm
    >>> ranked = Summarizer().rank(arsumm.demo_text())
    >>> [s.index for s in choose(ranked, Budget.of(k=2))]
    [0, 1]
    """
    order = order_by_score(np.array([s.score for s in ranked]))
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
