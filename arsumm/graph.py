"""The sentence-similarity graph that TextRank walks.

The graph has one node per sentence and an edge of weight
``cos(x_i, x_j)`` between two sentences whose TF-IDF vectors share a term;
there are no self-loops.

Nothing here builds a dense n x n matrix for a long document:

* up to :data:`EXACT_MAX_SENTENCES` sentences the graph is exact, every
  pair of sentences that share a term (``X @ X.T``);
* above that, :func:`neighbour_graph` keeps each sentence's ``neighbours``
  strongest edges, found block by block of rows, so time and memory grow
  linearly with the length of the document, and records for each sentence
  the similarity mass of the edges it left out, which
  :func:`arsumm.rank.pagerank` spreads as a rank-one term: the scores stay
  close to the exact graph's (see ``docs/scale.md``);
* small graphs (up to :data:`DENSE_MAX_NODES` nodes, a news article) are
  dense arrays (:func:`ranking_graph`), where scipy's per-call overhead
  would cost more than the arithmetic.

Examples
--------
>>> import numpy as np
>>> import scipy.sparse as sp
>>> from arsumm.graph import similarity_graph
>>> X = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
>>> similarity_graph(X).toarray()
array([[0. , 0.6, 0. ],
       [0.6, 0. , 0.8],
       [0. , 0.8, 0. ]])
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = [
    "CANDIDATE_PAIRS",
    "DENSE_MAX_NODES",
    "EXACT_MAX_SENTENCES",
    "NEIGHBOURS",
    "SimilarityGraph",
    "neighbour_graph",
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
#: Candidate-pair budget of :func:`neighbour_graph`, per sentence.
CANDIDATE_PAIRS = 100
#: Largest number of candidate pairs scored in one block of rows.
_BLOCK_PAIRS = 1 << 22


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
    column = shared.cumsum() - 1
    width = int(column[-1]) + 1 if n_terms else 0
    if n * n * width > _DENSE_PRODUCT:
        return None
    entry = shared[indices]
    indptr = vectors.indptr
    rows = np.arange(n).repeat(indptr[1:] - indptr[:-1])
    dense = np.zeros((n, width))
    dense[rows[entry], column[indices[entry]]] = vectors.data[entry]
    graph: FloatArray = np.einsum("ik,jk->ij", dense, dense)
    graph.flat[:: n + 1] = 0.0  # the diagonal, as np.fill_diagonal sets it
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
