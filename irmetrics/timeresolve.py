"""One time expression's dates, from the groups its rule named.

:func:`resolve` reads a match's named groups (``y4``, ``q``, ``yrel``,
``part``...; the vocabulary is listed at the top of ``packs/time.toml``),
never its text: absolute parts resolve on their own, relative words against
the document date, ``the quarter`` / ``本季度`` against the reported period
(:mod:`irmetrics.timerole`), fiscal periods through the company's calendar.
Anaphora (``去年同期``) is :mod:`irmetrics.timeanaphora`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

from .segment import Segments
from .timecal import (COMPANY_GROUPS, DAYREL, DIRECTION, HALF, MONTH, MREL, NUMBER_WORD, PART, QREL,
                      QUARTER, SEASON, UNIT, WEEKDAY, YREL, YSPAN, add_months, cn_int, company_year,
                      fiscal_year_bounds, half_bounds, last_ended, month_end, month_near, months_ended,
                      quarter_bounds, quarter_of, season_bounds, season_near, shift_quarter, shift_years,
                      stretch, tok, week_of, year_of)
from .timerole import Hit, Reported

__all__ = ["TimeDoc", "resolve", "quarter_anchor"]


_FUTURE_ZH = ("将", "预计", "计划", "拟", "有望", "即将", "准备", "预期")
_FUTURE_EN = ("will", "plan", "expect", "schedul", "upcoming", "effective", "intend", "going to",
              "next")


@dataclass(frozen=True, slots=True)
class TimeDoc:
    """What resolution needs to know about the document (per call)."""

    seg: Segments
    norm: str
    lang: str
    date: date | None
    fye: tuple[int, int] | None        # the company's fiscal year end; None = calendar
    unknown: bool                      # the company's calendar cannot be known
    reported: Reported | None


def _pick_day(doc: TimeDoc, m: int, d: int, g: Mapping[str, str], s: int) -> date | None:
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
    wd = WEEKDAY.get(g.get("wd", "").lower())
    if wd is not None:
        matching = [o for o in options if o.weekday() == wd]
        options = matching or options
    clause = doc.norm[doc.seg.clause_start(s):s].lower()
    cues = _FUTURE_ZH if doc.seg.lang_at(s) == "zh" else _FUTURE_EN
    if any(c in clause for c in cues):
        ahead = [o for o in options if o >= ref]
        if ahead:
            return min(ahead)
    return min(options, key=lambda o: (abs((o - ref).days), o > ref))


def _unwritten_year(g: Mapping[str, str], ref: date | None, end_of: Callable[[int], date],
                    default: Callable[[], int | None]) -> int | None:
    """The year of a part of a year written without one: for the part a call
    reports ("the quarter" among its results), the year of the last such part
    ended 45 days before the reference date; else ``default()``."""
    if "rep" in g:
        return None if ref is None else last_ended(end_of, ref, 45)
    return default()


def _default_label(doc: TimeDoc, start_of: Callable[[int], date], company: bool) -> int | None:
    """The year of a period named without one: the current (fiscal) year, or
    the one before when that would put the period more than six months ahead."""
    if doc.date is None:
        return None
    fye = doc.fye if company else None
    label = company_year(doc.date, fye)
    if start_of(label) > doc.date + timedelta(days=183):
        label -= 1
    return label


def _reported_year(doc: TimeDoc) -> int | None:
    """The year a results text is about (en), else the current year."""
    r = doc.reported
    if doc.lang == "en" and r is not None and r.from_text and r.label is not None:
        return r.label
    return company_year(doc.date, doc.fye) if doc.date else None


def quarter_anchor(doc: TimeDoc) -> tuple[int, int] | None:
    r = doc.reported
    if r is not None and r.unit == "quarter":
        return (r.label, r.index) if r.label is not None else None
    if doc.date is None:
        return None
    if doc.lang == "en":
        return shift_quarter(*quarter_of(doc.date, doc.fye), -1)
    return quarter_of(doc.date, doc.fye)


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
        lo = add_months(start, 4 * i)
        return lo, (end if i == 2 else add_months(start, 4 * (i + 1)) - timedelta(days=1))
    return start, end


_RANGE_END = ("y4e", "y2e")


def resolve(h: Hit, doc: TimeDoc) -> tuple[date, date] | None:
    """The dates of one expression, from its groups (anaphora aside)."""
    g = h.g
    if "y4e" in g or "y2e" in g:
        # A run that ends with a later year (2021-2025年, 2020-22年, 2H23~2024):
        # the start expression's first day to the last day of the end year.
        first = resolve(Hit(h.rule, h.start, h.end, {k: v for k, v in g.items() if k not in _RANGE_END}), doc)
        y = year_of(g, doc.date)
        if first is None or y is None:
            return None
        last = int(g["y4e"]) if "y4e" in g else y - y % 100 + int(g["y2e"])
        if "y2e" in g and last <= y:
            last += 100
        return (first[0], date(last, 12, 31)) if y < last <= y + 30 else None
    return _resolve_one(h, doc)


def _resolve_one(h: Hit, doc: TimeDoc) -> tuple[date, date] | None:
    g = h.g
    ref = doc.date
    part = PART.get(tok(g["part"])) if "part" in g else None

    # Expressions defined by their own last day or month.
    if "fyend" in g:
        end = date(int(g["y4"]), int(g["m"]), int(g["d"]))
        return shift_years(end, -1) + timedelta(days=1), end
    if "fyem" in g:
        end = month_end(int(g["y4"]), int(g["fyem"]))
        return add_months(end.replace(day=1), -11), end
    if "dayrel" in g:
        return (ref + timedelta(days=DAYREL[g["dayrel"].lower()]),) * 2 if ref else None
    if "back" in g or "ahead" in g:
        n = cn_int(g.get("back") or g["ahead"])
        return stretch(ref, n, UNIT[g["nu"]], "ahead" in g) if ref and n else None
    if "yspan" in g:
        lo, hi = YSPAN[g["yspan"]]
        return (date(ref.year + lo, 1, 1), date(ref.year + hi, 12, 31)) if ref else None
    if "wrel" in g:
        return week_of(ref, DIRECTION[tok(g["wrel"])]) if ref else None
    if "mdir" in g:
        return month_near(ref, MONTH[g["mname"].lower()], DIRECTION[tok(g["mdir"])]) if ref else None
    if "season" in g:
        season = SEASON[g["season"].lower()]
        if "y4" in g:
            return season_bounds(int(g["y4"]), season)
        return season_near(ref, season, DIRECTION[tok(g["sdir"])]) if ref else None
    if "mback" in g:
        m, d = MONTH[g["mname"].lower()], int(g["d"])
        try:
            if "y4" in g:
                end = date(int(g["y4"]), m, d)
            elif ref is not None:  # the latest such day up to the document date
                end = date(ref.year, m, d)
                end = end if end <= ref else date(ref.year - 1, m, d)
            else:
                return None
        except ValueError:
            return None
        return months_ended(end, NUMBER_WORD.get(g["mback"].lower()) or int(g["mback"]))

    company = bool(COMPANY_GROUPS & g.keys()) or ("yrel" in g and not {"m", "mname", "m1", "d"} & g.keys())
    if "cal" in g:
        company = False
    if company and doc.unknown:
        return None
    fye = doc.fye if company else None

    if "rpe" in g:
        r = doc.reported
        b = r.bounds(doc.fye) if r is not None and r.from_text else None
        return (b[1], b[1]) if b else None
    if "qrel" in g or "qend" in g or "qown" in g:
        # In an outlook, 'the quarter' is the one being guided: the one running.
        anchor = quarter_of(ref, doc.fye) if h.guided and ref is not None else quarter_anchor(doc)
        if anchor is None:
            return None
        label, q = shift_quarter(*anchor, QREL.get(tok(g.get("qrel", "this")), 0))
        s, e = quarter_bounds(label, q, fye)
        return (e, e) if part == "end" or "qend" in g else (s, e)
    if "mrel" in g:
        if ref is None:
            return None
        first = add_months(ref.replace(day=1), MREL.get(tok(g["mrel"]), 0))
        return _apply_part(first, month_end(first.year, first.month), part, "month")

    # The year: explicit, relative to the document, or left to the defaults below.
    label = year_of(g, ref)
    if "ycur" in g and ref is not None:  # 'fiscal year' alone: the one running
        label = company_year(ref, fye)
    if "yrel" in g:
        if ref is None:
            return None
        offset = YREL.get(tok(g["yrel"]))
        if offset is None:
            return None
        label = company_year(ref, fye) + offset

    if "ytd" in g or "rest" in g or "epart" in g or "yend" in g or "cy" in g or "ybeg" in g:
        r = doc.reported
        in_text = doc.lang == "en" and r is not None and r.from_text and r.label is not None
        if label is None and h.guided and ref is not None:
            label = company_year(ref, fye)  # the year being guided
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
                ys, ye = fiscal_year_bounds(company_year(ref, fye), fye)
            return (ref, ye) if ys <= ref <= ye else (ys, ye)
        if "epart" in g:
            if ref is None or not ys <= ref <= ye:
                return None
            return (ys, ref) if g["epart"].lower() == "earlier" else (ref, ye)
        if "yend" in g:
            return ye, ye
        if "ybeg" in g:
            return ys, ys
        return _apply_part(ys, ye, part, "year")

    if "m" in g or "mname" in g:
        m = MONTH.get(g["mname"].lower().rstrip(".")) if "mname" in g else cn_int(g["m"])
        if not m or not 1 <= m <= 12:
            return None
        if "d" in g:
            d = cn_int(g["d"])
            if not d:
                return None
            if label is None:
                day = _pick_day(doc, m, d, g, h.start)
            else:
                try:
                    day = date(label, m, d)
                except ValueError:
                    return None
            if day is None:
                return None
            return (day, day) if "de" not in g else _day_run(day, g)
        if label is None:
            label = _default_label(doc, lambda y: date(y, m, 1), False)
            if label is None:
                return None
        return _apply_part(date(label, m, 1), month_end(label, m), part, "month")

    if "m1" in g:
        m1, m2 = cn_int(g["m1"]), cn_int(g["m2"])
        if not m1 or not m2 or not 1 <= m1 < m2 <= 12:
            return None
        if label is None:
            label = _default_label(doc, lambda y: date(y, m1, 1), False)
            if label is None:
                return None
        return date(label, m1, 1), month_end(label, m2)

    if "q" in g or "q1" in g:
        q1 = QUARTER.get(tok(g.get("q1", g.get("q", ""))))
        q2 = QUARTER.get(tok(g.get("q2", g.get("q", ""))))
        if not q1 or not q2 or q2 < q1:
            return None
        if label is None:
            label = _unwritten_year(g, ref, lambda y: quarter_bounds(y, q2, fye)[1],
                                    lambda: _quarter_label(doc, q1, fye))
            if label is None:
                return None
        s = quarter_bounds(label, q1, fye)[0]
        e = quarter_bounds(label, q2, fye)[1]
        return (e, e) if part == "end" else (s, e)

    if "h" in g:
        hv = HALF.get(tok(g["h"]))
        if not hv:
            return None
        if label is None:
            label = _unwritten_year(g, ref, lambda y: half_bounds(y, hv, fye)[1],
                                    lambda: _default_label(doc, lambda y: half_bounds(y, hv, fye)[0], company))
            if label is None:
                return None
        s, e = half_bounds(label, hv, fye)
        return (e, e) if part == "end" else (s, e)

    if "qn" in g or "mn" in g:
        if "qn" in g:
            n = QUARTER.get(tok(g["qn"]))
            end_of = (lambda y: quarter_bounds(y, n, fye)[1]) if n else None
        else:
            n = NUMBER_WORD.get(g["mn"].lower()) or cn_int(g["mn"])
            end_of = (lambda y: add_months(fiscal_year_bounds(y, fye)[0], n) - timedelta(days=1)) if n else None
        if end_of is None or not 1 <= n <= 11:
            return None
        if label is None:
            if ref is None:
                return None
            if "mn" in g:  # 'through nine months' of results: the latest nine months ended
                label = last_ended(end_of, ref, 45)
                if label is None:
                    return None
            else:
                label = company_year(ref, fye)
                if end_of(label) > ref + timedelta(days=183):
                    label -= 1
        return fiscal_year_bounds(label, fye)[0], end_of(label)

    if label is None:
        if part is not None:
            label = company_year(ref, fye) if ref else None
        if label is None:
            return None
    s, e = fiscal_year_bounds(label, fye)
    return _apply_part(s, e, part, "year")


def _day_run(first: date, g: Mapping[str, str]) -> tuple[date, date] | None:
    """``1月1日至3月15日``: from ``first`` to the end day (``de``, in month ``me``
    and year ``ye`` when written, else in the start's), a year later when the
    end would come before the start."""
    m, d = cn_int(g.get("me", "")) or first.month, cn_int(g["de"])
    y = int(g["ye"]) if "ye" in g else first.year
    try:
        last = date(y, m, d) if d else None
        if last is not None and last < first and "ye" not in g:
            last = date(y + 1, m, d)
    except ValueError:
        return None
    return (first, last) if last is not None and first <= last else None


def _quarter_label(doc: TimeDoc, q: int, fye: tuple[int, int] | None) -> int | None:
    """The year of a quarter named without one."""
    r = doc.reported
    if doc.lang == "en" and r is not None and r.unit == "quarter" and r.label is not None and r.from_text:
        # Around the reported quarter: two before it to one after it.
        lo = r.label * 4 + r.index - 1 - 2
        for label in (r.label - 1, r.label, r.label + 1):
            if lo <= label * 4 + q - 1 <= lo + 3:
                return label
    return _default_label(doc, lambda y: quarter_bounds(y, q, fye)[0], True)
