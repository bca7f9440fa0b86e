"""Normalisation: one character for one, offsets unchanged, Traditional -> Simplified."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import irmetrics
from irmetrics.normalize import normalize

from strategies import ir_text


@given(st.text())
def test_one_for_one_on_any_text(s: str) -> None:
    n = normalize(s)
    assert len(n.text) == len(s)
    assert n.source == s


@given(ir_text())
def test_offsets_are_the_identity(s: str) -> None:
    n = normalize(s)
    assert [n.to_source(i) for i in range(len(n.text))] == list(range(len(s)))


@given(ir_text())
def test_characters_map_independently(s: str) -> None:
    """Each character maps on its own: normalising a slice is slicing the normalised text."""
    n = normalize(s).text
    for i in range(0, len(s), 3):
        assert normalize(s[i:i + 5]).text == n[i:i + 5]


@given(st.text())
def test_idempotent(s: str) -> None:
    once = normalize(s).text
    assert normalize(once).text == once


@pytest.mark.parametrize("trad, simp", [
    ("營收", "营收"), ("億元", "亿元"), ("萬元", "万元"), ("淨利潤", "净利润"), ("毛利率", "毛利率"),
    ("同比增長", "同比增长"), ("個百分點", "个百分点"), ("兩萬三千", "两万三千"), ("約", "约"),
    ("超過", "超过"), ("機構", "机构"), ("訂單", "订单"), ("產能", "产能"), ("萬噸", "万吨"),
    ("港幣", "港币"), ("美元", "美元"), ("餘", "余"), ("佔比", "占比"), ("與", "与"),
])
def test_traditional_to_simplified(trad: str, simp: str) -> None:
    assert normalize(trad).text == simp


@pytest.mark.parametrize("source, expected", [
    ("８０％", "80%"),
    ("１∶２", "1:2"),
    ("ＧＰＵ", "GPU"),
    ("３０％～４０％", "30%~40%"),
    ("80%—90%", "80%-90%"),
    ("80%–90%", "80%-90%"),
    ("１２．５", "12.5"),
    ("\u3000营收", " 营收"),
    ("2\u00a0000", "2 000"),
])
def test_full_width_and_dashes(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize("mark", list("，：；！？（）"))
def test_chinese_clause_marks_are_kept(mark: str) -> None:
    """A full-width comma must stay one: "100，200" is two numbers, not 100,200."""
    assert normalize(f"100{mark}200").text == f"100{mark}200"


def test_traditional_table_is_one_for_one() -> None:
    data = resources.files("irmetrics").joinpath("data", "t2s.txt").read_text(encoding="utf-8")
    seen: dict[str, str] = {}
    for line in data.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        trad, simp = line.split()
        assert len(trad) == len(simp) == 1, line
        assert seen.setdefault(trad, simp) == simp, f"{trad} maps to {seen[trad]} and {simp}"


@pytest.mark.parametrize("simplified, traditional", [
    # (named currency: a bare 元 is CNY in Simplified and TWD in Traditional text)
    ("公司营收人民币 12.5 亿元，同比增长 23.5%", "公司營收人民幣 12.5 億元，同比增長 23.5%"),
    ("服务超过 300 多家企业", "服務超過 300 多家企業"),
    ("毛利率提升 1.6 个百分点", "毛利率提升 1.6 個百分點"),
    ("产能达到 10 万吨左右", "產能達到 10 萬噸左右"),
    ("海外业务贡献了三成收入", "海外業務貢獻了三成收入"),
])
def test_traditional_text_extracts_like_simplified(simplified: str, traditional: str) -> None:
    """Same length, same facts, spans quoting the Traditional source."""
    assert len(simplified) == len(traditional)
    a = irmetrics.extract(simplified, lang="zh")
    b = irmetrics.extract(traditional, lang="zh")
    key = lambda f: (f.start, f.end, f.kind, f.value, f.low, f.high, f.unit, f.qualifier)  # noqa: E731
    assert [key(f) for f in a] == [key(f) for f in b]
    assert all(f.text == traditional[f.start:f.end] for f in b)
    assert len(b) > 0
