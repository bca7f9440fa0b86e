"""Frames: what a list or an aside hands to the values inside it.

A sentence may name several metrics or subjects in a row and then give their
values in the same order:

* ``营收和归母净利润 139.8/4.32 亿`` -- a chain of metric cues;
* ``基建/设计/制造/地产营收为 3697/74/103/127 亿元`` -- a chain of terms that
  share a head (``营收``): the subjects are 基建营收, 设计营收, ...;
* ``销售、管理费用分别为 12 亿元/-18%、7 亿元/+4%`` -- a chain whose items
  each take a group of values (a level and its change).

:class:`Frames` finds, for each list of values (:func:`irmetrics.lists.find_lists`),
the chain of the same length that stands before it in its sentence, and
gives the i-th group of values the i-th slot.  A list with no such chain is
one metric's values: its later items continue the first (``312 亿元/-27%``
is revenue and its change).  A bracketed aside right after a value refines
that value (``营收 61 億元(+16.5%YoY)``: the change of the same revenue).
Built per document during one attach call; read only.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import regex

from .cues import Doc
from .lists import ValueList, find_lists
from .match import Candidate
from .model import Fact

__all__ = ["Slot", "Frames", "ListItem", "Pairs"]

# What joins two metric cues of one chain: 营收和归母净利润, 收入/净利润, revenue and EBITDA
_CUE_JOIN = regex.compile(r"\s*(?:/|、|和|及|与|以及|,|&|and)\s*", regex.IGNORECASE)
# A chain of terms joined by / or 、: 基建/设计/制造/地产营收
# (a term may begin with a period code: 2021H1汾酒; otherwise no digits -- 营收为3697 is no term)
_TERM = r"(?:[0-9]{1,4}[A-Za-z][0-9]{0,4})?[\p{Han}A-Za-z][\p{Han}A-Za-z&]*+"
_TERM_CHAIN = regex.compile(rf"(?<![\p{{Han}}A-Za-z0-9&.]){_TERM}(?:\s?[/、]\s?{_TERM})++")
_TERM_SPLIT = regex.compile(r"\s?[/、]\s?")
# Where the last term of a chain ends and the words that lead to its values begin:
# 直销/代理/电商平台「分别实现」收入, 地产营收「为」
_TERM_TAIL = regex.compile(r"分别|实现|同比|环比|均为|合计|共计|为|是|达到?|约")
# Words a chain's first term may begin with that are no part of it: 其中基建, 2021H1汾酒
_TERM_LEAD = regex.compile(r"(?:其中|分别|公司|我们|今年|去年|本期|[0-9]{0,4}[HQhq][1-4](?:[0-9]{2})?|[1-4][HQhq][0-9]{0,4})+")
_RESPECTIVELY = regex.compile(r"分别|respectively", regex.IGNORECASE)
_TERM_MAX = 8       # characters in a term of a chain


@dataclass(frozen=True, slots=True)
class Slot:
    """One place of a chain: the metric cue it names (None when its words name
    no metric) and the subject its values take."""

    cue: Candidate | None
    subject: str


@dataclass(frozen=True, slots=True)
class ListItem:
    """Where a value stands in its list: the list, its group and its place in the group."""

    values: ValueList
    group: int
    index: int          # place within the group (0: the group's first value)
    groups: int         # how many groups the list has
    first: int          # the fact index of the group's first value
    head: int           # the fact index of the list's first value


class Frames:
    """The lists and asides of one document's values (per attach call)."""

    __slots__ = ("_doc", "_items", "_slots", "_hosts", "_starts", "_heads")

    def __init__(self, doc: Doc, facts: Sequence[Fact]) -> None:
        self._doc = doc
        index = {id(f): i for i, f in enumerate(facts)}
        self._items: dict[int, ListItem] = {}
        self._heads: list[tuple[int, list[int]]] = []   # each list's start and its groups' first facts
        for vl in find_lists(doc.seg, facts):
            groups = vl.groups(doc.norm)
            head = index[id(vl.facts[0])]
            self._heads.append((vl.start, [index[id(g[0])] for g in groups]))
            for g, group in enumerate(groups):
                first = index[id(group[0])]
                for k, f in enumerate(group):
                    self._items[index[id(f)]] = ListItem(vl, g, k, len(groups), first, head)
        self._slots: dict[int, list[Slot] | None] = {}
        self._starts = [f.start for f in facts]
        self._hosts = facts

    def item(self, i: int) -> ListItem | None:
        """The list place of fact ``i``, or None when it stands alone."""
        return self._items.get(i)

    def slots(self, item: ListItem, sentence_start: int) -> list[Slot] | None:
        """The chain whose i-th slot goes with the list's i-th group, or None."""
        key = item.values.start
        if key not in self._slots:
            self._slots[key] = self._find_slots(item, sentence_start)
        return self._slots[key]

    def earlier(self, item: ListItem, sentence_start: int) -> list[int] | None:
        """The groups' first facts of the nearest earlier list of the same length in
        the sentence: ``净利润 14.3/16.6/19.2 亿元，增速分别为 20%/15%/16%``."""
        found = None
        for start, firsts in self._heads:
            if start >= item.values.start:
                break
            if start >= sentence_start and len(firsts) == item.groups:
                found = firsts
        return found

    def host(self, i: int) -> int | None:
        """The value an aside holding fact ``i`` refines: the one right before its bracket."""
        doc, f = self._doc, self._hosts[i]
        b = doc.seg.bracket(f.start)
        if b is None:
            return None
        opening = b[0]
        k = bisect.bisect_left(self._starts, opening) - 1
        if k < 0 or doc.norm[self._hosts[k].end:opening].strip():
            return None
        return k

    # ------------------------------------------------------------------ chains

    def _find_slots(self, item: ListItem, ss: int) -> list[Slot] | None:
        n = item.groups
        if n < 2:
            return None
        doc, vl = self._doc, item.values
        lo, hi = ss, vl.start
        cue_chain = self._cue_chain(lo, hi, n)
        term_chain = self._term_chain(lo, hi, n)
        best = max((c for c in (cue_chain, term_chain) if c is not None), key=lambda c: c[0], default=None)
        if best is None:
            return self._respectively(lo, vl, n)
        end, slots = best
        # a chain in an earlier clause counts only when the sentence says the
        # values go in order (分别, respectively) or the lists are long
        cs = doc.seg.clause_start(vl.start)
        if cs > end:
            # a chain in an earlier clause counts only when the list's own clause
            # names no metric and the sentence says the values go in order
            # (分别, respectively) or the lists are long
            if any(c.rule.metric is not None for c in doc.cues_in(cs, vl.start)):
                return None
            if n < 3 and not _RESPECTIVELY.search(doc.norm, end, vl.end + 16):
                return None
        return slots

    def _respectively(self, lo: int, vl: ValueList, n: int) -> list[Slot] | None:
        """收入 202 亿元、净利润 56 亿，增速分别为 44%、82%: the metrics named before
        分别 / respectively, in order, one for each value of the list."""
        doc = self._doc
        marker = None
        for m in _RESPECTIVELY.finditer(doc.norm, lo, vl.end + 16):
            marker = m
        if marker is None:
            return None
        cues: list[Candidate] = []
        for c in doc.cues_in(lo, min(marker.start(), vl.start)):
            if c.rule.metric is not None and c.rule.role != "change" \
                    and c.rule.metric not in [x.rule.metric for x in cues]:
                cues.append(c)
        if len(cues) < n:
            return None
        # the nearest n: a sentence may name other metrics further back
        return [Slot(c, " ".join(doc.source[c.start:c.end].split())) for c in cues[-n:]]

    def _cue_chain(self, lo: int, hi: int, n: int) -> tuple[int, list[Slot]] | None:
        """The last run of ``n`` metric cues joined by 和 / 、 / and before ``hi``."""
        doc = self._doc
        cues = [c for c in doc.cues_in(lo, hi) if c.rule.metric is not None and c.end <= hi]
        found = None
        run: list[Candidate] = []
        for c in cues:
            if run and _CUE_JOIN.fullmatch(doc.norm, run[-1].end, c.start):
                run.append(c)
            else:
                run = [c]
            if len(run) == n:
                found = list(run)
        if found is None:
            return None
        return found[-1].end, [Slot(c, " ".join(doc.source[c.start:c.end].split())) for c in found]

    def _term_chain(self, lo: int, hi: int, n: int) -> tuple[int, list[Slot]] | None:
        """The last chain of ``n`` terms joined by / or 、 before ``hi``, with the
        head the terms share: 基建/设计/制造/地产营收 -> 基建营收, 设计营收, ..."""
        doc = self._doc
        best = None
        for m in _TERM_CHAIN.finditer(doc.norm, lo, hi):
            spans = _split(m.start(), m.end(), doc.norm)
            if len(spans) != n:
                continue
            # the first term may begin with a period or a value: 2021H1汾酒, 88 亿元、净利润
            first = doc.without_times(spans[0])
            if first is None:
                continue
            cut = doc.value_end_before(first[1])
            spans[0] = (max(first[0], cut), first[1])
            # terms are words, not clauses, periods (Q1/Q2) or values: 基建/设计/制造
            if spans[0][0] < spans[0][1] and all(e - s <= _TERM_MAX for s, e in spans[1:-1]) \
                    and spans[-1][1] - spans[-1][0] <= 2 * _TERM_MAX \
                    and not any(doc.has_time(s, e) or doc.value_end_before(e) > s for s, e in spans[1:]):
                best = spans
        if best is None:
            return None
        return self._term_slots(best)

    def _term_slots(self, spans: list[tuple[int, int]]) -> tuple[int, list[Slot]] | None:
        doc = self._doc
        norm = doc.norm
        s0, e0 = spans[0]
        lead = _TERM_LEAD.match(norm, s0, e0)
        if lead is not None and lead.end() < e0:
            spans[0] = (lead.end(), e0)
        ls, le = spans[-1]
        head_cue: Candidate | None = None
        tail = _TERM_TAIL.search(norm, ls + 1, le)
        te = tail.start() if tail is not None else le    # where the last term ends
        spans[-1] = (ls, te)
        ending = [c for c in doc.cues_in(ls, te) if c.rule.metric is not None and c.end == te]
        after = [c for c in doc.cues_in(te, le + 12) if c.rule.metric is not None] if tail is not None else []
        width = max(e - s for s, e in spans[:-1])
        if ending:
            # 基建/设计/地产营收: the last term ends with the head the others share;
            # where the cue is the whole term (销售、管理费用), the head is what the
            # term has beyond the others (费用)
            head_cue = ending[-1]
            head_start = head_cue.start if head_cue.start > ls else min(ls + width, te)
            head = self._text(head_start, te)
            last_subject = self._text(ls, te)
        elif after:
            # 直销/代理/电商平台分别实现收入: the head comes after the terms
            head_cue = after[0]
            head = self._text(head_cue.start, head_cue.end)
            last_subject = self._text(ls, te) + head
        else:
            # no cue names the head: it is what the last term has beyond the others
            head = self._text(ls + width, te) if te - ls > width else ""
            last_subject = self._text(ls, te)
        if any(e <= s for s, e in spans):
            return None
        subjects = [self._text(s, e) + head for s, e in spans[:-1]] + [last_subject]
        return spans[-1][1], [Slot(head_cue, subject) for subject in subjects]

    def _text(self, s: int, e: int) -> str:
        return "".join(self._doc.source[s:e].split())


def _split(start: int, end: int, norm: str) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in _TERM_SPLIT.finditer(norm, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return spans


class Pairs:
    """分别 / respectively: pairs the metrics a sentence names with its values in order.

    Computed once per sentence during one ``explain`` call (local state).
    """

    __slots__ = ("_done",)

    def __init__(self) -> None:
        self._done: dict[int, dict[int, Candidate]] = {}

    def cue_for(self, doc: Doc, facts: Sequence[Fact], i: int,
                ss: int, se: int) -> Candidate | None:
        if ss not in self._done:
            self._done[ss] = self._pair(doc, facts, i, ss, se)
        return self._done[ss].get(i)

    @staticmethod
    def _pair(doc: Doc, facts: Sequence[Fact], i: int, ss: int, se: int) -> dict[int, Candidate]:
        marker = _RESPECTIVELY.search(doc.norm, ss, se)
        if marker is None:
            return {}
        # the facts of this sentence
        lo = i
        while lo > 0 and facts[lo - 1].start >= ss:
            lo -= 1
        hi = i
        while hi + 1 < len(facts) and facts[hi + 1].end <= se:
            hi += 1
        idx = list(range(lo, hi + 1))
        if not idx:
            return {}
        first_value = facts[idx[0]].start
        cut = marker.start() if marker.group().startswith("分") else first_value
        cues: list[Candidate] = []
        for c in doc.cues_in(ss, min(cut, first_value)):
            if c.rule.role == "change" and c.rule.metric is None:
                continue
            if c.rule.metric not in [x.rule.metric for x in cues]:
                cues.append(c)
        values = [k for k in idx if facts[k].start >= cut or cut == first_value]
        if len(cues) < 2 or len(values) != len(cues):
            return {}
        return {k: c for k, c in zip(values, cues)}
