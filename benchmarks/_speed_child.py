"""One timed run of one method on one document, in its own process (used by ``benchmarks.speed``).

Usage::

    python -m benchmarks._speed_child --method arsumm --file doc.txt \\
        --data ../shared/data/easc/easc.jsonl --mem-limit-mb 4096

The address-space limit is set before anything heavy is imported, so a method
that needs more memory fails with ``MemoryError`` here instead of pushing the
machine into swap or the kernel's OOM killer. The last line on stdout is one
JSON object: ``{"status": "ok", "seconds": ..., "import_seconds": ...,
"peak_rss_mb": ...}``, or
``{"status": "out of memory"}`` (exit status 3), or ``{"status": "error",
"error": ...}`` (exit status 4). The parent enforces the timeout and, for a
child that does not finish, samples its peak memory while it runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

EXIT_OOM = 3
EXIT_ERROR = 4


def _limit_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    import resource

    limit = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one method on one file and print the result as JSON; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks._speed_child")
    parser.add_argument("--method", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--data", default=None, help="easc.jsonl, for lexrank's background IDF")
    parser.add_argument("--ratio", type=float, default=0.3)
    parser.add_argument("--mem-limit-mb", type=int, default=0)
    args = parser.parse_args(argv)
    _limit_memory(args.mem_limit_mb)
    start = time.perf_counter()
    try:
        from benchmarks.timing import speed_method, vm_hwm_mb

        with open(args.file, encoding="utf-8") as handle:
            text = handle.read()
        run = speed_method(args.method, args.data)
        imported = time.perf_counter() - start
        if args.method == "noop":
            result: dict[str, object] = {"status": "ok", "seconds": 0.0}
        else:
            begin = time.perf_counter()
            run([text], args.ratio)
            result = {"status": "ok", "seconds": time.perf_counter() - begin}
        result["import_seconds"] = imported
        result["peak_rss_mb"] = vm_hwm_mb()
    except MemoryError:
        print(json.dumps({"status": "out of memory"}))
        return EXIT_OOM
    except Exception as exc:  # reported to the parent, which records it
        print(json.dumps({"status": "error", "error": f"{type(exc).__name__}: {exc}"}))
        return EXIT_ERROR
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
