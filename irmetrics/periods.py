"""Period attachment: each value fact takes the period of the time expression
that governs it in its clause or sentence."""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Sequence

from .lists import ValueList, find_lists
from .model import TIME_KINDS, Fact
from .segment import Segments
from .timex import TimeMention

__all__ = ["attach_periods"]

_RESPECTIVELY = re.compile(r"分别|respectively", re.IGNORECASE)

# Words that may come before a time phrase that opens a clause ("截至今年三季度末，", "In 2021, ...").
_OPENERS = frozenset({"", "在", "于", "截至", "截止", "截止到", "截至到", "自", "从", "而", "但", "其中",
                      "同时", "另外", "此外", "另", "in", "for", "during", "as of", "at", "through",
                      "since", "and", "but", "by", "over", "so far in", "and in", "but in", "also in",
                      "then in", "overall in", "now", "so", "also", "and for", "and during",
                      # a target: 到2030年，销量达到 500 万辆
                      "到", "至", "预计到", "计划到", "力争到", "争取到", "预计至", "目标是到", "by the end of"})


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
    listed = _distributed(seg, facts, ms, starts)
    value_starts = sorted(f.start for f in facts if f.kind not in TIME_KINDS)
    out = []
    for f in facts:
        if f.kind in TIME_KINDS or f.period_start is not None or f.period_end is not None:
            out.append(f)
            continue
        if id(f) in listed:
            ps, pe = listed[id(f)]
            out.append(f.with_(period_start=ps, period_end=pe))
            continue
        cs, ce = seg.clause(f.start)
        host = _host(seg, f, out)
        if host is not None and host.period_start is not None \
                and bisect.bisect_left(starts, seg.bracket(f.start)[0]) == bisect.bisect_left(starts, f.start):
            # an aside after a value (营收 61 亿元（+16.5%）) is about the value's period
            # unless it names its own
            out.append(f.with_(period_start=host.period_start, period_end=host.period_end))
            continue
        best, best_key = None, None
        for t in ms[bisect.bisect_left(starts, cs):bisect.bisect_left(starts, ce)]:
            if t.fact.end > ce or (t.fact.start < f.end and t.fact.end > f.start):
                continue
            if t.fact.start > f.end and bisect.bisect_left(value_starts, t.fact.start) \
                    > bisect.bisect_right(value_starts, f.start):
                continue   # "$481 million compared to $433 million for Q1 2020": the later value's period
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


def _host(seg: Segments, f: Fact, done: list[Fact]) -> Fact | None:
    """The value right before the bracket that holds ``f``, if any."""
    b = seg.bracket(f.start)
    if b is None:
        return None
    for g in reversed(done):
        if g.end <= b[0]:
            return g if g.kind not in TIME_KINDS and not seg.text[g.end:b[0]].strip() else None
    return None


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


def _distributed(seg: Segments, facts: Sequence[Fact], ms: Sequence[TimeMention],
                 starts: list[int]) -> dict[int, tuple[date, date]]:
    """Periods handed out in order: ``Q1/Q2/Q3/Q4 分别实现营收 21.4/25.0/27.9/30.2 亿元``
    and ``2021-2023 年 PE 分别为 30/25/21 倍`` give each group of a list of values
    the period in the same place of a list of periods (or the year in the same
    place of a run of years) that stands before it in its sentence."""
    values = [f for f in facts if f.kind not in TIME_KINDS]
    lists = find_lists(seg, values)
    if not lists:
        return {}
    period_lists = find_lists(seg, [t.fact for t in ms])
    out: dict[int, tuple[date, date]] = {}
    for vl in lists:
        groups = vl.groups(seg.text)
        n = len(groups)
        ss = seg.sentence(vl.start)[0]
        slots = _period_slots(seg, period_lists, ms, starts, ss, vl, n)
        if slots is None:
            continue
        for group, span in zip(groups, slots):
            for f in group:
                out[id(f)] = span
    return out


def _period_slots(seg: Segments, period_lists: Sequence[ValueList], ms: Sequence[TimeMention],
                  starts: list[int], ss: int, vl: ValueList, n: int) -> list[tuple[date, date]] | None:
    """The nearest list of ``n`` periods, or run of ``n`` whole years, before ``vl`` in its sentence."""
    best: tuple[int, list[tuple[date, date]]] | None = None
    for pl in period_lists:
        if ss <= pl.start and pl.end <= vl.start and len(pl.facts) == n:
            spans = [(f.period_start, f.period_end) for f in pl.facts]
            if all(a is not None and b is not None for a, b in spans):
                best = (pl.end, spans)
    for t in ms[bisect.bisect_left(starts, ss):bisect.bisect_left(starts, vl.start)]:
        years = _whole_years(t.fact)
        if years is not None and len(years) == n and t.fact.end <= vl.start and (best is None or t.fact.end > best[0]):
            best = (t.fact.end, years)
    if best is None:
        return None
    end, spans = best
    # periods in an earlier clause go with the list only when the list is long
    # or the sentence says the values go in order
    if seg.clause_start(vl.start) > end and n < 3 and not _RESPECTIVELY.search(seg.text, ss, vl.end):
        return None
    return spans


def _whole_years(f: Fact) -> list[tuple[date, date]] | None:
    """The calendar years a period of whole years covers (2021-2023年: three), else None."""
    s, e = f.period_start, f.period_end
    if s is None or e is None or (s.month, s.day, e.month, e.day) != (1, 1, 12, 31) or e.year == s.year:
        return None
    return [(date(y, 1, 1), date(y, 12, 31)) for y in range(s.year, e.year + 1)]
