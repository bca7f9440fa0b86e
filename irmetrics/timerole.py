"""How a time expression relates to its text: its role, and the reported period.

A role says what an expression is to the claims around it: ``own`` (the
period a claim is about), ``base`` (a comparison base: ``较去年同期``,
``versus 2019``) or ``asof`` (a point a stock figure is measured at).  The
reported period is what a results call or report is about (``second quarter
results``, ``2024年第三季度报告``): ``the quarter`` and ``本季度`` follow it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Sequence

import re

import regex

from .model import FactKind
from .rules import Rule
from .timecal import (HALF, QUARTER, YREL, PART, fiscal_year_bounds, half_bounds, quarter_bounds,
                      quarter_of, shift_quarter, last_ended, tok, year_of)

__all__ = ["Hit", "Reported", "role_of", "find_reported", "is_guided"]

# The score (4 a signalled mention, 1 a plain one) a quarter needs before a call is
# judged to report on a fiscal calendar of its own.
_SURE = 2


@dataclass(slots=True)
class Hit:
    """One candidate while a document is resolved (private, per call)."""

    rule: Rule
    start: int
    end: int
    g: dict[str, str]
    role: str = "own"
    span: tuple[date, date] | None = None
    anaphoric: bool = False
    guided: bool = False      # 'the quarter' / 'the year' in a call's outlook: the period running


@dataclass(frozen=True, slots=True)
class Reported:
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


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    def tail(words: Sequence[str]) -> regex.Pattern[str]:
        alts = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return regex.compile(rf"(?<![A-Za-z])(?:{alts})\s*\Z", regex.IGNORECASE)
    return (tail(_BASE_BEFORE_EN), tail(("over",)), tail(_ASOF_BEFORE_EN),
            regex.compile(r"\A\s*(?:to\s|through|until|-|into\s)", regex.IGNORECASE))


def role_of(norm: str, h: Hit, lang: str) -> str:
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
        if over.search(pre) and ("yago" in g or YREL.get(tok(g.get("yrel", "")), 0) < 0):
            return "base"
        if asof.search(pre) and h.rule.kind is FactKind.DATE:
            return "asof"
    if h.rule.kind is FactKind.DATE and (PART.get(tok(g.get("part", ""))) == "end"
                                          or "rpe" in g or "qend" in g or "yend" in g):
        return "asof"
    return "own"


# A sentence that gives guidance: a forward verb or an outlook noun ...
_OUTLOOK = re.compile(r"\b(?:expect(?:s|ed|ing)?|anticipat\w*|project(?:s|ed|ing)?|forecast\w*|guid(?:e|es|ing|ance)"
                      r"|outlook|will|going\sto|plan\sto)\b|'ll\b", re.IGNORECASE)
# ... unless it looks back at one (as expected, beat our guidance, previously
# forecast) or the speaker only announces what comes next (I will now turn to).
_LOOKS_BACK = re.compile(r"\b(?:as|than|had|previously|originally|initially|exceed\w*|beat|above|below|ahead\sof"
                         r"|in\sline\swith|versus|vs|end\sof|prior|previous)"
                         r"\s+(?:(?:we|our|the|its)\s+)?\Z", re.IGNORECASE)
_SPEAKER = re.compile(r"\s+(?:now\s|then\s|also\s)?(?:discuss|review|cover|provide|walk|talk|turn|hand|begin|start|"
                      r"focus|go|take|share|comment|highlight|summarize|touch)", re.IGNORECASE)


# ... or walks the listener through one (walk you through our guidance).
_PRESENTS = re.compile(r"\b(?:walk\s(?:you\s)?through|discuss|review|cover|go\sover|update\s(?:you\s)?on|detail)"
                       r"\s(?:[\w-]+\s){0,3}\Z", re.IGNORECASE)
# A period that a verb in the past tense governs is a result, whatever else the
# sentence says (the note we completed in the quarter).
_DONE_IN = re.compile(r"\b(?!(?:expect|anticipat|project|forecast|guid|plann)ed\b)[a-z]{3,}ed\s(?:in|during|for|over|through)\s\Z",
                      re.IGNORECASE)


# A clause stating a result: its verb is in the past tense.
_PAST = re.compile(r"\b(?:was|were|grew|rose|fell|declined|increased|decreased|improved|expanded|contracted"
                   r"|totall?ed|reached|delivered|generated|achieved|reported|posted|recorded|completed|closed"
                   r"|ended|saw|came|dropped|climbed|doubled|exceeded|outperformed)\b", re.IGNORECASE)


def _gives_outlook(text: str, lo: int, hi: int) -> bool:
    for m in _OUTLOOK.finditer(text, lo, hi):
        if _LOOKS_BACK.search(text, max(0, m.start() - 40), m.start()):
            continue
        word = m.group().lower()
        if word in ("will", "'ll") and _SPEAKER.match(text, m.end()):
            continue
        if word in ("guidance", "outlook") and _PRESENTS.search(text, max(0, m.start() - 60), m.start()):
            continue
        return True
    return False


def is_guided(sentence: str, at: int, clause: tuple[int, int]) -> bool:
    """Whether the time expression at ``at`` of an English sentence is in its
    guidance (``we expect revenue growth of 18% for the quarter``), so that
    ``the quarter`` / ``the year`` is the period being guided, not the one
    reported.  ``clause`` is the expression's clause within ``sentence``: an
    outlook there decides, a result there (a verb in the past tense) rules
    one out, else the sentence decides."""
    if _DONE_IN.search(sentence, max(0, at - 40), at):
        return False
    if _gives_outlook(sentence, *clause):
        return True
    if _PAST.search(sentence, *clause):
        return False
    return _gives_outlook(sentence, 0, len(sentence))


def _signal_after(norm: str, e: int, lang: str) -> bool:
    after = norm[e:e + 24].lstrip().lower()
    if after.startswith(("and full year", "and full-year", "and fiscal year")):
        return True
    return after.startswith(_REPORT_AFTER_ZH) if not after[:1].isascii() else after.startswith(_REPORT_AFTER_EN)


def find_reported(norm: str, hits: Sequence[Hit], lang: str, doc_date: date | None,
                   fye: tuple[int, int] | None) -> tuple[Reported | None, bool]:
    """The period the document reports on, and whether its calendar is unknowable."""
    score: Counter[tuple[str, int]] = Counter()
    years: dict[tuple[str, int], Counter[int]] = {}
    signalled_years: dict[tuple[str, int], Counter[int]] = {}
    for h in hits:
        g = h.g
        if h.role == "base" or "qrel" in g or "yago" in g or "same" in g or "yrel" in g:
            continue
        if "q" in g and g["q"].lower() in QUARTER:
            key = ("quarter", QUARTER[g["q"].lower()])
        elif "h" in g and g["h"].lower() in HALF:
            key = ("half", HALF[g["h"].lower()])
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
        y = year_of(g, doc_date)
        if y is not None:
            years.setdefault(key, Counter())[y] += 1
            if signal:
                signalled_years.setdefault(key, Counter())[y] += 1
    last_cal = shift_quarter(*quarter_of(doc_date, fye), -1) if doc_date is not None else None
    if not score:
        if lang == "en" and last_cal is not None:
            return Reported("quarter", last_cal[0], last_cal[1], False), False
        return None, False
    (unit, index), top = max(score.items(), key=lambda kv: (kv[1], kv[0][0] == "quarter"))
    key = (unit, index)

    def end_of(label: int) -> date:
        return Reported(unit, label, index or 1, True).bounds(fye)[1]

    if lang == "en" and unit == "quarter" and last_cal is not None:
        # A results call comes weeks after its quarter: the quarter that ended
        # last is the reported one if the text names it about as often as any
        # other, or if the one named most is still running (guidance).
        running = shift_quarter(*last_cal, 1)[1]
        if index in (last_cal[1], running) or 2 * score[("quarter", last_cal[1])] >= top:
            return Reported("quarter", last_cal[0], last_cal[1], True), False
        if fye is None and top >= _SURE:
            # The quarter it reports ended months ago on the calendar: the
            # company's year is not the calendar year.  (Only when the text
            # says so: its results named, or the quarter named more than once;
            # one passing "second quarter of 2024" proves nothing.)
            return Reported("quarter", None, index, True), True
        if fye is None:
            return Reported("quarter", last_cal[0], last_cal[1], False), False
    # A call names comparison years as often as its own, so its year comes
    # from the date; a Chinese record names its report's year (2023年第三季度报告).
    label: int | None = None
    if key in signalled_years and (lang == "zh" or doc_date is None):
        label = max(signalled_years[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
    elif doc_date is not None:
        label = last_ended(end_of, doc_date, 10)
    elif key in years:
        label = max(years[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
    return Reported(unit, label, index, True), False
