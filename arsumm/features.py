"""TF-IDF sentence vectors.

The analyzer turns one sentence into its terms: normalise, take letter runs,
drop stop words and one-letter tokens, stem. It is a module-level class, so
a fitted vectorizer pickles and can be sent to worker processes.

Examples
--------
>>> from arsumm.features import Analyzer, sentence_vectors
>>> Analyzer(stemmer="light")("وسافر المعلمون إلى المدرسة")
['سافر', 'معلم', 'مدرس']
>>> X = sentence_vectors(["ذهب المعلمون", "عاد المعلمون", "المطر غزير"], Analyzer())
>>> X.shape[0]
3
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from arsumm.errors import NoContentError
from arsumm.normalize import tokenize
from arsumm.stemmer import CachedStemmer, Stemmer, get_stemmer
from arsumm.stopwords import load_stopwords

__all__ = ["Analyzer", "make_vectorizer", "sentence_vectors"]


@dataclass(frozen=True)
class Analyzer:
    """Callable that maps a sentence to its list of terms.

    Parameters
    ----------
    stemmer : str or Stemmer, default "arlstem"
        A built-in stemmer's name or any object with ``stem(token) -> str``.
        Objects are wrapped in a per-analyzer memo.
    stopwords : bool, default True
        Drop the bundled stop words (compared before stemming).
    taa_marbuta : bool, default False
        Fold ``ة`` into ``ه`` during normalisation.
    min_length : int, default 2
        Drop tokens shorter than this many letters.
    """

    stemmer: str | Stemmer = "arlstem"
    stopwords: bool = True
    taa_marbuta: bool = False
    min_length: int = 2
    _stem: CachedStemmer = field(init=False, repr=False, compare=False)
    _stop: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stem", _resolve(self.stemmer))
        object.__setattr__(self, "_stop", load_stopwords() if self.stopwords else frozenset())

    def __call__(self, sentence: str) -> list[str]:
        """Return the terms of ``sentence``."""
        stop = self._stop
        stem = self._stem.stem
        min_length = self.min_length
        terms = []
        for token in tokenize(sentence, taa_marbuta=self.taa_marbuta):
            if len(token) < min_length or token in stop:
                continue
            term = stem(token)
            if term:
                terms.append(term)
        return terms

    def __getstate__(self) -> dict[str, object]:
        return {
            "stemmer": self.stemmer,
            "stopwords": self.stopwords,
            "taa_marbuta": self.taa_marbuta,
            "min_length": self.min_length,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        self.__post_init__()


def _resolve(stemmer: str | Stemmer) -> CachedStemmer:
    if isinstance(stemmer, str):
        return get_stemmer(stemmer)
    if isinstance(stemmer, CachedStemmer):
        return stemmer
    if not callable(getattr(stemmer, "stem", None)):
        raise TypeError(
            f"stemmer must be a name or an object with a .stem(token) method, "
            f"got {type(stemmer).__name__}"
        )
    return CachedStemmer(stemmer)


def make_vectorizer(analyzer: Analyzer, *, sublinear_tf: bool = False) -> TfidfVectorizer:
    """Return a ``TfidfVectorizer`` that uses ``analyzer``.

    IDF is smoothed and rows are L2-normalised, so the dot product of two
    rows is their cosine similarity.
    """
    return TfidfVectorizer(
        analyzer=analyzer,
        lowercase=False,
        norm="l2",
        use_idf=True,
        smooth_idf=True,
        sublinear_tf=sublinear_tf,
        dtype=np.float64,
    )


def sentence_vectors(
    sentences: list[str], analyzer: Analyzer, *, sublinear_tf: bool = False
) -> sp.csr_matrix:
    """Fit TF-IDF on the sentences of one document and return their vectors.

    Each sentence is a document for the IDF, so a word that appears in every
    sentence weighs little.

    Raises
    ------
    NoContentError
        If no sentence has a single term left after stop words.
    """
    vectorizer = make_vectorizer(analyzer, sublinear_tf=sublinear_tf)
    try:
        matrix = vectorizer.fit_transform(sentences)
    except ValueError as exc:
        if "empty vocabulary" not in str(exc):
            raise
        raise NoContentError(
            "no words left to compare after removing punctuation, digits and stop words; "
            "the text needs at least one content word"
        ) from None
    return sp.csr_matrix(matrix)
