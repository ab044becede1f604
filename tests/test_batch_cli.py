"""``arsumm batch IN.jsonl -o OUT.jsonl``: one output line per input line, in order."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import arsumm
from arsumm import cli
from tests.conftest import run_cli

TEXT = arsumm.demo_text()
WEATHER = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."


run = run_cli


def jsonl(*records: Any) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n"
        for r in records
    )


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


INPUT = jsonl(
    {"id": "a", "text": TEXT},
    b'{"id": "broken", "text": "no closing quote}',
    {"id": "b", "text": WEATHER},
    b"",
    {"id": 7, "body": WEATHER},
    {"id": "n", "text": 42},
    b"[1, 2]",
    {"text": "   "},
    b'{"id": "latin1", "text": "caf\xe9"}',
    {"id": "c", "text": WEATHER, "extra": [1, 2]},
)


def test_a_broken_line_gives_an_error_record_and_the_same_number_of_lines(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(INPUT)
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-k", "1")
    assert result.returncode == 0, result.stderr
    records = read_records(out)
    assert len(records) == INPUT.count(b"\n") == 10
    assert [r["line"] for r in records] == list(range(1, 11))
    assert [r["id"] for r in records] == ["a", None, "b", None, 7, "n", None, None, None, "c"]
    ok = [r["error"] is None for r in records]
    assert ok == [True, False, True, False, False, False, False, False, False, True]
    assert "line 2: not JSON" in records[1]["error"]
    assert records[3]["error"] == "line 4: empty line"
    assert records[4]["error"] == "line 5: no 'text' field"
    assert "must be a string, got int" in records[5]["error"]
    assert "expected a JSON object, got list" in records[6]["error"]
    assert records[7]["error_type"] == "EmptyTextError"
    assert records[8]["error_type"] == "UnicodeDecodeError"
    assert [s["text"] for s in records[0]["summary"]] == [
        s.text for s in arsumm.summarize(TEXT, k=1)
    ]
    for record in records:
        for sentence in record["summary"] or ():
            assert set(sentence) == {"index", "start", "end", "score", "text"}
    assert b"7 of 10 records failed" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_fields_budget_and_stemmer_options(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl({"url": "u1", "body": TEXT}, {"url": "u2", "body": WEATHER}))
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", str(source), "-o", str(out), "--text-field", "body", "--id-field", "url",
        "--ratio", "0.2", "--stemmer", "light",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = read_records(out)
    assert [r["id"] for r in records] == ["u1", "u2"]
    expected = arsumm.Summarizer(stemmer="light").summarize(TEXT, ratio=0.2)
    assert [s["index"] for s in records[0]["summary"]] == [s.index for s in expected]


def test_stdin_to_stdout_with_a_bom_and_crlf() -> None:
    data = b"\xef\xbb\xbf" + jsonl({"id": 1, "text": WEATHER}).replace(b"\n", b"\r\n")
    result = run("batch", "-", "-k", "1", stdin=data)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert record["id"] == 1
    assert [s["text"] for s in record["summary"]] == ["الطقس حار اليوم في عمان."]


def test_worker_processes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(*({"id": i, "text": TEXT if i % 3 else ""} for i in range(150))))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("batch", str(source), "-o", str(one)).returncode == 0
    result = run("batch", str(source), "-o", str(two), "--jobs", "2", "--progress")
    assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    assert b"150/150" in result.stderr


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        pytest.param(["missing.jsonl"], 1, "no such file", id="missing-file"),
        pytest.param(["."], 1, "is a directory", id="directory"),
        pytest.param(["IN", "--jobs", "0"], 2, "--jobs", id="zero-jobs"),
        pytest.param(["IN", "-k", "0"], 1, "k must be", id="bad-budget"),
        pytest.param(["IN", "-k", "2", "--ratio", "0.2"], 2, "not allowed", id="two-budgets"),
        pytest.param([], 2, "IN.jsonl", id="no-input"),
    ],
)
def test_usage_and_input_errors(tmp_path: Path, args: list[str], status: int, message: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl({"text": WEATHER}))
    args = [str(source) if a == "IN" else a for a in args]
    result = run("batch", *args, "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == status
    assert message.encode() in result.stderr
    assert b"Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_crash_leaves_no_output_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(*({"text": WEATHER} for _ in range(10))))
    out = tmp_path / "out.jsonl"
    out.write_text("the previous, complete output\n", encoding="utf-8")
    real = cli.summarize_many

    def dies_midway(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for i, result in enumerate(real(*args, **kwargs)):
            if i == 5:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(cli, "summarize_many", dies_midway)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["batch", str(source), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "the previous, complete output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_output_is_streamed_while_the_input_is_read() -> None:
    """Records are written before the input ends: memory does not grow with it."""
    read = 0
    written_at: list[int] = []

    class Lines(io.RawIOBase):
        def __iter__(self) -> Iterator[bytes]:  # type: ignore[override]
            nonlocal read
            for i in range(500):
                read += 1
                yield jsonl({"id": i, "text": WEATHER})

    class Sink(io.BytesIO):
        def write(self, data: Any) -> int:
            written_at.append(read)
            return super().write(data)

    sink = Sink()
    status = cli.main(["batch", "-", "-k", "1"], stdin=Lines(), stdout=sink)  # type: ignore[arg-type]
    assert status == 0
    assert len(sink.getvalue().splitlines()) == 500
    assert written_at[0] <= arsumm.batch.BATCH_DOCUMENTS + 1


def test_single_document_mode_is_unchanged_and_a_file_named_batch_works(
    tmp_path: Path,
) -> None:
    (tmp_path / "batch").write_text(WEATHER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "arsumm", "./batch", "-k", "1"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(arsumm.__file__).parent.parent)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").strip() == "الطقس حار اليوم في عمان."
    assert b"batch" in run("--help").stdout
    assert b"--text-field" in run("batch", "--help").stdout
