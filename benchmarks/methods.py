"""The methods the suite compares, in a registry.

Every method sees the same document and the same length budget, and returns
the chosen sentences. Methods that rank (arsumm, Lead, random, the peers)
choose with :func:`arsumm.select.select`, the rule arsumm itself uses: walk
from best to worst, take a sentence if it fits what is left of the budget,
always take the best one. Everything except arsumm receives arsumm's own
sentence split, so only the ranking differs.

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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from arsumm import Summarizer, split_sentences
from arsumm.rank import order_by_score
from arsumm.select import Budget, select
from arsumm.splitter import Span

__all__ = [
    "KINDS",
    "REGISTRY",
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


class MethodUnavailable(Exception):
    """A method cannot run here (e.g. a peer package is not installed)."""


@dataclass
class Prepared:
    """A document as the methods see it; the sentence split is computed once, on demand.

    Parameters
    ----------
    id : str
    text : str
        The article.
    references : tuple of str
        The reference summaries (only the oracle reads them).
    unit : {"sentence", "line"}, default "sentence"
        ``"line"`` also cuts arsumm's sentences at every line break: a
        diagnostic for Lead and the oracle (arsumm variants split the text
        themselves and ignore it).
    """

    id: str
    text: str
    references: tuple[str, ...] = ()
    unit: str = "sentence"

    @cached_property
    def spans(self) -> list[Span]:
        """arsumm's sentences of the article (cut at line breaks if ``unit="line"``)."""
        spans = split_sentences(self.text)
        if self.unit == "sentence":
            return spans
        if self.unit != "line":
            raise ValueError(f"unit must be 'sentence' or 'line', got {self.unit!r}")
        cut = []
        for span in spans:
            offset = span.start
            for part in span.text.splitlines(keepends=True):
                piece = part.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
                if piece.strip():
                    cut.append(Span(offset, offset + len(piece), piece))
                offset += len(part)
        return cut

    @cached_property
    def sentences(self) -> list[str]:
        """The sentence texts with inner whitespace folded (what peers receive)."""
        return [" ".join(s.text.split()) for s in self.spans]

    @cached_property
    def words(self) -> list[int]:
        """Words per sentence, counted as :mod:`arsumm.select` counts them."""
        return [len(s.text.split()) for s in self.spans]


class Method(Protocol):
    """What the runner needs from a method."""

    name: str

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return one or more summaries (each a list of sentences in document order).

        The runner averages ROUGE over the summaries; only the random
        baseline returns more than one.
        """
        ...


@dataclass(frozen=True)
class Context:
    """What some methods need besides the document.

    Attributes
    ----------
    background : sequence of str
        Articles from which methods that need a corpus learn word statistics
        (the ``lexrank`` package's IDF). The runners pass the EASC dev articles.
    random_seeds : int
        Number of seeds the random baseline averages over.
    """

    background: Sequence[str] = ()
    random_seeds: int = 10


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
    """

    name: str
    label: str
    kind: str
    factory: Callable[[Context], Method]
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)


#: All registered methods by name, in registration order.
REGISTRY: dict[str, Entry] = {}


def register(entry: Entry) -> Entry:
    """Add ``entry`` to :data:`REGISTRY` (replacing one with the same name)."""
    if entry.kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {entry.kind!r}")
    REGISTRY[entry.name] = entry
    return entry


# -- methods ------------------------------------------------------------------


def _texts(doc: Prepared, chosen: Sequence[int]) -> list[str]:
    return [doc.spans[i].text for i in chosen]


@dataclass
class ArsummMethod:
    """arsumm through its public API: ``Summarizer(**options).summarize``."""

    name: str
    options: dict[str, Any]

    def __post_init__(self) -> None:
        self.summarizer = Summarizer(**self.options)

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return arsumm's summary of ``doc``."""
        summary = self.summarizer.summarize(
            doc.text, k=budget.k, ratio=budget.ratio, max_words=budget.max_words
        )
        return [[s.text for s in summary]]


@dataclass
class RankingMethod:
    """Score arsumm's sentences with ``scorer``, then apply the shared budget rule.

    Parameters
    ----------
    name : str
    scorer : callable
        ``scorer(sentences) -> scores``: one finite score per sentence, higher
        is better. Ties are broken by position, as in arsumm.
    """

    name: str
    scorer: Callable[[list[str]], Sequence[float]]

    def order(self, doc: Prepared) -> list[int]:
        """Return the sentence indices from best to worst."""
        scores = np.asarray(self.scorer(doc.sentences), dtype=np.float64)
        if scores.shape != (len(doc.sentences),) or not np.isfinite(scores).all():
            raise RuntimeError(
                f"{self.name}: expected {len(doc.sentences)} finite scores, got {scores!r}"
            )
        return order_by_score(scores)

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the summary of ``doc`` under ``budget``."""
        return [_texts(doc, select(self.order(doc), doc.words, budget))]


@dataclass
class LeadMethod:
    """The first sentences, under the same budget rule."""

    name: str = "lead"

    def summaries(self, doc: Prepared, budget: Budget) -> list[list[str]]:
        """Return the leading sentences of ``doc``."""
        order = list(range(len(doc.spans)))
        return [_texts(doc, select(order, doc.words, budget))]


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
            out.append(_texts(doc, select(order, doc.words, budget)))
        return out


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(candidate: Counter[tuple[str, ...]], reference: Counter[tuple[str, ...]]) -> float:
    # The same formula as rouge_score.scoring.fmeasure of ngram precision and recall.
    overlap = sum((candidate & reference).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class GreedyOracle:
    """The greedy extractive oracle: an upper bound for extractive systems.

    Starting from the empty summary, repeatedly add the sentence that most
    increases the mean over the references of ROUGE-1 F1 + ROUGE-2 F1 (same
    tokenizer as the evaluation, n-grams over the summary in document
    order); stop when no sentence increases it or none fits the budget. The
    first sentence may exceed a word budget, as in the shared budget rule;
    ties go to the earlier sentence.
    """

    name: str = "oracle"

    def __post_init__(self) -> None:
        from benchmarks.scoring import ArabicRougeTokenizer  # imports rouge-score: only here

        self.tokenizer = ArabicRougeTokenizer()

    def chosen(self, doc: Prepared, budget: Budget) -> list[int]:
        """Return the oracle's sentence indices in document order."""
        if not doc.references:
            raise ValueError(f"{doc.id}: the oracle needs reference summaries")
        tokens = [self.tokenizer.tokenize(s.text) for s in doc.spans]
        refs = []
        for reference in doc.references:
            ref_tokens = self.tokenizer.tokenize(reference)
            refs.append((_ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2)))
        limit = budget.word_limit(sum(doc.words))
        words = doc.words

        def objective(indices: list[int]) -> float:
            summary = [t for i in sorted(indices) for t in tokens[i]]
            one, two = _ngrams(summary, 1), _ngrams(summary, 2)
            return sum(_f1(one, r1) + _f1(two, r2) for r1, r2 in refs) / len(refs)

        chosen: list[int] = []
        used = 0
        current = 0.0
        while budget.k is None or len(chosen) < budget.k:
            best, best_value = -1, current
            for i in range(len(tokens)):
                if i in chosen or (chosen and limit is not None and used + words[i] > limit):
                    continue
                value = objective([*chosen, i])
                if value > best_value:
                    best, best_value = i, value
            if best < 0:
                break
            chosen.append(best)
            used += words[best]
            current = best_value
        if not chosen:  # nothing overlaps the references at all: fall back to Lead's first
            chosen = [0]
        return sorted(chosen)

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
            factory=lambda _ctx: ArsummMethod(name, dict(options)),
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
        from benchmarks import peers

        return RankingMethod(kind, peers.scorer(kind, context))

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
        "oracle",
        "greedy oracle",
        "oracle",
        lambda _ctx: GreedyOracle(),
        "greedy extractive oracle on mean ROUGE-1 + ROUGE-2 F1 (upper bound)",
    )
)


def available() -> list[str]:
    """Return the names of all registered methods, in table order (by kind)."""
    return sorted(REGISTRY, key=lambda n: KINDS.index(REGISTRY[n].kind))


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
        raise KeyError(f"unknown method(s) {unknown}; known: {', '.join(available())}")
    return [REGISTRY[n].factory(context) for n in names]
