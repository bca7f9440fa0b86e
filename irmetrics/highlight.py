"""A document as HTML with every fact marked: the shared core of the notebook view and the report.

Every fact becomes one ``<mark>`` whose ``data-fact`` attribute is its index
in its FactSet and whose text content is exactly the fact's text, so a
reader (or a test) can go from a row of the fact table to the words it was
read from.  Marks carry classes only (``k-money``, ``k-percent``, ...); the
colours live in one stylesheet (``data/highlight.css``), not in each mark.

Long documents are cut to the text around their facts; each cut is an
element of class ``gap`` that says how many characters it leaves out, so
nothing is hidden without a sign.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from importlib.resources import files
from typing import TYPE_CHECKING, Callable, Sequence

from .model import Fact, Qualifier
from .table import _num, _period_cell, _value_cell

if TYPE_CHECKING:
    from .factset import FactSet

__all__ = ["Cell", "FACT_COLUMNS", "windows", "marked_text", "fact_title", "fact_row_cells",
           "esc", "stylesheet", "CONTEXT", "period_label", "document_lang", "check_text"]

# Characters of context kept on each side of a fact when a long document is
# cut.  About two lines of Chinese or one English sentence: enough to see
# what a number is said of.
CONTEXT = 160
# Gaps shorter than this are shown rather than cut: an elision marker would
# take about as much room as the text it hides.
_MIN_GAP = 60
# Where a cut prefers to fall, so that the kept text starts and ends on a
# sentence: Chinese and English sentence ends, and line breaks.
_BOUNDARIES = frozenset("。！？；!?;\n")

_QUALIFIER_WORDS = {
    Qualifier.EXACT: "exactly", Qualifier.APPROX: "about", Qualifier.GT: "more than",
    Qualifier.GE: "at least", Qualifier.LT: "less than", Qualifier.LE: "at most",
}


def esc(s: str) -> str:
    """``s`` escaped for HTML text or a quoted attribute, carriage returns kept.

    An HTML parser turns every CR and CRLF of its input into LF, so a CR
    written as itself would not survive into the page's text; written as a
    character reference it does, and the text in the browser stays the
    document's text, offsets and all.

    >>> esc('<script>"a" & b</mark>\\r\\n')
    '&lt;script&gt;&quot;a&quot; &amp; b&lt;/mark&gt;&#13;\\n'
    """
    return escape(s, quote=True).replace("\r", "&#13;")


@lru_cache(maxsize=4)
def stylesheet(name: str) -> str:
    """The text of a stylesheet or script shipped in ``irmetrics/data``."""
    return files("irmetrics").joinpath("data", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- what to show

def windows(text: str, facts: Sequence[Fact], context: int | None) -> list[tuple[int, int]]:
    """The ranges of ``text`` to show: all of it, or the text around the facts.

    Args:
        text: the document.
        facts: its facts, in document order.
        context: characters to keep on each side of each fact (a cut moves
            to the nearest sentence end within that reach); None keeps the
            whole text.

    Returns:
        Sorted, disjoint ``(start, end)`` ranges that cover every fact.

    >>> t = "A" * 300 + "。营收 5 亿元。" + "B" * 300
    >>> windows(t, [Fact(kind="money", start=304, end=308, text="5 亿元")], 20)
    [(301, 309)]
    >>> windows(t, [], 20), windows("abc", [], None)
    ([], [(0, 3)])
    """
    n = len(text)
    if context is None:
        return [(0, n)] if n else []
    spans: list[tuple[int, int]] = []
    for f in facts:
        a = _cut_before(text, f.start, context)
        b = _cut_after(text, f.end, context)
        if spans and a <= spans[-1][1] + _MIN_GAP:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
        else:
            spans.append((a, b))
    # Nothing worth cutting at either end of the document.
    if spans and spans[0][0] <= _MIN_GAP:
        spans[0] = (0, spans[0][1])
    if spans and n - spans[-1][1] <= _MIN_GAP:
        spans[-1] = (spans[-1][0], n)
    return spans


def _cut_before(text: str, start: int, context: int) -> int:
    """Where the kept text before a fact starts: after the first sentence end in reach."""
    lo = max(0, start - context)
    for i in range(lo, start):
        if text[i] in _BOUNDARIES:
            return i + 1
    return lo


def _cut_after(text: str, end: int, context: int) -> int:
    """Where the kept text after a fact ends: after the first sentence end in reach."""
    hi = min(len(text), end + context)
    for i in range(end, hi):
        if text[i] in _BOUNDARIES:
            return i + 1
    return hi


# ---------------------------------------------------------------- marks

def marked_text(text: str, facts: Sequence[Fact], *, context: int | None = None,
                titles: bool = True) -> str:
    """The HTML of ``text`` with each fact in a ``<mark>``, cut to ``windows`` when ``context``.

    A fact inside another (a hand-made FactSet can have them) is a mark
    inside the other's mark, so each mark's text is still its fact's text.
    A fact that crosses the end of an earlier one cannot nest: its mark
    starts where the earlier fact ends and has the class ``cut`` (the
    facts ``extract`` returns never cross).

    Args:
        text: the document the facts index.
        facts: the facts, in document order; ``data-fact`` is the index here.
        context: as for :func:`windows`.
        titles: give each mark a ``title`` (the tooltip) saying what was read.

    >>> f = Fact(kind="money", start=3, end=9, text="18.6亿元", value=1.86e9, unit="CNY")
    >>> marked_text("营收为18.6亿元<b>", [f], titles=False)
    '营收为<mark class="k-money" data-fact="0">18.6亿元</mark>&lt;b&gt;'
    """
    out: list[str] = []
    shown = windows(text, facts, context)
    order = sorted(range(len(facts)), key=lambda i: (facts[i].start, -facts[i].end))
    k = 0  # the next fact (in ``order``) to open
    prev = 0
    for a, b in shown:
        if a > prev:
            out.append(_gap(a - prev))
        # Facts wholly inside this window, in order.  Every fact is inside
        # exactly one window, since windows are built around the facts.
        j = k
        while j < len(order) and facts[order[j]].start < b:
            j += 1
        _render(text, facts, order[k:j], a, b, out, titles)
        k = j
        prev = b
    if prev < len(text) and shown:
        out.append(_gap(len(text) - prev))
    elif not shown and text:
        out.append(_gap(len(text)))
    return "".join(out)


def _gap(n: int) -> str:
    return f'<span class="gap">… {n:,} characters …</span>'


def _render(text: str, facts: Sequence[Fact], idx: list[int], a: int, b: int, out: list[str],
            titles: bool) -> None:
    """Append ``text[a:b]`` with the facts ``idx`` (sorted by start, longest first) marked."""
    # A stack of open marks: (end, ...).  A fact starting inside the top one
    # and ending within it nests; one ending beyond it is cut to start at
    # that end (see marked_text).
    stack: list[int] = []
    at = a
    for i in idx:
        f = facts[i]
        start = f.start
        while stack and stack[-1] <= start:
            end = stack.pop()
            out.append(esc(text[at:end]))
            out.append("</mark>")
            at = end
        cut = False
        if stack and f.end > stack[-1]:
            # Crossing: close the open marks this fact runs past, start after them.
            while stack and f.end > stack[-1]:
                end = stack.pop()
                out.append(esc(text[at:end]))
                out.append("</mark>")
                at = end
            start = max(start, at)
            cut = True
        out.append(esc(text[at:start]))
        out.append(_open(f, i, titles, cut))
        stack.append(f.end)
        at = start
    while stack:
        end = stack.pop()
        out.append(esc(text[at:end]))
        out.append("</mark>")
        at = end
    out.append(esc(text[at:b]))


def _open(f: Fact, i: int, titles: bool, cut: bool) -> str:
    cls = f"k-{f.kind.value} cut" if cut else f"k-{f.kind.value}"
    title = f' title="{esc(fact_title(f))}"' if titles else ""
    return f'<mark class="{cls}" data-fact="{i}"{title}>'


def fact_title(f: Fact) -> str:
    """What a fact says, one item a line: the tooltip of its mark.

    >>> f = Fact(kind="count", start=0, end=6, text="300 多家", low=300.0,
    ...          qualifier=">", metric="customer_count", subject="企业客户")
    >>> print(fact_title(f))
    count: 300 多家
    bounds: 300 .. (open)
    qualifier: > (more than)
    metric: customer_count
    subject: 企业客户
    """
    lines = [f"{f.kind.value}: {' '.join(f.text.split())}"]
    if f.value is not None:
        lines.append(f"value: {_num(f.value)}{' ' + f.unit if f.unit else ''}")
    if f.low is not None or f.high is not None:
        if not (f.low == f.high == f.value):
            low = _num(f.low) if f.low is not None else "(open)"
            high = _num(f.high) if f.high is not None else "(open)"
            lines.append(f"bounds: {low} .. {high}{' ' + f.unit if f.unit and f.value is None else ''}")
    elif f.value is None and f.unit:
        lines.append(f"unit: {f.unit}")
    if f.qualifier is not Qualifier.EXACT:
        lines.append(f"qualifier: {f.qualifier.value} ({_QUALIFIER_WORDS[f.qualifier]})")
    if f.terms:
        lines.append(f"terms: {f.terms}")
    for name in ("metric", "subject"):
        v = getattr(f, name)
        if v:
            lines.append(f"{name}: {' '.join(v.split())}")
    period = _period_cell(f)
    if period:
        lines.append(f"period: {period}")
    return "\n".join(lines)


# ---------------------------------------------------------------- the fact table

def period_label(a: date, b: date) -> str:
    """A short name for the period ``a``..``b``.

    >>> from datetime import date as d
    >>> [period_label(*p) for p in [(d(2024, 1, 1), d(2024, 12, 31)),
    ...  (d(2024, 7, 1), d(2024, 9, 30)), (d(2024, 1, 1), d(2024, 6, 30)),
    ...  (d(2024, 1, 1), d(2024, 9, 30)), (d(2021, 6, 1), d(2022, 5, 31)),
    ...  (d(2024, 3, 1), d(2024, 3, 31)), (d(2024, 6, 30), d(2024, 6, 30))]]
    ['2024', '2024Q3', '2024H1', '2024-01..09', '2021-06..2022-05', '2024-03', '2024-06-30']
    """
    if a == b:
        return a.isoformat()
    whole_months = a.day == 1 and b.day == calendar.monthrange(b.year, b.month)[1]
    if not whole_months:
        return f"{a.isoformat()}..{b.isoformat()}"
    n = (b.year - a.year) * 12 + b.month - a.month + 1
    if a.year != b.year:
        return f"{a.year}-{a.month:02d}..{b.year}-{b.month:02d}"
    if n == 12:
        return str(a.year)
    if n == 6 and a.month in (1, 7):
        return f"{a.year}H{1 if a.month == 1 else 2}"
    if n == 3 and a.month in (1, 4, 7, 10):
        return f"{a.year}Q{(a.month + 2) // 3}"
    if n == 1:
        return f"{a.year}-{a.month:02d}"
    return f"{a.year}-{a.month:02d}..{b.month:02d}"


def _period_short(f: Fact) -> str:
    a, b = f.period_start, f.period_end
    if a is None and b is None:
        return ""
    if a is None or b is None:
        return _period_cell(f)
    return period_label(a, b)


@dataclass(frozen=True, slots=True)
class Cell:
    """A column of the fact table: its header, its cell text, and whether it sorts as a number."""

    name: str
    text: Callable[[Fact], str]
    numeric: bool = False


FACT_COLUMNS: tuple[Cell, ...] = (
    Cell("text", lambda f: " ".join(f.text.split())),
    Cell("kind", lambda f: f.kind.value),
    Cell("value", _value_cell, numeric=True),
    Cell("unit", lambda f: f.unit),
    Cell("q", lambda f: f.qualifier.value),
    Cell("metric", lambda f: f.metric or ""),
    Cell("subject", lambda f: " ".join((f.subject or "").split())),
    Cell("period", _period_short),
)


def fact_row_cells(f: Fact) -> str:
    """The ``<td>`` cells of one fact's row (``FACT_COLUMNS``), escaped.

    A numeric cell carries its number in ``data-v`` so it sorts as one
    (``1,860,000,000`` and ``2..3`` are text); a range sorts by its low end.
    """
    cells: list[str] = []
    for c in FACT_COLUMNS:
        t = esc(c.text(f))
        if c.numeric:
            v = f.value if f.value is not None else (f.low if f.low is not None else f.high)
            cells.append(f'<td data-v="{v!r}">{t}</td>' if v is not None else f"<td>{t}</td>")
        elif c.name == "kind":
            cells.append(f'<td><span class="k-{t}">{t}</span></td>')
        else:
            cells.append(f"<td>{t}</td>")
    return "".join(cells)


def document_lang(text: str) -> str:
    """The ``lang`` attribute of a document's text, so the browser picks fitting fonts."""
    from .extractor import detect_lang
    return "zh" if detect_lang(text) == "zh" else "en"


def check_text(facts: "FactSet", where: str) -> str:
    """The FactSet's text, or an InputError saying that it has none and how to get one."""
    from .errors import InputError

    if facts.text is None:
        raise InputError(f"{where}: FactSet(doc_id={facts.doc_id!r}) has no text to show; "
                         f"use the FactSet that irmetrics.extract returns, or "
                         f"FactSet(facts, text=document)")
    return facts.text
