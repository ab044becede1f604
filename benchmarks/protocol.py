"""The evaluation protocol's constants, defined once for every runner.

``SWEEP``
    The EASC budgets: ratios 0.2, 0.3, 0.4 of the article's words and
    ``k = 1..5`` sentences (the panel's EASC cells, the ablation's sweep, the
    dev study's).
``RATIOS``
    The ratio budgets of the sweep: the objective of the prior's training
    averages over them.
``FOLDS``, ``SEEDS``
    Cross-validation by article inside a dev split: ``FOLDS`` folds, the
    split repeated once per seed (:func:`cv_folds`).

Examples
--------
>>> [budget_tag(b) for b in SWEEP]
['ratio0.2', 'ratio0.3', 'ratio0.4', 'k1', 'k2', 'k3', 'k4', 'k5']
>>> held, train = cv_folds(7)[0]
>>> sorted(held + train) == list(range(7)), len(cv_folds(7))
(True, 15)
"""

from __future__ import annotations

import numpy as np

from arsumm.select import Budget

__all__ = ["FOLDS", "RATIOS", "SEEDS", "SWEEP", "budget_tag", "cv_folds", "parse_budget"]

SWEEP: tuple[Budget, ...] = (
    *(Budget.of(ratio=r) for r in (0.2, 0.3, 0.4)),
    *(Budget.of(k=k) for k in range(1, 6)),
)
RATIOS: tuple[float, ...] = tuple(b.ratio for b in SWEEP if b.ratio is not None)
FOLDS = 5
#: Repetitions of the K-fold split (one seed each), averaged to steady a choice.
SEEDS = (0, 1, 2)


def budget_tag(budget: Budget) -> str:
    """Return a short name for a budget, used in file names and tables.

    Examples
    --------
    >>> [budget_tag(b) for b in (Budget.of(ratio=0.3), Budget.of(k=2), Budget.of(max_words=40))]
    ['ratio0.3', 'k2', 'words40']
    """
    if budget.ratio is not None:
        return f"ratio{budget.ratio:g}"
    if budget.max_words is not None:
        return f"words{budget.max_words}"
    return f"k{budget.k}"


def parse_budget(tag: str) -> Budget:
    """The inverse of :func:`budget_tag`; also accepts ``k=3``, ``ratio=0.2``, ``40w``.

    Examples
    --------
    >>> [budget_tag(parse_budget(t)) for t in ("k2", "ratio=0.2", "words40", "40w")]
    ['k2', 'ratio0.2', 'words40', 'words40']
    >>> parse_budget("half")
    Traceback (most recent call last):
    ...
    ValueError: budget must look like k3, ratio0.2 or words40, got 'half'
    """
    text = tag.strip().replace("=", "")
    try:
        if text.startswith("ratio"):
            return Budget.of(ratio=float(text[5:]))
        if text.startswith("words"):
            return Budget.of(max_words=int(text[5:]))
        if text.endswith("w"):
            return Budget.of(max_words=int(text[:-1]))
        if text.startswith("k"):
            return Budget.of(k=int(text[1:]))
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"budget must look like k3, ratio0.2 or words40, got {tag!r} ({exc})"
        ) from None
    raise ValueError(f"budget must look like k3, ratio0.2 or words40, got {tag!r}")


def cv_folds(n: int) -> list[tuple[list[int], list[int]]]:
    """``(held out, training)`` article indices of every fold of every seed.

    For each seed of :data:`SEEDS` the articles are permuted with
    ``numpy.random.RandomState(seed)`` and fold ``f`` holds out every
    ``FOLDS``-th article of the permutation from position ``f``. Both lists
    are in permutation order.
    """
    out = []
    for seed in SEEDS:
        order = [int(i) for i in np.random.RandomState(seed).permutation(n)]
        for f in range(FOLDS):
            held = order[f::FOLDS]
            train = [i for g in range(FOLDS) if g != f for i in order[g::FOLDS]]
            out.append((held, train))
    return out
