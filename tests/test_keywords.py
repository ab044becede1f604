"""Keyphrases (issue 16): the contract of arsumm.keywords and KeywordExtractor.

Our own Arabic cases, the bad-input table (the same answers as summarize),
the parameters' validation, fitting an IDF, threads, and the floor on the
dev sets of ../shared/data/keyphrases. Properties over generated text are in
test_keywords_properties.py.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import arsumm
from arsumm import (
    BudgetError,
    ConfigError,
    EmptyTextError,
    Keyphrase,
    KeyphraseIDF,
    KeywordExtractor,
    NoArabicError,
    NoContentError,
    RuleSplitter,
)
from tests.conftest import ROOT, VOCABULARY, require_data

DEMO = arsumm.demo_text()


# -- our own cases -------------------------------------------------------------------
# (text, k, phrase that must be among the k first, phrases that must not be there)
CASES = [
    pytest.param(
        "عقد مجلس الأمن الدولي جلسة طارئة أمس. وقال رئيس مجلس الأمن الدولي إن الجلسة ناقشت الأزمة.",
        1,
        "مجلس الأمن الدولي",
        [],
        id="noun-phrase-stays-whole",
    ),
    pytest.param(
        "أصدرت وزارة الخارجية بيانا. وأكدت وزارة الخارجية أن السفير عاد. ورحبت وزارة "
        "الخارجية بالقرار.",
        1,
        "وزارة الخارجية",
        ["زارة الخارجية"],
        id="waw-of-the-word-stays",
    ),
    pytest.param(
        "وصل الوفد والوفد المرافق. والوفد يضم خبراء. والوفد سيعود.",
        5,
        "الوفد",
        ["والوفد"],
        id="waw-before-article-cut",
    ),
    pytest.param(
        "سافر الوفد بالطائرة. وعاد بالطائرة نفسها. الطائرة حديثة.",
        5,
        "الطائرة",
        ["بالطائرة"],
        id="ba-before-article-cut",
    ),
    pytest.param(
        "قدمت الوزارة دعما للتعليم. وقال الوزير إن للتعليم أولوية وإن للتعليم ميزانية.",
        5,
        "تعليم",
        ["للتعليم"],
        id="lam-lam-cut",
    ),
    pytest.param(
        "جلس الولد في الحديقة. لعب الولد في الحديقة.",
        5,
        "الحديقة",
        ["الولد في الحديقة"],
        id="stop-word-breaks-phrase",
    ),
    pytest.param(
        "زرعنا القمح، الشعير والذرة. حصدنا القمح، الشعير.",
        5,
        "القمح",
        ["القمح، الشعير", "القمح الشعير"],
        id="comma-breaks-phrase",
    ),
    pytest.param(
        "ارتفعت أسعار النفط. أسعار النفط تؤثر في الاقتصاد. النفط سلعة.",
        3,
        "أسعار النفط",
        ["النفط. أسعار"],
        id="sentence-end-breaks-phrase",
    ),
    pytest.param(
        "افتتحت المـــكتبة العامة. وزار الطلاب المكتبة العامة.",
        5,
        "المـــكتبة العامة",
        [],
        id="tatweel-kept-in-surface",
    ),
    pytest.param(DEMO, 3, "تحلية المياه", [], id="demo-article"),
]


@pytest.mark.parametrize(("text", "k", "expected", "forbidden"), CASES)
def test_cases(text: str, k: int, expected: str, forbidden: list[str]) -> None:
    phrases = arsumm.keywords(text, k=k)
    found = [p.text for p in phrases]
    assert expected in found
    for phrase in forbidden:
        assert phrase not in found
    check_contract(text, phrases)


def check_contract(text: str, phrases: list[Keyphrase]) -> None:
    """Exact offsets, sorted disjoint occurrences, one phrase per key, scores best first."""
    assert phrases, "silent empty list"
    keys = [p.key for p in phrases]
    assert len(set(keys)) == len(keys)
    scores = [p.score for p in phrases]
    assert scores == sorted(scores, reverse=True)
    for p in phrases:
        assert isinstance(p, Keyphrase)
        assert p.occurrences
        assert p.text in {text[a:b] for a, b in p.occurrences}
        previous = -1
        for start, end in p.occurrences:
            assert previous <= start < end <= len(text)
            assert not text[start].isspace()
            assert not text[end - 1].isspace()
            previous = end
        assert p.count == len(p.occurrences)
        assert (p.start, p.end) == p.occurrences[0]


VARIANTS = (
    "تجتمع الدول العربية غدا. وقالت الدولية إن الدول تنتظر. وأكد ممثلو الدول والدولي "
    "والدولية أن الدول متفقة. للدول حقوق. دولية ودولي."
)


@pytest.mark.parametrize(
    ("stemmer", "most"),
    [
        # ARLSTem tells «الدول» (states) from «الدولي/دولية» (international)
        pytest.param("arlstem", 2, id="arlstem"),
        pytest.param("light", 1, id="light"),
    ],
)
def test_variants_of_one_word_do_not_fill_the_list(stemmer: str, most: int) -> None:
    phrases = KeywordExtractor(stemmer=stemmer).extract(VARIANTS, k=15)
    one_word = [p.text for p in phrases if " " not in p.key and "دول" in p.text]
    assert 1 <= len(one_word) <= most, one_word


def test_surface_is_most_frequent_form() -> None:
    text = "زار الوزير المدينة. والمدينة جميلة. المدينة قديمة. بالمدينة سوق. المدينة هادئة."
    city = next(p for p in arsumm.keywords(text, k=10) if p.key == "مدين")
    assert city.text == "المدينة"
    assert len(city.occurrences) == 5
    # every occurrence starts at the article, never at its clitic
    assert all(text[a:b] == "المدينة" for a, b in city.occurrences)


def test_vocalised_text_offsets_and_keys() -> None:
    plain = "كتب الطالب الدرس. وقرأ الطالب الدرس مرة ثانية."
    vocalised = "كَتَبَ الطَّالِبُ الدَّرْسَ. وَقَرَأَ الطَّالِبُ الدَّرْسَ مَرَّةً ثَانِيَةً."
    a, b = arsumm.keywords(plain, k=5), arsumm.keywords(vocalised, k=5)
    assert [p.key for p in a] == [p.key for p in b]
    assert [p.count for p in a] == [p.count for p in b]
    check_contract(vocalised, b)
    assert "الطَّالِبُ الدَّرْسَ" in [p.text for p in b]


def test_keyphrase_is_frozen() -> None:
    phrase = arsumm.keywords(DEMO, k=1)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        phrase.score = 1.0  # type: ignore[misc]


def test_fewer_phrases_than_k() -> None:
    phrases = arsumm.keywords("كتب", k=10)
    assert [p.text for p in phrases] == ["كتب"]


def test_same_answer_with_the_rule_splitter_on_the_demo() -> None:
    default = KeywordExtractor().extract(DEMO, k=10)
    split = KeywordExtractor(splitter=RuleSplitter()).extract(DEMO, k=10)
    assert [p.key for p in split] == [p.key for p in default]


class _Counting:
    """A Stemmer of our own: the light stemmer, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def stem(self, token: str) -> str:
        self.calls += 1
        return token[2:] if token.startswith("ال") and len(token) > 4 else token


def test_custom_stemmer_object() -> None:
    stemmer = _Counting()
    extractor = KeywordExtractor(stemmer=stemmer)
    phrases = extractor.extract(DEMO, k=5)
    assert stemmer.calls > 0
    assert "مكتبة" not in {p.key for p in phrases}
    before = stemmer.calls
    assert extractor.extract(DEMO, k=5) == phrases
    assert stemmer.calls == before  # each word is stemmed once per extractor


def test_fit_idf() -> None:
    corpus = [DEMO, "هطلت أمطار غزيرة على المدينة. وأغلقت البلدية المدارس بسبب الأمطار."]
    fitted = KeywordExtractor().fit(corpus)
    assert isinstance(fitted.idf, KeyphraseIDF)
    assert fitted.idf.n_documents == 2
    assert fitted.idf.document_frequency["مدين"] == 2
    check_contract(DEMO, fitted.extract(DEMO, k=10))
    assert KeywordExtractor().idf is None


def test_threads_give_the_same_answer() -> None:
    docs = [DEMO, *(DEMO[i : i + 700] for i in range(0, 1400, 350))]
    expected = [KeywordExtractor().extract(d, k=10) for d in docs]
    shared = KeywordExtractor()  # cold: the threads fill its lexicon together
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda d: shared.extract(d, k=10), docs * 4))
    assert got == expected * 4


# -- the bad-input table: the same answers as summarize -------------------------------------

BAD = [
    pytest.param(None, TypeError, "text must be a str, got NoneType", id="none"),
    pytest.param(b"\xd9\x85", TypeError, r"got bytes \(decode bytes first", id="bytes"),
    pytest.param(42, TypeError, "got int", id="int"),
    pytest.param(["نص"], TypeError, "got list", id="list"),
    pytest.param("", EmptyTextError, "empty", id="empty"),
    pytest.param(" \n\t ", EmptyTextError, "whitespace", id="whitespace"),
    pytest.param("hello world", NoArabicError, "no Arabic letter", id="latin"),
    pytest.param("١٢٣ ، . 2024", NoArabicError, "no Arabic letter", id="digits-punctuation"),
    pytest.param("ـــ \u200f", NoArabicError, "no Arabic letter", id="tatweel-marks"),
    pytest.param("في من على إلى", NoContentError, "no candidate words", id="stop-words-only"),
    pytest.param("و ب ل", NoContentError, "no candidate words", id="single-letters"),
]


@pytest.mark.parametrize(("value", "error", "message"), BAD)
def test_bad_input(value: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        arsumm.keywords(value)  # type: ignore[arg-type]
    with pytest.raises(error):  # the summarizer answers the same
        arsumm.summarize(value)  # type: ignore[arg-type]


def test_require_arabic_false() -> None:
    phrases = KeywordExtractor(require_arabic=False).extract("solar water plant, solar water")
    assert phrases[0].text == "solar water"


BAD_K = [
    pytest.param(0, BudgetError, r"k must be an integer >= 1, got 0", id="zero"),
    pytest.param(-3, BudgetError, r"k must be an integer >= 1, got -3", id="negative"),
    pytest.param(2.5, TypeError, r"k must be an integer >= 1, got float", id="float"),
    pytest.param(True, TypeError, r"k must be an integer >= 1, got bool", id="bool"),
    pytest.param("3", TypeError, r"k must be an integer >= 1, got str", id="str"),
]


@pytest.mark.parametrize(("k", "error", "message"), BAD_K)
def test_bad_k(k: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        arsumm.keywords(DEMO, k=k)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):  # the summarizer answers the same
        arsumm.summarize(DEMO, k=k)  # type: ignore[arg-type]


BAD_OPTIONS = [
    pytest.param({"window": 1}, ConfigError, "window must be an integer >= 2, got 1", id="window"),
    pytest.param(
        {"max_words": 0},
        ConfigError,
        r"max_words must be an integer in \[1, 6\], got 0",
        id="max-words",
    ),
    pytest.param(
        {"max_words": 7},
        ConfigError,
        r"max_words must be an integer in \[1, 6\], got 7",
        id="max-words-high",
    ),
    pytest.param({"damping": 1.0}, ConfigError, "damping", id="damping"),
    pytest.param({"position_bias": -1}, ConfigError, "position_bias", id="position-bias"),
    pytest.param({"rank_weight": float("nan")}, ConfigError, "rank_weight", id="nan"),
    pytest.param({"edge_weight": "cosine"}, ConfigError, "edge_weight must be one of", id="edge"),
    pytest.param({"phrase_score": "median"}, ConfigError, "phrase_score", id="phrase-score"),
    pytest.param({"stemmer": "porter"}, ConfigError, "unknown stemmer", id="stemmer-name"),
    pytest.param({"stemmer": 3}, TypeError, "stemmer must be", id="stemmer-type"),
    pytest.param({"splitter": "rules"}, TypeError, "splitter must have", id="splitter"),
    pytest.param({"stopwords": "yes"}, TypeError, "stopwords must be True or False", id="bool"),
    pytest.param({"length_prior": [1, 2]}, TypeError, "length_prior must be a tuple", id="prior"),
    pytest.param({"length_prior": (1, -2)}, ConfigError, "length_prior", id="prior-negative"),
    pytest.param({"idf": {"a": 1}}, TypeError, "idf must be a KeyphraseIDF", id="idf"),
]


@pytest.mark.parametrize(("options", "error", "message"), BAD_OPTIONS)
def test_bad_options(options: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        KeywordExtractor(**options)  # type: ignore[arg-type]


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        KeywordExtractor("arlstem")  # type: ignore[misc]


# -- deterministic across processes -------------------------------------------------------

_CHILD = """
import json, sys
import arsumm
texts = json.loads(sys.stdin.read())
if sys.argv[1] == "history":  # another history first: other words learnt, other ids
    for t in reversed(texts):
        arsumm.keywords(t[::-1] if t.isascii() else t[len(t) // 2 :], k=3)
out = [[(p.text, p.key, round(p.score, 12), p.occurrences) for p in arsumm.keywords(t, k=15)]
       for t in texts]
print(json.dumps(out, ensure_ascii=False))
"""


def test_deterministic_across_processes() -> None:
    texts = [DEMO, DEMO[::2], "هطلت أمطار غزيرة. الأمطار الغزيرة أغلقت الطرق والمدارس. " * 5]
    outputs = set()
    for seed, mode in (("0", "plain"), ("1", "history"), ("12345", "plain")):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, mode],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# -- the dev sets ---------------------------------------------------------------------------

#: F1@10 (exact match, percent) that the defaults must keep on the dev sets: a few
#: points under what docs/keywords.md reports (24.6 and 23.0), so that a change
#: that loses quality fails here.
FLOORS = {"akec_dev": 22.0, "logmani_dev": 21.0}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_floor(name: str) -> None:
    from benchmarks.keywords import evaluate, load_set

    path = require_data("keyphrases", f"{name}.jsonl")
    docs = load_set(name, path.parent)
    extractor = KeywordExtractor()
    predictions = [[p.text for p in extractor.extract(d.text, 10)] for d in docs]
    f1 = evaluate(predictions, docs, ks=[10])["exact"]["10"]["f"]
    assert f1 >= FLOORS[name]


# -- the benchmark's matching rule ---------------------------------------------------------

MATCHES = [
    pytest.param(["وزارة الخارجية"], ["وزارةُ الخارجيّة"], 1.0, 1.0, id="diacritics"),
    pytest.param(["بالمدينة"], ["المدينة"], 1.0, 1.0, id="clitic-stemmed"),
    pytest.param(["الخارجية"], ["وزارة الخارجية"], 0.0, 1.0, id="part-of-gold"),
    pytest.param(["مجلس الأمن الدولي"], ["مجلس الأمن"], 0.0, 1.0, id="gold-inside"),
    pytest.param(["الأمن مجلس"], ["مجلس الأمن"], 0.0, 0.0, id="order-matters"),
    pytest.param(["مدينة", "المدينة"], ["المدينة", "القرية"], 1.0, 1.0, id="duplicates-once"),
    pytest.param(["أمن"], ["مجلس الأمن الدولي"], 0.0, 1.0, id="single-word-partial"),
]


@pytest.mark.parametrize(("predicted", "gold", "exact", "partial"), MATCHES)
def test_matching_rule(predicted: list[str], gold: list[str], exact: float, partial: float) -> None:
    from benchmarks.keywords import score_document

    scored = score_document(predicted, gold, ks=[1])
    assert scored["exact"][1][0] == exact  # precision at 1
    assert scored["partial"][1][0] == partial


def test_precision_divides_by_k() -> None:
    """Duplicates count once and fewer than k predictions are not rewarded."""
    from benchmarks.keywords import KeyDoc, evaluate

    docs = [KeyDoc("a", "نص", ("المدينة", "القرية"))]
    result = evaluate([["المدينة", "مدينة"]], docs, ks=[5])["exact"]["5"]
    assert result["p"] == pytest.approx(20.0)
    assert result["r"] == pytest.approx(50.0)
    assert result["f"] == pytest.approx(2 * 20 * 50 / 70)


def test_write_section(tmp_path: object) -> None:
    from pathlib import Path

    from benchmarks.keywords import write_section

    page = Path(str(tmp_path)) / "page.md"
    page.write_text("head\n<!-- x:start -->\nold\n<!-- x:end -->\ntail\n", encoding="utf-8")
    assert write_section("x", "new table", page)
    assert page.read_text(encoding="utf-8") == (
        "head\n<!-- x:start -->\nnew table\n<!-- x:end -->\ntail\n"
    )
    assert not write_section("y", "no markers", page)


def test_extractor_pickles() -> None:
    import pickle

    extractor = KeywordExtractor(max_words=2, stemmer="light")
    expected = extractor.extract(DEMO, k=5)
    copy = pickle.loads(pickle.dumps(extractor))
    assert copy == extractor
    assert copy.extract(DEMO, k=5) == expected


def test_benchmark_docstring_examples() -> None:
    import doctest

    import benchmarks.keywords

    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    failed, tried = doctest.testmod(benchmarks.keywords, optionflags=flags, verbose=False)
    assert tried > 0
    assert failed == 0


def test_fit_rejects_what_extract_rejects() -> None:
    with pytest.raises(EmptyTextError):
        KeywordExtractor().fit([DEMO, "  "])
    with pytest.raises(TypeError, match="text must be a str"):
        KeywordExtractor().fit([DEMO, None])  # type: ignore[list-item]


def test_a_full_lexicon_starts_again_with_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicon holds at most _MAX_CHUNKS chunks; when a document would pass the limit
    it starts again from that document alone, and no answer changes."""
    import arsumm.keyphrases as keyphrases

    texts = [arsumm.demo_text(), *(f"{w} في مدينة {w} الساحلية. تقرير {w}." for w in VOCABULARY)]
    custom = keyphrases.KeywordExtractor(stemmer=arsumm.stemmer.LightStemmer())
    expected = [[p.to_record() for p in custom.extract(t, 5)] for t in texts]
    monkeypatch.setattr(keyphrases, "_MAX_CHUNKS", 40)
    small = keyphrases.KeywordExtractor(stemmer=arsumm.stemmer.LightStemmer())  # its own lexicon
    got = [[p.to_record() for p in small.extract(t, 5)] for t in texts * 2]
    assert got == expected * 2
    assert len(small._lexicon.chunk_index) <= len(arsumm.demo_text().split())


def test_extractors_with_the_same_word_settings_share_one_lexicon() -> None:
    import arsumm.keyphrases as keyphrases

    a = keyphrases.KeywordExtractor(window=4)
    b = keyphrases.KeywordExtractor(max_words=2)
    assert a._lexicon is b._lexicon  # what one analysed, the other does not analyse again
    assert keyphrases.KeywordExtractor(stemmer="light")._lexicon is not a._lexicon
    light = arsumm.stemmer.LightStemmer()
    assert (
        keyphrases.KeywordExtractor(stemmer=light)._lexicon
        is not keyphrases.KeywordExtractor(stemmer=light)._lexicon
    )


def test_numbers_of_any_kind_are_stored_as_int_and_float() -> None:
    from decimal import Decimal
    from fractions import Fraction

    import numpy as np

    odd = KeywordExtractor(
        window=np.int64(3),
        damping=Decimal("0.85"),
        rank_weight=Fraction(1, 2),
        length_prior=(1, 8, 9),
    )
    assert (type(odd.window), type(odd.damping), type(odd.rank_weight)) == (int, float, float)
    assert odd.length_prior == (1.0, 8.0, 9.0)
    plain = KeywordExtractor(window=3, damping=0.85, rank_weight=0.5)
    assert odd.extract(DEMO, k=5) == plain.extract(DEMO, k=5)
