"""Words that follow the period or the year under discussion.

* ``去年同期``, ``the year-ago quarter``, ``a year ago`` and ``上年`` name a
  period relative to the one the text is discussing, not to the document
  date; bare ``同期`` / ``当期`` and ``the same period in 2022`` name that
  period itself (in 2022).  The period under discussion is the nearest own
  time expression before them in their paragraph, else the reported period.
* A Chinese quarter, half or part of a year named without its year (``Q1``,
  ``第三季度``, ``上半年``, ``前三季度``, ``全年``, ``年初``) takes the year the
  text is discussing: the nearest year written before it in its paragraph
  (in its sentence or the two before), so ``20年全年营收…其中Q1…`` is 2020's
  first quarter (a relative word such as ``去年`` leaves the choice to the
  date, as for any part of a year named alone).  A paragraph that names no
  year before it continues the last whole year named in the paragraph just
  before it (a broker note's ``20年``), if that is this year or last;
  otherwise the date decides, as for any relative word.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from .timecal import NUMBER_WORD, company_year, fiscal_year_bounds, quarter_bounds, shift_years, tok, year_of
from .timerole import Hit
from .timeresolve import TimeDoc, quarter_anchor, resolve

__all__ = ["resolve_anaphora", "paragraph_starts"]

# A paragraph ends at a line break, or where text flattened onto one line
# left its paragraph gap: three blanks, or two between Chinese characters
# (an ideographic indent "　　" normalises to two spaces).
# (Led by one character class, not an alternation, the pattern lets re skip
# ahead to the next blank; two blanks are checked after.)
_PARA_GAP = re.compile(r"[\n \t](?:(?<=\n)[ \t\n]*|(?<=[ \t])[ \t]+)")

# Groups naming a part of a year; and groups that say which year (or that the
# expression is no part of a year at all).
_YEAR_PART = frozenset({"q", "q1", "h", "qn", "mn", "cy", "ybeg", "yend", "part"})
_NOT_BARE = frozenset({"y4", "y2", "ycn", "yrel", "yago", "same", "fy", "cal", "qrel", "mrel", "dayrel",
                       "back", "ahead", "yspan", "fyend", "fyem", "rpe", "ytd", "rest", "epart", "rep",
                       "m", "mname", "m1", "d", "wd", "qend", "y4e", "y2e"})
# Only a year written out carries: 今年 / 去年 say how far from the date, and the
# date already decides for a part of a year named alone.
_YEAR_GROUPS = ("y4", "y2", "ycn")
# A report's name (中报, 三季报) settles its year too: the latest such period ended.
_CARRIERS = _YEAR_GROUPS + ("rep",)
_SENTENCES_BACK = 2


def paragraph_starts(norm: str) -> list[int]:
    """Offsets where the paragraphs of ``norm`` start (the first is 0)."""
    out = [0]
    for m in _PARA_GAP.finditer(norm):
        s, e = m.span()
        if e - s == 2 and norm[s] != "\n" and not (0 < s and e < len(norm) and not norm[s - 1].isascii()
                                                  and not norm[e].isascii()):
            continue  # two blanks inside English text are no paragraph gap
        out.append(e)
    return out


def _bare_year_part(h: Hit, doc: TimeDoc) -> bool:
    """A Chinese part of a year named without its year (``Q1``, ``上半年``, ``全年``)."""
    keys = h.g.keys()
    return (not keys & _NOT_BARE and bool(keys & _YEAR_PART) and h.span is not None
            and doc.seg.lang_at(h.start) == "zh")


def _carried_year(h: Hit, doc: TimeDoc) -> int | None:
    """The year an own expression writes out (``2020年``, ``21Q1``, ``2021H1``) or
    a report's name settles (``中报``), which the parts of a year after it
    inherit; None for a target (``到2025年``) or a run of years."""
    if h.span is None or h.role == "base" or h.anaphoric or not any(k in h.g for k in _CARRIERS):
        return None
    if "y4e" in h.g or "y2e" in h.g or doc.norm[max(0, h.start - 1):h.start] in ("到", "至"):
        return None
    return h.span[0].year if h.span[0].year == h.span[1].year else None


def _whole_year(span: tuple[date, date]) -> bool:
    return span[0] == date(span[0].year, 1, 1) and span[1] == date(span[0].year, 12, 31)


def resolve_anaphora(hits: list[Hit], doc: TimeDoc) -> None:
    """Resolve, in text order, the expressions that follow the period or the
    year under discussion (see the module's docstring)."""
    paras = paragraph_starts(doc.norm)
    last_own: Hit | None = None
    para = -1
    carrier: tuple[int, int] | None = None       # (start, year) of the last year written
    whole: tuple[int, int] | None = None          # (paragraph index, year) of the last whole year named
    whole_before_para: int | None = None
    for h in hits:
        k = bisect.bisect_right(paras, h.start) - 1
        p = paras[k]
        if p != para:
            # Only the paragraph just before continues into this one.
            para, whole_before_para = p, whole[1] if whole is not None and whole[0] == k - 1 else None
        if _bare_year_part(h, doc):
            y = _context_year(h, doc, p, carrier, whole_before_para)
            if y is not None:
                h.span = resolve(Hit(h.rule, h.start, h.end, h.g | {"y4": str(y)}), doc)
        if h.anaphoric:
            discussed = last_own.span if last_own is not None and last_own.start >= p else None
            h.span = _anaphor(h, discussed, doc)
        elif h.role != "base" and h.span is not None and "dayrel" not in h.g:
            last_own = h
        y = _carried_year(h, doc)
        if y is not None:
            carrier = (h.start, y)
            if _whole_year(h.span):
                whole = (k, y)


def _context_year(h: Hit, doc: TimeDoc, para: int, carrier: tuple[int, int] | None,
                  whole_before: int | None) -> int | None:
    if carrier is not None and carrier[0] >= para:
        lo = doc.seg.sentence(h.start)[0]
        for _ in range(_SENTENCES_BACK):
            if lo <= para:
                break
            lo = doc.seg.sentence(lo - 1)[0]
        return carrier[1] if carrier[0] >= max(lo, para) else None
    if whole_before is not None and doc.date is not None and doc.date.year - 1 <= whole_before <= doc.date.year:
        return whole_before
    return None


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
        n = 0 if y is None else y - discussed[0].year
    else:
        n = -NUMBER_WORD.get(tok(g.get("yago", "")), 1)
    return shift_years(discussed[0], n), shift_years(discussed[1], n)
