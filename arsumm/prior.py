"""Sentence priors: where the random walk of TextRank teleports to.

TextRank's PageRank has a teleport step; with a uniform teleport every
sentence starts equal and only graph centrality counts. News and
encyclopaedic writing put the gist first, so arsumm biases the teleport
towards sentences that *look* like summary sentences (a personalised, or
biased, PageRank). Two priors are built in:

``"learned"`` (the default)
    A log-linear model over ten generic sentence features (position, length,
    similarity to the first sentence and to the whole document, headline and
    question shape, share of content words, paragraph start). Its
    coefficients live in ``arsumm/data/prior.json``; they were fitted with a
    pairwise logistic regression on the EASC *dev* split only
    (``python -m benchmarks.train_prior``), and the file records how.
``"position"``
    ``(j + 1) ** -position_bias`` for the sentence at position ``j``.
``"uniform"``
    plain TextRank.

Examples
--------
>>> import numpy as np
>>> from arsumm.prior import position_prior
>>> [round(float(w), 3) for w in position_prior(4, 1.0)]
[0.48, 0.24, 0.16, 0.12]
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = [
    "FEATURES",
    "LinearPrior",
    "load_default_prior",
    "position_prior",
    "sentence_features",
]

FloatArray = npt.NDArray[np.float64]

#: Names of the features, in the column order of :func:`sentence_features`.
FEATURES = (
    "log_position",
    "relative_position",
    "is_first",
    "log_words",
    "sim_first",
    "sim_centroid",
    "headline",
    "question",
    "content_ratio",
    "paragraph_start",
)

_TERMINALS = frozenset(".!?\u061f\u2026\u06d4")
_CLOSERS = "\"'\u00bb\u201d\u2019)]}\ufd3e"


def position_prior(n: int, bias: float) -> FloatArray:
    """Return the teleport distribution ``(j + 1) ** -bias``, normalised.

    Parameters
    ----------
    n : int
        Number of sentences.
    bias : float
        Strength of the preference for early sentences; 0 is uniform.
    """
    weights = (np.arange(n, dtype=np.float64) + 1.0) ** (-float(bias))
    result: FloatArray = weights / weights.sum()
    return result


def sentence_features(
    sentences: Sequence[str],
    vectors: sp.csr_matrix,
    n_terms: Sequence[int],
    paragraph_start: Sequence[bool],
    *,
    words: Sequence[int] | None = None,
) -> FloatArray:
    """Compute the prior's features for the sentences of one document.

    Parameters
    ----------
    sentences : sequence of str
        The sentences, in document order.
    vectors : scipy.sparse.csr_matrix
        Their L2-normalised TF-IDF rows.
    n_terms : sequence of int
        Number of terms (content words after stop words) of each sentence.
    paragraph_start : sequence of bool
        Whether each sentence begins a line of the original text.
    words : sequence of int, optional
        ``len(sentence.split())`` of each sentence, if already known.

    Returns
    -------
    numpy.ndarray of shape (n, len(FEATURES))

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> X = sp.csr_matrix([[1.0, 0.0], [0.6, 0.8]])
    >>> F = sentence_features(["عنوان", "جملة أولى؟"], X, [1, 2], [True, False])
    >>> dict(zip(FEATURES, F[1].round(2).tolist()))["sim_first"]
    0.6
    """
    n = len(sentences)
    out = np.empty((n, len(FEATURES)))
    if n == 0:
        return out
    if words is None:
        words = [len(s.split()) for s in sentences]
    word_counts = np.asarray(words, dtype=np.float64)
    position = np.arange(n, dtype=np.float64)
    # similarity to the first row and to the centroid, read straight from
    # the CSR arrays: both columns in one pass
    directions = np.zeros((vectors.shape[1], 2))
    a, b = vectors.indptr[0], vectors.indptr[1]
    directions[vectors.indices[a:b], 0] = vectors.data[a:b]
    centroid = np.bincount(vectors.indices, weights=vectors.data, minlength=vectors.shape[1])
    norm = float(np.sqrt(centroid @ centroid))
    if norm > 0:
        directions[:, 1] = centroid / norm
    np.log1p(position, out=out[:, 0])
    np.divide(position, max(n - 1, 1), out=out[:, 1])
    out[:, 2] = 0.0
    out[0, 2] = 1.0
    np.log1p(word_counts, out=out[:, 3])
    out[:, 4:6] = _row_dots(vectors, directions)
    out[:, 6] = [s.rstrip().rstrip(_CLOSERS)[-1:] not in _TERMINALS for s in sentences]
    out[:, 7] = ["?" in s or "\u061f" in s for s in sentences]
    np.divide(n_terms, np.maximum(word_counts, 1.0), out=out[:, 8])
    out[:, 9] = paragraph_start
    return out


def _row_dots(vectors: sp.csr_matrix, dense: FloatArray) -> FloatArray:
    """Return ``vectors @ dense`` for a CSR matrix, without scipy's per-call checks."""
    out = np.zeros((vectors.shape[0], *dense.shape[1:]))
    starts = vectors.indptr[:-1]
    filled = np.diff(vectors.indptr) > 0
    if filled.any():
        weights = vectors.data if dense.ndim == 1 else vectors.data[:, None]
        products = weights * dense[vectors.indices]
        out[filled] = np.add.reduceat(products, starts[filled])
    return out


@dataclass(frozen=True)
class LinearPrior:
    """A log-linear teleport distribution over :data:`FEATURES`.

    ``weights(F) = exp(temperature * z - max)`` with
    ``z = ((F - mean) / scale) @ coef``, normalised to sum to one.

    Attributes
    ----------
    mean, scale, coef : tuple of float
        One value per feature, in the order of :data:`FEATURES`.
    temperature : float
        Sharpness of the distribution.
    info : dict
        How the coefficients were obtained (data, command, cross-validation).
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    temperature: float = 1.0
    info: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        m = len(FEATURES)
        for name in ("mean", "scale", "coef"):
            values = getattr(self, name)
            if len(values) != m or not all(math.isfinite(v) for v in values):
                raise ValueError(f"LinearPrior.{name} must hold {m} finite numbers")
        if any(v <= 0 for v in self.scale):
            raise ValueError("LinearPrior.scale must be positive")
        if not (math.isfinite(self.temperature) and self.temperature >= 0):
            raise ValueError("LinearPrior.temperature must be a finite number >= 0")

    def logits(self, features: FloatArray) -> FloatArray:
        """Return the linear score of every sentence."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        result: FloatArray = z @ np.asarray(self.coef)
        return result

    def weights(self, features: FloatArray) -> FloatArray:
        """Return the teleport distribution (positive, sums to one)."""
        z = self.temperature * self.logits(features)
        if z.size == 0:
            return z
        w = np.exp(z - z.max())
        result: FloatArray = w / w.sum()
        return result

    def to_dict(self) -> dict[str, Any]:
        """Return the prior as plain JSON-ready data."""
        return {
            "format": "arsumm.LinearPrior/1",
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "temperature": self.temperature,
            "info": dict(self.info),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearPrior:
        """Build a prior from :meth:`to_dict` output, checking the feature list."""
        if data.get("format") != "arsumm.LinearPrior/1":
            raise ValueError("not an arsumm LinearPrior file (format field missing or unknown)")
        if list(data.get("features", [])) != list(FEATURES):
            raise ValueError(
                f"prior features {data.get('features')} do not match this arsumm: {list(FEATURES)}"
            )
        return cls(
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            coef=tuple(float(v) for v in data["coef"]),
            temperature=float(data.get("temperature", 1.0)),
            info=tuple((str(k), str(v)) for k, v in dict(data.get("info", {})).items()),
        )

    def save(self, path: str | Path) -> None:
        """Write the prior to ``path`` as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearPrior:
        """Read a prior written by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@functools.cache
def load_default_prior() -> LinearPrior:
    """Return the prior shipped in ``arsumm/data/prior.json``."""
    raw = resources.files("arsumm").joinpath("data/prior.json").read_text("utf-8")
    return LinearPrior.from_dict(json.loads(raw))
