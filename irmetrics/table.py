"""The aligned, human-readable table of ``irmetrics extract`` (wide characters count double)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from .factset import FactSet

__all__ = ["display_width", "render_table"]


def display_width(s: str) -> int:
    """Terminal columns ``s`` takes: wide (CJK) characters count two, combining marks none.

    >>> display_width("abc"), display_width("营收80%"), display_width("ｅ\u0301")
    (3, 7, 2)
    """
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def _fit(s: str, width: int, align: str = "<") -> str:
    """``s`` cut (with an ellipsis) and padded to exactly ``width`` columns."""
    if display_width(s) > width:
        out, w = [], 0
        for ch in s:
            cw = display_width(ch)
            if w + cw > width - 1:
                break
            out.append(ch)
            w += cw
        s = "".join(out) + "…"
    pad = " " * (width - display_width(s))
    return pad + s if align == ">" else s + pad


def _num(x: float | None) -> str:
    if x is None:
        return ""
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    s = f"{x:,.4f}".rstrip("0").rstrip(".")
    return s if s not in ("0", "-0") else f"{x:.3g}"


def _value_cell(f: Any) -> str:
    if f.value is not None:
        return _num(f.value)
    if f.low is None and f.high is None:
        return ""
    return f"{_num(f.low)}..{_num(f.high)}"


def _period_cell(f: Any) -> str:
    a, b = f.period_start, f.period_end
    if a is None and b is None:
        return ""
    if a == b:
        return a.isoformat()
    return f"{a.isoformat() if a else ''}..{b.isoformat() if b else ''}"


def _oneline(s: str | None) -> str:
    if not s:
        return ""
    return " ".join(s.split())


# (header, cell, maximum width, alignment)
_TABLE_COLUMNS: tuple[tuple[str, Callable[[Any], str], int, str], ...] = (
    ("start", lambda f: str(f.start), 8, ">"),
    ("end", lambda f: str(f.end), 8, ">"),
    ("text", lambda f: _oneline(f.text), 30, "<"),
    ("kind", lambda f: f.kind.value, 8, "<"),
    ("value", _value_cell, 26, ">"),
    ("unit", lambda f: f.unit, 16, "<"),
    ("q", lambda f: f.qualifier.value, 2, "<"),
    ("terms", lambda f: f.terms or "", 10, "<"),
    ("metric", lambda f: f.metric or "", 22, "<"),
    ("subject", lambda f: _oneline(f.subject), 18, "<"),
    ("period", _period_cell, 22, "<"),
    ("rule", lambda f: f.rule, 28, "<"),
)


def render_table(factsets: Sequence["FactSet"], *, show_doc: bool = True) -> str:
    """An aligned, human-readable table of facts (wide characters count double).

    Columns that are empty for every fact are left out; long cells end in ``…``.

    >>> from irmetrics import Fact, FactSet
    >>> f = Fact(kind="money", start=2, end=9, text="18.6 亿元", value=1.86e9, unit="CNY",
    ...          metric="revenue", rule="values.money_suffix")
    >>> print(render_table([FactSet([f])], show_doc=False), end="")
    start  end  text       kind           value  unit  q  metric   rule
    -----  ---  ---------  -----  -------------  ----  -  -------  -------------------
        2    9  18.6 亿元  money  1,860,000,000  CNY   =  revenue  values.money_suffix
    1 fact
    """
    columns = list(_TABLE_COLUMNS)
    if show_doc:
        columns.insert(0, ("doc_id", lambda f: "", 24, "<"))
    rows: list[list[str]] = []
    for fs in factsets:
        for f in fs:
            cells = [cell(f) for _, cell, _, _ in columns]
            if show_doc:
                cells[0] = fs.doc_id or ""
            rows.append(cells)
    n = len(rows)
    if not n:
        return "no facts\n"
    keep = [i for i, (name, _, _, _) in enumerate(columns)
            if name in ("start", "end", "text", "kind") or any(r[i] for r in rows)]
    widths = {i: min(columns[i][2], max(display_width(columns[i][0]),
                                        *(display_width(r[i]) for r in rows)))
              for i in keep}

    def line(cells: list[str], aligns: list[str]) -> str:
        return "  ".join(_fit(cells[i], widths[i], aligns[i]) for i in keep).rstrip() + "\n"

    aligns = [a for _, _, _, a in columns]
    out = [line([c[0] for c in columns], aligns),
           line(["-" * widths.get(i, 0) for i in range(len(columns))], ["<"] * len(columns))]
    out.extend(line(r, aligns) for r in rows)
    docs = len(factsets)
    out.append(f"{n} fact{'s' if n != 1 else ''}" + (f" in {docs} documents" if docs > 1 else "") + "\n")
    return "".join(out)
