"""Shared fixtures: where the evaluation data lives, and hypothesis profiles.

The data sets (EASC, UD Arabic-PUD) are not part of the repository. Tests
that need them look in ``$ARSUMM_DATA`` or in ``../shared/data`` beside the
project root, and skip with the reason when the folder is absent. CI sets
``ARSUMM_REQUIRE_DATA=1`` so that a missing folder fails instead of skipping.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def data_dir() -> Path | None:
    """Return the evaluation data folder, or None when it is absent."""
    env = os.environ.get("ARSUMM_DATA")
    candidate = Path(env) if env else ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


def require_data(*parts: str) -> Path:
    """Return a path inside the data folder, or skip (fail in CI) if missing."""
    base = data_dir()
    path = base.joinpath(*parts) if base is not None else None
    if path is None or not path.exists():
        reason = (
            f"evaluation data {'/'.join(parts)} not found: set ARSUMM_DATA or put the "
            "data in ../shared/data beside the project"
        )
        if os.environ.get("ARSUMM_REQUIRE_DATA") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def easc_docs() -> list[dict[str, Any]]:
    return load_jsonl(require_data("easc", "easc.jsonl"))


@pytest.fixture(scope="session")
def easc_splits() -> dict[str, list[str]]:
    path = require_data("easc", "splits.json")
    splits: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return splits
