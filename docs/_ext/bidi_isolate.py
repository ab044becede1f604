"""Sphinx extension: Arabic stays readable inside code blocks.

A code block is a left-to-right line. Arabic inside it is laid out right to
left, and the Unicode bidi algorithm joins neighbouring Arabic strings and the
punctuation between them into one right-to-left run: a list such as
``['الأولى', 'الثانية']`` then shows its items in reverse order, and a long
output line runs past the block's edge. Wrapping each stretch of Arabic in a
``<bdi>`` element isolates it: the line keeps its left-to-right order, and
each string reads right to left inside its own box.

The stretch starts at an Arabic letter and runs until a character that
separates code items (a quote, a bracket, a comma, a tag, an entity, a line
break), with the spaces at its end left outside.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["isolate_arabic", "setup"]

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# an Arabic stretch: an Arabic letter, then anything but a separator
_STRETCH_RE = re.compile(f"[{_ARABIC}][^<>&'\"\\n\\[\\](){{}},]*")
_PRE_RE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)


def _wrap(match: re.Match[str]) -> str:
    stretch = match.group()
    body = stretch.rstrip()
    return f"<bdi>{body}</bdi>{stretch[len(body) :]}"


def isolate_arabic(html: str) -> str:
    """Wrap every stretch of Arabic inside ``<pre>`` blocks of ``html`` in ``<bdi>``.

    Examples
    --------
    >>> isolate_arabic("<pre><span>['الأولى', 'الثانية']</span></pre>")
    "<pre><span>['<bdi>الأولى</bdi>', '<bdi>الثانية</bdi>']</span></pre>"
    >>> isolate_arabic("<p>نص</p><pre>0 0 70 x</pre>")
    '<p>نص</p><pre>0 0 70 x</pre>'
    """

    def block(m: re.Match[str]) -> str:
        return m.group(1) + _STRETCH_RE.sub(_wrap, m.group(2)) + m.group(3)

    return _PRE_RE.sub(block, html)


def _page(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "body" in context:
        context["body"] = isolate_arabic(context["body"])


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
