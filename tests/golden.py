"""Golden outputs of the default summarizer on the evaluation corpora.

``tests/data/golden_summaries.json`` records, for every EASC and ANT-BBC
article, the default summarizer's chosen sentences at three budgets and a
digest of every sentence's score (the exact float64 values). The test in
``tests/test_golden.py`` recomputes them, so a change that moves any output
by one bit fails it. When a change is *meant* to move outputs (a new default),
regenerate the file and say so in the commit::

    python -m tests.golden --write

The file holds ids and numbers only, none of the corpora's text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import arsumm

GOLDEN = Path(__file__).resolve().parent / "data" / "golden_summaries.json"
#: corpus name -> path inside the data folder
CORPORA = {"easc": ("easc", "easc.jsonl"), "ant-bbc": ("ant-bbc", "ant_bbc.jsonl")}
BUDGETS: dict[str, dict[str, Any]] = {
    "k3": {"k": 3},
    "ratio0.3": {"ratio": 0.3},
    "words40": {"max_words": 40},
}


def score_digest(scores: list[float]) -> str:
    """A short digest of exact float values (their hex forms)."""
    return hashlib.sha256(" ".join(x.hex() for x in scores).encode()).hexdigest()[:20]


def records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def outputs(path: Path) -> dict[str, dict[str, Any]]:
    """What the default summarizer gives for every article of one corpus file.

    The summaries come from :func:`arsumm.summarize_many` (the batch path); the
    score digests from :meth:`arsumm.Summarizer.rank`. ``tests/test_golden.py``
    checks separately that the one-text path gives the same summaries.
    """
    docs = list(records(path))
    summarizer = arsumm.Summarizer()
    out: dict[str, dict[str, Any]] = {}
    for doc in docs:
        try:
            ranked = summarizer.rank(doc["text"])
        except arsumm.ArsummError as exc:
            out[doc["id"]] = {"error": type(exc).__name__}
            continue
        out[doc["id"]] = {"scores": score_digest([s.score for s in ranked])}
    pairs = [(doc["id"], doc["text"]) for doc in docs]
    for tag, budget in BUDGETS.items():
        for result in arsumm.summarize_many(pairs, **budget):
            if result.ok:
                out[result.id][tag] = [s.index for s in result.sentences or ()]
    return out


def dumps(golden: dict[str, dict[str, Any]]) -> str:
    """JSON with one article per line, so that a change reads as a diff of articles."""
    lines = ["{"]
    for c, (corpus, articles) in enumerate(sorted(golden.items())):
        lines.append(f"{json.dumps(corpus)}: {{")
        items = sorted(articles.items())
        for i, (doc_id, record) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f"{json.dumps(doc_id)}: {json.dumps(record, sort_keys=True)}{comma}")
        lines.append("}," if c < len(golden) - 1 else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default, help="the evaluation data folder")
    parser.add_argument("--write", action="store_true", help=f"write {GOLDEN.name}")
    args = parser.parse_args()
    golden = {name: outputs(args.data.joinpath(*parts)) for name, parts in CORPORA.items()}
    if args.write:
        GOLDEN.write_text(dumps(golden), encoding="utf-8")
    print({name: len(v) for name, v in golden.items()})


if __name__ == "__main__":
    main()
