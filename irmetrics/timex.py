"""Time expressions found in a document and resolved to dates.

The ``time`` rule pack (``irmetrics/packs/time.toml``) says where an expression
is and names its parts in regex groups (``y4``, ``q``, ``yrel``, ``part``...; the
vocabulary is listed at the top of the pack).  :func:`find_times` runs the
stages in order:

* :mod:`irmetrics.timescan` finds the expressions, each sentence with the
  rules of its language;
* :mod:`irmetrics.timerole` gives each its role (own period, comparison base,
  as-of point) and finds the period a results call or report is about;
* :mod:`irmetrics.timeresolve` turns one expression's groups into dates:
  absolute parts on their own (``2024年三季度`` -> 2024-07-01..2024-09-30),
  relative words against the document date (``去年``, ``last quarter``),
  ``the quarter`` / ``本季度`` / ``报告期末`` against the reported period, and
  fiscal periods through the caller's ``fiscal_year_end`` or a fiscal year
  the text defines (``截至2024年3月31日止年度``); where the document shows
  that its company's year does not end in December and nothing says when it
  does, quarters, halves and relative years stay unresolved rather than
  guessed;
* :mod:`irmetrics.timeanaphora` resolves the words that follow the period
  under discussion (``去年同期``, ``the year-ago quarter``, ``当期``).

Everything is computed per call; the only cache is the compiled scanner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .docdate import detect_document_date, stated_date
from .model import Fact, FactKind
from .segment import Segments
from .timecal import fiscal_year_bounds, half_bounds, quarter_bounds, shift_quarter, tok
from .timeanaphora import resolve_anaphora
from .timerole import Hit, find_reported, is_guided, role_of
from .timeresolve import TimeDoc, resolve
from .timescan import scan_times

__all__ = ["TimeMention", "find_times", "detect_document_date", "fiscal_year_bounds",
           "quarter_bounds", "half_bounds", "shift_quarter"]


# How far around 'the quarter' an outlook verb may stand in its sentence.
_GUIDE_REACH = 240


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

def _plausible_year(h: Hit, doc: TimeDoc) -> bool:
    """``19年`` alone is a year only near the document date (else a count of
    years); an apostrophe ('95) marks a year whatever its distance.  A run
    of two-digit years (``20-22年``) must also reach into the last five
    years, since ``10-15年`` in a recent text is a length of time."""
    if not set(h.g) <= {"y2", "y2e"} or h.rule.kind is not FactKind.PERIOD or "zh" not in h.rule.langs:
        return True
    if h.span is None:
        return False
    y, last = h.span[0].year, h.span[1].year
    if doc.date is None:
        return 2000 <= y <= 2035
    ref = doc.date.year
    if "y2e" in h.g:
        return ref - 10 <= y <= ref + 5 and last >= ref - 5
    return ref - 15 <= y <= ref + 5


def find_times(seg: Segments, source: str, *, doc_date: date | None,
               fiscal_year_end: tuple[int, int] | None = None) -> list[TimeMention]:
    """Every time expression in a document, resolved, sorted and non-overlapping.

    ``seg`` is the structure of ``normalize(source).text`` (same length as
    ``source``); spans and ``text`` are on ``source``.  ``doc_date`` anchors
    relative words; when None, the date the document states
    (:func:`detect_document_date`) is used, and failing that relative
    expressions stay unresolved.  ``fiscal_year_end`` is ``(month, day)`` of
    the last day of the company's fiscal year.
    """
    norm = seg.text
    if len(norm) != len(source):
        raise ValueError(f"find_times: normalised text has {len(norm)} characters, source {len(source)}")
    if doc_date is None:
        doc_date = stated_date(norm[:3000], norm[-400:])
    hits: list[Hit] = []
    for rule, m in scan_times(seg):
        if rule.kind is None:  # a skip rule: the phrase is no time expression
            continue
        g = {k: v for k, v in m.groupdict().items() if v is not None and not k.startswith("_") and k != "sep"}
        hits.append(Hit(rule, m.start(), m.end(), g))
    if not hits:
        return []
    lang = seg.lang if seg.lang in ("zh", "en") else "zh"
    fye = fiscal_year_end
    if fye is None:
        for h in hits:  # a fiscal year the text defines by its last day
            if "fyend" in h.g:
                fye = (int(h.g["m"]), int(h.g["d"]))
                break
    if fye == (12, 31):
        fye = None
    for h in hits:
        h.role = role_of(norm, h, lang)
        if (("cy" in h.g and not {"y4", "y2", "yrel"} & h.g.keys()) or tok(h.g.get("qrel", "")) == "the") \
                and seg.lang_at(h.start) == "en":
            lo, hi = seg.sentence(h.start)
            lo, hi = max(lo, h.start - _GUIDE_REACH), min(hi, h.end + _GUIDE_REACH)  # a bounded look
            c0, c1 = seg.clause(h.start)
            h.guided = is_guided(norm[lo:hi], h.start - lo, (max(c0, lo) - lo, min(c1, hi) - lo))
    reported, unknown = find_reported(norm, hits, lang, doc_date, fye)
    doc = TimeDoc(seg, norm, lang, doc_date, fye, unknown, reported)
    for h in hits:
        g = h.g
        # 上年 after a period is the year before it (a Chinese rule's yrel)
        h.anaphoric = "yago" in g or "same" in g or g.get("yrel") in ("上", "上一")
        try:
            h.span = resolve(h, doc) if not ("yago" in g or "same" in g) else None
        except (ValueError, OverflowError):
            h.span = None
    resolve_anaphora(hits, doc)
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
