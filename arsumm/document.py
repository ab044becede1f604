"""The record of one prepared text, which every stage reads and extends.

A :class:`Document` is what :meth:`arsumm.Summarizer.prepare` makes of a
text: its sentences as spans of the caller's string, which of them take part
in the ranking (boilerplate does not), and the terms and word count of each
ranked sentence. :meth:`arsumm.Summarizer.vectorize` returns a copy with the
TF-IDF vectors and the similarity graph of the ranked sentences filled in;
:meth:`~arsumm.Summarizer.score` and :meth:`~arsumm.Summarizer.choose`
read it. The record is immutable: a stage returns a new one.

Two ways of indexing sentences meet here. *Sentence indices* count every
sentence of the text (``spans``); *ranked positions* count the ranked
sentences only (the rows of ``vectors`` and ``graph``, the items of
``terms`` and ``words``). ``ranked[p]`` is the sentence index of ranked
position ``p``.

Examples
--------
>>> import arsumm
>>> s = arsumm.Summarizer()
>>> doc = s.prepare("الرئيسية » أخبار » محليات\\nهطلت أمطار غزيرة على المدينة. وتوقفت الدراسة.")
>>> len(doc.spans), doc.ranked, doc.boilerplate
(3, (1, 2), (0,))
>>> doc.words, doc.vectors is None
((5, 2), True)
>>> s.vectorize(doc).vectors.shape
(2, 6)
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias, overload

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from arsumm.splitter import Span

__all__ = ["Document", "Graph", "LazyTerms"]

#: A similarity graph: a dense array for a short document, sparse otherwise
#: (see :func:`arsumm.graph.ranking_graph`).
Graph: TypeAlias = sp.csr_matrix | npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One text, split, analysed and (once vectorised) with its graph.

    Attributes
    ----------
    text : str
        The caller's string, unchanged.
    spans : tuple of Span
        Every sentence, in document order: ``text[s.start:s.end] == s.text``.
    ranked : tuple of int
        Sentence indices of the sentences that take part in the ranking, in
        document order (all of them unless some are boilerplate).
    terms : sequence of list of str
        The terms (normalised, stemmed content words) of each ranked sentence:
        a tuple, or for a document summarised by its opening (``lead``), which
        needs no vectors (no fitted ``idf``), with a built-in stemmer, a
        :class:`LazyTerms` that analyses a sentence when it is first read.
        Either way ``terms[p]`` is the same list; ``tuple(terms)`` gives a
        tuple.
    words : tuple of int
        ``len(sentence.split())`` of each ranked sentence.
    text_words : int
        ``len(text.split())``: the words of the whole text, what a ``ratio``
        budget is a fraction of.
    lead : bool
        Whether the summarizer summarises this document by its opening
        sentences, in document order (a news-like document; see
        ``Summarizer(lead=...)``) rather than by TextRank.
    vectors : scipy.sparse.csr_matrix or None
        L2-normalised TF-IDF rows of the ranked sentences; None until
        :meth:`arsumm.Summarizer.vectorize`.
    graph : numpy.ndarray or scipy.sparse.csr_matrix or None
        Their cosine-similarity graph (no self-loops); None until vectorised.
    """

    text: str
    spans: tuple[Span, ...]
    ranked: tuple[int, ...]
    terms: Sequence[list[str]]
    words: tuple[int, ...]
    text_words: int
    lead: bool = False
    vectors: sp.csr_matrix | None = field(default=None, repr=False)
    graph: Graph | None = field(default=None, repr=False)

    @property
    def boilerplate(self) -> tuple[int, ...]:
        """Sentence indices of the sentences left out of the ranking."""
        if len(self.ranked) == len(self.spans):
            return ()
        kept = set(self.ranked)
        return tuple(i for i in range(len(self.spans)) if i not in kept)

    @property
    def ranked_spans(self) -> list[Span]:
        """The spans of the ranked sentences, in document order."""
        spans = self.spans
        return [spans[i] for i in self.ranked]

    @property
    def vectorized(self) -> bool:
        """Whether the vectors and the graph are filled in."""
        return self.vectors is not None and self.graph is not None


class LazyTerms(Sequence[list[str]]):
    """The terms of each of ``texts``, each analysed when it is first read.

    A document summarised by its opening sentences is never vectorised, so
    :meth:`arsumm.Summarizer.prepare` does not analyse all its sentences: it
    needs only to know that one of them has a term. It indexes, iterates and
    compares like the tuple of the term lists and pickles as that tuple, but
    it is not a ``tuple``: ``tuple(terms)`` gives one (to concatenate, or to
    write it as JSON).

    Parameters
    ----------
    analyze : callable
        ``analyze(sentence) -> list of str`` (an :class:`arsumm.features.Analyzer`).
    texts : sequence of str
        The sentences.

    Examples
    --------
    >>> seen = []
    >>> terms = LazyTerms(lambda s: seen.append(s) or s.split(), ["a b", "c"])
    >>> len(terms), terms[0], seen
    (2, ['a', 'b'], ['a b'])
    >>> terms == (["a", "b"], ["c"]), seen
    (True, ['a b', 'c'])
    """

    __slots__ = ("_analyze", "_terms", "_texts")

    def __init__(self, analyze: Callable[[str], list[str]], texts: Sequence[str]) -> None:
        self._analyze = analyze
        self._texts = tuple(texts)
        self._terms: list[list[str] | None] = [None] * len(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[list[str], ...]: ...

    def __getitem__(self, index: int | slice) -> list[str] | tuple[list[str], ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._texts))))
        position = operator.index(index)
        if position < 0:
            position += len(self._texts)
        if not 0 <= position < len(self._texts):
            raise IndexError(f"sentence position {index} out of range for {len(self)} sentences")
        terms = self._terms[position]
        if terms is None:
            terms = self._terms[position] = self._analyze(self._texts[position])
        return terms

    def __iter__(self) -> Iterator[list[str]]:
        for position in range(len(self._texts)):
            yield self[position]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, LazyTerms)):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a tuple of lists: not hashable

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))
