"""Shared fixtures: where the evaluation data lives, and hypothesis profiles.

The data sets (EASC, ANT-BBC, SaudiNewsNet, UD Arabic-PUD) are not part of the
repository. Tests
that need them look in ``$ARSUMM_DATA`` or in ``../shared/data`` beside the
project root, and skip with the reason when the folder is absent. CI sets
``ARSUMM_REQUIRE_DATA=1`` so that a missing folder fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

from arsumm.splitter import Span

if TYPE_CHECKING:  # the benchmark suite needs the bench extra: imported where it is used
    from benchmarks.interface import Prepared

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


@pytest.fixture(scope="session")
def easc_dev(easc_docs: list[dict[str, Any]], easc_splits: dict[str, list[str]]) -> list[Prepared]:
    """The EASC dev articles, split and tokenised as the benchmark suite scores them."""
    from benchmarks.data import Document, load_split
    from benchmarks.rouge import prepare

    corpus = [
        Document(d["id"], d.get("topic", ""), d["text"], tuple(d["references"])) for d in easc_docs
    ]
    return prepare(load_split(corpus, easc_splits, "dev"))


def run_cli(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m arsumm ARGS`` in a fresh interpreter (``env`` adds variables)."""
    return subprocess.run(
        [sys.executable, "-m", "arsumm", *args],
        input=stdin,
        capture_output=True,
        timeout=180,
        env={**os.environ, **env} if env else None,
        check=False,
    )


def assert_spans_exact(text: str, spans: Sequence[Span], max_chars: int) -> None:
    """Each span is its slice of ``text``, stripped, at most ``max_chars`` long, in order."""
    previous_end = 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert previous_end <= span.start < span.end
        assert not span.text[0].isspace()
        assert not span.text[-1].isspace()
        assert len(span.text) <= max_chars
        previous_end = span.end


#: Short Arabic words of our own for building large test documents.
VOCABULARY = [
    "مطر",
    "شمس",
    "نهر",
    "جبل",
    "بحر",
    "سهل",
    "ريح",
    "غيم",
    "برق",
    "رعد",
    "ثلج",
    "ورد",
    "نخل",
    "قمح",
    "زيت",
    "تمر",
    "مدينة",
    "الوادي",
    "كتاب",
    "مدرسة",
    "طريق",
    "سوق",
    "ميناء",
    "مصنع",
    "حقل",
    "بيت",
    "شارع",
    "جسر",
    "قرية",
    "ساحة",
    "مكتبة",
    "مستشفى",
    "جامعة",
    "ملعب",
]
