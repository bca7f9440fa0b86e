"""Normalisation for matching, never for reporting.

Every mapping here replaces one character by exactly one character, so the
normalised text has the length of the source and normalised offset *i* is
source offset *i*.  Patterns therefore run on clean text (ASCII digits,
``%``, Simplified characters) while every span still points into the text
the caller gave.  ``NormalizedText.to_source`` is that (identity) map; the
property tests check it, and it is the one place to change should a
many-to-one normalisation ever be needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["NormalizedText", "normalize"]

# Full-width punctuation that Chinese uses as clause marks stays as it is:
# turning "，" into "," would make "100，200" look like one hundred thousand.
_KEEP_FULLWIDTH = set("，：；！？（）")
_EXTRA = {
    "\u3000": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ",
    "\u2236": ":",  # RATIO (1∶2)
    "\uff5e": "~", "\u301c": "~",  # full-width / wave dash tilde
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"',
    "\uff0e": ".",
    "\u3007": "〇",
}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        ch = chr(cp)
        if ch not in _KEEP_FULLWIDTH:
            table[cp] = chr(cp - 0xFEE0)
    for k, v in _EXTRA.items():
        table[ord(k)] = v
    data = resources.files("irmetrics").joinpath("data").joinpath("t2s.txt").read_text(encoding="utf-8")
    for lineno, line in enumerate(data.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        trad, _, simp = line.partition(" ")
        simp = simp.strip()
        if len(trad) != 1 or len(simp) != 1:
            raise RuntimeError(f"irmetrics/data/t2s.txt line {lineno}: expected 'T S' "
                               f"(one character each), got {line!r}")
        table[ord(trad)] = simp
    return table


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Text prepared for matching, with the way back to the source."""

    text: str
    source: str

    def to_source(self, i: int) -> int:
        """Source offset of normalised offset ``i`` (identity by construction)."""
        return i


def normalize(source: str) -> NormalizedText:
    """Fold full-width forms, dashes and Traditional characters, one for one.

    >>> normalize("營收８０％").text
    '营收80%'
    >>> len(normalize("１∶２").text) == len("１∶２")
    True
    """
    table, folds = _table(), _foldable()
    # Most text has few characters to fold: replacing just those is several
    # times faster than str.translate's per-character lookup.
    return NormalizedText(folds.sub(lambda m: table[ord(m.group())], source), source)


@lru_cache(maxsize=1)
def _foldable() -> "re.Pattern[str]":
    """A character class of every character ``normalize`` replaces."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_table())) + "]")
