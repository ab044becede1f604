"""The out-of-fold dev study (benchmarks/dev_study.py) on the real EASC dev split.

Skips, naming the missing file, when the evaluation data is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from arsumm.select import Budget
from benchmarks import dev_study
from benchmarks.methods import Context, Prepared, build
from benchmarks.rouge import score_method
from benchmarks.scoring import Rouge
from tests.conftest import require_data


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = require_data("easc", "easc.jsonl")
    out = tmp_path_factory.mktemp("study") / "dev-study.json"
    assert dev_study.main(["--data", str(data), "--bootstrap", "200", "--out", str(out)]) == 0
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return record


def test_study_reads_dev_only(study: dict[str, Any], easc_splits: dict[str, list[str]]) -> None:
    assert study["split"] == "dev"
    assert study["articles"] == len(easc_splits["dev"])
    census = study["census"]
    assert census["references"] == 5 * study["articles"]
    assert sum(k["count"] for k in census["kinds"]) == census["references"]


def test_study_lead_agrees_with_the_suite(
    study: dict[str, Any],
    easc_dev: list[Prepared],
) -> None:
    (lead,) = build(["lead"], Context())
    run = score_method(lead, easc_dev, Budget.of(ratio=0.3), rouge=Rouge(("rouge1", "rouge2")))
    row = next(r for r in study["sweep"] if r["tag"] == "ratio0.3")
    assert row["lead_rouge1"]["mean"] == pytest.approx(
        100 * float(run.f["rouge1"].mean()), abs=0.05
    )
    assert row["lead_rouge2"]["mean"] == pytest.approx(
        100 * float(run.f["rouge2"].mean()), abs=0.05
    )


def test_study_setting_is_the_shipped_one(study: dict[str, Any]) -> None:
    from arsumm import Summarizer

    default = Summarizer()
    assert study["setting"]["damping"] == default.damping
    assert study["setting"]["redundancy"] == default.redundancy
    for row in study["sweep"]:
        d = row["d_rouge1"]
        assert d["low"] <= d["mean"] <= d["high"]
        assert d["mean"] == pytest.approx(
            row["default_rouge1"]["mean"] - row["lead_rouge1"]["mean"], abs=0.02
        )
    # k=1: the prior ranks the first sentence first in nearly every article, as Lead does
    k1 = next(r for r in study["sweep"] if r["tag"] == "k1")
    assert abs(k1["d_rouge1"]["mean"]) < 0.5


def test_candidate_rows_cover_every_extra_feature(study: dict[str, Any]) -> None:
    names = [row["features"] for row in study["candidates"]["rows"]]
    assert names[0] == "the ten of the default"
    assert names[1:-1] == [f"+ {n}" for n in dev_study.EXTRA_FEATURES]
    assert all(20.0 < row["rouge1"] < 80.0 for row in study["candidates"]["rows"])


def test_reference_kinds_on_a_written_article() -> None:
    sentences = ["الأول هنا.", "الثاني هنا.", "الثالث هنا.", "الرابع هنا.", "الخامس هنا."]
    assert dev_study.reference_kind(sentences, "الاول هنا. الثاني هنا.") == "lead prefix"
    assert dev_study.reference_kind(sentences, "الاول هنا.الثالث هنا. الخامس هنا.") == (
        "every other sentence"
    )
    assert dev_study.reference_kind(sentences, "الثاني هنا. الرابع هنا.") == "other"
    assert dev_study.reference_kind(sentences, "شيء آخر.") == "other"


def test_study_paths_are_relative(study: dict[str, Any]) -> None:
    assert not Path(study["data"]).is_absolute()
