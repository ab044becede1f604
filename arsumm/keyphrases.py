"""Keyphrases: TextRank's other half, made for Arabic.

:func:`keywords` and :class:`KeywordExtractor` return the phrases that best
describe a document, best first, each with every place it occurs in the
caller's string.

The method
----------
1. **Words.** The text is cut at whitespace; each chunk (``"والمدينة،"``)
   is analysed once per process (per extractor with a stemmer object of
   yours) and remembered: its words (a letter, then letters, diacritics,
   tatweel and invisible marks) are normalised with
   :func:`arsumm.normalize.normalize`; punctuation, digits and symbols
   around or inside the chunk are *breaks*, terminal punctuation and line
   breaks also end a sentence. A word is a *candidate* unless it is a stop
   word (:func:`arsumm.stopwords.load_stopwords`, and the keyword list
   ``arsumm/data/keyword_stopwords_ar.txt``) or shorter than two letters.
2. **Keys.** A candidate's key is the stem (:mod:`arsumm.stemmer`, ARLSTem
   by default) of its normalised form without its leading conjunction and
   preposition clitics: ``و ف ب ك ل`` before the article, ``لل``, and a lone
   ``و ف ب ل`` where the document also has the word without it (``وزارة``
   stays whole). So «الدولي», «والدولي» and «بالدولي» are one word. A
   phrase's key is its words' keys joined by spaces: surface forms with the
   same key are the same phrase.
3. **Graph and rank.** One node per key; an edge between two keys that occur
   within ``window`` candidates of each other in a sentence, weighted by how
   often they do; ranked by :func:`arsumm.rank.pagerank` (optionally with
   PositionRank's teleport towards early words, ``position_bias``).
4. **Phrases.** Runs of adjacent candidates: stop words, punctuation,
   digits and sentence ends break a run. Every stretch of one to
   ``max_words`` words of a run is a candidate phrase, so noun phrases such
   as «وزارة الخارجية» and «مجلس الأمن الدولي» stay whole. A phrase scores
   its words' mean rank to the power ``rank_weight``, times its frequency,
   a prior on its length and a weight on its first position (see
   :class:`KeywordExtractor`; the alternatives measured are in
   ``docs/keywords.md``).
5. **Choice.** Phrases best first (ties: the earlier first occurrence, then
   the shorter), one per key, so «الدول», «والدولي» and «دولية» take one
   place between them.

What the caller gets back is a :class:`Keyphrase`: the surface form most
frequent among its occurrences (leading clitics such as ``و`` and ``بال``
cut off, so ``والدولي`` shows as ``الدولي``), its score, its key, and the
``(start, end)`` of every occurrence in the caller's string, sorted and
disjoint.

Examples
--------
>>> import arsumm
>>> text = arsumm.demo_text()
>>> for phrase in arsumm.keywords(text, k=3):
...     print(phrase.text, len(phrase.occurrences))
تحلية المياه 3
أول محطة لتحلية 2
محطة لتحلية المياه 2
>>> start, end = arsumm.keywords(text, k=1)[0].occurrences[0]
>>> text[start:end]
'تحلية المياه'
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import operator
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain, compress, count, repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from arsumm.chars import LINE_BREAKS, SENTENCE_END, ZERO_WIDTH
from arsumm.checks import article, integer, real
from arsumm.errors import ConfigError, NoContentError
from arsumm.normalize import normalize_many
from arsumm.rank import FloatArray, pagerank_pairs
from arsumm.select import BudgetError
from arsumm.splitter import RuleSplitter, Splitter
from arsumm.stemmer import CachedStemmer, Stemmer, get_stemmer
from arsumm.stopwords import load_stopwords
from arsumm.summarizer import check_text

__all__ = ["Keyphrase", "KeyphraseIDF", "KeywordExtractor", "keywords"]

#: What the NoArabicError of text without an Arabic letter suggests.
_NO_ARABIC_REMEDY = "use KeywordExtractor(require_arabic=False) to extract from it anyway"

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# The clitics removed before a key is made and before a surface form is shown:
# conjunction, then preposition, then the article (which itself stays); or
# و/ف + لل (ل + the article with its alef elided): the rest is the bare noun.
# At the start of every line of a block of words (one word a line).
_STATIC_CLITIC_RE = re.compile(
    "(?m)^(?:[\u0648\u0641]?[\u0628\u0643\u0644]?(?=\u0627\u0644..)"
    "|[\u0648\u0641]?\u0644\u0644(?=..))"
)
# A lone conjunction or preposition before a word without the article; cut
# only where the document also has the word without it (وزارة is a word).
_LONE_CLITIC_RE = re.compile("^(?:[\u0648\u0641][\u0628\u0644]?|[\u0628\u0644])(?=...)")
_LONE_CLITIC_LINES_RE = re.compile(f"(?m){_LONE_CLITIC_RE.pattern}")  # a word a line

_PHRASE_SCORES = ("mean", "sum", "max")
_EDGE_WEIGHTS = ("count", "binary")


@dataclass(frozen=True, slots=True)
class Keyphrase:
    """One keyphrase of a document.

    Attributes
    ----------
    text : str
        The phrase as it appears most often in the document (ties: the
        earliest), without leading conjunction or preposition clitics. It is
        ``text[start:end]`` of one of its occurrences.
    score : float
        Higher is better; comparable within one document only.
    key : str
        The normalised stems of its words, joined by spaces: every surface
        form with this key is the same phrase.
    occurrences : tuple of (int, int)
        ``(start, end)`` of every occurrence in the caller's string, sorted
        and disjoint; ``text[start:end]`` is always an occurrence.

    Examples
    --------
    >>> p = Keyphrase("الطاقة الشمسية", 0.5, "طاق شمس", ((10, 24), (40, 55)))
    >>> p.count, p.start, p.end
    (2, 10, 24)
    """

    text: str
    score: float
    key: str
    occurrences: tuple[tuple[int, int], ...]

    def __reduce__(self) -> tuple[type[Keyphrase], tuple[Any, ...]]:
        # a plain tuple of fields: results travel between processes (Dask, Spark)
        return Keyphrase, (self.text, self.score, self.key, self.occurrences)

    @property
    def count(self) -> int:
        """Number of occurrences."""
        return len(self.occurrences)

    @property
    def start(self) -> int:
        """Start of the first occurrence."""
        return self.occurrences[0][0]

    @property
    def end(self) -> int:
        """End of the first occurrence."""
        return self.occurrences[0][1]

    def to_record(self) -> dict[str, Any]:
        """Return the keyphrase as a JSON-ready dict (``arsumm keywords --format json``).

        Examples
        --------
        >>> Keyphrase("الطاقة", 0.5, "طاق", ((3, 9),)).to_record()
        {'text': 'الطاقة', 'score': 0.5, 'key': 'طاق', 'occurrences': [[3, 9]]}
        """
        return {
            "text": self.text,
            "score": self.score,
            "key": self.key,
            "occurrences": [[start, end] for start, end in self.occurrences],
        }


class _Growing:
    """An int64 array that grows by doubling (the lexicon's columns)."""

    __slots__ = ("data", "size")

    def __init__(self) -> None:
        self.data = np.zeros(1024, dtype=np.int64)
        self.size = 0

    def extend(self, values: list[int] | IntArray) -> None:
        need = self.size + len(values)
        if need > self.data.size:
            grown = np.zeros(max(need, 2 * self.data.size), dtype=np.int64)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : need] = values
        self.size = need

    def view(self) -> IntArray:
        return self.data[: self.size]


class _Table:
    """Rows of int64 columns that grow by doubling (the lexicon's pieces)."""

    __slots__ = ("data", "size")

    def __init__(self, columns: int) -> None:
        self.data = np.zeros((1024, columns), dtype=np.int64)
        self.size = 0

    def extend(self, rows: IntArray) -> None:
        need = self.size + rows.shape[0]
        if need > self.data.shape[0]:
            grown = np.zeros((max(need, 2 * self.data.shape[0]), self.data.shape[1]), np.int64)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : need] = rows
        self.size = need

    def view(self) -> IntArray:
        return self.data[: self.size]


# The columns of a piece: its offsets in its chunk, its breaks, the raw characters
# of its leading clitics and of a lone clitic; then its word's: the word, candidate
# or not, its key, the word without a lone clitic and that word's key, definite.
_START, _END, _FLAGS, _CLITIC, _LONE, _WORD, _CAND, _KEY, _REST, _REST_KEY, _DEF = range(11)


class _Lexicon:
    """What one extractor remembers about chunks, pieces and words (internal).

    A chunk (a whitespace-free run of the text, ``"والمدينة،"``) is a list of
    pieces, rows ``c_ptr[c] : c_ptr[c] + c_count[c]`` of ``c_rows``, which
    holds piece numbers; a piece is one word of a chunk: its offsets in the
    chunk, the breaks on its sides (bits 1 and 2: punctuation, digits or
    symbols before or after it; bits 4 and 8: a sentence end before or after
    it), the raw characters of its leading clitics and of a lone clitic, its
    word; a word is one normalised form: candidate or not, its key, the word
    without a lone clitic (or -1), the letters of its clitics, definite or
    not. Pieces 0 and 1 stand for chunks without a word (``2024``, ``،``,
    ``.``): a break, and a break that ends a sentence.

    New chunks and new words are analysed a batch at a time (every chunk of
    a document that the lexicon has not seen), column by column.
    """

    def __init__(self, stem: CachedStemmer, stop: frozenset[str], taa_marbuta: bool) -> None:
        self.stem = stem
        self.stop = stop
        self.taa_marbuta = taa_marbuta
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.chunk_index: dict[str, int] = {}
        self.c_ptr, self.c_count, self.c_rows = _Growing(), _Growing(), _Growing()
        self.pieces = _Table(11)
        self.word_index: dict[str, int] = {}
        self.words: list[str] = []
        self.cand, self.key, self.rest = _Growing(), _Growing(), _Growing()
        self.strip, self.lone, self.definite = _Growing(), _Growing(), _Growing()
        self.key_index: dict[str, int] = {}
        self.keys: list[str] = []
        empty = self._word_ids([""])
        rows = self._piece_rows(np.zeros(2, np.int64), np.zeros(2, np.int64), np.array([3, 15]))
        rows[:, _WORD] = empty[0]  # pieces 0 and 1: a break, a break that ends a sentence
        self.pieces.extend(rows)

    def _piece_rows(self, start: IntArray, end: IntArray, flags: IntArray) -> IntArray:
        rows = np.zeros((start.size, 11), dtype=np.int64)
        rows[:, _START] = start
        rows[:, _END] = end
        rows[:, _FLAGS] = flags
        return rows

    def _fill_words(self, rows: IntArray, word: IntArray) -> None:
        """The word columns of piece ``rows`` (words never change once analysed)."""
        rows[:, _WORD] = word
        rows[:, _CAND] = self.cand.view()[word]
        key = self.key.view()
        rows[:, _KEY] = key[word]
        rest = self.rest.view()[word]
        rows[:, _REST] = rest
        rows[:, _REST_KEY] = key[np.maximum(rest, 0)]
        rows[:, _DEF] = self.definite.view()[word]

    def _word_ids(self, norms: list[str]) -> IntArray:
        """The ids of normalised words, analysing the new ones."""
        index = self.word_index
        ids = np.fromiter(map(index.get, norms, repeat(-1)), np.int64, len(norms))
        new = ids < 0
        if new.any():
            self._add_words(list(dict.fromkeys(_pick(norms, np.flatnonzero(new)))))
            ids = np.fromiter(map(index.__getitem__, norms), np.int64, len(norms))
        return ids

    def _add_words(self, norms: list[str]) -> None:
        """Analyse distinct words that are not in the lexicon yet, in order."""
        n = len(norms)
        base = len(self.words)
        self.word_index.update(zip(norms, range(base, base + n), strict=True))
        self.words.extend(norms)
        # the clitics every document agrees on (before ال, and لل): one pass over all
        joined = "\n".join(norms)
        block: str | None = joined
        stripped = _STATIC_CLITIC_RE.sub("", joined).split("\n")
        if len(stripped) != n:  # a word holds a line break (NFKC made one): one at a time
            stripped = [_STATIC_CLITIC_RE.sub("", w, count=1) for w in norms]
            block = None
        stop = self.stop
        length = np.fromiter(map(len, norms), np.int64, n)
        rest_length = np.fromiter(map(len, stripped), np.int64, n)
        strip = length - rest_length
        # a candidate: two letters or more without its clitics, neither form a stop word
        is_candidate = (
            (rest_length >= 2)
            & ~np.fromiter(map(stop.__contains__, norms), bool, n)
            & ~np.fromiter(map(stop.__contains__, stripped), bool, n)
            & np.fromiter(map(str.isalpha, norms), bool, n)
        )
        # keys: the stems of the candidates, numbered in order of first appearance
        words = list(compress(stripped, is_candidate.tolist()))
        stems = [st or s for st, s in zip(self.stem.stem_many(words), words, strict=True)]
        key_index = self.key_index
        new_keys = [st for st in dict.fromkeys(stems) if st not in key_index]
        key_index.update(zip(new_keys, count(len(self.keys))))
        self.keys.extend(new_keys)
        key = np.full(n, -1, dtype=np.int64)
        key[is_candidate] = np.fromiter(map(key_index.__getitem__, stems), np.int64, len(stems))
        self.cand.extend(is_candidate.astype(np.int64))
        self.key.extend(key)
        self.strip.extend(strip)
        # definite: it had the static clitics cut, or starts with the article
        definite = (strip > 0) | np.fromiter(
            map(str.startswith, stripped, repeat("\u0627\u0644")), bool, n
        )
        self.definite.extend(definite.astype(np.int64))
        self.rest.extend(np.full(n, -1, dtype=np.int64))
        self.lone.extend(np.zeros(n, dtype=np.int64))
        self._lone_clitics(norms, block, length, is_candidate & (strip == 0), base)

    def _lone_clitics(
        self, norms: list[str], block: str | None, length: IntArray, eligible: BoolArray, base: int
    ) -> None:
        """A lone clitic (و ف ب ل) before a candidate without the article: its word
        without it, where that is a candidate too. ``block`` is the words one a line
        (None if a word holds a line break), ``eligible`` the words that may have one."""
        if block is not None:  # one search over the block: its matches start lines
            spans = [m.span() for m in _LONE_CLITIC_LINES_RE.finditer(block)]
            found = np.array(spans, dtype=np.int64).reshape(-1, 2)
            line_start = np.cumsum(length + 1) - (length + 1)
            at = np.searchsorted(line_start, found[:, 0])
            cut = found[:, 1] - found[:, 0]
            keep = eligible[at]
            at, cut = at[keep], cut[keep]
        else:
            matches = [
                (i, _LONE_CLITIC_RE.match(norms[i])) for i in np.flatnonzero(eligible).tolist()
            ]
            pairs = [(i, m.end()) for i, m in matches if m is not None]
            at = np.array([i for i, _ in pairs], dtype=np.int64)
            cut = np.array([c for _, c in pairs], dtype=np.int64)
        if at.size == 0:
            return
        rest = self._word_ids(
            [norms[i][c:] for i, c in zip(at.tolist(), cut.tolist(), strict=True)]
        )
        keep = self.cand.view()[rest] != 0
        rows = base + at[keep]
        self.rest.view()[rows] = rest[keep]
        self.lone.view()[rows] = cut[keep]

    def learn(self, chunks: list[str]) -> None:
        """Analyse new chunks (distinct, not in the lexicon)."""
        splitter, break_re = _split_patterns()
        n = len(chunks)
        # 1. each chunk as gap, word, gap, ..., word, gap (most: "", word, "")
        split = splitter.split  # a chunk of letters only is one word: no regex
        parts = [("", c, "") if c.isalpha() else split(c) for c in chunks]
        sizes = np.fromiter(map(len, parts), np.int64, n)  # 2 * words + 1
        flat = list(chain.from_iterable(parts))
        lengths = np.fromiter(map(len, flat), np.int64, len(flat))
        ends = np.cumsum(lengths)
        # word t of chunk c is flat[f_base[c] + 2t + 1], between the gaps before and after it
        n_words = (sizes - 1) // 2
        f_base = np.cumsum(sizes) - sizes
        owner = np.repeat(np.arange(n), n_words)
        local = np.arange(owner.size) - np.repeat(np.cumsum(n_words) - n_words, n_words)
        at = f_base[owner] + 2 * local + 1
        raws = _pick(flat, at)
        # 2. the breaks in each gap (only the non-empty gaps can hold one)
        is_gap = np.ones(len(flat), dtype=bool)
        is_gap[at] = False
        gap_at = np.flatnonzero(is_gap & (lengths > 0))
        gap_texts = _pick(flat, gap_at)
        has_break = np.zeros(len(flat), dtype=np.int64)
        has_end = np.zeros(len(flat), dtype=np.int64)
        has_break[gap_at] = np.fromiter(map(bool, map(break_re.search, gap_texts)), bool)
        has_end[gap_at] = np.fromiter(map(bool, map(_END_RE.search, gap_texts)), bool)
        chunk_start = ends[f_base] - lengths[f_base]  # where each chunk begins in flat
        p_end = ends[at] - chunk_start[owner]
        p_start = p_end - lengths[at]
        p_flags = (
            has_break[at - 1]
            | (has_break[at + 1] << 1)
            | (has_end[at + 1] << 2)
            | (has_end[at - 1] << 3)
        )
        # chunks without a word: a break (that may end a sentence), or nothing
        counts = n_words.copy()
        empty = np.flatnonzero((n_words == 0) & (has_break[f_base] != 0))
        counts[empty] = 1
        # 3. the slots (pieces of each chunk, in order) and their piece numbers
        offsets = np.cumsum(counts) - counts
        base = self.pieces.size
        slot_piece = np.zeros(int(counts.sum()), dtype=np.int64)
        slot_piece[offsets[empty]] = has_end[f_base[empty]]  # piece 0 or 1
        word_slots = offsets[owner] + local
        slot_piece[word_slots] = base + np.arange(len(raws))
        # 4. the words
        norms = self._normalize(raws)
        word = self._word_ids(norms)
        strip, lone = self.strip.view()[word], self.lone.view()[word]
        p_clitic = strip.copy()
        p_lone = lone.copy()
        # diacritics or marks among the clitics: count raw characters
        marked = np.flatnonzero(
            ~np.fromiter(map(operator.eq, raws, norms), bool, len(raws))
            & ((strip > 0) | (lone > 0))
        )
        for g in marked.tolist():
            s, o = int(strip[g]), int(lone[g])
            p_clitic[g] = _raw_letters(raws[g], s) if s else 0
            p_lone[g] = _raw_letters(raws[g], o) if o else 0
        rows = self._piece_rows(p_start, p_end, p_flags)
        rows[:, _CLITIC] = p_clitic
        rows[:, _LONE] = p_lone
        self._fill_words(rows, word)
        self.pieces.extend(rows)
        # 5. the chunks
        first_slot = self.c_rows.size
        self.c_rows.extend(slot_piece)
        self.c_ptr.extend(first_slot + offsets)
        self.c_count.extend(counts)
        first = len(self.chunk_index)
        self.chunk_index.update(zip(chunks, range(first, first + n), strict=True))

    def _normalize(self, raws: list[str]) -> list[str]:
        """:func:`arsumm.normalize.normalize` of each raw word, in one call."""
        return normalize_many(raws, taa_marbuta=self.taa_marbuta)


def _pick(items: list[str], at: IntArray) -> list[str]:
    """``[items[i] for i in at]``, at C speed."""
    if at.size <= 1:
        return [items[i] for i in at.tolist()]
    return list(operator.itemgetter(*at.tolist())(items))


_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")


@functools.cache
def _keyword_stopwords() -> frozenset[str]:
    """``arsumm/data/keyword_stopwords_ar.txt``, with the و/ف forms."""
    raw = resources.files("arsumm").joinpath("data/keyword_stopwords_ar.txt").read_text("utf-8")
    base = {w for line in raw.splitlines() if (w := line.strip()) and not w.startswith("#")}
    return frozenset(base | {c + w for w in base for c in ("\u0648", "\u0641")})


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word (a letter, then letters and the characters normalisation deletes:
    :data:`arsumm.chars.ZERO_WIDTH`), and a break (a character that is neither
    a letter nor such a mark; whitespace never reaches these patterns)."""
    cls = "".join(re.escape(c) for c in ZERO_WIDTH)
    return re.compile(f"[^\\W\\d_](?:[^\\W\\d_]|[{cls}])*"), re.compile(f"[^{cls}]")


@functools.cache
def _split_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:func:`_patterns`, the word in a group: ``split`` gives gap, word, gap, ... word, gap."""
    word, gap = _patterns()
    return re.compile(f"({word.pattern})"), gap


@functools.cache
def _space_table() -> npt.NDArray[np.uint8]:
    """``table[c]``: 1 if code point c is whitespace for :meth:`str.split`, 2 if it
    is also a line break (:data:`arsumm.chars.LINE_BREAKS`), else 0; the last
    entry stands for every code point above U+3000 (none is whitespace)."""
    table = np.array([chr(c).isspace() for c in range(0x3002)], dtype=np.uint8)
    table[-1] = 0
    table[[ord(c) for c in LINE_BREAKS]] = 2
    return table


def _raw_letters(raw: str, letters: int) -> int:
    """Raw characters that hold the first ``letters`` letters of ``raw`` (and their marks)."""
    seen = 0
    for i, ch in enumerate(raw):
        if ch.isalpha():
            if seen == letters:
                return i
            seen += 1
    return len(raw) if seen == letters else 0


@dataclass(frozen=True, kw_only=True)
class KeywordExtractor:
    """A keyphrase extractor with a fixed configuration.

    All parameters are keyword-only and validated when the object is made.
    The defaults are the configuration measured in ``docs/keywords.md`` (the
    best on both dev sets, AKEC and Al-Logmani).

    A phrase's score is ``rank ** rank_weight * frequency ** frequency_weight
    * length_prior[words - 1] * (first / n) ** -position_weight``: ``rank`` is
    the mean PageRank of its words (1 for an average word), ``frequency``
    counts its occurrences (those inside a longer run of candidates count
    ``embedded_weight``), ``first / n`` is where it first occurs (a fraction
    of the document's words).

    Parameters
    ----------
    stemmer : str or Stemmer, default "arlstem"
        A built-in stemmer's name (see :func:`arsumm.stemmer.get_stemmer`) or
        any object with ``stem(token) -> str``: it makes the keys.
    stopwords : bool, default True
        The bundled stop words (:func:`arsumm.stopwords.load_stopwords`)
        break phrases and are never keyphrase words.
    extra_stopwords : bool, default True
        Also treat as stop words the words of
        ``arsumm/data/keyword_stopwords_ar.txt`` (units of time and counting,
        auxiliary verbs: «عام», «عدد», «يتم», «يمكن»), which are rarely
        keyphrases although they carry meaning for summaries.
    taa_marbuta : bool, default False
        Treat ``ة`` and ``ه`` as one letter when comparing words.
    splitter : Splitter, optional
        A sentence splitter (``split(text) -> list[Span]``) whose sentence
        ends break phrases and the co-occurrence window. By default the
        sentence ends are the terminal punctuation (``. ! ? ؟ …``) and line
        breaks, which every phrase breaks at anyway: the result is the same
        as with :class:`arsumm.splitter.RuleSplitter` on the dev sets, and
        faster.
    window : int, default 3
        Two candidate words are linked when at most ``window - 1`` candidates
        separate them in one sentence (stop words are skipped).
    edge_weight : {"count", "binary"}, default "count"
        Edge weight: the number of such co-occurrences, or 1.
    damping : float, default 0.85
        PageRank damping factor, in [0, 1).
    position_bias : float, default 0.0
        PositionRank's teleport: a word weighs the sum of
        ``1 / position ** position_bias`` over its occurrences; 0 is
        TextRank's uniform teleport.
    max_words : int, default 3
        Longest phrase, in words (at most 6).
    phrase_score : {"mean", "sum", "max"}, default "mean"
        How a phrase's words' ranks combine into its ``rank``.
    rank_weight : float, default 0.25
        Exponent of the rank; 0 ranks phrases by frequency, length and
        position alone.
    frequency_weight : float, default 1.0
        Exponent of the phrase's frequency.
    embedded_weight : float, default 0.5
        What an occurrence inside a longer run of candidates counts, in [0, 1].
    length_prior : tuple of float, default (1.0, 8.0, 9.0)
        Factor of a phrase of 1, 2, 3... words (the last value goes on for
        longer phrases); ``()`` for none.
    position_weight : float, default 0.3
        Exponent of the first occurrence's relative position (earlier is better).
    redundancy : bool, default False
        Skip a phrase that lies inside a phrase already chosen («مجلس الأمن»
        after «مجلس الأمن الدولي»).
    idf : KeyphraseIDF, optional
        Word weights from a corpus (see :meth:`fit`); none by default.
    idf_weight : float, default 1.0
        Exponent of the IDF in a word's rank (with ``idf``).
    require_arabic : bool, default True
        Raise :class:`arsumm.NoArabicError` for text without an Arabic letter.

    Examples
    --------
    >>> import arsumm
    >>> extractor = KeywordExtractor(max_words=2)
    >>> [p.text for p in extractor.extract(arsumm.demo_text(), k=2)]
    ['تحلية المياه', 'الطاقة الشمسية']
    >>> KeywordExtractor(window=1)
    Traceback (most recent call last):
    ...
    arsumm.errors.ConfigError: window must be an integer >= 2, got 1
    """

    stemmer: str | Stemmer = "arlstem"
    stopwords: bool = True
    extra_stopwords: bool = True
    taa_marbuta: bool = False
    splitter: Splitter | None = None
    window: int = 3
    edge_weight: str = "count"
    damping: float = 0.85
    position_bias: float = 0.0
    max_words: int = 3
    phrase_score: str = "mean"
    rank_weight: float = 0.25
    frequency_weight: float = 1.0
    position_weight: float = 0.3
    embedded_weight: float = 0.5
    redundancy: bool = False
    definiteness: bool = True
    length_prior: tuple[float, ...] = (1.0, 8.0, 9.0)
    idf: KeyphraseIDF | None = None
    idf_weight: float = 1.0
    require_arabic: bool = True
    _lexicon: _Lexicon = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # stored as int and float (any Integral or Real is accepted, as by Summarizer)
        object.__setattr__(self, "window", integer("window", self.window, low=2))
        object.__setattr__(self, "max_words", integer("max_words", self.max_words, low=1, high=6))
        for name, high in (
            ("damping", 0.999999),
            ("position_bias", math.inf),
            ("frequency_weight", math.inf),
            ("position_weight", 5.0),
            ("embedded_weight", 1.0),
            ("idf_weight", 5.0),
            ("rank_weight", 5.0),
        ):
            object.__setattr__(self, name, real(name, getattr(self, name), low=0.0, high=high))
        if not isinstance(self.length_prior, tuple):
            raise TypeError(
                f"length_prior must be a tuple of numbers, got {type(self.length_prior).__name__}"
            )
        prior = tuple(real("length_prior values", value, low=0.0) for value in self.length_prior)
        object.__setattr__(self, "length_prior", prior)
        if self.idf is not None and not isinstance(self.idf, KeyphraseIDF):
            raise TypeError(f"idf must be a KeyphraseIDF, got {type(self.idf).__name__}")
        if self.edge_weight not in _EDGE_WEIGHTS:
            raise ConfigError(
                f"edge_weight must be one of {', '.join(map(repr, _EDGE_WEIGHTS))}, "
                f"got {self.edge_weight!r}"
            )
        if self.phrase_score not in _PHRASE_SCORES:
            raise ConfigError(
                f"phrase_score must be one of {', '.join(map(repr, _PHRASE_SCORES))}, "
                f"got {self.phrase_score!r}"
            )
        for name in (
            "stopwords",
            "extra_stopwords",
            "taa_marbuta",
            "redundancy",
            "definiteness",
            "require_arabic",
        ):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if self.splitter is not None and (
            isinstance(self.splitter, str) or not callable(getattr(self.splitter, "split", None))
        ):
            raise TypeError(
                f"splitter must have a .split(text) method, got {type(self.splitter).__name__}"
            )
        if not isinstance(self.stemmer, str) and not callable(getattr(self.stemmer, "stem", None)):
            raise TypeError(
                f"stemmer must be a name or have a .stem(token) method, "
                f"got {type(self.stemmer).__name__}"
            )
        object.__setattr__(
            self,
            "_lexicon",
            _lexicon_for(self.stemmer, self.stopwords, self.extra_stopwords, self.taa_marbuta),
        )

    def __getstate__(self) -> dict[str, object]:
        """Pickle the configuration, not the lexicon (a worker process builds its own)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    @property
    def builtin_components(self) -> bool:
        """Whether every component is one of arsumm's own (no plug-in of yours).

        As :attr:`arsumm.Summarizer.builtin_components`: only then does
        :func:`arsumm.summarize_many` work in the calling process beside its
        workers, and keep them for the next call.

        Examples
        --------
        >>> KeywordExtractor().builtin_components
        True
        >>> class Upper:
        ...     def stem(self, token):
        ...         return token.upper()
        >>> KeywordExtractor(stemmer=Upper()).builtin_components
        False
        """
        return (
            isinstance(self.stemmer, str)
            and (self.splitter is None or type(self.splitter) is RuleSplitter)
            and (self.idf is None or type(self.idf) is KeyphraseIDF)
        )

    # -- pipeline -----------------------------------------------------------
    def _check(self, text: object) -> str:
        text = article(
            check_text(text),
            require_arabic=self.require_arabic,
            remedy=_NO_ARABIC_REMEDY,
        )
        return text

    def _tokens(self, text: str) -> _Tokens:
        chunks = text.split()
        n_chunks = len(chunks)
        # where each chunk starts, and the line breaks (which end a sentence):
        # the code points through a table of whitespace classes, one pass
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        table = _space_table()
        kind = table[np.minimum(points, table.size - 1)]
        space = np.empty(points.size + 1, dtype=bool)
        space[0] = True
        np.not_equal(kind, 0, out=space[1:])
        chunk_start = np.flatnonzero(~space[1:] & space[:-1])
        breaks = np.flatnonzero(kind == 2)
        lex = self._lexicon
        with lex.lock:
            ids = _lookup(lex, chunks)
            counts = lex.c_count.view()[ids]
            ptr = lex.c_ptr.view()[ids]
            total = int(counts.sum())
            if total == n_chunks and (counts == 1).all():
                chunk_of = np.arange(n_chunks)
                pieces = lex.c_rows.view()[ptr]
            else:
                chunk_of = np.repeat(np.arange(n_chunks), counts)
                offsets = np.cumsum(counts) - counts
                within = np.arange(total) - offsets[chunk_of]
                pieces = lex.c_rows.view()[ptr[chunk_of] + within]
            # one gather; then a contiguous row per field
            rows = np.ascontiguousarray(lex.pieces.view()[pieces].T)
            keys = lex.keys
            n_words = len(lex.words)
        word = rows[_WORD]
        flags = rows[_FLAGS]
        start = chunk_start[chunk_of] + rows[_START]
        end = chunk_start[chunk_of] + rows[_END]
        clitic = rows[_CLITIC]
        cand = rows[_CAND].astype(bool)
        key = rows[_KEY]
        rest = rows[_REST]
        rest_key = rows[_REST_KEY]
        definite = rows[_DEF].astype(bool)
        rest_clitic = rows[_LONE]
        # boundary[i]: a sentence ends between tokens i - 1 and i
        boundary = np.zeros(total, dtype=bool)
        if total > 1:
            boundary[1:] = ((flags[:-1] & 4) != 0) | ((flags[1:] & 8) != 0)
            if breaks.size:
                lines = np.searchsorted(breaks, start)
                boundary[1:] |= lines[1:] != lines[:-1]
        return _Tokens(
            word,
            flags,
            start,
            end,
            clitic,
            cand,
            key,
            rest,
            rest_key,
            rest_clitic,
            definite,
            boundary,
            keys,
            n_words,
        )

    def extract(self, text: str, k: int = 10) -> list[Keyphrase]:
        """Return the ``k`` best keyphrases of ``text``, best first.

        Parameters
        ----------
        text : str
            The document.
        k : int, default 10
            Number of keyphrases (fewer if the document has fewer).

        Returns
        -------
        list of Keyphrase
            At least one.

        Raises
        ------
        TypeError
            ``text`` is not a str, ``k`` not an int.
        EmptyTextError, NoArabicError, NoContentError
            The text has nothing to extract from.
        """
        integer("k", k, low=1, error=BudgetError)
        text = self._check(text)
        return self._extract(text, k)

    def _extract(self, text: str, k: int) -> list[Keyphrase]:
        tok = self._tokens(text)
        n_tok = tok.word.size
        cand_pos = np.flatnonzero(tok.cand)
        if cand_pos.size == 0:
            raise NoContentError(
                "no candidate words left after removing punctuation, digits and stop "
                "words; the text needs at least one content word"
            )
        sentence: IntArray
        if self.splitter is None:
            sentence = np.cumsum(tok.boundary, dtype=np.int64)
        else:
            spans = self.splitter.split(text)
            ends = np.fromiter((s.end for s in spans), dtype=np.int64, count=len(spans))
            sentence = np.searchsorted(ends, tok.start, side="right").astype(np.int64)
        # joined[i]: tokens i and i + 1 are adjacent candidates of one phrase
        joined = np.zeros(n_tok, dtype=bool)
        if n_tok > 1:
            joined[:-1] = (
                tok.cand[:-1]
                & tok.cand[1:]
                & ((tok.flags[:-1] & 2) == 0)
                & ((tok.flags[1:] & 1) == 0)
                & (sentence[:-1] == sentence[1:])
            )
            if self.definiteness:
                # a noun phrase never goes from a definite word to an indefinite one
                joined[:-1] &= ~(tok.definite[:-1] & ~tok.definite[1:])
        _resolve_lone_clitics(tok)
        # nodes: the document's candidate keys
        node_keys, first, node = np.unique(
            tok.key[cand_pos], return_index=True, return_inverse=True
        )
        # number the nodes by first occurrence: the same for a text in any process
        order = np.argsort(first, kind="stable")
        rename = np.empty_like(order)
        rename[order] = np.arange(order.size)
        node_keys = node_keys[order]
        node = rename[node.ravel()]
        n_nodes = node_keys.size
        scores = self._rank(node, sentence[cand_pos], cand_pos, n_nodes)
        if self.idf is not None and self.idf_weight:
            weights = self.idf.weights([tok.keys[i] for i in node_keys.tolist()])
            scores = scores * weights**self.idf_weight
        # where each node first occurs (among the candidates): increasing, by its numbering
        first_of_node = first[order]
        return self._phrases(text, tok, joined, cand_pos, node, node_keys, first_of_node, scores, k)

    def _rank(
        self, node: IntArray, sentence: IntArray, position: IntArray, n_nodes: int
    ) -> FloatArray:
        rows: list[IntArray] = []
        cols: list[IntArray] = []
        for d in range(1, self.window):
            if d >= node.size:
                break
            a, b = node[:-d], node[d:]
            keep = (sentence[:-d] == sentence[d:]) & (a != b)
            rows.append(a[keep])
            cols.append(b[keep])
        if rows:
            row = np.concatenate(rows)
            col = np.concatenate(cols)
        else:
            row = col = np.zeros(0, dtype=np.int64)
        teleport: FloatArray | None = None
        if self.position_bias > 0:
            teleport = np.bincount(
                node, weights=1.0 / (position + 1.0) ** self.position_bias, minlength=n_nodes
            ).astype(np.float64)
        return pagerank_pairs(
            n_nodes,
            row,
            col,
            binary=self.edge_weight == "binary",
            damping=self.damping,
            personalization=teleport,
            tol=_TOLERANCE,
        )

    def _phrases(
        self,
        text: str,
        tok: _Tokens,
        joined: BoolArray,
        cand_pos: IntArray,
        node: IntArray,
        node_keys: IntArray,
        first_of_node: IntArray,
        scores: FloatArray,
        k: int,
    ) -> list[Keyphrase]:
        n_tok = tok.word.size
        node_of = np.full(n_tok, -1, dtype=np.int64)
        node_of[cand_pos] = node
        word_score = np.zeros(n_tok)
        word_score[cand_pos] = scores[node]
        occ, u_first, u_score, u_len, u_id = self._candidates(
            joined, cand_pos, node_of, word_score, node_keys, first_of_node
        )
        chosen = self._choose(node_of, u_score, u_first, u_len, k)
        # the occurrences of the chosen phrases, grouped by phrase in document order
        lengths = [int(u_len[u]) for u in chosen]
        found = _occurrence_starts(chosen, lengths, occ, u_id)
        # their offsets, in one pass: each phrase's occurrences follow one another
        every = np.concatenate([found[u] for u in chosen])
        last = np.concatenate([found[u] + (n - 1) for u, n in zip(chosen, lengths, strict=True)])
        begins = (tok.start[every] + tok.clitic[every]).tolist()
        ends = tok.end[last].tolist()
        tokens = every.tolist()
        result = []
        at = 0
        for u, length in zip(chosen, lengths, strict=True):
            count = found[u].size
            first = tokens[at]
            key = " ".join(tok.keys[i] for i in node_keys[node_of[first : first + length]].tolist())
            span = slice(at, at + count)
            occurrences = _disjoint(tokens[span], begins[span], ends[span], length)
            result.append(_keyphrase(text, occurrences, float(u_score[u]), key))
            at += count
        return result

    def _candidates(
        self,
        joined: BoolArray,
        cand_pos: IntArray,
        node_of: IntArray,
        word_score: FloatArray,
        node_keys: IntArray,
        first_of_node: IntArray,
    ) -> tuple[list[tuple[IntArray, IntArray]], IntArray, FloatArray, IntArray, IntArray]:
        """Every run of 1 to ``max_words`` joined candidates, as a phrase, scored.

        Returns the occurrences of each length (their first tokens and their
        phrase ids, numbered apart for each length) and, for every phrase,
        the first token of its first occurrence, its score, length and id.
        """
        n_tok = node_of.size
        base = np.int64(node_keys.size)
        n_words = float(node_keys.size)
        # one entry per length: occurrence starts, phrase ids (compact, per length)
        occ: list[tuple[IntArray, IntArray]] = []
        cand_first: list[IntArray] = []
        cand_score: list[FloatArray] = []
        cand_len: list[IntArray] = []
        cand_id: list[IntArray] = []
        starts = cand_pos
        last = cand_pos
        ident = node_of[cand_pos]
        total = word_score[cand_pos].copy()
        best = total.copy()
        for length in range(1, self.max_words + 1):
            if length > 1:
                ok = last < n_tok - 1
                ok[ok] = joined[last[ok]]
                starts, last, ident, total, best = (
                    starts[ok],
                    last[ok] + 1,
                    ident[ok],
                    total[ok],
                    best[ok],
                )
                if starts.size == 0:
                    break
                nxt = node_of[last]
                ident = ident * base + nxt
                total = total + word_score[last]
                best = np.maximum(best, word_score[last])
            if length == 1:  # the nodes themselves: numbered 0..n-1 by first occurrence
                uniq, first = node_keys, first_of_node
                freq = np.bincount(ident, minlength=node_keys.size)
            else:
                uniq, first, inverse, freq = np.unique(
                    ident, return_index=True, return_inverse=True, return_counts=True
                )
                ident = inverse.ravel().astype(np.int64)  # compact ids keep the next product small
            occ.append((starts, ident))
            s = self._phrase_rank(total, best, first, length, n_words)
            frequency = freq.astype(np.float64)
            if self.embedded_weight != 1.0:
                # an occurrence inside a longer run of candidates counts less
                left = starts == 0
                left[~left] = ~joined[starts[~left] - 1]
                closed = left & ~joined[last]
                whole = np.bincount(ident, weights=closed, minlength=uniq.size)
                frequency = whole + self.embedded_weight * (frequency - whole)
            s = s * np.maximum(frequency, 1e-3) ** self.frequency_weight
            if self.length_prior:
                prior = self.length_prior
                s = s * prior[min(length, len(prior)) - 1]
            if self.position_weight:
                s = s * ((starts[first] + 1.0) / n_tok) ** -self.position_weight
            cand_first.append(starts[first])
            cand_score.append(s)
            cand_len.append(np.full(uniq.size, length, dtype=np.int64))
            cand_id.append(np.arange(uniq.size, dtype=np.int64))
        return (
            occ,
            np.concatenate(cand_first),
            np.concatenate(cand_score),
            np.concatenate(cand_len),
            np.concatenate(cand_id),
        )

    def _phrase_rank(
        self, total: FloatArray, best: FloatArray, first: IntArray, length: int, n_words: float
    ) -> FloatArray:
        """``rank ** rank_weight`` of the phrases of ``length`` words whose
        occurrences ``first`` index, from their words' total and best scores."""
        if self.phrase_score == "mean":
            s = total[first] / length
        elif self.phrase_score == "sum":
            s = total[first]
        else:
            s = best[first]
        if self.rank_weight != 1.0:
            s = (s * n_words) ** self.rank_weight  # the mean word scores 1
        return s

    def _choose(
        self, node_of: IntArray, u_score: FloatArray, u_first: IntArray, u_len: IntArray, k: int
    ) -> list[int]:
        """The ``k`` best candidate phrases, leaving out those that repeat a
        word and, with ``redundancy``, those inside a phrase already chosen."""
        chosen: list[int] = []
        chosen_nodes: list[set[int]] = []
        chosen_seqs: list[tuple[int, ...]] = []
        for u in _best_first(u_score, u_first, u_len, max(4 * k, 64)):
            start = int(u_first[u])
            length = int(u_len[u])
            seq = tuple(node_of[start : start + length].tolist())
            if length > 1 and len(set(seq)) < length:  # «المدينة والمدينة»
                continue
            if self.redundancy and _redundant(seq, chosen_nodes, chosen_seqs):
                continue
            chosen.append(u)
            chosen_nodes.append(set(seq))
            chosen_seqs.append(seq)
            if len(chosen) >= k:
                break
        return chosen

    def document_keys(self, text: str) -> set[str]:
        """The keys of the candidate words of ``text`` (what :meth:`fit` counts).

        Examples
        --------
        >>> sorted(KeywordExtractor(stemmer="none").document_keys("في المدينة والمدينة القديمة"))
        ['القديمة', 'المدينة']
        """
        tok = self._tokens(self._check(text))
        _resolve_lone_clitics(tok)
        return {tok.keys[i] for i in np.unique(tok.key[tok.cand]).tolist()}

    def fit(self, corpus: Iterable[str]) -> KeywordExtractor:
        """Return a copy whose word weights include an IDF learned from ``corpus``.

        Every document must be a text :meth:`extract` accepts (the same errors).

        Examples
        --------
        >>> fitted = KeywordExtractor().fit(["المطر غزير في عمان", "المطر قليل في العقبة"])
        >>> fitted.idf.n_documents
        2
        """
        counts: Counter[str] = Counter()
        n = 0
        for text in corpus:
            counts.update(self.document_keys(text))
            n += 1
        return dataclasses.replace(self, idf=KeyphraseIDF(n, dict(counts)))

    def keywords(self, text: str, k: int = 10) -> list[Keyphrase]:
        """Alias of :meth:`extract`."""
        return self.extract(text, k)


_LEXICONS: dict[tuple[str, bool, bool, bool], _Lexicon] = {}
_LEXICONS_LOCK = threading.Lock()


def _lexicon_for(
    stemmer: str | Stemmer, stopwords: bool, extra_stopwords: bool, taa_marbuta: bool
) -> _Lexicon:
    """The lexicon of these word settings: one per process for a built-in stemmer
    (every extractor with these settings shares what was analysed), else one of
    the extractor's own (a stemmer object may change under it)."""
    if not isinstance(stemmer, str):
        return _Lexicon(
            CachedStemmer(stemmer), _stop_words(stopwords, extra_stopwords), taa_marbuta
        )
    setting = (stemmer, stopwords, extra_stopwords, taa_marbuta)
    with _LEXICONS_LOCK:
        lexicon = _LEXICONS.get(setting)
        if lexicon is None:
            stem = get_stemmer(stemmer)  # checks the name
            stop = _stop_words(stopwords, extra_stopwords)
            lexicon = _LEXICONS[setting] = _Lexicon(stem, stop, taa_marbuta)
    return lexicon


def _stop_words(stopwords: bool, extra_stopwords: bool) -> frozenset[str]:
    stop = load_stopwords() if stopwords else frozenset()
    return stop | _keyword_stopwords() if extra_stopwords else stop


def _best_first(score: FloatArray, first: IntArray, length: IntArray, head: int) -> Iterator[int]:
    """Candidate phrases best first (ties: the earlier, then the shorter), lazily.

    The order of ``np.lexsort((length, first, -np.round(score, 12)))``; only
    the ``head`` best (and those tied with the last of them) are sorted
    first, since a few dozen are usually all the choice looks at.
    """
    key = -np.round(score, 12)
    if key.size > head:
        cut = np.partition(key, head - 1)[head - 1]
        groups = [np.flatnonzero(key <= cut), np.flatnonzero(key > cut)]
    else:
        groups = [np.arange(key.size)]
    for group in groups:  # every score of the first group is above every one of the second
        order = np.lexsort((length[group], first[group], key[group]))
        yield from group[order].tolist()


def _occurrence_starts(
    chosen: list[int],
    lengths: list[int],
    occ: list[tuple[IntArray, IntArray]],
    u_id: IntArray,
) -> dict[int, IntArray]:
    """The first tokens of each chosen phrase's occurrences, in document order."""
    found: dict[int, IntArray] = {}
    for length in set(lengths):
        starts, ident = occ[length - 1]
        wanted = [u for u, n in zip(chosen, lengths, strict=True) if n == length]
        order = np.argsort(ident, kind="stable")  # stable: document order within a phrase
        ids = u_id[wanted]
        low = np.searchsorted(ident[order], ids, side="left")
        high = np.searchsorted(ident[order], ids, side="right")
        for u, a, b in zip(wanted, low.tolist(), high.tolist(), strict=True):
            found[u] = starts[order[a:b]]
    return found


def _lookup(lex: _Lexicon, chunks: list[str]) -> IntArray:
    """The chunk ids of ``chunks``, learning the new ones (call with the lock held)."""
    index = lex.chunk_index
    ids = np.fromiter(map(index.get, chunks, repeat(-1)), dtype=np.int64, count=len(chunks))
    missing = np.flatnonzero(ids < 0)
    if missing.size:
        unseen = _pick(chunks, missing)
        new = list(dict.fromkeys(unseen))
        if len(index) + len(new) > _MAX_CHUNKS:  # start again, with this document's chunks
            lex.reset()
            index = lex.chunk_index
            lex.learn(list(dict.fromkeys(chunks)))
            return np.fromiter(map(index.__getitem__, chunks), np.int64, len(chunks))
        lex.learn(new)
        ids[missing] = np.fromiter(map(index.__getitem__, unseen), np.int64, len(unseen))
    return ids


def _disjoint(
    tokens: list[int], begins: list[int], ends: list[int], length: int
) -> list[tuple[int, int]]:
    """The offsets of a phrase's occurrences (of ``length`` words from token
    ``tokens[i]``), each one overlapping an earlier one left out (e.g. "A A A")."""
    pairs = list(zip(begins, ends, strict=True))
    if length == 1 or all(b - a >= length for a, b in itertools.pairwise(tokens)):
        return pairs
    kept: list[tuple[int, int]] = []
    last_token = -1
    for i, pair in zip(tokens, pairs, strict=True):
        if i > last_token:
            last_token = i + length - 1
            kept.append(pair)
    return kept


def _keyphrase(text: str, occurrences: list[tuple[int, int]], score: float, key: str) -> Keyphrase:
    """The :class:`Keyphrase`: its text is its most frequent form (ties: the earliest)."""
    forms = Counter(text[a:b] for a, b in occurrences)
    best = max(forms.values())
    surface = next(text[a:b] for a, b in occurrences if forms[text[a:b]] == best)
    return Keyphrase(surface, score, key, tuple(occurrences))


def _resolve_lone_clitics(tok: _Tokens) -> None:
    """A lone clitic (و ف ب ل) is one where the document also has the word without it."""
    lone = tok.rest >= 0
    if lone.any():
        doc_words = np.zeros(tok.n_words, dtype=bool)
        doc_words[tok.word] = True
        lone[lone] = doc_words[tok.rest[lone]]
        tok.key[lone] = tok.rest_key[lone]
        tok.clitic[lone] = tok.rest_clitic[lone]


@dataclass(frozen=True)
class KeyphraseIDF:
    """Document frequencies of word keys over a corpus (see :meth:`KeywordExtractor.fit`).

    A word's weight is ``log((n_documents + 1) / (df + 1)) + 1``; a key the
    corpus never saw counts as rare.

    Examples
    --------
    >>> idf = KeyphraseIDF(3, {"مطر": 3, "عمان": 1})
    >>> [round(float(w), 3) for w in idf.weights(["مطر", "عمان", "جديد"])]
    [1.0, 1.693, 2.386]
    """

    n_documents: int
    document_frequency: dict[str, int] = field(repr=False)

    def weights(self, keys: Iterable[str]) -> FloatArray:
        """The IDF of each key."""
        get = self.document_frequency.get
        df = np.fromiter((get(key, 0) for key in keys), dtype=np.float64)
        result: FloatArray = np.log((self.n_documents + 1.0) / (df + 1.0)) + 1.0
        return result


def _redundant(
    seq: tuple[int, ...], chosen_nodes: list[set[int]], chosen_seqs: list[tuple[int, ...]]
) -> bool:
    words = set(seq)
    for nodes, other in zip(chosen_nodes, chosen_seqs, strict=True):
        if words <= nodes and len(other) > len(seq) and _contains(other, seq):
            return True
    return False


def _contains(seq: tuple[int, ...], part: tuple[int, ...]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


@dataclass(frozen=True)
class _Tokens:
    """The words of one document, as arrays (internal)."""

    word: IntArray
    flags: IntArray
    start: IntArray
    end: IntArray
    clitic: IntArray
    cand: BoolArray
    key: IntArray
    rest: IntArray
    rest_key: IntArray
    rest_clitic: IntArray
    definite: BoolArray
    boundary: BoolArray
    keys: list[str]
    n_words: int  # the lexicon's words when the tokens were made (word ids are below)


_MAX_CHUNKS = 1 << 20
# PageRank's stopping rule: the phrase score takes the rank to the power 0.25,
# so six digits are more than enough (the default 1e-10 costs twice the steps)
_TOLERANCE = 1e-5
_DEFAULT: KeywordExtractor | None = None


def keywords(text: str, k: int = 10, **options: object) -> list[Keyphrase]:
    """Return the ``k`` best keyphrases of ``text``, best first.

    Parameters
    ----------
    text : str
        The document.
    k : int, default 10
        Number of keyphrases.
    **options
        Keyword arguments of :class:`KeywordExtractor`.

    Examples
    --------
    >>> text = "عقد مجلس الأمن الدولي جلسة طارئة. وقال رئيس مجلس الأمن الدولي إن "
    >>> text += "الجلسة تناولت الأزمة."
    >>> best = keywords(text, k=3)[0]
    >>> best.text, best.key, best.occurrences
    ('مجلس الأمن الدولي', 'مجلس امن دولي', ((4, 21), (44, 61)))
    """
    global _DEFAULT
    if options:
        extractor = KeywordExtractor(**options)  # type: ignore[arg-type]
    else:
        if _DEFAULT is None:
            _DEFAULT = KeywordExtractor()
        extractor = _DEFAULT
    return extractor.extract(text, k)
