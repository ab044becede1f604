"""Lines of web pages that are not part of the article.

Text scraped from news sites carries the site around the story: share
buttons (``شارك``, ``شاركها``, ``تويتر``), "read also" links
(``اقرأ أيضا``), copyright lines (``© 2024 ... جميع الحقوق محفوظة``),
navigation crumbs (``الرئيسية > أخبار > محليات``), subscription prompts,
and English leftovers of site templates such as "Exit mobile version".
:func:`is_boilerplate` recognises such sentences so that the summarizer can
leave them out of the ranking; they stay in the returned offsets, with a
score of zero.

The rules look at short sentences only (at most ``MAX_WORDS`` words, or a
sentence made mostly of separators): a sentence of the article that happens
to mention sharing or copyright is long and is kept.

Examples
--------
>>> from arsumm.boilerplate import is_boilerplate
>>> is_boilerplate("شاركها")
True
>>> is_boilerplate("© 2024 صحيفة الوادي. جميع الحقوق محفوظة")
True
>>> is_boilerplate("الرئيسية » أخبار » محليات")
True
>>> is_boilerplate("قال الوزير إن جميع الحقوق محفوظة للعمال في القانون الجديد الذي أقره البرلمان.")
False
"""

from __future__ import annotations

import re

from arsumm.chars import ends_sentence
from arsumm.normalize import normalize

__all__ = [
    "BYLINE_MAX_WORDS",
    "DATELINE_MAX_WORDS",
    "MAX_WORDS",
    "is_boilerplate",
    "is_byline",
    "is_dateline",
]

#: Sentences longer than this are never treated as boilerplate.
MAX_WORDS = 12

# Compared with the normalised sentence (alef forms unified, ى -> ي, no
# diacritics), lower-cased. Each pattern is anchored or specific enough that
# it does not fire inside a normal short sentence of news prose.
_PATTERNS = [
    # sharing and social buttons
    r"^(?:شارك|شاركها|شاركه|شارك الخبر|شارك المقال|مشاركه|مشاركة|انشر)(?:\s+(?:علي|عبر)\s+\S+)?$",
    r"^(?:share|tweet|pin it|email|print|whatsapp|facebook|twitter|telegram|linkedin)"
    r"(?:\s+(?:this|on|via)\b.*)?$",
    r"^(?:(?:فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تيليجرام|تلغرام|لينكدان|انستغرام|انستجرام|يوتيوب|"
    r"ماسنجر|بريد الكتروني|طباعه|طباعة)[\s,،|/\-]*)+$",
    r"^تابع(?:ونا|نا)?\s+(?:علي|عبر)",
    r"^(?:اشترك|سجل)\s+(?:في|ب)\s*(?:النشره|النشرة|القائمه|القائمة|قناتنا)",
    # read also, related, more
    r"^(?:اقرا|اقرئي)\s+(?:ايضا|أيضا|المزيد)",
    r"^(?:اقرا|اقرئي)$",
    r"^(?:للمزيد|المزيد من|مواضيع ذات صله|مواضيع ذات صلة|اخبار ذات صله|اخبار ذات صلة|"
    r"مقالات ذات صله|مقالات ذات صلة|ذات صله|ذات صلة|الاكثر قراءه|الاكثر قراءة|"
    r"الاكثر مشاهده|الاكثر مشاهدة|روابط ذات صله|روابط ذات صلة)\b",
    r"^(?:read (?:more|also)|related(?: articles| posts| news)?|more from|see also)\b",
    # copyright and legal
    r"(?:©|\(c\)|copyright|حقوق الطبع|جميع الحقوق محفوظه|جميع الحقوق محفوظة|كل الحقوق محفوظه|"
    r"كل الحقوق محفوظة|all rights reserved)",
    r"^(?:سياسه|سياسة) (?:الخصوصيه|الخصوصية|الاستخدام)",
    r"^(?:privacy policy|terms of (?:use|service))\b",
    r"(?:ملفات تعريف الارتباط|الكوكيز|cookies?\b.*(?:accept|use))",
    # template leftovers
    r"^(?:exit mobile version|skip to (?:main )?content|toggle navigation)\b",
    r"^(?:next\s+previous|previous\s+next)$",
    r"^(?:menu|search|advertisement|sponsored|loading|close|home)$",
    r"^(?:اعلان|إعلان|محتوي مدفوع|محتوى مدفوع|اغلاق|إغلاق|بحث|القائمه|القائمة)$",
    r"^(?:الوسوم|وسوم|كلمات مفتاحيه|كلمات مفتاحية|tags)\s*[:\uff1a]",
    r"^(?:اخر تحديث|آخر تحديث|تاريخ النشر|نشر في|last updated|published)\b",
    r"^(?:التعليقات|تعليقات|اضف تعليق|أضف تعليق|اترك تعليقا|leave a (?:comment|reply))\b",
]
# A news site's "get our notifications in the app" line, of any length.
_LONG_PATTERN = r"(?:يمكنكم|يمكنك)\s+(?:استلام|تسلم|تلقي)\s+(?:اشعارات|الاشعارات)"
_PATTERNS.append("^" + _LONG_PATTERN)
# The anchored patterns are tried once, at the start (``match``); only the
# others are searched for at every position.
_START_RE = re.compile(
    "|".join(f"(?:{p[1:]})" for p in _PATTERNS if p.startswith("^")), re.IGNORECASE
)
_ANYWHERE_RE = re.compile(
    "|".join(f"(?:{p})" for p in _PATTERNS if not p.startswith("^")), re.IGNORECASE
)
# Furniture that can be longer than MAX_WORDS, anchored at the start: a news
# site's "get our notifications in the app" line.
_LONG_START_RE = re.compile(_LONG_PATTERN, re.IGNORECASE)
# navigation crumbs: three or more short items joined by > » / | or a single angle quote,
# with spaces around the separator (so markup such as <b>...</b> is not a crumb)
_CRUMB_SEPARATOR_RE = re.compile("\\s+[>»/|\u203a]\\s+")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Text that normalize() returns unchanged: printable ASCII, and the Arabic
# letters that are NFKC-stable, no mark or format character, and not one of
# the letters it folds (آ أ إ ى); no two of them compose.
_PLAIN_RE = re.compile("[\x20-\x7e\u0621\u0624\u0626-\u063a\u0641-\u0648\u064a]*")


# Every match of _ANYWHERE_RE holds a Latin letter (matched ignoring case, so
# also U+0130, U+0131, U+017F and the Kelvin sign U+212A) or one of these:
# ©, حقوق, الكوكيز, ملفات.
_ANYWHERE_PARTS = (
    "\u00a9",
    "\u062d\u0642\u0648\u0642",
    "\u0627\u0644\u0643\u0648\u0643\u064a\u0632",
    "\u0645\u0644\u0641\u0627\u062a",
)
_LATIN_RE = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")
_CRUMB_SEPARATORS = ">\u00bb/|\u203a"


def _is_crumb(text: str) -> bool:
    if not any(separator in text for separator in _CRUMB_SEPARATORS):
        return False  # a single item
    items = _CRUMB_SEPARATOR_RE.split(text)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and _LETTER_RE.search(item) is not None for item in items
    )


def is_boilerplate(sentence: str) -> bool:
    """Return True if ``sentence`` looks like web-page furniture, not article text.

    Parameters
    ----------
    sentence : str
        One sentence as returned by the splitter.

    Examples
    --------
    >>> is_boilerplate("Exit mobile version")
    True
    >>> is_boilerplate("اقرأ أيضا: ارتفاع أسعار الذهب")
    True
    >>> is_boilerplate("افتتحت البلدية محطة لتحلية المياه.")
    False
    >>> is_boilerplate("يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل تطبيقنا على هاتفكم.")
    True
    """
    words = sentence.split(maxsplit=MAX_WORDS)  # more than MAX_WORDS words: MAX_WORDS + 1 items
    if not words:
        return False
    if len(words) > MAX_WORDS:
        head = " ".join(words[:4])
        if _PLAIN_RE.fullmatch(head) is None:  # else normalize(head) == head
            head = " ".join(normalize(head).split())
        return _LONG_START_RE.match(head) is not None
    text = " ".join(normalize(sentence).split()).strip(" .:-–—|*•·")
    if not text:
        return False
    if _START_RE.match(text) is not None:
        return True
    if _may_hold_anywhere(text) and _ANYWHERE_RE.search(text) is not None:
        return True
    return _is_crumb(text)


def _may_hold_anywhere(text: str) -> bool:
    """False if ``_ANYWHERE_RE`` cannot match ``text``: no Latin letter (in any
    case) and none of the Arabic or symbol parts its alternatives begin with."""
    return _LATIN_RE.search(text) is not None or any(part in text for part in _ANYWHERE_PARTS)


#: A byline or dateline has at most this many words.
BYLINE_MAX_WORDS = 8
# One to four words, then a dash: «عين اليوم – متابعات», «طلال عبدالله ـ جدة»
# (scraped pages sometimes put "Next Previous" before it). A tatweel is a dash
# only after a space: inside a word it stretches a letter («الـسـعـودية»).
_BYLINE_RE = re.compile(
    r"\s*(?:next\s+previous\s+)?[^\s.!?\u061f:\u0640]+(?:\s+[^\s.!?\u061f:\u0640]+){0,3}"
    r"(?:\s*[-\u2013\u2014]|\s+\u0640)",
    re.IGNORECASE,
)


#: A dateline has at most this many words.
DATELINE_MAX_WORDS = 16
# A date: day, month name, year and an era letter (هـ or م; the tatweel of «هـ»
# is gone after normalisation), as a news agency writes it.
_DATE = r"\d{1,2}\s+[^\W\d_]+\s+\d{4}\s*(?:ه|م)?"
# The place (one to three words), then two dates («... هـ الموافق ... م») or one,
# then the agency's name or abbreviation (required after a single date, so that
# a short sentence ending in a date is not one):
# «الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس».
_DATELINE_RE = re.compile(
    rf"(?:[^\W\d_]+\s+){{1,3}}{_DATE}"
    rf"(?:\s+الموافق\s+{_DATE}(?:\s+[^\W\d_]{{2,}}){{0,2}}|(?:\s+[^\W\d_]{{2,}}){{1,2}})"
)


def is_dateline(sentence: str) -> bool:
    """Return True if ``sentence`` is a dateline line: a place, a date, an agency.

    News agencies open a report with a line of its own that gives where and
    when it was filed, and who filed it; it holds no word of the story.

    Examples
    --------
    >>> is_dateline("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس")
    True
    >>> is_dateline("المدينة المنورة 26 شوال 1436هـ واس")
    True
    >>> is_dateline("افتتح الأمير المعرض في 25 شوال 1436 هـ.")
    False
    >>> is_dateline("وصل الوفد يوم 12 مايو 2015 م")
    False
    """
    if len(sentence.split(maxsplit=DATELINE_MAX_WORDS)) > DATELINE_MAX_WORDS:
        return False
    text = " ".join(normalize(sentence).split())
    return not ends_sentence(text) and _DATELINE_RE.fullmatch(text) is not None


def is_byline(sentence: str) -> bool:
    """Return True if ``sentence`` looks like a byline or dateline line.

    A short line (at most :data:`BYLINE_MAX_WORDS` words) that names the
    writer, the agency or the place before a dash, without a sentence-ending
    mark and not a numbered list item; or an agency's dateline (place, date,
    agency: :func:`is_dateline`). The summarizer applies it to the first two
    sentences of a text only, where such lines stand.

    Examples
    --------
    >>> is_byline("عين اليوم – متابعات"), is_byline("طلال عبدالله ـ جدة")
    (True, True)
    >>> is_byline("جدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس")
    True
    >>> is_byline("الرياض - أعلنت الوزارة أمس عن خطة جديدة لتطوير التعليم في المملكة.")
    False
    >>> is_byline("1 - افتتاح المحطة")
    False
    """
    text = sentence.strip()
    if not text or text[0].isdigit() or ends_sentence(text):
        return False
    if len(text.split(maxsplit=BYLINE_MAX_WORDS)) > BYLINE_MAX_WORDS:
        return is_dateline(text)
    return _BYLINE_RE.match(text) is not None or is_dateline(text)
