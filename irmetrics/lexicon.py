"""Frozen look-ups built from ``data/lexicon.toml``: qualifiers, units,
currencies, vague numerals and direction words."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import regex

from .model import Qualifier

__all__ = ["Lexicon", "lexicon", "fold"]

_WS = regex.compile(r"\s+")
# Words that sit between a qualifier and its number: 大约为, 约在, 达到
_LINK_ZH = "(?:为|是|在|有|达到|达|至|占)?"
_POST_ONLY = {"以上", "及以上", "或以上", "以下", "以内", "左右", "上下", "有余", "出头", "or more",
              "or higher", "or greater", "or better", "or above", "or so", "or less", "or lower", "plus",
              "多", "余", "+"}


def fold(surface: str) -> str:
    """The lexicon key of a surface: lower-cased, white space folded.

    >>> fold("Basis   Points")
    'basis points'
    """
    return _WS.sub(" ", surface.strip().lower())


def _alternation(words) -> str:
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Lexicon:
    qualifiers: Mapping[str, Qualifier]
    units: Mapping[str, str]
    currencies: Mapping[str, str]
    per: Mapping[str, str]
    vague: Mapping[str, tuple[int, int]]
    down_before: frozenset[str]
    up_before: frozenset[str]
    down_after: frozenset[str]
    pre_qualifier: regex.Pattern[str]
    post_qualifier: regex.Pattern[str]
    direction_before: regex.Pattern[str]
    direction_after: regex.Pattern[str]

    def unit(self, surface: str) -> str:
        return self.units[fold(surface)]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = tomllib.loads(resources.files("irmetrics").joinpath("data").joinpath("lexicon.toml")
                        .read_text(encoding="utf-8"))
    quals = {fold(k): Qualifier(v) for k, v in raw["qualifiers"].items()}
    pre = [k for k in quals if k not in _POST_ONLY]
    en_pre = [k for k in pre if k.isascii()]
    zh_pre = [k for k in pre if not k.isascii()]
    post_en = [k for k in _POST_ONLY if k.isascii() and k != "+"]
    post_zh = [k for k in _POST_ONLY if not k.isascii() and k not in ("多", "余")]
    # Searched backwards from the number: the qualifier must end right before
    # it (apart from a linking 为/在 or spaces), so a word far away never counts.
    # REVERSE: both are searched from the number backwards, so the engine
    # meets the nearest candidate first instead of trying every start.
    pre_q = regex.compile(
        rf"(?:(?<![A-Za-z])(?P<q>{_alternation(en_pre)})\s+|(?P<q>{_alternation(zh_pre)})\s*{_LINK_ZH}\s*)\Z",
        regex.IGNORECASE | regex.REVERSE)
    post_q = regex.compile(
        rf"\s*(?P<q>{_alternation(post_zh)})(?!游|市|述|海)|\s+(?P<q>{_alternation(post_en)})(?![A-Za-z])"
        # 30%+, 100+ stores: a plus glued to the value (not a sign before another number)
        rf"|(?P<q>\+)(?![0-9.])",
        regex.IGNORECASE)
    d = raw["direction"]
    down_b, up_b, down_a = (frozenset(map(fold, d[k])) for k in ("down_before", "up_before", "down_after"))
    en = [w for w in down_b | up_b if w.isascii()]
    zh = [w for w in down_b | up_b if not w.isascii()]
    dir_before = regex.compile(
        rf"(?<![A-Za-z])(?P<d>{_alternation(en)})(?![A-Za-z])|(?P<d>{_alternation(zh)})",
        regex.IGNORECASE | regex.REVERSE)
    # "a 1% FX headwind": an acronym may stand between the value and its direction word
    dir_after = regex.compile(
        rf"\s+(?:(?-i:[A-Z]{{2,4}})\s+)?(?P<d>higher|{_alternation(down_a)}|better|favorable|favourable)(?![A-Za-z])",
        regex.IGNORECASE)
    return Lexicon(
        qualifiers=MappingProxyType(quals),
        units=MappingProxyType({fold(k): v for k, v in raw["units"].items()}),
        currencies=MappingProxyType({fold(k): v for k, v in raw["currencies"].items()}),
        per=MappingProxyType({fold(k): v for k, v in raw["per"].items()}),
        vague=MappingProxyType({fold(k): (int(v[0]), int(v[1])) for k, v in raw["vague"].items()}),
        down_before=down_b, up_before=up_b, down_after=down_a,
        pre_qualifier=pre_q, post_qualifier=post_q,
        direction_before=dir_before, direction_after=dir_after)
