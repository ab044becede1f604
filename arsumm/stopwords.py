"""The bundled Arabic stop-word list.

The list lives in ``arsumm/data/stopwords_ar.txt``: function words
(prepositions, particles, pronouns, demonstratives, relatives, auxiliary
verbs, quantifiers and the reporting verbs of news prose), written by the
arsumm authors and stored already normalised by :func:`arsumm.normalize.normalize`.
At load time every word of two or more letters is also added with the
conjunctions ``و`` and ``ف`` attached, since Arabic writes them as prefixes.

Examples
--------
>>> from arsumm.stopwords import load_stopwords
>>> words = load_stopwords()
>>> "التي" in words, "وفي" in words, "مدينة" in words
(True, True, False)
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["load_stopwords"]

_CONJUNCTIONS = ("و", "ف")


@functools.cache
def load_stopwords() -> frozenset[str]:
    """Return the bundled stop words, normalised, with ``و``/``ف`` forms added.

    Returns
    -------
    frozenset of str
        The words, loaded once per process.
    """
    raw = resources.files("arsumm").joinpath("data/stopwords_ar.txt").read_text("utf-8")
    base = {w for line in raw.splitlines() if (w := line.strip()) and not w.startswith("#")}
    expanded = {c + w for w in base if len(w) >= 2 for c in _CONJUNCTIONS}
    return frozenset(base | expanded)
