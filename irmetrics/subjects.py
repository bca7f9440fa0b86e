"""Subjects: the words that name what a value measures or counts.

A subject is read from the words around a value and its cue: the noun phrase
before the value past linking words (``营收为`` / ``sales were``), the noun a
count counts (``300 多家「企业客户」``), or the cue with the words that qualify
it (``Total`` sales ``at the outlet stores``).  The word lists that delimit a
subject are data in ``packs/common.toml`` (``SUBJECT_*``, ``NOUN_*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import regex

from .cues import Doc
from .errors import PackError
from .match import Candidate
from .model import Fact, FactKind
from .rules import _common_defs, _expand

if TYPE_CHECKING:
    from .attach import Attachment

__all__ = ["SubjectReader", "Words", "subject_words", "AFTER_GAP", "text_of", "cue_span"]

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
_TAIL_EN = regex.compile(r"\s+(?:at|from|in)\s+(?:our\s+|the\s+)?((?:[A-Za-z][A-Za-z&'\-]*\s*){1,4})")
_TEMPLATE = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")
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
        not_business=regex.compile(rf"(?:{get('SUBJECT_NOT_BUSINESS_ZH')})|(?<![a-z])(?:{get('SUBJECT_NOT_BUSINESS_EN')})(?![a-z])",
                                   flags),
    )


class SubjectReader:
    """Reads subjects with the word lists of ``packs/common.toml``; immutable."""

    __slots__ = ("words",)

    def __init__(self) -> None:
        self.words = subject_words()

    def subject(self, doc: Doc, f: Fact, cue: Candidate, where: str, frame: tuple[int, int] | None,
                 noun: tuple[int, int] | None, metric: str, done: list[Attachment], ss: int,
                 cs: int) -> str:
        template = cue.rule.subject
        if template:
            # alternatives, tried in order: "{frame} | {earlier} | {noun}"; {earlier}
            # is the subject of the sentence's last value with the same metric
            for alternative in template.split("|"):
                alternative = alternative.strip()
                if alternative == "{earlier}":
                    text = _inherited(done, metric, ss)
                else:
                    text = self._fill(doc, alternative, f, cue, frame, noun)
                if text:
                    return text
            # a template names the words that matter; without them the cue
            # itself ("的", "accounted for") is no subject, but the subject of
            # the sentence's last value usually is: "X 收入 8,650 万元，占总营收的比重不到 5%"
            return (_inherited(done, metric, ss) or _last_subject(done, ss)
                    or (text_of(doc, frame) if frame is not None else ""))
        if noun is not None and (f.kind is FactKind.COUNT or where == "after"):
            return text_of(doc, noun)
        if where == "after":
            # "$143 million in dividends", "100P 算力": the cue names it
            phrase = self._after_phrase(doc, cue)
            if phrase is not None:
                return text_of(doc, phrase)
        if frame is not None:
            return text_of(doc, frame)
        if where in ("sentence", "question"):
            inherited = _inherited(done, metric, ss)
            if inherited:
                return inherited
        phrase = self._phrase(doc, cue)
        return text_of(doc, phrase) if phrase else ""

    def subject_plain(self, doc: Doc, f: Fact, frame: tuple[int, int] | None,
                      noun: tuple[int, int] | None, of_noun: tuple[int, int] | None,
                      changed_after: bool) -> str:
        """The subject of a value no metric cue governs (``12 distribution centres``)."""
        for span in (noun if f.kind is FactKind.COUNT else None, frame, of_noun, noun):
            if span is not None:
                return text_of(doc, span)
        if doc.lang_at(f.start) == "en" and not changed_after:
            # "double-digit commodities inflation": a value that modifies the noun after it
            after = self.adjacent_noun(doc, f)
            if after is not None:
                return text_of(doc, after)
        return ""

    def adjacent_noun(self, doc: Doc, f: Fact) -> tuple[int, int] | None:
        """An English noun right after a value it describes: "double-digit commodities inflation"."""
        m = _ADJ_NOUN.match(doc.norm, f.end)
        if m is None or m.group(1).lower() in self.words.stop_en \
                or m.group(1).lower() in self.words.noun_stop_en or m.group(1).lower() in self.words.change_en:
            return None
        return self.noun_after(doc, f, min(len(doc.norm), f.end + 80))

    def _fill(self, doc: Doc, template: str, f: Fact, cue: Candidate,
              frame: tuple[int, int] | None, noun: tuple[int, int] | None) -> str:
        """Fill ``{owner}``, ``{cue}``, ``{noun}``, ``{frame}``, ``{phrase}`` and named groups."""
        missing = False

        def slot(m: regex.Match[str]) -> str:
            nonlocal missing
            name = m.group(1)
            span: tuple[int, int] | None
            if name == "owner":
                cstart = cue_span(cue)[0]
                span = self.np_before(doc, self._clause_start(doc, cstart), cstart, frames=False)
            elif name == "cue":
                span = cue_span(cue)
            elif name == "noun":
                span = noun if noun is not None else self.noun_after(doc, f, len(doc.norm), skip_gap=True)
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
            return text_of(doc, span)
        text = _TEMPLATE.sub(slot, template).strip()
        return "" if missing else text

    def _phrase(self, doc: Doc, cue: Candidate) -> tuple[int, int] | None:
        """The cue with the words that qualify it: ``Total`` sales ``at the outlet stores``."""
        cstart, end = cue_span(cue)
        cs = self._clause_start(doc, cstart)
        owner = self.np_before(doc, cs, cstart, frames=False)
        start = owner[0] if owner is not None and owner[1] >= cstart - 1 else cstart
        if doc.lang_at(cstart) == "en":
            tail = self._tail_en(doc, end)
            if tail is not None:
                end = tail
        return start, end

    def _after_phrase(self, doc: Doc, cue: Candidate) -> tuple[int, int] | None:
        """A cue after its value, without change words: "same restaurant sales (growth)"."""
        start, end = cue_span(cue)
        if doc.lang_at(start) == "en":
            tail = self._tail_en(doc, end)
            if tail is not None:
                end = tail
            words = list(_WORD_EN.finditer(doc.norm, start, end))
            while len(words) > 1 and words[-1].group().lower() in self.words.change_en:
                words.pop()
            if not words:
                return None
            start, end = words[0].start(), words[-1].end()
        return (start, end) if end > start else None

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

    def _trim_group(self, doc: Doc, s: int, e: int) -> tuple[int, int] | None:
        """A named group's text without leading stop words (公司用于训练 -> 训练)."""
        if doc.lang_at(s) == "zh" or _HAN.search(doc.norm, s, e):
            span = self.np_before(doc, s, e, frames=False)
            return span if span is not None else (s, e)
        return (s, e)

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

    def business(self, doc: Doc, frame: tuple[int, int]) -> str | None:
        """The subject text of ``frame`` when it names a business, segment, region,
        product or brand -- not a measure such as traffic, 库存 or headcount."""
        text = text_of(doc, frame)
        if not text or self.words.not_business.search(text):
            return None
        return text

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


def _last_subject(done: Sequence[Attachment], ss: int) -> str:
    """The subject of the last value of this sentence, whatever its metric."""
    if done and done[-1].fact.start >= ss and done[-1].fact.subject:
        return done[-1].fact.subject
    return ""


def _inherited(done: Sequence[Attachment], metric: str, ss: int) -> str:
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


def text_of(doc: Doc, span: tuple[int, int]) -> str:
    """Source text of a span, white space folded (a subject is a label, not a quote)."""
    s, e = span
    return " ".join(doc.source[s:e].split())
