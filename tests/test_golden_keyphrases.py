"""Every keyphrase dev document gives the recorded keyphrases, to the last bit.

See ``tests/golden_keyphrases.py`` for what is recorded and how to regenerate it.
"""

from __future__ import annotations

import json

import pytest

import arsumm
from tests.conftest import require_data
from tests.golden_keyphrases import GOLDEN, SETS, documents, outputs


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
def test_keyphrases_equal_the_golden_record(name: str) -> None:
    docs = documents(require_data("keyphrases", f"{name}.jsonl"))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    got = outputs(docs)
    assert got.keys() == golden.keys()
    changed = [doc_id for doc_id in golden if got[doc_id] != golden[doc_id]]
    assert changed == [], f"{len(changed)} of {len(golden)} documents changed, e.g. {changed[:5]}"
    assert all(record["n"] == 15 for record in golden.values())


@pytest.mark.slow
def test_what_an_extractor_saw_before_changes_nothing() -> None:
    """The documents in reverse order, through an extractor that has seen the other set,
    give the same records: what the lexicon remembers never changes an answer."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    extractor = arsumm.KeywordExtractor()
    outputs(documents(require_data("keyphrases", "logmani_dev.jsonl"))[::7], extractor)
    docs = documents(require_data("keyphrases", "akec_dev.jsonl"))[::-1]
    got = outputs(docs, extractor)
    assert got == {doc_id: golden["akec_dev"][doc_id] for doc_id, _ in docs}
