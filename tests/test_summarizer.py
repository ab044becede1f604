"""The public API contract: summarize, split_sentences, Summarizer, Sentence."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import arsumm
from arsumm import (
    ArsummError,
    EmptyTextError,
    NoArabicError,
    NoContentError,
    Sentence,
    Summarizer,
)

TEXT = arsumm.demo_text()


def test_public_surface() -> None:
    for name in arsumm.__all__:
        assert hasattr(arsumm, name), name
    assert arsumm.__version__ != ""


def test_summary_contract() -> None:
    summary = arsumm.summarize(TEXT, k=3)
    assert len(summary) == 3
    assert [s.index for s in summary] == sorted(s.index for s in summary)
    for sentence in summary:
        assert isinstance(sentence, Sentence)
        assert TEXT[sentence.start : sentence.end] == sentence.text
        assert 0 < sentence.score < 1


def test_sentence_is_frozen() -> None:
    sentence = arsumm.summarize(TEXT, k=1)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.score = 1.0  # type: ignore[misc]


def test_rank_returns_every_sentence() -> None:
    ranked = Summarizer().rank(TEXT)
    spans = arsumm.split_sentences(TEXT)
    assert [(s.start, s.end) for s in ranked] == [(s.start, s.end) for s in spans]
    assert [s.index for s in ranked] == list(range(len(spans)))
    assert sum(s.score for s in ranked) == pytest.approx(1.0)


def test_summary_sentences_are_the_best_ranked() -> None:
    summarizer = Summarizer(redundancy=0.0)
    ranked = summarizer.rank(TEXT)
    best = sorted(ranked, key=lambda s: (-s.score, s.index))[:3]
    assert summarizer.summarize(TEXT, k=3) == sorted(best, key=lambda s: s.index)


def test_analyze_agrees_with_rank_and_summarize() -> None:
    analysis = Summarizer().analyze(TEXT, ratio=0.3)
    assert analysis.sentences == Summarizer().rank(TEXT)
    assert analysis.summary == arsumm.summarize(TEXT, ratio=0.3)


def test_default_is_three() -> None:
    assert len(arsumm.summarize(TEXT)) == 3


@pytest.mark.parametrize("budget", [{"ratio": 0.3}, {"max_words": 60}])
def test_word_budgets(budget: dict[str, Any]) -> None:
    summary = arsumm.summarize(TEXT, **budget)
    total = sum(len(s.text.split()) for s in arsumm.split_sentences(TEXT))
    limit = budget.get("max_words", 0.3 * total)
    assert sum(len(s.text.split()) for s in summary) <= limit


def test_k_larger_than_document_returns_all() -> None:
    text = "الجملة الأولى عن المطر. الجملة الثانية عن المطر أيضا."
    assert len(arsumm.summarize(text, k=10)) == 2


def test_options_pass_through() -> None:
    light = arsumm.summarize(TEXT, k=2, stemmer="light")
    assert len(light) == 2


def test_mixed_arabic_latin_works() -> None:
    text = "أعلنت شركة Nokia عن هاتف جديد. The phone ships in May. وسيباع الهاتف في عمان."
    assert len(arsumm.summarize(text, k=2)) == 2


def test_require_arabic_false_accepts_latin() -> None:
    text = "The rain fell all day. The river rose in the night. Schools closed."
    summary = Summarizer(require_arabic=False).summarize(text, k=1)
    assert summary[0].text in text


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        pytest.param("", EmptyTextError, "empty", id="empty"),
        pytest.param(" \n\t ", EmptyTextError, "whitespace", id="whitespace"),
        pytest.param("Hello world. Fine.", NoArabicError, "no Arabic letter", id="latin-only"),
        pytest.param("123 456. !!!", NoArabicError, "no Arabic letter", id="digits-punctuation"),
        pytest.param("في من على. إلى عن", NoContentError, "stop words", id="only-stop-words"),
    ],
)
def test_errors(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        arsumm.summarize(text)
    assert issubclass(error, ArsummError)
    assert issubclass(error, ValueError)


@pytest.mark.parametrize("value", [None, b"\xd9\x85", 42, ["نص"]])
def test_non_string_text(value: object) -> None:
    with pytest.raises(TypeError, match="text must be a str"):
        arsumm.summarize(value)  # type: ignore[arg-type]


def test_bytes_error_suggests_decoding() -> None:
    with pytest.raises(TypeError, match="decode"):
        arsumm.summarize("نص".encode())  # type: ignore[arg-type]


def test_summarizer_validates_options() -> None:
    with pytest.raises(ValueError, match="damping"):
        Summarizer(damping=1.0)
    with pytest.raises(ValueError, match="unknown stemmer"):
        Summarizer(stemmer="porter")
    with pytest.raises(TypeError, match="splitter"):
        Summarizer(splitter="rules")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="stopwords must be True or False"):
        Summarizer(stopwords="yes")  # type: ignore[arg-type]


def test_custom_splitter() -> None:
    class LineSplitter:
        def split(self, text: str) -> list[arsumm.Span]:
            spans, pos = [], 0
            for line in text.split("\n"):
                if line.strip():
                    spans.append(arsumm.Span(pos, pos + len(line), line))
                pos += len(line) + 1
            return spans

    text = "سطر أول عن المطر\nسطر ثان عن المطر\nسطر ثالث عن الشمس"
    ranked = Summarizer(splitter=LineSplitter()).rank(text)
    assert [s.text for s in ranked] == text.split("\n")


def test_deterministic() -> None:
    assert arsumm.summarize(TEXT, ratio=0.3) == arsumm.summarize(TEXT, ratio=0.3)


def test_easc_contract(easc_docs: list[dict[str, Any]]) -> None:
    """ratio=0.3 on every EASC article: offsets exact, order, budget, non-empty."""
    summarizer = Summarizer()
    for doc in easc_docs:
        text = doc["text"]
        summary = summarizer.summarize(text, ratio=0.3)
        assert summary, doc["id"]
        assert all(text[s.start : s.end] == s.text for s in summary), doc["id"]
        assert [s.index for s in summary] == sorted({s.index for s in summary}), doc["id"]
        total = sum(len(s.text.split()) for s in arsumm.split_sentences(text))
        words = sum(len(s.text.split()) for s in summary)
        assert words <= 0.3 * total or len(summary) == 1, doc["id"]
