"""Frozen look-ups built from ``data/lexicon.toml`` and ``data/currencies.toml``:
qualifiers, units, currencies, measure words, vague numerals, direction words
and names that hold a numeral.

The same tables are grammar: :mod:`irmetrics.vocab` builds the value pack's
unit, currency, measure-word and name sub-patterns from a :class:`Lexicon`,
so a surface added to the data is both matched and resolved.  A caller can
extend the built-in data with files of the same shape
(:func:`load_lexicon`, ``Extractor(lexicon=...)``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import regex

from .errors import PackError
from .model import Qualifier

__all__ = ["Lexicon", "Surface", "Currency", "Yuan", "lexicon", "load_lexicon", "check_units", "fold"]

_WS = regex.compile(r"\s+")
# Words that sit between a qualifier and its number: 大约为, 约在, 达到
_LINK_ZH = "(?:为|是|在|有|达到|达|至|占)?"
_UNIT_TABLES = ("percent_units", "quantity_units", "duration_units", "per_units")
_TOP_KEYS = frozenset({"qualifiers", *_UNIT_TABLES, "measure_words", "yuan", "vague", "direction", "names",
                       "currencies"})
_CURRENCY_KEYS = frozenset({"codes", "upper_only", "symbols", "symbols_after", "zh", "en", "minor"})
_SURFACE_KEYS = frozenset({"unit", "not", "case", "factor"})
_BOUND_QUALIFIERS = frozenset({Qualifier.GT, Qualifier.GE, Qualifier.LT, Qualifier.LE})


def fold(surface: str) -> str:
    """The lexicon key of a surface: lower-cased, white space folded.

    >>> fold("Basis   Points")
    'basis points'
    """
    return _WS.sub(" ", surface.strip().lower())


def _alternation(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Surface:
    """One written form of a unit or measure word.

    ``unit`` is a pint unit string (empty for a measure word); ``not_`` the
    words that begin with the surface but are no use of it (吨位 for 吨);
    ``case`` whether the letters' case must match (MW); ``factor`` what a
    number in this unit is multiplied by to be in ``unit`` (a decade: 10 years).
    """

    text: str
    unit: str = ""
    not_: tuple[str, ...] = ()
    case: bool = False
    factor: Decimal = Decimal(1)


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency's ISO 4217 code and the ways IR text writes it."""

    code: str
    codes: tuple[str, ...]
    upper_only: bool = False
    symbols: tuple[str, ...] = ()
    symbols_after: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    minor: tuple[tuple[str, Decimal], ...] = ()   # smaller units and their worth: ("cents", 0.01)


@dataclass(frozen=True, slots=True)
class Yuan:
    """How a bare 元 resolves: by the script of its sentence."""

    surfaces: tuple[str, ...]
    simplified: str
    traditional: str
    named_before: frozenset[str]
    not_: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Every table, folded for look-up; compared and hashed by identity (it is
    built once and cached), so functions of a lexicon can be cached too."""

    qualifiers: Mapping[str, Qualifier]
    units: Mapping[str, str]
    factors: Mapping[str, Decimal]
    currencies: Mapping[str, str]
    per: Mapping[str, str]
    minor: Mapping[str, tuple[str, Decimal]]
    vague: Mapping[str, tuple[int, int]]
    down_before: frozenset[str]
    up_before: frozenset[str]
    down_after: frozenset[str]
    either_before: frozenset[str]
    either_signs: frozenset[str]
    improve_before: frozenset[str]
    lower_is_better: regex.Pattern[str]
    not_change_after: regex.Pattern[str]
    bound_of: regex.Pattern[str]
    pre_qualifier: regex.Pattern[str]
    post_qualifier: regex.Pattern[str]
    direction_before: regex.Pattern[str]
    direction_after: regex.Pattern[str]
    # the tables the value grammar's sub-patterns are built from
    quantity_units: tuple[Surface, ...]
    duration_units: tuple[Surface, ...]
    percent_units: tuple[Surface, ...]
    per_units: tuple[Surface, ...]
    measure_words: tuple[Surface, ...]
    currency_table: tuple[Currency, ...]
    yuan: Yuan
    yuan_keys: frozenset[str]
    named_yuan: regex.Pattern[str]
    names: tuple[str, ...]

    def unit(self, surface: str) -> str:
        return self.units[fold(surface)]


def _read(path: Path | Any) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise PackError(f"cannot read lexicon data: {e}", path=str(path)) from None


def _builtin(name: str) -> Any:
    return resources.files("irmetrics").joinpath("data").joinpath(name)


def _surfaces(table: Mapping[str, Any], where: str) -> list[Surface]:
    out = []
    for text, spec in table.items():
        if isinstance(spec, str):
            out.append(Surface(text, spec))
            continue
        if not isinstance(spec, dict) or set(spec) - _SURFACE_KEYS or "unit" not in spec:
            raise PackError(f"{text!r}: expected a unit string or a table with 'unit' and optional "
                            f"'not', 'case', 'factor'; got {spec!r}", path=where)
        out.append(Surface(text, spec["unit"], tuple(spec.get("not", ())), bool(spec.get("case", False)),
                           Decimal(str(spec.get("factor", 1)))))
    return out


def _currencies(table: Mapping[str, Any], where: str) -> list[Currency]:
    out = []
    for code, entry in table.items():
        if not regex.fullmatch(r"[A-Z]{3}", code) or not isinstance(entry, dict) or set(entry) - _CURRENCY_KEYS:
            raise PackError(f"currency {code!r}: expected an ISO 4217 code with a table of "
                            f"{', '.join(sorted(_CURRENCY_KEYS))}; got {entry!r}", path=where)
        minor = entry.get("minor", {})
        if not isinstance(minor, dict):
            raise PackError(f"currency {code!r}: 'minor' maps a smaller unit to its worth, got {minor!r}",
                            path=where)
        out.append(Currency(code=code, codes=(code, *entry.get("codes", ())),
                            upper_only=bool(entry.get("upper_only", False)),
                            minor=tuple((k, Decimal(str(v))) for k, v in minor.items()),
                            **{k: tuple(entry.get(k, ())) for k in ("symbols", "symbols_after", "zh", "en")}))
    return out


def _merge(base: dict[str, Any], extra: Mapping[str, Any], where: str) -> None:
    """Fold a user file into the built-in data: tables merge key by key, lists extend."""
    unknown = set(extra) - _TOP_KEYS
    if unknown:
        raise PackError(f"unknown table {sorted(unknown)[0]!r}; expected one of {', '.join(sorted(_TOP_KEYS))}",
                        path=where)
    for key, value in extra.items():
        if isinstance(value, dict):
            into = base.setdefault(key, {})
            for k, v in value.items():
                if isinstance(v, dict) and isinstance(into.get(k), dict) and key != "currencies":
                    into[k] = {**into[k], **v}
                elif isinstance(v, list) and isinstance(into.get(k), list):
                    into[k] = into[k] + v
                else:
                    into[k] = v
        else:
            base[key] = value


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The built-in lexicon (cached, immutable)."""
    return load_lexicon(())


@lru_cache(maxsize=16)
def load_lexicon(extra: tuple[str | Path, ...] = ()) -> Lexicon:
    """The built-in lexicon extended by the TOML files ``extra``.

    A file has the tables of ``data/lexicon.toml`` (``[quantity_units]``,
    ``[measure_words]``, ``[per_units]``, ``[names]`` ...) and may add
    currencies as ``[currencies.XYZ]`` tables shaped like
    ``data/currencies.toml``.  Its entries are added to the built-in ones
    (a surface it repeats takes its new meaning).

    Raises:
        PackError: a file that cannot be read, an unknown table, a malformed
            entry, or a unit that irmetrics' pint registry does not know.
    """
    raw = _read(_builtin("lexicon.toml"))
    raw["currencies"] = _read(_builtin("currencies.toml"))
    for path in extra:
        _merge(raw, _read(Path(path)), str(path))
    where = ", ".join(map(str, extra)) or "irmetrics/data/lexicon.toml"
    lex = _build(raw, where)
    if extra:
        # The built-in units are checked by the test suite; checking here
        # would import pint for every extractor (it is imported on use).
        check_units([s.unit for t in (lex.quantity_units, lex.duration_units, lex.per_units) for s in t], where)
    return lex


def _build(raw: dict[str, Any], where: str) -> Lexicon:
    q = raw["qualifiers"]
    before = {fold(k): Qualifier(v) for k, v in q.get("before", {}).items()}
    after = {fold(k): Qualifier(v) for k, v in q.get("after", {}).items()}
    between = {fold(k): Qualifier(v) for k, v in q.get("between", {}).items()}
    quals = {**before, **after, **between}
    tables = {t: _surfaces(raw.get(t, {}), where) for t in _UNIT_TABLES}
    units: dict[str, str] = {}
    factors: dict[str, Decimal] = {}
    for t in ("percent_units", "quantity_units", "duration_units"):
        for s in tables[t]:
            units[fold(s.text)] = s.unit
            if s.factor != 1:
                factors[fold(s.text)] = s.factor
    mws = [Surface(text, "", tuple(nots)) for text, nots in raw.get("measure_words", {}).items()]
    currencies = _currencies(raw.get("currencies", {}), where)
    cur_map: dict[str, str] = {}
    for c in currencies:
        for surface in (*c.codes, *c.symbols, *c.symbols_after, *c.zh, *c.en):
            cur_map[fold(surface)] = c.code
    y = raw["yuan"]
    yuan = Yuan(tuple(y["surfaces"]), y["simplified"], y["traditional"], frozenset(y.get("named_before", ())),
                tuple(y.get("not", ())))
    for s in yuan.surfaces:
        cur_map[fold(s)] = yuan.simplified

    en_pre = [k for k in before if k.isascii()]
    zh_pre = [k for k in before if not k.isascii()]
    post_en = [k for k in after if k.isascii() and k != "+"]
    post_zh = [k for k in after if not k.isascii()]
    # Searched backwards from the number: the qualifier must end right before
    # it (apart from a linking 为/在 or spaces), so a word far away never counts.
    # REVERSE: both are searched from the number backwards, so the engine
    # meets the nearest candidate first instead of trying every start.
    pre_q = regex.compile(
        # (买超/卖超 is a net purchase or sale in Taiwanese notes, not "more than")
        rf"(?:(?<![A-Za-z])(?P<q>{_alternation(en_pre)})\s+|(?<![买卖])(?P<q>{_alternation(zh_pre)})\s*{_LINK_ZH}\s*)\Z",
        regex.IGNORECASE | regex.REVERSE)
    post_q = regex.compile(
        rf"\s*(?P<q>{_alternation(post_zh)})(?!游|市|述|海)|\s+(?P<q>{_alternation(post_en)})(?![A-Za-z])"
        # 30%+, 100+ stores: a plus glued to the value (not a sign before another number)
        + (r"|(?P<q>\+)(?![0-9.])" if "+" in after else ""),
        regex.IGNORECASE)
    d = raw["direction"]
    down_b, up_b, down_a, either_b, improve_b = (
        frozenset(map(fold, d.get(k, ())))
        for k in ("down_before", "up_before", "down_after", "either_before", "improve_before"))
    words = down_b | up_b | either_b | improve_b
    en = [w for w in words if w.isascii()]
    zh = [w for w in words if not w.isascii()]
    dir_before = regex.compile(
        rf"(?<![A-Za-z])(?P<d>{_alternation(en)})(?![A-Za-z])|(?P<d>{_alternation(zh)})",
        regex.IGNORECASE | regex.REVERSE)
    # "a 1% FX headwind": an acronym may stand between the value and its direction word
    dir_after = regex.compile(
        rf"\s+(?:(?-i:[A-Z]{{2,4}})\s+)?(?P<d>higher|{_alternation(down_a)}|better|favorable|favourable)(?![A-Za-z])",
        regex.IGNORECASE)
    not_change = regex.compile(
        rf"\s+(?:the\s+|our\s+|market\s+|analyst\s+|street\s+)*(?:{_alternation(d.get('not_change_after', ()))})"
        r"(?![A-Za-z])", regex.IGNORECASE)
    lower = d.get("lower_is_better", ())
    lower_is_better = regex.compile(
        rf"(?<![A-Za-z])(?:{_alternation(lower)})(?![A-Za-z])" if lower else r"(?!)", regex.IGNORECASE)
    # 不超过公司总股本的 10%: a bound qualifier before the whole of which the value is a part
    bounds = [k for k, v in before.items() if not k.isascii() and v in _BOUND_QUALIFIERS]
    bound_of = regex.compile(rf"(?P<q>{_alternation(bounds)})[^，。；;：:！？!?\n]{{1,40}}?的\s*\Z",
                             regex.IGNORECASE | regex.REVERSE)
    names = raw.get("names", {})
    # The currencies that, named earlier in a Traditional sentence, a bare 元 follows
    named = [n for c in currencies if c.code in yuan.named_before for n in (*c.codes, *c.symbols, *c.zh)]
    named_yuan = regex.compile(rf"(?<![A-Za-z])(?:{_alternation(named)})" if named else r"(?!)",
                               regex.IGNORECASE | regex.REVERSE)
    return Lexicon(
        qualifiers=MappingProxyType(quals),
        units=MappingProxyType(units),
        factors=MappingProxyType(factors),
        currencies=MappingProxyType(cur_map),
        per=MappingProxyType({fold(s.text): s.unit for s in tables["per_units"]}),
        minor=MappingProxyType({fold(w): (c.code, worth) for c in currencies for w, worth in c.minor}),
        vague=MappingProxyType({fold(k): (int(v[0]), int(v[1])) for k, v in raw["vague"].items()}),
        down_before=down_b, up_before=up_b, down_after=down_a, either_before=either_b,
        either_signs=frozenset(d.get("either_signs", ())), not_change_after=not_change,
        improve_before=improve_b, lower_is_better=lower_is_better, bound_of=bound_of,
        pre_qualifier=pre_q, post_qualifier=post_q,
        direction_before=dir_before, direction_after=dir_after,
        quantity_units=tuple(tables["quantity_units"]), duration_units=tuple(tables["duration_units"]),
        percent_units=tuple(tables["percent_units"]), per_units=tuple(tables["per_units"]),
        measure_words=tuple(mws), currency_table=tuple(currencies), yuan=yuan,
        yuan_keys=frozenset(fold(s) for s in yuan.surfaces), named_yuan=named_yuan,
        names=tuple(names.get("zh", ())) + tuple(names.get("en", ())))


def check_units(units: Iterable[str], where: str) -> None:
    """Every unit string must parse in irmetrics' registry, so ``Fact.quantity`` works.

    Raises:
        PackError: naming the first unit pint does not know.
    """
    from .units import registry
    ureg = registry()
    for u in sorted(set(units)):
        try:
            ureg.parse_units(u)
        except Exception:   # pint raises several types for a bad unit string
            raise PackError(f"unit {u!r} is not a unit of irmetrics' pint registry (pint's defaults and "
                            f"data/units.txt)", path=where) from None
