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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, filterfalse
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from arsumm._tfidf import tfidf_blocks
from arsumm.errors import NoContentError
from arsumm.normalize import tokenize, tokenize_many
from arsumm.stemmer import CachedStemmer, Stemmer, get_stemmer
from arsumm.stopwords import load_stopwords

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "Analyzer",
    "make_vectorizer",
    "sentence_vectors",
    "term_vectors",
    "term_vectors_many",
]


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
    _memo: _ChunkMemo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stem", _resolve(self.stemmer))
        object.__setattr__(self, "_stop", load_stopwords() if self.stopwords else frozenset())
        object.__setattr__(self, "_memo", _memo_for(self))

    def __call__(self, sentence: str) -> list[str]:
        """Return the terms of ``sentence``.

        Normalisation, tokenizing, stop words and stemming act within a
        whitespace-separated chunk, so the terms of each distinct chunk
        (``"والمدينة،"``) are computed once and remembered.
        """
        return list(chain.from_iterable(map(self._memo.__getitem__, sentence.split())))

    def terms_and_words(self, sentences: Iterable[str]) -> tuple[list[list[str]], list[int]]:
        """Return the terms of each sentence and its number of words.

        The same as ``[self(s) for s in sentences]`` and
        ``[len(s.split()) for s in sentences]``, splitting each sentence once.

        Examples
        --------
        >>> Analyzer(stemmer="none").terms_and_words(["ذهب الولد إلى المدرسة", "نعم"])
        ([['ذهب', 'الولد', 'المدرسة'], []], [4, 1])
        """
        terms: list[list[str]] = []
        words: list[int] = []
        block: list[list[str]] = []
        for sentence in sentences:
            block.append(sentence.split())
            if len(block) >= _SENTENCE_BLOCK:
                self._analyse_block(block, terms, words)
                block = []
        if block:
            self._analyse_block(block, terms, words)
        return terms, words

    def _analyse_block(
        self, chunk_lists: list[list[str]], terms: list[list[str]], words: list[int]
    ) -> None:
        """Append the terms and word counts of a block of split sentences."""
        memo = self._memo
        # Chunks never seen before are analysed a batch at a time (one
        # normalisation call per batch): a long document brings thousands.
        batch: dict[str, None] = {}
        for chunk in filterfalse(memo.__contains__, chain.from_iterable(chunk_lists)):
            batch[chunk] = None
            if len(batch) >= _LEARN_BATCH:
                self._learn(list(batch))
                batch.clear()
        if batch:
            self._learn(list(batch))
        lookup = memo.__getitem__  # a chunk dropped since is analysed again
        terms.extend(list(chain.from_iterable(map(lookup, chunks))) for chunks in chunk_lists)
        words.extend(map(len, chunk_lists))

    def _learn(self, chunks: list[str]) -> None:
        """Analyse ``chunks`` (distinct, not in the memo) and remember their terms."""
        memo = self._memo
        if len(memo) + len(chunks) > _MEMO_SIZE:
            memo.clear()
        tokens = tokenize_many(chunks, taa_marbuta=self.taa_marbuta)
        for chunk, chunk_tokens in zip(chunks, tokens, strict=True):
            memo[chunk] = self._keep(chunk_tokens)

    def _terms(self, text: str) -> list[str]:
        return self._keep(tokenize(text, taa_marbuta=self.taa_marbuta))

    def _keep(self, tokens: list[str]) -> list[str]:
        """Drop short tokens and stop words from ``tokens``; stem the rest."""
        stop = self._stop
        stem = self._stem.stem
        min_length = self.min_length
        terms = []
        for token in tokens:
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


#: Distinct chunks an analyzer remembers before it starts again from empty.
_MEMO_SIZE = 1 << 18
#: Unseen chunks analysed together by :meth:`Analyzer.terms_and_words`.
_LEARN_BATCH = 1 << 14
#: Sentences split at a time by :meth:`Analyzer.terms_and_words` (so that the
#: chunks of a whole book are never held at once).
_SENTENCE_BLOCK = 1 << 12


class _ChunkMemo(dict[str, list[str]]):
    """Chunk -> terms; a missing chunk is analysed and remembered (bounded)."""

    def __init__(self, analyze: Callable[[str], list[str]]) -> None:
        super().__init__()
        self.analyze = analyze

    def __missing__(self, chunk: str) -> list[str]:
        if len(self) >= _MEMO_SIZE:
            self.clear()
        terms = self[chunk] = self.analyze(chunk)
        return terms


_MEMOS: dict[tuple[str, bool, bool, int], _ChunkMemo] = {}


def _memo_for(analyzer: Analyzer) -> _ChunkMemo:
    """The chunk memo: per process for a built-in stemmer, else per analyzer."""
    if not isinstance(analyzer.stemmer, str):
        return _ChunkMemo(analyzer._terms)
    key = (analyzer.stemmer, analyzer.stopwords, analyzer.taa_marbuta, analyzer.min_length)
    memo = _MEMOS.get(key)
    if memo is None:
        memo = _MEMOS[key] = _ChunkMemo(analyzer._terms)
    return memo


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
    rows is their cosine similarity. arsumm computes the same matrix itself
    (:func:`sentence_vectors`); this is the reference the tests compare it
    with, and scikit-learn is imported only when it is called.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

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
    sentence weighs little. The matrix is the one
    ``make_vectorizer(analyzer).fit_transform(sentences)`` returns, bit for
    bit, except that its columns are the terms in order of first appearance
    rather than sorted; it is computed without scikit-learn's per-call
    overhead (see :mod:`arsumm._tfidf`; the tests check the equality).

    Raises
    ------
    NoContentError
        If no sentence has a single term left after stop words.
    """
    return term_vectors([analyzer(sentence) for sentence in sentences], sublinear_tf=sublinear_tf)


def term_vectors(
    term_lists: Sequence[Sequence[str]], *, sublinear_tf: bool = False
) -> sp.csr_matrix:
    """Like :func:`sentence_vectors`, from the sentences' terms (the analyzer's output).

    Raises
    ------
    NoContentError
        If no sentence has a single term.
    """
    matrix = term_vectors_many([term_lists], sublinear_tf=sublinear_tf)[0]
    if isinstance(matrix, NoContentError):
        raise matrix
    return matrix


def term_vectors_many(
    documents: Sequence[Sequence[Sequence[str]]], *, sublinear_tf: bool = False
) -> list[sp.csr_matrix | NoContentError]:
    """Vectorise many documents in one pass, each with its own vocabulary and IDF.

    ``documents`` holds, for each document, the terms of each of its
    sentences. The matrix of each document equals :func:`term_vectors` of its
    terms exactly: batching only spreads the fixed cost of the array
    operations over the batch. A document without a single term gets a
    :class:`NoContentError` instead of a matrix (returned, not raised).

    Examples
    --------
    >>> analyzer = Analyzer()
    >>> docs = [["ذهب المعلمون", "عاد المعلمون"], ["في"]]
    >>> out = term_vectors_many([[analyzer(s) for s in doc] for doc in docs])
    >>> out[0].shape, type(out[1]).__name__
    ((2, 2), 'NoContentError')
    """
    blocks = tfidf_blocks(documents, sublinear_tf=sublinear_tf)
    return [_no_content() if block is None else block for block in blocks]


def _no_content() -> NoContentError:
    return NoContentError(
        "no words left to compare after removing punctuation, digits and stop words; "
        "the text needs at least one content word"
    )
