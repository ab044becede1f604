"""Files and streams of the command line: reading, output formats, one safe writer.

Everything ``arsumm`` and ``arsumm batch`` read or write goes through this
module, so that the rules below hold for both.

Reading
    :func:`read_text` reads one document: UTF-8 by default, with or without
    a byte-order mark, UTF-16 when a UTF-16 BOM is present, or any text
    encoding named; it reads in pieces and stops at ``max_bytes``
    (:data:`DEFAULT_MAX_BYTES` unless raised), so ``/dev/zero`` or a huge
    sparse file is one error, not a memory error. :func:`read_records`
    reads JSON Lines the same way, one bounded line at a time, and turns
    every line that cannot be used into an error record with its number.
Formats
    :func:`render` writes a summary as text, JSON, JSON Lines, the full
    analysis (every sentence, chosen or not, boilerplate or not) or HTML;
    :func:`render_keyphrases` writes keyphrases as text, JSON or JSON Lines.
    JSON output is strict (no ``NaN``) and always valid UTF-8: a lone
    surrogate, which UTF-8 cannot encode, is written as its ``\\uXXXX``
    escape in JSON and as U+FFFD in text.
Writing
    :class:`Output` is the one writer: standard output, or a file written
    to a temporary file (``mkstemp``, created with ``O_EXCL`` in the target's
    folder) renamed over the target only when everything was written, so an
    interrupted run never leaves a partial file and a planted symlink cannot
    redirect it. An existing file keeps its permission bits (and, where
    allowed, its owner); a symlink is followed and the file it points to is
    replaced, the link stays. Character devices and FIFOs (``/dev/null``,
    a named pipe, ``/dev/stdout`` on a pipe) are written through, never
    replaced; directories, block devices and sockets are refused with one
    line; and so is the input file itself (``arsumm a.txt -o a.txt``).
Names
    :func:`display_name` escapes control characters in file names
    (a newline, an ANSI escape) before they reach an error message.

Examples
--------
>>> from arsumm.io import decode, display_name
>>> decode("\\ufeffنص".encode("utf-8"), "a.txt")
'نص'
>>> print(display_name("report\\n\\x1b[31m.txt"))
'report\\n\\x1b[31m.txt'
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from arsumm.errors import ArsummError

if TYPE_CHECKING:  # arsumm.io imports nothing of the pipeline: any module may write through it
    from arsumm.keyphrases import Keyphrase
    from arsumm.summarizer import Analysis, Sentence

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "KEYPHRASE_FORMATS",
    "KEYWORD_FORMATS",
    "FileError",
    "Output",
    "Record",
    "count_lines",
    "decode",
    "display_name",
    "file_id",
    "json_line",
    "open_input",
    "read_records",
    "read_text",
    "render",
    "render_keyphrases",
]

#: The largest document read by default (64 MiB): about 1.5 GB of memory to summarise.
DEFAULT_MAX_BYTES = 64 << 20
#: The output formats of :func:`render`.
FORMATS = ("text", "json", "jsonl", "analyze", "html")
#: The formats of :func:`render` that can carry keyphrases (``arsumm --keywords N``).
KEYPHRASE_FORMATS = ("json", "analyze", "html")
#: The output formats of :func:`render_keyphrases` (``arsumm keywords``).
KEYWORD_FORMATS = ("text", "json", "jsonl")

_PIECE = 1 << 20
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class FileError(ArsummError):
    """A file or stream cannot be read or written as asked; the message names it."""


def display_name(name: str) -> str:
    """Return ``name`` fit for a one-line message: quoted and escaped if it has controls.

    Names made of printable characters (Arabic included) are returned as
    they are; any other (a newline, an escape sequence, a bidi control, an
    undecodable byte) gets Python's quoted and escaped form.

    Examples
    --------
    >>> display_name("مقال.txt")
    'مقال.txt'
    >>> display_name("a\\u202eb")
    "'a\\\\u202eb'"
    """
    return name if name and name.isprintable() else repr(name)


# -- reading ---------------------------------------------------------------------------


def decode(data: bytes, name: str, encoding: str | None = None, errors: str = "strict") -> str:
    """Decode one document's bytes; a problem is a :class:`FileError` naming ``name``.

    Without ``encoding``: UTF-16 if the data starts with a UTF-16 BOM,
    otherwise UTF-8 (a UTF-8 BOM is dropped). Byte offsets in messages
    count from the start of ``data``.

    Examples
    --------
    >>> decode(b"caf\\xe9", "menu.txt")
    Traceback (most recent call last):
    ...
    arsumm.io.FileError: menu.txt: not valid utf-8 at byte offset 3 (byte 0xe9); pass ...
    >>> decode(b"abc", "a.txt", "rot13")
    Traceback (most recent call last):
    ...
    arsumm.io.FileError: a.txt: 'rot13' is not a text encoding; pass one such as ...
    """
    skipped = 0
    if encoding is None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8"
            if data.startswith(codecs.BOM_UTF8):
                data, skipped = data[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise FileError(f"{name}: unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        raise FileError(
            f"{name}: not valid {exc.encoding} at byte offset {offset} "
            f"(byte 0x{data[exc.start]:02x}); pass --encoding NAME or --errors replace"
        ) from None
    except LookupError:  # rot13, base64, zlib, ...: codecs that do not decode bytes to text
        raise FileError(
            f"{name}: {encoding!r} is not a text encoding; pass one such as utf-8, utf-16 or cp1256"
        ) from None
    except UnicodeError as exc:  # a codec's own complaint ("undefined", idna, ...)
        raise FileError(f"{name}: cannot decode as {encoding} ({exc})") from None


def file_id(path: str | None, stream: BinaryIO | None = None) -> tuple[int, int] | None:
    """The (device, inode) of a regular input file, to refuse writing over it.

    ``path`` None or ``"-"`` means ``stream`` (standard input). Returns
    None for anything that is not a regular file, or cannot be examined.

    Examples
    --------
    >>> import os, tempfile
    >>> path = tempfile.mkstemp()[1]
    >>> file_id(path) == (os.stat(path).st_dev, os.stat(path).st_ino)
    True
    >>> file_id("/dev/null") is None
    True
    """
    try:
        if path is None or path == "-":
            if stream is None:
                return None
            info = os.fstat(stream.fileno())
        else:
            info = os.stat(path)
    except (OSError, ValueError, AttributeError):  # no descriptor (BytesIO), gone, ...
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def open_input(
    path: str | None, stdin: BinaryIO | None, what: str = "a text file"
) -> tuple[BinaryIO, str]:
    """Open ``path`` (``"-"`` or None: ``stdin``) for reading; return the stream and its name.

    ``what`` is what the file should be, for the message about a directory.
    The caller closes the stream unless it is ``stdin``.

    Examples
    --------
    >>> open_input("/", None)
    Traceback (most recent call last):
    ...
    arsumm.io.FileError: /: is a directory, not a text file
    """
    if path is None or path == "-":
        if stdin is None:
            raise FileError("stdin: standard input is closed; give a file name")
        return stdin, "stdin"
    name = display_name(path)
    if not path:
        raise FileError(f"{name}: the file name is empty")
    try:
        return open(path, "rb"), name
    except FileNotFoundError:
        raise FileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FileError(f"{name}: is a directory, not {what}") from None
    except PermissionError:
        raise FileError(f"{name}: permission denied") from None
    except OSError as exc:
        raise FileError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _too_large(name: str, max_bytes: int) -> FileError:
    return FileError(
        f"{name}: larger than the maximum of {max_bytes} bytes; raise it with --max-bytes N"
    )


def read_text(
    path: str | None,
    stdin: BinaryIO | None,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[str, str]:
    """Read and decode one document; return its text and its display name.

    Parameters
    ----------
    path : str or None
        A file name; None or ``"-"`` reads ``stdin``.
    stdin : binary stream or None
        Standard input (None if it is closed).
    encoding, errors
        As for :func:`decode`.
    max_bytes : int
        Read at most this many bytes; a longer input is a :class:`FileError`.

    Examples
    --------
    >>> import io
    >>> read_text("-", io.BytesIO("نص".encode()))
    ('نص', 'stdin')
    >>> read_text("-", io.BytesIO(b"x" * 11), max_bytes=10)
    Traceback (most recent call last):
    ...
    arsumm.io.FileError: stdin: larger than the maximum of 10 bytes; raise it with --max-bytes N
    """
    stream, name = open_input(path, stdin)
    try:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise _too_large(name, max_bytes)  # a 2 GB sparse file: refused unread
        data = bytearray()
        while len(data) <= max_bytes:
            piece = stream.read(min(_PIECE, max_bytes + 1 - len(data)))
            if not piece:
                break
            data += piece
    except OSError as exc:
        raise FileError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        if stream is not stdin:
            stream.close()
    if len(data) > max_bytes:
        raise _too_large(name, max_bytes)
    return decode(bytes(data), name, encoding, errors), name


def count_lines(stream: BinaryIO) -> int | None:
    """Count the lines of a regular file without moving its position; None for anything else.

    Pipes, FIFOs and terminals can be read only once, so they are never
    counted (a progress bar then shows no total).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryFile() as handle:
    ...     _ = handle.write(b"a\\nb\\nc")
    ...     handle.flush()
    ...     count_lines(handle), handle.tell()
    (3, 5)
    """
    try:
        fd = stream.fileno()
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        lines, offset, last = 0, 0, b"\n"
        while piece := os.pread(fd, _PIECE, offset):
            lines += piece.count(b"\n")
            offset += len(piece)
            last = piece[-1:]
        return lines + (last != b"\n")
    except (OSError, ValueError, AttributeError):
        return None


@dataclass(frozen=True, slots=True)
class Record:
    """One input line of ``arsumm batch``: an id and a text to summarise, or why not.

    Attributes
    ----------
    line : int
        1-based line number.
    id : object
        The id field (None if absent or unusable).
    text : str or None
        The text field; None when the line cannot be summarised.
    error, error_type : str or None
        Why not (the message starts with ``line N:``), and the error's class name.
    fields : dict or None
        The whole JSON object of the line, when :func:`read_records` was asked
        to keep it (``keep_fields=True``) and the line has a usable text.
    """

    line: int
    id: Any
    text: str | None
    error: str | None = None
    error_type: str | None = None
    fields: dict[str, Any] | None = None


def read_records(
    stream: BinaryIO,
    *,
    name: str,
    text_field: str = "text",
    id_field: str = "id",
    max_bytes: int = DEFAULT_MAX_BYTES,
    first_line: int = 1,
    first_offset: int = 0,
    end: int | None = None,
    keep_fields: bool = False,
) -> Iterator[Record]:
    """Read JSON Lines: one :class:`Record` per line, in order, whatever the line holds.

    A line that is not UTF-8 or not JSON (malformed, nested too deeply),
    not an object, without a string text, with an id that strict JSON cannot
    hold (``NaN``, ``1e400``) or blank becomes a record with ``error`` set;
    the reading goes on. With ``keep_fields`` each usable record also holds
    the line's whole object (``Record.fields``: ``arsumm train`` reads the
    references from it). A UTF-8 BOM at the start is dropped. A line longer
    than ``max_bytes`` (newline included) stops the reading with a
    :class:`FileError`: where its record ends is past what may be read, so
    endless input such as ``/dev/zero`` ends there too. So does a read
    error.

    To read a part of a file (a worker's share, see :mod:`arsumm.batchfile`),
    position ``stream`` at the start of a line and give that line's number
    ``first_line`` and byte offset ``first_offset`` in the file (what
    messages show), and ``end``, the offset where the part stops (the start
    of a line, or the end of the file).

    Examples
    --------
    >>> import io
    >>> data = b'{"id": 1, "text": "\\xd9\\x86\\xd8\\xb5"}\\n[2]\\n{"text": "\\xff"}\\n'
    >>> for record in read_records(io.BytesIO(data), name="in.jsonl"):
    ...     print(record.line, record.text or record.error)
    1 نص
    2 line 2: expected a JSON object, got list
    3 line 3: not valid utf-8 at byte offset 40 of in.jsonl (byte 10 of the line, 0xff)
    """
    number, offset = first_line - 1, first_offset
    while end is None or offset < end:
        try:
            raw = stream.readline(max_bytes + 1)
        except OSError as exc:
            raise FileError(f"{name}: cannot read ({exc.strerror or exc})") from None
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:  # where this record ends is past the limit of reading
            raise FileError(
                f"{name}: line {number} is longer than the maximum of {max_bytes} bytes; "
                "raise it with --max-bytes N"
            )
        yield _record(number, offset, raw, name, text_field, id_field, keep_fields)
        offset += len(raw)


def _record(
    number: int,
    offset: int,
    raw: bytes,
    name: str,
    text_field: str,
    id_field: str,
    keep_fields: bool = False,
) -> Record:
    bom = len(codecs.BOM_UTF8) if number == 1 and raw.startswith(codecs.BOM_UTF8) else 0
    try:
        line = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        return _bad(
            number,
            f"not valid utf-8 at byte offset {offset + at} of {name} "
            f"(byte {at} of the line, 0x{raw[at]:02x})",
            "UnicodeDecodeError",
        )
    if not line.strip():
        return _bad(number, "empty line", "ValueError")
    try:
        record = json.loads(line)
    except RecursionError:
        return _bad(number, "not JSON (nested too deeply)", "RecursionError")
    except ValueError as exc:
        return _bad(number, f"not JSON ({exc})", type(exc).__name__)
    if not isinstance(record, dict):
        return _bad(number, f"expected a JSON object, got {type(record).__name__}", "TypeError")
    doc_id = record.get(id_field)
    try:
        json_line(doc_id)
    except (ValueError, RecursionError) as exc:
        return _bad(
            number, f"field {id_field!r} cannot be written as strict JSON ({exc})", "ValueError"
        )
    if text_field not in record:
        return Record(number, doc_id, None, f"line {number}: no {text_field!r} field", "KeyError")
    text = record[text_field]
    if not isinstance(text, str):
        kind = type(text).__name__
        message = f"line {number}: field {text_field!r} must be a string, got {kind}"
        return Record(number, doc_id, None, message, "TypeError")
    return Record(number, doc_id, text, fields=record if keep_fields else None)


def _bad(number: int, problem: str, error_type: str) -> Record:
    return Record(number, None, None, f"line {number}: {problem}", error_type)


# -- formats ----------------------------------------------------------------------------


def _escape_surrogates(text: str) -> str:
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(value: Any, *, indent: int | None = None) -> bytes:
    """Strict JSON (no NaN or Infinity), valid UTF-8, ending with a newline.

    Examples
    --------
    >>> json_line({"text": "نص\\ud800"})
    b'{"text": "\\xd9\\x86\\xd8\\xb5\\\\ud800"}\\n'
    >>> json_line(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: Out of range float values are not JSON compliant
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    return (_escape_surrogates(text) + "\n").encode("utf-8")


def _sentence(s: Sentence) -> dict[str, Any]:
    return {"index": s.index, "start": s.start, "end": s.end, "score": s.score, "text": s.text}


def render(
    fmt: str, text: str, analysis: Analysis, keyphrases: Sequence[Keyphrase] | None = None
) -> bytes:
    """Return the output of ``arsumm --format FMT`` for one analysed text, as UTF-8.

    Formats: ``text`` (one summary sentence per line, inner line breaks
    folded to spaces), ``json`` (one object: ``n_sentences``, ``summary``
    and the indices of the ``boilerplate`` sentences left out of the
    ranking), ``jsonl`` (one object per summary sentence), ``analyze`` (one
    object listing every sentence with its score and two flags,
    ``selected`` and ``boilerplate``) and ``html`` (:func:`arsumm.to_html`).

    ``keyphrases`` (``arsumm --keywords N``) are marked in the ``html``
    page and added to the ``json`` and ``analyze`` objects as a
    ``keyphrases`` list (:meth:`arsumm.Keyphrase.to_record`); the other
    formats have no place for them (a ValueError).

    Examples
    --------
    >>> import arsumm
    >>> text = arsumm.demo_text()
    >>> analysis = arsumm.Summarizer().analyze(text, k=1)
    >>> print(render("text", text, analysis).decode())
    افتتاح أول محطة لتحلية المياه بالطاقة الشمسية في مدينة الواحة الساحلية
    <BLANKLINE>
    >>> import json
    >>> doc = json.loads(render("analyze", text, analysis))
    >>> doc["sentences"][0]["selected"], doc["sentences"][1]["selected"]
    (True, False)
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if keyphrases is not None and fmt not in KEYPHRASE_FORMATS:
        raise ValueError(
            f"format {fmt!r} has no place for keyphrases; use one of {', '.join(KEYPHRASE_FORMATS)}"
        )
    if fmt == "text":
        lines = "".join(" ".join(s.text.split()) + "\n" for s in analysis.summary)
        return _SURROGATE_RE.sub("\ufffd", lines).encode("utf-8")
    if fmt == "html":
        from arsumm.html import to_html

        page = to_html(
            text,
            analysis.summary,
            ranked=analysis.sentences,
            boilerplate=analysis.boilerplate,
            keyphrases=keyphrases,
        )
        return _SURROGATE_RE.sub("\ufffd", page).encode("utf-8")
    if fmt == "jsonl":
        return b"".join(json_line(_sentence(s)) for s in analysis.summary)
    n_total = len(analysis.sentences)
    boilerplate = sorted(analysis.boilerplate)
    doc: dict[str, Any] = {"n_sentences": n_total}
    if fmt == "json":
        doc["summary"] = [_sentence(s) for s in analysis.summary]
        doc["boilerplate"] = boilerplate
    else:  # analyze
        chosen = {s.index for s in analysis.summary}
        left_out = set(boilerplate)
        doc["sentences"] = [
            {**_sentence(s), "selected": s.index in chosen, "boilerplate": s.index in left_out}
            for s in analysis.sentences
        ]
    out = json_line(doc, indent=2)
    if keyphrases is None:
        return out
    # the keyphrases last, one a line (like arsumm keywords --format json)
    return out[: out.rindex(b"\n}")] + b",\n" + _keyphrase_list(keyphrases) + b"\n}\n"


def _keyphrase_list(phrases: Sequence[Keyphrase]) -> bytes:
    """``  "keyphrases": [...]``, indented by two, one keyphrase a line."""
    items = b",\n".join(b"    " + json_line(p.to_record())[:-1] for p in phrases)
    return b'  "keyphrases": [\n' + items + (b"\n" if items else b"") + b"  ]"


def render_keyphrases(fmt: str, phrases: Sequence[Keyphrase]) -> bytes:
    """Return the output of ``arsumm keywords --format FMT``, as UTF-8.

    Formats: ``text`` (one keyphrase per line, best first, inner whitespace
    folded to single spaces), ``json`` (one object: ``keyphrases``, the list
    of :meth:`arsumm.Keyphrase.to_record` dicts, best first) and ``jsonl``
    (one such dict per line). Offsets count characters of the decoded text.

    Examples
    --------
    >>> import arsumm
    >>> phrases = arsumm.keywords(arsumm.demo_text(), k=2)
    >>> print(render_keyphrases("text", phrases).decode(), end="")
    تحلية المياه
    أول محطة لتحلية
    >>> print(render_keyphrases("jsonl", phrases[:1]).decode(), end="")
    {"text": "تحلية المياه", "score": ..., "key": "تحلي ميا", "occurrences": [[17, 29], ...]}
    """
    if fmt == "text":
        lines = "".join(" ".join(p.text.split()) + "\n" for p in phrases)
        return _SURROGATE_RE.sub("\ufffd", lines).encode("utf-8")
    if fmt == "jsonl":
        return b"".join(json_line(p.to_record()) for p in phrases)
    if fmt == "json":  # one keyphrase a line: its occurrences are one list, not one line each
        return b"{\n" + _keyphrase_list(phrases) + b"\n}\n"
    raise ValueError(f"format must be one of {', '.join(KEYWORD_FORMATS)}, got {fmt!r}")


# -- writing -----------------------------------------------------------------------------


class Output:
    """Where output goes: standard output, or a file written atomically.

    Use it as a context manager: the target is checked and, for a regular
    file, the temporary file created on entry (before any work is done);
    :meth:`write` sends bytes; a clean exit renames the temporary file over
    the target, an exception removes it and leaves the target as it was.

    Parameters
    ----------
    path : str or None
        The file; None or ``"-"`` means ``stdout``.
    stdout : binary stream or None
        Standard output (None if it is closed).
    avoid : (int, int) or None
        The (device, inode) of the input, from :func:`file_id`: writing
        over it is refused.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Output(str(folder / "out.txt"), stdout=None) as out:
    ...     out.write("نص\\n".encode())
    >>> (folder / "out.txt").read_text(encoding="utf-8")
    'نص\\n'
    >>> sorted(p.name for p in folder.iterdir())
    ['out.txt']
    >>> with Output(str(folder), stdout=None):
    ...     pass
    Traceback (most recent call last):
    ...
    arsumm.io.FileError: ...: is a directory
    """

    def __init__(
        self,
        path: str | None,
        *,
        stdout: BinaryIO | None,
        avoid: tuple[int, int] | None = None,
    ) -> None:
        self.path = None if path == "-" else path
        self.stdout = stdout
        self.avoid = avoid
        self.name = "standard output" if self.path is None else display_name(self.path)
        self._stream: BinaryIO | None = None
        self._tmp: str | None = None  # the temporary file, when replacing a regular file
        self._target = ""
        self._mode = 0o666
        self._owner: tuple[int, int] | None = None

    def __enter__(self) -> Output:
        if self.path is None:
            if self.stdout is None:
                raise FileError("standard output is closed; pass -o PATH")
            self._stream = self.stdout
            return self
        if not self.path:
            raise FileError("-o: the file name is empty")
        try:
            info: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise FileError(f"{self.name}: cannot write ({exc.strerror or exc})") from None
        if info is None or stat.S_ISREG(info.st_mode):
            self._open_temporary(info)
        elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            self._open_through()
        elif stat.S_ISDIR(info.st_mode):
            raise FileError(f"{self.name}: is a directory")
        else:
            raise FileError(f"{self.name}: is {_kind(info.st_mode)}; refusing to write to it")
        return self

    def _open_temporary(self, info: os.stat_result | None) -> None:
        assert self.path is not None
        # through a symlink: replace the file it points to, keep the link
        self._target = os.path.realpath(self.path) if os.path.islink(self.path) else self.path
        if info is not None:
            if self.avoid == (info.st_dev, info.st_ino):
                raise FileError(f"{self.name}: is the input file; write the output elsewhere")
            if not os.access(self._target, os.W_OK):
                raise FileError(f"{self.name}: cannot write (Permission denied)")
            self._mode = stat.S_IMODE(info.st_mode) & 0o777
            self._owner = (info.st_uid, info.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            self._mode = 0o666 & ~umask
        folder = os.path.dirname(os.path.abspath(self._target))
        base = os.path.basename(self._target)[:32]
        try:
            fd, self._tmp = tempfile.mkstemp(dir=folder, prefix=f".{base}.", suffix=".tmp")
        except FileNotFoundError:
            raise FileError(f"{self.name}: no such directory {display_name(folder)}") from None
        except OSError as exc:
            raise FileError(f"{self.name}: cannot write ({exc.strerror or exc})") from None
        self._stream = os.fdopen(fd, "wb")

    def _open_through(self) -> None:
        assert self.path is not None
        try:
            fd = os.open(self.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise FileError(f"{self.name}: cannot write ({exc.strerror or exc})") from None
        self._stream = os.fdopen(fd, "wb")

    @property
    def folder(self) -> str | None:
        """The folder of the temporary file while a regular file is written, else None.

        Companion files (the parts that ``arsumm batch --jobs N`` workers
        write) go there: on the same file system as the target, with the
        same permissions to create files.
        """
        return None if self._tmp is None else os.path.dirname(os.path.abspath(self._tmp))

    def write(self, data: bytes) -> None:
        """Write all of ``data`` (a short write is retried); a failure is a :class:`FileError`."""
        assert self._stream is not None, "use Output as a context manager"
        try:
            view = memoryview(data)
            while view:  # an unbuffered stdout (python -u) may take only part
                view = view[self._stream.write(view) or 0 :]
        except BrokenPipeError:
            raise  # the reader went away: the command line stops quietly
        except OSError as exc:
            raise FileError(f"{self.name}: cannot write ({exc.strerror or exc})") from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            if kind is None:
                self._finish(stream)
        finally:
            if stream is not self.stdout:
                with contextlib.suppress(OSError):
                    stream.close()
            if self._tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self._tmp)

    def _finish(self, stream: BinaryIO) -> None:
        try:
            stream.flush()
            if self._tmp is None:
                return
            fd = stream.fileno()
            if self._owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, *self._owner)
            os.fchmod(fd, self._mode)
            os.fsync(fd)
            stream.close()
            os.replace(self._tmp, self._target)
            self._tmp = None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise FileError(f"{self.name}: cannot write ({exc.strerror or exc})") from None
        with contextlib.suppress(OSError):  # make the rename itself durable
            folder = os.open(os.path.dirname(os.path.abspath(self._target)), os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


def _kind(mode: int) -> str:
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
