"""The command-line rows of the bad-input table (issue 6; docs/reliability.md).

Every test runs ``python -m arsumm`` as a real subprocess. An error is one line on
stderr without a traceback: exit 1 for bad input, 2 for bad usage, 130 for Ctrl-C.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

ARTICLE = (
    "عنوان الخبر\n"
    "هطلت أمطار غزيرة على مدينة الواحة صباح اليوم. "
    "وأغلقت البلدية المدارس بسبب الأمطار الغزيرة. "
    "وقال مدير الدفاع المدني إن فرقه أخلت عشرين عائلة.\n"
)


def run(*args: str, stdin: bytes | None = b"") -> subprocess.CompletedProcess[bytes]:
    return run_cli(*args, stdin=stdin)


def one_line_error(result: subprocess.CompletedProcess[bytes], status: int, message: str) -> str:
    """Assert the process failed with ``status`` and one stderr line containing ``message``."""
    err = result.stderr.decode("utf-8")
    assert result.returncode == status, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("arsumm: error: ") or status == 2, err
    assert message in err, err
    assert result.stdout == b""
    return err


# -- files ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-article.txt"
    one_line_error(run(str(path)), 1, f"{path}: no such file")


def test_directory(tmp_path: Path) -> None:
    one_line_error(run(str(tmp_path)), 1, f"{tmp_path}: is a directory, not a text file")


def _unreadable(tmp_path: Path) -> Path:
    """A file this process cannot read, or skip saying why none can be made.

    ``chmod 000`` stops everyone but root (CAP_DAC_OVERRIDE). For root, Linux
    still refuses to open a write-only sysctl for reading, so that is used
    instead.
    """
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    candidates = [path, Path("/proc/sys/vm/drop_caches"), Path("/proc/sys/vm/compact_memory")]
    for candidate in candidates:
        try:
            with candidate.open("rb"):
                pass
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.skip("running as root and no write-only file exists: cannot make a file unreadable")


def test_unreadable_file(tmp_path: Path) -> None:
    path = _unreadable(tmp_path)
    one_line_error(run(str(path)), 1, f"{path}: permission denied")


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    good = "نص سليم ".encode()
    path = tmp_path / "bad.txt"
    path.write_bytes(good + b"\xff\xfe" + ARTICLE.encode("utf-8"))
    err = one_line_error(run(str(path)), 1, f"not valid utf-8 at byte offset {len(good)}")
    assert "(byte 0xff)" in err
    assert "--encoding" in err
    assert "--errors replace" in err


def test_invalid_utf8_on_stdin_names_the_byte_offset() -> None:
    head, tail = ARTICLE[:40].encode("utf-8"), ARTICLE[40:].encode("utf-8")
    broken = head + b"\xc3" + tail  # a lead byte followed by an Arabic letter's lead byte
    offset = len(head)
    one_line_error(run("-", stdin=broken), 1, f"stdin: not valid utf-8 at byte offset {offset}")


def test_errors_replace_summarizes_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"\xd8\xba", b"\xff", 1))  # the first غ
    result = run(str(path), "--errors", "replace", "-k", "10", "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert any("\ufffd" in item["text"] for item in summary)


def test_encoding_option_reads_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    one_line_error(run(str(path)), 1, "not valid utf-8 at byte offset 0")
    result = run(str(path), "--encoding", "cp1256", "-k", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == run("-", "-k", "2", stdin=ARTICLE.encode("utf-8")).stdout


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    one_line_error(run(str(path), "--encoding", "klingon-8"), 1, "unknown encoding 'klingon-8'")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path = tmp_path / "utf16.txt"
    path.write_bytes(bom + ARTICLE.replace("\n", "\r\n").encode(codec))
    result = run(str(path), "-k", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    text = ARTICLE.replace("\n", "\r\n")  # offsets count characters after the BOM
    summary = json.loads(result.stdout)["summary"]
    assert len(summary) == 2
    for item in summary:
        assert text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \n\t\r\n ", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
    ],
)
def test_empty_stdin(data: bytes) -> None:
    one_line_error(run("-", stdin=data), 1, "stdin: input is empty")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    one_line_error(run(str(path)), 1, f"{path}: input is empty")


# -- pipes and signals --------------------------------------------------------------


@pytest.mark.skipif(shutil.which("head") is None, reason="needs the head command")
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_output_piped_into_head(unbuffered: str) -> None:
    # ~1 MB of output: far more than a pipe holds, so arsumm is still
    # writing when head exits after the first line.
    lines = [
        f"الخبر رقم {i} عن {['المطر', 'الشمس', 'النهر', 'الجبل'][i % 4]} في مدينة "
        + " ".join(["الواحة", "الساحلية", "الجميلة", "القديمة"] * 40)
        + "."
        for i in range(1000)
    ]
    data = "\n".join(lines).encode("utf-8")
    assert len(data) > 1_000_000
    arsumm_proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", "-", "--ratio", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": unbuffered},
    )
    head = subprocess.Popen(["head", "-1"], stdin=arsumm_proc.stdout, stdout=subprocess.PIPE)
    assert arsumm_proc.stdout is not None
    assert arsumm_proc.stdin is not None
    arsumm_proc.stdout.close()  # head holds the only read end
    arsumm_proc.stdin.write(data)
    arsumm_proc.stdin.close()
    first, _ = head.communicate(timeout=120)
    assert arsumm_proc.stderr is not None
    with arsumm_proc.stderr:
        err = arsumm_proc.stderr.read().decode("utf-8")
    arsumm_proc.wait(timeout=120)
    assert first.decode("utf-8").count("\n") == 1
    assert first.decode("utf-8").startswith("الخبر رقم 0")
    assert err == ""  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert arsumm_proc.returncode == 141  # 128 + SIGPIPE, like a Unix tool killed by it


def _pipe_fill(fd: int) -> int:
    """Bytes waiting in the pipe whose end is ``fd`` (Linux and macOS)."""
    import fcntl
    import termios

    return int(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_reading_stdin_exits_130() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    # Feed a few bytes and wait until arsumm has read them: it is then inside
    # the read of a pipe that never closes, as with `tail -f log | arsumm`.
    proc.stdin.write("نص عربي ".encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while _pipe_fill(proc.stdin.fileno()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _pipe_fill(proc.stdin.fileno()) == 0, "arsumm never read its input"
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.decode("utf-8") == "arsumm: interrupted\n"
    assert out == b""


# -- arsumm batch ---------------------------------------------------------------------


@functools.cache
def _has_batch_command() -> bool:
    result = run("batch", "--help")
    return result.returncode == 0 and b"--text-field" in result.stdout


@pytest.fixture
def batch() -> None:
    if not _has_batch_command():
        pytest.skip("arsumm.cli has no batch command yet (issue 5)")


GOOD = {"id": "a", "text": ARTICLE}
BAD_LINES = [
    pytest.param('{"id": "b", "text": "مطر', "not JSON", id="malformed-json"),
    pytest.param('{"id": "c", "body": "نص"}', "no 'text' field", id="no-text-field"),
    pytest.param(
        '{"id": "d", "text": 42}', "field 'text' must be a string, got int", id="text-int"
    ),
    pytest.param('{"id": "e", "text": null}', "must be a string, got NoneType", id="text-null"),
    pytest.param('{"id": "f", "text": ["نص"]}', "must be a string, got list", id="text-list"),
    pytest.param('["not", "an", "object"]', "expected a JSON object, got list", id="not-an-object"),
    pytest.param("", "empty line", id="blank-line"),
    pytest.param('{"id": "g", "text": "   "}', "text is empty", id="text-blank"),
    pytest.param('{"id": "h", "text": "English only."}', "no Arabic letter", id="text-latin"),
]


def _write_jsonl(path: Path, lines: list[str]) -> None:
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))


def _check_good(record: dict[str, object], line: int) -> None:
    assert record["line"] == line
    assert record["id"] == "a"
    assert record["error"] is None
    summary = record["summary"]
    assert isinstance(summary, list)
    assert summary
    for item in summary:
        assert ARTICLE[item["start"] : item["end"]] == item["text"]


@pytest.mark.usefixtures("batch")
@pytest.mark.parametrize(("line", "error"), BAD_LINES)
def test_batch_bad_line_becomes_an_error_record(tmp_path: Path, line: str, error: str) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = json.dumps(GOOD, ensure_ascii=False)
    _write_jsonl(source, [good, line, good])
    result = run("batch", str(source), "-o", str(target), "-k", "1")
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert "1 of 3 records failed" in err
    records = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3  # one output line per input line, in order
    _check_good(records[0], 1)
    _check_good(records[2], 3)
    bad = records[1]
    assert bad["line"] == 2
    assert bad["summary"] is None
    assert bad["error_type"]
    assert error in bad["error"]


@pytest.mark.usefixtures("batch")
def test_batch_output_has_one_line_per_input_line(tmp_path: Path) -> None:
    good = json.dumps(GOOD, ensure_ascii=False)
    bad = [p.values[0] for p in BAD_LINES]
    lines = [good, *bad, good, *reversed(bad), good]
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, lines)
    result = run("batch", str(source), "-k", "2")  # to stdout
    assert result.returncode == 0, result.stderr
    records = [json.loads(x) for x in result.stdout.decode("utf-8").splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(lines) + 1))
    for number, (line, record) in enumerate(zip(lines, records, strict=True), start=1):
        if line == good:
            _check_good(record, number)
        else:
            assert record["summary"] is None, record
            assert record["error"], record
    assert f"{2 * len(bad)} of {len(lines)} records failed" in result.stderr.decode("utf-8")


@pytest.mark.usefixtures("batch")
def test_batch_missing_input_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    one_line_error(run("batch", str(tmp_path / "nope.jsonl"), "-o", str(target)), 1, "no such file")
    assert not target.exists()


@pytest.mark.usefixtures("batch")
def test_batch_closed_stdin_is_one_error_line() -> None:
    command = f'"{sys.executable}" -m arsumm batch - <&-'
    result = subprocess.run(["sh", "-c", command], capture_output=True, timeout=120, check=False)
    one_line_error(result, 1, "arsumm: error: ")


@pytest.mark.usefixtures("batch")
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_batch_full_disk_on_stdout_is_one_error_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, [json.dumps(GOOD, ensure_ascii=False)])
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "arsumm", "batch", str(source)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert "Traceback" not in err
    assert err.startswith("arsumm: error: ")


# -- issue 13: files, pipes, signals, limits (docs/reliability.md) ----------------------

WEATHER = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."
LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")


def _records(n: int) -> bytes:
    return "".join(
        json.dumps({"id": i, "text": WEATHER}, ensure_ascii=False) + "\n" for i in range(n)
    ).encode("utf-8")


def _feed_fifo(fifo: Path, data: bytes) -> threading.Thread:
    """Write ``data`` into ``fifo`` from a thread (opening blocks until a reader comes)."""
    thread = threading.Thread(target=fifo.write_bytes, args=(data,), daemon=True)
    thread.start()
    return thread


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("progress", [[], ["--progress"]], ids=["plain", "progress"])
def test_batch_reads_a_fifo(tmp_path: Path, progress: list[str]) -> None:
    """Item 1: `arsumm batch FIFO -o b.jsonl` wrote 0 lines and exited 0."""
    fifo, out = tmp_path / "in.jsonl", tmp_path / "b.jsonl"
    os.mkfifo(fifo)
    writer = _feed_fifo(fifo, _records(20))
    result = run("batch", str(fifo), "-o", str(out), *progress)
    writer.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in _lines(out)] == list(range(20))


def test_batch_reads_dev_stdin_and_a_process_substitution(tmp_path: Path) -> None:
    """Item 1: `cat in.jsonl | arsumm batch /dev/stdin` and `<(cat in.jsonl)` read nothing."""
    source, out = tmp_path / "in.jsonl", tmp_path / "b.jsonl"
    source.write_bytes(_records(20))
    result = run("batch", "/dev/stdin", "-o", str(out), "--progress", stdin=_records(20))
    assert result.returncode == 0, result.stderr
    assert len(_lines(out)) == 20
    command = f'"{sys.executable}" -m arsumm batch <(cat in.jsonl) -o c.jsonl --progress'
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert len(_lines(tmp_path / "c.jsonl")) == 20


def test_batch_progress_counts_the_lines_of_a_regular_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(_records(7))
    result = run("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--progress")
    assert result.returncode == 0, result.stderr
    assert b"7/7" in result.stderr


def test_batch_a_deeply_nested_line_is_one_error_record(tmp_path: Path) -> None:
    """Item 2: a line of 1,500 nested [ raised RecursionError, exit 1, no output at all."""
    nested = b'{"id": "deep", "text": ' + b"[" * 1500 + b"]" * 1500 + b"}\n"
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(_records(3) + nested + _records(3))
    result = run("batch", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = _lines(out)
    assert [r["line"] for r in records] == list(range(1, 8))
    assert records[3]["error"] == "line 4: not JSON (nested too deeply)"
    assert [r["error"] is None for r in records] == [True] * 3 + [False] + [True] * 3


def test_output_onto_a_device_node_writes_through_it(tmp_path: Path) -> None:
    """Item 3: `-o ./null`, a copy of /dev/null, became a regular file."""
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs root")
    result = run("--demo", "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@LINUX
def test_output_onto_a_symlink_to_stdout_writes_through_it(tmp_path: Path) -> None:
    """Item 3: -o onto a symlink to /proc/self/fd/1 replaced the link."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = run("--demo", "-k", "1", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("افتتاح أول محطة")
    assert os.readlink(link) == "/proc/self/fd/1"
    batch = run("batch", "-", "-o", str(link), stdin=_records(2))
    assert batch.returncode == 0, batch.stderr
    assert len(batch.stdout.splitlines()) == 2
    assert os.readlink(link) == "/proc/self/fd/1"


def test_a_planted_symlink_at_the_old_temporary_name_is_not_followed(tmp_path: Path) -> None:
    """Item 4: `ln -s victim.txt out.txt.tmp-$$; exec arsumm --demo -o out.txt`
    overwrote victim.txt."""
    (tmp_path / "victim.txt").write_text("precious\n", encoding="utf-8")
    command = (
        f'ln -s victim.txt out.txt.tmp-$$; exec "{sys.executable}" -m arsumm --demo -o out.txt'
    )
    result = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious\n"
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("افتتاح")


@pytest.mark.parametrize("via", ["same-name", "symlink", "hard-link", "stdin"])
def test_output_equal_to_the_input_is_refused(tmp_path: Path, via: str) -> None:
    """Item 5: `arsumm a.txt -o a.txt` replaced the article with its summary, rc 0."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "b.txt"
    if via == "symlink":
        target.symlink_to(article)
    elif via == "hard-link":
        os.link(article, target)
    else:
        target = article
    if via == "stdin":
        result = _run_with_stdin_file(article, target)
    else:
        result = run(str(article), "-o", str(target))
    one_line_error(result, 1, f"{target}: is the input file; write the output elsewhere")
    assert article.read_text(encoding="utf-8") == ARTICLE


def _run_with_stdin_file(article: Path, target: Path) -> subprocess.CompletedProcess[bytes]:
    with article.open("rb") as handle:
        return subprocess.run(
            [sys.executable, "-m", "arsumm", "-", "-o", str(target)],
            stdin=handle,
            capture_output=True,
            timeout=180,
            check=False,
        )


def test_batch_output_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    """Item 5: `arsumm batch in.jsonl -o in.jsonl` replaced the input, rc 0."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(_records(3))
    one_line_error(run("batch", str(source), "-o", str(source)), 1, "is the input file")
    assert source.read_bytes() == _records(3)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604], ids=["0600", "0640", "0604"])
def test_an_existing_output_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    """Item 6: overwriting a 0600 output file left it 0644."""
    for args in (["--demo"], ["batch", "-"]):
        out = tmp_path / "out.txt"
        out.write_bytes(b"old")
        out.chmod(mode)
        result = run(*args, "-o", str(out), stdin=_records(1))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(out.stat().st_mode) == mode
        assert out.read_bytes() != b"old"


@LINUX
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("signum", "status", "message"),
    [
        pytest.param(signal.SIGTERM, 143, "arsumm: terminated by SIGTERM\n", id="SIGTERM"),
        pytest.param(signal.SIGHUP, 129, "arsumm: terminated by SIGHUP\n", id="SIGHUP"),
        pytest.param(signal.SIGINT, 130, "arsumm: interrupted\n", id="SIGINT"),
    ],
)
def test_a_signal_during_batch_cleans_up_everything(
    tmp_path: Path, jobs: str, signum: int, status: int, message: str
) -> None:
    """Item 7: SIGTERM or SIGHUP during `arsumm batch -o` left a hidden temporary file, and
    with --jobs 2 the fork server, the resource tracker and the workers as orphans."""
    from tests.procs import kill_session, wait_until_gone

    fifo, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    out.write_text("the previous, complete output\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "arsumm", "batch", str(fifo), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        with fifo.open("wb") as writer:  # held open: arsumm waits for more input
            writer.write(_records(400))
            writer.flush()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # until records reach the temporary file
                temporary = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
                if temporary and temporary[0].stat().st_size > 0:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("arsumm never wrote to its temporary file")
            proc.send_signal(signum)
            assert proc.wait(timeout=60) == status
        assert proc.stderr is not None
        assert proc.stderr.read().decode("utf-8") == message
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]
        assert out.read_text(encoding="utf-8") == "the previous, complete output\n"
        assert wait_until_gone(proc.pid) == []  # workers, fork server, resource tracker
    finally:
        kill_session(proc.pid)
        if proc.stderr is not None:
            proc.stderr.close()


def test_batch_ids_that_json_cannot_hold_give_strict_json(tmp_path: Path) -> None:
    """Item 14: ids NaN and 1e400 came out as NaN and Infinity (not JSON)."""
    lines = [f'{{"id": {x}, "text": "{WEATHER}"}}' for x in ("NaN", "1e400", "-Infinity", "7")]
    source = tmp_path / "in.jsonl"
    source.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    result = run("batch", str(source))
    assert result.returncode == 0, result.stderr

    def reject(name: str) -> None:
        raise ValueError(f"{name} in the output")

    records = [json.loads(x, parse_constant=reject) for x in result.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == [None, None, None, 7]
    assert all("cannot be written as strict JSON" in r["error"] for r in records[:3])


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "analyze", "html"])
def test_a_lone_surrogate_gives_valid_utf8(tmp_path: Path, fmt: str) -> None:
    """Item 14: text with a lone surrogate read via --encoding utf-7 gave invalid UTF-8, rc 0."""
    path = tmp_path / "utf7.txt"
    path.write_bytes(("هطلت أمطار \ud800 غزيرة على المدينة. " + ARTICLE).encode("utf-7"))
    result = run(str(path), "--encoding", "utf-7", "-k", "10", "--format", fmt)
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode("utf-8")  # strict: raises on invalid UTF-8
    if fmt in ("json", "analyze"):
        assert "\ud800" in json.dumps(json.loads(output), ensure_ascii=False)
    elif fmt == "text":
        assert "\ufffd" in output


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["/dev/zero"], id="dev-zero"),
        pytest.param(["/dev/zero", "--max-bytes", "1000"], id="dev-zero-small-limit"),
        pytest.param(["batch", "/dev/zero"], id="batch-dev-zero"),
        pytest.param(["batch", "/dev/zero", "--max-bytes", "1000"], id="batch-small-limit"),
    ],
)
def test_endless_input_stops_at_the_limit(args: list[str]) -> None:
    """Item 15: `arsumm /dev/zero` died with a MemoryError traceback and
    `arsumm batch /dev/zero` hung forever."""
    limit = args[-1] if "--max-bytes" in args else "67108864"
    what = "line 1 is longer" if "batch" in args else "larger"
    one_line_error(run(*args), 1, f"/dev/zero: {what} than the maximum of {limit} bytes")


def test_a_huge_sparse_file_is_refused_unread(tmp_path: Path) -> None:
    """Item 15: a 2 GB sparse file peaked at 4.25 GB of memory before failing."""
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(2 << 30)
    one_line_error(run(str(sparse)), 1, "larger than the maximum of 67108864 bytes")


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_one_error_line(tmp_path: Path, codec: str) -> None:
    """Item 18: `--encoding rot13` printed a LookupError traceback."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    one_line_error(
        run(str(path), "--encoding", codec), 1, f"{path}: '{codec}' is not a text encoding"
    )


@pytest.mark.parametrize("batch", [False, True], ids=["single", "batch"])
def test_a_bad_target_is_refused_before_any_input_is_read(tmp_path: Path, batch: bool) -> None:
    """Item 21: `batch -o DIR` and `-o ""` failed only after the whole batch was computed.
    The input is a FIFO nobody writes to: reading it first would block for ever."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    command = ["batch", str(fifo)] if batch else [str(fifo)]
    one_line_error(run(*command, "-o", str(tmp_path)), 1, f"{tmp_path}: is a directory")
    one_line_error(run(*command, "-o", ""), 1, "-o: the file name is empty")
    missing = tmp_path / "no" / "out.txt"
    one_line_error(run(*command, "-o", str(missing)), 1, f"{missing}: no such directory")


def test_a_long_valid_output_name_is_accepted(tmp_path: Path) -> None:
    """Item 21: a 250-character output name was refused as "File name too long"."""
    for args in (["--demo"], ["batch", "-"]):
        target = tmp_path / ("a" * 250)
        result = run(*args, "-o", str(target), stdin=_records(1))
        assert result.returncode == 0, result.stderr
        assert target.stat().st_size > 0
        target.unlink()


@pytest.mark.parametrize("name", ["new\nline.txt", "\x1b[31mred.txt", "rtl\u202etxt.exe"])
def test_file_names_with_controls_are_escaped_in_errors(tmp_path: Path, name: str) -> None:
    """Item 23: file names with newlines or ANSI escapes were echoed raw in error lines."""
    path = tmp_path / name
    for args in ([str(path)], ["batch", str(path)]):
        err = one_line_error(run(*args), 1, "no such file")
        assert repr(str(path)) in err
        assert "\x1b" not in err
        assert "\u202e" not in err
