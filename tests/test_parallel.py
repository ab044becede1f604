"""Worker processes (arsumm.parallel): real pools, real deaths, real scripts and pipes.

Issue 13 item 8 and the ``n_jobs`` rough edge of issue 12; see docs/reliability.md.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import arsumm
import arsumm.parallel
from arsumm.parallel import (
    FIRST_CHUNK,
    MAX_DEATHS_IN_A_ROW,
    WorkerStartError,
    map_chunks,
    resolve_n_jobs,
    shutdown,
)
from tests.procs import kill_session, wait_until_gone

WEATHER = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."
POISON = "قاتل"  # the word on which Killer ends its process
LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


class Killer:
    """A stemmer that ends the worker process on one word, as a buggy plug-in might.

    ``how`` is ``"exit"`` (``os._exit``, as a C extension calling ``exit``)
    or ``"kill"`` (SIGKILL, as the out-of-memory killer does). Unarmed, it
    stems exactly the same without ending anything: the reference run.
    """

    def __init__(self, how: str = "exit", armed: bool = True) -> None:
        self.how = how
        self.armed = armed

    def stem(self, token: str) -> str:
        if self.armed and token == POISON:
            if self.how == "exit":
                os._exit(3)
            os.kill(os.getpid(), signal.SIGKILL)
        return token[:4]


def with_stemmer(stemmer: Killer) -> arsumm.Summarizer:
    return arsumm.Summarizer(stemmer=stemmer)


def documents(n: int, culprits: set[int]) -> list[tuple[int, str]]:
    return [(i, WEATHER + (f" {POISON} هنا." if i in culprits else "")) for i in range(n)]


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_a_document_that_kills_its_worker_fails_alone(how: str) -> None:
    """Issue 13 item 8: four culprits among 1,000 documents failed all 1,000."""
    culprits = {5, 64, 65, 700}  # two side by side, in one chunk
    items = documents(1000, culprits)
    parallel = list(
        arsumm.summarize_many(items, k=1, summarizer=with_stemmer(Killer(how)), n_jobs=2)
    )
    serial = list(
        arsumm.summarize_many(items, k=1, summarizer=with_stemmer(Killer(how, armed=False)))
    )
    assert [r.id for r in parallel] == list(range(1000))
    failed = {r.id for r in parallel if not r.ok}
    assert failed == culprits
    for result in parallel:
        if result.id in culprits:
            assert result.error_type == "BrokenProcessPool"
            assert "worker process died on this item" in (result.error or "")
    assert [r for r in parallel if r.ok] == [r for r in serial if r.id not in culprits]


def test_an_item_that_does_not_pickle_fails_alone() -> None:
    """Issue 13 item 8: an id holding a lock failed its whole chunk (21 of 21)."""
    items: list[Any] = [(i, WEATHER) for i in range(21)]
    items[7] = (threading.Lock(), WEATHER)
    results = list(arsumm.summarize_many(items, k=1, n_jobs=2))
    assert len(results) == 21
    assert [r.ok for r in results] == [i != 7 for i in range(21)]
    assert results[7].error_type == "TypeError"
    assert "cannot send this item to a worker process" in (results[7].error or "")
    assert "_thread.lock" in (results[7].error or "")
    expected = list(arsumm.summarize_many([(i, WEATHER) for i in range(21)], k=1))
    assert [r for r in results if r.ok] == [r for i, r in enumerate(expected) if i != 7]


def test_items_that_kill_every_worker_are_given_up_on_with_a_clear_error() -> None:
    """A plug-in that ends every worker does not restart pools forever: after
    MAX_DEATHS_IN_A_ROW culprits in a row the rest fail unsent, each with an error."""
    n = MAX_DEATHS_IN_A_ROW + 8
    results = list(
        arsumm.summarize_many(
            documents(n, set(range(n))), summarizer=with_stemmer(Killer()), n_jobs=2
        )
    )
    assert [r.id for r in results] == list(range(n))
    assert not any(r.ok for r in results)
    types = [r.error_type for r in results]
    assert types[:MAX_DEATHS_IN_A_ROW] == ["BrokenProcessPool"] * MAX_DEATHS_IN_A_ROW
    assert set(types[MAX_DEATHS_IN_A_ROW:]) == {"WorkerStartError"}
    assert "in a row killed their worker" in (results[-1].error or "")


def chunk_sizes(chunk: list[int]) -> list[int]:
    """A chunk function for map_chunks: every item learns the size of its chunk."""
    return [len(chunk)] * len(chunk)


def raise_on_three(chunk: list[int]) -> list[int]:
    """A chunk function that fails as a whole when the chunk holds a 3."""
    if 3 in chunk:
        raise ValueError("three")
    return [2 * x for x in chunk]


def _failed(item: Any, exc: BaseException) -> str:
    return f"{item}: {type(exc).__name__}: {exc}"


def test_chunks_start_small_and_grow_while_they_are_fast() -> None:
    sizes = list(map_chunks(chunk_sizes, pickle.dumps(()), range(5000), 2, failure=_failed))
    assert len(sizes) == 5000
    assert sizes[0] == FIRST_CHUNK
    assert max(sizes) > FIRST_CHUNK  # a chunk of trivial items takes microseconds


def test_chunks_are_bounded_by_weight() -> None:
    sizes = list(
        map_chunks(
            chunk_sizes, pickle.dumps(()), range(100), 2, failure=_failed, weight=lambda x: 1 << 19
        )
    )
    assert set(sizes) == {2}  # two items of half a MiB fill a chunk


def test_a_chunk_that_raises_is_retried_item_by_item() -> None:
    results = list(map_chunks(raise_on_three, pickle.dumps(()), range(10), 2, failure=_failed))
    assert results == [0, 2, 4, "3: ValueError: three", 8, 10, 12, 14, 16, 18]


def test_wrong_worker_counts() -> None:
    assert [resolve_n_jobs(None), resolve_n_jobs(1), resolve_n_jobs(2)] == [1, 1, 2]
    for bad in (0, -2, 1.5, True, "2"):
        with pytest.raises(ValueError, match="n_jobs"):
            resolve_n_jobs(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="workers"):
        map_chunks(chunk_sizes, pickle.dumps(()), [], 0, failure=_failed)


def test_closing_the_results_terminates_the_workers() -> None:
    import multiprocessing

    results = arsumm.summarize_many([WEATHER] * 10_000, k=1, n_jobs=2)
    assert next(results).ok
    assert multiprocessing.active_children()
    results.close()
    assert multiprocessing.active_children() == []


# -- a pool kept for the next call (keep=) ---------------------------------------------


def worker_pid(chunk: list[int]) -> list[int]:
    time.sleep(0.05)  # slow enough that both workers get chunks
    return [os.getpid()] * len(chunk)


def _pids(key: bytes | None, n: int = 200) -> set[int]:
    return set(map_chunks(worker_pid, pickle.dumps(()), range(n), 2, failure=_failed, keep=key))


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"}


def _state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "Z"
    return stat[stat.rindex(")") + 2 :].split()[0]


def _gone(pids: set[int], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pids)


@LINUX
def test_a_pool_kept_with_the_same_key_serves_the_next_call() -> None:
    """Issue 15: every call started its pool (0.2-0.9 s), more than a third of a 4,000-document call."""
    try:
        first = _pids(b"settings")
        assert len(first) == 2
        assert _alive(first) == first
        again = _pids(b"settings")
        assert again == first  # the same workers did the second call
        other = _pids(b"other settings")  # another configuration: a pool of its own
        assert not other & first
        assert _gone(first)
        unkept = _pids(None)
        assert _gone(other)
        assert _gone(unkept)
    finally:
        shutdown()


@LINUX
def test_the_kept_pool_ends_on_shutdown_and_when_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        kept = _pids(b"k")
        shutdown()
        assert _gone(kept)
        monkeypatch.setattr(arsumm.parallel, "KEEP_SECONDS", 0.5)
        idle = _pids(b"k")
        assert _alive(idle) == idle
        assert _gone(idle, timeout=10.0)  # ended by itself, half a second after the call
    finally:
        shutdown()


@LINUX
def test_a_forked_child_starts_without_its_parents_kept_pool() -> None:
    """A process forked while a pool is kept must neither use nor end its parent's workers."""
    try:
        kept = _pids(b"k")
        pid = os.fork()
        if pid == 0:  # the child: nothing kept, and ending nothing is no error
            try:
                ok = arsumm.parallel._KEPT.take((worker_pid, 2, (), b"k")) is None
                shutdown()
            except BaseException:
                ok = False
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert _alive(kept) == kept  # the parent's workers are still up ...
        assert _pids(b"k") == kept  # ... and still serve it
    finally:
        shutdown()


def slow_pid(chunk: list[int]) -> list[int]:
    time.sleep(0.01 * len(chunk))  # the same pace in a worker and in this process
    return [os.getpid()] * len(chunk)


def test_helping_reads_an_input_longer_than_its_total() -> None:
    """``total`` is an estimate: a list that grew after the call is still read to its end."""
    items = list(range(3000))
    results = list(
        map_chunks(
            slow_pid, pickle.dumps(()), items, 2, failure=_failed, local=slow_pid,
            total=1000, finish=lambda item, pid: item, helps=True,
        )
    )  # fmt: skip
    assert results == items


def test_the_caller_helps_the_workers_and_keeps_the_order() -> None:
    """With ``helps``, this process takes chunks beside one worker once it is up."""
    items = list(range(400))
    results = list(
        map_chunks(
            slow_pid,
            pickle.dumps(()),
            items,
            2,  # this process and one worker
            failure=_failed,
            local=slow_pid,
            finish=lambda item, pid: (item, pid),
            helps=True,
        )
    )
    assert [item for item, _ in results] == items
    here = [item for item, pid in results if pid == os.getpid()]
    there = [item for item, pid in results if pid != os.getpid()]
    assert len({pid for _, pid in results}) == 2
    # this process worked after the worker's first chunk, not only while it started
    assert there
    assert any(item > min(there) for item in here)
    assert len(here) > 50
    assert len(there) > 50


@LINUX
def test_a_kept_worker_killed_while_idle_is_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    restarts: list[int] = []
    restart = arsumm.parallel._Pool.restart

    def counted(pool: arsumm.parallel._Pool) -> None:
        restarts.append(1)
        restart(pool)

    try:
        kept = _pids(b"k")
        os.kill(min(kept), signal.SIGKILL)
        assert _gone({min(kept)})
        monkeypatch.setattr(arsumm.parallel._Pool, "restart", counted)
        fresh = _pids(b"k")
        assert restarts == []  # a new pool, not the kept one found broken and restarted
        assert len(fresh) == 2
        assert not fresh & kept
        assert all(isinstance(pid, int) for pid in fresh)  # no item failed
    finally:
        shutdown()


def test_summarize_many_keeps_its_workers_for_built_in_components_only() -> None:
    import multiprocessing

    texts = [WEATHER] * 3000
    serial = list(arsumm.summarize_many(texts, k=1))
    try:
        arsumm.parallel.WORTH_A_POOL_SECONDS, saved = 0.0, arsumm.parallel.WORTH_A_POOL_SECONDS
        try:
            assert list(arsumm.summarize_many(texts, k=1, n_jobs=2)) == serial
            kept = set(multiprocessing.active_children())
            # the built-in components: this process and one worker, kept for the next call
            assert len(kept) == 1
            assert list(arsumm.summarize_many(texts, k=1, n_jobs=2)) == serial
            assert set(multiprocessing.active_children()) == kept  # and used by it
            custom = arsumm.summarize_many(
                texts, k=1, summarizer=with_stemmer(Killer(armed=False)), n_jobs=2
            )
            assert [r.ok for r in custom] == [True] * len(texts)
            assert multiprocessing.active_children() == []  # a plug-in: never kept
        finally:
            arsumm.parallel.WORTH_A_POOL_SECONDS = saved
    finally:
        shutdown()


# -- scripts: a real file, a real pipe -------------------------------------------------

UNGUARDED = """\
import arsumm
print("top level ran")
texts = ["الطقس حار اليوم في عمان. يتوقع أن يستمر الحر غدا."] * 4
for result in arsumm.summarize_many(texts, n_jobs=2):
    print(result.ok)
"""

GUARDED = """\
import arsumm
print("top level ran")
texts = ["الطقس حار اليوم في عمان. يتوقع أن يستمر الحر غدا."] * 4
if __name__ == "__main__":
    for result in arsumm.summarize_many(texts, n_jobs=2):
        print(result.ok)
"""


def _python(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        timeout=300,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_an_unguarded_script_fails_at_once_with_what_to_do(tmp_path: Path) -> None:
    """Issue 12: the script's top level ran three times and printed spurious failures."""
    (tmp_path / "unguarded.py").write_text(UNGUARDED, encoding="utf-8")
    result = _python(["unguarded.py"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == "top level ran\n"  # once: no worker process was started
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("arsumm.parallel.WorkerStartError: ")
    assert "top level of unguarded.py (line 4)" in last
    assert 'if __name__ == "__main__":' in last
    assert "n_jobs=1" in last


def test_a_script_on_standard_input_fails_at_once_with_what_to_do(tmp_path: Path) -> None:
    """Issue 12: through ``python - < script.py`` every document came back BrokenProcessPool."""
    for script in (UNGUARDED, GUARDED):
        result = _python(["-"], tmp_path, stdin=script.encode())
        assert result.returncode == 1
        assert result.stdout == "top level ran\n"
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith("arsumm.parallel.WorkerStartError: ")
        assert "read from <stdin>" in last
        assert "save the script to a file" in last


def test_a_guarded_script_works(tmp_path: Path) -> None:
    (tmp_path / "guarded.py").write_text(GUARDED, encoding="utf-8")
    result = _python(["guarded.py"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-4:] == ["True"] * 4
    assert result.stderr == ""


SMALL_OR_WORTH_A_POOL = """\
import os, sys, threading
import arsumm
import arsumm.parallel


def children():
    \"\"\"This process's child processes (a fork server, workers), from /proc.\"\"\"
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="ascii") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.append(int(name))
    return found


if __name__ == "__main__":
    texts = [arsumm.demo_text()] * 150
    if sys.argv[1] == "worth":  # any work left is worth a pool
        arsumm.parallel.WORTH_A_POOL_SECONDS = 0.0
    serial = list(arsumm.summarize_many(texts, k=2))
    parallel = list(arsumm.summarize_many(texts, k=2, n_jobs=2))
    for thread in threading.enumerate():  # a pool that was starting (the fork server stays)
        if thread.name == "arsumm-pool-start":
            thread.join()
    print(parallel == serial, len(children()) > 0)
"""


def test_a_small_list_starts_no_worker_and_a_larger_one_does(tmp_path: Path) -> None:
    """Issue 15: 153 EASC articles ran slower with n_jobs=2, the pool's start competing."""
    (tmp_path / "small.py").write_text(SMALL_OR_WORTH_A_POOL, encoding="utf-8")
    small = _python(["small.py", "small"], tmp_path)
    assert (small.returncode, small.stderr) == (0, "")
    assert small.stdout.split() == ["True", "False"]  # same results, no child process at all
    worth = _python(["small.py", "worth"], tmp_path)
    assert (worth.returncode, worth.stderr) == (0, "")
    assert worth.stdout.split() == ["True", "True"]  # same results, from started workers


def test_python_c_works_and_a_class_it_defines_fails_at_once(tmp_path: Path) -> None:
    code = "import arsumm; print([r.ok for r in arsumm.summarize_many(['{0}'] * 3, n_jobs=2)])"
    result = _python(["-c", code.format(WEATHER)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[True, True, True]\n"
    local = textwrap.dedent(
        f"""\
        import arsumm
        class Stem:
            def stem(self, token):
                return token
        arsumm.summarize_many(['{WEATHER}'], n_jobs=2, summarizer=arsumm.Summarizer(stemmer=Stem()))
        """
    )
    result = _python(["-c", local], tmp_path)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("arsumm.parallel.WorkerStartError: ")
    assert "cannot load the configuration" in last
    assert "Stem" in last


def test_the_error_is_an_arsumm_error() -> None:
    assert issubclass(WorkerStartError, arsumm.ArsummError)
    assert issubclass(WorkerStartError, RuntimeError)


ENDLESS = """\
import sys
import arsumm

def endless():
    while True:
        yield "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر غدا."

if __name__ == "__main__":
    for i, result in enumerate(arsumm.summarize_many(endless(), n_jobs=2)):
        if i == 300:
            print("running", flush=True)
"""


@LINUX
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    """Issue 13 item 7: the fork server, the resource tracker and the workers lived on
    for over ten minutes, holding the caller's pipes, after the parent died."""
    (tmp_path / "endless.py").write_text(ENDLESS, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "endless.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"running\n"
        os.kill(proc.pid, signal.SIGKILL)  # no handler, no cleanup: only the workers' watch
        proc.wait(timeout=60)
        assert wait_until_gone(proc.pid) == []
    finally:
        kill_session(proc.pid)
        if proc.stdout is not None:
            proc.stdout.close()
