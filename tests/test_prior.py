"""The scoring stage: priors (learned, position, uniform), the news rule, boilerplate and bylines, background IDF, redundancy control."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import arsumm
from arsumm import NoContentError, Summarizer
from arsumm.graph import similarity_graph
from arsumm.idf import BackgroundIDF
from arsumm.prior import position_prior
from arsumm.rank import order_by_score, pagerank
from arsumm.select import Budget, select, select_diverse

DATA = Path(__file__).parent / "data"
PAGE = (DATA / "scraped_news_ar.txt").read_text(encoding="utf-8")
TEXT = arsumm.demo_text()

FURNITURE = [
    "الرئيسية » اقتصاد » أسواق",
    "آخر تحديث: 14 مارس 2026",
    "شاركها",
    "فيسبوك تويتر واتساب",
    "اقرأ أيضا: الذهب يتراجع مع صعود الدولار",
    "الوسوم: بورصة، بنوك، أسهم",
    "تابعونا على تويتر",
    "© 2026 صحيفة الوادي الإخبارية. جميع الحقوق محفوظة",
    "Exit mobile version",
]


def test_scraped_page_furniture_is_left_out() -> None:
    analysis = Summarizer().analyze(PAGE, ratio=0.6)
    furniture = {s.index for s in analysis.sentences if s.text in FURNITURE}
    # the copyright line is split into two sentences at its period
    assert set(analysis.boilerplate) >= furniture
    assert furniture.isdisjoint(s.index for s in analysis.summary)
    assert all(analysis.sentences[i].score == 0.0 for i in analysis.boilerplate)
    assert sum(s.score for s in analysis.sentences) == pytest.approx(1.0)
    for sentence in analysis.sentences:
        assert PAGE[sentence.start : sentence.end] == sentence.text
    texts = [s.text for s in analysis.summary]
    assert "بورصة المدينة تغلق على ارتفاع بدعم من أسهم البنوك" in texts


def test_article_text_is_not_boilerplate() -> None:
    analysis = Summarizer().analyze(PAGE, k=3)
    article = [s for s in analysis.sentences if len(s.text.split()) > 12]
    assert article
    assert all(s.index not in analysis.boilerplate for s in article)


def test_boilerplate_switch_off() -> None:
    analysis = Summarizer(boilerplate=False).analyze(PAGE, k=3)
    assert analysis.boilerplate == ()
    assert all(s.score > 0 for s in analysis.sentences)


def test_only_boilerplate_is_an_error() -> None:
    with pytest.raises(NoContentError, match="boilerplate=False"):
        arsumm.summarize("شاركها\nفيسبوك تويتر واتساب\nاقرأ أيضا")


def test_uniform_prior_is_plain_textrank() -> None:
    summarizer = Summarizer(prior="uniform", damping=0.85, redundancy=0.0, lead="never")
    ranked = summarizer.rank(TEXT)
    from arsumm.features import sentence_vectors

    vectors = sentence_vectors([s.text for s in ranked], summarizer.analyzer)
    expected = pagerank(similarity_graph(vectors), damping=0.85)
    np.testing.assert_allclose([s.score for s in ranked], expected)


def test_position_prior_prefers_the_lead() -> None:
    strong = Summarizer(prior="position", position_bias=3.0, damping=0.1, redundancy=0.0)
    assert [s.index for s in strong.summarize(TEXT, k=2)] == [0, 1]
    np.testing.assert_allclose(position_prior(3, 0.0), [1 / 3] * 3)


def test_learned_prior_scores_sum_to_one() -> None:
    ranked = Summarizer().rank(TEXT)
    assert sum(s.score for s in ranked) == pytest.approx(1.0)
    assert ranked[0].score == max(s.score for s in ranked)


def test_redundancy_zero_is_the_plain_budget_rule() -> None:
    summarizer = Summarizer(redundancy=0.0)
    ranked = summarizer.rank(TEXT)
    order = order_by_score(np.array([s.score for s in ranked]))
    words = [len(s.text.split()) for s in ranked]
    for budget in (Budget.of(k=3), Budget.of(ratio=0.3), Budget.of(max_words=50)):
        expected = [ranked[i] for i in select(order, words, budget)]
        got = summarizer.analyze(
            TEXT, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
        ).summary
        assert got == expected


def test_redundancy_avoids_repeating_a_sentence() -> None:
    repeated = (
        "ارتفعت أسعار القمح في الأسواق العالمية بسبب الجفاف. "
        "ارتفعت أسعار القمح في الأسواق العالمية بسبب الجفاف الشديد. "
        "وتراجعت صادرات الأرز من آسيا هذا الموسم. "
        "وأعلنت الحكومة خطة لدعم المزارعين."
    )
    plain = [
        s.index
        for s in Summarizer(redundancy=0.0, prior="uniform", lead="never").summarize(repeated, k=2)
    ]
    diverse = [
        s.index
        for s in Summarizer(redundancy=1.0, prior="uniform", lead="never").summarize(repeated, k=2)
    ]
    assert plain == [0, 1]
    assert diverse != [0, 1]


@pytest.mark.parametrize("seed", range(6))
def test_select_diverse_dense_and_sparse_graphs_agree(seed: int) -> None:
    """An article's graph comes dense (rank.ranking_graph): the choice must not change."""
    rng = np.random.default_rng(seed)
    n = 40
    weights = rng.random((n, n)) * (rng.random((n, n)) < 0.3)
    weights = np.triu(weights, 1)
    weights = weights + weights.T
    scores = rng.random(n)
    words = rng.integers(1, 40, size=n).tolist()
    budgets = [Budget.of(k=k) for k in (1, 3, 7)] + [Budget.of(ratio=r) for r in (0.1, 0.3, 0.5)]
    for budget in budgets:
        for redundancy in (0.0, 0.3, 1.0):
            dense = select_diverse(scores, weights, words, budget, redundancy=redundancy)
            sparse = select_diverse(
                scores, sp.csr_matrix(weights), words, budget, redundancy=redundancy
            )
            assert dense == sparse
            assert dense
            assert dense == sorted(set(dense))
    # with redundancy the penalty matters: some budget must pick differently
    plain = select_diverse(scores, weights, words, Budget.of(k=7), redundancy=0.0)
    assert select_diverse(scores, weights, words, Budget.of(k=7), redundancy=5.0) != plain


def test_k_summary_is_within_k_plus_one_summary() -> None:
    summarizer = Summarizer()
    for k in range(1, 8):
        small = {s.index for s in summarizer.summarize(TEXT, k=k)}
        large = {s.index for s in summarizer.summarize(TEXT, k=k + 1)}
        assert small <= large


def test_fit_learns_background_idf(tmp_path: Path) -> None:
    corpus = [TEXT, PAGE, "هطلت أمطار غزيرة على المدينة وأغلقت المدارس."]
    fitted = Summarizer().fit(corpus)
    assert isinstance(fitted.idf, BackgroundIDF)
    assert fitted.idf.n_documents == 3
    assert Summarizer().idf is None  # fit returns a copy
    summary = fitted.summarize(TEXT, ratio=0.3)
    assert all(TEXT[s.start : s.end] == s.text for s in summary)
    path = tmp_path / "idf.json"
    fitted.idf.save(path)
    loaded = BackgroundIDF.load(path)
    assert loaded == fitted.idf
    again = Summarizer(idf=loaded).summarize(TEXT, ratio=0.3)
    assert again == summary
    assert path.read_text(encoding="utf-8").startswith('{"format": "arsumm.BackgroundIDF/1"')


def test_idf_refuses_other_analyzer_settings() -> None:
    idf = Summarizer(stemmer="light").fit([TEXT]).idf
    with pytest.raises(ValueError, match="refit"):
        Summarizer(stemmer="arlstem", idf=idf)


def test_fit_validates_corpus() -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        Summarizer().fit([])
    with pytest.raises(TypeError, match="corpus document 1 is bytes"):
        Summarizer().fit([TEXT, b"bytes"])  # type: ignore[list-item]


def test_background_idf_file_is_not_pickle(tmp_path: Path) -> None:
    path = tmp_path / "idf.json"
    Summarizer().fit([TEXT]).idf.save(path)  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not an arsumm background IDF"):
        BackgroundIDF.from_dict({"format": "pickle"})


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        pytest.param({"prior": "lead"}, ValueError, "prior must be one of", id="unknown-prior"),
        pytest.param({"redundancy": -0.1}, ValueError, "redundancy", id="negative-redundancy"),
        pytest.param({"redundancy": float("nan")}, ValueError, "redundancy", id="nan-redundancy"),
        pytest.param({"position_bias": -1}, ValueError, "position_bias", id="negative-bias"),
        pytest.param({"damping": True}, TypeError, "damping must be a number", id="bool-damping"),
        pytest.param({"boilerplate": "yes"}, TypeError, "boilerplate", id="str-boilerplate"),
        pytest.param({"idf": {}}, TypeError, "BackgroundIDF", id="dict-idf"),
    ],
)
def test_options_validated(
    options: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Summarizer(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("شاركها", True, id="share"),
        pytest.param("شارك على فيسبوك", True, id="share-on"),
        pytest.param("Share this", True, id="share-latin"),
        pytest.param("اقرأ أيضا: الذهب يتراجع", True, id="read-also"),
        pytest.param("© 2026 جميع الحقوق محفوظة", True, id="copyright"),
        pytest.param("الرئيسية / أخبار / محليات", True, id="crumbs-slash"),
        pytest.param("الرئيسية › أخبار › محليات", True, id="crumbs-angle"),
        pytest.param("تابعونا على تويتر", True, id="follow-us"),
        pytest.param("الوسوم: نفط، غاز", True, id="tags"),
        pytest.param("Exit mobile version", True, id="exit-mobile"),
        pytest.param("Next Previous", True, id="slider-buttons"),
        pytest.param("شارك في الاجتماع عدد من الوزراء", False, id="verb-share-in-prose"),
        pytest.param("قال: <b>مرحبا</b> بكم في المدينة.", False, id="markup-is-not-crumbs"),
        pytest.param("ارتفعت الأسعار 3 / 4 / 5 مرات", False, id="numbers-with-slashes"),
        pytest.param("Search results show growth", False, id="latin-prose"),
        pytest.param(
            "قال الوزير إن جميع الحقوق محفوظة للعمال في القانون الجديد الذي أقره البرلمان أمس.",
            False,
            id="long-sentence-mentioning-rights",
        ),
    ],
)
def test_boilerplate_lines(line: str, expected: bool) -> None:
    from arsumm.boilerplate import is_boilerplate

    assert is_boilerplate(line) is expected


NEWS = (
    "عين اليوم – متابعات\n"
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة.\n"
    "وقال الوزير إن المستشفى يضم مئتي سرير.\n"
    "وأضاف أن العمل بدأ قبل عامين.\n"
    "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيقنا على هاتفكم المحمول.\n"
    "ويخدم المستشفى سكان القرى المجاورة أيضا."
)
ESSAY = (
    "الماء أساس الحياة على الأرض. وتحتاج النباتات إلى الماء لتنمو. "
    "ويغطي الماء معظم سطح الكوكب. ويتبخر الماء بالحرارة ثم يعود مطرا. "
    "وتعتمد الزراعة على الماء في كل مكان."
)


def test_news_is_summarised_in_document_order() -> None:
    summarizer = Summarizer()
    document = summarizer.prepare(NEWS)
    assert document.lead
    assert document.boilerplate == (0, 4)  # the byline and the app notice
    summary = summarizer.summarize(NEWS, k=3)
    assert [s.index for s in summary] == [1, 2, 3]
    scores = summarizer.score(summarizer.vectorize(document))
    n = len(document.ranked)
    np.testing.assert_allclose(scores[list(document.ranked)], position_prior(n, 1.0))
    assert scores[0] == scores[4] == 0.0


def test_lead_never_and_always() -> None:
    assert not Summarizer().prepare(ESSAY).lead
    assert Summarizer(lead="always").prepare(ESSAY).lead
    assert not Summarizer(lead="never").prepare(NEWS).lead
    assert [s.index for s in Summarizer(lead="always").summarize(ESSAY, k=2)] == [0, 1]
    textrank = [s.index for s in Summarizer(lead="never").summarize(NEWS, k=3)]
    assert textrank != [1, 2, 3]
    assert 0 not in textrank
    assert 4 not in textrank
    with pytest.raises(arsumm.ConfigError, match="lead must be one of"):
        Summarizer(lead="sometimes")
    with pytest.raises(TypeError, match="lead must be a str"):
        Summarizer(lead=True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس", True, id="spa"),
        pytest.param(
            "المدينة المنورة 26 شوال 1436هـ الموافق 11 اغسطس 2015م واس", True, id="two-words"
        ),
        pytest.param(
            "أبهــا 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\u200f", True, id="tatweel"
        ),
        pytest.param("جدة ٢٥ شوال ١٤٣٦ هـ واس", True, id="one-date-and-agency"),
        pytest.param("وصل الوفد يوم 12 مايو 2015 م", False, id="short-sentence-ending-in-a-date"),
        pytest.param("والذي يستمر إلى 22 شوال 1436هـ.", False, id="sentence-with-a-date"),
        pytest.param(
            "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس أعلنت الوزارة اليوم عن خطة.",
            False,
            id="dateline-run-into-the-story",
        ),
    ],
)
def test_dateline_lines(line: str, expected: bool) -> None:
    from arsumm.boilerplate import is_byline, is_dateline

    assert is_dateline(line) is expected
    assert is_byline(line) is expected


def test_an_agency_dateline_is_left_out() -> None:
    text = (
        "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n"
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة.\n"
        "وقال الوزير إن المستشفى يضم مئتي سرير."
    )
    summarizer = Summarizer()
    assert summarizer.prepare(text).boilerplate == (0,)
    assert [s.index for s in summarizer.summarize(text, k=1)] == [1]


def test_a_byline_is_left_out_only_near_the_top() -> None:
    late = "أعلنت وزارة الصحة عن خطة. وقال الوزير إن الخطة جاهزة. عين اليوم – متابعات"
    assert Summarizer().prepare(late).boilerplate == ()
    assert Summarizer(boilerplate=False).prepare(NEWS).boilerplate == ()
