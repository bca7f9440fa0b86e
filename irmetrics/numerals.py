"""Numerals to exact numbers: Arabic, Chinese and English words.  No context.

Every helper takes the matched text of one numeral (already normalised) and
returns a :class:`~decimal.Decimal`, so ``十二亿零七百万`` and ``1,200,700,000``
come out identical, not merely close.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["parse_arabic", "parse_chinese", "parse_english", "parse_number", "scale_of",
           "to_chinese", "CN_DIGITS"]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9,
             # the financial (大写) forms that contracts and cheques write
             "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_CN_BIG = {"万": 10 ** 4, "亿": 10 ** 8}

# Scale words after a number: "3.5万", "1.2 billion", "$12M", "3.5bn".
_SCALES = {
    "十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "十万": 10 ** 5, "百万": 10 ** 6,
    "千万": 10 ** 7, "亿": 10 ** 8, "十亿": 10 ** 9, "百亿": 10 ** 10, "千亿": 10 ** 11,
    "万亿": 10 ** 12, "兆": 10 ** 12, "万万": 10 ** 8, "仟": 1000,
    "hundred": 100, "thousand": 1000, "k": 1000, "million": 10 ** 6, "mn": 10 ** 6,
    "mm": 10 ** 6, "m": 10 ** 6, "billion": 10 ** 9, "bn": 10 ** 9, "b": 10 ** 9,
    "trillion": 10 ** 12, "tn": 10 ** 12, "t": 10 ** 12, "dozen": 12,
    "lakh": 10 ** 5, "lakhs": 10 ** 5, "crore": 10 ** 7, "crores": 10 ** 7,
}

_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_EN_EXTRA = {"a": 1, "an": 1, "a dozen": 12, "dozen": 12, "half": Decimal("0.5"),
             "a half": Decimal("0.5"), "couple": 2, "a couple": 2, "a couple of": 2,
             # fractions of the scale word that follows: half a million, a quarter billion
             "half a": Decimal("0.5"), "half an": Decimal("0.5"), "an half": Decimal("0.5"),
             "a quarter": Decimal("0.25"), "an quarter": Decimal("0.25"), "a quarter of a": Decimal("0.25"),
             "a quarter of an": Decimal("0.25"), "three quarters of a": Decimal("0.75"),
             "three quarters of an": Decimal("0.75"), "quarter": Decimal("0.25"),
             "quarter of a": Decimal("0.25"), "three quarters": Decimal("0.75")}


def scale_of(word: str | None) -> int:
    """Multiplier of a scale word; 1 for None or empty.

    >>> scale_of("亿"), scale_of("Billion"), scale_of(None), scale_of("兆")
    (100000000, 1000000000, 1, 1000000000000)
    """
    if not word:
        return 1
    w = "".join(word.split()).lower()
    try:
        return _SCALES[w]
    except KeyError:
        raise ValueError(f"scale word: expected one of {', '.join(_SCALES)}, got {word!r}") from None


def parse_arabic(text: str) -> Decimal:
    """Digits with optional thousands separators and decimals.

    >>> parse_arabic("12,345.50")
    Decimal('12345.50')
    """
    return Decimal(text.replace(",", "").replace(" ", ""))


def parse_chinese(text: str) -> Decimal:
    """A Chinese numeral: positional (一千零五, 十二亿零七百万) or digit by digit (二〇二四).

    >>> parse_chinese("两万三千"), parse_chinese("十二亿零七百万"), parse_chinese("零点五")
    (Decimal('23000'), Decimal('1207000000'), Decimal('0.5'))
    >>> parse_chinese("二〇二四"), parse_chinese("壹佰贰拾"), parse_chinese("一兆二千亿")
    (Decimal('2024'), Decimal('120'), Decimal('1200000000000'))
    """
    if not text:
        raise ValueError("Chinese numeral: expected at least one character, got ''")
    if "兆" in text:   # 四十九兆九千五百亿: the 兆 (10^12) group, then the rest
        high, _, low = text.partition("兆")
        return parse_chinese(high or "一") * 10 ** 12 + (parse_chinese(low) if low else 0)
    whole, dot, frac = text.partition("点")
    if dot:
        digits = "".join(str(CN_DIGITS[c]) for c in frac if c in CN_DIGITS)
        if len(digits) != len(frac) or not digits:
            raise ValueError(f"Chinese numeral: expected digits after 点, got {text!r}")
        head = _chinese_integer(whole) if whole else 0
        return Decimal(f"{head}.{digits}")
    return Decimal(_chinese_integer(whole))


def _chinese_integer(text: str) -> int:
    if all(c in CN_DIGITS for c in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total = 0      # completed 亿 groups
    current = 0    # completed 万 groups below the next 亿
    section = 0    # below 万
    number = None  # the pending digit
    prev = ""
    for c in text:
        if c in CN_DIGITS:
            number = CN_DIGITS[c]
        elif c in _CN_SMALL:
            if number is None and prev in _CN_SMALL:   # 七十百 is no numeral (百分之七十百分位)
                raise ValueError(f"Chinese numeral: {c!r} after {prev!r} with no digit between in {text!r}")
            section += (1 if number is None else number) * _CN_SMALL[c]
            number = None
        elif c == "万":
            current += (section + (number or 0)) * 10 ** 4
            section, number = 0, None
        elif c == "亿":
            total = (total + current + section + (number or 0)) * 10 ** 8
            current, section, number = 0, 0, None
        else:
            raise ValueError(f"Chinese numeral: unexpected {c!r} in {text!r}")
        prev = c
    return total + current + section + (number or 0)


def to_chinese(n: int) -> str:
    """Write a non-negative integer below 10^16 as a Chinese numeral (for tests).

    >>> to_chinese(1005), to_chinese(23000), to_chinese(1207000000)
    ('一千零五', '二万三千', '十二亿零七百万')
    """
    if n < 0 or n >= 10 ** 16:
        raise ValueError(f"to_chinese: expected 0 <= n < 10**16, got {n}")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def four(x: int, leading: bool) -> str:
        out, zero = [], False
        for unit, p in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // p % 10
            if d == 0:
                zero = bool(out) or not leading
                continue
            if zero and (out or not leading):
                out.append("零")
            zero = False
            out.append(digits[d] + unit)
        return "".join(out)

    groups = [(n // 10 ** 12) % 10 ** 4, (n // 10 ** 8) % 10 ** 4, (n // 10 ** 4) % 10 ** 4, n % 10 ** 4]
    names = ["万亿", "亿", "万", ""]
    out: list[str] = []
    for g, name in zip(groups, names):
        if g == 0:
            if out and not out[-1].endswith("零"):
                out.append("零")
            continue
        s = four(g, leading=not out)
        if out and g < 1000 and not out[-1].endswith("零"):
            s = "零" + s
        out.append(s + name)
    text = "".join(out).rstrip("零")
    # "万亿" after a 亿 group is ambiguous in our parser; write it the long way
    text = text.replace("零零", "零")
    if text.startswith("一十"):
        text = text[1:]
    return text


def parse_english(text: str) -> Decimal:
    """An English number word or phrase up to the hundreds (``twenty-five``), or
    the fraction before a scale word (``half a`` million, ``a quarter`` billion).

    >>> parse_english("twenty-five"), parse_english("a dozen"), parse_english("one hundred and five")
    (Decimal('25'), Decimal('12'), Decimal('105'))
    >>> parse_english("a hundred"), parse_english("Half a"), parse_english("three-quarters of a")
    (Decimal('100'), Decimal('0.5'), Decimal('0.75'))
    """
    t = " ".join(text.lower().replace("-", " ").split())
    if t in _EN_EXTRA:
        return Decimal(_EN_EXTRA[t])
    total, current = 0, 0
    for w in t.split():
        if w == "and":
            continue
        if w in _EN_UNITS:
            current += _EN_UNITS[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[w]
            current = 0
        elif w in ("a", "an"):
            current += 1
        else:
            raise ValueError(f"English number: unexpected word {w!r} in {text!r}")
    return Decimal(total + current)


def parse_number(text: str) -> Decimal:
    """Any single numeral the grammar captures: Arabic, Chinese, mixed (3.5万) or English.

    >>> parse_number("3.5万"), parse_number("12,345万"), parse_number("三千二百万")
    (Decimal('35000.0'), Decimal('123450000'), Decimal('32000000'))
    """
    t = text.strip()
    if not t:
        raise ValueError("number: expected a numeral, got ''")
    c0 = t[0]
    if c0.isdigit() or c0 == ".":
        i = 0
        while i < len(t) and (t[i].isdigit() or t[i] in ",."):
            i += 1
        head, tail = parse_arabic(t[:i]), t[i:].strip()
        return head * scale_of(tail) if tail else head
    if c0 in CN_DIGITS or c0 in _CN_SMALL:
        return parse_chinese(t)
    return parse_english(t)
