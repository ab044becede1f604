"""Linear time on huge and pathological input: seconds per MB must stay flat.

Splits and summarises 1, 10 and 100 MB of text of each kind below, every run
in a fresh process, and prints the time per MB as a markdown table; the
records go to ``benchmarks/results/linear.json``.
A megabyte here is 10^6 characters (Arabic text is about 2 bytes per
character in UTF-8).

Kinds
    ``news``            punctuated sentences in paragraphs (the baseline);
    ``no-punctuation``  words and spaces only: the splitter cuts at ``max_chars``;
    ``dots``            runs of 10^5 ``.`` between paragraphs of news;
    ``newlines``        runs of 10^5 line breaks between paragraphs;
    ``quotes``          runs of 10^5 ``"`` between paragraphs;
    ``dot-digit``       runs of 10^5 characters of ``.1.1.1...``;
    ``address-run``     runs of ``a.a.a...@`` (10^5 characters): the e-mail
                        pattern was quadratic here before issue 6.

Run from the project root::

    python -m benchmarks.linear                      # about 20 minutes on 2 cores
    python -m benchmarks.linear --sizes 1 10 --kinds news dots --summarize-max-mb 10

The growth column is the time per MB at the largest size divided by the time
per MB at 1 MB: about 1 means linear (a quadratic step would give ~100 at
100 MB). Timings on a shared machine vary by some tens of percent.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import ROOT
from benchmarks.provenance import provenance, write_json

RUN = 100_000  # length of one pathological run
MB = 1_000_000

_WORDS = " ".join(
    (
        "هطلت أمطار غزيرة على مدينة الواحة الساحلية صباح اليوم وأغلقت البلدية المدارس",
        "بسبب الأمطار وقال مدير الدفاع المدني إن فرقه أخلت عشرين عائلة من الأحياء",
        "المنخفضة وافتتحت الحكومة محطة جديدة لتحلية المياه بالطاقة الشمسية بطاقة",
        "أربعين ألف متر مكعب يوميا وارتفعت أسعار الخضار في السوق المركزي بعد موجة",
        "الحر الطويلة",
    )
).split()


def _news(n: int) -> str:
    """``n`` characters of punctuated sentences in paragraphs (997 distinct sentences)."""
    v = len(_WORDS)
    parts = []
    for i in range(997):
        words = [_WORDS[(i * 31 + j * (i % 7 + 1)) % v] for j in range(6 + i % 15)]
        parts.append(" ".join(words) + ".؟!."[i % 4] + ("\n\n" if i % 9 == 8 else " "))
    block = "".join(parts)
    return (block * (n // len(block) + 1))[:n]


def _no_punctuation(n: int) -> str:
    v = len(_WORDS)
    block = " ".join(_WORDS[(i * 7 + i // v) % v] for i in range(60_000))
    return (block * (n // len(block) + 1))[:n]


def _with_runs(run: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        unit = run + "\n" + _news(RUN) + "\n"
        return (unit * (n // len(unit) + 1))[:n]

    return make


KINDS: dict[str, Callable[[int], str]] = {
    "news": _news,
    "no-punctuation": _no_punctuation,
    "dots": _with_runs("." * RUN),
    "newlines": _with_runs("\n" * RUN),
    "quotes": _with_runs('"' * RUN),
    "dot-digit": _with_runs(".1" * (RUN // 2)),
    "address-run": _with_runs("a." * (RUN // 2 - 1) + "a@"),
}
OPS = ("split", "summarize")


def _worker(kind: str, megabytes: float, op: str) -> dict[str, Any]:
    """Build the text, time one operation on it, return the measurement."""
    import arsumm

    text = KINDS[kind](int(megabytes * MB))
    arsumm.summarize("جملة أولى عن المطر. وجملة ثانية عن الشمس.")  # warm up imports and caches
    start = time.perf_counter()
    if op == "split":
        count = len(arsumm.split_sentences(text))
    else:
        analysis = arsumm.Summarizer().analyze(text, k=3)
        count = len(analysis.sentences)
        assert len(analysis.summary) == 3
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "sentences": count, "peak_rss_mb": round(peak)}


def _measure(kind: str, megabytes: float, op: str, timeout: float) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.linear", "--worker", kind, str(megabytes), op]
    record: dict[str, Any] = {"kind": kind, "op": op, "mb": megabytes}
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {**record, "status": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {**record, "status": f"error: {last}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    seconds_per_mb = result["seconds"] / megabytes
    return {**record, "status": "ok", **result, "seconds_per_mb": round(seconds_per_mb, 4)}


def _table(records: list[dict[str, Any]], sizes: Sequence[float]) -> str:
    head = "| kind | op | " + " | ".join(f"{s:g} MB (s/MB)" for s in sizes) + " | growth |"
    lines = [head, "|" + "---|" * (len(sizes) + 3)]
    for kind in dict.fromkeys(r["kind"] for r in records):
        for op in OPS:
            row = {r["mb"]: r for r in records if r["kind"] == kind and r["op"] == op}
            if not row:
                continue
            cells = []
            for size in sizes:
                r = row.get(size)
                if r is None:
                    cells.append("not run")
                elif r["status"] != "ok":
                    cells.append(r["status"])
                else:
                    cells.append(f"{r['seconds_per_mb']:.3f}")
            ok = [row[s] for s in sizes if s in row and row[s]["status"] == "ok"]
            growth = (
                f"{ok[-1]['seconds_per_mb'] / ok[0]['seconds_per_mb']:.2f}x"
                if len(ok) > 1 and ok[0]["seconds_per_mb"] > 0
                else ""
            )
            lines.append(f"| {kind} | {op} | " + " | ".join(cells) + f" | {growth} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.linear", description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100], metavar="MB")
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    parser.add_argument(
        "--summarize-max-mb",
        type=float,
        default=100,
        metavar="MB",
        help="summarise only up to this size (default 100; the split runs at every size)",
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "linear.json"))
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "MB", "OP"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, megabytes, op = args.worker
        print(json.dumps(_worker(kind, float(megabytes), op)))
        return 0
    records = []
    for kind in args.kinds:
        for op in OPS:
            for size in args.sizes:
                if op == "summarize" and size > args.summarize_max_mb:
                    records.append(
                        {
                            "kind": kind,
                            "op": op,
                            "mb": size,
                            "status": f"skipped (> --summarize-max-mb {args.summarize_max_mb:g})",
                        }
                    )
                    continue
                record = _measure(kind, size, op, args.timeout)
                records.append(record)
                shown = record.get("seconds_per_mb", record["status"])
                print(f"{kind:15s} {op:9s} {size:6g} MB: {shown}", file=sys.stderr, flush=True)
    table = _table(records, args.sizes)
    print(table)
    payload = {
        "provenance": provenance("benchmarks.linear", sys.argv[1:] if argv is None else argv),
        "unit": "seconds per 10^6 characters, one run per cell, each in a fresh process",
        "run_length": RUN,
        "records": records,
        "table": table,
    }
    write_json(Path(args.out), payload)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
