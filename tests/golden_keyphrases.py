"""Golden keyphrases of the default extractor on the keyphrase dev sets.

``tests/data/golden_keyphrases.json`` records, for every document of
``akec_dev`` and ``logmani_dev``, how many keyphrases the default
:class:`arsumm.KeywordExtractor` gives at k = 15 and three digests of them,
best first: of their keys, of their exact scores (float64 hex forms) and of
every occurrence's offsets. ``tests/test_golden_keyphrases.py`` recomputes them, so
a change to how keyphrases are computed that moves any output by one bit
fails it. When a change is *meant* to move outputs, regenerate the file and
say so in the commit::

    python -m tests.golden_keyphrases --write

The file holds document ids, counts and digests, none of the corpora's text
(not even the stemmed keys).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import arsumm

GOLDEN = Path(__file__).resolve().parent / "data" / "golden_keyphrases.json"
SETS = ("akec_dev", "logmani_dev")
K = 15


def digest(values: Iterable[object]) -> str:
    return hashlib.sha256(" ".join(map(str, values)).encode()).hexdigest()[:20]


def record(phrases: list[arsumm.Keyphrase]) -> dict[str, Any]:
    """What is kept of one document's keyphrases."""
    return {
        "n": len(phrases),
        "keys": digest(p.key for p in phrases),
        "scores": digest(p.score.hex() for p in phrases),
        "occurrences": digest(p.occurrences for p in phrases),
    }


def documents(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(str(r["id"]), r["text"]) for r in map(json.loads, handle) if r]


def outputs(
    docs: list[tuple[str, str]], extractor: arsumm.KeywordExtractor | None = None
) -> dict[str, dict[str, Any]]:
    """The records of ``docs``, in order, all through one extractor."""
    extractor = extractor if extractor is not None else arsumm.KeywordExtractor()
    return {doc_id: record(extractor.extract(text, K)) for doc_id, text in docs}


def dumps(golden: dict[str, dict[str, Any]]) -> str:
    """JSON with one document per line, so that a change reads as a diff of documents."""
    lines = ["{"]
    for s, (name, docs) in enumerate(sorted(golden.items())):
        lines.append(f"{json.dumps(name)}: {{")
        items = list(docs.items())
        for i, (doc_id, rec) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            line = json.dumps(rec, sort_keys=True, ensure_ascii=False)
            lines.append(f"{json.dumps(doc_id)}: {line}{comma}")
        lines.append("}," if s < len(golden) - 1 else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.golden_keyphrases", description=__doc__)
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default, help="the evaluation data folder")
    parser.add_argument("--write", action="store_true", help=f"write {GOLDEN.name}")
    args = parser.parse_args()
    golden = {name: outputs(documents(args.data / "keyphrases" / f"{name}.jsonl")) for name in SETS}
    if args.write:
        GOLDEN.write_text(dumps(golden), encoding="utf-8")
    print({name: len(v) for name, v in golden.items()})


if __name__ == "__main__":
    main()
