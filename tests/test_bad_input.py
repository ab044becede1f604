"""The library rows of the bad-input table (issue 6; docs/reliability.md lists the same rows).

Every row gets either a documented result or an ``ArsummError``/``ValueError``/
``TypeError`` whose message names the problem: never another exception, never
a silent empty result. The command-line rows are in ``test_bad_input_cli.py``.
"""

from __future__ import annotations

import functools
import math
import unicodedata

import pytest

import arsumm
from arsumm import (
    ArsummError,
    BudgetError,
    EmptyTextError,
    NoArabicError,
    NoContentError,
    RuleSplitter,
    Sentence,
    Span,
)
from tests.conftest import VOCABULARY, assert_spans_exact

ARTICLE = (
    "هطلت أمطار غزيرة على مدينة الواحة صباح اليوم. "
    "وأغلقت البلدية المدارس بسبب الأمطار الغزيرة. "
    "وقال مدير الدفاع المدني إن فرقه أخلت عشرين عائلة من الأحياء المنخفضة. "
    "ولا يتوقع أن تسوء الأحوال الجوية غدا. "
    "وافتتحت في المدينة نفسها مكتبة عامة جديدة الأسبوع الماضي."
)


def _words(text: str) -> list[str]:
    return text.split()


def check_spans(text: str, spans: list[Span], max_chars: int = 2000) -> None:
    """The splitter's contract: exact, sorted, disjoint, stripped, bounded, complete."""
    assert_spans_exact(text, spans, max_chars)
    # every non-space character in exactly one span, in order, and no word cut in two
    assert _words(" ".join(s.text for s in spans)) == _words(text)


def check_summary(text: str, summary: list[Sentence]) -> None:
    """The summary's contract: never empty, exact offsets, document order, valid scores."""
    assert summary, "silent empty summary"
    spans = {(s.start, s.end) for s in arsumm.split_sentences(text)}
    previous = -1
    for sentence in summary:
        assert isinstance(sentence, Sentence)
        assert text[sentence.start : sentence.end] == sentence.text
        assert (sentence.start, sentence.end) in spans
        assert sentence.index > previous
        assert math.isfinite(sentence.score)
        assert sentence.score >= 0.0
        previous = sentence.index


# -- not a str ----------------------------------------------------------------------

NOT_TEXT = [
    pytest.param(None, "got NoneType", id="none"),
    pytest.param(ARTICLE.encode("utf-8"), r"got bytes \(decode bytes first", id="bytes"),
    pytest.param(bytearray(b"abc"), r"got bytearray \(decode bytes first", id="bytearray"),
    pytest.param(42, "got int", id="int"),
    pytest.param([ARTICLE, ARTICLE], "got list", id="list-of-str"),
]


@pytest.mark.parametrize(("value", "message"), NOT_TEXT)
def test_summarize_rejects_non_str(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=f"text must be a str, {message}"):
        arsumm.summarize(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "message"), NOT_TEXT)
def test_rank_rejects_non_str(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=f"text must be a str, {message}"):
        arsumm.Summarizer().rank(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "message"), NOT_TEXT)
def test_split_sentences_rejects_non_str(value: object, message: str) -> None:
    with pytest.raises(TypeError, match="text must be a str, got " + type(value).__name__):
        arsumm.split_sentences(value)  # type: ignore[arg-type]


# -- nothing to summarise -------------------------------------------------------------

NOTHING = [
    pytest.param("", EmptyTextError, "text is empty or contains only whitespace", id="empty"),
    pytest.param(
        " \t\n\r\n\u00a0\u3000\u2028 ",
        EmptyTextError,
        "text is empty or contains only whitespace",
        id="whitespace-only",
    ),
    pytest.param(
        "... !!! ؟؟ ،، «» — () ***", NoArabicError, "contains no Arabic letter", id="punct-only"
    ),
    pytest.param(
        "123 456.\n٧٨٩ ۱۲ 3.5", NoArabicError, "contains no Arabic letter", id="digits-only"
    ),
    pytest.param(
        "\U0001f600\U0001f600 \U0001f389\n\U0001f44d", NoArabicError, "no Arabic letter", id="emoji"
    ),
    pytest.param(
        "The council opened a library. It has many books.",
        NoArabicError,
        "require_arabic=False",
        id="latin-only",
    ),
    pytest.param("\ud800", NoArabicError, "no Arabic letter", id="lone-surrogate-only"),
    pytest.param("\x00\x00", NoArabicError, "no Arabic letter", id="nul-only"),
    pytest.param(
        "\u064e\u0650\u0651 \u0301", NoArabicError, "no Arabic letter", id="combining-marks-only"
    ),
    pytest.param("\u200f\u202b\u2067\u2069", NoArabicError, "no Arabic letter", id="bidi-only"),
    pytest.param("ــــ ـ", NoArabicError, "no Arabic letter", id="tatweel-only"),
    pytest.param(
        "في على من. إلى عن هذا.",
        NoContentError,
        "no words left to compare",
        id="stop-words-only",
    ),
]


@pytest.mark.parametrize(("text", "error", "message"), NOTHING)
def test_nothing_to_summarize_raises_a_named_error(
    text: str, error: type[ArsummError], message: str
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        arsumm.summarize(text)
    assert isinstance(info.value, ArsummError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(("text", "error", "message"), NOTHING)
def test_split_keeps_every_character_of_bad_text(
    text: str, error: type[ArsummError], message: str
) -> None:
    spans = arsumm.split_sentences(text)
    check_spans(text, spans)
    assert bool(spans) == bool(text.strip())  # empty only for empty or blank text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("... !!! ؟؟ ،،", id="punct-only"),
        pytest.param("123 456. 789", id="digits-only"),
        pytest.param("\U0001f600 \U0001f389", id="emoji"),
    ],
)
def test_without_require_arabic_no_words_is_no_content(text: str) -> None:
    with pytest.raises(NoContentError, match="needs at least one content word"):
        arsumm.Summarizer(require_arabic=False).summarize(text)


def test_without_require_arabic_latin_text_is_summarized() -> None:
    text = "The council opened a library. It has many books. The library opens at nine."
    summary = arsumm.Summarizer(require_arabic=False).summarize(text, k=2)
    check_summary(text, summary)
    assert len(summary) == 2


# -- text that works, with its documented result ------------------------------------


def test_mixed_arabic_and_latin_keeps_the_latin_words() -> None:
    text = (
        "أعلنت شركة Nour Tech عن تطبيق جديد للهواتف. "
        "The app is free. "
        "ويعمل التطبيق على أنظمة Android و iOS منذ اليوم."
    )
    summary = arsumm.summarize(text, k=3)
    check_summary(text, summary)
    assert [s.text for s in summary] == [s.text for s in arsumm.split_sentences(text)]
    assert "Nour Tech" in summary[0].text
    assert "Android" in summary[-1].text


def test_one_sentence_is_its_own_summary() -> None:
    text = "  ذهب أحمد إلى المدرسة صباحا  \n"
    for budget in ({}, {"k": 5}, {"ratio": 0.01}, {"max_words": 1}):
        summary = arsumm.summarize(text, **budget)  # type: ignore[arg-type]
        check_summary(text, summary)
        assert [(s.index, s.text) for s in summary] == [(0, "ذهب أحمد إلى المدرسة صباحا")]
        assert summary[0].score == pytest.approx(1.0)


def test_lone_surrogates_are_kept_in_the_output() -> None:
    text = "نص عربي فيه \ud800 رمز مكسور. وجملة ثانية \udfff عن المطر. وثالثة عن الشمس."
    summary = arsumm.summarize(text, k=3)
    check_summary(text, summary)
    joined = "".join(s.text for s in summary)
    assert "\ud800" in joined
    assert "\udfff" in joined


def test_nul_characters_are_kept_in_the_output() -> None:
    text = "نص\x00 عربي عن المطر. وجملة\x00 ثانية عن الشمس.\x00"
    summary = arsumm.summarize(text, k=2)
    check_summary(text, summary)
    assert "".join(s.text for s in summary).count("\x00") == 3


def test_combining_marks_without_a_base_letter_stay_attached() -> None:
    # marks at the start of the text, after a space, and alone on a line
    text = "\u064e\u0650 \u0301نص عربي عن المطر.\n\u0651\u0652\nوجملة ثانية عن الشمس."
    spans = arsumm.split_sentences(text)
    check_spans(text, spans)
    # a run of marks never becomes a sentence of its own
    assert all(any(c.isalnum() for c in s.text) for s in spans)
    check_summary(text, arsumm.summarize(text, k=2))


def _presentation_forms(text: str) -> str:
    """Write ``text`` with the isolated presentation forms (U+FE70-U+FEFC) and ﻻ."""
    forms: dict[str, str] = {}
    for code in range(0xFE70, 0xFEFD):
        char = chr(code)
        if unicodedata.name(char, "").endswith("ISOLATED FORM"):
            forms.setdefault(unicodedata.normalize("NFKC", char), char)
    text = text.replace("لا", forms["لا"])
    return "".join(forms.get(c, c) for c in text)


def test_presentation_forms_rank_like_the_plain_letters() -> None:
    shaped = _presentation_forms(ARTICLE)
    assert "\ufefb" in shaped
    assert shaped != ARTICLE
    assert unicodedata.normalize("NFKC", shaped) == ARTICLE
    for budget in ({"k": 2}, {"ratio": 0.4}):
        summary = arsumm.summarize(shaped, **budget)  # type: ignore[arg-type]
        check_summary(shaped, summary)
        plain = arsumm.summarize(ARTICLE, **budget)  # type: ignore[arg-type]
        assert [s.index for s in summary] == [s.index for s in plain]


def test_bidi_controls_are_kept_and_do_not_change_the_ranking() -> None:
    marked = (
        ARTICLE.replace("الواحة", "\u2067الواحة\u2069")
        .replace(". ", ".\u200f ")
        .replace("الأمطار", "\u202bالأمطار\u202c")
        .replace("غدا", "\u200eغدا\u061c")
    )
    summary = arsumm.summarize(marked, k=2)
    check_summary(marked, summary)
    assert len(arsumm.split_sentences(marked)) == len(arsumm.split_sentences(ARTICLE))
    assert [s.index for s in summary] == [s.index for s in arsumm.summarize(ARTICLE, k=2)]
    assert any("\u2067" in s.text for s in summary)


def test_crlf_gives_the_same_sentences_as_lf() -> None:
    lf = "عنوان الخبر\n" + ARTICLE.replace(". ", ".\n") + "\n"
    crlf = lf.replace("\n", "\r\n")
    spans = arsumm.split_sentences(crlf)
    check_spans(crlf, spans)
    assert [s.text for s in spans] == [s.text for s in arsumm.split_sentences(lf)]
    assert not any("\r" in s.text for s in spans)
    summary = arsumm.summarize(crlf, k=2)
    check_summary(crlf, summary)
    assert [s.index for s in summary] == [s.index for s in arsumm.summarize(lf, k=2)]


# -- budgets ---------------------------------------------------------------------------

BAD_BUDGETS = [
    pytest.param({"k": 0}, BudgetError, r"k must be an integer >= 1, got 0", id="k-zero"),
    pytest.param({"k": -1}, BudgetError, r"k must be an integer >= 1, got -1", id="k-negative"),
    pytest.param({"k": True}, TypeError, r"k must be an integer >= 1, got bool True", id="k-true"),
    pytest.param({"k": 1.5}, TypeError, r"k must be an integer >= 1, got float 1.5", id="k-float"),
    pytest.param({"k": "3"}, TypeError, r"k must be an integer >= 1, got str '3'", id="k-str"),
    pytest.param({"ratio": 0}, BudgetError, r"ratio must be in \(0, 1\], got 0", id="ratio-zero"),
    pytest.param(
        {"ratio": 1.5}, BudgetError, r"ratio must be in \(0, 1\], got 1.5", id="ratio-above-one"
    ),
    pytest.param(
        {"ratio": -0.2}, BudgetError, r"ratio must be in \(0, 1\], got -0.2", id="ratio-negative"
    ),
    pytest.param(
        {"ratio": math.nan}, BudgetError, r"ratio must be in \(0, 1\], got nan", id="ratio-nan"
    ),
    pytest.param(
        {"ratio": math.inf}, BudgetError, r"ratio must be in \(0, 1\], got inf", id="ratio-inf"
    ),
    pytest.param(
        {"ratio": "0.3"}, TypeError, r"ratio must be a number in \(0, 1\], got str", id="ratio-str"
    ),
    pytest.param(
        {"max_words": 0},
        BudgetError,
        r"max_words must be an integer >= 1, got 0",
        id="max-words-zero",
    ),
    pytest.param(
        {"k": 2, "ratio": 0.5},
        BudgetError,
        r"pass exactly one of k, ratio or max_words, got k and ratio",
        id="two-budgets-k-ratio",
    ),
    pytest.param(
        {"ratio": 0.5, "max_words": 10},
        BudgetError,
        r"got ratio and max_words",
        id="two-budgets-ratio-max-words",
    ),
    pytest.param(
        {"k": 1, "ratio": 0.5, "max_words": 10},
        BudgetError,
        r"got k and ratio and max_words",
        id="three-budgets",
    ),
]


@pytest.mark.parametrize(("budget", "error", "message"), BAD_BUDGETS)
def test_bad_budget_raises_a_named_error(
    budget: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        arsumm.summarize(ARTICLE, **budget)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        arsumm.Summarizer().summarize(ARTICLE, **budget)  # type: ignore[arg-type]
    if error is BudgetError:
        assert issubclass(error, ValueError)
        assert issubclass(error, ArsummError)


def test_bad_budget_is_reported_before_bad_text() -> None:
    with pytest.raises(BudgetError, match="k must be"):
        arsumm.summarize("", k=0)


@pytest.mark.parametrize("k", [5, 6, 100, 10**9])
def test_k_larger_than_the_number_of_sentences_returns_them_all(k: int) -> None:
    summary = arsumm.summarize(ARTICLE, k=k)
    check_summary(ARTICLE, summary)
    assert [s.index for s in summary] == [0, 1, 2, 3, 4]


def test_ratio_one_returns_every_sentence() -> None:
    summary = arsumm.summarize(ARTICLE, ratio=1.0)
    assert [s.index for s in summary] == [0, 1, 2, 3, 4]


def test_a_tiny_word_budget_still_returns_the_best_sentence() -> None:
    for budget in ({"max_words": 1}, {"ratio": 1e-9}):
        summary = arsumm.summarize(ARTICLE, **budget)  # type: ignore[arg-type]
        check_summary(ARTICLE, summary)
        assert len(summary) == 1


# -- big inputs ----------------------------------------------------------------------


@functools.cache
def _unpunctuated(n_chars: int) -> str:
    """``n_chars`` characters of Arabic words, spaces and nothing else."""
    v = len(VOCABULARY)
    words = [VOCABULARY[(i * 7 + i // v) % v] for i in range(n_chars // 4)]
    text = " ".join(words)
    while len(text) < n_chars:
        text += " " + text[: n_chars - len(text)]
    return text[:n_chars].rstrip()


@functools.cache
def _news(n_chars: int) -> str:
    """``n_chars`` characters of punctuated sentences in paragraphs (10 MB in ~1 s)."""
    v = len(VOCABULARY)
    sentences = []
    for i in range(997):  # a prime number of distinct sentences
        length = 6 + i % 15
        words = [VOCABULARY[(i * 31 + j * (i % 7 + 1)) % v] for j in range(length)]
        sentences.append(" ".join(words) + ".؟!."[i % 4])
    block = ""
    for i, sentence in enumerate(sentences):
        block += sentence + ("\n\n" if i % 9 == 8 else " ")
    return (block * (n_chars // len(block) + 1))[:n_chars]


def test_one_megabyte_without_punctuation_splits_into_bounded_sentences() -> None:
    text = _unpunctuated(1_000_000)
    spans = arsumm.split_sentences(text)
    check_spans(text, spans, max_chars=2000)
    # usable: cut at word boundaries into pieces of at least half the limit
    assert len(spans) >= 500
    assert all(len(s.text) >= 1000 for s in spans[:-1])
    assert all(text[s.end].isspace() for s in spans[:-1])


def test_one_megabyte_without_punctuation_is_summarized() -> None:
    text = _unpunctuated(1_000_000)
    summary = arsumm.summarize(text, k=3)
    check_summary(text, summary)
    assert len(summary) == 3


def test_no_whitespace_at_all_is_cut_at_the_limit() -> None:
    text = "ب" * 100_001
    spans = RuleSplitter(max_chars=2000).split(text)
    assert [(s.start, s.end) for s in spans] == [
        (i, min(i + 2000, len(text))) for i in range(0, len(text), 2000)
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_ten_megabytes_split() -> None:
    text = _news(10_000_000)
    spans = arsumm.split_sentences(text)
    check_spans(text, spans)
    assert len(spans) > 50_000


@pytest.mark.slow
def test_ten_megabytes_summarized() -> None:
    text = _news(10_000_000)
    summary = arsumm.summarize(text, k=5)
    check_summary(text, summary)
    assert len(summary) == 5
