"""arsumm.io in this process, on real files, FIFOs, devices and symlinks.

The command-line reproducers of issue 13 are in tests/test_bad_input_cli.py;
these pin each rule of the one writer and the readers down directly.
"""

from __future__ import annotations

import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from arsumm.io import (
    FileError,
    Output,
    count_lines,
    decode,
    display_name,
    file_id,
    json_line,
    read_records,
    read_text,
)

ARTICLE = "هطلت أمطار غزيرة على المدينة. وأغلقت المدارس بسبب الأمطار.\n"


def write(path: Path, data: bytes, **options: object) -> None:
    with Output(str(path), stdout=None, **options) as out:  # type: ignore[arg-type]
        out.write(data)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the writer -------------------------------------------------------------------------


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write(tmp_path / "out.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o640


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    """Issue 13 item 6: overwriting a 0600 file left it 0644."""
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert names(tmp_path) == ["out.txt"]


def test_a_symlink_stays_and_the_file_it_points_to_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "made.txt")
    write(link, b"new")
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_bytes() == b"new"


def test_a_character_device_is_written_through(tmp_path: Path) -> None:
    """Issue 13 item 3: -o onto a symlink to /dev/null replaced the link with a file."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write(link, b"discarded")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert names(tmp_path) == ["null"]


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write(fifo, b"through the pipe")
    reader.join(timeout=60)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert names(tmp_path) == ["pipe"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p.mkdir(), "is a directory", id="directory"),
        pytest.param(
            lambda p: os.mknod(p, stat.S_IFBLK | 0o600, os.makedev(7, 250)),
            "is a block device; refusing to write to it",
            id="block-device",
        ),
    ],
)
def test_directories_and_block_devices_are_refused(
    tmp_path: Path, make: object, message: str
) -> None:
    target = tmp_path / "target"
    try:
        make(target)  # type: ignore[operator]
    except PermissionError:
        pytest.skip("making a device node needs root")
    before = target.lstat()
    with pytest.raises(FileError, match=message):
        write(target, b"x")
    after = target.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert names(tmp_path) == ["target"]


def test_the_input_file_is_refused(tmp_path: Path) -> None:
    """Issue 13 item 5, here through a hard link: the same file under another name."""
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    os.link(source, tmp_path / "b.txt")
    with pytest.raises(FileError, match=r"b\.txt: is the input file"):
        write(tmp_path / "b.txt", b"summary", avoid=file_id(str(source)))
    assert source.read_text(encoding="utf-8") == ARTICLE


def test_a_planted_temporary_name_is_never_followed(tmp_path: Path) -> None:
    """Issue 13 item 4: the temporary name was predictable and followed a symlink."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    for suffix in (f".tmp-{os.getpid()}", ".tmp"):  # the old names, and a guess
        (tmp_path / f"out.txt{suffix}").symlink_to(victim)
    write(tmp_path / "out.txt", b"summary")
    assert victim.read_bytes() == b"precious"
    assert (tmp_path / "out.txt").read_bytes() == b"summary"


def test_an_exception_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"the previous, complete output")

    def interrupted() -> None:
        with Output(str(target), stdout=None) as out:
            out.write(b"half of the")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert target.read_bytes() == b"the previous, complete output"
    assert names(tmp_path) == ["out.txt"]


def test_a_long_valid_name_is_accepted(tmp_path: Path) -> None:
    """Issue 13 item 21: a 250-character name was refused because of the temporary suffix."""
    target = tmp_path / ("س" * 120 + ".txt")  # 244 bytes in UTF-8
    assert len(os.fsencode(target.name)) > 240
    write(target, b"ok")
    assert target.read_bytes() == b"ok"


def test_the_target_is_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="the file name is empty"):
        Output("", stdout=None).__enter__()
    with pytest.raises(FileError, match="no such directory"):
        Output(str(tmp_path / "missing" / "out.txt"), stdout=None).__enter__()


def test_dash_and_none_are_standard_output() -> None:
    sink = io.BytesIO()
    for path in ("-", None):
        with Output(path, stdout=sink) as out:
            out.write(b"a")
    assert sink.getvalue() == b"aa"
    with pytest.raises(FileError, match="standard output is closed"), Output("-", stdout=None):
        pass


# -- reading ----------------------------------------------------------------------------


def test_read_text_stops_at_the_limit_on_a_device() -> None:
    """Issue 13 item 15: ``arsumm /dev/zero`` died with a MemoryError."""
    with pytest.raises(FileError, match="larger than the maximum of 1000 bytes"):
        read_text("/dev/zero", None, max_bytes=1000)


def test_read_text_refuses_a_huge_sparse_file_unread(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(2 << 30)  # 2 GB, no block on disk
    with pytest.raises(FileError, match="larger than the maximum"):
        read_text(str(sparse), None)


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri"])
def test_codecs_that_are_not_text_encodings_are_one_error(codec: str) -> None:
    """Issue 13 item 18: --encoding rot13 printed a LookupError traceback."""
    with pytest.raises(FileError, match=f"a.txt: '{codec}' is not a text encoding"):
        decode(b"abc", "a.txt", codec)


def test_decode_offsets_count_the_bom() -> None:
    data = b"\xef\xbb\xbf" + "نص".encode() + b"\xff"
    with pytest.raises(FileError, match=r"byte offset 7 \(byte 0xff\)"):
        decode(data, "a.txt")


def records(data: bytes, **options: object) -> list[tuple[int, object, str | None, str | None]]:
    stream = io.BytesIO(data)
    return [
        (r.line, r.id, r.text, r.error)
        for r in read_records(stream, name="in.jsonl", **options)  # type: ignore[arg-type]
    ]


def test_a_deeply_nested_line_is_an_error_record() -> None:
    """Issue 13 item 2: 1,500 nested [ raised RecursionError and lost the batch."""
    nested = b'{"id": 1, "text": ' + b"[" * 1500 + b"]" * 1500 + b"}\n"
    good = json.dumps({"id": 2, "text": ARTICLE}, ensure_ascii=False).encode() + b"\n"
    got = records(good + nested + good)
    assert [line for line, *_ in got] == [1, 2, 3]
    assert got[1][3] == "line 2: not JSON (nested too deeply)"
    assert got[0][2] == got[2][2] == ARTICLE


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_an_id_that_strict_json_cannot_hold_is_an_error_record(literal: str) -> None:
    """Issue 13 item 14: ids NaN and 1e400 came out as NaN and Infinity."""
    ((line, doc_id, text, error),) = records(f'{{"id": {literal}, "text": "نص"}}\n'.encode())
    assert (line, doc_id, text) == (1, None, None)
    assert error is not None
    assert error.startswith("line 1: field 'id' cannot be written as strict JSON")


def test_a_line_longer_than_the_limit_stops_the_reading() -> None:
    data = b'{"text": "a"}\n' + b"x" * 50 + b"\n"
    stream = io.BytesIO(data)
    reader = read_records(stream, name="in.jsonl", max_bytes=20)
    assert next(reader).text == "a"
    with pytest.raises(FileError, match=r"in\.jsonl: line 2 is longer than the maximum of 20"):
        next(reader)


def test_invalid_utf8_names_the_byte_offset_in_the_file_and_the_line() -> None:
    data = b'{"text": "a"}\n{"text": "caf\xe9"}\n'
    got = records(data)
    assert got[1][3] == (
        "line 2: not valid utf-8 at byte offset 27 of in.jsonl (byte 13 of the line, 0xe9)"
    )
    assert data[27] == 0xE9


def test_count_lines_reads_regular_files_only(tmp_path: Path) -> None:
    """Issue 13 item 1: counting lines drained a pipe, so the batch read nothing."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"a\nb\nc")
    with path.open("rb") as handle:
        assert count_lines(handle) == 3
        assert handle.read() == b"a\nb\nc"  # the position did not move
    read, write_end = os.pipe()
    with os.fdopen(read, "rb") as pipe, os.fdopen(write_end, "wb") as writer:
        writer.write(b"a\nb\n")
        writer.flush()
        assert count_lines(pipe) is None
        writer.close()
        assert pipe.read() == b"a\nb\n"


# -- formats and names ------------------------------------------------------------------


def test_json_lines_are_strict_and_valid_utf8() -> None:
    line = json_line({"text": "نص \ud800 و \udfff", "id": [1, "a"]})
    text = line.decode("utf-8")  # strict: raises on invalid UTF-8
    assert json.loads(text) == {"text": "نص \ud800 و \udfff", "id": [1, "a"]}
    with pytest.raises(ValueError, match="JSON compliant"):
        json_line({"score": float("inf")})


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        pytest.param("تقرير.txt", "تقرير.txt", id="arabic"),
        pytest.param("a\nb.txt", "'a\\nb.txt'", id="newline"),
        pytest.param("\x1b[31mred", "'\\x1b[31mred'", id="ansi-escape"),
        pytest.param("a\u202eb", "'a\\u202eb'", id="bidi-override"),
        pytest.param("bad\udcff", "'bad\\udcff'", id="undecodable-byte"),
        pytest.param("", "''", id="empty"),
    ],
)
def test_display_name_escapes_controls(name: str, shown: str) -> None:
    """Issue 13 item 23: names with newlines or ANSI escapes were echoed raw."""
    assert display_name(name) == shown
