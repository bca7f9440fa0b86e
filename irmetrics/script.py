"""Which script a stretch of Chinese text is written in: Simplified or Traditional.

GUIDELINES make a bare 元 CNY in Simplified text and TWD in Traditional text.
Normalisation folds Traditional characters to Simplified ones one for one
(``data/t2s.txt``), so the folded-away characters are exactly the evidence:
a Traditional-only character (營, 億, 為) in the source says Traditional, a
Simplified-only one (营, 亿, 为) says Simplified.  Characters both scripts
use (台, 周, 只: Taiwanese text writes 台灣 and 只有) say nothing.

The look is local -- the sentence, else a window around it -- because one
document may quote the other script, and cheap: two character-class counts
over a slice, in C.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["is_traditional"]

# Targets of data/t2s.txt that Traditional text writes too, so they prove nothing.
_BOTH = frozenset("只台周余准采游干后征占范松冲斗里岩群杰凉净况决并于强峰温册吃托秘床岳涌烟猫脚够却咨")
# How far to look around a sentence that holds no evidence either way.
_WINDOW = 300


@lru_cache(maxsize=1)
def _classes() -> tuple["re.Pattern[str]", "re.Pattern[str]"]:
    data = resources.files("irmetrics").joinpath("data").joinpath("t2s.txt").read_text(encoding="utf-8")
    trad, simp = set(), set()
    for line in data.splitlines():
        pair = line.split("#", 1)[0].split()
        if len(pair) == 2 and pair[0] != pair[1]:
            trad.add(pair[0])
            simp.add(pair[1])
    simp -= trad | _BOTH
    return (re.compile("[" + "".join(sorted(trad)) + "]"), re.compile("[" + "".join(sorted(simp)) + "]"))


def is_traditional(source: str, start: int, end: int, lo: int | None = None, hi: int | None = None) -> bool:
    """Whether ``source[start:end]`` stands in Traditional text.

    ``lo``..``hi`` is the stretch to judge by (the sentence); when it holds
    no character peculiar to either script, a window of a few hundred
    characters around it decides, and failing that the answer is Simplified.

    >>> is_traditional("營收 48 億元", 3, 8), is_traditional("营收 48 亿元", 3, 8)
    (True, False)
    >>> is_traditional("EPS 2.1元", 4, 8)
    False
    """
    trad, simp = _classes()
    lo = start if lo is None else lo
    hi = end if hi is None else hi
    for a, b in ((lo, hi), (max(0, lo - _WINDOW), min(len(source), hi + _WINDOW))):
        t = len(trad.findall(source, a, b))
        s = len(simp.findall(source, a, b))
        if t or s:
            return t > s
    return False
