"""Reliability properties over generated Arabic-heavy text (issue 6).

The texts mix letters with diacritics and tatweel, punctuation of both
scripts, three kinds of digits, line breaks of every kind, quotes and
brackets, abbreviations, URLs, list numbers, invisible format characters,
NUL, lone surrogates, emoji and random code points. Run with
``HYPOTHESIS_PROFILE=ci`` for 1,000 examples per property.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarabic.araby as araby
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

import arsumm
from arsumm import EmptyTextError, NoArabicError, RuleSplitter, Summarizer
from arsumm.document import LazyTerms
from arsumm.errors import ArsummError
from arsumm.normalize import has_arabic_letter, normalize
from tests.conftest import assert_spans_exact

ROOT = Path(__file__).resolve().parent.parent

# -- the alphabet ----------------------------------------------------------------------

LETTERS = [*araby.LETTERS, "ٱ", "گ", "پ", "ڤ"]
#: Vocalisation: the harakat, tanwin, shadda, sukun, superscript alef, and tatweel.
#: Not U+0653-U+0655 (madda, hamza above/below): after و or ي, NFKC composes them
#: into another letter (ؤ, ئ), so they are spelling, not vocalisation.
MARKS = [*araby.TASHKEEL, "\u0670", araby.TATWEEL]
PUNCTUATION = [
    *(".", "!", "?", "؟", "…", "،", "؛", ":", ";", ",", "۔", "‼"),
    *("...", "؟!", "!!!", "?!", ".»", '."', ".)", "؟»", "!\u201d", ". . ."),
]
QUOTES = ["«", "»", '"', "'", "\u201c", "\u201d", "(", ")", "\ufd3e", "\ufd3f", "[", "]"]
DIGITS = ["3.5", "٣٫٥", "۱۲", "2024", "١٩٩٩", "10.30", "2.4.1", "0", "٧", "%", "٪"]
SPACES = [" ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "  \n "]
SPECIAL = [
    *("د.", "أ.د.", "ص.ب.", "ق.م.", "إلخ.", "هـ.", "Inc.", "U.S.", "e.g.", "Dr."),
    *("https://example.org/a.b?c=1.", "www.example.com.", "info@example.org.", "\n1. ", "\n- "),
    *("\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202b", "\u202c", "\u2067", "\u2069"),
    *("\ufeff", "\u00ad", "\x00", "\ud800", "\udfff", "\U0001f600", "\ufefb", "\ufe8d", "\u0301"),
    *("abc", "Tech", "X", "—", "*", "ـــ", "...\n", "\t1) "),
]

#: Real words, so that sentences share terms and the similarity graph has edges;
#: some are stop words, some carry the article or a conjunction.
VOCABULARY = [
    "المدينة",
    "مدينة",
    "المطر",
    "الأمطار",
    "أمطار",
    "غزيرة",
    "البلدية",
    "المدارس",
    "مدرسة",
    "الطلاب",
    "الحكومة",
    "وزير",
    "الوزير",
    "المياه",
    "مياه",
    "الشمس",
    "الطاقة",
    "محطة",
    "قال",
    "وقال",
    "أن",
    "إن",
    "في",
    "على",
    "من",
    "إلى",
    "عن",
    "هذا",
    "التي",
    "الذي",
    "كتب",
    "الكتاب",
    "مكتبة",
    "المكتبة",
    "السوق",
    "الأسعار",
    "ارتفاع",
    "انخفاض",
    "المؤتمر",
    "الرئيس",
    "اليوم",
    "غدا",
]

RANDOM_WORD = st.lists(
    st.tuples(st.sampled_from(LETTERS), st.sampled_from(["", "", "", "", *MARKS])),
    min_size=1,
    max_size=9,
).map(lambda pairs: "".join(letter + mark for letter, mark in pairs))
WORD = st.one_of(RANDOM_WORD, st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY))
TOKEN = st.one_of(
    WORD,
    st.sampled_from(SPACES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(QUOTES),
    st.sampled_from(DIGITS),
    st.sampled_from(SPECIAL),
    st.characters(),  # any code point hypothesis likes, surrogates excluded
)
#: Between two words: mostly a space, sometimes anything.
GAP = st.one_of(st.just(" "), st.just(" "), st.just(" "), st.just(" "), TOKEN)
SENTENCE = st.tuples(
    st.lists(st.tuples(WORD, GAP), min_size=1, max_size=14),
    st.sampled_from([*PUNCTUATION, "", "\n"]),
    st.sampled_from(SPACES),
).map(lambda t: "".join(w + g for w, g in t[0]).rstrip() + t[1] + t[2])
PIECE = st.one_of(SENTENCE, SENTENCE, SENTENCE, TOKEN)
#: Short texts (edge cases) and articles of several sentences.
TEXT = st.one_of(
    st.lists(PIECE, max_size=8),
    st.lists(PIECE, min_size=6, max_size=30),
).map("".join)

BUDGET = st.one_of(
    st.just({}),
    st.builds(lambda k: {"k": k}, st.integers(1, 8)),
    st.builds(lambda r: {"ratio": r}, st.floats(0.01, 1.0)),
    st.builds(lambda w: {"max_words": w}, st.integers(1, 80)),
)
STEMMER = st.sampled_from(["arlstem", "isri", "snowball", "light", "none"])


def _nonspace(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


# -- the splitter -----------------------------------------------------------------------


@given(TEXT, st.integers(20, 400), st.booleans())
def test_split_spans_are_exact_sorted_disjoint_bounded_and_complete(
    text: str, max_chars: int, hard_wrap: bool
) -> None:
    splitter = RuleSplitter(max_chars=max_chars, hard_wrap=hard_wrap)
    spans = splitter.split(text)
    assert_spans_exact(text, spans, max_chars)
    # every non-space character lies in exactly one span
    assert _nonspace("".join(s.text for s in spans)) == _nonspace(text)
    assert bool(spans) == bool(text.strip())


# -- the summarizer ---------------------------------------------------------------------


#: Sentences and variants of them: equal after normalisation (marks, tatweel,
#: alef forms, spacing, a presentation form, a format character), or with the
#: same terms but another text (a stop word, other punctuation).
_REPEATABLE = [
    "قال الوزير إن الحكومة ستبدأ خطة جديدة.",
    "وأضاف أن الخطة تشمل بناء مدارس.",
    "لا أمطار اليوم في المدينة.",
]
_VARIANT = st.sampled_from(
    [
        lambda s: s,
        lambda s: s.replace("ال", "الْ", 1),
        lambda s: s.replace("ل", "لـ", 1),
        lambda s: s.replace("أ", "ا"),
        lambda s: s.replace(" ", "  ", 1),
        lambda s: s.replace(" ", "\n", 1),
        lambda s: s.replace("لا", "\ufefb"),
        lambda s: "\u200f" + s,
        # the same terms, another text: not a repeat
        lambda s: s.replace(".", " في."),
        lambda s: s.replace(".", "!"),
    ]
)
_REPEATS_TEXT = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(_REPEATABLE), _VARIANT).map(lambda p: p[1](p[0])),
        SENTENCE,
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: "\n".join(parts))


@given(_REPEATS_TEXT, BUDGET, STEMMER)
def test_terms_read_when_needed_choose_as_terms_analysed_at_once(
    text: str, budget: dict[str, Any], stemmer: str
) -> None:
    """A document summarised by its opening analyses its sentences only as they
    are read (``LazyTerms``); its terms and summary are those of analysing all
    of them at once, repeated sentences (equal after normalisation) included."""
    summarizer = Summarizer(stemmer=stemmer, lead="always")
    try:
        document = summarizer.prepare(text)
    except ArsummError:
        return
    assert isinstance(document.terms, LazyTerms)
    analysed = Summarizer(stemmer=stemmer, lead="never").prepare(text)
    eager = dataclasses.replace(document, terms=tuple(analysed.terms))
    outcomes: list[list[int] | str] = []
    for doc in (document, eager):
        try:
            scores = summarizer.score(doc)
            outcomes.append(summarizer.choose(doc, scores, arsumm.Budget.of(**budget)))
        except ArsummError as exc:
            outcomes.append(type(exc).__name__)
    event("no content" if isinstance(outcomes[0], str) else "summarised")
    folded = {" ".join(normalize(document.spans[i].text).split()) for i in document.ranked}
    event("with repeated sentences" if len(folded) < len(document.ranked) else "no repeats")
    assert outcomes[0] == outcomes[1]
    assert document.terms == analysed.terms
    assert document.words == analysed.words
    assert document.text_words == analysed.text_words


@given(TEXT, BUDGET, STEMMER, st.booleans(), st.booleans())
def test_summarize_raises_only_documented_errors_and_keeps_the_contract(
    text: str, budget: dict[str, Any], stemmer: str, require_arabic: bool, boilerplate: bool
) -> None:
    summarizer = Summarizer(stemmer=stemmer, require_arabic=require_arabic, boilerplate=boilerplate)
    try:
        analysis = summarizer.analyze(text, **budget)
    except EmptyTextError:
        event("EmptyTextError")
        assert not text.strip()
        return
    except NoArabicError:
        event("NoArabicError")
        assert require_arabic
        assert not has_arabic_letter(text)
        return
    except ArsummError as exc:  # NoContentError: no content word, or only boilerplate
        event(type(exc).__name__)
        return
    assert text.strip()
    sentences, summary = analysis.sentences, analysis.summary
    event(f"summarised, {min(len(sentences), 10)}{'+' if len(sentences) >= 10 else ''} sentences")
    assert [(s.start, s.end) for s in sentences] == [
        (s.start, s.end) for s in summarizer.splitter.split(text)
    ]
    for i, sentence in enumerate(sentences):
        assert sentence.index == i
        assert text[sentence.start : sentence.end] == sentence.text
        assert math.isfinite(sentence.score)
        assert sentence.score >= 0.0
    assert math.isclose(sum(s.score for s in sentences), 1.0, rel_tol=1e-9)
    # never a silent empty result; chosen sentences are real ones, in document order
    assert summary
    assert all(sentences[s.index] == s for s in summary)
    assert [s.index for s in summary] == sorted({s.index for s in summary})
    assert not {s.index for s in summary} & set(analysis.boilerplate)
    content = [s for s in sentences if s.index not in set(analysis.boilerplate)]
    # sentences equal after normalisation are never chosen together
    folded = {" ".join(normalize(s.text).split()) for s in content}
    assert len({" ".join(normalize(s.text).split()) for s in summary}) == len(summary)
    if "k" in budget or not budget:
        assert len(summary) == min(budget.get("k", 3), len(folded))
    elif len(summary) > 1:  # the budget contract: a ratio of the text's words
        words = sum(len(s.text.split()) for s in summary)
        total = len(text.split())
        limit = budget["max_words"] if "max_words" in budget else budget["ratio"] * total
        assert words <= limit + 1e-9


@given(TEXT, BUDGET)
def test_module_functions_are_the_default_configuration_and_repeat(
    text: str, budget: dict[str, Any]
) -> None:
    # arsumm.split_sentences / arsumm.summarize: the default splitter and summarizer,
    # the same answer on a second call in the same process (memos and caches are warm)
    assert arsumm.split_sentences(text) == RuleSplitter().split(text)
    try:
        expected = Summarizer().analyze(text, **budget).summary
    except ArsummError as exc:
        with pytest.raises(type(exc)):
            arsumm.summarize(text, **budget)
        return
    first = arsumm.summarize(text, **budget)
    assert first == expected
    assert arsumm.summarize(text, **budget) == first
    assert all(text[s.start : s.end] == s.text for s in first)


@given(TEXT, st.integers(1, 6))
def test_k_summary_is_inside_the_k_plus_one_summary(text: str, k: int) -> None:
    try:
        smaller = arsumm.summarize(text, k=k)
    except ArsummError:
        return
    larger = arsumm.summarize(text, k=k + 1)
    event(f"k={k}: {len(smaller)} then {len(larger)} sentences")
    assert {s.index for s in smaller} <= {s.index for s in larger}
    assert len(larger) in (len(smaller), len(smaller) + 1)


@pytest.mark.parametrize("redundancy", [0.0, 0.3])
def test_exact_ties_go_to_the_earlier_sentence_so_summaries_nest(redundancy: float) -> None:
    # the same words in seven orders and a uniform prior: every score ties (up to
    # rounding), and no two sentences are equal (equal ones are never chosen together)
    words = ["هطلت", "أمطار", "غزيرة", "على", "المدينة", "أمس"]
    orders = [words[i:] + words[:i] for i in range(6)] + [words[::-1]]
    text = " ".join(" ".join(order) + "." for order in orders)
    summarizer = Summarizer(prior="uniform", redundancy=redundancy)
    scores = [s.score for s in summarizer.rank(text)]
    assert len(scores) == 7
    assert max(scores) - min(scores) < 1e-12
    for k in range(1, 9):
        assert [s.index for s in summarizer.summarize(text, k=k)] == list(range(min(k, 7)))
    repeated = "هطلت أمطار غزيرة على المدينة. " * 7
    assert [s.index for s in summarizer.summarize(repeated, k=4)] == [0]


def _vocalise(text: str, data: st.DataObject) -> str:
    letters = [i for i, c in enumerate(text) if c in araby.LETTERS]
    assume(letters)
    if data.draw(st.booleans()):  # fully vocalised: marks on every letter
        positions = letters
    else:
        positions = data.draw(st.lists(st.sampled_from(letters), max_size=40, unique=True))
    marks = data.draw(
        st.lists(
            st.lists(st.sampled_from(MARKS), min_size=1, max_size=3).map("".join),
            min_size=len(positions),
            max_size=len(positions),
        )
    )
    pieces = list(text)
    for position, mark in sorted(zip(positions, marks, strict=True), reverse=True):
        pieces.insert(position + 1, mark)
    return "".join(pieces)


@given(TEXT, BUDGET, st.data())
def test_diacritics_and_tatweel_change_no_selected_index(
    text: str, budget: dict[str, Any], data: st.DataObject
) -> None:
    try:
        before = arsumm.Summarizer().analyze(text, **budget)
    except ArsummError:
        return
    vocalised = _vocalise(text, data)
    after = arsumm.Summarizer().analyze(vocalised, **budget)
    assert len(after.sentences) == len(before.sentences)
    assert [s.index for s in after.summary] == [s.index for s in before.summary]
    for a, b in zip(after.sentences, before.sentences, strict=True):
        assert a.score == pytest.approx(b.score, rel=1e-9, abs=1e-12)


# -- the same output in a fresh process, whatever the hash seed -----------------------

_POOLS = [LETTERS, MARKS, PUNCTUATION, QUOTES, DIGITS, SPACES, SPECIAL]


def _fixed_texts(n: int = 40, seed: int = 6) -> list[str]:
    """Arabic-heavy texts drawn from the alphabet above by a seeded generator."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(0, 220)):
            roll = rng.random()
            if roll < 0.6:
                tokens.append(
                    "".join(
                        rng.choice(LETTERS) + (rng.choice(MARKS) if rng.random() < 0.15 else "")
                        for _ in range(rng.randint(1, 8))
                    )
                )
            elif roll < 0.95:
                tokens.append(rng.choice(rng.choice(_POOLS)))
            else:
                tokens.append(chr(rng.randint(0x20, 0x2FFF)))
        texts.append("".join(tokens))
    return texts


_DESCRIBE = """
import arsumm

def describe(text):
    out = {"spans": [[s.start, s.end] for s in arsumm.split_sentences(text)]}
    for name, budget in (("k", {"k": 3}), ("ratio", {"ratio": 0.3}), ("words", {"max_words": 25})):
        try:
            analysis = arsumm.Summarizer().analyze(text, **budget)
        except arsumm.ArsummError as exc:
            out[name] = [type(exc).__name__, str(exc)]
        else:
            out[name] = [[s.index, s.score] for s in analysis.summary]
            out["scores"] = [s.score for s in analysis.sentences]
    return out
"""
_OUTPUT_SCRIPT = (
    "import json, sys\n"
    + _DESCRIBE
    + "json.dump([describe(t) for t in json.load(sys.stdin)], sys.stdout)\n"
)


def _outputs(texts: list[str], hashseed: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-c", _OUTPUT_SCRIPT],
        input=json.dumps(texts).encode("ascii"),
        capture_output=True,
        timeout=300,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": hashseed},
    )
    return json.loads(result.stdout)


def test_same_output_in_fresh_processes_with_different_hash_seeds() -> None:
    texts = _fixed_texts()
    assert sum(bool(t.strip()) for t in texts) > 35
    namespace: dict[str, Any] = {}
    exec(_DESCRIBE, namespace)  # the same code in this (warm) process
    here = json.loads(json.dumps([namespace["describe"](t) for t in texts]))
    assert _outputs(texts, "0") == here
    assert _outputs(texts, "4242") == here
    # and most of the texts were summarised, not only rejected
    assert sum(isinstance(o["k"][0], list) for o in here) > 20
