"""Candidates to facts: numbers, units, qualifiers and direction.

Matching (``match.py``) only says *where* a value is and which rule saw it;
everything that gives it meaning happens here, from the rule's named groups
and a small window of context.  No pattern here looks at more than the
clause around the match, so the work per candidate is bounded.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .lexicon import Lexicon, fold
from .match import Candidate
from .model import Fact, FactKind, Qualifier
from .numerals import CN_DIGITS, parse_number, scale_of
from .segment import Segments

__all__ = ["resolve_value"]

# 两三, 三四十, 七八百: neighbouring digits (the second one more) then an optional unit
_ADJACENT = regex.compile(r"(一(?=两|二)|两(?=三)|二(?=三)|三(?=四)|四(?=五)|五(?=六)|六(?=七)|七(?=八)|八(?=九))"
                          r"([两二三四五六七八九])([十百千万亿]*)")
_BOUNDS = (Qualifier.GE, Qualifier.LE, Qualifier.GT, Qualifier.LT)
_NEGATABLE = frozenset({FactKind.PERCENT, FactKind.MONEY, FactKind.QUANTITY})
_LEFT = 24        # characters searched for a qualifier before a value
_DIR_WINDOW = 50  # characters searched for a direction word before a value
_CANCEL = regex.compile(r"(?:\bto|\bfrom|至|到|从|为)\s*\Z|[0-9]", regex.IGNORECASE)
# The earlier items of a list this value ends: "下降 3/5%" is a decrease of both
_LIST_BEFORE = regex.compile(r"(?:[-+]?[0-9][0-9,.]*%?\s?[/、]\s?)+\Z")


def _num(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_number(text)
    except (ValueError, InvalidOperation):
        return None


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def _stack(current: Qualifier, new: Qualifier) -> Qualifier:
    """Two qualifiers on one value: a bound beats an approximation."""
    if current in _BOUNDS:
        return current
    if new in _BOUNDS or current is Qualifier.EXACT:
        return new
    return current


def resolve_value(c: Candidate, seg: Segments, source: str, lex: Lexicon) -> Fact | None:
    """The fact a value-grammar candidate states, or None for a skip rule.

    ``seg`` is the document's structure (its ``text`` the normalised text);
    the direction of a change is looked for only in the value's clause.
    """
    norm = seg.text
    rule = c.rule
    kind = rule.kind
    if kind is None:
        return None
    m = c.match
    g = m.group
    start, end = m.start(), m.end()
    qualifier = Qualifier.EXACT
    value = low = high = None
    unit = ""
    terms = None

    if kind is FactKind.RATIO and g("t1"):
        t1, t2 = _num(g("t1")), _num(g("t2"))
        if t1 is None or t2 is None or t2 == 0:
            return None
        value = float(t1 / t2)
        terms = f"{_fmt(t1)}:{_fmt(t2)}"
    else:
        s2 = scale_of(g("s2")) if g("s2") else None
        s1 = scale_of(g("s1")) if g("s1") else (s2 or 1)
        vague = g("vague")
        if vague:
            lo_hi = lex.vague.get(fold(vague))
            if lo_hi is None:
                return None
            low, high = Decimal(lo_hi[0]) * s1, Decimal(lo_hi[1]) * s1
            qualifier = Qualifier.APPROX
        else:
            n1 = g("n1")
            pair = _ADJACENT.fullmatch(n1) if n1 else None
            v1 = _num(n1) if pair is None else None
            if pair is not None:
                # 两三家, 三四十名: two neighbouring digits are a vague range
                unit_scale = parse_number("一" + pair.group(3)) if pair.group(3) else Decimal(1)
                low = CN_DIGITS[pair.group(1)] * unit_scale * s1
                high = CN_DIGITS[pair.group(2)] * unit_scale * s1
                qualifier = Qualifier.APPROX
            elif v1 is None:
                if g("half") and g("unit"):
                    v1 = Decimal(1)
                else:
                    return None
        if not vague and pair is None:
            if g("half"):
                v1 += Decimal("0.5")
            v1 *= s1
            v2 = _num(g("n2"))
            if v2 is not None:
                v2 *= s2 or 1
                if g("sign2") == "-":
                    v2 = -v2
            if g("sign") == "-" or g("paren"):
                v1 = -v1
                if v2 is not None and not g("sign2"):
                    v2 = -v2
            if v2 is not None:
                low, high = (v1, v2) if v1 <= v2 else (v2, v1)
            else:
                value = v1
        if any(g(k) for k in ("m1", "m2", "m3")):
            qualifier = Qualifier.GT
        unit_surface = g("unit")
        if kind is FactKind.PERCENT:
            if unit_surface and fold(unit_surface) == "成":
                unit = "percent"
                value = value * 10 if value is not None else None
                low = low * 10 if low is not None else None
                high = high * 10 if high is not None else None
            elif unit_surface:
                unit = lex.units.get(fold(unit_surface), "percent")
            else:
                unit = "percent"
        elif kind is FactKind.MONEY:
            cur = g("cur") or g("cur2")
            unit = lex.currencies.get(fold(cur), "") if cur else ""
            per = g("per")
            if per and unit:
                unit = f"{unit}/{lex.per.get(fold(per), fold(per))}"
        elif kind in (FactKind.QUANTITY, FactKind.DURATION):
            unit = lex.units.get(fold(unit_surface or ""), "")
            if not unit:
                return None

    # qualifiers around the value
    left = lex.pre_qualifier.search(norm, max(0, start - _LEFT), start)
    if left:
        qualifier = _stack(qualifier, lex.qualifiers[fold(left.group("q"))])
        start = left.start()
    right = lex.post_qualifier.match(norm, end)
    if right:
        qualifier = _stack(qualifier, lex.qualifiers[fold(right.group("q"))])
        end = right.end()

    # direction of a change
    if kind in _NEGATABLE and not g("sign") and not g("paren"):
        negate = False
        after = lex.direction_after.match(norm, end)
        if after:
            word = fold(after.group("d"))
            if word in ("higher", "lower"):
                end = after.end()
            negate = word in lex.down_after
        else:
            cs = max(seg.clause_start(start), start - _DIR_WINDOW)
            last = lex.direction_before.search(norm, cs, start)  # the nearest: a reverse search
            if last is not None and fold(last.group("d")) in lex.down_before:
                items = _LIST_BEFORE.search(norm, last.end(), start)
                negate = not _CANCEL.search(norm, last.end(), items.start() if items else start)
        if negate:
            value = -value if value is not None else None
            low, high = (-high if high is not None else None), (-low if low is not None else None)

    if value is not None and low is None and high is None:
        if qualifier in (Qualifier.GT, Qualifier.GE):
            low = value
        elif qualifier in (Qualifier.LT, Qualifier.LE):
            high = value
        else:
            low = high = value
    return Fact(kind=kind, start=start, end=end, text=source[start:end],
                value=None if value is None else float(value),
                low=None if low is None else float(low), high=None if high is None else float(high),
                unit=unit, qualifier=qualifier, terms=terms, rule=rule.id)
