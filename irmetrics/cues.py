"""Cues: the words that name a metric or mark a change, found once per document.

Metric packs (``type = "metrics"``) hold the cue rules; :class:`CueScanner`
finds their matches in the stretches of a document that hold values, and
:class:`Doc` keeps them with the document's structure for the attacher.
"""

from __future__ import annotations

import bisect
import re
import string
import time
from functools import lru_cache
from typing import Iterable, Sequence

import regex

from .errors import IrmetricsError
from .match import TIMEOUT, Candidate, Scanner, compile_rule
from .model import Fact, FactKind
from .rules import FLAGS, Rule
from .segment import Segments

__all__ = ["CueScanner", "Doc", "cue_prefixes", "lower", "metric_for", "after_word", "ratio_family", "scaled",
           "favourable", "COST_METRICS"]

_QUESTION_LEN = 300     # how much of a question is read
_RATIO_KINDS = frozenset({FactKind.PERCENT, FactKind.RATIO})
_POINTS = frozenset({"percentage_point", "bp"})
_VERBS_AFTER = frozenset({"grew", "rose", "fell", "grow", "grows", "rise", "rises", "fall", "falls", "expand",
                          "expands", "drop", "drops", "improve", "improves", "decline", "declines"})


class Doc:
    """One document as the attacher reads it: its structure, its cues and
    where its values end.  Built per ``attach`` call, then read only."""

    __slots__ = ("seg", "norm", "source", "cues", "cue_starts", "value_ends", "_times", "_time_starts")

    def __init__(self, seg: Segments, source: str, value_ends: list[int],
                 times: Sequence[tuple[int, int]] = ()) -> None:
        self.seg, self.norm, self.source = seg, seg.text, source
        self.value_ends = value_ends
        self._times = sorted(times)
        self._time_starts = [s for s, _ in self._times]
        self.cues: list[Candidate] = []
        self.cue_starts: list[int] = []

    def has_time(self, s: int, e: int) -> bool:
        """Whether a time expression overlaps ``[s, e)``."""
        i = bisect.bisect_left(self._time_starts, e)
        return i > 0 and self._times[i - 1][1] > s

    def without_times(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """``span`` without the time expressions in it: a subject names a thing,
        not a period (``2021H1汾酒收入`` -> ``汾酒收入``; ``Q1/Q2/Q3/Q4`` -> None).
        What follows the last time expression is kept, else what precedes the first."""
        s, e = span
        i = bisect.bisect_left(self._time_starts, s)
        j = bisect.bisect_left(self._time_starts, e)
        if i == j and not (i and self._times[i - 1][1] > s):
            return span
        inside = self._times[max(0, i - 1):j]
        last_end = max(te for _, te in inside)
        after = last_end
        while after < e and self.norm[after] in " /、,和及与-~至到的":
            after += 1
        if after < e:
            return after, e
        first_start = min(ts for ts, _ in inside)
        before = min(first_start, e)
        while before > s and self.norm[before - 1] in " /、,":
            before -= 1
        return (s, before) if before > s else None

    def set_cues(self, cues: list[Candidate]) -> None:
        self.cues = cues
        self.cue_starts = [c.start for c in cues]

    def lang_at(self, pos: int) -> str:
        """The language of the sentence holding ``pos``."""
        return self.seg.lang_at(pos)

    def value_end_before(self, pos: int) -> int:
        """Where the last value that ends at or before ``pos`` ends (0 if none)."""
        i = bisect.bisect_right(self.value_ends, pos) - 1
        return self.value_ends[i] if i >= 0 else 0

    def cues_in(self, lo: int, hi: int) -> list[Candidate]:
        """Cues that start in ``[lo, hi)``, in text order."""
        i = bisect.bisect_left(self.cue_starts, lo)
        j = bisect.bisect_left(self.cue_starts, hi)
        return self.cues[i:j]

    def answer_start(self, pos: int) -> int:
        """Where the answer holding ``pos`` starts (``pos`` itself outside answers)."""
        turn = self.seg.turn(pos)
        return turn.answer_start if turn is not None else pos

    def question_of(self, pos: int) -> tuple[int, int] | None:
        """The question (its first few hundred characters) an answer holding ``pos`` replies to."""
        turn = self.seg.turn(pos)
        if turn is None:
            return None
        return turn.question_start, min(turn.question_end, turn.question_start + _QUESTION_LEN)


# Note [Anchored cue scan]: one alternation of every cue, as ``Scanner``
# builds it, costs the ``regex`` engine a try of every rule at every
# character (several microseconds a character for the built-in packs).  So
# the scan is anchored: from each rule we derive the first one to three
# characters a match can begin with (by partial matching, so nobody has to
# declare them), find the places where any of them occurs with one ``re``
# pattern over lower-cased text -- a pass in C -- and try there only the rules
# that can start with what is there, in priority order.  The result is what
# the alternation would give: the leftmost match, rules tried in priority
# order, matches not overlapping.  A rule that can begin with almost any
# character (``[a-z]+ ratio``) cannot be anchored; such rules run as a plain
# alternation and their matches are merged in.

_PROBES = "ж\u0f00\u2603鑫"    # characters no anchored cue should begin with
_ALPHABET = frozenset(string.ascii_lowercase + string.digits + " %$-&/.'():,+")
_DEPTH_ASCII, _DEPTH_OTHER = 6, 3


def _too_wide(chars: Sequence[str]) -> bool:
    return sum(c.isascii() and c.isalpha() for c in chars) >= 20 or len(chars) >= 80


@lru_cache(maxsize=4096)
def _after_letter(pattern: str, prefix: str) -> bool:
    """Whether a match beginning with ``prefix`` may directly follow an ASCII letter."""
    p = regex.compile(pattern, FLAGS)
    return any(p.match(c + prefix, 1, partial=True) is not None for c in string.ascii_lowercase)


@lru_cache(maxsize=4096)
def cue_prefixes(pattern: str, extra_chars: str = "") -> frozenset[str] | None:
    """Lower-cased strings every match of ``pattern`` begins with one of, or
    None when a match may begin with almost anything."""
    try:
        # a look-behind looks at text before the match: at the start of the
        # probe strings it must not fail, so it is made one that always holds
        p = regex.compile(pattern.replace("(?<=", "(?<!(?!)"), FLAGS)
    except regex.error:
        return None
    alphabet = sorted((set(pattern.lower()) | set(extra_chars.lower()) | _ALPHABET) - set("\\\n\t"))

    def can_start(s: str) -> bool:
        return p.match(s, partial=True) is not None

    if any(can_start(c) for c in _PROBES):
        return None
    frontier = [c for c in alphabet if can_start(c)]
    if not frontier or _too_wide(frontier):
        return None
    out: set[str] = set()
    while frontier:
        nxt: list[str] = []
        for pre in frontier:
            depth = _DEPTH_ASCII if pre.isascii() else _DEPTH_OTHER
            if len(pre) >= depth or p.match(pre) is not None:
                out.add(pre)
                continue
            ext = [c for c in alphabet if can_start(pre + c)]
            if not ext or _too_wide(ext) or any(can_start(pre + c) for c in _PROBES):
                out.add(pre)
            else:
                nxt.extend(pre + c for c in ext)
        frontier = nxt
    return frozenset(out)


def _trie(words: Iterable[str]) -> str:
    """A ``re`` alternation of ``words`` as a trie: longest first at each step."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(root)


def lower(text: str) -> str:
    """Lower-cased text of the same length (``str.lower`` may lengthen a few letters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class CueScanner:
    """Cue rules indexed by how their matches begin; see Note [Anchored cue scan]."""

    __slots__ = ("rules", "_compiled", "_anchor", "_table", "_word_start", "_wide")

    def __init__(self, rules: Sequence[Rule], trusted: frozenset[str] = frozenset()) -> None:
        ordered = sorted(enumerate(rules), key=lambda ir: (-ir[1].priority, ir[0]))
        self.rules = tuple(r for _, r in ordered)
        # built-in packs' rules run on Python's re (see match.compile_rule)
        self._compiled = tuple(compile_rule(r, r.pack in trusted) for r in self.rules)
        starts: dict[str, set[int]] = {}
        wide: list[Rule] = []
        for i, r in enumerate(self.rules):
            extra = "".join(e.text for e in r.examples)
            pres = cue_prefixes(r.pattern, extra)
            if pres is None:
                wide.append(r)
                continue
            for pre in pres:
                starts.setdefault(pre, set()).add(i)
        # every prefix also tries the rules of the shorter prefixes it begins with
        self._table = {pre: tuple(sorted(set().union(*(starts.get(pre[:k], set()) for k in range(1, len(pre) + 1)))))
                       for pre in starts}
        # prefixes whose every rule begins a word: skipped inside words ("con" in "icon")
        self._word_start = frozenset(
            pre for pre, idx in self._table.items()
            if pre[0].isascii() and pre[0].isalpha()
            and not any(_after_letter(self.rules[i].pattern, pre) for i in idx))
        # consuming, not a lookahead: re then skips ahead by the first characters
        # (twice as fast); scan() restarts one past a failed anchor itself
        self._anchor = re.compile(f"({_trie(starts)})") if starts else None
        self._wide = Scanner(wide) if wide else None

    def scan(self, norm: str, low: str, lo: int, hi: int, deadline: float | None = None) -> list[Candidate]:
        """Cues in ``norm[lo:hi]``; ``deadline`` (``time.monotonic``) bounds the
        whole document's scan, so a pattern that backtracks cannot hang it."""
        out: list[Candidate] = []
        deadline = time.monotonic() + TIMEOUT if deadline is None else deadline
        if self._anchor is not None:
            compiled, rules, table, word_start = self._compiled, self.rules, self._table, self._word_start
            search = self._anchor.search
            pos = lo
            try:
                while (a := search(low, pos, hi)) is not None:
                    p = a.start()
                    pos = p + 1   # anchors may overlap: a failed one may hide the next
                    pre = a.group(1)
                    if pre in word_start and p and "a" <= low[p - 1] <= "z":
                        continue
                    for i in table[pre]:
                        m = compiled[i].match(norm, p, hi, timeout=max(0.001, deadline - time.monotonic()))
                        if m is not None and m.end() > p:
                            out.append(Candidate(rules[i], m))
                            pos = m.end()
                            break
            except TimeoutError:
                raise IrmetricsError(f"cue scan took longer than {TIMEOUT}s near offset {lo}; "
                                     f"a pattern backtracks too much") from None
        if self._wide is not None:
            out = _merge(out, list(self._wide.scan(norm, lo, hi, timeout=max(0.001, deadline - time.monotonic()))),
                         self.rules)
        return out


def _merge(a: list[Candidate], b: list[Candidate], order: Sequence[Rule]) -> list[Candidate]:
    """Two scans' cues as one: leftmost first, the higher-priority rule on a tie, no overlaps."""
    rank = {id(r): i for i, r in enumerate(order)}
    out: list[Candidate] = []
    end = -1
    for c in sorted(a + b, key=lambda c: (c.start, rank.get(id(c.rule), 0))):
        if c.start >= end:
            out.append(c)
            end = c.end
    return out


# ---------------------------------------------------------------- what a cue means for a value

def metric_for(rule: Rule, f: Fact, change: bool, level: bool = False) -> str | None:
    """The metric a cue gives a fact of this kind, or None if the kinds do not fit.

    A ratio metric (margin, share, utilisation) states levels in percent and
    changes in points; an amount metric (revenue, cost, customers) states
    levels in its own kinds, and a percentage of it can only be a change.
    """
    metric = rule.metric
    if metric is None:
        return None
    kinds = frozenset(rule.kinds) or frozenset(FactKind)
    pointy = f.unit in _POINTS
    if rule.role == "change":   # the cue is a change itself: same-store sales, 增速
        return f"{metric}_change" if f.kind is FactKind.PERCENT or f.kind in kinds else None
    if kinds <= _RATIO_KINDS:
        if f.kind in kinds and not pointy and not change:
            return metric
        if f.kind is FactKind.PERCENT and FactKind.PERCENT in kinds and (pointy or change):
            return f"{metric}_change"
        return None
    if f.kind in kinds:
        return f"{metric}_change" if change else metric
    if FactKind.MONEY in kinds:
        # "Revenue of 103 million": a call leaves the currency unsaid
        if f.kind is FactKind.NUMBER and scaled(f):
            return f"{metric}_change" if change else metric
        # a percentage of an amount is its change (营收 ... 23%, pricing was 2%) --
        # unless the text states it as a level ("fell from 86.5% to 79.3%").  Points
        # change a ratio: a cost's share of sales ("fuel 60 basis points favourable"),
        # never sales themselves ("6.2% of net sales, up 70 basis points")
        if f.kind is FactKind.PERCENT and not level and (not pointy or metric in COST_METRICS):
            return f"{metric}_change"
        return None
    # a percentage of a count is a change only when a word says so
    # (客户满意度 95% is no change of the customer count)
    if f.kind is FactKind.PERCENT and change:
        return f"{metric}_change"
    return None


def after_word(text: str) -> bool:
    """Whether a change word may follow the value it changes: an adjective,
    adverb or noun ("37% higher", "5% growth", "+16.5%YoY").  A verb after a
    value is its clause's predicate ("a margin of 19.7% increased by 230 bps"),
    and 增长 after a value leads the next one ("3 亿元，增长 20%")."""
    words = text.split()
    if not words or not words[0].isascii():
        return False
    w = words[0].lower()
    return not (w.endswith("ed") or w in _VERBS_AFTER)


def ratio_family(rule: Rule) -> bool:
    """A metric stated as a share of something (margin, share, utilisation)."""
    return bool(rule.kinds) and frozenset(rule.kinds) <= _RATIO_KINDS


def scaled(f: Fact) -> bool:
    """A plain number big enough to be an amount stated with a scale word."""
    x = f.value if f.value is not None else (f.high if f.high is not None else f.low)
    return x is not None and abs(x) >= 10_000


# A favourable variance of a cost line is a decrease of the cost ("labor was
# 90 basis points favorable"); the value grammar cannot know the line is a cost.
COST_METRICS = frozenset({"cost", "capex"})
_FAVOURABLE = regex.compile(r"\s*(?:(?P<good>favou?rable|of\s+favou?rability)|(?P<bad>unfavou?rable|of\s+unfavou?rability))(?![a-z])",
                            regex.IGNORECASE)


def favourable(norm: str, f: Fact) -> Fact:
    """A cost line's value with the sign its variance word gives: favourable a
    decrease, unfavourable an increase (``f`` itself without one)."""
    m = _FAVOURABLE.match(norm, f.end)
    if m is None:
        return f
    sign = -1.0 if m.group("good") else 1.0

    def signed(x: float | None) -> float | None:
        return None if x is None else sign * abs(x)
    lo, hi = signed(f.low), signed(f.high)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return f.with_(value=signed(f.value), low=lo, high=hi)
