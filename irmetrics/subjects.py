"""Subjects: the words that name what a value measures or counts.

A subject is read from the words around a value and its cue: the noun phrase
before the value past linking words (``营收为`` / ``sales were``), the noun a
count counts (``300 多家「企业客户」``), or the cue with the words that qualify
it (``Total`` sales ``at the outlet stores``); :mod:`irmetrics.phrases` reads
the phrases, this module chooses among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import regex

from .cues import Doc
from .match import Candidate
from .model import Fact, FactKind
from .phrases import _HAN, _WORD_EN, PhraseReader, cue_span, text_of

if TYPE_CHECKING:
    from .attach import Attachment

__all__ = ["SubjectReader"]

_TEMPLATE = regex.compile(r"\{([a-z_][a-z0-9_]*)\}")


class SubjectReader(PhraseReader):
    """Reads subjects: which phrase around a value names what it measures; immutable."""

    __slots__ = ()

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

    def _trim_group(self, doc: Doc, s: int, e: int) -> tuple[int, int] | None:
        """A named group's text without leading stop words (公司用于训练 -> 训练)."""
        if doc.lang_at(s) == "zh" or _HAN.search(doc.norm, s, e):
            span = self.np_before(doc, s, e, frames=False)
            return span if span is not None else (s, e)
        return (s, e)

    def business(self, doc: Doc, frame: tuple[int, int]) -> str | None:
        """The subject text of ``frame`` when it names a business, segment, region,
        product or brand -- not a measure such as traffic, 库存 or headcount."""
        text = text_of(doc, frame)
        # (the word lists are Simplified: read the normalised text)
        if not text or self.words.not_business.search(doc.norm, *frame):
            return None
        return text


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


