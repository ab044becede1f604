"""CI quality gate: default arsumm must keep its ROUGE on one dev cell of each corpus.

The cells are ``benchmarks.panel.GATE``: EASC dev at ratio 0.3 (all 106 articles),
ANT-BBC dev at k=3 and SaudiNewsNet dev at k=1 (a seeded sample of 400 articles
each, to keep the gate to seconds). It fails when default arsumm's ROUGE-1 or
ROUGE-2 F1 falls more than the recorded tolerance (0.5 points) below
``benchmarks/baseline.json``, and when Lead's figures differ from the recorded
ones (then the data, the splitter or the scoring changed, and the baseline no
longer measures the same thing). When quality changes on purpose, record the new
level with::

    python -m benchmarks.panel --write-baseline

It scores exactly as the panel does (same registry, same ROUGE, same samples).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from benchmarks.panel import BASELINE, GATE, gate_cells
from tests.conftest import require_data

GATED = ("rouge1", "rouge2")


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return record


@pytest.fixture(scope="module")
def measured() -> list[dict[str, Any]]:
    require_data("easc", "easc.jsonl")
    require_data("ant-bbc", "ant_bbc.jsonl")
    require_data("saudinewsnet", "saudinewsnet.jsonl")
    return gate_cells()


def test_baseline_records_how_it_was_made(baseline: dict[str, Any]) -> None:
    assert baseline["split"] == "dev"
    assert baseline["tolerance"] == 0.5
    assert baseline["command"] == "python -m benchmarks.panel --write-baseline"
    assert baseline["commit"]
    assert [(c["corpus"], c["budget"], c["sample"]) for c in baseline["cells"]] == list(GATE)
    for cell in baseline["cells"]:
        for name in ("arsumm", "lead"):
            assert cell[name]["failures"] == 0
            assert cell[name]["words"] > 0
            for metric in GATED:
                assert 0.0 < cell[name][metric] < 100.0


def test_the_gate_measures_what_the_baseline_measured(
    baseline: dict[str, Any], measured: list[dict[str, Any]]
) -> None:
    for recorded, now in zip(baseline["cells"], measured, strict=True):
        where = f"{now['corpus']} dev {now['budget']}"
        assert now["n_docs"] == recorded["n_docs"], where
        for metric in GATED:
            assert now["lead"][metric] == pytest.approx(recorded["lead"][metric], abs=0.01), (
                f"Lead's {metric} on {where} is {now['lead'][metric]:.3f}, the baseline says "
                f"{recorded['lead'][metric]:.3f}: the data, the sentence split or the scoring "
                f"changed. Check why, then record a new baseline: {baseline['command']}"
            )


def test_default_arsumm_keeps_its_rouge(
    baseline: dict[str, Any], measured: list[dict[str, Any]]
) -> None:
    tolerance = baseline["tolerance"]
    for recorded, now in zip(baseline["cells"], measured, strict=True):
        where = f"{now['corpus']} dev {now['budget']}"
        assert now["arsumm"]["failures"] == 0, where
        for metric in GATED:
            got, floor = now["arsumm"][metric], recorded["arsumm"][metric] - tolerance
            assert got >= floor, (
                f"{metric} F1 of default arsumm on {where} fell to {got:.2f}, more than "
                f"{tolerance} points below the baseline {recorded['arsumm'][metric]:.2f} "
                f"(commit {baseline['commit']}). If the drop is intended, record the new "
                f"level: {baseline['command']}"
            )
