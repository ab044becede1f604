"""What a compared method sees and what it returns.

Every method (arsumm, Lead, random, the oracle, the peers) receives a
:class:`Prepared` document and a length budget and returns summaries. This
module holds those shared types, so that :mod:`benchmarks.methods` (the
registry) and :mod:`benchmarks.peers` (the peer adapters) both build on it
without importing each other.

Examples
--------
>>> doc = Prepared("x", "الجملة الأولى هنا. والثانية هنا أيضا.", ("الجملة الاولى هنا.",))
>>> doc.sentences, doc.words
(['الجملة الأولى هنا.', 'والثانية هنا أيضا.'], [3, 3])
>>> doc.tokens
[['الجملة', 'الاولي', 'هنا'], ['والثانية', 'هنا', 'ايضا']]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from arsumm import split_sentences
from arsumm.select import Budget
from arsumm.splitter import Span

if TYPE_CHECKING:
    from benchmarks.scoring import GreedySearch, References

__all__ = ["Context", "Method", "MethodUnavailable", "Prepared", "text_budget"]

#: Line breaks that end a piece of a sentence under ``unit="line"``.
_LINE_END = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def text_budget(budget: Budget, text_words: int) -> Budget:
    """The budget of one text in arsumm's terms: a ratio is a fraction of the text's words.

    arsumm's budget contract counts ``ratio * len(text.split())`` words (the
    whole text, boilerplate included) and a summary's words as the sum of
    ``len(s.text.split())`` over its sentences. :func:`arsumm.select.select`
    takes the ratio of the sentences' words instead, which differs where a
    sentence boundary falls inside a whitespace token. Since the words of a
    summary are whole numbers, ``used <= ratio * n`` is ``used <=
    floor(ratio * n)``: the ratio becomes that many words (at least 1; the
    best sentence is taken anyway), and the rule is arsumm's exactly.

    Examples
    --------
    >>> text_budget(Budget.of(ratio=0.3), 25), text_budget(Budget.of(k=2), 25).k
    (Budget(k=None, ratio=None, max_words=7), 2)
    """
    if budget.ratio is None:
        return budget
    return Budget.of(max_words=max(1, math.floor(budget.ratio * text_words)))


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
    title : str or None, default None
        The headline, when the run gives it to the methods (``None``: not
        given). No built-in method reads it yet; a method that does says so
        in its description.
    """

    id: str
    text: str
    references: tuple[str, ...] = ()
    unit: str = "sentence"
    title: str | None = None

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
                piece = part.rstrip(_LINE_END)
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

    @cached_property
    def text_words(self) -> int:
        """The words of the whole text, ``len(text.split())``: what a ratio budget is of."""
        return len(self.text.split())

    def budget(self, budget: Budget) -> Budget:
        """``budget`` for this text in arsumm's terms (:func:`text_budget`)."""
        return text_budget(budget, self.text_words)

    @cached_property
    def tokens(self) -> list[list[str]]:
        """The ROUGE tokens of every sentence (:class:`benchmarks.scoring.ArabicRougeTokenizer`)."""
        from benchmarks.scoring import ArabicRougeTokenizer

        tokenizer = ArabicRougeTokenizer()
        return [tokenizer.tokenize(s) for s in self.sentences]

    @cached_property
    def reference_counts(self) -> References:
        """The references counted for ROUGE (:class:`benchmarks.scoring.References`)."""
        from benchmarks.scoring import References

        return References.of(self.references)

    @cached_property
    def greedy_search(self) -> GreedySearch:
        """An empty greedy search over the sentences (the oracle's; take ``.fresh()`` of it)."""
        return self.reference_counts.search(self.tokens)


class Method(Protocol):
    """What the runners need from a method."""

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
        (the ``lexrank`` package's IDF). The runners pass the dev articles
        of the corpus being evaluated.
    random_seeds : int
        Number of seeds the random baseline averages over.
    memoize : bool
        Let methods remember what does not change their output: the peers'
        stems and each document's ranking across budgets (same summaries,
        much less time). The quality runners set it; the speed benchmark
        must not, since it times repeated passes over the same texts.
    """

    background: Sequence[str] = ()
    random_seeds: int = 10
    memoize: bool = False
