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

from dataclasses import dataclass, field
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from arsumm.splitter import Span

__all__ = ["Document", "Graph"]

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
    terms : tuple of list of str
        The terms (normalised, stemmed content words) of each ranked sentence.
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
    terms: tuple[list[str], ...]
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
