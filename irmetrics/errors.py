"""Typed errors.  Every message names what was wrong, what was expected and where."""

from __future__ import annotations

__all__ = ["IrmetricsError", "InputError", "PackError"]


class IrmetricsError(Exception):
    """Base class of every error irmetrics raises on purpose."""


class InputError(IrmetricsError, ValueError):
    """A bad argument to :func:`irmetrics.extract` (a ``ValueError`` too)."""


class PackError(IrmetricsError):
    """A rule pack that cannot be loaded.

    ``path``, ``rule`` and ``field`` say where: the file, the rule id (or
    ``None`` for the pack header) and the key inside the rule.
    """

    def __init__(self, message: str, *, path: str | None = None,
                 rule: str | None = None, field: str | None = None) -> None:
        self.path, self.rule, self.field = path, rule, field
        where = ": ".join(x for x in (path, f"rule {rule!r}" if rule else None,
                                      f"field {field!r}" if field else None) if x)
        super().__init__(f"{where}: {message}" if where else message)

