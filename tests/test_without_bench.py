"""The unit tests need only the ``test`` extra, not the benchmark suite's packages.

A fresh interpreter blocks the ``bench`` extra's packages (``sys.modules[name] =
None`` makes every import of them fail, as when they are not installed), then
runs pytest: the whole test tree must collect (the benchmark tests skip, naming
the extra) and a few unit test files must pass without importing ``benchmarks``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The bench extra's packages (setup.cfg), by import name.
#: (psutil is in the bench extra too, but dask's distributed needs it: the test extra has it.)
BLOCKED = ("rouge_score", "sumy", "summa", "lexrank", "matplotlib")
#: Unit tests of the library's stages, run in full without the bench extra.
UNIT_FILES = ("tests/test_splitter.py", "tests/test_select.py", "tests/test_normalize.py")

_SCRIPT = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None
import pytest
status = pytest.main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m == "benchmarks" or m.startswith("benchmarks."))
print("benchmarks modules loaded:", loaded)
sys.exit(int(status))
"""


def _pytest_without_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(blocked=BLOCKED), "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HYPOTHESIS_PROFILE": "dev"},
        check=False,
    )


def test_the_blocking_works() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _SCRIPT.format(blocked=BLOCKED).split("import pytest")[0] + "import rouge_score",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "ImportError" in done.stderr or "ModuleNotFoundError" in done.stderr


def test_every_test_module_collects_without_the_bench_extra() -> None:
    done = _pytest_without_bench("--collect-only", "-q", "-rs")  # tests, doctests, docs
    # a module that fails to import is a collection error: pytest exits with 2
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # the benchmark tests are skipped with the reason, the unit tests collected
    assert "bench extra" in done.stdout
    assert "tests/test_splitter.py::test_golden" in done.stdout
    assert "tests/test_benchmarks.py::" not in done.stdout
    assert "arsumm/summarizer.py::" in done.stdout  # the doctests too


def test_unit_tests_run_without_the_bench_extra() -> None:
    done = _pytest_without_bench("-q", *UNIT_FILES)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
    assert "benchmarks modules loaded: []" in done.stdout
