"""Worker processes: an ordered map over chunks of items that isolates failures.

:func:`map_chunks` sends chunks of items to a pool of worker processes and
yields one result per item, in input order. It is the machinery behind
``summarize_many(..., n_jobs=N)`` and ``arsumm batch --jobs N``, and knows
nothing about summaries: the caller gives the function that processes one
chunk in a worker, and the function that turns an item and an exception into
a failed result.

What it guarantees
    * One result per item, in input order, whatever happens to the workers.
    * The pool is started once per call (with a probe that checks that the
      workers can start and load the configuration) and reused for every
      chunk; it is replaced only when a worker dies. With ``keep=KEY``, a
      call that ends normally with its workers up keeps them, idle, for
      :data:`KEEP_SECONDS`, and the next call with the same function,
      number of workers and ``KEY`` takes it as it is (its workers already
      loaded, their caches warm) instead of starting one: repeated calls
      pay the start once. One pool at most is kept; any other call, or
      :func:`shutdown`, ends it, and so does the end of the interpreter;
      a process forked meanwhile starts with none.
    * With ``local=``, the caller's own process works while the pool starts
      (in a background thread): chunks are processed in place until the
      workers are ready, and if the input ends first no worker is used at
      all, so a small input takes no longer than without workers. With
      ``lazy=True`` and a list (``total`` known), the pool is started only
      once the caller's own pace says that what is left would take it more
      than :data:`WORTH_A_POOL_SECONDS`: a small list never starts workers. Only for
      work that cannot end the process (the caller decides: arsumm passes it
      only for its built-in components).
    * ``finish(item, result)`` turns a worker's compact result into the
      final one in the parent, which still holds the item (a summary travels
      back as offsets and scores, and its sentences are cut from the text
      here).
    * A worker that dies (killed, out of memory, ``os._exit`` in a custom
      component) fails only the item that killed it: the chunks that were in
      flight are retried one item at a time on a fresh pool, so the culprit
      is found and every other item gets its real result. An item that
      cannot be pickled fails alone, in the parent, before anything is sent.
    * When the caller stops early (an exception, ``close()``, SIGTERM turned
      into an exception by the command line), the workers are terminated at
      once, and a worker whose parent process dies (even by SIGKILL) exits by
      itself within moments, so no process is left behind.
    * Chunks adapt: they start at :data:`FIRST_CHUNK` items and double while
      a chunk takes a worker less than half of :data:`TARGET_SECONDS`, up to
      :data:`MAX_CHUNK` items or :data:`MAX_CHUNK_WEIGHT` units of weight
      (characters, for texts). When the number of items is known, the last
      chunks shrink (down to :data:`LAST_CHUNK` items) so that the workers
      finish together. How items are grouped never changes a result.

Starting worker processes
    Workers are started with the ``forkserver`` method where the platform has
    it, ``spawn`` elsewhere; both run the main script again in each worker (so
    that objects defined there can be unpickled), as the multiprocessing
    documentation describes under "safe importing of main module". A script
    that calls :func:`map_chunks` from its top level without an
    ``if __name__ == "__main__":`` guard would run again in every worker, and
    a script read from standard input (``python - < script.py``) cannot be
    run again at all; :func:`map_chunks` detects both before starting any
    process and raises :class:`WorkerStartError`, which says what to do.

Examples
--------
>>> from arsumm.parallel import map_chunks
>>> def failed(item, exc):
...     return f"{item}: {type(exc).__name__}"
>>> list(map_chunks(_lengths, pickle.dumps(()), ["a", "bb", "ccc"], 2, failure=failed))
[1, 2, 3]
"""

from __future__ import annotations

import ast
import functools
import inspect
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import warnings
import weakref
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any, Generic, TypeVar, cast

from arsumm.errors import ArsummError

__all__ = [
    "FIRST_CHUNK",
    "KEEP_SECONDS",
    "LAST_CHUNK",
    "MAX_CHUNK",
    "MAX_CHUNK_WEIGHT",
    "MAX_DEATHS_IN_A_ROW",
    "TARGET_SECONDS",
    "WorkerStartError",
    "map_chunks",
    "resolve_n_jobs",
    "shutdown",
]

#: Items in the first chunk sent to a worker.
FIRST_CHUNK = 64
#: Items in a chunk, at most.
MAX_CHUNK = 4096
#: Weight of a chunk (characters, for texts), at most; a heavier item is a chunk of its own.
MAX_CHUNK_WEIGHT = 1 << 20
#: Worker time a chunk should take; chunks that take less than half of it grow.
TARGET_SECONDS = 0.2
#: Items in a chunk near the end of the input, at least (the last chunks shrink).
LAST_CHUNK = 8
#: Seconds of work left in the caller's process (estimated from the part it has
#: done) below which a list is finished there without starting workers at all.
WORTH_A_POOL_SECONDS = 1.0
#: Items that killed their worker one after the other before the rest are failed unsent.
MAX_DEATHS_IN_A_ROW = 16
#: Seconds the pool of a call made with ``keep=`` stays up, idle, for the next such call.
KEEP_SECONDS = 30.0

T = TypeVar("T")
R = TypeVar("R")


class WorkerStartError(ArsummError, RuntimeError):
    """Worker processes cannot be started here, or cannot load the configuration."""


def resolve_n_jobs(n_jobs: int | None) -> int:
    """Return the number of worker processes ``n_jobs`` asks for.

    Parameters
    ----------
    n_jobs : int or None
        A positive number of processes, ``-1`` for one per CPU, or ``None``
        (and ``1``) for no worker process at all.

    Raises
    ------
    ValueError
        ``n_jobs`` is 0, below -1, or not an integer.

    Examples
    --------
    >>> resolve_n_jobs(None), resolve_n_jobs(1), resolve_n_jobs(3)
    (1, 1, 3)
    >>> resolve_n_jobs(-1) == (os.cpu_count() or 1)
    True
    >>> resolve_n_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: n_jobs must be a positive integer, -1 or None, got 0
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive integer, -1 or None, got {n_jobs!r}")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def map_chunks(
    function: Callable[..., list[Any]],
    payload: bytes | Callable[[], bytes],
    items: Iterable[T],
    workers: int,
    *,
    failure: Callable[[T, BaseException], R],
    weight: Callable[[T], int] | None = None,
    finish: Callable[[T, Any], R] | None = None,
    local: Callable[[list[T]], list[Any]] | None = None,
    preload: Sequence[str] = (),
    total: int | None = None,
    lazy: bool = False,
    keep: bytes | None = None,
    helps: bool = False,
) -> Iterator[R]:
    """Process ``items`` in chunks in ``workers`` processes; yield the results in order.

    In each worker, ``pickle.loads(payload)`` gives a tuple of arguments
    ``args`` once, and every chunk (a list of items) is processed by
    ``function(*args, chunk)``, which must return one result per item, in
    order, and should turn an item's own problem into a result rather than
    raise. The pool is started, and checked with a probe, before this
    function returns (unless ``local`` is given); the items are read lazily,
    a few chunks ahead.

    Parameters
    ----------
    function : callable
        A module-level function (workers import it by name).
    payload : bytes or callable
        The pickled tuple of leading arguments of ``function``, or a function
        that returns it, called once when the pool starts (in the background
        with ``local``: what it costs is then not waited for).
    items : iterable
        The items; each must pickle (one that does not fails alone).
    workers : int
        Number of worker processes, >= 1.
    failure : callable
        ``failure(item, exc)`` is the result of an item that could not be
        processed: it did not pickle, its worker died, or ``function``
        raised on it alone.
    weight : callable, optional
        ``weight(item)`` is the item's size (e.g. characters); a chunk holds
        at most :data:`MAX_CHUNK_WEIGHT` of it. By default items weigh 0.
    finish : callable, optional
        ``finish(item, result)`` is applied in this process to each result
        that ``function`` (or ``local``) returned, e.g. to rebuild a full
        record from a compact one and the item; by default the result is
        yielded as it is.
    local : callable, optional
        ``local(chunk)``, the same as ``function(*args, chunk)`` but in this
        process. If given, the pool starts in the background and chunks are
        processed here until it is ready; an input that ends before the
        pool is ready never uses it. Pass it only for work that cannot end or corrupt the
        process: a chunk processed here is not isolated. If the workers
        then cannot start, the rest is processed here too, with a
        :class:`RuntimeWarning`.
    preload : sequence of str
        Modules the fork server imports once for all workers, besides
        ``function``'s (for example one that ``function`` imports lazily).
    total : int, optional
        The number of items, when known (a list): the last chunks are then
        cut smaller so that the workers finish together, and the results
        processed here while the pool starts are held until it is up (with
        an unknown number, a stream that may stall, they are yielded as
        they come).
    lazy : bool, default False
        With ``local`` and ``total``: start the pool only once this
        process's pace on the first chunks says that the rest would take it
        more than :data:`WORTH_A_POOL_SECONDS` alone, so that a small list
        starts no worker at all. For many small items; not for a few large
        ones (the first would be processed here before any worker starts).
    keep : bytes, optional
        A key that names everything ``payload`` configures (not what it
        only caches): the pool of a call that ends normally, with its
        workers up, is kept for
        :data:`KEEP_SECONDS`, and a call with the same ``function``,
        ``workers``, ``preload`` and ``keep`` uses it without calling
        ``payload``. Only for work whose results the workers' past cannot
        change, done by code that cannot change under them (arsumm passes
        it only for its built-in components: a class of yours, redefined
        in a notebook, would still run as the kept workers loaded it).
    helps : bool, default False
        With ``local``: this process is one of the ``workers`` (it starts
        one fewer, and ``workers`` must be at least 2). Once the pool is up,
        it takes the next chunk itself whenever the oldest chunk sent is not
        back yet, instead of waiting for the workers. What it processes is
        the same as what a worker would give, in the same order.

    Returns
    -------
    iterator
        One result per item, in input order. Closing it (or dropping it)
        terminates the workers.

    Raises
    ------
    WorkerStartError
        At the call: the workers would run the main script again from its top
        level, or cannot run it (read from standard input), or (without
        ``local``) cannot start or load ``payload``.

    Examples
    --------
    An item that cannot be pickled fails alone, in input order:

    >>> import threading
    >>> items = ["a", threading.Lock(), "ccc"]
    >>> results = map_chunks(_lengths, pickle.dumps(()), items, 2, failure=lambda i, e: "failed")
    >>> list(results)
    [1, 'failed', 3]

    With ``local``, a small input is processed here, without waiting for
    the workers:

    >>> list(map_chunks(_lengths, pickle.dumps(()), ["a", "bb"], 2, failure=lambda i, e: "failed",
    ...                 local=_lengths, finish=lambda item, n: f"{item}={n}"))
    ['a=1', 'bb=2']
    """
    helping = helps and local is not None
    if workers < 1 + helping:
        raise ValueError(f"workers must be >= {1 + helping}, got {workers}")
    problem = _main_script_problem()
    if problem is not None:
        raise WorkerStartError(problem)
    processes = workers - helping  # this process is one of them when it helps
    identity = None if keep is None else (function, processes, tuple(preload), keep)
    pool = _KEPT.take(identity)  # a pool kept by an earlier call, up and loaded
    if pool is None:
        pool = _Pool(function, payload, processes, tuple(preload))
        pool.identity = identity
        if local is None:
            problem = pool.start()
            if problem is not None:
                pool.terminate()
                raise WorkerStartError(problem)
        elif not (lazy and total is not None):
            pool.start_in_background()
        # else _ordered starts the pool once the work left is worth it
    return _ordered(
        pool,
        items,
        failure,
        weight or _weightless,
        finish or _as_it_is,
        local,
        total,
        lazy,
        local if helping else None,
    )


def _as_it_is(item: object, result: Any) -> Any:
    return result


def _weightless(item: object) -> int:
    return 0


# -- the main script ------------------------------------------------------------


def _main_script_problem() -> str | None:
    """Say why worker processes cannot be started from here, or return None.

    Worker processes started with ``spawn`` or ``forkserver`` run the main
    script again (as ``__mp_main__``) before they take any work. That fails
    when the script was read from standard input, and it runs the caller's
    top-level code again in every worker when the call that starts them is
    not under ``if __name__ == "__main__":``. Both are found here from the
    main module and the call stack, before any process is started.

    Examples
    --------
    Under pytest, the main script's call is guarded:

    >>> _main_script_problem() is None
    True
    """
    main = sys.modules.get("__main__")
    if main is None:
        return None
    spec_name = getattr(getattr(main, "__spec__", None), "name", None)
    path = getattr(main, "__file__", None)
    if spec_name is not None:
        if spec_name == "__main__" or spec_name.endswith(".__main__"):
            return None  # a package's __main__: workers do not run it again
    elif path is None or os.path.splitext(os.path.basename(path))[0] == "ipython":
        return None  # an interactive session or python -c: nothing is run again
    if path is None or not os.path.isfile(path):
        return (
            "n_jobs > 1 starts worker processes, which run the main script again from its "
            f"file, but this one was read from {path or 'nowhere'} (as with "
            "`python - < script.py`); save the script to a file, with the code that starts "
            'the workers under `if __name__ == "__main__":`, or use n_jobs=1'
        )
    frame = _main_frame(main.__dict__)
    if frame is None or _guarded(path, frame.f_lineno):
        return None
    return (
        "n_jobs > 1 starts worker processes, which run the main script again; this call is "
        f"at the top level of {os.path.basename(path)} (line {frame.f_lineno}), so every "
        'worker would make it again: put that code under `if __name__ == "__main__":`, '
        "or use n_jobs=1"
    )


def _main_frame(namespace: dict[str, Any]) -> FrameType | None:
    """The frame running the main script's top-level code, if it is on the stack."""
    frame = inspect.currentframe()
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals is namespace:
            return frame
        frame = frame.f_back
    return None


def _guarded(path: str, line: int) -> bool:
    """True if ``line`` of the script at ``path`` is under ``if __name__ == "__main__":``."""
    try:
        info = os.stat(path)
    except OSError:
        return True  # cannot tell: let multiprocessing try
    blocks = _main_blocks(path, info.st_mtime_ns, info.st_size)
    return blocks is None or any(first <= line <= last for first, last in blocks)


@functools.lru_cache(maxsize=8)
def _main_blocks(path: str, mtime_ns: int, size: int) -> tuple[tuple[int, int], ...] | None:
    """The (first, last) lines of the script's ``if __name__ == "__main__":`` blocks.

    None if the script cannot be read or parsed. Parsed once per version of
    the file (a long script takes milliseconds, and a loop of calls asks
    each time).
    """
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except (OSError, SyntaxError, ValueError):
        return None
    return tuple(
        (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_main_test(node.test) and node.body
    )


def _is_main_test(test: ast.expr) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_is_main_test(value) for value in test.values)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    values = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and values == ["__main__"]


# -- in the worker processes ------------------------------------------------------

_STATE: tuple[Callable[..., list[Any]], tuple[Any, ...]] | None = None
_START_PROBLEM: str | None = None


def _init_worker(function: Callable[..., list[Any]], payload: bytes) -> None:
    """Set up a worker: ignore Ctrl-C (the parent decides), watch the parent, load the payload."""
    global _STATE, _START_PROBLEM
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    try:
        args = pickle.loads(payload)
    except Exception as exc:
        _START_PROBLEM = (
            f"the worker processes cannot load the configuration ({type(exc).__name__}: {exc}); "
            "define custom stemmers and splitters in a module the workers can import "
            "(not in an interactive session or python -c), or use n_jobs=1"
        )
        return
    _STATE = (function, tuple(args))


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    """Wait for the parent process to end, then end this worker (no orphans)."""
    parent.join()
    os._exit(1)


def _probe() -> str | None:
    return _START_PROBLEM


def _work(blob: bytes) -> tuple[list[Any], float]:
    """Process one chunk: return its results and the seconds it took."""
    if _STATE is None:
        raise WorkerStartError(_START_PROBLEM or "worker not initialised")
    function, args = _STATE
    chunk = pickle.loads(blob)
    started = time.perf_counter()
    results = function(*args, chunk)
    return results, time.perf_counter() - started


def _lengths(chunk: list[str]) -> list[int]:
    """The function of this module's example: the length of each item."""
    return [len(item) for item in chunk]


# -- in the parent process ----------------------------------------------------------


class _TrackingContext:
    """A multiprocessing context that remembers the processes it starts."""

    def __init__(self, base: Any) -> None:
        self._base = base
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def Process(self, *args: Any, **kwargs: Any) -> Any:
        process = self._base.Process(*args, **kwargs)
        self.processes.append(process)
        return process

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


def _base_context(function: Callable[..., Any], preload: Sequence[str] = ()) -> Any:
    # fork is unsafe in a process with threads (tqdm's monitor, a dask client);
    # the fork server imports arsumm once, and every worker starts as its copy
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(sorted({__name__, function.__module__, *preload}))
        return context
    return multiprocessing.get_context("spawn")


def _stop(
    executor: ProcessPoolExecutor, processes: list[multiprocessing.process.BaseProcess]
) -> None:
    """Cancel what is queued and terminate the workers now."""
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


class _Pool:
    """The process pool of one :func:`map_chunks` call; replaced when a worker dies.

    :meth:`start` starts it and waits for the probe; :meth:`start_in_background`
    does the same in a thread, so that the caller can work meanwhile
    (starting the first worker waits for the fork server to import arsumm).
    Until that thread is done it alone touches the executor: :meth:`close`
    (the input ended first) only asks it to stop what it started, and the
    thread is not a daemon, so the interpreter waits for it to stop the
    workers cleanly before it exits; :meth:`terminate` (stopping early: an
    exception, a signal) waits for the start to end, then stops the workers.
    """

    def __init__(
        self,
        function: Callable[..., list[Any]],
        payload: bytes | Callable[[], bytes],
        workers: int,
        preload: tuple[str, ...] = (),
    ) -> None:
        self.function = function
        self._payload = payload
        self.workers = workers
        self.preload = preload
        self.executor: ProcessPoolExecutor | None = None
        self.context: _TrackingContext | None = None
        self.failed: BaseException | None = None  # set when no pool can be started any more
        self.deaths_in_row = 0
        self._finalizer: weakref.finalize | None = None  # type: ignore[type-arg]
        self._lock = threading.Lock()
        self._started = threading.Event()  # the first start is over (for better or worse)
        self._started.set()
        self._stop_when_started = False
        self.problem: str | None = None  # why the background start failed
        self.died_starting = False  # the last start failed because a worker died
        self.identity: tuple[Any, ...] | None = None  # map_chunks' key to keep it after a call

    @property
    def payload(self) -> bytes:
        """The pickled arguments (made on first use, if a function was given)."""
        if not isinstance(self._payload, bytes):
            self._payload = self._payload()
        return self._payload

    def start(self) -> str | None:
        """Start a pool and probe it; return what went wrong, or None."""
        self.context = _TrackingContext(_base_context(self.function, self.preload))
        self.executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=cast(BaseContext, self.context),
            initializer=_init_worker,
            initargs=(self.function, self.payload),
        )
        self._finalizer = weakref.finalize(self, _stop, self.executor, self.context.processes)
        self.died_starting = False
        try:
            # one probe per worker: each submit starts a worker while none is idle
            probes = [self.executor.submit(_probe) for _ in range(self.workers)]
            problems = [probe.result() for probe in probes]
        except BrokenProcessPool:
            self.died_starting = True
            return (
                "the worker processes died while starting (see the error they printed above); "
                "if this runs from a script, put the code that starts them under "
                '`if __name__ == "__main__":`, or use n_jobs=1'
            )
        return next((problem for problem in problems if problem is not None), None)

    def start_in_background(self) -> None:
        """Start the pool in a thread; :meth:`ready` says when it is up."""
        self._started.clear()
        threading.Thread(target=self._start_here, name="arsumm-pool-start").start()

    def _start_here(self) -> None:
        try:
            problem = self.start()
            if problem is not None and self.died_starting:
                # a worker killed while starting (the out-of-memory killer, a
                # signal): once more, on a fresh pool
                self._stop_executor()
                problem = self.start()
        except Exception as exc:  # an OS limit, a closed interpreter: no pool
            problem = f"{type(exc).__name__}: {exc}"
        with self._lock:
            self.problem = problem
            self._started.set()
            stop = self._stop_when_started or problem is not None
        if stop:
            self.terminate()

    def starting(self) -> bool:
        """True while the background start is still going on."""
        return not self._started.is_set()

    def ready(self) -> bool:
        """True once the pool is up (never, if its start failed)."""
        return self._started.is_set() and self.problem is None and self.executor is not None

    def _deferred(self) -> bool:
        """Ask the starting thread to stop the pool when it is done; True if it will."""
        with self._lock:
            if self._started.is_set():
                return False
            self._stop_when_started = True
            return True

    def restart(self) -> None:
        """Replace a broken pool; if none can start, remember why."""
        self.terminate()
        problem = self.start()
        if problem is not None:
            self.terminate()
            self.failed = WorkerStartError(problem)

    def submit(self, blob: bytes) -> Future[tuple[list[Any], float]]:
        if self.failed is not None or self.executor is None:
            raise self.failed or WorkerStartError("the worker processes are gone")
        return self.executor.submit(_work, blob)

    def alive(self) -> bool:
        """True if the pool is up and every worker it started still runs."""
        if not self.ready() or self.failed is not None or self.context is None:
            return False
        processes = self.context.processes
        running = sum(process.is_alive() and _running(process.pid) for process in processes)
        return running == len(processes) >= self.workers

    def finish(self) -> None:
        """The call is over and went well: keep the pool if the call asked to, else close it."""
        if self.identity is not None and self.alive():
            _KEPT.keep(self)
        else:
            self.close()

    def close(self) -> None:
        """Shut the pool down after the last chunk (the workers exit when idle)."""
        if self._deferred():
            return
        if self._finalizer is not None:
            self._finalizer.detach()
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        self.executor = None

    def terminate(self) -> None:
        """Stop the workers now, whatever they are doing (after the start, if it is on)."""
        self._started.wait()
        self._stop_executor()

    def _stop_executor(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # runs _stop once
        self.executor = None


def _running(pid: int | None) -> bool:
    """False if ``/proc`` says the process has ended, else True (no ``/proc``: True).

    A worker killed a moment ago is a zombie until the fork server reaps it,
    and ``Process.is_alive()`` only learns of its end from the fork server.
    """
    if pid is None:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except FileNotFoundError:
        return not os.path.isdir("/proc/self")  # no such process, where /proc exists
    except OSError:
        return True
    state = stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3]
    return state not in (b"Z", b"X")


class _Keeper:
    """The one pool kept, idle, between calls made with ``keep=`` (see :func:`map_chunks`)."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Start empty, leaving what was kept alone (a forked child's workers are not its own)."""
        self._lock = threading.Lock()
        self._pool: _Pool | None = None
        self._timer: threading.Timer | None = None
        self._kept = object()  # which keeping a timer belongs to

    def take(self, identity: tuple[Any, ...] | None) -> _Pool | None:
        """The kept pool if it matches ``identity`` and still runs; any other is ended."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._cancel()
        if pool is None:
            return None
        if identity is not None and pool.identity == identity and pool.alive():
            pool.deaths_in_row = 0  # a new call: the last one's deaths do not count
            return pool
        pool.terminate()
        return None

    def keep(self, pool: _Pool) -> None:
        """Keep ``pool`` for :data:`KEEP_SECONDS` (ending the one kept before, if any)."""
        with self._lock:
            old, self._pool = self._pool, pool
            self._cancel()
            self._kept = kept = object()
            self._timer = threading.Timer(KEEP_SECONDS, self._expire, args=(kept,))
            self._timer.daemon = True  # never holds the interpreter up
            self._timer.start()
        if old is not None and old is not pool:
            old.terminate()

    def _expire(self, kept: object) -> None:
        with self._lock:
            pool = self._pool
            if pool is None or self._kept is not kept:
                return  # taken meanwhile (and perhaps kept again, with a timer of its own)
            self._pool = None
        pool.terminate()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


_KEPT = _Keeper()
if hasattr(os, "register_at_fork"):  # a forked child must not use, or end, its parent's workers
    os.register_at_fork(after_in_child=_KEPT.forget)


def shutdown() -> None:
    """End the worker processes that a call kept for the next one (see :data:`KEEP_SECONDS`).

    Never needed for correctness: the kept pool ends by itself once idle for
    :data:`KEEP_SECONDS`, when a call with other settings starts, and when
    the interpreter exits. Call it to give the memory back at once.

    Examples
    --------
    >>> shutdown()  # nothing kept: nothing to do
    """
    _KEPT.take(None)  # matches no pool: ends the one kept


@dataclass
class _Chunk(Generic[T, R]):
    """Items sent to a worker together, and what came back."""

    items: list[T]
    sent: list[int] = field(default_factory=list)  # positions of the items in the blob
    early: dict[int, R] = field(default_factory=dict)  # items that failed before sending
    blob: bytes = b""
    future: Future[tuple[list[Any], float]] | None = None
    error: BaseException | None = None  # submit failed
    done: list[R] | None = None  # the results, when processed in this process

    def back(self) -> bool:
        """Whether waiting for this chunk's results would not block."""
        return self.done is not None or self.future is None or self.future.done()


def _dead_worker() -> BrokenProcessPool:
    return BrokenProcessPool(
        "the worker process died on this item (killed, out of memory, or os._exit in a "
        "custom component); the other items of its chunk were retried without it"
    )


def _unsendable(exc: BaseException) -> TypeError:
    return TypeError(
        f"cannot send this item to a worker process ({type(exc).__name__}: {exc}); "
        "pass ids and texts that pickle, or use n_jobs=1"
    )


def _pack(items: list[T], failure: Callable[[T, BaseException], R]) -> _Chunk[T, R]:
    """Pickle a chunk; an item that does not pickle gets its failure here."""
    chunk: _Chunk[T, R] = _Chunk(items)
    try:
        chunk.blob = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        chunk.sent = list(range(len(items)))
        return chunk
    except Exception:  # find the items that do not pickle; the others go on
        pass
    for position, item in enumerate(items):
        try:
            pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            chunk.early[position] = failure(item, _unsendable(exc))
        else:
            chunk.sent.append(position)
    try:
        chunk.blob = pickle.dumps([items[i] for i in chunk.sent], protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # pickles alone, not together: fail them all, here
        for position in chunk.sent:
            chunk.early[position] = failure(items[position], _unsendable(exc))
        chunk.sent = []
    return chunk


class _Chunker(Generic[T]):
    """Cut the input into chunks whose size adapts to the time a worker takes.

    When the number of items is known (``total``), the last chunks are cut
    smaller, so that no worker is left with a long chunk while the others
    are done. The input is never read further than the chunk being cut (a
    stream may stall: what was read must be processed meanwhile).
    """

    def __init__(
        self,
        items: Iterable[T],
        weight: Callable[[T], int],
        workers: int = 1,
        total: int | None = None,
    ) -> None:
        self.items = iter(items)
        self.weight = weight
        self.workers = workers
        self.total = total
        self.taken = 0
        self.size = FIRST_CHUNK
        self.exhausted = False
        self.shrink = True  # cut the last chunks smaller (pointless without workers)

    def next(self) -> list[T] | None:
        size = self.size
        if self.total is not None and self.workers > 1 and self.shrink:  # share the last out
            left = self.total - self.taken
            size = min(size, max(LAST_CHUNK, -(-left // (2 * self.workers))))
        chunk: list[T] = []
        total = 0
        while not self.exhausted and len(chunk) < size and total < MAX_CHUNK_WEIGHT:
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                break
            chunk.append(item)
            total += self.weight(item)
        self.taken += len(chunk)
        return chunk or None

    def left(self) -> float:
        """How many items are still to be cut into chunks (infinite when unknown).

        Only an estimate from ``total``: an input longer than it said (a list
        that grew after the call) is read to its end all the same.
        """
        if self.exhausted:
            return 0
        if self.total is None or self.taken >= self.total:
            return math.inf
        return self.total - self.taken

    def observe(self, n_items: int, seconds: float) -> None:
        """Grow the chunks while a full one takes less than half the target time."""
        if n_items >= self.size and seconds < TARGET_SECONDS / 2:
            self.size = min(2 * self.size, MAX_CHUNK)
        elif seconds > 2 * TARGET_SECONDS and self.size > 1:
            self.size = max(self.size // 2, 1)


def _in_place(
    local: Callable[[list[T]], list[Any]],
    items: list[T],
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
) -> list[R]:
    """Process a chunk in this process, giving what a worker would give.

    The chunk is pickled as if it were sent, so that an item that cannot be
    sent fails here too: the results never depend on where a chunk ran. An
    item that raises fails alone.
    """
    chunk = _pack(items, failure)
    sent = [items[i] for i in chunk.sent]
    try:
        results = local(sent) if sent else []
        if len(results) != len(sent):
            raise RuntimeError(f"a chunk of {len(sent)} items gave {len(results)} results")
    except Exception:
        results = []
        for position in chunk.sent:
            try:
                (result,) = local([items[position]])
            except Exception as exc:
                chunk.early[position] = failure(items[position], exc)
                result = None
            results.append(result)
    return list(_merge(chunk, results, finish))


def _ordered(
    pool: _Pool,
    items: Iterable[T],
    failure: Callable[[T, BaseException], R],
    weight: Callable[[T], int],
    finish: Callable[[T, Any], R],
    local: Callable[[list[T]], list[Any]] | None,
    total: int | None,
    lazy: bool,
    helper: Callable[[list[T]], list[Any]] | None = None,
) -> Iterator[R]:
    """The generator behind :func:`map_chunks` (``helper``: its ``local`` if it ``helps``)."""
    chunker = _Chunker(items, weight, pool.workers + (helper is not None), total)
    finished = False
    try:
        # Processed here while the pool starts. A list is held until the pool is
        # up (the first result comes from a running pool, unless the input ends
        # first); a stream is yielded as it goes, since it may stall.
        held: list[R] = []
        if local is not None and not pool.ready():
            # a list of known length starts the pool only once what is left of
            # it would take this process more than WORTH_A_POOL_SECONDS alone
            lazy = lazy and total is not None
            held, lazy = yield from _while_starting(
                pool, chunker, local, failure, finish, total, lazy
            )
            if lazy:  # the whole input was processed here: no worker was needed
                yield from held
                finished = True
                return
            if not pool.ready() and not pool.starting():
                # the workers could not start: go on here (the results are the same)
                warnings.warn(
                    f"arsumm: worker processes could not start ({pool.problem}); "
                    "going on in this process",
                    RuntimeWarning,
                    stacklevel=2,
                )
                yield from held
                while (items_ := chunker.next()) is not None:
                    yield from _in_place(local, items_, failure, finish)
                finished = True
                return
        yield from _through_pool(pool, chunker, held, failure, finish, helper)
        finished = True
    finally:
        if finished:
            pool.finish()
        else:
            pool.terminate()


def _while_starting(
    pool: _Pool,
    chunker: _Chunker[T],
    local: Callable[[list[T]], list[Any]],
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
    total: int | None,
    lazy: bool,
) -> Generator[R, None, tuple[list[R], bool]]:
    """Process chunks here while the pool starts (lazily: until it is worth starting).

    Yield the results of a stream (``total`` None) as they come; return
    those of a list, held, and whether the pool is still not started.
    """
    chunker.shrink = not lazy
    held: list[R] = []
    spent = 0.0
    while lazy or pool.starting():
        items = chunker.next()
        if items is None:
            break
        started = time.perf_counter()
        results_here = _in_place(local, items, failure, finish)
        seconds = time.perf_counter() - started
        chunker.observe(len(items), seconds)
        spent += seconds
        if total is None:
            yield from results_here
        else:
            held.extend(results_here)
        if lazy and total is not None:
            left = (total - chunker.taken) * spent / chunker.taken
            if left > WORTH_A_POOL_SECONDS:
                pool.start_in_background()
                lazy = False
                chunker.shrink = True
    return held, lazy


def _through_pool(
    pool: _Pool,
    chunker: _Chunker[T],
    held: list[R],
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
    helper: Callable[[list[T]], list[Any]] | None = None,
) -> Iterator[R]:
    """Send the chunks to the workers, a window ahead; yield ``held`` first, then their results.

    ``held`` is emptied once yielded. With ``helper``, this process takes
    the next chunk itself while the oldest one in flight is not back (its
    results wait in the window, in order, as done chunks).
    """
    window: deque[_Chunk[T, R]] = deque()
    in_flight = 0
    # a worker has one chunk ahead of the one it works on; while this process
    # works on a chunk of its own, it has two (so that it never waits for one)
    ahead = (2 if helper is None else 3) * pool.workers
    while True:
        while in_flight < ahead and (helper is None or chunker.left() > in_flight):
            # (helping, the last items are kept for this process rather than
            # queued behind a busy worker while this process has nothing to do)
            items = chunker.next()
            if items is None:
                break
            window.append(_send(pool, _pack(items, failure)))
            in_flight += 1
        if held:
            yield from held
            held.clear()
        if not window:
            return
        if helper is not None and not window[0].back():
            items = chunker.next()
            if items is not None:
                started = time.perf_counter()
                done = _in_place(helper, items, failure, finish)
                chunker.observe(len(items), time.perf_counter() - started)
                window.append(_Chunk(items, done=done))
                continue
        chunk = window.popleft()
        if chunk.done is not None:
            yield from chunk.done
            continue
        in_flight -= 1
        try:
            results, seconds = _receive(chunk)
        except BrokenProcessPool:
            # every chunk in flight is lost with the pool: find the culprits one by one
            later = list(window)
            window.clear()
            in_flight = 0
            pool.restart()
            yield from _one_by_one(pool, chunk, failure, finish)
            yield from _after_a_death(pool, later, failure, finish)
            continue
        except Exception:  # the chunk failed as a whole: find the item it failed on
            yield from _one_by_one(pool, chunk, failure, finish)
            continue
        chunker.observe(len(chunk.sent), seconds)
        pool.deaths_in_row = 0
        yield from _merge(chunk, results, finish)


def _after_a_death(
    pool: _Pool,
    later: list[_Chunk[T, R]],
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
) -> Iterator[R]:
    """The results of the chunks that were in flight when a worker died."""
    for other in later:
        if other.done is not None:  # processed here
            yield from other.done
            continue
        try:
            yield from _merge(other, _receive(other)[0], finish)
        except Exception:
            yield from _one_by_one(pool, other, failure, finish)


def _send(pool: _Pool, chunk: _Chunk[T, R]) -> _Chunk[T, R]:
    if chunk.sent:
        try:
            chunk.future = pool.submit(chunk.blob)
        except Exception as exc:  # the pool broke before this chunk was sent
            chunk.error = exc
    return chunk


def _receive(chunk: _Chunk[T, R]) -> tuple[list[Any], float]:
    if not chunk.sent:
        return [], 0.0
    if chunk.error is not None:
        raise chunk.error
    assert chunk.future is not None
    return chunk.future.result()


def _merge(chunk: _Chunk[T, R], results: list[Any], finish: Callable[[T, Any], R]) -> Iterator[R]:
    if len(results) != len(chunk.sent):
        raise RuntimeError(f"a chunk of {len(chunk.sent)} items gave {len(results)} results")
    if not chunk.early:
        items = chunk.items
        for item, result in zip(items, results, strict=True):
            yield finish(item, result)
        return
    by_position = dict(zip(chunk.sent, results, strict=True))
    for position, item in enumerate(chunk.items):
        if position in chunk.early:
            yield chunk.early[position]
        else:
            yield finish(item, by_position[position])


def _one_by_one(
    pool: _Pool,
    chunk: _Chunk[T, R],
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
) -> Iterator[R]:
    """Process the items of a failed chunk alone, one in flight, so a crash names its item."""
    for position, item in enumerate(chunk.items):
        if position in chunk.early:
            yield chunk.early[position]
        elif pool.failed is not None:
            yield failure(item, pool.failed)
        else:
            yield _alone(pool, item, failure, finish)


def _alone(
    pool: _Pool,
    item: T,
    failure: Callable[[T, BaseException], R],
    finish: Callable[[T, Any], R],
) -> R:
    single = _pack([item], failure)
    if not single.sent:
        return single.early[0]
    try:
        results, _ = pool.submit(single.blob).result()
    except BrokenProcessPool:
        pool.deaths_in_row += 1
        if pool.deaths_in_row >= MAX_DEATHS_IN_A_ROW:
            pool.terminate()
            pool.failed = WorkerStartError(
                f"{MAX_DEATHS_IN_A_ROW} items in a row killed their worker process; the rest "
                "were not sent (does a custom stemmer or splitter end the process?)"
            )
        else:
            pool.restart()
        return failure(item, _dead_worker())
    except Exception as exc:
        return failure(item, exc)
    pool.deaths_in_row = 0
    if len(results) != 1:
        raise RuntimeError(f"one item gave {len(results)} results")
    return finish(item, results[0])
