"""Regenerate ``docs/benchmarks.md`` and its plots from ``benchmarks/results/*.json``.

Usage (from the project root)::

    python -m benchmarks.report

The report only reads result files; it never reruns a benchmark. Each table
and plot names the command and the commit of the run that produced it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import RESULTS_DIR, ROOT
from benchmarks.provenance import display_path, git_commit, read_json
from benchmarks.scoring import METRICS
from benchmarks.tables import fmt_number, markdown, rouge_table, speed_tables

__all__ = ["main", "render"]

DOC = ROOT / "docs" / "benchmarks.md"
IMG = ROOT / "docs" / "img"

#: The figures issue 4 quotes for EASC test at ratio 0.3 (R-1, R-2, R-Lsum F1).
ISSUE4 = {
    "lead": (48.2, 40.4, 47.5),
    "oracle": (57.8, 51.8, 57.3),
    "random": (37.7, 27.1, 36.5),
    "sumy-textrank": (38.5, 28.8, 37.4),
    "summa-textrank": (40.3, 30.3, 39.0),
    "sumy-lexrank": (44.0, 34.2, 43.0),
}

_LABEL = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}


def _source(record: dict[str, Any]) -> str:
    prov = record["provenance"]
    commit = prov.get("commit") or "unknown"
    dirty = " plus uncommitted changes" if prov.get("dirty") else ""
    return f"Command: `{prov['command']}` · commit `{commit}`{dirty} · {prov['date']}"


def _budget_name(record: dict[str, Any]) -> str:
    budget = record["budget"]
    if "ratio" in budget:
        return f"ratio {budget['ratio']:g}"
    if "k" in budget:
        return f"k={budget['k']}"
    return f"{budget['max_words']} words"


def _budget_key(record: dict[str, Any]) -> tuple[int, float]:
    budget = record["budget"]
    return (0, budget["ratio"]) if "ratio" in budget else (1, budget.get("k", 0))


def _load(results: Path, pattern: str) -> list[dict[str, Any]]:
    return [read_json(p) for p in sorted(results.glob(pattern))]


# -- plots ----------------------------------------------------------------------


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _stamp(fig: Any, record: dict[str, Any]) -> None:
    prov = record["provenance"]
    dirty = " + uncommitted changes" if prov.get("dirty") else ""
    fig.text(
        0.005,
        0.005,
        f"{prov['command']}  (commit {prov.get('commit') or 'unknown'}{dirty})",
        fontsize=5.5,
        color="grey",
    )


def plot_rouge(record: dict[str, Any], path: Path) -> None:
    """Horizontal bars: F1 of each method and metric, with 95% intervals."""
    plt = _pyplot()
    methods = record["methods"][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(methods) + 1.4))
    height = 0.26
    colors = {"rouge1": "#4477aa", "rouge2": "#ee6677", "rougeLsum": "#228833"}
    for j, metric in enumerate(record["metrics"]):
        ys = [i + (1 - j) * height for i in range(len(methods))]
        values = [m["scores"][metric]["f"] for m in methods]
        errors = [
            [v - m["scores"][metric]["f_ci"][0] for v, m in zip(values, methods, strict=True)],
            [m["scores"][metric]["f_ci"][1] - v for v, m in zip(values, methods, strict=True)],
        ]
        ax.barh(
            ys,
            values,
            height,
            xerr=errors,
            color=colors[metric],
            label=_LABEL[metric],
            error_kw={"elinewidth": 0.8, "capsize": 2},
        )
    lead = next((m for m in methods if m["name"] == "lead"), None)
    if lead is not None:
        ax.axvline(
            lead["scores"]["rouge1"]["f"],
            color="#4477aa",
            linestyle=":",
            linewidth=0.8,
            label="Lead, ROUGE-1",
        )
    ax.set_yticks(range(len(methods)))
    ax.set_yticklabels([m["label"] for m in methods])
    ax.set_xlabel("F1 x100 (mean over documents, 95% bootstrap interval)")
    ax.set_title(
        f"EASC {record['data']['split']}, {_budget_name(record)} "
        f"({record['data']['n_docs']} documents)",
        pad=28,
    )
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, fontsize="small")
    highest = max(m["scores"][x]["f_ci"][1] for m in methods for x in record["metrics"])
    ax.set_xlim(0, 10 * (int(highest) // 10 + 1))
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    _stamp(fig, record)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90, metadata={"Software": None})
    plt.close(fig)


def plot_scaling(record: dict[str, Any], path: Path, key: str) -> None:
    """Log-log plot of time (``key="seconds"``) or peak RSS against document size.

    A run that timed out is marked x: on the time plot at the timeout (its
    time is at least that), on the memory plot at the peak sampled before it
    was stopped. A run that ran out of memory is marked x at the memory limit.
    """
    plt = _pyplot()
    from matplotlib.ticker import FuncFormatter, LogLocator

    fig, ax = plt.subplots(figsize=(8.5, 4.5))
    scaling = record["scaling"]
    for method in scaling["methods"]:
        if method["name"] == "noop":
            continue
        ok = [r for r in method["runs"] if r["status"] == "ok"]
        if not ok:
            continue
        (line,) = ax.plot(
            [r["sentences"] for r in ok], [r[key] for r in ok], marker="o", label=method["label"]
        )
        for run in method["runs"]:
            if run["status"] == "timeout":
                y = scaling["timeout_s"] if key == "seconds" else run.get("peak_rss_mb")
            elif run["status"] == "out of memory":
                y = scaling["mem_limit_mb"] if key == "peak_rss_mb" else None
            else:
                continue
            if y:
                ax.plot([run["size"]], [y], marker="x", color=line.get_color(), linestyle="")
    if key == "peak_rss_mb":
        ax.axhline(
            scaling["floor_rss_mb"],
            color="grey",
            linestyle=":",
            linewidth=0.8,
            label="interpreter + imports",
        )
        ax.set_ylabel("peak RSS (MB)")
        ax.set_title("x: timed out (peak before it was stopped) or out of memory", fontsize="small")
    else:
        ax.set_ylabel("time to summarise (s)")
        ax.set_title(f"x: timed out ({scaling['timeout_s']:g} s)", fontsize="small")
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _pos: f"{value:g}")
    ax.xaxis.set_major_formatter(plain)
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda value, _pos: ""))
    ax.set_xlabel("sentences in the document")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(True, which="major", linewidth=0.3)
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    _stamp(fig, record)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90, metadata={"Software": None})
    plt.close(fig)


# -- text -----------------------------------------------------------------------


def _budget_tables(records: list[dict[str, Any]]) -> str:
    records = sorted(records, key=_budget_key)
    names: list[str] = []
    labels: dict[str, str] = {}
    for record in records:
        for m in record["methods"]:
            if m["name"] not in labels:
                names.append(m["name"])
                labels[m["name"]] = m["label"]
    header = ["method"] + [_budget_name(r) for r in records]
    rows = []
    for name in names:
        row = [labels[name]]
        for record in records:
            m = next((x for x in record["methods"] if x["name"] == name), None)
            if m is None:
                row.append("–")
                continue
            cell = " / ".join(fmt_number(m["scores"][x]["f"]) for x in ("rouge1", "rouge2"))
            d = m["scores"]["rouge1"]
            if name != "lead" and "d_lead_ci" in d:
                if d["d_lead_ci"][0] > 0:
                    cell += " ↑"
                elif d["d_lead_ci"][1] < 0:
                    cell += " ↓"
            row.append(cell)
        rows.append(row)
    return markdown(header, rows)


def _sanity(headline: dict[str, Any] | None, lines: dict[str, Any] | None) -> list[str]:
    if headline is None:
        return []
    out = [
        "## Sanity check against the figures of issue 4",
        "",
        "Issue 4 quotes EASC test figures at ratio 0.3 measured before this suite existed. "
        "Lead and the oracle are deterministic, so they are the check that the suite measures "
        "the same thing:",
        "",
    ]
    by_name = {m["name"]: m for m in headline["methods"]}
    rows = []
    for name, quoted in ISSUE4.items():
        if name not in by_name:
            continue
        ours = [by_name[name]["scores"][x]["f"] for x in METRICS]
        row = [
            by_name[name]["label"],
            " / ".join(f"{q:.1f}" for q in quoted),
            " / ".join(f"{v:.1f}" for v in ours),
        ]
        if lines is not None:
            line_m = next((m for m in lines["methods"] if m["name"] == name), None)
            row.append(
                "–"
                if line_m is None or line_m["kind"] == "arsumm"
                else " / ".join(f"{line_m['scores'][x]['f']:.1f}" for x in METRICS)
            )
        rows.append(row)
    header = ["method", "issue 4 (R-1 / R-2 / R-Lsum)", "this suite"]
    if lines is not None:
        header.append("this suite, line units")
    out += [markdown(header, rows), ""]

    def gap(name: str, record: dict[str, Any] | None) -> float | None:
        m = (
            None
            if record is None
            else next((x for x in record["methods"] if x["name"] == name), None)
        )
        if m is None:
            return None
        return max(
            abs(float(m["scores"][x]["f"]) - q) for x, q in zip(METRICS, ISSUE4[name], strict=True)
        )

    lead_gap, oracle_gap, line_gap = (
        gap("lead", headline),
        gap("oracle", headline),
        gap("oracle", lines),
    )
    text = (
        f"Lead agrees to within {fmt_number(lead_gap, 2)} points. The oracle differs by up to "
        f"{fmt_number(oracle_gap, 2)} points. The oracle is sensitive to the size of the units "
        "it may pick: EASC's AlRai and AlWatan articles are hard-wrapped at about 80 characters, "
        "and arsumm joins the wrapped lines back into sentences."
    )
    if line_gap is not None:
        text += (
            " Cutting the units at every line break as well (last column) brings the oracle to "
            f"within {fmt_number(line_gap, 2)} points of issue 4's, while Lead hardly moves: "
            "issue 4's figures were most likely measured on line units."
        )
    text += (
        " The suite keeps arsumm's sentences, the units every method here selects from. The "
        "peers and random differ from issue 4 by a point or two; how they were set up there "
        "(tokenizer, stop words, budget rule, seeds) is not recorded, while here it is "
        "documented in the protocol below."
    )
    out += [text, ""]
    if lines is not None:
        out += [f"Line units: {_source(lines)}", ""]
    return out


_PROTOCOL = """\
## Protocol

- **Data.** EASC (153 Arabic articles, 5 human extractive summaries each), read from
  `../shared/data/easc/` or `--data`; never copied into the repository. Headline figures on
  the test split (47 articles); settings are chosen on the dev split (106).
- **Length budget.** The same rule for every method (`arsumm.select.select`): walk the
  sentences from best to worst, take a sentence if it fits in what is left of the budget,
  always take the best one; `--ratio 0.3` means 30% of the article's words
  (`len(text.split())`). `--k N` takes N sentences.
- **Sentences.** Every method except arsumm itself receives `arsumm.split_sentences` of the
  article; arsumm splits the article itself (the same splitter). Only the ranking differs.
- **ROUGE.** The `rouge-score` package with our tokenizer (`benchmarks.scoring`): letter runs
  and digit runs after `arsumm.normalize.normalize` (tashkeel, tatweel and invisible format
  characters removed; أ إ آ ٱ → ا; ى → ي; Arabic-Indic digits → ASCII), on both sides. EASC
  references had their hamza stripped, which this normalisation undoes. ROUGE-1, ROUGE-2 and
  summary-level ROUGE-L (`rougeLsum`), F1 in the tables; precision and recall are in the JSON
  files. For ROUGE-Lsum the candidate has one sentence per line (inner whitespace folded) and
  each reference is split into sentences with `arsumm.split_sentences` (EASC references are
  single paragraphs).
- **Averaging.** Mean over a document's 5 references, then mean over documents, with a 95%
  percentile bootstrap interval (10,000 resamples of the documents, seed 0). Differences to
  Lead are paired: per-document differences, resampled with the same documents.
  ↑ / ↓ in the budget table: the interval of the R-1 difference to Lead lies entirely above /
  below zero.
- **Baselines.** Lead: the first sentences under the budget rule. Random: a random order
  under the budget rule, ROUGE averaged over seeds 0–9 (seeded per document by its id).
  Greedy oracle: starting empty, add the sentence that most increases the mean over the
  references of ROUGE-1 F1 + ROUGE-2 F1; stop when nothing increases it or nothing fits the
  budget. It reads the references: it is an upper bound, not a method.
- **arsumm.** `Summarizer(**options).summarize(text, ...)`, the public
  API. Variants are registered by name in `benchmarks/methods.py`
  (`register_arsumm_variant`), or added on the command line with
  `--variant NAME:key=value,...`.
- **Peers.** Installed with the `bench` extra; nothing is downloaded at run time (NLTK's punkt
  data, which sumy's Arabic tokenizer needs, is not used).
  - *sumy* (TextRank, LexRank, LSA, Luhn): a document model built from our sentences, words
    from `arsumm.normalize.tokenize`, sumy's `Stemmer("arabic")` (NLTK Snowball) and its
    Arabic stop words (normalised). sumy returns sentences without scores; the adapter
    records the ratings sumy computes just before it sorts them, so the ranking is sumy's.
  - *summa* (TextRank): `summa.summarizer.summarize` re-splits the text itself (on `.!?` and
    line breaks, not on `؟`) and returns text, so it cannot take our split. The adapter runs
    summa's pipeline step by step on our sentences (its Arabic stop words and Snowball
    stemmer, its graph, edge weights and PageRank); sentences summa drops score 0.
  - *lexrank* (the `lexrank` package): on a single document every word has IDF 0 and every
    sentence the same score, so its IDF is learnt from the EASC dev articles (texts only);
    words from `arsumm.normalize.tokenize` minus its Arabic stop words (normalised);
    `rank_sentences` with the package's defaults.
- **Ties** are broken by position for every method (`arsumm.rank.order_by_score`): a method
  that gives all sentences the same score degenerates to Lead.
"""


def _rouge_parts(
    rouge_files: dict[tuple[str, str, str], dict[str, Any]],
    img_dir: Path,
    rel: Callable[[Path], str],
) -> list[str]:
    """The EASC ROUGE sections of the page (headline cell, other budgets, dev)."""
    headline = rouge_files.get(("test", "sentence", "ratio 0.3"))
    parts: list[str] = []
    if headline is not None:
        png = img_dir / "rouge-test-ratio0.3.png"
        plot_rouge(headline, png)
        parts += [
            "## ROUGE on EASC test at 30% of the words",
            "",
            f"{headline['data']['n_docs']} documents; F1 x100, mean over the 5 references and "
            "the documents, 95% bootstrap interval; Δ: paired difference to Lead.",
            "",
            rouge_table(headline),
            "",
            _source(headline),
            "",
            f"![ROUGE F1 per method with 95% intervals]({rel(png)})",
            "",
            "Precision and recall (x100) of the same run:",
            "",
            rouge_table(headline, with_pr=True),
            "",
        ]
        for s in headline.get("skipped", []):
            parts += [f"Not run: {s['name']} ({s['reason']}).", ""]
    test_budgets = [
        r for (split, unit, _), r in rouge_files.items() if split == "test" and unit == "sentence"
    ]
    if len(test_budgets) > 1:
        parts += [
            "## Other length budgets (EASC test)",
            "",
            "ROUGE-1 / ROUGE-2 F1 x100. ↑ / ↓: the paired 95% interval of the ROUGE-1 difference "
            "to Lead lies entirely above / below zero.",
            "",
            _budget_tables(test_budgets),
            "",
        ]
        sources = sorted({_source(r) for r in test_budgets})
        parts += [*(f"- {s}" for s in sources), ""]
    dev = rouge_files.get(("dev", "sentence", "ratio 0.3"))
    if dev is not None:
        parts += [
            "## EASC dev at 30% of the words",
            "",
            "The split on which settings are chosen. The CI quality gate "
            "(`tests/test_quality_gate.py`) checks this cell and one dev cell of each news "
            "corpus of the quality panel ([quality](quality.md)): default arsumm may not fall "
            "more than 0.5 points of ROUGE-1 or ROUGE-2 below `benchmarks/baseline.json`. "
            "Record a new level on purpose with `python -m benchmarks.panel --write-baseline`.",
            "",
            rouge_table(dev),
            "",
            _source(dev),
            "",
        ]
    return parts


def _speed_parts(results: Path, img_dir: Path, rel: Callable[[Path], str]) -> list[str]:
    """The speed sections of the page (throughput, scaling, cold start, workers)."""
    parts: list[str] = []
    speed = {
        part: _load(results, f"speed-{part}.json")
        for part in ("throughput", "scaling", "coldstart", "workers")
    }
    if any(speed.values()):
        parts += ["## Speed", ""]
    if speed["throughput"]:
        record = speed["throughput"][0]
        t = record["throughput"]
        parts += [
            "### Throughput on EASC",
            "",
            f"All {t['n_docs']} articles, summarised from raw text at ratio {t['ratio']:g}, warm, "
            f"single-threaded BLAS; median of {t['repeats']} passes. Each pass of a method "
            f"follows a pass of {t['reference_label']}; the fourth column is the median ratio "
            "of those paired passes (how many times faster arsumm is), the fifth the same "
            "for `summarize_many` (the batch API, one call for all articles), from the "
            "medians. Peers' times include arsumm's sentence split, which they are given.",
            "",
            speed_tables(record)["throughput"],
            "",
            _source(record),
            "",
        ]
        for s in t.get("skipped", []):
            parts += [f"Not run: {s['name']} ({s['reason']}).", ""]
    if speed["scaling"]:
        record = speed["scaling"][0]
        sc = record["scaling"]
        time_png, mem_png = img_dir / "scaling-time.png", img_dir / "scaling-memory.png"
        plot_scaling(record, time_png, "seconds")
        plot_scaling(record, mem_png, "peak_rss_mb")
        parts += [
            "### Scaling with document length",
            "",
            f"Synthetic documents made of the {sc['pool_sentences']:,} EASC sentences repeated "
            "in order, one per line. One process per (method, size), timeout "
            f"{sc['timeout_s']:g} s, address-space limit {sc['mem_limit_mb']:,} MiB; a method "
            "that times out or runs out of memory is not run on larger sizes (they are left out "
            "of the table). Time: the "
            "summarising call alone (ratio 0.3), in a fresh process, so every word is stemmed "
            "for the first time; a run shorter than "
            f"{sc['short_run_s']:g} s is repeated in {sc['repeats']} fresh "
            "processes and the median shown. Peak RSS: the whole process, including the "
            f"interpreter and imports ({sc['floor_rss_mb']:.0f} MB, the noop row). Exponents "
            "between consecutive sizes: 1 is linear, 2 quadratic; the RSS exponent is computed "
            "above the noop floor. summa merges identical sentences into one graph node: "
            f"above {sc['pool_sentences']:,} sentences its graph stops growing, which is why "
            "its time levels off here (a real book repeats few sentences).",
            "",
            speed_tables(record)["scaling"],
            "",
            _source(record),
            "",
            f"![time against document size, log-log]({rel(time_png)})",
            "",
            f"![peak memory against document size, log-log]({rel(mem_png)})",
            "",
        ]
    if speed["coldstart"]:
        record = speed["coldstart"][0]
        c = record["coldstart"]
        parts += [
            "### Command-line cold start",
            "",
            f"Wall time from a cold interpreter, median and minimum of {c['repeats']} "
            f"alternating runs; FILE is {c['file']}.",
            "",
            speed_tables(record)["coldstart"],
            "",
            _source(record),
            "",
        ]
    if speed["workers"]:
        record = speed["workers"][0]
        w = record["workers"]
        parts += [
            "### Worker processes",
            "",
            f"One job against {', '.join(map(str, w['jobs'][1:]))} on a machine with "
            f"{w['cpus']} CPUs, side by side in one run, median of {w['repeats']} alternating "
            "calls (at least 15 for the EASC case, a fraction of a second a call) "
            "after an untimed first call (its time is in the table: for the API it "
            "includes starting the fork server); the speed-up is the median of the paired "
            "ratios, the target the one issue 15 asks for (one size of each interface; the "
            "other shows how the speed-up grows with the input). `summarize_many(texts, k=3, "
            "n_jobs=N)` on the ANT-BBC articles twice and ten times over and on EASC; "
            "`arsumm batch FILE --jobs N -k 3 -o OUT` on JSON Lines files of the ANT-BBC "
            "articles repeated (one process per call); `arsumm.dask.summarize_bag` on a "
            "`LocalCluster` of N one-thread worker processes, over `arsumm.dask.read_jsonl` "
            "of the ANT-BBC files (the "
            "workers read their byte ranges themselves). Output identical: every setting "
            "gives what one job gives (the batch files byte for byte). Peak per worker: the "
            "largest VmHWM of a worker process.",
            "",
            speed_tables(record)["workers"],
            "",
            _source(record),
            "",
        ]
        if w.get("limit") is not None:
            parts += [f"A smoke run: every input capped at {w['limit']} documents.", ""]
    return parts


def render(results: Path, img_dir: Path, doc_path: Path) -> str:
    """Build the markdown text (and write the plots under ``img_dir``)."""
    img_rel = Path("img") if img_dir.parent == doc_path.parent else img_dir

    def rel(path: Path) -> str:
        return (img_rel / path.name).as_posix()

    rouge_files = {
        (r["data"]["split"], r["data"].get("unit", "sentence"), _budget_name(r)): r
        for r in _load(results, "rouge-*.json")
    }
    headline = rouge_files.get(("test", "sentence", "ratio 0.3"))
    lines_run = rouge_files.get(("test", "line", "ratio 0.3"))
    now = git_commit()
    parts = [
        "# Benchmarks",
        "",
        "<!-- Generated by `python -m benchmarks.report` from benchmarks/results/*.json; "
        "edit benchmarks/report.py, not this file. -->",
        "",
        "How good and how fast arsumm is, against the baselines and the summarizers a user would "
        "pick instead, on the same documents under the same length budget. Regenerated by "
        f"`python -m benchmarks.report` (commit `{now['commit']}`); every table names the run "
        "that produced it.",
        "",
        "The quality panel, every (corpus, budget) cell of EASC, ANT-BBC and SaudiNewsNet "
        "against Lead with the peers and the oracle, is in [quality](quality.md) "
        "(`python -m benchmarks.panel`); this page is the EASC benchmark and the speed runs.",
        "",
        "## Reproduce",
        "",
        "```bash",
        "pip install -e '.[bench]'",
        "python -m benchmarks.panel --split dev && python -m benchmarks.panel --split test",
        "python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split test "
        "--ratio 0.2 0.3 0.4 --k 1 2 3 4 5",
        "python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split dev --ratio 0.3",
        "python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split test "
        "--ratio 0.3 --unit line --methods lead oracle",
        "python -m benchmarks.speed --data ../shared/data/easc/easc.jsonl",
        "python -m benchmarks.report",
        "```",
        "",
    ]
    parts += _rouge_parts(rouge_files, img_dir, rel)
    parts += _sanity(headline, lines_run)
    parts += _speed_parts(results, img_dir, rel)
    parts.append(_PROTOCOL)
    return "\n".join(parts).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the report; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.report",
        description="Regenerate docs/benchmarks.md and docs/img/*.png from benchmarks/results.",
    )
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    parser.add_argument("--out", type=Path, default=DOC)
    parser.add_argument("--img-dir", type=Path, default=IMG)
    args = parser.parse_args(argv)
    if not any(args.results.glob("*.json")):
        print(
            f"benchmarks.report: error: no results in {display_path(args.results)}; "
            "run benchmarks.rouge and benchmarks.speed first",
            file=sys.stderr,
        )
        return 1
    text = render(args.results, args.img_dir, args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
