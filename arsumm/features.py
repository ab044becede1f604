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
from itertools import chain, filterfalse, islice
from typing import TYPE_CHECKING, cast

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
        words.extend(map(len, chunk_lists))
        try:
            # Once the memo is warm every chunk is in it: one lookup each. A
            # chunk it lacks gives None, which chain cannot iterate.
            get = cast(Callable[[str], list[str]], self._memo.get)  # or None: see above
            terms.extend([list(chain.from_iterable(map(get, chunks))) for chunks in chunk_lists])
        except TypeError:
            terms.extend(self._learn_block(chunk_lists))

    def _learn_block(self, chunk_lists: list[list[str]]) -> list[list[str]]:
        """The terms of a block of split sentences, learning the chunks not yet known."""
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
        return [list(chain.from_iterable(map(lookup, chunks))) for chunks in chunk_lists]

    def _learn(self, chunks: list[str]) -> None:
        """Analyse ``chunks`` (distinct, not in the memo) and remember their terms."""
        memo = self._memo
        if len(memo) + len(chunks) > _MEMO_SIZE:
            memo.reset()
        tokens = tokenize_many(chunks, taa_marbuta=self.taa_marbuta)
        for chunk, chunk_tokens in zip(chunks, tokens, strict=True):
            memo.remember(chunk, self._keep(chunk_tokens))

    def memo(self, limit: int = 1 << 16) -> str:
        """The chunks this analyzer remembers, with their terms (at most ``limit``), as text.

        A header line names the analyzer's settings; then one line per
        chunk: the chunk, then its terms, separated by spaces (neither holds
        whitespace); the chunks learned first come first (the common words of
        a corpus). One string pickles in a blink, where a dict of thousands
        of lists takes longer than learning them again. Only an analyzer with
        a built-in stemmer shares it (a stemmer of yours need not give the
        same stem twice): for any other it is empty. Give it to :meth:`warm`
        of an analyzer in another process, such as a worker, to spare it
        learning them again.

        Examples
        --------
        >>> analyzer = Analyzer(stemmer="light")
        >>> analyzer("المعلمون في المدرسة")
        ['معلم', 'مدرس']
        >>> "المدرسة مدرس" in analyzer.memo(limit=10**6).split("\\n")
        True
        """
        if not isinstance(self.stemmer, str):
            return ""
        # a copy first (atomic): another thread may be adding to the memo
        entries = islice(dict.copy(self._memo).items(), limit)
        lines = (" ".join((chunk, *terms)) for chunk, terms in entries)
        return "\n".join((self._memo_header(), *lines))

    def warm(self, memo: str) -> None:
        """Remember the chunks of ``memo`` (from :meth:`memo` of an analyzer like this one).

        The terms never depend on it: a memo made with other settings (its
        header says so), one whose sample of chunks does not analyse to the
        terms it gives, or one too large for the memo is ignored, as is
        any analyzer whose stemmer is not a built-in one.

        Examples
        --------
        >>> analyzer = Analyzer(stemmer="light")
        >>> analyzer.warm(Analyzer(stemmer="none").memo())  # other settings: ignored
        >>> analyzer.warm("not a memo")
        >>> analyzer("المعلمون")
        ['معلم']
        """
        if not isinstance(self.stemmer, str):
            return
        header, _, body = memo.partition("\n")
        if header != self._memo_header() or not body:
            return
        entries: dict[str, list[str]] = {}
        for line in body.split("\n"):
            chunk, *terms = line.split(" ")
            if chunk and len(chunk) <= _MEMO_CHUNK_LENGTH:
                entries[chunk] = terms
        chunks = list(entries)
        sample = chunks[:: max(1, len(chunks) // _MEMO_SAMPLE)]
        if [entries[chunk] for chunk in sample] != [self._terms(chunk) for chunk in sample]:
            return
        self._memo.learn(entries, len(body) - body.count(" ") - body.count("\n"))

    def _memo_header(self) -> str:
        settings = (self.stemmer, self.stopwords, self.taa_marbuta, self.min_length)
        return "arsumm-memo 1 " + " ".join(map(str, settings))

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
#: Chunks of a memo checked by :meth:`Analyzer.warm` before it is used.
_MEMO_SAMPLE = 64


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

    def learn(self, entries: dict[str, list[str]], size: int) -> None:
        """Remember ``entries`` (``size`` characters) unless they would not fit."""
        if len(self) + len(entries) > _MEMO_SIZE or self.characters + size > _MEMO_CHARACTERS:
            return  # it would not fit: learn as it goes
        self.update(entries)
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
    width = max(doc_terms, default=0) or 1
    # Count each (sentence, term) pair; the pairs come out sorted by sentence
    # and then by column: the entry order CountVectorizer leaves. The keys
    # are sorted and their runs counted as np.unique(return_counts=True)
    # does, with its Python-level overhead left out.
    lengths = np.array(row_lengths, dtype=np.int64)
    keys = np.arange(n_rows, dtype=np.int64).repeat(lengths)
    keys *= width
    keys += np.array(local_cols, dtype=np.int64)
    keys.sort()
    first = np.empty(keys.size, dtype=np.bool_)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    run_starts = np.flatnonzero(first)
    keys = keys[run_starts]
    counts = np.empty(keys.size, dtype=np.int64)
    np.subtract(run_starts[1:], run_starts[:-1], out=counts[:-1])
    counts[-1:] = first.size - run_starts[-1:]
    entry_rows = keys // width
    local = keys - entry_rows * width  # column within the article
    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    np.bincount(entry_rows, minlength=n_rows).cumsum(out=indptr[1:])

    # idf = log((n + 1) / (df + 1)) + 1 with the article's own n, in the
    # order of operations of TfidfTransformer.fit.
    if n_docs == 1:
        cols = local
        n_cols = doc_terms[0]
        idf = np.full(n_cols, doc_sentences[0] + 1.0)
    else:
        # column offsets of the articles and, for every sentence, of its article
        col_start = np.zeros(n_docs + 1, dtype=np.int64)
        np.array(doc_terms, dtype=np.int64).cumsum(out=col_start[1:])
        row_col_start = col_start[:-1].repeat(doc_sentences)
        cols = local + row_col_start[entry_rows]  # column within the batch
        n_cols = int(col_start[-1])
        idf = (np.array(doc_sentences, dtype=np.float64) + 1.0).repeat(doc_terms)
    df = np.bincount(cols, minlength=n_cols).astype(np.float64)
    df += 1.0
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
        elif n_docs == 1:
            out.append(_canonical_csr(data, indices, indptr, (n_sentences, n_terms)))
        else:
            a, b = int(indptr[r0]), int(indptr[r1])
            ptr = indptr[r0 : r1 + 1] - np.int32(a) if a else indptr[r0 : r1 + 1]
            out.append(_canonical_csr(data[a:b], indices[a:b], ptr, (n_sentences, n_terms)))
        r0 = r1
    return out


def _csr_state() -> dict[str, object] | None:
    """What a csr_matrix holds besides its arrays and shape, once canonical (None: unknown)."""
    one = np.ones(1, dtype=np.int32)
    proto = sp.csr_matrix((np.ones(1), one - 1, np.array([0, 1], dtype=np.int32)), shape=(1, 1))
    proto.has_canonical_format = True
    state = dict(getattr(proto, "__dict__", {}))
    known = {"data", "indices", "indptr", "_shape", "maxprint"}
    flags = {"_has_canonical_format", "_has_sorted_indices"}
    if set(state) != known | flags or not all(state[flag] is True for flag in flags):
        return None  # a scipy that keeps other state: build matrices its way
    for name in ("data", "indices", "indptr", "_shape"):
        del state[name]
    return state


_CSR_STATE = _csr_state()


def _canonical_csr(
    data: npt.NDArray[np.float64],
    indices: npt.NDArray[np.int32],
    indptr: npt.NDArray[np.int32],
    shape: tuple[int, int],
) -> sp.csr_matrix:
    """``sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)``, canonical.

    The arrays are int32 indices sorted within each row without duplicates,
    the pointers of ``shape[0]`` rows from 0, and float64 data: the
    constructor would keep them as they are, after checks that cost more
    than vectorising a news article (about 30 µs). The matrix is put
    together from the same arrays and the state scipy gives such a matrix
    (read from one it made, at import); a scipy whose matrices hold other
    state builds them itself. tests/test_batch.py compares the matrices
    with scikit-learn's.
    """
    if _CSR_STATE is None:  # pragma: no cover - another scipy
        matrix = sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)
        matrix.has_canonical_format = True
        return matrix
    matrix = sp.csr_matrix.__new__(sp.csr_matrix)
    matrix.__dict__.update(_CSR_STATE)
    matrix.data, matrix.indices, matrix.indptr, matrix._shape = data, indices, indptr, shape
    return matrix


#: Matrices of at most this many rows (one article) are normalised by one
#: cumulative sum over a padded array (:func:`_normalize_rows`); with more rows
#: a loop over the columns of the longest row costs less.
_PADDED_ROWS = 256


def _normalize_rows(data: npt.NDArray[np.float64], indptr: npt.NDArray[np.int32]) -> None:
    """Divide each row of a CSR matrix by its L2 norm, in place (empty rows stay).

    The sum of squares of a row is accumulated one entry at a time, in the
    order the entries are stored, as scikit-learn's compiled
    ``inplace_csr_row_normalize_l2`` does: the result is the same to the
    last bit, without importing scikit-learn. Rows are processed together:
    each row's squares are laid out left-aligned in a row of zeros, and a
    cumulative sum along the rows adds them one at a time, in order (an
    accumulation, unlike numpy's sums, never regroups its terms; the zeros
    after a row's last entry change nothing). A matrix of many rows (a batch)
    adds instead the k-th entry of every row that has one, for k = 0, 1, ...
    """
    lengths = indptr[1:] - indptr[:-1]
    if lengths.size == 0 or data.size == 0:
        return
    squares = data * data
    n_rows = lengths.size
    longest = int(lengths.max())
    if n_rows <= _PADDED_ROWS:
        rows = np.arange(n_rows).repeat(lengths)
        padded = np.zeros((n_rows, longest))
        padded[rows, np.arange(data.size) - indptr[rows]] = squares
        totals = padded.cumsum(axis=1)[:, -1]
    else:
        totals = _row_square_sums(squares, indptr, lengths)
    norms = np.sqrt(totals)
    norms[~(totals > 0.0)] = 1.0
    data /= norms.repeat(lengths)


def _row_square_sums(
    squares: npt.NDArray[np.float64],
    indptr: npt.NDArray[np.int32],
    lengths: npt.NDArray[np.int32],
) -> npt.NDArray[np.float64]:
    """Each row's sum of ``squares``, added in order, one column at a time."""
    order = np.argsort(-lengths, kind="stable")  # longest rows first
    starts = indptr[:-1][order].astype(np.int64)
    longest = int(lengths[order[0]])
    # rows (in that order) with more than k entries: a prefix of length active[k]
    active = np.searchsorted(-lengths[order], -np.arange(longest), side="left")
    ordered = np.zeros(order.size)
    for k in range(longest):
        m = int(active[k])
        ordered[:m] += squares[starts[:m] + k]
    totals = np.empty(order.size)
    totals[order] = ordered
    return totals
