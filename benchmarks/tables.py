"""Markdown tables from the result files (shared by the runners and the report).

Examples
--------
>>> print(markdown(["a", "b"], [["1", "2"]], align="lr"))
| a | b |
|---|---:|
| 1 | 2 |
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = [
    "fmt_ci",
    "fmt_number",
    "markdown",
    "rouge_table",
    "speed_tables",
]

_METRIC_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}


def markdown(header: Sequence[str], rows: Sequence[Sequence[str]], *, align: str = "") -> str:
    """Render a GitHub-flavoured markdown table; ``align`` holds one ``l`` or ``r`` per column."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---" if a == "l" else "---:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def fmt_number(value: float | None, digits: int = 1) -> str:
    """Format a number, or an en dash for a missing one.

    Examples
    --------
    >>> fmt_number(48.2634), fmt_number(None), fmt_number(0.5, 2)
    ('48.3', '–', '0.50')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def fmt_ci(stat: dict[str, Any], key: str = "f", digits: int = 1, signed: bool = False) -> str:
    """Format ``stat[key]`` with its interval ``stat[key + "_ci"]``.

    Examples
    --------
    >>> fmt_ci({"f": 48.26, "f_ci": [45.01, 51.4]})
    '48.3 [45.0, 51.4]'
    >>> fmt_ci({"d": 1.234, "d_ci": [-0.5, 2.9]}, "d", signed=True)
    '+1.2 [-0.5, +2.9]'
    """
    sign = "+" if signed else ""
    low, high = stat[f"{key}_ci"]
    return f"{stat[key]:{sign}.{digits}f} [{low:{sign}.{digits}f}, {high:{sign}.{digits}f}]"


def rouge_table(result: dict[str, Any], *, with_pr: bool = False) -> str:
    """The table of one ROUGE run: F1 with intervals and the paired difference to Lead.

    With ``with_pr`` the table shows precision and recall instead.
    """
    metrics = result["metrics"]
    if with_pr:
        header = ["method"] + [
            f"{_METRIC_LABELS[m]} {part}" for m in metrics for part in ("P", "R", "F1")
        ]
        rows = [
            [m["label"]] + [fmt_number(m["scores"][x][part]) for x in metrics for part in "prf"]
            for m in result["methods"]
        ]
        return markdown(header, rows)
    has_lead = any(m["name"] == "lead" for m in result["methods"])
    header = ["method"] + [f"{_METRIC_LABELS[m]} F1 [95% CI]" for m in metrics]
    if has_lead:
        header += [f"Δ{_METRIC_LABELS[m]} vs Lead [95% CI]" for m in ("rouge1", "rouge2")]
    rows = []
    for m in result["methods"]:
        row = [m["label"]] + [fmt_ci(m["scores"][x]) for x in metrics]
        if has_lead:
            row += [
                "–" if m["name"] == "lead" else fmt_ci(m["scores"][x], "d_lead", signed=True)
                for x in ("rouge1", "rouge2")
            ]
        if m.get("failures"):
            row[0] += f" ({len(m['failures'])} failed docs)"
        rows.append(row)
    return markdown(header, rows)


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}x"


def speed_tables(result: dict[str, Any]) -> dict[str, str]:
    """The tables of a speed run: throughput, scaling, coldstart and workers (those present)."""
    makers = {
        "throughput": _throughput_table,
        "scaling": _scaling_table,
        "coldstart": _coldstart_table,
        "workers": _workers_table,
    }
    return {part: make(result) for part, make in makers.items() if part in result}


def _throughput_table(result: dict[str, Any]) -> str:
    t = result["throughput"]
    batch = next((m for m in t["methods"] if m["name"] == "arsumm-batch"), None)
    header = ["method", "docs/s", "ms/doc", f"{t['reference_label']} speed ÷ this method's"]
    if batch is not None:
        header.append(f"{batch['label']} ÷ this method (medians)")
    rows = []
    for m in t["methods"]:
        row = [
            m["label"],
            fmt_number(m["docs_per_s"], 1),
            fmt_number(m["ms_per_doc"], 2),
            "–" if m["name"] == t["reference"] else _ratio(m.get("arsumm_ratio")),
        ]
        if batch is not None:
            own = m is batch
            row.append("–" if own else _ratio(batch["docs_per_s"] / m["docs_per_s"]))
        rows.append(row)
    table = markdown(header, rows)
    return table


def _scaling_table(result: dict[str, Any]) -> str:
    rows = []
    for m in result["scaling"]["methods"]:
        for run in m["runs"]:
            if run["status"].startswith("not run"):
                continue
            ok = run["status"] == "ok"
            rows.append(
                [
                    m["label"],
                    f"{run['size']:,}",
                    fmt_number(run.get("seconds"), 2) if ok else run["status"],
                    fmt_number(run.get("peak_rss_mb"), 0) if ok else "–",
                    fmt_number(run.get("time_exponent"), 2),
                    fmt_number(run.get("memory_exponent"), 2),
                ]
            )
    table = markdown(
        ["method", "sentences", "time (s)", "peak RSS (MB)", "time exponent", "RSS exponent"],
        rows,
    )
    return table


def _coldstart_table(result: dict[str, Any]) -> str:
    rows = [
        [
            f"`{c['command']}`",
            fmt_number(c["median_s"] * 1000, 0),
            fmt_number(c["min_s"] * 1000, 0),
        ]
        for c in result["coldstart"]["commands"]
    ]
    table = markdown(["command", "median (ms)", "min (ms)"], rows)
    c = result["coldstart"]
    if "ratio" in c:
        table += (
            f"\n\nThe CLI's median over `{c['reference']}`: {c['ratio']:.2f}x "
            f"(target: at most {c['target']:g}x)."
        )
    return table


def _workers_table(result: dict[str, Any]) -> str:
    rows = []
    for case in result["workers"]["cases"]:
        for run in case["runs"]:
            one = run["jobs"] == result["workers"]["jobs"][0]
            rows.append(
                [
                    case["label"],
                    f"{case['n_docs']:,}",
                    str(run["jobs"]),
                    fmt_number(run["docs_per_s"], 1),
                    "–" if one else _ratio(run["speedup"]),
                    "–" if one or case["target"] is None else f">= {case['target']:.2f}x",
                    fmt_number(run["first_s"], 2),
                    fmt_number(run.get("peak_worker_mb"), 0),
                    "yes" if case["identical"] else "**no**",
                ]
            )
    table = markdown(
        [
            "input",
            "documents",
            "jobs",
            "docs/s",
            "speed-up over one job",
            "target",
            "first call (s)",
            "peak per worker (MB)",
            "output identical",
        ],
        rows,
    )
    return table
