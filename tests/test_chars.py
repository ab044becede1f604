"""One source of character classes: the splitter and the prior's features agree on each one."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

import arsumm
from arsumm import chars
from arsumm.normalize import normalize
from arsumm.prior import FEATURES, features, paragraph_starts

HEADLINE = FEATURES.index("headline")
PARAGRAPH = FEATURES.index("paragraph_start")
SUMMARIZER = arsumm.Summarizer()


def _features(text: str) -> np.ndarray:
    return features(SUMMARIZER.vectorize(SUMMARIZER.prepare(text)))


@pytest.mark.parametrize("mark", list(chars.SENTENCE_END), ids=lambda c: f"U+{ord(c):04X}")
def test_every_sentence_end_ends_a_sentence_for_the_splitter_and_the_prior(mark: str) -> None:
    text = f"ارتفعت أسعار النفط اليوم{mark} وتراجعت أسعار الذهب في الأسواق"
    spans = arsumm.split_sentences(text)
    assert [s.text for s in spans] == [text[: text.index(mark) + 1], text[text.index(mark) + 2 :]]
    assert _features(text)[:, HEADLINE].tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    "trailer",
    list(chars.CLOSERS) + list(chars.FORMAT_CHARS),
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_closers_and_format_characters_stay_with_their_sentence(trailer: str) -> None:
    text = f"قال الوزير إن الخطة جاهزة.{trailer} وتراجعت أسعار الذهب في الأسواق"
    first = arsumm.split_sentences(text)[0]
    assert first.text.endswith(trailer)
    assert chars.ends_sentence(first.text)
    assert _features(text)[0, HEADLINE] == 0.0


@pytest.mark.parametrize("brk", list(chars.LINE_BREAKS), ids=lambda c: f"U+{ord(c):04X}")
def test_every_line_break_starts_a_paragraph_for_the_splitter_and_the_prior(brk: str) -> None:
    text = f"عنوان الخبر عن النفط{brk}ارتفعت أسعار النفط اليوم. وتراجع الذهب"
    spans = arsumm.split_sentences(text)
    assert next(s.text for s in spans) == "عنوان الخبر عن النفط"
    assert paragraph_starts(text, spans) == [True, True, False]
    F = _features(text)
    assert F[:, PARAGRAPH].tolist() == [1.0, 1.0, 0.0]
    assert F[:, HEADLINE].tolist() == [1.0, 0.0, 1.0]


def test_marks_are_what_normalisation_removes_and_what_takes_no_width() -> None:
    assert all(normalize("ب" + mark) == "ب" for mark in chars.ZERO_WIDTH)
    # the small waw and small yeh of Quranic orthography are modifier letters used as marks
    kinds = {c: unicodedata.category(c) for c in chars.MARKS + chars.FORMAT_CHARS}
    assert {c for c, kind in kinds.items() if kind not in {"Mn", "Cf"}} == {"\u06e5", "\u06e6"}
    assert set(chars.ZERO_WIDTH) == set(chars.MARKS) | {chars.TATWEEL} | set(chars.FORMAT_CHARS)


@pytest.mark.parametrize(
    "letter",
    ["\u0628", "\u0870", "\u08a0", "\ufe8f", "\ufdf2", "\U00010ec2", "\U0001ee01"],
    ids=["beh", "ext-b", "ext-a", "presentation-b", "ligature", "ext-c", "math-beh"],
)
def test_arabic_letters_of_every_block_count_as_arabic(letter: str) -> None:
    assert chars.ARABIC_LETTER_RE.fullmatch(letter)


@pytest.mark.parametrize(
    "symbol",
    ["\ufe70", "\ufe7f", "\ufd3e", "\ufd3f", "\u0640", "\u064e", "\u060c"],
    ids=[
        "fathatan-isolated",
        "sukun-medial",
        "ornate-left",
        "ornate-right",
        "tatweel",
        "fatha",
        "comma",
    ],
)
def test_marks_and_symbols_are_not_letters(symbol: str) -> None:
    assert chars.ARABIC_LETTER_RE.fullmatch(symbol) is None


def test_ends_sentence_looks_through_what_the_splitter_looks_through() -> None:
    assert chars.ends_sentence("نعم.\u00bb\u200f  ")
    assert not chars.ends_sentence("")
    assert not chars.ends_sentence("\u00bb")
    assert not chars.ends_sentence("عنوان")
