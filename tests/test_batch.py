"""Batch summarisation: summarize_many, the batched TF-IDF and the analyzer memo.

The batched path must give exactly what the one-document path gives, and the
TF-IDF engine exactly what scikit-learn's TfidfVectorizer gives (the oracle).
"""

from __future__ import annotations

import itertools
import json
import pickle
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import arsumm
from arsumm.batch import BatchResult, summarize_partition
from arsumm.features import Analyzer, make_vectorizer, term_vectors, term_vectors_many
from arsumm.normalize import normalize, normalize_many, tokenize, tokenize_many

TEXT = arsumm.demo_text()
WEATHER = "الطقس حار اليوم في عمان. يتوقع أن يستمر الحر في عمان غدا. انتهت المباراة بالتعادل."


def _sklearn(sentences: list[Any], analyzer: Any, *, sublinear_tf: bool = False) -> Any:
    vectorizer = make_vectorizer(Analyzer(), sublinear_tf=sublinear_tf)
    vectorizer.analyzer = analyzer
    return vectorizer, vectorizer.fit_transform(sentences)


def _assert_identical(ours: sp.csr_matrix, terms: list[list[str]], sklearn: Any) -> None:
    """The same matrix as TfidfVectorizer's, bit for bit, entries in the same order.

    Only the column labels differ: arsumm numbers the terms in order of first
    appearance, scikit-learn alphabetically.
    """
    vectorizer, theirs = sklearn
    theirs = sp.csr_matrix(theirs)
    first_seen = list(dict.fromkeys(t for sentence in terms for t in sentence))
    relabel = np.empty(len(first_seen), dtype=np.int64)
    relabel[[vectorizer.vocabulary_[t] for t in first_seen]] = np.arange(len(first_seen))
    assert ours.shape == theirs.shape
    np.testing.assert_array_equal(ours.indptr, theirs.indptr)
    np.testing.assert_array_equal(ours.indices, relabel[theirs.indices])
    np.testing.assert_array_equal(ours.data, theirs.data)


# -- the TF-IDF engine against TfidfVectorizer ----------------------------------


@pytest.mark.parametrize("sublinear_tf", [False, True], ids=["tf", "sublinear-tf"])
def test_tfidf_equals_sklearn_on_every_easc_article(
    easc_docs: list[dict[str, Any]], sublinear_tf: bool
) -> None:
    analyzer = Analyzer()
    for doc in easc_docs:
        sentences = [s.text for s in arsumm.split_sentences(doc["text"])]
        terms = [analyzer(s) for s in sentences]
        ours = term_vectors(terms, sublinear_tf=sublinear_tf)
        _assert_identical(ours, terms, _sklearn(sentences, analyzer, sublinear_tf=sublinear_tf))


def test_batched_tfidf_equals_one_document_at_a_time(easc_docs: list[dict[str, Any]]) -> None:
    analyzer = Analyzer(stemmer="light")
    docs = [[analyzer(s.text) for s in arsumm.split_sentences(doc["text"])] for doc in easc_docs]
    for batched, terms in zip(term_vectors_many(docs), docs, strict=True):
        assert isinstance(batched, sp.csr_matrix)
        single = term_vectors(terms)
        assert batched.shape == single.shape
        for name in ("indptr", "indices", "data"):
            np.testing.assert_array_equal(getattr(batched, name), getattr(single, name))


_WORDS = st.sampled_from(["كتاب", "مدرسة", "معلم", "طالب", "شمس", "ماء", "a", "b", "ab"])


@settings(max_examples=200)
@given(st.lists(st.lists(st.lists(_WORDS, max_size=8), min_size=1, max_size=6), max_size=5))
def test_tfidf_engine_matches_sklearn_on_random_term_lists(
    docs: list[list[list[str]]],
) -> None:
    """Any batch: each document equals TfidfVectorizer fitted on it alone."""
    for doc, ours in zip(docs, term_vectors_many(docs), strict=True):
        if not any(doc):
            assert isinstance(ours, arsumm.NoContentError)
            continue
        assert isinstance(ours, sp.csr_matrix)
        # the terms are given: the oracle only counts and weighs them
        _assert_identical(ours, doc, _sklearn(doc, lambda terms: terms))
        # the matrix says it is canonical: each row's columns strictly increase
        assert ours.has_canonical_format
        for r in range(ours.shape[0]):
            row = ours.indices[ours.indptr[r] : ours.indptr[r + 1]]
            assert (np.diff(row) > 0).all()


def test_the_matrices_are_what_scipy_s_constructor_makes() -> None:
    """tfidf_blocks puts its matrices together without scipy's checks: the
    same state, and they behave like the matrices scipy builds."""
    docs = [[["a", "b"], ["b", "c", "b"]], [["c"]], [["a"], [], ["a", "d"]]]
    for ours in term_vectors_many(docs):
        assert isinstance(ours, sp.csr_matrix)
        theirs = sp.csr_matrix((ours.data, ours.indices, ours.indptr), shape=ours.shape)
        theirs.has_canonical_format = True
        assert type(ours) is type(theirs)
        assert set(vars(ours)) == set(vars(theirs))
        assert ours.shape == theirs.shape
        assert isinstance(ours.shape[0], int)
        assert (ours.dtype, ours.indices.dtype, ours.indptr.dtype) == (
            theirs.dtype,
            theirs.indices.dtype,
            theirs.indptr.dtype,
        )
        assert ours.has_sorted_indices
        assert ours.has_canonical_format
        np.testing.assert_array_equal((ours @ ours.T).toarray(), (theirs @ theirs.T).toarray())
        again = pickle.loads(pickle.dumps(ours))
        np.testing.assert_array_equal(again.toarray(), theirs.toarray())
        ours.check_format(full_check=True)  # raises if anything is off


def test_a_document_without_terms_is_an_error_not_a_matrix() -> None:
    out = term_vectors_many([[["كتاب"], ["كتاب", "مدرسة"]], [[], []], []])
    assert isinstance(out[0], sp.csr_matrix)
    assert isinstance(out[1], arsumm.NoContentError)
    assert isinstance(out[2], arsumm.NoContentError)
    with pytest.raises(arsumm.NoContentError, match="no words left"):
        term_vectors([[]])


# -- the analyzer's memo -----------------------------------------------------------


def test_memoised_analyzer_equals_the_plain_one_on_easc(easc_docs: list[dict[str, Any]]) -> None:
    for stemmer in ("arlstem", "light"):
        analyzer = Analyzer(stemmer=stemmer)
        for doc in easc_docs:
            for span in arsumm.split_sentences(doc["text"]):
                assert analyzer(span.text) == analyzer._terms(span.text)


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"كتب الطالبُ،.\u0640\u064e\u200f\ufefb\u00a0\u3000\u2028\x1c٣3aZ",
                *("\ufdfa", "\u00b4", "\u0301", "ﻻ", "\u2460"),
            ]
        ),
        max_size=40,
    )
)
def test_chunk_memo_changes_no_term(text: str) -> None:
    """Normalising, tokenizing and stemming act within whitespace chunks."""
    analyzer = Analyzer(taa_marbuta=True)
    assert analyzer(text) == analyzer._terms(text)


_HOSTILE_ALPHABET = [
    *"كتب الطالبُ،.\u0640\u064e\u200f\ufefb\u00a0\u3000\u2028\x1c٣3aZ\n",
    *("\ufdfa", "\u00b4", "\u00a8", "\u0301", "ﻻ", "\u2460", "\u3099", "\u1161"),
]


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from(_HOSTILE_ALPHABET), max_size=30), max_size=6))
def test_terms_of_a_cold_document_equal_the_plain_analyzer(sentences: list[str]) -> None:
    """terms_and_words analyses unseen chunks together (one normalisation call)."""

    class Reverse:  # a custom stemmer gives the analyzer a memo of its own: cold
        def stem(self, token: str) -> str:
            return token[::-1]

    analyzer = Analyzer(stemmer=Reverse(), taa_marbuta=True)
    terms, words = analyzer.terms_and_words(sentences)
    assert terms == [analyzer._terms(s) for s in sentences]
    assert words == [len(s.split()) for s in sentences]
    assert analyzer.terms_and_words(sentences) == (terms, words)  # now warm


def test_terms_survive_a_full_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    """More distinct words than the memo holds (batches clear it midway), in blocks of sentences."""
    import arsumm.features

    monkeypatch.setattr(arsumm.features, "_MEMO_SIZE", 50)
    monkeypatch.setattr(arsumm.features, "_LEARN_BATCH", 16)
    monkeypatch.setattr(arsumm.features, "_SENTENCE_BLOCK", 3)

    class Reverse:
        def stem(self, token: str) -> str:
            return token[::-1]

    analyzer = Analyzer(stemmer=Reverse())
    sentences = arsumm.demo_text().split("\n") * 2
    terms, words = analyzer.terms_and_words(sentences)
    assert sum(len(t) for t in terms) > 100
    assert len(analyzer._memo) <= 50
    assert terms == [analyzer._terms(s) for s in sentences]
    assert words == [len(s.split()) for s in sentences]


def _easc_sentences(easc_docs: list[dict[str, Any]]) -> list[str]:
    return [span.text for doc in easc_docs for span in arsumm.split_sentences(doc["text"])]


def test_a_warmed_analyzer_gives_the_plain_terms(easc_docs: list[dict[str, Any]]) -> None:
    """The memo of one analyzer, given to a cold one (as a worker gets it), changes no term."""
    sentences = _easc_sentences(easc_docs)
    analyzer = Analyzer(stemmer="light")
    analyzer.terms_and_words(sentences)
    memo = analyzer.memo(limit=10**6)
    assert memo.count("\n") > 5_000
    analyzer._memo.reset()
    analyzer.warm(memo)
    assert len(analyzer._memo) == memo.count("\n")  # every chunk learned, none analysed
    assert [analyzer(s) for s in sentences] == [analyzer._terms(s) for s in sentences]


def test_a_bad_or_oversized_memo_is_ignored(
    easc_docs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import arsumm.features

    sentences = _easc_sentences(easc_docs)[:300]
    analyzer = Analyzer(stemmer="light")
    analyzer.terms_and_words(sentences)
    memo = analyzer.memo()
    header, _, body = memo.partition("\n")
    other = Analyzer(stemmer="none")
    other.terms_and_words(sentences)
    forged = "\n".join(  # this analyzer's header over another's terms
        [header, *other.memo().split("\n")[1:]]
    )
    bad = [
        other.memo(),  # other settings
        forged,
        "\n".join([header, *(f"{line} زائد" for line in body.split("\n"))]),  # a term too many
        "not a memo",
        header,
        "",
    ]
    for text in bad:
        analyzer._memo.reset()
        analyzer.warm(text)
        assert len(analyzer._memo) == 0, text[:80]
    monkeypatch.setattr(arsumm.features, "_MEMO_SIZE", body.count("\n"))  # one chunk too many
    analyzer._memo.reset()
    analyzer.warm(memo)
    assert len(analyzer._memo) == 0
    monkeypatch.undo()
    analyzer.warm(memo + "\n" + "ب" * 100 + " طويل\n\n")  # a chunk too long, an empty line
    assert len(analyzer._memo) == body.count("\n") + 1
    assert [analyzer(s) for s in sentences] == [analyzer._terms(s) for s in sentences]


def test_warmed_worker_processes_give_the_same_results(easc_docs: list[dict[str, Any]]) -> None:
    """Workers start with this process's memo (warm after the serial run): the same results."""
    texts = [doc["text"] for doc in easc_docs]
    serial = list(arsumm.summarize_many(texts, k=3))
    assert arsumm.Summarizer().analyzer.memo().count("\n") > 1_000
    assert list(arsumm.summarize_many(texts, k=3, n_jobs=2)) == serial


@settings(max_examples=300)
@given(st.lists(st.text(alphabet=st.sampled_from(_HOSTILE_ALPHABET), max_size=12), max_size=8))
def test_normalize_many_and_tokenize_many_equal_one_at_a_time(texts: list[str]) -> None:
    """Including texts with their own line feeds (the fallback)."""
    assert tokenize_many(texts) == [tokenize(t) for t in texts]
    assert tokenize_many(texts, taa_marbuta=True) == [tokenize(t, taa_marbuta=True) for t in texts]
    assert normalize_many(texts) == [normalize(t) for t in texts]
    assert normalize_many(texts, taa_marbuta=True) == [
        normalize(t, taa_marbuta=True) for t in texts
    ]


_SPLIT_ALPHABET = [*_HOSTILE_ALPHABET, *".؟!» «\t\r\x1f", "نوح.و", "د.", "\r\n", "\n\n"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_SPLIT_ALPHABET), max_size=80).map("".join))
def test_prepare_counts_the_words_of_the_whole_text(text: str) -> None:
    """Counted from the spans' words (a word cut in two by a boundary counts once)."""
    for summarizer in (arsumm.Summarizer(), arsumm.Summarizer(boilerplate=False)):
        try:
            document = summarizer.prepare(text)
        except arsumm.ArsummError:
            continue
        assert document.text_words == len(text.split())


def test_analyzers_with_a_custom_stemmer_keep_their_own_memo() -> None:
    class Upper:
        def stem(self, token: str) -> str:
            return token[:2]

    custom = Analyzer(stemmer=Upper())
    assert custom("المدرسة الكبيرة") == ["ال", "ال"]
    assert Analyzer()("المدرسة الكبيرة") != custom("المدرسة الكبيرة")


# -- summarize_many ---------------------------------------------------------------


@pytest.mark.parametrize(
    "budget", [{"k": 3}, {"ratio": 0.3}, {"max_words": 40}], ids=["k3", "ratio03", "words40"]
)
def test_summarize_many_equals_summarize_on_every_easc_article(
    easc_docs: list[dict[str, Any]], budget: dict[str, Any]
) -> None:
    texts = [doc["text"] for doc in easc_docs]
    results = list(arsumm.summarize_many(texts, **budget))
    assert [r.id for r in results] == list(range(len(texts)))
    for text, result in zip(texts, results, strict=True):
        assert result.ok, result.error
        assert list(result.sentences or ()) == arsumm.summarize(text, **budget)


def test_summarize_many_passes_options_on(easc_docs: list[dict[str, Any]]) -> None:
    texts = [doc["text"] for doc in easc_docs[:20]]
    summarizer = arsumm.Summarizer(stemmer="light", prior="position", redundancy=0.5)
    results = list(arsumm.summarize_many(texts, ratio=0.2, summarizer=summarizer))
    for text, result in zip(texts, results, strict=True):
        assert list(result.sentences or ()) == summarizer.summarize(text, ratio=0.2)
    # the configuration is really used: the default summarizer chooses otherwise somewhere
    default = list(arsumm.summarize_many(texts, ratio=0.2))
    assert [r.sentences for r in results] != [r.sentences for r in default]


BAD: list[tuple[str, Any, str]] = [
    ("empty", "", "EmptyTextError"),
    ("blank", " \n\t ", "EmptyTextError"),
    ("no-arabic", "Only English here.", "NoArabicError"),
    ("stop-words-only", "في من على إلى.", "NoContentError"),
    ("bytes", TEXT.encode(), "TypeError"),
    ("none", None, "TypeError"),
    ("number", 3.5, "TypeError"),
]


def test_bad_documents_yield_errors_and_the_rest_go_on() -> None:
    items: list[Any] = [TEXT]
    for name, text, _ in BAD:
        items += [(name, text), WEATHER]
    results = list(arsumm.summarize_many(items, k=1))
    assert len(results) == len(items)
    assert results[0].ok
    for i, (name, text, error_type) in enumerate(BAD):
        bad, good = results[1 + 2 * i], results[2 + 2 * i]
        assert bad.id == name
        assert bad.sentences is None
        assert bad.error_type == error_type
        assert bad.error
        assert "\n" not in bad.error
        with pytest.raises((TypeError, ValueError)) as raised:  # as the one-document path
            arsumm.summarize(text, k=1)
        assert type(raised.value).__name__ == error_type
        assert " ".join(str(raised.value).split()) == bad.error
        assert good.ok
        assert good.id == 2 + 2 * i
        assert [s.text for s in good.sentences or ()] == ["الطقس حار اليوم في عمان."]


def test_ids_come_from_pairs_or_positions() -> None:
    items = [("x", TEXT), ["y", WEATHER], WEATHER, (1, 2, 3)]
    results = list(arsumm.summarize_many(items, k=1))
    assert [r.id for r in results] == ["x", "y", 2, 3]
    assert results[3].error_type == "TypeError"  # a triple is not an (id, text) pair


def test_results_are_lazy_and_the_input_is_read_in_batches() -> None:
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        while True:
            consumed += 1
            yield WEATHER

    first = list(itertools.islice(arsumm.summarize_many(endless(), k=1), 3))
    assert [r.ok for r in first] == [True, True, True]
    assert consumed <= arsumm.batch.BATCH_DOCUMENTS + 1


def test_wrong_arguments_raise_at_the_call_not_mid_stream() -> None:
    with pytest.raises(arsumm.BudgetError):
        arsumm.summarize_many([TEXT], k=0)
    with pytest.raises(arsumm.BudgetError):
        arsumm.summarize_many([TEXT], k=2, ratio=0.5)
    with pytest.raises(TypeError):
        arsumm.summarize_many([TEXT], colour="blue")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"summarizer must be an arsumm\.Summarizer"):
        arsumm.summarize_many([TEXT], summarizer="light")  # type: ignore[arg-type]
    for single in (TEXT, TEXT.encode()):
        with pytest.raises(TypeError, match="got a single"):
            arsumm.summarize_many(single)
    with pytest.raises(TypeError, match="iterable of texts"):
        arsumm.summarize_many(None)  # type: ignore[arg-type]
    for n_jobs in (0, -2, 1.5, True):
        with pytest.raises(ValueError, match="n_jobs"):
            arsumm.summarize_many([TEXT], n_jobs=n_jobs)


def test_n_jobs_is_the_number_of_worker_processes() -> None:
    from arsumm.parallel import resolve_n_jobs

    assert [resolve_n_jobs(None), resolve_n_jobs(1), resolve_n_jobs(3)] == [1, 1, 3]
    assert resolve_n_jobs(-1) >= 1


def test_an_empty_input_gives_no_results() -> None:
    assert list(arsumm.summarize_many([])) == []


def test_results_are_frozen_picklable_and_json_ready() -> None:
    (result,) = arsumm.summarize_many([("doc", TEXT)], k=2)
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(AttributeError):
        result.error = "x"  # type: ignore[misc]
    record = json.loads(json.dumps(result.to_record(), ensure_ascii=False))
    assert record["id"] == "doc"
    assert record["error"] is None
    assert [s["text"] for s in record["summary"]] == [s.text for s in result.sentences or ()]
    failed = BatchResult.failure("d", ValueError("bad\n  input"))
    assert (failed.ok, failed.error, failed.error_type) == (False, "bad input", "ValueError")


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    results = list(arsumm.summarize_many([TEXT, WEATHER], k=1, progress=True))
    assert len(results) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2/2" in captured.err


def test_summarize_partition_is_the_batch_as_a_list() -> None:
    results = summarize_partition([("a", TEXT), ("b", "")], ratio=0.2)
    assert [(r.id, r.ok) for r in results] == [("a", True), ("b", False)]
    assert list(results[0].sentences or ()) == arsumm.summarize(TEXT, ratio=0.2)


class _Shortener:
    """A module-level stemmer: it pickles, so worker processes can use it."""

    def stem(self, token: str) -> str:
        return token[:3]


def test_worker_processes_give_the_same_results() -> None:
    items: list[Any] = [TEXT, WEATHER, "", ("n", None)] * 40
    summarizer = arsumm.Summarizer(stemmer=_Shortener())
    serial = list(arsumm.summarize_many(items, k=2, summarizer=summarizer))
    parallel = list(arsumm.summarize_many(items, k=2, summarizer=summarizer, n_jobs=2))
    assert parallel == serial
    assert [r.ok for r in parallel[:4]] == [True, True, False, False]


def test_worker_processes_need_a_picklable_configuration() -> None:
    class Local:
        def stem(self, token: str) -> str:
            return token

    with pytest.raises(TypeError, match="pickle"):
        arsumm.summarize_many([TEXT], n_jobs=2, summarizer=arsumm.Summarizer(stemmer=Local()))


# -- issue 16: keyphrases in batch results -----------------------------------------------

ONLY_FUNCTION_WORDS = "يتم عام عدد. يمكن عام."  # a summary, but no keyphrase candidate


def test_keywords_are_the_extractor_s_and_the_summaries_do_not_change() -> None:
    texts = [("demo", TEXT), ("weather", WEATHER), ("empty", " "), ("few", ONLY_FUNCTION_WORDS)]
    assert arsumm.summarize(ONLY_FUNCTION_WORDS, k=1)  # the summarizer alone succeeds
    plain = list(arsumm.summarize_many(texts, k=2))
    with_keywords = list(arsumm.summarize_many(texts, k=2, keywords=3))
    extractor = arsumm.KeywordExtractor()
    for before, after, (_, text) in zip(plain[:2], with_keywords[:2], texts[:2], strict=True):
        assert after.sentences == before.sentences
        assert after.keyphrases == tuple(extractor.extract(text, 3))
        record = after.to_record()
        assert record["keyphrases"] == [p.to_record() for p in extractor.extract(text, 3)]
        assert "keyphrases" not in before.to_record()
        assert before.keyphrases is None
    assert with_keywords[2].error_type == plain[2].error_type == "EmptyTextError"
    assert with_keywords[2].keyphrases is None
    # the keyphrases cannot be found: the document fails with that error, as on the command line
    assert plain[3].ok
    assert (with_keywords[3].error_type, with_keywords[3].sentences) == ("NoContentError", None)
    light = arsumm.KeywordExtractor(stemmer="light", max_words=2)
    (mine,) = arsumm.summarize_many([TEXT], keywords=4, extractor=light)
    assert mine.keyphrases == tuple(light.extract(TEXT, 4))
    assert mine.keyphrases != with_keywords[0].keyphrases[:4]  # type: ignore[index]
    (part,) = summarize_partition([TEXT], keywords=4, extractor=light)
    assert part == mine


def test_keywords_in_worker_processes_are_the_same() -> None:
    items = [(i, TEXT if i % 4 else ONLY_FUNCTION_WORDS) for i in range(40)]
    light = arsumm.KeywordExtractor(stemmer="light")
    serial = list(arsumm.summarize_many(items, keywords=5, extractor=light))
    parallel = list(arsumm.summarize_many(items, keywords=5, extractor=light, n_jobs=2))
    assert parallel == serial
    assert sum(r.ok for r in serial) == 30


def test_keywords_come_back_from_the_workers_themselves() -> None:
    """A plug-in stemmer keeps every chunk in the workers (none in this process): the
    keyphrases travel back as tuples and are rebuilt equal, and they pickle with the result."""
    items = [(i, (TEXT, WEATHER, ONLY_FUNCTION_WORDS)[i % 3]) for i in range(60)]
    summarizer = arsumm.Summarizer(stemmer=_Shortener())
    serial = list(arsumm.summarize_many(items, summarizer=summarizer, keywords=4))
    parallel = list(arsumm.summarize_many(items, summarizer=summarizer, keywords=4, n_jobs=2))
    assert parallel == serial
    assert [r.keyphrases is None for r in serial[:3]] == [False, False, True]
    assert serial[0].keyphrases == tuple(arsumm.KeywordExtractor().extract(TEXT, 4))
    assert pickle.loads(pickle.dumps(serial)) == serial


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        pytest.param({"keywords": 0}, arsumm.BudgetError, "keywords must be", id="zero"),
        pytest.param({"keywords": "3"}, TypeError, "keywords must be an integer", id="str"),
        pytest.param({"keywords": True}, TypeError, "keywords must be an integer", id="bool"),
        pytest.param(
            {"extractor": arsumm.KeywordExtractor()}, TypeError, "goes with keywords", id="alone"
        ),
        pytest.param(
            {"keywords": 2, "extractor": arsumm.Summarizer()},
            TypeError,
            "extractor must be an arsumm.KeywordExtractor",
            id="not-an-extractor",
        ),
    ],
)
def test_bad_keyword_options_raise_at_the_call(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        arsumm.summarize_many([TEXT], **options)
