"""Every code example in docs/ runs.

* ```` ```python ```` blocks are doctests (``>>>``): pytest collects docs/*.md
  with ``--doctest-glob=*.md``. A python block without ``>>>`` would never
  run, so it is an error here.
* ```` ```console ```` blocks are shell sessions: each ``$ command`` runs
  with bash in a fresh folder per page (the blocks of one page share it, in
  order), with this interpreter's ``bin`` folder first on ``PATH``, and the
  lines up to the next ``$`` are its expected standard output (doctest's
  ``...`` matches any text). The exit status must be 0.
* ```` ```bash ```` blocks in the pages below are the README's set-up
  commands, which ``.ci/run`` runs as written; they must stay identical.
* ```` ```text ```` blocks are output or usage, and MyST directives
  (```` ```{toctree} ````) are Sphinx's.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md"))
# Pages whose bash blocks must be the README's set-up commands.
SETUP_PAGES = {"quickstart.md"}
FENCE_RE = re.compile(r"^(`{3,})([^\n`]*)\n(.*?)^\1[ \t]*$", re.M | re.S)


def blocks(page: Path) -> list[tuple[str, str]]:
    """Return (info string, body) of every fenced code block of a page."""
    text = page.read_text(encoding="utf-8")
    return [(m.group(2).strip(), m.group(3)) for m in FENCE_RE.finditer(text)]


def sessions(page: Path) -> list[tuple[str, str]]:
    """Return (command, expected output) of every ``$`` line in console blocks."""
    steps: list[tuple[str, str]] = []
    for info, body in blocks(page):
        if info != "console":
            continue
        for line in body.splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append((line[2:].strip(), ""))
            else:
                assert steps, f"{page.name}: console output before any $ command"
                command, want = steps[-1]
                steps[-1] = (command, want + line)
    return steps


def test_docs_exist() -> None:
    names = {p.name for p in PAGES}
    for required in ("index.md", "quickstart.md", "cli.md", "html-view.md", "pipeline.md"):
        assert required in names
    for required in ("extending.md", "limitations.md", "api.md", "benchmarks.md"):
        assert required in names


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_code_blocks_are_runnable(page: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = [ln for ln in readme.splitlines() if ln.startswith("python3 -m venv .venv")]
    for info, body in blocks(page):
        language = info.split()[0] if info else ""
        if language == "python":
            assert ">>>" in body, f"{page.name}: a python block that is not a doctest:\n{body}"
            assert body.endswith("\n\n"), (
                f"{page.name}: put a blank line before the closing fence of a doctest, "
                "or the fence is read as expected output"
            )
        elif language == "bash" and page.name in SETUP_PAGES:
            for line in body.strip().splitlines():
                assert line in setup, f"{page.name}: bash line is not a README command: {line}"
        elif language in ("console", "text", "bash") or language.startswith("{"):
            continue
        else:
            pytest.fail(f"{page.name}: code block {info!r} is neither run nor output")


CONSOLE_PAGES = [p for p in PAGES if sessions(p)]


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=[p.name for p in CONSOLE_PAGES])
def test_console_examples(page: Path, tmp_path: Path) -> None:
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    env["LC_ALL"] = "C.UTF-8"
    prelude = ""
    if shutil.which("arsumm", path=bindir) is None:  # run from a source tree
        prelude = f'arsumm() {{ "{sys.executable}" -m arsumm "$@"; }}\n'
    checker = doctest.OutputChecker()
    for command, want in sessions(page):
        result = subprocess.run(
            ["bash", "-c", prelude + command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            timeout=180,
            check=False,
        )
        got = result.stdout.decode("utf-8")
        assert result.returncode == 0, f"$ {command}\n{result.stderr.decode('utf-8', 'replace')}"
        if not checker.check_output(want, got, doctest.ELLIPSIS):
            pytest.fail(f"{page.name}: $ {command}\nexpected:\n{want}\ngot:\n{got}")
