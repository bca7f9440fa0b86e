"""Typed errors.  Every message names what was wrong, what was expected and where."""

from __future__ import annotations

__all__ = ["IrmetricsError", "InputError", "PackError", "DocumentError", "SkippedDocumentWarning"]


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



class DocumentError(IrmetricsError):
    """A file that cannot be read as a document.

    ``path`` names the file and ``reason`` says why: missing, a directory,
    empty, binary, not valid in the forced encoding, an encrypted PDF, a
    PDF without a text layer, a damaged file, or a format whose reader is
    not installed (naming the extra to install).
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # so the error survives the trip back from a worker process
        return (type(self), (self.path, self.reason))


class SkippedDocumentWarning(UserWarning):
    """A document that :func:`irmetrics.extract_many` skipped; the message says which and why."""
