"""What the speed benchmark times, shared by ``benchmarks.speed`` and its child processes.

:func:`speed_method` turns a method of the registry (:mod:`benchmarks.methods`)
into ``run(texts, ratio)``; :func:`vm_hwm_mb` reads a process's peak memory.
``benchmarks.speed`` runs the throughput part in its own process and each
scaling run in a child (``python -m benchmarks._speed_child``); both build
their runner here, so neither imports the other.

Examples
--------
>>> run = speed_method("lead")
>>> run(["الجملة الأولى هنا. والثانية هنا أيضا."], 0.5)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from arsumm.select import Budget
from benchmarks.data import default_data_path, load_documents, load_split, load_splits
from benchmarks.interface import Context, MethodUnavailable, Prepared
from benchmarks.methods import REGISTRY, available
from benchmarks.procmem import vm_hwm_mb

__all__ = ["Runner", "speed_method", "vm_hwm_mb"]

Runner = Callable[[list[str], float], None]


def _background(data: str | os.PathLike[str] | None) -> list[str]:
    path = Path(data) if data else default_data_path()
    docs = load_documents(path)
    return [d.text for d in load_split(docs, load_splits(path.parent / "splits.json"), "dev")]


def speed_method(
    name: str, data: str | os.PathLike[str] | None = None, background: Sequence[str] | None = None
) -> Runner:
    """Return ``run(texts, ratio)`` that summarises every text with method ``name``.

    A method with ``summarize_texts`` (``arsumm-batch``: one
    ``arsumm.summarize_many`` call; ``noop``: nothing, the cost of starting
    and importing) gets all texts at once; any other is called once per
    text. lexrank's background IDF is fitted here, outside the timed call,
    from ``background`` or the EASC dev articles at ``data``.

    Raises
    ------
    benchmarks.interface.MethodUnavailable
        If the method is unknown or cannot run here.
    """
    if name not in REGISTRY:
        raise MethodUnavailable(f"unknown method {name!r}; known: {', '.join(available(None))}")
    if background is None and name == "lexrank":
        background = _background(data)
    method = REGISTRY[name].factory(Context(background=tuple(background or ())))
    many = getattr(method, "summarize_texts", None)
    if many is not None:
        return lambda texts, ratio: many(texts, Budget.of(ratio=ratio))

    def run(texts: list[str], ratio: float) -> None:
        budget = Budget.of(ratio=ratio)
        for i, text in enumerate(texts):
            method.summaries(Prepared(str(i), text), budget)

    return run
