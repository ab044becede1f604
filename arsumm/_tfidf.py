"""TF-IDF of many small documents at once, equal to scikit-learn's output.

:func:`arsumm.features.sentence_vectors` fits one ``TfidfVectorizer`` per
article: the sentences are the "documents" of the IDF. scikit-learn's
per-call overhead (parameter validation, input checks, array conversions)
costs about a millisecond, more than everything else arsumm does to a news
article. This module computes the same matrices without that overhead, and
for a whole batch of articles in one pass of array operations.

The output is the matrix of ``TfidfVectorizer(analyzer=..., norm="l2",
smooth_idf=True)``, value for value and bit for bit, with one difference of
presentation: the columns are the article's terms in order of first
appearance, where scikit-learn sorts its vocabulary alphabetically (sorting
the few hundred Arabic terms of an article alone costs more than the rest of
the vectorisation). Within a row the entries are stored in that same
first-appearance order, which is also the order scikit-learn stores them in
(its ``sort_indices`` runs before it renumbers the columns), so the L2 norms
are summed in the same order. The IDF is ``log((n + 1) / (df + 1)) + 1``
with the same float64 operations, and the rows are scaled as scikit-learn's
compiled normaliser scales them (each row's squares summed in storage order).

``tests/test_batch.py`` checks this against ``TfidfVectorizer`` on every
EASC article. Each article of a batch gets its own vocabulary and its own
IDF: batching changes the cost, never the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

__all__ = ["tfidf_blocks"]

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
