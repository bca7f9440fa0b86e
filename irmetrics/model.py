"""The fact model: frozen, slotted dataclasses and string enums.  Data only."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pint is imported lazily: a notebook pays for it only on use
    import pint

__all__ = ["FactKind", "Qualifier", "Fact", "VALUE_KINDS", "TIME_KINDS"]


class FactKind(StrEnum):
    """What sort of claim a fact is (the ``kind`` column)."""

    NUMBER = "number"
    PERCENT = "percent"
    RATIO = "ratio"
    COUNT = "count"
    MONEY = "money"
    QUANTITY = "quantity"
    DURATION = "duration"
    DATE = "date"
    PERIOD = "period"


class Qualifier(StrEnum):
    """How the stated number bounds the true one (the ``qualifier`` column)."""

    EXACT = "="
    APPROX = "~"
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


TIME_KINDS = frozenset({FactKind.DATE, FactKind.PERIOD})
VALUE_KINDS = frozenset(FactKind) - TIME_KINDS


@dataclass(frozen=True, slots=True)
class Fact:
    """One quantitative claim or time expression, tied to its source span.

    ``text == document[start:end]`` always holds for the document the fact
    came from.  ``value``/``low``/``high`` are in ``unit`` (a pint unit
    string, empty for counts, ratios and plain numbers).
    """

    kind: FactKind
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    terms: str | None = None
    metric: str | None = None
    subject: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, FactKind):
            object.__setattr__(self, "kind", FactKind(self.kind))
        if not isinstance(self.qualifier, Qualifier):
            object.__setattr__(self, "qualifier", Qualifier(self.qualifier))
        if not 0 <= self.start < self.end:
            raise ValueError(f"Fact span: expected 0 <= start < end, got start={self.start}, end={self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"Fact text: expected {self.end - self.start} characters for "
                             f"span {self.start}:{self.end}, got {self.text!r}")
        for name in ("value", "low", "high"):
            x = getattr(self, name)
            if x is not None and not isinstance(x, float):
                object.__setattr__(self, name, float(x))
            elif x is not None and math.isnan(x):
                object.__setattr__(self, name, None)

    @property
    def quantity(self) -> "pint.Quantity | None":
        """The value as a pint Quantity from irmetrics' registry, or None.

        None where the fact has no unit (counts, ratios, plain numbers) or no
        single value (a range or a vague numeral: use ``low``/``high``).
        """
        if not self.unit or self.value is None:
            return None
        from .units import quantity
        return quantity(self.value, self.unit)

    def with_(self, **changes: Any) -> "Fact":
        """A copy with some fields changed (the fact itself is frozen)."""
        return replace(self, **changes)
