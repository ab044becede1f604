"""``arsumm batch``: records in, one output line per input line, streamed or in parts.

Two ways through a JSON Lines input, with the same output to the byte:

Streaming (:func:`write_records`)
    Standard input, pipes, FIFOs and ``--jobs 1``: the lines are read as
    they come, summarised a batch at a time (with ``--jobs N`` in worker
    processes, through :func:`arsumm.summarize_many`) and written in order.
In parts (:func:`summarize_parts`)
    A regular file with ``--jobs N``: the file is cut into parts by byte
    ranges, at line starts (:func:`plan_parts`), and each worker process
    reads its part itself and writes its records to a part file of its own,
    beside the output; the parts are then copied into the output in order,
    as each is done. Only a few numbers travel between the processes, never
    a text or a summary. Every part knows the number and the byte offset of
    its first line, so records and messages carry the file's own line
    numbers and offsets. While the workers start, this process summarises
    the first parts itself, so a small file never waits for them, and once
    they are up it works beside them, as one of the ``--jobs`` (with
    arsumm's own components only: ``--jobs 2`` is this process and one
    worker). A part
    whose worker dies is run again alone; if it kills that worker too, its
    records are summarised one batch at a time in worker processes that
    isolate the record that kills them (:func:`arsumm.parallel.map_chunks`),
    so nothing is lost. The part files are removed whatever happens (an
    error, Ctrl-C, SIGTERM: the command line turns signals into
    exceptions).

Examples
--------
>>> import io, json
>>> from arsumm.io import read_records
>>> record = json.dumps({"id": "a", "text": "الطقس حار اليوم. يستمر الحر غدا."})
>>> data = (record + "\\n[1]\\n").encode()
>>> out = []
>>> write_records(read_records(io.BytesIO(data), name="in.jsonl"), _one_process, out.append)
(1, 2)
>>> [json.loads(line)["error"] for line in out]
[None, 'line 2: expected a JSON object, got list']
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from arsumm.batch import BatchResult, summarize_many, summarize_partition
from arsumm.io import FileError, Output, Record, json_line, read_records
from arsumm.keyphrases import KeywordExtractor
from arsumm.parallel import MAX_CHUNK_WEIGHT, map_chunks
from arsumm.select import Budget
from arsumm.summarizer import Summarizer

__all__ = [
    "FLAG_HINTS",
    "MAX_PART_BYTES",
    "MIN_PART_BYTES",
    "PARTS_PER_WORKER",
    "Job",
    "Part",
    "cli_hint",
    "part_records",
    "plan_parts",
    "record_line",
    "splittable",
    "summarize_parts",
    "write_records",
]

#: The library's hints name Python settings; on the command line they are flags.
FLAG_HINTS = (
    ("use Summarizer(require_arabic=False)", "pass --allow-non-arabic"),
    ("pass boilerplate=False", "pass --keep-boilerplate"),
    ("use KeywordExtractor(require_arabic=False)", "pass --allow-non-arabic"),
)
#: A file is cut into about this many parts per worker (so that the workers
#: finish close together, and the part the caller summarises while they start
#: is short) ...
PARTS_PER_WORKER = 32
#: ... of at least this many bytes ...
MIN_PART_BYTES = 1 << 18
#: ... and at most this many.
MAX_PART_BYTES = 1 << 24

_PIECE = 1 << 20


def cli_hint(message: str) -> str:
    """The library's message, with its Python settings replaced by the flags.

    Examples
    --------
    >>> cli_hint("no Arabic; use Summarizer(require_arabic=False) to go on")
    'no Arabic; pass --allow-non-arabic to go on'
    """
    for python, flag in FLAG_HINTS:
        message = message.replace(python, flag)
    return message


def record_line(
    record: Record, result: BatchResult | None, *, keyphrases: bool = False
) -> tuple[bytes, bool]:
    """The output line of one input line, and whether it is an error record.

    ``result`` is None for a line that could not be read as a record (its
    error is in ``record``). Every error message starts with ``line N:``.
    With ``keyphrases`` (``--keywords N``) every line has a ``keyphrases``
    field, null where the line failed.

    Examples
    --------
    >>> line, failed = record_line(Record(3, "x", None, "line 3: empty line", "ValueError"), None)
    >>> line.decode(), failed
    ('{"line": 3, "id": "x", "summary": null, "error": "line 3: empty line", \
"error_type": "ValueError"}\\n', True)
    """
    if result is None:
        fields: dict[str, Any] = {
            "id": record.id,
            "summary": None,
            "error": record.error,
            "error_type": record.error_type,
        }
    else:
        fields = result.to_record()
        if fields["error"] is not None:
            fields["error"] = f"line {record.line}: {cli_hint(fields['error'])}"
    if keyphrases:
        fields.setdefault("keyphrases", None)
    return json_line({"line": record.line, **fields}), fields["error"] is not None


#: Turns (id, text) pairs into their results, in order (summarize_many and kin).
Summarize = Callable[[Iterator[tuple[Any, str]]], Iterator[BatchResult]]


def write_records(
    records: Iterable[Record],
    summarize: Summarize,
    write: Callable[[bytes], object],
    *,
    progress: Callable[[int], object] | None = None,
    keyphrases: bool = False,
) -> tuple[int, int]:
    """Write one line per record, in order; return (failed, written).

    The records' texts go through ``summarize`` as a stream of (id, text)
    pairs (lazily: a record is read only when ``summarize`` asks for the
    next text); records that have no text are written as their error where
    they stand. ``progress(1)`` is called for each line written. With
    ``keyphrases``, every line has a ``keyphrases`` field (:func:`record_line`).
    """
    pending: deque[Record] = deque()  # read, not yet written: the lines being summarised

    def texts() -> Iterator[tuple[Any, str]]:
        for record in records:
            pending.append(record)
            if record.text is not None:
                yield record.id, record.text

    failed = written = 0

    def emit(record: Record, result: BatchResult | None) -> None:
        nonlocal failed, written
        line, is_error = record_line(record, result, keyphrases=keyphrases)
        write(line)
        failed += is_error
        written += 1
        if progress is not None:
            progress(1)

    def emit_unreadable() -> None:
        while pending and pending[0].text is None:
            emit(pending.popleft(), None)

    results = summarize(texts())
    try:
        for result in results:
            emit_unreadable()
            emit(pending.popleft(), result)
        emit_unreadable()
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops worker processes now if the loop was cut short
    return failed, written


def _one_process(pairs: Iterator[tuple[Any, str]]) -> Iterator[BatchResult]:
    """The default summarizer in this process (the example above)."""
    return summarize_many(pairs)


# -- parts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """What every part needs: the input, how to read it, how to summarise it.

    Attributes
    ----------
    path : str
        The input file, which each worker opens itself.
    name : str
        Its name as messages show it.
    text_field, id_field : str
        The fields of a record.
    max_bytes : int
        The longest line that may be read.
    summarizer : Summarizer
        The configuration.
    budget : Budget
        The length budget.
    keyphrases : (KeywordExtractor, int) or None
        The extractor and the number of keyphrases of each record
        (``--keywords N``), or None.
    """

    path: str
    name: str
    text_field: str
    id_field: str
    max_bytes: int
    summarizer: Summarizer
    budget: Budget
    keyphrases: tuple[KeywordExtractor, int] | None = None

    def records(self, stream: Any, part: Part) -> Iterator[Record]:
        """The records of ``part`` (``stream`` is the open input)."""
        return part_records(
            stream,
            part,
            name=self.name,
            text_field=self.text_field,
            id_field=self.id_field,
            max_bytes=self.max_bytes,
        )

    def summarize(self, pairs: Iterator[tuple[Any, str]]) -> Iterator[BatchResult]:
        """The results of (id, text) pairs in this process."""
        return summarize_many(pairs, **_options(self.summarizer, self.budget, self.keyphrases))

    def write(self, records: Iterable[Record], summarize: Summarize, out: Any) -> tuple[int, int]:
        """:func:`write_records` with this job's fields."""
        return write_records(records, summarize, out.write, keyphrases=self.keyphrases is not None)


def _options(
    summarizer: Summarizer, budget: Budget, keyphrases: tuple[KeywordExtractor, int] | None
) -> dict[str, Any]:
    """The keyword arguments of :func:`arsumm.summarize_many` for a job's settings."""
    extractor, keywords = (None, None) if keyphrases is None else keyphrases
    return {
        "summarizer": summarizer,
        "k": budget.k,
        "ratio": budget.ratio,
        "max_words": budget.max_words,
        "keywords": keywords,
        "extractor": extractor,
    }


@dataclass(frozen=True)
class Part:
    """A byte range of the input, from a line start to a line start (or the end).

    Attributes
    ----------
    start, end : int
        Byte offsets in the input file.
    first_line : int
        The number of the part's first line in the file (1-based).
    lines : int
        How many lines it holds.
    path : str
        The part file its records are written to ("" until one is made).
    """

    start: int
    end: int
    first_line: int
    lines: int
    path: str = ""


def part_records(
    stream: Any, part: Part, *, name: str, text_field: str, id_field: str, max_bytes: int
) -> Iterator[Record]:
    """The records of ``part`` of the input open as ``stream``, with the file's line numbers.

    :func:`arsumm.io.read_records` from the part's first line to its end.
    """
    stream.seek(part.start)
    return read_records(
        stream,
        name=name,
        text_field=text_field,
        id_field=id_field,
        max_bytes=max_bytes,
        first_line=part.first_line,
        first_offset=part.start,
        end=part.end,
    )


def splittable(path: str | None, stream: Any) -> bool:
    """Whether the input can be cut into parts that workers open by name.

    A regular file, named by a path that leads to the file read here (not
    ``-``, and not a ``/dev/`` or ``/proc/`` name of a descriptor, which
    means something else in another process).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as handle:
    ...     splittable(handle.name, handle), splittable("-", handle)
    (True, False)
    """
    if path is None or path == "-":
        return False
    real = os.path.realpath(path)
    if real.startswith(("/dev/", "/proc/")) or path.startswith(("/dev/", "/proc/")):
        return False
    try:
        named, opened = os.stat(real), os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISREG(opened.st_mode) and os.path.samestat(named, opened)


def plan_parts(
    fd: int, size: int, workers: int, max_bytes: int, *, part_bytes: int | None = None
) -> list[Part]:
    """Cut the file open at ``fd`` (``size`` bytes) into parts for ``workers``.

    About :data:`PARTS_PER_WORKER` parts per worker, each between
    :data:`MIN_PART_BYTES` and :data:`MAX_PART_BYTES` (or of about
    ``part_bytes`` bytes, if given), ending just after a line feed. The
    search for that line feed stops after ``max_bytes`` bytes: a longer
    line is an error that the part holding it reports, so the rest of the
    file is left to that part. The lines of every part are
    counted (one pass over the file, fast), for the line numbers.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryFile() as handle:
    ...     _ = handle.write(b"a\\nbb\\n" * 100_000 + b"last")
    ...     handle.flush()
    ...     parts = plan_parts(handle.fileno(), handle.tell(), 2, 1000)
    >>> [(p.first_line, p.lines) for p in parts]
    [(1, 104858), (104859, 95143)]
    """
    if size <= 0:
        return []
    if part_bytes is None:
        target = min(max(size // (PARTS_PER_WORKER * workers), MIN_PART_BYTES), MAX_PART_BYTES)
    else:
        target = max(1, part_bytes)
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < size:
        end = _line_end_after(fd, start + target, size, max_bytes)
        bounds.append((start, end))
        start = end
    parts = []
    line = 1
    for start, end in bounds:
        lines = _count_newlines(fd, start, end)
        if end == size and os.pread(fd, 1, size - 1) != b"\n":
            lines += 1  # the last line has no line feed
        parts.append(Part(start, end, line, lines))
        line += lines
    return parts


def _line_end_after(fd: int, offset: int, size: int, max_bytes: int) -> int:
    """The offset just past the first line feed at or after ``offset - 1``, or ``size``."""
    if offset >= size:
        return size
    at, limit = offset - 1, min(size, offset + max_bytes + 1)
    while at < limit:
        piece = os.pread(fd, min(1 << 16, limit - at), at)
        if not piece:
            break
        found = piece.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(piece)
    return size  # no line feed soon enough: the rest is one part


def _count_newlines(fd: int, start: int, end: int) -> int:
    count, at = 0, start
    while at < end:
        piece = os.pread(fd, min(_PIECE, end - at), at)
        if not piece:
            break
        count += piece.count(b"\n")
        at += len(piece)
    return count


def _run_part(job: Job, part: Part) -> tuple[int, int, str | None]:
    """Summarise one part into its part file; return (failed, written, fatal error or None).

    A line too long to read, or a read error, ends the part (and the run:
    the parent reports it as the streaming path would).
    """
    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with open(job.path, "rb") as stream, open(os.open(part.path, flags), "wb") as out:
        try:
            failed, written = job.write(job.records(stream, part), job.summarize, out)
        except FileError as exc:
            return 0, 0, str(exc)
    return failed, written, None


def _run_parts(job: Job, parts: list[Part]) -> list[tuple[int, int, str | None]]:
    """The chunk function of :func:`arsumm.parallel.map_chunks`: one part at a time."""
    return [_run_part(job, part) for part in parts]


def _isolating(job: Job, workers: int, part: Part) -> tuple[int, int, str | None]:
    """Summarise a part whose worker died, in workers that isolate the record that kills them."""
    payload = pickle.dumps((job.summarizer, job.budget, job.keyphrases))

    def summarize(pairs: Iterator[tuple[Any, str]]) -> Iterator[BatchResult]:
        return map_chunks(
            _summarize_pairs,
            payload,
            pairs,
            workers,
            failure=lambda pair, exc: BatchResult.failure(pair[0], exc),
        )

    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with open(job.path, "rb") as stream, open(os.open(part.path, flags), "wb") as out:
        try:
            failed, written = job.write(job.records(stream, part), summarize, out)
        except FileError as exc:
            return 0, 0, str(exc)
    return failed, written, None


def _summarize_pairs(
    summarizer: Summarizer,
    budget: Budget,
    keyphrases: tuple[KeywordExtractor, int] | None,
    pairs: list[tuple[Any, str]],
) -> list[BatchResult]:
    return summarize_partition(pairs, **_options(summarizer, budget, keyphrases))


def summarize_parts(
    job: Job,
    out: Output,
    workers: int,
    *,
    progress: Callable[[int], object] | None = None,
    total: Callable[[int], object] | None = None,
) -> tuple[int, int]:
    """Summarise ``job``'s file in parts in ``workers`` processes; write it to ``out``.

    The output is what :func:`write_records` writes for the whole file, to
    the byte. ``total(lines)`` is called once the file's lines are counted,
    ``progress(n)`` as each part's ``n`` lines are written. Returns (failed,
    written).

    Raises
    ------
    FileError
        A line longer than ``job.max_bytes``, or the file cannot be read
        (the first such problem in file order, as the streaming path
        reports it).
    """
    with open(job.path, "rb") as stream:
        parts = plan_parts(stream.fileno(), os.fstat(stream.fileno()).st_size, workers,
                           job.max_bytes)  # fmt: skip
    if total is not None:
        total(sum(part.lines for part in parts))
    scratch = None if out.folder is not None else tempfile.mkdtemp(prefix="arsumm-parts-")
    folder = out.folder or scratch
    base = os.path.basename(job.path)[:32]
    made: list[str] = []
    results: Iterator[Any] | None = None
    try:
        for i, part in enumerate(parts):
            fd, part_path = tempfile.mkstemp(dir=folder, prefix=f".{base}.part{i}.", suffix=".tmp")
            os.close(fd)
            made.append(part_path)
            parts[i] = Part(part.start, part.end, part.first_line, part.lines, part_path)
        # only arsumm's own components may run here (a plug-in could end this
        # process): this process is then one of the workers
        builtin = job.summarizer.builtin_components
        builtin = builtin and (job.keyphrases is None or job.keyphrases[0].builtin_components)
        local = functools.partial(_run_parts, job) if builtin else None
        results = map_chunks(
            _run_parts,
            pickle.dumps((job,)),
            parts,
            workers,
            failure=lambda part, exc: exc,
            weight=lambda part: MAX_CHUNK_WEIGHT,  # one part a chunk
            local=local,
            total=len(parts),
            helps=True,
        )
        failed = written = 0
        for part, outcome in zip(parts, results, strict=True):
            if isinstance(outcome, BaseException):  # its worker died, twice
                outcome = _isolating(job, workers, part)
            part_failed, part_written, fatal = outcome
            if fatal is not None:
                raise FileError(fatal)
            with open(part.path, "rb") as handle:
                while piece := handle.read(_PIECE):
                    out.write(piece)
            os.unlink(part.path)
            failed += part_failed
            written += part_written
            if progress is not None:
                progress(part_written)
        return failed, written
    finally:
        if results is not None:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # the workers stop before their files are removed
        for part_path in made:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(part_path)
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.rmdir(scratch)
