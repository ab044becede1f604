"""What produced a result: commit, command line, package versions, machine.

Every JSON file the suite writes carries a ``provenance`` block built here, so
that every figure in the docs can name the command and the commit behind it.
Paths are shown relative to the project root (never this machine's absolute
paths).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks import ROOT

__all__ = [
    "command_line",
    "display_path",
    "git_commit",
    "provenance",
    "read_json",
    "write_json",
]

_PACKAGES = (
    "arsumm",
    "numpy",
    "scipy",
    "scikit-learn",
    "nltk",
    "rouge-score",
    "sumy",
    "summa",
    "lexrank",
)


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def git_commit() -> dict[str, Any]:
    """Return ``{"commit": short hash or None, "dirty": bool}`` of the project tree.

    ``dirty`` is True when tracked files differ from the commit, so that a
    reader knows the figures come from the commit plus uncommitted changes.
    The suite's own outputs (``benchmarks/results/``, ``benchmarks/baseline.json``
    and the generated pages and plots under ``docs/``) do not count: a run that
    rewrites them is still a run of the committed code.
    """
    commit = _git("rev-parse", "--short", "HEAD")
    status = _git(
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        *(f":(exclude){path}" for path in _OUTPUTS),
    )
    return {"commit": commit, "dirty": bool(status)}


#: Files the benchmark runs write, excluded from the ``dirty`` check.
_OUTPUTS = (
    "benchmarks/results",
    "benchmarks/baseline.json",
    "docs/benchmarks.md",
    "docs/quality.md",
    "docs/training.md",
    "docs/keywords.md",
    "docs/img",
)


def display_path(path: str | os.PathLike[str]) -> str:
    """Show ``path`` relative to the project root when it is absolute.

    Examples
    --------
    >>> display_path(ROOT.parent / "shared" / "data" / "easc" / "easc.jsonl")
    '../shared/data/easc/easc.jsonl'
    >>> display_path("relative/file.txt")
    'relative/file.txt'
    """
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return Path(os.path.relpath(p, ROOT)).as_posix()
    except ValueError:  # another drive on Windows
        return p.name


def command_line(module: str, argv: Sequence[str]) -> str:
    """Return the command as a user would type it, with paths made relative.

    Examples
    --------
    >>> command_line("benchmarks.rouge", ["--split", "test", "--ratio", "0.3"])
    'python -m benchmarks.rouge --split test --ratio 0.3'
    """
    shown = [display_path(a) if os.path.isabs(a) else a for a in argv]
    return shlex.join(["python", "-m", module, *shown])


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def _machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "system": platform.system(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:  # psutil comes with the bench extra; the rest works without it
        pass
    return info


def provenance(module: str, argv: Sequence[str]) -> dict[str, Any]:
    """Return the provenance block stored in every result file."""
    return {
        "command": command_line(module, argv),
        **git_commit(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "versions": _versions(),
        "machine": _machine(),
        "executable": Path(sys.executable).name,
    }


# A JSON list of numbers spread over lines by indent=1: written on one line instead.
_NUMBER_LIST = re.compile(r"\[\s*(-?[0-9][-0-9.e+]*(?:,\s*-?[0-9][-0-9.e+]*)*)\s*\]")


def _one_line(match: re.Match[str]) -> str:
    return "[" + ", ".join(item.strip() for item in match.group(1).split(",")) + "]"


def write_json(path: Path, payload: dict[str, Any]) -> None:
    """Write ``payload`` as indented UTF-8 JSON, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    text = _NUMBER_LIST.sub(_one_line, text)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON object written by :func:`write_json`."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
