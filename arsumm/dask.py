"""Summarise a corpus with Dask: a ``dask.bag`` or a dask DataFrame column.

This module needs the optional extra: ``pip install 'arsumm[dask]'``. Each
partition is summarised by :func:`arsumm.batch.summarize_partition`, the
batched path of :func:`arsumm.summarize_many`, inside the worker process;
the results equal what :func:`arsumm.summarize` returns for each text. A
document that cannot be summarised gives a :class:`arsumm.BatchResult` with
``error`` set instead of failing the task.

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

from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        f"arsumm.dask needs Dask with its DataFrame support ({exc}); "
        "install it with: pip install 'arsumm[dask]'"
    ) from exc

from arsumm.batch import BatchResult, summarize_partition
from arsumm.select import Budget
from arsumm.summarizer import Summarizer

__all__ = ["summarize_bag", "summarize_series"]


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
        meaningful.
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
    return {"summarizer": summarizer, "k": k, "ratio": ratio, "max_words": max_words}


def _partition(items: Any, kwargs: dict[str, Any]) -> list[BatchResult]:
    return summarize_partition(items, **kwargs)


def _series_partition(part: pd.Series, kwargs: dict[str, Any]) -> pd.Series:
    pairs = list(zip(part.index, part.to_numpy(dtype=object), strict=True))
    results = summarize_partition(pairs, **kwargs)
    out = pd.Series(pd.array(results, dtype=object), index=part.index, name=part.name)
    return out
