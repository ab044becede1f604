"""arsumm's benchmark suite: ROUGE against human summaries, baselines, peers, speed.

Run from the project root:

``python -m benchmarks.panel --split dev``
    The quality panel: every (corpus, budget) cell of EASC, ANT-BBC and
    SaudiNewsNet for arsumm, Lead, the oracle and the peers, with paired
    intervals against Lead; writes ``benchmarks/results/panel-<split>.json``,
    a heatmap and ``docs/quality.md``'s panel tables.
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
``python -m benchmarks.training labels`` / ``newsroom``
    ``arsumm.train_prior`` measured: which label works (dev splits, out of
    fold), and ``arsumm train`` on each news corpus's dev split scored on its
    test split; writes ``docs/training.md``'s tables.
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
    Loading a corpus (``{id, text, references[, title]}`` JSONL) and its
    ``splits.json`` from outside the repository.
``protocol``
    The protocol's constants, defined once: the EASC budget sweep, the
    cross-validation folds and seeds, budget names.
``scoring``
    The suite's one ROUGE (``rouge-score``'s arithmetic, our Arabic
    tokenizer), the oracle's incremental search, bootstrap intervals.
``interface``
    What a method sees (``Prepared``, ``Context``) and returns (``Method``).
``methods``
    The one registry of compared and timed methods (arsumm variants, Lead,
    random, oracle, peers, the batch API, the no-op floor).
``peers``
    Adapters that give the peer summarizers arsumm's sentences and take back
    one score per sentence.
``provenance``
    Commit, command line and package versions recorded with every result.
``tables``
    The markdown tables, shared by the runners and the report.
``timing``
    A registered method as a timed runner, and peak-memory readings, shared by
    ``speed`` and ``_speed_child``.
``_speed_child``
    One timed (method, document) run in its own process, for ``speed``.

Quality gate: ``tests/test_quality_gate.py`` checks default arsumm on one dev
cell of each corpus of the panel against ``benchmarks/baseline.json`` (written
by ``benchmarks.panel --split dev --write-baseline``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["RESULTS_DIR", "ROOT"]

#: The project root (the folder that holds ``benchmarks/``).
ROOT = Path(__file__).resolve().parent.parent

#: Where the JSON results are written (committed: they are small).
RESULTS_DIR = ROOT / "benchmarks" / "results"
