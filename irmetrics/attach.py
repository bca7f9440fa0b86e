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
``SUBJECT_*``, ``NOUN_*`` and ``QA_*`` definitions), not here.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import string
import time
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Sequence

import regex

from .match import TIMEOUT, Candidate, Scanner, compile_rule
from .model import Fact, FactKind
from .errors import IrmetricsError, PackError
from .rules import FLAGS, LANGS, Rule, RulePack, _common_defs, _expand, is_builtin

__all__ = ["MetricAttacher", "Attachment"]

# Sentence and clause marks.  One pass of the C engine (``re``) finds the
# candidate characters; the few that need context (a full stop, a comma or a
# colon) are judged in Python: a comma or colon between digits (1,234 / 1:2 /
# 16:00) and a full stop inside a number or after an abbreviation are no marks.
_SENT_MARKS = re.compile(r"[。！？!?\n]")
_PERIODS = re.compile(r"\.(?=\s|\Z)")
# 、 joins the items of one enumeration: "300 多所科研机构、400 多所高校" is one clause
_CLAUSE_MARKS = re.compile(r"[，；;（）(),:：](?!(?<=[0-9][,:：])[0-9])")
_ABBREVIATIONS = frozenset({"vs", "no", "inc", "co", "mr", "ms", "dr", "st", "u.s", "e.g", "i.e", "approx",
                            "corp", "ltd", "jr", "sr", "fig", "est", "avg"})

# A clause or sentence never reaches further than this from its value:
# it bounds the work per value in text without punctuation.
_CLAUSE_BACK, _CLAUSE_AHEAD = 240, 160
_SENT_BACK, _SENT_AHEAD = 480, 240
_QUESTION_BACK = 3000   # how far back an answer's question may start
_QUESTION_LEN = 300     # how much of a question is read
_WINDOW_JOIN = 16       # windows closer than this are scanned as one
_ANSWER_REACH = 240     # how far into an answer its question's metric carries
_NP_MAX = 16            # characters in a Chinese subject
_NP_WORDS = 8           # words in an English subject
_NOUN_WORDS = 5         # words in the noun after an English count

_FACT_FIELDS = tuple(fl.name for fl in dataclasses.fields(Fact))
_RATIO_KINDS = frozenset({FactKind.PERCENT, FactKind.RATIO})
_POINTS = frozenset({"percentage_point", "bp"})
# A favourable variance of a cost line is a decrease of the cost ("labor was
# 90 basis points favorable"); the value grammar cannot know the line is a cost.
_COST_METRICS = frozenset({"cost", "capex"})
_FAVOURABLE = regex.compile(r"\s*(?:(?P<good>favou?rable|of\s+favou?rability)|(?P<bad>unfavou?rable|of\s+unfavou?rability))(?![a-z])",
                            regex.IGNORECASE)
# Words between a change word and a value that make the value a level, not
# the change: 增长至 12 亿元, increased 5% to $2.3 billion, from $1.2 billion.
_CANCEL = regex.compile(r"\bto\b|\bfrom\b|至|到|达到|从", regex.IGNORECASE)
# What may sit between a value and a cue right after it: 的, of, in, spaces.
_AFTER_GAP = regex.compile(r"""\s*(?:(?:的|之)|(?:(?:increase|decrease|growth|decline|improvement|rise|reduction|drop)\s+)?
                               (?:of|in|from|for)(?:\s+(?:the|our|its|their|total|all|consolidated))?(?=\s))?\s*""",
                           regex.IGNORECASE | regex.VERBOSE)
# "$400 million of cash", "12 亿元的订单", "$143 million in dividends" -- but
# not "4.3% in the fourth quarter".
_OF_GAP = regex.compile(r"""\s*(?:的|of\s|in\s(?!\s*(?:the\s+|this\s+|our\s+)?(?:first|second|third|fourth|fiscal|full
                          |same|prior|last|this|next|each|every|[0-9]|q[1-4]|quarter|year|h[12])))""",
                        regex.IGNORECASE | regex.VERBOSE)
_GREW_EN = regex.compile(r"(?r)\b(?:grew|increased|expanded|improved|raised|doubled|tripled)\s+(?:its\s+|their\s+)?\Z",
                         regex.IGNORECASE)
_ADJ_NOUN = regex.compile(r"\s+([a-z][a-z\-]*)(?<!ly)(?![a-z])", regex.IGNORECASE)
_AS_PERCENT_OF = regex.compile(r"\bas\s+a\s+(?:percentage|percent|%)\s+of\b|占[^，。；]{0,10}?的?比(?:例|重)", regex.IGNORECASE)
_VERBS_AFTER = frozenset({"grew", "rose", "fell", "grow", "grows", "rise", "rises", "fall", "falls", "expand",
                          "expands", "drop", "drops", "improve", "improves", "decline", "declines"})
_TIME_END = regex.compile(r"(?:quarter|year|half|period|months?|weeks?|q[1-4]|[0-9]{2})\s*\Z", regex.IGNORECASE)
_COMPARED = regex.compile(r"(?:\b(?:compared\s+(?:to|with)|versus|vs\.?|against)|相比|对比)\s*(?:an?\s+|the\s+)?\Z",
                          regex.IGNORECASE)
_TAIL_EN = regex.compile(r"\s+(?:at|from|in)\s+(?:our\s+|the\s+)?((?:[A-Za-z][A-Za-z&'\-]*\s*){1,4})")
_RESPECTIVELY = regex.compile(r"分别|respectively", regex.IGNORECASE)
_TEMPLATE = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")
_HAN = regex.compile(r"\p{Han}")
# A word, a number or one other character; a full stop ends a word unless a
# letter or digit follows it (U.S., 2.5).
_WORD_EN = regex.compile(r"[A-Za-z0-9$€£%](?:[A-Za-z0-9&'’\-/%$]|\.(?=[A-Za-z0-9]))*|[^\sA-Za-z0-9]")
_UNIT_NOUNS = frozenset({"units", "unit", "pieces", "piece", "items", "item", "copies", "times", "sets"})
_PREP_IN_NP = frozenset({"of", "at", "from", "for", "in", "per", "on"})
_DETERMINERS = frozenset({"the", "our", "its", "their", "this", "a", "an"})
# An English word read as the head of a subject must not look like a verb
# form ("the company provided", "representing"), unless it is one of the nouns
# that end like one.
_VERB_FORM = regex.compile(r"(?:ed|ing)\Z")
_ING_NOUNS = frozenset({"pricing", "spending", "marketing", "advertising", "financing", "funding", "housing",
                        "banking", "trading", "manufacturing", "consulting", "licensing", "training",
                        "building", "engineering", "lending", "servicing", "offering", "offerings",
                        "earnings", "billing", "staffing", "shipping", "packaging", "catering",
                        "clothing", "bookings", "holdings", "savings", "listing", "listings"})


@dataclass(frozen=True, slots=True)
class Attachment:
    """A value fact with its metric and subject, and the cues that decided them.

    ``rule`` is the metric cue's rule (None when no metric applies);
    ``change`` the change word's rule when one made the metric a change.
    """

    fact: Fact
    rule: Rule | None = None
    change: Rule | None = None


@dataclass(frozen=True, slots=True)
class _Words:
    """The attacher's compiled word lists (from ``packs/common.toml``)."""

    frame_zh: regex.Pattern[str]
    frame_en: regex.Pattern[str]
    stop_zh: regex.Pattern[str]
    stop_en: frozenset[str]
    drop_zh: regex.Pattern[str]
    drop_en: regex.Pattern[str]
    time_tail_en: regex.Pattern[str]
    and_en: regex.Pattern[str]
    change_en: frozenset[str]
    noun_stop_zh: regex.Pattern[str]
    noun_stop_en: frozenset[str]
    rank: regex.Pattern[str]
    question: re.Pattern[str]
    answer: re.Pattern[str]


def _words_list(pattern: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in pattern.split("|") if w.strip())


@lru_cache(maxsize=1)
def _words() -> _Words:
    defs = _common_defs()

    def get(name: str) -> str:
        if name not in defs:
            raise PackError(f"missing definition {name} in the built-in common pack",
                            path="irmetrics/packs/common.toml", field="defs")
        return _expand("{" + name + "}", defs, PackError("", path="irmetrics/packs/common.toml",
                                                          field=name))

    flags = regex.VERBOSE | regex.IGNORECASE | regex.V0
    # (?r) searches leftwards from the end: the frame or stop word nearest the value.
    return _Words(
        # searched forwards in a short window ending at the value: the leftmost
        # start is the longest frame ("高达" rather than "达")
        frame_zh=regex.compile(rf"(?:{get('SUBJECT_FRAME_ZH')})\s*\Z", flags),
        # a linking word or a time phrase: "sales for the second quarter were"
        frame_en=regex.compile(rf"(?<![A-Za-z])(?:{get('SUBJECT_FRAME_EN')})\s*\Z", flags),
        stop_zh=regex.compile(rf"(?r){get('SUBJECT_STOP_ZH')}", flags),
        stop_en=_words_list(defs["SUBJECT_STOP_EN"]),
        drop_zh=regex.compile(rf"(?:{get('SUBJECT_DROP_ZH')})\s*", flags),
        drop_en=regex.compile(rf"(?:{get('SUBJECT_DROP_EN')})(?![A-Za-z])\s*", flags),
        time_tail_en=regex.compile(rf"\s(?:{get('SUBJECT_TIME_TAIL_EN')})\s*\Z", flags),
        and_en=regex.compile(rf"(?:{get('SUBJECT_AND_EN')})\Z", flags),
        change_en=_words_list(defs["SUBJECT_CHANGE_EN"]),
        noun_stop_zh=regex.compile(get("NOUN_STOP_ZH"), flags),
        noun_stop_en=_words_list(defs["NOUN_STOP_EN"]),
        rank=regex.compile(get("RANK_BEFORE"), flags),
        # Question and answer markers start a line; ``re`` finds them in one fast pass.
        question=re.compile(rf"(?m)^[ \t]*{_to_re(get('QA_QUESTION'))}"),
        answer=re.compile(rf"(?m)^[ \t]*{_to_re(get('QA_ANSWER'))}"),
    )


def _to_re(pattern: str) -> str:
    """A small ``regex`` pattern without VERBOSE white space, for ``re``."""
    return regex.sub(r"\s+(?![^\[]*\])", "", pattern).replace("\\s", r"\s")


# ---------------------------------------------------------------- cue scanning
#
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
def _prefixes(pattern: str, extra_chars: str = "") -> frozenset[str] | None:
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


def _lower(text: str) -> str:
    """Lower-cased text of the same length (``str.lower`` may lengthen a few letters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class _CueScanner:
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
            pres = _prefixes(r.pattern, extra)
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
        self._anchor = re.compile(f"(?=({_trie(starts)}))") if starts else None
        self._wide = Scanner(wide) if wide else None

    def scan(self, norm: str, low: str, lo: int, hi: int, deadline: float | None = None) -> list[Candidate]:
        """Cues in ``norm[lo:hi]``; ``deadline`` (``time.monotonic``) bounds the
        whole document's scan, so a pattern that backtracks cannot hang it."""
        out: list[Candidate] = []
        deadline = time.monotonic() + TIMEOUT if deadline is None else deadline
        if self._anchor is not None:
            done = lo
            compiled, rules, table, word_start = self._compiled, self.rules, self._table, self._word_start
            try:
                for a in self._anchor.finditer(low, lo, hi):
                    p = a.start()
                    if p < done:
                        continue
                    pre = a.group(1)
                    if pre in word_start and p and "a" <= low[p - 1] <= "z":
                        continue
                    for i in table[pre]:
                        m = compiled[i].match(norm, p, hi, timeout=max(0.001, deadline - time.monotonic()))
                        if m is not None and m.end() > p:
                            out.append(Candidate(rules[i], m))
                            done = m.end()
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


class _Doc:
    """One document's marks and cues: built per ``attach`` call, then read only."""

    __slots__ = ("norm", "source", "lang", "sent", "clause", "cues", "cue_starts", "qa", "value_ends")

    def __init__(self, norm: str, source: str, lang: str) -> None:
        self.norm, self.source, self.lang = norm, source, lang
        sent = [m.start() for m in _SENT_MARKS.finditer(norm)]
        for m in _PERIODS.finditer(norm):
            i = m.start()
            j = i
            while j > 0 and i - j < 8 and (norm[j - 1].isalpha() or norm[j - 1] == "."):
                j -= 1
            word = norm[j:i].lower()
            if word in _ABBREVIATIONS or len(word) == 1 or (i and norm[i - 1].isdigit()
                                                               and i + 1 < len(norm) and norm[i + 1] == " "
                                                               and i + 2 < len(norm) and norm[i + 2].islower()):
                continue   # vs. / No. / an initial / "1. item"
            sent.append(i)
        sent.sort()
        clause = sorted(sent + [m.start() for m in _CLAUSE_MARKS.finditer(norm)])
        self.sent, self.clause = sent, clause
        self.cues: list[Candidate] = []
        self.cue_starts: list[int] = []
        self.qa: list[tuple[int, int, int]] = []   # (question start, answer start, answer end)
        self.value_ends: list[int] = []

    def bounds(self, marks: list[int], start: int, end: int, back: int, ahead: int) -> tuple[int, int]:
        """The span between the marks around ``[start, end)``, at most back/ahead wide."""
        i = bisect.bisect_left(marks, start)
        lo = marks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(marks, end)
        hi = marks[j] if j < len(marks) else len(self.norm)
        return max(lo, start - back), min(hi, end + ahead)

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
        i = bisect.bisect_right(self.qa, (pos, len(self.norm), len(self.norm))) - 1
        for k in range(i, max(-1, i - 3), -1):
            q, a, e = self.qa[k]
            if a <= pos < e:
                return a
        return pos

    def question_of(self, pos: int) -> tuple[int, int] | None:
        """The question an answer holding ``pos`` replies to."""
        i = bisect.bisect_right(self.qa, (pos, len(self.norm), len(self.norm))) - 1
        # qa is sorted by question start; look at the last few that started before pos
        for k in range(i, max(-1, i - 3), -1):
            q, a, e = self.qa[k]
            if a <= pos < e:
                return q, min(a, q + _QUESTION_LEN)
        return None


class MetricAttacher:
    """Metric packs compiled once; attaches metric and subject to value facts.

    Immutable after construction and safe to share between threads.
    """

    __slots__ = ("packs", "_scanners", "_words")

    def __init__(self, packs: Sequence[RulePack]) -> None:
        metric_packs = tuple(p for p in packs if p.type == "metrics")
        rules = [r for p in metric_packs for r in p.rules]
        init = object.__setattr__
        init(self, "packs", metric_packs)
        # One scanner per language: a rule limited to English never fires in
        # Chinese text (rules for both languages are in both scanners).
        init(self, "_scanners", MappingProxyType(
            {lang: _CueScanner([r for r in rules if lang in r.langs],
                               frozenset(p.name for p in metric_packs if is_builtin(p)))
             for lang in LANGS}))
        init(self, "_words", _words())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"MetricAttacher is immutable: cannot set {name!r}")

    # ------------------------------------------------------------------ API

    def attach(self, norm: str, source: str, facts: list[Fact], lang: str) -> list[Fact]:
        """The same facts, in the same order and spans, with metric and subject set."""
        return [a.fact for a in self.explain(norm, source, facts, lang)]

    def explain(self, norm: str, source: str, facts: Sequence[Fact], lang: str) -> list[Attachment]:
        """Like :meth:`attach`, also naming the cue rules behind each metric."""
        if not facts:
            return []
        doc = _Doc(norm, source, lang if lang in LANGS else "en")
        doc.value_ends = sorted(f.end for f in facts)
        spans = [self._spans(doc, f) for f in facts]
        self._scan(doc, spans)
        out: list[Attachment] = []
        pairs = _Pairs()
        for i, f in enumerate(facts):
            out.append(self._attach_one(doc, facts, i, spans[i], out, pairs))
        return out

    @staticmethod
    def _spans(doc: _Doc, f: Fact) -> tuple[int, int, int, int]:
        """A value's clause and sentence: (clause start, clause end, sentence start, sentence end)."""
        cs, ce = doc.bounds(doc.clause, f.start, f.end, _CLAUSE_BACK, _CLAUSE_AHEAD)
        ss, se = doc.bounds(doc.sent, f.start, f.end, _SENT_BACK, _SENT_AHEAD)
        return max(cs, ss), max(min(ce, se), f.end), ss, max(se, f.end)

    # ------------------------------------------------------------------ scanning

    def _scan(self, doc: _Doc, spans: Sequence[tuple[int, int, int, int]]) -> None:
        """Find every cue in the windows the facts need, in one left-to-right pass."""
        windows = [(ss, ce) for _, ce, ss, _ in spans]
        if spans:
            self._find_qa(doc)
        for q, a, _ in doc.qa:
            windows.append((q, min(a, q + _QUESTION_LEN)))
        windows.sort()
        merged: list[tuple[int, int]] = []
        for lo, hi in windows:
            # windows a few characters apart are read as one: a scan costs more
            # to start than a short stretch of text does to read
            if merged and lo <= merged[-1][1] + _WINDOW_JOIN:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        scanner = self._scanners[doc.lang]
        low = _lower(doc.norm)
        cues: list[Candidate] = []
        deadline = time.monotonic() + TIMEOUT
        for lo, hi in merged:
            cues.extend(scanner.scan(doc.norm, low, lo, hi, deadline))
        doc.cues = cues
        doc.cue_starts = [c.start for c in cues]

    def _find_qa(self, doc: _Doc) -> None:
        """Pair each answer marker with the question line before it."""
        w = self._words
        questions = [m.start() for m in w.question.finditer(doc.norm)]
        if not questions:
            return
        answers = [m.start() for m in w.answer.finditer(doc.norm, questions[0])]
        qa: list[tuple[int, int, int]] = []
        for k, a in enumerate(answers):
            i = bisect.bisect_right(questions, a) - 1
            if i < 0 or a - questions[i] > _QUESTION_BACK:
                continue
            nxt = questions[i + 1] if i + 1 < len(questions) else len(doc.norm)
            if qa and qa[-1][0] == questions[i]:
                continue  # two answer markers under one question: keep the first
            qa.append((questions[i], a, nxt))
        doc.qa = qa

    # ------------------------------------------------------------------ one fact

    def _attach_one(self, doc: _Doc, facts: Sequence[Fact], i: int, spans: tuple[int, int, int, int],
                    done: list[Attachment], pairs: "_Pairs") -> Attachment:
        f = facts[i]
        cs, ce, ss, se = spans
        if f.kind is FactKind.DURATION:
            return Attachment(f)   # "2 年", "seven years": how long, not a measured metric
        if f.kind is FactKind.COUNT and self._words.rank.search(doc.norm, max(0, f.start - 8), f.start):
            return Attachment(f)   # 前五大客户, top 10 customers: a rank, not a count
        frame = self._frame(doc, cs, f.start)
        noun = self._noun_after(doc, f, ce) if f.kind in (FactKind.COUNT, FactKind.NUMBER,
                                                          FactKind.QUANTITY) else None
        # "$400 million of cash returned", "12 亿元的订单": the value says what it measures
        of_noun = None
        gap = _OF_GAP.match(doc.norm, f.end, ce) if noun is None else None
        # "in" names what an amount is of ("$143 million in dividends"), not a percentage's
        if gap is not None and (f.kind is FactKind.MONEY or not gap.group().strip().lower().startswith("in")):
            of_noun = self._noun_after(doc, f, ce, skip_gap=True)
        after_changes = self._after_changes(doc, f, ce)

        choice: tuple[Candidate, str, Rule | None, str] | None = None  # cue, metric, change rule, where
        # 0. "$42.4 million" in "net income of $32.9 million compared to $42.4 million"
        # is the same metric, for another period: it continues the value it is compared with
        if _prev_in_sentence(done, ss) is not None and _COMPARED.search(doc.norm, max(cs, f.start - 24), f.start):
            for p in reversed(done[-4:]):
                if p.fact.start < ss:
                    break
                if p.fact.kind is f.kind and p.fact.unit == f.unit:
                    if p.fact.metric:
                        return Attachment(_labelled(f, p.fact.metric, p.fact.subject), p.rule, p.change)
                    break
        # 1. 分别 / respectively: the i-th metric named goes with the i-th value
        paired = pairs.cue_for(self, doc, facts, i, ss, se)
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
                gap = _AFTER_GAP.match(doc.norm, f.end, c.start) if c.start >= f.end else None
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
                blocked = True
            if of_noun is not None or (doc.lang == "en" and frame is None and noun is None and not after_changes
                                       and self._adjacent_noun(doc, f) is not None):
                blocked = True
            if not blocked:
                for c in reversed(before):
                    choice = self._try(doc, c, f, cs, after_changes, "clause")
                    if choice is not None:
                        break
        # a value that continues one with a subject but no metric continues that
        # subject: "研发投入 1.08 亿元，同比增长 16.7%" is no change of anything earlier
        prev = done[-1].fact if done and done[-1].fact.start >= ss else None
        if choice is None and prev is not None and prev.metric is None and prev.subject and frame is None \
                and f.kind is FactKind.PERCENT:
            blocked = True
        # 4. a sentence-scope cue in an earlier clause of the sentence
        if choice is None and not blocked and frame is None:
            for c in reversed(doc.cues_in(ss, cs)):
                if c.rule.scope != "sentence" or (c.rule.role == "change" and c.rule.metric is None):
                    continue
                if _is_label(doc.norm, c):
                    continue
                choice = self._try(doc, c, f, cs, after_changes, "sentence")
                if choice is not None:
                    break
        # 5. the question an answer replies to
        if choice is None and not blocked and frame is None and not doc.cues_in(ss, cs):
            qspan = doc.question_of(f.start)
            if qspan is not None and f.start - doc.answer_start(f.start) <= _ANSWER_REACH:
                for c in reversed(doc.cues_in(*qspan)):
                    if (c.rule.role == "change" and c.rule.metric is None) or _is_label(doc.norm, c):
                        continue
                    choice = self._try(doc, c, f, cs, after_changes, "question")
                    if choice is not None:
                        break

        if choice is None:
            subject = self._subject_plain(doc, f, frame, noun, of_noun)
            if not subject and blocked and prev is not None and prev.metric is None and f.kind is FactKind.PERCENT:
                subject = prev.subject or ""
            return Attachment(_labelled(f, None, subject) if subject else f)
        cue, metric, change_rule, where = choice
        fact = f
        base = metric[:-7] if metric.endswith("_change") else metric
        if base in _COST_METRICS and f.kind is FactKind.PERCENT or base in _COST_METRICS and metric != base:
            fact = self._favourable(doc, fact)
        subject = self._subject(doc, fact, cue, where, frame, noun or of_noun, metric, done, ss, cs)
        return Attachment(_labelled(fact, metric, subject or None), cue.rule, change_rule)

    def _try(self, doc: _Doc, c: Candidate, f: Fact, cs: int, after_changes: list[Candidate],
             where: str) -> tuple[Candidate, str, Rule | None, str] | None:
        """The metric cue ``c`` gives ``f``, or None when their kinds do not fit."""
        rule = c.rule
        # change words between the cue (or the clause start) and the value
        lo = c.end if cs <= c.start < f.start else cs
        # a change word before an earlier value is that value's: "down $90 million
        # in EBITDA and yet maintained 30% EBITDA margins"
        prev_end = doc.value_end_before(f.start)
        lo = max(lo, prev_end)
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
        if where == "after" and change is not None and _ratio_family(rule) and rule.subject:
            # "扣非净利润增长 12.69% 的不俗成绩": after a change word the value is a
            # change of what the words before it name, not a share of what follows
            # (a cue that names its metric outright still holds: "80 bps of market share")
            return None
        if change is None and after_changes:
            change, level = after_changes[0].rule, False
        metric = _metric_for(rule, f, change is not None, level)
        if metric is not None and change is None and not level and metric.endswith("_change") \
                and _AS_PERCENT_OF.search(doc.norm, max(0, cs - 200), f.start) is not None:
            # "As a percentage of sales, expenses were 27%": a ratio, not a change
            metric = _metric_for(rule, f, False, True)
        if metric is None:
            return None
        return c, metric, change if metric.endswith("_change") else None, where

    def _after_changes(self, doc: _Doc, f: Fact, ce: int) -> list[Candidate]:
        """Change words right after a value: 37% higher, +16.5%YoY, $44 million lower."""
        out = []
        for c in doc.cues_in(f.start + 1, min(ce, f.end + 24)):
            if c.rule.role != "change":
                continue
            gap = doc.norm[f.end:c.start] if c.start > f.end else ""
            if len(gap.strip(" )）")) == 0 and (c.start < f.end or _after_word(doc.norm[c.start:c.end])):
                out.append(c)
            break
        return out

    def _favourable(self, doc: _Doc, f: Fact) -> Fact:
        """A cost line's favourable variance is a decrease; unfavourable an increase."""
        m = _FAVOURABLE.match(doc.norm, f.end)
        if m is None:
            return f
        sign = -1.0 if m.group("good") else 1.0

        def signed(x: float | None) -> float | None:
            return None if x is None else sign * abs(x)
        lo, hi = signed(f.low), signed(f.high)
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        return f.with_(value=signed(f.value), low=lo, high=hi)

    # ------------------------------------------------------------------ subjects

    def _subject(self, doc: _Doc, f: Fact, cue: Candidate, where: str, frame: tuple[int, int] | None,
                 noun: tuple[int, int] | None, metric: str, done: list[Attachment], ss: int,
                 cs: int) -> str:
        template = cue.rule.subject
        if template:
            text = self._fill(doc, template, f, cue, frame, noun)
            if text:
                return text
            # a template names the words that matter; without them the cue
            # itself ("的", "accounted for") is no subject, but the subject of
            # the sentence's last value usually is: "X 收入 8,650 万元，占总营收的比重不到 5%"
            return (_inherited(done, metric, ss) or _last_subject(done, ss)
                    or (_text(doc, frame) if frame is not None else ""))
        if noun is not None and (f.kind is FactKind.COUNT or where == "after"):
            return _text(doc, noun)
        if where == "after":
            # "$143 million in dividends", "100P 算力": the cue names it
            phrase = self._after_phrase(doc, cue)
            if phrase is not None:
                return _text(doc, phrase)
        if frame is not None:
            return _text(doc, frame)
        if where in ("sentence", "question"):
            inherited = _inherited(done, metric, ss)
            if inherited:
                return inherited
        phrase = self._phrase(doc, cue)
        return _text(doc, phrase) if phrase else ""

    def _subject_plain(self, doc: _Doc, f: Fact, frame: tuple[int, int] | None,
                       noun: tuple[int, int] | None, of_noun: tuple[int, int] | None) -> str:
        """The subject of a value no metric cue governs (``12 distribution centres``)."""
        for span in (noun if f.kind is FactKind.COUNT else None, frame, of_noun, noun):
            if span is not None:
                return _text(doc, span)
        if doc.lang == "en" and not self._after_changes(doc, f, min(len(doc.norm), f.end + 30)):
            # "double-digit commodities inflation": a value that modifies the noun after it
            after = self._adjacent_noun(doc, f)
            if after is not None:
                return _text(doc, after)
        return ""

    def _adjacent_noun(self, doc: _Doc, f: Fact) -> tuple[int, int] | None:
        """An English noun right after a value it describes: "double-digit commodities inflation"."""
        m = _ADJ_NOUN.match(doc.norm, f.end)
        if m is None or m.group(1).lower() in self._words.stop_en \
                or m.group(1).lower() in self._words.noun_stop_en or m.group(1).lower() in self._words.change_en:
            return None
        return self._noun_after(doc, f, min(len(doc.norm), f.end + 80))

    def _fill(self, doc: _Doc, template: str, f: Fact, cue: Candidate,
              frame: tuple[int, int] | None, noun: tuple[int, int] | None) -> str:
        """Fill ``{owner}``, ``{cue}``, ``{noun}``, ``{frame}``, ``{phrase}`` and named groups."""
        missing = False

        def slot(m: regex.Match[str]) -> str:
            nonlocal missing
            name = m.group(1)
            span: tuple[int, int] | None
            if name == "owner":
                cstart = _cue_span(cue)[0]
                span = self._np_before(doc, self._clause_start(doc, cstart), cstart, frames=False)
            elif name == "cue":
                span = _cue_span(cue)
            elif name == "noun":
                span = noun if noun is not None else self._noun_after(doc, f, len(doc.norm), skip_gap=True)
            elif name == "frame":
                span = frame
            elif name == "phrase":
                span = self._phrase(doc, cue)
            else:
                try:
                    s, e = cue.match.span(name)
                except IndexError:
                    s = e = -1
                span = self._trim_group(doc, s, e) if s >= 0 else None
            if span is None or span[1] <= span[0]:
                missing = True
                return ""
            return _text(doc, span)
        text = _TEMPLATE.sub(slot, template).strip()
        return "" if missing else text

    def _phrase(self, doc: _Doc, cue: Candidate) -> tuple[int, int] | None:
        """The cue with the words that qualify it: ``Total`` sales ``at the outlet stores``."""
        cstart, end = _cue_span(cue)
        cs = self._clause_start(doc, cstart)
        owner = self._np_before(doc, cs, cstart, frames=False)
        start = owner[0] if owner is not None and owner[1] >= cstart - 1 else cstart
        if doc.lang == "en":
            tail = self._tail_en(doc, end)
            if tail is not None:
                end = tail
        return start, end

    def _after_phrase(self, doc: _Doc, cue: Candidate) -> tuple[int, int] | None:
        """A cue after its value, without change words: "same restaurant sales (growth)"."""
        start, end = _cue_span(cue)
        if doc.lang == "en":
            tail = self._tail_en(doc, end)
            if tail is not None:
                end = tail
            words = list(_WORD_EN.finditer(doc.norm, start, end))
            while len(words) > 1 and words[-1].group().lower() in self._words.change_en:
                words.pop()
            if not words:
                return None
            start, end = words[0].start(), words[-1].end()
        return (start, end) if end > start else None

    def _tail_en(self, doc: _Doc, pos: int) -> int | None:
        """``at the outlet stores`` / ``from continuing operations`` after an English cue."""
        m = _TAIL_EN.match(doc.norm[pos:pos + 60])
        if m is None:
            return None
        words = [w for w in _WORD_EN.finditer(m.group(1))]
        keep = pos
        base = pos + m.start(1)
        for w in words:
            lw = w.group().lower()
            if lw in self._words.stop_en or lw in self._words.noun_stop_en:
                break
            keep = base + w.end()
        if keep == pos:
            return None
        # a time phrase is no part of the subject ("sales in the quarter")
        if self._words.time_tail_en.search(doc.norm[pos - 1:keep]):
            return None
        return keep

    def _trim_group(self, doc: _Doc, s: int, e: int) -> tuple[int, int] | None:
        """A named group's text without leading stop words (公司用于训练 -> 训练)."""
        if doc.lang == "zh" or _HAN.search(doc.norm, s, e):
            span = self._np_before(doc, s, e, frames=False)
            return span if span is not None else (s, e)
        return (s, e)

    def _clause_start(self, doc: _Doc, pos: int) -> int:
        return doc.bounds(doc.clause, pos, pos + 1, _CLAUSE_BACK, 0)[0]

    def _frame(self, doc: _Doc, cs: int, start: int) -> tuple[int, int] | None:
        """The subject read leftwards from a value, past linking words (营收为 / sales were)."""
        return self._np_before(doc, cs, start, frames=True)

    def _np_before(self, doc: _Doc, lo: int, hi: int, *, frames: bool) -> tuple[int, int] | None:
        """The noun phrase ending at ``hi`` (past linking words when ``frames``),
        never reaching back over ``lo`` or into another value."""
        lo = max(lo, doc.value_end_before(hi))
        if hi <= lo:
            return None
        if doc.lang == "zh" or _HAN.search(doc.norm, max(lo, hi - 4), hi):
            return self._np_before_zh(doc.norm, lo, hi, frames)
        return self._np_before_en(doc.norm, lo, hi, frames)

    def _np_before_zh(self, norm: str, lo: int, hi: int, frames: bool) -> tuple[int, int] | None:
        w = self._words
        end = hi
        if frames:
            for _ in range(4):
                while end > lo and norm[end - 1].isspace():
                    end -= 1
                m = w.frame_zh.search(norm, max(lo, end - 10), end)
                if m is None or m.start() == end:
                    break
                end = m.start()
        while end > lo and norm[end - 1].isspace():
            end -= 1
        start = end
        while start > lo and start > end - 40 and _np_char(norm[start - 1]):
            start -= 1
        if start == end:
            return None
        stop = w.stop_zh.search(norm, start, end)
        if stop is not None:
            start = stop.end()
        np_start = start
        while start < end:
            m = w.drop_zh.match(norm, start, end)
            if m is None or m.end() == start:
                break
            start = m.end()
        if start >= end and norm.endswith(("公司", "集团"), np_start, end):
            start = np_start   # "该公司" is a subject; "今年" is none
        while start < end and norm[start].isspace():
            start += 1
        if end - start > _NP_MAX:
            start = end - _NP_MAX
        return (start, end) if end > start else None

    def _np_before_en(self, norm: str, lo: int, hi: int, frames: bool) -> tuple[int, int] | None:
        w = self._words
        end = hi
        if frames:
            for _ in range(5):
                m = w.frame_en.search(norm, max(lo, end - 32), end)
                if m is None or m.start() >= end:
                    # "sales for the second quarter were": a time phrase, read only
                    # when the words end like one
                    tail = _TIME_END.search(norm, max(lo, end - 12), end)
                    if tail is None:
                        break
                    m = w.time_tail_en.search(norm, max(lo, end - 64), end)
                    if m is None or m.start() >= end:
                        break
                end = m.start()
        toks = list(_WORD_EN.finditer(norm, max(lo, end - 100), end))
        k = len(toks) - 1
        # change nouns after the subject are no part of it: "margin growth of 270 bps"
        while k >= 0 and toks[k].group().lower() in w.change_en:
            k -= 1
        kept: list[regex.Match[str]] = []
        while k >= 0 and len(kept) < _NP_WORDS:
            t = toks[k]
            word = t.group()
            lw = word.lower()
            if not word[0].isalnum() and word not in ("&",):
                break
            if word[0].isdigit() or word[0] in "$€£":
                break
            if frames and not kept and _VERB_FORM.search(lw) and lw not in _ING_NOUNS:
                break   # a head word is a noun: "the fund provided $3 million" has no subject
            if lw == "and":
                m = w.and_en.search(norm, max(lo, t.start() - 30), kept[-1].end() if kept else t.end())
                if kept and m is not None:
                    kept.append(t)
                    k -= 1
                    continue
                break
            if lw in _DETERMINERS and kept and kept[-1].group().lower() not in _PREP_IN_NP \
                    and k > 1 and toks[k - 1].group().lower() in _PREP_IN_NP:
                # "sales at our Specialty segment": a determiner after an inner preposition
                kept.append(t)
                k -= 1
                continue
            if lw in _PREP_IN_NP:
                # a preposition belongs to the subject only inside it: "sales at Harbor Mart"
                if not kept or k == 0 or toks[k - 1].group().lower() in w.stop_en \
                        or not toks[k - 1].group()[0].isalpha():
                    break
                kept.append(t)
                k -= 1
                continue
            if lw in w.stop_en:
                break
            kept.append(t)
            k -= 1
        while kept and kept[-1].group().lower() in _PREP_IN_NP | _DETERMINERS | {"and"}:
            kept.pop()
        if not kept:
            return None
        start, end = kept[-1].start(), kept[0].end()
        verb = _GREW_EN.search(norm, max(lo, start - 20), start)
        if verb is not None:
            # "Our other segment grew sales by 7%": whose sales is said before the verb
            who = self._np_before_en(norm, lo, verb.start(), False)
            if who is not None:
                start = who[0]
        while True:
            m = w.drop_en.match(norm, start, end)
            if m is None or m.end() == start or m.end() >= end:
                break
            start = m.end()
        return (start, end) if end > start else None

    def _noun_after(self, doc: _Doc, f: Fact, limit: int, *, skip_gap: bool = False) -> tuple[int, int] | None:
        """The noun a count counts: 200 多家「经销商」, 12「distribution centres」.

        A bare unit ("2.4 million units") names nothing and gives None."""
        span = self._noun_after_any(doc, f, limit, skip_gap=skip_gap)
        if span is not None and doc.norm[span[0]:span[1]].lower() in _UNIT_NOUNS:
            return None
        return span

    def _noun_after_any(self, doc: _Doc, f: Fact, limit: int, *, skip_gap: bool = False) -> tuple[int, int] | None:
        norm = doc.norm
        pos = f.end
        if skip_gap:
            gap = _AFTER_GAP.match(norm, pos, min(limit, pos + 20))
            if gap is not None:
                pos = gap.end()
        while pos < limit and norm[pos] == " ":
            pos += 1
        if pos >= limit:
            return None
        if _HAN.match(norm, pos) or doc.lang == "zh":
            end = pos
            while end < limit and end < pos + 12 and _np_char(norm[end]):
                end += 1
            stop = self._words.noun_stop_zh.search(norm, pos, end)
            if stop is not None:
                end = stop.start()
            while end > pos and norm[end - 1].isspace():
                end -= 1
            return (pos, end) if end > pos else None
        kept_end = pos
        n = 0
        for t in _WORD_EN.finditer(norm, pos, min(limit, pos + 80)):
            word = t.group()
            lw = word.lower()
            if not word[0].isalpha() and word != "&":
                break
            if lw == "and" and self._words.and_en.search(norm, pos, min(limit, t.end() + 30)) is None:
                break
            if lw != "and" and (lw in self._words.noun_stop_en or lw in self._words.change_en):
                break
            kept_end = t.end()
            n += 1
            if n >= _NOUN_WORDS:
                break
        return (pos, kept_end) if kept_end > pos else None


class _Pairs:
    """分别 / respectively: pairs the metrics a sentence names with its values in order.

    Computed once per sentence during one ``explain`` call (local state).
    """

    __slots__ = ("_done",)

    def __init__(self) -> None:
        self._done: dict[int, dict[int, Candidate]] = {}

    def cue_for(self, att: MetricAttacher, doc: _Doc, facts: Sequence[Fact], i: int,
                ss: int, se: int) -> Candidate | None:
        if ss not in self._done:
            self._done[ss] = self._pair(doc, facts, i, ss, se)
        return self._done[ss].get(i)

    @staticmethod
    def _pair(doc: _Doc, facts: Sequence[Fact], i: int, ss: int, se: int) -> dict[int, Candidate]:
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


def _metric_for(rule: Rule, f: Fact, change: bool, level: bool = False) -> str | None:
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
        if f.kind is FactKind.NUMBER and _scaled(f):
            return f"{metric}_change" if change else metric
        # a percentage of an amount is its change (营收 ... 23%, pricing was 2%) --
        # unless the text states it as a level ("fell from 86.5% to 79.3%")
        if f.kind is FactKind.PERCENT and not level:
            return f"{metric}_change"
        return None
    # a percentage of a count is a change only when a word says so
    # (客户满意度 95% is no change of the customer count)
    if f.kind is FactKind.PERCENT and change:
        return f"{metric}_change"
    return None


def _is_label(norm: str, c: Candidate) -> bool:
    """A cue that labels a field ("参会单位及人员：", "Customers:") governs nothing after it."""
    return norm.startswith(("：", ":"), c.end) or norm.startswith((" ：", " :"), c.end)


def _after_word(text: str) -> bool:
    """Whether a change word may follow the value it changes: an adjective,
    adverb or noun ("37% higher", "5% growth", "+16.5%YoY").  A verb after a
    value is its clause's predicate ("a margin of 19.7% increased by 230 bps"),
    and 增长 after a value leads the next one ("3 亿元，增长 20%")."""
    words = text.split()
    if not words or not words[0].isascii():
        return False
    w = words[0].lower()
    return not (w.endswith("ed") or w in _VERBS_AFTER)


def _ratio_family(rule: Rule) -> bool:
    """A metric stated as a share of something (margin, share, utilisation)."""
    return bool(rule.kinds) and frozenset(rule.kinds) <= _RATIO_KINDS


def _scaled(f: Fact) -> bool:
    """A plain number big enough to be an amount stated with a scale word."""
    x = f.value if f.value is not None else (f.high if f.high is not None else f.low)
    return x is not None and abs(x) >= 10_000


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


def _cue_span(c: Candidate) -> tuple[int, int]:
    """Where the cue word is: the ``cue`` group when the rule has one, else the match."""
    m = c.match
    if "cue" in m.re.groupindex:
        s, e = m.span("cue")
        if s >= 0:
            return s, e
    return m.start(), m.end()


def _prev_in_sentence(done: list[Attachment], ss: int) -> Attachment | None:
    """The attachment of the value before this one, when it is in the same sentence."""
    return done[-1] if done and done[-1].fact.start >= ss else None


def _last_subject(done: list[Attachment], ss: int) -> str:
    """The subject of the last value of this sentence, whatever its metric."""
    if done and done[-1].fact.start >= ss and done[-1].fact.subject:
        return done[-1].fact.subject
    return ""


def _inherited(done: list[Attachment], metric: str, ss: int) -> str:
    """The subject of the last value in this sentence with the same metric."""
    base = metric[:-7] if metric.endswith("_change") else metric
    for a in reversed(done[-6:]):
        f = a.fact
        if f.start < ss:
            break
        m = f.metric or ""
        if f.subject and (m == metric or m == base or m == f"{base}_change"):
            return f.subject
    return ""


def _np_char(ch: str) -> bool:
    """A character a noun phrase may hold: Han, Latin letters, digits, joiners."""
    return ch.isalnum() or ch in " &-+.·/'" and ch != "\n"


def _text(doc: _Doc, span: tuple[int, int]) -> str:
    """Source text of a span, white space folded (a subject is a label, not a quote)."""
    s, e = span
    return " ".join(doc.source[s:e].split())
