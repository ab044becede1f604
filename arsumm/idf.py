"""Background IDF: term weights learned from many documents.

By default arsumm weighs terms by an IDF computed over the sentences of the
one article being summarised. With :meth:`arsumm.Summarizer.fit` the IDF
comes from a corpus instead (documents = articles), which tells common words
of the domain from rare ones better than a dozen sentences can. The fitted
weights are plain data: :meth:`BackgroundIDF.save` writes JSON and
:meth:`BackgroundIDF.load` reads it back (never pickle).

Terms the corpus never saw get the IDF of a term seen in no document,
``log((N + 1) / 1) + 1``: a new name in today's article counts as rare.

Examples
--------
>>> from arsumm.features import Analyzer
>>> corpus = ["المطر غزير في عمان", "المطر قليل في العقبة"]
>>> idf = BackgroundIDF.fit(corpus, Analyzer(stemmer="none"))
>>> round(idf.weight("المطر"), 3), round(idf.weight("عمان"), 3), round(idf.weight("جديد"), 3)
(1.0, 1.405, 2.099)
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from arsumm.checks import integer, read_json
from arsumm.errors import ConfigError
from arsumm.features import Analyzer

__all__ = ["BackgroundIDF"]

_FORMAT = "arsumm.BackgroundIDF/1"
#: Largest number of documents an IDF may count (far beyond any corpus; a
#: larger number in a file is an error, not a corpus).
_MAX_DOCUMENTS = 10**15


@dataclass(frozen=True)
class BackgroundIDF:
    """Smoothed IDF of terms over a corpus of documents.

    Attributes
    ----------
    n_documents : int
        Number of documents the IDF was fitted on.
    document_frequency : dict of str to int
        In how many documents each term occurs.
    analyzer : dict
        The analyzer settings the terms were produced with (stemmer name,
        stop words, taa marbuta); a summarizer with other settings refuses
        to use this IDF.
    """

    n_documents: int
    document_frequency: dict[str, int] = field(repr=False)
    analyzer: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = integer("BackgroundIDF.n_documents", self.n_documents, low=1, high=_MAX_DOCUMENTS)
        object.__setattr__(self, "n_documents", n)
        if not isinstance(self.document_frequency, dict):
            raise TypeError("BackgroundIDF.document_frequency must be a dict of term -> count")
        for term, df in self.document_frequency.items():
            if not isinstance(term, str):
                raise TypeError(f"BackgroundIDF terms must be str, got {type(term).__name__}")
            integer(f"BackgroundIDF.document_frequency[{term!r}]", df, low=1, high=n)
        if not isinstance(self.analyzer, dict):
            raise TypeError("BackgroundIDF.analyzer must be a dict of settings")

    @classmethod
    def fit(cls, corpus: Iterable[str], analyzer: Analyzer) -> BackgroundIDF:
        """Count in how many documents of ``corpus`` each term occurs.

        Raises
        ------
        TypeError
            If ``corpus`` is a single string or a document is not a string.
        ConfigError
            If the corpus is empty.
        """
        if isinstance(corpus, str | bytes | bytearray) or not isinstance(corpus, Iterable):
            raise TypeError(
                "corpus must be an iterable of documents (strings), got "
                f"{type(corpus).__name__}; wrap a single document in a list: [text]"
            )
        df: Counter[str] = Counter()
        n = 0
        for position, document in enumerate(corpus):
            if not isinstance(document, str):
                raise TypeError(
                    f"corpus document {position} is {type(document).__name__}, expected str"
                )
            df.update(set(analyzer(document)))
            n += 1
        if n == 0:
            raise ConfigError("cannot fit an IDF on an empty corpus; pass at least one document")
        return cls(n, dict(df), _analyzer_settings(analyzer))

    def weight(self, term: str) -> float:
        """Return the smoothed IDF of ``term``: ``log((N + 1) / (df + 1)) + 1``."""
        df = self.document_frequency.get(term, 0)
        return math.log((self.n_documents + 1) / (df + 1)) + 1.0

    def vectors(self, term_lists: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Return L2-normalised TF-IDF rows for sentences given as term lists.

        The columns are the sentences' distinct terms in sorted order.
        """
        vocabulary = sorted({t for terms in term_lists for t in terms})
        column = {t: j for j, t in enumerate(vocabulary)}
        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        for i, terms in enumerate(term_lists):
            for term, count in Counter(terms).items():
                rows.append(i)
                cols.append(column[term])
                data.append(count * self.weight(term))
        matrix = sp.csr_matrix(
            (np.asarray(data, dtype=np.float64), (rows, cols)),
            shape=(len(term_lists), max(len(vocabulary), 1)),
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(scale) @ matrix)

    def check_analyzer(self, analyzer: Analyzer) -> None:
        """Raise ConfigError if ``analyzer`` produces terms of another kind."""
        settings = _analyzer_settings(analyzer)
        if self.analyzer and settings != self.analyzer:
            raise ConfigError(
                f"this IDF was fitted with analyzer settings {self.analyzer}, "
                f"but the summarizer uses {settings}; refit or change the settings"
            )

    def to_dict(self) -> dict[str, Any]:
        """Return the IDF as plain JSON-ready data."""
        return {
            "format": _FORMAT,
            "n_documents": self.n_documents,
            "analyzer": self.analyzer,
            "document_frequency": dict(sorted(self.document_frequency.items())),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BackgroundIDF:
        """Build the IDF from :meth:`to_dict` output, checking every field.

        Raises
        ------
        ConfigError
            A field is missing, of the wrong kind or out of range (the message
            names it).
        """
        if not isinstance(data, dict):
            raise ConfigError(f"a BackgroundIDF must be a JSON object, got {type(data).__name__}")
        if data.get("format") != _FORMAT:
            raise ConfigError(f"not an arsumm background IDF (expected format {_FORMAT!r})")
        for name, kind in (("n_documents", int), ("document_frequency", dict), ("analyzer", dict)):
            value = data.get(name)
            if isinstance(value, bool) or not isinstance(value, kind):
                expected = "an integer" if kind is int else "an object"
                raise ConfigError(
                    f"BackgroundIDF field {name!r} must be {expected}, got {type(value).__name__}"
                )
        try:
            return cls(
                data["n_documents"], dict(data["document_frequency"]), dict(data["analyzer"])
            )
        except TypeError as exc:  # a value of the wrong kind inside the file
            raise ConfigError(str(exc)) from None

    def save(self, path: str | Path) -> None:
        """Write the IDF to ``path`` as UTF-8 JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> BackgroundIDF:
        """Read an IDF written by :meth:`save`.

        Raises
        ------
        ConfigError
            The file is not valid JSON or not a BackgroundIDF (see :meth:`from_dict`).
        OSError
            The file cannot be read.
        """
        return cls.from_dict(read_json(path, "BackgroundIDF"))


def _analyzer_settings(analyzer: Analyzer) -> dict[str, Any]:
    stemmer = analyzer.stemmer
    return {
        "stemmer": stemmer if isinstance(stemmer, str) else type(stemmer).__name__,
        "stopwords": analyzer.stopwords,
        "taa_marbuta": analyzer.taa_marbuta,
        "min_length": analyzer.min_length,
    }
