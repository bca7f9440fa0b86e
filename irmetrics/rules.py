"""Rule packs: TOML files of patterns with examples.  Loading never runs code.

The grammar is documented in ``docs/rule-packs.md``.  In short::

    [pack]                      # required header
    name = "finance"            # the pack's name; rule ids start with it
    type = "metrics"            # "values", "time" or "metrics"
    languages = ["zh", "en"]

    [defs]                      # shared sub-patterns, used as {NAME}
    NUM = '[0-9]+'

    [[rule]]
    id = "finance.revenue"      # "<pack name>.<rule name>", unique
    ...                         # keys per pack type, see RULE_KEYS

A ``{NAME}`` reference is replaced by ``(?:<definition>)`` of ``NAME`` from
the pack's ``[defs]`` (or, for a metrics pack, from the built-in ``common``
definitions); definitions may reference each other, cycles are an error.
Patterns are compiled with ``regex`` in VERBOSE and IGNORECASE mode.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

import regex

from .errors import PackError
from .model import FactKind, Qualifier

if TYPE_CHECKING:
    from .lexicon import Lexicon

__all__ = ["Example", "Rule", "RulePack", "load_pack", "builtin_pack", "builtin_pack_names",
           "PACK_TYPES", "FLAGS"]

FLAGS = regex.VERBOSE | regex.IGNORECASE | regex.V0
PACK_TYPES = ("values", "time", "metrics")
_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_ID = regex.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")

_COMMON_RULE_KEYS = {"id", "pattern", "patterns", "lang", "priority", "examples",
                     "counter_examples", "note"}
RULE_KEYS: Mapping[str, frozenset[str]] = {
    "values": frozenset(_COMMON_RULE_KEYS | {"kind"}),
    "time": frozenset(_COMMON_RULE_KEYS | {"kind"}),
    "metrics": frozenset(_COMMON_RULE_KEYS | {"metric", "kinds", "scope", "subject", "role", "implies"}),
}
_PACK_KEYS = frozenset({"name", "type", "languages", "description", "version"})
EXAMPLE_KEYS = frozenset({"text", "match", "kind", "value", "low", "high", "unit", "qualifier",
                          "terms", "metric", "subject", "period_start", "period_end", "date",
                          "lang", "note"})
LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must handle, and what the fact it yields must hold.

    Fields left as ``None`` are not checked.  ``match`` is the text of the
    expected fact's span (the whole example when omitted).
    """

    text: str
    match: str | None = None
    kind: FactKind | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    terms: str | None = None
    metric: str | None = None
    subject: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    date: date | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: an id, its patterns (references expanded) and its examples."""

    id: str
    pack: str
    patterns: tuple[str, ...]
    langs: tuple[str, ...] = LANGS
    priority: int = 0
    kind: FactKind | None = None
    metric: str | None = None
    kinds: tuple[FactKind, ...] = ()
    scope: str = "clause"
    role: str = "metric"
    subject: str | None = None
    implies: str | None = None
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[str, ...] = ()

    @property
    def pattern(self) -> str:
        """All patterns as one alternation."""
        if len(self.patterns) == 1:
            return self.patterns[0]
        return "|".join(f"(?:{p})" for p in self.patterns)


@dataclass(frozen=True, slots=True)
class RulePack:
    """A validated pack: its header, definitions and rules in file order."""

    name: str
    type: str
    rules: tuple[Rule, ...]
    defs: Mapping[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = LANGS
    path: str | None = None
    description: str = ""

    def __iter__(self):
        return iter(self.rules)

    def expanded(self, name: str) -> str | None:
        """Definition ``name`` with its ``{REF}``s expanded, or None when the pack has none.

        Raises:
            PackError: an unknown reference or a cycle.
        """
        if name not in self.defs:
            return None
        return _expand(self.defs[name], self.defs, PackError("", path=self.path, field=f"defs.{name}"), (name,))

    def __len__(self) -> int:
        return len(self.rules)


def _expand(pattern: str, defs: Mapping[str, str], where: PackError, stack: tuple[str, ...] = ()) -> str:
    def sub(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name in stack:
            raise PackError(f"reference cycle {' -> '.join(stack + (name,))}",
                            path=where.path, rule=where.rule, field=where.field)
        if name not in defs:
            known = ", ".join(sorted(defs)) or "none"
            raise PackError(f"unknown reference {{{name}}}; defined: {known}",
                            path=where.path, rule=where.rule, field=where.field)
        return "(?:" + _expand(defs[name], defs, where, stack + (name,)) + ")"
    return _REF.sub(sub, pattern)


def _opt_float(v: object, where: PackError) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise PackError(f"expected a number, got {v!r}", path=where.path, rule=where.rule,
                        field=where.field)
    return float(v)


def _opt_date(v: object, where: PackError) -> date | None:
    if v is None:
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        raise PackError(f"expected an ISO date YYYY-MM-DD, got {v!r}", path=where.path,
                        rule=where.rule, field=where.field) from None


def _example(raw: object, path: str | None, rid: str, i: int) -> Example:
    fld = f"examples[{i}]"
    if isinstance(raw, str):
        return Example(text=raw)
    if not isinstance(raw, dict):
        raise PackError(f"expected a table or a string, got {type(raw).__name__}",
                        path=path, rule=rid, field=fld)
    unknown = set(raw) - EXAMPLE_KEYS
    if unknown:
        raise PackError(f"unknown key {sorted(unknown)[0]!r}; expected one of "
                        f"{', '.join(sorted(EXAMPLE_KEYS))}", path=path, rule=rid, field=fld)
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        raise PackError(f"expected a non-empty 'text', got {text!r}", path=path, rule=rid, field=fld)
    match = raw.get("match")
    if match is not None and (not isinstance(match, str) or match not in text):
        raise PackError(f"'match' must be a part of 'text', got {match!r}", path=path, rule=rid,
                        field=fld)
    w = PackError("", path=path, rule=rid, field=fld)
    try:
        kind = FactKind(raw["kind"]) if "kind" in raw else None
        qual = Qualifier(raw["qualifier"]) if "qualifier" in raw else None
    except ValueError as e:
        raise PackError(str(e), path=path, rule=rid, field=fld) from None
    lang = raw.get("lang")
    if lang is not None and lang not in LANGS:
        raise PackError(f"'lang' must be one of {LANGS}, got {lang!r}", path=path, rule=rid, field=fld)
    return Example(
        text=text, match=match, kind=kind, qualifier=qual,
        value=_opt_float(raw.get("value"), w), low=_opt_float(raw.get("low"), w),
        high=_opt_float(raw.get("high"), w),
        unit=raw.get("unit"), terms=raw.get("terms"), metric=raw.get("metric"),
        subject=raw.get("subject"),
        period_start=_opt_date(raw.get("period_start"), w),
        period_end=_opt_date(raw.get("period_end"), w),
        date=_opt_date(raw.get("date"), w), lang=lang)


def _str_list(v: object, path: str | None, rid: str | None, fld: str) -> tuple[str, ...]:
    if isinstance(v, str):
        return (v,)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise PackError(f"expected a string or a list of strings, got {v!r}", path=path,
                        rule=rid, field=fld)
    return tuple(v)


def parse_pack(data: Mapping[str, object], *, path: str | None = None,
               base_defs: Mapping[str, str] | None = None) -> RulePack:
    """Validate a parsed TOML document and build its :class:`RulePack`."""
    unknown = set(data) - {"pack", "defs", "rule"}
    if unknown:
        raise PackError(f"unknown top-level key {sorted(unknown)[0]!r}; expected pack, defs, rule",
                        path=path)
    head = data.get("pack")
    if not isinstance(head, dict):
        raise PackError("missing [pack] table with name and type", path=path)
    bad = set(head) - _PACK_KEYS
    if bad:
        raise PackError(f"unknown key {sorted(bad)[0]!r} in [pack]; expected one of "
                        f"{', '.join(sorted(_PACK_KEYS))}", path=path)
    name, ptype = head.get("name"), head.get("type")
    if not isinstance(name, str) or not regex.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise PackError(f"[pack] name must be lower_snake_case, got {name!r}", path=path)
    if ptype not in PACK_TYPES:
        raise PackError(f"[pack] type must be one of {PACK_TYPES}, got {ptype!r}", path=path)
    languages = _str_list(head.get("languages", list(LANGS)), path, None, "languages")
    defs_raw = data.get("defs", {})
    if not isinstance(defs_raw, dict) or not all(isinstance(v, str) for v in defs_raw.values()):
        raise PackError("[defs] must map NAMES to pattern strings", path=path)
    defs = dict(base_defs or {})
    defs.update(defs_raw)
    for k in defs_raw:
        if not regex.fullmatch(r"[A-Z][A-Z0-9_]*", k):
            raise PackError(f"definition names are UPPER_CASE, got {k!r}", path=path, field="defs")
    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list):
        raise PackError("[[rule]] must be an array of tables", path=path)
    seen: set[str] = set()
    rules = []
    for i, raw in enumerate(rules_raw):
        rules.append(_rule(raw, i, name, ptype, defs, path, seen))
    return RulePack(name=name, type=ptype, rules=tuple(rules), defs=defs, languages=languages,
                    path=path, description=str(head.get("description", "")))


def _rule(raw: object, i: int, pname: str, ptype: str, defs: Mapping[str, str],
          path: str | None, seen: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise PackError(f"rule #{i + 1} must be a table", path=path)
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.fullmatch(rid) or not rid.startswith(pname + "."):
        raise PackError(f"rule #{i + 1}: id must be '{pname}.<name>' in lower_snake_case, "
                        f"got {rid!r}", path=path, field="id")
    if rid in seen:
        raise PackError("duplicate rule id", path=path, rule=rid, field="id")
    seen.add(rid)
    unknown = set(raw) - RULE_KEYS[ptype]
    if unknown:
        raise PackError(f"unknown key {sorted(unknown)[0]!r}; expected one of "
                        f"{', '.join(sorted(RULE_KEYS[ptype]))}", path=path, rule=rid)
    if ("pattern" in raw) == ("patterns" in raw):
        raise PackError("give exactly one of 'pattern' or 'patterns'", path=path, rule=rid,
                        field="pattern")
    fld = "pattern" if "pattern" in raw else "patterns"
    patterns = []
    for j, p in enumerate(_str_list(raw[fld], path, rid, fld)):
        where = PackError("", path=path, rule=rid, field=f"{fld}[{j}]" if fld == "patterns" else fld)
        expanded = _expand(p, defs, where)
        try:
            regex.compile(expanded, FLAGS)
        except regex.error as e:
            raise PackError(f"bad regex: {e}", path=path, rule=rid, field=where.field) from None
        patterns.append(expanded)
    langs = _str_list(raw.get("lang", list(LANGS)), path, rid, "lang")
    if set(langs) - set(LANGS):
        raise PackError(f"lang must be among {LANGS}, got {list(langs)}", path=path, rule=rid,
                        field="lang")
    priority = raw.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise PackError(f"priority must be an integer, got {priority!r}", path=path, rule=rid,
                        field="priority")
    kind = metric = subject = implies = None
    kinds: tuple[FactKind, ...] = ()
    scope, role = "clause", "metric"
    try:
        if ptype in ("values", "time"):
            if "kind" not in raw:
                raise PackError("missing 'kind'", path=path, rule=rid, field="kind")
            kind = None if raw["kind"] == "skip" else FactKind(raw["kind"])
        else:
            metric = raw.get("metric")
            # A change word (role = "change") may name no metric: it then
            # changes whichever metric governs the value.
            if metric is None and raw.get("role") == "change":
                pass
            elif not isinstance(metric, str) or not regex.fullmatch(r"[a-z][a-z0-9_]*", metric):
                raise PackError(f"metric must be lower_snake_case, got {metric!r}", path=path,
                                rule=rid, field="metric")
            kinds = tuple(FactKind(k) for k in _str_list(raw.get("kinds", []), path, rid, "kinds"))
            scope = raw.get("scope", "clause")
            if scope not in ("clause", "sentence"):
                raise PackError(f"scope must be 'clause' or 'sentence', got {scope!r}", path=path,
                                rule=rid, field="scope")
            role = raw.get("role", "metric")
            if role not in ("metric", "change"):
                raise PackError(f"role must be 'metric' or 'change', got {role!r}", path=path,
                                rule=rid, field="role")
            subject = raw.get("subject")
            implies = raw.get("implies")
            if implies is not None and (role != "change" or not isinstance(implies, str)
                                        or not regex.fullmatch(r"[a-z][a-z0-9_]*", implies)):
                raise PackError(f"implies names the metric a change word implies (role = \"change\" only), "
                                f"lower_snake_case; got {implies!r}", path=path, rule=rid, field="implies")
    except ValueError as e:
        raise PackError(str(e), path=path, rule=rid, field="kind") from None
    examples = raw.get("examples", [])
    counters = raw.get("counter_examples", [])
    if not isinstance(examples, list):
        raise PackError("examples must be an array", path=path, rule=rid, field="examples")
    return Rule(
        id=rid, pack=pname, patterns=tuple(patterns), langs=langs, priority=priority, kind=kind,
        metric=metric, kinds=kinds, scope=scope, role=role, subject=subject, implies=implies,
        examples=tuple(_example(e, path, rid, k) for k, e in enumerate(examples)),
        counter_examples=_str_list(counters, path, rid, "counter_examples") if counters else ())


def load_pack(path: str | Path, *, lexicon: "Lexicon | None" = None) -> RulePack:
    """Load and validate a pack file.

    A values pack may use the sub-patterns built from the lexicon's data
    (``{QUNIT}``, ``{MW}``, ``{CUR_PRE}`` ...: :func:`irmetrics.vocab.value_defs`),
    from ``lexicon`` when given, else from the built-in one.

    Raises:
        PackError: naming the file, the rule id and the field that is wrong.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise PackError(f"cannot read: {e.strerror}", path=str(p)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise PackError(f"not UTF-8 at byte {e.start}", path=str(p)) from None
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"not valid TOML: {e}", path=str(p)) from None
    ptype = data.get("pack", {}).get("type")
    base = _common_defs() if ptype == "metrics" else _lexicon_defs(lexicon) if ptype == "values" else None
    return parse_pack(data, path=str(p), base_defs=base)


def _lexicon_defs(lexicon: "Lexicon | None") -> Mapping[str, str]:
    from .vocab import value_defs   # vocab reads the lexicon, which needs no rules: import on use
    return value_defs(lexicon)


def builtin_pack_names() -> tuple[str, ...]:
    """Names of the packs shipped in ``irmetrics/packs``."""
    return tuple(sorted(f.name[:-5] for f in resources.files("irmetrics").joinpath("packs").iterdir()
                        if f.name.endswith(".toml") and f.name != "common.toml"))


def _builtin_path(name: str) -> Path:
    return Path(str(resources.files("irmetrics").joinpath("packs").joinpath(f"{name}.toml")))


def _common_defs() -> dict[str, str]:
    data = tomllib.loads(_builtin_path("common").read_text(encoding="utf-8"))
    return dict(data.get("defs", {}))


def is_builtin(pack: RulePack) -> bool:
    """Whether ``pack`` was loaded from irmetrics' own ``packs`` folder."""
    if pack.path is None:
        return False
    own = _builtin_path(pack.name)
    try:
        return Path(pack.path).resolve() == own.resolve()
    except OSError:
        return False


def builtin_pack(name: str, *, lexicon: "Lexicon | None" = None) -> RulePack:
    """A built-in pack by name (``values``, ``time``, ``finance``, ...); see
    :func:`load_pack` for ``lexicon``."""
    if name not in builtin_pack_names():
        raise PackError(f"no built-in pack {name!r}; built-ins: {', '.join(builtin_pack_names())}")
    return load_pack(_builtin_path(name), lexicon=lexicon)

