"""Turn fuzzer bytes into a text and a configuration (shared by the fuzz targets).

An input is two configuration bytes followed by the payload::

    byte 0   mode = b0 % 3      0: payload is UTF-8 (invalid bytes become lone
                                   surrogates via ``surrogateescape``)
                                1: every payload byte picks an item of ALPHABET
                                2: payload is read by atheris' FuzzedDataProvider
                                   (any code point, surrogates included)
             budget = b0 // 3 % 4   0: default, 1: k, 2: ratio, 3: max_words
             stemmer = b0 // 12 % 5 index into STEMMER_NAMES
    byte 1   amount = b1 & 0x7f (the budget's value); b1 & 0x80: require_arabic=False
             (and hard_wrap=False for the splitter target)

The seed files in ``corpus/`` start with the ASCII bytes ``00`` (UTF-8 text,
default budget, the default stemmer), so they stay readable as text.
"""

from __future__ import annotations

from dataclasses import dataclass

# An Arabic-heavy alphabet: letters, marks, punctuation of both scripts,
# digits, spaces and line breaks, quotes, and the characters that trip
# splitters (URLs, abbreviations, list numbers, bidi and format marks).
ALPHABET: list[str] = [
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    *"ءآأؤإئةى",
    *"\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654",
    "\u0640",
    *(" ",) * 8,
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u00a0",
    "\u2028",
    *".!?\u061f\u2026\u060c\u061b:;,",
    *"\u00ab\u00bb\"'()\u201c\u201d\ufd3e\ufd3f[]",
    *"0123456789\u0660\u0663\u0669\u066b\u06f5",
    *"abcXYZ",
    "@",
    "/",
    "-",
    "*",
    "http://",
    "www.",
    "\u062f.",
    "\u0635.\u0628.",
    "\u0625\u0644\u062e.",
    "1. ",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202b",
    "\u202c",
    "\u2067",
    "\u2069",
    "\ufeff",
    "\x00",
    "\ufefb",
    "\u0301",
    "\U0001f600",
    "\ud800",
    "\udfff",
]

STEMMER_NAMES = ("light", "isri", "snowball", "none", "arlstem")


@dataclass(frozen=True)
class Case:
    text: str
    budget: dict[str, object]
    stemmer: str
    flag: bool  # require_arabic=False / hard_wrap=False


def decode(data: bytes) -> Case:
    """Return the case that ``data`` encodes (never raises)."""
    b0 = data[0] if len(data) > 0 else 0
    b1 = data[1] if len(data) > 1 else 0
    payload = data[2:]
    mode = b0 % 3
    if mode == 0:
        text = payload.decode("utf-8", errors="surrogateescape")
    elif mode == 1:
        text = "".join(ALPHABET[b % len(ALPHABET)] for b in payload)
    else:
        import atheris

        fdp = atheris.FuzzedDataProvider(payload)
        text = fdp.ConsumeUnicode(len(payload))
    amount = b1 & 0x7F
    kind = b0 // 3 % 4
    budget: dict[str, object]
    if kind == 1:
        budget = {"k": 1 + amount % 16}
    elif kind == 2:
        budget = {"ratio": (1 + amount) / 128}
    elif kind == 3:
        budget = {"max_words": 1 + amount}
    else:
        budget = {}
    return Case(text, budget, STEMMER_NAMES[b0 // 12 % 5], bool(b1 & 0x80))
