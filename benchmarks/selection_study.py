"""Ranking and selection levers on EASC dev, out of fold, at every panel budget (dev only).

    python -m benchmarks.selection_study

The panel's EASC dev figures are in-sample (the shipped prior was fitted on
EASC dev). This study refits the prior in every fold of
:func:`benchmarks.protocol.cv_folds` (5 folds by article, three seeds;
:func:`arsumm.train.fit_pairwise` with the shipped ``C`` and the ``"share"``
label, as ``benchmarks.train_prior`` does) and summarises each held-out
article the way the default does it: an article that reads like news
(``lead="auto"``) by its opening, any other by TextRank with the fold's prior,
then maximal marginal relevance under the budget. Each variant changes one
lever of the TextRank path:

* the redundancy weight, the damping, the prior's temperature;
* ``tilt``: the TextRank scores multiplied by ``(j + 1) ** -tilt`` (a stronger
  pull to the opening);
* ``density``: the maximal-marginal-relevance value divided by
  ``words ** density`` (shorter sentences first under a word budget; a
  negative value prefers longer ones);
* ``min_words``: sentences shorter than that cannot be chosen;
* ``stop``: under a word budget, stop at the first sentence that does not fit
  instead of looking on for one that does;
* ``knapsack``: under a word budget, the set of sentences with the largest
  sum of scores that fits (no redundancy control).

ROUGE-1/2 F1 x100 (:mod:`benchmarks.scoring`), averaged over the seeds per
article, the paired difference to Lead (the panel's Lead: the opening of
arsumm's split under the same budget rule) with a 95% bootstrap interval,
and the mean summary words. The objective is the panel's: the mean ΔR-1 over
the 15 cells (the 7 cells of the news corpora taken from the committed dev
panel, which these levers do not touch: every news article of ANT-BBC and
SaudiNewsNet is summarised by its opening) minus the shortfall of the worst
cell. Results: ``benchmarks/results/selection-study.json``; ``python -m
benchmarks.panel --render`` puts them in docs/quality.md. The test split is
never read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm import LinearPrior, Summarizer
from arsumm.document import Document
from arsumm.normalize import normalize
from arsumm.prior import features, load_default_prior, position_prior
from arsumm.rank import pagerank
from arsumm.select import Budget, select
from arsumm.train import fit_pairwise, sentence_labels
from benchmarks import RESULTS_DIR
from benchmarks.data import default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import text_budget
from benchmarks.protocol import SEEDS, SWEEP, budget_tag, cv_folds
from benchmarks.provenance import display_path, provenance, read_json, write_json
from benchmarks.scoring import ArabicRougeTokenizer, References, bootstrap_indices

__all__ = ["VARIANTS", "Article", "choose", "main", "prepare", "scores_of"]

FloatArray = npt.NDArray[np.float64]
OUT_JSON = RESULTS_DIR / "selection-study.json"

#: (name, options, what it changes); options not given keep the default's value.
VARIANTS: tuple[tuple[str, dict[str, float], str], ...] = (
    ("default", {}, "the default (redundancy 0.3, damping 0.3, temperature 1)"),
    ("redundancy=0", {"redundancy": 0.0}, "no redundancy control"),
    ("redundancy=0.15", {"redundancy": 0.15}, "weaker redundancy control"),
    ("redundancy=0.45", {"redundancy": 0.45}, "stronger redundancy control"),
    ("redundancy=0.6", {"redundancy": 0.6}, "much stronger redundancy control"),
    ("damping=0.15", {"damping": 0.15}, "the graph weighs less"),
    ("damping=0.45", {"damping": 0.45}, "the graph weighs more"),
    ("temperature=0.75", {"temperature": 0.75}, "a flatter prior"),
    ("temperature=1.25", {"temperature": 1.25}, "a sharper prior"),
    ("tilt=0.1", {"tilt": 0.1}, "scores times (j+1)^-0.1"),
    ("tilt=0.25", {"tilt": 0.25}, "scores times (j+1)^-0.25"),
    ("density=0.1", {"density": 0.1}, "MMR value / words^0.1 (shorter first)"),
    ("density=0.2", {"density": 0.2}, "MMR value / words^0.2 (shorter first)"),
    ("density=-0.1", {"density": -0.1}, "MMR value * words^0.1 (longer first)"),
    ("min_words=8", {"min_words": 8}, "no sentence under 8 words"),
    ("stop", {"stop": 1}, "word budget: stop at the first sentence that does not fit"),
    ("knapsack", {"knapsack": 1}, "word budget: the best-scoring set that fits, no MMR"),
)

_TOKENIZER = ArabicRougeTokenizer()


@dataclass
class Article:
    """One EASC dev article prepared once: arsumm's document and what scoring needs."""

    doc_id: str
    document: Document
    features: FloatArray
    labels: FloatArray
    words: list[int]
    tokens: list[list[str]]
    refs: References
    candidates: list[int]

    def rouge(self, chosen: Sequence[int]) -> tuple[float, float, float]:
        """ROUGE-1, ROUGE-2 (x100) and words of the summary made of spans ``chosen``."""
        r1, r2 = self.refs.f1([t for j in chosen for t in self.tokens[j]])
        return 100 * r1, 100 * r2, float(sum(self.words[j] for j in chosen))


def prepare(record: Any, summarizer: Summarizer) -> Article:
    """Run one article through the default pipeline (prepare, vectorize)."""
    document = summarizer.vectorize(summarizer.prepare(record.text))
    ranked = document.ranked_spans
    seen: set[str] = set()
    candidates = []  # of sentences equal after normalisation, only the first (as choose does)
    for position, span in enumerate(ranked):
        key = " ".join(normalize(span.text).split())
        if key not in seen:
            seen.add(key)
            candidates.append(position)
    return Article(
        record.id,
        document,
        features(document),
        sentence_labels([s.text for s in ranked], record.references, "share"),
        [len(s.text.split()) for s in document.spans],
        [_TOKENIZER.tokenize(s.text) for s in document.spans],
        References.of(record.references),
        candidates,
    )


def scores_of(article: Article, prior: LinearPrior, options: dict[str, float]) -> FloatArray:
    """The scores of the ranked sentences: positions for news, else TextRank with ``prior``."""
    document = article.document
    n = len(document.ranked)
    if document.lead:
        return position_prior(n, 1.0)
    teleport = LinearPrior(
        prior.mean, prior.scale, prior.coef, temperature=options.get("temperature", 1.0)
    ).weights(article.features)
    damping = options.get("damping", 0.3)
    ranks = pagerank(document.graph, damping=damping, personalization=teleport)
    tilt = options.get("tilt", 0.0)
    result: FloatArray = ranks * np.arange(1, n + 1, dtype=np.float64) ** -tilt if tilt else ranks
    return result


def _knapsack(
    scores: FloatArray, words: Sequence[int], pool: Sequence[int], limit: int
) -> list[int]:
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for j in pool:
        grown = dict(best)
        for used, (value, chosen) in best.items():
            total = used + words[j]
            if total <= limit and (total not in grown or grown[total][0] < value + scores[j]):
                grown[total] = (value + float(scores[j]), (*chosen, j))
        best = grown
    return sorted(max(best.values())[1])


def choose(
    article: Article, scores: FloatArray, budget: Budget, options: dict[str, float]
) -> list[int]:
    """The summary's span indices: maximal marginal relevance with the variant's rule."""
    document = article.document
    words = document.words
    lead = document.lead
    redundancy = 0.0 if lead else options.get("redundancy", 0.3)
    density = 0.0 if lead else options.get("density", 0.0)
    floor = 0 if lead else int(options.get("min_words", 0))
    pool = [j for j in article.candidates if words[j] >= floor] or list(article.candidates)
    limit = budget.word_limit(document.text_words)
    if limit is not None and not lead and options.get("knapsack"):
        chosen = _knapsack(scores, words, pool, int(limit))
        if chosen:
            return [document.ranked[j] for j in chosen]
    graph = document.graph
    if graph is None or lead:
        similarity = np.zeros((0, 0))
    else:
        similarity = graph if isinstance(graph, np.ndarray) else graph.toarray()
    base = scores / max(float(scores[j]) for j in pool)
    penalty = np.zeros(len(scores))
    left = set(pool)
    picked: list[int] = []
    used = 0
    while left:
        values = base - redundancy * penalty
        if density:
            values = values / np.maximum(np.asarray(words, dtype=np.float64), 1.0) ** density
        j = min(left, key=lambda i: (-round(float(values[i]), 12), i))
        left.discard(j)
        if budget.k is not None:
            if len(picked) >= budget.k:
                break
        elif picked and limit is not None and used + words[j] > limit:
            if options.get("stop") and not lead:
                break
            continue
        picked.append(j)
        used += words[j]
        if redundancy > 0:
            penalty = np.maximum(penalty, similarity[j])
    return [document.ranked[j] for j in sorted(picked)]


def _ci(values: FloatArray, indices: npt.NDArray[np.intp]) -> list[float]:
    low, high = np.percentile(values[indices].mean(axis=1), [2.5, 97.5])
    return [round(float(values.mean()), 3), round(float(low), 3), round(float(high), 3)]


def _news_cells() -> list[float]:
    """The ΔR-1 of the default on the news corpora's cells, from the committed dev panel."""
    panel = read_json(RESULTS_DIR / "panel-dev.json")
    return [
        float(cell["methods"]["arsumm"]["d_rouge1"])
        for cell in panel["cells"]
        if cell["corpus"] != "easc"
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the study; write ``benchmarks/results/selection-study.json``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.selection_study")
    parser.add_argument("--bootstrap", type=int, default=10_000)
    args = parser.parse_args(argv)
    data = default_data_path()
    records = sorted(
        load_split(load_documents(data), load_splits(data.with_name("splits.json")), "dev"),
        key=lambda d: d.id,
    )
    summarizer = Summarizer()
    articles = [prepare(r, summarizer) for r in records]
    shipped = load_default_prior()
    c = float(dict(shipped.info)["C"])
    models = []
    for held, train in cv_folds(len(articles)):
        mean, scale, coef = fit_pairwise(
            [articles[i].features for i in train], [articles[i].labels for i in train], C=c
        )
        prior = LinearPrior(tuple(mean), tuple(scale), tuple(coef))
        models.append((held, prior))
    tags = [budget_tag(b) for b in SWEEP]
    lead = {
        budget_tag(b): np.array(
            [
                a.rouge(
                    select(
                        list(range(len(a.words))), a.words, text_budget(b, a.document.text_words)
                    )
                )
                for a in articles
            ]
        )
        for b in SWEEP
    }
    indices = bootstrap_indices(len(articles), samples=args.bootstrap)
    news = _news_cells()
    rows = []
    for name, options, what in VARIANTS:
        sums = {t: np.zeros((len(articles), 3)) for t in tags}
        for held, prior in models:
            for i in held:
                scores = scores_of(articles[i], prior, options)
                for b, t in zip(SWEEP, tags, strict=True):
                    sums[t][i] += np.array(
                        articles[i].rouge(choose(articles[i], scores, b, options))
                    )
        cells = []
        for t in tags:
            ours = sums[t] / len(SEEDS)
            cells.append(
                {
                    "budget": t,
                    "rouge1": round(float(ours[:, 0].mean()), 3),
                    "words": round(float(ours[:, 2].mean()), 2),
                    "lead_rouge1": round(float(lead[t][:, 0].mean()), 3),
                    "lead_words": round(float(lead[t][:, 2].mean()), 2),
                    "d_rouge1": _ci(ours[:, 0] - lead[t][:, 0], indices),
                    "d_rouge2": _ci(ours[:, 1] - lead[t][:, 1], indices),
                }
            )
        deltas = [cell["d_rouge1"][0] for cell in cells] + news
        worst = min(deltas)
        mean = float(np.mean(deltas))
        rows.append(
            {
                "name": name,
                "options": options,
                "what": what,
                "cells": cells,
                "easc_mean_d_rouge1": round(float(np.mean(deltas[: len(tags)])), 3),
                "mean_d_rouge1": round(mean, 3),
                "worst_d_rouge1": round(worst, 3),
                "objective": round(mean - max(0.0, -worst), 3),
            }
        )
        print(f"  {name}: objective {rows[-1]['objective']:+.3f}", file=sys.stderr)
    record = {
        "provenance": provenance(
            "benchmarks.selection_study", sys.argv[1:] if argv is None else argv
        ),
        "data": display_path(data),
        "split": "dev",
        "articles": len(articles),
        "news_articles": sum(a.document.lead for a in articles),
        "C": c,
        "news_cells_from": "benchmarks/results/panel-dev.json",
        "news_cells": news,
        "variants": rows,
    }
    write_json(OUT_JSON, record)
    print(f"wrote {display_path(OUT_JSON)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
