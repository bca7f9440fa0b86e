"""Finding time expressions: the ``time`` pack's rules, tried only at anchors.

Each language has its own compiled rules (a Chinese sentence is read with the
Chinese rules, an English one with the English rules); :func:`scan_times`
runs each over the stretches of its language that :mod:`irmetrics.segment`
found, and returns the matches left to right without overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import re

import regex

from .firstchar import char_set
from .match import Scanner, compile_simple
from .rules import FLAGS, Rule, builtin_pack
from .segment import Segments

__all__ = ["scan_times", "time_scanner", "TimeScanner"]


# The longest expression plus the few characters its lookaheads inspect; a
# scan at an anchor never needs to see further.
_WINDOW = 96
_LEAD_REACH = 28


@dataclass(frozen=True, slots=True)
class TimeScanner:
    """The time rules for one language, compiled once, with their anchors."""

    scanner: Scanner
    names: Mapping[str, tuple[str, ...]]     # rule id -> its group names
    zh: regex.Pattern[str] | None            # the first characters of STARTS_ZH
    starts: regex.Pattern[str] | None        # STARTS_ZH, tried where zh matched
    num: regex.Pattern[str]
    code: regex.Pattern[str]
    core: tuple[str, ...]                    # English core words (lower case)
    core_at: regex.Pattern[str] | None       # what must stand where a core word starts
    lead: regex.Pattern[str] | None


def _first_chars(fragment: str) -> set[str]:
    """The characters a STARTS_ZH fragment can begin with (its leading literal
    or character class)."""
    if fragment.startswith("["):
        body = fragment[1:fragment.index("]")]
        return set(body)
    return {fragment[0]}


@lru_cache(maxsize=4)
def time_scanner(lang: str) -> TimeScanner:
    pack = builtin_pack("time")
    langs = {lang} if lang in ("zh", "en") else {"zh", "en"}
    rules = [r for r in pack.rules if langs & set(r.langs)]
    # \G: a scan started at an anchor matches there or nowhere.
    scanner = Scanner(rules, prefix=r"\G", trusted=True)
    names = MappingProxyType({r.id: tuple(n for n in regex.compile(r.pattern, FLAGS).groupindex
                                          if not n.startswith("_") and n != "sep")
                              for r in rules})
    d = pack.defs
    english = "en" in langs
    fragments = d["STARTS_ZH"].split()
    zh = starts = None
    if "zh" in langs:
        zh = compile_simple(char_set(set().union(*map(_first_chars, fragments))) + f"(?={d['NEXT_ZH']})",
                           flags=regex.VERBOSE)
        starts = compile_simple("|".join(f"(?:{f})" for f in fragments), flags=0)
    return TimeScanner(
        scanner, names, zh, starts,
        compile_simple(d["ANCHOR_NUM_EN"] if lang == "en" else d["ANCHOR_NUM"], flags=regex.VERBOSE),
        compile_simple(d["ANCHOR_CODE"], flags=regex.VERBOSE),
        tuple(d["CORE_EN"].split()) if english else (),
        compile_simple(d["CORE_EN_AT"]) if english else None,
        compile_simple(d["LEAD_EN"].replace("{LEADWORD}", d["LEADWORD"])) if english else None)


def _anchors(norm: str, low: str, ts: TimeScanner, lo: int, hi: int) -> list[int]:
    """Sorted positions in ``[lo, hi)`` where a time expression may start or
    (English) where a core word stands that the expression contains."""
    found = [m.start() for m in ts.num.finditer(norm, lo, hi)]
    found += [m.start() for m in ts.code.finditer(norm, lo, hi)]
    if ts.zh is not None:
        begins = ts.starts.match
        found += [m.start() for m in ts.zh.finditer(norm, lo, hi) if begins(norm, m.start())]
    if ts.core:
        at = ts.core_at.match
        for w in ts.core:
            text = norm if w[0].isupper() else low  # 'May' the month, not 'may'
            i = text.find(w, lo, hi)
            while i >= 0:
                if (i == 0 or not low[i - 1].isalnum()) and at(norm, i):
                    found.append(i)
                i = text.find(w, i + len(w), hi)
    found.sort()
    return found


_GAP = re.compile(r"[-\s]+")


def _next_word(text: str, i: int, end: int) -> int:
    """Where the word after the one at ``i`` starts (``end`` if none does before it)."""
    m = _GAP.search(text, i, end)
    return m.end() if m is not None else end


def _scan(norm: str, low: str, ts: TimeScanner, lo: int, hi: int) -> list[tuple[Rule, regex.Match[str]]]:
    """The rules tried at every anchor in ``[lo, hi)``, left to right, without overlaps."""
    match_at = ts.scanner.match_at
    lead = ts.lead
    n = len(norm)
    out: list[tuple[Rule, regex.Match[str]]] = []
    done = lo
    for s in _anchors(norm, low, ts, lo, hi):
        if s < done:
            continue
        c = None
        if lead is not None and s and norm[s - 1] in " -\t":
            # English: the words before a core word may start the expression,
            # the first of them or a later one ("our full year": "full year").
            before = lead.search(norm, max(done, s - _LEAD_REACH), s)
            w = before.start() if before is not None else s
            while w < s:
                c = match_at(norm, w, min(n, w + _WINDOW))
                if c is not None and c.end > s:
                    break
                c = None
                w = _next_word(norm, w, s)
        if c is None:
            c = match_at(norm, s, min(n, s + _WINDOW))
        if c is not None:
            out.append((c.rule, c.match))
            done = c.end
    return out


def scan_times(seg: Segments) -> list[tuple[Rule, regex.Match[str]]]:
    """Every time expression of a document, each stretch read with the rules
    of its language; left to right, without overlaps."""
    norm = seg.text
    low = norm.lower() if len(norm.lower()) == len(norm) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in norm)
    out: list[tuple[Rule, regex.Match[str]]] = []
    for lo, hi, lang in seg.runs():
        if out and out[-1][1].end() > lo:
            lo = out[-1][1].end()
        out.extend(_scan(norm, low, time_scanner(lang), lo, hi))
    return out
