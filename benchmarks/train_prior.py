"""Fit arsumm's learned sentence prior on the EASC dev split, with cross-validation.

    python -m benchmarks.train_prior --data ../shared/data/easc/easc.jsonl \\
        --out arsumm/data/prior.json

What it does, on the **dev** split only (the test split is never read):

1. Each article goes through arsumm's own pipeline (splitter, boilerplate
   filter, analyzer, TF-IDF, similarity graph) and :mod:`arsumm.prior`'s
   feature function, so training and use see the same features.
2. A sentence's label is the share of the 5 human summaries that contain it.
   EASC references are extractive but not byte copies (hamza stripped, line
   halves glued, sentences cut at 255 characters by the collection tool), so
   a sentence counts as contained when the first 40 characters of its
   normalised, space-free form occur in the normalised, space-free reference
   (the library's ``label="share"``, :func:`arsumm.train.sentence_labels`).
3. A pairwise logistic regression (sentence pairs of the same article with
   different labels; features standardised) learns the coefficients: the
   library's :func:`arsumm.train.fit_pairwise`, which
   :func:`arsumm.train_prior` fits with too.
4. Five-fold cross-validation by article inside dev, repeated with three
   seeds (:func:`benchmarks.protocol.cv_folds`), chooses the
   regularisation ``C``, the prior's temperature, the PageRank damping and
   the redundancy penalty, by mean ROUGE-1 + ROUGE-2 F1 (the suite's ROUGE,
   :mod:`benchmarks.scoring`) over the ratios 0.2, 0.3 and 0.4.
5. The final model is fitted on all of dev with the chosen ``C`` and written
   as plain JSON with a record of how it was made.

The chosen damping and redundancy are the defaults of
:class:`arsumm.Summarizer`; ``tests/test_quality_defaults.py`` checks that the
code's defaults and this file's record agree.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm import Summarizer
from arsumm.document import Document
from arsumm.prior import FEATURES, LinearPrior, features
from arsumm.rank import pagerank
from arsumm.select import Budget, select_diverse
from arsumm.train import SHARE_PREFIX, fit_pairwise, sentence_labels, squash
from benchmarks.protocol import FOLDS, RATIOS, SEEDS, cv_folds
from benchmarks.provenance import command_line, display_path, git_commit
from benchmarks.scoring import ArabicRougeTokenizer, References

__all__ = [
    "PREFIX",
    "TrainingDoc",
    "cross_validate",
    "main",
    "pairwise_coefficients",
    "prepare_with_document",
    "squash",
]

FloatArray = npt.NDArray[np.float64]

GRID_C = (0.01, 0.1, 1.0)
GRID_TEMPERATURE = (0.5, 1.0, 1.5)
GRID_DAMPING = (0.15, 0.2, 0.3, 0.4, 0.85)
GRID_REDUNDANCY = (0.0, 0.15, 0.3, 0.45)
#: A sentence is in a reference when the first PREFIX characters of its squashed
#: form (:func:`arsumm.train.squash`) occur in the squashed reference; the
#: library's ``"share"`` label (:data:`arsumm.train.SHARE_PREFIX`).
PREFIX = SHARE_PREFIX

_TOKENIZER = ArabicRougeTokenizer()


@dataclass
class TrainingDoc:
    """One dev article as the training loop sees it.

    Attributes
    ----------
    doc_id : str
    features : array of shape (n, n_features)
        The prior's features of the ranked sentences.
    labels : array of shape (n,)
        The share of the references that contain each sentence.
    words : list of int
        Words per sentence.
    graph : sparse or dense matrix
        The sentence-similarity graph arsumm ranks on.
    tokens : list of list of str
        The ROUGE tokens of each sentence.
    refs : References
        The references, counted for ROUGE.
    text_words : int
        The words of the whole text, what a ratio budget is of (arsumm's
        budget contract).
    """

    doc_id: str
    features: FloatArray
    labels: FloatArray
    words: list[int]
    graph: Any
    tokens: list[list[str]]
    refs: References
    text_words: int

    def rouge12(self, chosen: Sequence[int]) -> tuple[float, float]:
        """ROUGE-1 and ROUGE-2 F1 of the summary made of sentences ``chosen`` (in order)."""
        return self.refs.f1([t for j in chosen for t in self.tokens[j]])


def prepare_with_document(
    record: dict[str, Any], summarizer: Summarizer
) -> tuple[TrainingDoc, Document]:
    """Run one EASC record through arsumm; return its training view and arsumm's document."""
    doc = summarizer.vectorize(summarizer.prepare(record["text"]))
    spans = doc.ranked_spans
    labels = sentence_labels([s.text for s in spans], record["references"], "share")
    training = TrainingDoc(
        record["id"],
        features(doc),
        labels,
        [len(s.text.split()) for s in spans],
        doc.graph,
        [_TOKENIZER.tokenize(s.text) for s in spans],
        References.of(record["references"]),
        doc.text_words,
    )
    return training, doc


def _fit_pairwise(docs: Sequence[TrainingDoc], c: float) -> LinearPrior:
    mean, scale, coef = pairwise_coefficients(docs, c)
    return LinearPrior(
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef),
    )


def pairwise_coefficients(
    docs: Sequence[TrainingDoc], c: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Fit the pairwise logistic regression; return feature mean, scale and coefficients.

    :func:`arsumm.train.fit_pairwise`, the fit of :func:`arsumm.train_prior`;
    works for any number of feature columns (``benchmarks.dev_study`` tries more).
    """
    return fit_pairwise([d.features for d in docs], [d.labels for d in docs], C=c)


def _evaluate(
    docs: Sequence[TrainingDoc], prior: LinearPrior, damping: float, redundancy: float
) -> tuple[float, float]:
    """Mean ROUGE-1 and ROUGE-2 F1 (x100) over the documents and the budgets of RATIOS."""
    budgets = [Budget.of(ratio=ratio) for ratio in RATIOS]
    scores = []
    for d in docs:
        teleport = prior.weights(d.features)
        ranks = pagerank(d.graph, damping=damping, personalization=teleport)
        for budget in budgets:
            chosen = select_diverse(
                ranks, d.graph, d.words, budget, redundancy=redundancy, total_words=d.text_words
            )
            scores.append(d.rouge12(chosen))
    r1, r2 = np.mean(scores, axis=0) * 100
    return float(r1), float(r2)


def cross_validate(docs: Sequence[TrainingDoc]) -> list[dict[str, float]]:
    """Return the repeated-CV score of every grid point, best first."""
    splits = [
        ([docs[i] for i in held], [docs[i] for i in train]) for held, train in cv_folds(len(docs))
    ]
    results = []
    for c in GRID_C:
        fitted = [_fit_pairwise(train, c) for _, train in splits]
        for temperature, damping, redundancy in itertools.product(
            GRID_TEMPERATURE, GRID_DAMPING, GRID_REDUNDANCY
        ):
            per_fold = []
            for (held_out, _), model in zip(splits, fitted, strict=True):
                prior = LinearPrior(model.mean, model.scale, model.coef, temperature=temperature)
                r1, r2 = _evaluate(held_out, prior, damping, redundancy)
                per_fold.append((r1, r2, len(held_out)))
            weights = np.array([n for _, _, n in per_fold], dtype=float)
            r1 = float(np.average([x[0] for x in per_fold], weights=weights))
            r2 = float(np.average([x[1] for x in per_fold], weights=weights))
            results.append(
                {
                    "C": c,
                    "temperature": temperature,
                    "damping": damping,
                    "redundancy": redundancy,
                    "rouge1": round(r1, 3),
                    "rouge2": round(r2, 3),
                    "objective": round((r1 + r2) / 2, 3),
                }
            )
    results.sort(key=lambda r: (-r["objective"], r["C"], r["temperature"], r["damping"]))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train_prior", description=__doc__)
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--data", type=Path, default=root.parent / "shared/data/easc/easc.jsonl")
    parser.add_argument(
        "--splits", type=Path, default=None, help="default: splits.json beside --data"
    )
    parser.add_argument("--out", type=Path, default=root / "arsumm/data/prior.json")
    args = parser.parse_args(argv)
    splits_path = args.splits or args.data.with_name("splits.json")
    dev_ids = set(json.loads(splits_path.read_text(encoding="utf-8"))["dev"])
    with args.data.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if r["id"] in dev_ids]
    summarizer = Summarizer(prior="uniform")
    docs = [prepare_with_document(r, summarizer)[0] for r in sorted(records, key=lambda r: r["id"])]
    print(
        f"{len(docs)} dev articles, {sum(len(d.labels) for d in docs)} sentences", file=sys.stderr
    )

    results = cross_validate(docs)
    best = results[0]
    final = _fit_pairwise(docs, best["C"])
    prior = LinearPrior(
        final.mean,
        final.scale,
        final.coef,
        temperature=best["temperature"],
        info=(
            ("data", f"EASC dev split ({len(docs)} articles); test split not used"),
            (
                "command",
                command_line("benchmarks.train_prior", sys.argv[1:] if argv is None else argv),
            ),
            ("commit", str(git_commit().get("commit"))),
            (
                "method",
                "pairwise logistic regression on standardised features, labels = share "
                "of the 5 references containing the sentence",
            ),
            (
                "selection",
                f"{FOLDS}-fold CV by article inside dev, repeated with seeds {SEEDS}; "
                "objective: mean of ROUGE-1 and ROUGE-2 F1 over ratios "
                f"{', '.join(map(str, RATIOS))}",
            ),
            ("C", str(best["C"])),
            ("damping", str(best["damping"])),
            ("redundancy", str(best["redundancy"])),
            ("cv_rouge1", str(best["rouge1"])),
            ("cv_rouge2", str(best["rouge2"])),
        ),
    )
    prior.save(args.out)
    print("| C | temperature | damping | redundancy | R-1 | R-2 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results[:10]:
        print(
            f"| {r['C']} | {r['temperature']} | {r['damping']} | {r['redundancy']} "
            f"| {r['rouge1']:.2f} | {r['rouge2']:.2f} |"
        )
    coef = ", ".join(f"{n}={c:+.3f}" for n, c in zip(FEATURES, prior.coef, strict=True))
    print(f"\nwrote {display_path(args.out)}: {coef}", file=sys.stderr)
    print(
        f"chosen: damping={best['damping']} redundancy={best['redundancy']} "
        f"temperature={best['temperature']} C={best['C']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
