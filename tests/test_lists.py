"""Lists written with one unit: every item is a fact of its own."""

from __future__ import annotations

from datetime import date

import pytest

import irmetrics


def facts(text: str):
    return [f for f in irmetrics.extract(text, date="2024-03-01", lang="zh")]


def by_text(text: str) -> dict[str, irmetrics.Fact]:
    return {f.text: f for f in facts(text)}


@pytest.mark.parametrize("text, items, unit, values", [
    ("四个季度营收分别为 21.4/25.0/27.9/30.2 亿元", ["21.4", "25.0", "27.9", "30.2 亿元"], "CNY",
     [2.14e9, 2.5e9, 2.79e9, 3.02e9]),
    ("三年利润分别为 -12.5、3.8、15.1 亿元", ["-12.5", "3.8", "15.1 亿元"], "CNY", [-1.25e9, 3.8e8, 1.51e9]),
    ("各板块毛利率同比-0.3/+1.2/+0pct", ["-0.3", "+1.2", "+0pct"], "percentage_point", [-0.3, 1.2, 0.0]),
    ("对应估值为 31/26/22 倍", ["31", "26", "22 倍"], "", [31, 26, 22]),
    ("EPS 分别为 0.41、0.57、0.73 元/股", ["0.41", "0.57", "0.73 元/股"], "CNY/share", [0.41, 0.57, 0.73]),
    ("两个品类收入分别为 1,250/3,400 万元", ["1,250", "3,400 万元"], "CNY", [1.25e7, 3.4e7]),
])
def test_a_unit_written_once_belongs_to_every_item(text: str, items: list[str], unit: str, values: list[float]) -> None:
    got = by_text(text)
    for item, value in zip(items, values):
        assert item in got, f"{item!r} is no fact in {text!r}: {list(got)}"
        f = got[item]
        assert f.unit == unit and f.value == pytest.approx(value)
        assert text[f.start:f.end] == f.text


def test_a_decrease_said_once_is_a_decrease_of_every_item() -> None:
    got = by_text("两项费用率分别下降 0.4/1.1 个百分点")
    assert got["0.4"].value == pytest.approx(-0.4) and got["1.1 个百分点"].value == pytest.approx(-1.1)


def test_bare_years_before_a_year_are_years() -> None:
    got = by_text("预计增厚 23/24 年利润")
    assert (got["23"].period_start, got["23"].period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert got["24 年"].period_start == date(2024, 1, 1)


@pytest.mark.parametrize("text", ["均价为 600/吨", "截至 2023/9/30 的余额", "1/3 的门店", "型号 A1/A2 已量产"])
def test_a_slash_inside_a_fact_or_without_a_closing_fact_joins_nothing(text: str) -> None:
    got = facts(text)
    assert all(text[f.start:f.end] == f.text for f in got)
    assert not any(f.text in ("600", "1", "3", "A1") for f in got)
