"""Words that follow the period under discussion.

``去年同期``, ``the year-ago quarter``, ``a year ago`` and ``上年`` name a
period relative to the one the text is discussing, not to the document
date: the nearest own time expression before them in their paragraph,
else the reported period.
"""

from __future__ import annotations

from datetime import date

from .timecal import NUMBER_WORD, company_year, fiscal_year_bounds, quarter_bounds, shift_years, tok, year_of
from .timerole import Hit
from .timeresolve import TimeDoc, quarter_anchor, resolve

__all__ = ["resolve_anaphora"]


def resolve_anaphora(hits: list[Hit], doc: TimeDoc) -> None:
    """去年同期 / the year-ago quarter / 上年 follow the period under discussion:
    the nearest own expression before them in their paragraph, else the
    reported period."""
    last_own: Hit | None = None
    for h in hits:
        if h.anaphoric:
            para = doc.norm.rfind("\n", 0, h.start) + 1
            discussed = last_own.span if last_own is not None and last_own.start >= para else None
            h.span = _anaphor(h, discussed, doc)
        elif h.role != "base" and h.span is not None and "dayrel" not in h.g:
            last_own = h


def _anaphor(h: Hit, discussed: tuple[date, date] | None, doc: TimeDoc) -> tuple[date, date] | None:
    g = h.g
    if "yrel" in g and "yago" not in g and "same" not in g:
        # 上年 / 上年末 after a period: the year before that period's year.
        if discussed is None:
            return h.span
        y = discussed[1].year - 1
        return resolve(Hit(h.rule, h.start, h.end, {k: v for k, v in g.items() if k != "yrel"} | {"y4": str(y)}), doc)
    yaq = tok(g.get("yaq", ""))
    if yaq == "quarter" and (discussed is None or (discussed[1] - discussed[0]).days > 100):
        discussed = None
        anchor = quarter_anchor(doc)
        if anchor is not None and not doc.unknown:
            discussed = quarter_bounds(*anchor, doc.fye)
    if discussed is None:
        r = doc.reported
        if r is not None and r.from_text and doc.lang == "en" and not doc.unknown:
            discussed = r.bounds(doc.fye)
        elif "yago" in g and tok(g["yago"]) in ("prior", "previous", "preceding") and doc.date and not doc.unknown:
            discussed = fiscal_year_bounds(company_year(doc.date, doc.fye), doc.fye)
    if discussed is None:
        return None
    if "same" in g and "yago" not in g:
        y = year_of(g, doc.date)
        if y is None:
            return None
        n = y - discussed[0].year
    else:
        n = -NUMBER_WORD.get(tok(g.get("yago", "")), 1)
    return shift_years(discussed[0], n), shift_years(discussed[1], n)
