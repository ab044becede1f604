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

import bisect
import functools
import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from arsumm.chars import LINE_BREAK_RE, LINE_BREAKS, ends_sentence
from arsumm.checks import read_json, real
from arsumm.document import Document
from arsumm.errors import ConfigError
from arsumm.normalize import normalize
from arsumm.splitter import Span

__all__ = [
    "FEATURES",
    "NEWS_PARAGRAPH_SHARE",
    "NEWS_REPORTING_SHARE",
    "REPORTING_VERBS",
    "LinearPrior",
    "features",
    "load_default_prior",
    "looks_like_news",
    "paragraph_starts",
    "position_prior",
    "sentence_features",
]

FloatArray = npt.NDArray[np.float64]

_FORMAT = "arsumm.LinearPrior/1"
#: Largest magnitude of a coefficient, mean, scale or temperature (larger
#: finite values would overflow the teleport's exponential).
_MAX_VALUE = 1e6
#: Smallest scale of a feature.
_MIN_SCALE = 1e-9

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


def features(document: Document) -> FloatArray:
    """Compute the prior's features of the ranked sentences of ``document``.

    Parameters
    ----------
    document : Document
        A vectorised document (:meth:`arsumm.Summarizer.vectorize`).

    Returns
    -------
    numpy.ndarray of shape (len(document.ranked), len(FEATURES))

    Examples
    --------
    >>> import arsumm
    >>> s = arsumm.Summarizer()
    >>> doc = s.vectorize(s.prepare("عنوان الخبر\\nقال الوزير إن الخطة جاهزة. هل تنجح؟"))
    >>> F = features(doc)
    >>> F.shape, F[:, FEATURES.index("headline")].tolist()
    ((3, 10), [1.0, 0.0, 0.0])
    """
    if document.vectors is None:
        raise ValueError("the document is not vectorised; pass Summarizer.vectorize(document)")
    spans = document.ranked_spans
    return sentence_features(
        [s.text for s in spans],
        document.vectors,
        [len(t) for t in document.terms],
        paragraph_starts(document.text, spans),
        words=document.words,
    )


#: Verbs that report speech in news prose (past tense, both genders), as
#: written; they are compared normalised, alone or with و/ف attached.
REPORTING_VERBS = (
    "قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "أشار", "أشارت", "أوضح", "أوضحت",
    "تابع", "تابعت", "لفت", "لفتت", "ذكر", "ذكرت", "أفاد", "أفادت", "أعلن", "أعلنت",
    "صرح", "صرحت",
)  # fmt: skip
#: A document looks like news when more than this share of its ranked sentences
#: start a line (a news site's one-paragraph-per-line layout) ...
NEWS_PARAGRAPH_SHARE = 0.3
#: ... or more than this share report speech (:data:`REPORTING_VERBS`).
NEWS_REPORTING_SHARE = 0.1

_REPORTING_FORMS = frozenset(normalize(verb) for verb in REPORTING_VERBS)
_REPORTING_RE = re.compile(
    "(?<![^\\W\\d_])[\u0648\u0641]?(?:"
    + "|".join(sorted(_REPORTING_FORMS, key=len, reverse=True))
    + ")(?![^\\W\\d_])"
)
# Every form starts with one of these (قال for قالت): a sentence without any
# of them as a substring cannot match _REPORTING_RE, and str.find is many
# times faster than the expression's scan.
_REPORTING_STEMS = tuple(
    sorted(
        form
        for form in _REPORTING_FORMS
        if not any(other != form and form.startswith(other) for other in _REPORTING_FORMS)
    )
)


def _reporting_sentences(spans: Sequence[Span]) -> int:
    """How many of ``spans`` report speech (match ``_REPORTING_RE`` once normalised).

    The sentences are normalised together, joined by line feeds (a line feed
    never combines with a neighbour, and to the expression it is a non-letter
    like the end of a string), and the expression is tried only where a
    match can start: at each occurrence of a stem, or one letter before it.
    """
    texts = [span.text for span in spans]
    joined = normalize("\n".join(texts))
    pieces = joined.split("\n")
    if len(pieces) != len(texts):  # a sentence holds a line feed itself
        search = _REPORTING_RE.search
        return sum(search(normalize(text)) is not None for text in texts)
    match_at = _REPORTING_RE.match
    found: list[int] = []  # where matches start
    find = joined.find
    for stem in _REPORTING_STEMS:
        at = find(stem)
        while at >= 0:
            if match_at(joined, at) is not None:
                found.append(at)
            elif at > 0 and match_at(joined, at - 1) is not None:
                found.append(at - 1)
            at = find(stem, at + 1)
    if not found:
        return 0
    ends = list(itertools.accumulate(len(piece) + 1 for piece in pieces))
    return len({bisect.bisect_right(ends, at) for at in found})


def looks_like_news(text: str, spans: Sequence[Span]) -> bool:
    """Whether the sentences ``spans`` of ``text`` read like a news report.

    News puts its gist first: most sentences start a paragraph of their own
    (:data:`NEWS_PARAGRAPH_SHARE`), or many report what someone said
    (:data:`NEWS_REPORTING_SHARE`). For such a document no bag-of-words signal
    beats the opening sentences (``docs/quality.md``), and
    :class:`arsumm.Summarizer` summarises it in document order.

    Examples
    --------
    >>> from arsumm.splitter import split_sentences
    >>> report = "افتتحت البلدية المحطة.\\nوقال المدير إنها الأولى.\\nوأضاف أنها ستعمل غدا."
    >>> looks_like_news(report, split_sentences(report))
    True
    >>> essay = "الماء أساس الحياة. وتحتاجه النباتات. ويغطي معظم سطح الأرض. ويتبخر بالحرارة."
    >>> looks_like_news(essay, split_sentences(essay))
    False
    """
    n = len(spans)
    if n < 2:
        return False
    # the first sentence always starts a line: the share counts the others
    if sum(paragraph_starts(text, spans)[1:]) > NEWS_PARAGRAPH_SHARE * (n - 1):
        return True
    return _reporting_sentences(spans) > NEWS_REPORTING_SHARE * n


def paragraph_starts(text: str, spans: Sequence[Span]) -> list[bool]:
    """Whether each of ``spans`` begins a line of ``text``.

    The first span does; any other does when a line break
    (:data:`arsumm.chars.LINE_BREAKS`) lies between it and the span before.

    Examples
    --------
    >>> from arsumm.splitter import split_sentences
    >>> text = "سطر أول. تكملة\\x1eسطر ثان"
    >>> paragraph_starts(text, split_sentences(text))
    [True, False, True]
    """
    search = LINE_BREAK_RE.search
    starts = [True] * len(spans)
    for i in range(1, len(spans)):
        a, b = spans[i - 1].end, spans[i].start
        # most gaps are one character (a space): no need for the expression
        starts[i] = (
            text[a] in LINE_BREAKS if b - a == 1 else b > a and search(text, a, b) is not None
        )
    return starts


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
    norm = math.sqrt(float(centroid @ centroid))  # as np.sqrt: correctly rounded
    if norm > 0:
        directions[:, 1] = centroid / norm
    np.log1p(position, out=out[:, 0])
    np.divide(position, max(n - 1, 1), out=out[:, 1])
    out[:, 2] = 0.0
    out[0, 2] = 1.0
    np.log1p(word_counts, out=out[:, 3])
    out[:, 4:6] = _row_dots(vectors, directions)
    out[:, 6] = [not ends_sentence(s) for s in sentences]
    out[:, 7] = ["?" in s or "\u061f" in s for s in sentences]
    np.divide(n_terms, np.maximum(word_counts, 1.0), out=out[:, 8])
    out[:, 9] = paragraph_start
    return out


def _row_dots(vectors: sp.csr_matrix, dense: FloatArray) -> FloatArray:
    """Return ``vectors @ dense`` for a CSR matrix, without scipy's per-call checks."""
    out = np.zeros((vectors.shape[0], *dense.shape[1:]))
    starts = vectors.indptr[:-1]
    filled = vectors.indptr[1:] > starts
    if filled.any():
        weights = vectors.data if dense.ndim == 1 else vectors.data[:, None]
        products = weights * dense[vectors.indices]
        out[filled] = np.add.reduceat(products, starts[filled])
    return out


@functools.lru_cache(maxsize=64)
def _vector(values: tuple[float, ...]) -> FloatArray:
    """``np.asarray(values)``, made once per tuple of coefficients (read-only)."""
    vector = np.asarray(values, dtype=np.float64)
    vector.flags.writeable = False
    return vector


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
            if isinstance(values, str) or not isinstance(values, Sequence) or len(values) != m:
                raise ConfigError(f"LinearPrior.{name} must hold {m} numbers, one per feature")
            low = _MIN_SCALE if name == "scale" else -_MAX_VALUE
            checked = tuple(
                real(f"LinearPrior.{name}[{i}]", v, low=low, high=_MAX_VALUE)
                for i, v in enumerate(values)
            )
            object.__setattr__(self, name, checked)
        temperature = real("LinearPrior.temperature", self.temperature, low=0.0, high=_MAX_VALUE)
        object.__setattr__(self, "temperature", temperature)
        if not isinstance(self.info, tuple) or not all(
            isinstance(item, tuple) and len(item) == 2 for item in self.info
        ):
            raise TypeError("LinearPrior.info must be a tuple of (key, value) pairs")

    def logits(self, features: FloatArray) -> FloatArray:
        """Return the linear score of every sentence."""
        z = (features - _vector(self.mean)) / _vector(self.scale)
        result: FloatArray = z @ _vector(self.coef)
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
            "format": _FORMAT,
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
        if not isinstance(data, dict):
            raise ConfigError(f"a LinearPrior must be a JSON object, got {type(data).__name__}")
        if data.get("format") != _FORMAT:
            raise ConfigError(f"not an arsumm LinearPrior (expected format {_FORMAT!r})")
        if data.get("features") != list(FEATURES):
            raise ConfigError(
                f"prior features {data.get('features')} do not match this arsumm: {list(FEATURES)}"
            )
        values = {}
        for name in ("mean", "scale", "coef"):
            value = data.get(name)
            if not isinstance(value, list):
                raise ConfigError(f"LinearPrior field {name!r} must be a list of numbers")
            values[name] = tuple(value)
        info = data.get("info", {})
        if not isinstance(info, dict):
            raise ConfigError("LinearPrior field 'info' must be an object")
        try:
            return cls(
                mean=values["mean"],
                scale=values["scale"],
                coef=values["coef"],
                temperature=data.get("temperature", 1.0),
                info=tuple((str(k), str(v)) for k, v in info.items()),
            )
        except TypeError as exc:  # a value of the wrong type in the file
            raise ConfigError(str(exc)) from None

    def save(self, path: str | Path) -> None:
        """Write the prior to ``path`` as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearPrior:
        """Read a prior written by :meth:`save`.

        Raises
        ------
        ConfigError
            The file is not valid JSON or not a LinearPrior, or a field is
            missing or out of range (the message names it).
        OSError
            The file cannot be read.
        """
        return cls.from_dict(read_json(path, "LinearPrior"))


@functools.cache
def load_default_prior() -> LinearPrior:
    """Return the prior shipped in ``arsumm/data/prior.json``."""
    raw = resources.files("arsumm").joinpath("data/prior.json").read_text("utf-8")
    return LinearPrior.from_dict(json.loads(raw))
