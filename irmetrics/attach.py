"""Metric attachment: which metric a value states, and of what.

``营收 61 億元(+16.5%YoY)`` has two values; the words around them say the
first is revenue and the second its change.  Metric packs (``type =
"metrics"``) hold *cues*: patterns for the words that name a metric (营收,
gross margin, 利用率) or mark a change (同比增长, YoY, higher).  The attacher

1. scans the text once for every cue (see Note [Anchored cue scan]),
   reading only the sentences that hold a value (each character at most once,
   left to right), plus the question an IR answer replies to;
2. for each value picks the cue that governs it: one right after the value
   (``300 多名工程师``, ``$143 million in dividends``, ``28% of``), else the
   nearest one before it in its clause, else a sentence-scope cue in an
   earlier clause of the sentence, else the question's;
3. turns the metric into ``<metric>_change`` when a change word governs the
   value, or when the unit says so (a percentage of an amount, points of a
   ratio);
4. reads the subject -- the words naming what is measured -- from the words
   around the value and the cue.

Every step after the scan looks at the clause or sentence of one value only,
so the work per value is bounded and the whole stays linear in the text.

The word lists that delimit a subject live in ``packs/common.toml`` (the
``SUBJECT_*`` and ``NOUN_*`` definitions), not here; sentences, clauses
and Q&A turns come from :mod:`irmetrics.segment`.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from types import MappingProxyType
from typing import Sequence

import regex

from .context import opener, settle
from .cues import COST_METRICS, CueScanner, Doc, after_word, favourable, lower, metric_for, ratio_family
from .frames import Frames, Pairs
from .match import TIMEOUT, Candidate
from .model import Fact, FactKind
from .rules import LANGS, Rule, RulePack, is_builtin
from .segment import Segments
from .phrases import AFTER_GAP, text_of
from .subjects import SubjectReader

__all__ = ["MetricAttacher", "Attachment"]

# A clause or sentence never reaches further than this from its value:
# it bounds the work per value in text without punctuation.
_CLAUSE_BACK, _CLAUSE_AHEAD = 240, 160
_SENT_BACK, _SENT_AHEAD = 480, 240
_WINDOW_JOIN = 16       # windows closer than this are scanned as one
_ANSWER_REACH = 240     # how far into an answer its question's metric carries

_FACT_FIELDS = tuple(fl.name for fl in dataclasses.fields(Fact))
# Words between a change word and a value that make the value a level, not
# the change: 增长至 12 亿元, increased 5% to $2.3 billion, from $1.2 billion.
_CANCEL = regex.compile(r"\bto\b|\bfrom\b|至|到|达到|从", regex.IGNORECASE)
# "$400 million of cash", "12 亿元的订单", "$143 million in dividends" -- but
# not "4.3% in the fourth quarter".
_OF_GAP = regex.compile(r"""\s*(?:的|of\s|in\s(?!\s*(?:the\s+|this\s+|our\s+)?(?:first|second|third|fourth|fiscal|full
                          |same|prior|last|this|next|each|every|current|coming|previous|preceding|latest|most|past
                          |[0-9]|q[1-4]|quarter|year|h[12]|period|month|week)))""",
                        regex.IGNORECASE | regex.VERBOSE)
_AS_PERCENT_OF = regex.compile(r"\bas\s+a\s+(?:percentage|percent|%)\s+of\b|占[^，。；]{0,10}?的?比(?:例|重)", regex.IGNORECASE)
_COMPARED = regex.compile(r"(?:\b(?:compared\s+(?:to|with)|versus|vs\.?|against)|相比|对比)\s*(?:an?\s+|the\s+)?\Z",
                          regex.IGNORECASE)
# A change said as a noun after the value: 30% 的增速, 5% 的下滑
_CHANGE_NOUN_ZH = regex.compile(r"增速|增长|增幅|涨幅|降幅|跌幅|下滑|下降|提升|改善")
_LABEL = regex.compile(r" ?[:：]")
# (past the period the change was of: "from $3.8 million in the prior quarter to $2.6 million")
_ENDS_AT = regex.compile(r"\s*(?:(?:in|for|during)\s+[^,;.，；。]{1,40}?\s+)?(?:至|到|to)\s*", regex.IGNORECASE)
_DENOMINATOR = regex.compile(r"\bas\s+a\s+(?:percentage|percent|%)\s+of\s+(?:total\s+|net\s+)?\Z", regex.IGNORECASE)
_COORDINATED = regex.compile(r"\s*(?:and|&|和|及|与|以及|、|/)\s*", regex.IGNORECASE)
_ADJECTIVAL = regex.compile(r"-(?:year|month|week|day)\Z|期\Z", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A value fact with its metric and subject, and the cues that decided them.

    ``rule`` is the metric cue's rule (None when no metric applies);
    ``change`` the change word's rule when one made the metric a change.
    """

    fact: Fact
    rule: Rule | None = None
    change: Rule | None = None



class MetricAttacher:
    """Metric packs compiled once; attaches metric and subject to value facts.

    Immutable after construction and safe to share between threads.
    """

    __slots__ = ("packs", "_scanners", "_subjects")

    def __init__(self, packs: Sequence[RulePack]) -> None:
        metric_packs = tuple(p for p in packs if p.type == "metrics")
        rules = [r for p in metric_packs for r in p.rules]
        init = object.__setattr__
        init(self, "packs", metric_packs)
        # One scanner per language: a rule limited to English never fires in
        # Chinese text (rules for both languages are in both scanners).
        init(self, "_scanners", MappingProxyType(
            {lang: CueScanner([r for r in rules if lang in r.langs],
                               frozenset(p.name for p in metric_packs if is_builtin(p)))
             for lang in LANGS}))
        init(self, "_subjects", SubjectReader())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"MetricAttacher is immutable: cannot set {name!r}")

    # ------------------------------------------------------------------ API

    def attach(self, seg: Segments, source: str, facts: list[Fact],
               times: Sequence[Fact] = ()) -> list[Fact]:
        """The same facts, in the same order and spans, with metric and subject set.

        ``seg`` is the structure of the normalised text of ``source``;
        ``times`` the document's time facts (no subject is a period).
        """
        return [a.fact for a in self.explain(seg, source, facts, times)]

    def explain(self, seg: Segments, source: str, facts: Sequence[Fact],
                times: Sequence[Fact] = ()) -> list[Attachment]:
        """Like :meth:`attach`, also naming the cue rules behind each metric."""
        if not facts:
            return []
        doc = Doc(seg, source, sorted(f.end for f in facts), [(t.start, t.end) for t in times])
        spans = [self._spans(seg, f) for f in facts]
        self._scan(doc, spans)
        out: list[Attachment] = []
        pairs = Pairs()
        frames = Frames(doc, facts)
        for i, f in enumerate(facts):
            out.append(self._attach_one(doc, facts, i, spans[i], out, pairs, frames))
        return settle(doc, out, self._subjects)

    @staticmethod
    def _spans(seg: Segments, f: Fact) -> tuple[int, int, int, int]:
        """A value's clause and sentence: (clause start, clause end, sentence start, sentence end),
        never reaching further than a few hundred characters from the value."""
        cs, ce = seg.clause(f.start)
        ss, se = seg.sentence(f.start)
        cs, ce = max(cs, ss, f.start - _CLAUSE_BACK), min(ce, se, f.end + _CLAUSE_AHEAD)
        ss, se = max(ss, f.start - _SENT_BACK), min(se, f.end + _SENT_AHEAD)
        return cs, max(ce, f.end), ss, max(se, f.end)

    # ------------------------------------------------------------------ scanning

    def _scan(self, doc: Doc, spans: Sequence[tuple[int, int, int, int]]) -> None:
        """Find every cue in the windows the facts need, in one left-to-right pass,
        each window read with the cues of its sentence's language."""
        seg = doc.seg
        windows = [(ss, ce) for _, ce, ss, _ in spans]
        for t in seg.turns:
            windows.append((t.question_start, doc.question_of(t.answer_start)[1]))
        windows.sort()
        merged: list[tuple[int, int, str]] = []
        for lo, hi in windows:
            lang = seg.lang_at(lo)
            # windows a few characters apart are read as one: a scan costs more
            # to start than a short stretch of text does to read
            if merged and lo <= merged[-1][1] + _WINDOW_JOIN and merged[-1][2] == lang:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi, lang)
            else:
                merged.append((lo, hi, lang))
        low = lower(doc.norm)
        cues: list[Candidate] = []
        deadline = time.monotonic() + TIMEOUT
        for lo, hi, lang in merged:
            if cues and cues[-1].end > lo:
                lo = cues[-1].end
            cues.extend(self._scanners[lang].scan(doc.norm, low, lo, hi, deadline))
        doc.set_cues(cues)

    # ------------------------------------------------------------------ one fact

    def _attach_one(self, doc: Doc, facts: Sequence[Fact], i: int, spans: tuple[int, int, int, int],
                    done: list[Attachment], pairs: Pairs, frames: Frames) -> Attachment:
        f = facts[i]
        cs, ce, ss, se = spans
        if f.kind is FactKind.DURATION:
            # "2 年", "seven years": how long, not a measured metric; a label may say of what
            label = self._subjects.frame(doc, cs, f.start)
            if label is None and (_ADJECTIVAL.search(f.text) or doc.norm.startswith("的", f.end)):
                # "a seven-year agreement", "五年期的运营": the duration of what follows
                label = self._subjects.noun_after(doc, f, ce, skip_gap=True)
            return Attachment(_labelled(f, None, text_of(doc, label)) if label is not None else f)
        if f.kind is FactKind.COUNT and self._subjects.words.rank.search(doc.norm, max(0, f.start - 8), f.start):
            return Attachment(f)   # 前五大客户, top 10 customers: a rank, not a count
        framed = self._framed(doc, facts, i, cs, done, frames, ss)
        if framed is not None:
            return framed
        frame = self._subjects.frame(doc, cs, f.start)
        if frame is not None and _DENOMINATOR.search(doc.norm, max(cs, frame[0] - 32), frame[0]):
            frame = None   # the base of a ratio names no subject: "costs as a percent of sales"
        noun = self._subjects.noun_after(doc, f, ce) if f.kind in (FactKind.COUNT, FactKind.NUMBER,
                                                          FactKind.QUANTITY) else None
        # "$400 million of cash returned", "12 亿元的订单": the value says what it measures
        of_noun = None
        gap = _OF_GAP.match(doc.norm, f.end, ce) if noun is None else None
        # "in" names what an amount is of ("$143 million in dividends"), not a percentage's
        if gap is not None and (f.kind is FactKind.MONEY or not gap.group().strip().lower().startswith("in")):
            of_noun = self._subjects.noun_after(doc, f, ce, skip_gap=True)
            if of_noun is not None and doc.has_time(*of_noun):
                of_noun = None   # "$7.8 million in the current quarter": a period, not what it measures
        after_changes = self._after_changes(doc, f, ce)

        choice: tuple[Candidate, str, Rule | None, str] | None = None  # cue, metric, change rule, where
        # 0. "$42.4 million" in "net income of $32.9 million compared to $42.4 million"
        # is the same metric, for another period: it continues the value it is compared with
        if _prev_in_sentence(done, ss) is not None and _COMPARED.search(doc.norm, max(cs, f.start - 24), f.start):
            for p in reversed(done[-4:]):
                if p.fact.start < ss:
                    break
                if p.fact.kind is f.kind and p.fact.unit == f.unit:
                    if p.fact.metric or p.fact.subject:
                        return Attachment(_labelled(f, p.fact.metric, p.fact.subject), p.rule, p.change)
                    break
        # 1. 分别 / respectively: the i-th metric named goes with the i-th value
        paired = pairs.cue_for(doc, facts, i, ss, se)
        if paired is not None:
            choice = self._try(doc, paired, f, cs, after_changes, "pair")
        # 2. a cue right after the value, or inside the noun a count counts
        if choice is None:
            for c in doc.cues_in(f.start + 1, ce):
                if c.rule.role == "change" and c.rule.metric is None:
                    continue
                if c.end < f.end or (c.end == f.end and c.start <= f.start):
                    continue   # (a cue may end with the value: "$0.25 per share")
                in_noun = (noun is not None and c.start < noun[1]) or (of_noun is not None and of_noun[0] <= c.start < of_noun[1])
                # a cue may begin inside the value it follows: "80%以上的" begins at "%"
                gap = AFTER_GAP.match(doc.norm, f.end, c.start) if c.start >= f.end else None
                if in_noun or c.start < f.end or (gap is not None and gap.end() == c.start):
                    choice = self._try(doc, c, f, cs, after_changes, "after")
                if choice is not None or not in_noun:
                    break
        # 3. the nearest cue before the value in its clause -- unless the words
        # right before the value name something no cue covers ("经营现金流 5 亿元")
        blocked = False
        if choice is None:
            before = [c for c in doc.cues_in(cs, f.start) if c.end <= f.start + 1
                      and not (c.rule.role == "change" and c.rule.metric is None)]
            if frame is not None and not any(c.end > frame[0] for c in before):
                joined = [c for c in before if _COORDINATED.fullmatch(doc.norm, c.end, frame[0])]
                if joined:
                    # "interest expense and finance charges were $42 million": the
                    # words before the value continue the cue's phrase
                    phrase = self._subjects.np_before(doc, cs, joined[-1].end, frames=False)
                    frame = (phrase[0] if phrase is not None else joined[-1].start, frame[1])
                else:
                    blocked = True
            if of_noun is not None or (doc.lang_at(f.start) == "en" and frame is None and noun is None and not after_changes
                                       and self._subjects.adjacent_noun(doc, f) is not None):
                blocked = True
            if not blocked:
                for c in reversed(before):
                    if _DENOMINATOR.search(doc.norm, max(cs, c.start - 32), c.start):
                        continue   # "costs as a percent of sales were 2.7%": sales is the base
                    choice = self._try(doc, c, f, cs, after_changes, "clause")
                    if choice is not None:
                        break
        # a change said right after a value continues that value (its metric, or
        # at least its subject): "省外营收占比 60.7%，同比增加 6.5 个百分点" changes
        # the share, not the revenue; "研发投入 1.08 亿元，同比增长 16.7%" changes
        # the 研发投入, not anything named earlier
        prev = done[-1].fact if done and done[-1].fact.start >= ss else None
        if choice is None and not blocked and frame is None and prev is not None \
                and (prev.metric or prev.subject) and self._changed(doc, f, cs, after_changes) \
                and not any(c.rule.metric is not None for c in doc.cues_in(prev.end, f.start)):
            return self._continued(doc, f, done[-1], cs)
        # the level a change ends at is the same thing's: "公路新签同比+29%至 1157 亿元"
        if choice is None and prev is not None and prev.subject and prev.end > cs \
                and _ENDS_AT.fullmatch(doc.norm, prev.end, f.start):
            return self._level_of(doc, f, done[-1], cs)
        # 4. a sentence-scope cue in an earlier clause of the sentence
        if choice is None and not blocked and frame is None:
            for c in reversed(doc.cues_in(ss, cs)):
                if c.rule.scope != "sentence" or (c.rule.role == "change" and c.rule.metric is None):
                    continue
                if _is_label(doc.norm, c, f):
                    continue
                choice = self._try(doc, c, f, cs, after_changes, "sentence")
                if choice is not None:
                    break
        # 5. the question an answer replies to
        if choice is None and not blocked and frame is None and not doc.cues_in(ss, cs):
            qspan = doc.question_of(f.start)
            if qspan is not None and f.start - doc.answer_start(f.start) <= _ANSWER_REACH:
                for c in reversed(doc.cues_in(*qspan)):
                    if (c.rule.role == "change" and c.rule.metric is None) or _is_label(doc.norm, c, f):
                        continue
                    choice = self._try(doc, c, f, cs, after_changes, "question")
                    if choice is not None:
                        break

        if choice is None and f.kind is FactKind.PERCENT and f.unit == "percent" \
                and not any(c.rule.metric is not None for c in doc.cues_in(cs, f.start)):
            # (a metric word in the clause that could not be read is no business's growth)
            implied = self._implied(doc, f, cs, frame or opener(doc, ss), after_changes)
            if implied is not None:
                return implied
        if choice is None:
            changed_after = bool(self._after_changes(doc, f, min(len(doc.norm), f.end + 30)))
            subject = self._subjects.subject_plain(doc, f, frame, noun, of_noun, changed_after)
            return Attachment(_labelled(f, None, subject) if subject else f)
        cue, metric, change_rule, where = choice
        fact = f
        base = metric[:-7] if metric.endswith("_change") else metric
        if base in COST_METRICS and (f.kind is FactKind.PERCENT or metric != base):
            fact = favourable(doc.norm, fact)
        subject = self._subjects.subject(doc, fact, cue, where, frame, noun or of_noun, metric, done, ss, cs)
        return Attachment(_labelled(fact, metric, subject or None), cue.rule, change_rule)

    def _framed(self, doc: Doc, facts: Sequence[Fact], i: int, cs: int, done: list[Attachment],
                frames: Frames, ss: int) -> Attachment | None:
        """A value whose list or aside says what it is (see :mod:`irmetrics.frames`)."""
        f = facts[i]
        item = frames.item(i)
        if item is not None:
            slots = frames.slots(item, ss)
            if slots is not None:
                slot = slots[item.group]
                choice = None
                if slot.cue is not None:
                    choice = self._try(doc, slot.cue, f, cs, self._after_changes(doc, f, len(doc.norm)),
                                       "pair", since=item.values.start)
                if choice is None:
                    return Attachment(_labelled(f, None, slot.subject or None))
                return Attachment(_labelled(f, choice[1], slot.subject or None), slot.cue.rule, choice[2])
            # a list of changes after a list of levels of the same length changes
            # them in order: "净利润 14.3/16.6/19.2 亿元，增速分别为 20%/15%/16%"
            earlier = frames.earlier(item, ss) if f.kind is FactKind.PERCENT else None
            list_cs = doc.seg.clause_start(item.values.start)
            if earlier is not None and not any(c.rule.metric is not None for c in doc.cues_in(list_cs, item.values.start)) \
                    and self._changed(doc, facts[item.head], cs, self._after_changes(doc, f, len(doc.norm))):
                return self._continued(doc, f, done[earlier[item.group]], cs)
            if item.index > 0:
                return self._continued(doc, f, done[item.first], cs)
            if item.group > 0:
                return self._continued(doc, f, done[item.head], cs)
        host = frames.host(i)
        if host is not None:
            b = doc.seg.bracket(f.start)
            own = [c for c in doc.cues_in(b[0], f.start) if c.rule.metric is not None]
            if not own:
                return self._continued(doc, f, done[host], cs)
        return None

    def _changed(self, doc: Doc, f: Fact, cs: int, after_changes: list[Candidate]) -> Candidate | None:
        """The change word that makes ``f`` a change (before it in its clause, or right after it)."""
        if after_changes:
            return after_changes[0]
        lo = max(cs, doc.value_end_before(f.start))
        for d in reversed(doc.cues_in(lo, f.start)):
            if d.rule.role == "change" and d.end <= f.start + 1 and not _CANCEL.search(doc.norm, d.end, f.start):
                return d
        return None

    def _implied(self, doc: Doc, f: Fact, cs: int, frame: tuple[int, int] | None,
                 after_changes: list[Candidate]) -> Attachment | None:
        """Growth said of a business with no metric word is a change of the metric
        the change word ``implies`` (the built-in change words: revenue, as in
        "Latin America grew 7%", "黄金饰品有 30%+ 的增速"); the business is the
        subject.  Growth of a measure that is no business (traffic, 库存,
        headcount) implies nothing."""
        change = self._changed(doc, f, cs, after_changes) if frame is not None else None
        if change is None or change.rule.implies is None:
            return None
        subject = self._subjects.business(doc, frame)
        if subject is None:
            return None
        return Attachment(_labelled(f, f"{change.rule.implies}_change", subject), None, change.rule)

    def _level_of(self, doc: Doc, f: Fact, prev: Attachment, cs: int) -> Attachment:
        """The level a change of ``prev`` ends at: ``prev``'s subject, and its metric
        as a level where the kinds fit."""
        metric = metric_for(prev.rule, f, False, True) if prev.rule is not None else None
        return Attachment(_labelled(f, metric, prev.fact.subject), prev.rule if metric else None)

    def _continued(self, doc: Doc, f: Fact, prev: Attachment, cs: int) -> Attachment:
        """A value that continues an earlier one: its metric (or that metric's
        change, as the kinds say) and its subject."""
        if prev.rule is None:
            return Attachment(_labelled(f, None, prev.fact.subject))
        after = self._after_changes(doc, f, len(doc.norm))
        before = [d for d in doc.cues_in(cs, f.start) if d.rule.role == "change" and d.end <= f.start + 1]
        metric = metric_for(prev.rule, f, bool(after or before or prev.change))
        if metric is None:
            return Attachment(_labelled(f, None, prev.fact.subject))
        change = (after or before or [None])[0]
        return Attachment(_labelled(f, metric, prev.fact.subject), prev.rule,
                          (change.rule if change is not None else prev.change) if metric.endswith("_change") else None)

    def _try(self, doc: Doc, c: Candidate, f: Fact, cs: int, after_changes: list[Candidate],
             where: str, since: int | None = None) -> tuple[Candidate, str, Rule | None, str] | None:
        """The metric cue ``c`` gives ``f``, or None when their kinds do not fit.

        ``since``: change words after this offset count (the start of the
        list ``f`` is in: a change word before a list changes all its items).
        """
        rule = c.rule
        # change words between the cue (or the clause start) and the value
        lo = c.end if cs <= c.start < f.start else cs
        # a change word before an earlier value is that value's: "down $90 million
        # in EBITDA and yet maintained 30% EBITDA margins"
        prev_end = doc.value_end_before(f.start) if since is None else min(since, f.start)
        lo = max(lo, prev_end) if since is None else max(min(lo, since), doc.value_end_before(since))
        change: Rule | None = None
        level = False   # a change word that ends at a level: "decreased from 86.5% to 79.3%"
        for d in doc.cues_in(lo, f.start):
            if d.rule.role == "change" and d is not c and d.end <= f.start + 1:
                if prev_end and not doc.norm[prev_end:d.start].strip(" )）"):
                    continue   # "grew 72% sequentially and ...": the earlier value's word
                if not _CANCEL.search(doc.norm, d.end, f.start):
                    change, level = d.rule, False
                else:
                    level = True
        if where == "after" and change is not None and ratio_family(rule) and rule.subject:
            # "扣非净利润增长 12.69% 的不俗成绩": after a change word the value is a
            # change of what the words before it name, not a share of what follows
            # (a cue that names its metric outright still holds: "80 bps of market share")
            return None
        if change is None and after_changes:
            change, level = after_changes[0].rule, False
        metric = metric_for(rule, f, change is not None, level)
        if f.kind is FactKind.PERCENT and (metric is None or (change is None and metric.endswith("_change"))) \
                and _AS_PERCENT_OF.search(doc.norm, max(0, cs - 200), f.start) is not None:
            # "As a percentage of sales, expenses were 27%": the amount said as a
            # ratio of sales (its level; points of it are its change)
            if FactKind.MONEY in rule.kinds and rule.metric is not None:
                metric = rule.metric + ("_change" if f.unit in ("percentage_point", "bp") else "")
            else:
                metric = metric_for(rule, f, False, True)
        if metric is None:
            return None
        return c, metric, change if metric.endswith("_change") else None, where

    def _after_changes(self, doc: Doc, f: Fact, ce: int) -> list[Candidate]:
        """Change words right after a value: 37% higher, +16.5%YoY, $44 million lower,
        and the Chinese change noun after 的: 30% 的增速."""
        out = []
        for c in doc.cues_in(f.start + 1, min(ce, f.end + 24)):
            if c.rule.role != "change":
                continue
            gap = (doc.norm[f.end:c.start] if c.start > f.end else "").strip(" )）")
            if (not gap and (c.start < f.end or after_word(doc.norm[c.start:c.end]))) \
                    or (gap == "的" and _CHANGE_NOUN_ZH.match(doc.norm, c.start)):
                out.append(c)
            break
        return out

    # ------------------------------------------------------------------ subjects


def _is_label(norm: str, c: Candidate, f: Fact) -> bool:
    """A cue that labels a field ("参会单位及人员：", "Customers:") governs nothing
    after it -- but the value the label itself introduces ("Backlog: $2.1 billion")."""
    m = _LABEL.match(norm, c.end)
    return m is not None and bool(norm[m.end():f.start].strip(" 约大约超过不超过至少近"))


def _labelled(f: Fact, metric: str | None, subject: str | None) -> Fact:
    """``f.with_(metric=..., subject=...)`` without ``dataclasses.replace``'s
    per-call field introspection: a copy of a valid fact with two text fields
    set is valid, so it is built field by field (this runs once per value of
    every document)."""
    g = object.__new__(Fact)
    setattr_ = object.__setattr__
    for name in _FACT_FIELDS:
        setattr_(g, name, getattr(f, name))
    setattr_(g, "metric", metric)
    setattr_(g, "subject", subject)
    return g


def _prev_in_sentence(done: list[Attachment], ss: int) -> Attachment | None:
    """The attachment of the value before this one, when it is in the same sentence."""
    return done[-1] if done and done[-1].fact.start >= ss else None
