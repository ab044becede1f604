"""Training the prior: ``arsumm.train_prior`` and ``arsumm train``.

Bad records (each kind) are reported with their position and skipped, never
dropped silently; a tiny corpus fits or fails with a clear message; the JSON
round trip and two processes give the same prior; the command line trains on a
real file and ``arsumm FILE --prior prior.json --lead never`` uses what it
wrote. The label functions are checked on our own small Arabic texts, and the
word-overlap F1 against rouge-score's ROUGE-1 with the suite's tokenizer. With
the evaluation data, a prior trained on EASC dev with label="share" gives the
shipped prior's teleport.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import arsumm
from arsumm import LinearPrior, Summarizer, train_prior
from arsumm.cli import main as cli_main
from arsumm.errors import ConfigError
from arsumm.prior import features, load_default_prior
from arsumm.train import (
    DEFAULT_LABEL,
    LABELS,
    SkippedRecord,
    SkippedRecordWarning,
    fit_pairwise,
    overlap_tokens,
    sentence_labels,
    squash,
    unigram_f1,
)
from tests.conftest import ROOT, load_jsonl, require_data

# Our own short news items, each with a summary in other words (like a standfirst).
PLANT = {
    "id": "plant",
    "text": (
        "افتتحت بلدية المدينة الساحلية محطة جديدة لتحلية مياه البحر بالطاقة الشمسية.\n"
        "وحضر حفل الافتتاح عدد من المسؤولين والسكان.\n"
        "وتنتج المحطة عشرين ألف متر مكعب من المياه العذبة يوميا.\n"
        "وقال رئيس البلدية إن المحطة ستخفض فاتورة الكهرباء."
    ),
    "references": ["البلدية تفتتح محطة تحلية تعمل بالطاقة الشمسية وتنتج عشرين ألف متر مكعب"],
}
FAIR = {
    "id": "fair",
    "text": (
        "انطلقت في العاصمة فعاليات المعرض الدولي للكتاب بمشاركة مئتي دار نشر. "
        "ويستمر المعرض عشرة أيام. "
        "وتقام على هامشه ندوات عن الترجمة والنشر الرقمي. "
        "ويتوقع المنظمون نصف مليون زائر."
    ),
    "references": ["مئتا دار نشر في المعرض الدولي للكتاب بالعاصمة ونصف مليون زائر متوقع"],
}
RAIN = {
    "id": "rain",
    "text": (
        "هطلت أمطار غزيرة على المدن الشمالية طوال الليل. "
        "وأغلقت السلطات المدارس في ثلاث محافظات. "
        "وحذرت الأرصاد من سيول في الأودية. "
        "وعادت الحركة إلى طبيعتها صباحا."
    ),
    "references": ["إغلاق المدارس في ثلاث محافظات بعد أمطار غزيرة وتحذير من السيول"],
}
GOOD = [PLANT, FAIR, RAIN]


def _fit(records: list[Any], **options: Any) -> tuple[LinearPrior, list[SkippedRecord]]:
    skipped: list[SkippedRecord] = []
    return train_prior(records, on_skip=skipped.append, **options), skipped


def _same_numbers(a: LinearPrior, b: LinearPrior) -> bool:
    return (a.mean, a.scale, a.coef, a.temperature) == (b.mean, b.scale, b.coef, b.temperature)


# -- bad records --------------------------------------------------------------------------

BAD_RECORDS = [
    pytest.param(["نص", ["ملخص"]], "expected a dict", "TypeError", id="a-list"),
    pytest.param("هطلت أمطار غزيرة.", "got str", "TypeError", id="a-string"),
    pytest.param(None, "got NoneType", "TypeError", id="none"),
    pytest.param({"references": ["ملخص"]}, "no 'text' field", "KeyError", id="no-text"),
    pytest.param(
        {"text": 42, "references": ["ملخص"]},
        "must be a string, got int",
        "TypeError",
        id="text-not-a-string",
    ),
    pytest.param({"text": "", "references": ["ملخص"]}, "empty", "EmptyTextError", id="empty-text"),
    pytest.param(
        {"text": " \n\t ", "references": ["ملخص"]}, "empty", "EmptyTextError", id="blank-text"
    ),
    pytest.param({"text": RAIN["text"]}, "no 'references' field", "KeyError", id="no-references"),
    pytest.param(
        {"text": RAIN["text"], "references": 7},
        "must be a list of strings, got int",
        "TypeError",
        id="references-an-int",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": {"a": "ملخص"}},
        "must be a list of strings",
        "TypeError",
        id="references-a-dict",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": []},
        "empty list",
        "ValueError",
        id="references-empty",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": ["ملخص", None]},
        "references[1] must be a string, got NoneType",
        "TypeError",
        id="reference-not-a-string",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": ["  "]},
        "references[0] is empty",
        "ValueError",
        id="reference-blank",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": ["... !"]},
        "references[0] has no word",
        "ValueError",
        id="reference-punctuation",
    ),
    pytest.param(
        {"text": "The plant opened today. It makes water.", "references": ["plant opened"]},
        "no Arabic letter",
        "NoArabicError",
        id="no-arabic",
    ),
    pytest.param(
        {"text": "في من على. إلى عن مع.", "references": ["على"]},
        "stop words",
        "NoContentError",
        id="only-stop-words",
    ),
    pytest.param(
        {"text": "افتتحت البلدية المحطة الجديدة.", "references": ["البلدية تفتتح المحطة"]},
        "one sentence to rank",
        "ValueError",
        id="one-sentence",
    ),
    pytest.param(
        {"text": RAIN["text"], "references": ["مباراة كرة القدم انتهت بالتعادل"]},
        "no sentence shares a word",
        "ValueError",
        id="nothing-in-common",
    ),
]


@pytest.mark.parametrize(("bad", "reason", "error_type"), BAD_RECORDS)
def test_a_bad_record_is_reported_with_its_position_and_skipped(
    bad: Any, reason: str, error_type: str
) -> None:
    prior, skipped = _fit([PLANT, bad, FAIR, RAIN])
    assert len(skipped) == 1
    (found,) = skipped
    assert found.position == 1
    assert reason in found.reason
    assert found.error_type == error_type
    assert str(found).startswith("record 1")
    assert dict(prior.info)["records"] == "3 used, 1 skipped"
    # the three good records, alone, give the same numbers: the bad one changed nothing
    assert _same_numbers(prior, _fit(GOOD)[0])


def test_a_skipped_record_names_its_id() -> None:
    _, skipped = _fit([PLANT, {"id": "x-7", "text": RAIN["text"]}, FAIR])
    assert [str(s) for s in skipped] == ["record 1 (id 'x-7'): no 'references' field"]
    assert skipped[0].id == "x-7"


def test_share_on_abstractive_references_says_to_use_best() -> None:
    skipped: list[SkippedRecord] = []
    with pytest.raises(ConfigError, match="use label='best'"):
        train_prior(GOOD, label="share", on_skip=skipped.append)
    assert [s.position for s in skipped] == [0, 1, 2]  # no summary copies a sentence
    assert all("no sentence occurs in the references" in s.reason for s in skipped)


def test_without_on_skip_each_skipped_record_is_a_warning() -> None:
    with pytest.warns(SkippedRecordWarning) as caught:
        train_prior([PLANT, {"text": ""}, FAIR, 5])
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2
    assert messages[0].startswith("record 1: ")
    assert messages[1].startswith("record 3: expected a dict")


def test_an_on_skip_that_raises_stops_at_the_first_bad_record() -> None:
    seen: list[int] = []

    def stop(skipped: SkippedRecord) -> None:
        raise ValueError(f"bad record at {skipped.position}")

    def records() -> Any:
        for i, record in enumerate([PLANT, {"text": 1}, FAIR]):
            seen.append(i)
            yield record

    with pytest.raises(ValueError, match="bad record at 1"):
        train_prior(records(), on_skip=stop)
    assert seen == [0, 1]  # read lazily, one at a time


def test_no_usable_record_is_a_clear_config_error() -> None:
    with pytest.raises(ConfigError, match=r"\(0 skipped\); pass at least one article"):
        train_prior([])
    with pytest.raises(ConfigError) as info:
        train_prior([{"text": ""}, {"text": RAIN["text"]}, 3, 4], on_skip=lambda s: None)
    message = str(info.value)
    assert message.startswith("no record could be used to train the prior (4 skipped): record 0")
    assert "record 1: no 'references' field" in message
    assert message.endswith(" ...")


@pytest.mark.parametrize(
    ("records", "error"),
    [
        pytest.param("نص", TypeError, id="records-a-string"),
        pytest.param(PLANT, TypeError, id="records-one-dict"),
    ],
)
def test_records_of_the_wrong_kind_raise(records: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="iterable of dicts"):
        train_prior(records)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        pytest.param({"label": "rouge"}, ConfigError, "label must be one of", id="label"),
        pytest.param({"label": 1}, TypeError, "label must be a str", id="label-type"),
        pytest.param({"C": 0}, ConfigError, "C must be > 0", id="C-zero"),
        pytest.param({"C": float("nan")}, ConfigError, "C must be > 0", id="C-nan"),
        pytest.param({"C": "1"}, TypeError, "C must be a number", id="C-type"),
        pytest.param({"temperature": -1}, ConfigError, "temperature", id="temperature"),
        pytest.param({"summarizer": "light"}, TypeError, "Summarizer", id="summarizer"),
        pytest.param({"info": {"date": 2024}}, TypeError, "info", id="info"),
        pytest.param({"info": {"label": "x"}}, ConfigError, "recorded by", id="info-key"),
    ],
)
def test_bad_settings_raise_before_reading(
    options: dict[str, Any], error: type[Exception], match: str
) -> None:
    read: list[int] = []

    def records() -> Any:
        read.append(1)
        yield PLANT

    with pytest.raises(error, match=match):
        train_prior(records(), **options)
    assert read == []


# -- a tiny corpus -------------------------------------------------------------------------


def test_one_article_of_two_sentences_fits() -> None:
    record = {
        "text": "أعلنت الوزارة خطة لزراعة مليون شجرة. وتبدأ الحملة الشهر المقبل.",
        "references": ["الوزارة تعلن خطة لزراعة مليون شجرة"],
    }
    prior, skipped = _fit([record])
    assert skipped == []
    info = dict(prior.info)
    assert (info["records"], info["sentences"], info["pairs"]) == ("1 used, 0 skipped", "2", "1")
    s = Summarizer(prior=prior, lead="never")
    weights = s.teleport(s.vectorize(s.prepare(record["text"])))
    assert weights is not None
    assert weights[0] > weights[1]  # the labelled sentence is preferred
    assert [x.index for x in s.summarize(record["text"], k=1)] == [0]


def test_two_articles_fit_and_the_prior_summarises_others() -> None:
    prior, skipped = _fit([PLANT, FAIR])
    assert skipped == []
    summary = Summarizer(prior=prior, lead="never").summarize(RAIN["text"], k=2)
    assert len(summary) == 2
    assert all(RAIN["text"][s.start : s.end] == s.text for s in summary)


def test_articles_of_one_sentence_fail_with_a_clear_message() -> None:
    records = [
        {"text": "افتتحت البلدية المحطة الجديدة.", "references": ["البلدية تفتتح المحطة"]},
        {"text": "هطلت أمطار غزيرة", "references": ["أمطار غزيرة"]},
    ]
    with pytest.raises(ConfigError, match="one sentence to rank: nothing to compare it with"):
        train_prior(records, on_skip=lambda s: None)


def test_fit_pairwise_needs_a_pair_with_different_labels() -> None:
    F = [np.zeros((3, 10))]
    with pytest.raises(ConfigError, match="no article has two sentences with different labels"):
        fit_pairwise(F, [np.ones(3)])


# -- the prior's file, determinism ----------------------------------------------------------


def test_round_trip_of_the_json(tmp_path: Path) -> None:
    prior, _ = _fit(GOOD, info={"data": "three items of our own", "date": "2024-01-01"})
    path = tmp_path / "prior.json"
    prior.save(path)
    loaded = LinearPrior.load(path)
    assert loaded == prior
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["info"]["data"] == "three items of our own"
    assert (data["info"]["label"], data["info"]["C"]) == (DEFAULT_LABEL, "0.01")
    text = arsumm.demo_text()
    ours = [s.index for s in Summarizer(prior=prior, lead="never").summarize(text, k=3)]
    again = [s.index for s in Summarizer(prior=loaded, lead="never").summarize(text, k=3)]
    assert ours == again
    scores = [s.score for s in Summarizer(prior=loaded, lead="never").rank(text)]
    assert scores == [s.score for s in Summarizer(prior=prior, lead="never").rank(text)]


def test_the_info_records_how_the_prior_was_fitted() -> None:
    prior, _ = _fit(GOOD, label="best", C=0.5, summarizer=Summarizer(stemmer="light"))
    info = dict(prior.info)
    assert info["trained_by"] == "arsumm.train_prior"
    assert (info["label"], info["C"], info["records"]) == ("best", "0.5", "3 used, 0 skipped")
    assert info["summarizer"].startswith("stemmer=light, stopwords=True")
    assert "date" not in info  # nothing that changes from run to run


def test_the_features_are_those_of_the_given_summarizer() -> None:
    """Training sees what summarising computes: prior.features of the summarizer's document."""
    for summarizer in (Summarizer(), Summarizer(stemmer="light", boilerplate=False)):
        prior, _ = _fit(GOOD, summarizer=summarizer)
        rows = np.vstack(
            [features(summarizer.vectorize(summarizer.prepare(r["text"]))) for r in GOOD]
        )
        assert np.allclose(prior.mean, rows.mean(axis=0), rtol=0, atol=1e-12)


def test_the_same_records_give_the_same_prior_in_two_processes() -> None:
    first, _ = _fit(GOOD)
    assert _same_numbers(first, _fit(GOOD)[0])
    code = (
        "import json, sys, arsumm; "
        "records = json.loads(sys.stdin.read()); "
        "print(json.dumps(arsumm.train_prior(records).to_dict()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(GOOD),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=ROOT,
    )
    other = LinearPrior.from_dict(json.loads(done.stdout))
    assert other == first


# -- labels ------------------------------------------------------------------------------


def test_overlap_tokens_are_letter_and_digit_runs_of_the_normalised_text() -> None:
    assert overlap_tokens("أَعلنت «الوزارة» ٣ قرارات، عام 2024م!") == [
        "اعلنت", "الوزارة", "3", "قرارات", "عام", "2024", "م",
    ]  # fmt: skip
    assert overlap_tokens("... !") == []


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        pytest.param("افتتاح المحطة الجديدة", "افتتاح المحطة", 0.8, id="subset"),
        pytest.param("مطر مطر", "مطر", 2 / 3, id="clipped-counts"),
        pytest.param("شمس", "قمر", 0.0, id="disjoint"),
        pytest.param("", "قمر", 0.0, id="empty"),
        pytest.param("أمطار غزيرة", "امطار غزيره", 0.5, id="hamza-folded-not-taa"),
    ],
)
def test_unigram_f1_on_our_texts(candidate: str, reference: str, expected: float) -> None:
    assert unigram_f1(overlap_tokens(candidate), overlap_tokens(reference)) == pytest.approx(
        expected
    )


WORDS = ["مطر", "أمطار", "غزيرة", "المدينة", "في", "3", "٣", "قال", "الوزير", "إن"]


@given(
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
)
def test_unigram_f1_is_rouge1_f1_with_the_suites_tokenizer(
    candidate: list[str], reference: list[str]
) -> None:
    from rouge_score import rouge_scorer

    from benchmarks.scoring import ArabicRougeTokenizer

    scorer = rouge_scorer.RougeScorer(["rouge1"], tokenizer=ArabicRougeTokenizer())
    a, b = " ".join(candidate), " ".join(reference)
    expected = scorer.score(b, a)["rouge1"].fmeasure
    assert unigram_f1(overlap_tokens(a), overlap_tokens(b)) == pytest.approx(expected, abs=1e-12)


SENTENCES = [
    "هطلت أمطار غزيرة على المدن الشمالية.",
    "وأغلقت السلطات المدارس في ثلاث محافظات.",
    "وعادت الحركة إلى طبيعتها صباحا.",
]


def test_best_labels_the_one_closest_sentence() -> None:
    refs = ["إغلاق المدارس في ثلاث محافظات"]
    assert sentence_labels(SENTENCES, refs, "best").tolist() == [0.0, 1.0, 0.0]
    # the mean over the references decides; the first of equals wins
    assert sentence_labels(SENTENCES[:2], ["أمطار", "المدارس"], "best").tolist() == [1.0, 0.0]
    assert sentence_labels(SENTENCES, ["مباراة بالتعادل"], "best").tolist() == [0.0, 0.0, 0.0]


def test_share_counts_the_references_that_copy_a_sentence() -> None:
    # copied with hamza stripped, taa marbuta as haa, a line break inside
    copied = "هطلت امطار غزيره على المدن\nالشمالية. وعادت الحركة الى طبيعتها صباحا."
    refs = [copied, "وأغلقت السلطات المدارس في ثلاث محافظات.", "خبر آخر تماما."]
    assert sentence_labels(SENTENCES, refs, "share").tolist() == pytest.approx(
        [1 / 3, 1 / 3, 1 / 3]
    )
    assert sentence_labels(SENTENCES, [copied], "share").tolist() == [1.0, 0.0, 1.0]
    assert squash("إلى  المدرسةِ\nالجديدة") == "اليالمدرسهالجديده"


def test_auto_uses_share_where_a_sentence_is_copied_else_best() -> None:
    copied = ["وأغلقت السلطات المدارس في ثلاث محافظات."]
    assert sentence_labels(SENTENCES, copied, "auto").tolist() == [0.0, 1.0, 0.0]
    two = [copied[0], "وعادت الحركة إلى طبيعتها صباحا."]
    assert sentence_labels(SENTENCES, two, "auto").tolist() == [0.0, 0.5, 0.5]
    own_words = ["عودة الحركة صباحا بعد الأمطار"]
    assert sentence_labels(SENTENCES, own_words, "auto").tolist() == (
        sentence_labels(SENTENCES, own_words, "best").tolist()
    )
    assert set(LABELS) == {"auto", "best", "share"}


def test_labels_reject_an_unknown_choice_and_no_reference() -> None:
    with pytest.raises(ConfigError, match="label must be one of 'auto', 'best', 'share'"):
        sentence_labels(SENTENCES, ["ملخص"], "f1")
    with pytest.raises(ValueError, match="at least one reference"):
        sentence_labels(SENTENCES, [], "best")


# -- the command line ------------------------------------------------------------------------


def _write_jsonl(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def _arsumm(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """The real console entry point (``python -m arsumm``), in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "arsumm", *args],
        cwd=cwd,
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_trains_and_the_summary_uses_the_prior(tmp_path: Path) -> None:
    data = tmp_path / "archive.jsonl"
    _write_jsonl(
        data,
        [
            json.dumps(PLANT, ensure_ascii=False),
            "{not json",
            json.dumps(FAIR, ensure_ascii=False),
            json.dumps({"id": "no-summary", "text": RAIN["text"]}, ensure_ascii=False),
            json.dumps(RAIN, ensure_ascii=False),
        ],
    )
    done = _arsumm("train", "archive.jsonl", "-o", "prior.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    errors = done.stderr.splitlines()
    assert errors[0].startswith("arsumm: archive.jsonl: line 2: not JSON")
    assert errors[0].endswith("(skipped)")
    assert errors[1] == "arsumm: archive.jsonl: line 4: no 'references' field (skipped)"
    assert errors[2] == (
        "arsumm: trained on 3 of 5 records of archive.jsonl (2 skipped); "
        "wrote the prior to prior.json"
    )
    prior = LinearPrior.load(tmp_path / "prior.json")
    python, _ = _fit(GOOD)
    assert _same_numbers(prior, python)
    assert dict(prior.info)["data"] == "archive.jsonl"

    article = tmp_path / "article.txt"
    article.write_text(arsumm.demo_text(), encoding="utf-8")
    used = _arsumm(
        "article.txt", "--prior", "prior.json", "--lead", "never", "--format", "analyze",
        cwd=tmp_path,
    )  # fmt: skip
    assert used.returncode == 0, used.stderr
    scores = [s["score"] for s in json.loads(used.stdout)["sentences"]]
    expected = Summarizer(prior=python, lead="never").rank(arsumm.demo_text())
    assert scores == pytest.approx([s.score for s in expected], abs=1e-12)
    shipped = Summarizer(lead="never").rank(arsumm.demo_text())
    assert scores != pytest.approx([s.score for s in shipped], abs=1e-6)  # not the bundled one


def test_cli_fields_label_and_c(tmp_path: Path) -> None:
    rows = [{"body": r["text"], "standfirst": r["references"][0], "id": r["id"]} for r in GOOD]
    data = tmp_path / "news.jsonl"
    _write_jsonl(data, [json.dumps(r, ensure_ascii=False) for r in rows])
    out = tmp_path / "p.json"
    status = cli_main(
        [
            "train", str(data), "-o", str(out), "--text-field", "body",
            "--references-field", "standfirst", "--label", "best", "-C", "0.5",
            "--stemmer", "light",
        ]
    )  # fmt: skip
    assert status == 0
    expected, _ = _fit(GOOD, label="best", C=0.5, summarizer=Summarizer(stemmer="light"))
    assert _same_numbers(LinearPrior.load(out), expected)


def test_cli_progress_bar_goes_to_stderr(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    _write_jsonl(data, [json.dumps(r, ensure_ascii=False) for r in GOOD])
    done = _arsumm("train", "a.jsonl", "--progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "arsumm train" in done.stderr
    assert "3/3" in done.stderr
    prior = LinearPrior.from_dict(json.loads(done.stdout))  # no -o: the prior on stdout
    assert dict(prior.info)["records"] == "3 used, 0 skipped"


def test_cli_reads_standard_input(tmp_path: Path) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOOD).encode()
    done = _arsumm("train", "-", "-o", "prior.json", cwd=tmp_path, stdin=lines)
    assert done.returncode == 0, done.stderr
    assert "of stdin" in done.stderr
    assert dict(LinearPrior.load(tmp_path / "prior.json").info)["data"] == "stdin"


def test_cli_with_no_usable_line_fails_and_leaves_the_output_alone(tmp_path: Path) -> None:
    data = tmp_path / "bad.jsonl"
    _write_jsonl(data, ["[1, 2]", json.dumps({"text": "نص قصير."}, ensure_ascii=False), ""])
    old = tmp_path / "prior.json"
    old.write_text("previous", encoding="utf-8")
    done = _arsumm("train", "bad.jsonl", "-o", "prior.json", cwd=tmp_path)
    assert done.returncode == 1
    errors = done.stderr.splitlines()
    assert errors[:3] == [
        "arsumm: bad.jsonl: line 1: expected a JSON object, got list (skipped)",
        "arsumm: bad.jsonl: line 2: no 'references' field (skipped)",
        "arsumm: bad.jsonl: line 3: empty line (skipped)",
    ]
    assert errors[3] == (
        "arsumm: error: bad.jsonl: none of the 3 records can be used to train a prior "
        "(see the lines above)"
    )
    assert old.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "prior.json"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(
            ["missing.jsonl"], 1, "arsumm: error: missing.jsonl: no such file", id="no-file"
        ),
        pytest.param(["empty.jsonl"], 1, "empty.jsonl: no records: the file is empty", id="empty"),
        pytest.param(["empty.jsonl", "-C", "-1"], 2, "-C must be a positive number", id="C"),
        pytest.param(["empty.jsonl", "--label", "f1"], 2, "invalid choice: 'f1'", id="label"),
        pytest.param(["empty.jsonl", "-k", "3"], 2, "unrecognized arguments: -k 3", id="budget"),
    ],
)
def test_cli_errors_are_one_line(
    tmp_path: Path, args: list[str], status: int, message: str
) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    done = _arsumm("train", *args, cwd=tmp_path)
    assert done.returncode == status
    assert len(done.stderr.splitlines()) == 1
    assert message in done.stderr


def test_cli_help_lists_train() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "arsumm", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "arsumm train DATA.jsonl [-o PRIOR.json] [options]" in out
    train = subprocess.run(
        [sys.executable, "-m", "arsumm", "train", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for flag in ("--label {auto,best,share}", "-C C", "--progress", "--references-field"):
        assert flag in train


# -- the real data ---------------------------------------------------------------------------


def test_share_on_easc_dev_gives_the_shipped_teleport() -> None:
    """The bundled prior is EASC dev with label="share" and C=0.01 (benchmarks.train_prior)."""
    splits = json.loads(require_data("easc", "splits.json").read_text(encoding="utf-8"))
    dev = set(splits["dev"])
    records = [r for r in load_jsonl(require_data("easc", "easc.jsonl")) if r["id"] in dev]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every EASC dev article is usable
        prior = train_prior(records, label="share")
    assert dict(prior.info)["records"] == f"{len(records)} used, 0 skipped"
    shipped = load_default_prior()
    s = Summarizer()
    worst = 0.0
    for record in records:
        F = features(s.vectorize(s.prepare(record["text"])))
        distance = 0.5 * float(np.abs(prior.weights(F) - shipped.weights(F)).sum())
        worst = max(worst, distance)
    assert worst < 0.02  # total variation, over every dev article
    assert np.allclose(prior.coef, shipped.coef, atol=0.02)


# -- docs/training.md --------------------------------------------------------------------


def test_the_docs_tables_are_the_committed_results(tmp_path: Path) -> None:
    """docs/training.md's generated blocks are what benchmarks.training renders from
    benchmarks/results/training-*.json: no figure on the page is typed by hand."""
    from benchmarks import training

    page = ROOT / "docs" / "training.md"
    copy = tmp_path / "training.md"
    copy.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert training.render(copy) == page.read_text(encoding="utf-8")
    results = [training.LABELS_RESULT, training.NEWSROOM_RESULT]
    results += [training.prior_path(corpus) for corpus in training.NEWSROOMS]
    for result in results:
        assert result.exists(), f"{result.name} is missing: run python -m benchmarks.training"
    text = page.read_text(encoding="utf-8")
    blocks = ["labels-summary", "labels-easc", "labels-ant-bbc", "labels-saudinewsnet"]
    blocks += ["newsroom-ant-bbc", "newsroom-ant-bbc-easc", "newsroom-saudinewsnet"]
    for name in blocks:
        assert f"<!-- training:{name} -->\n" in text
    for corpus, n in (("ant-bbc", 1500), ("saudinewsnet", 2000)):
        info = dict(LinearPrior.load(training.prior_path(corpus)).info)
        assert info["data"] == f"{corpus}-dev.jsonl"  # a relative name, never this machine's path
        used, skipped = (int(w) for w in info["records"].replace(",", "").split()[::2])
        assert used + skipped == n
