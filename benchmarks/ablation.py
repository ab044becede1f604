"""Ablation of arsumm's quality levers on EASC dev and test; writes docs/quality.md.

    python -m benchmarks.ablation --data ../shared/data/easc/easc.jsonl

Each row switches one lever of the default configuration off (or swaps it
for an alternative) and is scored with the suite's Arabic-aware ROUGE at
``ratio=0.3`` on both splits, with 95% bootstrap intervals and the paired
difference to Lead. Every setting of the default was chosen on dev
(``python -m benchmarks.train_prior``); test is only reported. The budget
sweep (ratios 0.2/0.3/0.4, ``k=1..5``) compares the default with Lead.

Results go to ``benchmarks/results/ablation.json``; ``docs/quality.md`` is
rewritten from it and the other result files (:mod:`benchmarks.quality_doc`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from arsumm import Summarizer
from arsumm.select import Budget
from benchmarks import RESULTS_DIR, quality_doc
from benchmarks.data import default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import Context
from benchmarks.methods import REGISTRY, register_arsumm_variant
from benchmarks.protocol import SWEEP, budget_tag
from benchmarks.provenance import display_path, provenance, write_json
from benchmarks.rouge import evaluate, prepare

OUT_JSON = RESULTS_DIR / "ablation.json"

#: (name, label, options) of every ablation row; the first is the default.
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("abl-default", "default (learned prior, damping 0.3, redundancy 0.3)", {}),
    (
        "abl-plain",
        "plain TextRank (uniform prior, damping 0.85, no redundancy)",
        {"prior": "uniform", "damping": 0.85, "redundancy": 0.0},
    ),
    ("abl-uniform", "uniform prior instead of the learned one", {"prior": "uniform"}),
    ("abl-position", "position prior (j+1)^-1 instead of the learned one", {"prior": "position"}),
    ("abl-prior-only", "learned prior alone (damping 0: no graph)", {"damping": 0.0}),
    ("abl-damping85", "damping 0.85 (graph weighs more)", {"damping": 0.85}),
    ("abl-no-redundancy", "no redundancy control (redundancy 0)", {"redundancy": 0.0}),
    ("abl-no-boilerplate", "no boilerplate filter", {"boilerplate": False}),
    ("abl-no-stopwords", "no stop-word list", {"stopwords": False}),
    ("abl-light", "light stemmer instead of ARLSTem", {"stemmer": "light"}),
    ("abl-snowball", "Snowball stemmer", {"stemmer": "snowball"}),
    ("abl-isri", "ISRI stemmer", {"stemmer": "isri"}),
    ("abl-nostem", "no stemmer", {"stemmer": "none"}),
    ("abl-taa", "taa marbuta folded into ha", {"taa_marbuta": True}),
]
BACKGROUND_IDF = ("abl-idf", "background IDF fitted on the EASC dev articles (fit())")


def _register(dev_texts: Sequence[str]) -> list[str]:
    names = []
    for name, label, options in VARIANTS:
        if name not in REGISTRY:
            register_arsumm_variant(name, label=label, **options)
        names.append(name)
    name, label = BACKGROUND_IDF
    if name not in REGISTRY:
        idf = Summarizer().fit(dev_texts).idf
        register_arsumm_variant(name, label=label, description="Summarizer().fit(dev)", idf=idf)
    names.append(name)
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ablation", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="easc.jsonl")
    parser.add_argument("--bootstrap", type=int, default=10_000)
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite docs/quality.md from the JSON"
    )
    args = parser.parse_args(argv)
    if args.render_only:
        quality_doc.write_all()
        return 0
    data = args.data or default_data_path()
    documents = load_documents(data)
    splits = load_splits(data.with_name("splits.json"))
    dev_docs = load_split(documents, splits, "dev")
    context = Context(background=[d.text for d in dev_docs], memoize=True)
    names = _register([d.text for d in dev_docs])
    record: dict[str, Any] = {
        "provenance": provenance("benchmarks.ablation", sys.argv[1:] if argv is None else argv),
        "data": display_path(data),
        "ablation": {},
        "sweep": {},
    }
    for split in ("dev", "test"):
        docs = prepare(load_split(documents, splits, split))
        print(f"ablation on {split}", file=sys.stderr)
        record["ablation"][split] = evaluate(
            docs, [*names, "lead"], Budget.of(ratio=0.3), context, samples=args.bootstrap
        )
        record["sweep"][split] = []
        for budget in SWEEP:
            entry = evaluate(docs, ["arsumm", "lead"], budget, context, samples=args.bootstrap)
            entry["tag"] = budget_tag(budget)
            record["sweep"][split].append(entry)
    for split in ("dev", "test"):
        for entry in [record["ablation"][split], *record["sweep"][split]]:
            for method in entry["methods"]:
                method.pop("per_doc_f", None)
    write_json(OUT_JSON, record)
    print(quality_doc.write_all())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
