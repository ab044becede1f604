"""arsumm: extractive summarisation of Arabic text.

Split the text into sentences, compare them with TF-IDF vectors of stemmed
words, rank them with TextRank (or, for a news report, take its opening
sentences, which nothing beats there) and return the best ones, each with its
score and its exact offsets in the caller's string.

Examples
--------
>>> import arsumm
>>> text = arsumm.demo_text()
>>> for s in arsumm.summarize(text, k=2):
...     print(s.index, s.start, s.end, round(s.score, 3))
0 0 70 0.291
1 72 233 0.145
"""

from __future__ import annotations

from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from arsumm.batch import BatchResult, summarize_many
from arsumm.document import Document
from arsumm.errors import (
    ArsummError,
    ConfigError,
    EmptyTextError,
    NoArabicError,
    NoContentError,
    SplitterError,
)
from arsumm.html import to_html
from arsumm.idf import BackgroundIDF
from arsumm.keyphrases import Keyphrase, KeyphraseIDF, KeywordExtractor, keywords
from arsumm.prior import LinearPrior
from arsumm.rank import Ranker, TextRank
from arsumm.select import Budget, BudgetError
from arsumm.splitter import RuleSplitter, Span, Splitter, split_sentences
from arsumm.stemmer import Stemmer
from arsumm.summarizer import Analysis, Sentence, Summarizer, summarize
from arsumm.train import train_prior

try:
    __version__ = version("arsumm")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "Analysis",
    "ArsummError",
    "BackgroundIDF",
    "BatchResult",
    "Budget",
    "BudgetError",
    "ConfigError",
    "Document",
    "EmptyTextError",
    "Keyphrase",
    "KeyphraseIDF",
    "KeywordExtractor",
    "LinearPrior",
    "NoArabicError",
    "NoContentError",
    "Ranker",
    "RuleSplitter",
    "Sentence",
    "Span",
    "Splitter",
    "SplitterError",
    "Stemmer",
    "Summarizer",
    "TextRank",
    "__version__",
    "demo_text",
    "keywords",
    "split_sentences",
    "summarize",
    "summarize_many",
    "to_html",
    "train_prior",
]


def demo_text() -> str:
    """Return the bundled sample article (written for arsumm, in Arabic).

    Examples
    --------
    >>> demo_text().startswith("افتتاح")
    True
    """
    return resources.files("arsumm").joinpath("data/demo_ar.txt").read_text("utf-8")
