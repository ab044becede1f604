"""Every EASC and ANT-BBC article gives the recorded outputs, to the last bit.

See ``tests/golden.py`` for what is recorded and how to regenerate it when a
change is meant to move outputs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import arsumm
from tests.conftest import require_data
from tests.golden import BUDGETS, CORPORA, GOLDEN, outputs, records


@pytest.mark.slow
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_outputs_equal_the_golden_record(corpus: str) -> None:
    path = require_data(*CORPORA[corpus])
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[corpus]
    got = outputs(path)
    assert got.keys() == golden.keys()
    changed = [doc_id for doc_id in golden if got[doc_id] != golden[doc_id]]
    assert changed == [], f"{len(changed)} of {len(golden)} articles changed, e.g. {changed[:5]}"


@pytest.mark.slow
def test_one_text_at_a_time_gives_the_batch_outputs() -> None:
    path = require_data(*CORPORA["easc"])
    golden: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))["easc"]
    for doc in records(path):
        for tag, budget in BUDGETS.items():
            indices = [s.index for s in arsumm.summarize(doc["text"], **budget)]
            assert indices == golden[doc["id"]][tag], (doc["id"], tag)
