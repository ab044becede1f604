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

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

from arsumm.errors import ArsummError

__all__ = ["Budget", "BudgetError", "select"]


class BudgetError(ArsummError, ValueError):
    """The length budget is missing a valid value or has too many."""


@dataclass(frozen=True)
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
            if isinstance(ratio, bool) or not isinstance(ratio, numbers.Real):
                raise TypeError(f"ratio must be a number in (0, 1], got {type(ratio).__name__}")
            value = float(ratio)
            if math.isnan(value) or not 0.0 < value <= 1.0:
                raise BudgetError(f"ratio must be in (0, 1], got {ratio!r}")
            return cls(ratio=value)
        if max_words is not None:
            return cls(max_words=_positive_int("max_words", max_words))
        return cls(k=_positive_int("k", default_k if k is None else k))

    def word_limit(self, total_words: int) -> float | None:
        """Return the word budget for a document, or None for a ``k`` budget."""
        if self.ratio is not None:
            return self.ratio * total_words
        if self.max_words is not None:
            return float(self.max_words)
        return None


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= 1, got {type(value).__name__} {value!r}")
    number = int(value)
    if number < 1:
        raise BudgetError(f"{name} must be an integer >= 1, got {number}")
    return number


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
