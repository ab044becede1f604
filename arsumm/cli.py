"""Command line: ``arsumm [FILE|-]``, ``arsumm batch``, ``arsumm keywords`` and ``arsumm train``.

Reads UTF-8 (a byte-order mark is fine, CRLF is fine; UTF-16 with a BOM is
recognised), writes UTF-8 whatever the locale; files are read and written
by :mod:`arsumm.io`. Every error is one line on stderr, starting with
``arsumm: error:`` and, for a problem with an input, the input's name:
exit status 1 for bad input, 2 for bad usage, 130 when interrupted (Ctrl-C),
143 and 129 when terminated (SIGTERM, SIGHUP), 141 when the reader of the
output went away. A bug in arsumm is not an input error: it shows its
traceback. Offsets in JSON output count characters of the decoded text
(after the BOM).
"""

from __future__ import annotations

import argparse
import functools
import io
import math
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, BinaryIO, NoReturn, TypeVar

from arsumm import __version__, demo_text
from arsumm.batch import summarize_many
from arsumm.batchfile import Job, cli_hint, splittable, summarize_parts, write_records
from arsumm.errors import ArsummError, ConfigError
from arsumm.idf import BackgroundIDF
from arsumm.io import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    KEYPHRASE_FORMATS,
    KEYWORD_FORMATS,
    FileError,
    Output,
    count_lines,
    display_name,
    file_id,
    json_line,
    open_input,
    read_records,
    read_text,
    render,
    render_keyphrases,
)
from arsumm.keyphrases import KeywordExtractor
from arsumm.parallel import resolve_n_jobs
from arsumm.prior import LinearPrior
from arsumm.select import Budget
from arsumm.stemmer import STEMMERS
from arsumm.summarizer import LEAD_MODES, Summarizer
from arsumm.train import DEFAULT_C, DEFAULT_LABEL, LABELS, SkippedRecord, train_prior

__all__ = ["main", "run"]

PROG = "arsumm"
USAGE = (
    f"{PROG} [FILE|-] [options]\n"
    f"       {PROG} batch IN.jsonl [-o OUT.jsonl] [options]   (see {PROG} batch --help)\n"
    f"       {PROG} keywords [FILE|-] [-k N] [--format text|json|jsonl] [options]"
    f"   (see {PROG} keywords --help)\n"
    f"       {PROG} train DATA.jsonl [-o PRIOR.json] [options]   (see {PROG} train --help)"
)

T = TypeVar("T")


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


class _Terminated(BaseException):
    """SIGTERM or SIGHUP, raised in the main thread so that cleanup runs (like Ctrl-C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _shared_options(*, summarising: bool = True) -> argparse.ArgumentParser:
    """The options of the commands, declared once (``arsumm train`` takes no budget)."""
    shared = argparse.ArgumentParser(add_help=False)
    if summarising:
        budget = shared.add_mutually_exclusive_group()
        budget.add_argument("-k", type=int, metavar="N", help="number of sentences (default 3)")
        budget.add_argument(
            "--ratio", type=float, metavar="R", help="fraction of the words, in (0, 1]"
        )
        budget.add_argument("--max-words", type=int, metavar="W", help="word budget")
    shared.add_argument(
        "--stemmer", choices=sorted(STEMMERS), default="arlstem", help="stemmer (default arlstem)"
    )
    if summarising:
        shared.add_argument(
            "--lead",
            choices=LEAD_MODES,
            default="auto",
            help=(
                "summarise by the opening sentences: auto (default) for text that reads like "
                "news, never (rank every text with TextRank), always"
            ),
        )
    shared.add_argument(
        "--idf", metavar="FILE", help="term weights fitted on a corpus (BackgroundIDF.save)"
    )
    if summarising:
        shared.add_argument(
            "--prior",
            metavar="FILE",
            help="a sentence prior (LinearPrior.save, arsumm train) instead of the bundled",
        )
    shared.add_argument(
        "--allow-non-arabic",
        action="store_true",
        help="summarise text without Arabic letters too (default: refuse it)",
    )
    shared.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="rank web-page furniture (share buttons, copyright lines) like any sentence",
    )
    _add_limit_and_output(shared)
    return shared


def _add_limit_and_output(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes`` and ``-o``, the same on every command."""
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"largest input (a file, or one batch line) in bytes (default {DEFAULT_MAX_BYTES})",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=(
            "write here instead of standard output ('-' is standard output); a file is "
            "replaced only at the end, so an interrupted run leaves it as it was"
        ),
    )


def _add_decoding(parser: argparse.ArgumentParser) -> None:
    """``--encoding`` and ``--errors``, for the commands that read one text."""
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


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        usage=USAGE,
        description=(
            "Summarise an Arabic text: print its summary sentences in document order (for a "
            "news report its opening, else the most central by TextRank). "
            "'arsumm batch' summarises every record of a JSON Lines file; "
            "'arsumm keywords' prints a text's keyphrases; 'arsumm train' fits "
            "a sentence prior on your own articles and their summaries."
        ),
        epilog=(
            "examples:\n"
            "  arsumm --demo\n"
            "  arsumm article.txt --ratio 0.3\n"
            "  cat article.txt | arsumm - -k 5 --format json\n"
            "  arsumm batch articles.jsonl -o summaries.jsonl   (see arsumm batch --help)\n"
            "  arsumm keywords article.txt -k 5   (see arsumm keywords --help)\n"
            "  arsumm train archive.jsonl -o prior.json   (see arsumm train --help)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_shared_options()],
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="text file to summarise; '-' or nothing reads standard input",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=(
            "text: one sentence per line; json: one object; jsonl: one object per sentence; "
            "analyze: every sentence, with its score and whether it was selected or left out "
            "as boilerplate; html: a page showing the summary inside the article"
        ),
    )
    parser.add_argument(
        "--keywords",
        type=int,
        metavar="N",
        help=(
            "also find the text's N best keyphrases (arsumm keywords): marked in the html "
            "page, a 'keyphrases' list in json and analyze"
        ),
    )
    _add_decoding(parser)
    parser.add_argument("--demo", action="store_true", help="summarise the bundled sample article")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _build_batch_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} batch",
        description=(
            "Summarise every record of a JSON Lines file. Each input line is one JSON object "
            "with the text in a field; each output line is one JSON object, in the same order: "
            '{"line", "id", "summary": [{"index", "start", "end", "score", "text"}], '
            '"error", "error_type"} (and "keyphrases" with --keywords N). A line that cannot '
            "be summarised (bad JSON, no text field, empty text, ...) gives a record with its "
            "line number and the error instead of a summary; the others go on."
        ),
        epilog=(
            "examples:\n"
            "  arsumm batch articles.jsonl -o summaries.jsonl --ratio 0.2\n"
            "  arsumm batch news.jsonl -o out.jsonl --text-field body --id-field url --jobs 4\n"
            "  cat articles.jsonl | arsumm batch - > summaries.jsonl\n"
            "A file literally named 'batch' is summarised with: arsumm ./batch"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_shared_options()],
    )
    parser.add_argument(
        "input", metavar="IN.jsonl", help="JSON Lines file; '-' reads standard input"
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
        help="processes to use (default 1, -1 for all CPUs)",
    )
    parser.add_argument(
        "--progress", action="store_true", help="show a progress bar on standard error"
    )
    parser.add_argument(
        "--keywords",
        type=int,
        metavar="N",
        help="also give each record's N best keyphrases (a 'keyphrases' field, arsumm keywords)",
    )
    return parser


def _build_keywords_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} keywords",
        description=(
            "Print the keyphrases of an Arabic text, best first (see docs/keywords.md). "
            'text: one keyphrase per line; json: one object {"keyphrases": [...]}; '
            "jsonl: one object per keyphrase. Each object holds the phrase's text (its most "
            "frequent form in the document), score, key (its normalised stems: forms with "
            "the same key are one phrase) and occurrences, the [start, end] of every "
            "occurrence in characters of the decoded text."
        ),
        epilog=(
            "examples:\n"
            "  arsumm keywords --demo -k 5\n"
            "  arsumm keywords article.txt --format json -o keyphrases.json\n"
            "  cat article.txt | arsumm keywords - --format jsonl\n"
            "A file literally named 'keywords' is summarised with: arsumm ./keywords"
            " (its keyphrases: arsumm keywords keywords)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="text file; '-' or nothing reads standard input",
    )
    parser.add_argument(
        "-k", type=int, default=10, metavar="N", help="number of keyphrases (default 10)"
    )
    parser.add_argument(
        "--format",
        choices=KEYWORD_FORMATS,
        default="text",
        help="text (default): one keyphrase per line; json: one object; jsonl: one per line",
    )
    parser.add_argument(
        "--stemmer",
        choices=sorted(STEMMERS),
        default="arlstem",
        help="stemmer that makes the keys (default arlstem)",
    )
    parser.add_argument(
        "--allow-non-arabic",
        action="store_true",
        help="extract from text without Arabic letters too (default: refuse it)",
    )
    _add_limit_and_output(parser)
    _add_decoding(parser)
    parser.add_argument(
        "--demo", action="store_true", help="the keyphrases of the bundled sample article"
    )
    return parser


def _build_train_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} train",
        description=(
            "Fit the sentence prior on your own articles and their summaries, and write it as "
            "JSON (for 'arsumm FILE --prior PRIOR.json --lead never' and "
            "Summarizer(prior=LinearPrior.load(path), lead='never')). Each input line is one "
            'JSON object: {"text": the article, "references": [its summaries]} (a single '
            "string is one summary). A line that cannot be used (bad JSON, no text, no "
            "references, no Arabic, one sentence, ...) is reported with its line number on "
            "standard error and skipped; the last line says how many were used and skipped."
        ),
        epilog=(
            "examples:\n"
            "  arsumm train archive.jsonl -o prior.json --progress\n"
            "  arsumm train news.jsonl -o prior.json --text-field body --references-field "
            "standfirst\n"
            "  arsumm train easc.jsonl -o prior.json --label share   (summaries that copy "
            "sentences)\n"
            "  arsumm article.txt --prior prior.json --lead never\n"
            "A file literally named 'train' is summarised with: arsumm ./train"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_shared_options(summarising=False)],
    )
    parser.add_argument(
        "input", metavar="DATA.jsonl", help="JSON Lines file; '-' reads standard input"
    )
    parser.add_argument(
        "--label",
        choices=LABELS,
        default=DEFAULT_LABEL,
        help=(
            f"how the summaries label the sentences (default {DEFAULT_LABEL}): best, the one "
            "sentence closest in words to the summaries (summaries in their own words: "
            "standfirsts, headlines); share, the share of the summaries that contain each "
            "sentence (summaries that copy sentences); auto, share for an article whose "
            "summaries copy one of its sentences, else best"
        ),
    )
    parser.add_argument(
        "-C",
        type=float,
        default=DEFAULT_C,
        metavar="C",
        help=f"inverse regularisation strength, > 0 (default {DEFAULT_C:g}; smaller is flatter)",
    )
    parser.add_argument(
        "--text-field", default="text", metavar="NAME", help="field with the text (default text)"
    )
    parser.add_argument(
        "--references-field",
        default="references",
        metavar="NAME",
        help="field with the summaries: a list of strings, or one string (default references)",
    )
    parser.add_argument(
        "--progress", action="store_true", help="show a progress bar on standard error"
    )
    return parser


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def _load(loader: Callable[[str], T], path: str, what: str) -> T:
    try:
        return loader(path)
    except FileNotFoundError:
        raise FileError(f"{display_name(path)}: no such file") from None
    except (OSError, ConfigError) as exc:  # unreadable, not JSON, not this kind of file
        message = getattr(exc, "strerror", None) or exc
        raise FileError(f"{display_name(path)}: cannot load the {what} ({message})") from None


def _configure(args: argparse.Namespace) -> Summarizer:
    """The :class:`Summarizer` that the flags ask for."""
    options: dict[str, Any] = {"stemmer": args.stemmer}
    if getattr(args, "lead", None) is not None:  # arsumm train has no --lead, no --prior
        options["lead"] = args.lead
    if args.allow_non_arabic:
        options["require_arabic"] = False
    if args.keep_boilerplate:
        options["boilerplate"] = False
    if args.idf is not None:
        options["idf"] = _load(BackgroundIDF.load, args.idf, "IDF")
    if getattr(args, "prior", None) is not None:
        options["prior"] = _load(LinearPrior.load, args.prior, "prior")
    try:
        return Summarizer(**options)
    except ConfigError as exc:  # an IDF fitted with other settings (--stemmer)
        if args.idf is None:
            raise  # no flag can make another setting invalid: a bug
        raise FileError(f"{display_name(args.idf)}: {exc}") from None


def _keyword_extractor(args: argparse.Namespace) -> KeywordExtractor:
    """The :class:`KeywordExtractor` of the flags."""
    return KeywordExtractor(stemmer=args.stemmer, require_arabic=not args.allow_non_arabic)


def _check_max_bytes(parser: argparse.ArgumentParser, value: int) -> None:
    if value < 1:
        parser.error(f"--max-bytes must be a positive number of bytes, got {value}")


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

    Examples
    --------
    >>> import io
    >>> out = io.BytesIO()
    >>> main(["--demo", "-k", "1"], stdout=out)
    0
    >>> print(out.getvalue().decode())
    افتتاح أول محطة لتحلية المياه بالطاقة الشمسية في مدينة الواحة الساحلية
    <BLANKLINE>
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["batch"]:  # the subcommands; a file named "batch" is ./batch
        return _batch(argv[1:], stdin=stdin, stdout=stdout)
    if argv[:1] == ["keywords"]:  # a file named "keywords" is ./keywords
        return _keywords(argv[1:], stdin=stdin, stdout=stdout)
    if argv[:1] == ["train"]:
        return _train(argv[1:], stdin=stdin, stdout=stdout)
    parser = _build_parser()
    args = parser.parse_args(argv)
    _check_max_bytes(parser, args.max_bytes)
    # sys.stdin and sys.stdout are None when the descriptor is closed (`arsumm - <&-`)
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else io.BytesIO())
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    _check_input(parser, args, in_stream)
    if args.keywords is not None:
        if args.keywords < 1:
            parser.error(f"--keywords must be a positive number of keyphrases, got {args.keywords}")
        if args.format not in KEYPHRASE_FORMATS:
            parser.error(
                f"--keywords needs --format {', '.join(KEYPHRASE_FORMATS)} "
                f"(for the keyphrases alone: {PROG} keywords FILE)"
            )
    try:
        budget = Budget.of(k=args.k, ratio=args.ratio, max_words=args.max_words)
        extractor = None if args.keywords is None else _keyword_extractor(args)
        summarizer = _configure(args)
        avoid = None if args.demo else file_id(args.file, in_stream)
        with Output(args.output, stdout=out_stream, avoid=avoid) as out:
            text, name = _read_one(args, in_stream)
            try:
                analysis = summarizer.analyze(
                    text, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
                )
                phrases = None if extractor is None else extractor.extract(text, args.keywords)
            except ArsummError as exc:  # no Arabic, nothing but stop words, ...
                raise FileError(f"{name}: {cli_hint(str(exc))}") from None
            out.write(render(args.format, text, analysis, phrases))
    except ArsummError as exc:
        return _fail(str(exc))
    return 0


def _check_input(
    parser: argparse.ArgumentParser, args: argparse.Namespace, in_stream: BinaryIO
) -> None:
    """The usage errors about where the one text comes from."""
    if args.demo and args.file is not None:
        parser.error("--demo takes no FILE")
    if not args.demo and args.file is None and in_stream.isatty():
        parser.error("no input: give a FILE, '-' for standard input, or --demo")


def _read_one(args: argparse.Namespace, in_stream: BinaryIO) -> tuple[str, str]:
    """The one text of ``arsumm FILE`` and ``arsumm keywords FILE``, and its name."""
    if args.demo:
        text, name = demo_text(), "demo"
    else:
        text, name = read_text(
            args.file,
            in_stream,
            encoding=args.encoding,
            errors=args.errors,
            max_bytes=args.max_bytes,
        )
    if not text.strip():
        raise FileError(f"{name}: input is empty")
    return text, name


# -- arsumm keywords ------------------------------------------------------------


def _keywords(argv: Sequence[str], *, stdin: BinaryIO | None, stdout: BinaryIO | None) -> int:
    """``arsumm keywords``: the keyphrases of one text (:class:`arsumm.KeywordExtractor`)."""
    parser = _build_keywords_parser()
    args = parser.parse_args(argv)
    _check_max_bytes(parser, args.max_bytes)
    # sys.stdin and sys.stdout are None when the descriptor is closed
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else io.BytesIO())
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    _check_input(parser, args, in_stream)
    try:
        Budget.of(k=args.k)  # before any input is read: the same message as a summary's -k 0
        extractor = _keyword_extractor(args)
        avoid = None if args.demo else file_id(args.file, in_stream)
        with Output(args.output, stdout=out_stream, avoid=avoid) as out:
            text, name = _read_one(args, in_stream)
            try:
                phrases = extractor.extract(text, args.k)
            except ArsummError as exc:  # no Arabic, nothing but stop words, ...
                raise FileError(f"{name}: {cli_hint(str(exc))}") from None
            out.write(render_keyphrases(args.format, phrases))
    except ArsummError as exc:
        return _fail(str(exc))
    return 0


# -- arsumm batch ---------------------------------------------------------------


def _batch(argv: Sequence[str], *, stdin: BinaryIO | None, stdout: BinaryIO | None) -> int:
    """``arsumm batch``: stream a JSON Lines file through :func:`arsumm.summarize_many`."""
    parser = _build_batch_parser()
    args = parser.parse_args(argv)
    if args.jobs == 0 or args.jobs < -1:
        parser.error(f"--jobs must be a positive integer or -1, got {args.jobs}")
    _check_max_bytes(parser, args.max_bytes)
    if args.keywords is not None and args.keywords < 1:
        parser.error(f"--keywords must be a positive number of keyphrases, got {args.keywords}")
    # sys.stdin and sys.stdout are None when the descriptor is closed
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else None)
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    try:
        Budget.of(k=args.k, ratio=args.ratio, max_words=args.max_words)
        summarizer = _configure(args)
        # the output is checked (and its temporary file made) before any input is read
        with Output(args.output, stdout=out_stream, avoid=file_id(args.input, in_stream)) as out:
            source, name = open_input(args.input, in_stream, what="a JSON Lines file")
            try:
                failed, written = _batch_stream(source, name, out, args, summarizer)
            finally:
                if source is not in_stream:
                    source.close()
    except ArsummError as exc:
        return _fail(str(exc))
    if failed:
        print(
            f'{PROG}: {failed} of {written} records failed; see their "error" field',
            file=sys.stderr,
        )
    return 0


def _batch_stream(
    source: BinaryIO, name: str, out: Output, args: argparse.Namespace, summarizer: Summarizer
) -> tuple[int, int]:
    """Write one record per input line, in order; return (failed, written).

    A regular file with ``--jobs N`` is summarised in parts, each worker
    reading and writing its own (:func:`arsumm.batchfile.summarize_parts`);
    anything else is streamed through :func:`arsumm.summarize_many`.
    """
    bar = None
    if args.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=None, unit="line", desc=f"{PROG} batch")
    try:
        keyphrases = None
        if args.keywords is not None:  # every line gets the field, null where the line failed
            keyphrases = (_keyword_extractor(args), args.keywords)
        workers = resolve_n_jobs(args.jobs)
        if workers > 1 and splittable(args.input, source):
            job = Job(
                path=args.input,
                name=name,
                text_field=args.text_field,
                id_field=args.id_field,
                max_bytes=args.max_bytes,
                summarizer=summarizer,
                budget=Budget.of(k=args.k, ratio=args.ratio, max_words=args.max_words),
                keyphrases=keyphrases,
            )
            return summarize_parts(
                job,
                out,
                workers,
                progress=None if bar is None else bar.update,
                total=None if bar is None else functools.partial(_set_total, bar),
            )
        if bar is not None:
            _set_total(bar, count_lines(source))
        records = read_records(
            source,
            name=name,
            text_field=args.text_field,
            id_field=args.id_field,
            max_bytes=args.max_bytes,
        )

        def summarize(pairs: Iterator[tuple[Any, str]]) -> Iterator[Any]:
            return summarize_many(
                pairs,
                summarizer=summarizer,
                k=args.k,
                ratio=args.ratio,
                max_words=args.max_words,
                n_jobs=args.jobs,
                keywords=args.keywords,
                extractor=None if keyphrases is None else keyphrases[0],
            )

        return write_records(
            records,
            summarize,
            out.write,
            progress=None if bar is None else bar.update,
            keyphrases=keyphrases is not None,
        )
    finally:
        if bar is not None:
            bar.close()


def _set_total(bar: Any, total: int | None) -> None:
    bar.total = total
    bar.refresh()


# -- arsumm train -----------------------------------------------------------------


def _train(argv: Sequence[str], *, stdin: BinaryIO | None, stdout: BinaryIO | None) -> int:
    """``arsumm train``: fit a prior on a JSON Lines file with :func:`arsumm.train_prior`."""
    parser = _build_train_parser()
    args = parser.parse_args(argv)
    _check_max_bytes(parser, args.max_bytes)
    if not (math.isfinite(args.C) and args.C > 0):
        parser.error(f"-C must be a positive number, got {args.C}")
    in_stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin else None)
    out_stream = stdout if stdout is not None else (sys.stdout.buffer if sys.stdout else None)
    try:
        summarizer = _configure(args)
        # the output is checked (and its temporary file made) before any input is read
        with Output(args.output, stdout=out_stream, avoid=file_id(args.input, in_stream)) as out:
            source, name = open_input(args.input, in_stream, what="a JSON Lines file")
            try:
                prior, lines, skipped = _train_stream(source, name, args, summarizer)
            finally:
                if source is not in_stream:
                    source.close()
            out.write(json_line(prior.to_dict(), indent=2))
    except ArsummError as exc:
        return _fail(str(exc))
    target = "standard output" if args.output in (None, "-") else display_name(args.output)
    print(
        f"{PROG}: trained on {lines - skipped} of {lines} records of {name} "
        f"({skipped} skipped); wrote the prior to {target}",
        file=sys.stderr,
    )
    return 0


def _train_stream(
    source: BinaryIO, name: str, args: argparse.Namespace, summarizer: Summarizer
) -> tuple[LinearPrior, int, int]:
    """Fit on every usable line; report the others. Return (prior, lines, skipped)."""
    bar = None
    if args.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=count_lines(source), unit="line", desc=f"{PROG} train")
    given: list[int] = []  # the line number of each record handed to train_prior
    lines = skipped = 0

    def report(message: str) -> None:
        nonlocal skipped
        skipped += 1
        line = f"{PROG}: {name}: {cli_hint(message)} (skipped)"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def records() -> Iterator[dict[str, Any]]:
        nonlocal lines
        for record in read_records(
            source,
            name=name,
            text_field=args.text_field,
            id_field="id",
            max_bytes=args.max_bytes,
            keep_fields=True,
        ):
            lines += 1
            if bar is not None:
                bar.update(1)
            if record.fields is None:  # not JSON, not an object, no text, ...
                report(record.error or f"line {record.line}: unreadable")
                continue
            given.append(record.line)
            yield record.fields

    def on_skip(found: SkippedRecord) -> None:
        report(f"line {given[found.position]}: {found.reason}")

    try:
        prior = train_prior(
            records(),
            label=args.label,
            C=args.C,
            summarizer=summarizer,
            text_field=args.text_field,
            references_field=args.references_field,
            on_skip=on_skip,
            info={"data": name},
        )
    except ConfigError:
        unusable = _unusable_file(name, lines, skipped)
        if unusable is None:
            raise
        raise unusable from None
    finally:
        if bar is not None:
            bar.close()
    return prior, lines, skipped


def _unusable_file(name: str, lines: int, skipped: int) -> FileError | None:
    """The error for a file no record of which is usable; None if some record was."""
    if lines == 0:
        return FileError(f"{name}: no records: the file is empty")
    if skipped < lines:
        return None
    return FileError(
        f"{name}: none of the {lines} records can be used to train a prior (see the lines above)"
    )


# -- the console script ---------------------------------------------------------------


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    for other in (signal.SIGTERM, signal.SIGHUP):  # a second signal must not cut the cleanup
        signal.signal(other, signal.SIG_IGN)
    raise _Terminated(signum)


def run() -> None:
    """Entry point of the ``arsumm`` console script and ``python -m arsumm``.

    SIGTERM and SIGHUP are handled as Ctrl-C is: the temporary output file
    is removed, worker processes are stopped, and the exit status is 128
    plus the signal's number.
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_terminated)
    try:
        status = main()
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        status = 130
    except _Terminated as stop:
        print(f"{PROG}: terminated by {signal.Signals(stop.signum).name}", file=sys.stderr)
        status = 128 + stop.signum
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
