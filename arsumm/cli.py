"""Command-line interface: ``arsumm [FILE|-] [options]``.

Reads UTF-8 (a byte-order mark is fine, CRLF is fine; UTF-16 with a BOM is
recognised), writes UTF-8 whatever the locale. Errors are one line on
stderr: exit status 1 for bad input, 2 for bad usage, 130 when interrupted.
Offsets in JSON output count characters of the decoded text (after the BOM).
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from arsumm import __version__, demo_text
from arsumm.errors import ArsummError
from arsumm.select import Budget
from arsumm.stemmer import STEMMERS
from arsumm.summarizer import Sentence, Summarizer, choose

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
            "  cat article.txt | arsumm - -k 5 --format json"
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
        choices=("text", "json", "jsonl"),
        default="text",
        help="text: one sentence per line; json: one object; jsonl: one object per sentence",
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


def _write(payload: str, output: str | None, stdout: BinaryIO) -> None:
    data = payload.encode("utf-8", errors="surrogateescape")
    if output is None:
        stdout.write(data)
        stdout.flush()
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
    parser = _build_parser()
    args = parser.parse_args(argv)
    in_stream = stdin if stdin is not None else sys.stdin.buffer
    out_stream = stdout if stdout is not None else sys.stdout.buffer
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
        ranked = Summarizer(stemmer=args.stemmer).rank(text)
        summary = choose(ranked, budget)
        _write(_render(summary, args.format, len(ranked)), args.output, out_stream)
    except (InputError, ArsummError, ValueError, TypeError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    return 0


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
    sys.exit(status)
