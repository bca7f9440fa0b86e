"""Lists: values joined by ``/``, ``、`` (or a bare comma) written in order.

Broker notes write several values with one unit: ``21.4/25.0/27.9/30.2 亿元``,
``-0.1/+0.8/-6.4pct``, ``分别为 -12.5、3.8、15.1 亿元``, ``19/20年``.  Only the last
item is a fact to the value grammar; :func:`complete_lists` makes every
other item a fact of the same kind, unit and scale (each with its own number
and sign), and :func:`find_lists` gives later stages each list's facts in
order, so that attachment can hand a list of metrics or periods to the
values one by one.

An item is a fact or a bare numeral; a separator joins two items when only
spaces stand between them.  A separator inside a fact (``元/吨``,
``2018/9/30``) joins nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

from .model import Fact, FactKind, Qualifier
from .segment import Segments

__all__ = ["ValueList", "complete_lists", "find_lists"]

_NUMERAL = re.compile(r"[-+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_BARE_BEFORE = re.compile(r"(?<![0-9.])[-+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?\Z")
_BARE_AFTER = re.compile(r"[-+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9.%]|,[0-9]{3})")
# What joins two items of a list: a separator, maybe after the change word of
# the item before it (-8.1%QoQ/+2.3%YoY)
_JOIN = re.compile(r"(?:(?i:yoy|qoq|mom))? ?[/、,] ?")
# (each pattern starts with a literal, so the engine skips to the candidates at once)
_NUMERAL_SEPARATOR = re.compile(r"[/、](?:(?<=[0-9%][/、])|(?<=[0-9%] [/、])|(?= ?[-+]?[0-9]))")
# A comma joins two numerals only when it is no thousands separator: 110.34,3.06
_DECIMAL_COMMA = re.compile(r"\.[0-9]+,(?=[0-9]+\.[0-9])")


@dataclass(frozen=True, slots=True)
class ValueList:
    """The facts of one list, in text order (at least two)."""

    facts: tuple[Fact, ...]

    @property
    def start(self) -> int:
        return self.facts[0].start

    @property
    def end(self) -> int:
        return self.facts[-1].end

    def groups(self, norm: str) -> list[list[Fact]]:
        """The values grouped: by 、 when the list also holds / (``12 亿元/-18%、7 亿元/+4%``
        is two groups of a level and its change), else one value a group."""
        facts = self.facts
        seps = [norm[a.end:b.start].strip()[-1:] for a, b in zip(facts, facts[1:])]
        if "/" not in seps or not ("、" in seps or "," in seps):
            return [[f] for f in facts]
        groups, current = [], [facts[0]]
        for sep, f in zip(seps, facts[1:]):
            if sep == "/":
                current.append(f)
            else:
                groups.append(current)
                current = [f]
        groups.append(current)
        return groups


def _separators(text: str) -> list[int]:
    """Separators with a numeral on one side: only they can join a bare numeral
    (基建、设计 or 元/吨 join none)."""
    seps = [m.start() for m in _NUMERAL_SEPARATOR.finditer(text)]
    commas = [m.end() - 1 for m in _DECIMAL_COMMA.finditer(text)] if "," in text else []
    return sorted(seps + commas) if commas else seps


def _covering(starts: list[int], facts: Sequence[Fact], pos: int) -> Fact | None:
    """The fact whose span holds ``pos``, if any."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and facts[i].start <= pos < facts[i].end:
        return facts[i]
    return None


def _number(text: str) -> Decimal | None:
    m = _NUMERAL.search(text)
    if m is None:
        return None
    try:
        return Decimal(m.group().replace(",", ""))
    except InvalidOperation:
        return None


_Item = tuple  # a Fact, or (start, end, Decimal) for a bare numeral


def _item_before(text: str, p: int, ordered: Sequence[Fact], starts: list[int]) -> _Item | None:
    q = p - 1 if p and text[p - 1] == " " else p
    f = _covering(starts, ordered, q - 1)
    if f is not None:
        return f if f.end == q else None
    m = _BARE_BEFORE.search(text, max(0, q - 24), q)
    return None if m is None else (m.start(), m.end(), Decimal(m.group().replace(",", "")))


def _item_after(text: str, p: int, ordered: Sequence[Fact], starts: list[int]) -> _Item | None:
    q = p + 2 if text.startswith(" ", p + 1) else p + 1
    f = _covering(starts, ordered, q)
    if f is not None:
        return f if f.start == q else None
    m = _BARE_AFTER.match(text, q)
    return None if m is None else (m.start(), m.end(), Decimal(m.group().replace(",", "")))


def complete_lists(seg: Segments, source: str, facts: Sequence[Fact]) -> list[Fact]:
    """New facts for the bare numerals of lists whose last item is a fact.

    ``facts`` are the value and time facts found so far (any order);
    ``seg.text`` is the normalised text, ``source`` the caller's.  A bare
    numeral takes the kind, unit and scale of the fact that ends its list
    (``27.9`` before ``30.2 亿元`` is 2,790,000,000 CNY; ``19`` before ``20年``
    the year 2019); a list whose last item is a range, a vague numeral or a
    ratio of two terms gives nothing.
    """
    text = seg.text
    if not facts:
        return []
    ordered = sorted(facts, key=lambda f: f.start)
    starts = [f.start for f in ordered]
    out: list[Fact] = []
    chain: list[_Item] = []
    for p in _separators(text):
        if _covering(starts, ordered, p) is not None:
            continue   # 元/吨, 2018/9/30: inside a fact
        left = _item_before(text, p, ordered, starts)
        right = None if left is None else _item_after(text, p, ordered, starts)
        if right is None:
            chain = []
            continue
        if not chain or chain[-1] != left:
            chain = [left]
        chain.append(right)
        if isinstance(right, Fact):
            bare = [i for i in chain if not isinstance(i, Fact)]
            if bare:
                out.extend(_like(right, bare, source))
            chain = [right]
    return out


def _like(template: Fact, items: list[tuple[int, int, Decimal]], source: str) -> list[Fact]:
    """Facts for bare numerals that share ``template``'s kind, unit and scale."""
    if template.kind in (FactKind.DATE, FactKind.PERIOD):
        return _years_like(template, items, source)
    if template.value is None or template.terms is not None or template.qualifier is not Qualifier.EXACT:
        return []
    stated = _number(template.text)
    if stated is None or (stated == 0 and template.kind not in (FactKind.PERCENT, FactKind.RATIO)):
        return []
    # the scale word, and -1 where a direction word made the last item a decrease
    # ("下降 3/5%"); a numeral with its own sign keeps it.  A percentage has no
    # scale word, so "+0pct" still says what its list is.
    scale = Decimal(repr(template.value)) / stated if stated else Decimal(1)
    out = []
    for s, e, n in items:
        v = n * (scale.copy_abs() if source[s] in "+-" else scale)
        out.append(Fact(kind=template.kind, start=s, end=e, text=source[s:e], value=float(v),
                        low=float(v), high=float(v), unit=template.unit, rule=template.rule))
    return out


def _years_like(template: Fact, items: list[tuple[int, int, Decimal]], source: str) -> list[Fact]:
    """``19/20年``: bare years before a year."""
    ps, pe = template.period_start, template.period_end
    if ps is None or pe is None or ps.year != pe.year or (ps.month, ps.day, pe.month, pe.day) != (1, 1, 12, 31):
        return []
    out = []
    for s, e, n in items:
        if n != n.to_integral_value() or n < 0 or len(source[s:e]) not in (2, 4):
            continue
        y = int(n) + (ps.year - ps.year % 100 if len(source[s:e]) == 2 else 0)
        if abs(y - ps.year) > 10:
            continue
        out.append(Fact(kind=FactKind.PERIOD, start=s, end=e, text=source[s:e],
                        period_start=ps.replace(year=y), period_end=pe.replace(year=y), rule=template.rule))
    return out


def find_lists(seg: Segments, facts: Sequence[Fact]) -> list[ValueList]:
    """The lists ``facts`` form: facts joined by a separator (and at most a
    space on either side), in order.  Call it with value facts or with time
    facts: a list never mixes the two."""
    text = seg.text
    ordered = sorted(facts, key=lambda f: f.start)
    lists: list[ValueList] = []
    run: list[Fact] = []
    for a, b in zip(ordered, ordered[1:]):
        if _JOIN.fullmatch(text, a.end, b.start):
            run = run or [a]
            run.append(b)
        elif run:
            lists.append(ValueList(tuple(run)))
            run = []
    if run:
        lists.append(ValueList(tuple(run)))
    return lists
