"""The methods the suite compares, in a registry.

Every method sees the same document and the same length budget, and returns
the chosen sentences. Methods that rank (arsumm, Lead, random, the peers)
choose with :func:`arsumm.select.select`, the rule arsumm itself uses: walk
from best to worst, take a sentence if it fits what is left of the budget,
always take the best one; a ratio is a fraction of ``len(text.split())``, as
in arsumm's budget contract (:func:`benchmarks.interface.text_budget`).
Everything except arsumm receives arsumm's own sentence split, so only the
ranking differs.

Adding a method
---------------
An arsumm configuration is one line::

    register_arsumm_variant("arsumm-mmr", mmr=0.7)   # any Summarizer(...) options

It then runs with ``python -m benchmarks.rouge --methods arsumm-mmr`` (or
ad hoc, without editing this file: ``--variant arsumm-mmr:mmr=0.7``). Any
other method is an :class:`Entry` whose factory returns an object with a
``summaries(doc, budget)`` method.

Examples
--------
>>> from arsumm.select import Budget
>>> doc = Prepared("x", "الجملة الأولى هنا. والثانية هنا أيضا. الثالثة.", ("الجملة الاولى هنا.",))
>>> lead = build(["lead"], Context())[0]
>>> lead.summaries(doc, Budget.of(k=1))
[['الجملة الأولى هنا.']]
>>> oracle = build(["oracle"], Context())[0]
>>> oracle.summaries(doc, Budget.of(ratio=0.5))
[['الجملة الأولى هنا.']]
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

import arsumm
from arsumm import Summarizer
from arsumm.rank import order_by_score
from arsumm.select import Budget, select
from benchmarks import peers
from benchmarks.interface import Context, Method, MethodUnavailable, Prepared

__all__ = [
    "KINDS",
    "REGISTRY",
    "SUITES",
    "BatchMethod",
    "Context",
    "Entry",
    "Method",
    "MethodUnavailable",
    "Prepared",
    "RankingMethod",
    "available",
    "build",
    "parse_variant",
    "register",
    "register_arsumm_variant",
]

#: Method kinds, in the order the tables list them.
KINDS = ("arsumm", "baseline", "peer", "oracle")

#: The runners that pick methods from the registry: quality (``benchmarks.rouge``,
#: ``benchmarks.panel``) and speed (``benchmarks.speed``).
SUITES = ("quality", "speed")


@dataclass(frozen=True)
class Entry:
    """A registered method.

    Attributes
    ----------
    name : str
        Key used on the command line, e.g. ``"sumy-lexrank"``.
    label : str
        Name shown in tables, e.g. ``"sumy LexRank"``.
    kind : str
        One of :data:`KINDS`.
    factory : callable
        ``factory(context) -> Method``; raises :class:`MethodUnavailable`
        when the method cannot run here.
    description : str
        One line for the report.
    options : dict
        For arsumm variants, the ``Summarizer`` keyword arguments.
    suites : tuple of str
        The runners that list it by default (a subset of :data:`SUITES`):
        ``arsumm-batch`` and ``noop`` exist to be timed only.
    """

    name: str
    label: str
    kind: str
    factory: Callable[[Context], Method]
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    suites: tuple[str, ...] = SUITES


#: All registered methods by name, in registration order.
REGISTRY: dict[str, Entry] = {}


def register(entry: Entry) -> Entry:
    """Add ``entry`` to :data:`REGISTRY` (replacing one with the same name)."""
    if entry.kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {entry.kind!r}")
    if not entry.suites or set(entry.suites) - set(SUITES):
        raise ValueError(f"suites must be a non-empty subset of {SUITES}, got {entry.suites!r}")
    REGISTRY[entry.name] = entry
    return entry


# -- methods ------------------------------------------------------------------


def _texts(doc: Prepared, chosen: Sequence[int]) -> list[str]:
    return [doc.spans[i].text for i in chosen]


@dataclass
class ArsummMethod:
    """arsumm through its public API: ``Summarizer(**options).summarize``.

    With ``memoize`` it runs the public stages instead: ``prepare``,
    ``vectorize`` and ``score`` once per document, ``choose`` per budget
    (what ``summarize`` does, so the same summaries).
    """

    name: str
    options: dict[str, Any]
    memoize: bool = False
    _scored: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.summarizer = Summarizer(**self.options)

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return arsumm's summary of ``doc``."""
        if not self.memoize:
            summary = self.summarizer.summarize(
                doc.text, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
            )
            return [[s.text for s in summary]]
        key = (doc.id, doc.text)
        found = self._scored.get(key)
        if found is None:
            document = self.summarizer.vectorize(self.summarizer.prepare(doc.text))
            found = self._scored[key] = (document, self.summarizer.score(document))
        document, scores = found
        return [[document.spans[i].text for i in self.summarizer.choose(document, scores, budget)]]


class BatchMethod(Method, Protocol):
    """A method that can also summarise many texts in one call (timed by ``benchmarks.speed``)."""

    def summarize_texts(self, texts: Sequence[str], budget: Budget) -> None:
        """Summarise every text under ``budget``, discarding the summaries."""
        ...


@dataclass
class ArsummBatchMethod:
    """arsumm's batch API: one ``arsumm.summarize_many`` call for all texts."""

    name: str = "arsumm-batch"

    def summarize_texts(self, texts: Sequence[str], budget: Budget) -> None:
        """Run ``summarize_many`` over ``texts``; a failed text raises."""
        for result in arsumm.summarize_many(
            texts, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
        ):
            if not result.ok:
                raise RuntimeError(f"summarize_many failed on text {result.id}: {result.error}")

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return arsumm's summary of ``doc`` through ``summarize_many``."""
        (result,) = arsumm.summarize_many(
            [doc.text], k=budget.k, ratio=budget.ratio, max_words=budget.max_words
        )
        if not result.ok or result.sentences is None:
            raise RuntimeError(f"{doc.id}: {result.error_type}: {result.error}")
        return [[s.text for s in result.sentences]]


@dataclass
class NoopMethod:
    """Does nothing: times the cost of starting a process and importing."""

    name: str = "noop"

    def summarize_texts(self, texts: Sequence[str], budget: Budget) -> None:
        """Do nothing."""

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the empty summary."""
        return [[]]


@dataclass
class RankingMethod:
    """Score arsumm's sentences with ``scorer``, then apply the shared budget rule.

    Parameters
    ----------
    name : str
    scorer : callable
        ``scorer(sentences) -> scores``: one finite score per sentence, higher
        is better. Ties are broken by position, as in arsumm.
    memoize : bool, default False
        Remember each document's order, so that other budgets reuse it.
    """

    name: str
    scorer: Callable[[list[str]], Sequence[float]]
    memoize: bool = False
    _orders: dict[tuple[str, str, str], list[int]] = field(default_factory=dict, repr=False)

    def order(self, doc: Prepared) -> list[int]:
        """Return the sentence indices from best to worst."""
        key = (doc.id, doc.unit, doc.text)
        if self.memoize and key in self._orders:
            return self._orders[key]
        scores = np.asarray(self.scorer(doc.sentences), dtype=np.float64)
        if scores.shape != (len(doc.sentences),) or not np.isfinite(scores).all():
            raise RuntimeError(
                f"{self.name}: expected {len(doc.sentences)} finite scores, got {scores!r}"
            )
        order = order_by_score(scores)
        if self.memoize:
            self._orders[key] = order
        return order

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the summary of ``doc`` under ``budget``."""
        return [_texts(doc, select(self.order(doc), doc.words, doc.budget(budget)))]


@dataclass
class LeadMethod:
    """The first sentences, under the same budget rule."""

    name: str = "lead"

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the leading sentences of ``doc``."""
        order = list(range(len(doc.spans)))
        return [_texts(doc, select(order, doc.words, doc.budget(budget)))]


@dataclass
class RandomMethod:
    """Random order under the same budget rule, one summary per seed.

    The generator of seed ``s`` for document ``d`` is seeded with
    ``(s, crc32(d.id))``, so a document's summaries do not depend on which
    other documents are evaluated.
    """

    seeds: int = 10
    name: str = "random"

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return ``seeds`` random summaries of ``doc``."""
        key = zlib.crc32(doc.id.encode("utf-8"))
        out = []
        for seed in range(self.seeds):
            rng = np.random.default_rng([seed, key])
            order = [int(i) for i in rng.permutation(len(doc.spans))]
            out.append(_texts(doc, select(order, doc.words, doc.budget(budget))))
        return out


@dataclass
class GreedyOracle:
    """The greedy extractive oracle: an upper bound for extractive systems.

    Starting from the empty summary, repeatedly add the sentence that most
    increases the mean over the references of ROUGE-1 F1 + ROUGE-2 F1 (the
    suite's ROUGE, :class:`benchmarks.scoring.GreedySearch`: n-grams over the
    summary in document order); stop when no sentence increases it or none
    fits the budget. The first sentence may exceed a word budget, as in the
    shared budget rule; ties go to the earlier sentence.
    """

    name: str = "oracle"

    def chosen(self, doc: Prepared, budget: Budget) -> list[int]:
        """Return the oracle's sentence indices in document order."""
        if not doc.references:
            raise ValueError(f"{doc.id}: the oracle needs reference summaries")
        search = doc.greedy_search.fresh()
        limit = budget.word_limit(doc.text_words)
        words = doc.words
        used = 0
        while budget.k is None or len(search.chosen) < budget.k:
            best, best_value = -1, search.value
            for i in range(len(words)):
                if i in search.chosen:
                    continue
                if search.chosen and limit is not None and used + words[i] > limit:
                    continue
                value = search.value_with(i)
                if value > best_value:
                    best, best_value = i, value
            if best < 0:
                break
            search.add(best)
            used += words[best]
        # nothing overlaps the references at all: fall back to Lead's first
        return search.chosen or [0]

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the oracle summary of ``doc``."""
        return [_texts(doc, self.chosen(doc, budget))]


# -- registry -----------------------------------------------------------------


def register_arsumm_variant(
    name: str, *, label: str | None = None, description: str = "", **options: Any
) -> Entry:
    """Register an arsumm configuration: ``Summarizer(**options)``.

    Examples
    --------
    >>> e = register_arsumm_variant("arsumm-doc-example", stemmer="light")
    >>> e.label, e.options
    ('arsumm (stemmer=light)', {'stemmer': 'light'})
    >>> _ = REGISTRY.pop("arsumm-doc-example")
    """
    shown = ", ".join(f"{k}={v}" for k, v in options.items())
    return register(
        Entry(
            name=name,
            label=label or (f"arsumm ({shown})" if shown else "arsumm"),
            kind="arsumm",
            factory=lambda ctx: ArsummMethod(name, dict(options), memoize=ctx.memoize),
            description=description or f"Summarizer({shown})",
            options=dict(options),
        )
    )


def parse_variant(spec: str) -> tuple[str, dict[str, Any]]:
    """Parse ``NAME:key=value,key=value`` (values as Python literals, else strings).

    Examples
    --------
    >>> parse_variant("arsumm-x:stemmer=light,damping=0.9,stopwords=False")
    ('arsumm-x', {'stemmer': 'light', 'damping': 0.9, 'stopwords': False})
    """
    import ast

    name, _, rest = spec.partition(":")
    if not name or not rest:
        raise ValueError(f"variant must look like NAME:key=value[,key=value], got {spec!r}")
    options: dict[str, Any] = {}
    for item in rest.split(","):
        key, eq, raw = item.partition("=")
        if not eq or not key.strip():
            raise ValueError(f"variant option must be key=value, got {item!r}")
        try:
            value: Any = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            value = raw.strip()
        options[key.strip()] = value
    return name, options


def _peer(kind: str) -> Callable[[Context], Method]:
    def factory(context: Context) -> Method:
        return RankingMethod(kind, peers.scorer(kind, context), memoize=context.memoize)

    return factory


register_arsumm_variant("arsumm", label="arsumm (default)", description="Summarizer()")
for _stemmer in ("arlstem", "isri", "snowball", "light", "none"):
    register_arsumm_variant(f"arsumm-{_stemmer}", stemmer=_stemmer)
register_arsumm_variant(
    "arsumm-plain",
    description="Summarizer(stemmer='none', stopwords=False): no stemming, no stop words",
    stemmer="none",
    stopwords=False,
)
register(
    Entry(
        "lead",
        "Lead",
        "baseline",
        lambda _ctx: LeadMethod(),
        "the first sentences under the budget rule",
    )
)
register(
    Entry(
        "random",
        "random",
        "baseline",
        lambda ctx: RandomMethod(ctx.random_seeds),
        "random order under the budget rule; ROUGE averaged over seeds 0..S-1",
    )
)
register(
    Entry(
        "sumy-textrank",
        "sumy TextRank",
        "peer",
        _peer("sumy-textrank"),
        "sumy TextRankSummarizer",
    )
)
register(
    Entry(
        "sumy-lexrank",
        "sumy LexRank",
        "peer",
        _peer("sumy-lexrank"),
        "sumy LexRankSummarizer",
    )
)
register(Entry("sumy-lsa", "sumy LSA", "peer", _peer("sumy-lsa"), "sumy LsaSummarizer"))
register(Entry("sumy-luhn", "sumy Luhn", "peer", _peer("sumy-luhn"), "sumy LuhnSummarizer"))
register(
    Entry(
        "summa-textrank",
        "summa TextRank",
        "peer",
        _peer("summa-textrank"),
        "summa.summarizer, its Arabic preprocessing, on arsumm's sentences",
    )
)
register(
    Entry(
        "lexrank",
        "lexrank",
        "peer",
        _peer("lexrank"),
        "the lexrank package, IDF from the background corpus",
    )
)
register(
    Entry(
        "arsumm-batch",
        "arsumm batch (summarize_many)",
        "arsumm",
        lambda _ctx: ArsummBatchMethod(),
        "arsumm.summarize_many over all texts at once",
        suites=("speed",),
    )
)
register(
    Entry(
        "noop",
        "noop (interpreter + imports)",
        "baseline",
        lambda _ctx: NoopMethod(),
        "does nothing: the floor of a timed run",
        suites=("speed",),
    )
)
register(
    Entry(
        "oracle",
        "greedy oracle",
        "oracle",
        lambda _ctx: GreedyOracle(),
        "greedy extractive oracle on mean ROUGE-1 + ROUGE-2 F1 (upper bound)",
        suites=("quality",),
    )
)


def available(suite: str | None = "quality") -> list[str]:
    """Return the names of the registered methods of ``suite``, in table order (by kind).

    ``suite=None`` lists every method.

    Examples
    --------
    >>> "noop" in available(), "noop" in available("speed")
    (False, True)
    """
    names = [n for n in REGISTRY if suite is None or suite in REGISTRY[n].suites]
    return sorted(names, key=lambda n: KINDS.index(REGISTRY[n].kind))


def build(names: Sequence[str], context: Context) -> list[Method]:
    """Instantiate the named methods.

    Raises
    ------
    KeyError
        For an unknown name (the message lists the known ones).
    MethodUnavailable
        If a method cannot run here.
    """
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise KeyError(f"unknown method(s) {unknown}; known: {', '.join(available(None))}")
    return [REGISTRY[n].factory(context) for n in names]
