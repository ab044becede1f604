"""The budget contract, on every article of the three corpora (issue 14 item 4).

* a ``ratio`` budget is ``ratio * len(text.split())`` words of the text;
* a summary's words are the sum of ``len(s.text.split())`` over its sentences;
* no summary is longer than its budget unless it is the single best sentence;
* a ``k`` budget gives ``min(k, sentences that can be chosen)`` sentences.
"""

from __future__ import annotations

from typing import Any

import pytest

import arsumm
from tests.conftest import load_jsonl, require_data

CORPORA = {
    "easc": ("easc", "easc.jsonl"),
    "ant-bbc": ("ant-bbc", "ant_bbc.jsonl"),
    "saudinewsnet": ("saudinewsnet", "saudinewsnet.jsonl"),
}
WORD_BUDGETS: list[dict[str, Any]] = [
    {"ratio": 0.1},
    {"ratio": 0.3},
    {"max_words": 20},
    {"max_words": 40},
]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_no_summary_exceeds_its_word_budget(corpus: str) -> None:
    docs = load_jsonl(require_data(*CORPORA[corpus]))
    texts = {doc["id"]: doc["text"] for doc in docs}
    violations = []
    for budget in WORD_BUDGETS:
        for result in arsumm.summarize_many(list(texts.items()), **budget):
            assert result.ok, (result.id, result.error)
            sentences = result.sentences or ()
            words = sum(len(s.text.split()) for s in sentences)
            text = texts[result.id]
            limit = budget.get("max_words", budget.get("ratio", 0) * len(text.split()))
            if words > limit and len(sentences) > 1:
                violations.append((result.id, budget, words, limit))
            assert all(text[s.start : s.end] == s.text for s in sentences)
    assert violations == []


@pytest.mark.slow
def test_a_k_budget_gives_k_sentences_when_there_are_k() -> None:
    docs = load_jsonl(require_data(*CORPORA["easc"]))
    summarizer = arsumm.Summarizer()
    for doc in docs:
        document = summarizer.prepare(doc["text"])
        for k in (1, 3, 5):
            summary = summarizer.summarize(doc["text"], k=k)
            assert len(summary) == min(k, len(document.ranked)), (doc["id"], k)
