"""The structure of a document: sentences, clauses, brackets, lists and Q&A turns.

Computed once per document, on the normalised text, before anything is
matched; every later stage (the value resolver, time and attachment) asks
this one object where a sentence or a clause ends, so that the whole
library has a single idea of each.

* A **sentence** ends at ``。！？!?``, a line break, a run of three or more
  spaces (the paragraph gap of text flattened onto one line) or a full stop
  before white space or a Han character -- unless the full stop ends an
  abbreviation (``vs.``, ``U.S.``, an initial) or a lower-case word follows it.
* A **clause** is a piece of a sentence between ``，,；;：:``; a bracketed
  aside is skipped over (``营收（含税）12 亿元`` is one clause) and its inside is
  a clause of its own.  A comma or a colon between digits (``1,234``,
  ``1:2``, ``16:00``) is part of a number, and ``、`` joins the items of one
  enumeration, so neither ends a clause.
* A **bracket** is an aside ``(...)`` / ``（...）`` inside one paragraph.
* Lists (values joined by ``/`` and ``、``) are read by :mod:`irmetrics.lists`
  once the facts are known: a ``/`` inside ``元/吨`` or a date is no
  separator, and only the facts say so.
* A **turn** is an answer of a Q&A record with the question it replies to.
* Every sentence has a **language**: Chinese when its Han characters are at
  least a quarter as many as its Latin letters (a Han character carries
  about a word), else English.  A document that mixes the languages is read
  sentence by sentence, each in its own.

Everything is stored as sorted offset arrays and looked up by bisection, so
a query costs ``O(log n)`` and building costs a few passes of ``re`` over
the text.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Segments", "Turn", "segment", "sentence_lang"]

# A mark and the blanks after it, so that a match ends where the next sentence starts.
# (three spaces as a literal: a [ \t]{3,} alternative makes the engine stop at every space)
_SENT_MARK = re.compile(r"(?:[。！？!?\n]|\.(?=\s|\Z|[\u3400-\u9fff])|   )[ \t\n]*+")
_BLANK = re.compile(r"[ \t\n]*")
# A comma or colon between two digits belongs to the number (1,234 / 16:00).
# (one class, with the marks between two digits dropped afterwards: a
# pattern that looks around every comma costs twice as much)
_CLAUSE_MARK = re.compile(r"[，；;,:：]")
_OPEN, _CLOSE = "(（", ")）"
_BRACKET = re.compile(r"[()（）\n]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Three Latin words in a row: a sentence without them is Chinese whatever else it holds.
# (at most two spaces between words: three are a paragraph gap, which a run must not cross)
_LATIN_WORDS = re.compile(r"[A-Za-z]+[ ,'-]{1,2}[A-Za-z]+[ ,'-]{1,2}[A-Za-z]+")
_BRACKET_MAX = 300   # an aside longer than this is no aside (an unbalanced bracket)


@dataclass(frozen=True, slots=True)
class Turn:
    """An answer of a Q&A record and the question it replies to (half-open offsets)."""

    question_start: int
    question_end: int
    answer_start: int
    answer_end: int


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], "re.Pattern[str]", "re.Pattern[str]"]:
    """Abbreviations and Q&A markers from ``data/segment.toml``."""
    raw = tomllib.loads(resources.files("irmetrics").joinpath("data").joinpath("segment.toml")
                        .read_text(encoding="utf-8"))
    abbreviations = frozenset(w.lower() for w in raw["sentence"]["abbreviations"])
    qa = raw["qa"]
    # a marker starts a line: matched from the line break before it (a literal the
    # engine skips to at once), and at the text's start separately
    question = re.compile(rf"\n[ \t]*(?:{qa['question']})")
    answer = re.compile(rf"\n[ \t]*(?:{qa['answer']})")
    return abbreviations, question, answer


def sentence_lang(text: str, start: int = 0, end: int | None = None, default: str = "en") -> str:
    """``"zh"`` or ``"en"`` for ``text[start:end]``: Chinese when Han characters
    are at least a quarter as many as Latin letters; ``default`` without either.

    >>> sentence_lang("公司 GPU 利用率 80%"), sentence_lang("Revenue at 华为 grew 5%")
    ('zh', 'en')
    """
    piece = text[start:end]
    han = len(piece) - len(_HAN.sub("", piece))
    if not han:
        return default if not _LATIN.search(piece) else "en"
    latin = len(piece) - len(_LATIN.sub("", piece))
    return "zh" if han * 4 >= latin else "en"


def _full_stop_ends(text: str, i: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at ``i`` (before white space) ends a sentence."""
    j = i
    while j > 0 and i - j < 8 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    if word in abbreviations or (len(word) == 1 and word.isalpha()):
        return False   # vs. / U.S. / an initial
    k = i + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    # "approx. five", "3. the second item": a lower-case word goes on
    return not (k < len(text) and text[k].islower() and text[k].isascii())


class Segments:
    """The sentences, clauses, brackets and turns of one text.

    Build with :func:`segment`; immutable afterwards.  Offsets are those of
    the normalised text, which are those of the source (normalisation is one
    character for one).
    """

    __slots__ = ("text", "lang", "_sent_starts", "_sent_ends", "_sent_langs", "_outer_marks",
                 "_inner_marks", "_brackets", "_bracket_starts", "turns", "_turn_starts", "_clauses")

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        # clauses asked for, by position: each value's clause is asked for by the
        # resolver, the attacher and the period attachment (a memo; the answers
        # never change)
        self._clauses: dict[int, tuple[int, int]] = {}
        abbreviations, question, answer = _rules()
        # built with comprehensions over one pass of re: a loop in Python per
        # mark costs several times more on long documents
        marks = [m.span() for m in _SENT_MARK.finditer(text)]
        if "." in text:
            marks = [sp for sp in marks if text[sp[0]] != "." or _full_stop_ends(text, sp[0], abbreviations)]
        begins = [_BLANK.match(text).end()] + [e for _, e in marks]
        finals = [s if text[s] in " \t\n" else s + 1 for s, _ in marks] + [len(text)]
        kept = [(b, f) for b, f in zip(begins, finals) if f > b]
        starts = [b for b, _ in kept]
        ends = [f for _, f in kept]
        self._sent_starts, self._sent_ends = starts, ends
        self._sent_langs = self._languages(lang)
        self._brackets = self._find_brackets()
        self._bracket_starts = [b[0] for b in self._brackets]
        self._outer_marks, self._inner_marks = self._clause_marks()
        self.turns = self._find_turns(question, answer)
        self._turn_starts = [t.answer_start for t in self.turns]

    # ------------------------------------------------------------------ building

    def _languages(self, default: str) -> str:
        """One letter per sentence, ``z`` or ``e`` (a str: compact and fast to index).

        Most sentences are decided by a cheap test: a sentence without Han
        characters is English, and one without a run of three Latin words is
        Chinese; only the rest are counted."""
        text = self.text
        starts, ends = self._sent_starts, self._sent_ends
        other = "z" if default == "zh" else "e"   # a sentence with neither script
        if not _HAN.search(text):
            letters = _LATIN.search
            return "".join("e" if letters(text, s, e) else other for s, e in zip(starts, ends))
        if not _LATIN.search(text):
            han = _HAN.search
            return "".join("z" if han(text, s, e) else other for s, e in zip(starts, ends))
        # Without a run of three Latin words, a sentence with a Han character is
        # Chinese; one without is English if it has letters (as in a document
        # without any Han character), else the document's language.
        han, letters = _HAN.search, _LATIN.search
        out = ["z" if han(text, s, e) else "e" if letters(text, s, e) else other
               for s, e in zip(starts, ends)]
        for m in _LATIN_WORDS.finditer(text):   # only the sentences with a run are counted
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < ends[i] and out[i] == "z":
                out[i] = "z" if sentence_lang(text, starts[i], ends[i], default) == "zh" else "e"
        return "".join(out)

    def _clause_marks(self) -> tuple[list[int], list[int]]:
        """Clause marks outside any bracket, and those inside one."""
        text = self.text
        last = len(text) - 1
        marks = [i for i in (m.start() for m in _CLAUSE_MARK.finditer(text))
                 if not (text[i] in ",:：" and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit())]
        if not self._brackets:
            return marks, []
        # the insides of the brackets, overlapping ones merged, swept once with the marks
        insides: list[list[int]] = []
        for o, c in self._brackets:
            if insides and o < insides[-1][1]:
                insides[-1][1] = max(insides[-1][1], c - 1)
            else:
                insides.append([o + 1, c - 1])
        outer: list[int] = []
        inner: list[int] = []
        k = 0
        for i in marks:
            while k < len(insides) and insides[k][1] <= i:
                k += 1
            (inner if k < len(insides) and insides[k][0] <= i else outer).append(i)
        return outer, inner

    def _find_brackets(self) -> list[tuple[int, int]]:
        """Balanced ``(...)`` and ``（...）`` within a paragraph: (open, after close)."""
        out: list[tuple[int, int]] = []
        stack: list[int] = []
        for m in _BRACKET.finditer(self.text):
            ch, i = m.group(), m.start()
            if ch == "\n":
                stack.clear()
            elif ch in _OPEN:
                stack.append(i)
            elif stack:
                o = stack.pop()
                if i - o <= _BRACKET_MAX:
                    out.append((o, i + 1))
        out.sort()
        return out

    def _bracket_index(self, pos: int) -> int | None:
        """Index of the innermost bracket whose inside holds ``pos``."""
        i = bisect.bisect_right(self._bracket_starts, pos) - 1
        best = None
        for k in range(i, max(-1, i - 8), -1):
            o, c = self._brackets[k]
            if o < pos < c - 1 and (best is None or o > self._brackets[best][0]):
                best = k
        return best

    def _find_turns(self, question: "re.Pattern[str]", answer: "re.Pattern[str]") -> tuple[Turn, ...]:
        """Each answer marker paired with the question line before it."""
        text = self.text
        lined = "\n" + text   # so that a marker on the first line follows a line break too
        questions = [m.start() for m in question.finditer(lined)]   # = the line's offset in text
        if not questions:
            return ()
        answers = [m.start() for m in answer.finditer(lined, questions[0])]
        turns: list[Turn] = []
        for a in answers:
            i = bisect.bisect_right(questions, a) - 1
            if i < 0 or a - questions[i] > 3000:
                continue
            if turns and turns[-1].question_start == questions[i]:
                continue   # two answer markers under one question: keep the first
            nxt = questions[i + 1] if i + 1 < len(questions) else len(text)
            turns.append(Turn(questions[i], a, a, nxt))
        return tuple(turns)

    # ------------------------------------------------------------------ queries

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (a mark between sentences belongs to the one before).

        >>> seg = segment("营收增长 5%。Margins fell. 毛利率 30%")
        >>> [seg.text[slice(*seg.sentence(i))] for i in (0, 10, 24)]
        ['营收增长 5%。', 'Margins fell.', '毛利率 30%']
        """
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return (0, self._sent_starts[0] if self._sent_starts else len(self.text))
        return self._sent_starts[i], max(self._sent_ends[i], min(pos + 1, len(self.text)))

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause holding ``pos``: between the clause marks around it in its
        sentence, a bracketed aside skipped over (``营收（含税）12 亿元`` is one
        clause) -- or, inside an aside, its piece of the aside.

        >>> seg = segment("营收 12 亿元（同比增长 23%，上年 8%），毛利率 30%")
        >>> [seg.text[slice(*seg.clause(i))] for i in (3, 13, 20, 29)]
        ['营收 12 亿元（同比增长 23%，上年 8%）', '同比增长 23%', '上年 8%', '毛利率 30%']
        """
        found = self._clauses.get(pos)
        if found is not None:
            return found
        b = self._bracket_index(pos) if self._brackets else None
        if b is None:
            lo, hi = self.sentence(pos)
            marks = self._outer_marks
        else:
            o, c = self._brackets[b]
            lo, hi = o + 1, c - 1
            marks = self._inner_marks
        i = bisect.bisect_left(marks, pos)
        if i > 0 and marks[i - 1] >= lo:
            lo = marks[i - 1] + 1
            while lo < pos and self.text[lo] == " ":
                lo += 1
        if i < len(marks) and marks[i] < hi:
            hi = marks[i]
        found = self._clauses[pos] = (lo, max(hi, min(pos + 1, len(self.text))))
        return found

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts."""
        return self.clause(pos)[0]

    def lang_at(self, pos: int) -> str:
        """The language of the sentence holding ``pos``."""
        if not self._sent_langs:
            return self.lang
        i = max(0, bisect.bisect_right(self._sent_starts, pos) - 1)
        return "zh" if self._sent_langs[i] == "z" else "en"

    def runs(self) -> list[tuple[int, int, str]]:
        """Maximal stretches of sentences in one language: ``(start, end, lang)``,
        covering the whole text (gaps go with the stretch before them).

        >>> segment("营收增长 5%。Revenue rose 5%. Costs fell.").runs()
        [(0, 8, 'zh'), (8, 36, 'en')]
        """
        langs, starts = self._sent_langs, self._sent_starts
        if not langs:
            return [(0, len(self.text), self.lang)] if self.text else []
        out: list[tuple[int, int, str]] = []
        begin = 0
        for i in range(1, len(langs)):
            if langs[i] != langs[i - 1]:
                out.append((begin, starts[i], "zh" if langs[i - 1] == "z" else "en"))
                begin = starts[i]
        out.append((begin, len(self.text), "zh" if langs[-1] == "z" else "en"))
        return out

    def bracket(self, pos: int) -> tuple[int, int] | None:
        """The innermost bracketed aside whose inside holds ``pos`` (brackets included), or None."""
        b = self._bracket_index(pos) if self._brackets else None
        return None if b is None else self._brackets[b]

    def turn(self, pos: int) -> Turn | None:
        """The answer turn holding ``pos``, or None."""
        i = bisect.bisect_right(self._turn_starts, pos) - 1
        if i >= 0 and pos < self.turns[i].answer_end:
            return self.turns[i]
        return None


def segment(text: str, lang: str = "en") -> Segments:
    """The :class:`Segments` of normalised ``text``; ``lang`` is the language
    of sentences with neither Han characters nor Latin letters."""
    return Segments(text, lang)
