"""Loading the evaluation corpus (EASC) from outside the repository.

The corpus is never copied into the project. Its location is, in order: the
path passed on the command line (``--data``), ``$ARSUMM_DATA/easc/easc.jsonl``,
or ``../shared/data/easc/easc.jsonl`` beside the project root. The split file
``splits.json`` is read from the same folder.

Examples
--------
>>> from benchmarks.data import Document
>>> doc = Document(id="x_01", topic="x", text="نص. آخر.", references=("نص.",))
>>> doc.references
('نص.',)
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ROOT

__all__ = [
    "DataError",
    "Document",
    "default_data_path",
    "load_documents",
    "load_split",
    "load_splits",
]

SPLITS = ("dev", "test", "all")


class DataError(Exception):
    """The corpus or its split file is missing or malformed."""


@dataclass(frozen=True)
class Document:
    """One article with its human reference summaries.

    Attributes
    ----------
    id : str
        The corpus identifier, e.g. ``"art_and_music_01"``.
    topic : str
        The corpus topic.
    text : str
        The article, with its line breaks.
    references : tuple of str
        The reference summaries (five in EASC).
    """

    id: str
    topic: str
    text: str
    references: tuple[str, ...]


def default_data_path() -> Path:
    """Return where ``easc.jsonl`` is expected when no path is given.

    ``$ARSUMM_DATA/easc/easc.jsonl`` if the variable is set, otherwise
    ``../shared/data/easc/easc.jsonl`` relative to the project root.
    """
    env = os.environ.get("ARSUMM_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    return base / "easc" / "easc.jsonl"


def load_documents(path: Path) -> list[Document]:
    """Read an EASC-style JSONL file: one ``{id, topic, text, references}`` per line.

    Raises
    ------
    DataError
        If the file is missing or a line lacks a field.
    """
    if not path.is_file():
        raise DataError(
            f"{path}: no such file; pass --data PATH/easc.jsonl or set ARSUMM_DATA "
            "to the folder that holds easc/easc.jsonl"
        )
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            try:
                documents.append(
                    Document(
                        id=str(record["id"]),
                        topic=str(record.get("topic", "")),
                        text=str(record["text"]),
                        references=tuple(str(r) for r in record["references"]),
                    )
                )
            except KeyError as exc:
                raise DataError(f"{path}:{number}: missing field {exc}") from None
    return documents


def load_splits(path: Path) -> dict[str, list[str]]:
    """Read ``splits.json`` (``{"dev": [ids], "test": [ids]}``)."""
    if not path.is_file():
        raise DataError(f"{path}: no such file; pass --splits PATH/splits.json")
    splits: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return splits


def load_split(
    documents: Sequence[Document], splits: dict[str, list[str]], name: str
) -> list[Document]:
    """Return the documents of one split, in corpus order.

    Parameters
    ----------
    documents : sequence of Document
    splits : dict
        The content of ``splits.json``.
    name : {"dev", "test", "all"}

    Examples
    --------
    >>> docs = [Document("a", "", "ا.", ()), Document("b", "", "ب.", ())]
    >>> [d.id for d in load_split(docs, {"dev": ["b"], "test": ["a"]}, "dev")]
    ['b']
    """
    if name == "all":
        return list(documents)
    if name not in splits:
        raise DataError(f"unknown split {name!r}; choose one of {', '.join(SPLITS)}")
    wanted = set(splits[name])
    chosen = [d for d in documents if d.id in wanted]
    if len(chosen) != len(wanted):
        missing = sorted(wanted - {d.id for d in chosen})
        raise DataError(f"split {name!r} names documents not in the corpus: {missing[:5]}")
    return chosen
