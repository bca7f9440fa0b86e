"""Compile rules into one scanner and find candidate matches.

All rules of a scanner become one alternation, each wrapped in a named
group, so the text is read once however many rules there are.  Where two
rules could match at the same place, the one listed first wins (rules are
ordered by priority, then file order), as in a hand-written alternation.
Overlaps between scanners are settled later by :func:`resolve_overlaps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import regex

from .errors import IrmetricsError, PackError
from .rules import FLAGS, Rule

__all__ = ["Scanner", "Candidate", "resolve_overlaps", "TIMEOUT"]

# Seconds a scan may take before a pattern is judged pathological: a fixed
# allowance plus a share per character, so a long but legal document is never
# cut off.  Built-in patterns are linear; this guards against user packs.
TIMEOUT = 30.0
TIMEOUT_PER_CHAR = 1e-4


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match in normalised text, before resolution."""

    rule: Rule
    match: regex.Match[str]

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()


class _Alternation:
    """Some rules compiled as one alternation, each in a numbered wrapper group."""

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

    def rule_of(self, m: regex.Match[str]) -> Rule:
        for g, rule in self.groups:
            if m.start(g) >= 0:
                return rule
        raise AssertionError("a match outside every rule group")  # pragma: no cover


class Scanner:
    """Rules compiled into one pattern; immutable once built."""

    __slots__ = ("rules", "_all", "_anchor", "_lead", "_lead_last", "_guarded")

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
        self._all = _Alternation(self.rules, prefix)
        self._anchor = regex.compile(anchor, FLAGS) if anchor else None
        self._lead = regex.compile(lead, FLAGS) if lead else None
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
            rule_of = self._all.rule_of
            for m in self._all.pattern.finditer(text, pos, endpos, timeout=timeout):
                if m.end() > m.start():
                    yield Candidate(rule_of(m), m)
        except TimeoutError:
            raise IrmetricsError(f"rule scan took longer than {timeout}s near offset "
                                 f"{pos}; a pattern backtracks too much") from None

    def match_at(self, text: str, pos: int, endpos: int | None = None) -> Candidate | None:
        """The candidate starting exactly at ``pos``, or None."""
        if pos >= len(text):
            return None
        alt = self._all
        m = alt.pattern.match(text, pos, len(text) if endpos is None else endpos,
                              timeout=TIMEOUT if self._guarded else None)
        if m is None or m.end() == m.start():
            return None
        return Candidate(alt.rule_of(m), m)

    def _anchored(self, text: str, pos: int, endpos: int, timeout: float) -> Iterator[Candidate]:
        match, rule_of = self._all.pattern.match, self._all.rule_of
        mt = timeout if self._guarded else None
        lead = self._lead.search if self._lead is not None else None
        last = self._lead_last
        done = pos
        for a in self._anchor.finditer(text, pos, endpos, timeout=timeout):
            s = a.start()
            if s < done:
                continue
            m = None
            if lead is not None and s > done and (last is None or text[s - 1] in last):
                before = lead(text, max(done, s - 12), s)
                if before is not None and before.start() < s:
                    m = match(text, before.start(), endpos, timeout=mt)
            if m is None or m.end() <= s:
                m = match(text, s, endpos, timeout=mt)
            if m is not None and m.end() > m.start():
                done = m.end()
                yield Candidate(rule_of(m), m)


def resolve_overlaps(spans: Sequence, key=lambda x: (x.start, x.end)) -> list:
    """Keep non-overlapping items: longest first, then earliest (as spaCy does).

    >>> from types import SimpleNamespace as S
    >>> [ (x.start, x.end) for x in resolve_overlaps([S(start=0, end=3), S(start=2, end=8), S(start=8, end=9)]) ]
    [(2, 8), (8, 9)]
    """
    order = sorted(range(len(spans)), key=lambda i: (-(key(spans[i])[1] - key(spans[i])[0]),
                                                     key(spans[i])[0], i))
    taken: list[tuple[int, int]] = []
    keep = []
    import bisect
    for i in order:
        s, e = key(spans[i])
        j = bisect.bisect_left(taken, (s, e))
        if j > 0 and taken[j - 1][1] > s:
            continue
        if j < len(taken) and taken[j][0] < e:
            continue
        taken.insert(j, (s, e))
        keep.append(i)
    keep.sort(key=lambda i: key(spans[i]))
    return [spans[i] for i in keep]
