"""Command-line interface: ``arsumm [FILE|-] [options]``.

Reads UTF-8 (a byte-order mark is fine, CRLF is fine; UTF-16 with a BOM is
recognised), writes UTF-8 whatever the locale. Errors are one line on
stderr: exit status 1 for bad input, 2 for bad usage, 130 when interrupted.
Offsets in JSON output count characters of the decoded text (after the BOM).
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from arsumm import __version__, demo_text
from arsumm.batch import summarize_many
from arsumm.errors import ArsummError
from arsumm.html import to_html
from arsumm.select import Budget
from arsumm.stemmer import STEMMERS
from arsumm.summarizer import Sentence, Summarizer

__all__ = ["main", "run"]

PROG = "arsumm"


class InputError(Exception):
    """Bad input file or bytes: reported on one line, exit status 1."""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Summarise an Arabic text: print its most central sentences in document order."
        ),
        epilog=(
            "examples:\n"
            "  arsumm --demo\n"
            "  arsumm article.txt --ratio 0.3\n"
            "  cat article.txt | arsumm - -k 5 --format json\n"
            "  arsumm batch articles.jsonl -o summaries.jsonl   (see arsumm batch --help)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="text file to summarise; '-' or nothing reads standard input",
    )
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("-k", type=int, metavar="N", help="number of sentences (default 3)")
    budget.add_argument("--ratio", type=float, metavar="R", help="fraction of the words, in (0, 1]")
    budget.add_argument("--max-words", type=int, metavar="W", help="word budget")
    parser.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "html"),
        default="text",
        help=(
            "text: one sentence per line; json: one object; jsonl: one object per sentence; "
            "html: a page showing the summary inside the article"
        ),
    )
    parser.add_argument(
        "--stemmer", choices=sorted(STEMMERS), default="arlstem", help="stemmer (default arlstem)"
    )
    parser.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    parser.add_argument(
        "--encoding",
        default=None,
        metavar="NAME",
        help="input encoding (default: UTF-8, BOM-aware)",
    )
    parser.add_argument(
        "--errors",
        choices=("strict", "replace"),
        default="strict",
        help="what to do with undecodable bytes (default strict: stop with an error)",
    )
    parser.add_argument("--demo", action="store_true", help="summarise the bundled sample article")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _decode(data: bytes, name: str, encoding: str | None, errors: str) -> str:
    if encoding is None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8-sig"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {exc.encoding} at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x}); pass --encoding NAME or --errors replace"
        ) from None


def _read(path: str | None, stdin: BinaryIO, encoding: str | None, errors: str) -> tuple[str, str]:
    if path is None or path == "-":
        return _decode(stdin.read(), "stdin", encoding, errors), "stdin"
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a text file")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return _decode(data, path, encoding, errors), path


def _render(sentences: list[Sentence], fmt: str, n_total: int) -> str:
    if fmt == "text":
        return "".join(" ".join(s.text.split()) + "\n" for s in sentences)
    records = [
        {"index": s.index, "start": s.start, "end": s.end, "score": s.score, "text": s.text}
        for s in sentences
    ]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    doc = {"n_sentences": n_total, "summary": records}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _write(payload: str, output: str | None, stdout: BinaryIO | None) -> None:
    data = payload.encode("utf-8", errors="surrogateescape")
    if output is None:
        if stdout is None:
            raise InputError("standard output is closed; pass -o PATH")
        try:
            view = memoryview(data)
            while view:  # an unbuffered stdout (python -u, PYTHONUNBUFFERED) may take only part
                view = view[stdout.write(view) or 0 :]
            stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: run() stops quietly
        except OSError as exc:  # e.g. a full disk
            raise InputError(f"standard output: cannot write ({exc.strerror})") from None
        return
    tmp = f"{output}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, output)
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default ``sys.argv[1:]``).
    stdin, stdout : binary streams, optional
        Defaults to the process's standard streams.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["batch"]:  # the subcommand; a file named "batch" is ./batch
        return _batch(argv[1:], stdin=stdin, stdout=stdout)
    parser = _build_parser()
    args = parser.parse_args(argv)
    # sys.stdin and sys.stdout are None when the descriptor is closed (`arsumm - <&-`)
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else io.BytesIO())
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    try:
        if args.demo:
            if args.file is not None:
                parser.error("--demo takes no FILE")
            text, name = demo_text(), "demo"
        else:
            if args.file is None and in_stream.isatty():
                parser.error("no input: give a FILE, '-' for standard input, or --demo")
            text, name = _read(args.file, in_stream, args.encoding, args.errors)
        if not text.strip():
            raise InputError(f"{name}: input is empty")
        budget = Budget.of(k=args.k, ratio=args.ratio, max_words=args.max_words)
        analysis = Summarizer(stemmer=args.stemmer).analyze(
            text, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
        )
        ranked, summary = analysis.sentences, analysis.summary
        if args.format == "html":
            payload = to_html(text, summary, ranked=ranked)
        else:
            payload = _render(summary, args.format, len(ranked))
        _write(payload, args.output, out_stream)
    except (InputError, ArsummError, ValueError, TypeError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    return 0


# -- arsumm batch ---------------------------------------------------------------


def _build_batch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} batch",
        description=(
            "Summarise every record of a JSON Lines file. Each input line is one JSON object "
            "with the text in a field; each output line is one JSON object, in the same order: "
            '{"line", "id", "summary": [{"index", "start", "end", "score", "text"}], '
            '"error", "error_type"}. A line that cannot be summarised (bad JSON, no text '
            "field, empty text, ...) gives a record with its line number and the error instead "
            "of a summary; the others go on."
        ),
        epilog=(
            "examples:\n"
            "  arsumm batch articles.jsonl -o summaries.jsonl --ratio 0.2\n"
            "  arsumm batch news.jsonl -o out.jsonl --text-field body --id-field url --jobs 4\n"
            "  cat articles.jsonl | arsumm batch - > summaries.jsonl\n"
            "A file literally named 'batch' is summarised with: arsumm ./batch"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input", metavar="IN.jsonl", help="JSON Lines file; '-' reads standard input"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.jsonl",
        help=(
            "write here (through a temporary file renamed at the end, so an interrupted run "
            "never leaves a partial file) instead of stdout"
        ),
    )
    parser.add_argument(
        "--text-field", default="text", metavar="NAME", help="field with the text (default text)"
    )
    parser.add_argument(
        "--id-field", default="id", metavar="NAME", help="field copied as the id (default id)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1, -1 for all CPUs)",
    )
    parser.add_argument(
        "--progress", action="store_true", help="show a progress bar on standard error"
    )
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("-k", type=int, metavar="N", help="number of sentences (default 3)")
    budget.add_argument("--ratio", type=float, metavar="R", help="fraction of the words, in (0, 1]")
    budget.add_argument("--max-words", type=int, metavar="W", help="word budget")
    parser.add_argument(
        "--stemmer", choices=sorted(STEMMERS), default="arlstem", help="stemmer (default arlstem)"
    )
    return parser


@dataclass(frozen=True, slots=True)
class _Line:
    """One input line of ``arsumm batch``: a text to summarise, or why not."""

    number: int
    id: Any
    text: str | None
    error: str | None = None
    error_type: str | None = None


def _parse_lines(lines: Iterable[bytes], text_field: str, id_field: str) -> Iterator[_Line]:
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _Line(
                number,
                None,
                None,
                f"line {number}: not valid UTF-8 ({exc.reason})",
                "UnicodeDecodeError",
            )
            continue
        if not line.strip():
            yield _Line(number, None, None, f"line {number}: empty line", "ValueError")
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield _Line(number, None, None, f"line {number}: not JSON ({exc})", "JSONDecodeError")
            continue
        if not isinstance(record, dict):
            yield _Line(
                number,
                None,
                None,
                f"line {number}: expected a JSON object, got {type(record).__name__}",
                "TypeError",
            )
            continue
        doc_id = record.get(id_field)
        if text_field not in record:
            yield _Line(number, doc_id, None, f"line {number}: no {text_field!r} field", "KeyError")
        elif not isinstance(record[text_field], str):
            kind = type(record[text_field]).__name__
            yield _Line(
                number,
                doc_id,
                None,
                f"line {number}: field {text_field!r} must be a string, got {kind}",
                "TypeError",
            )
        else:
            yield _Line(number, doc_id, record[text_field])


def _record_bytes(record: dict[str, Any]) -> bytes:
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from \ud800-style escapes in the input
        return (json.dumps(record) + "\n").encode("ascii")


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None


def _batch(argv: Sequence[str], *, stdin: BinaryIO | None, stdout: BinaryIO | None) -> int:
    """``arsumm batch``: stream a JSON Lines file through :func:`arsumm.summarize_many`."""
    parser = _build_batch_parser()
    args = parser.parse_args(argv)
    if args.jobs == 0 or args.jobs < -1:
        parser.error(f"--jobs must be a positive integer or -1, got {args.jobs}")
    # sys.stdin and sys.stdout are None when the descriptor is closed
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else None)
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    try:
        Budget.of(k=args.k, ratio=args.ratio, max_words=args.max_words)
        if args.output is None and out_stream is None:
            raise InputError("standard output is closed; pass -o OUT.jsonl")
        if args.input == "-":
            if in_stream is None:
                raise InputError("standard input is closed; give IN.jsonl")
            source: BinaryIO = in_stream
        elif os.path.isdir(args.input):
            raise InputError(f"{args.input}: is a directory, not a JSON Lines file")
        else:
            try:
                source = open(args.input, "rb")  # noqa: SIM115 - closed in finally
            except FileNotFoundError:
                raise InputError(f"{args.input}: no such file") from None
            except OSError as exc:
                raise InputError(f"{args.input}: cannot read ({exc.strerror})") from None
        total = None if args.input == "-" else _count_lines(args.input)
        try:
            with _BatchOutput(args.output, out_stream) as sink:
                failed, written = _batch_stream(source, sink, args, total)
        finally:
            if source is not in_stream:
                source.close()
    except (InputError, ArsummError, ValueError, TypeError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # the reader went away: run() stops quietly
    except OSError as exc:  # writing errors are InputErrors already: this is reading
        name = "standard input" if args.input == "-" else args.input
        print(f"{PROG}: error: {name}: cannot read ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if failed:
        print(
            f'{PROG}: {failed} of {written} records failed; see their "error" field',
            file=sys.stderr,
        )
    return 0


def _batch_stream(
    source: BinaryIO, sink: _Sink, args: argparse.Namespace, total: int | None
) -> tuple[int, int]:
    """Write one record per input line, in order; return (failed, written)."""
    lines: deque[_Line] = deque()

    def texts() -> Iterator[tuple[Any, str]]:
        for line in _parse_lines(source, args.text_field, args.id_field):
            lines.append(line)
            if line.text is not None:
                yield line.id, line.text

    bar = None
    if args.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="line", desc=f"{PROG} batch")
    failed = written = 0

    def emit(line: _Line, record: dict[str, Any]) -> None:
        nonlocal failed, written
        sink.write(_record_bytes({"line": line.number, **record}))
        failed += record["error"] is not None
        written += 1
        if bar is not None:
            bar.update(1)

    def emit_bad_lines() -> None:
        while lines and lines[0].text is None:
            bad = lines.popleft()
            emit(
                bad,
                {"id": bad.id, "summary": None, "error": bad.error, "error_type": bad.error_type},
            )

    try:
        results = summarize_many(
            texts(),
            k=args.k,
            ratio=args.ratio,
            max_words=args.max_words,
            n_jobs=args.jobs,
            summarizer=Summarizer(stemmer=args.stemmer),
        )
        for result in results:
            emit_bad_lines()
            emit(lines.popleft(), result.to_record())
        emit_bad_lines()
    finally:
        if bar is not None:
            bar.close()
    return failed, written


class _Sink:
    """A binary stream for records: a write error (a full disk) is one error line."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream = stream
        self.name = name

    def write(self, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:  # an unbuffered stdout (python -u) may take only part
                view = view[self.stream.write(view) or 0 :]
        except BrokenPipeError:
            raise  # the reader went away: run() stops quietly
        except OSError as exc:
            raise InputError(f"{self.name}: cannot write ({exc.strerror})") from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise InputError(f"{self.name}: cannot write ({exc.strerror})") from None


class _BatchOutput:
    """Standard output, or a temporary file beside ``path`` renamed to it on success."""

    def __init__(self, path: str | None, stdout: BinaryIO | None) -> None:
        self.path = path
        self.stdout = stdout
        self.tmp: str | None = None

    def __enter__(self) -> _Sink:
        if self.path is None:
            assert self.stdout is not None
            self.sink = _Sink(self.stdout, "standard output")
            return self.sink
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, self.tmp = tempfile.mkstemp(
                dir=folder, prefix=f".{os.path.basename(self.path)}.", suffix=".tmp"
            )
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write ({exc.strerror})") from None
        self.handle = os.fdopen(fd, "wb")
        self.sink = _Sink(self.handle, self.path)
        return self.sink

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if self.path is None:
            if kind is None:
                self.sink.flush()
            return
        assert self.tmp is not None
        try:
            if kind is None:
                self.sink.flush()
            self.handle.close()
            if kind is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)
                os.replace(self.tmp, self.path)
        except OSError as err:
            raise InputError(f"{self.path}: cannot write ({err.strerror})") from None
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def run() -> None:
    """Entry point of the ``arsumm`` console script and ``python -m arsumm``."""
    try:
        status = main()
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        status = 130
    except BrokenPipeError:
        # The reader went away (e.g. `arsumm file | head -1`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 141
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:  # output that could not be written (reported above) must not be retried
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(status)
