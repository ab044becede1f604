"""The quality panel (benchmarks/panel.py) in its fast mode on the real corpora, and on a
corpus of our own text the way a user adds theirs.

The fast mode scores a seeded sample of 30 documents per corpus with every method;
the figures are not the panel's (those come from the full run, see docs/quality.md),
the structure, the arithmetic and the protocol are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "rouge_score", reason="the benchmark suite needs the bench extra: pip install -e '.[bench]'"
)

import arsumm
from arsumm.select import Budget
from benchmarks import panel, quality_doc
from benchmarks.interface import Context
from benchmarks.methods import build
from benchmarks.protocol import budget_tag
from benchmarks.rouge import score_method
from benchmarks.scoring import Rouge
from tests.conftest import require_data

EXPECTED_CELLS = {
    "easc": ["ratio0.2", "ratio0.3", "ratio0.4", "k1", "k2", "k3", "k4", "k5"],
    "ant-bbc": ["k1", "k2", "k3", "words40", "ratio0.2"],
    "saudinewsnet": ["k1", "words20"],
}
DEMO_SENTENCES = [s.text for s in arsumm.split_sentences(arsumm.demo_text())]


@pytest.fixture(scope="module")
def fast(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    for folder, name in (("easc", "easc.jsonl"), ("ant-bbc", "ant_bbc.jsonl")):
        require_data(folder, name)
    require_data("saudinewsnet", "saudinewsnet.jsonl")
    out = tmp_path_factory.mktemp("panel") / "panel.json"
    assert panel.main(["--fast", "--split", "dev", "--out", str(out)]) == 0
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return record


def test_every_cell_and_method_is_there(fast: dict[str, Any]) -> None:
    assert [c["name"] for c in fast["corpora"]] == list(EXPECTED_CELLS)
    assert [(c["corpus"], c["budget"]) for c in fast["cells"]] == [
        (corpus, tag) for corpus, tags in EXPECTED_CELLS.items() for tag in tags
    ]
    names = [m["name"] for m in fast["methods"]]
    assert names[0] == "lead"
    assert set(names) == set(panel.DEFAULT_METHODS)
    for corpus in fast["corpora"]:
        assert corpus["n_docs"] == 30
        assert corpus["title"] == "not given to the methods"
        assert corpus["sample"] == f"seeded sample of 30 of the {corpus['n_split']}"
        assert not Path(corpus["path"]).is_absolute()
    for cell in fast["cells"]:
        assert set(cell["methods"]) == set(names)
        for stat in cell["methods"].values():
            assert stat["status"] == "ok", stat
            for key in ("rouge1", "rouge2", "d_rouge1", "d_rouge2"):
                low, high = stat[f"{key}_ci"]
                assert low <= stat[key] <= high
            assert stat["words"] > 0


def test_differences_are_to_lead(fast: dict[str, Any]) -> None:
    for cell in fast["cells"]:
        lead = cell["methods"]["lead"]
        assert lead["d_rouge1"] == 0.0
        assert lead["d_rouge1_ci"] == [0.0, 0.0]
        for stat in cell["methods"].values():
            assert stat["d_rouge1"] == pytest.approx(stat["rouge1"] - lead["rouge1"], abs=2e-3)
    assert fast["summary"]["oracle"]["mean_d_rouge1"] > 5  # an upper bound, far above Lead
    assert fast["summary"]["random"]["mean_d_rouge1"] < -5


def test_summary_is_the_mean_over_cells(fast: dict[str, Any]) -> None:
    for name, s in fast["summary"].items():
        deltas = [c["methods"][name]["d_rouge1"] for c in fast["cells"]]
        assert s["cells"] == s["of_cells"] == 15
        assert s["mean_d_rouge1"] == pytest.approx(sum(deltas) / len(deltas), abs=2e-3)
        assert s["worst_d_rouge1"] == pytest.approx(min(deltas), abs=1e-9)
        low, high = s["mean_d_rouge1_ci"]
        assert low <= s["mean_d_rouge1"] <= high
        below = [
            f"{c['corpus']} {c['budget']}"
            for c in fast["cells"]
            if c["methods"][name]["d_rouge1_ci"][1] < 0
        ]
        assert s["cells_below_lead"] == below


def test_panel_scores_as_the_rouge_benchmark_does(fast: dict[str, Any]) -> None:
    # the same sample, scored through benchmarks.rouge (Rouge.score_lines on the summaries'
    # text) instead of the panel's cached tokens: the same numbers
    spec = panel.BUILTIN["ant-bbc"]
    corpus = panel.load_corpus(spec, "dev", max_docs=30)
    cell = next(c for c in fast["cells"] if (c["corpus"], c["budget"]) == ("ant-bbc", "k2"))
    for name in ("arsumm", "lead", "oracle"):
        (method,) = build([name], Context(background=corpus.background))
        run = score_method(method, corpus.docs, Budget.of(k=2), rouge=Rouge(("rouge1", "rouge2")))
        assert 100 * float(run.f["rouge1"].mean()) == pytest.approx(
            cell["methods"][name]["rouge1"], abs=1e-3
        )
        assert 100 * float(run.f["rouge2"].mean()) == pytest.approx(
            cell["methods"][name]["rouge2"], abs=1e-3
        )


def test_words_are_the_summaries_words(fast: dict[str, Any]) -> None:
    corpus = panel.load_corpus(panel.BUILTIN["saudinewsnet"], "dev", max_docs=30)
    first = [len(d.spans[0].text.split()) for d in corpus.docs]
    cell = next(c for c in fast["cells"] if (c["corpus"], c["budget"]) == ("saudinewsnet", "k1"))
    assert cell["methods"]["lead"]["words"] == pytest.approx(sum(first) / len(first), abs=0.01)


def test_heatmap_and_page(fast: dict[str, Any], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "panel.png"
    quality_doc.plot_heatmap(fast, png)
    assert png.stat().st_size > 5000
    page = quality_doc.render(None, {**fast, "split": "test"}, None, None)
    assert "## The quality panel" in page
    assert "Against the acceptance of the quality issue" in page
    assert "| saudinewsnet words20 |" in page
    assert f"`{fast['provenance']['command']}`" in page
    assert "(img/panel-test.png)" in page


# -- a corpus of one's own --------------------------------------------------------------


def _write_corpus(folder: Path, records: list[dict[str, Any]], dev: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    test = [r["id"] for r in records if r["id"] not in dev]
    (folder / "splits.json").write_text(json.dumps({"dev": dev, "test": test}), encoding="utf-8")
    return path


def _records(title: str | None = None) -> list[dict[str, Any]]:
    out = []
    for i in range(4):
        sentences = DEMO_SENTENCES[i : i + 9]
        record: dict[str, Any] = {
            "id": f"doc{i}",
            "text": " ".join(sentences),
            "references": [sentences[1]],
        }
        if title is not None:
            record["title"] = title if title != "reference" else sentences[1]
        out.append(record)
    return out


def test_user_corpus_with_its_own_budgets(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "c", _records(), ["doc0", "doc1"])
    out = tmp_path / "out.json"
    args = ["--corpus", f"mine={path}:k1,words15", "--split", "test", "--out", str(out)]
    assert panel.main([*args, "--methods", "arsumm", "oracle", "--bootstrap", "200"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert [(c["corpus"], c["budget"]) for c in record["cells"]] == [
        ("mine", "k1"),
        ("mine", "words15"),
    ]
    assert record["corpora"][0]["n_docs"] == 2
    assert [m["name"] for m in record["methods"]] == ["lead", "arsumm", "oracle"]
    oracle = record["cells"][0]["methods"]["oracle"]
    assert oracle["rouge1"] == 100.0  # the reference is one of the sentences


def test_config_file_and_titles(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "c", _records(title="عنوان المقال"), ["doc0"])
    config = tmp_path / "panel.json"
    corpora = [{"name": "mine", "path": "c/mine.jsonl", "budgets": ["k2"], "title": True}]
    config.write_text(json.dumps({"corpora": corpora}), encoding="utf-8")
    (spec,) = panel.load_config(config)
    assert (spec.name, spec.path, spec.title) == ("mine", path, True)
    assert [budget_tag(b) for b in spec.budgets] == ["k2"]
    corpus = panel.load_corpus(spec, "test")
    assert {d.title for d in corpus.docs} == {"عنوان المقال"}
    assert panel.load_corpus(panel.parse_corpus(f"mine={path}"), "test").docs[0].title is None


@pytest.mark.parametrize(
    ("title", "message"),
    [
        pytest.param("reference", "hand them the answer", id="title-is-the-reference"),
        pytest.param(None, "have none", id="no-titles"),
    ],
)
def test_titles_that_cannot_be_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str | None, message: str
) -> None:
    path = _write_corpus(tmp_path / "c", _records(title=title), ["doc0"])
    args = ["--corpus", f"mine={path}:k1", "--title", "mine", "--split", "test", "--no-write"]
    assert panel.main([*args, "--methods", "arsumm"]) == 2
    assert message in capsys.readouterr().err


def test_time_limit_reports_instead_of_waiting(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "c", _records(), ["doc0"])
    spec = panel.parse_corpus(f"mine={path}:k1,k2")
    record = panel.Panel([spec], "test", samples=100, time_limit=0.0).evaluate(["oracle"])
    for cell in record["cells"]:
        assert cell["methods"]["lead"]["status"] == "ok"  # the reference always runs
        assert cell["methods"]["oracle"]["status"].startswith("not run: time limit 0 s")
    assert record["summary"]["oracle"] == {"cells": 0, "of_cells": 2}


def test_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert panel.main(["--corpus", "nope", "--no-write"]) == 2
    assert "unknown corpus 'nope'" in capsys.readouterr().err
    path = _write_corpus(tmp_path / "c", _records(), ["doc0"])
    assert panel.main(["--corpus", f"a={path}", "--title", "b", "--no-write"]) == 2
    assert "--title names corpora not in the run" in capsys.readouterr().err
    assert panel.main(["--corpus", f"a={path}", "--methods", "nope", "--no-write"]) == 2
    assert "unknown method" in capsys.readouterr().err
    with pytest.raises(ValueError, match="budget must look like"):
        panel.parse_corpus(f"a={path}:k1,half")


def test_parse_corpus_keeps_a_colon_in_the_path() -> None:
    spec = panel.parse_corpus("mine=C:/data/mine.jsonl")
    assert spec.path == Path("C:/data/mine.jsonl")
    assert [budget_tag(b) for b in spec.budgets] == ["k1", "k3"]
