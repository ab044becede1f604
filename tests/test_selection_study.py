"""The selection study (benchmarks/selection_study.py): its default is the summarizer's own choice.

Runs on the real EASC dev split; skips, naming the missing file, when the data is absent.
"""

from __future__ import annotations

import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

from arsumm import Summarizer
from arsumm.prior import load_default_prior
from benchmarks import selection_study
from benchmarks.data import load_documents, load_split, load_splits
from benchmarks.protocol import SWEEP, budget_tag
from tests.conftest import require_data


def test_the_default_variant_chooses_what_the_summarizer_chooses() -> None:
    data = require_data("easc", "easc.jsonl")
    records = load_split(load_documents(data), load_splits(data.with_name("splits.json")), "dev")
    summarizer = Summarizer()
    prior = load_default_prior()
    differ = []
    news = 0
    for record in records[:40]:
        article = selection_study.prepare(record, summarizer)
        news += article.document.lead
        scores = selection_study.scores_of(article, prior, {})
        ranked = summarizer.score(article.document)[list(article.document.ranked)]
        for budget in SWEEP:
            ours = selection_study.choose(article, scores, budget, {})
            theirs = summarizer.choose(article.document, summarizer.score(article.document), budget)
            if ours != theirs:
                differ.append((record.id, budget_tag(budget), ours, theirs))
        assert scores == pytest.approx(ranked, rel=1e-9, abs=1e-12)
    assert not differ
    assert 0 < news < 40  # both paths (opening and TextRank) were compared


def test_a_stop_rule_summary_is_a_prefix_of_the_default_walk() -> None:
    data = require_data("easc", "easc.jsonl")
    records = load_split(load_documents(data), load_splits(data.with_name("splits.json")), "dev")
    summarizer = Summarizer()
    prior = load_default_prior()
    budget = SWEEP[0]
    shorter = 0
    for record in records[:30]:
        article = selection_study.prepare(record, summarizer)
        scores = selection_study.scores_of(article, prior, {})
        full = selection_study.choose(article, scores, budget, {})
        stop = selection_study.choose(article, scores, budget, {"stop": 1})
        assert set(stop) <= set(full)
        shorter += len(stop) < len(full)
    assert shorter > 0
