"""Properties over generated Arabic-heavy text (hypothesis).

Run with ``HYPOTHESIS_PROFILE=ci`` for 1,000 examples per property.
"""

from __future__ import annotations

import pyarabic.araby as araby
from hypothesis import assume, given
from hypothesis import strategies as st

import arsumm
from arsumm.errors import ArsummError

LETTERS = [*araby.LETTERS, "أ", "إ", "آ", "ى", "ة"]
WORDS = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=8)
PUNCT = st.sampled_from([".", "،", "؟", "!", "…", ":", "؛", "...", "؟!", ".»", '."', ")", "(", "«"])
SPACE = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0"])
OTHER = st.sampled_from(
    ["3.5", "٣٫٥", "2024", "د.", "ق.م.", "https://x.org/a.b", "a@b.co", "Inc.", "U.S."]
)
NOISE = st.characters(codec="utf-8", exclude_categories=["Cs"])

TOKEN = st.one_of(WORDS, WORDS, WORDS, WORDS, PUNCT, SPACE, OTHER, NOISE)
TEXT = st.lists(TOKEN, min_size=0, max_size=120).map("".join)
MARKS = [*araby.TASHKEEL, araby.TATWEEL]


def _nonspace(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


@given(TEXT)
def test_split_offsets_exact_sorted_disjoint(text: str) -> None:
    spans = arsumm.split_sentences(text)
    previous_end = 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.start >= previous_end
        assert span.start < span.end
        assert not span.text[0].isspace()
        assert not span.text[-1].isspace()
        previous_end = span.end


@given(TEXT)
def test_split_covers_every_nonspace_character_once(text: str) -> None:
    spans = arsumm.split_sentences(text)
    assert _nonspace("".join(s.text for s in spans)) == _nonspace(text)


@given(TEXT)
def test_summary_offsets_exact_and_repeatable(text: str) -> None:
    try:
        first = arsumm.summarize(text, ratio=0.3)
    except ArsummError:
        return
    assert first
    for sentence in first:
        assert text[sentence.start : sentence.end] == sentence.text
    assert arsumm.summarize(text, ratio=0.3) == first


@given(TEXT, st.data())
def test_diacritics_and_tatweel_do_not_change_selection(text: str, data: st.DataObject) -> None:
    try:
        before = [s.index for s in arsumm.summarize(text, k=2)]
    except ArsummError:
        return
    letters = [i for i, c in enumerate(text) if c in araby.LETTERS]
    assume(letters)
    chosen = data.draw(st.lists(st.sampled_from(letters), max_size=20, unique=True))
    marks = data.draw(st.lists(st.sampled_from(MARKS), min_size=len(chosen), max_size=len(chosen)))
    pieces = list(text)
    for position, mark in sorted(zip(chosen, marks, strict=True), reverse=True):
        pieces.insert(position + 1, mark)
    vocalised = "".join(pieces)
    after = [s.index for s in arsumm.summarize(vocalised, k=2)]
    assert after == before
