"""Stemmers: the protocol, the built-ins, memoisation, conflation quality."""

from __future__ import annotations

import collections
import csv
import pickle
import random
import subprocess
import sys

import pytest
from nltk.stem.isri import ISRIStemmer

from arsumm.features import Analyzer
from arsumm.normalize import tokenize
from arsumm.stemmer import STEMMERS, CachedStemmer, LightStemmer, Stemmer, get_stemmer
from tests.conftest import require_data


@pytest.mark.parametrize("name", sorted(STEMMERS))
def test_builtins_return_strings(name: str) -> None:
    stemmer = get_stemmer(name)
    assert isinstance(stemmer, Stemmer)
    for word in ["والمكتبات", "كتب", "المعلمون", "في"]:
        assert isinstance(stemmer.stem(word), str)


def test_builtins_differ() -> None:
    stems = {name: get_stemmer(name).stem("والمكتبات") for name in STEMMERS}
    assert stems["none"] == "والمكتبات"
    assert stems["isri"] == "كتب"  # ISRI goes to the root
    assert stems["arlstem"] == "مكتب"


def test_memoised_once_per_process() -> None:
    calls: list[str] = []

    class Counting:
        def stem(self, token: str) -> str:
            calls.append(token)
            return token[:3]

    cached = CachedStemmer(Counting())
    assert [cached.stem("كتابة"), cached.stem("كتابة"), cached.stem("قلم")] == ["كتا", "كتا", "قلم"]
    assert calls == ["كتابة", "قلم"]
    assert get_stemmer("light") is get_stemmer("light")


def test_unknown_stemmer_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown stemmer 'porter'.*arlstem"):
        get_stemmer("porter")


def test_nltk_stemmer_plugs_in_as_is() -> None:
    analyzer = Analyzer(stemmer=ISRIStemmer())
    assert analyzer("والمكتبات") == ["كتب"]


def test_stemmer_returning_non_string_is_reported() -> None:
    class Bad:
        def stem(self, token: str) -> int:
            return 3

    with pytest.raises(TypeError, match="returned int"):
        Analyzer(stemmer=Bad())("كلمة")  # type: ignore[arg-type]


def test_object_without_stem_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"\.stem\(token\)"):
        Analyzer(stemmer=42)  # type: ignore[arg-type]


def test_light_stemmer_keeps_three_letters() -> None:
    stemmer = LightStemmer()
    assert stemmer.stem("الي") == "الي"
    assert stemmer.stem("بالمدرسة") == "مدرس"


def test_analyzer_pickles() -> None:
    analyzer = Analyzer(stemmer="light")
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone("وذهب المعلمون") == analyzer("وذهب المعلمون")


def _conflation_f1(stemmer: Stemmer, rows: list[dict[str, str]]) -> float:
    def pairs(count: int) -> int:
        return count * (count - 1) // 2

    joint = collections.Counter((r["lemma_norm"], stemmer.stem(r["surface_norm"])) for r in rows)
    lemmas = collections.Counter(r["lemma_norm"] for r in rows)
    stems = collections.Counter(stemmer.stem(r["surface_norm"]) for r in rows)
    tp = sum(pairs(c) for c in joint.values())
    precision = tp / sum(pairs(c) for c in stems.values())
    recall = tp / sum(pairs(c) for c in lemmas.values())
    return 2 * precision * recall / (precision + recall)


def test_conflation_f1_on_ud_lemmas() -> None:
    """ARLSTem, the default, conflates best of the NLTK stemmers (README: 0.594)."""
    path = require_data("ud-arabic-pud", "lemmas_surface.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    scores = {name: _conflation_f1(get_stemmer(name), rows) for name in STEMMERS}
    assert scores["arlstem"] >= 0.58
    assert scores["arlstem"] > scores["snowball"] > scores["isri"]
    assert scores["light"] > scores["none"] + 0.3


def test_memo_is_bounded() -> None:
    cached = CachedStemmer(LightStemmer(), max_size=3)
    for word in ["كتاب", "قلم", "دفتر", "مدرسة", "معلم"]:
        cached.stem(word)
    assert len(cached.cache) <= 3
    assert cached.stem("مدرسة") == "مدرس"
    with pytest.raises(ValueError, match="max_size"):
        CachedStemmer(LightStemmer(), max_size=0)


def _arlstem_pair() -> tuple[Stemmer, Stemmer]:
    from nltk.stem.arlstem import ARLSTem

    return ARLSTem(), get_stemmer("arlstem").stemmer


def test_arlstem_equals_nltk_on_generated_affix_combinations() -> None:
    """arsumm's ARLSTem tests each affix group at once; every rule must still fire as nltk's.

    Words are built from every affix list of nltk's ARLSTem (and the single
    letters its rules name) around random cores, so each branch is reached.
    """
    reference, ours = _arlstem_pair()
    groups = [
        "pr2", "pr3", "pr32", "pr4", "verb_pr2", "verb_pr22", "verb_pr33",
        "su2", "su22", "su3", "su32", "pl_si2", "pl_si3", "verb_su2",
        "verb_suf1", "verb_suf2", "verb_suf3",
    ]  # fmt: skip
    affixes = {a for g in groups for a in getattr(reference, g)}
    affixes |= {"", "و", "ت", "ي", "ا", "س", "ك", "ه", "ن", "ة", "نا", "ات", "وا", "ال"}
    letters = [chr(c) for c in range(0x0621, 0x064B)] + ["ا"] * 6 + ["\u064e", "\u0651", "ى", "أ"]
    rng = random.Random(7)
    ordered = sorted(affixes)
    words = {"", "ا", "اا", "ااا", "اااا", "وووو", "اة", "ااة", "اباة", "abc", "x y"}
    for _ in range(60_000):
        core = "".join(rng.choice(letters) for _ in range(rng.randint(0, 5)))
        if rng.random() < 0.3:
            core = core[:1] + "ا" + core[1:]  # the broken-plural rules look at alef positions
        words.add(rng.choice(ordered) + core + rng.choice(ordered))
    mismatches = [w for w in sorted(words) if ours.stem(w) != reference.stem(w)]
    assert mismatches == []


def test_arlstem_equals_nltk_on_real_words(easc_docs: list[dict[str, str]]) -> None:
    """Every word of EASC and of UD Arabic-PUD, raw and normalised, stems as in nltk."""
    reference, ours = _arlstem_pair()
    path = require_data("ud-arabic-pud", "lemmas_surface.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    words = {r["surface"] for r in rows if "surface" in r} | {r["surface_norm"] for r in rows}
    for doc in easc_docs:
        words.update(doc["text"].split())
        words.update(tokenize(doc["text"]))
    assert len(words) > 20_000
    mismatches = [w for w in sorted(words) if ours.stem(w) != reference.stem(w)]
    assert mismatches == []


def test_arlstem_affix_lists_are_nltks() -> None:
    reference, ours = _arlstem_pair()
    groups = ["pr2", "pr3", "pr32", "pr4", "su2", "su22", "su3", "su32", "pl_si2", "pl_si3"]
    groups += ["verb_su2", "verb_pr2", "verb_pr22", "verb_suf1", "verb_suf2", "verb_suf3"]
    for group in groups:
        assert getattr(ours, group) == tuple(getattr(reference, group)), group
    for word in ["أَكَلَ", "إلى", "آمن", "وأولاد", "ومن", "مستشفى"]:
        assert ours.norm(word) == reference.norm(word)  # type: ignore[attr-defined]


def test_the_default_path_does_not_import_nltk() -> None:
    """nltk takes about a second to import: summarising with the defaults must not need it."""
    code = (
        "import sys, arsumm; arsumm.summarize(arsumm.demo_text()); "
        "arsumm.summarize_many([arsumm.demo_text()]).__next__(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('nltk', 'sklearn')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_snowball_stems_do_not_depend_on_the_words_before() -> None:
    """NLTK's ArabicStemmer keeps a flag from one word to the next: after «سافرنا»,
    «كانوا» became «كانو». arsumm's "snowball" gives every word a fresh stemmer."""
    from nltk.stem.snowball import ArabicStemmer

    words = ["سافرنا", "كانوا", "والمدرسة", "يكتبون", "كتابهم", "المعلمات"]
    fresh = [ArabicStemmer().stem(w) for w in words]
    for order in (words, words[::-1], words[2:] + words[:2]):
        stemmer = STEMMERS["snowball"]()  # a new instance: no memo in between
        assert {w: stemmer.stem(w) for w in order} == dict(zip(words, fresh, strict=True))
    shared = ArabicStemmer()
    assert [shared.stem(w) for w in words] != fresh  # the bug this guards against


def test_stem_many_equals_stem_one_at_a_time(easc_docs: list[dict[str, str]]) -> None:
    """On real words, repeats and words the memo already holds: the same stems, in order."""
    words = [w for doc in easc_docs[:20] for w in tokenize(doc["text"])]
    assert len(set(words)) < len(words)  # repeats within one call
    one = CachedStemmer(STEMMERS["arlstem"]())
    expected = [one.stem(w) for w in words]
    many = CachedStemmer(STEMMERS["arlstem"]())
    many.stem_many(words[::7])  # some of them remembered beforehand
    assert many.stem_many(words) == expected
    assert many.cache == one.cache
    assert many.stem_many([]) == []


def test_stem_many_reports_a_stemmer_returning_non_string() -> None:
    class Bad:
        def stem(self, token: str) -> int:
            return 3

    with pytest.raises(TypeError, match="returned int"):
        CachedStemmer(Bad()).stem_many(["كلمة"])  # type: ignore[arg-type]
