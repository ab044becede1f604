"""How far generic signals carry on EASC dev, measured out of fold (dev only).

    python -m benchmarks.dev_study --data ../shared/data/easc/easc.jsonl

The ablation (``benchmarks.ablation``) scores the shipped prior on dev, but
that prior was fitted on all of dev, so its dev figures are in-sample. This
study gives the honest dev estimate and the evidence behind the quality
issue's shortfall. It reads the **dev** split only; the test split is never
opened.

1. **Out of fold.** Five-fold cross-validation by article, repeated with three
   seeds: in each fold the prior is refitted on the other four fifths with the
   recorded setting of ``arsumm/data/prior.json`` (``C``, temperature,
   damping, redundancy), so every article is summarised by a model that did
   not see it. ROUGE-1/2 F1 (the arithmetic of ``benchmarks.train_prior``) at
   every budget of the ablation sweep, averaged over the three seeds per
   article, against Lead, with paired bootstrap intervals.
2. **Reference census.** Each human summary of a dev article is classed by
   the sentences it contains: the first *m* sentences (``lead prefix``),
   sentences 0, 2, 4, ... and no others (``every other sentence``, at least
   three), or ``other``. ROUGE-1 of Lead and of the out-of-fold default
   against each class shows which annotator behaviour each method matches.
3. **Candidate features.** Each extra generic feature (discourse-connective
   start, reporting verb, digits, quotation marks, similarity to the
   neighbouring sentences, share of terms shared with other sentences, very
   short sentence) is added to the prior's ten and scored out of fold.

Results go to ``benchmarks/results/dev-study.json``; ``python -m
benchmarks.ablation --render-only`` puts them in docs/quality.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm import Summarizer
from arsumm.normalize import normalize
from arsumm.prior import FEATURES, load_default_prior
from arsumm.rank import pagerank
from arsumm.select import Budget, select, select_diverse
from benchmarks import RESULTS_DIR
from benchmarks.data import default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import text_budget
from benchmarks.protocol import FOLDS, SEEDS, SWEEP, budget_tag, cv_folds
from benchmarks.provenance import display_path, provenance, write_json
from benchmarks.scoring import References, bootstrap_indices, interval
from benchmarks.train_prior import (
    PREFIX,
    TrainingDoc,
    pairwise_coefficients,
    prepare_with_document,
    squash,
)

FloatArray = npt.NDArray[np.float64]

OUT_JSON = RESULTS_DIR / "dev-study.json"
RATIO_BUDGETS = [b for b in SWEEP if b.ratio is not None]

#: Words that open a sentence continuing the previous one (Arabic news and
#: encyclopaedic prose), compared after arsumm's normalisation.
_CONNECTIVES = frozenset(
    normalize(w)
    for w in (
        "كما",
        "وكان",
        "وأضاف",
        "وقال",
        "وأشار",
        "وأكد",
        "وتابع",
        "ولفت",
        "وأوضح",
        "وبين",
        "واعتبر",
        "هذا",
        "وهذا",
        "وذلك",
        "ولكن",
        "لكن",
        "إلا",
        "غير",
        "ثم",
        "وبعد",
        "وأما",
        "أما",
        "كذلك",
        "وكذلك",
        "أيضا",
        "وأيضا",
        "ولقد",
        "وقد",
        "فقد",
        "بينما",
        "وبينما",
        "حيث",
        "وحيث",
        "إذ",
        "لذلك",
        "ولذلك",
    )
)
_REPORTING = re.compile("(قال|أضاف|اضاف|أكد|اكد|أشار|اشار|أوضح|اوضح|تابع|لفت)")
_DIGIT = re.compile("[0-9\u0660-\u0669]")
_QUOTE = re.compile('["\u00ab\u00bb\u201c\u201d]')

EXTRA_FEATURES = (
    "connective_start",
    "reporting_verb",
    "digits",
    "quotation",
    "sim_previous",
    "sim_next",
    "shared_terms",
    "very_short",
)


def extra_features(
    sentences: Sequence[str],
    term_lists: Sequence[Sequence[str]],
    words: Sequence[int],
    vectors: Any,
) -> FloatArray:
    """Return the candidate features of one article, in the order of EXTRA_FEATURES.

    ``vectors`` are the L2-normalised TF-IDF rows of the sentences.

    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix([[1.0, 0.0], [0.6, 0.8]])
    >>> F = extra_features(["قال الوزير 5.", "كما زار."], [["وزر"], ["وزر", "زور"]], [3, 2], X)
    >>> F[:, :4].tolist()
    [[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]]
    """
    n = len(sentences)
    sims = (vectors @ vectors.T).toarray()
    spread = Counter(t for terms in term_lists for t in set(terms))
    rows = []
    for j, sentence in enumerate(sentences):
        first = sentence.split()[:1]
        terms = set(term_lists[j])
        rows.append(
            [
                bool(first) and normalize(first[0]) in _CONNECTIVES,
                _REPORTING.search(sentence) is not None,
                _DIGIT.search(sentence) is not None,
                _QUOTE.search(sentence) is not None,
                sims[j, j - 1] if j > 0 else 0.0,
                sims[j, j + 1] if j < n - 1 else 0.0,
                np.mean([spread[t] > 1 for t in terms]) if terms else 0.0,
                words[j] < 6,
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(n, len(EXTRA_FEATURES))


def _folds(docs: Sequence[TrainingDoc]) -> list[tuple[list[int], list[int]]]:
    """The folds of :func:`benchmarks.protocol.cv_folds`, each side in document order."""
    return [(sorted(held), sorted(train)) for held, train in cv_folds(len(docs))]


def _held_out_ranks(
    docs: Sequence[TrainingDoc],
    setting: dict[str, float],
    folds: Sequence[tuple[list[int], list[int]]],
) -> Iterator[tuple[int, FloatArray]]:
    """Yield ``(i, scores)`` for every held-out article of every fold, from its fold's model."""
    for held, train in folds:
        model = pairwise_coefficients([docs[i] for i in train], setting["C"])
        for i in held:
            d = docs[i]
            teleport = _teleport(d.features, model, setting["temperature"])
            if setting["damping"] > 0:
                yield i, pagerank(d.graph, damping=setting["damping"], personalization=teleport)
            else:
                yield i, teleport


def out_of_fold(
    docs: Sequence[TrainingDoc], setting: dict[str, float], budgets: Sequence[Budget]
) -> dict[str, FloatArray]:
    """Per-article ROUGE-1/2 (x100, mean over seeds) of the refitted default, per budget.

    Returns ``{budget tag: array of shape (len(docs), 2)}``, rows aligned with ``docs``.
    """
    sums = {budget_tag(b): np.zeros((len(docs), 2)) for b in budgets}
    for i, ranks in _held_out_ranks(docs, setting, _folds(docs)):
        d = docs[i]
        for b in budgets:
            redundancy = setting["redundancy"]
            chosen = select_diverse(
                ranks, d.graph, d.words, b, redundancy=redundancy, total_words=d.text_words
            )
            sums[budget_tag(b)][i] += d.rouge12(chosen)
    return {tag: s * 100 / len(SEEDS) for tag, s in sums.items()}


def _teleport(
    features: FloatArray, model: tuple[FloatArray, FloatArray, FloatArray], temperature: float
) -> FloatArray:
    """The log-linear teleport of :class:`arsumm.prior.LinearPrior`, for any feature count."""
    mean, scale, coef = model
    z = temperature * (((features - mean) / scale) @ coef)
    weights = np.exp(z - z.max())
    result: FloatArray = weights / weights.sum()
    return result


def lead_scores(docs: Sequence[TrainingDoc], budgets: Sequence[Budget]) -> dict[str, FloatArray]:
    """Per-article ROUGE-1/2 (x100) of Lead under the shared budget rule."""
    return {
        budget_tag(b): np.array(
            [
                d.rouge12(select(list(range(len(d.words))), d.words, text_budget(b, d.text_words)))
                for d in docs
            ]
        )
        * 100
        for b in budgets
    }


def _selected(sentences: Sequence[str], reference: str) -> list[int]:
    squashed = squash(reference)
    return [j for j, s in enumerate(sentences) if squash(s)[:PREFIX] in squashed]


def reference_kind(sentences: Sequence[str], reference: str) -> str:
    """Class a human summary by the positions of the sentences it contains.

    >>> reference_kind(["أ.", "ب.", "ج."], "أ. ب.")
    'lead prefix'
    >>> reference_kind(["أ.", "ب.", "ج.", "د.", "هـ."], "أ. ج. هـ.")
    'every other sentence'
    >>> reference_kind(["أ.", "ب.", "ج."], "ب.")
    'other'
    """
    chosen = _selected(sentences, reference)
    if chosen and chosen == list(range(len(chosen))):
        return "lead prefix"
    if len(chosen) >= 3 and chosen == list(range(0, 2 * len(chosen), 2)):
        return "every other sentence"
    return "other"


def _rouge1_against(doc: TrainingDoc, chosen: Sequence[int], refs: Sequence[int]) -> float:
    """ROUGE-1 F1 (x100) against the references numbered ``refs`` only."""
    keep = dataclasses.replace(doc, refs=References([doc.refs.lines[r] for r in refs]))
    return keep.rouge12(chosen)[0] * 100


def _ci(values: FloatArray, indices: Any) -> dict[str, float]:
    iv = interval(values, indices)
    return {"mean": round(iv.mean, 2), "low": round(iv.low, 2), "high": round(iv.high, 2)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dev_study", description=__doc__)
    parser.add_argument("--data", type=Path, default=None, help="easc.jsonl")
    parser.add_argument("--bootstrap", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=OUT_JSON, help="result JSON")
    args = parser.parse_args(argv)
    data = args.data or default_data_path()
    documents = sorted(
        load_split(load_documents(data), load_splits(data.with_name("splits.json")), "dev"),
        key=lambda d: d.id,
    )
    summarizer = Summarizer(prior="uniform")
    docs, sentences, terms, vectors = [], [], [], []
    for document in documents:
        raw = {"id": document.id, "text": document.text, "references": document.references}
        training, prepared = prepare_with_document(raw, summarizer)
        docs.append(training)
        sentences.append([s.text for s in prepared.ranked_spans])
        terms.append(list(prepared.terms))
        vectors.append(prepared.vectors)
    shipped = load_default_prior()
    info = dict(shipped.info)
    setting = {
        "C": float(info["C"]),
        "temperature": shipped.temperature,
        "damping": float(info["damping"]),
        "redundancy": float(info["redundancy"]),
    }
    indices = bootstrap_indices(len(docs), samples=args.bootstrap)
    print(f"{len(docs)} dev articles; setting {setting}", file=sys.stderr)

    # 1. out of fold, every budget
    ours = out_of_fold(docs, setting, SWEEP)
    lead = lead_scores(docs, SWEEP)
    sweep = []
    for b in SWEEP:
        tag = budget_tag(b)
        sweep.append(
            {
                "tag": tag,
                "default_rouge1": _ci(ours[tag][:, 0], indices),
                "default_rouge2": _ci(ours[tag][:, 1], indices),
                "lead_rouge1": _ci(lead[tag][:, 0], indices),
                "lead_rouge2": _ci(lead[tag][:, 1], indices),
                "d_rouge1": _ci(ours[tag][:, 0] - lead[tag][:, 0], indices),
                "d_rouge2": _ci(ours[tag][:, 1] - lead[tag][:, 1], indices),
            }
        )

    # 2. census of the human summaries, and who matches which kind
    headline = Budget.of(ratio=0.3)
    kinds: Counter[str] = Counter()
    by_kind: dict[str, dict[str, list[float]]] = {}
    oof_chosen = _oof_chosen(docs, setting, headline)
    for d, sents, document, chosen in zip(docs, sentences, documents, oof_chosen, strict=True):
        groups: dict[str, list[int]] = {}
        for r, reference in enumerate(document.references):
            kind = reference_kind(sents, reference)
            kinds[kind] += 1
            groups.setdefault(kind, []).append(r)
        lead_chosen = select(
            list(range(len(d.words))), d.words, text_budget(headline, d.text_words)
        )
        for kind, refs in groups.items():
            entry = by_kind.setdefault(kind, {"lead": [], "default": []})
            entry["lead"].append(_rouge1_against(d, lead_chosen, refs))
            entry["default"].append(_rouge1_against(d, chosen, refs))
    census = {
        "references": sum(kinds.values()),
        "kinds": [
            {
                "kind": kind,
                "count": kinds[kind],
                "articles": len(by_kind[kind]["lead"]),
                "lead_rouge1": round(float(np.mean(by_kind[kind]["lead"])), 2),
                "default_rouge1": round(float(np.mean(by_kind[kind]["default"])), 2),
            }
            for kind in ("lead prefix", "every other sentence", "other")
            if kind in kinds
        ],
    }

    # 3. candidate features, out of fold, mean over the ratio budgets
    extras = [
        extra_features(s, t, d.words, v)
        for d, s, t, v in zip(docs, sentences, terms, vectors, strict=True)
    ]
    lead_mean = float(np.mean([lead[budget_tag(b)][:, 0].mean() for b in RATIO_BUDGETS]))

    def ratio_mean(feature_docs: Sequence[TrainingDoc]) -> float:
        scores = out_of_fold(feature_docs, setting, RATIO_BUDGETS)
        return float(np.mean([scores[budget_tag(b)][:, 0].mean() for b in RATIO_BUDGETS]))

    candidates = [{"features": "the ten of the default", "rouge1": round(ratio_mean(docs), 2)}]
    for k, name in enumerate(EXTRA_FEATURES):
        widened = [
            dataclasses.replace(d, features=np.hstack([d.features, x[:, k : k + 1]]))
            for d, x in zip(docs, extras, strict=True)
        ]
        candidates.append({"features": f"+ {name}", "rouge1": round(ratio_mean(widened), 2)})
        print(f"  + {name}: {candidates[-1]['rouge1']}", file=sys.stderr)
    widened = [
        dataclasses.replace(d, features=np.hstack([d.features, x]))
        for d, x in zip(docs, extras, strict=True)
    ]
    candidates.append({"features": "+ all eight", "rouge1": round(ratio_mean(widened), 2)})

    record: dict[str, Any] = {
        "provenance": provenance("benchmarks.dev_study", sys.argv[1:] if argv is None else argv),
        "data": display_path(data),
        "split": "dev",
        "articles": len(docs),
        "setting": setting,
        "features": list(FEATURES),
        "sweep": sweep,
        "census": census,
        "candidates": {"lead_rouge1": round(lead_mean, 2), "rows": candidates},
    }
    write_json(args.out, record)
    print(f"wrote {display_path(args.out)}", file=sys.stderr)
    return 0


def _oof_chosen(
    docs: Sequence[TrainingDoc], setting: dict[str, float], budget: Budget
) -> list[list[int]]:
    """The summary of every article under ``budget`` from its first-seed fold's model."""
    chosen: list[list[int]] = [[] for _ in docs]
    for i, ranks in _held_out_ranks(docs, setting, _folds(docs)[:FOLDS]):
        d = docs[i]
        redundancy = setting["redundancy"]
        chosen[i] = select_diverse(
            ranks, d.graph, d.words, budget, redundancy=redundancy, total_words=d.text_words
        )
    return chosen


if __name__ == "__main__":
    raise SystemExit(main())
