"""Candidates to facts: numbers, units, qualifiers and direction.

Matching (``match.py``) only says *where* a value is and which rule saw it;
everything that gives it meaning happens here, from the rule's named groups
and a small window of context.  No pattern here looks at more than the
clause around the match (the sentence, for the script of a bare 元), so the
work per candidate is bounded.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .lexicon import Lexicon, fold
from .match import Candidate, GroupMatch
from .model import Fact, FactKind, Qualifier
from .numerals import CN_DIGITS, parse_number, scale_of
from .script import is_traditional
from .segment import Segments

__all__ = ["resolve_value"]

# 两三, 三四十, 七八百: neighbouring digits (the second one more) then an optional unit
_ADJACENT = regex.compile(r"(一(?=两|二)|两(?=三)|二(?=三)|三(?=四)|四(?=五)|五(?=六)|六(?=七)|七(?=八)|八(?=九))"
                          r"([两二三四五六七八九])([十百千万亿]*)")
_BOUNDS = (Qualifier.GE, Qualifier.LE, Qualifier.GT, Qualifier.LT)
_NEGATABLE = frozenset({FactKind.PERCENT, FactKind.MONEY, FactKind.QUANTITY, FactKind.COUNT})
_LEFT = 24        # characters searched for a qualifier before a value
_DIR_WINDOW = 50  # characters searched for a direction word before a value
_IMPROVED_REACH = 24  # how far before "improved" a word that is better lower (费用率, write-offs) may stand
_OF_REACH = 48    # characters between a bound word and 的 before a percentage (不超过总股本的 10%)
_SCRIPT_REACH = 150  # characters of its sentence either side of a bare 元 that tell the script
_CANCEL = regex.compile(r"(?:\bto|\bfrom|至|到|从|为)\s*\Z|[0-9]", regex.IGNORECASE)
# The earlier items of a list this value ends: "下降 3/5%" is a decrease of both
_LIST_BEFORE = regex.compile(r"(?:[-+]?[0-9][0-9,.]*%?\s?[/、]\s?)+\Z")
# A count is a change only right after its direction word: 减少 3 家, a net reduction of 166 stores
# (not "revenue declined at 26 properties")
_COUNT_WINDOW = 16
_COUNT_GAP = regex.compile(r"\s*(?:了|达|of|by)?\s*\Z", regex.IGNORECASE)
# 每 10 股派 3 元: the ten shares are the basis of a dividend, not a count
_PER_SHARE_BASIS = regex.compile(r"每\s*\Z")


def _num(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_number(text)
    except (ValueError, InvalidOperation):
        return None


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _stack(current: Qualifier, new: Qualifier) -> Qualifier:
    """Two qualifiers on one value: a bound beats an approximation."""
    if current in _BOUNDS:
        return current
    if new in _BOUNDS or current is Qualifier.EXACT:
        return new
    return current


def _currency(g: GroupMatch, seg: Segments, source: str, lex: Lexicon, start: int, end: int) -> str:
    """The ISO code of the value's currency; a bare 元 takes its sentence's script."""
    cur = g("cur") or g("cur2")
    if not cur:
        return ""
    key = fold(cur)
    if key not in lex.yuan_keys:
        # (a sign written with a space inside: hk $ 10 is HK$)
        return lex.currencies.get(key) or lex.currencies.get("".join(key.split()), "")
    s, e = seg.sentence(start)
    # (a sentence can be a whole document with no full stop: look at its part near the value)
    s, e = max(s, start - _SCRIPT_REACH), min(e, end + _SCRIPT_REACH)
    if not is_traditional(source, start, end, s, e):
        return lex.yuan.simplified
    named = lex.named_yuan.search(seg.text, s, start)   # REVERSE: the nearest one before
    return lex.currencies.get(fold(named.group()), lex.yuan.traditional) if named else lex.yuan.traditional


def _minor(g: GroupMatch, lex: Lexicon, unit: str, whole: Decimal | None) -> tuple[str, Decimal | None]:
    """An amount with a smaller unit: 45 cents (0.45 USD), 3 dollars 50 cents (3.50),
    50元6角3分 (50.63); a bare number after the main unit is hundredths (17 USD 25)."""
    minor, n2m = g("minor"), g("n2m")
    code, worth = lex.minor.get(fold(minor), (unit, Decimal("0.01"))) if minor else (unit, Decimal("0.01"))
    if n2m is None:             # 45 cents: the smaller unit alone
        return code, None if whole is None else whole * worth
    part = _num(n2m)
    if whole is None or part is None:
        return unit, None
    value = whole + part * worth
    n3m = g("n3m")
    if n3m:
        third = _num(n3m)
        value = value + third * lex.minor.get(fold(g("minor2")), (unit, Decimal("0.01")))[1] if third else value
    return unit or code, value


def _unit(kind: FactKind, g: GroupMatch, lex: Lexicon, value: Decimal | None) -> tuple[str, Decimal] | None:
    """The unit string of a percentage, quantity or duration and the factor that
    converts the number into it; None when the unit is unknown."""
    surface = g("unit")
    if kind is FactKind.PERCENT:
        if surface in ("成", "折"):
            # 三成 = 30%; 八折 = 80% but 75折 = 75% (two digits are already a percentage)
            return "percent", Decimal(10) if surface == "成" or value is None or value < 10 else Decimal(1)
        if g("pm"):   # 千分之五: five parts of a thousand
            return "percent", Decimal(100) / scale_of(g("pm"))
        # (a unit written with spaces inside: 六 个 百 分点)
        unit = (lex.units.get(fold(surface)) or lex.units.get("".join(surface.split()))) if surface else None
        return unit or "percent", Decimal(1)
    key = fold(surface or "")
    unit = lex.units.get(key, "")
    if not unit:
        return None
    per = g("per")
    if per:
        unit = f"{unit}/{lex.per.get(fold(per), fold(per))}"
    return unit, lex.factors.get(key, Decimal(1))


def _numbers(g: GroupMatch, lex: Lexicon) -> tuple[Decimal | None, Decimal | None, Decimal | None,
                                                    Qualifier, bool] | None:
    """``value, low, high, qualifier`` the numerals state, before units and
    direction, and whether a sign or bracket was written (it fixes the direction)."""
    w1, w2 = g("s1"), g("s2")
    s2 = scale_of(w2) if w2 else None
    s1 = scale_of(w1) if w1 else (s2 or 1)
    n1 = g("n1")
    if not n1:   # (the named groups below are alternatives to n1: look only when it is absent)
        vague = g("vague")
        if vague:
            lo_hi = lex.vague.get(fold(vague))
            if lo_hi is None:
                return None
            return None, Decimal(lo_hi[0]) * s1, Decimal(lo_hi[1]) * s1, Qualifier.APPROX, False
        if g("shang"):   # 上千家: at least a thousand
            return (Decimal(s1), Decimal(s1), None, Qualifier.GE, False) if w1 else None
        if g("ji"):      # 万人级: about ten thousand
            return Decimal(s1), None, None, Qualifier.APPROX, False
    pair = _ADJACENT.fullmatch(n1) if n1 else None
    if pair is not None:
        # 两三家, 三四十名: two neighbouring digits are a vague range
        unit_scale = parse_number("一" + pair.group(3)) if pair.group(3) else Decimal(1)
        return (None, CN_DIGITS[pair.group(1)] * unit_scale * s1, CN_DIGITS[pair.group(2)] * unit_scale * s1,
                Qualifier.APPROX, False)
    v1 = _num(n1)
    half = g("half")
    if v1 is None:
        if not (half and g("unit")):
            return None
        v1 = Decimal(1)
    if half:
        v1 += Decimal("0.5")
    v1 *= s1
    n2 = g("n2")
    v2 = _num(n2) if n2 else None
    sign2 = g("sign2") if n2 else None
    if v2 is not None:
        v2 *= s2 or 1
        if sign2 == "-":
            v2 = -v2
    sign, paren = g("sign"), g("paren")
    if (sign and sign[0] in "-负") or paren:
        v1 = -v1
        # an accounting bracket covers the whole amount; a minus sign only its
        # number: -1.8-21.6% runs from -1.8% to 21.6% (ranges run low to high)
        if v2 is not None and paren and not sign2:
            v2 = -v2
    signed = bool(sign or paren)
    if v2 is not None:
        return (None, *((v1, v2) if v1 <= v2 else (v2, v1)), Qualifier.EXACT, signed)
    if sign and sign in lex.either_signs:   # ±2%: anywhere from -2% to 2%
        return None, -v1, v1, Qualifier.EXACT, signed
    return v1, None, None, Qualifier.EXACT, signed


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
    signed = False

    if kind is FactKind.RATIO and g("t1"):
        t1, t2 = _num(g("t1")), _num(g("t2"))
        if t1 is None or t2 is None or t2 == 0:
            return None
        value = float(t1 / t2)
        terms = f"{_fmt(t1)}:{_fmt(t2)}"
    else:
        nums = _numbers(g, lex)
        if nums is None:
            return None
        value, low, high, qualifier, signed = nums
        mw = g("mw")
        if mw and mw == "股" and _PER_SHARE_BASIS.search(norm, max(0, start - 3), start):
            return None
        if g("m1") or g("m2") or g("m3"):
            qualifier = Qualifier.GT
        if kind is FactKind.MONEY:
            unit = _currency(g, seg, source, lex, start, end)
            minor = g("minor")
            if minor is not None or g("n2m"):
                unit, value = _minor(g, lex, unit, value)
                if value is None:
                    return None
            per = g("per")
            if per and unit:
                unit = f"{unit}/{lex.per.get(fold(per), fold(per))}"
        elif kind in (FactKind.PERCENT, FactKind.QUANTITY, FactKind.DURATION):
            u = _unit(kind, g, lex, value)
            if u is None:
                return None
            unit, factor = u
            if factor != 1:
                value, low, high = (None if x is None else x * factor for x in (value, low, high))

    # qualifiers around the value
    left = lex.pre_qualifier.search(norm, max(0, start - _LEFT), start)
    if left:
        qualifier = _stack(qualifier, lex.qualifiers[fold(left.group("q"))])
        start = left.start()
    right = lex.post_qualifier.match(norm, end)
    if right:
        qualifier = _stack(qualifier, lex.qualifiers[fold(right.group("q"))])
        end = right.end()
    if (qualifier is Qualifier.EXACT and kind is FactKind.PERCENT and value is not None
            and norm[max(0, start - 2):start].rstrip().endswith("的")):
        # 不低于定价基准日均价的 80%: the bound is said of the whole the value is a part of
        whole = lex.bound_of.search(norm, max(seg.clause_start(start), start - _OF_REACH), start)
        if whole:
            qualifier = lex.qualifiers[fold(whole.group("q"))]

    if kind in _NEGATABLE and not signed:
        value, low, high, end = _direction(kind, norm, seg, lex, start, end, value, low, high)

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


def _direction(kind: FactKind, norm: str, seg: Segments, lex: Lexicon, start: int, end: int,
               value: Decimal | None, low: Decimal | None, high: Decimal | None):
    """``value, low, high`` with the direction of the change they state applied:
    negated for a decrease, widened to ``-x..x`` for an either-or (增加或减少 1%);
    and the end of the span, which takes in a comparative after it (6% higher)."""
    negate = either = False
    after = lex.direction_after.match(norm, end)
    if after:
        word = fold(after.group("d"))
        if word in ("higher", "lower"):
            end = after.end()
        # 4.4% below expectations: a shortfall against a forecast, no decrease
        negate = word in lex.down_after and not lex.not_change_after.match(norm, after.end())
    else:
        # a count changes only right after its word (no clause mark can stand between)
        cs = start - _COUNT_WINDOW if kind is FactKind.COUNT else seg.clause_start(start)
        last = lex.direction_before.search(norm, max(0, cs, start - _DIR_WINDOW), start)  # nearest first
        if last is not None:
            word = fold(last.group("d"))
            if kind is FactKind.COUNT and not _COUNT_GAP.match(norm, last.end(), start):
                return value, low, high, end
            items = _LIST_BEFORE.search(norm, last.end(), start)
            live = not _CANCEL.search(norm, last.end(), items.start() if items else start)
            negate = live and (word in lex.down_before or (
                word in lex.improve_before
                and lex.lower_is_better.search(norm, max(cs, last.start() - _IMPROVED_REACH), last.start()) is not None))
            either = live and word in lex.either_before and kind is not FactKind.COUNT
    if either and value is not None:
        return None, -abs(value), abs(value), end
    if negate:
        return (-value if value is not None else None,
                -high if high is not None else None, -low if low is not None else None, end)
    return value, low, high, end
