"""TextRank and PageRank, checked against networkx as the reference."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import arsumm
from arsumm.graph import similarity_graph
from arsumm.rank import TextRank, order_by_score, pagerank, pagerank_pairs


def _nx_pagerank(dense: np.ndarray, personalization: np.ndarray | None = None) -> np.ndarray:
    graph = nx.DiGraph()
    n = dense.shape[0]
    graph.add_nodes_from(range(n))
    for i, j in zip(*np.nonzero(dense), strict=True):
        graph.add_edge(int(i), int(j), weight=float(dense[i, j]))
    pers = None if personalization is None else {i: float(personalization[i]) for i in range(n)}
    result = nx.pagerank(graph, alpha=0.85, personalization=pers, tol=1e-12, max_iter=1000)
    return np.array([result[i] for i in range(n)])


@settings(max_examples=60)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(1, 12)),
        # networkx (the oracle) overflows on subnormal row sums: 1 / 2e-313
        elements=st.floats(0, 1).map(lambda x: x if x > 1e-100 else 0.0),
    ),
)
def test_pagerank_matches_networkx(features: np.ndarray) -> None:
    norms = np.linalg.norm(features, axis=1, keepdims=True)
    rows = np.divide(features, norms, out=np.zeros_like(features), where=norms > 0)
    graph = similarity_graph(sp.csr_matrix(rows))
    ours = pagerank(graph, tol=1e-13, max_iter=1000)
    theirs = _nx_pagerank(graph.toarray())
    np.testing.assert_allclose(ours, theirs, atol=1e-7)
    assert ours.sum() == pytest.approx(1.0)


def test_pagerank_personalised_and_dangling() -> None:
    dense = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]], dtype=float)
    pers = np.array([4.0, 1.0, 1.0, 2.0])
    ours = pagerank(sp.csr_matrix(dense), personalization=pers, tol=1e-13, max_iter=1000)
    np.testing.assert_allclose(ours, _nx_pagerank(dense, pers), atol=1e-8)


def test_pagerank_validates() -> None:
    graph = sp.csr_matrix(np.ones((2, 2)))
    with pytest.raises(ValueError, match="damping"):
        pagerank(graph, damping=1.0)
    with pytest.raises(ValueError, match="personalization"):
        pagerank(graph, personalization=np.array([1.0, -1.0]))
    with pytest.raises(ValueError, match="positive sum"):
        pagerank(graph, personalization=np.array([0.0, 0.0]))
    assert pagerank(sp.csr_matrix((0, 0))).shape == (0,)


def test_similarity_graph_has_no_self_loops_and_is_symmetric() -> None:
    rows = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    graph = similarity_graph(rows).toarray()
    assert np.all(np.diag(graph) == 0)
    np.testing.assert_allclose(graph, graph.T)
    assert graph[0, 2] == 0
    assert graph[0, 1] == pytest.approx(0.6)


def test_threshold_drops_weak_edges() -> None:
    rows = sp.csr_matrix(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]]))
    assert similarity_graph(rows, threshold=0.7).nnz == 2


def test_isolated_sentences_share_teleport_mass() -> None:
    summarizer = arsumm.Summarizer(prior="uniform")
    document = summarizer.vectorize(summarizer.prepare("شمس ساطعة. مطر غزير. ريح عاتية."))
    assert document.graph is not None
    assert not np.asarray(document.graph).any()
    np.testing.assert_allclose(TextRank().rank(document, None), [1 / 3] * 3)
    np.testing.assert_allclose(
        TextRank().rank(document, np.array([2.0, 1.0, 1.0])), [0.5, 0.25, 0.25]
    )


def test_ties_broken_by_position() -> None:
    assert order_by_score(np.array([0.1, 0.3, 0.3, 0.3])) == [1, 2, 3, 0]
    # a floating-point crumb does not decide a tie
    assert order_by_score(np.array([0.25, 0.25 + 1e-15])) == [0, 1]


@pytest.mark.parametrize("n", [5, 64, 65, 300])
@pytest.mark.parametrize("binary", [False, True])
@pytest.mark.parametrize("personalized", [False, True])
def test_pagerank_pairs_is_pagerank_of_the_symmetric_graph(
    n: int, binary: bool, personalized: bool
) -> None:
    """Bit for bit the scores of pagerank() on the CSR graph the pairs make."""
    rng = np.random.default_rng(n)
    first = rng.integers(0, n, 4 * n)
    second = rng.integers(0, n, 4 * n)
    keep = first != second
    first, second = first[keep], second[keep]
    both_rows, both_cols = np.r_[first, second], np.r_[second, first]
    graph = sp.coo_matrix((np.ones(both_rows.size), (both_rows, both_cols)), shape=(n, n)).tocsr()
    if binary:
        graph.data[:] = 1.0
    teleport = rng.random(n) if personalized else None
    got = pagerank_pairs(n, first, second, binary=binary, personalization=teleport, tol=1e-6)
    expected = pagerank(graph, personalization=teleport, tol=1e-6)
    assert got.tobytes() == expected.tobytes()


def test_pagerank_pairs_counts_nodes_of_any_integer_type_without_overflow() -> None:
    """50,000 squared does not fit in int32: a numpy int32 node count must not wrap."""
    first, second = np.array([0, 1, 49_998]), np.array([1, 49_999, 49_999])
    expected = pagerank_pairs(50_000, first, second)
    got = pagerank_pairs(np.int32(50_000), first, second)  # type: ignore[arg-type]
    assert np.array_equal(got, expected)
    assert expected[49_999] > expected[2]  # a node with three edges above an isolated one


def test_pagerank_pairs_with_isolated_nodes_and_no_pairs() -> None:
    scores = pagerank_pairs(100, np.array([0, 1]), np.array([1, 2]))
    assert scores.sum() == pytest.approx(1.0)
    assert scores[3:].min() == scores[3:].max() < scores[1]  # dangling nodes alike
    assert pagerank_pairs(80, np.zeros(0, np.int64), np.zeros(0, np.int64)) == pytest.approx(
        np.full(80, 1 / 80)
    )


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([0, 1], [1], "same length"),
        ([0, 5], [1, 2], r"range\(5\)"),
        ([-1], [2], r"range\(5\)"),
        ([0, 2], [1, 2], "itself"),
    ],
)
def test_pagerank_pairs_rejects_bad_pairs(
    first: list[int], second: list[int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        pagerank_pairs(5, np.array(first), np.array(second))
