"""Character classes shared by every stage: one definition of each.

The splitter, the normalisation, the prior's features, the summarizer and
the HTML view all ask the same questions of a character (does it end a
sentence, does it close a quotation, does it break a line, does it take no
room on a line). Each answer is defined here, once, so that the stages
cannot drift apart.

Examples
--------
>>> from arsumm import chars
>>> "\u061f" in chars.SENTENCE_END, "\u060c" in chars.SENTENCE_END  # ؟ ends, ، does not
(True, False)
>>> "\u00bb" in chars.CLOSERS, "\u00ab" in chars.OPENERS
(True, True)
>>> chars.LINE_BREAK_RE.search("سطر\u2029سطر").start()
3
>>> chars.ends_sentence("قال الوزير.\u00bb"), chars.ends_sentence("عنوان الخبر")
(True, False)
"""

from __future__ import annotations

import re

__all__ = [
    "ARABIC_LETTERS",
    "ARABIC_LETTER_RE",
    "CLOSERS",
    "FORMAT_CHARS",
    "LINE_BREAKS",
    "LINE_BREAK_RE",
    "MARKS",
    "OPENERS",
    "SENTENCE_END",
    "TATWEEL",
    "ZERO_WIDTH",
    "ends_sentence",
]

#: Marks that end a sentence: ``. ! ? ؟ … ۔ ‼ ⁇ ⁈ ⁉``.
SENTENCE_END = ".!?\u061f\u2026\u06d4\u203c\u2047\u2048\u2049"

#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "\"'\u00bb\u201d\u2019\u203a)]}\ufd3e"

#: Opening quotes and brackets: a sentence may start with one.
OPENERS = "\"'\u00ab\u201c\u2018\u2039([{\ufd3f"

#: Characters that end a line: LF, CR, the Unicode line and paragraph
#: separators, VT, FF, the file/group/record separators and NEL (what
#: :meth:`str.splitlines` breaks at, but for U+001F).
LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"

#: One line break (``\r\n`` counts as one).
LINE_BREAK_RE = re.compile(f"\r\n|[{LINE_BREAKS}]")

#: Invisible format characters: marks that steer display, never spelling.
FORMAT_CHARS = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2066\u2067\u2068\u2069"  # word joiner, bidi isolates
    "\ufeff"  # byte order mark / zero-width no-break space
)

#: Tatweel (kashida), the stretching of a joined letter.
TATWEEL = "\u0640"

#: Combining marks of Arabic script, removed by normalisation: the harakat,
#: tanwin, shadda and sukun; the honorific and Quranic signs above letters
#: (U+0610-U+061A); superscript alef; the small high and low signs of
#: Quranic orthography (U+06D6-U+06DC, U+06DF-U+06E8, U+06EA-U+06ED); and
#: the marks of Arabic Extended-A (U+08D3-U+08FF, but for U+08E2, a
#: visible sign).
MARKS = "".join(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]
)

#: Characters that take no room on a line: marks, tatweel, format characters.
ZERO_WIDTH = MARKS + TATWEEL + FORMAT_CHARS

#: The letters of the Arabic script, as the body of a regular-expression
#: class: the Arabic block, its Supplement, Extended-A, -B and -C, the
#: letters among the presentation forms (not the ornate parentheses
#: U+FD3E/U+FD3F, the symbols, nor the isolated forms of the harakat,
#: U+FE70-U+FE7F) and the Arabic Mathematical Alphabetic Symbols, which NFKC
#: maps to plain letters.
ARABIC_LETTERS = (
    "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u0870-\u0887\u0889-\u088e\u08a0-\u08c9"
    "\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe80-\ufefc"
    "\U00010ec2-\U00010ec7\U0001ee00-\U0001eebb"
)

#: One Arabic letter.
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")

_TRAILING = CLOSERS + FORMAT_CHARS


def ends_sentence(sentence: str) -> bool:
    """Return True if ``sentence`` ends with a sentence-ending mark.

    Trailing whitespace, closing quotes and brackets and format characters
    are looked through, as the splitter looks through them when it decides
    that a run of marks ends a sentence.

    Examples
    --------
    >>> ends_sentence("هل تتحسن؟\u200f "), ends_sentence("نعم!\u203c"), ends_sentence("(وحدة)")
    (True, True, False)
    """
    # sentence.rstrip().rstrip(_TRAILING)[-1:] in SENTENCE_END, without copying
    # the sentence twice: whitespace first, then closers and format characters
    i = len(sentence)
    while i and sentence[i - 1].isspace():
        i -= 1
    while i and sentence[i - 1] in _TRAILING:
        i -= 1
    return i > 0 and sentence[i - 1] in SENTENCE_END
