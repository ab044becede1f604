"""Length budgets and the selection rule."""

from __future__ import annotations

import math

import pytest

from arsumm.select import Budget, BudgetError, select


def test_default_is_three_sentences() -> None:
    assert Budget.of() == Budget(k=3)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        pytest.param({"k": 0}, BudgetError, "k must be an integer >= 1, got 0", id="k-zero"),
        pytest.param({"k": -1}, BudgetError, "k must be", id="k-negative"),
        pytest.param({"k": True}, TypeError, "k must be an integer", id="k-bool"),
        pytest.param({"k": 1.5}, TypeError, "k must be an integer", id="k-float"),
        pytest.param({"ratio": 0}, BudgetError, r"ratio must be in \(0, 1\]", id="ratio-zero"),
        pytest.param(
            {"ratio": 1.5}, BudgetError, r"ratio must be in \(0, 1\]", id="ratio-above-one"
        ),
        pytest.param({"ratio": math.nan}, BudgetError, "ratio", id="ratio-nan"),
        pytest.param({"ratio": "0.3"}, TypeError, "ratio must be a number", id="ratio-str"),
        pytest.param({"max_words": 0}, BudgetError, "max_words must be", id="max-words-zero"),
        pytest.param(
            {"k": 2, "ratio": 0.3},
            BudgetError,
            "exactly one of k, ratio or max_words",
            id="two-budgets",
        ),
    ],
)
def test_invalid_budgets(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Budget.of(**kwargs)  # type: ignore[arg-type]


def test_budget_error_is_value_error() -> None:
    assert issubclass(BudgetError, ValueError)


def test_ratio_one_is_allowed() -> None:
    assert Budget.of(ratio=1).ratio == 1.0


def test_skip_and_keep_looking() -> None:
    words = [5, 20, 5, 5]
    order = [1, 0, 2, 3]
    # 20 + 5 = 25 fits in 30, then 5 more fits exactly, the last does not
    assert select(order, words, Budget.of(max_words=30)) == [0, 1, 2]


def test_best_sentence_always_taken() -> None:
    assert select([2, 0, 1], [10, 10, 100], Budget.of(max_words=5)) == [2]


def test_k_larger_than_document() -> None:
    assert select([1, 0], [3, 3], Budget.of(k=10)) == [0, 1]


def test_document_order() -> None:
    assert select([3, 1, 2, 0], [1, 1, 1, 1], Budget.of(k=3)) == [1, 2, 3]


def test_ratio_budget() -> None:
    words = [10] * 10
    assert len(select(list(range(10)), words, Budget.of(ratio=0.3))) == 3
