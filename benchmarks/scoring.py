"""ROUGE that is right for Arabic, and bootstrap intervals.

The arithmetic is the ``rouge-score`` package's; the tokenizer is ours. The
package's default tokenizer keeps only ``[a-z0-9]`` and scores two identical
Arabic texts 0.0. :class:`ArabicRougeTokenizer` normalises the text with
:func:`arsumm.normalize.normalize` (tashkeel, tatweel and invisible format
characters removed; ``أ إ آ ٱ`` → ``ا``; ``ى`` → ``ي``; Arabic-Indic digits →
ASCII) and keeps letter runs and digit runs. The same tokenizer is applied to
candidates and references, so an EASC reference whose hamza was stripped
matches the article's sentence it was copied from.

ROUGE-Lsum compares texts line by line. A candidate is one arsumm sentence per
line (inner whitespace folded, see :func:`summary_text`); a reference is split
into sentences with :func:`arsumm.split_sentences` (see :func:`reference_text`),
because EASC references are single paragraphs.

Examples
--------
>>> tok = ArabicRougeTokenizer()
>>> tok.tokenize("قالَ: «إنّ الكتـــاب» في ٣ أيام")
['قال', 'ان', 'الكتاب', 'في', '3', 'ايام']
>>> rouge = Rouge()
>>> s = rouge.score("ذهب الولد إلى المدرسة", ["ذهب الولد الى المدرسة"])
>>> s["rouge1"].f, s["rouge2"].f, s["rougeLsum"].f
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rouge_score import rouge_scorer

from arsumm import split_sentences
from arsumm.normalize import normalize

__all__ = [
    "METRICS",
    "ArabicRougeTokenizer",
    "Interval",
    "Rouge",
    "Score",
    "bootstrap_indices",
    "interval",
    "reference_text",
    "summary_text",
]

#: The reported ROUGE variants, in table order.
METRICS = ("rouge1", "rouge2", "rougeLsum")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")


class ArabicRougeTokenizer:
    """ROUGE tokenizer for Arabic: letter runs and digit runs of the normalised text.

    It has the one method ``rouge-score`` asks of a tokenizer, and it is a
    module-level class, so a scorer that holds it can be pickled.

    Examples
    --------
    >>> ArabicRougeTokenizer().tokenize("أَكَلَ ٱلْوَلَدُ ٣ تفاحات عام 2024م")
    ['اكل', 'الولد', '3', 'تفاحات', 'عام', '2024', 'م']
    """

    def tokenize(self, text: str) -> list[str]:
        """Return the tokens of ``text``."""
        return _TOKEN_RE.findall(normalize(text))


def _fold(sentence: str) -> str:
    return " ".join(sentence.split())


def summary_text(sentences: Iterable[str]) -> str:
    """Join summary sentences one per line, with their inner whitespace folded.

    Hard-wrapped article sentences contain line breaks; folding them keeps
    one sentence on one line for ROUGE-Lsum.

    Examples
    --------
    >>> summary_text(["جملة\\nمقسومة.", "  ثانية. "])
    'جملة مقسومة.\\nثانية.'
    """
    return "\n".join(folded for folded in (_fold(s) for s in sentences) if folded)


def reference_text(reference: str) -> str:
    """Split a reference summary into sentences with arsumm's splitter, one per line.

    Examples
    --------
    >>> reference_text("الجملة الاولى. الجملة الثانية؟")
    'الجملة الاولى.\\nالجملة الثانية؟'
    """
    if not reference.strip():
        return ""
    return summary_text(span.text for span in split_sentences(reference))


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one ROUGE variant, each in [0, 1]."""

    p: float
    r: float
    f: float


class Rouge:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum, averaged over a document's references.

    Parameters
    ----------
    metrics : sequence of str, default :data:`METRICS`
        A subset of ``("rouge1", "rouge2", "rougeLsum")``. ROUGE-Lsum is by far
        the slowest (``rouge-score`` computes it in pure Python); leave it out
        when it is not needed.

    Scores are memoised by (candidate, references), so methods that return
    the same summary are scored once.

    Examples
    --------
    >>> s = Rouge().score("ذهب الولد", ["ذهب الولد الى السوق", "ذهب الولد"])
    >>> round(s["rouge1"].r, 4), round(s["rouge1"].p, 4)
    (0.75, 1.0)
    """

    def __init__(self, metrics: Sequence[str] = METRICS) -> None:
        unknown = set(metrics) - set(METRICS)
        if unknown or not metrics:
            raise ValueError(f"metrics must be a non-empty subset of {METRICS}, got {metrics}")
        self.metrics = tuple(m for m in METRICS if m in metrics)
        self.tokenizer = ArabicRougeTokenizer()
        self._scorer = rouge_scorer.RougeScorer(list(self.metrics), tokenizer=self.tokenizer)
        self._memo: dict[tuple[str, tuple[str, ...]], dict[str, Score]] = {}

    def score_lines(self, candidate: str, references: Sequence[str]) -> dict[str, Score]:
        """Score a candidate already in line form against references in line form.

        Parameters
        ----------
        candidate : str
            One sentence per line (see :func:`summary_text`).
        references : sequence of str
            Each one sentence per line (see :func:`reference_text`).

        Returns
        -------
        dict
            ``{metric: Score}``, each the mean over the references.
        """
        if not references:
            raise ValueError("a document needs at least one reference summary")
        key = (candidate, tuple(references))
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        sums = {m: [0.0, 0.0, 0.0] for m in self.metrics}
        for reference in references:
            result = self._scorer.score(reference, candidate)
            for m in self.metrics:
                sums[m][0] += result[m].precision
                sums[m][1] += result[m].recall
                sums[m][2] += result[m].fmeasure
        n = len(references)
        scores = {m: Score(p / n, r / n, f / n) for m, (p, r, f) in sums.items()}
        self._memo[key] = scores
        return scores

    def score(self, candidate: str, references: Sequence[str]) -> dict[str, Score]:
        """Score raw texts: the candidate and the references are split into lines here."""
        lines = (
            summary_text(s.text for s in split_sentences(candidate)) if candidate.strip() else ""
        )
        return self.score_lines(lines, [reference_text(r) for r in references])


@dataclass(frozen=True)
class Interval:
    """A mean with its bootstrap confidence interval."""

    mean: float
    low: float
    high: float


def bootstrap_indices(n: int, *, samples: int = 10_000, seed: int = 0) -> IntArray:
    """Draw ``samples`` resamples (with replacement) of ``n`` documents.

    The same matrix is used for every method of a run, so the intervals of
    paired differences compare the methods on the same resampled documents.

    Examples
    --------
    >>> bootstrap_indices(3, samples=2, seed=0).shape
    (2, 3)
    """
    rng = np.random.default_rng(seed)
    indices: IntArray = rng.integers(0, n, size=(samples, n))
    return indices


def interval(
    values: Sequence[float] | FloatArray, indices: IntArray, level: float = 0.95
) -> Interval:
    """Return the mean of ``values`` and its percentile bootstrap interval.

    Parameters
    ----------
    values : sequence of float
        One value per document (for a paired difference: the per-document
        differences).
    indices : array of shape (samples, n)
        From :func:`bootstrap_indices`.
    level : float, default 0.95

    Examples
    --------
    >>> iv = interval([1.0, 1.0, 1.0], bootstrap_indices(3, samples=100))
    >>> (iv.mean, iv.low, iv.high)
    (1.0, 1.0, 1.0)
    """
    array = np.asarray(values, dtype=np.float64)
    means = array[indices].mean(axis=1)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return Interval(float(array.mean()), float(low), float(high))
