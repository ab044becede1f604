"""Loading evaluation corpora from outside the repository.

A corpus is a JSONL file of ``{"id", "text", "references": [...]}`` records
(``topic`` and ``title`` optional) with a ``splits.json`` beside it
(``{"dev": [ids], "test": [ids]}``). The corpora are never copied into the
project. EASC's location is, in order: the path passed on the command line
(``--data``), ``$ARSUMM_DATA/easc/easc.jsonl``, or
``../shared/data/easc/easc.jsonl`` beside the project root; the other corpora
of the quality panel are found the same way (:func:`data_root`).

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
    "data_root",
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
    title : str or None
        The headline, where the corpus has one.
    """

    id: str
    topic: str
    text: str
    references: tuple[str, ...]
    title: str | None = None


def data_root() -> Path:
    """Return the folder that holds the evaluation corpora.

    ``$ARSUMM_DATA`` if the variable is set, otherwise ``../shared/data``
    relative to the project root.
    """
    env = os.environ.get("ARSUMM_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def default_data_path() -> Path:
    """Return where ``easc.jsonl`` is expected when no path is given (in :func:`data_root`)."""
    return data_root() / "easc" / "easc.jsonl"


def _document(record: object, where: str) -> Document:
    if not isinstance(record, dict):
        raise DataError(f"{where}: expected a JSON object, got {type(record).__name__}")
    missing = [f for f in ("id", "text", "references") if f not in record]
    if missing:
        raise DataError(f"{where}: missing field(s) {', '.join(missing)}")
    references = record["references"]
    if (
        not isinstance(references, list)
        or not references
        or not all(isinstance(r, str) for r in references)
    ):
        raise DataError(f"{where}: references must be a non-empty list of strings")
    if not isinstance(record["text"], str):
        raise DataError(f"{where}: text must be a string")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise DataError(f"{where}: title must be a string")
    return Document(
        id=str(record["id"]),
        topic=str(record.get("topic", "")),
        text=record["text"],
        references=tuple(references),
        title=title,
    )


def load_documents(path: Path) -> list[Document]:
    """Read a corpus: one ``{id, text, references[, topic, title]}`` JSON object per line.

    Raises
    ------
    DataError
        If the file is missing, a line is not JSON, a record lacks a field or
        has one of the wrong type, or two records share an id (the message
        names the file and the line).
    """
    if not path.is_file():
        raise DataError(
            f"{path}: no such file; pass the corpus path (--data / --corpus), or set "
            "ARSUMM_DATA to the folder that holds easc/easc.jsonl"
        )
    documents: list[Document] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: not valid JSON ({exc.msg})") from None
            document = _document(record, where)
            if document.id in seen:
                raise DataError(f"{where}: id {document.id!r} already on line {seen[document.id]}")
            seen[document.id] = number
            documents.append(document)
    return documents


def load_splits(path: Path) -> dict[str, list[str]]:
    """Read ``splits.json`` (``{"dev": [ids], "test": [ids]}``)."""
    if not path.is_file():
        raise DataError(f"{path}: no such file; put splits.json beside the corpus")
    try:
        splits = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc.msg})") from None
    if not isinstance(splits, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in splits.values()
    ):
        raise DataError(f'{path}: expected {{"dev": [ids], "test": [ids]}}')
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
