"""ROUGE of arsumm, its variants, baselines and peers on EASC, under one budget rule.

Usage (from the project root)::

    python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split test --ratio 0.3
    python -m benchmarks.rouge --split test --ratio 0.2 0.3 0.4 --k 1 2 3 4 5
    python -m benchmarks.rouge --split dev --ratio 0.3 --methods arsumm lead --variant \\
        arsumm-light:stemmer=light

For each budget the run prints a markdown table and writes
``benchmarks/results/rouge-<split>-<budget>.json`` with F1, precision and
recall of ROUGE-1, ROUGE-2 and ROUGE-Lsum for every method: the mean over a
document's references, then the mean over documents with a seeded 95%
bootstrap interval, and the paired difference to Lead with its interval.
Per-document F1 values are kept, so any other comparison can be made from
the file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from arsumm.select import Budget
from benchmarks import RESULTS_DIR
from benchmarks.data import DataError, default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import Context, Method, MethodUnavailable, Prepared
from benchmarks.methods import REGISTRY, available, parse_variant, register_arsumm_variant
from benchmarks.protocol import budget_tag
from benchmarks.provenance import display_path, provenance, write_json
from benchmarks.scoring import (
    METRICS,
    Rouge,
    bootstrap_indices,
    interval,
    reference_text,
    summary_text,
)
from benchmarks.tables import rouge_table

__all__ = ["MethodRun", "evaluate", "main", "prepare", "score_method"]


def prepare(
    documents: Sequence[Any], *, unit: str = "sentence", title: bool = False
) -> list[Prepared]:
    """Wrap corpus documents for the methods.

    ``unit="line"`` also cuts at line breaks; ``title=True`` gives the methods
    each document's ``title`` (default: not given).
    """
    return [
        Prepared(d.id, d.text, tuple(d.references), unit, d.title if title else None)
        for d in documents
    ]


@dataclass
class MethodRun:
    """The per-document scores of one method under one budget.

    Attributes
    ----------
    p, r, f : dict of metric -> array
        Per-document precision, recall, F1 (each the mean over references and,
        for the random baseline, over seeds), in [0, 1].
    failures : list of dict
        Documents on which the method raised; they score 0.
    seconds : float
        Wall time of the method (ROUGE excluded).
    """

    p: dict[str, np.ndarray[Any, np.dtype[np.float64]]]
    r: dict[str, np.ndarray[Any, np.dtype[np.float64]]]
    f: dict[str, np.ndarray[Any, np.dtype[np.float64]]]
    failures: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def score_method(
    method: Method,
    docs: Sequence[Prepared],
    budget: Budget,
    *,
    rouge: Rouge | None = None,
    references: Sequence[Sequence[str]] | None = None,
) -> MethodRun:
    """Run ``method`` on every document and score its summaries.

    Parameters
    ----------
    method : Method
    docs : sequence of Prepared
    budget : Budget
    rouge : Rouge, optional
        Reused across calls to save its construction.
    references : sequence of sequence of str, optional
        The references of each document already in line form
        (:func:`benchmarks.scoring.reference_text`); computed if omitted.
    """
    rouge = rouge or Rouge()
    if references is None:
        references = [[reference_text(r) for r in d.references] for d in docs]
    shape = {m: np.zeros(len(docs)) for m in rouge.metrics}
    run = MethodRun(
        p={m: v.copy() for m, v in shape.items()},
        r={m: v.copy() for m, v in shape.items()},
        f={m: v.copy() for m, v in shape.items()},
    )
    for i, (doc, refs) in enumerate(zip(docs, references, strict=True)):
        start = time.perf_counter()
        try:
            summaries = method.summaries(doc, budget)
        except Exception as exc:  # a failing method scores 0 on that document and is reported
            run.failures.append({"doc": doc.id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        finally:
            run.seconds += time.perf_counter() - start
        for summary in summaries:
            scores = rouge.score_lines(summary_text(summary), refs)
            for m in rouge.metrics:
                run.p[m][i] += scores[m].p / len(summaries)
                run.r[m][i] += scores[m].r / len(summaries)
                run.f[m][i] += scores[m].f / len(summaries)
    return run


def _r(value: float) -> float:
    return round(100.0 * value, 3)


def _summarise(
    run: MethodRun, lead: MethodRun | None, indices: np.ndarray[Any, np.dtype[np.intp]]
) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for m in METRICS:
        iv = interval(run.f[m], indices)
        stat: dict[str, Any] = {
            "p": _r(float(run.p[m].mean())),
            "r": _r(float(run.r[m].mean())),
            "f": _r(iv.mean),
            "f_ci": [_r(iv.low), _r(iv.high)],
        }
        if lead is not None:
            d = interval(run.f[m] - lead.f[m], indices)
            stat["d_lead"] = _r(d.mean)
            stat["d_lead_ci"] = [_r(d.low), _r(d.high)]
        scores[m] = stat
    return scores


def evaluate(
    docs: Sequence[Prepared],
    names: Sequence[str],
    budget: Budget,
    context: Context,
    *,
    samples: int = 10_000,
    seed: int = 0,
    log: Any = None,
) -> dict[str, Any]:
    """Evaluate the named methods on ``docs`` and return the result record (without provenance).

    Methods that cannot run here (a peer not installed) are listed under
    ``skipped`` with the reason.
    """
    rouge = Rouge()
    references = [[reference_text(r) for r in d.references] for d in docs]
    runs: dict[str, MethodRun] = {}
    skipped = []
    for name in names:
        entry = REGISTRY[name]
        try:
            method = entry.factory(context)
        except (MethodUnavailable, TypeError, ValueError) as exc:  # e.g. a bad --variant option
            skipped.append({"name": name, "reason": f"{type(exc).__name__}: {exc}"})
            continue
        runs[name] = score_method(method, docs, budget, rouge=rouge, references=references)
        if log is not None:
            print(f"  {name}: {runs[name].seconds:.1f} s", file=log)
    indices = bootstrap_indices(len(docs), samples=samples, seed=seed)
    lead = runs.get("lead")
    methods = []
    for name, run in runs.items():
        entry = REGISTRY[name]
        methods.append(
            {
                "name": name,
                "label": entry.label,
                "kind": entry.kind,
                "description": entry.description,
                "options": {k: repr(v) for k, v in entry.options.items()},
                "scores": _summarise(run, lead, indices),
                "per_doc_f": {m: [_r(float(v)) for v in run.f[m]] for m in METRICS},
                "failures": run.failures,
                "seconds": round(run.seconds, 3),
            }
        )
    budget_record = {k: v for k, v in vars(budget).items() if v is not None}
    return {
        "suite": "rouge",
        "budget": budget_record,
        "metrics": list(METRICS),
        "bootstrap": {"samples": samples, "seed": seed, "level": 0.95},
        "random_seeds": context.random_seeds,
        "doc_ids": [d.id for d in docs],
        "skipped": skipped,
        "methods": methods,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.rouge",
        description="ROUGE of arsumm, baselines and peers on EASC under one length budget.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="easc.jsonl (default: $ARSUMM_DATA/easc/easc.jsonl or ../shared/data/easc/easc.jsonl)",
    )
    parser.add_argument(
        "--splits", type=Path, default=None, help="splits.json (default: beside --data)"
    )
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument(
        "--ratio", type=float, nargs="+", default=[], help="ratio budgets, e.g. 0.2 0.3 0.4"
    )
    parser.add_argument(
        "--k", type=int, nargs="+", default=[], help="sentence-count budgets, e.g. 1 2 3"
    )
    parser.add_argument(
        "--methods",
        nargs="+",
        default=None,
        metavar="NAME",
        help=f"methods to run (default: all): {', '.join(available())}",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME:key=value,...",
        help="add an arsumm configuration, e.g. arsumm-light:stemmer=light (repeatable)",
    )
    parser.add_argument("--random-seeds", type=int, default=10, help="seeds of the random baseline")
    parser.add_argument("--bootstrap", type=int, default=10_000, help="bootstrap resamples")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    parser.add_argument(
        "--unit",
        choices=("sentence", "line"),
        default="sentence",
        help="sentence: arsumm's split (the protocol); line: also cut at every line break, "
        "a diagnostic for Lead and the oracle",
    )
    parser.add_argument("--out-dir", type=Path, default=RESULTS_DIR, help="where to write JSON")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ROUGE benchmark from the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    data = args.data or default_data_path()
    splits_path = args.splits or data.parent / "splits.json"
    try:
        corpus = load_documents(data)
        splits = load_splits(splits_path)
        chosen = load_split(corpus, splits, args.split)
        background = [d.text for d in load_split(corpus, splits, "dev")]
    except DataError as exc:
        print(f"benchmarks.rouge: error: {exc}", file=sys.stderr)
        return 1
    for spec in args.variant:
        try:
            name, options = parse_variant(spec)
        except ValueError as exc:
            print(f"benchmarks.rouge: error: {exc}", file=sys.stderr)
            return 2
        register_arsumm_variant(name, **options)
    names = args.methods or available()
    names += [parse_variant(v)[0] for v in args.variant if parse_variant(v)[0] not in names]
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        print(
            f"benchmarks.rouge: error: unknown method(s) {unknown}; known: {available()}",
            file=sys.stderr,
        )
        return 2
    names = sorted(dict.fromkeys(names), key=available().index)
    budgets = [Budget.of(ratio=r) for r in args.ratio] + [Budget.of(k=k) for k in args.k]
    if not budgets:
        budgets = [Budget.of(ratio=0.3)]
    context = Context(background=background, random_seeds=args.random_seeds, memoize=True)
    docs = prepare(chosen, unit=args.unit)
    prov = provenance("benchmarks.rouge", args_list)
    data_record = {
        "path": display_path(data),
        "sha256": _sha256(data),
        "split": args.split,
        "n_docs": len(docs),
        "unit": args.unit,
        "background": f"EASC dev articles ({len(background)}), for lexrank's IDF",
    }
    for budget in budgets:
        tag = budget_tag(budget)
        print(f"## EASC {args.split}, {tag}, {len(docs)} documents", file=sys.stderr)
        result = evaluate(
            docs, names, budget, context, samples=args.bootstrap, seed=args.seed, log=sys.stderr
        )
        record = {"provenance": prov, "data": data_record, **result}
        print(f"\n### EASC {args.split}, {tag} ({len(docs)} documents, F1 x100)\n")
        print(rouge_table(record))
        for s in record["skipped"]:
            print(f"\nskipped {s['name']}: {s['reason']}")
        if not args.no_write:
            suffix = "" if args.unit == "sentence" else f"-{args.unit}s"
            path = args.out_dir / f"rouge-{args.split}-{tag}{suffix}.json"
            write_json(path, record)
            print(f"\nwrote {display_path(path)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
