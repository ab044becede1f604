"""ROUGE for Arabic (benchmarks.scoring): the tokenizer, the arithmetic, the oracle's search.

The suite's ROUGE counts n-grams itself (so that the oracle and the training loop
can extend a summary incrementally); these tests hold it to ``rouge-score``'s own
``RougeScorer``, bit for bit, on samples of every corpus.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from rouge_score import rouge_scorer

import arsumm
from benchmarks.scoring import (
    METRICS,
    ArabicRougeTokenizer,
    References,
    Rouge,
    Score,
    bootstrap_indices,
    interval,
    reference_text,
    summary_text,
)
from tests.conftest import load_jsonl, require_data

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


# -- the suite's ROUGE is rouge-score's, on every corpus ------------------------------------

CORPORA = {
    "easc": ("easc", "easc.jsonl"),
    "ant-bbc": ("ant-bbc", "ant_bbc.jsonl"),
    "saudinewsnet": ("saudinewsnet", "saudinewsnet.jsonl"),
}


def _sample(name: str, n: int) -> list[dict[str, Any]]:
    records = load_jsonl(require_data(*CORPORA[name]))
    return random.Random(name).sample(records, min(n, len(records)))


@pytest.mark.parametrize("name", list(CORPORA))
def test_rouge_equals_rouge_score_on_the_corpus(name: str) -> None:
    # random summaries of real articles against their real references: every variant,
    # precision, recall and F1 to the last bit, the mean over references as we take it
    reference = rouge_scorer.RougeScorer(list(METRICS), tokenizer=ArabicRougeTokenizer())
    rouge = Rouge()
    rng = random.Random(1)
    for record in _sample(name, 20 if name == "easc" else 150):
        sentences = [s.text for s in arsumm.split_sentences(record["text"])]
        refs = [reference_text(r) for r in record["references"]]
        for _ in range(3):
            chosen = sorted(
                rng.sample(range(len(sentences)), rng.randint(1, min(6, len(sentences))))
            )
            candidate = summary_text(sentences[i] for i in chosen)
            ours = rouge.score_lines(candidate, refs)
            theirs = [reference.score(ref, candidate) for ref in refs]
            for metric in METRICS:
                for part, attr in (("p", "precision"), ("r", "recall"), ("f", "fmeasure")):
                    total = 0.0
                    for score in theirs:
                        total += getattr(score[metric], attr)
                    assert getattr(ours[metric], part) == total / len(refs), (record["id"], metric)


_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=ArabicRougeTokenizer())


def _objective(search_refs: References, tokens: list[list[str]], chosen: list[int]) -> float:
    """The oracle's objective computed from scratch with rouge-score."""
    scorer = _SCORER
    candidate = " ".join(t for i in sorted(chosen) for t in tokens[i])
    total = 0.0
    for line in search_refs.lines:
        s = scorer.score(line, candidate)
        total += s["rouge1"].fmeasure + s["rouge2"].fmeasure
    return total / len(search_refs)


WORD = st.sampled_from(["ذهب", "الولد", "الي", "السوق", "ثم", "عاد", "البيت", "3"])


@settings(max_examples=300)  # each example scores every extension with rouge-score
@given(
    st.lists(st.lists(WORD, max_size=6), min_size=1, max_size=7),
    st.lists(st.lists(WORD, min_size=1, max_size=10).map(" ".join), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_greedy_search_is_rouge_score_on_every_extension(
    sentences: list[list[str]], references: list[str], rng: random.Random
) -> None:
    # repeated n-grams, empty sentences and junction bigrams that also occur inside a
    # sentence: the incremental counts must give rouge-score's number every time
    refs = References(references)
    search = refs.search(sentences)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    for i in order:
        expected = _objective(refs, sentences, [*search.chosen, i])
        assert search.value_with(i) == pytest.approx(expected, abs=1e-12)
        search.add(i)
        assert search.value == pytest.approx(_objective(refs, sentences, search.chosen), abs=1e-12)
    assert search.fresh().value == 0.0
    with pytest.raises(ValueError, match="already"):
        search.add(order[0])


def test_references_need_one() -> None:
    with pytest.raises(ValueError, match="at least one reference"):
        References([])
