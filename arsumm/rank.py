"""TextRank: PageRank over the sentence-similarity graph.

The graph has one node per sentence and an edge of weight
``cos(x_i, x_j)`` between two sentences whose TF-IDF vectors share a term;
there are no self-loops. Scores are the stationary distribution of a random
walk that follows edges with probability ``damping`` and otherwise jumps to
a sentence drawn from the personalisation vector (uniform by default). A
sentence without edges (a dangling node) jumps like a teleport.

Nothing here builds a dense n x n matrix for a long document:

* up to :data:`EXACT_MAX_SENTENCES` sentences the graph is exact, every
  pair of sentences that share a term (``X @ X.T``);
* above that, :func:`neighbour_graph` keeps each sentence's ``neighbours``
  strongest edges, found block by block of rows, so time and memory grow
  linearly with the length of the document, and records for each sentence
  the similarity mass of the edges it left out, which :func:`pagerank`
  spreads as a rank-one term: the scores stay close to the exact graph's
  (see ``docs/scale.md``);
* small graphs (up to :data:`DENSE_MAX_NODES` nodes, a news article) are
  ranked with dense arrays, where scipy's per-call overhead would cost more
  than the arithmetic.

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
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.linalg.lapack import dgesv

__all__ = [
    "DENSE_MAX_NODES",
    "EXACT_MAX_SENTENCES",
    "NEIGHBOURS",
    "Ranker",
    "SimilarityGraph",
    "TextRank",
    "neighbour_graph",
    "order_by_score",
    "pagerank",
    "ranking_graph",
    "similarity_graph",
]

FloatArray = npt.NDArray[np.float64]

#: Documents with at most this many sentences get the exact similarity graph.
EXACT_MAX_SENTENCES = 2000
#: Edges kept per sentence in the graph of a longer document.
NEIGHBOURS = 10
#: Graphs with at most this many nodes are ranked with dense arrays (above
#: this size numpy hands a matrix-vector product to a multithreaded BLAS).
DENSE_MAX_NODES = 64
#: Up to this many nodes PageRank is solved directly (one LU factorisation).
_SOLVE_MAX_NODES = 32
#: Candidate-pair budget of :func:`neighbour_graph`, per sentence.
CANDIDATE_PAIRS = 100
#: Largest number of candidate pairs scored in one block of rows.
_BLOCK_PAIRS = 1 << 22


@runtime_checkable
class Ranker(Protocol):
    """Anything with a ``rank(vectors) -> scores`` method.

    ``vectors`` is the sparse sentence-by-term matrix of one document; the
    result holds one non-negative score per row.
    """

    def rank(self, vectors: sp.csr_matrix) -> FloatArray:
        """Score the sentences whose vectors are the rows of ``vectors``."""
        ...


class SimilarityGraph(sp.csr_matrix):  # type: ignore[misc]
    """A sparse similarity graph that knows the similarity mass it leaves out.

    A ``scipy.sparse.csr_matrix`` with one more attribute, ``residual``:
    None, or for each sentence the total similarity of the edges the sparse
    graph does not hold (its exact weighted degree minus its kept edges).
    :func:`pagerank` adds the residual back as the rank-one graph
    ``outer(residual, residual) / residual.sum()``, which gives every
    sentence its exact weighted degree: on an undirected graph that is what
    the random walk's stationary distribution is proportional to, so the
    scores stay close to those of the exact graph (see ``docs/scale.md``).
    Matrix operations return plain ``csr_matrix`` objects without it.
    """

    residual: FloatArray | None = None


def similarity_graph(
    vectors: sp.csr_matrix | sp.csr_array,
    *,
    threshold: float = 0.0,
    exact_max: int | None = EXACT_MAX_SENTENCES,
    neighbours: int = NEIGHBOURS,
) -> sp.csr_matrix:
    """Return the cosine-similarity graph of L2-normalised row vectors.

    Parameters
    ----------
    vectors : scipy.sparse matrix
        One L2-normalised row per sentence.
    threshold : float, default 0.0
        Keep only edges with a similarity strictly above this value.
    exact_max : int or None, default EXACT_MAX_SENTENCES
        Up to this many rows the graph is exact: every pair with a positive
        similarity. Above it, each row keeps its ``neighbours`` strongest
        edges (:func:`neighbour_graph`). None: always exact (quadratic).
    neighbours : int, default NEIGHBOURS
        Edges kept per row above ``exact_max``.

    Returns
    -------
    scipy.sparse.csr_matrix
        Symmetric, with an empty diagonal.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    >>> similarity_graph(X).toarray()
    array([[0. , 0.6, 0. ],
           [0.6, 0. , 0.8],
           [0. , 0.8, 0. ]])
    """
    n = vectors.shape[0]
    if exact_max is not None and n > exact_max:
        return neighbour_graph(vectors, neighbours=neighbours, threshold=threshold)
    if n <= DENSE_MAX_NODES:
        return _small_graph(vectors, threshold)
    return _sparse_exact_graph(sp.csr_matrix(vectors), threshold)


def _small_graph(vectors: sp.csr_matrix | sp.csr_array, threshold: float) -> sp.csr_matrix:
    """The exact graph of a few rows as a CSR matrix (see :func:`_small_dense`)."""
    graph = _small_dense(vectors, threshold)
    if graph is None:
        return _sparse_exact_graph(sp.csr_matrix(vectors), threshold)
    n = graph.shape[0]
    nonzero = graph != 0.0
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(nonzero.sum(axis=1), out=indptr[1:])
    columns = np.nonzero(nonzero)[1].astype(np.int32)
    return sp.csr_matrix((graph[nonzero], columns, indptr), shape=(n, n))


def _small_dense(vectors: sp.csr_matrix | sp.csr_array, threshold: float) -> FloatArray | None:
    """The exact graph of a few rows as a dense array, or None if the product is large.

    For a news article scipy's sparse product costs more in per-call
    overhead than in arithmetic. A term used by one sentence only adds to
    that sentence's similarity with itself, which is dropped, so only the
    shared terms (usually a fifth of the vocabulary) are laid out densely
    and multiplied with ``einsum``, which never calls BLAS: a multithreaded
    BLAS on a busy machine can take a hundred times longer on such a small
    product. Larger products (more than ``_DENSE_PRODUCT`` multiply-adds)
    are left to scipy's sparse product: None.
    """
    n, n_terms = vectors.shape
    if not vectors.has_canonical_format:  # duplicate entries would be overwritten below
        vectors = sp.csr_matrix(vectors, copy=True)
        vectors.sum_duplicates()
    indices = vectors.indices
    shared = np.bincount(indices, minlength=n_terms) > 1
    column = np.cumsum(shared) - 1
    width = int(column[-1]) + 1 if n_terms else 0
    if n * n * width > _DENSE_PRODUCT:
        return None
    entry = shared[indices]
    rows = np.repeat(np.arange(n), np.diff(vectors.indptr))
    dense = np.zeros((n, width))
    dense[rows[entry], column[indices[entry]]] = vectors.data[entry]
    graph: FloatArray = np.einsum("ik,jk->ij", dense, dense)
    np.fill_diagonal(graph, 0.0)
    if threshold > 0.0:
        graph[graph <= threshold] = 0.0
    return graph


def ranking_graph(vectors: sp.csr_matrix | sp.csr_array) -> sp.csr_matrix | FloatArray:
    """The graph :func:`similarity_graph` builds, dense for a small document.

    Equal, entry for entry, to ``similarity_graph(vectors)``; a document of
    at most :data:`DENSE_MAX_NODES` sentences gets a dense array, which
    :func:`pagerank` and :func:`arsumm.select.select_diverse` use as it is
    (building a CSR matrix would cost more than ranking an article).

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    >>> np.array_equal(ranking_graph(X), similarity_graph(X).toarray())
    True
    """
    if vectors.shape[0] <= DENSE_MAX_NODES:
        graph = _small_dense(vectors, 0.0)
        # too many shared terms for the dense product: what similarity_graph
        # does next, without laying the shared terms out a second time
        return graph if graph is not None else _sparse_exact_graph(sp.csr_matrix(vectors), 0.0)
    return similarity_graph(vectors)


#: Largest dense product (multiply-adds) :func:`_small_graph` computes itself.
_DENSE_PRODUCT = 1 << 18


def _sparse_exact_graph(matrix: sp.csr_matrix, threshold: float) -> sp.csr_matrix:
    """``matrix @ matrix.T`` without its diagonal (and edges <= threshold)."""
    n = matrix.shape[0]
    graph = sp.csr_matrix(matrix @ matrix.T)
    rows = np.repeat(np.arange(n), np.diff(graph.indptr))
    drop = rows == graph.indices
    if threshold > 0.0:
        drop |= graph.data <= threshold
    if drop.any():
        graph.data[drop] = 0.0
        graph.eliminate_zeros()
    return graph


def neighbour_graph(
    vectors: sp.csr_matrix | sp.csr_array,
    *,
    neighbours: int = NEIGHBOURS,
    threshold: float = 0.0,
    candidate_pairs: int = CANDIDATE_PAIRS,
) -> sp.csr_matrix:
    """Return a sparse similarity graph that keeps each row's strongest edges.

    For a long document the exact graph is quadratic: a word used in a tenth
    of 100,000 sentences links 10^8 pairs. This graph is built in three
    steps, each linear in the number of sentences:

    1. *Candidates.* Terms are taken from the rarest up, as long as the
       pairs they link (``df * (df - 1)`` for a term in ``df`` sentences)
       fit in ``candidate_pairs`` per sentence; two sentences are candidate
       neighbours if they share one of those terms. Rows are processed in
       blocks, and candidates are scored in float32 on those terms only.
    2. *Top-m.* Each sentence keeps its ``neighbours`` best-scored
       candidates (ties go to the earlier sentence).
    3. *Exact weights, symmetric.* Every kept edge gets the exact cosine of
       the two full vectors, in float64, and an edge kept by either end is in
       the graph (the union, so the matrix is symmetric).

    Every edge of the result is therefore an edge of the exact graph with
    the same weight. What is left out are the weak links, mostly through
    frequent words, that make the exact graph quadratic; together they carry
    most of a sentence's weighted degree, which is what PageRank on a
    similarity graph mostly measures. So the result also records, in
    ``residual``, each sentence's exact weighted degree minus its kept
    edges (computed in one pass, without pairs), and :func:`pagerank` adds it
    back as a rank-one term (see :class:`SimilarityGraph`). On EASC
    sentences the scores then correlate with the exact graph's at > 0.99
    (Spearman), against about 0.3 for the top-m graph alone.

    Parameters
    ----------
    vectors : scipy.sparse matrix
        One L2-normalised row per sentence, non-negative.
    neighbours : int, default NEIGHBOURS
        Edges kept per row (before the union).
    threshold : float, default 0.0
        Keep only edges with a similarity strictly above this value.
    candidate_pairs : int, default CANDIDATE_PAIRS
        Budget of step 1, in candidate pairs per sentence.

    Returns
    -------
    SimilarityGraph
        Symmetric, with an empty diagonal; ``residual`` is None with a
        positive ``threshold`` or when nothing was left out.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0], [0.8, 0.6]]))
    >>> G = neighbour_graph(X, neighbours=1)
    >>> G.toarray().round(2)
    array([[0.  , 0.  , 0.  , 0.8 ],
           [0.  , 0.  , 0.8 , 0.96],
           [0.  , 0.8 , 0.  , 0.  ],
           [0.8 , 0.96, 0.  , 0.  ]])
    >>> G.residual.round(2)  # e.g. sentence 0 left out 0 -> 1 (0.6)
    array([0.6, 0.6, 0.6, 0.6])
    """
    if isinstance(neighbours, bool) or not isinstance(neighbours, int) or neighbours < 1:
        raise ValueError(f"neighbours must be an integer >= 1, got {neighbours!r}")
    matrix = sp.csr_matrix(vectors, dtype=np.float64, copy=True)
    matrix.sum_duplicates()  # sorted, unique indices: what _row_dots needs
    n = matrix.shape[0]
    if n == 0:
        return sp.csr_matrix((0, 0))
    candidates = _candidate_terms(matrix, candidate_pairs * n)
    pick = matrix.copy()
    pick.data = np.where(candidates[pick.indices], pick.data, 0.0).astype(np.float32)
    pick.eliminate_zeros()
    pick_t = sp.csr_matrix(pick.T)
    # candidate pairs of each row: the df of its candidate terms, summed
    entry_row = np.repeat(np.arange(n), np.diff(pick.indptr))
    row_pairs = np.bincount(entry_row, weights=np.diff(pick_t.indptr)[pick.indices], minlength=n)
    work = np.zeros(n + 1)
    np.cumsum(row_pairs, out=work[1:])
    # _top_neighbours packs (row in block, 31 bits of score, column) in 63 bits
    max_rows = 1 << max(32 - max(int(n - 1).bit_length(), 1), 0)
    rows: list[npt.NDArray[np.int64]] = []
    cols: list[npt.NDArray[np.int64]] = []
    start = 0
    while start < n:
        # the largest block whose candidate pairs fit in _BLOCK_PAIRS (at least one row)
        stop = int(np.searchsorted(work, work[start] + _BLOCK_PAIRS, side="right")) - 1
        stop = min(max(stop, start + 1), n, start + max_rows)
        block_rows, block_cols = _top_neighbours(pick[start:stop] @ pick_t, start, n, neighbours)
        rows.append(block_rows)
        cols.append(block_cols)
        start = stop
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    weight = _row_dots(matrix, row, col)
    keep = weight > threshold
    directed = sp.coo_matrix((weight[keep], (row[keep], col[keep])), shape=(n, n)).tocsr()
    graph = SimilarityGraph(directed.maximum(directed.T))
    graph.sort_indices()
    if threshold <= 0.0:
        graph.residual = _residual(matrix, graph)
    return graph


def _residual(matrix: sp.csr_matrix, graph: sp.csr_matrix) -> FloatArray | None:
    """Each row's exact weighted degree minus its edges in ``graph`` (None if ~0).

    The weighted degree of sentence i in the exact graph is
    ``sum_j x_i . x_j - x_i . x_i = x_i . (sum_j x_j) - |x_i|^2``: one pass
    over the matrix, no pairs.
    """
    degree = matrix @ np.asarray(matrix.sum(axis=0)).ravel()
    degree -= np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()
    kept = np.asarray(graph.sum(axis=1)).ravel()
    residual = degree - kept
    residual[residual <= 1e-9 * np.maximum(degree, 1e-300)] = 0.0  # rounding, not mass
    return residual if residual.any() else None


def _candidate_terms(matrix: sp.csr_matrix, budget: int) -> npt.NDArray[np.bool_]:
    """Terms, rarest first, whose linked pairs fit in ``budget`` (whole df levels)."""
    n_terms = matrix.shape[1]
    df = np.bincount(matrix.indices, minlength=n_terms).astype(np.int64)
    cost = np.bincount(df, weights=(df * (df - 1)).astype(np.float64))  # pairs per df level
    within = np.flatnonzero(np.cumsum(cost) <= budget)
    max_df = int(within[-1]) if within.size else 2
    return (df >= 2) & (df <= max(max_df, 2))


def _top_neighbours(
    scores: sp.csr_matrix, offset: int, n: int, m: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Return (row, column) of the ``m`` best entries of each row, self excluded.

    Rows of ``scores`` (float32, non-negative) are sentences ``offset,
    offset + 1, ...``. One sort of 64-bit keys does it: the row, then the
    score's float32 bit pattern inverted (for non-negative floats the bit
    pattern orders like the value), then the column, so equal scores go to
    the earlier sentence.
    """
    n_rows = scores.shape[0]
    counts = np.diff(scores.indptr).astype(np.int64)
    row = np.repeat(np.arange(n_rows, dtype=np.int64), counts)
    col = scores.indices.astype(np.int64)
    bits = scores.data.astype(np.float32).view(np.int32).astype(np.int64)
    bits[col == row + offset] = 0  # the sentence itself: worst score, dropped below
    col_bits = max(int(n - 1).bit_length(), 1)
    keys = row << (31 + col_bits)
    keys |= (0x7FFFFFFF - bits) << col_bits
    keys |= col
    keys.sort()
    first = np.repeat(scores.indptr[:-1].astype(np.int64), counts)
    chosen = keys[np.arange(keys.size) - first < m]
    inverted = (chosen >> col_bits) & 0x7FFFFFFF
    chosen = chosen[inverted < 0x7FFFFFFF]  # drop the sentence itself and zero scores
    return (chosen >> (31 + col_bits)) + offset, chosen & ((1 << col_bits) - 1)


def _row_dots(
    matrix: sp.csr_matrix, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> FloatArray:
    """``matrix[left[p]] . matrix[right[p]]`` for every p, in chunks."""
    out = np.empty(left.size, dtype=np.float64)
    step = 1 << 18
    for a in range(0, left.size, step):
        b = min(a + step, left.size)
        product = matrix[left[a:b]].multiply(matrix[right[a:b]])
        out[a:b] = np.asarray(product.sum(axis=1)).ravel()
    return out


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
    if personalization is None:
        teleport = np.full(n, 1.0 / n)
    else:
        teleport = np.asarray(personalization, dtype=np.float64)
        # min() >= 0 is False for NaN; a finite sum rules out inf
        if teleport.shape != (n,) or not teleport.min() >= 0:
            raise ValueError("personalization must be n finite non-negative numbers")
        total = float(teleport.sum())
        if not math.isfinite(total):
            raise ValueError("personalization must be n finite non-negative numbers")
        if total <= 0:
            raise ValueError("personalization must have a positive sum")
        teleport = teleport / total
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
    base = (1.0 - damping) * teleport
    scaled = damping * teleport
    limit = n * tol
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
    """Rank sentences by PageRank over their cosine-similarity graph.

    Parameters
    ----------
    damping : float, default 0.85
    tol : float, default 1e-10
    max_iter : int, default 200
    threshold : float, default 0.0
        Drop edges whose similarity is at most this value.
    exact_max : int or None, default EXACT_MAX_SENTENCES
        Largest document with the exact graph (see :func:`similarity_graph`);
        None for always exact.
    neighbours : int, default NEIGHBOURS
        Edges kept per sentence in longer documents.

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
        exact_max: int | None = EXACT_MAX_SENTENCES,
        neighbours: int = NEIGHBOURS,
    ) -> None:
        self.damping = damping
        self.tol = tol
        self.max_iter = max_iter
        self.threshold = threshold
        self.exact_max = exact_max
        self.neighbours = neighbours

    def rank(self, vectors: sp.csr_matrix, personalization: FloatArray | None = None) -> FloatArray:
        """Return one PageRank score per row of ``vectors``."""
        graph = similarity_graph(
            vectors, threshold=self.threshold, exact_max=self.exact_max, neighbours=self.neighbours
        )
        return pagerank(
            graph,
            damping=self.damping,
            personalization=personalization,
            tol=self.tol,
            max_iter=self.max_iter,
        )
