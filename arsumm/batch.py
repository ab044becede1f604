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

import functools
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

    def __reduce__(self) -> tuple[type[BatchResult], tuple[Any, ...]]:
        # a plain tuple of fields: results travel between processes (Dask, Spark)
        return BatchResult, (self.id, self.sentences, self.error, self.error_type, self.keyphrases)

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
        return cls(id, None, *_error_fields(exc))


def _error_fields(exc: BaseException) -> tuple[str, str]:
    """The one-line message and the class name of ``exc``, as a result records them."""
    return " ".join(str(exc).split()) or type(exc).__name__, type(exc).__name__


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
        How many processes work: 1 or None this one alone, -1 one per CPU.
        With several processes the summarizer must pickle, and a script must
        make the call under ``if __name__ == "__main__":`` (the workers run
        the main script again; a script piped to ``python -`` cannot be run
        again): otherwise the call raises :class:`arsumm.parallel.WorkerStartError`
        at once, saying so. A document that kills its worker process fails
        alone (see :mod:`arsumm.parallel`). With arsumm's own components this
        process is one of the ``n_jobs`` (it starts ``n_jobs - 1`` workers and
        summarises beside them), and the workers stay up for
        :data:`arsumm.parallel.KEEP_SECONDS` after the call: the next call
        with the same settings uses them without starting any
        (:func:`arsumm.parallel.shutdown` ends them at once).
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
            settings = pickle.dumps((summarizer, budget, wanted))
        except Exception as exc:
            raise TypeError(
                f"n_jobs={n_jobs} sends the summarizer to worker processes, but it does "
                f"not pickle ({exc}); use module-level classes for custom stemmers and "
                "splitters, or n_jobs=1"
            ) from None
        # arsumm's own components only: this process may then work beside the
        # workers, and keep them for the next call with the same settings
        builtin = summarizer.builtin_components
        builtin = builtin and (wanted is None or wanted[0].builtin_components)
        keep = settings if builtin else None
        results = _parallel(texts, summarizer, budget, wanted, workers, keep)
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
        yield from _summarize_chunk(summarizer, budget, chunk, keyphrases)


def _pairs(texts: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """The input as (id, text) pairs: pairs as given, anything else with its position."""
    for position, item in enumerate(texts):
        if isinstance(item, tuple | list) and len(item) == 2:
            yield item[0], item[1]
        else:
            yield position, item


def _chunks(texts: Iterable[Any]) -> Iterator[list[tuple[Any, Any]]]:
    """Group the input into batches of (id, text) pairs."""
    chunk: list[tuple[Any, Any]] = []
    size = 0
    for pair in _pairs(texts):
        chunk.append(pair)
        size += len(pair[1]) if isinstance(pair[1], str) else 0
        if len(chunk) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


#: What a batch gives for one document: (index, start, end) of each chosen
#: sentence, flat, and their scores (in document order), and, when asked
#: for, its keyphrases; or the error. It is what travels back from a worker
#: process (keyphrases as plain tuples of their fields): the parent cuts the
#: sentences out of the text it still holds.
_Outcome = (
    tuple[list[int], list[float]]
    | tuple[list[int], list[float], list[Any]]  # Keyphrase objects, or tuples of their fields
    | BaseException
)


def _outcomes(
    summarizer: Summarizer,
    budget: Budget,
    texts: list[Any],
    keyphrases: tuple[KeywordExtractor, int] | None = None,
) -> list[_Outcome]:
    """Summarise a batch: prepare each text, vectorise them together, score and choose each.

    Each document's outcome is what :meth:`Summarizer.summarize_document`
    gives for it (its sentences' indices and scores), with
    ``extractor.extract(text, k)`` for ``keyphrases=(extractor, k)``, or
    the exception it raised (a document whose keyphrases cannot be found
    fails with that error); the others go on.
    """
    outcomes: list[_Outcome | None] = [None] * len(texts)
    prepared: list[tuple[int, Document]] = []
    for slot, text in enumerate(texts):
        try:
            prepared.append((slot, summarizer.prepare(text)))
        except Exception as exc:
            outcomes[slot] = exc
    needed = [i for i, (_, document) in enumerate(prepared) if summarizer.needs_vectors(document)]
    ready: list[Document | Exception] = [document for _, document in prepared]
    try:
        vectorized = summarizer.vectorize_many([prepared[i][1] for i in needed])
        for i, vectorized_document in zip(needed, vectorized, strict=True):
            ready[i] = vectorized_document
    except Exception:  # pragma: no cover - a bug; let each document fail on its own
        pass
    for (slot, _), document in zip(prepared, ready, strict=True):
        if isinstance(document, Exception):
            outcomes[slot] = document
            continue
        try:  # summarize_document's stages, without building the Sentence records
            scores = summarizer.score(document)
            chosen = summarizer.choose(document, scores, budget)
            values = scores.tolist()
            spans = document.spans
            outcomes[slot] = (
                [x for i in chosen for x in (i, spans[i].start, spans[i].end)],
                [values[i] for i in chosen],
            )
        except Exception as exc:
            outcomes[slot] = exc
    if keyphrases is not None:
        extractor, k = keyphrases
        for slot, outcome in enumerate(outcomes):
            if outcome is None or isinstance(outcome, BaseException):
                continue
            try:
                outcomes[slot] = (*outcome, extractor.extract(texts[slot], k))
            except Exception as exc:
                outcomes[slot] = exc
    return [RuntimeError("not processed") if outcome is None else outcome for outcome in outcomes]


def _summarize_chunk(
    summarizer: Summarizer,
    budget: Budget,
    chunk: list[tuple[Any, Any]],
    keyphrases: tuple[KeywordExtractor, int] | None = None,
) -> list[BatchResult]:
    """The results of a batch of (id, text) pairs (with their keyphrases, if asked for)."""
    outcomes = _outcomes(summarizer, budget, [text for _, text in chunk], keyphrases)
    return [_result(pair, outcome) for pair, outcome in zip(chunk, outcomes, strict=True)]


def _result(pair: tuple[Any, Any], outcome: Any) -> BatchResult:
    """The result of one (id, text) pair from its outcome, or a worker's compact form of it.

    A worker sends an outcome with its keyphrases as tuples of their
    fields, and an error as (message, class name).
    """
    doc_id, text = pair
    if isinstance(outcome, BaseException):
        return BatchResult.failure(doc_id, outcome)
    first, second, *rest = outcome
    if isinstance(first, str):
        return BatchResult(doc_id, None, first, second)
    sentences = []
    for j, score in enumerate(second):
        index, start, end = first[3 * j : 3 * j + 3]
        sentences.append(Sentence(index, start, end, text[start:end], score))
    if not rest:
        return BatchResult(doc_id, tuple(sentences))
    found = tuple(p if isinstance(p, Keyphrase) else Keyphrase(*p) for p in rest[0])
    return BatchResult(doc_id, tuple(sentences), keyphrases=found)


def _summarize_compact(
    summarizer: Summarizer,
    budget: Budget,
    keyphrases: tuple[KeywordExtractor, int] | None,
    memo: list[str],
    chunk: list[tuple[Any, Any]],
) -> list[Any]:
    """The outcomes of a batch in a form that pickles small: no object, no text.

    Keyphrases become plain tuples of their fields. ``memo`` holds the
    calling process's :meth:`arsumm.features.Analyzer.memo`, which warms
    this process's analyzer on the first call (and is dropped).
    """
    if memo:
        summarizer.analyzer.warm(memo.pop())
    compact: list[Any] = []
    for outcome in _outcomes(summarizer, budget, [text for _, text in chunk], keyphrases):
        if isinstance(outcome, BaseException):
            compact.append(_error_fields(outcome))
        elif len(outcome) == 3:
            flat, scores, found = outcome
            phrases = [(p.text, p.score, p.key, p.occurrences) for p in found]
            compact.append((flat, scores, phrases))
        else:
            compact.append(outcome)
    return compact


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
    texts: Iterable[Any],
    summarizer: Summarizer,
    budget: Budget,
    keyphrases: tuple[KeywordExtractor, int] | None,
    workers: int,
    keep: bytes | None = None,
) -> Iterator[BatchResult]:
    """The (id, text) pairs through :func:`arsumm.parallel.map_chunks`, weighed in characters.

    Workers return compact outcomes (:func:`_summarize_compact`), rebuilt
    here into results; they start with this process's memo of analysed
    words (made while the pool starts). With only arsumm's own components
    (``keep`` given: the pickled settings), this process is one of the
    ``workers``: it summarises while the others start (``local``), so a
    small input never waits for them, and beside them once they are up
    (``helps``); and they are kept for the next call with the same settings
    (see :func:`arsumm.parallel.map_chunks`).
    """
    local = (
        None
        if keep is None
        else functools.partial(_summarize_compact, summarizer, budget, keyphrases, [])
    )

    def payload() -> bytes:
        # the workers start with what this process's analyzer already knows
        return pickle.dumps((summarizer, budget, keyphrases, [summarizer.analyzer.memo()]))

    return map_chunks(
        _summarize_compact,
        payload,
        _pairs(texts),
        workers,
        failure=lambda pair, exc: BatchResult.failure(pair[0], exc),
        weight=lambda pair: len(pair[1]) if isinstance(pair[1], str) else 0,
        finish=_result,
        local=local,
        total=len(texts) if isinstance(texts, Sized) else None,
        lazy=True,  # a small list is done here, without starting workers
        keep=keep,
        helps=True,
    )
