"""Hypothesis strategies shared by the property tests.

Text strategies build IR-like prose from fragments that exercise the value
grammar (digits, ``%``, ``多``, scale words, units, qualifiers, Traditional
characters, full-width forms) glued together by arbitrary characters, so
generated examples hit real rules far more often than random Unicode would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from irmetrics.lexicon import lexicon

__all__ = ["ir_text", "fragments", "integers", "grouped", "dates", "iso_dates", "chinese_words",
           "FRAGMENTS", "amounts", "currency_writings", "unit_writings", "Writing"]

# Pieces of investor-relations prose in both languages and scripts.
FRAGMENTS = (
    # Chinese (Simplified and Traditional) words around values
    "营收", "營收", "净利润", "淨利潤", "毛利率", "同比增长", "同比增長", "同比下降", "环比", "较去年同期",
    "今年前三季度", "去年同期", "三季度末", "上半年", "约", "約", "大约", "超过", "超過", "逾", "近", "不到",
    "以上", "以下", "左右", "多", "余", "餘", "家", "所", "名", "个", "個", "倍", "成", "比", "至", "到",
    "亿元", "億元", "万元", "萬元", "元", "美元", "港元", "人民币", "万吨", "吨", "平方米", "个百分点",
    "个基点", "百分之", "几十", "数百", "十几", "两万三千", "十二亿零七百万", "三成", "四成多",
    "问题 3、", "一、", "（2）", "证券代码：", "公告编号：", "一概而论", "单一", "个月", "年",
    # English
    "revenue", "net income", "grew", "declined", "up", "down", "about", "approximately", "more than",
    "over", "at least", "up to", "nearly", "in excess of", "million", "billion", "bn", "k", "M",
    "percent", "per cent", "percentage points", "basis points", "bps", "pp", "pct", "per share",
    "between", "and", "to", "of", "dozens", "double digits", "Slide 9", "737 MAX", "COVID-19",
    "10-K", "5G", "F135", "Q3", "fiscal 2024", "three consecutive years", "a two-point drag",
    # values and symbols
    "1", "12", "80", "3.5", "1,234", "12,345", "0.5", "2024", "８０", "％", "%", "$", "US$", "HK$",
    "€", "RMB", "-", "(", ")", "（", "）", ":", "∶", "/", "~", "～", ".", ",", "，", "。", "；",
    "標方", "万千瓦", "亿千瓦时", "万片/月", "万杆", "或者更多", "上千家", "万人级", "新台幣", "NT$", "EUR", "usd",
    "mUSD", "bn", "兆元", "兆瓦", "±", "+/-", "增加或减少", "上下浮动", "季減", "MoM", "YoY", "成", "pt",
    "三七互娱", "九阳", "Windows 11", "a dozen", "half a million", "over a decade", "of our",
    "、", " ", "  ", "\n", "\t", "\u3000",
)

fragments = st.sampled_from(FRAGMENTS)

# Arbitrary characters of the scripts IR text is written in, plus controls.
_chars = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs", "Cc"),
)


@st.composite
def ir_text(draw: st.DrawFn, max_parts: int = 40) -> str:
    """IR-like text mixing Chinese, English, digits, ``%``, ``多`` and units."""
    parts = draw(st.lists(
        st.one_of(
            fragments, fragments, fragments,          # mostly meaningful pieces
            st.integers(0, 10 ** 9).map(str),         # plain numbers
            st.integers(0, 10 ** 9).map(lambda n: f"{n:,}"),
            st.text(_chars, max_size=4),              # noise
        ),
        max_size=max_parts,
    ))
    return "".join(parts)


def integers(max_value: int = 10 ** 12) -> st.SearchStrategy[int]:
    """Integers from 0 to ``max_value`` (10^12 by default), small ones often."""
    return st.one_of(st.integers(0, 10 ** 4), st.integers(0, max_value))


def grouped(n: int) -> str:
    """``n`` written with thousands separators: ``1,234,567``."""
    return f"{n:,}"


def dates(min_year: int = 1990, max_year: int = 2040) -> st.SearchStrategy[date]:
    """Document dates IR text could carry."""
    return st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31))


def iso_dates() -> st.SearchStrategy[str]:
    """The same dates as ISO strings, the form ``extract(date=...)`` takes."""
    return dates().map(date.isoformat)


def chinese_words() -> st.SearchStrategy[str]:
    """Runs of Han characters with no numeral meaning (for prefixes and padding)."""
    return st.text(st.sampled_from("公司业务客户产品市场研发报告期情况介绍经营持续稳定发展"),
                   min_size=1, max_size=12)


# ---------------------------------------------------------------- numbers with units

def amounts() -> st.SearchStrategy[tuple[str, Decimal]]:
    """A number as IR text writes it, with its exact value: ``12``, ``1,234``, ``0.75``.

    Years (1800-2099) are left out: ``2024 年`` is a time, never 2024 years.
    """
    whole = st.one_of(st.integers(1, 1799), st.integers(2100, 10 ** 7))
    plain = whole.map(lambda n: (str(n), Decimal(n)))
    grouped_ = st.integers(1000, 10 ** 7).filter(lambda n: not 1800 <= n <= 2099).map(
        lambda n: (f"{n:,}", Decimal(n)))
    decimal = st.tuples(st.integers(0, 999), st.integers(1, 99)).map(
        lambda p: (f"{p[0]}.{p[1]:02d}", Decimal(f"{p[0]}.{p[1]:02d}")))
    return st.one_of(plain, grouped_, decimal)


@dataclass(frozen=True)
class Writing:
    """One way a unit or currency is written around a number: ``{x} 亿元``, ``US${x}``."""

    template: str        # with {x} where the number goes
    unit: str            # the unit string the fact must carry
    factor: Decimal = Decimal(1)   # what the number is multiplied by (a decade: 10 years)

    def text(self, number: str) -> str:
        return self.template.replace("{x}", number)


def _currency_writings() -> list[Writing]:
    lex = lexicon()
    out = []
    for c in lex.currency_table:
        codes = list(c.codes) + ([] if c.upper_only else [code.lower() for code in c.codes])
        for code in codes:                              # EUR 45, 12 GBP, usd 20
            out += [Writing(code + " {x}", c.code), Writing("{x} " + code, c.code)]
        out += [Writing(sym + "{x}", c.code) for sym in c.symbols]             # $12, HK$12
        out += [Writing("{x} " + sym, c.code) for sym in c.symbols_after]      # 12 €, 12 円
        for name in c.zh:                               # 12 亿港元, 港币 12
            out += [Writing("{x}" + name, c.code), Writing(name + " {x}", c.code)]
        out += [Writing("{x} " + name, c.code) for name in c.en]              # 12 euros
    # a bare 元 in Simplified text
    out += [Writing("{x}" + s, lex.yuan.simplified) for s in lex.yuan.surfaces]
    return out


def _unit_writings() -> list[Writing]:
    lex = lexicon()
    out = [Writing("{x} " + s.text, s.unit, s.factor) for s in lex.quantity_units]
    out += [Writing("{x}" + s.text, s.unit, s.factor) for s in lex.duration_units if not s.text.isascii()]
    out += [Writing("{x} " + s.text, s.unit, s.factor) for s in lex.duration_units if s.text.isascii()]
    return out


def currency_writings() -> st.SearchStrategy[Writing]:
    """Every registered currency, written each way its language writes it."""
    return st.sampled_from(_currency_writings())


def unit_writings() -> st.SearchStrategy[Writing]:
    """Every registered unit of a quantity or a duration, after a number."""
    return st.sampled_from(_unit_writings())
