"""The suite's one ROUGE: ``rouge-score``'s arithmetic with an Arabic tokenizer.

Every runner scores through this module: the ROUGE benchmark, the quality
panel, the greedy oracle, the prior's training and the dev study. The
package's default tokenizer keeps only ``[a-z0-9]`` and scores two identical
Arabic texts 0.0. :class:`ArabicRougeTokenizer` normalises the text with
:func:`arsumm.normalize.normalize` (tashkeel, tatweel and invisible format
characters removed; ``أ إ آ ٱ`` → ``ا``; ``ى`` → ``ي``; Arabic-Indic digits →
ASCII) and keeps letter runs and digit runs. The same tokenizer is applied to
candidates and references, so an EASC reference whose hamza was stripped
matches the article's sentence it was copied from.

ROUGE-1 and ROUGE-2 count n-grams once per reference (:class:`References`)
and per sentence, so that a method's summaries, the oracle's candidates and
the training loop's selections are scored without re-tokenising; the
arithmetic is ``rouge_score.rouge_scorer``'s (clipped n-gram overlap,
``rouge_score.scoring.fmeasure``) and ``tests/test_rouge.py`` checks it
against ``RougeScorer`` itself, to the last bit, on every corpus.
ROUGE-Lsum is ``rouge-score``'s own ``RougeScorer(["rougeLsum"])``.

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
>>> refs = References.of(["ذهب الولد الى السوق"])
>>> [round(x, 4) for x in refs.f1(tok.tokenize("ذهب الولد إلى المدرسة صباحا"))]
[0.6667, 0.5714]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt
from rouge_score import rouge_scorer
from rouge_score.scoring import fmeasure

from arsumm import split_sentences
from arsumm.normalize import normalize

__all__ = [
    "METRICS",
    "ArabicRougeTokenizer",
    "GreedySearch",
    "Interval",
    "References",
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


_TOKENIZER = ArabicRougeTokenizer()


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


def _score(overlap: int, predicted: int, target: int) -> tuple[float, float, float]:
    """``rouge_scorer._score_ngrams``'s arithmetic on counts already made."""
    precision = overlap / max(predicted, 1)
    recall = overlap / max(target, 1)
    return precision, recall, fmeasure(precision, recall)


def _overlap(candidate: Counter[Any], target: Counter[Any]) -> int:
    """The clipped overlap: sum over n-grams of min(count in candidate, count in target)."""
    small, large = (candidate, target) if len(candidate) < len(target) else (target, candidate)
    return sum(min(c, large[k]) for k, c in small.items() if k in large)


@dataclass(frozen=True)
class _Counts:
    """The unigrams and bigrams of one text."""

    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    n_unigrams: int
    n_bigrams: int

    @classmethod
    def of(cls, tokens: Sequence[str]) -> _Counts:
        return cls(Counter(tokens), Counter(pairwise(tokens)), len(tokens), max(len(tokens) - 1, 0))


class References:
    """The reference summaries of one document, tokenised and counted once.

    Parameters
    ----------
    lines : sequence of str
        Each reference in line form (:func:`reference_text`); at least one.

    Examples
    --------
    >>> refs = References.of(["ذهب الولد الى السوق", "ذهب الولد"])
    >>> s1, s2 = refs.scores(["ذهب", "الولد"])
    >>> round(s1.r, 4), s1.p, s2.p
    (0.75, 1.0, 1.0)
    """

    def __init__(self, lines: Sequence[str]) -> None:
        if not lines:
            raise ValueError("a document needs at least one reference summary")
        self.lines = tuple(lines)
        self._counts = [_Counts.of(_TOKENIZER.tokenize(line)) for line in self.lines]

    @classmethod
    def of(cls, references: Sequence[str]) -> References:
        """Build from raw reference texts (split into lines here)."""
        return cls([reference_text(r) for r in references])

    def __len__(self) -> int:
        return len(self._counts)

    def scores(self, tokens: Sequence[str]) -> tuple[Score, Score]:
        """ROUGE-1 and ROUGE-2 of a candidate given by its tokens, mean over the references."""
        candidate = _Counts.of(tokens)
        sums = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
        for ref in self._counts:
            one = _score(
                _overlap(candidate.unigrams, ref.unigrams), candidate.n_unigrams, ref.n_unigrams
            )
            two = _score(
                _overlap(candidate.bigrams, ref.bigrams), candidate.n_bigrams, ref.n_bigrams
            )
            for total, value in zip(sums, (one, two), strict=True):
                total[0] += value[0]
                total[1] += value[1]
                total[2] += value[2]
        n = len(self._counts)
        return Score(*(x / n for x in sums[0])), Score(*(x / n for x in sums[1]))

    def f1(self, tokens: Sequence[str]) -> tuple[float, float]:
        """ROUGE-1 and ROUGE-2 F1 of a candidate given by its tokens (mean over references)."""
        one, two = self.scores(tokens)
        return one.f, two.f

    def search(self, sentences: Sequence[Sequence[str]]) -> GreedySearch:
        """Start a greedy search over ``sentences`` (their tokens, in document order)."""
        return GreedySearch(self, sentences)


class GreedySearch:
    """Build a summary sentence by sentence, scoring each extension incrementally.

    The summary's n-grams are those of its sentences' tokens concatenated in
    document order (bigrams across sentence boundaries included), exactly as
    :class:`Rouge` sees the summary's text. Adding sentence ``i`` changes only
    the counts of ``i``'s own n-grams and of the bigrams at the two junctions,
    so :meth:`value_with` costs time in the number of ``i``'s n-grams that
    occur in a reference, not in the length of the summary. Each sentence's
    matching n-grams are found once; :meth:`fresh` starts a new, empty
    summary that reuses them (the oracle runs several budgets per document).

    The value is the greedy oracle's objective: the mean over the references
    of ROUGE-1 F1 + ROUGE-2 F1.

    Examples
    --------
    >>> refs = References.of(["ذهب الولد الى السوق"])
    >>> search = refs.search([["ذهب", "الولد"], ["الي", "السوق"], ["ثم", "عاد"]])
    >>> search.value_with(1) > search.value_with(2)
    True
    >>> search.add(1); search.add(0); search.value
    2.0
    >>> search.fresh().chosen
    []
    """

    def __init__(self, references: References, sentences: Sequence[Sequence[str]]) -> None:
        refs = references._counts  # same-module class: shares the counts
        self._refs = refs
        self._tokens = [list(t) for t in sentences]
        # per sentence, per reference: (n-gram, count in the sentence, count in the reference)
        # for the sentence's n-grams that the reference has
        self._uni: list[list[list[tuple[str, int, int]]]] = []
        self._bi: list[list[list[tuple[tuple[str, str], int, int]]]] = []
        self._bigram_sets: list[Counter[tuple[str, str]]] = []
        for tokens in self._tokens:
            unigrams, bigrams = Counter(tokens), Counter(pairwise(tokens))
            self._bigram_sets.append(bigrams)
            self._uni.append(
                [
                    [(k, c, ref.unigrams[k]) for k, c in unigrams.items() if k in ref.unigrams]
                    for ref in refs
                ]
            )
            self._bi.append(
                [
                    [(k, c, ref.bigrams[k]) for k, c in bigrams.items() if k in ref.bigrams]
                    for ref in refs
                ]
            )
        self._reset()

    def _reset(self) -> None:
        self.chosen: list[int] = []  # in document order
        self._have_uni: Counter[str] = Counter()
        self._have_bi: Counter[tuple[str, str]] = Counter()
        self._n = 0
        self._o1 = [0] * len(self._refs)
        self._o2 = [0] * len(self._refs)
        self.value = 0.0

    def fresh(self) -> GreedySearch:
        """Return an empty search over the same sentences and references."""
        search = object.__new__(GreedySearch)
        search._refs, search._tokens = self._refs, self._tokens
        search._uni, search._bi, search._bigram_sets = self._uni, self._bi, self._bigram_sets
        search._reset()
        return search

    def _junctions(self, i: int) -> dict[tuple[str, str], int]:
        """The change in junction bigrams when sentence ``i`` joins the summary."""
        before = after = None
        for j in self.chosen:
            if not self._tokens[j]:
                continue
            if j < i:
                before = j
            elif after is None:
                after = j
        tokens = self._tokens
        change: dict[tuple[str, str], int] = {}
        if before is not None:
            key = (tokens[before][-1], tokens[i][0])
            change[key] = change.get(key, 0) + 1
        if after is not None:
            key = (tokens[i][-1], tokens[after][0])
            change[key] = change.get(key, 0) + 1
        if before is not None and after is not None:
            key = (tokens[before][-1], tokens[after][0])
            change[key] = change.get(key, 0) - 1
        return change

    def _extended(self, i: int) -> tuple[list[int], list[int], dict[tuple[str, str], int]]:
        if not self._tokens[i]:
            return self._o1, self._o2, {}
        have_uni, have_bi = self._have_uni, self._have_bi
        junctions = self._junctions(i)
        internal = self._bigram_sets[i]
        o1, o2 = [], []
        for r, ref in enumerate(self._refs):
            d1 = 0
            for k, c, target in self._uni[i][r]:
                have = have_uni[k]
                d1 += min(have + c, target) - min(have, target)
            d2 = 0
            for k, c, target in self._bi[i][r]:
                have = have_bi[k]
                d2 += min(have + c + junctions.get(k, 0), target) - min(have, target)
            for k, c in junctions.items():
                target = ref.bigrams.get(k, 0)
                if target and k not in internal:
                    have = have_bi[k]
                    d2 += min(have + c, target) - min(have, target)
            o1.append(self._o1[r] + d1)
            o2.append(self._o2[r] + d2)
        return o1, o2, junctions

    def _value(self, o1: Sequence[int], o2: Sequence[int], n: int) -> float:
        n2 = max(n - 1, 0)
        total = 0.0
        for ref, a, b in zip(self._refs, o1, o2, strict=True):
            total += _score(a, n, ref.n_unigrams)[2] + _score(b, n2, ref.n_bigrams)[2]
        return total / len(self._refs)

    def value_with(self, i: int) -> float:
        """The objective of the current summary with sentence ``i`` added."""
        o1, o2, _ = self._extended(i)
        return self._value(o1, o2, self._n + len(self._tokens[i]))

    def add(self, i: int) -> None:
        """Add sentence ``i`` to the summary."""
        if i in self.chosen:
            raise ValueError(f"sentence {i} is already in the summary")
        o1, o2, junctions = self._extended(i)
        self._o1, self._o2 = o1, o2
        self._have_uni.update(self._tokens[i])
        self._have_bi.update(self._bigram_sets[i])
        for k, c in junctions.items():
            self._have_bi[k] += c
        self._n += len(self._tokens[i])
        self.chosen = sorted([*self.chosen, i])
        self.value = self._value(o1, o2, self._n)


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
        self.tokenizer = _TOKENIZER
        self._lsum = (
            rouge_scorer.RougeScorer(["rougeLsum"], tokenizer=self.tokenizer)
            if "rougeLsum" in self.metrics
            else None
        )
        self._memo: dict[tuple[str, tuple[str, ...]], dict[str, Score]] = {}
        self._references: dict[tuple[str, ...], References] = {}

    def references(self, lines: Sequence[str]) -> References:
        """The counted form of references in line form (memoised)."""
        key = tuple(lines)
        found = self._references.get(key)
        if found is None:
            found = self._references[key] = References(key)
        return found

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
        scores: dict[str, Score] = {}
        if "rouge1" in self.metrics or "rouge2" in self.metrics:
            one, two = self.references(references).scores(self.tokenizer.tokenize(candidate))
            scores.update({"rouge1": one, "rouge2": two})
        if self._lsum is not None:
            p = r = f = 0.0
            for reference in references:
                result = self._lsum.score(reference, candidate)["rougeLsum"]
                p, r, f = p + result.precision, r + result.recall, f + result.fmeasure
            n = len(references)
            scores["rougeLsum"] = Score(p / n, r / n, f / n)
        scores = {m: scores[m] for m in self.metrics}
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
