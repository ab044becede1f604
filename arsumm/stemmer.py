"""Arabic stemmers behind one small interface.

A stemmer is anything with a ``stem(token) -> str`` method, so NLTK's
stemmers fit as they are. The built-ins are selected by name:

``"arlstem"`` (default)
    ARLSTem (Abainia et al., 2017) as NLTK implements it: NLTK's affix lists
    and rules, applied by arsumm a group of affixes at a time, which gives
    NLTK's stems several times faster and without importing NLTK.
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

import re
import threading
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from arsumm.checks import integer
from arsumm.errors import ConfigError

__all__ = [
    "MEMO_CHARACTERS",
    "MEMO_TOKEN_LENGTH",
    "STEMMERS",
    "CachedStemmer",
    "LightStemmer",
    "Stemmer",
    "get_stemmer",
]


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


#: Characters (tokens and stems together) a stem memo holds before it starts
#: again from empty: with Python's string and dict overheads, a few tens of MB.
MEMO_CHARACTERS = 1 << 22
#: Longest token whose stem is remembered; longer ones (no word is that long)
#: are stemmed each time, so that junk cannot fill the memo.
MEMO_TOKEN_LENGTH = 64


class CachedStemmer:
    """Wrap a stemmer with a bounded memo, safe to share between threads.

    Parameters
    ----------
    stemmer : Stemmer
        The stemmer to wrap.
    max_size : int, default 1,048,576
        Distinct words remembered; when the memo is full, or holds
        :data:`MEMO_CHARACTERS` characters, it starts again from empty, so a
        long-running process over endless new words (a service, a fuzzer)
        keeps a bounded memory. Tokens longer than :data:`MEMO_TOKEN_LENGTH`
        are not remembered. A real vocabulary fits many times over.

    Notes
    -----
    The wrapped stemmer is called under a lock: NLTK's Snowball stemmer keeps
    per-call state on its instance, and a stemmer of yours may too, so two
    threads never run it at once (reads of the memo take no lock).

    Examples
    --------
    >>> cached = CachedStemmer(LightStemmer())
    >>> cached.stem("المعلمون"), len(cached.cache)
    ('معلم', 1)
    """

    def __init__(self, stemmer: Stemmer, max_size: int = 1 << 20) -> None:
        integer("max_size", max_size, low=1)
        self.stemmer = stemmer
        self.max_size = max_size
        self.cache: dict[str, str] = {}
        self._characters = 0
        self._lock = threading.Lock()

    def stem(self, token: str) -> str:
        """Return the (memoised) stem of ``token``."""
        cached = self.cache.get(token)  # cheaper than catching KeyError on a miss
        if cached is not None:
            return cached
        with self._lock:
            return self._stem_new(token)

    def stem_many(self, tokens: list[str]) -> list[str]:
        """Return the (memoised) stems of ``tokens``, in order.

        The same as ``[self.stem(t) for t in tokens]``, with the memo read in
        one pass and the lock taken once for the tokens it does not hold.

        Examples
        --------
        >>> CachedStemmer(LightStemmer()).stem_many(["المعلمون", "والكتاب"])
        ['معلم', 'كتاب']
        """
        result: list[str | None] = list(map(self.cache.get, tokens))
        if None not in result:
            return result  # type: ignore[return-value]
        with self._lock:
            cache = self.cache
            for i, token in enumerate(tokens):
                if result[i] is None:
                    cached = cache.get(token)  # a token that came earlier in the list
                    result[i] = cached if cached is not None else self._stem_new(token)
        return result  # type: ignore[return-value]

    def _stem_new(self, token: str) -> str:
        """Stem a token the memo does not hold, and remember it (lock held)."""
        result = self.stemmer.stem(token)
        if not isinstance(result, str):
            raise TypeError(
                f"stemmer {type(self.stemmer).__name__}.stem() returned "
                f"{type(result).__name__}, expected str"
            )
        if len(token) <= MEMO_TOKEN_LENGTH:
            size = len(token) + len(result)
            if len(self.cache) >= self.max_size or self._characters + size > MEMO_CHARACTERS:
                self.cache.clear()
                self._characters = 0
            self.cache[token] = result
            self._characters += size
        return result

    def __getstate__(self) -> tuple[Stemmer, int]:
        return self.stemmer, self.max_size  # the memo and the lock stay behind

    def __setstate__(self, state: tuple[Stemmer, int]) -> None:
        self.__init__(*state)  # type: ignore[misc]


# ARLSTem's normalisation (nltk's ARLSTem.norm): drop the harakat, unify the
# hamzated alefs, alef maqsura to yeh (its leading-waw rule is applied apart).
_ARLSTEM_NORM = str.maketrans(
    {
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0649": "\u064a",
    }
)
_ARLSTEM_NORM_CHARS = re.compile("[\u064b-\u065f\u0622\u0623\u0625\u0649]")

# ARLSTem's affix lists (Abainia et al., 2017), as nltk's ARLSTem lists them,
# in its order; tests/test_stemmer.py checks them against nltk's object.
_ARLSTEM_AFFIXES: dict[str, tuple[str, ...]] = {
    "pr2": ("\u0627\u0644", "\u0644\u0644", "\u0641\u0644", "\u0641\u0628"),
    "pr3": ("\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0648\u0627\u0644"),
    "pr32": ("\u0641\u0644\u0644", "\u0648\u0644\u0644"),
    "pr4": ("\u0641\u0628\u0627\u0644", "\u0648\u0628\u0627\u0644", "\u0641\u0643\u0627\u0644"),
    "su2": ("\u0643\u064a", "\u0643\u0645"),
    "su22": ("\u0647\u0627", "\u0647\u0645"),
    "su3": ("\u0643\u0645\u0627", "\u0643\u0646\u0651"),
    "su32": ("\u0647\u0645\u0627", "\u0647\u0646\u0651"),
    "pl_si2": ("\u0627\u0646", "\u064a\u0646", "\u0648\u0646"),
    "pl_si3": ("\u062a\u0627\u0646", "\u062a\u064a\u0646"),
    "verb_su2": ("\u0627\u0646", "\u0648\u0646"),
    "verb_pr2": ("\u0633\u062a", "\u0633\u064a"),
    "verb_pr22": ("\u0633\u0627", "\u0633\u0646"),
    "verb_suf3": ("\u062a\u0645\u0627", "\u062a\u0646\u0651"),
    "verb_suf2": ("\u0646\u0627", "\u062a\u0645", "\u062a\u0627", "\u0648\u0627"),
    "verb_suf1": ("\u062a", "\u0627", "\u0646"),
}

# ARLSTem's suffixes common to nouns and verbs, in its order: ك, su2, su3, ه,
# su22, su32, نا. Each is cut only if at least three letters remain, and none
# of them ends another (_ARLSTem's doctest checks it), so a word ends with one
# of them at most.
_COMMON_SUFFIXES: tuple[str, ...] = (
    "\u0643",
    *_ARLSTEM_AFFIXES["su2"],
    *_ARLSTEM_AFFIXES["su3"],
    "\u0647",
    *_ARLSTEM_AFFIXES["su22"],
    *_ARLSTEM_AFFIXES["su32"],
    "\u0646\u0627",
)
_COMMON_SUFFIXES_1 = frozenset(s for s in _COMMON_SUFFIXES if len(s) == 1)
_COMMON_SUFFIXES_2 = frozenset(s for s in _COMMON_SUFFIXES if len(s) == 2)


class _ARLSTem:
    """ARLSTem's rules, applied with one string test per group of affixes.

    nltk's ``ARLSTem.stem`` tries its affixes one by one in Python loops.
    The affixes of a group are all cut the same way (three letters, two,
    one), so a single ``str.startswith`` / ``str.endswith`` with the group as
    a tuple decides the same thing. The affix lists are nltk's, copied as
    data so that the default stemmer does not import nltk (about a second of
    start-up), and the rules are tried in ARLSTem's order, so the stems are
    nltk's (``tests/test_stemmer.py`` compares the lists with nltk's object
    and the stems on every word of EASC and UD Arabic-PUD and on generated
    affix combinations). Its fifth verb rule always returns, so the sixth is
    never reached.

    Examples
    --------
    The suffixes common to nouns and verbs (three letters at most), none of
    which ends another, so that :meth:`stem` can find a word's with one test:

    >>> [(a, b) for a in _COMMON_SUFFIXES for b in _COMMON_SUFFIXES if a != b and a.endswith(b)]
    []
    >>> sorted({len(s) for s in _COMMON_SUFFIXES})
    [1, 2, 3]
    >>> _ARLSTem().stem("والمكتبات")
    'مكتب'
    """

    def __init__(self) -> None:
        affixes = _ARLSTEM_AFFIXES
        self.pr2, self.pr3, self.pr32, self.pr4 = (
            affixes["pr2"],
            affixes["pr3"],
            affixes["pr32"],
            affixes["pr4"],
        )
        self.su2, self.su22, self.su3, self.su32 = (
            affixes["su2"],
            affixes["su22"],
            affixes["su3"],
            affixes["su32"],
        )
        self.pl_si2, self.pl_si3 = affixes["pl_si2"], affixes["pl_si3"]
        self.verb_su2 = affixes["verb_su2"]
        self.verb_pr2, self.verb_pr22 = affixes["verb_pr2"], affixes["verb_pr22"]
        self.verb_suf1, self.verb_suf2, self.verb_suf3 = (
            affixes["verb_suf1"],
            affixes["verb_suf2"],
            affixes["verb_suf3"],
        )
        # the single letters ARLSTem's rules name
        self.after_alef = ("\u064a", "\u0627", "\u0646")  # ي ا ن

    @staticmethod
    def norm(token: str) -> str:
        """ARLSTem's normalisation of ``token`` (nltk's ``ARLSTem.norm``)."""
        token = token.translate(_ARLSTEM_NORM)
        if token.startswith("\u0648") and len(token) > 3:
            token = token[1:]
        return token

    def stem(self, token: str) -> str:
        """Return ARLSTem's stem of ``token``."""
        # arsumm's tokens are already normalised, so for them only
        # ARLSTem.norm's leading-waw rule is left.
        if _ARLSTEM_NORM_CHARS.search(token) is not None:
            token = self.norm(token)
        elif token.startswith("\u0648") and len(token) > 3:  # ARLSTem.norm's leading waw
            token = token[1:]
        n = len(token)
        prefixed = True
        if n > 5 and token.startswith(self.pr3):
            token = token[3:]
        elif n > 6 and token.startswith(self.pr4):
            token = token[4:]
        elif n > 5 and token.startswith(self.pr32):
            token = token[3:]
        elif n > 4 and token.startswith(self.pr2):
            token = token[2:]
        else:
            prefixed = False
        # suffixes common to nouns and verbs (one at most): ARLSTem tries them
        # in turn, each only if at least three letters remain; none ends
        # another, so one test finds the only one a word can end with and its
        # length is the cut (faster than seven tests on the many words without)
        if token.endswith(_COMMON_SUFFIXES):
            if token[-1] in _COMMON_SUFFIXES_1:
                cut = 1
            elif token[-2:] in _COMMON_SUFFIXES_2:
                cut = 2
            else:
                cut = 3
            if len(token) > cut + 2:
                token = token[:-cut]
        return self._noun(token, prefixed)

    def _noun(self, token: str, prefixed: bool) -> str:
        """ARLSTem's noun rules, then its verb rules for a word without a prefix."""
        n = len(token)
        # plural to singular
        if n > 4 and token.endswith(self.pl_si2):
            return token[:-2]
        if n > 5 and token.endswith(self.pl_si3):
            return token[:-3]
        if n > 3:
            if token.endswith("\u0627\u062a"):  # ات
                return token[:-2]
            if token[0] == "\u0627":
                if token[2] == "\u0627":
                    return token[:2] + token[3:]
                if n > 4 and token[-2] == "\u0627":
                    return token[1:-2] + token[-1]
            # feminine to masculine
            if token[-1] == "\u0629":
                return token[:-1]
        return token if prefixed else self._verb(token)

    def _verb(self, token: str) -> str:
        """ARLSTem's verb rules: a tense's prefix and suffix together first."""
        n = len(token)
        taa, yaa, alef, noon = "\u062a", "\u064a", "\u0627", "\u0646"
        # present tense: prefix and suffix
        if n > 5 and token.startswith(taa) and token.endswith(self.pl_si2):
            return token[1:-2]
        if n > 5 and token.startswith(yaa) and token.endswith(self.verb_su2):
            return token[1:-2]
        if n > 4 and token.startswith(alef):
            if n > 5 and token.endswith("\u0648\u0627"):  # وا
                return token[1:-2]
            if token.endswith(self.after_alef):
                return token[1:-1]
        if n > 4 and token.startswith((yaa, taa)) and token.endswith(noon):
            return token[1:-1]
        # future tense: prefix and suffix
        if n > 6:
            if token.startswith(self.verb_pr2[0]) and token.endswith(self.pl_si2):
                return token[2:-2]
            if token.startswith(self.verb_pr2[1]) and token.endswith(
                (self.pl_si2[0], self.pl_si2[2])
            ):
                return token[2:-2]
        if n > 5 and token.startswith(self.verb_pr2) and token.endswith(noon):
            return token[2:-1]
        return self._verb_affix(token)

    def _verb_affix(self, token: str) -> str:
        """ARLSTem's last verb rules: one suffix, or else one prefix."""
        n = len(token)
        # present tense suffixes
        if n > 5 and token.endswith(self.verb_suf3):
            return token[:-3]
        if n > 4 and token.endswith(self.verb_suf2):
            return token[:-2]
        if n > 3 and token.endswith(self.verb_suf1):
            return token[:-1]
        # present tense prefixes
        if n > 3 and (token.startswith(self.verb_suf1) or token.startswith("\u064a")):
            return token[1:]
        # future tense prefixes
        if n > 4 and (token.startswith(self.verb_pr22) or token.startswith(self.verb_pr2)):
            return token[2:]
        return token


def _arlstem() -> Stemmer:
    return _ARLSTem()


def _isri() -> Stemmer:
    from nltk.stem.isri import ISRIStemmer

    stemmer: Stemmer = ISRIStemmer()
    return stemmer


class _Snowball:
    """NLTK's Snowball stemmer for Arabic, a fresh one for every word.

    NLTK's ``ArabicStemmer`` keeps flags on its instance from one word to the
    next (one is never reset), so a word's stem depended on the words stemmed
    before it: after «سافرنا», «كانوا» became «كانو» instead of «كان». A new
    instance costs well under a microsecond, and the memo asks once per word.
    """

    def __init__(self) -> None:
        from nltk.stem.snowball import ArabicStemmer

        self._make = ArabicStemmer

    def stem(self, token: str) -> str:
        """Return the Snowball stem of ``token``, whatever came before."""
        result: str = self._make().stem(token)
        return result

    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]


def _snowball() -> Stemmer:
    return _Snowball()


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
    ConfigError
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
        raise ConfigError(
            f"unknown stemmer {name!r}; choose one of {valid} or pass an object with .stem()"
        )
    instance = CachedStemmer(STEMMERS[name]())
    _INSTANCES[name] = instance
    return instance
