"""The summarizer's quality defaults are the ones cross-validation chose.

``benchmarks/train_prior.py`` fits the learned prior on the EASC dev split
and records the damping and redundancy it chose in ``arsumm/data/prior.json``.
"""

from __future__ import annotations

import json
from importlib import resources

import arsumm
from arsumm.prior import FEATURES, LinearPrior, load_default_prior


def _record() -> dict[str, str]:
    raw = resources.files("arsumm").joinpath("data/prior.json").read_text("utf-8")
    info: dict[str, str] = json.loads(raw)["info"]
    return info


def test_defaults_match_the_trained_record() -> None:
    info = _record()
    default = arsumm.Summarizer()
    assert default.prior == "learned"
    assert default.damping == float(info["damping"])
    assert default.redundancy == float(info["redundancy"])
    assert "dev" in info["data"]
    assert "test split not used" in info["data"]


def test_shipped_prior_loads_and_favours_early_sentences() -> None:
    prior = load_default_prior()
    assert isinstance(prior, LinearPrior)
    coef = dict(zip(FEATURES, prior.coef, strict=True))
    assert coef["log_position"] < 0
    assert coef["sim_first"] > 0


def test_prior_round_trips_through_json(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "prior.json"
    prior = load_default_prior()
    prior.save(path)
    assert LinearPrior.load(path) == prior
