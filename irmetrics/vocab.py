"""Sub-patterns of the value grammar built from the lexicon's data.

``packs/values.toml`` writes ``{QUNIT}``, ``{MW}``, ``{CUR_PRE}`` ... without
defining them: the loader supplies these definitions, built here from
``data/lexicon.toml`` and ``data/currencies.toml``.  So a unit, measure word,
currency or name is written once, as data, and is both matched (here) and
resolved (:mod:`irmetrics.resolve`, from the same :class:`~irmetrics.lexicon.Lexicon`).

Every alternation lists longer surfaces first (千瓦时 before 千瓦, metric
tons before tons), so the longest reading wins as in a hand-written pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping

from .errors import PackError
from .lexicon import Lexicon, Surface, lexicon

__all__ = ["value_defs", "surface_pattern", "name_pattern"]

_NUMERAL = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿]")
_WORDISH = re.compile(r"[A-Za-z0-9]\Z")


def _esc(text: str) -> str:
    """A literal for a VERBOSE pattern: specials escaped, a space as ``\\s+``."""
    return r"\s+".join(re.escape(part) for part in text.split(" "))


def _alt(parts: Iterable[str]) -> str:
    return "|".join(parts) or "(?!)"


def surface_pattern(s: Surface, where: str = "irmetrics/data/lexicon.toml") -> str:
    """The pattern of one unit or measure word, with its exclusions.

    >>> surface_pattern(Surface("吨", "tonne", ("吨位",)))
    '吨(?!位)'
    >>> surface_pattern(Surface("MW", "MW", case=True))
    '(?-i:M)(?-i:W)(?![A-Za-z0-9])'

    Raises:
        PackError: an exclusion that does not begin with the surface.
    """
    return _first_char(s.text[0], s.case) + _rest(s, where)


def _first_char(c: str, case: bool) -> str:
    """A first character the engine can skip on at once.

    Under IGNORECASE a letter compiles to a case-folding test that the regex
    engine cannot use to skip a branch; a case-sensitive class of both cases
    (``[Mm]``) can.  So every alternation built here begins each branch with
    a plain character or such a class, and a failed branch costs one test.
    """
    if c.isascii() and c.isalpha():
        return f"(?-i:{c})" if case else f"(?-i:[{c.upper()}{c.lower()}])"
    return _esc(c)


def _rest(s: Surface, where: str = "irmetrics/data/lexicon.toml", word_end: bool = True) -> str:
    body = _esc(s.text[1:]) if len(s.text) > 1 else ""
    if s.case and body:
        body = f"(?-i:{body})"
    tails = []
    for word in s.not_:
        if not word.startswith(s.text) or word == s.text:
            raise PackError(f"{s.text!r}: every 'not' word must begin with it and be longer, got {word!r}",
                            path=where)
        tails.append(_esc(word[len(s.text):]))
    if tails:
        body += f"(?!{_alt(sorted(tails, key=len, reverse=True))})"
    if word_end and _WORDISH.search(s.text):
        body += "(?![A-Za-z0-9])"       # English words end at a word boundary: P is no unit in P2P
    return body


def _grouped(items: Iterable[Surface], word_end: bool = True) -> str:
    """An alternation of surfaces, longest first, grouped by their first
    character: ``(?-i:[Mm])(?:etric\\s+tons|egawatts)|吨(?!位)|...``."""
    groups: dict[tuple[str, bool], list[Surface]] = {}
    for item in sorted(items, key=lambda x: len(x.text), reverse=True):
        c = item.text[0]
        key = (c if item.case or not (c.isascii() and c.isalpha()) else c.lower(), item.case)
        groups.setdefault(key, []).append(item)
    parts = []
    for (c, case), members in groups.items():
        rests = [_rest(m, word_end=word_end) for m in members]
        first = _first_char(members[0].text[0], case)
        parts.append(first + (rests[0] if len(rests) == 1 else f"(?:{'|'.join(rests)})"))
    return _alt(parts)


def _gate(firsts: Iterable[str], body: str) -> str:
    """``body`` behind a look-ahead of the characters it can begin with.

    The engine tries an alternation's branches one by one; at a place where
    none can begin (most places: a digit, a clause mark) the look-ahead fails
    at once, instead of after a hundred failed branches.
    """
    chars = sorted(set(firsts))
    return f"(?=[{''.join(re.escape(c) for c in chars)}])(?:{body})" if chars else "(?!)"


def _surfaces(table: Iterable[Surface]) -> str:
    return _grouped(table)


def _split_name(name: str) -> tuple[str, str]:
    m = _NUMERAL.search(name)
    if m is None:
        raise PackError(f"names: {name!r} holds no numeral; only names with one need listing",
                        path="irmetrics/data/lexicon.toml")
    return name[:m.start()], name[m.start():]


def name_pattern(name: str) -> str:
    """The pattern that claims a name holding a numeral, from the numeral on.

    Matching starts where a number could start, so the words before the
    numeral are checked by a look-behind once the numeral has matched: the
    name is claimed from its numeral.

    >>> name_pattern("三七互娱"), name_pattern("Windows 11")
    ('三七互娱', '11(?<=Windows\\\\ 11)(?![A-Za-z0-9])')
    """
    head, rest = _split_name(name)
    # a look-behind must have one width, so a space stays one space here
    pattern = _esc(rest) + (f"(?<={re.escape(name)})" if head else "")
    if _WORDISH.search(name):
        pattern += "(?![A-Za-z0-9])"
    return pattern


def _codes(lex: Lexicon) -> str:
    """ISO codes in any case, but codes that are English words (PHP, TRY) in upper case only."""
    return _grouped((Surface(c, "", (), cur.upper_only) for cur in lex.currency_table for c in cur.codes),
                    word_end=False)


def _words(words: Iterable[str], case: bool = False) -> str:
    """Literal words (any case unless ``case``), grouped by first character."""
    return _grouped((Surface(w, "", (), case) for w in set(words)), word_end=False)


def _symbols(symbols: Iterable[str]) -> str:
    """Signs, a space allowed between two or more letters and a dollar sign
    (HK $ 3, NT $ 16) -- not after one letter: "a $5 fee" is no Australian amount."""
    def one(sym: str) -> str:
        head = sym[:-1]
        if sym.endswith("$") and len(head) > 1 and head[-1].isalpha():
            return _esc(head) + r"\s?\$"
        return _esc(sym)
    return _alt(one(s) for s in sorted(set(symbols), key=len, reverse=True))


@lru_cache(maxsize=16)
def value_defs(lex: Lexicon | None = None) -> Mapping[str, str]:
    """The definitions a values pack may use without writing them.

    ========================  ===================================================
    ``CUR_SYM``               currency signs before a number: $, US$, HK$, €, ¥
    ``CUR_SYM_AFTER``         signs after a number: 12 €, 500円
    ``CUR_CODE``              ISO codes as words: USD, eur, RMB (any case)
    ``CUR_CODE_BARE``         the same without word boundaries (30 mUSD)
    ``CUR_ZH``                Chinese names: 人民币, 港元, 新台币, 欧元
    ``CUR_EN``                English names after a number: dollars, euros, yen
    ``YUAN``                  a bare 元 (its currency is the script's)
    ``CUR_PRE``               anything written before a number
    ``CUR_SUF_ZH``            Chinese after a number: names and 元
    ``CUR_SUF_EN``            English after a number: names, codes, signs
    ``CUR_START``             the first characters of signs and Chinese names
    ``CUR_SIGN``              the one-character signs: $, €, £, ¥
    ``CUR_SYM_HEAD``          the letters of a sign before its $: HK, C, NT
    ``CUR_MINOR_EN``          smaller units in English: cents, pence
    ``CUR_MINOR_ZH``          smaller units in Chinese: 角, 毛, 分, 美分
    ``QUNIT``                 units of quantities: 吨, 千瓦时, 标方, MW, tonnes
    ``PER_UNIT``              what an amount is per: 股, 吨, 单, share, ounce
    ``MW``                    Chinese measure words: 家, 名, 张, 杆
    ``NAME_SKIP``             names that hold a numeral: 三七互娱, Windows 11
    ========================  ===================================================
    """
    lex = lex or lexicon()
    cur = lex.currency_table
    symbols = [s for c in cur for s in c.symbols]
    after = [s for c in cur for s in c.symbols_after]
    zh = [n for c in cur for n in c.zh]
    en = [n for c in cur for n in c.en]
    yuan = _alt(surface_pattern(Surface(s, "", tuple(n for n in lex.yuan.not_ if n.startswith(s) and n != s)))
                for s in sorted(lex.yuan.surfaces, key=len, reverse=True))
    # (a name that begins with 元 is read after a number, never before one)
    starts = sorted({s[0] for s in symbols + zh if (not s[0].isascii() or not s[0].isalpha())
                     and s[0] not in lex.yuan.surfaces})
    codes = [c for cur_ in cur for c in cur_.codes]
    names = sorted(set(lex.names), key=len, reverse=True)
    return {
        "CUR_SYM": _symbols(symbols),
        # the letters before a dollar sign, for the scan's lead-in when a space
        # stands between them (hk $ 10)
        "CUR_SYM_HEAD": _words({w[:-1] for w in symbols if w.endswith("$") and len(w) > 2 and w[-2].isalpha()}),
        "CUR_MINOR_EN": f"(?:{_words(w for c in cur for w, _ in c.minor if w.isascii())})(?![A-Za-z])",
        "CUR_MINOR_ZH": _words(w for c in cur for w, _ in c.minor if not w.isascii()),
        "CUR_SYM_AFTER": _words(after),
        "CUR_CODE_BARE": _codes(lex),
        "CUR_CODE": "(?<![A-Za-z])(?:{CUR_CODE_BARE})(?![A-Za-z])",
        "CUR_ZH": _gate((w[0] for w in zh), _words(zh)),
        # one-character signs, as one class: what the scan's anchor looks for
        # (US$, HK$ begin with letters and are found by the lead-in instead)
        "CUR_SIGN": "[" + "".join(re.escape(c) for c in sorted({w for w in symbols if len(w) == 1})) + "]",
        "CUR_EN": f"(?:{_words(en)})(?![A-Za-z])",
        "YUAN": yuan,
        "CUR_PRE": _gate((w[0] for w in symbols + codes + zh), "{CUR_SYM}|{CUR_CODE}|{CUR_ZH}"),
        "CUR_SUF_ZH": _gate((w[0] for w in zh + list(lex.yuan.surfaces)), "{CUR_ZH}|{YUAN}"),
        "CUR_SUF_EN": _gate((w[0] for w in en + codes + after), "{CUR_EN}|{CUR_CODE}|{CUR_SYM_AFTER}"),
        "CUR_START": "[" + "".join(re.escape(c) for c in starts) + "]",
        "QUNIT": _surfaces(lex.quantity_units),
        "PER_UNIT": _surfaces(lex.per_units),
        "MW": _surfaces(lex.measure_words),
        "NAME_SKIP": _gate((_split_name(n)[1][0] for n in names), _alt(name_pattern(n) for n in names)),
    }
