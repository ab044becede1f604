"""Orthographic normalisation of Arabic text, used for matching only.

arsumm never returns normalised text to the caller: every sentence it
returns is a slice of the caller's own string. Normalisation only decides
which words count as the same word when sentences are compared.

What :func:`normalize` does, in this order:

1. NFKC, so presentation forms such as the ligature ``ﻻ`` become ``لا``;
2. removes tashkeel (harakat, tanwin, shadda, sukun, superscript alef and the
   Quranic annotation marks), tatweel and invisible format characters
   (LRM, RLM, ALM, ZWNJ, ZWJ, ZWSP, BOM, bidi embeddings and isolates, soft hyphen);
3. unifies the alef forms ``أ إ آ ٱ`` to ``ا`` and alef maqsura ``ى`` to ``ي``
   (and, if asked, taa marbuta ``ة`` to ``ه``);
4. maps Arabic-Indic (``٠-٩``) and Persian (``۰-۹``) digits to ASCII digits.

The letters come from :mod:`pyarabic.araby`, the marks and format
characters from :mod:`arsumm.chars` (which the splitter shares); the whole
mapping gives what one :meth:`str.translate` with a table of it would give,
computed with a few :meth:`str.replace` calls, which cost a hundredth as much.

Examples
--------
>>> from arsumm.normalize import normalize, tokenize
>>> normalize("كَتَبَ الطَّالِبُ")
'كتب الطالب'
>>> normalize("إلى أين؟ عام ٢٠٢٤")
'الي اين؟ عام 2024'
>>> tokenize("قالَ: «الكتـــاب» في ٣ أيام")
['قال', 'الكتاب', 'في', 'ايام']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pyarabic.araby as araby

from arsumm.chars import ARABIC_LETTER_RE, ZERO_WIDTH

__all__ = ["has_arabic_letter", "normalize", "normalize_many", "tokenize", "tokenize_many"]

_ALEFS = (araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_MADDA, araby.ALEF_WASLA)


def _build_table(*, taa_marbuta: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for mark in ZERO_WIDTH:
        table[ord(mark)] = None
    for alef in _ALEFS:
        table[ord(alef)] = araby.ALEF
    table[ord(araby.ALEF_MAKSURA)] = araby.YEH
    if taa_marbuta:
        table[ord(araby.TEH_MARBUTA)] = araby.HEH
    for digit in range(10):
        table[0x0660 + digit] = str(digit)  # Arabic-Indic
        table[0x06F0 + digit] = str(digit)  # Extended Arabic-Indic (Persian, Urdu)
    return table


_TABLE = _build_table(taa_marbuta=False)
_TABLE_TAA = _build_table(taa_marbuta=True)

# str.translate with a mapping looks every character up in it (about 100 ns a
# character). Each rule of the table maps one character to a fixed result
# that no other rule touches, so the rules can be applied one character at a
# time, with str.replace (about 1 ns a character): the letters always, the
# marks, format characters and digits (rare) only when one scan finds them.
# The result is the table's (tests/test_normalize.py checks it on random text).
_RARE = {chr(k): v or "" for k, v in _TABLE.items() if v is None or v.isdigit()}
_RARE_RE = re.compile("[" + re.escape("".join(_RARE)) + "]+")
_LETTERS = tuple((chr(k), v) for k, v in _TABLE.items() if v is not None and not v.isdigit())
_LETTERS_TAA = tuple(
    (chr(k), v) for k, v in _TABLE_TAA.items() if v is not None and not v.isdigit()
)

_LETTER_RUN = re.compile(r"[^\W\d_]+")


def normalize(text: str, *, taa_marbuta: bool = False) -> str:
    """Return ``text`` normalised for matching.

    Parameters
    ----------
    text : str
        Any text.
    taa_marbuta : bool, default False
        Also fold taa marbuta ``ة`` into ``ه``.

    Returns
    -------
    str
        The normalised text. It can be shorter than ``text``: never use its
        offsets for the caller's string.

    Examples
    --------
    >>> normalize("ﻻ")
    'لا'
    >>> normalize("مكتبة", taa_marbuta=True)
    'مكتبه'
    >>> normalize("\u200fمرحبا\u200e")
    'مرحبا'
    """
    if text.isascii():
        return text  # every character the rules change is outside ASCII
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    rare = _RARE_RE.findall(text)
    if rare:
        for char in set("".join(rare)):
            text = text.replace(char, _RARE[char])
    for old, new in _LETTERS_TAA if taa_marbuta else _LETTERS:
        text = text.replace(old, new)
    return text


def tokenize(text: str, *, taa_marbuta: bool = False) -> list[str]:
    """Split ``text`` into the letter runs of its normalised form.

    Digits, punctuation and symbols separate tokens and are dropped.

    Examples
    --------
    >>> tokenize("وُلد عام 1770م في بون، ألمانيا.")
    ['ولد', 'عام', 'م', 'في', 'بون', 'المانيا']
    """
    return _LETTER_RUN.findall(normalize(text, taa_marbuta=taa_marbuta))


def normalize_many(texts: Sequence[str], *, taa_marbuta: bool = False) -> list[str]:
    """Return ``[normalize(t) for t in texts]``, normalising all texts in one call.

    The texts are joined with line feeds, normalised together and split
    again: a line feed is left alone by the normalisation and never combines
    with its neighbours, so each text comes out as it would alone. If a text
    holds a line feed itself, each text is normalised on its own.

    Examples
    --------
    >>> normalize_many(["وُلد", "ﻻ", "سطر\\nثان"])
    ['ولد', 'لا', 'سطر\\nثان']
    """
    pieces = normalize("\n".join(texts), taa_marbuta=taa_marbuta).split("\n")
    if len(pieces) != len(texts):  # some text holds a line feed
        return [normalize(text, taa_marbuta=taa_marbuta) for text in texts]
    return pieces


def tokenize_many(texts: Sequence[str], *, taa_marbuta: bool = False) -> list[list[str]]:
    """Return ``[tokenize(t) for t in texts]``, normalising all texts in one call
    (:func:`normalize_many`).

    Examples
    --------
    >>> tokenize_many(["وُلد", "ﻻ", "1770م"])
    [['ولد'], ['لا'], ['م']]
    """
    findall = _LETTER_RUN.findall
    return [findall(piece) for piece in normalize_many(texts, taa_marbuta=taa_marbuta)]


def has_arabic_letter(text: str) -> bool:
    """Return True if ``text`` contains at least one Arabic letter.

    Examples
    --------
    >>> has_arabic_letter("hello, world")
    False
    >>> has_arabic_letter("hello مرحبا")
    True
    """
    return ARABIC_LETTER_RE.search(text) is not None
