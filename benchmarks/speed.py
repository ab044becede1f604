"""Speed and scale of arsumm and the peers, in one run.

Usage (from the project root)::

    python -m benchmarks.speed --data ../shared/data/easc/easc.jsonl
    python -m benchmarks.speed --parts scaling --sizes 1000 5000 --timeout 30

Four parts (all by default), each printed as a markdown table and written to
``benchmarks/results/speed-<part>.json``:

throughput
    All EASC articles (153), summarised at ratio 0.3 from raw text, warm (one
    untimed pass first), single-threaded BLAS. arsumm and each other method
    alternate: every timed pass of a method follows a timed pass of arsumm,
    and "arsumm speed ÷ method's" is the median of those paired ratios.
    Peers' times include arsumm's sentence split, which they are given.
scaling
    Synthetic long documents made of EASC sentences (the 2,317 sentences of
    the corpus, repeated in order; one per line) of 1,000 / 5,000 / 20,000 /
    100,000 sentences. Each (method, size) runs in its own process
    (``benchmarks._speed_child``) with a timeout and an address-space limit;
    the time is the summarising call alone, peak RSS is the child's
    (``os.wait4``), including the interpreter and imports (the ``noop`` row
    shows that floor). A method that times out, runs out of memory or fails
    is not run on larger sizes. The growth exponent between two sizes is
    ``log(t2/t1) / log(n2/n1)`` (1 = linear, 2 = quadratic); for memory it is
    computed on the RSS above the floor.
coldstart
    Wall time of ``arsumm FILE`` (the bundled demo article) against
    ``python -c "import sklearn.feature_extraction.text"``, ``python -c
    "import arsumm"`` and ``python -c "pass"``, alternating, median of N.
workers
    One job against two, side by side in one run:
    ``summarize_many(texts, k=3, n_jobs=N)`` on the 2,000 ANT-BBC articles
    twice over (4,000 documents), ten times over (20,000) and on the 153
    EASC articles, each in one process (``benchmarks._workers_child``);
    ``arsumm batch FILE --jobs N -k 3`` on JSON Lines files of 20,000 and
    4,000 lines made of the ANT-BBC articles (in a temporary folder), one
    process per call, the settings alternating; and
    ``arsumm.dask.summarize_bag`` on a ``LocalCluster`` of N worker
    processes, over the bag of ``arsumm.dask.read_jsonl`` of the 4,000 and
    the 20,000 articles (the workers read the file themselves). Issue 15's
    targets name one size of each; the other sizes show how the speed-up
    grows with the input. Speed-up: the median of the paired ratios; the outputs of
    every setting are compared with one job's (``identical``), byte for
    byte for the batch files. ``--limit N`` caps every input at N documents
    (a smoke run, not a measurement: write it elsewhere with ``--out-dir``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import RESULTS_DIR, ROOT
from benchmarks.data import DataError, default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import MethodUnavailable
from benchmarks.methods import REGISTRY
from benchmarks.provenance import display_path, provenance, write_json
from benchmarks.tables import speed_tables
from benchmarks.timing import Runner, speed_method, vm_hwm_mb

__all__ = [
    "METHODS",
    "WORKER_TARGETS",
    "coldstart",
    "main",
    "run_child",
    "scaling",
    "speed_method",
    "throughput",
    "workers",
]

#: Methods timed by default, arsumm first (the reference of the ratios).
METHODS = (
    "arsumm",
    "arsumm-batch",
    "lead",
    "sumy-textrank",
    "sumy-lexrank",
    "sumy-lsa",
    "sumy-luhn",
    "summa-textrank",
    "lexrank",
)
DEFAULT_SIZES = (1_000, 5_000, 20_000, 100_000)
#: A scaling run shorter than this (seconds) is repeated REPEATS times, in fresh
#: processes, and its median reported.
SHORT_RUN_S = 5.0
REPEATS = 5
# Errors that mean the address-space limit was hit outside a Python allocation.
_OOM_MESSAGES = ("failed to map segment", "Cannot allocate memory", "MemoryError")
# ... and one that a C extension gives when its allocation fails without setting
# MemoryError (seen under the limit when the machine is loaded): out of memory only
# when a limit was set.
_OOM_UNDER_LIMIT = ("error return without exception set", "NULL without setting an exception")
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _label(name: str) -> str:
    return REGISTRY[name].label if name in REGISTRY else name


# -- throughput ----------------------------------------------------------------


def _timed(run: Runner, texts: list[str], ratio: float) -> float:
    start = time.perf_counter()
    run(texts, ratio)
    return time.perf_counter() - start


def throughput(
    texts: list[str],
    names: Sequence[str],
    background: Sequence[str],
    *,
    repeats: int = 3,
    ratio: float = 0.3,
    log: Any = None,
) -> dict[str, Any]:
    """Time every method on all ``texts``, alternating with arsumm (the first name)."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    runners: dict[str, Runner] = {}
    skipped = []
    for name in names:
        try:
            runners[name] = speed_method(name, background=background)
        except MethodUnavailable as exc:
            skipped.append({"name": name, "reason": str(exc)})
    reference = next(iter(runners))
    times: dict[str, list[float]] = {name: [] for name in runners}
    ratios: dict[str, list[float]] = {name: [] for name in runners}
    with threadpool_limits(limits=1):
        for run in runners.values():  # warm-up: caches, lazy imports, stemmer memo
            run(texts, ratio)
        for _ in range(repeats):
            others = [n for n in runners if n != reference] or [reference]
            for name in others:
                t_ref = _timed(runners[reference], texts, ratio)
                times[reference].append(t_ref)
                if name == reference:
                    continue
                t = _timed(runners[name], texts, ratio)
                times[name].append(t)
                ratios[name].append(t / t_ref)
                if log is not None:
                    print(f"  {name}: {len(texts) / t:.1f} docs/s", file=log)
    methods = []
    for name in runners:
        median = statistics.median(times[name])
        methods.append(
            {
                "name": name,
                "label": _label(name),
                "docs_per_s": round(len(texts) / median, 2),
                "ms_per_doc": round(1000 * median / len(texts), 3),
                "seconds": [round(t, 4) for t in times[name]],
                "arsumm_ratio": round(statistics.median(ratios[name]), 3) if ratios[name] else None,
            }
        )
    return {
        "n_docs": len(texts),
        "ratio": ratio,
        "repeats": repeats,
        "reference": reference,
        "reference_label": _label(reference),
        "methods": methods,
        "skipped": skipped,
    }


# -- scaling -------------------------------------------------------------------


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in _THREAD_VARS:
        env[var] = "1"
    return env


def run_child(
    method: str,
    file: Path,
    *,
    data: str | os.PathLike[str] | None,
    timeout: float,
    mem_limit_mb: int,
    ratio: float = 0.3,
) -> dict[str, Any]:
    """Run one method on one file in a child process; return status, time and peak RSS.

    The status is ``"ok"``, ``"timeout"``, ``"out of memory"`` (``MemoryError``
    under the address-space limit, or killed by the kernel), ``"crashed
    (signal N)"`` or ``"error"`` (with the message).
    """
    command = [
        sys.executable,
        "-m",
        "benchmarks._speed_child",
        "--method",
        method,
        "--file",
        str(file),
        "--ratio",
        str(ratio),
        "--mem-limit-mb",
        str(mem_limit_mb),
    ]
    if data is not None:
        command += ["--data", str(data)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=out, stderr=err, cwd=ROOT, env=_child_env(), start_new_session=True
        )
        timed_out = False
        sampled: float | None = None
        while True:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            sampled = vm_hwm_mb(proc.pid) or sampled
            if time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)  # our child's own process group
                pid, wait_status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        stderr_tail = err.read().decode("utf-8", "replace").strip()[-500:]
    report: dict[str, Any] = {}
    if lines:
        try:
            report = json.loads(lines[-1])
        except json.JSONDecodeError:
            report = {}
    # ru_maxrss (bytes on macOS, KiB on Linux) also counts the parent's memory at fork
    # time: it is only the fallback when neither the child nor /proc gave VmHWM.
    scale = 1 if sys.platform == "darwin" else 1024
    peak = report.get("peak_rss_mb") or sampled or usage.ru_maxrss * scale / 2**20
    result: dict[str, Any] = {
        "wall_seconds": round(wall, 3),
        "peak_rss_mb": round(peak, 1),
        "exit": proc.returncode,
    }
    if timed_out:
        result["status"] = "timeout"
    elif proc.returncode == 0 and report.get("status") == "ok":
        result["status"] = "ok"
        result["seconds"] = round(float(report["seconds"]), 4)
        result["import_seconds"] = round(float(report["import_seconds"]), 3)
    elif (
        report.get("status") == "out of memory"
        or proc.returncode == -signal.SIGKILL
        or any(m in str(report.get("error")) for m in _OOM_MESSAGES)
        or (mem_limit_mb > 0 and any(m in str(report.get("error")) for m in _OOM_UNDER_LIMIT))
    ):
        result["status"] = "out of memory"
    elif proc.returncode < 0:
        result["status"] = f"crashed (signal {-proc.returncode})"
    else:
        result["status"] = "error"
        result["error"] = report.get("error") or stderr_tail
    return result


def _exponent(a: float, b: float, n_a: int, n_b: int) -> float | None:
    if a <= 0 or b <= 0 or n_a == n_b:
        return None
    return round(math.log(b / a) / math.log(n_b / n_a), 2)


def synthetic_text(pool: Sequence[str], n: int) -> str:
    """Return ``n`` sentences of ``pool`` (cycled in order), one per line.

    Examples
    --------
    >>> synthetic_text(["أ.", "ب."], 3)
    'أ.\\nب.\\nأ.'
    """
    return "\n".join(itertools.islice(itertools.cycle(pool), n))


def scaling(
    pool: Sequence[str],
    names: Sequence[str],
    *,
    sizes: Sequence[int] = DEFAULT_SIZES,
    timeout: float = 60.0,
    mem_limit_mb: int = 4096,
    data: str | os.PathLike[str] | None = None,
    log: Any = None,
) -> dict[str, Any]:
    """Run every method on synthetic documents of growing size, each in a child process."""
    from arsumm import split_sentences

    methods = []
    with tempfile.TemporaryDirectory(prefix="arsumm-scaling-") as tmp:
        files = {}
        counts = {}
        for size in sizes:
            text = synthetic_text(pool, size)
            files[size] = Path(tmp) / f"doc-{size}.txt"
            files[size].write_text(text, encoding="utf-8")
            counts[size] = len(split_sentences(text))
        floor = run_child(
            "noop", files[sizes[0]], data=data, timeout=timeout, mem_limit_mb=mem_limit_mb
        )
        floor_mb = floor["peak_rss_mb"] if floor["status"] == "ok" else 0.0
        methods.append({"name": "noop", "label": _label("noop"), "runs": [{"size": 0, **floor}]})
        for name in names:
            runs: list[dict[str, Any]] = []
            stop: str | None = None
            for size in sizes:
                if stop is not None:
                    runs.append({"size": size, "status": f"not run ({stop})"})
                    continue
                run: dict[str, Any] = {"size": size, "sentences": counts[size]}
                run.update(
                    run_child(
                        name, files[size], data=data, timeout=timeout, mem_limit_mb=mem_limit_mb
                    )
                )
                if run["status"] == "ok" and run["seconds"] < SHORT_RUN_S:
                    # a short run is at the mercy of the machine's noise: take the
                    # median of REPEATS fresh processes (each one cold)
                    more = [
                        run_child(
                            name, files[size], data=data, timeout=timeout, mem_limit_mb=mem_limit_mb
                        )
                        for _ in range(REPEATS - 1)
                    ]
                    if all(m["status"] == "ok" for m in more):
                        runs_s = [run["seconds"]] + [m["seconds"] for m in more]
                        run["all_seconds"] = runs_s
                        run["seconds"] = statistics.median(runs_s)
                        run["peak_rss_mb"] = max(
                            [run["peak_rss_mb"]] + [m["peak_rss_mb"] for m in more]
                        )
                previous = next((r for r in reversed(runs) if r["status"] == "ok"), None)
                if run["status"] == "ok" and previous is not None:
                    run["time_exponent"] = _exponent(
                        previous["seconds"], run["seconds"], previous["sentences"], run["sentences"]
                    )
                    run["memory_exponent"] = _exponent(
                        previous["peak_rss_mb"] - floor_mb,
                        run["peak_rss_mb"] - floor_mb,
                        previous["sentences"],
                        run["sentences"],
                    )
                if run["status"] != "ok":
                    stop = f"{run['status']} at {size:,}"
                runs.append(run)
                if log is not None:
                    shown = f"{run['seconds']:.2f} s" if run["status"] == "ok" else run["status"]
                    print(f"  {name} {size:,}: {shown}, {run['peak_rss_mb']:.0f} MB", file=log)
            methods.append({"name": name, "label": _label(name), "runs": runs})
    return {
        "sizes": list(sizes),
        "timeout_s": timeout,
        "mem_limit_mb": mem_limit_mb,
        "floor_rss_mb": floor_mb,
        "ratio": 0.3,
        "pool_sentences": len(pool),
        "short_run_s": SHORT_RUN_S,
        "repeats": REPEATS,
        "methods": methods,
    }


# -- cold start ----------------------------------------------------------------


#: The command the CLI's cold start is measured against, and the ratio issue 12 allows.
COLDSTART_REFERENCE = 'python -c "import numpy, scipy.sparse"'
COLDSTART_TARGET = 2.0


def coldstart(*, repeats: int = 5, text: str | None = None, source: str = "") -> dict[str, Any]:
    """Time the CLI and a few imports from a cold interpreter (medians of ``repeats`` runs).

    ``text`` is the article ``arsumm FILE`` summarises (``source`` says which);
    by default the bundled demo article. The commands alternate, so that a
    change in the machine's load hits them alike; ``ratio`` is the CLI's
    median over :data:`COLDSTART_REFERENCE`'s.
    """
    import arsumm

    bindir = Path(sys.executable).parent
    script = bindir / "arsumm"
    if text is None:
        text, source = arsumm.demo_text(), "the bundled demo article (arsumm.demo_text())"
    with tempfile.TemporaryDirectory(prefix="arsumm-coldstart-") as tmp:
        file = Path(tmp) / "article.txt"
        file.write_text(text, encoding="utf-8")
        if script.exists():
            cli = ("arsumm FILE", [str(script), str(file)])
        else:
            cli = ("python -m arsumm FILE", [sys.executable, "-m", "arsumm", str(file)])
        commands = [
            cli,
            (COLDSTART_REFERENCE, [sys.executable, "-c", "import numpy, scipy.sparse"]),
            (
                'python -c "import sklearn.feature_extraction.text"',
                [sys.executable, "-c", "import sklearn.feature_extraction.text"],
            ),
            ('python -c "import arsumm"', [sys.executable, "-c", "import arsumm"]),
            ('python -c "pass"', [sys.executable, "-c", "pass"]),
        ]
        env = _child_env()
        timings: dict[str, list[float]] = {shown: [] for shown, _ in commands}
        for _, argv in commands:  # warm the file cache
            subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True)
        for _ in range(repeats):
            for shown, argv in commands:
                start = time.perf_counter()
                subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True)
                timings[shown].append(time.perf_counter() - start)
    medians = {shown: statistics.median(ts) for shown, ts in timings.items()}
    return {
        "repeats": repeats,
        "file": source,
        "reference": COLDSTART_REFERENCE,
        "ratio": round(medians[cli[0]] / medians[COLDSTART_REFERENCE], 2),
        "target": COLDSTART_TARGET,
        "commands": [
            {
                "command": shown,
                "median_s": round(medians[shown], 4),
                "min_s": round(min(ts), 4),
                "seconds": [round(t, 4) for t in ts],
            }
            for shown, ts in timings.items()
        ],
    }


# -- workers -------------------------------------------------------------------

#: The speed-up over one job that issue 15 asks of two workers, per case.
#: Timed calls of the EASC case at least: a call takes a fraction of a second,
#: so a few calls are at the mercy of the machine's load.
SHORT_CASE_REPEATS = 15
WORKER_TARGETS: dict[str, float | None] = {
    "api-ant": 1.7,
    "api-ant-20k": None,  # the other size of each interface: no target of its own
    "batch-ant": 1.7,
    "batch-ant-4k": None,
    "dask-ant": 1.6,
    "dask-ant-20k": None,
    "api-easc": 1.0,
}
#: Lines of the batch file (the ANT-BBC articles repeated in order).
BATCH_LINES = 20_000
#: Documents of the API and Dask cases (the ANT-BBC articles twice over).
ANT_DOCS = 4_000


def _write_jsonl(path: Path, texts: Sequence[str], *, ids: bool = False) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            record = {"id": f"d{i}", "text": text} if ids else {"text": text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _workers_child(
    interface: str, file: Path, jobs: Sequence[int], repeats: int, timeout: float
) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks._workers_child", "--interface", interface]
    command += ["--file", str(file), "--jobs", *map(str, jobs), "--repeats", str(repeats)]
    proc = subprocess.run(
        command, cwd=ROOT, env=_child_env(), capture_output=True, text=True, timeout=timeout
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(
            f"benchmarks._workers_child --interface {interface} failed "
            f"(exit {proc.returncode}): {proc.stderr.strip()[-800:]}"
        )
    report: dict[str, Any] = json.loads(lines[-1])
    return report


def _batch_cli(
    file: Path, out_dir: Path, jobs: Sequence[int], repeats: int, timeout: float
) -> dict[str, Any]:
    """Time ``arsumm batch FILE --jobs N -k 3 -o OUT`` per N, alternating (first call untimed)."""
    import hashlib

    from benchmarks._workers_child import WorkerMemory

    bindir = Path(sys.executable).parent
    script = bindir / "arsumm"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "arsumm"]
    with file.open("rb") as handle:
        n_lines = sum(1 for _ in handle)
    with file.open(encoding="utf-8") as handle:
        characters = sum(len(json.loads(line)["text"]) for line in handle)
    env = _child_env()

    def run(n: int) -> tuple[float, str, float | None]:
        out = out_dir / f"out-{n}.jsonl"
        argv = [*base, "batch", str(file), "-k", "3", "--jobs", str(n), "-o", str(out)]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        with WorkerMemory(root=proc.pid) as memory:
            try:
                _, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[-8:])} failed: {stderr.strip()[-800:]}")
        data = out.read_bytes()
        got = data.count(b"\n")
        if got != n_lines:
            raise RuntimeError(f"--jobs {n}: {got} output lines for {n_lines}")
        return seconds, hashlib.sha256(data).hexdigest(), memory.peak

    first: dict[int, float] = {}
    digests: dict[int, str] = {}
    peaks: dict[int, float | None] = {}
    for n in jobs:
        first[n], digests[n], peaks[n] = run(n)
    seconds: dict[int, list[float]] = {n: [] for n in jobs}
    for _ in range(repeats):
        for n in jobs:
            t, digest, peak = run(n)
            seconds[n].append(t)
            if digest != digests[n]:
                digests[n] = "differs between calls"
            if peak is not None:
                peaks[n] = max(peaks[n] or 0.0, peak)
    return {
        "n_docs": n_lines,
        "characters": characters,
        "identical": len(set(digests.values())) == 1,
        "runs": [
            _run_row(n, first[n], seconds[n], seconds[jobs[0]], n_lines, peaks[n]) for n in jobs
        ],
    }


def _run_row(
    jobs: int,
    first: float,
    seconds: list[float],
    base: list[float],
    n_docs: int,
    peak: float | None,
) -> dict[str, Any]:
    median = statistics.median(seconds)
    return {
        "jobs": jobs,
        "first_s": round(first, 3),
        "seconds": [round(t, 3) for t in seconds],
        "median_s": round(median, 3),
        "docs_per_s": round(n_docs / median, 1),
        "speedup": round(statistics.median(b / t for b, t in zip(base, seconds, strict=True)), 3),
        "peak_worker_mb": None if peak is None else round(peak, 1),
    }


def workers(
    ant: Sequence[str],
    easc: Sequence[str],
    *,
    jobs: Sequence[int] = (1, 2),
    repeats: int = 3,
    limit: int | None = None,
    cases: Sequence[str] = tuple(WORKER_TARGETS),
    timeout: float = 1800.0,
    log: Any = None,
) -> dict[str, Any]:
    """One job against more, for the API, the batch CLI and Dask (see the module's docstring).

    ``ant`` and ``easc`` are the raw texts of the two corpora; the inputs are
    written to a temporary folder. ``limit`` caps every input at that many
    documents.
    """

    def capped(texts: list[str]) -> list[str]:
        return texts if limit is None else texts[:limit]

    def repeated(texts: Sequence[str], n: int) -> list[str]:
        return list(itertools.islice(itertools.cycle(texts), n))

    result: dict[str, Any] = {
        "jobs": list(jobs),
        "repeats": repeats,
        "limit": limit,
        "cpus": os.cpu_count(),
        "cases": [],
    }
    with tempfile.TemporaryDirectory(prefix="arsumm-workers-") as tmp:
        folder = Path(tmp)
        ant_file, easc_file, batch_file = (folder / f"{n}.jsonl" for n in ("ant", "easc", "batch"))
        _write_jsonl(ant_file, capped(repeated(ant, ANT_DOCS)))
        _write_jsonl(easc_file, capped(list(easc)))
        _write_jsonl(batch_file, capped(repeated(ant, BATCH_LINES)), ids=True)
        plan = {
            "api-ant": (
                "`summarize_many`, ANT-BBC",
                lambda: _workers_child("api", ant_file, jobs, repeats, timeout),
            ),
            "batch-ant": (
                "`arsumm batch`, ANT-BBC lines",
                lambda: _batch_cli(batch_file, folder, jobs, repeats, timeout),
            ),
            "dask-ant": (
                "Dask `LocalCluster`, ANT-BBC",
                lambda: _workers_child("dask", ant_file, jobs, repeats, timeout),
            ),
            "api-ant-20k": (
                "`summarize_many`, ANT-BBC",
                lambda: _workers_child("api", batch_file, jobs, repeats, timeout),
            ),
            "batch-ant-4k": (
                "`arsumm batch`, ANT-BBC lines",
                lambda: _batch_cli(ant_file, folder, jobs, repeats, timeout),
            ),
            "dask-ant-20k": (
                "Dask `LocalCluster`, ANT-BBC",
                lambda: _workers_child("dask", batch_file, jobs, repeats, timeout),
            ),
            "api-easc": (
                "`summarize_many`, EASC",
                lambda: _workers_child(
                    "api", easc_file, jobs, max(repeats, SHORT_CASE_REPEATS), timeout
                ),
            ),
        }
        for case in cases:
            label, measure = plan[case]
            if log is not None:
                print(f"  {case} ...", file=log)
            report = measure()
            report.update({"case": case, "label": label, "target": WORKER_TARGETS[case]})
            result["cases"].append(report)
            if log is not None:
                shown = ", ".join(f"{r['jobs']}: {r['docs_per_s']} docs/s" for r in report["runs"])
                print(f"  {case}: {shown}; identical {report['identical']}", file=log)
    return result


# -- command line --------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.speed",
        description="Throughput, scaling and cold start of arsumm and the peer summarizers.",
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="easc.jsonl (default: as in benchmarks.rouge)"
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=("throughput", "scaling", "coldstart", "workers"),
        default=["throughput", "scaling", "coldstart", "workers"],
        help="parts to run (default: all)",
    )
    parser.add_argument(
        "--methods",
        nargs="+",
        default=list(METHODS),
        metavar="NAME",
        help="methods (default: %(default)s); the first is the reference of the ratios",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed passes per method (throughput)"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per (method, size)")
    parser.add_argument(
        "--mem-limit-mb",
        type=int,
        default=4096,
        help="address-space limit of each scaling child in MiB (0: none)",
    )
    parser.add_argument("--coldstart-repeats", type=int, default=5)
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="workers: job counts, one first"
    )
    parser.add_argument(
        "--workers-repeats", type=int, default=3, help="workers: timed calls per setting"
    )
    parser.add_argument(
        "--cases",
        nargs="+",
        choices=tuple(WORKER_TARGETS),
        default=list(WORKER_TARGETS),
        help="workers: cases to run (default: all)",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="workers: at most N documents per input (a smoke run)",
    )
    parser.add_argument(
        "--ant-data",
        type=Path,
        default=None,
        help="workers: ant_bbc.jsonl (default: ant-bbc/ant_bbc.jsonl beside the EASC folder)",
    )
    parser.add_argument("--out-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser


def _run_part(
    part: str, args: argparse.Namespace, data: Path, corpus: list[Any], background: list[str]
) -> dict[str, Any]:
    """Measure one part of the benchmark; raise DataError if its data cannot be read."""
    if part == "throughput":
        texts = [d.text for d in corpus]
        return throughput(texts, args.methods, background, repeats=args.repeats, log=sys.stderr)
    if part == "scaling":
        from arsumm import split_sentences

        pool = [" ".join(s.text.split()) for d in corpus for s in split_sentences(d.text)]
        names = [n for n in args.methods if n != "arsumm-batch"]
        return scaling(
            pool,
            names,
            sizes=sorted(args.sizes),
            timeout=args.timeout,
            mem_limit_mb=args.mem_limit_mb,
            data=data.resolve(),
            log=sys.stderr,
        )
    if part == "workers":
        ant_path = args.ant_data or data.resolve().parent.parent / "ant-bbc" / "ant_bbc.jsonl"
        ant = [d.text for d in load_documents(ant_path)]
        result = workers(
            ant,
            [d.text for d in corpus],
            jobs=args.jobs,
            repeats=args.workers_repeats,
            limit=args.limit,
            cases=args.cases,
            log=sys.stderr,
        )
        result["ant_data"] = {"path": display_path(ant_path), "n_docs": len(ant)}
        return result
    try:
        first = load_documents(data)[0]
    except (DataError, IndexError):
        return coldstart(repeats=args.coldstart_repeats)
    source = f"the first article of {display_path(data)} ({first.id})"
    return coldstart(repeats=args.coldstart_repeats, text=first.text, source=source)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the speed benchmark from the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    data = args.data or default_data_path()
    prov = provenance("benchmarks.speed", args_list)
    needs_data = {"throughput", "scaling", "workers"} & set(args.parts)
    corpus: list[Any] = []
    background: list[str] = []
    try:
        if needs_data:
            corpus = load_documents(data)
            splits = load_splits(data.parent / "splits.json")
            background = [d.text for d in load_split(corpus, splits, "dev")]
        for part in args.parts:
            print(f"## {part}", file=sys.stderr)
            result = _run_part(part, args, data, corpus, background)
            record = {"provenance": prov, "suite": f"speed-{part}", part: result}
            if part in needs_data:
                record["data"] = {"path": display_path(data), "n_docs": len(corpus)}
            print(f"\n### {part}\n")
            print(speed_tables(record)[part])
            for s in result.get("skipped", []):
                print(f"\nskipped {s['name']}: {s['reason']}")
            if not args.no_write:
                path = args.out_dir / f"speed-{part}.json"
                write_json(path, record)
                print(f"\nwrote {display_path(path)}", file=sys.stderr)
    except DataError as exc:
        print(f"benchmarks.speed: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
