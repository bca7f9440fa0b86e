"""Frames: lists and asides hand metric, subject and period to their values in order."""

from __future__ import annotations

from datetime import date

import pytest

import irmetrics


def got(text: str, doc_date: str = "2024-03-01") -> dict[str, irmetrics.Fact]:
    return {f.text: f for f in irmetrics.extract(text, date=doc_date) if f.kind.value not in ("date", "period")}


def labels(text: str, *items: str, doc_date: str = "2024-03-01") -> list[tuple[str | None, str | None]]:
    g = got(text, doc_date)
    missing = [i for i in items if i not in g]
    assert not missing, f"no fact {missing} in {text!r}: {list(g)}"
    return [(g[i].metric, g[i].subject) for i in items]


def test_a_chain_of_metric_cues_names_each_value_in_turn() -> None:
    text = "2023年营收和归母净利润分别为 56.2/7.4 亿元，分别同比+12%/-3%"
    assert labels(text, "56.2", "7.4 亿元", "+12%", "-3%") == [
        ("revenue", "营收"), ("net_profit", "归母净利润"),
        ("revenue_change", "营收"), ("net_profit_change", "归母净利润")]


def test_terms_that_share_a_head_give_each_value_its_own_subject() -> None:
    text = "分板块看，光伏/风电/储能收入为 120/45/18 亿元，同比+25%/-6%/+80%"
    assert labels(text, "120", "45", "18 亿元", "+25%", "-6%", "+80%") == [
        ("revenue", "光伏收入"), ("revenue", "风电收入"), ("revenue", "储能收入"),
        ("revenue_change", "光伏收入"), ("revenue_change", "风电收入"), ("revenue_change", "储能收入")]


def test_a_head_after_the_terms_and_a_head_no_cue_names() -> None:
    text = "线上/线下分别实现收入 8.1、15.6 亿元"
    assert labels(text, "8.1", "15.6 亿元") == [("revenue", "线上收入"), ("revenue", "线下收入")]
    text = "其中华东/华南门店数为 320/210 家"
    assert [s for _, s in labels(text, "320", "210 家")] == ["华东门店数", "华南门店数"]


def test_groups_of_a_level_and_its_change() -> None:
    text = "销售、管理费用分别为 9.6 亿元/-12%、4.2 亿元/+5%"
    assert labels(text, "9.6 亿元", "-12%", "4.2 亿元", "+5%") == [
        ("cost", "销售费用"), ("cost_change", "销售费用"), ("cost", "管理费用"), ("cost_change", "管理费用")]


def test_respectively_pairs_metrics_named_apart() -> None:
    text = "预计全年收入 88 亿元、净利润 9 亿元，增速分别为 21%、35%"
    assert labels(text, "21%", "35%") == [("revenue_change", "收入"), ("net_profit_change", "净利润")]


def test_a_list_without_a_chain_is_one_metric() -> None:
    assert labels("营收 312 亿元/-27%", "312 亿元", "-27%") == [("revenue", "营收"), ("revenue_change", "营收")]
    assert [m for m, _ in labels("维持净利润预测 5.1/6.3/7.7 亿元", "5.1", "6.3", "7.7 亿元")] == ["net_profit"] * 3


def test_periods_are_no_chain_of_terms() -> None:
    text = "2023年实现归母净利润 20 亿元，其中Q1/Q2 分别实现 8/12 亿元"
    assert labels(text, "8", "12 亿元") == [("net_profit", "归母净利润")] * 2


def test_an_aside_refines_the_value_before_it() -> None:
    text = "上半年毛利率为 41.2%（+1.5pct），销售费用率 9.8%（-0.6pct）"
    assert labels(text, "41.2%", "+1.5pct", "9.8%", "-0.6pct") == [
        ("gross_margin", "毛利率"), ("gross_margin_change", "毛利率"), (None, "销售费用率"), (None, "销售费用率")]


def test_a_change_right_after_a_value_continues_its_metric() -> None:
    text = "海外收入占比 38.5%，同比提升 4.1 个百分点"
    assert labels(text, "38.5%", "4.1 个百分点") == [("share", "海外收入"), ("share_change", "海外收入")]


@pytest.mark.parametrize("text, value, subject", [
    ("In the quarter, Latin America grew 7%.", "7%", "Latin America"),
    ("西南区域同比增长 18%", "18%", "西南区域"),
    ("儿童服饰有 20% 的增速", "20%", "儿童服饰"),
])
def test_growth_of_a_business_is_revenue_growth(text: str, value: str, subject: str) -> None:
    assert labels(text, value) == [("revenue_change", subject)]


@pytest.mark.parametrize("text, value", [
    ("Store traffic grew 4% in May.", "4%"),
    ("期末存货同比增长 15%", "15%"),
    ("同比增长 6%", "6%"),
])
def test_growth_of_a_measure_or_of_nothing_named_implies_no_metric(text: str, value: str) -> None:
    assert labels(text, value)[0][0] is None


def test_a_list_of_periods_hands_out_its_periods() -> None:
    g = got("今年Q1/Q2/Q3/Q4分别实现营收 5.0/6.1/6.8/7.9 亿元", doc_date="2024-12-20")
    assert [(g[v].period_start, g[v].period_end) for v in ("5.0", "7.9 亿元")] == [
        (date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 10, 1), date(2024, 12, 31))]
    assert {g[v].metric for v in ("5.0", "6.1", "6.8", "7.9 亿元")} == {"revenue"}


def test_a_run_of_years_hands_out_one_year_each() -> None:
    g = got("预计2024-2026年EPS分别为 0.52/0.66/0.81 元，对应PE为 25/20/16 倍")
    assert [g[v].period_start.year for v in ("0.52", "0.66", "0.81 元", "25", "20", "16 倍")] == [2024, 2025, 2026] * 2
    assert all(g[v].metric == "eps" for v in ("0.52", "0.66", "0.81 元"))


def test_an_aside_takes_its_hosts_period() -> None:
    g = got("2023年营收 61 亿元（+16.5%），2024年目标 70 亿元")
    assert g["+16.5%"].period_start == date(2023, 1, 1)


# ---------------------------------------------------------------- document and sentence context

@pytest.mark.parametrize("text, value, unit", [
    ("Revenue was 15.6 billion, and net income was $1.2 billion.", "15.6 billion", "USD"),
    ("全年营收 4318 亿，净利润 120 亿元", "4318 亿", "CNY"),
    ("Revenue was 3.1 billion.", "3.1 billion", "USD"),
])
def test_an_amount_a_money_metric_names_is_money_in_the_documents_currency(text: str, value: str, unit: str) -> None:
    f = got(text)[value]
    assert (f.kind.value, f.unit) == ("money", unit)


def test_a_bare_margin_is_the_last_margin_the_document_named() -> None:
    text = "Operating margin was 12.1% in the quarter. Margins expanded 80 basis points on lower costs."
    assert labels(text, "12.1%", "80 basis points") == [
        ("operating_margin", "Operating margin"), ("operating_margin_change", "Margins")]


def test_a_sentence_opener_names_the_segment() -> None:
    [(metric, subject)] = labels("In our Consumer segment, revenues rose 6%.", "6%")
    assert metric == "revenue_change" and "Consumer segment" in subject and "revenues" in subject
    assert labels("For the Aero business, we project growth of 5% next year.", "5%") == [
        ("revenue_change", "Aero business")]
    assert labels("In addition, revenues rose 6%.", "6%") == [("revenue_change", "revenues")]


def test_a_compared_value_keeps_its_own_period_and_the_first_the_sentences() -> None:
    g = got("For the first quarter of 2024, revenue was $812 million compared to $745 million for the "
            "first quarter of 2023.", doc_date="2024-04-30")
    assert g["$812 million"].period_start == date(2024, 1, 1)
    assert g["$745 million"].period_start == date(2023, 1, 1)


def test_a_target_year_that_opens_a_clause_governs_it() -> None:
    g = got("公司的目标是：到2028年，销量达到 300 万辆")
    assert (g["300 万辆"].period_start, g["300 万辆"].period_end) == (date(2028, 1, 1), date(2028, 12, 31))


def test_an_aside_after_a_name_says_what_of_it() -> None:
    assert labels("一是新建智能仓储项目（投入 2.8 亿元），二是补充流动资金", "2.8 亿元")[0][1] == "新建智能仓储项目投入"
    # an aside whose value names its own metric keeps its own subject
    assert labels("公司营收结构（其中海外收入 3 亿元）持续优化", "3 亿元") == [("revenue", "海外收入")]


@pytest.mark.parametrize("text, value, expected", [
    ("Adjusted EBITDA was $7.8 million in the current quarter.", "$7.8 million", ("ebitda", "Adjusted EBITDA")),
    ("Depreciation decreased to $18 million compared to $40.3 million a year ago.", "$40.3 million",
     (None, "Depreciation")),
    ("Operating loss narrowed from $3.8 million in the prior quarter to $2.6 million.", "$2.6 million",
     (None, "Operating loss")),
])
def test_a_period_after_a_value_names_no_subject_and_compared_values_continue(text, value, expected) -> None:
    assert labels(text, value) == [expected]


@pytest.mark.parametrize("text, value, kind, unit", [
    ("本月融资净流出 3215.6 万，融券净流入 88.2 万元", "3215.6 万", "money", "CNY"),
    ("Impairment charges were 14 million in the quarter.", "14 million", "money", "USD"),
    ("注册用户规模达 1.2 亿", "1.2 亿", "number", ""),
])
def test_a_scaled_amount_that_money_words_name_is_money(text, value, kind, unit) -> None:
    f = got(text)[value]
    assert (f.kind.value, f.unit) == (kind, unit)


def test_growth_of_a_share_price_is_no_revenue_growth() -> None:
    assert labels("公司股價上漲 2.3%", "2.3%")[0][0] is None
