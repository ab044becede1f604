"""Summarise a corpus with Dask: a ``dask.bag`` or a dask DataFrame column.

This module needs the optional extra: ``pip install 'arsumm[dask]'``. Each
partition is summarised by :func:`arsumm.batch.summarize_partition`, the
batched path of :func:`arsumm.summarize_many`, inside the worker process;
the results equal what :func:`arsumm.summarize` returns for each text. A
document that cannot be summarised gives a :class:`arsumm.BatchResult` with
``error`` set instead of failing the task.

Each worker process unpickles the configuration once and keeps that
:class:`arsumm.Summarizer` for every partition it summarises (its memo of
stems stays warm from one partition to the next). A partition should hold
enough work to outweigh a task's fixed cost (a few milliseconds on a
distributed scheduler): :func:`bag_by_work` cuts a collection into
partitions of about the same number of characters, the measure of the work.

Examples
--------
>>> import dask.bag as db
>>> import arsumm
>>> from arsumm.dask import summarize_bag
>>> bag = db.from_sequence([("a", arsumm.demo_text()), ("b", "")], npartitions=2)
>>> [(r.id, r.ok) for r in summarize_bag(bag, k=2).compute(scheduler="sync")]
[('a', True), ('b', False)]
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterable, Sequence
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        f"arsumm.dask needs Dask with its DataFrame support ({exc}); "
        "install it with: pip install 'arsumm[dask]'"
    ) from exc

from arsumm.batch import BatchResult, summarize_partition
from arsumm.batchfile import Part, part_records, plan_parts
from arsumm.checks import integer
from arsumm.io import DEFAULT_MAX_BYTES, FileError, Record, open_input
from arsumm.select import Budget
from arsumm.summarizer import Summarizer

__all__ = [
    "PARTITION_BYTES",
    "PARTITION_CHARACTERS",
    "bag_by_work",
    "read_jsonl",
    "summarize_bag",
    "summarize_series",
]

#: Characters of text per partition of :func:`bag_by_work` (about a second of
#: one core's work).
PARTITION_CHARACTERS = 2_000_000
#: Bytes of JSON Lines per partition of :func:`read_jsonl`: about
#: :data:`PARTITION_CHARACTERS` of Arabic text (two bytes a letter in UTF-8).
PARTITION_BYTES = 2 * PARTITION_CHARACTERS


def bag_by_work(
    items: Sequence[Any] | Iterable[Any],
    *,
    characters: int = PARTITION_CHARACTERS,
    min_partitions: int = 1,
) -> db.Bag:
    """A dask Bag of ``items`` in partitions of about ``characters`` characters of text.

    ``items`` are texts or ``(id, text)`` pairs, as for :func:`summarize_bag`
    (a pair without an id is given its position in ``items``, so ids stay
    those of :func:`arsumm.summarize_many`). Partitions are consecutive runs
    of items, cut when their texts reach ``characters``; there are at least
    ``min_partitions`` (e.g. the number of worker processes) when there are
    that many items.

    Examples
    --------
    >>> bag = bag_by_work(["نص"] * 10, characters=8)
    >>> bag.npartitions, bag.compute()[:2]
    (3, [(0, 'نص'), (1, 'نص')])
    """
    pairs = [
        (item[0], item[1]) if isinstance(item, tuple | list) and len(item) == 2 else (i, item)
        for i, item in enumerate(items)
    ]
    sizes = [len(text) if isinstance(text, str) else 0 for _, text in pairs]
    target = min(max(1, int(characters)), max(1, sum(sizes) // max(1, min_partitions)))
    partitions: list[list[tuple[Any, Any]]] = [[]]
    filled = 0
    for pair, size in zip(pairs, sizes, strict=True):
        if filled >= target and partitions[-1]:
            partitions.append([])
            filled = 0
        partitions[-1].append(pair)
        filled += size
    if not partitions[-1]:
        partitions.pop()
    # one element per partition, flattened: each partition is one run of items
    runs = db.from_sequence(partitions, npartitions=max(1, len(partitions)))  # type: ignore[no-untyped-call]
    bag: db.Bag = runs.flatten()
    return bag


def read_jsonl(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    blocksize: int = PARTITION_BYTES,
    min_partitions: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> db.Bag:
    """A dask Bag of the records of a JSON Lines file, each partition read by a worker.

    The file is cut into byte ranges at line starts, as ``arsumm batch --jobs``
    cuts it; each task opens the file and reads its own range, so no text
    goes through the client or the scheduler (give a path every worker can
    open). The elements are :class:`arsumm.io.Record`\\ s, one per line, in
    order, read as ``arsumm batch`` reads them: a line that is not JSON, not
    an object or has no string text is a record with its error (``line N:
    ...``), not a failed task. :func:`summarize_bag` turns every record into
    a :class:`arsumm.BatchResult`: its id is the record's id field or, if it
    has none, its line number.

    Parameters
    ----------
    path : str or os.PathLike
        A regular file of JSON Lines, UTF-8.
    text_field, id_field : str
        The fields of a record, as ``arsumm batch --text-field/--id-field``.
    blocksize : int, default :data:`PARTITION_BYTES`
        About how many bytes each partition holds.
    min_partitions : int, default 1
        At least this many partitions when the file has that many lines of
        ``blocksize / min_partitions`` bytes (say, the number of workers).
    max_bytes : int
        The longest line that may be read; a longer one fails its task with
        a :class:`arsumm.io.FileError`.

    Raises
    ------
    arsumm.io.FileError
        The file cannot be opened, or is not a regular file (a pipe cannot be
        read by ranges).

    Examples
    --------
    >>> import json, tempfile
    >>> import arsumm
    >>> lines = [json.dumps({"id": "a", "text": arsumm.demo_text()}), "[1]", '{"text": ""}']
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl") as handle:
    ...     _ = handle.write("\\n".join(lines) + "\\n")
    ...     handle.flush()
    ...     bag = summarize_bag(read_jsonl(handle.name, blocksize=40), k=1)
    ...     results = bag.compute(scheduler="sync")
    >>> bag.npartitions, [(r.id, r.error_type) for r in results]
    (2, [('a', None), (2, 'TypeError'), (3, 'EmptyTextError')])
    >>> results[1].error
    'line 2: expected a JSON object, got list'
    """
    integer("blocksize", blocksize, low=1)
    integer("min_partitions", min_partitions, low=1)
    integer("max_bytes", max_bytes, low=1)
    for field, value in (("text_field", text_field), ("id_field", id_field)):
        if not isinstance(value, str):
            raise TypeError(f"{field} must be a str, got {type(value).__name__}")
    file = os.fspath(path)
    stream, name = open_input(file, None, "a JSON Lines file")
    with stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileError(
                f"{name}: not a regular file; read_jsonl gives each worker a byte range "
                "of it to read (copy a stream to a file first)"
            )
        target = max(1, min(blocksize, info.st_size // min_partitions))
        parts = plan_parts(stream.fileno(), info.st_size, 1, max_bytes, part_bytes=target)
    if not parts:
        empty: db.Bag = db.from_sequence([], npartitions=1)  # type: ignore[no-untyped-call]
        return empty
    where = os.path.abspath(file)
    fields = (text_field, id_field, max_bytes)
    read = delayed(_read_part, pure=True)
    tasks = [read(where, name, part, fields) for part in parts]
    bag: db.Bag = db.from_delayed(tasks)  # type: ignore[no-untyped-call]
    return bag


def _read_part(path: str, name: str, part: Part, fields: tuple[str, str, int]) -> list[Record]:
    """The records of one byte range of a JSON Lines file (a task of :func:`read_jsonl`)."""
    text_field, id_field, max_bytes = fields
    with open(path, "rb") as stream:
        return list(
            part_records(
                stream,
                part,
                name=name,
                text_field=text_field,
                id_field=id_field,
                max_bytes=max_bytes,
            )
        )


def summarize_bag(
    bag: db.Bag,
    *,
    summarizer: Summarizer | None = None,
    k: int | None = None,
    ratio: float | None = None,
    max_words: int | None = None,
) -> db.Bag:
    """Summarise every element of ``bag``: texts, or ``(id, text)`` pairs.

    Parameters
    ----------
    bag : dask.bag.Bag
        Texts, or ``(id, text)`` pairs; an element's id is its position in
        its partition when only a text is given, so pass pairs to keep ids
        meaningful. Or the records of :func:`read_jsonl`.
    summarizer, k, ratio, max_words
        As for :func:`arsumm.summarize_many`; checked here, before anything
        is computed.

    Returns
    -------
    dask.bag.Bag
        One :class:`arsumm.BatchResult` per element, in the same order.

    Raises
    ------
    TypeError
        ``bag`` is not a dask Bag (a list, say: make one with
        ``dask.bag.from_sequence``), or a setting has the wrong type.
    """
    if not isinstance(bag, db.Bag):
        raise TypeError(
            f"summarize_bag takes a dask.bag.Bag, got {type(bag).__name__}; make one with "
            "dask.bag.from_sequence(items), or call arsumm.summarize_many(items) directly"
        )
    kwargs = _checked(summarizer, k, ratio, max_words)
    results: db.Bag = bag.map_partitions(_partition, kwargs)  # type: ignore[no-untyped-call]
    return results


def summarize_series(
    series: dd.Series,
    *,
    summarizer: Summarizer | None = None,
    k: int | None = None,
    ratio: float | None = None,
    max_words: int | None = None,
) -> dd.Series:
    """Summarise every text of a dask Series, such as a DataFrame column.

    Parameters
    ----------
    series : dask.dataframe.Series
        Texts (``df["text"]``); missing values and non-strings give error
        results.
    summarizer, k, ratio, max_words
        As for :func:`arsumm.summarize_many`.

    Returns
    -------
    dask.dataframe.Series
        Of dtype object, with the index of ``series``: one
        :class:`arsumm.BatchResult` per row, whose ``id`` is the row's index
        label. ``.map(lambda r: ...)`` turns them into columns, e.g. the
        summary text ``" ".join(s.text for s in r.sentences) if r.ok else None``.

    Examples
    --------
    >>> import pandas as pd
    >>> import dask.dataframe as dd
    >>> import arsumm
    >>> df = dd.from_pandas(pd.DataFrame({"text": [arsumm.demo_text(), "?"]}), npartitions=1)
    >>> out = summarize_series(df["text"], k=1).compute(scheduler="sync")
    >>> [(label, r.error_type or len(r.sentences)) for label, r in out.items()]
    [(0, 1), (1, 'NoArabicError')]
    """
    if not isinstance(series, dd.Series):
        raise TypeError(
            f"summarize_series takes a dask.dataframe.Series, got {type(series).__name__}; "
            "make one with dask.dataframe.from_pandas(...)[column]"
        )
    kwargs = _checked(summarizer, k, ratio, max_words)
    meta = pd.Series([], dtype=object, name=series.name)
    results: dd.Series = series.map_partitions(  # type: ignore[no-untyped-call]
        _series_partition, kwargs, meta=meta
    )
    return results


def _checked(
    summarizer: Summarizer | None, k: int | None, ratio: float | None, max_words: int | None
) -> dict[str, Any]:
    """Validate the budget and the summarizer now, not in a worker later."""
    Budget.of(k=k, ratio=ratio, max_words=max_words)
    if summarizer is not None and not isinstance(summarizer, Summarizer):
        raise TypeError(f"summarizer must be an arsumm.Summarizer, got {type(summarizer).__name__}")
    try:
        config = pickle.dumps(summarizer)
    except Exception as exc:
        raise TypeError(
            f"the summarizer is sent to the Dask workers, but it does not pickle ({exc}); "
            "use module-level classes for custom stemmers and splitters"
        ) from None
    return {"summarizer": config, "k": k, "ratio": ratio, "max_words": max_words}


#: Summarizers unpickled in this process, by their pickled configuration.
_SUMMARIZERS: dict[bytes, Summarizer | None] = {}
_MAX_SUMMARIZERS = 16


def _summarizer(config: bytes) -> Summarizer | None:
    """The summarizer of ``config``, unpickled once per process (a worker's, for all its tasks)."""
    summarizer = _SUMMARIZERS.get(config)
    if summarizer is None and config not in _SUMMARIZERS:
        if len(_SUMMARIZERS) >= _MAX_SUMMARIZERS:
            _SUMMARIZERS.clear()
        summarizer = _SUMMARIZERS[config] = pickle.loads(config)
    return summarizer


def _summarize(items: Any, kwargs: dict[str, Any]) -> list[BatchResult]:
    options = {**kwargs, "summarizer": _summarizer(kwargs["summarizer"])}
    return summarize_partition(items, **options)


def _partition(items: Any, kwargs: dict[str, Any]) -> list[BatchResult]:
    items = list(items)
    if not items or not all(isinstance(item, Record) for item in items):
        return _summarize(items, kwargs)
    # records of read_jsonl: the readable ones summarised, the others their errors, in order
    readable = [r for r in items if r.text is not None]
    done = iter(_summarize([(_record_id(r), r.text) for r in readable], kwargs))
    return [
        next(done)
        if r.text is not None
        else BatchResult(_record_id(r), None, r.error, r.error_type)
        for r in items
    ]


def _record_id(record: Record) -> Any:
    """A record's id field, or its line number when it has none."""
    return record.line if record.id is None else record.id


def _series_partition(part: pd.Series, kwargs: dict[str, Any]) -> pd.Series:
    pairs = list(zip(part.index, part.to_numpy(dtype=object), strict=True))
    results = _summarize(pairs, kwargs)
    out = pd.Series(pd.array(results, dtype=object), index=part.index, name=part.name)
    return out
