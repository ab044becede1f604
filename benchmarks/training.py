"""Training the prior on a corpus of one's own, measured (``docs/training.md``).

Usage (from the project root)::

    python -m benchmarks.training labels     # which label works: dev splits only
    python -m benchmarks.training newsroom   # arsumm train on ANT-BBC dev, scored on test
    python -m benchmarks.training --render   # docs/training.md's tables from the results

``labels``
    For each corpus of the quality panel (EASC, ANT-BBC, SaudiNewsNet), on
    its **dev** split only: :func:`arsumm.train_prior` with each label of
    :data:`arsumm.train.LABELS`, fitted out of fold (5 folds by article,
    repeated with the seeds of :data:`benchmarks.protocol.SEEDS`; a
    document's summary is made with a prior fitted without it, its ROUGE
    averaged over the seeds) and used with ``lead="never"``; beside it the
    shipped prior with ``lead="never"``, the default summarizer and Lead,
    on the panel's cells. This is what chose
    :data:`arsumm.train.DEFAULT_LABEL`. Results:
    ``benchmarks/results/training-labels.json``.
``newsroom``
    What a newsroom gets from ``arsumm train`` with its defaults: the
    command is run on the ANT-BBC dev articles (a temporary JSON Lines file
    of the dev split, outside the repository), and the prior it writes is
    scored on the ANT-BBC **test** split against the shipped default
    (``lead="auto"``), the shipped prior with ``lead="never"``, the trained
    prior with ``lead="auto"`` and ``"never"``, and Lead; then, across
    genres, on the EASC dev split. Results:
    ``benchmarks/results/training-newsroom.json`` and the fitted prior,
    ``benchmarks/results/training-prior-ant-bbc.json``.

Scores are the panel's (:class:`benchmarks.panel.Panel`): ROUGE-1/2 F1 x100,
the mean summary words beside them, and ΔR-1 to Lead with paired 95%
bootstrap intervals. Both runs rewrite the tables of ``docs/training.md``
between its ``<!-- training:NAME -->`` markers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arsumm import LinearPrior, train_prior
from arsumm.cli import main as arsumm_main
from arsumm.errors import ConfigError
from arsumm.select import Budget
from arsumm.train import DEFAULT_C, DEFAULT_LABEL, LABELS, SkippedRecord
from benchmarks import RESULTS_DIR, ROOT
from benchmarks.interface import Context, MethodUnavailable, Prepared
from benchmarks.methods import REGISTRY, ArsummMethod, Entry, register, register_arsumm_variant
from benchmarks.panel import BUILTIN, Panel, load_corpus
from benchmarks.protocol import FOLDS, SEEDS, cv_folds
from benchmarks.provenance import display_path, provenance, read_json, write_json
from benchmarks.tables import markdown

__all__ = [
    "DOC",
    "FoldPriorMethod",
    "label_study",
    "main",
    "newsroom",
    "render",
    "tables",
]

DOC = ROOT / "docs" / "training.md"
LABELS_RESULT = RESULTS_DIR / "training-labels.json"
NEWSROOM_RESULT = RESULTS_DIR / "training-newsroom.json"
PRIOR_RESULT = RESULTS_DIR / "training-prior-ant-bbc.json"

#: The arsumm configurations compared with a trained prior (shipped prior, two lead modes).
SHIPPED = {
    "arsumm": "shipped default (lead=auto)",
    "shipped-never": "shipped prior, lead=never",
}


def _records(docs: Sequence[Prepared]) -> list[dict[str, Any]]:
    return [{"id": d.id, "text": d.text, "references": list(d.references)} for d in docs]


@dataclass
class FoldPriorMethod:
    """arsumm whose prior was fitted without the document (out of fold).

    ``by_seed[s][doc_id]`` is the method (a :class:`benchmarks.methods.ArsummMethod`
    with the fold's prior) that summarises ``doc_id`` for seed ``s``; a
    document gets one summary per seed, and the panel averages their scores.
    """

    name: str
    by_seed: list[dict[str, ArsummMethod]] = field(default_factory=list)

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """One summary of ``doc`` per seed, each with a prior that never saw it."""
        return [by_id[doc.id].summaries(doc, budget)[0] for by_id in self.by_seed]


def _out_of_fold(
    name: str, records: Sequence[dict[str, Any]], label: str, log: Any
) -> tuple[FoldPriorMethod | None, dict[str, Any]]:
    """Fit one prior per fold; return the method (None if a fold cannot be fitted) and a record."""
    folds = cv_folds(len(records))
    method = FoldPriorMethod(name)
    used, skipped, reasons = [], [], {}
    start = time.perf_counter()
    for number, (held, train) in enumerate(folds):
        if number % FOLDS == 0:
            method.by_seed.append({})
        gone: list[SkippedRecord] = []
        try:
            prior = train_prior(
                [records[i] for i in train], label=label, on_skip=gone.append, info={}
            )
        except ConfigError as exc:
            return None, {"status": f"cannot train: {exc}"}
        used.append(len(train) - len(gone))
        skipped.append(len(gone))
        for s in gone:
            kind = s.reason.split(":")[0]
            reasons[kind] = reasons.get(kind, 0) + 1
        fitted = ArsummMethod(name, {"prior": prior, "lead": "never"}, memoize=True)
        for i in held:
            method.by_seed[-1][records[i]["id"]] = fitted
    print(f"  {name}: {len(folds)} folds fitted in {time.perf_counter() - start:.1f} s", file=log)
    return method, {
        "status": "ok",
        "folds": len(folds),
        "records_used_per_fold": [min(used), max(used)],
        "records_skipped_per_fold": [min(skipped), max(skipped)],
        "skipped_reasons_over_folds": reasons,
    }


def _register(name: str, label: str, method: FoldPriorMethod | None, why: str = "") -> None:
    def factory(context: Context) -> FoldPriorMethod:
        if method is None:
            raise MethodUnavailable(why)
        return method

    register(
        Entry(
            name,
            label,
            "arsumm",
            factory,
            description=f"{label}: train_prior out of fold, Summarizer(prior=..., lead='never')",
            suites=("quality",),
        )
    )


def label_study(log: Any = sys.stderr, max_docs: int | None = None) -> dict[str, Any]:
    """Every label, fitted out of fold on each corpus's dev split; the panel record of each.

    ``max_docs`` takes a seeded sample of each split (a quick check, not a result).
    """
    register_arsumm_variant("shipped-never", label=SHIPPED["shipped-never"], lead="never")
    out: dict[str, Any] = {"labels": list(LABELS), "C": DEFAULT_C, "corpora": {}}
    for spec in BUILTIN.values():
        panel = Panel(specs=[spec], split="dev", max_docs=max_docs, log=log)
        corpus = panel.corpus(spec)
        records = _records(corpus.docs)
        print(f"## {spec.name} dev: {len(records)} articles", file=log)
        fits: dict[str, Any] = {}
        names = ["arsumm", "shipped-never"]
        for label in LABELS:
            name = f"trained-{label}"
            method, fits[label] = _out_of_fold(name, records, label, log)
            _register(name, f"trained, label={label}, lead=never", method, fits[label]["status"])
            names.append(name)
        out["corpora"][spec.name] = {"fits": fits, "panel": panel.evaluate(names)}
        for label in LABELS:
            REGISTRY.pop(f"trained-{label}")
    return out


def _jsonl(records: Sequence[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def newsroom(log: Any = sys.stderr) -> tuple[dict[str, Any], LinearPrior]:
    """``arsumm train`` on ANT-BBC dev; its prior scored on ANT-BBC test and EASC dev."""
    bbc = BUILTIN["ant-bbc"]
    dev = load_corpus(bbc, "dev")
    with tempfile.TemporaryDirectory() as folder:  # the dev articles never enter the repo
        data = Path(folder) / "ant-bbc-dev.jsonl"
        out = Path(folder) / "prior.json"
        _jsonl(_records(dev.docs), data)
        argv = ["train", str(data), "-o", str(out)]
        start = time.perf_counter()
        status = arsumm_main(argv)
        seconds = time.perf_counter() - start
        if status != 0:
            raise RuntimeError(f"arsumm train failed with status {status}")
        prior = LinearPrior.load(out)
    print(f"  arsumm train: {seconds:.1f} s", file=log)
    register_arsumm_variant("shipped-never", label=SHIPPED["shipped-never"], lead="never")
    for mode in ("never", "auto"):
        register(
            Entry(
                f"trained-{mode}",
                f"trained on ANT-BBC dev, lead={mode}",
                "arsumm",
                lambda ctx, mode=mode: ArsummMethod(
                    f"trained-{mode}", {"prior": prior, "lead": mode}, memoize=ctx.memoize
                ),
                description=f"Summarizer(prior=LinearPrior.load(PRIOR), lead={mode!r})",
                options={"prior": display_path(PRIOR_RESULT), "lead": mode},
                suites=("quality",),
            )
        )
    names = ["arsumm", "shipped-never", "trained-auto", "trained-never"]
    test = Panel(specs=[bbc], split="test", log=log).evaluate(names)
    cross = Panel(specs=[BUILTIN["easc"]], split="dev", log=log).evaluate(names)
    record = {
        "training": {
            "command": "arsumm train ANT-BBC-DEV.jsonl -o PRIOR.json",
            "data": f"ANT-BBC dev split ({len(dev.docs)} articles), written to a temporary "
            "JSON Lines file of {id, text, references}",
            "defaults": {"label": DEFAULT_LABEL, "C": DEFAULT_C},
            "info": dict(prior.info),
            "prior": display_path(PRIOR_RESULT),
        },
        "test": test,
        "cross_genre": cross,
    }
    return record, prior


# -- docs/training.md ----------------------------------------------------------------------

_MARK = "<!-- training:{name} -->"
_END = "<!-- /training:{name} -->"


def _made_by(record: dict[str, Any]) -> str:
    prov = record["provenance"]
    dirty = " (with uncommitted changes)" if prov.get("dirty") else ""
    return f"`{prov['command']}` at commit `{prov.get('commit')}`{dirty}"


def _delta(stat: dict[str, Any]) -> str:
    low, high = stat["d_rouge1_ci"]
    return f"{stat['d_rouge1']:+.2f} [{low:+.2f}, {high:+.2f}]"


def _cells_table(panel: dict[str, Any], names: Sequence[str]) -> str:
    """Rows: methods; columns: cells; each R-1 (words) and ΔR-1 to Lead [95% CI]."""
    labels = {m["name"]: m["label"] for m in panel["methods"]}
    cells = panel["cells"]
    rows = []
    for name in ["lead", *names]:
        row = [labels.get(name, name)]
        for cell in cells:
            stat = cell["methods"].get(name)
            if stat is None or stat.get("status") != "ok":
                row.append("not run" if stat is None else "cannot train")
            elif name == "lead":
                row.append(f"{stat['rouge1']:.2f} ({stat['words']:.1f} w)")
            else:
                row.append(f"{_delta(stat)} ({stat['words']:.1f} w)")
        summary = panel["summary"].get(name, {})
        if name == "lead" or not summary.get("cells"):
            row.append("–")
        else:
            row.append(f"{summary['mean_d_rouge1']:+.2f}")
        rows.append(row)
    header = ["method", *[f"{c['corpus']} {c['budget']}" for c in cells], "mean ΔR-1"]
    return markdown(header, rows, align="l" + "r" * (len(cells) + 1))


def tables(kind: str, record: dict[str, Any]) -> dict[str, str]:
    """The markdown blocks of one result record, by marker name."""
    if kind == "labels":
        out = {}
        for corpus, entry in record["corpora"].items():
            names = ["arsumm", "shipped-never", *[f"trained-{label}" for label in LABELS]]
            notes = []
            for label, fit in entry["fits"].items():
                if fit["status"] != "ok":
                    notes.append(f"label={label}: {fit['status']}")
                    continue
                low, high = fit["records_skipped_per_fold"]
                reasons = ", ".join(
                    f"{k}: {v}" for k, v in fit["skipped_reasons_over_folds"].items()
                )
                notes.append(
                    f"label={label}: {fit['folds']} fits, {low}–{high} of each fold's "
                    "training articles skipped" + (f" ({reasons})" if reasons else "")
                )
            n = entry["panel"]["corpora"][0]["n_docs"]
            out[f"labels-{corpus}"] = "\n".join(
                [
                    f"{corpus} dev ({n} articles). Lead: R-1 (mean words); the others: ΔR-1 "
                    "to Lead [95% CI] (mean words).",
                    "",
                    _cells_table(entry["panel"], names),
                    "",
                    *[f"- {note}" for note in notes],
                    "",
                    f"Made by {_made_by(record)}.",
                ]
            )
        return out
    names = ["arsumm", "shipped-never", "trained-auto", "trained-never"]
    test, cross = record["test"], record["cross_genre"]
    info = record["training"]["info"]
    return {
        "newsroom-test": "\n".join(
            [
                f"ANT-BBC test ({test['corpora'][0]['n_docs']} articles). Lead: R-1 (mean "
                "words); the others: ΔR-1 to Lead [95% CI] (mean words).",
                "",
                _cells_table(test, names),
                "",
                f"The prior: `arsumm train` with its defaults (label={info['label']}, "
                f"C={info['C']}) on the ANT-BBC dev split, {info['records']} records, "
                f"{info['sentences']} sentences, {info['pairs']} pairs; "
                f"`{record['training']['prior']}`. Made by {_made_by(record)}.",
            ]
        ),
        "newsroom-cross": "\n".join(
            [
                f"EASC dev ({cross['corpora'][0]['n_docs']} articles), the same priors. The "
                "shipped prior was fitted on these articles: its rows are in-sample.",
                "",
                _cells_table(cross, names),
                "",
                f"Made by {_made_by(record)}.",
            ]
        ),
    }


def render(doc: Path = DOC, results: Path = RESULTS_DIR) -> str:
    """Rewrite the generated blocks of ``docs/training.md`` from the result files."""
    text = doc.read_text(encoding="utf-8")
    for kind, path in (("labels", LABELS_RESULT), ("newsroom", NEWSROOM_RESULT)):
        path = results / path.name
        if not path.exists():
            continue
        for name, block in tables(kind, read_json(path)).items():
            start, end = _MARK.format(name=name), _END.format(name=name)
            pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
            if not pattern.search(text):
                raise ValueError(f"{display_path(doc)} has no {start} ... {end} block")
            text = pattern.sub(lambda _m, b=block, s=start, e=end: f"{s}\n{b}\n{e}", text)
    doc.write_text(text, encoding="utf-8")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study or the newsroom evaluation; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m benchmarks.training", description=__doc__)
    parser.add_argument("run", nargs="?", choices=("labels", "newsroom"))
    parser.add_argument("--render", action="store_true", help="only rewrite docs/training.md")
    parser.add_argument(
        "--max-docs",
        type=int,
        default=None,
        help="labels: a seeded sample of each dev split; prints, writes nothing",
    )
    args = parser.parse_args(args_list)
    if args.render or args.run is None:
        render()
        return 0
    prov = provenance("benchmarks.training", args_list)
    if args.run == "labels" and args.max_docs is not None:
        record = {"provenance": prov, "seeds": list(SEEDS), **label_study(max_docs=args.max_docs)}
        for block in tables("labels", record).values():
            print(block, end="\n\n")
        return 0
    if args.run == "labels":
        record = {"provenance": prov, "seeds": list(SEEDS), **label_study()}
        write_json(LABELS_RESULT, record)
        print(f"wrote {display_path(LABELS_RESULT)}", file=sys.stderr)
    else:
        found, prior = newsroom()
        prior.save(PRIOR_RESULT)
        write_json(NEWSROOM_RESULT, {"provenance": prov, **found})
        print(f"wrote {display_path(NEWSROOM_RESULT)}", file=sys.stderr)
    if DOC.exists():
        render()
    return 0


if __name__ == "__main__":
    sys.exit(main())
