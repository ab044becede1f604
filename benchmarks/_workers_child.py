"""Worker processes, timed side by side in one process (used by ``benchmarks.speed``).

Usage::

    python -m benchmarks._workers_child --interface api --file texts.jsonl --jobs 1 2
    python -m benchmarks._workers_child --interface dask --file texts.jsonl --jobs 1 2

``api`` times ``arsumm.summarize_many(texts, k=3, n_jobs=N)``; ``dask`` times
``arsumm.dask.summarize_bag`` on a ``LocalCluster`` of N worker processes
(one thread each; all clusters are started first, outside the timing), on
the bag of :func:`arsumm.dask.read_jsonl` (4 partitions per worker, each a
byte range of the file that its worker reads), the partitions' results
gathered by the client. The input file holds one ``{"text": ...}`` object
per line. Each setting is called once untimed (the
``first_s`` figure: for the API with N > 1 it includes starting the fork
server and the workers, which the call then keeps for the next one with
the same settings, see ``arsumm.parallel.KEEP_SECONDS``, as a program that
summarises batch after batch has them), then the settings alternate for
``--repeats`` timed calls, so that a change in the machine's load hits them
alike; the speed-up over one job is
the median of the paired ratios. Every setting's results are compared with
the first's (``identical``). The last line on stdout is one JSON object.

This module is the main module of the worker processes too (they import it
again by name), so it imports nothing heavy at its top level.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.procmem import vm_hwm_mb

__all__ = ["main"]


class WorkerMemory:
    """Samples the peak memory (VmHWM) of this process's worker processes.

    Workers are the children of the multiprocessing fork server (or, without
    one, the children whose command line names ``multiprocessing``); each is
    read every ``interval`` seconds while it lives, and the largest peak seen
    is kept. VmHWM is a high-water mark, so a sparse sample misses only what
    a worker grows in its last interval, while a dense one takes CPU from
    the processes being timed (a walk of ``/proc`` costs about 2 ms of CPU:
    every 0.05 s, 4 per cent of a core, and of this process's GIL).
    """

    def __init__(self, root: int | None = None, interval: float = 0.5) -> None:
        self.root = root or os.getpid()
        self.interval = interval
        self.peak: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        root = psutil.Process(self.root)
        while not self._stop.is_set():
            try:
                children = root.children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:
                try:
                    parent = child.parent()
                    cmdline = " ".join(parent.cmdline()) if parent is not None else ""
                except psutil.Error:
                    continue
                if "forkserver" in cmdline:
                    value = vm_hwm_mb(child.pid)
                    if value is not None and (self.peak is None or value > self.peak):
                        self.peak = value
            self._stop.wait(self.interval)


def _api(texts: list[str], jobs: int) -> Callable[[], list[Any]]:
    import arsumm

    def run() -> list[Any]:
        return list(arsumm.summarize_many(texts, k=3, n_jobs=jobs))

    return run


def _dask(path: str, jobs: int, clusters: list[Any]) -> Callable[[], list[Any]]:
    import logging

    from dask.distributed import Client, LocalCluster

    from arsumm.dask import read_jsonl, summarize_bag

    cluster = LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    client = Client(cluster, set_as_default=False)
    clusters.append((client, cluster))
    bag = summarize_bag(read_jsonl(path, min_partitions=4 * jobs), k=3)

    def run() -> list[Any]:
        # each partition straight to the client (bag.compute() would first
        # gather them all on one worker to concatenate them there)
        parts = client.gather(client.compute(bag.to_delayed()))
        return [result for part in parts for result in part]

    return run


def _dask_memory(clusters: list[Any]) -> list[float | None]:
    peaks = []
    for client, _ in clusters:
        values = [v for v in client.run(vm_hwm_mb, "self").values() if v is not None]
        peaks.append(max(values) if values else None)
    return peaks


def main(argv: Sequence[str] | None = None) -> int:
    """Time every ``--jobs`` setting, alternating; print the result as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks._workers_child")
    parser.add_argument("--interface", choices=("api", "dask"), required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    clusters: list[Any] = []
    try:
        if args.interface == "api":
            runners = {jobs: _api(texts, jobs) for jobs in args.jobs}
        else:
            runners = {jobs: _dask(args.file, jobs, clusters) for jobs in args.jobs}
        first: dict[int, float] = {}
        reference: list[Any] | None = None
        identical = True
        peaks: dict[int, float | None] = {}
        for jobs, run in runners.items():  # untimed: the first call of each
            with WorkerMemory() as memory:
                start = time.perf_counter()
                results = run()
                first[jobs] = time.perf_counter() - start
            # one job works in this process: the children alive then are the
            # workers kept idle by a call with more jobs, not this call's
            peaks[jobs] = memory.peak if jobs > 1 else None
            if reference is None:
                reference = results
            identical = identical and results == reference
        seconds: dict[int, list[float]] = {jobs: [] for jobs in runners}
        for _ in range(args.repeats):
            for jobs, run in runners.items():
                with WorkerMemory() as memory:
                    start = time.perf_counter()
                    run()
                    seconds[jobs].append(time.perf_counter() - start)
                if memory.peak is not None and jobs > 1:
                    peaks[jobs] = max(peaks[jobs] or 0.0, memory.peak)
        if clusters:
            peaks = dict(zip(runners, _dask_memory(clusters), strict=True))
    finally:
        for client, cluster in clusters:
            client.close()
            cluster.close()
    base = args.jobs[0]
    report = {
        "n_docs": len(texts),
        "characters": sum(map(len, texts)),
        "identical": identical,
        "parent_peak_mb": vm_hwm_mb("self"),
        "runs": [
            {
                "jobs": jobs,
                "first_s": round(first[jobs], 3),
                "seconds": [round(s, 3) for s in seconds[jobs]],
                "median_s": round(statistics.median(seconds[jobs]), 3),
                "docs_per_s": round(len(texts) / statistics.median(seconds[jobs]), 1),
                "speedup": round(
                    statistics.median(
                        b / s for b, s in zip(seconds[base], seconds[jobs], strict=True)
                    ),
                    3,
                ),
                "peak_worker_mb": None if peaks[jobs] is None else round(peaks[jobs] or 0.0, 1),
            }
            for jobs in runners
        ],
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
