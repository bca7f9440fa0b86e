"""Calendar arithmetic and the vocabulary of time expressions' named groups.

Pure functions of dates and labels (no text, no document): quarters, halves
and fiscal years, and the tables that turn a group's text (``三``, ``second``,
``去``) into a number.  Used by the time resolver and the document-date reader.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from types import MappingProxyType
from typing import Mapping

__all__ = ["fiscal_year_bounds", "quarter_bounds", "half_bounds", "shift_quarter", "month_len",
           "month_end", "add_months", "stretch", "week_of", "month_near", "season_bounds",
           "season_near", "months_ended", "shift_years", "fy_end", "company_year", "quarter_of",
           "last_ended", "tok", "cn_int", "year_of", "QUARTER", "HALF", "CN_DIGIT", "MONTH",
           "WEEKDAY", "NUMBER_WORD", "YREL", "UNIT", "YSPAN", "SEASON", "DIRECTION", "QREL", "MREL", "PART", "DAYREL", "COMPANY_GROUPS"]


# ---------------------------------------------------------------- calendar arithmetic

def month_len(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def month_end(y: int, m: int) -> date:
    return date(y, m, month_len(y, m))


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m0 + 1, min(d.day, month_len(y, m0 + 1)))


def shift_years(d: date, n: int) -> date:
    """``d`` moved by ``n`` years; a month's last day stays its month's last day."""
    if d.day == month_len(d.year, d.month):
        return month_end(d.year + n, d.month)
    return date(d.year + n, d.month, d.day)


def fy_end(label: int, fye: tuple[int, int]) -> date:
    m, d = fye
    return date(label, m, min(d, month_len(label, m)))


def fiscal_year_bounds(label: int, fiscal_year_end: tuple[int, int] | None = None) -> tuple[date, date]:
    """First and last day of fiscal year ``label`` (named by the calendar year it ends in).

    ``fiscal_year_end`` is ``(month, day)`` of the year's last day; None or
    ``(12, 31)`` is the calendar year.

    >>> fiscal_year_bounds(2022, (5, 31))
    (datetime.date(2021, 6, 1), datetime.date(2022, 5, 31))
    """
    if fiscal_year_end is None or fiscal_year_end == (12, 31):
        return date(label, 1, 1), date(label, 12, 31)
    return fy_end(label - 1, fiscal_year_end) + timedelta(days=1), fy_end(label, fiscal_year_end)


def quarter_bounds(label: int, q: int, fiscal_year_end: tuple[int, int] | None = None) -> tuple[date, date]:
    """First and last day of quarter ``q`` (1-4) of (fiscal) year ``label``.

    >>> quarter_bounds(2024, 3)
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    >>> quarter_bounds(2022, 2, (5, 31))
    (datetime.date(2021, 9, 1), datetime.date(2021, 11, 30))
    """
    if not 1 <= q <= 4:
        raise ValueError(f"quarter: expected 1-4, got {q}")
    start, end = fiscal_year_bounds(label, fiscal_year_end)
    q_start = add_months(start, 3 * (q - 1))
    q_end = end if q == 4 else add_months(start, 3 * q) - timedelta(days=1)
    return q_start, q_end


def half_bounds(label: int, h: int, fiscal_year_end: tuple[int, int] | None = None) -> tuple[date, date]:
    """First and last day of half ``h`` (1 or 2) of (fiscal) year ``label``."""
    if h not in (1, 2):
        raise ValueError(f"half: expected 1 or 2, got {h}")
    return quarter_bounds(label, 2 * h - 1, fiscal_year_end)[0], quarter_bounds(label, 2 * h, fiscal_year_end)[1]


def shift_quarter(label: int, q: int, n: int) -> tuple[int, int]:
    """The quarter ``n`` quarters after (before, if negative) quarter ``q`` of ``label``.

    >>> shift_quarter(2024, 1, -1)
    (2023, 4)
    """
    y, r = divmod(label * 4 + q - 1 + n, 4)
    return y, r + 1


def company_year(d: date, fye: tuple[int, int] | None) -> int:
    """The (fiscal) year label that contains ``d``."""
    if fye is None:
        return d.year
    return d.year if d <= fy_end(d.year, fye) else d.year + 1


def quarter_of(d: date, fye: tuple[int, int] | None) -> tuple[int, int]:
    label = company_year(d, fye)
    for q in (1, 2, 3):
        if d <= quarter_bounds(label, q, fye)[1]:
            return label, q
    return label, 4


def stretch(ref: date, n: int, unit: str, ahead: bool) -> tuple[date, date] | None:
    """``n`` units next to ``ref``: back from it (``近3个月``) or ahead of it (``未来五年``).

    Years are whole calendar years: the last ``n`` before ``ref``'s year, or
    ``ref``'s year and the ``n - 1`` after it.  Months run to or from the same
    day of the month; days count ``ref`` itself.

    >>> stretch(date(2023, 5, 16), 3, "month", False)
    (datetime.date(2023, 2, 16), datetime.date(2023, 5, 16))
    >>> stretch(date(2023, 5, 16), 90, "day", False)
    (datetime.date(2023, 2, 16), datetime.date(2023, 5, 16))
    >>> stretch(date(2021, 9, 15), 5, "year", True)
    (datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    """
    limit = {"year": 30, "month": 36, "day": 366}.get(unit, 0)
    if not 1 <= n <= limit:
        return None
    if unit == "year":
        return (date(ref.year, 1, 1), date(ref.year + n - 1, 12, 31)) if ahead else \
            (date(ref.year - n, 1, 1), date(ref.year - 1, 12, 31))
    if unit == "month":
        return (ref, add_months(ref, n)) if ahead else (add_months(ref, -n), ref)
    return (ref, ref + timedelta(days=n - 1)) if ahead else (ref - timedelta(days=n - 1), ref)


def week_of(ref: date, n: int) -> tuple[date, date]:
    """Monday to Sunday of the week ``n`` weeks from the one holding ``ref``.

    >>> week_of(date(2022, 2, 3), -1)
    (datetime.date(2022, 1, 24), datetime.date(2022, 1, 30))
    """
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=n)
    return monday, monday + timedelta(days=6)


def month_near(ref: date, m: int, direction: int) -> tuple[date, date]:
    """Month ``m`` in ``ref``'s year (``direction`` 0), its latest occurrence
    before ``ref``'s month (-1), or its first after it (+1)."""
    y = ref.year
    if direction < 0 and m >= ref.month:
        y -= 1
    elif direction > 0 and m <= ref.month:
        y += 1
    return date(y, m, 1), month_end(y, m)


def season_bounds(y: int, season: int) -> tuple[date, date]:
    """The three months from month ``season`` (3 spring, 6 summer, 9 fall, 12 winter) of ``y``."""
    start = date(y, season, 1)
    last = add_months(start, 2)
    return start, month_end(last.year, last.month)


def season_near(ref: date, season: int, direction: int) -> tuple[date, date]:
    """This season (the one of ``ref``'s year; in January and February this
    winter is the one running), or the one a year before or after it."""
    y = ref.year - (1 if season == 12 and ref.month <= 2 else 0)
    return season_bounds(y + direction, season)


def months_ended(end: date, n: int) -> tuple[date, date]:
    """The ``n`` months that end on ``end``: from the day after the same date
    ``n`` months earlier.

    >>> months_ended(date(2021, 6, 30), 6)
    (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30))
    """
    return add_months(end + timedelta(days=1), -n), end


def last_ended(end_of: Callable[[int], date], d: date, slack: int) -> int | None:
    """The latest label whose period (``end_of(label)``) ends by ``d + slack`` days."""
    limit = d + timedelta(days=slack)
    for label in (d.year + 1, d.year, d.year - 1, d.year - 2):
        if end_of(label) <= limit:
            return label
    return None


# ---------------------------------------------------------------- group vocabulary

QUARTER = MappingProxyType({"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4,
                             "first": 1, "second": 2, "third": 3, "fourth": 4,
                             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "两": 2, "two": 2, "three": 3})
HALF = MappingProxyType({"1": 1, "2": 2, "上": 1, "下": 2, "半": 1, "半年": 1, "中": 1,
                          "first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2, "back": 2,
                          "latter": 2})
CN_DIGIT = MappingProxyType({"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
MONTH = MappingProxyType({name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names})
WEEKDAY = MappingProxyType({n: i for i, n in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))})
NUMBER_WORD = MappingProxyType({"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1,
                                 "one": 1})
YREL = MappingProxyType({"今": 0, "本": 0, "去": -1, "上": -1, "上一": -1, "明": 1, "下一": 1, "前": -2,
                          "this": 0, "current": 0, "last": -1, "prior": -1, "previous": -1,
                          "next": 1, "coming": 1})
QREL = MappingProxyType({"本": 0, "这": 0, "上": -1, "下": 1, "this": 0, "the": 0, "current": 0,
                          "our": 0, "latest": 0, "most recent": 0, "last": -1, "prior": -1,
                          "previous": -1, "preceding": -1, "sequential": -1, "next": 1})
MREL = MappingProxyType({"本": 0, "这": 0, "上": -1, "下": 1, "this": 0, "last": -1, "next": 1})
PART = MappingProxyType({"初": "early", "上旬": "early", "中": "mid", "中旬": "mid", "下旬": "late",
                          "底": "end", "末": "end", "early": "early", "beginning": "early",
                          "start": "early", "mid": "mid", "middle": "mid", "late": "late",
                          "end": "end"})
SEASON = MappingProxyType({"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12})
# this / last / next week, month name or season; 本周 / 上周 / 下周.
DIRECTION = MappingProxyType({"this": 0, "last": -1, "next": 1, "this past": -1, "this coming": 1,
                               "本": 0, "这": 0, "上": -1, "下": 1})
UNIT = MappingProxyType({"年": "year", "月": "month", "天": "day", "日": "day"})
# 今明 / 明后 / 今明后: the first and last year, counted from the document's.
YSPAN = MappingProxyType({"今明": (0, 1), "明后": (1, 2), "今明后": (0, 2)})
DAYREL = MappingProxyType({"today": 0, "tonight": 0, "今天": 0, "今日": 0, "yesterday": -1,
                            "昨天": -1, "昨日": -1, "tomorrow": 1})

# Groups that make an expression a period of the company's (possibly fiscal) calendar.
COMPANY_GROUPS = frozenset({"q", "q1", "qn", "mn", "h", "qrel", "ytd", "rest", "yend", "qend",
                             "epart", "fy", "cy", "qown", "ycur"})
def tok(s: str) -> str:
    """A group's text as a lookup key: lower case, single spaces, no leading 'the '."""
    t = " ".join(s.lower().split())
    return t[4:] if t.startswith("the ") else t


def cn_int(s: str) -> int | None:
    """Small Chinese numerals (months, days, counts up to 39) and Arabic digits."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = CN_DIGIT.get(tens, 0 if tens == "" else -99) if tens else 1
        o = CN_DIGIT.get(ones, -99) if ones else 0
        v = t * 10 + o
        return v if v > 0 else None
    return CN_DIGIT.get(s)


def year_of(g: Mapping[str, str], ref: date | None = None) -> int | None:
    """The explicit year the groups name, if any.  A two-digit year takes the
    century that puts it nearest the document date (without one, 00-49 are
    2000-2049 and 50-99 are 1950-1999)."""
    if "y4" in g:
        return int(g["y4"])
    if "ycn" in g:
        return int("".join(str(CN_DIGIT[c]) for c in g["ycn"]))
    if "y2" in g:
        v = int(g["y2"])
        if ref is None:
            return 2000 + v if v < 50 else 1900 + v
        base = ref.year - ref.year % 100
        return min((base - 100 + v, base + v, base + 100 + v), key=lambda y: abs(y - ref.year))
    return None
