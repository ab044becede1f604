"""Keyphrase properties over generated Arabic-heavy text (hypothesis), and linear work.

Run with ``HYPOTHESIS_PROFILE=ci`` for 1,000 examples per property.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pyarabic.araby as araby
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import arsumm
from arsumm import KeywordExtractor
from arsumm.errors import ArsummError
from arsumm.normalize import tokenize
from benchmarks.linear import KINDS, RUN
from tests.test_properties_reliability import MARKS, TEXT

EXTRACTOR = KeywordExtractor()


def _phrases(text: str, k: int = 15) -> list[arsumm.Keyphrase] | None:
    try:
        return EXTRACTOR.extract(text, k=k)
    except ArsummError:
        return None


@given(TEXT)
def test_offsets_exact_sorted_disjoint(text: str) -> None:
    phrases = _phrases(text)
    if phrases is None:
        return
    assert phrases
    assert len({p.key for p in phrases}) == len(phrases)
    for p in phrases:
        slices = [text[a:b] for a, b in p.occurrences]
        assert p.text in slices
        previous = 0
        for start, end in p.occurrences:
            assert previous <= start < end <= len(text)
            previous = end
        for piece in slices:
            # an occurrence is as many words as the key, whole words, no edge space
            assert len(tokenize(piece)) == len(p.key.split())
            assert piece == piece.strip()


@given(TEXT)
def test_repeatable(text: str) -> None:
    first = _phrases(text)
    assert _phrases(text) == first
    assert _phrases(text) == (None if first is None else KeywordExtractor().extract(text, k=15))


@given(TEXT, st.data())
def test_diacritics_and_tatweel_change_no_key(text: str, data: st.DataObject) -> None:
    before = _phrases(text)
    letters = [i for i, c in enumerate(text) if c in araby.LETTERS]
    assume(letters)
    chosen = data.draw(st.lists(st.sampled_from(letters), max_size=20, unique=True))
    marks = data.draw(st.lists(st.sampled_from(MARKS), min_size=len(chosen), max_size=len(chosen)))
    pieces = list(text)
    for position, mark in sorted(zip(chosen, marks, strict=True), reverse=True):
        following = text[position + 1 : position + 2]
        if mark == araby.TATWEEL and following and unicodedata.combining(following):
            # a tatweel between a letter and its own combining mark stops NFKC from
            # composing them (و + ٔ is ؤ): not a spelling arsumm can see through
            continue
        pieces.insert(position + 1, mark)
    after = _phrases("".join(pieces))
    if before is None:
        assert after is None
        return
    assert after is not None
    assert [p.key for p in after] == [p.key for p in before]
    assert [p.count for p in after] == [p.count for p in before]
    assert [p.score for p in after] == pytest.approx([p.score for p in before], rel=1e-9)


# -- linear work on the pathological inputs of benchmarks.linear ----------------------------


@contextmanager
def _count_calls() -> Iterator[list[int]]:
    """Count Python and C function calls (a measure of work that does not depend on load)."""
    counter = [0]

    def profile(frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            counter[0] += 1

    sys.setprofile(profile)
    try:
        yield counter
    finally:
        sys.setprofile(None)


def _work(text: str) -> tuple[int, int]:
    """Calls made by a fresh extractor on ``text``, and the occurrences it returns."""
    extractor = KeywordExtractor()
    with _count_calls() as calls:
        phrases = extractor.extract(text, k=15)
    return calls[0], sum(p.count for p in phrases)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_work_grows_linearly(kind: str) -> None:
    """Four times the text costs at most about four times the calls.

    The texts are the kinds of ``python -m benchmarks.linear`` (runs of 10^5
    dots, line breaks, quotes, digits or address characters between news
    paragraphs, text without punctuation) at 0.4 and 1.6 million characters.
    The calls counted are every Python and C function call of the extraction,
    so a loop over pairs of words or sentences would show as a ratio near 16.
    """
    unit = 2 * RUN + 2  # one run and one news paragraph of benchmarks.linear
    small, large = (KINDS[kind](n * unit) for n in (2, 8))
    _work(large)  # the stemmer's memo is per process: fill it before counting
    calls_small, occ_small = _work(small)
    calls_large, occ_large = _work(large)
    assert occ_large >= occ_small  # the larger text has at least as many occurrences
    assert calls_large <= 4.6 * calls_small, (calls_small, calls_large)
