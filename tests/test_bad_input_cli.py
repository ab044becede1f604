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
import struct
import subprocess
import sys
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
