"""TextRank's ranking: PageRank over the sentence-similarity graph.

Scores are the stationary distribution of a random walk that follows the
edges of the graph (:mod:`arsumm.graph`) with probability ``damping`` and
otherwise jumps to a sentence drawn from the personalisation (teleport)
vector, uniform by default. A sentence without edges (a dangling node)
jumps like a teleport.

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

import math
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.linalg.lapack import dgesv

from arsumm.checks import integer, real
from arsumm.graph import DENSE_MAX_NODES

if TYPE_CHECKING:
    from arsumm.document import Document

__all__ = ["Ranker", "TextRank", "order_by_score", "pagerank", "pagerank_pairs"]

FloatArray = npt.NDArray[np.float64]

#: Up to this many nodes PageRank is solved directly (one LU factorisation).
_SOLVE_MAX_NODES = 32


@runtime_checkable
class Ranker(Protocol):
    """Anything with a ``rank(document, teleport) -> scores`` method.

    ``document`` is a vectorised :class:`arsumm.Document` (its ``vectors``
    and ``graph`` are filled in); ``teleport`` is the prior's distribution
    over the ranked sentences, or None for none. The result holds one finite,
    non-negative score per ranked sentence (the rows of ``document.vectors``).
    :class:`TextRank` is the built-in one.
    """

    def rank(self, document: Document, teleport: FloatArray | None) -> FloatArray:
        """Score the ranked sentences of ``document``."""
        ...


def pagerank(
    graph: sp.spmatrix | sp.sparray | npt.NDArray[np.floating],
    *,
    damping: float = 0.85,
    personalization: FloatArray | None = None,
    tol: float = 1e-10,
    max_iter: int = 200,
) -> FloatArray:
    """PageRank of a weighted directed graph by power iteration.

    A graph of up to 32 nodes is solved directly instead: one linear solve
    gives the fixed point the iteration converges to (``tol`` and
    ``max_iter`` do not apply). A :class:`SimilarityGraph` with a
    ``residual`` is ranked as ``graph + outer(residual, residual) /
    residual.sum()``, without ever forming that dense matrix.

    Parameters
    ----------
    graph : scipy.sparse matrix or numpy array, shape (n, n)
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
    teleport = _teleport(personalization, n)
    residual = getattr(graph, "residual", None)
    low_rank = None
    if n <= DENSE_MAX_NODES:
        if isinstance(graph, np.ndarray):
            dense = np.asarray(graph, dtype=np.float64)  # read only: never modified below
        else:
            dense = np.asarray(graph.toarray(), dtype=np.float64)
        if residual is not None:
            dense = dense + np.outer(residual, residual) / residual.sum()
        if n <= _SOLVE_MAX_NODES:
            return _solve(dense, damping, teleport)
        transition_t, dangling = _dense_step(dense, damping)
    else:
        transition_t, dangling, low_rank = _sparse_step(
            sp.csr_matrix(graph, dtype=np.float64), damping, residual
        )
    return _iterate(transition_t, dangling, low_rank, teleport, damping, n * tol, max_iter)


def pagerank_pairs(
    n_nodes: int,
    first: npt.NDArray[np.int64],
    second: npt.NDArray[np.int64],
    *,
    binary: bool = False,
    damping: float = 0.85,
    personalization: FloatArray | None = None,
    tol: float = 1e-10,
    max_iter: int = 200,
) -> FloatArray:
    """PageRank of the undirected graph whose edges are the pairs ``(first[i], second[i])``.

    The graph a co-occurrence count makes (keyphrases: two words within a
    window): every pair is an edge both ways, a pair that comes ``m`` times
    (in either order) weighs ``m``, or 1 with ``binary``. Because the graph
    is symmetric by construction, its transition matrix is built without a
    transpose; the scores are the same, to the last bit, as
    :func:`pagerank` of that graph's CSR matrix.

    Parameters
    ----------
    n_nodes : int
        Number of nodes; a node in no pair is dangling (it jumps like a teleport).
    first, second : arrays of int, same length
        The pairs, nodes in ``range(n_nodes)``; a pair of a node with itself
        is not allowed.
    binary : bool, default False
        Weigh every distinct pair 1 instead of the times it comes.
    damping, personalization, tol, max_iter
        As for :func:`pagerank`.

    Returns
    -------
    numpy.ndarray of shape (n_nodes,)
        Non-negative scores that sum to 1.

    Raises
    ------
    ValueError
        If the pairs differ in length, name a node outside the range or join a
        node to itself.

    Examples
    --------
    >>> import numpy as np
    >>> scores = pagerank_pairs(3, np.array([0, 0, 1]), np.array([1, 2, 0]))
    >>> [round(float(s), 4) for s in scores]
    [0.4865, 0.3257, 0.1878]
    """
    first = np.asarray(first, dtype=np.int64)
    second = np.asarray(second, dtype=np.int64)
    if first.shape != second.shape or first.ndim != 1:
        raise ValueError("first and second must be 1-d arrays of the same length")
    if first.size and (
        min(first.min(), second.min()) < 0 or max(first.max(), second.max()) >= n_nodes
    ):
        raise ValueError(f"pairs must name nodes in range({n_nodes})")
    if (first == second).any():
        raise ValueError("a pair joins a node to itself; self-loops are not allowed")
    n = np.int64(n_nodes)
    # both directions: sorted unique (row, column) codes give the CSR arrays
    both = np.concatenate([first * n + second, second * n + first])
    if int(n_nodes) ** 2 <= np.iinfo(np.int32).max:
        # the same codes, sorted as 32-bit integers: numpy's vectorised sort is
        # two to three times faster on them than on 64-bit ones
        small, counts = np.unique(both.astype(np.int32), return_counts=True)
        codes = small.astype(np.int64)
    else:
        codes, counts = np.unique(both, return_counts=True)
    weight = np.ones(codes.size) if binary else counts.astype(np.float64)
    row, col = codes // n, codes % n
    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_nodes), out=indptr[1:])
    shape = (n_nodes, n_nodes)
    if n_nodes <= DENSE_MAX_NODES or not 0.0 <= damping < 1.0:
        graph = sp.csr_matrix((weight, col, indptr), shape=shape)
        return pagerank(
            graph, damping=damping, personalization=personalization, tol=tol, max_iter=max_iter
        )
    teleport = _teleport(personalization, n_nodes)
    # row sums are whole numbers (counts): exact in any order of addition
    out_weight = np.bincount(row, weights=weight, minlength=n_nodes)
    dangling = ~(out_weight > 0)
    safe = np.where(dangling, 1.0, out_weight)
    # damping * P^T[i, j] = damping * w[j, i] / out[j] = damping * w[i, j] / out[j]:
    # the graph's own rows, each weight divided by its column's out-weight
    data = weight / safe[col]
    data *= damping
    transition_t = sp.csr_matrix((data, col, indptr), shape=shape)
    return _iterate(
        transition_t,
        dangling if dangling.any() else None,
        None,
        teleport,
        damping,
        n_nodes * tol,
        max_iter,
    )


def _teleport(personalization: FloatArray | None, n: int) -> FloatArray:
    """The teleport distribution: ``personalization`` normalised, or uniform."""
    if personalization is None:
        return np.full(n, 1.0 / n)
    teleport = np.asarray(personalization, dtype=np.float64)
    # min() >= 0 is False for NaN; a finite sum rules out inf
    if teleport.shape != (n,) or not teleport.min() >= 0:
        raise ValueError("personalization must be n finite non-negative numbers")
    total = float(teleport.sum())
    if not math.isfinite(total):
        raise ValueError("personalization must be n finite non-negative numbers")
    if total <= 0:
        raise ValueError("personalization must have a positive sum")
    result: FloatArray = teleport / total
    return result


def _iterate(
    transition_t: FloatArray | sp.csr_matrix,
    dangling: npt.NDArray[np.bool_] | None,
    low_rank: tuple[FloatArray, FloatArray] | None,
    teleport: FloatArray,
    damping: float,
    limit: float,
    max_iter: int,
) -> FloatArray:
    """Power iteration from ``teleport`` until the L1 change is below ``limit``.

    ``transition_t`` is ``damping * P^T`` (dense or CSR), ``dangling`` the
    nodes without edges (or None), ``low_rank`` the rank-one part ``(u, v)``
    of ``damping * P^T`` (``u * (v @ x)``, or None); the last iterate is
    returned after ``max_iter`` steps.
    """
    base = (1.0 - damping) * teleport
    scaled = damping * teleport
    scores = teleport.copy()
    for _ in range(max_iter):
        previous = scores
        scores = transition_t @ previous
        if low_rank is not None:
            scores += (low_rank[1] @ previous) * low_rank[0]
        if dangling is not None:
            scores += previous[dangling].sum() * scaled
        scores += base
        if np.abs(scores - previous).sum() < limit:
            break
    total = scores.sum()
    result: FloatArray = scores / total
    return result


def _solve(graph: FloatArray, damping: float, teleport: FloatArray) -> FloatArray:
    """The fixed point power iteration converges to, by one linear solve.

    ``x = d (P^T x + (dangling . x) t) + (1 - d) t`` with ``sum(x) = 1``,
    i.e. ``(I - d P^T - d t 1_dangling^T) x = (1 - d) t``; the matrix is
    strictly diagonally dominant by columns for d < 1, so it is regular.
    """
    out_weight = graph.sum(axis=1)
    dangling = ~(out_weight > 0)
    # P^T[i, j] = graph[j, i] / out_weight[j]; divide the weights themselves
    # (each <= its row sum): 1 / out_weight could overflow for a subnormal sum
    safe = np.where(dangling, 1.0, out_weight)
    system = graph.T / safe  # Fortran order, as LAPACK wants it
    system *= -damping
    if dangling.any():
        system[:, dangling] = -damping * teleport[:, None]
    diagonal = np.arange(system.shape[0])
    system[diagonal, diagonal] += 1.0
    _, _, scores, info = dgesv(system, (1.0 - damping) * teleport, overwrite_a=1)
    if info != 0:  # pragma: no cover - the matrix is regular for damping < 1
        raise np.linalg.LinAlgError(f"PageRank system is singular (LAPACK info {info})")
    np.maximum(scores, 0.0, out=scores)
    result: FloatArray = scores / scores.sum()
    return result


def _dense_step(
    graph: FloatArray, damping: float
) -> tuple[FloatArray, npt.NDArray[np.bool_] | None]:
    """``damping * P^T`` as a dense array, and the dangling nodes (or None)."""
    out_weight = graph.sum(axis=1)
    dangling = ~(out_weight > 0)
    # divide the weights themselves (each <= its row sum): 1 / out_weight
    # could overflow for a subnormal row sum
    transition = np.divide(
        graph, out_weight[:, None], out=np.zeros_like(graph), where=~dangling[:, None]
    )
    transition_t = np.ascontiguousarray(transition.T)
    transition_t *= damping
    return transition_t, (dangling if dangling.any() else None)


def _sparse_step(
    graph: sp.csr_matrix, damping: float, residual: FloatArray | None
) -> tuple[sp.csr_matrix, npt.NDArray[np.bool_] | None, tuple[FloatArray, FloatArray] | None]:
    """``damping * P^T`` as a CSR matrix, the dangling nodes (or None), and the
    rank-one part ``(u, v)`` of ``damping * P^T`` (``u * (v @ x)``) for a residual."""
    graph.sum_duplicates()
    n = graph.shape[0]
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    if residual is not None:
        out_weight = out_weight + residual
    dangling = ~(out_weight > 0)
    safe = np.where(dangling, 1.0, out_weight)
    rows = np.repeat(np.arange(n), np.diff(graph.indptr))
    # divide the weights themselves (each <= its row sum): 1 / out_weight
    # could overflow for a subnormal row sum
    transition = sp.csr_matrix(
        (graph.data / safe[rows], graph.indices, graph.indptr), shape=graph.shape
    )
    transition_t = sp.csr_matrix(transition.T)
    transition_t.data *= damping
    low_rank = None
    if residual is not None:
        # P^T x gets residual * (residual / out_weight . x) / residual.sum()
        low_rank = (damping * residual / residual.sum(), np.where(dangling, 0.0, residual / safe))
    return transition_t, (dangling if dangling.any() else None), low_rank


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
    """Rank sentences by PageRank over their similarity graph.

    The ranker :class:`arsumm.Summarizer` uses; pass one to
    ``Summarizer(ranker=...)`` to change its settings.

    Parameters
    ----------
    damping : float, default 0.85
        Probability of following an edge rather than teleporting, in [0, 1).
    tol : float, default 1e-10
        Convergence tolerance of the power iteration (see :func:`pagerank`).
    max_iter : int, default 200
        Iteration cap, >= 1.

    Examples
    --------
    >>> import arsumm
    >>> s = arsumm.Summarizer(ranker=TextRank(damping=0.85), prior="uniform")
    >>> text = "ارتفعت أسعار النفط اليوم. وارتفعت أسعار الذهب أيضا. هطل المطر."
    >>> doc = s.vectorize(s.prepare(text))
    >>> [round(float(x), 3) for x in TextRank(damping=0.85).rank(doc, None)]
    [0.465, 0.465, 0.07]
    """

    __slots__ = ("damping", "max_iter", "tol")

    def __init__(self, *, damping: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> None:
        self.damping = real("damping", damping, low=0.0, high=1.0, high_open=True)
        self.tol = real("tol", tol, low=0.0, low_open=True)
        self.max_iter = integer("max_iter", max_iter, low=1)

    def __repr__(self) -> str:
        return f"TextRank(damping={self.damping!r}, tol={self.tol!r}, max_iter={self.max_iter!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TextRank):
            return NotImplemented
        return (self.damping, self.tol, self.max_iter) == (other.damping, other.tol, other.max_iter)

    def __hash__(self) -> int:
        return hash((TextRank, self.damping, self.tol, self.max_iter))

    def __getstate__(self) -> tuple[float, float, int]:
        return self.damping, self.tol, self.max_iter

    def __setstate__(self, state: tuple[float, float, int]) -> None:
        self.damping, self.tol, self.max_iter = state

    def rank(self, document: Document, teleport: FloatArray | None) -> FloatArray:
        """Return one PageRank score per ranked sentence of ``document``."""
        if document.graph is None:
            raise ValueError("the document is not vectorised; pass Summarizer.vectorize(document)")
        return pagerank(
            document.graph,
            damping=self.damping,
            personalization=teleport,
            tol=self.tol,
            max_iter=self.max_iter,
        )
