"""CI quality gate: default arsumm on the EASC dev split must keep its ROUGE.

It runs the default :class:`arsumm.Summarizer` on the 106 dev articles at 30% of
their words and fails if ROUGE-1 or ROUGE-2 F1 falls more than the recorded
tolerance (0.5 points) below ``benchmarks/baseline.json``. When quality
improves on purpose, record the new level with::

    python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split dev \\
        --ratio 0.3 --methods arsumm lead --write-baseline

It scores exactly as the benchmark does (same methods registry, same ROUGE),
leaving out only ROUGE-Lsum, the slow one, which the gate does not check.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from arsumm.select import Budget
from benchmarks.methods import Context, Prepared, build
from benchmarks.rouge import BASELINE, score_method
from benchmarks.scoring import Rouge

GATED = ("rouge1", "rouge2")


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return record


def test_baseline_records_how_it_was_made(baseline: dict[str, Any]) -> None:
    assert baseline["split"] == "dev"
    assert baseline["ratio"] == 0.3
    assert baseline["tolerance"] == 0.5
    assert "--split dev" in baseline["command"]
    assert "--write-baseline" in baseline["command"]
    assert baseline["commit"]
    for metric in GATED:
        assert 0.0 < baseline[metric] < 100.0


def test_default_arsumm_keeps_its_rouge_on_easc_dev(
    baseline: dict[str, Any],
    easc_dev: list[Prepared],
) -> None:
    assert len(easc_dev) == baseline["n_docs"]
    (arsumm,) = build(["arsumm"], Context())
    run = score_method(arsumm, easc_dev, Budget.of(ratio=baseline["ratio"]), rouge=Rouge(GATED))
    assert run.failures == []
    for metric in GATED:
        got = 100.0 * float(run.f[metric].mean())
        floor = baseline[metric] - baseline["tolerance"]
        assert got >= floor, (
            f"{metric} F1 of default arsumm on EASC dev at ratio 0.3 fell to {got:.2f}, "
            f"more than {baseline['tolerance']} points below the baseline {baseline[metric]:.2f} "
            f"(commit {baseline['commit']}). If the drop is intended, record the new level: "
            f"{baseline['command']}"
        )
