"""Time expressions: find them, resolve them to dates, give value facts their period.

The ``time`` rule pack (``irmetrics/packs/time.toml``) says where an expression
is and names its parts in regex groups (``y4``, ``q``, ``yrel``, ``part``...; the
vocabulary is listed at the top of the pack).  This module reads those groups,
never the matched text, and turns them into dates:

* absolute parts resolve on their own (``2024年三季度`` -> 2024-07-01..2024-09-30);
* relative words resolve against the document date (``去年``, ``last quarter``);
* in an earnings call or results briefing the reported period comes from the
  text (``second quarter results``, ``2024年第三季度报告``): ``the quarter``,
  ``本季度``, ``year-to-date`` and ``报告期末`` follow it;
* anaphora (``去年同期``, ``the year-ago quarter``, ``a year ago``) shift the
  period the sentence discusses back a year;
* fiscal periods follow the caller's ``fiscal_year_end`` or a fiscal year the
  text defines (``截至2024年3月31日止年度``); without either they are calendar
  periods, unless the document shows that its company's year does not end in
  December (a reported quarter that cannot be the calendar quarter of that
  name, given the document date): then its quarters, halves and relative years
  stay unresolved rather than guessed.

Everything is computed per call; the only cache is the compiled scanner.
"""

from __future__ import annotations

import bisect
import calendar
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, Sequence

import re

import regex

from .match import Scanner, compile_simple
from .model import Fact, FactKind, TIME_KINDS
from .normalize import normalize
from .rules import FLAGS, Rule, builtin_pack

__all__ = ["TimeMention", "detect_document_date", "find_times", "attach_periods",
           "fiscal_year_bounds", "quarter_bounds", "half_bounds", "shift_quarter"]


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a document.

    ``fact`` is a DATE or PERIOD fact whose ``period_start``/``period_end`` are
    the resolved dates (None when the text does not make them knowable).
    ``role`` says how the expression relates to the claims around it:
    ``"own"`` (the period a claim is about), ``"base"`` (a comparison base,
    as in ``较去年同期`` or ``versus 2019``) or ``"asof"`` (a point a stock
    figure is measured at: ``截至三季度末``, ``as of September 30``).
    """

    fact: Fact
    role: str


# ---------------------------------------------------------------- calendar arithmetic

def _month_len(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_end(y: int, m: int) -> date:
    return date(y, m, _month_len(y, m))


def _add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m0 + 1, min(d.day, _month_len(y, m0 + 1)))


def _shift_years(d: date, n: int) -> date:
    """``d`` moved by ``n`` years; a month's last day stays its month's last day."""
    if d.day == _month_len(d.year, d.month):
        return _month_end(d.year + n, d.month)
    return date(d.year + n, d.month, d.day)


def _fy_end(label: int, fye: tuple[int, int]) -> date:
    m, d = fye
    return date(label, m, min(d, _month_len(label, m)))


def fiscal_year_bounds(label: int, fiscal_year_end: tuple[int, int] | None = None) -> tuple[date, date]:
    """First and last day of fiscal year ``label`` (named by the calendar year it ends in).

    ``fiscal_year_end`` is ``(month, day)`` of the year's last day; None or
    ``(12, 31)`` is the calendar year.

    >>> fiscal_year_bounds(2022, (5, 31))
    (datetime.date(2021, 6, 1), datetime.date(2022, 5, 31))
    """
    if fiscal_year_end is None or fiscal_year_end == (12, 31):
        return date(label, 1, 1), date(label, 12, 31)
    return _fy_end(label - 1, fiscal_year_end) + timedelta(days=1), _fy_end(label, fiscal_year_end)


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
    q_start = _add_months(start, 3 * (q - 1))
    q_end = end if q == 4 else _add_months(start, 3 * q) - timedelta(days=1)
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


def _company_year(d: date, fye: tuple[int, int] | None) -> int:
    """The (fiscal) year label that contains ``d``."""
    if fye is None:
        return d.year
    return d.year if d <= _fy_end(d.year, fye) else d.year + 1


def _quarter_of(d: date, fye: tuple[int, int] | None) -> tuple[int, int]:
    label = _company_year(d, fye)
    for q in (1, 2, 3):
        if d <= quarter_bounds(label, q, fye)[1]:
            return label, q
    return label, 4


def _last_ended(end_of: Callable[[int], date], d: date, slack: int) -> int | None:
    """The latest label whose period (``end_of(label)``) ends by ``d + slack`` days."""
    limit = d + timedelta(days=slack)
    for label in (d.year + 1, d.year, d.year - 1, d.year - 2):
        if end_of(label) <= limit:
            return label
    return None


# ---------------------------------------------------------------- group vocabulary

_QUARTER = MappingProxyType({"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4,
                             "first": 1, "second": 2, "third": 3, "fourth": 4,
                             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "两": 2, "two": 2, "three": 3})
_HALF = MappingProxyType({"1": 1, "2": 2, "上": 1, "下": 2, "半": 1, "半年": 1, "中": 1,
                          "first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2, "back": 2,
                          "latter": 2})
_CN_DIGIT = MappingProxyType({"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_MONTH = MappingProxyType({name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names})
_WEEKDAY = MappingProxyType({n: i for i, n in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))})
_NUMBER_WORD = MappingProxyType({"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "a": 1, "one": 1})
_YREL = MappingProxyType({"今": 0, "本": 0, "去": -1, "上": -1, "上一": -1, "明": 1, "下一": 1, "前": -2,
                          "this": 0, "current": 0, "last": -1, "prior": -1, "previous": -1,
                          "next": 1, "coming": 1})
_QREL = MappingProxyType({"本": 0, "这": 0, "上": -1, "下": 1, "this": 0, "the": 0, "current": 0,
                          "our": 0, "latest": 0, "most recent": 0, "last": -1, "prior": -1,
                          "previous": -1, "preceding": -1, "sequential": -1, "next": 1})
_MREL = MappingProxyType({"本": 0, "这": 0, "上": -1, "下": 1, "this": 0, "last": -1, "next": 1})
_PART = MappingProxyType({"初": "early", "上旬": "early", "中": "mid", "中旬": "mid", "下旬": "late",
                          "底": "end", "末": "end", "early": "early", "beginning": "early",
                          "start": "early", "mid": "mid", "middle": "mid", "late": "late",
                          "end": "end"})
_DAYREL = MappingProxyType({"today": 0, "tonight": 0, "今天": 0, "今日": 0, "yesterday": -1,
                            "昨天": -1, "昨日": -1, "tomorrow": 1})

# Groups that make an expression a period of the company's (possibly fiscal) calendar.
_COMPANY_GROUPS = frozenset({"q", "q1", "qn", "mn", "h", "qrel", "ytd", "rest", "yend", "qend",
                             "epart", "fy", "cy"})
# Words after a period's name that mark it as the subject of a report or results call.
_REPORT_AFTER_EN = ("results", "earnings", "conference call", "call", "financial results",
                    "performance", "highlights", "report")
_REPORT_AFTER_ZH = ("报告", "报", "业绩", "季报", "年报", "度报告", "年度报告", "年度业绩", "经营")
# Words before an expression that make it a comparison base.
_BASE_BEFORE_ZH = ("较", "较之", "相较", "相较于", "相比", "相比于", "对比", "比", "高于", "低于",
                   "不及", "少于", "多于", "环比", "vs", "VS", "Vs")
_BASE_PAIR_ZH = ("与", "和", "同", "跟")
_BASE_AFTER_ZH = ("相比", "相较", "比较", "对比", "持平", "基本持平")
_BASE_BEFORE_EN = ("versus", "vs.", "vs", "compared to", "compared with", "compared against",
                   "comparison to", "comparison with", "comparisons to", "than", "relative to",
                   "against", "lapping", "lap", "from")
_ASOF_BEFORE_ZH = ("截至", "截止", "截止到", "截至到", "截止至")
_ASOF_BEFORE_EN = ("as of", "as at", "at", "ended", "ending")
_FUTURE_ZH = ("将", "预计", "计划", "拟", "有望", "即将", "准备", "预期")
_FUTURE_EN = ("will", "plan", "expect", "schedul", "upcoming", "effective", "intend", "going to",
              "next")
_CLAUSE_MARKS = "，,；;。.!?！？\n"


def _tok(s: str) -> str:
    """A group's text as a lookup key: lower case, single spaces, no leading 'the '."""
    t = " ".join(s.lower().split())
    return t[4:] if t.startswith("the ") else t


def _cn_int(s: str) -> int | None:
    """Small Chinese numerals (months, days, counts up to 39) and Arabic digits."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens, 0 if tens == "" else -99) if tens else 1
        o = _CN_DIGIT.get(ones, -99) if ones else 0
        v = t * 10 + o
        return v if v > 0 else None
    return _CN_DIGIT.get(s)


def _year_of(g: Mapping[str, str], ref: date | None = None) -> int | None:
    """The explicit year the groups name, if any.  A two-digit year takes the
    century that puts it nearest the document date (without one, 00-49 are
    2000-2049 and 50-99 are 1950-1999)."""
    if "y4" in g:
        return int(g["y4"])
    if "ycn" in g:
        return int("".join(str(_CN_DIGIT[c]) for c in g["ycn"]))
    if "y2" in g:
        v = int(g["y2"])
        if ref is None:
            return 2000 + v if v < 50 else 1900 + v
        base = ref.year - ref.year % 100
        return min((base - 100 + v, base + v, base + 100 + v), key=lambda y: abs(y - ref.year))
    return None


# ---------------------------------------------------------------- document date

_ZH_DATE = (r"(?P<y>(?:19|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})[ \t]*[年./-][ \t]*"
            r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[ \t]*[月./-][ \t]*"
            r"(?P<d>3[01]|[12][0-9]|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
            r"(?![0-9])[ \t]*日?")
_EN_DATE = (r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+)?"
            r"(?P<mn>january|february|march|april|may|june|july|august|september|october|november|"
            r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?[ \t]+"
            r"(?P<ed>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+(?P<ey>(?:19|20)[0-9]{2})(?![0-9])")


_LABEL_WORD = re.compile(r"时间|日期|date", re.IGNORECASE)


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
            year = int(y) if y.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in y))
            month, day = _cn_int(m.group("m")), _cn_int(m.group("d"))
            return date(year, month, day) if month and day else None
        return date(int(m.group("ey")), _MONTH[m.group("mn").lower()], int(m.group("ed")))
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
    return _stated_date(normalize(text[:3000]).text, normalize(text[-400:]).text)


def _stated_date(norm: str, tail: str) -> date | None:
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


# ---------------------------------------------------------------- scanning

# The longest expression plus the few characters its lookaheads inspect; a
# scan at an anchor never needs to see further.
_WINDOW = 96
_LEAD_REACH = 28


@dataclass(frozen=True, slots=True)
class _TimeScanner:
    """The time rules for one language, compiled once, with their anchors."""

    scanner: Scanner
    names: Mapping[str, tuple[str, ...]]     # rule id -> its group names
    zh: regex.Pattern[str] | None            # the first characters of STARTS_ZH
    starts: regex.Pattern[str] | None        # STARTS_ZH, tried where zh matched
    num: regex.Pattern[str]
    code: regex.Pattern[str]
    core: tuple[str, ...]                    # English core words (lower case)
    core_at: regex.Pattern[str] | None       # what must stand where a core word starts
    lead: regex.Pattern[str] | None


def _char_class(chars: set[str]) -> str:
    return "[" + "".join("\\" + c if c in "-]\\^[" else c for c in sorted(chars)) + "]"


def _first_chars(fragment: str) -> set[str]:
    """The characters a STARTS_ZH fragment can begin with (its leading literal
    or character class)."""
    if fragment.startswith("["):
        body = fragment[1:fragment.index("]")]
        return set(body)
    return {fragment[0]}


@lru_cache(maxsize=4)
def _scanner(lang: str) -> _TimeScanner:
    pack = builtin_pack("time")
    langs = {lang} if lang in ("zh", "en") else {"zh", "en"}
    rules = [r for r in pack.rules if langs & set(r.langs)]
    # \G: a scan started at an anchor matches there or nowhere.
    scanner = Scanner(rules, prefix=r"\G", trusted=True)
    names = MappingProxyType({r.id: tuple(n for n in regex.compile(r.pattern, FLAGS).groupindex
                                          if not n.startswith("_") and n != "sep")
                              for r in rules})
    d = pack.defs
    english = "en" in langs
    fragments = d["STARTS_ZH"].split()
    zh = starts = None
    if "zh" in langs:
        zh = compile_simple(_char_class(set().union(*map(_first_chars, fragments))) + f"(?={d['NEXT_ZH']})",
                           flags=regex.VERBOSE)
        starts = compile_simple("|".join(f"(?:{f})" for f in fragments), flags=0)
    return _TimeScanner(
        scanner, names, zh, starts,
        compile_simple(d["ANCHOR_NUM_EN"] if lang == "en" else d["ANCHOR_NUM"], flags=regex.VERBOSE),
        compile_simple(d["ANCHOR_CODE"], flags=regex.VERBOSE),
        tuple(d["CORE_EN"].split()) if english else (),
        compile_simple(d["CORE_EN_AT"]) if english else None,
        compile_simple(d["LEAD_EN"].replace("{LEADWORD}", d["LEADWORD"])) if english else None)


def _anchors(norm: str, ts: _TimeScanner) -> list[int]:
    """Sorted positions where a time expression may start or (English) where a
    core word stands that the expression contains."""
    found = [m.start() for m in ts.num.finditer(norm)]
    found += [m.start() for m in ts.code.finditer(norm)]
    if ts.zh is not None:
        begins = ts.starts.match
        found += [m.start() for m in ts.zh.finditer(norm) if begins(norm, m.start())]
    if ts.core:
        low = norm.lower()
        at = ts.core_at.match
        for w in ts.core:
            text = norm if w[0].isupper() else low  # 'May' the month, not 'may'
            i = text.find(w)
            while i >= 0:
                if (i == 0 or not low[i - 1].isalnum()) and at(norm, i):
                    found.append(i)
                i = text.find(w, i + len(w))
    found.sort()
    return found


def _scan(norm: str, ts: _TimeScanner) -> list[tuple[Rule, regex.Match[str]]]:
    """The rules tried at every anchor, left to right, without overlaps."""
    match_at = ts.scanner.match_at
    lead = ts.lead
    n = len(norm)
    out: list[tuple[Rule, regex.Match[str]]] = []
    done = 0
    for s in _anchors(norm, ts):
        if s < done:
            continue
        c = None
        if lead is not None and s and norm[s - 1] in " -\t":
            # English: the words before a core word may start the expression.
            before = lead.search(norm, max(done, s - _LEAD_REACH), s)
            if before is not None:
                c = match_at(norm, before.start(), min(n, before.start() + _WINDOW))
                if c is not None and c.end <= s:
                    c = None
        if c is None:
            c = match_at(norm, s, min(n, s + _WINDOW))
        if c is not None:
            out.append((c.rule, c.match))
            done = c.end
    return out


@dataclass(slots=True)
class _Hit:
    """One candidate while a document is resolved (private, per call)."""

    rule: Rule
    start: int
    end: int
    g: dict[str, str]
    role: str = "own"
    span: tuple[date, date] | None = None
    anaphoric: bool = False


@dataclass(frozen=True, slots=True)
class _Reported:
    """The period a results call or report is about."""

    unit: str                 # "quarter", "half" or "year"
    label: int | None         # its (fiscal) year; None when unknown
    index: int                # quarter or half number (0 for a year)
    from_text: bool           # named in the text (not assumed from the date)

    def bounds(self, fye: tuple[int, int] | None) -> tuple[date, date] | None:
        if self.label is None:
            return None
        if self.unit == "quarter":
            return quarter_bounds(self.label, self.index, fye)
        if self.unit == "half":
            return half_bounds(self.label, self.index, fye)
        return fiscal_year_bounds(self.label, fye)


@dataclass(frozen=True, slots=True)
class _Doc:
    norm: str
    lang: str
    date: date | None
    fye: tuple[int, int] | None        # the company's fiscal year end; None = calendar
    unknown: bool                      # the company's calendar cannot be known
    reported: _Reported | None


def _clause_start(norm: str, s: int, limit: int = 120) -> int:
    lo = max(0, s - limit)
    return max((norm.rfind(c, lo, s) for c in _CLAUSE_MARKS), default=-1) + 1 if s else 0


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    def tail(words: Sequence[str]) -> regex.Pattern[str]:
        alts = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return regex.compile(rf"(?<![A-Za-z])(?:{alts})\s*\Z", regex.IGNORECASE)
    return (tail(_BASE_BEFORE_EN), tail(("over",)), tail(_ASOF_BEFORE_EN),
            regex.compile(r"\A\s*(?:to\s|through|until|-|into\s)", regex.IGNORECASE))


def _role(norm: str, h: _Hit, lang: str) -> str:
    s, e, g = h.start, h.end, h.g
    pre = norm[max(0, s - 20):s].rstrip()
    if pre and not pre[-1].isascii():
        post = norm[e:e + 10].lstrip()
        if pre.endswith(_BASE_BEFORE_ZH) or post.startswith(_BASE_AFTER_ZH[:4]):
            return "base"
        if pre.endswith(_BASE_PAIR_ZH) and any(w in post for w in _BASE_AFTER_ZH):
            return "base"
        if pre.endswith(_ASOF_BEFORE_ZH) and h.rule.kind is FactKind.DATE:
            return "asof"
    elif pre:
        base, over, asof, onward = _role_patterns()
        m = base.search(pre)
        if m is not None and (not m.group().lower().startswith("from")
                              or not (onward.match(norm, e) or "y4e" in g)):
            return "base"
        if over.search(pre) and ("yago" in g or _YREL.get(_tok(g.get("yrel", "")), 0) < 0):
            return "base"
        if asof.search(pre) and h.rule.kind is FactKind.DATE:
            return "asof"
    if h.rule.kind is FactKind.DATE and (_PART.get(_tok(g.get("part", ""))) == "end"
                                          or "rpe" in g or "qend" in g or "yend" in g):
        return "asof"
    return "own"


def _signal_after(norm: str, e: int, lang: str) -> bool:
    after = norm[e:e + 24].lstrip().lower()
    if after.startswith(("and full year", "and full-year", "and fiscal year")):
        return True
    return after.startswith(_REPORT_AFTER_ZH) if not after[:1].isascii() else after.startswith(_REPORT_AFTER_EN)


def _find_reported(norm: str, hits: Sequence[_Hit], lang: str, doc_date: date | None,
                   fye: tuple[int, int] | None) -> tuple[_Reported | None, bool]:
    """The period the document reports on, and whether its calendar is unknowable."""
    score: Counter[tuple[str, int]] = Counter()
    years: dict[tuple[str, int], Counter[int]] = {}
    signalled_years: dict[tuple[str, int], Counter[int]] = {}
    for h in hits:
        g = h.g
        if h.role == "base" or "qrel" in g or "yago" in g or "same" in g or "yrel" in g:
            continue
        if "q" in g and g["q"].lower() in _QUARTER:
            key = ("quarter", _QUARTER[g["q"].lower()])
        elif "h" in g and g["h"].lower() in _HALF:
            key = ("half", _HALF[g["h"].lower()])
        elif lang == "zh" and set(g) <= {"y4", "ycn", "y2"} and g:
            key = ("year", 0)
        else:
            continue
        signal = "rep" in g or _signal_after(norm, h.end, lang)
        if lang == "zh" and not signal:
            continue  # an IR record's 三季度 is no report unless it says so
        if lang == "en" and key[0] != "quarter" and not signal:
            continue
        score[key] += 4 if signal else 1
        y = _year_of(g, doc_date)
        if y is not None:
            years.setdefault(key, Counter())[y] += 1
            if signal:
                signalled_years.setdefault(key, Counter())[y] += 1
    last_cal = shift_quarter(*_quarter_of(doc_date, fye), -1) if doc_date is not None else None
    if not score:
        if lang == "en" and last_cal is not None:
            return _Reported("quarter", last_cal[0], last_cal[1], False), False
        return None, False
    (unit, index), top = max(score.items(), key=lambda kv: (kv[1], kv[0][0] == "quarter"))
    key = (unit, index)

    def end_of(label: int) -> date:
        return _Reported(unit, label, index or 1, True).bounds(fye)[1]

    if lang == "en" and unit == "quarter" and last_cal is not None:
        # A results call comes weeks after its quarter: the quarter that ended
        # last is the reported one if the text names it about as often as any
        # other, or if the one named most is still running (guidance).
        running = shift_quarter(*last_cal, 1)[1]
        if index in (last_cal[1], running) or 2 * score[("quarter", last_cal[1])] >= top:
            return _Reported("quarter", last_cal[0], last_cal[1], True), False
        if fye is None:
            # The quarter it reports ended months ago on the calendar: the
            # company's year is not the calendar year.
            return _Reported("quarter", None, index, True), True
    # A call names comparison years as often as its own, so its year comes
    # from the date; a Chinese record names its report's year (2023年第三季度报告).
    label: int | None = None
    if key in signalled_years and (lang == "zh" or doc_date is None):
        label = max(signalled_years[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
    elif doc_date is not None:
        label = _last_ended(end_of, doc_date, 10)
    elif key in years:
        label = max(years[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
    return _Reported(unit, label, index, True), False


# ---------------------------------------------------------------- resolution

def _pick_day(doc: _Doc, m: int, d: int, g: Mapping[str, str], s: int) -> date | None:
    """The year for a month and day given without one: the weekday's, else the
    next one on or after the document date where the clause speaks of the
    future, else the nearest."""
    ref = doc.date
    if ref is None:
        return None
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(y, m, d))
        except ValueError:
            pass
    if not options:
        return None
    wd = _WEEKDAY.get(g.get("wd", "").lower())
    if wd is not None:
        matching = [o for o in options if o.weekday() == wd]
        options = matching or options
    clause = doc.norm[_clause_start(doc.norm, s):s].lower()
    cues = _FUTURE_ZH if doc.lang == "zh" else _FUTURE_EN
    if any(c in clause for c in cues):
        ahead = [o for o in options if o >= ref]
        if ahead:
            return min(ahead)
    return min(options, key=lambda o: (abs((o - ref).days), o > ref))


def _default_label(doc: _Doc, start_of: Callable[[int], date], company: bool) -> int | None:
    """The year of a period named without one: the current (fiscal) year, or
    the one before when that would put the period more than six months ahead."""
    if doc.date is None:
        return None
    fye = doc.fye if company else None
    label = _company_year(doc.date, fye)
    if start_of(label) > doc.date + timedelta(days=183):
        label -= 1
    return label


def _reported_year(doc: _Doc) -> int | None:
    """The year a results text is about (en), else the current year."""
    r = doc.reported
    if doc.lang == "en" and r is not None and r.from_text and r.label is not None:
        return r.label
    return _company_year(doc.date, doc.fye) if doc.date else None


def _quarter_anchor(doc: _Doc) -> tuple[int, int] | None:
    r = doc.reported
    if r is not None and r.unit == "quarter":
        return (r.label, r.index) if r.label is not None else None
    if doc.date is None:
        return None
    if doc.lang == "en":
        return shift_quarter(*_quarter_of(doc.date, doc.fye), -1)
    return _quarter_of(doc.date, doc.fye)


def _apply_part(start: date, end: date, part: str | None, unit: str) -> tuple[date, date]:
    """A third of a month (10 days) or of a year (4 months), or the end point."""
    if part is None:
        return start, end
    if part == "end":
        return end, end
    if unit == "month":
        bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, end.day)}[part]
        return start.replace(day=bounds[0]), start.replace(day=bounds[1])
    if unit == "year":
        i = {"early": 0, "mid": 1, "late": 2}[part]
        lo = _add_months(start, 4 * i)
        return lo, (end if i == 2 else _add_months(start, 4 * (i + 1)) - timedelta(days=1))
    return start, end


def _resolve(h: _Hit, doc: _Doc) -> tuple[date, date] | None:
    g = h.g
    ref = doc.date
    part = _PART.get(_tok(g["part"])) if "part" in g else None

    # Expressions defined by their own last day or month.
    if "fyend" in g:
        end = date(int(g["y4"]), int(g["m"]), int(g["d"]))
        return _shift_years(end, -1) + timedelta(days=1), end
    if "fyem" in g:
        end = _month_end(int(g["y4"]), int(g["fyem"]))
        return _add_months(end.replace(day=1), -11), end
    if "dayrel" in g:
        return (ref + timedelta(days=_DAYREL[g["dayrel"].lower()]),) * 2 if ref else None

    company = bool(_COMPANY_GROUPS & g.keys()) or ("yrel" in g and not {"m", "mname", "m1", "d"} & g.keys())
    if "cal" in g:
        company = False
    if company and doc.unknown:
        return None
    fye = doc.fye if company else None

    if "rpe" in g:
        r = doc.reported
        b = r.bounds(doc.fye) if r is not None and r.from_text else None
        return (b[1], b[1]) if b else None
    if "qrel" in g or "qend" in g:
        anchor = _quarter_anchor(doc)
        if anchor is None:
            return None
        label, q = shift_quarter(*anchor, _QREL.get(_tok(g.get("qrel", "this")), 0))
        s, e = quarter_bounds(label, q, fye)
        return (e, e) if part == "end" or "qend" in g else (s, e)
    if "mrel" in g:
        if ref is None:
            return None
        first = _add_months(ref.replace(day=1), _MREL.get(_tok(g["mrel"]), 0))
        return _apply_part(first, _month_end(first.year, first.month), part, "month")

    # The year: explicit, relative to the document, or left to the defaults below.
    label = _year_of(g, ref)
    if "yrel" in g:
        if ref is None:
            return None
        offset = _YREL.get(_tok(g["yrel"]))
        if offset is None:
            return None
        label = _company_year(ref, fye) + offset

    if "ytd" in g or "rest" in g or "epart" in g or "yend" in g or "cy" in g:
        r = doc.reported
        in_text = doc.lang == "en" and r is not None and r.from_text and r.label is not None
        y = label if label is not None else _reported_year(doc)
        if y is None:
            return None
        ys, ye = fiscal_year_bounds(y, fye)
        if "ytd" in g:
            if in_text and r.unit == "quarter" and r.label == y and doc.lang == "en":
                return ys, r.bounds(fye)[1]
            return (ys, ref) if ref and ys <= ref else None
        if "rest" in g:
            if in_text and r.label == y and r.bounds(fye)[1] < ye:
                return r.bounds(fye)[1] + timedelta(days=1), ye
            if ref is None:
                return None
            if label is None:  # after the last quarter of the year: the year now running
                ys, ye = fiscal_year_bounds(_company_year(ref, fye), fye)
            return (ref, ye) if ys <= ref <= ye else (ys, ye)
        if "epart" in g:
            if ref is None or not ys <= ref <= ye:
                return None
            return (ys, ref) if g["epart"].lower() == "earlier" else (ref, ye)
        if "yend" in g:
            return ye, ye
        return _apply_part(ys, ye, part, "year")

    if "m" in g or "mname" in g:
        m = _MONTH.get(g["mname"].lower().rstrip(".")) if "mname" in g else _cn_int(g["m"])
        if not m or not 1 <= m <= 12:
            return None
        if "d" in g:
            d = _cn_int(g["d"])
            if not d:
                return None
            if label is None:
                day = _pick_day(doc, m, d, g, h.start)
                return (day, day) if day else None
            try:
                day = date(label, m, d)
            except ValueError:
                return None
            return day, day
        if label is None:
            label = _default_label(doc, lambda y: date(y, m, 1), False)
            if label is None:
                return None
        return _apply_part(date(label, m, 1), _month_end(label, m), part, "month")

    if "m1" in g:
        m1, m2 = _cn_int(g["m1"]), _cn_int(g["m2"])
        if not m1 or not m2 or not 1 <= m1 < m2 <= 12:
            return None
        if label is None:
            label = _default_label(doc, lambda y: date(y, m1, 1), False)
            if label is None:
                return None
        return date(label, m1, 1), _month_end(label, m2)

    if "q" in g or "q1" in g:
        q1 = _QUARTER.get(_tok(g.get("q1", g.get("q", ""))))
        q2 = _QUARTER.get(_tok(g.get("q2", g.get("q", ""))))
        if not q1 or not q2 or q2 < q1:
            return None
        if label is None:
            if "rep" in g:
                if ref is None:
                    return None
                label = _last_ended(lambda y: quarter_bounds(y, q2, fye)[1], ref, 45)
            else:
                label = _quarter_label(doc, q1, fye)
            if label is None:
                return None
        s = quarter_bounds(label, q1, fye)[0]
        e = quarter_bounds(label, q2, fye)[1]
        return (e, e) if part == "end" else (s, e)

    if "h" in g:
        hv = _HALF.get(_tok(g["h"]))
        if not hv:
            return None
        if label is None:
            if "rep" in g:
                if ref is None:
                    return None
                label = _last_ended(lambda y: half_bounds(y, hv, fye)[1], ref, 45)
            else:
                label = _default_label(doc, lambda y: half_bounds(y, hv, fye)[0], company)
            if label is None:
                return None
        s, e = half_bounds(label, hv, fye)
        return (e, e) if part == "end" else (s, e)

    if "qn" in g or "mn" in g:
        if "qn" in g:
            n = _QUARTER.get(_tok(g["qn"]))
            end_of = (lambda y: quarter_bounds(y, n, fye)[1]) if n else None
        else:
            n = _NUMBER_WORD.get(g["mn"].lower()) or _cn_int(g["mn"])
            end_of = (lambda y: _add_months(fiscal_year_bounds(y, fye)[0], n) - timedelta(days=1)) if n else None
        if end_of is None or not 1 <= n <= 11:
            return None
        if label is None:
            if ref is None:
                return None
            label = _company_year(ref, fye)
            if end_of(label) > ref + timedelta(days=183):
                label -= 1
        return fiscal_year_bounds(label, fye)[0], end_of(label)

    if "y4e" in g:
        last = int(g["y4e"])
        return (date(label, 1, 1), date(last, 12, 31)) if label is not None and label < last <= label + 30 else None

    if label is None:
        if part is not None:
            label = _company_year(ref, fye) if ref else None
        if label is None:
            return None
    s, e = fiscal_year_bounds(label, fye)
    return _apply_part(s, e, part, "year")


def _quarter_label(doc: _Doc, q: int, fye: tuple[int, int] | None) -> int | None:
    """The year of a quarter named without one."""
    r = doc.reported
    if doc.lang == "en" and r is not None and r.unit == "quarter" and r.label is not None and r.from_text:
        # Around the reported quarter: two before it to one after it.
        lo = r.label * 4 + r.index - 1 - 2
        for label in (r.label - 1, r.label, r.label + 1):
            if lo <= label * 4 + q - 1 <= lo + 3:
                return label
    return _default_label(doc, lambda y: quarter_bounds(y, q, fye)[0], True)


def _plausible_year(h: _Hit, doc: _Doc) -> bool:
    """``19年`` alone is a year only near the document date (else a count of
    years); an apostrophe ('95) marks a year whatever its distance."""
    if set(h.g) != {"y2"} or h.rule.kind is not FactKind.PERIOD or "zh" not in h.rule.langs:
        return True
    if h.span is None:
        return False
    y = h.span[0].year
    if doc.date is not None:
        return doc.date.year - 15 <= y <= doc.date.year + 5
    return 2000 <= y <= 2035


def _resolve_anaphora(hits: list[_Hit], doc: _Doc) -> None:
    """去年同期 / the year-ago quarter / 上年 follow the period under discussion:
    the nearest own expression before them in their paragraph, else the
    reported period."""
    last_own: _Hit | None = None
    for h in hits:
        if h.anaphoric:
            para = doc.norm.rfind("\n", 0, h.start) + 1
            discussed = last_own.span if last_own is not None and last_own.start >= para else None
            h.span = _anaphor(h, discussed, doc)
        elif h.role != "base" and h.span is not None and "dayrel" not in h.g:
            last_own = h


def _anaphor(h: _Hit, discussed: tuple[date, date] | None, doc: _Doc) -> tuple[date, date] | None:
    g = h.g
    if "yrel" in g and "yago" not in g and "same" not in g:
        # 上年 / 上年末 after a period: the year before that period's year.
        if discussed is None:
            return h.span
        y = discussed[1].year - 1
        return _resolve(_Hit(h.rule, h.start, h.end, {k: v for k, v in g.items() if k != "yrel"} | {"y4": str(y)}), doc)
    yaq = _tok(g.get("yaq", ""))
    if yaq == "quarter" and (discussed is None or (discussed[1] - discussed[0]).days > 100):
        discussed = None
        anchor = _quarter_anchor(doc)
        if anchor is not None and not doc.unknown:
            discussed = quarter_bounds(*anchor, doc.fye)
    if discussed is None:
        r = doc.reported
        if r is not None and r.from_text and doc.lang == "en" and not doc.unknown:
            discussed = r.bounds(doc.fye)
        elif "yago" in g and _tok(g["yago"]) in ("prior", "previous", "preceding") and doc.date and not doc.unknown:
            discussed = fiscal_year_bounds(_company_year(doc.date, doc.fye), doc.fye)
    if discussed is None:
        return None
    if "same" in g and "yago" not in g:
        y = _year_of(g, doc.date)
        if y is None:
            return None
        n = y - discussed[0].year
    else:
        n = -_NUMBER_WORD.get(_tok(g.get("yago", "")), 1)
    return _shift_years(discussed[0], n), _shift_years(discussed[1], n)


def find_times(norm: str, source: str, *, doc_date: date | None, lang: str,
               fiscal_year_end: tuple[int, int] | None = None) -> list[TimeMention]:
    """Every time expression in a document, resolved, sorted and non-overlapping.

    ``norm`` is ``normalize(source).text`` (same length as ``source``); spans and
    ``text`` are on ``source``.  ``doc_date`` anchors relative words; when None,
    the date the document states (:func:`detect_document_date`) is used, and
    failing that relative expressions stay unresolved.  ``fiscal_year_end`` is
    ``(month, day)`` of the last day of the company's fiscal year.
    """
    if len(norm) != len(source):
        raise ValueError(f"find_times: normalised text has {len(norm)} characters, source {len(source)}")
    if doc_date is None:
        doc_date = _stated_date(norm[:3000], norm[-400:])
    ts = _scanner(lang)
    hits: list[_Hit] = []
    for rule, m in _scan(norm, ts):
        if rule.kind is None:  # a skip rule: the phrase is no time expression
            continue
        names = ts.names[rule.id]
        values = m.group(*names) if len(names) > 1 else (m.group(names[0]),) if names else ()
        hits.append(_Hit(rule, m.start(), m.end(), {k: v for k, v in zip(names, values) if v is not None}))
    if not hits:
        return []
    lang = lang if lang in ("zh", "en") else "zh"
    fye = fiscal_year_end
    if fye is None:
        for h in hits:  # a fiscal year the text defines by its last day
            if "fyend" in h.g:
                fye = (int(h.g["m"]), int(h.g["d"]))
                break
    if fye == (12, 31):
        fye = None
    for h in hits:
        h.role = _role(norm, h, lang)
    reported, unknown = _find_reported(norm, hits, lang, doc_date, fye)
    doc = _Doc(norm, lang, doc_date, fye, unknown, reported)
    for h in hits:
        g = h.g
        h.anaphoric = ("yago" in g or "same" in g
                       or (lang == "zh" and g.get("yrel") in ("上", "上一")))
        try:
            h.span = _resolve(h, doc) if not ("yago" in g or "same" in g) else None
        except (ValueError, OverflowError):
            h.span = None
    _resolve_anaphora(hits, doc)
    out = []
    for h in hits:
        if not _plausible_year(h, doc):
            continue
        span = h.span if h.span is not None and h.span[0] <= h.span[1] else None
        fact = Fact(kind=h.rule.kind, start=h.start, end=h.end, text=source[h.start:h.end],
                    period_start=span[0] if span else None, period_end=span[1] if span else None,
                    rule=h.rule.id)
        out.append(TimeMention(fact, h.role))
    return out


# ---------------------------------------------------------------- attachment

# How far a clause or sentence boundary is looked for on either side of a fact.
_REACH = 400
# A comma or full stop between digits is part of a number (1,000; 3.5); a full
# stop ends a sentence before a space, except after an abbreviation.
_CLAUSE = r"[，；;。!?！？\n]|(?<![0-9])[,.]|[,.](?![0-9])"
_SENTENCE = (r"[。!?！？\n]|(?<!\b(?:vs|Oct|Sept|Sep|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|No|Mr|Ms|Dr|Inc|Co"
             r"|Corp|Ltd|U\.S))\.(?=\s)")


@dataclass(frozen=True, slots=True)
class _Bounds:
    """Clause and sentence boundaries, looked up around a position."""

    norm: str
    clause: regex.Pattern[str]
    clause_back: regex.Pattern[str]
    sentence: regex.Pattern[str]
    sentence_back: regex.Pattern[str]

    def around(self, s: int, e: int, sentence: bool = False) -> tuple[int, int]:
        fwd, back = (self.sentence, self.sentence_back) if sentence else (self.clause, self.clause_back)
        lo = max(0, s - _REACH)
        m = back.search(self.norm, lo, s)
        start = m.end() if m is not None else lo
        hi = min(len(self.norm), e + _REACH)
        m = fwd.search(self.norm, e, hi)
        return start, (m.start() if m is not None else hi)


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern[str], ...]:
    return (regex.compile(_CLAUSE), regex.compile(_CLAUSE, regex.REVERSE),
            regex.compile(_SENTENCE), regex.compile(_SENTENCE, regex.REVERSE))


# Words that may come before a time phrase that opens a clause ("截至今年三季度末，", "In 2021, ...").
_OPENERS = frozenset({"", "在", "于", "截至", "截止", "截止到", "截至到", "自", "从", "而", "但", "其中",
                      "同时", "另外", "此外", "另", "in", "for", "during", "as of", "at", "through",
                      "since", "and", "but", "by", "over", "so far in", "and in", "but in", "also in",
                      "then in", "overall in", "now", "so", "also", "and for", "and during"})


def attach_periods(norm: str, facts: Sequence[Fact], times: Sequence[TimeMention]) -> list[Fact]:
    """The value facts with the period of the time expression that governs them.

    The governing expression is the nearest non-base one in the fact's clause
    (clauses end at ``，,；;。.!?！？`` and newlines); failing that, the nearest
    time phrase before the fact that opens a clause of its sentence, or one in
    the sentence's first clause.  A comparison base never governs; an as-of
    point gives its one day.  Facts that already carry a period, time facts and
    facts with no governing expression are returned unchanged.
    """
    if not times or not facts:
        return list(facts)
    bounds = _Bounds(norm, *_patterns())
    ms = sorted((t for t in times if t.role != "base"), key=lambda t: t.fact.start)
    starts = [t.fact.start for t in ms]
    out = []
    for f in facts:
        if f.kind in TIME_KINDS or f.period_start is not None or f.period_end is not None:
            out.append(f)
            continue
        cs, ce = bounds.around(f.start, f.end)
        best, best_key = None, None
        for t in ms[bisect.bisect_left(starts, cs):bisect.bisect_left(starts, ce)]:
            if t.fact.end > ce or (t.fact.start < f.end and t.fact.end > f.start):
                continue
            gap = f.start - t.fact.end if t.fact.end <= f.start else t.fact.start - f.end
            key = (gap, t.fact.start > f.start)  # nearest; before the fact on a tie
            if best_key is None or key < best_key:
                best, best_key = t, key
        if best is None:
            best = _opener(bounds, ms, starts, bounds.around(f.start, f.end, sentence=True)[0], cs)
        if best is None:
            out.append(f)
            continue
        out.append(f.with_(period_start=best.fact.period_start, period_end=best.fact.period_end))
    return out


def _opener(bounds: _Bounds, ms: Sequence[TimeMention], starts: list[int], ss: int, cs: int) -> TimeMention | None:
    """A time phrase before clause start ``cs`` in the sentence from ``ss`` that
    opens its clause; else the last one in the sentence's first clause."""
    first_clause_end = bounds.around(ss, ss)[1] if ss < cs else cs
    fallback = None
    for t in reversed(ms[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, cs)]):
        if t.fact.end > cs:
            continue
        clause_lo = max(bounds.around(t.fact.start, t.fact.end)[0], ss)
        lead = " ".join(bounds.norm[clause_lo:t.fact.start].split()).lower()
        if lead in _OPENERS:
            return t
        if fallback is None and t.fact.end <= first_clause_end:
            fallback = t
    return fallback
