"""Phrases: the noun phrases around a value, in Chinese and English.

The grammar the subject reader (:mod:`irmetrics.subjects`) stands on: the
noun phrase that ends before a value (read leftwards, past linking words --
``营收为`` / ``sales were``), the noun a count counts (``300 多家「企业客户」``),
the label before a colon.  The word lists that delimit a phrase are data in
``packs/common.toml`` (``SUBJECT_*``, ``NOUN_*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .cues import Doc
from .errors import PackError
from .match import Candidate
from .model import Fact
from .rules import _common_defs, _expand

__all__ = ["PhraseReader", "Words", "subject_words", "AFTER_GAP", "text_of", "cue_span"]

_CLAUSE_BACK = 240      # a subject never reaches further back than this
_LABEL_MAX = 16         # characters in a label before a colon

_NP_MAX = 16            # characters in a Chinese subject
_NP_WORDS = 8           # words in an English subject
_NOUN_WORDS = 5         # words in the noun after an English count
# What may sit between a value and a cue right after it: 的, of, in, spaces.
AFTER_GAP = regex.compile(r"""\s*(?:(?:的|之)|(?:(?:increase|decrease|growth|decline|improvement|rise|reduction|drop)\s+)?
                               (?:of|in|from|for)(?:\s+(?:the|our|its|their|total|all|consolidated))?(?=\s))?\s*""",
                           regex.IGNORECASE | regex.VERBOSE)
_GREW_EN = regex.compile(r"(?r)\b(?:grew|increased|expanded|improved|raised|doubled|tripled)\s+(?:its\s+|their\s+)?\Z",
                         regex.IGNORECASE)
_ADJ_NOUN = regex.compile(r"\s+([a-z][a-z\-]*)(?<!ly)(?![a-z])", regex.IGNORECASE)
_TIME_END = regex.compile(r"(?:quarter|year|half|period|months?|weeks?|q[1-4]|[0-9]{2})\s*\Z", regex.IGNORECASE)
# (a word may hold full stops: "in the U.S.")
_TAIL_EN = regex.compile(r"\s+(?:at|from|in)\s+(?:our\s+|the\s+)?((?:[A-Za-z][A-Za-z&'\-]*(?:\.[A-Za-z]+)*\.?\s*){1,4})")
_HAN = regex.compile(r"\p{Han}")
# A word, a number or one other character; a full stop ends a word unless a
# letter or digit follows it (U.S., 2.5).
_WORD_EN = regex.compile(r"[A-Za-z0-9$€£%](?:[A-Za-z0-9&'’\-/%$]|\.(?=[A-Za-z0-9]))*|[^\sA-Za-z0-9]")
_UNIT_NOUNS = frozenset({"units", "unit", "pieces", "piece", "items", "item", "copies", "times", "sets"})
_PREP_IN_NP = frozenset({"of", "at", "from", "for", "in", "per", "on"})
_DETERMINERS = frozenset({"the", "our", "its", "their", "this", "a", "an", "all", "each", "every"})
_PRONOUNS = frozenset({"we", "i", "they", "you", "he", "she"})
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
class Words:
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
    not_business: regex.Pattern[str]
    money: regex.Pattern[str]


def _words_list(pattern: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in pattern.split("|") if w.strip())


@lru_cache(maxsize=1)
def subject_words() -> Words:
    defs = _common_defs()

    def get(name: str) -> str:
        if name not in defs:
            raise PackError(f"missing definition {name} in the built-in common pack",
                            path="irmetrics/packs/common.toml", field="defs")
        return _expand("{" + name + "}", defs, PackError("", path="irmetrics/packs/common.toml",
                                                          field=name))

    flags = regex.VERBOSE | regex.IGNORECASE | regex.V0
    # (?r) searches leftwards from the end: the frame or stop word nearest the value.
    return Words(
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
        money=regex.compile(rf"(?:{get('SUBJECT_MONEY_ZH')})|(?<![a-z])(?:{get('SUBJECT_MONEY_EN')})(?![a-z])", flags),
        not_business=regex.compile(rf"(?:{get('SUBJECT_NOT_BUSINESS_ZH')})|(?<![a-z])(?:{get('SUBJECT_NOT_BUSINESS_EN')})(?![a-z])",
                                   flags),
    )


class PhraseReader:
    """Reads noun phrases with the word lists of ``packs/common.toml``; immutable."""

    __slots__ = ("words",)

    def __init__(self) -> None:
        self.words = subject_words()

    def adjacent_noun(self, doc: Doc, f: Fact) -> tuple[int, int] | None:
        """An English noun right after a value it describes: "double-digit commodities inflation"."""
        m = _ADJ_NOUN.match(doc.norm, f.end)
        if m is None or m.group(1).lower() in self.words.stop_en \
                or m.group(1).lower() in self.words.noun_stop_en or m.group(1).lower() in self.words.change_en:
            return None
        return self.noun_after(doc, f, min(len(doc.norm), f.end + 80))

    def _tail_en(self, doc: Doc, pos: int) -> int | None:
        """``at the outlet stores`` / ``from continuing operations`` after an English cue."""
        m = _TAIL_EN.match(doc.norm[pos:pos + 60])
        if m is None:
            return None
        words = [w for w in _WORD_EN.finditer(m.group(1))]
        keep = pos
        base = pos + m.start(1)
        for w in words:
            lw = w.group().lower()
            if lw in self.words.stop_en or lw in self.words.noun_stop_en:
                break
            keep = base + w.end()
        if keep == pos:
            return None
        # a time phrase is no part of the subject ("sales in the quarter")
        if self.words.time_tail_en.search(doc.norm[pos - 1:keep]):
            return None
        return keep

    def _clause_start(self, doc: Doc, pos: int) -> int:
        return max(doc.seg.clause_start(pos), pos - _CLAUSE_BACK)

    def frame(self, doc: Doc, cs: int, start: int) -> tuple[int, int] | None:
        """The subject read leftwards from a value, past linking words (营收为 / sales were);
        for a value that a label introduces (``募资总额：不超过 5 亿元``,
        ``Backlog: $2.1 billion``), the label."""
        span = self.np_before(doc, cs, start, frames=True)
        if span is None and cs > 0 and not doc.norm[cs:start].strip(" 约大约超过不超过至少近about") \
                and doc.norm[cs - 1] in ":：":
            ss = doc.seg.sentence(cs - 1)[0]
            span = self.np_before(doc, max(ss, cs - 1 - _LABEL_MAX), cs - 1, frames=False)
        return span

    def np_before(self, doc: Doc, lo: int, hi: int, *, frames: bool) -> tuple[int, int] | None:
        """The noun phrase ending at ``hi`` (past linking words when ``frames``),
        never reaching back over ``lo`` or into another value."""
        lo = max(lo, doc.value_end_before(hi))
        if hi <= lo:
            return None
        if doc.lang_at(max(lo, hi - 1)) == "zh" or _HAN.search(doc.norm, max(lo, hi - 4), hi):
            span = self._np_before_zh(doc.norm, lo, hi, frames)
            return doc.without_times(span) if span is not None else None
        # an English noun may be qualified by its period ("fourth-quarter operating
        # margin"), but a period alone is no subject
        span = self._np_before_en(doc.norm, lo, hi, frames)
        return span if span is not None and doc.without_times(span) is not None else None

    def _np_before_zh(self, norm: str, lo: int, hi: int, frames: bool) -> tuple[int, int] | None:
        w = self.words
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
        w = self.words
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
        # a word right after a subject pronoun is a verb: "we project growth of 5%"
        if kept and k >= 0 and toks[k].group().lower() in _PRONOUNS:
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

    def noun_after(self, doc: Doc, f: Fact, limit: int, *, skip_gap: bool = False) -> tuple[int, int] | None:
        """The noun a count counts: 200 多家「经销商」, 12「distribution centres」.

        A bare unit ("2.4 million units") names nothing and gives None."""
        span = self._noun_after_any(doc, f, limit, skip_gap=skip_gap)
        if span is not None and doc.norm[span[0]:span[1]].lower() in _UNIT_NOUNS:
            return None
        return span

    def _noun_after_any(self, doc: Doc, f: Fact, limit: int, *, skip_gap: bool = False) -> tuple[int, int] | None:
        norm = doc.norm
        pos = f.end
        if skip_gap:
            gap = AFTER_GAP.match(norm, pos, min(limit, pos + 20))
            if gap is not None:
                pos = gap.end()
        while pos < limit and norm[pos] == " ":
            pos += 1
        if pos >= limit:
            return None
        if _HAN.match(norm, pos) or doc.lang_at(pos) == "zh":
            end = pos
            while end < limit and end < pos + 12 and _np_char(norm[end]):
                end += 1
            stop = self.words.noun_stop_zh.search(norm, pos, end)
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
            if lw == "and" and self.words.and_en.search(norm, pos, min(limit, t.end() + 30)) is None:
                break
            if lw != "and" and (lw in self.words.noun_stop_en or lw in self.words.change_en):
                break
            kept_end = t.end()
            n += 1
            if n >= _NOUN_WORDS:
                break
        return (pos, kept_end) if kept_end > pos else None


def cue_span(c: Candidate) -> tuple[int, int]:
    """Where the cue word is: the ``cue`` group when the rule has one, else the match."""
    m = c.match
    if "cue" in m.re.groupindex:
        s, e = m.span("cue")
        if s >= 0:
            return s, e
    return m.start(), m.end()


def _np_char(ch: str) -> bool:
    """A character a noun phrase may hold: Han, Latin letters, digits, joiners."""
    return ch.isalnum() or ch in " &-+.·/'" and ch != "\n"


def text_of(doc: Doc, span: tuple[int, int]) -> str:
    """Source text of a span, white space folded (a subject is a label, not a quote)."""
    s, e = span
    return " ".join(doc.source[s:e].split())
