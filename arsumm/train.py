"""Fit the sentence prior on your own articles and their summaries.

The prior (:class:`arsumm.LinearPrior`) decides where TextRank's random walk
teleports to: which sentences *look* like summary sentences before the
similarity graph has its say. The bundled prior was fitted on EASC
(encyclopaedic and newspaper articles with extractive summaries);
:func:`train_prior` fits one on a corpus of yours, for example a newsroom's
archive of articles with the standfirst an editor wrote for each.

How a prior is fitted
    1. Each record's text goes through the given summarizer's own stages
       (:meth:`~arsumm.Summarizer.prepare` and
       :meth:`~arsumm.Summarizer.vectorize`: splitter, boilerplate filter,
       stemmer, stop words, IDF) and :func:`arsumm.prior.features`, so the
       features are exactly those the summarizer computes when it
       summarises.
    2. Every ranked sentence gets a label from the record's references
       (:data:`LABELS`, :func:`sentence_labels`).
    3. A pairwise logistic regression (scikit-learn, no intercept) learns
       which of two sentences of the same article has the higher label, from
       the difference of their standardised features
       (:func:`fit_pairwise`). Its coefficients are the prior's.

Labels
    ``"auto"`` (the default)
        ``"share"`` for an article whose references copy at least one of its
        sentences, ``"best"`` for the others: a corpus may mix both kinds.
    ``"best"``
        1 for the sentence whose word overlap with the references is the
        highest (:func:`unigram_f1`, the mean over the references), 0 for the
        others. Made for *abstractive* references: standfirsts, headlines,
        summaries written in other words than the article's.
    ``"share"``
        The share of the references that contain the sentence (its first
        :data:`SHARE_PREFIX` characters, normalised and without whitespace,
        occur in the normalised reference). Made for *extractive* references
        that copy sentences of the article, such as EASC's; the bundled prior
        was fitted with it.

    The default was chosen on the dev splits of the quality panel's three
    corpora, each prior fitted out of fold (``docs/training.md``): "auto"
    is "share" on EASC's extractive summaries and a little better than
    "best" on the news headlines and standfirsts, where "share" can use only
    the few articles whose summary copies a sentence; "best" alone loses
    badly on EASC.

Bad records
    A record that cannot be used is skipped and reported, never dropped
    silently: each becomes a :class:`SkippedRecord` (its position, its id
    and the reason) passed to ``on_skip``, or issued as a
    :class:`SkippedRecordWarning` when no ``on_skip`` is given. A record
    that is sound but teaches nothing (one sentence, every sentence with the
    same label) is reported the same way. When no record is left,
    :func:`train_prior` raises :class:`arsumm.ConfigError`.

scikit-learn is imported only when a prior is fitted: summarising never
imports it.

Examples
--------
>>> import arsumm
>>> records = [
...     {"text": "افتتحت البلدية محطة جديدة لتحلية المياه. وحضر الافتتاح عدد من السكان. "
...              "وتنتج المحطة عشرة آلاف متر مكعب يوميا.",
...      "references": ["البلدية تفتتح محطة لتحلية المياه"]},
...     {"text": "انطلق المعرض الدولي للكتاب في العاصمة. ويشارك فيه مئة ناشر. "
...              "وتستمر فعالياته أسبوعا.",
...      "references": ["مئة ناشر في المعرض الدولي للكتاب"]},
... ]
>>> prior = arsumm.train_prior(records)
>>> dict(prior.info)["records"], dict(prior.info)["label"]
('2 used, 0 skipped', 'auto')
>>> s = arsumm.Summarizer(prior=prior, lead="never")
>>> len(s.summarize(records[0]["text"], k=1))
1
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm.checks import real
from arsumm.document import Document
from arsumm.errors import ArsummError, ConfigError
from arsumm.normalize import normalize
from arsumm.prior import LinearPrior, features
from arsumm.summarizer import Summarizer

__all__ = [
    "DEFAULT_C",
    "DEFAULT_LABEL",
    "LABELS",
    "SHARE_PREFIX",
    "SkippedRecord",
    "SkippedRecordWarning",
    "fit_pairwise",
    "overlap_tokens",
    "sentence_labels",
    "squash",
    "train_prior",
    "unigram_f1",
]

FloatArray = npt.NDArray[np.float64]

#: The label choices of :func:`train_prior`.
LABELS = ("auto", "best", "share")
#: The default label (chosen on the quality panel's dev splits, ``docs/training.md``).
DEFAULT_LABEL = "auto"
#: The default inverse regularisation strength (the bundled prior's, chosen by
#: cross-validation on the EASC dev split).
DEFAULT_C = 0.01
#: A sentence counts as contained in a reference (label ``"share"``) when its
#: first this many characters, normalised and without whitespace, occur in the
#: normalised reference without whitespace.
SHARE_PREFIX = 40

#: Smallest standard deviation of a feature; a constant feature gets scale 1.
_MIN_SCALE = 1e-9
#: Reasons quoted in the error raised when no record is usable.
_QUOTED_REASONS = 3

#: The keys train_prior writes into the prior's info itself.
_RECORDED = frozenset(
    [
        "trained_by",
        "arsumm_version",
        "method",
        "label",
        "C",
        "records",
        "sentences",
        "pairs",
        "summarizer",
    ]
)

_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
_SPACE_RE = re.compile(r"\s+")


class SkippedRecordWarning(UserWarning):
    """A training record was skipped; the message says which one and why."""


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A training record that :func:`train_prior` did not use, and why.

    Attributes
    ----------
    position : int
        0-based position of the record in the records given.
    id : object
        The record's ``"id"`` value, if it is a mapping that has one, else None.
    reason : str
        What was wrong, in words (``"no 'references' field"``).
    error_type : str
        A class name for the kind of problem: ``TypeError`` or ``KeyError``
        for the record's shape, an :class:`arsumm.ArsummError` subclass for
        its text (``NoArabicError``), ``ValueError`` for a record that is
        sound but teaches nothing (one sentence, equal labels).

    Examples
    --------
    >>> print(SkippedRecord(3, "a-17", "no 'text' field", "KeyError"))
    record 3 (id 'a-17'): no 'text' field
    """

    position: int
    id: Any
    reason: str
    error_type: str

    def __str__(self) -> str:
        shown = "" if self.id is None else f" (id {self.id!r})"
        return f"record {self.position}{shown}: {self.reason}"


# -- labels ----------------------------------------------------------------------------


def overlap_tokens(text: str) -> list[str]:
    """The words compared by :func:`unigram_f1`: letter runs and digit runs of the normalised text.

    The text is normalised with :func:`arsumm.normalize.normalize` (no
    diacritics or tatweel, one alef, ``ى`` as ``ي``, Arabic-Indic digits as
    ASCII); nothing is stemmed and no stop word is removed. These are the
    tokens of the benchmark suite's ROUGE, so :func:`unigram_f1` of two texts
    is their ROUGE-1 F1 there.

    Examples
    --------
    >>> overlap_tokens("أعلنت الوزارةُ ٣ قرارات عام 2024م")
    ['اعلنت', 'الوزارة', '3', 'قرارات', 'عام', '2024', 'م']
    """
    return _TOKEN_RE.findall(normalize(text))


def unigram_f1(candidate: Sequence[str], reference: Sequence[str]) -> float:
    """The F1 of the word overlap of two token lists (ROUGE-1 F1 arithmetic).

    A word counts as many times as it occurs in both (the smaller of its two
    counts); precision divides the overlap by the candidate's length, recall
    by the reference's. 0.0 when either list is empty or nothing overlaps.

    Examples
    --------
    >>> unigram_f1(["افتتاح", "المحطة", "الجديدة"], ["افتتاح", "المحطة"])
    0.8
    >>> unigram_f1(["مطر", "مطر"], ["مطر"]), unigram_f1([], ["مطر"])
    (0.6666666666666666, 0.0)
    """
    if not candidate or not reference:
        return 0.0
    counts: dict[str, int] = {}
    for token in reference:
        counts[token] = counts.get(token, 0) + 1
    overlap = 0
    for token in candidate:
        left = counts.get(token, 0)
        if left:
            counts[token] = left - 1
            overlap += 1
    if overlap == 0:
        return 0.0
    precision = overlap / len(candidate)
    recall = overlap / len(reference)
    return 2 * precision * recall / (precision + recall)


def squash(text: str) -> str:
    """Normalise (taa marbuta folded too) and drop all whitespace, to find copied sentences.

    The form the ``"share"`` label compares (:data:`SHARE_PREFIX`): extractive
    references may strip hamza or glue the halves of a hard-wrapped line.

    Examples
    --------
    >>> squash("إلى  المدرسةِ\\nالجديدة")
    'اليالمدرسهالجديده'
    """
    return _SPACE_RE.sub("", normalize(text, taa_marbuta=True))


def sentence_labels(
    sentences: Sequence[str], references: Sequence[str], label: str = DEFAULT_LABEL
) -> FloatArray:
    """The training label of every sentence of one article (see :data:`LABELS`).

    Parameters
    ----------
    sentences : sequence of str
        The article's ranked sentences, in document order.
    references : sequence of str
        Its reference summaries (at least one).
    label : {"auto", "best", "share"}
        ``"auto"``: the ``"share"`` labels if at least one sentence occurs in
        the references (and not every sentence in the same share of them),
        else the ``"best"`` labels.
        ``"best"``: 1.0 for the sentence with the highest mean
        :func:`unigram_f1` against the references (the first of equals), 0.0
        for the others, all 0.0 when no sentence shares a word with them.
        ``"share"``: the share of the references that contain the sentence
        (:data:`SHARE_PREFIX`).

    Examples
    --------
    >>> sentences = ["هطلت أمطار غزيرة على المدينة.", "وأغلقت المدارس أبوابها.", "وعاد الهدوء."]
    >>> sentence_labels(sentences, ["أمطار غزيرة تغلق المدارس في المدينة"]).tolist()
    [1.0, 0.0, 0.0]
    >>> refs = ["هطلت أمطار غزيرة على المدينة. وعاد الهدوء.", "وأغلقت المدارس أبوابها."]
    >>> sentence_labels(sentences, refs, "share").tolist()
    [0.5, 0.5, 0.5]
    """
    _check_label(label)
    if not references:
        raise ValueError("pass at least one reference")
    n = len(sentences)
    if label == "auto":
        share = sentence_labels(sentences, references, "share")
        if n and share.min() != share.max():
            return share
        label = "best"
    if label == "share":
        squashed = [squash(r) for r in references]
        out = np.array(
            [sum(squash(s)[:SHARE_PREFIX] in r for r in squashed) for s in sentences],
            dtype=np.float64,
        )
        return out / len(references)
    reference_tokens = [overlap_tokens(r) for r in references]
    scores = np.array(
        [
            np.mean([unigram_f1(tokens, ref) for ref in reference_tokens])
            for tokens in (overlap_tokens(s) for s in sentences)
        ],
        dtype=np.float64,
    ).reshape(n)
    out = np.zeros(n)
    if n and scores.max() > 0:
        out[int(np.argmax(scores))] = 1.0  # argmax: the first of equals
    return out


def _check_label(label: object) -> str:
    if not isinstance(label, str):
        raise TypeError(f"label must be a str, got {type(label).__name__}")
    if label not in LABELS:
        raise ConfigError(f"label must be one of {', '.join(map(repr, LABELS))}, got {label!r}")
    return label


# -- fitting ---------------------------------------------------------------------------


def fit_pairwise(
    features: Sequence[FloatArray], labels: Sequence[FloatArray], *, C: float = DEFAULT_C
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Fit the pairwise logistic regression; return the features' mean, scale and coefficients.

    The features of all sentences are standardised together (a constant
    column gets scale 1). Within each article, every pair of sentences with
    different labels gives the difference of their standardised features,
    in both orders, with the target "the first has the higher label"; every
    pair weighs the same. A logistic regression without intercept
    (scikit-learn's ``LogisticRegression(C=C, fit_intercept=False)``,
    deterministic) learns the coefficients. Works for any number of feature
    columns.

    Parameters
    ----------
    features : sequence of arrays of shape (n_i, m)
        Per article, one row per sentence.
    labels : sequence of arrays of shape (n_i,)
        Per article, one label per sentence.
    C : float, default DEFAULT_C
        Inverse regularisation strength, > 0.

    Raises
    ------
    ConfigError
        No article has two sentences with different labels.

    Examples
    --------
    >>> import numpy as np
    >>> F = [np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])]
    >>> mean, scale, coef = fit_pairwise(F, [np.array([1.0, 0.0, 0.0])], C=1.0)
    >>> mean.tolist(), scale.round(3).tolist(), bool(coef[0] < 0), float(coef[1])
    ([1.0, 1.0], [0.816, 1.0], True, 0.0)
    """
    c = real("C", C, low=0.0, low_open=True)
    if len(features) != len(labels):
        raise ValueError(f"{len(features)} feature arrays but {len(labels)} label arrays")
    stacked = np.vstack([np.asarray(f, dtype=np.float64) for f in features])
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < _MIN_SCALE] = 1.0
    diffs, targets = [], []
    for f, y in zip(features, labels, strict=True):
        y = np.asarray(y, dtype=np.float64)
        z = (np.asarray(f, dtype=np.float64) - mean) / scale
        a, b = np.triu_indices(len(y), 1)
        keep = y[a] != y[b]
        delta = z[a[keep]] - z[b[keep]]
        better = (y[a[keep]] > y[b[keep]]).astype(int)
        diffs += [delta, -delta]
        targets += [better, 1 - better]
    target = np.concatenate(targets) if targets else np.zeros(0, dtype=int)
    if target.size == 0:
        raise ConfigError(
            "no article has two sentences with different labels: nothing to learn from"
        )
    from sklearn.linear_model import LogisticRegression  # only when fitting

    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack(diffs), target)
    coef: FloatArray = model.coef_.ravel().astype(np.float64)
    return mean, scale, coef


@dataclass(frozen=True, slots=True)
class _Example:
    features: FloatArray
    labels: FloatArray


class _Unusable(Exception):
    """Why a record cannot be used: the reason and the name of the error it amounts to."""

    def __init__(self, reason: str, error_type: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.error_type = error_type


def _problem(
    position: int,
    record: object,
    *,
    summarizer: Summarizer,
    label: str,
    text_field: str,
    references_field: str,
) -> _Example | SkippedRecord:
    """One record's features and labels, or why it cannot be used."""
    try:
        text, references = _fields(record, text_field, references_field)
        document = _ranked_document(summarizer, text)
        labels = _labels(document, references, label)
        try:
            document = summarizer.vectorize(document)
        except ArsummError as exc:  # a stemmer that empties every word
            raise _Unusable(str(exc), type(exc).__name__) from None
    except _Unusable as unusable:
        doc_id = record.get("id") if isinstance(record, Mapping) else None
        return SkippedRecord(position, doc_id, unusable.reason, unusable.error_type)
    return _Example(features(document), labels)


def _fields(
    record: object, text_field: str, references_field: str
) -> tuple[str, list[str] | tuple[str, ...]]:
    """A record's text and references; raise _Unusable if it lacks either."""
    if not isinstance(record, Mapping):
        raise _Unusable(
            f"expected a dict with {text_field!r} and {references_field!r}, "
            f"got {type(record).__name__}",
            "TypeError",
        )
    if text_field not in record:
        raise _Unusable(f"no {text_field!r} field", "KeyError")
    text = record[text_field]
    if not isinstance(text, str):
        raise _Unusable(
            f"field {text_field!r} must be a string, got {type(text).__name__}", "TypeError"
        )
    if references_field not in record:
        raise _Unusable(f"no {references_field!r} field", "KeyError")
    return text, _references(record[references_field], references_field)


def _references(references: object, field: str) -> list[str] | tuple[str, ...]:
    """A record's references, each a string with a word; raise _Unusable if not."""
    if isinstance(references, str):
        references = [references]
    if not isinstance(references, list | tuple):
        raise _Unusable(
            f"field {field!r} must be a list of strings, got {type(references).__name__}",
            "TypeError",
        )
    if not references:
        raise _Unusable(f"field {field!r} is an empty list: no reference", "ValueError")
    for i, reference in enumerate(references):
        if not isinstance(reference, str):
            raise _Unusable(
                f"{field}[{i}] must be a string, got {type(reference).__name__}", "TypeError"
            )
        if not overlap_tokens(reference):
            what = "is empty" if not reference.strip() else "has no word"
            raise _Unusable(f"{field}[{i}] {what}", "ValueError")
    return references


def _ranked_document(summarizer: Summarizer, text: str) -> Document:
    """The text prepared by ``summarizer``; raise _Unusable unless two sentences are ranked."""
    try:
        document: Document = summarizer.prepare(text)
    except ArsummError as exc:  # empty, no Arabic, only stop words or boilerplate
        raise _Unusable(str(exc), type(exc).__name__) from None
    if len(document.ranked) < 2:
        raise _Unusable(
            "the text has one sentence to rank: nothing to compare it with", "ValueError"
        )
    return document


def _labels(document: Document, references: Sequence[str], label: str) -> FloatArray:
    """The sentences' labels; raise _Unusable if they are all the same."""
    labels = sentence_labels([s.text for s in document.ranked_spans], references, label)
    if float(labels.min()) == float(labels.max()):
        if label != "share":
            why = "no sentence shares a word with the references"
        elif labels[0] == 0:
            why = (
                "no sentence occurs in the references (for references in other words "
                "than the article's, use label='best')"
            )
        else:
            why = "every sentence occurs in the same share of the references"
        raise _Unusable(f"every sentence has the same label: {why}", "ValueError")
    return labels


def _version() -> str:
    try:
        return version("arsumm")
    except PackageNotFoundError:  # a source tree, not installed (as arsumm.__version__)
        return "0+unknown"


def _summarizer_settings(summarizer: Summarizer) -> str:
    stemmer = summarizer.stemmer
    shown = stemmer if isinstance(stemmer, str) else type(stemmer).__name__
    splitter = type(summarizer.splitter).__name__
    idf = "none" if summarizer.idf is None else f"BackgroundIDF of {summarizer.idf.n_documents}"
    return (
        f"stemmer={shown}, stopwords={summarizer.stopwords}, "
        f"taa_marbuta={summarizer.taa_marbuta}, boilerplate={summarizer.boilerplate}, "
        f"splitter={splitter}, idf={idf}"
    )


def _extra_info(info: Mapping[str, str] | None) -> dict[str, str]:
    """The caller's entries for a trained prior's ``info``, checked."""
    extra = dict(info or {})
    for key, value in extra.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("info must map str to str")
        if key in _RECORDED:
            raise ConfigError(
                f"info key {key!r} is recorded by train_prior itself; name yours otherwise"
            )
    return extra


def train_prior(
    records: Iterable[Mapping[str, Any]],
    *,
    label: str = DEFAULT_LABEL,
    C: float = DEFAULT_C,
    temperature: float = 1.0,
    summarizer: Summarizer | None = None,
    text_field: str = "text",
    references_field: str = "references",
    on_skip: Callable[[SkippedRecord], object] | None = None,
    info: Mapping[str, str] | None = None,
) -> LinearPrior:
    """Fit a :class:`~arsumm.LinearPrior` on articles and their reference summaries.

    Parameters
    ----------
    records : iterable of dict
        One per article: ``{"text": str, "references": [str, ...]}``, and
        optionally ``"id"`` (shown when the record is skipped). A single
        string as ``references`` counts as one reference. Read once, in
        order, one at a time (a generator is fine).
    label : {"auto", "best", "share"}, default "auto"
        How the references label the sentences (module docstring,
        :func:`sentence_labels`): ``"best"`` for summaries in other words
        than the article's (standfirsts, headlines), ``"share"`` for
        summaries that copy its sentences, ``"auto"`` either, article by
        article.
    C : float, default 0.01
        Inverse regularisation strength of the logistic regression, > 0:
        smaller keeps the coefficients closer to 0 (a flatter prior).
    temperature : float, default 1.0
        The prior's temperature (:class:`~arsumm.LinearPrior`), >= 0.
    summarizer : Summarizer, optional
        The summarizer whose sentence split, boilerplate filter, analyzer
        and IDF compute the features (default ``Summarizer()``). Use the
        prior with a summarizer of the same settings.
    text_field, references_field : str
        The keys of the text and of the references in each record.
    on_skip : callable, optional
        Called with a :class:`SkippedRecord` for each record that is not
        used; by default each is issued as a :class:`SkippedRecordWarning`.
        A function that raises stops the training at the first bad record.
    info : mapping of str to str, optional
        More entries for the prior's ``info`` (where the data came from, a
        date): the prior records how it was fitted (label, ``C``, records
        used and skipped, sentences, pairs, summarizer settings, arsumm's
        version) and nothing that changes from run to run, so the same
        records give the same file.

    Returns
    -------
    LinearPrior
        Use it with ``Summarizer(prior=prior, lead="never")``: with the
        default ``lead="auto"`` a text that reads like news is summarised by
        its opening and the prior is not consulted.

    Raises
    ------
    ConfigError
        No record could be used (the message quotes the first reasons), or
        a setting is out of range.
    TypeError
        ``records`` is a string or a single dict, or a setting has the wrong
        type.

    Notes
    -----
    Memory grows with the pairs of sentences: fewer than one per sentence
    with ``"best"`` labels, up to ``n * (n - 1) / 2`` for an article of
    ``n`` sentences with ``"share"`` labels, each held as two rows of ten
    floats while the regression is fitted.

    Examples
    --------
    A record without references is reported and skipped:

    >>> records = [
    ...     {"id": "a", "text": "هطلت أمطار غزيرة على المدينة. وأغلقت المدارس أبوابها.",
    ...      "references": ["أمطار غزيرة في المدينة"]},
    ...     {"id": "b", "text": "نص بلا ملخص."},
    ... ]
    >>> skipped = []
    >>> prior = train_prior(records, on_skip=skipped.append)
    >>> [str(s) for s in skipped]
    ["record 1 (id 'b'): no 'references' field"]
    >>> train_prior(records[1:], on_skip=skipped.append)
    Traceback (most recent call last):
    ...
    arsumm.errors.ConfigError: no record could be used to train the prior (1 skipped): ...
    """
    if isinstance(records, str | bytes | Mapping):
        raise TypeError(
            f"records must be an iterable of dicts (one per article), got a single "
            f"{type(records).__name__}"
        )
    _check_label(label)
    c = real("C", C, low=0.0, low_open=True)
    temperature = real("temperature", temperature, low=0.0)
    if summarizer is None:
        summarizer = Summarizer()
    elif not isinstance(summarizer, Summarizer):
        raise TypeError(f"summarizer must be a Summarizer, got {type(summarizer).__name__}")
    for name, value in (("text_field", text_field), ("references_field", references_field)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    extra = _extra_info(info)

    examples: list[_Example] = []
    skipped: list[SkippedRecord] = []
    for position, record in enumerate(records):
        found = _problem(
            position,
            record,
            summarizer=summarizer,
            label=label,
            text_field=text_field,
            references_field=references_field,
        )
        if isinstance(found, SkippedRecord):
            skipped.append(found)
            if on_skip is None:
                warnings.warn(str(found), SkippedRecordWarning, stacklevel=2)
            else:
                on_skip(found)
        else:
            examples.append(found)
    if not examples:
        quoted = "; ".join(str(s) for s in skipped[:_QUOTED_REASONS])
        more = " ..." if len(skipped) > _QUOTED_REASONS else ""
        raise ConfigError(
            f"no record could be used to train the prior ({len(skipped)} skipped)"
            + (f": {quoted}{more}" if quoted else "; pass at least one article with references")
        )
    mean, scale, coef = fit_pairwise(
        [e.features for e in examples], [e.labels for e in examples], C=c
    )
    pairs = sum(
        int(np.count_nonzero(y[a] != y[b]))
        for y in (e.labels for e in examples)
        for a, b in [np.triu_indices(len(y), 1)]
    )
    record = {
        "trained_by": "arsumm.train_prior",
        "arsumm_version": _version(),
        "method": (
            "pairwise logistic regression (scikit-learn, no intercept) on standardised "
            "features; pairs of sentences of one article with different labels"
        ),
        "label": label,
        "C": repr(c),
        "records": f"{len(examples)} used, {len(skipped)} skipped",
        "sentences": str(sum(len(e.labels) for e in examples)),
        "pairs": str(pairs),
        "summarizer": _summarizer_settings(summarizer),
        **extra,
    }
    return LinearPrior(
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef),
        temperature=temperature,
        info=tuple(record.items()),
    )
