"""Numerals to exact numbers: Arabic, Chinese, English and mixed forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import irmetrics
from irmetrics.normalize import normalize
from irmetrics.numerals import (parse_arabic, parse_chinese, parse_english, parse_number, scale_of,
                                to_chinese)

from strategies import grouped, integers


@pytest.mark.parametrize("text, expected", [
    ("0", "0"),
    ("80", "80"),
    ("1,234", "1234"),
    ("12,345.67", "12345.67"),
    ("1,234,567,890", "1234567890"),
    ("0.5", "0.5"),
    (".5", "0.5"),
], ids=lambda x: x if isinstance(x, str) else None)
def test_arabic(text: str, expected: str) -> None:
    assert parse_arabic(text) == Decimal(expected)


@pytest.mark.parametrize("text, expected", [
    ("零", 0), ("〇", 0), ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百", 100),
    ("一百零五", 105), ("一千零五", 1005), ("一千二百三十四", 1234), ("两千", 2000),
    ("两万三千", 23000), ("二万三千", 23000), ("十万", 100000), ("三千二百万", 32000000),
    ("十二亿", 1200000000), ("十二亿零七百万", 1207000000), ("一亿零一", 100000001),
    ("二〇二四", 2024), ("一九九八", 1998), ("五百六十七万八千九百", 5678900),
])
def test_chinese_integers(text: str, expected: int) -> None:
    assert parse_chinese(text) == Decimal(expected)


@pytest.mark.parametrize("text, expected", [
    ("零点五", "0.5"), ("三点一四", "3.14"), ("十二点五", "12.5"), ("一百点零一", "100.01"),
])
def test_chinese_decimals(text: str, expected: str) -> None:
    assert parse_chinese(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "十x", "三点", "点"])
def test_chinese_rejects_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese(text)


@pytest.mark.parametrize("text, expected", [
    ("one", 1), ("eight", 8), ("twelve", 12), ("twenty-five", 25), ("Twenty Five", 25),
    ("one hundred", 100), ("one hundred and five", 105), ("a dozen", 12), ("half", "0.5"),
    ("two thousand", 2000), ("three million", 3000000), ("a hundred", 100), ("two hundred fifty", 250),
    ("half a", "0.5"), ("Half an", "0.5"), ("a quarter", "0.25"), ("a quarter of a", "0.25"),
    ("three quarters of a", "0.75"), ("three-quarters of a", "0.75"),
])
def test_english(text: str, expected: int | str) -> None:
    assert parse_english(text) == Decimal(expected)


def test_english_rejects_other_words() -> None:
    with pytest.raises(ValueError, match="unexpected word 'apples'"):
        parse_english("three apples")


@pytest.mark.parametrize("text, expected", [
    ("3.5万", 35000), ("1.2亿", 120000000), ("12,345万", 123450000), ("2千", 2000),
    ("1.2 billion", 1200000000), ("350 million", 350000000), ("3.5bn", 3500000000),
    ("12M", 12000000), ("2k", 2000), ("1.5 thousand", 1500), ("三千二百万", 32000000),
    ("twenty", 20), ("1.2兆", 1200000000000), ("3万亿", 3000000000000),
])
def test_mixed_forms(text: str, expected: int) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("word, expected", [
    ("万", 10 ** 4), ("亿", 10 ** 8), ("千万", 10 ** 7), ("万亿", 10 ** 12), ("千亿", 10 ** 11), ("兆", 10 ** 12),
    ("dozen", 12), ("M", 10 ** 6), ("b", 10 ** 9),
    ("billion", 10 ** 9), ("Billion", 10 ** 9), ("bn", 10 ** 9), ("mn", 10 ** 6), ("k", 1000),
    (None, 1), ("", 1),
])
def test_scale_words(word: str | None, expected: int) -> None:
    assert scale_of(word) == expected


def test_unknown_scale_word_names_it() -> None:
    with pytest.raises(ValueError, match="'zillion'"):
        scale_of("zillion")


@pytest.mark.parametrize("source, expected", [
    ("８０", "80"), ("１２，３４５", None), ("１２３４５．６", "12345.6"), ("０．５", "0.5"),
])
def test_full_width_digits_normalise_to_ascii(source: str, expected: str | None) -> None:
    norm = normalize(source).text
    assert len(norm) == len(source)
    if expected is None:  # a full-width comma stays a clause mark, never a separator
        assert "，" in norm
    else:
        assert parse_number(norm) == Decimal(expected)


@pytest.mark.parametrize("text, match, value, unit", [
    ("市佔率達到８０％", "８０％", 80, "percent"),
    ("營收１２．５億元", "１２．５億元", 1_250_000_000, "TWD"),
    ("收入 12,345万元", "12,345万元", 123_450_000, "CNY"),
    ("募资 3.5万元", "3.5万元", 35_000, "CNY"),
    ("订单 1.2亿元", "1.2亿元", 120_000_000, "CNY"),
])
def test_numerals_in_context(text: str, match: str, value: float, unit: str) -> None:
    facts = irmetrics.extract(text, lang="zh")
    [f] = [f for f in facts if f.text == match]
    assert f.value == value
    assert f.unit == unit


# ---------------------------------------------------------------- properties

@given(integers())
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese(to_chinese(n)) == n


@given(integers(), st.booleans())
def test_chinese_numerals_with_liang_round_trip(n: int, liang: bool) -> None:
    """两 is as good as 二 before 千, 万 and 亿 (两万三千 = 二万三千)."""
    text = to_chinese(n)
    if liang:
        for unit in "千万亿":
            text = text.replace("二" + unit, "两" + unit)
    assert parse_chinese(text) == n


@given(integers())
def test_grouped_arabic_round_trip(n: int) -> None:
    assert parse_arabic(grouped(n)) == n
    assert parse_number(grouped(n)) == n


@given(integers(10 ** 8))
def test_chinese_numeral_counts_extract_exactly(n: int) -> None:
    """A count written in Chinese numerals comes out with its exact value."""
    if n < 2:  # 零名 / 一名 are not counts
        return
    text = f"公司共有{to_chinese(n)}名员工。"
    facts = irmetrics.extract(text, lang="zh")
    counts = [f for f in facts if f.kind == "count"]
    assert [(f.text, f.value) for f in counts] == [(to_chinese(n) + "名", n)]


@given(integers())
def test_grouped_money_extracts_exactly(n: int) -> None:
    if n == 0:
        return
    text = f"公司实现营业收入 {grouped(n)} 元。"
    facts = irmetrics.extract(text, lang="zh")
    money = [f for f in facts if f.kind == "money"]
    assert [(f.text, f.value, f.unit) for f in money] == [(f"{grouped(n)} 元", n, "CNY")]


@given(integers(10 ** 9))
def test_grouped_english_money_extracts_exactly(n: int) -> None:
    text = f"Revenue was ${grouped(n)} for the year."
    facts = irmetrics.extract(text, lang="en")
    money = [f for f in facts if f.kind == "money"]
    assert [(f.text, f.value, f.unit) for f in money] == [(f"${grouped(n)}", n, "USD")]
