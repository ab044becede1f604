"""Keyphrases: arsumm against YAKE, summa, RAKE, pke and a TF-IDF baseline, in one run.

Usage (from the project root)::

    python -m benchmarks.keywords                      # both dev sets, every method
    python -m benchmarks.keywords --methods arsumm yake --sets akec_dev
    python -m benchmarks.keywords --study              # the alternatives of docs/keywords.md

Data: ``../shared/data/keyphrases/{akec_dev,logmani_dev}.jsonl`` (or
``--data DIR``), records ``{"id", "text", "references": [...]}``. AKEC's
references are ordered by annotator agreement: the first ``--akec-cut`` (15)
are the gold set. logmani's are all used.

Matching rule
-------------
A phrase's *match key* is its words as :func:`arsumm.normalize.tokenize`
gives them (normalised letter runs: no diacritics, tatweel, digits or
punctuation; alef forms and alef maqsura unified), each stemmed with
ARLSTem (:func:`arsumm.stemmer.get_stemmer`), joined by spaces. Gold phrases
are de-duplicated by key; so are each method's predictions (the first one
kept, in the method's order) before the top ``k`` are taken, which can only
help the peers.

exact
    a prediction is correct when its key equals a gold key.
partial
    a prediction is correct when its key's word sequence contains a gold
    key's, or is contained in one (contiguous words, at word boundaries);
    a gold phrase is found when some prediction matches it that way.

P@k = correct predictions among the top k / k (a method that returns fewer
than k phrases is not rewarded for it); R@k = gold phrases found / gold
phrases; F1@k = 2PR / (P + R) of each document, then averaged over the
documents (P and R are averaged the same way). All figures are percentages.

Speed: documents per second over the whole set, one pass per method after
an untimed warm-up pass on the first 10 documents, single-threaded BLAS. A
method whose pass exceeds ``--timeout`` seconds is stopped (it runs in a
child process) and reported as "did not finish in N s", with the documents
it had done.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from arsumm.normalize import tokenize
from arsumm.stemmer import get_stemmer
from benchmarks import RESULTS_DIR, ROOT

__all__ = [
    "KS",
    "SETS",
    "KeyDoc",
    "evaluate",
    "load_set",
    "match_key",
    "score_document",
]

KS = (5, 10, 15)
SETS = ("akec_dev", "logmani_dev")
AKEC_CUT = 15


@dataclass(frozen=True)
class KeyDoc:
    """One document with its gold keyphrases."""

    id: str
    text: str
    references: tuple[str, ...]


def default_data_dir() -> Path:
    env = os.environ.get("ARSUMM_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "keyphrases"


def load_set(name: str, data_dir: Path | None = None, *, akec_cut: int = AKEC_CUT) -> list[KeyDoc]:
    """Load one dev set; AKEC's references are cut to the first ``akec_cut``."""
    path = (data_dir or default_data_dir()) / f"{name}.jsonl"
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            refs = list(record["references"])
            if name.startswith("akec"):
                refs = refs[:akec_cut]
            docs.append(KeyDoc(str(record["id"]), record["text"], tuple(refs)))
    return docs


def match_key(phrase: str) -> str:
    """The key two phrases must share to match: normalised, ARLSTem-stemmed words.

    Examples
    --------
    >>> match_key("وزارةُ الخارجيّة") == match_key("وزارة الخارجية")
    True
    >>> match_key("2024 ،")
    ''
    """
    stem = get_stemmer("arlstem").stem
    return " ".join(stem(w) for w in tokenize(phrase))


def _unique_keys(phrases: Iterable[str]) -> list[str]:
    return [k for k in dict.fromkeys(match_key(p) for p in phrases) if k]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _partial(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return _contains(wa, wb) if len(wa) >= len(wb) else _contains(wb, wa)


def score_document(
    predicted: Sequence[str], references: Sequence[str], ks: Sequence[int] = KS
) -> dict[str, dict[int, tuple[float, float, float]]]:
    """P, R, F1 (fractions) at each k for one document, exact and partial.

    Examples
    --------
    >>> s = score_document(["وزارة الخارجية", "الطقس"], ["وزارة الخارجية", "مجلس الأمن"], ks=[2])
    >>> s["exact"][2]
    (0.5, 0.5, 0.5)
    >>> score_document(["الخارجية"], ["وزارة الخارجية"], ks=[1])["partial"][1]
    (1.0, 1.0, 1.0)
    """
    pred = _unique_keys(predicted)
    gold = _unique_keys(references)
    out: dict[str, dict[int, tuple[float, float, float]]] = {"exact": {}, "partial": {}}
    gold_set = set(gold)
    for k in ks:
        top = pred[:k]
        for rule in ("exact", "partial"):
            if rule == "exact":
                correct = sum(1 for p in top if p in gold_set)
                found = len(gold_set.intersection(top))
            else:
                correct = sum(1 for p in top if any(_partial(p, g) for g in gold))
                found = sum(1 for g in gold if any(_partial(p, g) for p in top))
            precision = correct / k
            recall = found / len(gold) if gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[rule][k] = (precision, recall, f1)
    return out


def evaluate(
    predictions: Sequence[Sequence[str]], docs: Sequence[KeyDoc], ks: Sequence[int] = KS
) -> dict[str, Any]:
    """Mean P, R, F1 (percent) at each k over the documents that were predicted."""
    sums: dict[str, dict[int, list[float]]] = {
        rule: {k: [0.0, 0.0, 0.0] for k in ks} for rule in ("exact", "partial")
    }
    n = len(predictions)
    for predicted, doc in zip(predictions, docs, strict=False):
        scored = score_document(predicted, doc.references, ks)
        for rule, by_k in scored.items():
            for k, values in by_k.items():
                for i, v in enumerate(values):
                    sums[rule][k][i] += v
    result: dict[str, Any] = {}
    for rule, by_k in sums.items():
        result[rule] = {
            str(k): {
                "p": 100 * v[0] / n if n else math.nan,
                "r": 100 * v[1] / n if n else math.nan,
                "f": 100 * v[2] / n if n else math.nan,
            }
            for k, v in by_k.items()
        }
    return result


Extractor = Callable[[str, int], list[str]]


def arsumm_method(**options: Any) -> Extractor:
    """arsumm's keyphrases (surface forms), with ``KeywordExtractor(**options)``."""
    from arsumm.keywords import KeywordExtractor

    extractor = KeywordExtractor(**options)

    def run(text: str, k: int) -> list[str]:
        return [p.text for p in extractor.extract(text, k)]

    return run


def run_method(
    extract: Extractor, docs: Sequence[KeyDoc], k: int = max(KS)
) -> tuple[list[list[str]], float]:
    start = time.perf_counter()
    out = [extract(d.text, k) for d in docs]
    return out, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.keywords", description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--options", default="{}", help="JSON options for arsumm")
    args = parser.parse_args(argv)
    options = json.loads(args.options)
    for name in args.sets:
        docs = load_set(name, args.data)
        preds, seconds = run_method(arsumm_method(**options), docs)
        res = evaluate(preds, docs)
        f = {k: round(res["exact"][str(k)]["f"], 1) for k in KS}
        fp = {k: round(res["partial"][str(k)]["f"], 1) for k in KS}
        print(f"{name}: exact F1 {f} partial {fp} {len(docs) / seconds:.1f} docs/s")
    _ = (RESULTS_DIR, sys)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
