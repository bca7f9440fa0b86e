"""The single pint registry irmetrics owns, built from ``data/units.txt``
and the currencies of ``data/currencies.toml``.

Quantities from different registries cannot be combined (pint#1003), so every
Quantity irmetrics hands out comes from :func:`registry`.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

import pint

__all__ = ["registry", "quantity", "currency_codes"]


@lru_cache(maxsize=1)
def currency_codes() -> dict[str, tuple[str, ...]]:
    """Each ISO 4217 code of ``data/currencies.toml`` with its other codes (CNY: RMB)."""
    raw = tomllib.loads(resources.files("irmetrics").joinpath("data").joinpath("currencies.toml")
                        .read_text(encoding="utf-8"))
    return {code: tuple(entry.get("codes", ())) for code, entry in raw.items()}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The irmetrics unit registry (pint defaults, ``units.txt`` and every currency)."""
    ureg = pint.UnitRegistry(cache_folder=None)
    path = resources.files("irmetrics").joinpath("data").joinpath("units.txt")
    with resources.as_file(path) as p:
        ureg.load_definitions(str(p))
    # Every currency is a dimension of its own: no rate is ever implied.
    for code, aliases in currency_codes().items():
        ureg.define(" = ".join([code, f"[currency_{code.lower()}]", *aliases]))
    return ureg


def quantity(value: float, unit: str) -> pint.Quantity:
    """``value`` in ``unit`` (a unit string as irmetrics writes it).

    >>> quantity(120, "bp").to("percentage_point").magnitude
    1.2
    >>> str(quantity(4200, "USD/tonne").units)
    'USD / metric_ton'
    >>> str(quantity(13095, "CNY/order").units)
    'CNY / order'
    """
    return registry().Quantity(value, unit)
