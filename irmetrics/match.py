"""Compile rules into one scanner and find candidate matches.

All rules of a scanner become one alternation, each wrapped in a named
group, so the text is read once however many rules there are.  Where two
rules could match at the same place, the one listed first wins (rules are
ordered by priority, then file order), as in a hand-written alternation.
Overlaps between scanners are settled later by :func:`resolve_overlaps`.
"""

from __future__ import annotations

import bisect
import re
import warnings
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Protocol, Sequence

import regex

from .errors import IrmetricsError, PackError
from .firstchar import first_lookahead
from .rules import FLAGS, Rule

__all__ = ["Scanner", "Candidate", "GroupMatch", "resolve_overlaps", "compile_simple", "compile_rule", "TIMEOUT"]

# Seconds a scan may take before a pattern is judged pathological: a fixed
# allowance plus a share per character, so a long but legal document is never
# cut off.  Built-in patterns are linear; this guards against user packs.
TIMEOUT = 30.0
TIMEOUT_PER_CHAR = 1e-4


class GroupMatch(Protocol):
    """What resolvers read from a candidate's match (``regex.Match`` has it)."""

    def group(self, *names: str | int) -> Any: ...
    def start(self, name: str | int = 0) -> int: ...
    def end(self, name: str | int = 0) -> int: ...
    def span(self, name: str | int = 0) -> tuple[int, int]: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match in normalised text, before resolution."""

    rule: Rule
    match: GroupMatch

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()


class _RegexAlternation:
    """Rules compiled with ``regex`` as one alternation, each in a numbered group."""

    __slots__ = ("pattern", "groups")

    def __init__(self, rules: Sequence[Rule], prefix: str) -> None:
        body = "|".join(f"(?P<_r{i}>{r.pattern})" for i, r in enumerate(rules))
        try:
            self.pattern = regex.compile(f"{prefix}(?:{body})" if body else r"(?!)", FLAGS)
        except regex.error as e:  # each rule compiled alone; only a clash gets here
            raise PackError(f"rules do not compile together: {e}") from None
        # regex's lastgroup is unreliable with repeated group names, so each
        # rule's wrapper group is looked up by number instead.
        index = self.pattern.groupindex
        self.groups = tuple((index[f"_r{i}"], r) for i, r in enumerate(rules))

    def candidate(self, m: regex.Match[str]) -> Candidate:
        for g, rule in self.groups:
            if m.start(g) >= 0:
                return Candidate(rule, m)
        raise AssertionError("a match outside every rule group")  # pragma: no cover


class _ReMatch:
    """A stdlib match read by the names the rule wrote (see _ReAlternation)."""

    __slots__ = ("_m", "_names")

    def __init__(self, m: re.Match[str], names: Mapping[str, tuple[str, ...]]) -> None:
        self._m, self._names = m, names

    def _which(self, name: str | int) -> str | int | None:
        if isinstance(name, int):
            return name
        group = self._m.group
        for unique in self._names.get(name, ()):
            if group(unique) is not None:
                return unique
        return None

    def group(self, *names: str | int) -> Any:
        if len(names) == 1 and names[0].__class__ is str:
            # the resolvers' hot path: one name, usually absent from the rule
            group = self._m.group
            for unique in self._names.get(names[0], ()):
                value = group(unique)
                if value is not None:
                    return value
            return None
        if not names:
            return self._m.group()
        out = tuple(None if (u := self._which(n)) is None else self._m.group(u) for n in names)
        return out[0] if len(names) == 1 else out

    @property
    def re(self) -> Any:
        """Stands in for ``Match.re`` where only ``groupindex`` (the rule's names) is read."""
        return _GroupIndex(self._names)

    def groupdict(self) -> dict[str, str | None]:
        group = self._m.group
        out: dict[str, str | None] = {}
        for name, uniques in self._names.items():
            value = None
            for unique in uniques:
                value = group(unique)
                if value is not None:
                    break
            out[name] = value
        return out

    def start(self, name: str | int = 0) -> int:
        u = self._which(name)
        return -1 if u is None else self._m.start(u)

    def end(self, name: str | int = 0) -> int:
        u = self._which(name)
        return -1 if u is None else self._m.end(u)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        u = self._which(name)
        return (-1, -1) if u is None else self._m.span(u)


@dataclass(frozen=True, slots=True)
class _GroupIndex:
    groupindex: Mapping[str, tuple[str, ...]]


_RE_TOKENS = re.compile(r"\\\\|\\p\{Han\}|\(\?P<([A-Za-z_]\w*)>|\(\?\(([A-Za-z_]\w*)\)|\(\?P=([A-Za-z_]\w*)\)")
_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


class _ReAlternation:
    """The same alternation for Python's own ``re``, which matches our rules
    five times faster than ``regex`` but allows a group name only once.

    Every group is renamed apart (``n1`` -> ``n1__7``) and a match answers to
    the names the rule wrote.  Only trusted rules use it (``re`` has no
    timeout), and only when every pattern translates; otherwise the scanner
    keeps ``regex``.  ``tests/test_engines.py`` checks that both engines give
    the same candidates.
    """

    __slots__ = ("pattern", "info")

    def __init__(self, pattern: re.Pattern[str], info: Mapping[str, tuple[Rule, Mapping[str, tuple[str, ...]]]]):
        self.pattern, self.info = pattern, info

    @classmethod
    def build(cls, rules: Sequence[Rule], prefix: str) -> "_ReAlternation | None":
        counter = iter(range(1 << 30))
        parts, info = [], {}
        for i, rule in enumerate(rules):
            for j, pat in enumerate(rule.patterns):
                names: dict[str, list[str]] = {}

                def token(m: re.Match[str]) -> str:
                    if m.group(1):
                        unique = f"{m.group(1)}__{next(counter)}"
                        names.setdefault(m.group(1), []).append(unique)
                        return f"(?P<{unique}>"
                    if m.group(2) or m.group(3):
                        name = m.group(2) or m.group(3)
                        if name not in names:
                            raise re.error(f"reference to undefined group {name}")
                        latest = names[name][-1]
                        return f"(?({latest})" if m.group(2) else f"(?P={latest})"
                    return _HAN if m.group(0) == r"\p{Han}" else m.group(0)

                try:
                    body = _RE_TOKENS.sub(token, pat)
                except re.error:
                    return None
                if r"\p{" in body or r"\P{" in body:
                    return None
                wrapper = f"_r{i}_{j}"
                # led by its first characters, outside the wrapper (see first_lookahead)
                parts.append(f"{first_lookahead(pat)}(?P<{wrapper}>{body})")
                info[wrapper] = (rule, MappingProxyType({k: tuple(v) for k, v in names.items()}))
        try:
            with warnings.catch_warnings():
                # re warns that "[[" may one day start a nested set; regex in
                # V0 mode (the rules' dialect) reads it as re does today.
                warnings.simplefilter("ignore", FutureWarning)
                compiled = re.compile(f"{prefix}(?:{'|'.join(parts)})" if parts else r"(?!)",
                                      re.VERBOSE | re.IGNORECASE)
        except (re.error, RecursionError, OverflowError):
            return None
        return cls(compiled, MappingProxyType(info))

    def match(self, text: str, pos: int, endpos: int, timeout: float | None = None) -> "_ReMatch | None":
        """Like ``regex.Pattern.match`` (``timeout`` is accepted and unused)."""
        m = self.pattern.match(text, pos, endpos)
        return None if m is None else _ReMatch(m, self.info[m.lastgroup][1])

    def candidate(self, m: re.Match[str]) -> Candidate:
        # In re, lastgroup names the outermost group that closed last: the wrapper.
        rule, names = self.info[m.lastgroup]
        return Candidate(rule, _ReMatch(m, names))


def compile_simple(pattern: str, trusted: bool = True, flags: int = FLAGS) -> "re.Pattern[str] | regex.Pattern[str]":
    """An anchor or lead-in pattern, with ``re`` where it can (trusted and
    translatable), since these run over every character of every document."""
    if trusted and r"\p{" not in pattern:
        re_flags = (re.VERBOSE if flags & regex.VERBOSE else 0) | (re.IGNORECASE if flags & regex.IGNORECASE else 0)
        try:
            return re.compile(pattern, re_flags)
        except re.error:
            pass
    return regex.compile(pattern, flags)


def compile_rule(rule: Rule, trusted: bool) -> Any:
    """One rule's pattern, matched with ``.match(text, pos, endpos, timeout=...)``:
    on Python's re when trusted and translatable, else on ``regex``."""
    fast = _ReAlternation.build([rule], "") if trusted else None
    return fast if fast is not None else regex.compile(rule.pattern, FLAGS)


class Scanner:
    """Rules compiled into one pattern; immutable once built."""

    __slots__ = ("rules", "_all", "_contiguous", "_anchor", "_lead", "_lead_last", "_guarded")

    def __init__(self, rules: Sequence[Rule], *, prefix: str = "", anchor: str | None = None,
                 lead: str | None = None, lead_last: str | None = None, trusted: bool = False) -> None:
        """``prefix`` is a lookahead every match must pass at its first
        character.  ``anchor`` is a simple pattern that finds every position
        where some rule may start: the scan then tries the rules only there.
        A plain alternation of literals runs tens of times faster than the
        rules themselves, and most text holds no value at all.  ``lead``
        (ending in ``\\Z``) matches what may stand right before an anchor
        and start a rule there: ``US$`` before ``12``, ``COVID-`` before ``19``;
        ``lead_last`` lists the characters a lead-in can end with, so that
        the look-back is skipped where it cannot succeed (after a Han
        character, say).  ``trusted`` rules (the built-in packs, whose
        patterns are possessive and tested for linear time) skip the per-match
        timeout, which costs a sixth of the matching time; the pass that finds
        anchors is always timed."""
        ordered = sorted(enumerate(rules), key=lambda ir: (-ir[1].priority, ir[0]))
        self.rules = tuple(r for _, r in ordered)
        # re has no \G; matching at a given position anchors there anyway, and
        # scan() below walks \G matches one after another itself.
        self._contiguous = prefix.startswith(r"\G")
        fast = _ReAlternation.build(self.rules, prefix[2:] if self._contiguous else prefix) if trusted else None
        self._all: _ReAlternation | _RegexAlternation = fast or _RegexAlternation(self.rules, prefix)
        self._anchor = compile_simple(anchor, trusted) if anchor else None
        self._lead = compile_simple(lead, trusted) if lead else None
        self._lead_last = frozenset(lead_last) if lead_last else None
        self._guarded = not trusted

    def scan(self, text: str, pos: int = 0, endpos: int | None = None,
             timeout: float | None = None) -> Iterator[Candidate]:
        """Yield candidates left to right, non-overlapping within this scanner.

        Raises:
            IrmetricsError: a pattern ran past ``timeout`` seconds (by default
                ``TIMEOUT`` plus ``TIMEOUT_PER_CHAR`` per character).
        """
        endpos = len(text) if endpos is None else endpos
        if timeout is None:
            timeout = TIMEOUT + TIMEOUT_PER_CHAR * (endpos - pos)
        try:
            if self._anchor is not None:
                yield from self._anchored(text, pos, endpos, timeout)
                return
            candidate = self._all.candidate
            if isinstance(self._all, _ReAlternation):
                if self._contiguous:
                    while (c := self.match_at(text, pos, endpos)) is not None:
                        yield c
                        pos = c.end
                    return
                matches = self._all.pattern.finditer(text, pos, endpos)
            else:
                matches = self._all.pattern.finditer(text, pos, endpos, timeout=timeout)
            for m in matches:
                if m.end() > m.start():
                    yield candidate(m)
        except TimeoutError:
            raise IrmetricsError(f"rule scan took longer than {timeout}s near offset "
                                 f"{pos}; a pattern backtracks too much") from None

    def match_at(self, text: str, pos: int, endpos: int | None = None) -> Candidate | None:
        """The candidate starting exactly at ``pos``, or None."""
        if pos >= len(text):
            return None
        alt = self._all
        endpos = len(text) if endpos is None else endpos
        if isinstance(alt, _ReAlternation):
            m = alt.pattern.match(text, pos, endpos)
        else:
            m = alt.pattern.match(text, pos, endpos, timeout=TIMEOUT if self._guarded else None)
        if m is None or m.end() == m.start():
            return None
        return alt.candidate(m)

    def _anchored(self, text: str, pos: int, endpos: int, timeout: float) -> Iterator[Candidate]:
        candidate = self._all.candidate
        if isinstance(self._all, _ReAlternation):
            match: Any = self._all.pattern.match
        else:
            match = partial(self._all.pattern.match, timeout=timeout if self._guarded else None)
        lead = self._lead.search if self._lead is not None else None
        last = self._lead_last
        done = pos
        anchors = (self._anchor.finditer(text, pos, endpos) if isinstance(self._anchor, re.Pattern)
                   else self._anchor.finditer(text, pos, endpos, timeout=timeout))
        for a in anchors:
            s = a.start()
            if s < done:
                continue
            m = None
            if lead is not None and s > done and (last is None or text[s - 1] in last):
                before = lead(text, max(done, s - 12), s)
                if before is not None and before.start() < s:
                    m = match(text, before.start(), endpos)
            if m is None or m.end() <= s:
                m = match(text, s, endpos)
            if m is not None and m.end() > m.start():
                done = m.end()
                yield candidate(m)


def resolve_overlaps(spans: Sequence, key=lambda x: (x.start, x.end)) -> list:
    """Keep non-overlapping items: longest first, then earliest (as spaCy does).

    >>> from types import SimpleNamespace as S
    >>> [ (x.start, x.end) for x in resolve_overlaps([S(start=0, end=3), S(start=2, end=8), S(start=8, end=9)]) ]
    [(2, 8), (8, 9)]
    """
    bounds = [key(x) for x in spans]
    order = sorted(range(len(spans)), key=lambda i: (bounds[i][0] - bounds[i][1], bounds[i][0], i))
    taken: list[tuple[int, int]] = []
    keep = []
    for i in order:
        s, e = bounds[i]
        j = bisect.bisect_left(taken, (s, e))
        if j > 0 and taken[j - 1][1] > s:
            continue
        if j < len(taken) and taken[j][0] < e:
            continue
        taken.insert(j, (s, e))
        keep.append(i)
    keep.sort(key=lambda i: bounds[i])
    return [spans[i] for i in keep]
