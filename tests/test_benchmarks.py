"""The benchmark suite itself: methods, peer adapters, runners, report, speed harness.

The peers (sumy, summa, lexrank) and matplotlib come with the ``bench`` extra;
the tests that need one skip, naming it, when it is not installed.
"""

from __future__ import annotations

import doctest
import importlib
import json
import math
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

import arsumm
from arsumm.select import Budget, select
from benchmarks import rouge as rouge_cli
from benchmarks.data import DataError, Document, load_documents, load_split
from benchmarks.methods import (
    REGISTRY,
    Context,
    GreedyOracle,
    LeadMethod,
    MethodUnavailable,
    Prepared,
    RandomMethod,
    RankingMethod,
    available,
    build,
    parse_variant,
)
from benchmarks.peers import PEERS, scorer
from benchmarks.scoring import Rouge, reference_text, summary_text

MODULES = [
    "benchmarks.data",
    "benchmarks.interface",
    "benchmarks.protocol",
    "benchmarks.timing",
    "benchmarks.panel",
    "benchmarks.quality_doc",
    "benchmarks.train_prior",
    "benchmarks.provenance",
    "benchmarks.scoring",
    "benchmarks.methods",
    "benchmarks.peers",
    "benchmarks.tables",
    "benchmarks.rouge",
    "benchmarks.speed",
    "benchmarks.report",
    "benchmarks._speed_child",
    "benchmarks._workers_child",
    "benchmarks.dev_study",
]

PEER_PACKAGE = {name: name.split("-")[0] for name in PEERS}  # sumy-lsa -> sumy

DEMO = arsumm.demo_text()
DEMO_SENTENCES = [s.text for s in arsumm.split_sentences(DEMO)]


def needs(package: str) -> None:
    """Skip the calling test unless ``package`` (from the bench extra) is installed."""
    pytest.importorskip(package, reason=f"{package} is not installed: pip install -e '.[bench]'")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    if name == "benchmarks.peers":
        needs("sumy")
    module = importlib.import_module(name)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    failed, _ = doctest.testmod(module, optionflags=flags, verbose=False)
    assert failed == 0


# -- methods --------------------------------------------------------------------


def _doc(references: tuple[str, ...] = ()) -> Prepared:
    return Prepared("demo_01", DEMO, references)


def test_lead_is_the_budget_rule_in_document_order() -> None:
    doc = _doc()
    for budget in (Budget.of(ratio=0.3), Budget.of(ratio=0.05), Budget.of(k=4)):
        expected = select(list(range(len(doc.spans))), doc.words, budget)
        (summary,) = LeadMethod().summaries(doc, budget)
        assert summary == [doc.spans[i].text for i in expected]


def test_ratio_budgets_follow_arsumms_contract(easc_dev: list[Prepared]) -> None:
    # Lead and every ranking method: a ratio of len(text.split()), the rule of
    # Summarizer.choose (select_diverse with the text's words), also where a sentence
    # boundary falls inside a whitespace token and the sentences have more words
    import scipy.sparse as sp

    from arsumm.select import select_diverse

    glued = Prepared("glued", "بدأ الحفل مساء أمس.وحضره جمهور كبير. ثم غادر الضيوف.وانتهى اليوم.")
    assert sum(glued.words) > glued.text_words
    for doc in [glued, *easc_dev[:40]]:
        n = len(doc.words)
        for ratio in (0.1, 0.2, 0.3, 0.45, 0.5, 0.7):
            budget = Budget.of(ratio=ratio)
            expected = select_diverse(
                np.linspace(1.0, 0.5, n),  # best first = document order
                sp.csr_matrix((n, n)),
                doc.words,
                budget,
                redundancy=0.0,
                total_words=doc.text_words,
            )
            (lead,) = LeadMethod().summaries(doc, budget)
            assert lead == [doc.spans[i].text for i in expected], (doc.id, ratio)
            words = sum(len(s.split()) for s in lead)
            assert len(lead) == 1 or words <= ratio * doc.text_words


def test_random_is_seeded_per_document() -> None:
    budget = Budget.of(ratio=0.3)
    first = RandomMethod(seeds=5).summaries(_doc(), budget)
    again = RandomMethod(seeds=5).summaries(_doc(), budget)
    other = RandomMethod(seeds=5).summaries(Prepared("demo_02", DEMO), budget)
    assert first == again
    assert first != other
    assert len({tuple(s) for s in first}) > 1  # the seeds differ
    for summary in first:
        assert all(s in DEMO_SENTENCES for s in summary)


def test_oracle_finds_the_reference_sentences() -> None:
    oracle = GreedyOracle()
    both = _doc((DEMO_SENTENCES[4] + " " + DEMO_SENTENCES[7],) * 2)
    assert oracle.chosen(both, Budget.of(ratio=0.5)) == [4, 7]
    assert oracle.chosen(_doc((DEMO_SENTENCES[4],)), Budget.of(k=3)) == [4]  # stops: no gain


def test_oracle_respects_the_word_budget() -> None:
    doc = _doc(tuple(DEMO_SENTENCES[i] for i in (0, 3, 5, 8)))
    budget = Budget.of(ratio=0.2)
    chosen = GreedyOracle().chosen(doc, budget)
    limit = budget.word_limit(doc.text_words)
    assert limit is not None
    assert len(chosen) == 1 or sum(doc.words[i] for i in chosen) <= limit


def test_oracle_needs_references() -> None:
    with pytest.raises(ValueError, match="needs reference"):
        GreedyOracle().chosen(_doc(), Budget.of(k=1))


def _greedy_from_scratch(doc: Prepared, budget: Budget) -> list[int]:
    """The oracle's definition, scoring every candidate summary's text with the suite's Rouge."""
    rouge = Rouge(("rouge1", "rouge2"))
    refs = [reference_text(r) for r in doc.references]

    def objective(chosen: list[int]) -> float:
        s = rouge.score_lines(summary_text(doc.spans[i].text for i in sorted(chosen)), refs)
        return s["rouge1"].f + s["rouge2"].f

    limit = budget.word_limit(doc.text_words)
    chosen: list[int] = []
    current = 0.0
    while budget.k is None or len(chosen) < budget.k:
        used = sum(doc.words[i] for i in chosen)
        fits = [
            i
            for i in range(len(doc.spans))
            if i not in chosen
            and not (chosen and limit is not None and used + doc.words[i] > limit)
        ]
        values = [(objective([*chosen, i]), -i) for i in fits]
        if not values or max(values)[0] <= current + 1e-12:
            break
        value, minus_i = max(values)
        chosen.append(-minus_i)
        current = value
    return sorted(chosen) or [0]


def test_oracle_is_the_greedy_search_on_the_suites_rouge(easc_dev: list[Prepared]) -> None:
    oracle = GreedyOracle()
    for doc in easc_dev[:12]:
        for budget in (Budget.of(ratio=0.2), Budget.of(k=3), Budget.of(max_words=40)):
            assert oracle.chosen(doc, budget) == _greedy_from_scratch(doc, budget), doc.id


def test_line_units_cut_hard_wrapped_sentences() -> None:
    text = textwrap.fill(" ".join(DEMO_SENTENCES[1:6]), 70)  # hard-wrapped, as in EASC
    sentences = Prepared("x", text).spans
    lines = Prepared("x", text, unit="line").spans
    assert any("\n" in s.text for s in sentences)
    assert len(lines) > len(sentences)
    assert all("\n" not in s.text and text[s.start : s.end] == s.text for s in lines)
    assert "".join(s.text for s in lines).replace(" ", "") == text.replace("\n", "").replace(
        " ", ""
    )


@pytest.mark.parametrize("name", available())
def test_every_registered_method_summarises_the_demo(name: str) -> None:
    if name in PEER_PACKAGE:
        needs(PEER_PACKAGE[name])
    context = Context(background=[DEMO], random_seeds=2)
    (method,) = build([name], context)
    doc = _doc((DEMO_SENTENCES[1],))
    summaries = method.summaries(doc, Budget.of(ratio=0.3))
    assert summaries
    for summary in summaries:
        assert summary
        assert all(s in DEMO_SENTENCES for s in summary)
        positions = [DEMO_SENTENCES.index(s) for s in summary]
        assert positions == sorted(positions)


@pytest.mark.parametrize("name", PEERS)
def test_peer_scores_one_finite_number_per_sentence(name: str) -> None:
    needs(PEER_PACKAGE[name])
    score = scorer(name, Context(background=DEMO_SENTENCES))  # lexrank: IDF over many texts
    sentences = _doc().sentences
    values = score(sentences)
    assert len(values) == len(sentences)
    assert all(math.isfinite(v) for v in values)
    assert len(set(values)) > 1


def test_summa_adapter_matches_summa_where_the_splits_agree() -> None:
    needs("summa")
    from summa import summarizer as summa_summarizer

    # One sentence per line, no inner ". ": summa's own split is ours.
    sentences = [s for s in DEMO_SENTENCES if not re.search(r"[.!?]\s", s)][:8]
    ours = scorer("summa-textrank", Context())(sentences)
    theirs = dict(
        summa_summarizer.summarize("\n".join(sentences), ratio=1.0, language="arabic", scores=True)
    )
    assert len(theirs) == len(sentences) == 8
    assert [theirs[s] for s in sentences] == pytest.approx(ours)


@pytest.mark.parametrize("name", ["sumy-textrank", "sumy-lexrank", "sumy-lsa", "sumy-luhn"])
def test_sumy_adapter_ranks_as_sumy_chooses(name: str) -> None:
    needs("sumy")
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    from benchmarks import peers

    sentences = _doc().sentences
    values = scorer(name, Context())(sentences)
    top3 = sorted(np.argsort(-np.asarray(values), kind="stable")[:3].tolist())
    classes = {
        "sumy-textrank": "text_rank.TextRankSummarizer",
        "sumy-lexrank": "lex_rank.LexRankSummarizer",
        "sumy-lsa": "lsa.LsaSummarizer",
        "sumy-luhn": "luhn.LuhnSummarizer",
    }
    module, cls = classes[name].split(".")
    summarizer = getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls)(
        Stemmer("arabic")
    )
    summarizer.stop_words = peers.normalised(get_stop_words("arabic"))
    tokenizer = peers.SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    chosen = [str(s) for s in summarizer(document, 3)]
    assert chosen == [sentences[i] for i in top3]


def test_nltk_arabic_snowball_depends_on_history_and_ours_does_not() -> None:
    pytest.importorskip("nltk")
    from nltk.stem.snowball import ArabicStemmer

    from benchmarks.peers import fresh_snowball_stem

    shared = ArabicStemmer()
    shared.stem("سافرنا")  # leaves suffixes_verb_step1_success set
    assert shared.stem("كانوا") == "كانو"  # what sumy's single instance did mid-run
    assert ArabicStemmer().stem("كانوا") == "كان"
    assert fresh_snowball_stem("سافرنا") == ArabicStemmer().stem("سافرنا")  # stemmed first
    assert fresh_snowball_stem("كانوا") == "كان"


@pytest.mark.parametrize("name", ["sumy-lsa", "summa-textrank"])
def test_memoised_peer_scores_do_not_depend_on_document_order(name: str) -> None:
    needs(PEER_PACKAGE[name])
    docs = [DEMO_SENTENCES[:9], DEMO_SENTENCES[9:], DEMO_SENTENCES[3:12]]
    context = Context(memoize=True)
    forward = [scorer(name, context)(d) for d in docs]
    backward = [scorer(name, context)(d) for d in reversed(docs)][::-1]
    alone = [scorer(name, context)(d) for d in docs]
    assert forward == backward == alone


def test_memoised_arsumm_is_summarize_at_every_budget(easc_dev: list[Prepared]) -> None:
    # the panel runs the public stages once per article and chooses per budget
    (staged,) = build(["arsumm"], Context(memoize=True))
    (plain,) = build(["arsumm"], Context())
    budgets = [Budget.of(ratio=0.2), Budget.of(k=1), Budget.of(k=4), Budget.of(max_words=40)]
    for doc in easc_dev[:25]:
        for budget in budgets:
            assert staged.summaries(doc, budget) == plain.summaries(doc, budget), doc.id


def test_memoised_ranking_reuses_the_order_across_budgets() -> None:
    calls: list[int] = []

    def count(sentences: list[str]) -> list[float]:
        calls.append(len(sentences))
        return [float(len(s)) for s in sentences]

    doc = _doc()
    memo = RankingMethod("x", count, memoize=True)
    plain = RankingMethod("x", count)
    for budget in (Budget.of(k=1), Budget.of(k=3), Budget.of(ratio=0.3)):
        assert memo.summaries(doc, budget) == plain.summaries(doc, budget)
    assert len(calls) == 1 + 3
    line = Prepared(doc.id, doc.text, unit="line")  # same id and text, other sentences
    assert memo.order(line) == plain.order(line)


def test_lexrank_needs_background_articles() -> None:
    needs("lexrank")
    with pytest.raises(MethodUnavailable, match="background"):
        scorer("lexrank", Context())


def test_parse_variant() -> None:
    assert parse_variant("v:stemmer=light,damping=0.9") == (
        "v",
        {"stemmer": "light", "damping": 0.9},
    )
    for bad in ("novalue", "v:", "v:stemmer"):
        with pytest.raises(ValueError, match="variant"):
            parse_variant(bad)


def test_unknown_method_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="sumy-lexrank"):
        build(["nope"], Context())


# -- data -----------------------------------------------------------------------


def test_missing_corpus_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="ARSUMM_DATA"):
        load_documents(tmp_path / "easc.jsonl")


def test_unknown_split() -> None:
    with pytest.raises(DataError, match="unknown split"):
        load_split([], {"dev": [], "test": []}, "train")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("{not json", "not valid JSON", id="not-json"),
        pytest.param('["a"]', "expected a JSON object", id="not-object"),
        pytest.param('{"id": "b", "text": "نص."}', r"missing field\(s\) references", id="no-refs"),
        pytest.param('{"id": "b", "text": "نص.", "references": []}', "non-empty list", id="empty"),
        pytest.param('{"id": "b", "text": "نص.", "references": [1]}', "list of strings", id="int"),
        pytest.param('{"id": "b", "text": 5, "references": ["ن"]}', "text must be", id="text"),
        pytest.param(
            '{"id": "b", "text": "نص.", "references": ["ن"], "title": 3}', "title must", id="title"
        ),
        pytest.param(
            '{"id": "a", "text": "نص.", "references": ["ن"]}', "already on line 1", id="dup"
        ),
    ],
)
def test_bad_corpus_record_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "corpus.jsonl"
    good = json.dumps({"id": "a", "text": "نص أول.", "references": ["نص."], "title": "عنوان"})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"corpus\.jsonl:2: .*{message}"):
        load_documents(path)


def test_corpus_keeps_the_title(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    record = {"id": "a", "text": "نص أول.", "references": ["نص."], "title": "عنوان"}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (doc,) = load_documents(path)
    assert (doc.id, doc.topic, doc.title, doc.references) == ("a", "", "عنوان", ("نص.",))


def test_registry_lists_each_suites_methods() -> None:
    quality, speed = available("quality"), available("speed")
    assert "arsumm-batch" not in quality
    assert "noop" not in quality
    assert {"arsumm", "lead", "oracle", "sumy-lexrank"} <= set(quality)
    assert {"arsumm", "arsumm-batch", "noop", "lead", "sumy-lexrank"} <= set(speed)
    assert "oracle" not in speed  # it needs the references, which a timed run has not
    assert set(available(None)) == set(REGISTRY)


@pytest.mark.parametrize("name", ["arsumm", "arsumm-batch", "noop", "lead"])
def test_speed_runs_registered_methods(name: str) -> None:
    from benchmarks.timing import speed_method

    run = speed_method(name)
    assert run([DEMO, DEMO], 0.3) is None
    (method,) = build([name], Context())
    (summary,) = method.summaries(_doc(), Budget.of(k=2))
    assert len(summary) == (0 if name == "noop" else 2)


def test_speed_unknown_method() -> None:
    from benchmarks.timing import speed_method

    with pytest.raises(MethodUnavailable, match=r"unknown method 'nope'; known: .*arsumm-batch"):
        speed_method("nope")


# -- command line and report, on a tiny corpus of our own text ------------------------


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    half = len(DEMO_SENTENCES) // 2
    docs = [
        Document("demo_a", "t", DEMO, (DEMO_SENTENCES[0] + " " + DEMO_SENTENCES[2],) * 2),
        Document("demo_b", "t", " ".join(DEMO_SENTENCES[half:]), (DEMO_SENTENCES[half + 1],)),
        Document("demo_c", "t", " ".join(DEMO_SENTENCES[:half]), (DEMO_SENTENCES[3],)),
    ]
    with (folder / "easc.jsonl").open("w", encoding="utf-8") as handle:
        for d in docs:
            record = {"id": d.id, "topic": d.topic, "text": d.text, "references": d.references}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    splits = {"dev": ["demo_c"], "test": ["demo_a", "demo_b"]}
    (folder / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_results(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("results")
    status = rouge_cli.main(
        [
            "--data",
            str(tiny_corpus / "easc.jsonl"),
            "--split",
            "test",
            "--ratio",
            "0.3",
            "--k",
            "2",
            "--methods",
            "arsumm",
            "lead",
            "random",
            "oracle",
            "--variant",
            "arsumm-x:stemmer=light",
            "--bootstrap",
            "200",
            "--out-dir",
            str(out),
        ]
    )
    assert status == 0
    yield out
    REGISTRY.pop("arsumm-x", None)  # registered by --variant


def test_rouge_command_writes_one_file_per_budget(tiny_results: Path) -> None:
    files = sorted(p.name for p in tiny_results.glob("*.json"))
    assert files == ["rouge-test-k2.json", "rouge-test-ratio0.3.json"]
    record = json.loads((tiny_results / "rouge-test-ratio0.3.json").read_text(encoding="utf-8"))
    names = [m["name"] for m in record["methods"]]
    assert names == ["arsumm", "arsumm-x", "lead", "random", "oracle"]
    assert record["doc_ids"] == ["demo_a", "demo_b"]
    assert record["provenance"]["command"].startswith("python -m benchmarks.rouge --data ")
    assert str(Path.home()) not in json.dumps(record) or str(Path.home()) == "/"
    for m in record["methods"]:
        for metric in ("rouge1", "rouge2", "rougeLsum"):
            stat = m["scores"][metric]
            assert stat["f_ci"][0] <= stat["f"] <= stat["f_ci"][1]
            assert len(m["per_doc_f"][metric]) == 2
            assert {"p", "r", "f"} <= stat.keys()
    lead = next(m for m in record["methods"] if m["name"] == "lead")
    assert lead["scores"]["rouge1"]["d_lead"] == 0.0
    assert "--variant" in record["provenance"]["command"]


def test_rouge_command_is_deterministic(tiny_corpus: Path, tiny_results: Path) -> None:
    again = tiny_results / "again"
    args = ["--data", str(tiny_corpus / "easc.jsonl"), "--split", "test", "--ratio", "0.3"]
    args += ["--methods", "lead", "oracle", "random", "--bootstrap", "200", "--out-dir", str(again)]
    assert rouge_cli.main(args) == 0
    first = json.loads((tiny_results / "rouge-test-ratio0.3.json").read_text(encoding="utf-8"))
    second = json.loads((again / "rouge-test-ratio0.3.json").read_text(encoding="utf-8"))
    for name in ("lead", "oracle"):
        a = next(m for m in first["methods"] if m["name"] == name)
        b = next(m for m in second["methods"] if m["name"] == name)
        assert a["scores"] == b["scores"]


def test_rouge_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rouge_cli.main(["--data", str(tmp_path / "none.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_report_renders_tables_and_plots(tiny_results: Path, tmp_path: Path) -> None:
    needs("matplotlib")
    from benchmarks import report

    out = tmp_path / "benchmarks.md"
    assert (
        report.main(
            ["--results", str(tiny_results), "--out", str(out), "--img-dir", str(tmp_path / "img")]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "## ROUGE on EASC test at 30% of the words" in text
    assert "| Lead |" in text
    assert "Command: `python -m benchmarks.rouge" in text
    assert "](img/rouge-test-ratio0.3.png)" in text
    assert (tmp_path / "img" / "rouge-test-ratio0.3.png").stat().st_size > 1000
    assert "## Other length budgets (EASC test)" in text
    assert ">>>" not in text


# -- speed ----------------------------------------------------------------------

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="uses os.wait4 and /proc")


def test_throughput_alternates_with_arsumm() -> None:
    from benchmarks.speed import throughput

    result = throughput([DEMO] * 3, ["arsumm", "lead"], [DEMO], repeats=2)
    names = [m["name"] for m in result["methods"]]
    assert names == ["arsumm", "lead"]
    arsumm_run, lead = result["methods"]
    assert len(arsumm_run["seconds"]) == 2
    assert len(lead["seconds"]) == 2
    assert lead["arsumm_ratio"] > 0
    assert arsumm_run["docs_per_s"] > 0


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("speed") / "doc.txt"
    path.write_text(DEMO, encoding="utf-8")
    return path


@linux_only
def test_child_reports_time_and_memory(tiny_file: Path) -> None:
    from benchmarks.speed import run_child

    result = run_child("lead", tiny_file, data=None, timeout=120, mem_limit_mb=0)
    assert result["status"] == "ok", result
    assert result["seconds"] >= 0
    assert 10 < result["peak_rss_mb"] < 2000


@linux_only
def test_child_out_of_memory_is_recorded(tiny_file: Path) -> None:
    from benchmarks.speed import run_child

    result = run_child("lead", tiny_file, data=None, timeout=120, mem_limit_mb=100)
    assert result["status"] == "out of memory", result


@linux_only
def test_child_timeout_is_recorded(tmp_path: Path) -> None:
    needs("sumy")
    from benchmarks.speed import run_child, synthetic_text

    path = tmp_path / "long.txt"
    path.write_text(synthetic_text(DEMO_SENTENCES, 5000), encoding="utf-8")
    result = run_child("sumy-textrank", path, data=None, timeout=1.0, mem_limit_mb=0)
    assert result["status"] == "timeout", result
    assert result["wall_seconds"] < 30


def _short_documents(n: int) -> list[str]:
    """``n`` short documents, three consecutive demo sentences each (our own Arabic)."""
    return [
        " ".join(DEMO_SENTENCES[(i + j) % len(DEMO_SENTENCES)] for j in range(3)) for i in range(n)
    ]


def _workers_child_report(tmp_path: Path, interface: str, documents: int) -> dict[str, Any]:
    """Run ``benchmarks._workers_child`` on short documents, one and two jobs; its report."""
    import subprocess

    from benchmarks import ROOT

    path = tmp_path / "texts.jsonl"
    lines = (json.dumps({"text": t}, ensure_ascii=False) for t in _short_documents(documents))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "benchmarks._workers_child", "--interface", interface]
    command += ["--file", str(path), "--jobs", "1", "2", "--repeats", "1"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


@linux_only
def test_workers_child_gives_one_jobs_results_with_two_worker_processes(tmp_path: Path) -> None:
    """Enough short documents that the workers take chunks once the pool is up (real processes)."""
    report = _workers_child_report(tmp_path, "api", 8_000)
    assert report["n_docs"] == 8_000
    assert report["identical"] is True
    assert [run["jobs"] for run in report["runs"]] == [1, 2]
    one, two = report["runs"]
    assert one["peak_worker_mb"] is None  # one job: no worker process
    assert two["peak_worker_mb"] is not None  # worker processes ran
    assert two["peak_worker_mb"] > 10
    assert all(run["docs_per_s"] > 0 and len(run["seconds"]) == 1 for run in report["runs"])


@linux_only
def test_workers_child_dask_case_reads_the_file_on_the_workers(tmp_path: Path) -> None:
    """Two real LocalClusters (one and two worker processes) give the same results."""
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    report = _workers_child_report(tmp_path, "dask", 300)
    assert report["n_docs"] == 300
    assert report["identical"] is True
    assert [run["jobs"] for run in report["runs"]] == [1, 2]
    assert all(run["peak_worker_mb"] > 10 for run in report["runs"])


@linux_only
def test_workers_batch_case_compares_the_output_files() -> None:
    from benchmarks.speed import workers

    result = workers(_short_documents(60), [DEMO], repeats=1, limit=40, cases=["batch-ant"])
    (case,) = result["cases"]
    assert case["case"] == "batch-ant"
    assert case["n_docs"] == 40
    assert case["identical"] is True
    assert [run["jobs"] for run in case["runs"]] == [1, 2]


def test_workers_table_renders() -> None:
    from benchmarks.tables import speed_tables

    run = {"first_s": 1.5, "docs_per_s": 900.0, "speedup": 1.0, "peak_worker_mb": None}
    record: dict[str, Any] = {
        "workers": {
            "jobs": [1, 2],
            "cases": [
                {
                    "label": "`arsumm batch`, ANT-BBC lines",
                    "n_docs": 20_000,
                    "target": 1.7,
                    "identical": False,
                    "runs": [
                        {"jobs": 1, **run},
                        {
                            **run,
                            "jobs": 2,
                            "docs_per_s": 1620.0,
                            "speedup": 1.8,
                            "peak_worker_mb": 88.0,
                        },
                    ],
                }
            ],
        }
    }
    table = speed_tables(record)["workers"]
    assert (
        "| `arsumm batch`, ANT-BBC lines | 20,000 | 1 | 900.0 | – | – | 1.50 | – | **no** |"
        in table
    )
    assert "| 2 | 1620.0 | 1.80x | >= 1.70x | 1.50 | 88 | **no** |" in table


def test_speed_tables_render() -> None:
    from benchmarks.tables import speed_tables

    record: dict[str, Any] = {
        "scaling": {
            "methods": [
                {
                    "name": "arsumm",
                    "label": "arsumm",
                    "runs": [
                        {"size": 1000, "status": "ok", "seconds": 0.5, "peak_rss_mb": 200.0},
                        {"size": 5000, "status": "timeout"},
                        {"size": 20000, "status": "not run (timeout at 5,000)"},
                    ],
                }
            ]
        }
    }
    table = speed_tables(record)["scaling"]
    assert "| arsumm | 5,000 | timeout |" in table
    assert "| arsumm | 1,000 | 0.50 | 200 |" in table
