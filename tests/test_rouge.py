"""ROUGE for Arabic (benchmarks.scoring): guard tests of the tokenizer and the arithmetic."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from rouge_score import rouge_scorer

from benchmarks.scoring import (
    METRICS,
    ArabicRougeTokenizer,
    Rouge,
    Score,
    bootstrap_indices,
    interval,
    reference_text,
    summary_text,
)

# A sentence of EASC's first article, and the same sentence as the references have it:
# hamza stripped from the alefs (بدأ → بدا, إلا أن → الا ان, إنتاجه → انتاجه).
ORIGINAL = (
    "بدأ بيتهوفن يفقد سمعه في الثلاثينيات من عمره إلا أن ذلك لم يؤثر على إنتاجه "
    "الذي ازداد في تلك الفترة وتميز بالإبداع."
)
STRIPPED = (
    "بدا بيتهوفن يفقد سمعه في الثلاثينيات من عمره الا ان ذلك لم يؤثر على انتاجه "
    "الذي ازداد في تلك الفترة وتميز بالابداع."
)


@pytest.fixture(scope="module")
def rouge() -> Rouge:
    return Rouge()


def _all_one(scores: Mapping[str, Score]) -> bool:
    return all(
        math.isclose(getattr(scores[m], part), 1.0) for m in METRICS for part in ("p", "r", "f")
    )


def test_identical_arabic_text_scores_one(rouge: Rouge) -> None:
    assert _all_one(rouge.score(ORIGINAL, [ORIGINAL]))


def test_hamza_stripped_copy_scores_one(rouge: Rouge) -> None:
    assert _all_one(rouge.score(ORIGINAL, [STRIPPED]))
    assert _all_one(rouge.score(STRIPPED, [ORIGINAL]))


def test_vocalised_and_stretched_copy_scores_one(rouge: Rouge) -> None:
    vocalised = "بَدَأَ بيتهـــوفن يَفْقِدُ سَمْعَهُ في الثلاثينيات من عمره إلى آخر أيّامه عام ١٨٢٧"
    plain = "بدا بيتهوفن يفقد سمعه في الثلاثينيات من عمره الي اخر ايامه عام 1827"
    assert _all_one(rouge.score(vocalised, [plain]))


def test_default_rouge_score_tokenizer_is_blind_to_arabic() -> None:
    # Why the suite passes its own tokenizer: the package's default keeps only [a-z0-9].
    scorer = rouge_scorer.RougeScorer(["rouge1"])
    assert scorer.score(ORIGINAL, ORIGINAL)["rouge1"].fmeasure == 0.0


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        pytest.param("أإآٱ", ["اااا"], id="alef-forms"),
        pytest.param("على مستوى", ["علي", "مستوي"], id="alef-maqsura"),
        pytest.param("الكتـــاب", ["الكتاب"], id="tatweel"),
        pytest.param("كَتَبَ", ["كتب"], id="tashkeel"),
        pytest.param("عام ٢٠٢٤م", ["عام", "2024", "م"], id="arabic-indic-digits"),
        pytest.param("مدرسة\u200fجديدة", ["مدرسةجديدة"], id="invisible-rlm"),
        pytest.param("«قال»: نعم، 3.5%", ["قال", "نعم", "3", "5"], id="punctuation"),
        pytest.param("GDP بنسبة", ["GDP", "بنسبة"], id="latin"),
    ],
)
def test_tokenizer(text: str, tokens: list[str]) -> None:
    assert ArabicRougeTokenizer().tokenize(text) == tokens


def test_hand_computed_rouge_n(rouge: Rouge) -> None:
    # candidate tokens: ذهب الولد الي المدرسة صباحا (5); reference: ذهب الولد الي السوق (4)
    # unigrams: 3 shared -> P = 3/5, R = 3/4, F = 2/3
    # bigrams: (ذهب الولد), (الولد الي) shared of 4 and 3 -> P = 1/2, R = 2/3, F = 4/7
    s = rouge.score_lines("ذهب الولد إلى المدرسة صباحا", ["ذهب الولد الى السوق"])
    assert s["rouge1"].p == pytest.approx(3 / 5)
    assert s["rouge1"].r == pytest.approx(3 / 4)
    assert s["rouge1"].f == pytest.approx(2 / 3)
    assert s["rouge2"].p == pytest.approx(1 / 2)
    assert s["rouge2"].r == pytest.approx(2 / 3)
    assert s["rouge2"].f == pytest.approx(4 / 7)


def test_hand_computed_rouge_lsum(rouge: Rouge) -> None:
    # reference line 1 «الطقس حار اليوم»: LCS 2 with candidate line 1, 0 with line 2;
    # reference line 2 «المطر غزير»: LCS 1 with candidate line 2. Hits 3 of 5 reference
    # tokens and 6 candidate tokens: R = 3/5, P = 1/2, F = 6/11.
    s = rouge.score_lines("الطقس اليوم حار جدا\nغزير المطر", ["الطقس حار اليوم\nالمطر غزير"])
    assert s["rougeLsum"].r == pytest.approx(3 / 5)
    assert s["rougeLsum"].p == pytest.approx(1 / 2)
    assert s["rougeLsum"].f == pytest.approx(6 / 11)


def test_mean_over_references(rouge: Rouge) -> None:
    a, b = "ذهب الولد الى السوق", "ذهب الولد"
    both = rouge.score_lines("ذهب الولد", [a, b])
    one, two = rouge.score_lines("ذهب الولد", [a]), rouge.score_lines("ذهب الولد", [b])
    for m in METRICS:
        assert both[m].f == pytest.approx((one[m].f + two[m].f) / 2)
        assert both[m].r == pytest.approx((one[m].r + two[m].r) / 2)


def test_empty_candidate_scores_zero(rouge: Rouge) -> None:
    s = rouge.score_lines("", ["ذهب الولد"])
    assert all(s[m].f == 0.0 for m in METRICS)


def test_no_reference_is_an_error(rouge: Rouge) -> None:
    with pytest.raises(ValueError, match="at least one reference"):
        rouge.score_lines("ذهب الولد", [])


def test_metric_subset() -> None:
    assert Rouge(("rouge2", "rouge1")).metrics == ("rouge1", "rouge2")
    with pytest.raises(ValueError, match="subset"):
        Rouge(("rougeL",))


def test_line_forms() -> None:
    # A hard-wrapped candidate sentence stays on one line; references are split by arsumm.
    assert summary_text(["قال الوزير إن\nالمشروع اكتمل.", "ثم غادر."]) == (
        "قال الوزير إن المشروع اكتمل.\nثم غادر."
    )
    assert reference_text("قال د. أحمد: نعم. ثم غادر؟ وعاد") == "قال د. أحمد: نعم.\nثم غادر؟\nوعاد"
    assert reference_text("  ") == ""


def test_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    values = np.linspace(0.2, 0.6, 40)
    first = interval(values, bootstrap_indices(40, samples=2000, seed=0))
    again = interval(values, bootstrap_indices(40, samples=2000, seed=0))
    other = interval(values, bootstrap_indices(40, samples=2000, seed=1))
    assert first == again
    assert first != other
    assert first.low < first.mean < first.high
    assert first.mean == pytest.approx(0.4)


def test_paired_difference_of_a_constant_shift_has_no_width() -> None:
    a = np.linspace(0.2, 0.6, 30)
    iv = interval(a + 0.05 - a, bootstrap_indices(30, samples=500))
    assert (iv.low, iv.mean, iv.high) == pytest.approx((0.05, 0.05, 0.05))
