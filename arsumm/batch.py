"""Summarise many documents: batched, streaming, optionally in parallel.

:func:`summarize_many` takes an iterable of texts (or of ``(id, text)``
pairs) and yields one :class:`BatchResult` per input, in input order. It is
a generator: documents are read from the iterable a batch at a time, so an
endless stream (a file read line by line, a database cursor) is processed in
constant memory. A document that cannot be summarised (not a string, empty,
no Arabic, only stop words, or a bug) yields a result with ``error`` set;
the stream goes on, nothing is dropped and nothing is raised mid-stream.
Wrong *arguments* (a bad budget, an unknown option) raise at once, when
:func:`summarize_many` is called.

The result for each document is exactly what :func:`arsumm.summarize`
returns for it with the same options: batching shares the fixed costs of the
vectorisation (one pass of array operations per batch instead of one per
document), never the numbers, since every document keeps its own
vocabulary and IDF.

Examples
--------
>>> import arsumm
>>> texts = [arsumm.demo_text(), "   ", ("doc-3", "الطقس حار اليوم. يتوقع أن يستمر الحر غدا.")]
>>> for result in arsumm.summarize_many(texts, k=1):
...     print(result.id, result.ok, result.error_type or [s.index for s in result.sentences])
0 True [0]
1 False EmptyTextError
doc-3 True [0]
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any

from arsumm.checks import integer
from arsumm.document import Document
from arsumm.keyphrases import Keyphrase, KeywordExtractor
from arsumm.parallel import map_chunks, resolve_n_jobs
from arsumm.select import Budget, BudgetError
from arsumm.summarizer import Sentence, Summarizer

__all__ = ["BatchResult", "summarize_many", "summarize_partition"]

#: Documents vectorised together, at most.
BATCH_DOCUMENTS = 64
#: Characters vectorised together, at most (a long book is a batch of its own).
BATCH_CHARACTERS = 1 << 20


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The summary of one document of a batch, or why there is none.

    Attributes
    ----------
    id : object
        The id given with the text, or the position of the text in the input
        (0-based) when only texts were given.
    sentences : tuple of Sentence or None
        The summary, in document order; None if the document failed.
    error : str or None
        What went wrong, in one line; None on success.
    error_type : str or None
        The exception's class name (``"EmptyTextError"``, ``"TypeError"``, ...).
    keyphrases : tuple of Keyphrase or None
        The document's keyphrases, best first, when ``summarize_many`` was
        asked for them (``keywords=N``); None otherwise, and for a document
        that failed.
    """

    id: Any
    sentences: tuple[Sentence, ...] | None
    error: str | None = None
    error_type: str | None = None
    keyphrases: tuple[Keyphrase, ...] | None = None

    @property
    def ok(self) -> bool:
        """True if the document was summarised."""
        return self.error is None

    def to_record(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict (the format of ``arsumm batch``).

        With keyphrases, the dict has a ``keyphrases`` list too
        (:meth:`arsumm.Keyphrase.to_record`).

        Examples
        --------
        >>> BatchResult("a", None, "text is empty", "EmptyTextError").to_record()
        {'id': 'a', 'summary': None, 'error': 'text is empty', 'error_type': 'EmptyTextError'}
        >>> import arsumm
        >>> (result,) = arsumm.summarize_many([arsumm.demo_text()], k=1, keywords=1)
        >>> result.to_record()["keyphrases"]
        [{'text': 'تحلية المياه', 'score': ..., 'key': 'تحلي ميا', 'occurrences': [[17, 29], ...]}]
        """
        summary = (
            None
            if self.sentences is None
            else [
                {"index": s.index, "start": s.start, "end": s.end, "score": s.score, "text": s.text}
                for s in self.sentences
            ]
        )
        record = {
            "id": self.id,
            "summary": summary,
            "error": self.error,
            "error_type": self.error_type,
        }
        if self.keyphrases is not None:
            record["keyphrases"] = [p.to_record() for p in self.keyphrases]
        return record

    @classmethod
    def failure(cls, id: Any, exc: BaseException) -> BatchResult:
        """The result of a document that raised ``exc``."""
        message = " ".join(str(exc).split()) or type(exc).__name__
        return cls(id, None, message, type(exc).__name__)


def summarize_many(
    texts: Iterable[Any],
    *,
    summarizer: Summarizer | None = None,
    k: int | None = None,
    ratio: float | None = None,
    max_words: int | None = None,
    n_jobs: int | None = 1,
    progress: bool = False,
    keywords: int | None = None,
    extractor: KeywordExtractor | None = None,
) -> Iterator[BatchResult]:
    """Summarise every text of ``texts``; yield the results lazily, in order.

    Parameters
    ----------
    texts : iterable
        Texts, or ``(id, text)`` pairs (tuples or lists of two), or a mix.
        Read lazily, a batch at a time. A single string is refused (it would
        be read as a sequence of one-character texts).
    summarizer : Summarizer, optional
        The configuration; the default is ``Summarizer()``.
    k, ratio, max_words
        The length budget, as in :func:`arsumm.summarize` (default ``k=3``).
    n_jobs : int or None, default 1
        Worker processes; 1 or None works in this process, -1 uses every CPU.
        With several processes the summarizer must pickle, and a script must
        make the call under ``if __name__ == "__main__":`` (the workers run
        the main script again; a script piped to ``python -`` cannot be run
        again): otherwise the call raises :class:`arsumm.parallel.WorkerStartError`
        at once, saying so. A document that kills its worker process fails
        alone (see :mod:`arsumm.parallel`).
    progress : bool, default False
        Show a tqdm progress bar on standard error.
    keywords : int, optional
        Also find each document's ``keywords`` best keyphrases
        (``result.keyphrases``, equal to ``extractor.extract(text, keywords)``).
        A document whose keyphrases cannot be found (no candidate word) fails
        with that error, as in ``arsumm FILE --keywords N``.
    extractor : KeywordExtractor, optional
        The keyphrase configuration (with ``keywords``); the default is
        ``KeywordExtractor()``.

    Returns
    -------
    iterator of BatchResult
        Exactly one result per input, in input order. ``result.sentences``
        equals ``summarizer.summarize(text, ...)`` for the same budget.

    Raises
    ------
    BudgetError, ConfigError, TypeError
        At the call, for an invalid budget, summarizer, ``texts`` or ``n_jobs``;
        never while iterating.
    WorkerStartError
        At the call, when ``n_jobs`` > 1 cannot start worker processes here.

    Examples
    --------
    >>> import arsumm
    >>> results = arsumm.summarize_many([arsumm.demo_text()] * 2, ratio=0.1)
    >>> [[s.index for s in r.sentences] for r in results]
    [[0, 2], [0, 2]]
    >>> light = arsumm.Summarizer(stemmer="light")
    >>> [r.ok for r in arsumm.summarize_many([arsumm.demo_text()], summarizer=light)]
    [True]
    >>> results = arsumm.summarize_many([arsumm.demo_text()], k=1, keywords=2)
    >>> [p.text for p in next(results).keyphrases]
    ['تحلية المياه', 'أول محطة لتحلية']
    """
    texts = _check_texts(texts, "summarize_many")
    budget = Budget.of(k=k, ratio=ratio, max_words=max_words)
    summarizer = _check_summarizer(summarizer)
    wanted = _check_keywords(keywords, extractor)
    workers = resolve_n_jobs(n_jobs)
    if workers > 1:
        try:
            payload = pickle.dumps(
                (summarizer, budget) if wanted is None else (summarizer, budget, wanted)
            )
        except Exception as exc:
            raise TypeError(
                f"n_jobs={n_jobs} sends the summarizer to worker processes, but it does "
                f"not pickle ({exc}); use module-level classes for custom stemmers and "
                "splitters, or n_jobs=1"
            ) from None
        results = _parallel(texts, payload, workers, keyphrases=wanted is not None)
    else:
        results = _serial(texts, summarizer, budget, wanted)
    if not progress:
        return results
    return _with_progress(results, len(texts) if isinstance(texts, Sized) else None)


def summarize_partition(
    items: Iterable[Any],
    *,
    summarizer: Summarizer | None = None,
    k: int | None = None,
    ratio: float | None = None,
    max_words: int | None = None,
    keywords: int | None = None,
    extractor: KeywordExtractor | None = None,
) -> list[BatchResult]:
    """Summarise one partition of a distributed collection, in this process.

    The function behind :mod:`arsumm.dask`, and the one to call from Spark's
    ``mapPartitions`` (see ``docs/scale.md``): ``items`` and the options as
    for :func:`summarize_many`, the results as a list.

    Examples
    --------
    >>> import arsumm
    >>> [r.ok for r in summarize_partition([("a", arsumm.demo_text()), ("b", "")])]
    [True, False]
    """
    results = summarize_many(
        items,
        summarizer=summarizer,
        k=k,
        ratio=ratio,
        max_words=max_words,
        keywords=keywords,
        extractor=extractor,
    )
    return list(results)


def _check_texts(texts: Any, where: str) -> Iterable[Any]:
    """``texts`` if it is an iterable of documents; a TypeError that says what to pass."""
    if isinstance(texts, str | bytes | bytearray):
        raise TypeError(
            f"{where} takes an iterable of texts or (id, text) pairs, got a single "
            f"{type(texts).__name__}; wrap one text in a list: [text]"
        )
    if not isinstance(texts, Iterable):
        raise TypeError(
            f"{where} takes an iterable of texts or (id, text) pairs, got {type(texts).__name__}"
        )
    return texts


def _check_keywords(keywords: object, extractor: object) -> tuple[KeywordExtractor, int] | None:
    """The keyphrase extractor and number asked for, or None."""
    if keywords is None:
        if extractor is not None:
            raise TypeError("extractor= goes with keywords=N (the number of keyphrases)")
        return None
    number = integer("keywords", keywords, low=1, error=BudgetError)
    if extractor is None:
        extractor = KeywordExtractor()
    if not isinstance(extractor, KeywordExtractor):
        raise TypeError(
            f"extractor must be an arsumm.KeywordExtractor, got {type(extractor).__name__}"
        )
    return extractor, number


def _check_summarizer(summarizer: object) -> Summarizer:
    if summarizer is None:
        return Summarizer()
    if not isinstance(summarizer, Summarizer):
        raise TypeError(
            f"summarizer must be an arsumm.Summarizer, got {type(summarizer).__name__}; "
            "configure one with Summarizer(stemmer=..., ...)"
        )
    return summarizer


# -- in this process ---------------------------------------------------------


def _serial(
    texts: Iterable[Any],
    summarizer: Summarizer,
    budget: Budget,
    keyphrases: tuple[KeywordExtractor, int] | None = None,
) -> Iterator[BatchResult]:
    for chunk in _chunks(texts):
        if keyphrases is None:
            yield from _summarize_chunk(summarizer, budget, chunk)
        else:
            yield from _summarize_chunk_with_keyphrases(summarizer, budget, keyphrases, chunk)


def _chunks(texts: Iterable[Any]) -> Iterator[list[tuple[Any, Any]]]:
    """Group the input into batches of (id, text) pairs."""
    chunk: list[tuple[Any, Any]] = []
    size = 0
    for position, item in enumerate(texts):
        if isinstance(item, tuple | list) and len(item) == 2:
            pair = (item[0], item[1])
        else:
            pair = (position, item)
        chunk.append(pair)
        size += len(pair[1]) if isinstance(pair[1], str) else 0
        if len(chunk) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _summarize_chunk(
    summarizer: Summarizer, budget: Budget, chunk: list[tuple[Any, Any]]
) -> list[BatchResult]:
    """Summarise a batch: prepare each text, vectorise them together, score and choose each."""
    results: list[BatchResult | None] = [None] * len(chunk)
    prepared: list[tuple[int, Document]] = []
    for slot, (doc_id, text) in enumerate(chunk):
        try:
            prepared.append((slot, summarizer.prepare(text)))
        except Exception as exc:
            results[slot] = BatchResult.failure(doc_id, exc)
    try:
        vectorized = summarizer.vectorize_many([document for _, document in prepared])
    except Exception:  # pragma: no cover - a bug; let each document fail on its own
        vectorized = [document for _, document in prepared]
    for (slot, _), document in zip(prepared, vectorized, strict=True):
        doc_id = chunk[slot][0]
        if isinstance(document, Exception):
            results[slot] = BatchResult.failure(doc_id, document)
            continue
        try:
            summary = summarizer.summarize_document(document, budget)
            results[slot] = BatchResult(doc_id, tuple(summary))
        except Exception as exc:
            results[slot] = BatchResult.failure(doc_id, exc)
    return [
        r if r is not None else BatchResult(chunk[i][0], None, "not processed", "RuntimeError")
        for i, r in enumerate(results)
    ]


def _summarize_chunk_with_keyphrases(
    summarizer: Summarizer,
    budget: Budget,
    keyphrases: tuple[KeywordExtractor, int],
    chunk: list[tuple[Any, Any]],
) -> list[BatchResult]:
    """:func:`_summarize_chunk`, and the keyphrases of each document summarised."""
    extractor, k = keyphrases
    results = _summarize_chunk(summarizer, budget, chunk)
    for slot, (result, (_, text)) in enumerate(zip(results, chunk, strict=True)):
        if result.ok:
            try:
                found = tuple(extractor.extract(text, k))
                results[slot] = dataclasses.replace(result, keyphrases=found)
            except Exception as exc:
                results[slot] = BatchResult.failure(result.id, exc)
    return results


def _with_progress(results: Iterator[BatchResult], total: int | None) -> Iterator[BatchResult]:
    from tqdm.auto import tqdm

    bar = tqdm(total=total, unit="doc", desc="arsumm")
    try:
        for result in results:
            bar.update(1)
            yield result
    finally:
        bar.close()


# -- in worker processes (arsumm.parallel) -----------------------------------


def _parallel(
    texts: Iterable[Any], payload: bytes, workers: int, *, keyphrases: bool = False
) -> Iterator[BatchResult]:
    """The (id, text) pairs through :func:`arsumm.parallel.map_chunks`, weighed in characters."""
    pairs = (pair for chunk in _chunks(texts) for pair in chunk)
    return map_chunks(
        _summarize_chunk_with_keyphrases if keyphrases else _summarize_chunk,
        payload,
        pairs,
        workers,
        failure=lambda pair, exc: BatchResult.failure(pair[0], exc),
        weight=lambda pair: len(pair[1]) if isinstance(pair[1], str) else 0,
    )
