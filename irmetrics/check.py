"""Run a pack's own examples and counter-examples through the real pipeline.

Every rule carries the texts it must handle (``examples``) and texts it must
leave alone (``counter_examples``).  :func:`check_pack` runs them and
returns what went wrong; ``irmetrics check-pack``, the pytest plugin and the
project's own suite all call it, so a pack is tested the same way everywhere.

What an example means depends on the pack:

* values and time packs (as in Duckling's corpus tests): the fact whose span
  best covers the example's ``match`` (the whole text when omitted) must come
  from that rule, span exactly ``match``, and hold every field the example
  gives.  A counter-example must yield no fact from the rule.  A ``kind =
  "skip"`` rule claims text that is no fact: at its example's ``match`` no
  fact may be read, and in a values pack the rule itself must match exactly
  ``match`` in the value scan (so the example cannot pass merely because
  nothing reads the text, or because another rule claims it); its
  counter-examples must yield no value at all.
* metrics packs: the value covering ``match`` (when given; else any value)
  must get its metric from that rule -- or, for a change word, its ``_change``
  from it -- and carry the example's ``metric`` (the rule's metric when
  omitted), ``subject`` and numbers.  A counter-example must yield no value
  whose metric comes from the rule.

Metrics examples run with the pack and every other built-in metrics pack
(a change word needs a metric to change; a metric needs the change words), and
the fact must be attributed to the rule under test, so another pack cannot make
an example pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from .attach import Attachment, MetricAttacher
from .errors import IrmetricsError
from .extractor import Extractor
from .model import TIME_KINDS, Fact
from .normalize import normalize
from .rules import Example, Rule, RulePack, builtin_pack, builtin_pack_names
from .segment import segment

__all__ = ["CheckFailure", "CheckCase", "check_pack", "check_case", "iter_cases"]

_NUMBER_FIELDS = ("value", "low", "high")
_TEXT_FIELDS = ("unit", "terms", "metric", "subject")


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """One example that did not come out as its pack says.

    ``field`` names what differed (``metric``, ``subject``, ``value``,
    ``rule``, ``span``, ``fact`` ...), ``expected`` and ``got`` its two values
    as text.
    """

    pack: str
    rule: str
    text: str
    field: str
    expected: str
    got: str
    counter_example: bool = False

    def __str__(self) -> str:
        what = "counter-example" if self.counter_example else "example"
        return (f"{self.pack}: rule {self.rule!r}: {what} {self.text!r}: {self.field}: "
                f"expected {self.expected}, got {self.got}")


@dataclass(frozen=True, slots=True)
class CheckCase:
    """One example or counter-example of one rule, ready to run."""

    pack: RulePack
    rule: Rule
    example: Example | None = None
    counter_example: str | None = None

    @property
    def id(self) -> str:
        """A readable test id: the rule id, then which example."""
        if self.example is not None:
            i = self.rule.examples.index(self.example)
            return f"{self.rule.id}[{i}]"
        i = self.rule.counter_examples.index(self.counter_example or "")
        return f"{self.rule.id}[not {i}]"


def iter_cases(packs: Iterable[RulePack]) -> Iterator[CheckCase]:
    """Every example and counter-example of every rule, in pack order."""
    for pack in packs:
        for rule in pack.rules:
            for ex in rule.examples:
                yield CheckCase(pack, rule, example=ex)
            for text in rule.counter_examples:
                yield CheckCase(pack, rule, counter_example=text)


def check_pack(pack: RulePack, extractor: Extractor | None = None) -> list[CheckFailure]:
    """Run every example and counter-example of ``pack``; return the failures.

    Args:
        pack: a loaded pack (``irmetrics.load_pack``).
        extractor: the extractor whose value and time stages run the examples;
            by default one with the built-in values and time packs (plus
            ``pack`` itself when it is a values pack).

    Returns:
        One :class:`CheckFailure` per example that came out differently; an
        empty list when the pack holds what it promises.
    """
    runner = _Runner(pack, extractor)
    failures: list[CheckFailure] = []
    for case in iter_cases([pack]):
        failures.extend(runner.run(case))
    return failures


def check_case(case: CheckCase, extractor: Extractor | None = None) -> list[CheckFailure]:
    """Run one example or counter-example (what the pytest plugin does per item)."""
    return _Runner(case.pack, extractor).run(case)


@lru_cache(maxsize=8)
def _base_extractor() -> Extractor:
    """Values and time only: metrics are attached by the runner itself, so that
    it can tell which rule attached them."""
    return Extractor(packs=[])


def _attacher_for(pack: RulePack) -> MetricAttacher:
    return _attacher_for_rules(pack.name, pack.rules)


@lru_cache(maxsize=32)
def _attacher_for_rules(name: str, rules: tuple[Rule, ...]) -> MetricAttacher:
    """The pack's rules with every other built-in metrics pack (a pack holds a
    dict and is not hashable; its rules are)."""
    others = [builtin_pack(n) for n in builtin_pack_names() if n not in ("values", "time", name)]
    pack = RulePack(name=name, type="metrics", rules=rules)
    return MetricAttacher([pack] + [p for p in others if p.type == "metrics"])


class _Runner:
    __slots__ = ("pack", "extractor")

    def __init__(self, pack: RulePack, extractor: Extractor | None) -> None:
        self.pack = pack
        if extractor is None:
            extractor = Extractor(packs=[pack]) if pack.type == "values" else _base_extractor()
        self.extractor = extractor

    def run(self, case: CheckCase) -> list[CheckFailure]:
        try:
            if case.example is not None:
                return self._example(case.rule, case.example)
            return self._counter(case.rule, case.counter_example or "")
        except IrmetricsError as e:   # an example that crashes the pipeline fails, it does not stop the check
            text = case.example.text if case.example is not None else case.counter_example or ""
            return [self._fail(case.rule, text, "error", "no error", str(e), case.example is None)]

    # ------------------------------------------------------------------ running

    def _facts(self, ex: Example | None, text: str) -> list[Fact]:
        return list(self.extractor.extract(text, date=ex.date if ex else None,
                                           lang=ex.lang if ex else None))

    def _attached(self, ex: Example | None, text: str) -> list[Attachment]:
        every = self._facts(ex, text)
        facts = [f for f in every if f.kind not in TIME_KINDS]
        lang = (ex.lang if ex else None) or _lang(text)
        return _attacher_for(self.pack).explain(segment(normalize(text).text, lang), text, facts,
                                                [f for f in every if f.kind in TIME_KINDS])

    def _fail(self, rule: Rule, text: str, field: str, expected: object, got: object,
              counter: bool = False) -> CheckFailure:
        return CheckFailure(pack=self.pack.path or self.pack.name, rule=rule.id, text=text, field=field,
                            expected=str(expected), got=str(got), counter_example=counter)

    # ------------------------------------------------------------------ examples

    def _example(self, rule: Rule, ex: Example) -> list[CheckFailure]:
        if self.pack.type == "metrics":
            return self._metric_example(rule, ex)
        facts = self._facts(ex, ex.text)
        target = ex.match or ex.text
        start = ex.text.find(target)
        end = start + len(target)
        covering = [f for f in facts if f.start < end and f.end > start]
        if rule.kind is None:
            return self._skip_example(rule, ex, target, start, end, covering)
        if not covering:
            return [self._fail(rule, ex.text, "fact", f"a fact at {target!r}", "no fact there")]
        best = max(covering, key=lambda f: (min(f.end, end) - max(f.start, start), f.rule == rule.id))
        out: list[CheckFailure] = []
        if best.rule != rule.id:
            out.append(self._fail(rule, ex.text, "rule", rule.id, f"{best.rule} ({best.text!r})"))
            return out
        if (best.start, best.end) != (start, end):
            out.append(self._fail(rule, ex.text, "span", repr(target), repr(best.text)))
        out.extend(self._fields(rule, ex, best))
        return out

    def _skip_example(self, rule: Rule, ex: Example, target: str, start: int, end: int,
                      covering: list[Fact]) -> list[CheckFailure]:
        """A skip rule's example is text it claims: no fact may be read there,
        and (in a values pack) the rule itself must claim exactly ``match`` in
        the value scan -- else the example would pass for text no rule reads at
        all, or for text another rule claims."""
        out = []
        if covering:
            f = covering[0]
            out.append(self._fail(rule, ex.text, "fact", f"no fact at {target!r}", f"{f.text!r} from {f.rule}"))
        if self.pack.type != "values":
            # a time pack's skip rules run in the time scanner (irmetrics.timex),
            # not in the value scanner: for them only "no fact" is checked
            return out
        norm = normalize(ex.text).text      # same length as the source: offsets agree
        claims = [c for c in self.extractor._scanner.scan(norm) if c.start < end and c.end > start]
        mine = [c for c in claims if c.rule.id == rule.id]
        if not mine:
            got = "; ".join(f"{ex.text[c.start:c.end]!r} from {c.rule.id}" for c in claims) or "no match"
            out.append(self._fail(rule, ex.text, "rule", f"{rule.id} claims {target!r}", got))
        elif not any((c.start, c.end) == (start, end) for c in mine):
            out.append(self._fail(rule, ex.text, "span", repr(target), repr(ex.text[mine[0].start:mine[0].end])))
        return out

    def _metric_example(self, rule: Rule, ex: Example) -> list[CheckFailure]:
        atts = self._attached(ex, ex.text)
        if ex.match is not None:
            start = ex.text.find(ex.match)
            end = start + len(ex.match)
            atts = [a for a in atts if a.fact.start < end and a.fact.end > start]
            if not atts:
                return [self._fail(rule, ex.text, "fact", f"a value at {ex.match!r}", "no value there")]
            atts = [max(atts, key=lambda a: min(a.fact.end, end) - max(a.fact.start, start))]
        mine = [a for a in atts if _by(a, rule)]
        if not mine:
            got = "; ".join(f"{a.fact.text!r}: {a.fact.metric} from {_who(a)}" for a in atts) or "no value"
            return [self._fail(rule, ex.text, "rule", f"a metric from {rule.id}", got)]
        fact = mine[0].fact
        expected_metric = ex.metric or rule.metric
        out = []
        if expected_metric is not None and fact.metric != expected_metric:
            out.append(self._fail(rule, ex.text, "metric", expected_metric, fact.metric))
        out.extend(self._fields(rule, ex, fact, skip=("metric",)))
        return out

    def _fields(self, rule: Rule, ex: Example, fact: Fact, skip: Sequence[str] = ()) -> list[CheckFailure]:
        out = []
        if ex.kind is not None and fact.kind != ex.kind:
            out.append(self._fail(rule, ex.text, "kind", ex.kind.value, fact.kind.value))
        if ex.qualifier is not None and fact.qualifier != ex.qualifier:
            out.append(self._fail(rule, ex.text, "qualifier", ex.qualifier.value, fact.qualifier.value))
        for name in _NUMBER_FIELDS:
            want = getattr(ex, name)
            got = getattr(fact, name)
            if want is not None and (got is None or not math.isclose(want, got, rel_tol=1e-6, abs_tol=1e-6)):
                out.append(self._fail(rule, ex.text, name, want, got))
        for name in _TEXT_FIELDS:
            want = getattr(ex, name)
            if name in skip or want is None:
                continue
            got = getattr(fact, name)
            if (got or "") != want:
                out.append(self._fail(rule, ex.text, name, repr(want), repr(got)))
        for name in ("period_start", "period_end"):
            want = getattr(ex, name)
            if want is not None and getattr(fact, name) != want:
                out.append(self._fail(rule, ex.text, name, want, getattr(fact, name)))
        return out

    # ------------------------------------------------------------------ counter-examples

    def _counter(self, rule: Rule, text: str) -> list[CheckFailure]:
        if self.pack.type == "metrics":
            bad = [a for a in self._attached(None, text) if _by(a, rule)]
            if bad:
                return [self._fail(rule, text, "metric", "no value with a metric from this rule",
                                   f"{bad[0].fact.text!r}: {bad[0].fact.metric}", counter=True)]
            return []
        facts = self._facts(None, text)
        if rule.kind is None:    # a skip rule: the text must hold no value at all
            bad_facts = [f for f in facts if f.kind not in TIME_KINDS]
        else:
            bad_facts = [f for f in facts if f.rule == rule.id]
        if bad_facts:
            f = bad_facts[0]
            return [self._fail(rule, text, "fact", "no fact" if rule.kind is None else f"no fact from {rule.id}",
                               f"{f.text!r} from {f.rule}", counter=True)]
        return []


def _by(a: Attachment, rule: Rule) -> bool:
    """Whether ``rule`` decided this attachment: as its metric, or as its change word."""
    if rule.role == "change" and rule.metric is None:
        return a.change is rule or a.change == rule
    return a.rule is rule or a.rule == rule


def _who(a: Attachment) -> str:
    parts = [a.rule.id if a.rule else "no rule"]
    if a.change is not None:
        parts.append(f"change {a.change.id}")
    return " + ".join(parts)


def _lang(text: str) -> str:
    from .extractor import detect_lang
    return detect_lang(text)
