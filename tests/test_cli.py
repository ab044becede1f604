"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import arsumm
from tests.conftest import VOCABULARY, run_cli

ARTICLE = (
    "عنوان الخبر\nهطلت أمطار غزيرة على المدينة. وأغلقت المدارس بسبب الأمطار. وعادت الحياة غدا.\n"
)


run = run_cli


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_demo() -> None:
    result = run("--demo", "-k", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    expected = [" ".join(s.text.split()) for s in arsumm.summarize(arsumm.demo_text(), k=2)]
    assert lines == expected


def test_file_text_format(article: Path) -> None:
    result = run(str(article), "-k", "1")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").strip() in ARTICLE


def test_json_offsets_point_into_the_input(article: Path) -> None:
    result = run(str(article), "--format", "json", "--ratio", "0.5")
    doc = json.loads(result.stdout)
    assert doc["n_sentences"] == 4
    for item in doc["summary"]:
        assert ARTICLE[item["start"] : item["end"]] == item["text"]


def test_jsonl(article: Path) -> None:
    result = run(str(article), "--format", "jsonl", "-k", "2", "--stemmer", "light")
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 2
    assert {"index", "start", "end", "score", "text"} <= set(records[0])


def test_stdin_with_bom_and_crlf() -> None:
    data = "\ufeff".encode() + ARTICLE.replace("\n", "\r\n").encode("utf-8")
    result = run("-", "--format", "json", "-k", "1", stdin=data)
    assert result.returncode == 0, result.stderr
    text = data.decode("utf-8-sig")
    item = json.loads(result.stdout)["summary"][0]
    assert text[item["start"] : item["end"]] == item["text"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    result = run(str(path), "-k", "1")
    assert result.returncode == 0, result.stderr


def test_output_is_utf8_whatever_the_locale(article: Path) -> None:
    result = run(
        str(article), "-k", "1", env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0, result.stderr
    result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: str(p / "missing.txt"), "no such file", id="missing-file"),
        pytest.param(lambda p: str(p), "is a directory", id="directory"),
    ],
)
def test_bad_paths(tmp_path: Path, make: object, message: str) -> None:
    result = run(make(tmp_path))  # type: ignore[operator]
    assert result.returncode == 1
    err = result.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_invalid_utf8_gives_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("نص سليم ".encode() + b"\xff\xfe" + " بقية".encode())
    result = run(str(path))
    assert result.returncode == 1
    assert "byte offset 14" in result.stderr.decode()
    replaced = run(str(path), "--errors", "replace", "-k", "1")
    assert replaced.returncode == 0, replaced.stderr


def test_empty_stdin() -> None:
    result = run("-", stdin=b"")
    assert result.returncode == 1
    assert "empty" in result.stderr.decode()


def test_no_arabic_is_reported() -> None:
    result = run("-", stdin=b"just english text.")
    assert result.returncode == 1
    assert "no Arabic letter" in result.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-k", "0"], id="k-zero"),
        pytest.param(["--ratio", "2"], id="ratio-two"),
    ],
)
def test_bad_budget_values(article: Path, args: list[str]) -> None:
    result = run(str(article), *args)
    assert result.returncode == 1
    assert "must be" in result.stderr.decode()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["-k", "2", "--ratio", "0.3"], id="two-budgets"),
        pytest.param(["-k", "two"], id="k-not-int"),
        pytest.param(["--format", "xml"], id="bad-format"),
        pytest.param(["--demo", "file.txt"], id="demo-with-file"),
    ],
)
def test_usage_errors_exit_2(article: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("arsumm ")


def test_output_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run(str(article), "--format", "json", "-o", str(out))
    assert result.returncode == 0
    assert result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]


def test_pipe_into_head_has_no_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    words = VOCABULARY[:16]
    lines = [
        f"{words[i % 16]} {words[(i * 7) % 16]} {words[(i * 5 + 3) % 16]} في الوادي."
        for i in range(3000)
    ]
    big.write_text("\n".join(lines), encoding="utf-8")
    command = f'"{sys.executable}" -m arsumm "{big}" --ratio 1 | head -1'
    result = subprocess.run(command, shell=True, capture_output=True, timeout=300, check=False)
    assert result.stdout.count(b"\n") == 1
    assert b"Traceback" not in result.stderr
    assert b"BrokenPipe" not in result.stderr


def test_console_script_same_as_module(article: Path) -> None:
    script = Path(sys.executable).with_name("arsumm")
    if not script.exists():
        pytest.skip("arsumm console script not installed in this environment")
    a = subprocess.run([str(script), str(article)], capture_output=True, check=False, timeout=120)
    b = run(str(article))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout
