"""``arsumm batch FILE --jobs N``: workers read and write their own parts of the file.

Every test runs the real command line in a fresh process and compares with
``--jobs 1`` (the streaming path) byte for byte: records, line numbers, error
messages with the file's own byte offsets, the exit status and standard error.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import arsumm
from arsumm.batchfile import MIN_PART_BYTES, plan_parts
from tests.conftest import run_cli
from tests.procs import kill_session, session_members, wait_until_gone

TEXT = arsumm.demo_text()
WEATHER = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."
ESSAY = "الماء أساس الحياة. وتحتاجه النباتات. ويغطي معظم سطح الأرض. ويتبخر بالحرارة."
LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def mixed_lines(n: int) -> list[bytes]:
    """Good records of three kinds, and every few lines a bad one of another kind."""
    bad = [
        b'{"id": "broken", "text": "no closing quote}',
        b"",
        b'{"id": 7, "body": "x"}',
        b"[1, 2]",
        b'{"id": "latin1", "text": "caf\xe9"}',
        b'{"id": "blank", "text": "   "}',
        b'{"id": "latin", "text": "English only."}',
    ]
    lines = []
    for i in range(n):
        if i % 23 == 5:
            lines.append(bad[(i // 23) % len(bad)])
        else:
            text = (TEXT, WEATHER, ESSAY)[i % 3]
            lines.append(json.dumps({"id": i, "text": text}, ensure_ascii=False).encode())
    return lines


def both(tmp_path: Path, data: bytes, *args: str) -> tuple[subprocess.CompletedProcess[bytes], ...]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    runs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        runs.append(run_cli("batch", str(source), "-o", str(out), "--jobs", jobs, *args))
    return tuple(runs)


def test_parts_give_the_streaming_output_byte_for_byte(tmp_path: Path) -> None:
    lines = mixed_lines(2500)
    data = b"\xef\xbb\xbf" + b"\n".join(lines)  # a BOM, and no line feed at the end
    with (tmp_path / "probe").open("wb") as handle:
        handle.write(data)
    with (tmp_path / "probe").open("rb") as handle:
        parts = plan_parts(handle.fileno(), len(data), 2, 1 << 26)
    assert len(parts) >= 3  # the file really is cut (parts of >= MIN_PART_BYTES)
    assert len(data) > 3 * MIN_PART_BYTES
    one, two = both(tmp_path, data, "--ratio", "0.3")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stderr == two.stderr
    assert b"records failed" in two.stderr
    expected = (tmp_path / "out-1.jsonl").read_bytes()
    assert (tmp_path / "out-2.jsonl").read_bytes() == expected
    records = [json.loads(x) for x in expected.splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(lines) + 1))
    assert records[0]["error"] is None  # the BOM of line 1 is dropped
    undecodable = [r for r in records if r["error_type"] == "UnicodeDecodeError"]
    assert undecodable
    for record in undecodable:  # the byte offset is the file's, whatever part it is in
        offset = int(record["error"].split("byte offset ")[1].split()[0])
        assert data[offset : offset + 1] == b"\xe9"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.jsonl",
        "out-1.jsonl",
        "out-2.jsonl",
        "probe",
    ]


def test_to_standard_output_and_with_progress(tmp_path: Path) -> None:
    data = b"\n".join(mixed_lines(1500)) + b"\n"
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    one = run_cli("batch", str(source), "-k", "2")
    two = run_cli("batch", str(source), "-k", "2", "--jobs", "2", "--progress")
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout
    assert b"1500/1500" in two.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_line_too_long_stops_the_run_as_streaming_does(tmp_path: Path) -> None:
    lines = mixed_lines(1500)
    lines[1100] = json.dumps({"id": "long", "text": WEATHER * 40}, ensure_ascii=False).encode()
    data = b"\n".join(lines) + b"\n"
    one, two = both(tmp_path, data, "--max-bytes", "4000")
    assert one.returncode == two.returncode == 1
    assert two.stderr == one.stderr
    assert b"line 1101 is longer than the maximum of 4000 bytes" in two.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_small_file_with_jobs_is_summarised_too(tmp_path: Path) -> None:
    data = b"\n".join(mixed_lines(30)) + b"\n"
    _, two = both(tmp_path, data)
    assert two.returncode == 0, two.stderr
    assert (tmp_path / "out-2.jsonl").read_bytes() == (tmp_path / "out-1.jsonl").read_bytes()


def _big_input(tmp_path: Path) -> tuple[Path, bytes]:
    source = tmp_path / "in.jsonl"
    data = b"\n".join(mixed_lines(12_000)) + b"\n"
    source.write_bytes(data)
    return source, data


def _workers(sid: int) -> list[int]:
    """The worker processes of session ``sid``: children of the fork server."""
    members = set(session_members(sid))
    workers = []
    for pid in members:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        if b"forkserver" in cmdline and parent in members:
            try:
                if b"forkserver" in Path(f"/proc/{parent}/cmdline").read_bytes():
                    workers.append(pid)
            except OSError:
                continue
    return workers


def _wait_for_parts(folder: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        parts = [p for p in folder.iterdir() if ".part" in p.name]
        if sum(p.stat().st_size for p in parts if p.exists()) > 0 and _workers(proc.pid):
            return
        time.sleep(0.05)
    pytest.fail("no worker wrote a part")


@LINUX
def test_a_killed_worker_loses_nothing(tmp_path: Path) -> None:
    """SIGKILL a worker (as the out-of-memory killer would) in the middle of the run:
    its parts are summarised again, and the output is the streaming one."""
    source, _ = _big_input(tmp_path)
    expected = run_cli("batch", str(source), "-k", "2")
    assert expected.returncode == 0
    out = tmp_path / "out.jsonl"
    command = ["batch", str(source), "-o", str(out), "-k", "2", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait_for_parts(tmp_path, proc)
        os.kill(_workers(proc.pid)[0], signal.SIGKILL)
        assert proc.wait(timeout=300) == 0
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        if stderr != expected.stderr:
            # Known race, seen once in a loaded full run: a worker that the fork
            # server was starting when the broken pool was stopped prints the
            # traceback of its start (multiprocessing's, not arsumm's); the
            # output and arsumm's own lines are unaffected.
            assert stderr.endswith(b"\n" + expected.stderr), stderr
            assert b"multiprocessing/forkserver.py" in stderr, stderr
        assert out.read_bytes() == expected.stdout
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
        assert wait_until_gone(proc.pid) == []
    finally:
        kill_session(proc.pid)
        if proc.stderr is not None:
            proc.stderr.close()


@LINUX
@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [
        pytest.param(signal.SIGTERM, 143, b"arsumm: terminated by SIGTERM\n", id="SIGTERM"),
        pytest.param(signal.SIGINT, 130, b"arsumm: interrupted\n", id="SIGINT"),
    ],
)
def test_a_signal_removes_the_parts_and_stops_the_workers(
    tmp_path: Path, signum: int, status: int, message: bytes
) -> None:
    source, _ = _big_input(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("the previous, complete output\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", "batch", str(source), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait_for_parts(tmp_path, proc)
        proc.send_signal(signum)
        assert proc.wait(timeout=60) == status
        assert proc.stderr is not None
        assert proc.stderr.read() == message
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
        assert out.read_text(encoding="utf-8") == "the previous, complete output\n"
        assert wait_until_gone(proc.pid) == []
    finally:
        kill_session(proc.pid)
        if proc.stderr is not None:
            proc.stderr.close()


def test_a_record_that_kills_every_worker_fails_alone(tmp_path: Path) -> None:
    """A part whose worker dies twice is summarised again record by record, in workers
    that isolate the culprit: only the culprit's record is an error, as when streaming."""
    import io

    from arsumm.batchfile import Job, summarize_parts, write_records
    from arsumm.io import Output, read_records
    from tests.test_parallel import POISON, Killer

    lines = mixed_lines(1500)
    for i in (40, 41, 900):
        lines[i] = json.dumps({"id": i, "text": WEATHER + f" {POISON} هنا."}).encode()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    job = Job(
        path=str(source),
        name="in.jsonl",
        text_field="text",
        id_field="id",
        max_bytes=1 << 20,
        summarizer=arsumm.Summarizer(stemmer=Killer()),
        budget=arsumm.Budget.of(k=2),
    )
    target = tmp_path / "out.jsonl"
    with Output(str(target), stdout=None) as out:
        failed, written = summarize_parts(job, out, 2)
    assert written == 1500
    streamed = io.BytesIO()
    with source.open("rb") as stream:

        def summarize(pairs: Iterator[tuple[Any, str]]) -> Iterator[arsumm.BatchResult]:
            return arsumm.summarize_many(pairs, summarizer=job.summarizer, k=2, n_jobs=2)

        expected = write_records(read_records(stream, name="in.jsonl"), summarize, streamed.write)
    assert (failed, written) == expected
    assert target.read_bytes() == streamed.getvalue()
    records = [json.loads(x) for x in streamed.getvalue().splitlines()]
    assert [r["error_type"] for r in records if r["id"] in (40, 41, 900)] == [
        "BrokenProcessPool"
    ] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_keyphrases_travel_through_parts_and_isolating_workers(tmp_path: Path) -> None:
    """``--keywords N`` with parts: a plug-in stemmer keeps every part in the workers (none
    here), and a record that kills every worker sends its part to the isolating workers:
    the keyphrases field is the streaming one everywhere, null where the line failed."""
    import io

    from arsumm.batchfile import Job, summarize_parts, write_records
    from arsumm.io import Output, read_records
    from tests.test_parallel import POISON, Killer

    lines = mixed_lines(700)
    lines[30] = json.dumps({"id": 30, "text": WEATHER + f" {POISON} هنا."}).encode()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    extractor = arsumm.KeywordExtractor(stemmer="light")
    job = Job(
        path=str(source),
        name="in.jsonl",
        text_field="text",
        id_field="id",
        max_bytes=1 << 20,
        summarizer=arsumm.Summarizer(stemmer=Killer()),
        budget=arsumm.Budget.of(k=2),
        keyphrases=(extractor, 3),
    )
    target = tmp_path / "out.jsonl"
    with Output(str(target), stdout=None) as out:
        failed, written = summarize_parts(job, out, 2)
    assert written == 700
    streamed = io.BytesIO()
    with source.open("rb") as stream:

        def summarize(pairs: Iterator[tuple[Any, str]]) -> Iterator[arsumm.BatchResult]:
            return arsumm.summarize_many(
                pairs, summarizer=job.summarizer, k=2, n_jobs=2, keywords=3, extractor=extractor
            )

        records = read_records(stream, name="in.jsonl")
        expected = write_records(records, summarize, streamed.write, keyphrases=True)
    assert (failed, written) == expected
    assert target.read_bytes() == streamed.getvalue()
    records = [json.loads(x) for x in streamed.getvalue().splitlines()]
    assert all("keyphrases" in r for r in records)
    texts = {0: TEXT, 1: WEATHER, 2: ESSAY}
    for r in records:
        if r["error"] is None:
            want = extractor.extract(texts[r["id"] % 3], 3)
            assert r["keyphrases"] == [p.to_record() for p in want]
        else:
            assert r["keyphrases"] is None
    assert records[30]["error_type"] == "BrokenProcessPool"
