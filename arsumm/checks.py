"""Validation of settings, shared by every configured object.

Each check returns the value as a plain Python number (so that a numpy
scalar, a :class:`fractions.Fraction` or a :class:`decimal.Decimal` given as
a setting behaves like the float or int it stands for), raises
:class:`TypeError` for a value of the wrong type and
:class:`arsumm.errors.ConfigError` (or the subclass a caller names) for a
value out of range. Every :class:`numbers.Real` and every
:class:`decimal.Decimal` is a number, and every :class:`numbers.Integral` an
integer; ``True`` and ``False`` are neither.

Examples
--------
>>> from fractions import Fraction
>>> import numpy as np
>>> real("damping", np.float32(0.5), low=0.0, high=1.0, high_open=True)
0.5
>>> real("ratio", Fraction(3, 10), low=0.0)
0.3
>>> integer("n_jobs", np.int64(2), low=1)
2
>>> real("damping", 1.5, low=0.0, high=1.0, high_open=True)
Traceback (most recent call last):
...
arsumm.errors.ConfigError: damping must be in [0, 1), got 1.5
>>> integer("k", 2.0, low=1)
Traceback (most recent call last):
...
TypeError: k must be an integer >= 1, got float 2.0
"""

from __future__ import annotations

import decimal
import json
import math
import numbers
import os
from pathlib import Path
from typing import Any

from arsumm.errors import ConfigError, EmptyTextError, NoArabicError
from arsumm.normalize import has_arabic_letter

__all__ = ["article", "boolean", "integer", "read_json", "real"]


def real(
    name: str,
    value: object,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
    error: type[ConfigError] = ConfigError,
) -> float:
    """Return ``value`` as a finite float within the bounds, or raise.

    Parameters
    ----------
    name : str
        The setting's name, for the message.
    value : object
        Any :class:`numbers.Real` or :class:`decimal.Decimal` (``bool`` excluded).
    low, high : float
        Bounds; closed unless ``low_open`` / ``high_open``.
    error : type, default ConfigError
        The error raised for a value out of range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        bounds = _interval(low, high, low_open, high_open).replace("a finite number", "")
        raise TypeError(
            f"{name} must be a number{' ' + bounds if bounds else ''}, "
            f"got {type(value).__name__} {value!r}"
        )
    try:
        number = float(value)
    except (OverflowError, ValueError):  # an integer or fraction beyond float's range
        number = math.inf if value > 0 else -math.inf  # type: ignore[operator]
    above = number > low if low_open else number >= low
    below = number < high if high_open else number <= high
    if not (math.isfinite(number) and above and below):
        raise error(f"{name} must be {_interval(low, high, low_open, high_open)}, got {value}")
    return number


def integer(
    name: str,
    value: object,
    *,
    low: int | None = None,
    high: int | None = None,
    error: type[ConfigError] = ConfigError,
) -> int:
    """Return ``value`` as an int within the bounds, or raise.

    Any :class:`numbers.Integral` (``bool`` excluded) is accepted.
    """
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    bounds = _interval(lo, hi, False, False).replace("a finite number", "")
    expected = f"{name} must be an integer{' ' + bounds if bounds else ''}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{expected}, got {type(value).__name__} {value!r}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise error(f"{expected}, got {value}")
    return number


def boolean(name: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``, else raise TypeError."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def _interval(low: float, high: float, low_open: bool, high_open: bool) -> str:
    if math.isinf(high):
        if math.isinf(low):
            return "a finite number"
        return f"{'>' if low_open else '>='} {low:g}"
    if math.isinf(low):
        return f"{'<' if high_open else '<='} {high:g}"
    return f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def read_json(path: str | os.PathLike[str], what: str) -> Any:
    """Read a JSON model file (a fitted IDF, a prior), or raise one clear error.

    Raises
    ------
    ConfigError
        The file is not UTF-8 JSON, or nests too deeply to be a model file.
    OSError
        The file cannot be read.
    """
    raw = Path(path).read_bytes()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} file {os.fspath(path)!r} is not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{what} file {os.fspath(path)!r} is not valid JSON ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{what} file {os.fspath(path)!r} nests too deeply") from None


def article(text: str, *, require_arabic: bool, remedy: str) -> str:
    """Return ``text`` if it holds something to read, or raise.

    The one check of the summarizer and the keyphrase extractor: text that is
    empty or only whitespace is an :class:`~arsumm.errors.EmptyTextError`,
    text without an Arabic letter (when ``require_arabic``) a
    :class:`~arsumm.errors.NoArabicError` whose message ends with ``remedy``
    (how to accept it anyway).

    Examples
    --------
    >>> article("hello", require_arabic=True, remedy="allow it")
    Traceback (most recent call last):
    ...
    arsumm.errors.NoArabicError: text contains no Arabic letter; pass Arabic text, or allow it
    """
    if not text or text.isspace():  # what not text.strip() says, without a copy
        raise EmptyTextError("text is empty or contains only whitespace; pass the article's text")
    if require_arabic and not has_arabic_letter(text):
        raise NoArabicError(f"text contains no Arabic letter; pass Arabic text, or {remedy}")
    return text
