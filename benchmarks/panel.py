"""The quality panel: every (corpus, budget) cell, every method, against Lead.

Usage (from the project root)::

    python -m benchmarks.panel --split dev
    python -m benchmarks.panel --split test
    python -m benchmarks.panel --split dev --methods arsumm lead --variant arsumm-x:damping=0.5
    python -m benchmarks.panel --corpus easc mine=path/to/mine.jsonl:k1,k3,words40 --split dev
    python -m benchmarks.panel --fast                 # a small sample of each corpus (CI)
    python -m benchmarks.panel --render               # docs/quality.md and the heatmaps only
    python -m benchmarks.panel --split dev --levers   # what each lever of the default does

Cells
    EASC (ratio 0.2 / 0.3 / 0.4, ``k = 1..5``), ANT-BBC (``k = 1/2/3``, 40
    words, ratio 0.2) and SaudiNewsNet (``k = 1``, 20 words), read from
    ``$ARSUMM_DATA`` or ``../shared/data``. Any corpus of ``{id, text,
    references[, title]}`` JSON lines with a ``splits.json`` beside it can be
    added with ``--corpus NAME=PATH[:BUDGETS]`` or a config file (``--config
    FILE``, see :func:`load_config`).
Methods
    arsumm (the public ``Summarizer``), Lead over arsumm's own sentence split
    under the same budget rule, random, the greedy oracle and the peers (sumy
    TextRank / LexRank / LSA / Luhn, summa, lexrank), from the registry of
    :mod:`benchmarks.methods`; ``--variant`` adds arsumm configurations.
    Titles are **not** given to the methods unless ``--title NAME`` says so
    for a corpus; SaudiNewsNet has none (its headline is its reference).
Scores
    ROUGE-1 and ROUGE-2 F1 x100 (:mod:`benchmarks.scoring`, mean over a
    document's references, then over documents), the mean words of the
    summaries beside every score, and the paired difference to Lead with a
    95% bootstrap interval (one resampling of each corpus's documents shared
    by all its cells and methods). Per method: the mean ΔR-1 over the cells
    (with its interval), the worst cell, and the cells whose interval lies
    wholly below or above 0.

Results go to ``benchmarks/results/panel-<split>.json`` (with provenance),
the heatmap to ``docs/img/panel-<split>.png``, and the tables into
``docs/quality.md``. Everything expensive is done once per process and
document (sentence split, ROUGE tokens, the references' n-gram counts, the
peers' rankings across budgets): :class:`Panel` keeps it, so a tuning loop
in Python re-evaluates an arsumm variant without redoing the rest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm.select import Budget
from benchmarks import RESULTS_DIR, ROOT
from benchmarks.data import DataError, Document, data_root, load_documents, load_split, load_splits
from benchmarks.interface import Context, Method, MethodUnavailable, Prepared
from benchmarks.methods import REGISTRY, available, parse_variant, register_arsumm_variant
from benchmarks.protocol import SWEEP, budget_tag, parse_budget
from benchmarks.provenance import display_path, provenance, read_json, write_json
from benchmarks.scoring import ArabicRougeTokenizer, bootstrap_indices

__all__ = [
    "BUILTIN",
    "DEFAULT_METHODS",
    "GATE",
    "Corpus",
    "CorpusSpec",
    "Panel",
    "gate_cells",
    "load_config",
    "main",
    "parse_corpus",
]

FloatArray = npt.NDArray[np.float64]

IMG_DIR = ROOT / "docs" / "img"
BASELINE = ROOT / "benchmarks" / "baseline.json"


@dataclass(frozen=True)
class CorpusSpec:
    """One corpus of the panel and its budgets.

    Attributes
    ----------
    name : str
        Short name used in tables and on the command line.
    path : Path
        The JSONL file; ``splits.json`` sits beside it.
    budgets : tuple of Budget
        The cells of this corpus.
    title : bool
        Whether the methods receive each document's ``title`` (default: no).
    about : str
        One line for the docs: genre and what the reference is.
    """

    name: str
    path: Path
    budgets: tuple[Budget, ...]
    title: bool = False
    about: str = ""


def _builtin() -> dict[str, CorpusSpec]:
    root = data_root()
    return {
        "easc": CorpusSpec(
            "easc",
            root / "easc" / "easc.jsonl",
            SWEEP,
            about="Wikipedia and newspaper articles; 5 extractive human summaries each",
        ),
        "ant-bbc": CorpusSpec(
            "ant-bbc",
            root / "ant-bbc" / "ant_bbc.jsonl",
            tuple(parse_budget(t) for t in ("k1", "k2", "k3", "words40", "ratio0.2")),
            about="BBC Arabic news (2018); the editor's standfirst, one reference",
        ),
        "saudinewsnet": CorpusSpec(
            "saudinewsnet",
            root / "saudinewsnet" / "saudinewsnet.jsonl",
            tuple(parse_budget(t) for t in ("k1", "words20")),
            about="Saudi newspapers (2015); the headline, one reference",
        ),
    }


#: The built-in corpora, found under ``$ARSUMM_DATA`` or ``../shared/data``.
BUILTIN = _builtin()

#: The methods a panel run compares by default (``--methods`` to choose others).
DEFAULT_METHODS = (
    "arsumm",
    "lead",
    "random",
    "sumy-textrank",
    "sumy-lexrank",
    "sumy-lsa",
    "sumy-luhn",
    "summa-textrank",
    "lexrank",
    "oracle",
)

#: The CI quality gate's cells (one per corpus, dev split): (corpus, budget, documents);
#: ``None`` documents means the whole dev split, a number a seeded sample of it.
GATE: tuple[tuple[str, str, int | None], ...] = (
    ("easc", "ratio0.3", None),
    ("ant-bbc", "k3", 400),
    ("saudinewsnet", "k1", 400),
)


def parse_corpus(spec: str) -> CorpusSpec:
    """Parse ``NAME``, ``NAME=PATH`` or ``NAME=PATH:BUDGETS`` (budgets comma-separated).

    A bare name is a built-in corpus. A path without budgets takes the
    built-in corpus's budgets when the name is one, else ``k1,k3``.

    Examples
    --------
    >>> s = parse_corpus("mine=data/mine.jsonl:k1,words40")
    >>> s.name, s.path.as_posix(), [budget_tag(b) for b in s.budgets]
    ('mine', 'data/mine.jsonl', ['k1', 'words40'])
    >>> parse_corpus("saudinewsnet").budgets == BUILTIN["saudinewsnet"].budgets
    True
    """
    name, eq, rest = spec.partition("=")
    name = name.strip()
    if not name:
        raise ValueError(f"corpus must look like NAME or NAME=PATH[:BUDGETS], got {spec!r}")
    if not eq:
        if name not in BUILTIN:
            raise ValueError(
                f"unknown corpus {name!r}; built in: {', '.join(BUILTIN)} "
                "(or give NAME=PATH[:BUDGETS])"
            )
        return BUILTIN[name]
    path, colon, tail = rest.rpartition(":")
    if colon and path and not any(c in tail for c in "/\\") and not tail.endswith(".jsonl"):
        chosen = tuple(parse_budget(b) for b in tail.split(","))
    else:  # no budgets given (a colon, if any, belongs to the path)
        path = rest
        chosen = BUILTIN[name].budgets if name in BUILTIN else (Budget.of(k=1), Budget.of(k=3))
    about = BUILTIN[name].about if name in BUILTIN else ""
    return CorpusSpec(name, Path(path), chosen, about=about)


def load_config(path: Path) -> list[CorpusSpec]:
    """Read a panel config: JSON ``{"corpora": [{"name", "path", "budgets", "title"}]}``.

    ``path`` is relative to the config file; ``budgets`` is a list of names
    such as ``"k1"``, ``"words40"``, ``"ratio0.2"`` (default as in
    :func:`parse_corpus`); ``title`` (default false) gives the methods each
    document's title; ``about`` is one line for the docs.
    """
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read the panel config ({exc})") from None
    corpora = config.get("corpora") if isinstance(config, dict) else None
    if not isinstance(corpora, list) or not corpora:
        raise DataError(f'{path}: expected {{"corpora": [{{"name": ..., "path": ...}}, ...]}}')
    specs = []
    for i, entry in enumerate(corpora):
        if not isinstance(entry, dict) or "name" not in entry:
            raise DataError(f"{path}: corpora[{i}] needs at least a name")
        try:
            where = f"={path.parent / entry['path']}" if "path" in entry else ""
            base = parse_corpus(f"{entry['name']}{where}")
            budgets = entry.get("budgets")
            parsed = tuple(parse_budget(str(b)) for b in budgets) if budgets else None
        except ValueError as exc:
            raise DataError(f"{path}: corpora[{i}]: {exc}") from None
        specs.append(
            CorpusSpec(
                base.name,
                base.path,
                parsed or base.budgets,
                title=bool(entry.get("title", False)),
                about=str(entry.get("about", base.about)),
            )
        )
    return specs


# -- corpora ------------------------------------------------------------------------------


@dataclass
class Corpus:
    """One split of one corpus, prepared for the methods."""

    spec: CorpusSpec
    split: str
    docs: list[Prepared]
    background: list[str]
    n_split: int
    sha256: str
    sample: int | None = None

    @property
    def name(self) -> str:
        """The corpus name."""
        return self.spec.name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sample(documents: list[Document], n: int | None, key: str) -> list[Document]:
    if n is None or n >= len(documents):
        return documents
    keep = set(random.Random(key).sample(range(len(documents)), n))
    return [d for i, d in enumerate(documents) if i in keep]


def _check_titles(spec: CorpusSpec, documents: Sequence[Document]) -> None:
    missing = sum(d.title is None for d in documents)
    if missing:
        raise DataError(
            f"{spec.name}: titles are to be given to the methods, but {missing} of "
            f"{len(documents)} documents have none"
        )
    fold = ArabicRougeTokenizer().tokenize
    same = sum(any(fold(d.title or "") == fold(r) for r in d.references) for d in documents)
    if same > 0.05 * len(documents):
        raise DataError(
            f"{spec.name}: the title equals a reference in {same} of {len(documents)} "
            "documents; giving it to the methods would hand them the answer"
        )


def load_corpus(
    spec: CorpusSpec,
    split: str,
    *,
    max_docs: int | None = None,
    background_docs: int | None = None,
) -> Corpus:
    """Load one split of a corpus (a seeded sample of ``max_docs`` if given).

    The background articles (for lexrank's IDF) are always the corpus's dev
    articles (a seeded sample of ``background_docs`` if given), never the
    test split.
    """
    documents = load_documents(spec.path)
    splits = load_splits(spec.path.with_name("splits.json"))
    for name in ("dev", "test"):
        if name not in splits:
            raise DataError(f"{spec.path.with_name('splits.json')}: no {name!r} split")
    overlap = set(splits["dev"]) & set(splits["test"])
    if overlap:
        raise DataError(f"{spec.name}: {len(overlap)} documents are in both dev and test")
    chosen = load_split(documents, splits, split)
    dev = load_split(documents, splits, "dev")
    if spec.title:
        _check_titles(spec, chosen)
    picked = _sample(chosen, max_docs, f"{spec.name}-{split}")
    background = [d.text for d in _sample(dev, background_docs, f"{spec.name}-background")]
    docs = [
        Prepared(d.id, d.text, d.references, title=d.title if spec.title else None) for d in picked
    ]
    return Corpus(
        spec,
        split,
        docs,
        background,
        len(chosen),
        _sha256(spec.path),
        max_docs if max_docs is not None and max_docs < len(chosen) else None,
    )


# -- running and scoring --------------------------------------------------------------------


@dataclass
class CellRun:
    """One method on one cell: per-document ROUGE-1/2 F1 (x100) and summary words."""

    r1: FloatArray
    r2: FloatArray
    words: FloatArray
    failures: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


class TimeLimit(Exception):
    """A method used up its time on a corpus."""


def _tokens(doc: Prepared, summary: Sequence[str]) -> list[str]:
    """The ROUGE tokens of a summary: its sentences' tokens, from the document's cache."""
    known = {s.text: t for s, t in zip(doc.spans, doc.tokens, strict=True)}
    tokenize = ArabicRougeTokenizer().tokenize
    out: list[str] = []
    for sentence in summary:
        found = known.get(sentence)
        out += found if found is not None else tokenize(" ".join(sentence.split()))
    return out


def run_cell(
    method: Method, docs: Sequence[Prepared], budget: Budget, *, deadline: float | None = None
) -> CellRun:
    """Run ``method`` on every document under ``budget`` and score its summaries.

    A document on which the method raises scores 0 and is listed in
    ``failures``. Raises :class:`TimeLimit` when ``time.perf_counter()``
    passes ``deadline``.
    """
    n = len(docs)
    run = CellRun(np.zeros(n), np.zeros(n), np.zeros(n))
    for i, doc in enumerate(docs):
        start = time.perf_counter()
        try:
            summaries = method.summaries(doc, budget)
        except Exception as exc:  # a failing method scores 0 on that document, reported
            run.failures.append({"doc": doc.id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        finally:
            run.seconds += time.perf_counter() - start
        for summary in summaries:
            r1, r2 = doc.reference_counts.f1(_tokens(doc, summary))
            run.r1[i] += 100.0 * r1 / len(summaries)
            run.r2[i] += 100.0 * r2 / len(summaries)
            run.words[i] += sum(len(s.split()) for s in summary) / len(summaries)
        if deadline is not None and time.perf_counter() > deadline:
            raise TimeLimit(f"after {i + 1} of {n} documents")
    return run


def _ci(values: FloatArray, indices: npt.NDArray[np.intp]) -> tuple[float, float, float]:
    means = values[indices].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(values.mean()), float(low), float(high)


def _r(x: float) -> float:
    return round(x, 3)


@dataclass
class Panel:
    """Corpora loaded once, methods run on demand, results kept for the next call.

    Parameters
    ----------
    specs : sequence of CorpusSpec
        The corpora (default: :data:`BUILTIN`).
    split : {"dev", "test"}
    max_docs, background_docs : int, optional
        Seeded samples of each split and of the background (fast runs).
    samples, seed : int
        Bootstrap resamples and seed.
    time_limit : float, optional
        Seconds a method may spend on one corpus (all its cells); past it the
        method's remaining cells of that corpus are reported as not run.

    Examples
    --------
    A tuning loop registers a variant and evaluates it; Lead, the oracle and
    the peers are run once and kept::

        panel = Panel(split="dev")
        for damping in (0.2, 0.3, 0.4):
            register_arsumm_variant(f"d{damping}", damping=damping)
            record = panel.evaluate([f"d{damping}", "lead"])
            print(damping, record["summary"][f"d{damping}"]["mean_d_rouge1"])
    """

    specs: Sequence[CorpusSpec] = tuple(BUILTIN.values())
    split: str = "dev"
    max_docs: int | None = None
    background_docs: int | None = None
    samples: int = 10_000
    seed: int = 0
    time_limit: float | None = None
    log: Any = None
    _corpora: dict[str, Corpus] = field(default_factory=dict, repr=False)
    _kept: dict[tuple[str, str, str], CellRun | str] = field(default_factory=dict, repr=False)

    def corpus(self, spec: CorpusSpec) -> Corpus:
        """The loaded corpus (loaded on first use)."""
        found = self._corpora.get(spec.name)
        if found is None or found.spec != spec:
            found = self._corpora[spec.name] = load_corpus(
                spec, self.split, max_docs=self.max_docs, background_docs=self.background_docs
            )
        return found

    def _say(self, text: str) -> None:
        if self.log is not None:
            print(text, file=self.log, flush=True)

    def _runs(self, name: str, corpus: Corpus) -> dict[str, CellRun | str]:
        """Every cell of one method on one corpus: a run, or why it was not run."""
        entry = REGISTRY[name]
        keep = entry.kind != "arsumm"  # deterministic methods are kept across calls
        tags = [budget_tag(b) for b in corpus.spec.budgets]
        if keep and all((name, corpus.name, t) in self._kept for t in tags):
            return {t: self._kept[(name, corpus.name, t)] for t in tags}
        out: dict[str, CellRun | str] = {}
        try:
            method = entry.factory(Context(background=corpus.background, memoize=True))
        except (MethodUnavailable, TypeError, ValueError) as exc:
            reason = f"not run: {type(exc).__name__}: {exc}"
            return dict.fromkeys(tags, reason)
        # Lead is the reference of every difference: it is never cut short
        timed = self.time_limit is not None and name != "lead"
        deadline = time.perf_counter() + self.time_limit if timed else None  # type: ignore[operator]
        for budget, tag in zip(corpus.spec.budgets, tags, strict=True):
            try:
                out[tag] = run_cell(method, corpus.docs, budget, deadline=deadline)
            except TimeLimit as exc:
                out = dict.fromkeys(tags, f"not run: time limit {self.time_limit:g} s ({exc})")
                break
        for tag, run in out.items():
            if keep:
                self._kept[(name, corpus.name, tag)] = run
        seconds = sum(r.seconds for r in out.values() if isinstance(r, CellRun))
        self._say(f"  {corpus.name} {name}: {seconds:.1f} s")
        return out

    def evaluate(self, names: Sequence[str]) -> dict[str, Any]:
        """Run the named methods on every cell; return the panel record (no provenance).

        Lead is always run (the differences are to it).
        """
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise KeyError(f"unknown method(s) {unknown}; known: {', '.join(available())}")
        names = list(dict.fromkeys(["lead", *names]))
        corpora, cells = [], []
        per_method_deltas: dict[str, list[tuple[str, FloatArray, npt.NDArray[np.intp]]]] = {}
        for spec in self.specs:
            corpus = self.corpus(spec)
            self._say(f"## {corpus.name} {self.split}: {len(corpus.docs)} documents")
            indices = bootstrap_indices(len(corpus.docs), samples=self.samples, seed=self.seed)
            runs = {name: self._runs(name, corpus) for name in names}
            corpora.append(_corpus_record(corpus))
            for budget in spec.budgets:
                tag = budget_tag(budget)
                lead = runs["lead"][tag]
                assert isinstance(lead, CellRun), lead
                cell = {"corpus": corpus.name, "budget": tag, "methods": {}}
                for name in names:
                    run = runs[name][tag]
                    if isinstance(run, str):
                        cell["methods"][name] = {"status": run}
                        continue
                    cell["methods"][name] = _method_cell(run, lead, indices)
                    per_method_deltas.setdefault(name, []).append(
                        (f"{corpus.name} {tag}", run.r1 - lead.r1, indices)
                    )
                cells.append(cell)
        summary = {
            name: _method_summary(per_method_deltas.get(name, []), len(cells)) for name in names
        }
        return {
            "suite": "panel",
            "split": self.split,
            "metrics": ["rouge1", "rouge2"],
            "bootstrap": {"samples": self.samples, "seed": self.seed, "level": 0.95},
            "time_limit_s": self.time_limit,
            "corpora": corpora,
            "methods": [_method_record(name) for name in names],
            "cells": cells,
            "summary": summary,
        }


def _corpus_record(corpus: Corpus) -> dict[str, Any]:
    ids = "\n".join(d.id for d in corpus.docs).encode("utf-8")
    return {
        "name": corpus.name,
        "about": corpus.spec.about,
        "path": display_path(corpus.spec.path),
        "sha256": corpus.sha256,
        "split": corpus.split,
        "n_docs": len(corpus.docs),
        "n_split": corpus.n_split,
        "sample": (
            None
            if corpus.sample is None
            else f"seeded sample of {corpus.sample} of the {corpus.n_split}"
        ),
        "doc_ids_sha256": hashlib.sha256(ids).hexdigest(),
        "budgets": [budget_tag(b) for b in corpus.spec.budgets],
        "title": "given to the methods" if corpus.spec.title else "not given to the methods",
        "background": f"{len(corpus.background)} dev articles of {corpus.name} (lexrank's IDF)",
    }


def _method_record(name: str) -> dict[str, Any]:
    entry = REGISTRY[name]
    return {
        "name": name,
        "label": entry.label,
        "kind": entry.kind,
        "description": entry.description,
        "options": {k: repr(v) for k, v in entry.options.items()},
    }


def _method_cell(run: CellRun, lead: CellRun, indices: npt.NDArray[np.intp]) -> dict[str, Any]:
    r1, r1_low, r1_high = _ci(run.r1, indices)
    r2, r2_low, r2_high = _ci(run.r2, indices)
    d1, d1_low, d1_high = _ci(run.r1 - lead.r1, indices)
    d2, d2_low, d2_high = _ci(run.r2 - lead.r2, indices)
    return {
        "status": "ok",
        "rouge1": _r(r1),
        "rouge1_ci": [_r(r1_low), _r(r1_high)],
        "rouge2": _r(r2),
        "rouge2_ci": [_r(r2_low), _r(r2_high)],
        "words": round(float(run.words.mean()), 2),
        "d_rouge1": _r(d1),
        "d_rouge1_ci": [_r(d1_low), _r(d1_high)],
        "d_rouge2": _r(d2),
        "d_rouge2_ci": [_r(d2_low), _r(d2_high)],
        "failures": run.failures,
        "seconds": round(run.seconds, 3),
    }


def _method_summary(
    deltas: list[tuple[str, FloatArray, npt.NDArray[np.intp]]], n_cells: int
) -> dict[str, Any]:
    """Mean ΔR-1 over the cells (with a joint bootstrap interval) and the worst cell."""
    if not deltas:
        return {"cells": 0, "of_cells": n_cells}
    means = np.array([d.mean() for _, d, _ in deltas])
    # every cell resampled with its corpus's draws: the interval of the mean over cells
    draws = np.mean([d[ix].mean(axis=1) for _, d, ix in deltas], axis=0)
    low, high = np.percentile(draws, [2.5, 97.5])
    worst = int(np.argmin(means))
    name, d, ix = deltas[worst]
    _, w_low, w_high = _ci(d, ix)
    cis = [_ci(d, ix) for _, d, ix in deltas]
    return {
        "cells": len(deltas),
        "of_cells": n_cells,
        "mean_d_rouge1": _r(float(means.mean())),
        "mean_d_rouge1_ci": [_r(float(low)), _r(float(high))],
        "worst_cell": name,
        "worst_d_rouge1": _r(float(means[worst])),
        "worst_d_rouge1_ci": [_r(w_low), _r(w_high)],
        "cells_below_lead": [n for (n, _, _), c in zip(deltas, cis, strict=True) if c[2] < 0],
        "cells_above_lead": [n for (n, _, _), c in zip(deltas, cis, strict=True) if c[1] > 0],
    }


# -- the CI gate --------------------------------------------------------------------------


def gate_cells(names: Sequence[str] = ("arsumm", "lead")) -> list[dict[str, Any]]:
    """Score ``names`` on the cells of :data:`GATE` (dev split); one record per cell."""
    out = []
    for corpus_name, tag, n in GATE:
        panel = Panel(
            specs=[CorpusSpec(corpus_name, BUILTIN[corpus_name].path, (parse_budget(tag),))],
            split="dev",
            max_docs=n,
            samples=1,
        )
        corpus = panel.corpus(panel.specs[0])
        record: dict[str, Any] = {
            "corpus": corpus_name,
            "budget": tag,
            "n_docs": len(corpus.docs),
            "sample": n,
        }
        for name in names:
            method = REGISTRY[name].factory(Context(background=corpus.background))
            run = run_cell(method, corpus.docs, parse_budget(tag))
            record[name] = {
                "rouge1": _r(float(run.r1.mean())),
                "rouge2": _r(float(run.r2.mean())),
                "words": round(float(run.words.mean()), 2),
                "failures": len(run.failures),
            }
        out.append(record)
    return out


def _write_baseline(argv: Sequence[str]) -> None:
    prov = provenance("benchmarks.panel", argv)
    baseline = {
        "what": "default arsumm (and Lead) on one dev cell of each corpus of the quality panel; "
        "ROUGE F1 x100, mean over references then documents; a number of documents is a "
        "seeded sample of the dev split (benchmarks.panel.GATE). tests/test_quality_gate.py "
        "fails when arsumm's ROUGE-1 or ROUGE-2 falls more than `tolerance` points below "
        "these figures, or when Lead's differ (the data or the scoring changed).",
        "split": "dev",
        "tolerance": 0.5,
        "cells": gate_cells(),
        "command": prov["command"],
        "commit": prov["commit"],
        "dirty": prov["dirty"],
        "date": prov["date"],
    }
    write_json(BASELINE, baseline)
    print(f"wrote {display_path(BASELINE)}", file=sys.stderr)


# -- command line -------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.panel",
        description="The quality panel: every (corpus, budget) cell, every method, against Lead.",
    )
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument(
        "--corpus",
        nargs="+",
        default=None,
        metavar="NAME[=PATH[:BUDGETS]]",
        help=f"corpora to run (default: {', '.join(BUILTIN)}); e.g. mine=x.jsonl:k1,words40",
    )
    parser.add_argument("--config", type=Path, default=None, help="a JSON panel config")
    parser.add_argument(
        "--title",
        action="append",
        default=[],
        metavar="NAME",
        help="give the methods the titles of corpus NAME (default: not given)",
    )
    parser.add_argument(
        "--methods",
        nargs="+",
        default=None,
        metavar="NAME",
        help=f"methods (default: {' '.join(DEFAULT_METHODS)}); Lead is always run",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME:key=value,...",
        help="add an arsumm configuration, e.g. arsumm-d5:damping=0.5 (repeatable)",
    )
    parser.add_argument("--max-docs", type=int, default=None, help="a seeded sample per corpus")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="30 documents per corpus, 200 background articles, 1,000 resamples; "
        "writes nothing unless --out is given",
    )
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per method/corpus")
    parser.add_argument("--bootstrap", type=int, default=10_000, help="bootstrap resamples")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    parser.add_argument("--out", type=Path, default=None, help="result JSON")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--render", action="store_true", help="only redraw the heatmaps and docs/quality.md"
    )
    parser.add_argument(
        "--levers",
        action="store_true",
        help="the ablation of the default's levers (benchmarks.quality_doc.LEVERS) for arsumm "
        "and Lead; writes panel-levers-<split>.json",
    )
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="record the CI gate's cells in benchmarks/baseline.json (dev split) and stop",
    )
    return parser


def _specs(args: argparse.Namespace) -> list[CorpusSpec]:
    specs = load_config(args.config) if args.config else []
    specs += [parse_corpus(c) for c in args.corpus or []]
    if not specs:
        specs = list(BUILTIN.values())
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ValueError(f"each corpus once, got {names}")
    unknown = set(args.title) - set(names)
    if unknown:
        raise ValueError(f"--title names corpora not in the run: {sorted(unknown)}")
    return [
        CorpusSpec(s.name, s.path, s.budgets, s.title or s.name in args.title, s.about)
        for s in specs
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the panel from the command line; return the exit status."""
    from benchmarks import quality_doc

    args_list = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(args_list)
    if args.render:
        quality_doc.write_all()
        return 0
    if args.write_baseline:
        _write_baseline(args_list)
        return 0
    if args.levers:
        args.methods = ["lead", "arsumm"]
        args.variant = [*args.variant, *quality_doc.ablation_variants()]
        args.out = args.out or RESULTS_DIR / f"panel-levers-{args.split}.json"
    try:
        specs = _specs(args)
        for spec in args.variant:
            name, options = parse_variant(spec)
            register_arsumm_variant(name, **options)
    except (ValueError, DataError) as exc:
        print(f"benchmarks.panel: error: {exc}", file=sys.stderr)
        return 2
    names = list(args.methods or DEFAULT_METHODS)
    names += [parse_variant(v)[0] for v in args.variant if parse_variant(v)[0] not in names]
    fast = args.fast
    panel = Panel(
        specs,
        args.split,
        max_docs=args.max_docs or (30 if fast else None),
        background_docs=200 if fast else None,
        samples=1_000 if fast and args.bootstrap == 10_000 else args.bootstrap,
        seed=args.seed,
        time_limit=args.time_limit,
        log=sys.stderr,
    )
    try:
        result = panel.evaluate(names)
    except (KeyError, DataError) as exc:
        print(f"benchmarks.panel: error: {exc.args[0]}", file=sys.stderr)
        return 2
    record = {"provenance": provenance("benchmarks.panel", args_list), **result}
    print(quality_doc.panel_tables(record))
    out = args.out or (None if fast else RESULTS_DIR / f"panel-{args.split}.json")
    if out is not None and not args.no_write:
        write_json(out, record)
        print(f"wrote {display_path(out)}", file=sys.stderr)
        if out.parent == RESULTS_DIR:
            quality_doc.write_all()
    return 0


def read_panel(split: str) -> dict[str, Any] | None:
    """The committed panel record of ``split``, if there is one."""
    path = RESULTS_DIR / f"panel-{split}.json"
    return read_json(path) if path.exists() else None


if __name__ == "__main__":
    sys.exit(main())
