"""Exceptions raised by arsumm.

Every error the library raises on purpose derives from :class:`ArsummError`.
Errors about bad *values* also derive from :class:`ValueError`, so callers
that already catch ``ValueError`` keep working.

Examples
--------
>>> import arsumm
>>> try:
...     arsumm.summarize("   ")
... except arsumm.EmptyTextError as exc:
...     print(exc)
text is empty or contains only whitespace; pass the article's text
"""

from __future__ import annotations

__all__ = [
    "ArsummError",
    "ConfigError",
    "EmptyTextError",
    "NoArabicError",
    "NoContentError",
    "SplitterError",
]


class ArsummError(Exception):
    """Base class of every error arsumm raises on purpose."""


class ConfigError(ArsummError, ValueError):
    """A setting has a value it cannot take (a damping of 1.5, an unknown stemmer).

    Raised when the configured object is made, never later. A setting of the
    wrong *type* raises :class:`TypeError` instead.
    """


class EmptyTextError(ArsummError, ValueError):
    """The text is empty or contains only whitespace."""


class NoArabicError(ArsummError, ValueError):
    """The text contains no Arabic letter while the summarizer requires one."""


class NoContentError(ArsummError, ValueError):
    """Nothing is left to rank once punctuation and stop words are removed."""


class SplitterError(ArsummError, ValueError):
    """A custom splitter returned spans that break the :class:`arsumm.Splitter` contract.

    The message names the splitter and the first span at fault.
    """
