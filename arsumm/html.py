"""A self-contained HTML page that shows a summary inside its article.

:func:`to_html` writes one page, right to left, with the summary at the top and
then the whole article, every sentence shaded by its score and the chosen ones
highlighted. Hovering over (or tabbing to) a sentence shows its rank and score;
each line of the summary links to its sentence in the article. Given
``keyphrases=`` (:func:`arsumm.keywords`), the page lists them too and
underlines every occurrence in the article, with the phrase and its rank on
hover.

The page makes no request of its own: the CSS is inline, the fonts are the
reader's system fonts, there is no script, and a ``Content-Security-Policy``
meta tag forbids scripts and remote resources even if something slipped in.

Escaping
    Every piece of the caller's text goes through :func:`html.escape`, so
    ``<``, ``>``, ``&`` and both quote characters never reach the page as
    markup. Control characters that HTML would drop or reject are shown as
    their Unicode "control pictures" (``␀``, ``␛`` ...) and unpaired
    surrogates as ``�``.
Bidirectional controls
    Every sentence is its own ``<bdi>`` element, so nothing inside one
    sentence can reorder its neighbours or the page's own labels. The
    explicit embeddings, overrides and isolates (U+202A-U+202E,
    U+2066-U+2069), which can make text display in an order other than the
    one it is stored in, are not applied at all: each is shown as a small
    label such as ``RLO``. The marks LRM, RLM and ALM are kept; they are
    legitimate in Arabic text and only affect the neutral characters next to
    them.
Keyphrase marks
    Each occurrence is a ``<span class="kp">`` inside its sentence's
    ``<bdi>``, so the elements always nest: an occurrence is clipped to each
    sentence it touches (the sentence splitter and the keyphrase extractor
    break at different places only in odd input), and where occurrences of
    two keyphrases overlap without one containing the other («مجلس الأمن»
    and «الأمن الدولي» in «مجلس الأمن الدولي»), the one that starts later
    is split in two at the end of the other: every character stays under the
    marks of every occurrence that covers it.

Examples
--------
>>> import arsumm
>>> text = arsumm.demo_text()
>>> page = arsumm.to_html(text, arsumm.summarize(text, k=2))
>>> page.startswith('<!DOCTYPE html>\\n<html dir="rtl" lang="ar">')
True
>>> page.count('<mark class="s sel"')
2
"""

from __future__ import annotations

import bisect
import html
import itertools
import math
import numbers
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from arsumm.chars import LINE_BREAK_RE
from arsumm.keyphrases import Keyphrase
from arsumm.rank import order_by_score
from arsumm.summarizer import Sentence, Summarizer

__all__ = ["to_html"]

#: Explicit bidi formatting characters, shown as labels instead of applied.
_BIDI_NAMES = {
    "\u202a": ("LRE", "LEFT-TO-RIGHT EMBEDDING"),
    "\u202b": ("RLE", "RIGHT-TO-LEFT EMBEDDING"),
    "\u202c": ("PDF", "POP DIRECTIONAL FORMATTING"),
    "\u202d": ("LRO", "LEFT-TO-RIGHT OVERRIDE"),
    "\u202e": ("RLO", "RIGHT-TO-LEFT OVERRIDE"),
    "\u2066": ("LRI", "LEFT-TO-RIGHT ISOLATE"),
    "\u2067": ("RLI", "RIGHT-TO-LEFT ISOLATE"),
    "\u2068": ("FSI", "FIRST STRONG ISOLATE"),
    "\u2069": ("PDI", "POP DIRECTIONAL ISOLATE"),
}
# What html.escape leaves alone but must not reach the page as is: bidi
# controls, C0/C1 controls other than tab and line feed, lone surrogates.
_SPECIAL_RE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _special(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _BIDI_NAMES:
        short, name = _BIDI_NAMES[char]
        return f'<span class="ctl" title="U+{code:04X} {name} (shown, not applied)">{short}</span>'
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    picture = chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    return f'<span class="ctl" title="U+{code:04X} control character">{picture}</span>'


def _escape(text: str) -> str:
    """Escape ``text`` for an element's content or a quoted attribute value."""
    text = LINE_BREAK_RE.sub("\n", text)
    return _SPECIAL_RE.sub(_special, html.escape(text, quote=True))


def _attr(text: str) -> str:
    """Escape ``text`` for a quoted attribute value: no markup, one line."""
    text = " ".join(LINE_BREAK_RE.sub("\n", text).split())
    text = _SPECIAL_RE.sub(
        lambda m: _BIDI_NAMES[m.group()][0] if m.group() in _BIDI_NAMES else "\ufffd", text
    )
    return html.escape(text, quote=True)


def _check(text: str, sentences: Sequence[Sentence], what: str) -> None:
    if isinstance(sentences, str | bytes) or not isinstance(sentences, Sequence):
        raise TypeError(f"{what} must be a list of Sentence, got {type(sentences).__name__}")
    for s in sentences:
        if not isinstance(s, Sentence):
            raise TypeError(f"{what} must hold Sentence objects, got {type(s).__name__}")
        for name in ("index", "start", "end"):
            value = getattr(s, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise TypeError(
                    f"{what}: sentence {name} must be an integer, got {type(value).__name__}"
                )
        if not isinstance(s.text, str):
            raise TypeError(f"{what}: sentence text must be a str, got {type(s.text).__name__}")
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
            raise ValueError(
                f"{what}: sentence {s.index} is not text[{s.start}:{s.end}]; "
                "pass the same text that was summarised"
            )


def _check_ranked(text: str, ranked: Sequence[Sentence]) -> None:
    _check(text, ranked, "ranked")
    if not ranked:
        raise ValueError("ranked is empty; pass the output of Summarizer.rank(text)")
    previous_end = 0
    for i, s in enumerate(ranked):
        if s.index != i or s.start < previous_end:
            raise ValueError(
                "ranked must hold every sentence of the text in document order, "
                "as Summarizer.rank(text) returns them"
            )
        previous_end = s.end
        if not isinstance(s.score, int | float) or not math.isfinite(s.score) or s.score < 0:
            raise ValueError(f"ranked: sentence {i} has score {s.score!r}; expected a number >= 0")


def _check_boilerplate(boilerplate: Sequence[int] | None, n: int) -> frozenset[int]:
    if boilerplate is None:
        return frozenset()
    if isinstance(boilerplate, str | bytes) or not isinstance(
        boilerplate, Sequence | set | frozenset
    ):
        raise TypeError(
            f"boilerplate must be a sequence of sentence indices, got {type(boilerplate).__name__}"
        )
    for i in boilerplate:
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < n:
            raise ValueError(
                f"boilerplate: {i!r} is not a sentence index of the ranking (0 to {n - 1})"
            )
    return frozenset(boilerplate)


def _check_keyphrases(text: str, keyphrases: Sequence[Keyphrase] | None) -> list[Keyphrase]:
    if keyphrases is None:
        return []
    if isinstance(keyphrases, str | bytes) or not isinstance(keyphrases, Sequence):
        raise TypeError(
            f"keyphrases must be a list of Keyphrase, got {type(keyphrases).__name__}; "
            "pass arsumm.keywords(text)"
        )
    for rank, phrase in enumerate(keyphrases, 1):
        if not isinstance(phrase, Keyphrase):
            raise TypeError(f"keyphrases must hold Keyphrase objects, got {type(phrase).__name__}")
        previous_end = 0
        for pair in phrase.occurrences:
            if (
                not isinstance(pair, tuple)
                or len(pair) != 2
                or not all(
                    isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in pair
                )
            ):
                raise TypeError(
                    f"keyphrase {rank}: an occurrence must be a pair of integers, got {pair!r}"
                )
            start, end = int(pair[0]), int(pair[1])
            if not previous_end <= start < end <= len(text):
                raise ValueError(
                    f"keyphrase {rank}: occurrence {pair!r} is not a sorted, disjoint, "
                    f"non-empty span of the text's {len(text)} characters; pass "
                    "keyphrases of the same text"
                )
            previous_end = end
        if not any(text[a:b] == phrase.text for a, b in phrase.occurrences):
            raise ValueError(
                f"keyphrase {rank}: {phrase.text!r} is at none of its occurrences; pass "
                "keyphrases of the same text"
            )
    return list(keyphrases)


class _Mark(NamedTuple):
    """One occurrence (or the part of one inside a sentence) to mark."""

    start: int
    end: int
    rank: int


def _occurrences(keyphrases: Sequence[Keyphrase]) -> list[_Mark]:
    """Every occurrence of every keyphrase, by start (then longer first, then by rank)."""
    marks = [
        _Mark(int(a), int(b), rank)
        for rank, phrase in enumerate(keyphrases, 1)
        for a, b in phrase.occurrences
    ]
    marks.sort(key=lambda m: (m.start, -m.end, m.rank))
    return marks


class _Marker:
    """Renders pieces of the text (in order) with their keyphrase occurrences marked."""

    def __init__(self, text: str, keyphrases: Sequence[Keyphrase]) -> None:
        self.text = text
        self.marks = _occurrences(keyphrases)
        self.next = 0  # the first mark not yet seen
        self.active: list[_Mark] = []  # seen marks that may reach into later pieces
        self.anchored: set[int] = set()  # ranks whose first element has its id
        n = len(keyphrases)
        self.titles = {
            rank: _attr(f"الكلمة المفتاحية {rank} من {n}: {phrase.text}")
            for rank, phrase in enumerate(keyphrases, 1)
        }

    def render(self, start: int, end: int) -> str:
        """``text[start:end]`` escaped, with the marks clipped to it; pieces come in order."""
        marks = self.marks
        self.active = [m for m in self.active if m.end > start]
        while self.next < len(marks) and marks[self.next].start < end:
            if marks[self.next].end > start:
                self.active.append(marks[self.next])
            self.next += 1
        inside = []
        for m in self.active:
            a, b = self._snap(max(m.start, start)), self._snap(min(m.end, end))
            if a < b and self.text[a:b].strip():
                inside.append(_Mark(a, b, m.rank))
        if not inside:
            return _escape(self.text[start:end])
        return self._nest(start, end, inside)

    def _snap(self, i: int) -> int:
        """Never cut between CR and LF: the page shows the pair as one line break."""
        text = self.text
        return i + 1 if 0 < i < len(text) and text[i - 1] == "\r" and text[i] == "\n" else i

    def _open(self, mark: _Mark) -> str:
        anchor = ""
        if mark.rank not in self.anchored:
            self.anchored.add(mark.rank)
            anchor = f' id="k-{mark.rank}"'
        return f'<span class="kp"{anchor} data-kp="{mark.rank}" title="{self.titles[mark.rank]}">'

    def _nest(self, start: int, end: int, inside: list[_Mark]) -> str:
        """Well-nested spans: between two boundaries, the marks covering that stretch are
        open, outermost the one that starts first (then the longer, then the better);
        a mark that would cross the end of an enclosing one is closed and reopened."""

        def order(m: _Mark) -> tuple[int, int, int]:
            return (m.start, -m.end, m.rank)

        starts: dict[int, list[_Mark]] = {}
        for m in inside:
            starts.setdefault(m.start, []).append(m)
        bounds = sorted({start, end, *(m.start for m in inside), *(m.end for m in inside)})
        covering: list[tuple[tuple[int, int, int], _Mark]] = []  # sorted by order
        stack: list[_Mark] = []
        out: list[str] = []
        for a, b in itertools.pairwise(bounds):
            covering = [c for c in covering if c[1].end > a]
            for m in starts.get(a, ()):
                bisect.insort(covering, (order(m), m))
            keep = 0
            while keep < len(stack) and keep < len(covering) and stack[keep] == covering[keep][1]:
                keep += 1
            out.extend("</span>" for _ in range(len(stack) - keep))
            del stack[keep:]
            for _, m in covering[keep:]:
                out.append(self._open(m))
                stack.append(m)
            out.append(_escape(self.text[a:b]))
        out.extend("</span>" for _ in stack)
        return "".join(out)


def _match(ranked: Sequence[Sentence], summary: Sequence[Sentence]) -> set[int]:
    chosen: set[int] = set()
    for s in summary:
        if not 0 <= s.index < len(ranked):  # an integer: checked by _check
            raise ValueError(
                f"summary: sentence index {s.index!r} is not in the ranking "
                f"of {len(ranked)} sentences; pass the summary and the ranking of the same text"
            )
        r = ranked[s.index]
        if (r.start, r.end) != (s.start, s.end):
            raise ValueError(
                f"summary: sentence {s.index} spans [{s.start}, {s.end}) but the ranking "
                f"has [{r.start}, {r.end}); the summary was split differently: pass "
                "ranked= or summarizer= matching the summarizer that made it"
            )
        if not math.isclose(float(s.score), float(r.score), rel_tol=1e-9, abs_tol=1e-12):
            raise ValueError(
                f"summary: sentence {s.index} has score {s.score!r} but the ranking gives "
                f"{r.score!r}; the summary was made with another configuration: pass "
                "ranked= or summarizer= matching the summarizer that made it"
            )
        chosen.add(int(s.index))
    return chosen


_CSS = """
:root {
  color-scheme: light dark;
  --bg: #fbfaf6; --fg: #1f1f1c; --muted: #6b6a63; --card: #ffffff; --line: #e4e1d6;
  --hue: 212; --shade: 70%; --light: 48%;
  --sel: 44 96% 56%; --sel-edge: #b7791f; --accent: #b7791f; --kp: #0f766e; --kp-hue: 170;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #1b1c1e; --fg: #ecebe6; --muted: #a3a29b; --card: #242529; --line: #3a3b40;
    --light: 60%; --sel: 42 90% 45%; --sel-edge: #f2c14e; --accent: #f2c14e; --kp: #5eead4;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 50rem; padding: 2rem 1.25rem 3rem;
  font-family: "Noto Naskh Arabic", "Amiri", "Geeza Pro", "Traditional Arabic",
    "Noto Sans Arabic", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif;
  font-size: 1.2rem; line-height: 1.9;
}
h1 { font-size: 1.6rem; line-height: 1.4; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; color: var(--muted); font-weight: 600; }
.meta { margin: 0 0 1.5rem; color: var(--muted); font-size: .95rem; }
.summary {
  background: var(--card); border: 1px solid var(--line);
  border-inline-start: .3rem solid var(--accent); border-radius: .5rem;
  padding: 1rem 1.25rem; margin-bottom: 2rem;
}
.summary ol { margin: 0; padding-inline-start: 1.5rem; }
.summary li { margin: .35rem 0; }
.summary a { color: inherit; text-decoration: none; }
.summary a:hover, .summary a:focus-visible { text-decoration: underline; }
.rank {
  display: inline-block; margin-inline-start: .4rem; padding: 0 .45rem;
  border-radius: 1rem; border: 1px solid var(--line); color: var(--muted);
  font-size: .75rem; line-height: 1.6; vertical-align: middle; white-space: nowrap;
}
.article p { margin: 0 0 1rem; white-space: pre-line; }
.s {
  position: relative; color: inherit; border-radius: .2rem; padding: .1rem 0;
  background: hsl(var(--hue) var(--shade) var(--light) / calc(var(--w) * .3));
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.s.sel {
  background: hsl(var(--sel) / calc(.4 + var(--w) * .45));
  box-shadow: inset 0 -.14em 0 var(--sel-edge);
}
.s:hover, .s:focus, .s:target { outline: 2px solid var(--accent); outline-offset: 1px; }
.s:focus:not(:focus-visible):not(:hover) { outline: none; }
.s::after {
  content: attr(data-tip); position: absolute; z-index: 1; inset-inline-start: 0;
  bottom: calc(100% + .35rem); white-space: nowrap; pointer-events: none;
  background: var(--fg); color: var(--bg); font-size: .8rem; line-height: 1.5;
  padding: .2rem .55rem; border-radius: .3rem; display: none;
}
.s:hover::after, .s:focus-visible::after, .s:target::after { display: block; }
.ctl {
  unicode-bidi: isolate; direction: ltr; font-family: ui-monospace, monospace;
  font-size: .65em; padding: 0 .2em; border: 1px dashed currentColor; border-radius: .2em;
  color: #b42318;
}
.gap { color: var(--muted); }
.legend {
  display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center;
  color: var(--muted); font-size: .9rem; margin: -.5rem 0 1rem;
}
.swatch { display: inline-block; width: 2.2rem; height: .9rem; border-radius: .2rem;
  vertical-align: middle; margin-inline-end: .35rem; }
.swatch.low {
  background: hsl(var(--hue) var(--shade) var(--light) / .03); border: 1px solid var(--line);
}
.swatch.high { background: hsl(var(--hue) var(--shade) var(--light) / .3); }
.swatch.sel { background: hsl(var(--sel) / .85); box-shadow: inset 0 -.14em 0 var(--sel-edge); }
.kp {
  border-bottom: .12em solid var(--kp); background: hsl(var(--kp-hue) 70% 50% / .12);
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.kp:target { outline: 2px solid var(--kp); outline-offset: 1px; }
.swatch.kw { background: hsl(var(--kp-hue) 70% 50% / .12); border-bottom: .2rem solid var(--kp); }
.keyphrases {
  background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: 1rem 1.25rem; margin-bottom: 2rem;
}
.keyphrases ol { margin: 0; padding-inline-start: 1.5rem; columns: 2 14rem; }
.keyphrases a { color: inherit; text-decoration: none; }
.keyphrases a:hover, .keyphrases a:focus-visible { text-decoration: underline; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print { .s::after { display: none; } .s { outline: none; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def to_html(
    text: str,
    summary: Sequence[Sentence],
    *,
    ranked: Sequence[Sentence] | None = None,
    summarizer: Summarizer | None = None,
    title: str | None = None,
    boilerplate: Sequence[int] | None = None,
    keyphrases: Sequence[Keyphrase] | None = None,
) -> str:
    """Return a self-contained HTML page showing ``summary`` inside ``text``.

    The page (``<html dir="rtl" lang="ar">``) lists the summary first, then
    the whole article with its line breaks and paragraphs. Every sentence is
    shaded by its score relative to the best one (the shade grows with the
    square root of ``score / best``); the chosen sentences are
    highlighted (``<mark class="s sel">``); hovering over a sentence shows
    its rank (1 = best) and score. See the module documentation for how the
    text is escaped.

    Parameters
    ----------
    text : str
        The article, exactly the string that was summarised.
    summary : sequence of Sentence
        The chosen sentences, e.g. the result of :func:`arsumm.summarize`.
        May be empty: the page then shows the ranking alone.
    ranked : sequence of Sentence, optional
        Every sentence with its score, as :meth:`Summarizer.rank` returns it.
        By default the text is ranked again with ``summarizer``.
    summarizer : Summarizer, optional
        Used to rank the text when ``ranked`` is not given; the default is
        ``Summarizer()``. Pass the one that made ``summary`` if it is not the
        default, so that the scores on the page are the summary's scores.
    title : str, optional
        Heading and window title; by default the page is titled from the
        text's first sentence.
    boilerplate : sequence of int, optional
        Indices of the sentences left out of the ranking as web-page
        furniture (:attr:`arsumm.Analysis.boilerplate`); their tooltip says
        so instead of giving a rank. Found by ``summarizer`` when the text is
        ranked here; with ``ranked=`` pass it along.
    keyphrases : sequence of Keyphrase, optional
        Keyphrases of ``text``, best first (:func:`arsumm.keywords`): the
        page lists them after the summary and wraps every occurrence in the
        article in ``<span class="kp" data-kp="RANK" title="...">``, the
        title giving the phrase and its rank (see the module documentation
        for how overlapping occurrences nest).

    Returns
    -------
    str
        The page, to be written as UTF-8.

    Raises
    ------
    TypeError
        ``text`` is not a str, or ``summary``/``ranked`` do not hold Sentence
        objects, or ``keyphrases`` does not hold Keyphrase objects, or both
        ``ranked`` and ``summarizer`` are given.
    ValueError
        ``summary``, ``ranked`` or ``keyphrases`` do not belong to ``text``, or the summary's
        scores differ from the ranking's (it was made with another
        configuration). The errors of :meth:`Summarizer.rank` propagate when
        the text has to be ranked.

    Examples
    --------
    >>> import arsumm
    >>> text = "ارتفعت أسعار النفط اليوم. وارتفعت أسعار الذهب أيضا. <b>هطل المطر</b>."
    >>> summary = arsumm.summarize(text, k=1)
    >>> page = arsumm.to_html(text, summary, title="مثال")
    >>> "<title>مثال</title>" in page
    True
    >>> "&lt;b&gt;هطل المطر&lt;/b&gt;" in page, "<b>" in page
    (True, False)

    With a ranking of your own, nothing is computed again:

    >>> ranked = arsumm.Summarizer(stemmer="light").rank(text)
    >>> page = arsumm.to_html(text, ranked[:1], ranked=ranked)
    >>> page.count('data-rank="')
    3

    With keyphrases, every occurrence is marked (the second phrase's first
    occurrence inside the first phrase's):

    >>> phrases = arsumm.keywords(text, k=2)
    >>> [(p.text, p.occurrences) for p in phrases]
    [('ارتفعت أسعار النفط', ((0, 18),)), ('ارتفعت أسعار', ((0, 12), (27, 39)))]
    >>> page = arsumm.to_html(text, summary, keyphrases=phrases)
    >>> page.count('<span class="kp"')
    3
    """
    _check_options(text, ranked, summarizer, title)
    _check(text, summary, "summary")
    marked = _check_keyphrases(text, keyphrases)
    if ranked is None:
        analysis = (summarizer if summarizer is not None else Summarizer()).analyze(text)
        ranked = analysis.sentences
        if boilerplate is None:
            boilerplate = analysis.boilerplate
    _check_ranked(text, ranked)
    left_out = _check_boilerplate(boilerplate, len(ranked))
    chosen = _match(ranked, summary)

    scores = np.array([float(s.score) for s in ranked], dtype=np.float64)
    order = order_by_score(scores)
    rank = {index: position + 1 for position, index in enumerate(order)}
    best = float(scores.max())
    n = len(ranked)
    words = sum(len(s.text.split()) for s in ranked)
    chosen_words = sum(len(ranked[i].text.split()) for i in chosen)

    page_title = _page_title(title, ranked[0])

    out: list[str] = []
    add = out.append
    add('<!DOCTYPE html>\n<html dir="rtl" lang="ar">\n<head>\n<meta charset="utf-8">\n')
    add(f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    add('<meta name="generator" content="arsumm">\n')
    add(f"<title>{_attr(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n")
    add("<header>\n")
    add(f"<h1><bdi>{_escape(title) if title is not None else 'ملخص النص'}</bdi></h1>\n")
    add(
        f'<p class="meta">الجمل المختارة: {len(chosen)} من {n}'
        f" \u00b7 الكلمات: {chosen_words} من {words}</p>\n</header>\n"
    )

    add('<section class="summary" id="summary" aria-labelledby="summary-h">\n')
    add('<h2 id="summary-h">الملخص</h2>\n<ol>\n')
    for i in sorted(chosen):
        s = ranked[i]
        add(
            f'<li><a href="#s-{i}"><bdi>{_escape(s.text)}</bdi></a>'
            f'<span class="rank">الترتيب {rank[i]}</span></li>\n'
        )
    if not chosen:
        add("<li>لم تُختر أي جملة.</li>\n")
    add("</ol>\n</section>\n")
    if marked:
        add(_keyphrase_section(marked))

    add('<section class="article" id="article" aria-labelledby="article-h">\n')
    add('<h2 id="article-h">النص الكامل</h2>\n')
    add(
        '<p class="legend"><span><span class="swatch sel"></span>جملة في الملخص</span>'
        '<span><span class="swatch low"></span>درجة منخفضة</span>'
        '<span><span class="swatch high"></span>درجة مرتفعة</span>'
        + ('<span><span class="swatch kw"></span>كلمة مفتاحية</span>' if marked else "")
        + "<span>مرّر المؤشر فوق جملة لرؤية ترتيبها ودرجتها</span></p>\n"
    )
    add("<p>")
    marker = _Marker(text, marked)
    position = 0
    for s in ranked:
        add(_gap(text, position, s.start, marker, first=position == 0))
        # The square root keeps differences among the many low scores visible.
        weight = math.sqrt(float(s.score) / best) if best > 0 else 0.0
        selected = s.index in chosen
        tip = _tooltip(s, rank[s.index], n, boilerplate=s.index in left_out, selected=selected)
        tag = "mark" if selected else "span"
        cls = "s sel" if selected else "s"
        add(
            f'<{tag} class="{cls}" id="s-{s.index}" tabindex="0" data-index="{s.index}" '
            f'data-rank="{rank[s.index]}" data-score="{s.score:.6g}" style="--w:{weight:.3f}" '
            f'data-tip="{tip}"><bdi>{marker.render(s.start, s.end)}</bdi></{tag}>'
        )
        position = s.end
    add(_gap(text, position, len(text), marker, first=False, last=True))
    add("</p>\n</section>\n")
    add(
        '<footer>أُنشئت هذه الصفحة بواسطة <bdi lang="en">arsumm</bdi>'
        " \u00b7 الدرجة: درجة الجملة في الترتيب، ومجموع درجات الجمل 1</footer>\n"
    )
    add("</body>\n</html>\n")
    return "".join(out)


def _check_options(text: object, ranked: object, summarizer: object, title: object) -> None:
    """Check the types of :func:`to_html`'s arguments that are not sentences."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if ranked is not None and summarizer is not None:
        raise TypeError("pass ranked= or summarizer=, not both")
    if summarizer is not None and not isinstance(summarizer, Summarizer):
        raise TypeError(f"summarizer must be an arsumm.Summarizer, got {type(summarizer).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str, got {type(title).__name__}")


def _page_title(title: str | None, first: Sentence) -> str:
    """The window title: ``title``, or the first sentence, cut to 90 characters."""
    page_title = title if title is not None else " ".join(first.text.split())
    if len(page_title) > 90:
        page_title = page_title[:89].rstrip() + "\u2026"
    return page_title


def _keyphrase_section(marked: Sequence[Keyphrase]) -> str:
    """The list of keyphrases, each linked to its first occurrence in the article."""
    out = ['<section class="keyphrases" id="keyphrases" aria-labelledby="keyphrases-h">\n']
    out.append('<h2 id="keyphrases-h">الكلمات المفتاحية</h2>\n<ol>\n')
    for place, phrase in enumerate(marked, 1):
        out.append(
            f'<li><a href="#k-{place}"><bdi>{_escape(phrase.text)}</bdi></a>'
            f'<span class="rank">التكرار {phrase.count}</span></li>\n'
        )
    out.append("</ol>\n</section>\n")
    return "".join(out)


def _tooltip(s: Sentence, rank: int, n: int, *, boilerplate: bool, selected: bool) -> str:
    """A sentence's tooltip: its place, then its rank and score or why it has none."""
    if boilerplate:
        tip = f"الجملة {s.index + 1} \u00b7 من قالب الصفحة (boilerplate)، لم تدخل الترتيب"
    else:
        tip = f"الجملة {s.index + 1} \u00b7 الترتيب {rank} من {n} \u00b7 الدرجة {s.score:.4f}"
    if selected:
        tip += " \u00b7 في الملخص"
    return tip


def _gap(
    text: str, start: int, end: int, marker: _Marker, *, first: bool, last: bool = False
) -> str:
    """Render the text between two sentences: paragraph breaks and spaces."""
    gap = text[start:end]
    if not gap:
        return ""
    if gap.strip():
        # Text no sentence covers (a custom splitter may leave some): show it.
        return f'<span class="gap"><bdi>{marker.render(start, end)}</bdi></span>'
    if first or last:
        return ""
    breaks = len(LINE_BREAK_RE.findall(gap))
    if breaks >= 2:
        return "</p>\n<p>"
    return "\n" if breaks == 1 else " "
