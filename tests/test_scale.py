"""Long documents: the exact graph below the threshold, the neighbour graph above.

Correctness only; the speed and memory targets are measured by the benchmark
suite (see docs/scale.md), not asserted here.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.stats import spearmanr

import arsumm
import arsumm.summarizer
from arsumm.features import term_vectors
from arsumm.graph import (
    DENSE_MAX_NODES,
    EXACT_MAX_SENTENCES,
    SimilarityGraph,
    neighbour_graph,
    ranking_graph,
    similarity_graph,
)
from arsumm.rank import order_by_score, pagerank

SUMMARIZER = arsumm.Summarizer()


def vectors_of(text: str) -> sp.csr_matrix:
    return term_vectors(SUMMARIZER.prepare(text).terms)


def random_vectors(n: int, terms: int, density: float, seed: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = rng.random((n, terms)) * (rng.random((n, terms)) < density)
    dense[rng.random(n) < 0.05] = 0.0  # some sentences without terms
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return sp.csr_matrix(np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0))


def exact_graph(vectors: sp.csr_matrix) -> np.ndarray:
    dense = (vectors @ vectors.T).toarray()
    np.fill_diagonal(dense, 0.0)
    return dense


@pytest.fixture
def graph_builder(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Replace the graph the summarizer builds, for one test."""

    def use(builder: Any) -> None:
        monkeypatch.setattr(arsumm.summarizer, "ranking_graph", builder)

    return use


def easc_long_document(easc_docs: list[dict[str, Any]], seed: int = 0) -> str:
    """Every EASC sentence once, shuffled, one per line: a document of ~2,300 sentences."""
    sentences = [
        " ".join(span.text.split())
        for doc in easc_docs
        for span in arsumm.split_sentences(doc["text"])
    ]
    random.Random(seed).shuffle(sentences)
    return "\n".join(sentences)


# -- below the threshold: exactly the exact graph -----------------------------


def test_every_easc_article_gets_the_exact_graph(easc_docs: list[dict[str, Any]]) -> None:
    for doc in easc_docs:
        vectors = vectors_of(doc["text"])
        assert vectors.shape[0] <= EXACT_MAX_SENTENCES
        default, exact = similarity_graph(vectors), similarity_graph(vectors, exact_max=None)
        assert (default != exact).nnz == 0
        np.testing.assert_allclose(default.toarray(), exact_graph(vectors), rtol=0, atol=1e-14)
        # the graph the summarizer ranks: dense for an article, the same numbers
        ranked = ranking_graph(vectors)
        if vectors.shape[0] <= DENSE_MAX_NODES:
            assert isinstance(ranked, np.ndarray)
        dense = ranked if isinstance(ranked, np.ndarray) else ranked.toarray()
        np.testing.assert_array_equal(dense, default.toarray())


@pytest.mark.parametrize("budget", [{"k": 3}, {"ratio": 0.3}], ids=["k3", "ratio03"])
def test_selected_indices_are_identical_with_and_without_the_approximation(
    easc_docs: list[dict[str, Any]],
    graph_builder: Callable[[Any], None],
    budget: dict[str, Any],
) -> None:
    """Default (approximation allowed), always exact, and the neighbour graph forced
    on with room for every edge: the same summary on every EASC article."""
    default = [[s.index for s in arsumm.summarize(d["text"], **budget)] for d in easc_docs]
    graph_builder(lambda v: similarity_graph(v, exact_max=None))
    exact = [[s.index for s in arsumm.summarize(d["text"], **budget)] for d in easc_docs]
    graph_builder(lambda v: neighbour_graph(v, neighbours=v.shape[0], candidate_pairs=10**9))
    forced = [[s.index for s in arsumm.summarize(d["text"], **budget)] for d in easc_docs]
    assert default == exact
    assert forced == exact


# -- above the threshold: the neighbour graph --------------------------------


@pytest.mark.parametrize("neighbours", [1, 3, 10])
def test_neighbour_graph_keeps_exact_edges_and_each_rows_best(neighbours: int) -> None:
    vectors = random_vectors(150, 60, 0.08, seed=neighbours)
    exact = exact_graph(vectors)
    graph = neighbour_graph(vectors, neighbours=neighbours, candidate_pairs=10**9)
    assert isinstance(graph, SimilarityGraph)
    dense = graph.toarray()
    np.testing.assert_array_equal(dense, dense.T)
    assert not np.diag(dense).any()
    kept = dense > 0
    np.testing.assert_allclose(dense[kept], exact[kept], rtol=1e-12)  # every edge is exact
    for i in range(len(exact)):  # each row keeps its best (ties to the earlier sentence)
        best = [j for j in np.lexsort((np.arange(len(exact)), -exact[i])) if exact[i, j] > 0]
        assert kept[i, best[:neighbours]].all()
    # what was left out comes back as the residual: exact weighted degrees
    assert graph.residual is not None
    np.testing.assert_allclose(dense.sum(axis=1) + graph.residual, exact.sum(axis=1), atol=1e-9)


def test_neighbour_graph_budget_threshold_and_arguments() -> None:
    vectors = random_vectors(120, 40, 0.1, seed=7)
    exact = exact_graph(vectors)
    small_budget = neighbour_graph(vectors, neighbours=5, candidate_pairs=2)
    assert small_budget.nnz > 0
    assert np.all(np.isin(small_budget.toarray()[small_budget.toarray() > 0], exact))
    thresholded = neighbour_graph(vectors, neighbours=5, threshold=0.5)
    assert thresholded.data.min() > 0.5
    assert thresholded.residual is None  # degrees above a threshold are not known
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="neighbours"):
            neighbour_graph(vectors, neighbours=bad)  # type: ignore[arg-type]
    assert neighbour_graph(sp.csr_matrix((0, 3))).shape == (0, 0)


def test_similarity_graph_switches_at_exact_max() -> None:
    vectors = random_vectors(80, 30, 0.1, seed=3)
    assert not isinstance(similarity_graph(vectors, exact_max=80), SimilarityGraph)
    assert isinstance(similarity_graph(vectors, exact_max=79), SimilarityGraph)
    scores = pagerank(similarity_graph(vectors, exact_max=10, neighbours=4))
    assert scores.sum() == pytest.approx(1.0)


def test_long_document_scores_follow_the_exact_graph(easc_docs: list[dict[str, Any]]) -> None:
    """About 2,300 sentences: the approximate path against the exact one."""
    text = easc_long_document(easc_docs)
    vectors = vectors_of(text)
    assert vectors.shape[0] > EXACT_MAX_SENTENCES
    approximate = similarity_graph(vectors)
    assert isinstance(approximate, SimilarityGraph)
    exact = similarity_graph(vectors, exact_max=None)
    assert approximate.nnz < exact.nnz / 10
    ours, reference = pagerank(approximate), pagerank(exact)
    assert spearmanr(ours, reference).statistic > 0.99
    top_ours, top_reference = order_by_score(ours), order_by_score(reference)
    assert len(set(top_ours[:10]) & set(top_reference[:10])) >= 8
    assert len(set(top_ours[:50]) & set(top_reference[:50])) >= 40
    # the top-m graph alone, without its residual, would rank very differently
    bare = sp.csr_matrix(approximate)
    assert spearmanr(pagerank(bare), reference).statistic < 0.9


def test_long_document_summary(
    easc_docs: list[dict[str, Any]], graph_builder: Callable[[Any], None]
) -> None:
    text = easc_long_document(easc_docs, seed=1)
    summary = arsumm.summarize(text, k=10)
    assert all(text[s.start : s.end] == s.text for s in summary)
    assert [s.index for s in summary] == sorted(s.index for s in summary)
    graph_builder(lambda v: similarity_graph(v, exact_max=None))
    exact = arsumm.summarize(text, k=10)
    assert len({s.index for s in summary} & {s.index for s in exact}) >= 8


def test_long_document_without_data() -> None:
    """A document above the threshold built from the bundled article's words."""
    words = [word for word in arsumm.demo_text().split() if word.isalpha()]
    rng = random.Random(5)
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))) + "."
        for _ in range(EXACT_MAX_SENTENCES + 500)
    ]
    text = "\n".join(sentences)
    ranked = arsumm.Summarizer().rank(text)
    assert len(ranked) == len(sentences)
    assert sum(s.score for s in ranked) == pytest.approx(1.0)
    summary = arsumm.summarize(text, max_words=60)
    assert all(text[s.start : s.end] == s.text for s in summary)
    assert sum(len(s.text.split()) for s in summary) <= 60 or len(summary) == 1


# -- PageRank: every path against networkx ------------------------------------


def networkx_pagerank(dense: np.ndarray, personalization: np.ndarray | None) -> np.ndarray:
    graph = nx.DiGraph()
    n = dense.shape[0]
    graph.add_nodes_from(range(n))
    for i, j in zip(*np.nonzero(dense), strict=True):
        graph.add_edge(int(i), int(j), weight=float(dense[i, j]))
    pers = None if personalization is None else dict(enumerate(map(float, personalization)))
    result = nx.pagerank(graph, alpha=0.85, personalization=pers, tol=1e-13, max_iter=2000)
    return np.array([result[i] for i in range(n)])


@pytest.mark.parametrize(
    "n",
    [
        pytest.param(5, id="solved"),
        pytest.param(DENSE_MAX_NODES - 4, id="dense"),
        pytest.param(DENSE_MAX_NODES + 40, id="sparse"),
    ],
)
@pytest.mark.parametrize("personalised", [False, True], ids=["uniform", "personalised"])
def test_pagerank_paths_match_networkx(n: int, personalised: bool) -> None:
    rng = np.random.default_rng(n)
    dense = rng.random((n, n)) * (rng.random((n, n)) < 0.2)
    dense[rng.random(n) < 0.2] = 0.0  # dangling nodes
    np.fill_diagonal(dense, 0.0)
    teleport = rng.random(n) if personalised else None
    ours = pagerank(sp.csr_matrix(dense), personalization=teleport, tol=1e-14, max_iter=2000)
    np.testing.assert_allclose(ours, networkx_pagerank(dense, teleport), atol=1e-9)
    assert ours.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("n", [20, DENSE_MAX_NODES - 4, 3 * DENSE_MAX_NODES])
def test_pagerank_with_a_residual_is_pagerank_of_the_completed_graph(n: int) -> None:
    vectors = random_vectors(n, 50, 0.1, seed=n)
    graph = neighbour_graph(vectors, neighbours=3)
    assert graph.residual is not None
    completed = graph.toarray() + np.outer(graph.residual, graph.residual) / graph.residual.sum()
    ours = pagerank(graph, tol=1e-14, max_iter=2000)
    np.testing.assert_allclose(ours, networkx_pagerank(completed, None), atol=1e-9)


def test_pagerank_survives_subnormal_weights() -> None:
    tiny = 2.2e-313
    for n in (2, DENSE_MAX_NODES + 10):
        dense = np.zeros((n, n))
        dense[0, 1] = dense[1, 0] = tiny
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            scores = pagerank(sp.csr_matrix(dense))
        assert np.isfinite(scores).all()
        assert scores.sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("n", "terms"),
    [(1, 25), (2, 25), (17, 25), (DENSE_MAX_NODES, 25), (DENSE_MAX_NODES, 300)],
    ids=["1", "2", "17", "dense-max", "large-product"],
)
def test_small_exact_graph_equals_the_sparse_product(n: int, terms: int) -> None:
    vectors = random_vectors(n, terms, 0.3, seed=n)
    graph = similarity_graph(vectors)
    np.testing.assert_allclose(graph.toarray(), exact_graph(vectors), rtol=0, atol=1e-15)
    assert graph.has_sorted_indices or graph.nnz == 0 or np.all(np.diff(graph.indices) != 0)
    thresholded = similarity_graph(vectors, threshold=0.3)
    expected = exact_graph(vectors)
    expected[expected <= 0.3] = 0.0
    np.testing.assert_allclose(thresholded.toarray(), expected, rtol=0, atol=1e-15)


def test_fast_arlstem_gives_nltks_stems() -> None:
    """arsumm's ARLSTem skips nltk's normalisation regexes when they change nothing."""
    from nltk.stem.arlstem import ARLSTem

    from arsumm.stemmer import get_stemmer

    reference, ours = ARLSTem(), get_stemmer("arlstem").stemmer
    rng = random.Random(11)
    letters = [chr(c) for c in range(0x0621, 0x0653)] + ["\u0649", "\u0670", "و", "ا", "ـ"]
    words = [arsumm.demo_text(), *arsumm.demo_text().split()]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(5000)]
    words += ["وأَحمد", "والمكتبات", "مستشفى", "إلى", "ومن", "وزير"]
    for word in words:
        assert ours.stem(word) == reference.stem(word), word


def test_small_graph_sums_duplicate_entries() -> None:
    vectors = sp.csr_matrix(
        (np.array([0.3, 0.4, 0.5, 1.0]), np.array([0, 0, 1, 0]), np.array([0, 3, 4])), shape=(2, 2)
    )
    assert not vectors.has_canonical_format
    np.testing.assert_allclose(similarity_graph(vectors).toarray(), [[0, 0.7], [0.7, 0]])


def test_ranking_graph_of_a_short_document_with_many_shared_terms() -> None:
    """Too many shared terms for the dense product: the sparse one, the same numbers."""
    vectors = random_vectors(60, 400, 0.5, seed=3)
    graph = ranking_graph(vectors)
    assert sp.issparse(graph)
    np.testing.assert_array_equal(graph.toarray(), similarity_graph(vectors).toarray())
    np.testing.assert_allclose(graph.toarray(), exact_graph(vectors), rtol=0, atol=1e-14)
