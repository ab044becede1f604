"""Choosing sentences under a length budget.

Exactly one budget applies: ``k`` sentences, a ``ratio`` of the document's
words, or ``max_words`` words. Words are counted as ``len(sentence.split())``.

The rule for word budgets: walk the sentences from best to worst; take a
sentence if it fits in what is left of the budget, otherwise skip it and keep
looking at the later ones. The best sentence is always taken, even if it is
longer than the budget on its own. The chosen sentences are returned in
document order.

Examples
--------
>>> from arsumm.select import Budget, select
>>> words = [10, 4, 6, 3]
>>> order = [0, 2, 1, 3]          # best first
>>> select(order, words, Budget.of(max_words=13))  # 2 and 1 do not fit, 3 does
[0, 3]
>>> select(order, words, Budget.of(k=2))
[0, 2]
>>> select(order, words, Budget.of(ratio=0.1))  # 2.3 words: the best one anyway
[0]
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from arsumm.checks import integer, real
from arsumm.errors import ConfigError

__all__ = ["Budget", "BudgetError", "select", "select_diverse"]


class BudgetError(ConfigError):
    """The length budget is missing a valid value or has too many."""


@dataclass(frozen=True, kw_only=True)
class Budget:
    """A validated length budget; build it with :meth:`Budget.of`."""

    k: int | None = None
    ratio: float | None = None
    max_words: int | None = None

    @classmethod
    def of(
        cls,
        *,
        k: int | None = None,
        ratio: float | None = None,
        max_words: int | None = None,
        default_k: int = 3,
    ) -> Budget:
        """Validate the arguments of a summarize call and build a budget.

        With no argument the budget is ``k=default_k``.

        Raises
        ------
        BudgetError
            Two budgets at once, ``k < 1``, ``ratio`` outside (0, 1] or NaN,
            ``max_words < 1``.
        TypeError
            ``k`` or ``max_words`` not an integer (``True`` included), ``ratio``
            not a real number.
        """
        given = [
            name
            for name, v in (("k", k), ("ratio", ratio), ("max_words", max_words))
            if v is not None
        ]
        if len(given) > 1:
            raise BudgetError(
                f"pass exactly one of k, ratio or max_words, got {' and '.join(given)}"
            )
        if ratio is not None:
            return cls(
                ratio=real("ratio", ratio, low=0.0, low_open=True, high=1.0, error=BudgetError)
            )
        if max_words is not None:
            return cls(max_words=integer("max_words", max_words, low=1, error=BudgetError))
        return cls(k=integer("k", default_k if k is None else k, low=1, error=BudgetError))

    def word_limit(self, total_words: int) -> float | None:
        """Return the word budget for a document, or None for a ``k`` budget."""
        if self.ratio is not None:
            return self.ratio * total_words
        if self.max_words is not None:
            return float(min(self.max_words, 2**63))  # float(10**400) would overflow
        return None


def select(order: Sequence[int], words: Sequence[int], budget: Budget) -> list[int]:
    """Pick sentence indices under ``budget``.

    Parameters
    ----------
    order : sequence of int
        Sentence indices from best to worst.
    words : sequence of int
        Word count of every sentence, by index.
    budget : Budget

    Returns
    -------
    list of int
        The chosen indices in document order; never empty if ``order`` is not.
    """
    if not order:
        return []
    if budget.k is not None:
        return sorted(order[: budget.k])
    limit = budget.word_limit(sum(words))
    assert limit is not None
    chosen = [order[0]]
    used = words[order[0]]
    for index in order[1:]:
        if used + words[index] <= limit:
            chosen.append(index)
            used += words[index]
    return sorted(chosen)


def select_diverse(
    scores: Sequence[float] | npt.NDArray[np.float64],
    similarity: sp.csr_matrix | npt.NDArray[np.float64],
    words: Sequence[int],
    budget: Budget,
    *,
    redundancy: float,
    candidates: Sequence[int] | None = None,
    total_words: int | None = None,
) -> list[int]:
    """Pick sentences by maximal marginal relevance under ``budget``.

    Each step takes the candidate with the highest
    ``score / max(score) - redundancy * (max similarity to a chosen sentence)``,
    ties going to the earlier sentence, and applies the budget rule of
    :func:`select` to it (taken if it fits, otherwise skipped for good). With
    ``redundancy=0`` the result equals :func:`select` on the score order.

    Parameters
    ----------
    scores : sequence of float
        One score per sentence.
    similarity : scipy.sparse.csr_matrix or numpy.ndarray
        Symmetric sentence-similarity matrix, same indexing as ``scores``
        (sparse, or dense as :func:`arsumm.rank.ranking_graph` gives it for
        a short document).
    words : sequence of int
        Word count of every sentence.
    budget : Budget
    redundancy : float
        Weight of the redundancy penalty, >= 0.
    candidates : sequence of int, optional
        Sentences that may be chosen (default: all).
    total_words : int, optional
        The words a ``ratio`` budget is a fraction of (default: the
        candidates' words).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> sim = sp.csr_matrix([[0, 0.9, 0.1], [0.9, 0, 0.1], [0.1, 0.1, 0]])
    >>> select_diverse([0.5, 0.45, 0.3], sim, [5, 5, 5], Budget.of(k=2), redundancy=0.0)
    [0, 1]
    >>> select_diverse([0.5, 0.45, 0.3], sim, [5, 5, 5], Budget.of(k=2), redundancy=0.5)
    [0, 2]
    """
    if redundancy < 0 or not math.isfinite(redundancy):
        raise ValueError(f"redundancy must be a finite number >= 0, got {redundancy}")
    pool = list(range(len(scores))) if candidates is None else list(candidates)
    if not pool:
        return []
    # Plain Python floats: on an article's few sentences numpy's per-call cost
    # dominates, and float64 arithmetic gives the same numbers either way.
    values = np.asarray(scores, dtype=np.float64)
    top = float(values.max() if candidates is None else values[pool].max())
    base = (values / top).tolist() if top > 0 else [0.0] * len(values)
    # The largest similarity of each sentence to a chosen one: a list updated
    # in Python for a dense (short) graph, an array updated row by row for a
    # sparse (long) one; either way penalty_of(i) is a Python float.
    penalties: list[float] | npt.NDArray[np.float64]
    penalty_of: Callable[[int], float]
    if isinstance(similarity, np.ndarray):
        penalties = [0.0] * len(values)
        penalty_of = penalties.__getitem__
    else:
        penalties = np.zeros(len(values))
        penalty_of = penalties.item
    heap = [(-round(base[j], 12), j) for j in pool]
    heapq.heapify(heap)
    limit = budget.word_limit(sum(words[j] for j in pool) if total_words is None else total_words)
    k = budget.k
    shortest = min(words[j] for j in pool)  # once even this cannot fit, stop
    chosen: list[int] = []
    used = 0
    while heap:
        stored, j = heapq.heappop(heap)
        penalty = penalty_of(j)
        # a sentence never penalised keeps the key it was pushed with
        if penalty != 0.0 and (current := -round(base[j] - redundancy * penalty, 12)) != stored:
            heapq.heappush(heap, (current, j))  # the penalty grew since it was pushed: re-queue
            continue
        if k is not None:
            if len(chosen) >= k:
                break
        elif chosen and limit is not None and used + words[j] > limit:
            if used + shortest > limit:
                break
            continue
        chosen.append(j)
        used += words[j]
        if redundancy > 0:
            _raise_penalties(penalties, similarity, j)
    return sorted(chosen)


def _raise_penalties(
    penalties: list[float] | npt.NDArray[np.float64],
    similarity: sp.csr_matrix | npt.NDArray[np.float64],
    j: int,
) -> None:
    """Raise each sentence's penalty to its similarity to ``j``, just chosen, if larger."""
    if isinstance(similarity, np.ndarray):
        assert isinstance(penalties, list)
        # max(old, weight) is weight only if weight > old: the rule, in C
        penalties[:] = map(max, penalties, similarity[j].tolist())
    else:
        assert isinstance(penalties, np.ndarray)
        a, b = similarity.indptr[j], similarity.indptr[j + 1]
        # a CSR row holds each neighbour once, so fancy indexing is safe
        neighbours = similarity.indices[a:b]
        penalties[neighbours] = np.maximum(penalties[neighbours], similarity.data[a:b])
