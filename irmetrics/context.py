"""Context: what a document or a sentence has already said, applied to its values.

After each value has its metric and subject (:mod:`irmetrics.attach`), three
things the surrounding text settles are filled in:

* **the currency of a bare amount**: ``revenue was 15.6 billion`` and
  ``营收 4318 亿`` name a money metric but no currency; GUIDELINES make them
  money in the currency of the document's other amounts (else the language's
  usual one: CNY, USD);
* **which margin a bare "margins" is**: a call that has said "operating
  margin" and then says "margins exceeded 52%" still means the operating
  margin -- the last specific margin the document named;
* **the segment a sentence opens with**: ``In our Consumer segment, revenues
  rose 6%`` -- the subject is the segment's revenues, and growth with no
  metric word is the segment's (``For the Aero business, we project growth of
  5%``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING, Sequence

import regex

from .cues import Doc
from .model import Fact, FactKind
from .phrases import PhraseReader, text_of

if TYPE_CHECKING:
    from .attach import Attachment

__all__ = ["settle", "opener"]

# A bare margin resolves to the last of these a document named.
_GENERIC = {"margin": ("gross_margin", "operating_margin", "net_margin", "ebitda_margin")}
_DEFAULT_CURRENCY = {"zh": "CNY", "en": "USD"}
# "In our Consumer segment," / "For the Aero business," / "At Harbor Mart," -- not
# "In addition," or a period ("In the quarter,": a time expression).
_OPENER = regex.compile(
    r"(?:in|at|for|within|across|among)\s+(?:the\s+|our\s+|its\s+)?"
    r"(?P<np>[A-Za-z][A-Za-z0-9&'\-]*(?:\s+[A-Za-z0-9&'\-]+){0,5}?)\s*,", regex.IGNORECASE)
_NOT_OPENER = regex.compile(
    r"(?:addition|summary|total|fact|short|conclusion|particular|general|turn|contrast|comparison|terms|"
    r"example|instance|closing|aggregate|practice|response|light|sum|part|line|order|short|other\s+words|"
    r"the\s+meantime|the\s+end|same\s+time|this\s+regard|that\s+regard|this\s+context|this\s+environment|"
    r"our\s+view|my\s+view|this\s+case|that\s+case|both\s+cases|all|each|both|now|today|overall|"
    # a generic noun names no segment: "For the division," "At the company level,"
    r"(?:the\s+)?(?:division|company|business|segment|group|quarter|year|period|month|most\s+part|time\s+being)"
    r"(?:\s+level)?)\s*\Z",
    regex.IGNORECASE)


def opener(doc: Doc, ss: int) -> tuple[int, int] | None:
    """The segment an English sentence starting at ``ss`` opens with, if any."""
    if doc.lang_at(ss) != "en":
        return None
    m = _OPENER.match(doc.norm, ss, min(len(doc.norm), ss + 80))
    if m is None:
        return None
    s, e = m.span("np")
    if _NOT_OPENER.match(doc.norm, s, e) or doc.has_time(s, e):
        return None
    return s, e


def settle(doc: Doc, atts: list["Attachment"], phrases: PhraseReader) -> list["Attachment"]:
    """The attachments with currencies, margins, sentence openers and asides applied."""
    currency = _document_currency(doc, [a.fact for a in atts])
    last_specific: dict[str, str] = {}
    openers: dict[int, tuple[int, int] | None] = {}
    out = []
    for a in atts:
        f = a.fact
        metric = f.metric
        changes: dict[str, object] = {}
        if metric is not None:
            base = metric[:-7] if metric.endswith("_change") else metric
            if base in _GENERIC and base in last_specific:
                changes["metric"] = last_specific[base] + metric[len(base):]
            for generic, specific in _GENERIC.items():
                if base in specific:
                    last_specific[generic] = base
            if f.kind is FactKind.NUMBER and a.rule is not None and FactKind.MONEY in a.rule.kinds \
                    and not metric.endswith("_change"):
                changes["kind"] = FactKind.MONEY
                changes["unit"] = currency or _DEFAULT_CURRENCY.get(doc.lang_at(f.start), "")
        elif f.kind is FactKind.NUMBER and f.subject and _scaled(f) and _names_money(doc, f, phrases):
            # 融资净流出 4076.59 万, interest expense of 42 million: an amount of money
            changes["kind"] = FactKind.MONEY
            changes["unit"] = currency or _DEFAULT_CURRENCY.get(doc.lang_at(f.start), "")
        # (an aside whose value has a metric of its own says its own thing)
        aside = _aside_of(doc, f, phrases) if f.subject and f.metric is None else None
        if aside is not None and aside not in f.subject:
            # 智能家居项目（投入 3.5 亿元）: the aside's words say what of the thing before it
            changes["subject"] = aside + f.subject
        if f.subject and doc.lang_at(f.start) == "en":
            ss = doc.seg.sentence(f.start)[0]
            if ss not in openers:
                openers[ss] = opener(doc, ss)
            span = openers[ss]
            if span is not None and span[1] <= f.start:
                segment = " ".join(doc.source[span[0]:span[1]].split())
                if segment.lower() not in f.subject.lower():
                    changes["subject"] = f"{segment}, {f.subject}"
        out.append(dataclasses.replace(a, fact=f.with_(**changes)) if changes else a)
    return out


def _aside_of(doc: Doc, f: Fact, phrases: PhraseReader) -> str | None:
    """The noun phrase right before the bracket that holds ``f`` -- when no value
    stands there (an aside after a value refines the value: :mod:`irmetrics.frames`)."""
    b = doc.seg.bracket(f.start)
    if b is None or doc.lang_at(f.start) != "zh":
        return None
    o = b[0]
    if doc.value_end_before(o + 1) >= o - 1:
        return None
    span = phrases.np_before(doc, doc.seg.clause_start(o), o, frames=False)
    return text_of(doc, span) if span is not None else None


def _scaled(f: Fact) -> bool:
    """A number written with a scale word (万, 亿, million): an amount, not a count."""
    return any(w in f.text.lower() for w in ("万", "萬", "亿", "億", "million", "billion", "thousand", "bn", "mn"))


def _names_money(doc: Doc, f: Fact, phrases: PhraseReader) -> bool:
    """Whether the words right before ``f`` in its clause name money (the word
    lists are Simplified: the normalised text is read)."""
    cs = doc.seg.clause_start(f.start)
    return phrases.words.money.search(doc.norm, max(cs, f.start - 24), f.start) is not None


def _document_currency(doc: Doc, facts: Sequence[Fact]) -> str | None:
    """The currency most of the document's amounts are in."""
    units = Counter(f.unit.split("/")[0] for f in facts if f.kind is FactKind.MONEY and f.unit)
    return units.most_common(1)[0][0] if units else None
