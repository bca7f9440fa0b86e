"""The single pint registry irmetrics owns, built from ``data/units.txt``.

Quantities from different registries cannot be combined (pint#1003), so every
Quantity irmetrics hands out comes from :func:`registry`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pint

__all__ = ["registry", "quantity"]


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The irmetrics unit registry (pint defaults plus ``units.txt``)."""
    ureg = pint.UnitRegistry(cache_folder=None)
    path = resources.files("irmetrics").joinpath("data").joinpath("units.txt")
    with resources.as_file(path) as p:
        ureg.load_definitions(str(p))
    return ureg


def quantity(value: float, unit: str) -> pint.Quantity:
    """``value`` in ``unit`` (a unit string as irmetrics writes it).

    >>> quantity(120, "bp").to("percentage_point").magnitude
    1.2
    >>> str(quantity(4200, "USD/tonne").units)
    'USD / metric_ton'
    """
    return registry().Quantity(value, unit)
