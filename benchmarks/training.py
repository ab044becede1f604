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
    command is run (in its own process) on the dev articles of ANT-BBC
    (standfirsts) and of SaudiNewsNet (headlines), each written to a
    temporary JSON Lines file outside the repository, and the prior it
    writes is scored on that corpus's **test** split against the shipped
    default (``lead="auto"``), the shipped prior with ``lead="never"``, the
    trained prior with ``lead="auto"`` and ``"never"``, and Lead; the
    ANT-BBC prior also on the EASC dev split (another genre). Results:
    ``benchmarks/results/training-newsroom.json`` and the fitted priors,
    ``benchmarks/results/training-prior-<corpus>.json``.

Scores are the panel's (:class:`benchmarks.panel.Panel`): ROUGE-1/2 F1 x100,
the mean summary words beside them, and ΔR-1 to Lead with paired 95%
bootstrap intervals. Both runs rewrite the tables of ``docs/training.md``
between its ``<!-- training:NAME -->`` markers.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arsumm import LinearPrior, train_prior
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
    "prior_path",
    "render",
    "tables",
]

DOC = ROOT / "docs" / "training.md"
LABELS_RESULT = RESULTS_DIR / "training-labels.json"
NEWSROOM_RESULT = RESULTS_DIR / "training-newsroom.json"

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
        "records_used_share": round(sum(used) / (sum(used) + sum(skipped)), 4),
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


def prior_path(corpus: str) -> Path:
    """Where the prior ``arsumm train`` fitted on ``corpus``'s dev split is kept."""
    return RESULTS_DIR / f"training-prior-{corpus}.json"


#: The corpora a newsroom run trains on (dev) and scores on (test), with their display names.
NEWSROOMS = {"ant-bbc": "ANT-BBC", "saudinewsnet": "SaudiNewsNet"}


def _train_with_cli(corpus: str, log: Any) -> tuple[LinearPrior, dict[str, Any]]:
    """Run ``arsumm train`` (its own process, its defaults) on a corpus's dev split."""
    dev = load_corpus(BUILTIN[corpus], "dev")
    name = f"{corpus}-dev.jsonl"
    argv = ["train", name, "-o", "prior.json"]
    with tempfile.TemporaryDirectory() as folder:  # the dev articles never enter the repo
        _jsonl(_records(dev.docs), Path(folder) / name)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "arsumm", *argv],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"arsumm train failed ({done.returncode}): {done.stderr}")
        prior = LinearPrior.load(Path(folder) / "prior.json")
    print(f"  arsumm train on {corpus} dev: {seconds:.1f} s", file=log)
    return prior, {
        "command": shlex.join(["arsumm", *argv]),
        "data": f"{NEWSROOMS[corpus]} dev split ({len(dev.docs)} articles), written to a "
        "temporary JSON Lines file of {id, text, references}",
        "stderr": done.stderr.strip().splitlines()[-1],
        "defaults": {"label": DEFAULT_LABEL, "C": DEFAULT_C},
        "info": dict(prior.info),
        "prior": display_path(prior_path(corpus)),
    }


def _register_trained(prior: LinearPrior, corpus: str) -> None:
    for mode in ("never", "auto"):
        register(
            Entry(
                f"trained-{mode}",
                f"trained on {NEWSROOMS[corpus]} dev, lead={mode}",
                "arsumm",
                lambda ctx, mode=mode: ArsummMethod(
                    f"trained-{mode}", {"prior": prior, "lead": mode}, memoize=ctx.memoize
                ),
                description=f"Summarizer(prior=LinearPrior.load(PRIOR), lead={mode!r})",
                options={"prior": display_path(prior_path(corpus)), "lead": mode},
                suites=("quality",),
            )
        )


def newsroom(log: Any = sys.stderr) -> tuple[dict[str, Any], dict[str, LinearPrior]]:
    """``arsumm train`` on each news corpus's dev split, scored on its test split.

    The ANT-BBC prior is also scored on the EASC dev split (another genre).
    """
    register_arsumm_variant("shipped-never", label=SHIPPED["shipped-never"], lead="never")
    names = ["arsumm", "shipped-never", "trained-auto", "trained-never"]
    record: dict[str, Any] = {}
    priors = {}
    for corpus in NEWSROOMS:
        prior, training = _train_with_cli(corpus, log)
        priors[corpus] = prior
        _register_trained(prior, corpus)
        entry = {
            "training": training,
            "test": Panel(specs=[BUILTIN[corpus]], split="test", log=log).evaluate(names),
        }
        if corpus == "ant-bbc":
            entry["cross_genre"] = Panel(specs=[BUILTIN["easc"]], split="dev", log=log).evaluate(
                names
            )
        record[corpus] = entry
    return record, priors


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


def _fair(budget: str) -> bool:
    """Whether a cell fixes the length in words (a ratio or a word budget), not in sentences."""
    return budget.startswith(("ratio", "words"))


def _labels_summary(record: dict[str, Any]) -> str:
    """Per configuration: mean ΔR-1 per corpus, over all cells, over the word-budget cells."""
    corpora = record["corpora"]
    names = ["arsumm", "shipped-never", *[f"trained-{label}" for label in LABELS]]
    labels: dict[str, str] = {}
    rows = []
    for name in names:
        deltas: list[tuple[str, str, float, float]] = []  # corpus, budget, Δ, CI high
        for corpus, entry in corpora.items():
            panel = entry["panel"]
            labels.update({m["name"]: m["label"] for m in panel["methods"]})
            for cell in panel["cells"]:
                stat = cell["methods"].get(name, {})
                if stat.get("status") == "ok":
                    deltas.append(
                        (corpus, cell["budget"], stat["d_rouge1"], stat["d_rouge1_ci"][1])
                    )
        if not deltas:
            continue
        row = [labels.get(name, name)]
        for corpus in corpora:
            mine = [d for c, _, d, _ in deltas if c == corpus]
            row.append(f"{sum(mine) / len(mine):+.2f}" if mine else "–")
        fair = [d for _, b, d, _ in deltas if _fair(b)]
        row += [
            f"{sum(d for _, _, d, _ in deltas) / len(deltas):+.2f}",
            f"{sum(fair) / len(fair):+.2f}" if fair else "–",
            str(sum(high < 0 for _, _, _, high in deltas)),
        ]
        label = name.removeprefix("trained-")
        shares = (
            [entry["fits"][label].get("records_used_share") for entry in corpora.values()]
            if label in LABELS
            else []
        )
        row.append(
            " / ".join("–" if v is None else f"{100 * v:.0f}%" for v in shares) if shares else "–"
        )
        rows.append(row)
    n_cells = sum(len(e["panel"]["cells"]) for e in corpora.values())
    n_fair = sum(_fair(c["budget"]) for e in corpora.values() for c in e["panel"]["cells"])
    header = [
        "configuration",
        *[f"{c} ({len(e['panel']['cells'])} cells)" for c, e in corpora.items()],
        f"all {n_cells} cells",
        f"the {n_fair} word-budget cells",
        "cells wholly below Lead",
        "training articles used (" + " / ".join(corpora) + ")",
    ]
    return "\n".join(
        [
            "Mean ΔR-1 to Lead, dev splits, priors fitted out of fold. Word-budget cells "
            "(ratio, words) fix the summary's length; the k cells do not, and ROUGE F1 "
            "against a short reference rewards a shorter summary.",
            "",
            markdown(header, rows, align="l" + "r" * (len(header) - 1)),
            "",
            f"Made by {_made_by(record)}.",
        ]
    )


def tables(kind: str, record: dict[str, Any]) -> dict[str, str]:
    """The markdown blocks of one result record, by marker name."""
    if kind == "labels":
        out = {"labels-summary": _labels_summary(record)}
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
    out = {}
    for corpus, entry in record.items():
        if corpus == "provenance":
            continue
        test, info = entry["test"], entry["training"]["info"]
        out[f"newsroom-{corpus}"] = "\n".join(
            [
                f"{NEWSROOMS[corpus]} test ({test['corpora'][0]['n_docs']} articles). Lead: R-1 "
                "(mean words); the others: ΔR-1 to Lead [95% CI] (mean words).",
                "",
                _cells_table(test, names),
                "",
                f"The prior: `{entry['training']['command']}` with its defaults "
                f"(label={info['label']}, C={info['C']}) on the {NEWSROOMS[corpus]} dev split "
                f"(records: {info['records']}; {info['sentences']} sentences, {info['pairs']} "
                f"pairs), kept as `{entry['training']['prior']}`. Made by {_made_by(record)}.",
            ]
        )
        cross = entry.get("cross_genre")
        if cross is not None:
            out[f"newsroom-{corpus}-easc"] = "\n".join(
                [
                    f"EASC dev ({cross['corpora'][0]['n_docs']} articles), the same priors. "
                    "The shipped prior was fitted on these articles: its row is in-sample.",
                    "",
                    _cells_table(cross, names),
                    "",
                    f"Made by {_made_by(record)}.",
                ]
            )
    return out


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
        found, priors = newsroom()
        for corpus, prior in priors.items():
            prior.save(prior_path(corpus))
        write_json(NEWSROOM_RESULT, {"provenance": prov, **found})
        print(f"wrote {display_path(NEWSROOM_RESULT)}", file=sys.stderr)
    if DOC.exists():
        render()
    return 0


if __name__ == "__main__":
    sys.exit(main())
