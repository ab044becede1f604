"""arsumm's benchmark suite: ROUGE against human summaries, baselines, peers, speed.

Run from the project root:

``python -m benchmarks.rouge --data ../shared/data/easc/easc.jsonl --split test --ratio 0.3``
    ROUGE-1, ROUGE-2 and ROUGE-Lsum of arsumm, its variants, Lead, random, the
    greedy oracle and the peer summarizers, with bootstrap intervals.
``python -m benchmarks.speed --data ../shared/data/easc/easc.jsonl``
    Throughput on EASC, scaling on long synthetic documents, CLI cold start.
``python -m benchmarks.report``
    Regenerates ``docs/benchmarks.md`` and the plots under ``docs/img/`` from
    the JSON files in ``benchmarks/results/``.
``python -m benchmarks.linear``
    Splitting and summarising 1, 10 and 100 MB of plain and pathological text:
    time per MB, to show it stays flat (linear time).
``python -m benchmarks.train_prior``
    Fits the learned sentence prior (``arsumm/data/prior.json``) on the EASC dev
    split with cross-validation; it also chooses the damping and redundancy
    defaults.
``python -m benchmarks.keywords``
    Keyphrases: arsumm's ``keywords`` against YAKE, summa, RAKE, pke and a
    TF-IDF baseline on the two keyphrase dev sets (P/R/F1 at 5, 10, 15,
    documents/s); ``--study`` measures arsumm's alternatives. Writes
    ``docs/keywords.md``'s result sections and ``docs/img/keywords-f1.png``.
``python -m benchmarks.ablation``
    Each quality lever on and off, on dev and test; writes ``docs/quality.md``.

Modules
-------
``data``
    Loading EASC and its splits from outside the repository.
``scoring``
    The Arabic-aware ROUGE tokenizer, per-document scores, bootstrap intervals.
``methods``
    The registry of compared methods (arsumm variants, Lead, random, oracle, peers).
``peers``
    Adapters that give the peer summarizers arsumm's sentences and take back
    one score per sentence.
``provenance``
    Commit, command line and package versions recorded with every result.
``tables``
    The markdown tables, shared by the runners and the report.
``_speed_child``
    One timed (method, document) run in its own process, for ``speed``.

Quality gate: ``tests/test_quality_gate.py`` checks default arsumm on the EASC
dev split against ``benchmarks/baseline.json`` (written by ``benchmarks.rouge
--split dev --ratio 0.3 --write-baseline``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RESULTS_DIR", "ROOT"]

#: The project root (the folder that holds ``benchmarks/``).
ROOT = Path(__file__).resolve().parent.parent

#: Where the JSON results are written (committed: they are small).
RESULTS_DIR = ROOT / "benchmarks" / "results"
