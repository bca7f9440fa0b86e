"""The date a document states for itself: an IR record's 活动时间, a call's header date."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import regex

from .match import compile_simple
from .normalize import normalize
from .timecal import CN_DIGIT, MONTH, cn_int

__all__ = ["detect_document_date", "stated_date"]


_ZH_DATE = (r"(?P<y>(?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})[ \t]*[年./-][ \t]*"
            r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[ \t]*[月./-][ \t]*"
            r"(?P<d>3[01]|[12][0-9]|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
            r"(?![0-9])[ \t]*日?")
_EN_DATE = (r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+)?"
            r"(?P<mn>january|february|march|april|may|june|july|august|september|october|november|"
            r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?[ \t]+"
            r"(?P<ed>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+(?P<ey>(?:19|20)[0-9]{2})(?![0-9])")


# 时间, 日期 or "date" in any case, led by one character class (re then skips
# ahead to the next 时, 日 or d): three times faster than the alternation
_LABEL_WORD = re.compile(r"[时日Dd](?:(?<=时)间|(?<=日)期|(?<=[Dd])(?i:ate))")


@lru_cache(maxsize=1)
def _doc_date_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    # Searched in every document without a caller's date: Python's re where it can.
    labelled = compile_simple(
        r"(?:^|\n)[ \t]*(?:[^\n:：]{0,12}(?:时间|日期)|(?:call|event|meeting|conference)?[ \t]*date)"
        rf"[ \t]*[:：][ \t]*(?:{_ZH_DATE}|{_EN_DATE})", flags=regex.IGNORECASE)
    # \b(?=[A-Za-z]): a date can only start a word; the check lets the engine
    # pass over Chinese text and the insides of words at once.
    header = compile_simple(rf"\b(?=[A-Za-z])(?:{_EN_DATE})", flags=regex.IGNORECASE)
    closing = compile_simple(rf"(?:^|\n)[ \t]*{_ZH_DATE}[ \t]*(?=\n|$)", flags=0)
    return labelled, header, closing


def _date_from(m: regex.Match[str]) -> date | None:
    try:
        if m.group("y"):
            y = m.group("y")
            year = int(y) if y.isdigit() else int("".join(str(CN_DIGIT[c]) for c in y))
            month, day = cn_int(m.group("m")), cn_int(m.group("d"))
            return date(year, month, day) if month and day else None
        return date(int(m.group("ey")), MONTH[m.group("mn").lower()], int(m.group("ed")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def detect_document_date(text: str) -> date | None:
    """The date a document states for itself, or None.

    In order: a labelled line near the top (an IR record's ``活动时间：``/``日期：``,
    an English ``Date:``), an English header date in the first lines, the
    closing date alone on a line at the end (``2024 年 10 月 29 日``).

    >>> detect_document_date("活动时间：2024年10月28日16:00\\n...\\n董事会\\n2024 年 10 月 29 日")
    datetime.date(2024, 10, 28)
    """
    if not isinstance(text, str) or not text:
        return None
    return stated_date(normalize(text[:3000]).text, normalize(text[-400:]).text)


def stated_date(norm: str, tail: str) -> date | None:
    """:func:`detect_document_date` on normalised text: the first 3,000 and
    the last 400 characters (normalising is one-for-one, so slices of the
    normalised document are the normalised slices)."""
    labelled, header, closing = _doc_date_patterns()
    # A label sits at a line start, at most 12 characters before 时间/日期/date:
    # try the label pattern only at such lines rather than at every position.
    tried = set()
    for k in _LABEL_WORD.finditer(norm):
        nl = norm.rfind("\n", 0, k.start())
        if k.start() - nl > 16 or nl in tried:
            continue
        tried.add(nl)
        m = labelled.match(norm, max(nl, 0))
        d = _date_from(m) if m is not None else None
        if d is not None:
            return d
    for m in header.finditer(norm, 0, min(len(norm), 600)):
        d = _date_from(m)
        if d is not None:
            return d
    found = None
    for m in closing.finditer(tail):
        found = _date_from(m) or found
    return found
