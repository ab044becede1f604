"""``arsumm batch IN.jsonl -o OUT.jsonl``: one output line per input line, in order."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import arsumm
from tests.conftest import run_cli

TEXT = arsumm.demo_text()
BATCH = arsumm.batch.BATCH_DOCUMENTS
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


def test_output_is_streamed_while_the_input_is_read() -> None:
    """Records come out while the input pipe is still open: memory does not grow with it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", "batch", "-", "-k", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        # one batch of the library's size, and the pipe left open
        proc.stdin.write(jsonl(*({"id": i, "text": WEATHER} for i in range(BATCH))))
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        assert ready, "no record came out before the input ended"
        first = json.loads(proc.stdout.readline())
        assert first["line"] == 1
        assert first["summary"][0]["text"] == "الطقس حار اليوم في عمان."
        proc.stdin.write(jsonl(*({"id": i, "text": WEATHER} for i in range(BATCH, 500))))
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait(timeout=120) == 0
        assert len(rest.splitlines()) == 499
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


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


# -- issue 16: keyphrases in batch output ------------------------------------------------


def test_keywords_give_every_line_a_keyphrases_field(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(INPUT)
    result = run("batch", str(source), "--keywords", "3", "--stemmer", "light")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    plain = [json.loads(x) for x in run("batch", str(source)).stdout.decode("utf-8").splitlines()]
    assert len(records) == len(plain) == 10  # one line per input line, as without keyphrases
    extractor = arsumm.KeywordExtractor(stemmer="light")
    texts = {"a": TEXT, "b": WEATHER, "c": WEATHER}
    for record, before in zip(records, plain, strict=True):
        assert "keyphrases" in record
        assert "keyphrases" not in before
        if record["error"] is None:
            text = texts[record["id"]]
            assert record["keyphrases"] == [p.to_record() for p in extractor.extract(text, 3)]
            for phrase in record["keyphrases"]:
                assert phrase["text"] in {text[a:b] for a, b in phrase["occurrences"]}
        else:
            assert record["keyphrases"] is None
        assert record["error"] == before["error"]
    # the summaries are the light stemmer's, as without --keywords
    light = run("batch", str(source), "--stemmer", "light").stdout.decode("utf-8").splitlines()
    assert [r["summary"] for r in records] == [json.loads(x)["summary"] for x in light]


def test_keywords_with_worker_processes_and_bad_values(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(*({"id": i, "text": TEXT if i % 3 else "في من."} for i in range(60))))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("batch", str(source), "-o", str(one), "--keywords", "4").returncode == 0
    done = run("batch", str(source), "-o", str(two), "--keywords", "4", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert one.read_bytes() == two.read_bytes()
    records = read_records(one)
    assert [r["error_type"] for r in records[:3]] == ["NoContentError", None, None]
    assert len(records[1]["keyphrases"]) == 4
    for args, message in (
        (["--keywords", "0"], "--keywords must be a positive number of keyphrases, got 0"),
        (["--keywords", "x"], "argument --keywords: invalid int value"),
    ):
        result = run("batch", str(source), *args)
        assert result.returncode == 2
        assert message.encode() in result.stderr
        assert len(result.stderr.splitlines()) == 1
