"""Arabic stemmers behind one small interface.

A stemmer is anything with a ``stem(token) -> str`` method, so NLTK's
stemmers fit as they are. The built-ins are selected by name:

``"arlstem"`` (default)
    NLTK's ARLSTem (Abainia et al., 2017).
``"isri"``
    NLTK's ISRI root stemmer (Taghva et al., 2005); it conflates aggressively.
``"snowball"``
    NLTK's Snowball stemmer for Arabic.
``"light"``
    arsumm's own light stemmer: strips the definite article with its
    attached prepositions and conjunctions, and common plural, dual,
    feminine and possessive suffixes, never leaving fewer than three letters.
``"none"``
    returns the token unchanged.

Tokens reaching a stemmer are already normalised (see
:mod:`arsumm.normalize`). Every built-in is memoised: a word is stemmed once
per process.

Examples
--------
>>> from arsumm.stemmer import get_stemmer
>>> get_stemmer("light").stem("والمكتبات")
'مكتب'
>>> get_stemmer("none").stem("والمكتبات")
'والمكتبات'
>>> get_stemmer("arlstem") is get_stemmer("arlstem")
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Protocol, runtime_checkable

__all__ = ["STEMMERS", "CachedStemmer", "LightStemmer", "Stemmer", "get_stemmer"]


@runtime_checkable
class Stemmer(Protocol):
    """Anything with a ``stem(token) -> str`` method."""

    def stem(self, token: str) -> str:
        """Return the stem of one normalised token."""
        ...


class _Identity:
    def stem(self, token: str) -> str:
        return token


class LightStemmer:
    """A light stemmer: prefix and suffix stripping without root extraction.

    Prefixes, longest first: ``وال بال كال فال لل ال`` and a lone ``و``.
    Suffixes, longest first: ``هما كما تين تان ها ان ات ون ين يه يه ية ه ة ي``.
    At most one prefix and one suffix are removed, each only if at least
    three letters remain (four for a lone ``و``, so that ``وزير`` stays whole).

    Examples
    --------
    >>> s = LightStemmer()
    >>> [s.stem(w) for w in ["بالمدرسة", "المعلمون", "كتابها", "وزير"]]
    ['مدرس', 'معلم', 'كتاب', 'وزير']
    """

    _PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال", "و")
    _SUFFIXES = (
        "هما",
        "كما",
        "تين",
        "تان",
        "ها",
        "ان",
        "ات",
        "ون",
        "ين",
        "يه",
        "ية",
        "هم",
        "كم",
        "نا",
        "ه",
        "ة",
        "ي",
    )

    def stem(self, token: str) -> str:
        """Return the light stem of ``token``."""
        word = token
        for prefix in self._PREFIXES:
            keep = 4 if prefix == "و" else 3  # وزير is a word, not و + زير
            if word.startswith(prefix) and len(word) - len(prefix) >= keep:
                word = word[len(prefix) :]
                break
        for suffix in self._SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        return word


class CachedStemmer:
    """Wrap a stemmer with a per-process memo.

    Parameters
    ----------
    stemmer : Stemmer
        The stemmer to wrap.
    max_size : int, default 1,048,576
        Distinct words remembered; when the memo is full it starts again from
        empty, so a long-running process over endless new words (a service, a
        fuzzer) keeps a bounded memory. A real vocabulary fits many times over.

    Examples
    --------
    >>> cached = CachedStemmer(LightStemmer())
    >>> cached.stem("المعلمون"), len(cached.cache)
    ('معلم', 1)
    """

    def __init__(self, stemmer: Stemmer, max_size: int = 1 << 20) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        self.stemmer = stemmer
        self.max_size = max_size
        self.cache: dict[str, str] = {}

    def stem(self, token: str) -> str:
        """Return the (memoised) stem of ``token``."""
        try:
            return self.cache[token]
        except KeyError:
            result = self.stemmer.stem(token)
            if not isinstance(result, str):
                raise TypeError(
                    f"stemmer {type(self.stemmer).__name__}.stem() returned "
                    f"{type(result).__name__}, expected str"
                ) from None
            if len(self.cache) >= self.max_size:
                self.cache.clear()
            self.cache[token] = result
            return result


# The characters ARLSTem.norm() rewrites: harakat, hamzated alefs, alef maqsura.
_ARLSTEM_NORM_CHARS = re.compile("[\u064b-\u065f\u0622\u0623\u0625\u0649]")


def _arlstem_norm(norm: Callable[[str], str], token: str) -> str:
    """ARLSTem.norm(), without its three regex substitutions when they change nothing.

    nltk runs each one under a ReDoS timeout guard, which makes them most of
    the stemmer's cost; arsumm's tokens are already normalised, so for them
    only the leading-waw rule is left. The stems are the same for any input.
    """
    if _ARLSTEM_NORM_CHARS.search(token) is not None:
        return norm(token)
    if token.startswith("\u0648") and len(token) > 3:
        return token[1:]
    return token


def _arlstem() -> Stemmer:
    from nltk.stem.arlstem import ARLSTem

    stemmer = ARLSTem()
    stemmer.norm = functools.partial(_arlstem_norm, stemmer.norm)
    result: Stemmer = stemmer
    return result


def _isri() -> Stemmer:
    from nltk.stem.isri import ISRIStemmer

    stemmer: Stemmer = ISRIStemmer()
    return stemmer


def _snowball() -> Stemmer:
    from nltk.stem.snowball import SnowballStemmer

    stemmer: Stemmer = SnowballStemmer("arabic")
    return stemmer


#: Factories of the built-in stemmers, by name.
STEMMERS: dict[str, Callable[[], Stemmer]] = {
    "arlstem": _arlstem,
    "isri": _isri,
    "snowball": _snowball,
    "light": LightStemmer,
    "none": _Identity,
}

_INSTANCES: dict[str, CachedStemmer] = {}


def get_stemmer(name: str) -> CachedStemmer:
    """Return the process-wide memoised instance of a built-in stemmer.

    Parameters
    ----------
    name : str
        One of ``"arlstem"``, ``"isri"``, ``"snowball"``, ``"light"``, ``"none"``.

    Raises
    ------
    ValueError
        If ``name`` is not a built-in stemmer.
    """
    if not isinstance(name, str):
        raise TypeError(f"stemmer name must be a str, got {type(name).__name__}")
    try:
        return _INSTANCES[name]
    except KeyError:
        pass
    if name not in STEMMERS:
        valid = ", ".join(repr(n) for n in STEMMERS)
        raise ValueError(
            f"unknown stemmer {name!r}; choose one of {valid} or pass an object with .stem()"
        )
    instance = CachedStemmer(STEMMERS[name]())
    _INSTANCES[name] = instance
    return instance
