"""Small inline SVG charts: a metric's values by period, for the HTML report.

A chart is drawn for each metric that a document gives values of over two
or more periods, one chart per metric, unit and length of period: a
quarter's revenue and a year's revenue are different quantities, and
putting them on one axis would show a fall that never happened.  Each bar
is a fact (``data-fact``), so clicking it finds the words it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .highlight import esc, period_label
from .model import VALUE_KINDS, Fact

__all__ = ["Point", "Series", "period_series", "svg_chart", "compact"]

# Charts per document at most, the fullest first: a broker note can give a
# dozen metrics over three years, and a wall of charts is read by nobody.
MAX_CHARTS = 12
# The drawing, in CSS pixels.
_W, _H = 280, 132
_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 6, 8, 30


@dataclass(frozen=True, slots=True)
class Point:
    """One fact on a chart: its index in the FactSet, its period and its number (or range)."""

    fact: int
    period: tuple[date, date]
    value: float | None
    low: float | None
    high: float | None

    @property
    def top(self) -> float:
        return self.value if self.value is not None else max(self.low, self.high)  # type: ignore[type-var]

    @property
    def bottom(self) -> float:
        return self.value if self.value is not None else min(self.low, self.high)  # type: ignore[type-var]


@dataclass(frozen=True, slots=True)
class Series:
    """The values of one metric, in one unit, over periods of one length, in period order."""

    metric: str
    unit: str
    months: int  # the length of each period, rounded; 0 for values at a date
    points: tuple[Point, ...]

    @property
    def caption(self) -> str:
        span = "at dates" if self.months == 0 else f"{self.months}-month periods"
        return " · ".join(x for x in (self.metric, self.unit, span) if x)


def _months(a: date, b: date) -> int:
    return 0 if a == b else max(1, round(((b - a).days + 1) / 30.44))


def period_series(facts: Sequence[Fact]) -> list[Series]:
    """The series worth a chart: values of a metric over at least two different periods.

    A fact counts when it has a metric, both ends of a period and a value,
    or both bounds of a range; open-ended ones (``more than 300``) have no
    bar to draw.

    >>> from datetime import date as d
    >>> fs = [Fact(kind="money", start=i, end=i + 1, text="x", value=v, unit="CNY",
    ...            metric="revenue", period_start=d(y, 1, 1), period_end=d(y, 12, 31))
    ...       for i, (y, v) in enumerate([(2024, 5.0), (2023, 4.0)])]
    >>> [(s.caption, [p.fact for p in s.points]) for s in period_series(fs)]
    [('revenue · CNY · 12-month periods', [1, 0])]
    """
    groups: dict[tuple[str, str, int], list[Point]] = {}
    for i, f in enumerate(facts):
        if f.kind not in VALUE_KINDS or not f.metric or f.period_start is None or f.period_end is None:
            continue
        if f.value is None and (f.low is None or f.high is None):
            continue
        key = (f.metric, f.unit, _months(f.period_start, f.period_end))
        groups.setdefault(key, []).append(
            Point(i, (f.period_start, f.period_end), f.value, f.low, f.high))
    out = [Series(m, u, n, tuple(sorted(ps, key=lambda p: (p.period, p.fact))))
           for (m, u, n), ps in groups.items() if len({p.period for p in ps}) >= 2]
    out.sort(key=lambda s: (-len(s.points), s.metric, s.unit, s.months))
    return out[:MAX_CHARTS]


def compact(x: float) -> str:
    """A number short enough for an axis.

    >>> [compact(x) for x in (1.86e9, -2.5e6, 12_000, 23.5, 0.125, 0)]
    ['1.86B', '-2.5M', '12K', '23.5', '0.125', '0']
    """
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(x) >= size:
            return f"{x / size:.3g}{suffix}"
    return f"{x:.3g}"


def svg_chart(series: Series, facts: Sequence[Fact]) -> str:
    """A bar chart of ``series`` in a ``figure``: one bar per fact, grouped by period.

    A range (``2-3 亿元``) is a bar from its low to its high end; a value is
    a bar from zero.  Each bar's tooltip is its period and the fact's text.
    """
    pts = series.points
    lo = min(0.0, *(p.bottom for p in pts))
    hi = max(0.0, *(p.top for p in pts))
    if hi == lo:
        hi = lo + 1.0
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def y(v: float) -> float:
        return _TOP + (hi - v) / (hi - lo) * plot_h

    slot = plot_w / len(pts)
    bar = max(2.0, slot * 0.7)
    out = [f'<figure class="irm-chart"><figcaption>{esc(series.caption)}</figcaption>'
           f'<svg viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img" '
           f'aria-label="{esc(series.caption)}">',
           f'<line class="axis" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>']
    # Ticks at the top, at zero and (when there are negative values) at the bottom.
    for v in sorted({hi, 0.0, lo}, reverse=True):
        out.append(f'<text class="tick" x="{_LEFT - 4}" y="{y(v) + 3:.1f}">{esc(compact(v))}</text>')
    # One label per period, under the middle of its bars; every k-th when they would crowd.
    periods: list[tuple[tuple[date, date], int, int]] = []  # (period, first slot, last slot)
    for k, p in enumerate(pts):
        if periods and periods[-1][0] == p.period:
            periods[-1] = (p.period, periods[-1][1], k)
        else:
            periods.append((p.period, k, k))
    step = max(1, -(-len(periods) * 52 // plot_w))  # labels are about 52px wide
    for j, (period, first, last) in enumerate(periods):
        if j % step:
            continue
        cx = _LEFT + (first + last + 1) / 2 * slot
        out.append(f'<text class="period" x="{cx:.1f}" y="{_H - _BOTTOM + 14}">'
                   f"{esc(period_label(*period))}</text>")
    for k, p in enumerate(pts):
        f = facts[p.fact]
        top, bottom = (max(p.top, 0.0), min(p.bottom, 0.0)) if p.value is not None \
            else (p.top, p.bottom)
        x = _LEFT + k * slot + (slot - bar) / 2
        h = max(1.0, y(bottom) - y(top))
        tip = f"{period_label(*p.period)}: {' '.join(f.text.split())}"
        out.append(f'<rect data-fact="{p.fact}" x="{x:.1f}" y="{y(top):.1f}" width="{bar:.1f}" '
                   f'height="{h:.1f}"><title>{esc(tip)}</title></rect>')
    out.append("</svg></figure>")
    return "".join(out)
