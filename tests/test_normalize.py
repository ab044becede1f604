"""Normalisation for matching: each rule, and agreement with pyarabic."""

from __future__ import annotations

import pyarabic.araby as araby
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arsumm.chars import FORMAT_CHARS
from arsumm.normalize import has_arabic_letter, normalize, tokenize

CASES = [
    pytest.param("كَتَبَ الطَّالِبُ", "كتب الطالب", id="tashkeel"),
    pytest.param("هٰذا", "هذا", id="superscript-alef"),
    pytest.param("جميـــل", "جميل", id="tatweel"),
    pytest.param("أحمد إلى آخر ٱلكتاب", "احمد الي اخر الكتاب", id="alef-forms-and-maqsura"),
    pytest.param("مستشفى", "مستشفي", id="alef-maqsura"),
    pytest.param("مدرسة", "مدرسة", id="taa-marbuta-kept-by-default"),
    pytest.param("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789", id="indic-and-persian-digits"),
    pytest.param("ﻻ ﷲ", "لا الله", id="presentation-forms-nfkc"),
    pytest.param("\u200fنص\u200e\u200c\u200d\ufeff", "نص", id="format-characters"),
    pytest.param("\u202bنص\u202c\u2067نص\u2069", "نصنص", id="bidi-embeddings-isolates"),
    pytest.param("Hello world", "Hello world", id="latin-untouched"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_taa_marbuta_option() -> None:
    assert normalize("مدرسة", taa_marbuta=True) == "مدرسه"


def test_tokenize_vocalised_words_whole() -> None:
    # scikit-learn's default token pattern would give ['الط', 'ال'] here
    assert tokenize("كَتَبَ الطَّالِبُ") == ["كتب", "الطالب"]


def test_tokenize_drops_digits_and_punctuation() -> None:
    assert tokenize("في عام ٢٠٢٤، قال: «نعم»!") == ["في", "عام", "قال", "نعم"]


# pyarabic does these jobs; our single translate table must agree with it.
ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(
        [*araby.LETTERS, *araby.TASHKEEL, araby.TATWEEL, " ", "أ", "إ", "آ", "ٱ"]
    ),
    max_size=40,
)


@given(ARABIC_TEXT)
def test_agrees_with_pyarabic_strip_tashkeel(text: str) -> None:
    ours = normalize(text)
    # pyarabic's normalize_alef also turns alef maqsura into alef; we map it to yeh
    text = text.replace(araby.ALEF_MAKSURA, araby.YEH)
    theirs = araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(text)))
    assert ours == theirs


def test_pyarabic_alef_normalisation_covers_our_alefs() -> None:
    assert araby.normalize_alef("أإآٱ") == "اااا"
    assert normalize("أإآٱ") == "اااا"


def test_format_characters_are_invisible() -> None:
    import unicodedata

    assert all(unicodedata.category(c) in {"Cf"} for c in FORMAT_CHARS)


def test_has_arabic_letter() -> None:
    assert has_arabic_letter("abc ب")
    assert not has_arabic_letter("abc 123 ٣ ، ؟")
    assert not has_arabic_letter("\u064e\u0640")  # a lone haraka and tatweel are not letters
