"""Rule-based sentence splitter for Arabic text, with offsets into the input.

The splitter makes one left-to-right pass over the text (regular expressions
without backtracking-prone patterns, and a bounded look-back of a few
characters), so its time is linear in the length of the text.

Boundaries
    ``. ! ? ؟ … ۔`` and runs of them (``؟!``, ``!!!``, ``...``), followed by
    whitespace, the end of the text, an opening quote or bracket, or an
    Arabic letter (``نوح.و``). Closing quotes and brackets right after the
    run (``" » ” ) ﴾``) stay in the sentence they close. A blank line. A
    single line break, unless the text is hard-wrapped (most lines broken
    near the same width without final punctuation): then a line break that
    the wrapping width explains joins the two lines.
Not boundaries
    ``، ؛ : ;`` and ``,``; decimals and versions (``3.5``, ``2.4.1``);
    abbreviations (single letters such as ``د.``, dotted forms such as
    ``أ.د.``, ``ص.ب.``, ``ق.م.``, ``U.S.``, and listed words such as
    ``إلخ.`` and ``Inc.``); the number of a list item at the start of a
    line (``1. البند``); periods inside URLs and e-mail addresses.

Every non-space character of the input lies in exactly one returned span.
A stretch without letters or digits (a lone ``*``, a row of dashes, an
invisible mark) is attached to the sentence before it instead of becoming a
sentence of its own. A sentence longer than ``max_chars`` characters is cut
at whitespace, preferring a point after ``،``, ``؛`` or ``:``.

Examples
--------
>>> from arsumm.splitter import split_sentences
>>> text = "قال د. أحمد: بلغت النسبة 3.5% هذا العام. هل تتحسن؟ «نعم.» ثم مضى"
>>> [s.text for s in split_sentences(text)]
['قال د. أحمد: بلغت النسبة 3.5% هذا العام.', 'هل تتحسن؟', '«نعم.»', 'ثم مضى']
>>> span = split_sentences(text)[1]
>>> text[span.start:span.end] == span.text
True
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

from arsumm.chars import (
    ARABIC_LETTER_RE,
    CLOSERS,
    FORMAT_CHARS,
    LINE_BREAKS,
    OPENERS,
    SENTENCE_END,
    ZERO_WIDTH,
)
from arsumm.checks import boolean, integer
from arsumm.normalize import normalize

__all__ = ["RuleSplitter", "Span", "Splitter", "split_sentences"]

_SOFT_BREAK_PREFERENCE = "\u060c\u061b:;,"  # ، ؛ : ; ,
_BULLETS = "*-\u2022\u25cf\u25aa\u25a0\u2013\u2014\u0640\u00b7>#"

# A terminal run and the closers glued to it.
_PUNCT_RE = re.compile(f"[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSERS + FORMAT_CHARS)}]*")
_BREAK_CHARS = LINE_BREAKS
# A line break, or a run of them with only spaces between (blank lines).
_LINE_BREAK_RUN_RE = re.compile(
    f"(?:\r\n|[{_BREAK_CHARS}])(?:[^\\S{_BREAK_CHARS}]*(?:\r\n|[{_BREAK_CHARS}]))*"
)
# URLs and e-mail addresses; trailing sentence punctuation is trimmed later.
_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    # The look-behind starts an address only where its run of address
    # characters starts: without it a long run with no "@" is rescanned from
    # every position (quadratic time; tests/test_regressions.py).
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
_URL_ANCHOR_RE = re.compile(r"://|www\.|@", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s")
_URL_TRAILING = ".,;:!?\u061f\u060c\u061b)]}\"'\u00bb\u201d\u2019"
_HAS_CONTENT_RE = re.compile(r"[^\W_]")
_DOTTED_ABBREV_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_NUMBER_RE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}")
_DIGITS = frozenset(
    "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
)

#: Words that end with a period without ending the sentence (compared after
#: normalisation and case folding). Single letters and dotted forms such as
#: ``ص.ب`` are recognised by shape and need not be listed.
ABBREVIATIONS = frozenset(
    {
        # Arabic (normalised: إلخ -> الخ, اهـ -> اه)
        "الخ",
        "اه",
        # Latin
        *("inc", "ltd", "co", "corp", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr"),
        *("vs", "etc", "e.g", "i.e", "no", "nos", "vol", "pp", "fig", "approx", "dept", "est"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)

#: Abbreviations that can also end a sentence (normalised): era markers (م
#: ميلادي, هـ هجري, ق.م. قبل الميلاد, ب.م.) and «إلخ.» / «اهـ.»; after one of
#: them a period ends the sentence when the next word clearly opens a new one.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"م", "ه", "ق.م", "ب.م", "الخ", "اه"})
# A year, then a one-letter era marker (with marks or tatweel) just before a period.
_YEAR_BEFORE_RE = re.compile(
    f"[0-9\u0660-\u0669\u06f0-\u06f9][ \t\u00a0]*[\u0645\u0647][{ZERO_WIDTH}]*\\Z"
)
# Whitespace (not a line break, which is a boundary anyway) and the next word.
_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([^\s]+)")

_MAX_ABBREV_LOOKBACK = 12
_WORD_CUTS = " \t\n\r\u00a0(\u00ab\"'\u201c"
_WORD_CUT_SET = frozenset(_WORD_CUTS)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as a slice of the original text.

    Attributes
    ----------
    start, end : int
        Offsets into the caller's string: ``text[start:end] == span.text``.
    text : str
        The sentence exactly as it appears in the input.

    Examples
    --------
    >>> Span(0, 4, "جملة")
    Span(start=0, end=4, text='جملة')
    """

    start: int
    end: int
    text: str


@runtime_checkable
class Splitter(Protocol):
    """Anything with a ``split(text) -> list[Span]`` method.

    The spans must be sorted, must not overlap and must satisfy
    ``text[span.start:span.end] == span.text``.
    """

    def split(self, text: str) -> list[Span]:
        """Return the sentences of ``text`` as spans."""
        ...


# Characters that take no room on a line: marks, tatweel, format characters.
_ZERO_WIDTH = str.maketrans(dict.fromkeys(ZERO_WIDTH))
_ZERO_WIDTH_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _ZERO_WIDTH) + "]")


class _Line(NamedTuple):  # a tuple: made once per line, it must be cheap
    start: int  # offset of the first character of the line
    end: int  # offset just past its last non-whitespace character
    content_start: int  # offset of its first non-whitespace character
    brk: int  # offset of the line break that ends it (== len(text) for the last)

    @property
    def blank(self) -> bool:
        return self.content_start >= self.end


def _line(text: str, start: int, brk: int) -> _Line:
    seg = text[start:brk]
    return _Line(start, start + len(seg.rstrip()), start + len(seg) - len(seg.lstrip()), brk)


def _widths(text: str, lines: list[_Line], filled: list[bool]) -> list[int]:
    """Visible characters of each filled line up to its end (diacritics and
    tatweel take none); 0 for a blank line."""
    if _ZERO_WIDTH_RE.search(text) is None:  # a text without marks needs no count
        return [ln.end - ln.start if full else 0 for ln, full in zip(lines, filled, strict=True)]
    findall = _ZERO_WIDTH_RE.findall  # str.translate is slow here
    return [
        (ln.end - ln.start) - len(findall(text, ln.start, ln.end)) if full else 0
        for ln, full in zip(lines, filled, strict=True)
    ]


def _lines(text: str) -> list[_Line]:
    """The lines of ``text``; a run of blank lines is one blank line.

    ``str.splitlines`` breaks at exactly :data:`arsumm.chars.LINE_BREAKS`
    (``\\r\\n`` as one) and costs a fraction of a scan with a regular
    expression. A line ends at its line break; the blank lines after it
    (only whitespace, then a line break) make one blank line that ends at
    the last character of the run.
    """
    pieces = text.splitlines(keepends=True)
    lines: list[_Line] = []
    n = len(pieces)
    start = 0
    i = 0
    while i < n:
        piece = pieces[i]
        content = len(piece.rstrip(_BREAK_CHARS))
        lines.append(_line(text, start, start + content))
        start += len(piece)
        if content == len(piece):  # the last line, without a line break
            return lines
        i += 1
        run_start = start
        while i < n:  # the blank lines that follow, each with its line break
            piece = pieces[i]
            body = piece.rstrip(_BREAK_CHARS)
            if len(body) == len(piece) or not (body == "" or body.isspace()):
                break
            start += len(piece)
            i += 1
        if start > run_start:
            # Blank lines: one stands for the whole run, so that 10^5 line breaks
            # cost one object, not 10^5 (the spans are the same).
            lines.append(_line(text, run_start, start - 1))
    lines.append(_line(text, start, len(text)))
    return lines


def _starts_item(text: str, line: _Line) -> bool:
    first = text[line.content_start]
    if first in _BULLETS:
        return True
    head = text[line.content_start : line.content_start + 5]
    m = _LIST_NUMBER_RE.match(head)
    return m is not None and head[m.end() : m.end() + 1] in (".", ")", "-")


def _first_word_len(text: str, line: _Line) -> int:
    seg = text[line.content_start : min(line.end, line.content_start + 256)]  # marks too
    return len(seg.split(maxsplit=1)[0].translate(_ZERO_WIDTH)) if seg else 0


def _soft_breaks(text: str, lines: list[_Line], punct_cuts: set[int]) -> set[int]:
    """Return the indices of lines whose line break only wraps a sentence.

    A line that ends at a punctuation boundary (``punct_cuts``) ends its
    sentence whatever the wrapping; an abbreviation's period does not.
    """
    filled = [ln.content_start < ln.end for ln in lines]  # not ln.blank, read once
    if sum(filled) < 3:
        return set()
    # lines i followed by a line i + 1, neither blank
    paired = [i for i in range(len(lines) - 1) if filled[i] and filled[i + 1]]
    candidates = [i for i in paired if lines[i].end not in punct_cuts]
    pairs = len(paired)
    if len(candidates) < 2 or len(candidates) < 0.4 * pairs:
        return set()
    width = _widths(text, lines, filled)
    widths = sorted(w for w, full in zip(width, filled, strict=True) if full)
    wrap_width = widths[min(len(widths) - 1, (len(widths) * 9) // 10)]
    near_width = sum(1 for i in candidates if width[i] >= 0.8 * wrap_width)
    if near_width < 0.6 * len(candidates):
        return set()
    soft = set()
    for i in candidates:
        nxt = lines[i + 1]
        if _starts_item(text, nxt):
            continue
        if width[i] + 1 + _first_word_len(text, nxt) > wrap_width - 2 or (
            width[i] >= 0.9 * wrap_width
        ):
            soft.add(i)
    return soft


def _url_spans(text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    if "@" not in text and "://" not in text and not _has_www(text):
        return starts, ends  # _URL_RE cannot match; scanning with it costs more
    # A match never spans whitespace and always contains "://", "www." or
    # "@": scan only the whitespace-free chunks around those anchors.
    done = 0
    for anchor in _URL_ANCHOR_RE.finditer(text):
        if anchor.start() < done:
            continue
        lo = anchor.start()
        while lo > done and not text[lo - 1].isspace():
            lo -= 1
        space = _SPACE_RE.search(text, anchor.end())
        done = space.start() if space is not None else len(text)
        for m in _URL_RE.finditer(text, lo, done):
            end = m.end()
            while end > m.start() and text[end - 1] in _URL_TRAILING:
                end -= 1
            starts.append(m.start())
            ends.append(end)
    return starts, ends


#: "www" in any case: only W and w lower-case to a string that holds "w", and
#: only "." to one that holds ".", each to that one character.
_WWW = frozenset(a + b + c for a in "wW" for b in "wW" for c in "wW")


def _has_www(text: str) -> bool:
    """``"www." in text.lower()``, without lower-casing the whole text."""
    find = text.find
    dot = find(".", 3)
    while dot >= 0:
        if text[dot - 3 : dot] in _WWW:
            return True
        dot = find(".", dot + 1)
    return False


def _inside(pos: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Decide whether the single period at ``dot`` closes an abbreviation that
    does not end the sentence."""
    if dot >= 2 and text[dot - 1] in _PLAIN_FINALS and text[dot - 2] in _PLAIN_LETTERS:
        return False  # the common case, see _PLAIN_FINALS
    word = _abbreviation_before(text, dot)
    if word is None:
        return False
    # an era marker or «إلخ.» can end a sentence: it does when a new one follows
    if word not in SENTENCE_FINAL_ABBREVIATIONS or not _starts_sentence(text, dot + 1):
        return True
    # م and هـ are era markers only after a year (عام 1990 م.); else initials (م. وليد)
    return len(word) == 1 and _YEAR_BEFORE_RE.search(text, max(0, dot - 24), dot) is None


def _abbreviation_before(text: str, dot: int) -> str | None:
    """The abbreviation the period at ``dot`` closes (normalised, case-folded), or None."""
    lo = max(0, dot - _MAX_ABBREV_LOOKBACK)
    back = text[lo:dot]
    truncated = lo > 0
    if truncated and _ZERO_WIDTH_RE.search(back):
        # Diacritics, tatweel and format marks take no width: look at the same
        # visible characters as in the text without them (up to 7 marks a letter).
        lo = max(0, dot - 8 * _MAX_ABBREV_LOOKBACK)
        visible = _ZERO_WIDTH_RE.sub("", text[lo:dot])
        back = visible[-_MAX_ABBREV_LOOKBACK:]
        truncated = lo > 0 or len(visible) > _MAX_ABBREV_LOOKBACK
    cut = len(back) - 1  # the last space, quote or bracket: the word comes after it
    while cut >= 0 and back[cut] not in _WORD_CUT_SET:
        cut -= 1
    if cut < 0 and truncated:
        return None  # the word is longer than any abbreviation
    return _abbreviation_word(back[cut + 1 :])


#: Arabic letters that normalisation leaves as they are (no alef form, no ى,
#: no tatweel); no two of them compose. A word whose last two characters are
#: such letters normalises to a word of two letters or more that ends with
#: them, so it is no initial and no dotted form; if it does not end with خ
#: or ه it is no listed abbreviation either (الخ, اه).
_PLAIN_LETTERS = frozenset(
    c for c in map(chr, range(0x0621, 0x064B)) if c.isalpha() and normalize(c) == c
)
_PLAIN_FINALS = _PLAIN_LETTERS - {"\u062e", "\u0647"}


@functools.lru_cache(maxsize=1 << 14)
def _abbreviation_word(raw: str) -> str | None:
    """``raw``, the word before a period, normalised if it is an abbreviation (memoised)."""
    word = normalize(raw).casefold()
    if not word:
        return None
    if len(word) == 1 and not word.isdigit() and word.isalpha():
        return word  # an initial: د. أ. م. J.
    if word in ABBREVIATIONS or _DOTTED_ABBREV_RE.fullmatch(word) is not None:
        return word
    return None


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the word after ``pos`` clearly opens a sentence.

    It does when it begins with the conjunction و or ف attached to a word of
    two letters or more («وقد», «فإن», «وتوفي»): Arabic opens most sentences
    so, and after an era marker or «إلخ.» a conjunction joins a new clause,
    where a continuation would start with a preposition («في», «على», «من»).
    Words that merely begin with these letters (وزير, فريق) are not told
    apart from conjunctions: after «هـ.» or «م.» both open a sentence.
    """
    m = _NEXT_WORD_RE.match(text, pos)
    if m is None:
        return False
    word = normalize(m.group(1))
    return (
        len(word) >= 3 and word[0] in "\u0648\u0641" and ARABIC_LETTER_RE.match(word[1]) is not None
    )


def _is_list_number(text: str, dot: int) -> bool:
    if dot == 0 or text[dot - 1] not in _DIGITS:
        return False
    lo = max(0, dot - 4)
    back = text[lo:dot]
    m = _LIST_NUMBER_RE.search(back)
    if m is None or lo + m.end() != dot:
        return False
    before = text[max(0, lo + m.start() - 8) : lo + m.start()]
    line_start = max(before.rfind("\n"), before.rfind("\r"))
    prefix = before[line_start + 1 :]
    if line_start < 0 and lo + m.start() - 8 > 0:
        return False
    return all(c.isspace() or c in _BULLETS or c in "(" for c in prefix)


def _terminal_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_PUNCT_RE.finditer(text)``, found faster.

    A match starts at the first sentence-ending mark at or after the end of
    the one before; ``str.find`` finds the marks many times faster than the
    expression's scan of every character, and the expression is then only
    matched where a mark is.
    """
    find = text.find
    marks: list[int] = []
    for mark in SENTENCE_END:
        at = find(mark)
        while at >= 0:
            marks.append(at)
            at = find(mark, at + 1)
    marks.sort()
    match = _PUNCT_RE.match
    done = 0
    for at in marks:
        if at >= done:
            m = match(text, at)
            assert m is not None  # a mark starts a match
            done = m.end()
            yield m


def _punct_boundaries(text: str) -> Iterator[int]:
    url_starts, url_ends = _url_spans(text)
    n = len(text)
    for m in _terminal_runs(text):
        start, end = m.span()
        if end < n:
            nxt = text[end]
            if not (nxt.isspace() or nxt in OPENERS or ARABIC_LETTER_RE.match(nxt)):
                continue
        if url_starts and _inside(start, url_starts, url_ends):
            continue
        # the run is a single period: closers and format characters may follow it
        if (
            text[start] == "."
            and (start + 1 == end or text[start + 1] not in SENTENCE_END)
            and (_is_abbreviation(text, start) or _is_list_number(text, start))
        ):
            continue
        yield end


def _cut_long(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars`` characters."""
    while end - start > max_chars:
        window = text[start : start + max_chars]
        best = -1
        for mark in _SOFT_BREAK_PREFERENCE:
            pos = window.rfind(mark + " ")
            if pos > best:
                best = pos
        if best >= max_chars // 2:
            cut = start + best + 1
        else:
            ws = max(window.rfind(" "), window.rfind("\t"), window.rfind("\n"))
            cut = start + ws if ws > 0 else start + max_chars
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


@dataclass(frozen=True, kw_only=True)
class RuleSplitter:
    """The default splitter: rules for Arabic punctuation, lines and numbers.

    Parameters
    ----------
    max_chars : int, default 2000
        Longest sentence returned; longer stretches without a boundary (text
        with no punctuation at all) are cut at whitespace.
    hard_wrap : bool, default True
        Detect hard-wrapped text and join its wrapped lines. With False every
        line break is a boundary.

    Examples
    --------
    >>> splitter = RuleSplitter()
    >>> [s.text for s in splitter.split("عنوان الخبر\\nالجملة الأولى. الجملة الثانية")]
    ['عنوان الخبر', 'الجملة الأولى.', 'الجملة الثانية']
    """

    max_chars: int = 2000
    hard_wrap: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_chars", integer("max_chars", self.max_chars, low=20))
        boolean("hard_wrap", self.hard_wrap)

    def split(self, text: str) -> list[Span]:
        """Split ``text`` into sentences.

        Parameters
        ----------
        text : str
            The text to split.

        Returns
        -------
        list of Span
            Sorted, disjoint spans; together they cover every non-space
            character of ``text``. Empty for text that is empty or blank.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        cuts = set(_punct_boundaries(text))
        lines = _lines(text)
        soft = _soft_breaks(text, lines, cuts) if self.hard_wrap else set()
        for i, line in enumerate(lines[:-1]):
            if i not in soft:
                cuts.add(line.brk)
        cuts.add(len(text))
        pieces: list[tuple[int, int]] = []
        last_has_content = False  # whether pieces[-1] holds a letter or digit
        start = 0
        for cut in sorted(cuts):
            # the segment without the whitespace around it (str.strip strips
            # exactly the characters for which str.isspace is true)
            seg = text[start:cut]
            left = seg.lstrip()
            body = left.rstrip()
            seg_start = start + len(seg) - len(left)
            seg_end = seg_start + len(body)
            start = cut
            if not body:
                continue
            has_content = _HAS_CONTENT_RE.search(body) is not None
            if pieces and not (has_content and last_has_content):
                # attach stray marks to the sentence before, or a leading stray
                # mark to the sentence that follows it
                pieces[-1] = (pieces[-1][0], seg_end)
                last_has_content = last_has_content or has_content
                continue
            pieces.append((seg_start, seg_end))
            last_has_content = has_content
        spans: list[Span] = []
        max_chars = self.max_chars
        for seg_start, seg_end in pieces:
            if seg_end - seg_start <= max_chars:  # what _cut_long leaves whole
                spans.append(Span(seg_start, seg_end, text[seg_start:seg_end]))
                continue
            for a, b in _cut_long(text, seg_start, seg_end, max_chars):
                spans.append(Span(a, b, text[a:b]))
        return spans


_DEFAULT = RuleSplitter()


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences with the default :class:`RuleSplitter`.

    Parameters
    ----------
    text : str
        Arabic (or mixed) text.

    Returns
    -------
    list of Span
        The sentences, each with ``text[span.start:span.end] == span.text``.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.

    Examples
    --------
    >>> [s.text for s in split_sentences("ولد عام 1770. توفي في فيينا!")]
    ['ولد عام 1770.', 'توفي في فيينا!']
    >>> split_sentences("   ")
    []
    """
    return _DEFAULT.split(text)
