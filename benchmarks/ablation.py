"""Ablation of arsumm's quality levers on EASC dev and test; writes docs/quality.md.

    python -m benchmarks.ablation --data ../shared/data/easc/easc.jsonl

Each row switches one lever of the default configuration off (or swaps it
for an alternative) and is scored with the suite's Arabic-aware ROUGE at
``ratio=0.3`` on both splits, with 95% bootstrap intervals and the paired
difference to Lead. Every setting of the default was chosen on dev
(``python -m benchmarks.train_prior``); test is only reported. The budget
sweep (ratios 0.2/0.3/0.4, ``k=1..5``) compares the default with Lead.

Results go to ``benchmarks/results/ablation.json`` and ``docs/quality.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from arsumm import Summarizer
from arsumm.select import Budget
from benchmarks import RESULTS_DIR, ROOT
from benchmarks.data import default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import Context
from benchmarks.methods import REGISTRY, register_arsumm_variant
from benchmarks.protocol import SWEEP, budget_tag
from benchmarks.provenance import display_path, provenance, read_json, write_json
from benchmarks.rouge import evaluate, prepare
from benchmarks.tables import fmt_ci, fmt_number, markdown

OUT_JSON = RESULTS_DIR / "ablation.json"
OUT_DOC = ROOT / "docs" / "quality.md"
STUDY_JSON = RESULTS_DIR / "dev-study.json"

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


def _row(method: dict[str, Any]) -> list[str]:
    s = method["scores"]
    cells = [fmt_ci(s[m]) for m in ("rouge1", "rouge2", "rougeLsum")]
    cells.append(fmt_ci(s["rouge1"], "d_lead", signed=True) if "d_lead" in s["rouge1"] else "–")
    return cells


def render(record: dict[str, Any], study: dict[str, Any] | None = None) -> str:
    """Return docs/quality.md for an ablation record and, if given, the dev study's."""
    prov = record["provenance"]
    commit = prov.get("commit")
    lines = [
        "# Summary quality",
        "",
        "How good arsumm's summaries are on EASC, what each part of the pipeline",
        "contributes, and why the default is what it is.",
        "",
        f"Produced by `{prov['command']}` at commit `{commit}`"
        + (" (with uncommitted changes)" if prov.get("dirty") else "")
        + f", data `{record['data']}`.",
        "ROUGE F1 x100 with the suite's Arabic-aware tokenizer (see",
        "[benchmarks](benchmarks.md)), mean over the 5 references and over articles,",
        "95% bootstrap intervals; ΔR-1 is the paired difference to Lead.",
        "",
        "## The default, and how it was chosen",
        "",
        "TextRank stays the core: sentences are compared through TF-IDF vectors and",
        "ranked by PageRank over the similarity graph. Three levers change it:",
        "",
        "- **A learned prior as the PageRank teleport** (biased TextRank). A log-linear",
        "  model over ten generic sentence features (position, length, similarity to",
        "  the first sentence and to the whole article, headline and question shape,",
        "  share of content words, paragraph start) says where the random walk",
        "  restarts. Its coefficients are in `arsumm/data/prior.json`, fitted by",
        "  `python -m benchmarks.train_prior` on the EASC **dev** split only.",
        "- **Damping 0.3**: the walk follows the graph 30% of the time and restarts",
        "  from the prior 70% of the time.",
        "- **Redundancy control 0.3**: selection by maximal marginal relevance, so a",
        "  sentence very similar to one already chosen loses its place.",
        "",
        "The prior's regularisation and temperature, the damping and the redundancy",
        "weight were chosen together by 5-fold cross-validation inside dev, repeated",
        "with three seeds, maximising mean ROUGE-1/ROUGE-2 F1 over the budgets 0.2,",
        "0.3 and 0.4 (so that a setting good at one budget only does not win). The",
        "test split was read only to fill the tables below. The boilerplate filter",
        "(on by default) does not change EASC, which is clean text: it is there for",
        "scraped news pages (`tests/test_quality_features.py` runs it on one).",
        "",
    ]
    for split in ("dev", "test"):
        table = record["ablation"][split]
        lines += [
            f"## Ablation on {split} ({len(table['doc_ids'])} articles, ratio 0.3)",
            "",
            markdown(
                ["configuration", "R-1", "R-2", "R-Lsum", "ΔR-1 vs Lead"],
                [[m["label"], *_row(m)] for m in table["methods"]],
            ),
            "",
        ]
    lines += ["## Other budgets: default against Lead", ""]
    for split in ("dev", "test"):
        rows = []
        for entry in record["sweep"][split]:
            methods = {m["name"]: m for m in entry["methods"]}
            ours, lead = methods["arsumm"]["scores"], methods["lead"]["scores"]
            rows.append(
                [
                    entry["tag"],
                    fmt_number(ours["rouge1"]["f"]),
                    fmt_number(lead["rouge1"]["f"]),
                    fmt_ci(ours["rouge1"], "d_lead", signed=True),
                    fmt_number(ours["rouge2"]["f"]),
                    fmt_number(lead["rouge2"]["f"]),
                    fmt_ci(ours["rouge2"], "d_lead", signed=True),
                ]
            )
        lines += [
            f"### {split}",
            "",
            markdown(
                ["budget", "arsumm R-1", "Lead R-1", "ΔR-1", "arsumm R-2", "Lead R-2", "ΔR-2"],
                rows,
            ),
            "",
        ]
    if study is not None:
        lines += _study_section(study)
    lines += [
        "## Reading the tables",
        "",
        "- On EASC the position of a sentence is the strongest signal: plain TextRank,",
        "  which ignores it, sits far below Lead, and every configuration that beats",
        "  Lead does so through its prior.",
        "- On dev the learned prior beats the plain position prior and the graph adds",
        "  to it (prior alone, damping 0, scores lower). On test the simple position",
        "  prior scores higher than the learned one; the difference is inside the",
        "  intervals, but it says that part of the learned prior's dev gain does not",
        "  carry over. The default was fixed on dev before test was read and is not",
        "  changed after the fact.",
        "- Stemmer choice, stop words, background IDF and taa marbuta move ROUGE by",
        "  under a point, inside the intervals. ARLSTem, the best of the stemmers in",
        "  the conflation test on UD Arabic-PUD, stays the default.",
        "- 47 test and 106 dev articles are few: differences under about one point",
        "  are within the intervals.",
        "",
        "## Against the targets of the quality issue",
        "",
        "The issue asks for ROUGE-1 >= 51.5, ROUGE-2 >= 44.0 and ROUGE-Lsum >= 51.0 on",
        "EASC test at ratio 0.3, with the interval of (arsumm - Lead) on ROUGE-1 above",
        "zero, and no budget below Lead. The tables above show the default short of",
        "all of it on test. Out of fold on dev the default is ahead of Lead at ratio",
        "0.3 and k = 2..4 and behind it at ratio 0.4 and k = 5 (table above). What",
        "limits it: a sentence's label (the share of the five annotators who picked",
        "it) is only weakly predictable from generic features. Ranking by the true",
        "labels reaches about 55 ROUGE-1 on dev, but part of that ceiling is the",
        "annotation patterns of the census above, and the models fitted on dev",
        "(pointwise ridge, gradient boosting, pairwise logistic regression, direct",
        "coordinate search on ROUGE, the extra features of the last table) stay",
        "within about 1.5 points of Lead out of fold.",
        "",
    ]
    return "\n".join(lines)


def _study_section(study: dict[str, Any]) -> list[str]:
    """The out-of-fold dev study (``benchmarks.dev_study``) as markdown lines."""
    prov = study["provenance"]
    rows = [
        [
            row["tag"],
            fmt_number(row["default_rouge1"]["mean"]),
            fmt_number(row["lead_rouge1"]["mean"]),
            _signed(row["d_rouge1"]),
            fmt_number(row["default_rouge2"]["mean"]),
            fmt_number(row["lead_rouge2"]["mean"]),
            _signed(row["d_rouge2"]),
        ]
        for row in study["sweep"]
    ]
    census = study["census"]
    kinds = [
        [
            k["kind"],
            str(k["count"]),
            str(k["articles"]),
            fmt_number(k["lead_rouge1"]),
            fmt_number(k["default_rouge1"]),
        ]
        for k in census["kinds"]
    ]
    candidates = study["candidates"]
    features = [[r["features"], fmt_number(r["rouge1"], 2)] for r in candidates["rows"]]
    features.append(["Lead", fmt_number(candidates["lead_rouge1"], 2)])
    setting = study["setting"]
    return [
        "## Dev out of fold: the honest dev estimate",
        "",
        "The shipped prior was fitted on all of dev, so the dev rows above are",
        "in-sample. Here it is refitted in each fold of 5-fold cross-validation by",
        "article (repeated with three seeds) with the recorded setting (C",
        f"{setting['C']}, temperature {setting['temperature']}, damping "
        f"{setting['damping']}, redundancy {setting['redundancy']}), so each dev article",
        "is summarised by a model that did not see it. Produced by",
        f"`{prov['command']}` at commit `{prov.get('commit')}`"
        + (" (with uncommitted changes)" if prov.get("dirty") else "")
        + f"; {study['articles']} dev articles, the test split is not read; ROUGE F1",
        "x100 with the arithmetic of `benchmarks.train_prior` (the suite's tokenizer),",
        "paired bootstrap intervals.",
        "",
        markdown(
            ["budget", "arsumm R-1", "Lead R-1", "ΔR-1", "arsumm R-2", "Lead R-2", "ΔR-2"],
            rows,
        ),
        "",
        "### What the human summaries of dev look like",
        "",
        f"Each of the {census['references']} dev summaries is classed by the sentences",
        "it contains (`benchmarks.dev_study.reference_kind`): the first *m* sentences",
        "(lead prefix), exactly sentences 1, 3, 5, ... of the article (every other",
        "sentence, at least three), or anything else. ROUGE-1 at ratio 0.3 of Lead and",
        "of the out-of-fold default against the summaries of each kind:",
        "",
        markdown(["kind", "summaries", "articles", "Lead R-1", "arsumm R-1"], kinds),
        "",
        "The every-other-sentence summaries are a way of picking half an article",
        "without weighing its sentences, not a property of good summaries, and the",
        "lead-prefix ones reward Lead by construction. Both raise the ceiling of",
        "ranking by annotator share; neither is something a summarizer for other",
        "news should learn, and arsumm has no feature that could (no sentence",
        "parity). Against the other summaries, the ones that reflect a choice, the",
        "default is ahead of Lead by about two points.",
        "",
        "### Candidate features (dev, out of fold)",
        "",
        "Each extra generic feature added to the prior's ten, refitted and scored",
        "out of fold as above; mean ROUGE-1 over the ratios 0.2, 0.3 and 0.4 (the",
        "objective of `benchmarks.train_prior`). None moves the score by more than",
        "the fold-to-fold noise, so none was added.",
        "",
        markdown(["prior features", "mean R-1"], features),
        "",
    ]


def _signed(stat: dict[str, float]) -> str:
    return f"{stat['mean']:+.1f} [{stat['low']:+.1f}, {stat['high']:+.1f}]"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ablation", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="easc.jsonl")
    parser.add_argument("--bootstrap", type=int, default=10_000)
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite docs/quality.md from the JSON"
    )
    args = parser.parse_args(argv)
    study = read_json(STUDY_JSON) if STUDY_JSON.exists() else None
    if args.render_only:
        OUT_DOC.write_text(render(read_json(OUT_JSON), study), encoding="utf-8")
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
    text = render(record, study)
    OUT_DOC.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
