"""Which characters a rule's match can begin with, to fail it at once elsewhere.

An alternation of rules tried at a position (the value, time and cue scans
on Python's ``re``) walks every rule, and a rule led by a look-behind or by
optional words costs time even where its first character could never
match.  :func:`first_lookahead` puts a one-character test before such a
rule.  The first set is read from the pattern's parse tree and errs on the
side of "any character", so the matches are the same either way
(``tests/test_engines.py`` and ``tests/test_time.py`` check this).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # the parser behind re.compile; private, so everything falls back to "any character"
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover
    _C = _P = None

__all__ = ["first_chars", "first_lookahead", "char_set"]

_ANY = None
# Characters that match an ASCII letter under IGNORECASE without being one.
_FOLDS = {"k": "\u212a", "s": "\u017f", "i": "\u0130", "K": "\u212a", "S": "\u017f", "I": "\u0130"}
_SPAN_MAX = 0x3000   # a wider character range counts as "any character"
_NAMED = re.compile(r"(?<!\\)\(\?P<\w+>")
_REFERENCE = re.compile(r"(?<!\\)\(\?P=\w+\)")


def first_lookahead(pattern: str, flags: int = re.VERBOSE | re.IGNORECASE) -> str:
    """A look-ahead for the characters ``pattern`` can begin with, to put before it.

    An alternation tries every rule where it is asked to match, and a
    pattern that opens with look-behinds or optional words takes long to
    fail; one character test fails it at once.  Matches are unchanged.
    Empty when any character may begin a match.

    >>> first_lookahead(r"(?<![0-9])Q[1-4]")
    '(?=[Qq])'
    >>> first_lookahead("(?:the )?.")
    ''
    """
    first = first_chars(pattern, flags)
    if first is None:
        return ""
    return f"(?={char_set(first)})"


def char_set(chars: Iterable[str]) -> str:
    """A character class of ``chars``, escaped where a class needs it.

    >>> char_set("zya")
    '[ayz]'
    >>> [bool(re.fullmatch(char_set("a-]^"), c)) for c in "a-]^b"]
    [True, True, True, True, False]
    """
    return "[" + "".join("\\" + c if c in "-]\\^[" else c for c in sorted(set(chars))) + "]"


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with; None when any
    character may (or the pattern is beyond this analysis).

    >>> sorted(first_chars(r"(?<![0-9])(?:Q|H)[1-4]"))
    ['H', 'Q', 'h', 'q']
    >>> first_chars(r"(?:the\\s)?.") is None
    True
    """
    if _P is None:
        return _ANY
    # Group names may repeat across a rule's alternatives (the regex module
    # allows it, re's parser does not); names and references do not decide
    # how a match starts.
    pattern = _NAMED.sub("(?:", _REFERENCE.sub("(?:)", pattern))
    try:
        tree = _P.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError, TypeError):
        return _ANY
    try:
        chars, nullable = _first(tree)
    except (TypeError, ValueError, RecursionError):
        return _ANY
    if chars is None or nullable:
        return _ANY
    out = set(chars)
    for c in chars:  # both cases: the rules are compiled IGNORECASE
        out.update((c.lower(), c.upper(), _FOLDS.get(c, c)))
    return frozenset(out)


def _first(items: Iterable) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_op(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_op(op, av) -> tuple[set[str] | None, bool]:
    if op is _C.LITERAL:
        return {chr(av)}, False
    if op is _C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _C.LITERAL:
                chars.add(chr(iav))
            elif iop is _C.RANGE and iav[1] - iav[0] <= _SPAN_MAX:
                chars.update(map(chr, range(iav[0], iav[1] + 1)))
            else:   # NEGATE, CATEGORY (\d, \s...), a wide range
                return None, False
        return chars, False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return set(), True                      # zero width: what follows starts the match
    if op is _C.SUBPATTERN:
        return _first(av[-1])
    if op is _C.ATOMIC_GROUP:
        return _first(av)
    if op is _C.BRANCH:
        chars, nullable = set(), False
        for alt in av[1]:
            c, n = _first(alt)
            if c is None:
                return None, False
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)):
        lo, _hi, item = av
        chars, nullable = _first(item)
        return chars, (nullable or lo == 0) if chars is not None else False
    return None, False                          # ANY, NOT_LITERAL, group references...
