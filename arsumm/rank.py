"""TextRank: PageRank over the sentence-similarity graph.

The graph has one node per sentence and an edge of weight
``cos(x_i, x_j)`` between two sentences whose TF-IDF vectors share a term;
there are no self-loops. Scores are the stationary distribution of a random
walk that follows edges with probability ``damping`` and otherwise jumps to
a sentence drawn from the personalisation vector (uniform by default). A
sentence without edges (a dangling node) jumps like a teleport. Everything
is sparse: the similarity matrix holds only the non-zero pairs.

Examples
--------
>>> import numpy as np
>>> import scipy.sparse as sp
>>> from arsumm.rank import pagerank
>>> W = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float))
>>> scores = pagerank(W)
>>> [round(float(s), 4) for s in scores]
[0.4865, 0.2568, 0.2568]
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["Ranker", "TextRank", "order_by_score", "pagerank", "similarity_graph"]

FloatArray = npt.NDArray[np.float64]


@runtime_checkable
class Ranker(Protocol):
    """Anything with a ``rank(vectors) -> scores`` method.

    ``vectors`` is the sparse sentence-by-term matrix of one document; the
    result holds one non-negative score per row.
    """

    def rank(self, vectors: sp.csr_matrix) -> FloatArray:
        """Score the sentences whose vectors are the rows of ``vectors``."""
        ...


def similarity_graph(vectors: sp.csr_matrix, *, threshold: float = 0.0) -> sp.csr_matrix:
    """Return the cosine-similarity graph of L2-normalised row vectors.

    Parameters
    ----------
    vectors : scipy.sparse matrix
        One L2-normalised row per sentence.
    threshold : float, default 0.0
        Keep only edges with a similarity strictly above this value.

    Returns
    -------
    scipy.sparse.csr_matrix
        Symmetric, with an empty diagonal.
    """
    graph = sp.csr_matrix(vectors @ vectors.T)
    graph.setdiag(0.0)
    if threshold > 0.0:
        graph.data[graph.data <= threshold] = 0.0
    graph.eliminate_zeros()
    return graph


def pagerank(
    graph: sp.spmatrix | sp.sparray,
    *,
    damping: float = 0.85,
    personalization: FloatArray | None = None,
    tol: float = 1e-10,
    max_iter: int = 200,
) -> FloatArray:
    """PageRank of a weighted directed graph by power iteration.

    Parameters
    ----------
    graph : scipy.sparse matrix, shape (n, n)
        ``graph[i, j]`` is the weight of the edge i -> j (non-negative).
    damping : float, default 0.85
        Probability of following an edge rather than teleporting.
    personalization : array of shape (n,), optional
        Teleport distribution (normalised here); uniform if omitted. Dangling
        nodes jump according to it too, as in ``networkx.pagerank``.
    tol : float, default 1e-10
        Stop when the L1 change between iterations falls below ``n * tol``.
    max_iter : int, default 200
        Iteration cap; the last iterate is returned if it is reached.

    Returns
    -------
    numpy.ndarray of shape (n,)
        Non-negative scores that sum to 1.
    """
    if not 0.0 <= damping < 1.0:
        raise ValueError(f"damping must be in [0, 1), got {damping}")
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    matrix = sp.csr_matrix(graph, dtype=np.float64)
    if personalization is None:
        teleport = np.full(n, 1.0 / n)
    else:
        teleport = np.asarray(personalization, dtype=np.float64)
        if teleport.shape != (n,) or np.any(teleport < 0) or not np.isfinite(teleport).all():
            raise ValueError("personalization must be n finite non-negative numbers")
        total = teleport.sum()
        if total <= 0:
            raise ValueError("personalization must have a positive sum")
        teleport = teleport / total
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    # transition^T so that x_new = damping * P^T x
    transition_t = sp.csr_matrix(sp.diags(inverse) @ matrix).T.tocsr()
    scores = teleport.copy()
    for _ in range(max_iter):
        previous = scores
        dangling_mass = previous[dangling].sum()
        scores = (
            damping * (transition_t @ previous + dangling_mass * teleport)
            + (1.0 - damping) * teleport
        )
        if np.abs(scores - previous).sum() < n * tol:
            break
    total = scores.sum()
    result: FloatArray = scores / total
    return result


def order_by_score(scores: FloatArray) -> list[int]:
    """Return sentence indices from best to worst, ties broken by position.

    Scores are compared after rounding to 12 decimals, so differences left
    by floating-point arithmetic do not decide a tie.

    Examples
    --------
    >>> order_by_score(np.array([0.2, 0.4, 0.2, 0.2]))
    [1, 0, 2, 3]
    """
    rounded = np.round(np.asarray(scores, dtype=np.float64), 12)
    order = np.lexsort((np.arange(len(rounded)), -rounded))
    return [int(i) for i in order]


class TextRank:
    """Rank sentences by PageRank over their cosine-similarity graph.

    Parameters
    ----------
    damping : float, default 0.85
    tol : float, default 1e-10
    max_iter : int, default 200
    threshold : float, default 0.0
        Drop edges whose similarity is at most this value.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    >>> [round(float(s), 3) for s in TextRank().rank(X)]
    [0.227, 0.486, 0.286]
    """

    def __init__(
        self,
        *,
        damping: float = 0.85,
        tol: float = 1e-10,
        max_iter: int = 200,
        threshold: float = 0.0,
    ) -> None:
        self.damping = damping
        self.tol = tol
        self.max_iter = max_iter
        self.threshold = threshold

    def rank(self, vectors: sp.csr_matrix, personalization: FloatArray | None = None) -> FloatArray:
        """Return one PageRank score per row of ``vectors``."""
        graph = similarity_graph(vectors, threshold=self.threshold)
        return pagerank(
            graph,
            damping=self.damping,
            personalization=personalization,
            tol=self.tol,
            max_iter=self.max_iter,
        )
