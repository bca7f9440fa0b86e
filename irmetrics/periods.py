"""Period attachment: each value fact takes the period of the time expression
that governs it in its clause or sentence."""

from __future__ import annotations

import bisect
from typing import Sequence

from .model import TIME_KINDS, Fact
from .segment import Segments
from .timex import TimeMention

__all__ = ["attach_periods"]

# Words that may come before a time phrase that opens a clause ("截至今年三季度末，", "In 2021, ...").
_OPENERS = frozenset({"", "在", "于", "截至", "截止", "截止到", "截至到", "自", "从", "而", "但", "其中",
                      "同时", "另外", "此外", "另", "in", "for", "during", "as of", "at", "through",
                      "since", "and", "but", "by", "over", "so far in", "and in", "but in", "also in",
                      "then in", "overall in", "now", "so", "also", "and for", "and during"})


def attach_periods(seg: Segments, facts: Sequence[Fact], times: Sequence[TimeMention]) -> list[Fact]:
    """The value facts with the period of the time expression that governs them.

    The governing expression is the nearest non-base one in the fact's clause;
    failing that, the nearest time phrase before the fact that opens a clause
    of its sentence, or one in the sentence's first clause.  A comparison base
    never governs; an as-of point gives its one day.  Facts that already carry
    a period, time facts and facts with no governing expression are returned
    unchanged.
    """
    if not times or not facts:
        return list(facts)
    ms = sorted((t for t in times if t.role != "base"), key=lambda t: t.fact.start)
    starts = [t.fact.start for t in ms]
    out = []
    for f in facts:
        if f.kind in TIME_KINDS or f.period_start is not None or f.period_end is not None:
            out.append(f)
            continue
        cs, ce = seg.clause(f.start)
        best, best_key = None, None
        for t in ms[bisect.bisect_left(starts, cs):bisect.bisect_left(starts, ce)]:
            if t.fact.end > ce or (t.fact.start < f.end and t.fact.end > f.start):
                continue
            gap = f.start - t.fact.end if t.fact.end <= f.start else t.fact.start - f.end
            key = (gap, t.fact.start > f.start)  # nearest; before the fact on a tie
            if best_key is None or key < best_key:
                best, best_key = t, key
        if best is None:
            best = _opener(seg, ms, starts, seg.sentence(f.start)[0], cs)
        if best is None:
            out.append(f)
            continue
        out.append(f.with_(period_start=best.fact.period_start, period_end=best.fact.period_end))
    return out


def _opener(seg: Segments, ms: Sequence[TimeMention], starts: list[int], ss: int, cs: int) -> TimeMention | None:
    """A time phrase before clause start ``cs`` in the sentence from ``ss`` that
    opens its clause; else the last one in the sentence's first clause."""
    first_clause_end = seg.clause(ss)[1] if ss < cs else cs
    fallback = None
    for t in reversed(ms[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, cs)]):
        if t.fact.end > cs:
            continue
        clause_lo = max(seg.clause_start(t.fact.start), ss)
        lead = " ".join(seg.text[clause_lo:t.fact.start].split()).lower()
        if lead in _OPENERS:
            return t
        if fallback is None and t.fact.end <= first_clause_end:
            fallback = t
    return fallback
