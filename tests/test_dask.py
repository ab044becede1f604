"""arsumm.dask on a real dask.distributed cluster with worker processes.

The 500 documents are built from the bundled sample article (our own text),
so the test never depends on external data.
"""

from __future__ import annotations

import logging
import random
from typing import Any

import pytest

import arsumm

dask = pytest.importorskip("dask", reason="the dask extra is not installed")
distributed = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
pd = pytest.importorskip("pandas", reason="the dask extra is not installed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from arsumm.dask import summarize_bag, summarize_series  # noqa: E402


def documents(count: int = 500) -> list[tuple[str, str]]:
    """Variations of the sample article: rotated, shortened, with a few bad ones."""
    sentences = [s.text for s in arsumm.split_sentences(arsumm.demo_text())]
    rng = random.Random(2024)
    docs = []
    for i in range(count):
        if i % 97 == 13:
            docs.append((f"doc-{i}", " " if i % 2 else "Only Latin letters."))
            continue
        start = i % len(sentences)
        rotated = sentences[start:] + sentences[:start]
        kept = [s for s in rotated if rng.random() < 0.8] or rotated[:1]
        docs.append((f"doc-{i}", "\n".join(kept)))
    return docs


@pytest.fixture(scope="module")
def client() -> Any:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: None still binds 8787 here
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_bag_on_a_local_cluster_equals_local_results(client: Any) -> None:
    docs = documents()
    expected = list(arsumm.summarize_many(docs, ratio=0.3))
    bag = db.from_sequence(docs, npartitions=8)
    results = summarize_bag(bag, ratio=0.3).compute()
    assert len(results) == 500
    assert results == expected
    assert sum(not r.ok for r in results) == 6
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # two worker processes took part


def test_dataframe_column_on_a_local_cluster(client: Any) -> None:
    docs = documents(120)
    frame = pd.DataFrame({"text": [text for _, text in docs]}, index=[i for i, _ in docs])
    frame.loc["doc-13", "text"] = None  # a missing value: an error result, not a failure
    column = dd.from_pandas(frame, npartitions=3, sort=False)["text"]
    light = arsumm.Summarizer(stemmer="light")
    results = summarize_series(column, k=2, summarizer=light).compute()
    assert list(results.index) == list(frame.index)
    for label, result in results.items():
        text = frame.loc[label, "text"]
        assert result.id == label
        if isinstance(text, str) and text.strip() and result.ok:
            assert list(result.sentences) == light.summarize(text, k=2)
    assert results["doc-13"].error_type == "TypeError"
    assert results["doc-110"].error_type == "NoArabicError"


def test_options_are_checked_before_anything_runs() -> None:
    bag = db.from_sequence(["نص"], npartitions=1)
    with pytest.raises(arsumm.BudgetError):
        summarize_bag(bag, k=0)
    with pytest.raises(TypeError, match="summarizer must be"):
        summarize_bag(bag, summarizer="light")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes a dask\.bag\.Bag"):
        summarize_bag(["نص"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes a dask\.dataframe\.Series"):
        summarize_series(["نص"])  # type: ignore[arg-type]


_SNOWBALL_CHILD = """
import json, sys
import dask
import pandas as pd
import dask.dataframe as dd
import arsumm
from arsumm.dask import summarize_series
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
snowball = arsumm.Summarizer(stemmer="snowball")
column = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=8)["text"]
if sys.argv[2] == "threads":
    results = summarize_series(column, k=3, summarizer=snowball).compute(scheduler="threads")
    out = [[s.score.hex() for s in r.sentences] for r in results]
else:
    out = [[s.score.hex() for s in snowball.summarize(t, k=3)] for t in texts]
json.dump(out, sys.stdout)
"""


@pytest.mark.slow
def test_snowball_on_the_threaded_scheduler_equals_one_thread() -> None:
    """Issue 13 item 9: dask's default threaded scheduler with the Snowball stemmer
    changed 72-83 of the 153 EASC score vectors (a shared non-reentrant stemmer)."""
    import json
    import subprocess
    import sys

    from tests.conftest import require_data

    path = str(require_data("easc", "easc.jsonl"))
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _SNOWBALL_CHILD, path, mode],
                capture_output=True,
                check=True,
                timeout=600,
            ).stdout
        )
        for mode in ("threads", "sequential")
    ]
    assert runs[0] == runs[1]


def test_partitions_sized_by_work_on_a_local_cluster(client: Any) -> None:
    """bag_by_work: partitions of about the same number of characters; the results are
    summarize_many's, ids included; each worker process keeps one summarizer."""
    from arsumm.dask import bag_by_work

    def forget() -> None:
        from arsumm import dask as arsumm_dask

        arsumm_dask._SUMMARIZERS.clear()

    client.run(forget)
    docs = [text for _, text in documents(300)]  # texts only: ids are positions
    light = arsumm.Summarizer(stemmer="light")
    bag = bag_by_work(docs, characters=20_000, min_partitions=2)
    assert bag.npartitions >= 2
    results = summarize_bag(bag, k=2, summarizer=light).compute()
    assert results == list(arsumm.summarize_many(docs, k=2, summarizer=light))
    parts = [p.compute() for p in bag.to_delayed()]
    sizes = [sum(len(t) for _, t in part) for part in parts]
    assert max(sizes[:-1]) < 20_000 + max(len(t) for t in docs)
    assert min(sizes[:-1]) >= 20_000

    def cached() -> int:
        from arsumm import dask as arsumm_dask

        return len(arsumm_dask._SUMMARIZERS)

    assert sorted(client.run(cached).values()) == [
        1,
        1,
    ]  # one summarizer per worker, for all its tasks


def test_jsonl_read_by_the_workers_equals_the_batch_command(client: Any, tmp_path: Any) -> None:
    """read_jsonl on a LocalCluster: every line comes out, in order, with the
    summaries of summarize_many and the errors `arsumm batch` gives the bad lines."""
    import json

    from arsumm.dask import read_jsonl

    docs = documents(400)
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in docs]
    lines[7] = "{not json"
    lines[100] = json.dumps({"id": "no-text"})
    lines[250] = json.dumps({"text": docs[250][1]})  # no id: its line number
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bag = read_jsonl(path, blocksize=path.stat().st_size // 7)
    assert bag.npartitions >= 6
    results = summarize_bag(bag, k=2).compute()
    assert len(results) == len(lines)
    expected = {r.id: r for r in arsumm.summarize_many(docs, k=2)}
    for number, result in enumerate(results, start=1):
        if number == 8:
            assert result.id == 8
            assert result.error_type == "JSONDecodeError"
            assert result.error.startswith("line 8: not JSON")
        elif number == 101:
            assert (result.id, result.error_type) == ("no-text", "KeyError")
            assert result.error == "line 101: no 'text' field"
        elif number == 251:
            assert result.id == 251
            assert result.sentences == expected[docs[250][0]].sentences
        else:
            assert result == expected[docs[number - 1][0]]


def test_read_jsonl_names_what_it_cannot_read(tmp_path: Any) -> None:
    from arsumm.dask import read_jsonl
    from arsumm.io import FileError

    with pytest.raises(FileError, match="no such file"):
        read_jsonl(tmp_path / "missing.jsonl")
    with pytest.raises(FileError, match="is a directory"):
        read_jsonl(tmp_path)
    with pytest.raises(FileError, match="not a regular file"):
        read_jsonl("/dev/null")
    with pytest.raises(ValueError, match="blocksize"):
        read_jsonl(tmp_path, blocksize=0)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert summarize_bag(read_jsonl(empty), k=1).compute(scheduler="sync") == []
