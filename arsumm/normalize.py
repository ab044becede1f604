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
mapping is applied in one :meth:`str.translate` call.

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

__all__ = ["has_arabic_letter", "normalize", "tokenize", "tokenize_many"]

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
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_TABLE_TAA if taa_marbuta else _TABLE)


def tokenize(text: str, *, taa_marbuta: bool = False) -> list[str]:
    """Split ``text`` into the letter runs of its normalised form.

    Digits, punctuation and symbols separate tokens and are dropped.

    Examples
    --------
    >>> tokenize("وُلد عام 1770م في بون، ألمانيا.")
    ['ولد', 'عام', 'م', 'في', 'بون', 'المانيا']
    """
    return _LETTER_RUN.findall(normalize(text, taa_marbuta=taa_marbuta))


def tokenize_many(texts: Sequence[str], *, taa_marbuta: bool = False) -> list[list[str]]:
    """Return ``[tokenize(t) for t in texts]``, normalising all texts in one call.

    The texts are joined with line feeds, normalised together and split
    again: a line feed is left alone by the normalisation and never combines
    with its neighbours, so each text comes out as it would alone. A text
    that holds a line feed itself falls back to :func:`tokenize`.

    Examples
    --------
    >>> tokenize_many(["وُلد", "ﻻ", "1770م"])
    [['ولد'], ['لا'], ['م']]
    """
    pieces = normalize("\n".join(texts), taa_marbuta=taa_marbuta).split("\n")
    if len(pieces) != len(texts):  # some text holds a line feed
        return [tokenize(text, taa_marbuta=taa_marbuta) for text in texts]
    findall = _LETTER_RUN.findall
    return [findall(piece) for piece in pieces]


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
