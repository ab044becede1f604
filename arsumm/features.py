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
import numpy.typing as npt
import scipy.sparse as sp

from arsumm.errors import NoContentError
from arsumm.normalize import tokenize, tokenize_many
from arsumm.stemmer import CachedStemmer, Stemmer, get_stemmer
from arsumm.stopwords import load_stopwords

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = [
    "Analyzer",
    "make_vectorizer",
    "no_content_error",
    "sentence_vectors",
    "term_vectors",
    "term_vectors_many",
    "tfidf_blocks",
]


@dataclass(frozen=True, kw_only=True)
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
            if len(chunk) > _MEMO_CHUNK_LENGTH:
                continue  # not remembered: analysed where it is looked up
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
            memo.reset()
        tokens = tokenize_many(chunks, taa_marbuta=self.taa_marbuta)
        for chunk, chunk_tokens in zip(chunks, tokens, strict=True):
            memo.remember(chunk, self._keep(chunk_tokens))

    def content_words(self, text: str) -> list[str]:
        """The normalised tokens of ``text`` that are stemmed: no stop words, none too short.

        Examples
        --------
        >>> Analyzer().content_words("ذهب الولد إلى المدرسة")
        ['ذهب', 'الولد', 'المدرسة']
        """
        stop, min_length = self._stop, self.min_length
        tokens = tokenize(text, taa_marbuta=self.taa_marbuta)
        return [t for t in tokens if len(t) >= min_length and t not in stop]

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


#: Characters (chunks and their terms) a chunk memo holds before it starts again.
_MEMO_CHARACTERS = 1 << 23
#: Longest chunk whose terms are remembered (longer ones are analysed each time).
_MEMO_CHUNK_LENGTH = 64


class _ChunkMemo(dict[str, list[str]]):
    """Chunk -> terms; a missing chunk is analysed and remembered.

    Bounded in entries and in characters, and chunks longer than
    ``_MEMO_CHUNK_LENGTH`` are not kept, so endless junk cannot grow it.
    """

    def __init__(self, analyze: Callable[[str], list[str]]) -> None:
        super().__init__()
        self.analyze = analyze
        self.characters = 0

    def __missing__(self, chunk: str) -> list[str]:
        terms = self.analyze(chunk)
        self.remember(chunk, terms)
        return terms

    def remember(self, chunk: str, terms: list[str]) -> None:
        """Keep ``terms`` for ``chunk`` unless the chunk is too long; start again when full."""
        if len(chunk) > _MEMO_CHUNK_LENGTH:
            return
        size = len(chunk) + sum(map(len, terms))
        if len(self) >= _MEMO_SIZE or self.characters + size > _MEMO_CHARACTERS:
            self.reset()
        self[chunk] = terms
        self.characters += size

    def reset(self) -> None:
        """Forget every chunk."""
        self.clear()
        self.characters = 0


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
    overhead (see :func:`tfidf_blocks`; the tests check the equality).

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
    return [no_content_error() if block is None else block for block in blocks]


def no_content_error() -> NoContentError:
    """The error of a document without a single term left to compare."""
    return NoContentError(
        "no words left to compare after removing punctuation, digits and stop words; "
        "the text needs at least one content word"
    )


# -- TF-IDF of many small documents at once -------------------------------------
#
# scikit-learn's per-call overhead (parameter validation, input checks, array
# conversions) costs about a millisecond, more than everything else arsumm
# does to a news article. tfidf_blocks computes the matrices of
# TfidfVectorizer(analyzer=..., norm="l2", smooth_idf=True), value for value
# and bit for bit, without that overhead and for a whole batch of articles in
# one pass of array operations, with one difference of presentation: the
# columns are the article's terms in order of first appearance, where
# scikit-learn sorts its vocabulary (sorting the few hundred Arabic terms of an
# article alone costs more than the rest of the vectorisation). Within a row
# the entries are stored in that same first-appearance order, which is also the
# order scikit-learn stores them in (its sort_indices runs before it renumbers
# the columns), so the L2 norms are summed in the same order. The IDF is
# log((n + 1) / (df + 1)) + 1 with the same float64 operations, and the rows
# are scaled as scikit-learn's compiled normaliser scales them. Each article of
# a batch gets its own vocabulary and IDF: batching changes the cost, never the
# numbers (tests/test_batch.py compares with TfidfVectorizer on every EASC
# article).

#: One article: the list of terms of each of its sentences.
TermLists = Sequence[Sequence[str]]


def tfidf_blocks(
    docs: Sequence[TermLists], *, sublinear_tf: bool = False
) -> list[sp.csr_matrix | None]:
    """Return the TF-IDF matrix of each article, fitted on its own sentences.

    Parameters
    ----------
    docs : sequence of articles
        Each article is a sequence of sentences, each a sequence of terms
        (the output of :class:`arsumm.features.Analyzer`).
    sublinear_tf : bool, default False
        Use ``1 + log(tf)`` instead of ``tf``.

    Returns
    -------
    list of scipy.sparse.csr_matrix or None
        One matrix per article, shape (sentences, distinct terms), rows
        L2-normalised; None for an article without a single term (where
        ``TfidfVectorizer`` raises "empty vocabulary").

    Examples
    --------
    >>> [m.shape for m in tfidf_blocks([[["a", "b"], ["b"]], [[]], [["c"]]])[::2]]
    [(2, 2), (1, 1)]
    >>> tfidf_blocks([[[]]])
    [None]
    """
    n_docs = len(docs)
    row_lengths: list[int] = []  # terms per sentence, all articles
    local_cols: list[int] = []  # column (first-seen order) of every term occurrence
    doc_sentences: list[int] = []
    doc_terms: list[int] = []
    for sentences in docs:
        flat = list(chain.from_iterable(sentences))
        vocabulary = dict.fromkeys(flat)  # first appearance order
        n_terms = len(vocabulary)
        column = dict(zip(vocabulary, range(n_terms), strict=True))
        local_cols.extend(map(column.__getitem__, flat))
        row_lengths.extend(map(len, sentences))
        doc_sentences.append(len(sentences))
        doc_terms.append(n_terms)
    n_rows = len(row_lengths)
    n_cols = sum(doc_terms)
    width = max(doc_terms, default=0) or 1
    # Column offsets of the articles and, for every sentence, of its article.
    col_start = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(doc_terms, out=col_start[1:])
    row_col_start = np.repeat(col_start[:-1], doc_sentences)
    # Count each (sentence, term) pair; the pairs come out sorted by sentence
    # and then by column: the entry order CountVectorizer leaves.
    lengths = np.asarray(row_lengths, dtype=np.int64)
    keys = np.repeat(np.arange(n_rows, dtype=np.int64) * width, lengths)
    keys += np.asarray(local_cols, dtype=np.int64)
    keys, counts = np.unique(keys, return_counts=True)
    entry_rows = keys // width
    local = keys - entry_rows * width  # column within the article
    cols = local + row_col_start[entry_rows]  # ... and within the batch
    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(entry_rows, minlength=n_rows), out=indptr[1:])

    # idf = log((n + 1) / (df + 1)) + 1 with the article's own n, in the
    # order of operations of TfidfTransformer.fit.
    df = np.bincount(cols, minlength=n_cols).astype(np.float64)
    df += 1.0
    idf = np.repeat(np.asarray(doc_sentences, dtype=np.float64) + 1.0, doc_terms)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0

    data = counts.astype(np.float64)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    data *= idf[cols]
    indices = local.astype(np.int32)
    _normalize_rows(data, indptr)

    out: list[sp.csr_matrix | None] = []
    r0 = 0
    for n_sentences, n_terms in zip(doc_sentences, doc_terms, strict=True):
        r1 = r0 + n_sentences
        if n_terms == 0:
            out.append(None)
        else:
            a, b = int(indptr[r0]), int(indptr[r1])
            ptr = indptr[r0 : r1 + 1] - np.int32(a) if a else indptr[r0 : r1 + 1]
            matrix = sp.csr_matrix(
                (data[a:b], indices[a:b], ptr), shape=(n_sentences, n_terms), copy=False
            )
            # the keys came out of np.unique: sorted, no duplicates (spares
            # scipy the check each time the flag is read)
            matrix.has_canonical_format = True
            out.append(matrix)
        r0 = r1
    return out


def _normalize_rows(data: npt.NDArray[np.float64], indptr: npt.NDArray[np.int32]) -> None:
    """Divide each row of a CSR matrix by its L2 norm, in place (empty rows stay).

    The sum of squares of a row is accumulated one entry at a time, in the
    order the entries are stored, as scikit-learn's compiled
    ``inplace_csr_row_normalize_l2`` does: the result is the same to the
    last bit, without importing scikit-learn. Rows are processed together:
    step k adds the k-th entry of every row that has one.
    """
    lengths = np.diff(indptr)
    if lengths.size == 0 or data.size == 0:
        return
    order = np.argsort(-lengths, kind="stable")  # longest rows first
    starts = indptr[:-1][order].astype(np.int64)
    longest = int(lengths[order[0]])
    # rows (in that order) with more than k entries: a prefix of length active[k]
    active = np.searchsorted(-lengths[order], -np.arange(longest), side="left")
    squares = data * data
    totals = np.zeros(order.size)
    for k in range(longest):
        m = int(active[k])
        totals[:m] += squares[starts[:m] + k]
    norms = np.ones(lengths.size)
    norms[order] = np.where(totals > 0.0, np.sqrt(totals), 1.0)
    data /= np.repeat(norms, lengths)
