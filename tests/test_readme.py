"""README.md must stay true: its example output is what the code prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import arsumm
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    match = re.search(re.escape(marker) + r".*?\n```text\n(.*?)```", README, re.S)
    assert match, f"no text block after {marker!r} in README.md"
    return match.group(1)


def test_demo_output_matches_readme() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "arsumm", "--demo"], capture_output=True, check=True, timeout=120
    )
    assert result.stdout.decode("utf-8") == _block_after("<!-- demo-output")


def test_python_example_matches_readme() -> None:
    text = arsumm.demo_text()
    lines = [
        f"{s.index} {s.start} {s.end} {round(s.score, 3)}"
        for s in arsumm.summarize(text, ratio=0.2)
    ]
    assert "\n".join(lines) + "\n" == _block_after("round(s.score, 3))\n```")


def test_exactly_two_setup_commands() -> None:
    commands = [ln for ln in README.splitlines() if ln.startswith("python3 -m venv .venv")]
    assert len(commands) == 2
    assert commands[0].endswith("arsumm --demo")
    assert "pytest" in commands[1]


def test_import_works_from_the_folder_above_a_clone(tmp_path: Path) -> None:
    """A clone is a folder named ``arsumm``; seen from the folder above it, that folder
    is a namespace package that shadowed setuptools' default editable finder, and
    ``arsumm.Summarizer`` was missing. README's test command installs in "compat" mode
    (the project on ``sys.path``), where the real package wins. Run in the environment
    the tests run in, which README's command made.
    """
    (tmp_path / "arsumm").mkdir()  # what a clone looks like from above
    done = subprocess.run(
        [sys.executable, "-c", "import arsumm; print(arsumm.Summarizer.__name__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip() == "Summarizer", done.stderr
    assert "editable_mode=compat" in next(
        line
        for line in README.splitlines()
        if line.startswith("python3 -m venv") and "test" in line
    )
