"""Time expressions: rule examples, each form in both languages, resolution and attachment."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

import irmetrics
from irmetrics.model import Fact, FactKind
from irmetrics.normalize import normalize
from irmetrics.rules import builtin_pack
from irmetrics.periods import attach_periods
from irmetrics.segment import segment
from irmetrics.timex import (TimeMention, detect_document_date, find_times, fiscal_year_bounds, half_bounds,
                             quarter_bounds, shift_quarter)

PACK = builtin_pack("time")
D = date.fromisoformat


def _lang(text: str) -> str:
    return "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"


def times(text: str, doc: str | date | None = None, lang: str | None = None,
          fye: tuple[int, int] | None = None) -> list[TimeMention]:
    d = D(doc) if isinstance(doc, str) else doc
    return find_times(segment(normalize(text).text, lang or _lang(text)), text, doc_date=d, fiscal_year_end=fye)


def one(text: str, match: str, doc: str | date | None = None, lang: str | None = None,
        fye: tuple[int, int] | None = None) -> TimeMention:
    """The mention whose text is exactly ``match`` (fails if there is none)."""
    found = [t for t in times(text, doc, lang, fye) if t.fact.text == match]
    assert found, f"no time expression {match!r} in {text!r}; got {[t.fact.text for t in times(text, doc, lang, fye)]}"
    return found[0]


def span(text: str, match: str, doc: str | date | None = None, lang: str | None = None,
         fye: tuple[int, int] | None = None) -> tuple[date | None, date | None]:
    f = one(text, match, doc, lang, fye).fact
    return f.period_start, f.period_end


# ---------------------------------------------------------------- the pack's own examples

def test_every_rule_has_examples_and_counter_examples() -> None:
    for rule in PACK.rules:
        assert len(rule.examples) >= 2, rule.id
        assert len(rule.counter_examples) >= 1, rule.id


_EXAMPLES = [pytest.param(rule, ex, id=f"{rule.id}[{i}]")
             for rule in PACK.rules for i, ex in enumerate(rule.examples)]
_COUNTERS = [pytest.param(rule, text, id=f"{rule.id}[{i}]")
             for rule in PACK.rules for i, text in enumerate(rule.counter_examples)]


@pytest.mark.parametrize("rule, ex", _EXAMPLES)
def test_rule_example(rule, ex) -> None:
    lang = ex.lang or (rule.langs[0] if len(rule.langs) == 1 else _lang(ex.text))
    found = times(ex.text, ex.date, lang)
    target = ex.match or ex.text
    if rule.kind is None:  # a skip rule: its phrase yields no time expression
        s = ex.text.index(target)
        e = s + len(target)
        assert not [t.fact.text for t in found if t.fact.start < e and s < t.fact.end]
        return
    hits = [t for t in found if t.fact.text == target]
    assert hits, f"{target!r} not found in {ex.text!r}: {[(t.fact.text, t.fact.rule) for t in found]}"
    fact = hits[0].fact
    assert fact.rule == rule.id
    assert fact.kind == (ex.kind or rule.kind)
    assert fact.text == ex.text[fact.start:fact.end]
    if ex.period_start is not None:
        assert (fact.period_start, fact.period_end) == (ex.period_start, ex.period_end)
    if fact.kind is FactKind.DATE and fact.period_start is not None:
        assert fact.period_start == fact.period_end


@pytest.mark.parametrize("rule, text", _COUNTERS)
def test_rule_counter_example(rule, text) -> None:
    lang = rule.langs[0] if len(rule.langs) == 1 else _lang(text)
    found = times(text, "2024-10-28", lang)
    if rule.kind is None:  # a skip rule must not swallow these
        assert found, text
    else:
        assert not [t.fact.text for t in found if t.fact.rule == rule.id]


# ---------------------------------------------------------------- every form, Simplified, Traditional, English

# (Simplified text, Traditional text, expression, document date, start, end).
# Each Traditional text is the Simplified one written in Traditional
# characters (the test checks it differs and normalises back).
ZH_FORMS = [
    ("调研时间：2023年5月16日14:30", "調研時間：2023年5月16日14:30", "2023年5月16日14:30", None, "2023-05-16", "2023-05-16"),
    ("董事会\n2023 年 5 月 17 日", "董事會\n2023 年 5 月 17 日", "2023 年 5 月 17 日", None, "2023-05-17", "2023-05-17"),
    ("股东大会于2023-05-16召开", "股東大會於2023-05-16召開", "2023-05-16", None, "2023-05-16", "2023-05-16"),
    ("股东大会于2023/05/16召开", "股東大會於2023/05/16召開", "2023/05/16", None, "2023-05-16", "2023-05-16"),
    ("公司于5月16日披露", "公司於5月16日披露", "5月16日", "2023-05-20", "2023-05-16", "2023-05-16"),
    ("股东大会于二〇二三年五月召开", "股東大會於二〇二三年五月召開", "二〇二三年五月", None, "2023-05-01", "2023-05-31"),
    ("2024年公司营收增长", "2024年公司營收增長", "2024年", None, "2024-01-01", "2024-12-31"),
    ("19年公司营收下降", "19年公司營收下降", "19年", "2020-05-01", "2019-01-01", "2019-12-31"),
    ("2023财年营收", "2023財年營收", "2023财年", None, "2023-01-01", "2023-12-31"),
    ("公司三季度业绩", "公司三季度業績", "三季度", "2023-10-30", "2023-07-01", "2023-09-30"),
    ("第三季度营收", "第三季度營收", "第三季度", "2023-10-30", "2023-07-01", "2023-09-30"),
    ("今年Q3营收", "今年Q3營收", "今年Q3", "2023-10-30", "2023-07-01", "2023-09-30"),
    ("公司上半年营收", "公司上半年營收", "上半年", "2023-10-30", "2023-01-01", "2023-06-30"),
    ("预计下半年投产", "預計下半年投產", "下半年", "2023-10-30", "2023-07-01", "2023-12-31"),
    ("今年前三季度，门店翻台率超过 3 次", "今年前三季度，門店翻台率超過 3 次", "今年前三季度", "2023-10-30", "2023-01-01", "2023-09-30"),
    ("一季度末在手订单", "一季度末在手訂單", "一季度末", "2023-10-30", "2023-03-31", "2023-03-31"),
    ("详见三季报", "詳見三季報", "三季报", "2024-11-05", "2024-07-01", "2024-09-30"),
    ("年初至今股价上涨", "年初至今股價上漲", "年初至今", "2024-05-20", "2024-01-01", "2024-05-20"),
    ("今年 4-5 月份门店客流回暖", "今年 4-5 月份門店客流回暖", "今年 4-5 月份", "2023-10-30", "2023-04-01", "2023-05-31"),
    ("6月初完成调试", "6月初完成調試", "6月初", "2023-10-30", "2023-06-01", "2023-06-10"),
    ("预计月中完成", "預計月中完成", "月中", "2024-11-05", "2024-11-11", "2024-11-20"),
    ("预计月底发货", "預計月底發貨", "月底", "2024-11-05", "2024-11-30", "2024-11-30"),
    ("2024年初开始回购", "2024年初開始回購", "2024年初", None, "2024-01-01", "2024-04-30"),
    ("预计年底投产", "預計年底投產", "年底", "2024-05-06", "2024-12-31", "2024-12-31"),
    ("今年营收增长", "今年營收增長", "今年", "2023-10-30", "2023-01-01", "2023-12-31"),
    ("去年营收增长", "去年營收增長", "去年", "2023-10-30", "2022-01-01", "2022-12-31"),
    ("明年计划", "明年計劃", "明年", "2023-10-30", "2024-01-01", "2024-12-31"),
    ("前年基数低", "前年基數低", "前年", "2023-10-30", "2021-01-01", "2021-12-31"),
    ("本季度营收", "本季度營收", "本季度", "2023-10-30", "2023-10-01", "2023-12-31"),
    ("这个季度营收", "這個季度營收", "这个季度", "2023-10-30", "2023-10-01", "2023-12-31"),
    ("上季度营收", "上季度營收", "上季度", "2023-10-30", "2023-07-01", "2023-09-30"),
    ("本月销量", "本月銷量", "本月", "2023-10-30", "2023-10-01", "2023-10-31"),
    ("上个月销量", "上個月銷量", "上个月", "2023-10-30", "2023-09-01", "2023-09-30"),
    ("今年前三季度销量8万台，较去年同期增长15%", "今年前三季度銷量8萬台，較去年同期增長15%", "去年同期", "2023-10-30",
     "2022-01-01", "2022-09-30"),
    ("2022年上半年净利润1亿元，上年同期为2亿元", "2022年上半年淨利潤1億元，上年同期為2億元", "上年同期", None,
     "2021-01-01", "2021-06-30"),
    ("今天股价下跌", "今天股價下跌", "今天", "2023-10-30", "2023-10-30", "2023-10-30"),
    ("截至三季度末，公司门店", "截至三季度末，公司門店", "三季度末", "2023-10-30", "2023-09-30", "2023-09-30"),
    ("截至今年二季度末，在建工程进度较快", "截至今年二季度末，在建工程進度較快", "今年二季度末", "2023-10-30", "2023-06-30", "2023-06-30"),
    ("2023年第三季度报告显示，报告期末股东1万户", "2023年第三季度報告顯示，報告期末股東1萬戶", "报告期末", None,
     "2023-09-30", "2023-09-30"),
]


@pytest.mark.parametrize("simplified, traditional, match, doc, start, end", ZH_FORMS,
                         ids=[f"{r[2]}-{i}" for i, r in enumerate(ZH_FORMS)])
def test_chinese_form(simplified, traditional, match, doc, start, end) -> None:
    assert traditional != simplified and normalize(traditional).text == simplified
    expected = (D(start), D(end))
    assert span(simplified, match, doc) == expected
    # The same expression in Traditional characters, spanned on the Traditional text.
    i = simplified.index(match)
    assert span(traditional, traditional[i:i + len(match)], doc) == expected


EN_FORMS = [
    ("The call was held on May 16, 2023.", "May 16, 2023", None, "2023-05-16", "2023-05-16"),
    ("as of Feb. 9th we had", "Feb. 9th", "2023-02-20", "2023-02-09", "2023-02-09"),
    ("effective April 3rd, Dana will join", "April 3rd", "2022-11-15", "2023-04-03", "2023-04-03"),
    ("We will host our investor day on Tuesday, June 13.", "Tuesday, June 13", "2023-03-02", "2023-06-13", "2023-06-13"),
    ("Sales rose in 4/2018 after launch", "4/2018", None, "2018-04-01", "2018-04-30"),
    ("Revenue (2018/12M) was flat", "2018/12M", None, "2018-01-01", "2018-12-31"),
    ("Revenue rose 5% versus 2019.", "2019", "2021-07-29", "2019-01-01", "2019-12-31"),
    ("growth versus '19 levels", "'19", "2021-07-29", "2019-01-01", "2019-12-31"),
    ("FY2024 guidance is unchanged", "FY2024", None, "2024-01-01", "2024-12-31"),
    ("our fiscal 2024 outlook", "fiscal 2024", None, "2024-01-01", "2024-12-31"),
    ("sales in fiscal '21 grew", "fiscal '21", None, "2021-01-01", "2021-12-31"),
    ("Q3 revenue grew", "Q3", "2023-10-30", "2023-07-01", "2023-09-30"),
    ("margin in 3Q24 was", "3Q24", None, "2024-07-01", "2024-09-30"),
    ("2020Q3 margin", "2020Q3", None, "2020-07-01", "2020-09-30"),
    ("20Q3 margin", "20Q3", None, "2020-07-01", "2020-09-30"),
    ("revenue in the third quarter of 2019 rose", "the third quarter of 2019", None, "2019-07-01", "2019-09-30"),
    ("orders in H1 were strong", "H1", "2021-08-05", "2021-01-01", "2021-06-30"),
    ("1H19 revenue", "1H19", None, "2019-01-01", "2019-06-30"),
    ("demand in the first half was strong", "the first half", "2021-08-05", "2021-01-01", "2021-06-30"),
    ("back half volumes should recover", "back half", "2022-09-08", "2022-07-01", "2022-12-31"),
    ("Third quarter results. Year-to-date revenue rose 9%.", "Year-to-date", "2019-10-30", "2019-01-01", "2019-09-30"),
    ("in early September we saw", "early September", "2021-10-20", "2021-09-01", "2021-09-10"),
    ("by mid-2023 we expect", "mid-2023", None, "2023-05-01", "2023-08-31"),
    ("through late July", "late July", "2021-10-20", "2021-07-21", "2021-07-31"),
    ("rent steps up by September 2025", "September 2025", None, "2025-09-01", "2025-09-30"),
    ("we added 25 clinics this year", "this year", "2022-05-05", "2022-01-01", "2022-12-31"),
    ("orders were 12% lower than last year", "last year", "2022-05-05", "2021-01-01", "2021-12-31"),
    ("next year we will grow", "next year", "2021-07-29", "2022-01-01", "2022-12-31"),
    ("Second quarter results. Bookings rose in this quarter.", "this quarter", "2021-07-29", "2021-04-01", "2021-06-30"),
    ("Second quarter results. Bookings rose in the quarter.", "the quarter", "2021-07-29", "2021-04-01", "2021-06-30"),
    ("Second quarter results. Margins beat last quarter.", "last quarter", "2021-07-29", "2021-01-01", "2021-03-31"),
    ("Second quarter results. EPS beat a year ago.", "a year ago", "2021-07-29", "2020-04-01", "2020-06-30"),
    ("Second quarter results. EPS beat the year-ago quarter.", "the year-ago quarter", "2021-07-29", "2020-04-01", "2020-06-30"),
    ("Earlier today, the board declared a dividend", "today", "2022-08-11", "2022-08-11", "2022-08-11"),
    ("Cash was $5 million as of September 30.", "September 30", "2021-10-28", "2021-09-30", "2021-09-30"),
    ("at the end of the third quarter, backlog was", "the end of the third quarter", "2022-10-27", "2022-09-30", "2022-09-30"),
]


@pytest.mark.parametrize("text, match, doc, start, end", EN_FORMS, ids=[f"{r[1]}-{i}" for i, r in enumerate(EN_FORMS)])
def test_english_form(text, match, doc, start, end) -> None:
    assert span(text, match, doc, "en") == (D(start), D(end))


def test_roles() -> None:
    assert one("今年营收较去年同期增长20%", "去年同期", "2024-10-28").role == "base"
    assert one("今年营收与去年同期相比增长20%", "去年同期", "2024-10-28").role == "base"
    assert one("今年营收較去年增長20%", "去年", "2024-10-28").role == "base"
    assert one("截至今年二季度末，在建项目", "今年二季度末", "2023-08-25").role == "asof"
    assert one("今年营收增长20%", "今年", "2024-10-28").role == "own"
    assert one("sales grew 5% compared to a year ago", "a year ago", "2021-07-29", "en").role == "base"
    assert one("sales grew 5% versus 2019", "2019", "2021-07-29", "en").role == "base"
    assert one("Cash was $5 million as of September 30.", "September 30", "2021-10-28", "en").role == "asof"
    # An amount stated for the year-ago period is that period's own figure.
    assert one("Revenue was $5 million, up from $4 million a year ago.", "a year ago", "2021-07-29",
               "en").role == "own"


# ---------------------------------------------------------------- numbers that are no time, vague words

@pytest.mark.parametrize("text", [
    "公告编号：2023-058", "公告編號：2023-058", "租赁期限为自交付之日起 3 年", "连续10年保持增长",
    "服务期限10年以上", "拥有20年的经验", "公司成立于90年代", "近期订单饱满", "未来几年", "近年来",
    "We have seen this recently.", "over the next few years", "in recent years", "737 MAX deliveries",
    "COVID-19 impacts", "the 10-K filing", "each quarter we pay a dividend", "a quarter of our sales",
    "results may differ", "year-over-year growth",
])
def test_no_time_expression(text: str) -> None:
    assert [t.fact.text for t in times(text, "2024-10-28")] == []


@pytest.mark.parametrize("text, match, doc, start, end", [
    # Counted years are whole years: the last N before this one, or this one and the next N-1.
    ("近10年保持增长", "近10年", "2024-10-28", "2014-01-01", "2023-12-31"),
    ("過去三年累計分紅", "過去三年", "2024-10-28", "2021-01-01", "2023-12-31"),
    ("未来五年将推出10款新车", "未来五年", "2021-09-15", "2021-01-01", "2025-12-31"),
    ("预计明后年收入增速25%、22%", "明后年", "2021-08-20", "2022-01-01", "2023-12-31"),
    # Months and days run to the document date itself.
    ("近3个月融资净流出", "近3个月", "2023-05-16", "2023-02-16", "2023-05-16"),
    ("最近90天内共有3家机构给出评级", "最近90天内", "2023-05-16", "2023-02-16", "2023-05-16"),
    ("近十二个月股价上涨", "近十二个月", "2024-02-29", "2023-02-28", "2024-02-29"),
])
def test_counted_stretches_next_to_the_document_date(text, match, doc, start, end) -> None:
    assert span(text, match, doc) == (D(start), D(end))


def test_vague_and_counted_lengths_stay_no_period() -> None:
    for text in ("未来几年需求稳定", "近几个月", "连续3年增长", "近两个季度需求偏弱"):
        assert [t.fact.text for t in times(text, "2024-10-28")] == [], text


def test_year_start_alone_is_a_date_and_a_run_of_days_a_period() -> None:
    f = one("合同负债较年初增加1.7亿元", "年初", "2021-08-20").fact
    assert (f.kind, f.period_start, f.period_end) == (FactKind.DATE, D("2021-01-01"), D("2021-01-01"))
    assert span("2024年初公司启动回购", "2024年初") == (D("2024-01-01"), D("2024-04-30"))
    assert span("19年年初至今煤价下降", "19年年初至今", "2019-03-18") == (D("2019-01-01"), D("2019-03-18"))
    assert span("1月1日至3月15日均价", "1月1日至3月15日", "2019-03-18") == (D("2019-01-01"), D("2019-03-15"))


def test_a_full_date_is_one_expression() -> None:
    found = times("公司于2023年5月16日披露", "2023-05-20")
    assert [t.fact.text for t in found] == ["2023年5月16日"]
    assert found[0].fact.kind is FactKind.DATE


def test_two_digit_year_only_near_the_document_date() -> None:
    assert span("19年公司收入下降", "19年", "2020-05-01") == (D("2019-01-01"), D("2019-12-31"))
    # Decades from the document date, 80年 is no year of this company's record.
    assert [t.fact.text for t in times("80年公司收入下降", "2020-05-01")] == []


# ---------------------------------------------------------------- broker shorthand in Chinese text

@pytest.mark.parametrize("text, match, start, end", [
    ("1H21营收同比+12%，2Q21增速加快", "1H21", "2021-01-01", "2021-06-30"),
    ("1H21营收同比+12%，2Q21增速加快", "2Q21", "2021-04-01", "2021-06-30"),
    ("較4Q20改善", "4Q20", "2020-10-01", "2020-12-31"),
    ("公司2022H1毛利率提升", "2022H1", "2022-01-01", "2022-06-30"),
    ("公司21Q3营收", "21Q3", "2021-07-01", "2021-09-30"),
    ("2024E净利润", "2024E", "2024-01-01", "2024-12-31"),
    ("对应2022F市盈率", "2022F", "2022-01-01", "2022-12-31"),
    ("公司FY21收入", "FY21", "2021-01-01", "2021-12-31"),
    ("维持2021-23年盈利预测", "2021-23年", "2021-01-01", "2023-12-31"),
    ("预计21-23年净利润分别为", "21-23年", "2021-01-01", "2023-12-31"),
    ("预计1H22~2023需求回暖", "1H22~2023", "2022-01-01", "2023-12-31"),
    ("公司发布2021年中报", "2021年中报", "2021-01-01", "2021-06-30"),
])
def test_broker_shorthand_in_chinese(text: str, match: str, start: str, end: str) -> None:
    assert span(text, match, "2021-09-10") == (D(start), D(end))


def test_a_run_of_two_digit_years_is_a_period_not_a_duration() -> None:
    # The time fact spans the whole run, so it wins over "20-22 years" of the values pack.
    facts = [f for f in irmetrics.extract("21-23年公司累计交付96台", date="2024-03-01") if f.text == "21-23年"]
    assert [(f.kind, f.period_start, f.period_end) for f in facts] == [
        (FactKind.PERIOD, D("2021-01-01"), D("2023-12-31"))]
    # Far from the document date, two-digit numbers are a length of time.
    assert [t.fact.text for t in times("公司从业10-15年", "2024-03-01")] == []


# ---------------------------------------------------------------- the year and period under discussion

def test_a_part_of_a_year_takes_the_year_written_before_it() -> None:
    text = "20年全年公司营收50亿元，其中Q1/Q2分别为8/12亿元，四季度增长最快。公司预计21年Q1营收增长，比19年Q1增长20%。预计Q1净利润为正"
    doc = "2021-03-31"
    assert span(text, "Q1", doc) == (D("2020-01-01"), D("2020-03-31"))
    assert span(text, "四季度", doc) == (D("2020-10-01"), D("2020-12-31"))
    # A comparison base (比19年Q1) carries no year; 21年Q1 does.
    found = [t.fact for t in times(text, doc) if t.fact.text == "Q1"]
    assert (found[-1].period_start, found[-1].period_end) == (D("2021-01-01"), D("2021-03-31"))


def test_a_paragraph_without_a_year_continues_the_last_whole_year() -> None:
    text = "2020年公司营收增长10%，净利润增长8%。\n　　全年来看，门店数量增加。上半年受疫情拖累。"
    assert span(text, "全年", "2021-03-31") == (D("2020-01-01"), D("2020-12-31"))
    assert span(text, "上半年", "2021-03-31") == (D("2020-01-01"), D("2020-06-30"))
    # A year long past or a target year leaves the choice to the date.
    this_year = (D("2021-01-01"), D("2021-06-30"))
    assert span("公司成立于2011年。\n　　上半年受疫情拖累。", "上半年", "2021-03-31") == this_year
    assert span("预计到2025年营收翻倍，上半年需求偏弱。", "上半年", "2021-03-31") == this_year


def test_a_qa_answer_does_not_inherit_the_year_of_an_earlier_answer() -> None:
    text = ("问题 1、分红计划？\n回答：2023 年度每股派发现金红利 0.25 元。\n"
            "问题 2、海外业务？\n回答：前三季度海外收入 3.1 亿元，全年有望增长。")
    assert span(text, "前三季度", "2024-11-06") == (D("2024-01-01"), D("2024-09-30"))
    assert span(text, "全年", "2024-11-06") == (D("2024-01-01"), D("2024-12-31"))


def test_a_year_far_back_in_the_paragraph_does_not_carry() -> None:
    text = "公司成立于2011年。业务稳步发展。客户数量增加。产品线持续丰富。下半年会逐步好转。"
    assert span(text, "下半年", "2021-09-03") == (D("2021-07-01"), D("2021-12-31"))


def test_this_period_and_the_same_period_follow_the_discussion() -> None:
    text = "2020年度报告显示，公司去年营收增长5%；另外，公司当期研发投入100亿元。"
    assert span(text, "当期", "2021-03-31") == (D("2020-01-01"), D("2020-12-31"))
    text = "2018年公司煤价上涨（同比+2%），同期公司发电量增长15%"
    assert span(text, "同期", "2019-03-18") == (D("2018-01-01"), D("2018-12-31"))
    assert [t.fact.text for t in times("营收较同期增长，计入当期损益", "2019-03-18")] == []


# ---------------------------------------------------------------- English: calls

CALL = "Second quarter 2021 results.\n"


@pytest.mark.parametrize("text, match, start, end", [
    ("As we look back on 2021, margins held.", "2021", "2021-01-01", "2021-12-31"),
    ("Thank you.\n2020 was a year of records.", "2020", "2020-01-01", "2020-12-31"),
    ("We remain optimistic about 2022.", "2022", "2022-01-01", "2022-12-31"),
    ("On a full year basis, revenue set a record.", "full year", "2021-01-01", "2021-12-31"),
    ("We raised our full-year EPS guidance.", "full-year", "2021-01-01", "2021-12-31"),
    ("We launched the app last week.", "last week", "2021-07-19", "2021-07-25"),
    ("We entered Ohio last April.", "last April", "2021-04-01", "2021-04-30"),
    ("Traffic recovered in the spring of 2020.", "the spring of 2020", "2020-03-01", "2020-05-31"),
    ("We plan to open in the third and fourth quarters.", "the third and fourth quarters", "2021-07-01", "2021-12-31"),
    ("Revenue for the six months ended June 30 rose 9%.", "the six months ended June 30", "2021-01-01", "2021-06-30"),
    ("Orders through six months are up 20%.", "six months", "2021-01-01", "2021-06-30"),
    ("Net debt at the end of Q1 was $2 billion.", "the end of Q1", "2021-03-31", "2021-03-31"),
    ("It was our first full quarter as a combined company.", "our first full quarter", "2021-04-01", "2021-06-30"),
])
def test_english_call_periods(text: str, match: str, start: str, end: str) -> None:
    assert span(CALL + text, match, "2021-07-28", "en") == (D(start), D(end))


def test_ended_the_quarter_is_its_last_day() -> None:
    f = one(CALL + "The portfolio ended the quarter up 6%.", "ended the quarter", "2021-07-28", "en")
    assert (f.fact.kind, f.fact.period_start, f.role) == (FactKind.DATE, D("2021-06-30"), "asof")


def test_an_outlook_speaks_of_the_period_running_at_the_call() -> None:
    text = CALL + "Revenue rose 8% in the quarter. We expect revenue growth of 5% for the quarter."
    found = [(t.fact.period_start, t.fact.period_end) for t in times(text, "2021-07-28", "en")
             if t.fact.text == "the quarter"]
    assert found == [(D("2021-04-01"), D("2021-06-30")), (D("2021-07-01"), D("2021-09-30"))]
    # A look back at guidance, or a result in a sentence that also announces guidance, is the reported quarter.
    for text in ("Revenue for the quarter exceeded our guidance.",
                 "Revenue in the quarter was $5 million, and we will keep investing.",
                 "Matt will cover the notes we issued in the quarter and walk you through our guidance."):
        assert span(CALL + text, "the quarter", "2021-07-28", "en") == (D("2021-04-01"), D("2021-06-30")), text
    # A fourth-quarter call guides the new year.
    text = "Fourth quarter 2021 results.\nFor the full year, we expect capex of $300 million."
    assert span(text, "the full year", "2022-02-10", "en") == (D("2022-01-01"), D("2022-12-31"))


def test_fiscal_year_alone_is_the_one_running() -> None:
    text = "Fourth quarter results. We expect supply constraints to continue through fiscal year."
    assert span(text, "fiscal year", "2022-01-11", "en", (11, 30)) == (D("2021-12-01"), D("2022-11-30"))


def test_the_same_period_in_a_named_year() -> None:
    text = "Third quarter results. Sales rose 20% in the quarter, and 5% above the same period in 2019."
    assert span(text, "the same period in 2019", "2021-10-28", "en") == (D("2019-07-01"), D("2019-09-30"))


def test_weeks_in_chinese() -> None:
    assert span("公司上周发布新品", "上周", "2022-02-03") == (D("2022-01-24"), D("2022-01-30"))
    assert [t.fact.text for t in times("公司上周五发布新品", "2022-02-03")] != ["上周"]


# ---------------------------------------------------------------- year boundaries

def test_last_quarter_in_a_first_quarter_call_is_the_previous_years_fourth() -> None:
    text = "First quarter 2024 results. Revenue grew from last quarter."
    assert span(text, "last quarter", "2024-04-25", "en") == (D("2023-10-01"), D("2023-12-31"))


def test_chinese_last_quarter_in_january() -> None:
    assert span("上季度毛利率提升", "上季度", "2024-01-15") == (D("2023-10-01"), D("2023-12-31"))


def test_halves_in_a_january_record_are_this_years() -> None:
    assert span("公司上半年营收", "上半年", "2025-01-08") == (D("2025-01-01"), D("2025-06-30"))
    assert span("预计下半年投产", "下半年", "2025-01-08") == (D("2025-07-01"), D("2025-12-31"))


def test_fourth_quarter_and_december_in_january_are_last_years() -> None:
    assert span("四季度是旺季", "四季度", "2025-01-08") == (D("2024-10-01"), D("2024-12-31"))
    assert span("12月销量创新高", "12月", "2025-01-08") == (D("2024-12-01"), D("2024-12-31"))
    assert span("上月销量", "上月", "2025-01-08") == (D("2024-12-01"), D("2024-12-31"))


def test_relative_years_on_new_years_day() -> None:
    assert span("去年营收", "去年", "2025-01-01") == (D("2024-01-01"), D("2024-12-31"))
    assert span("this year we expect", "this year", "2024-12-31", "en") == (D("2024-01-01"), D("2024-12-31"))


def test_year_ago_across_a_leap_day() -> None:
    # February 2024 ends on the 29th; the same month a year before ends on the 28th.
    text = "2024年2月销量5万辆，去年同期为4万辆"
    assert span(text, "去年同期", "2024-03-10") == (D("2023-02-01"), D("2023-02-28"))


# ---------------------------------------------------------------- document date and reported period

def test_detect_document_date_prefers_the_record_date() -> None:
    text = "业绩交流会纪要\n调研时间：2023年5月16日14:30\n调研方式：电话会议\n正文\n董事会\n2023 年 5 月 17 日"
    assert detect_document_date(text) == D("2023-05-16")


def test_detect_document_date_falls_back_to_the_closing_line() -> None:
    assert detect_document_date("回答：今年订单充足。\n\n董事會\n二〇二三年五月十七日") == D("2023-05-17")
    assert detect_document_date("Date: May 16, 2023\nOperator: Good afternoon.") == D("2023-05-16")
    assert detect_document_date("No date here, only 5% growth.") is None


def test_relative_words_use_the_stated_date_when_none_is_given() -> None:
    text = "调研时间：2023年11月2日\n今年前三季度销量增长"
    assert span(text, "今年前三季度") == (D("2023-01-01"), D("2023-09-30"))


def test_without_any_date_relatives_stay_open_and_absolutes_resolve() -> None:
    assert span("今年营收增长", "今年") == (None, None)
    assert span("2024年营收增长", "2024年") == (D("2024-01-01"), D("2024-12-31"))
    assert span("sales grew this year", "this year", lang="en") == (None, None)


def test_the_quarter_follows_the_reported_quarter_not_the_call_date() -> None:
    text = ("Welcome to our third quarter 2019 earnings call.\n"
            "In the quarter bookings grew. Versus the second quarter, yields improved.")
    # The call is dated in the next quarter; 'the quarter' is still the third.
    assert span(text, "the quarter", "2019-11-05", "en") == (D("2019-07-01"), D("2019-09-30"))
    assert span(text, "the second quarter", "2019-11-05", "en") == (D("2019-04-01"), D("2019-06-30"))


def test_report_period_end_follows_the_named_report() -> None:
    text = "公司2021年年度报告中披露报告期末股东人数"
    assert span(text, "报告期末", "2022-04-20") == (D("2021-12-31"), D("2021-12-31"))
    assert span("报告期末股东人数", "报告期末", "2022-04-20") == (None, None)


def test_guidance_for_the_next_quarter_does_not_move_the_reported_one() -> None:
    # A third-quarter call that mostly talks about the fourth quarter ahead.
    text = ("Thanks for joining us. In the quarter shipments rose.\n"
            "For the fourth quarter we see more growth. Fourth quarter yields should improve.\n"
            "We view the fourth quarter as strong, and fourth quarter free cash flow will rise.")
    assert span(text, "the quarter", "2021-10-28", "en") == (D("2021-07-01"), D("2021-09-30"))
    assert span(text, "the fourth quarter", "2021-10-28", "en") == (D("2021-10-01"), D("2021-12-31"))


def test_a_chinese_report_keeps_the_year_it_names() -> None:
    text = "公司2023年第三季度报告显示，报告期末股东1万户"
    assert span(text, "报告期末", "2024-10-28") == (D("2023-09-30"), D("2023-09-30"))


def test_apostrophe_years_far_from_the_document_date() -> None:
    assert span("the lowest reading since '95", "'95", "2023-10-30", "en") == (D("1995-01-01"), D("1995-12-31"))


def test_a_range_after_from_is_no_comparison_base() -> None:
    assert one("$200 million per year from 2021 through 2023", "2021 through 2023", "2021-07-29",
               "en").role == "own"
    assert one("sales rose 5% from 2019", "2019", "2021-07-29", "en").role == "base"


def test_as_of_marks_points_not_periods() -> None:
    assert one("截至2021年上半年，公司累计回购", "2021年上半年", "2021-08-20").role == "own"
    assert one("截至2021年6月30日，公司累计回购", "2021年6月30日", "2021-08-20").role == "asof"


# ---------------------------------------------------------------- fiscal calendars

def test_fiscal_periods_follow_the_callers_calendar() -> None:
    fye = (6, 30)
    assert span("our fiscal 2023 outlook", "fiscal 2023", "2023-02-08", "en", fye) == (D("2022-07-01"), D("2023-06-30"))
    text = "Fiscal second quarter results. In the fiscal second quarter bookings rose."
    assert span(text, "the fiscal second quarter", "2023-02-08", "en", fye) == (D("2022-10-01"), D("2022-12-31"))
    assert span("FY23 Q2 margin", "FY23 Q2", "2023-02-08", "en", fye) == (D("2022-10-01"), D("2022-12-31"))


def test_fiscal_quarters_stay_open_when_the_calendar_cannot_be_known() -> None:
    # A second quarter reported in December cannot be April-June: the year is fiscal.
    text = ("Unless noted, second quarter comparisons are with fiscal 2019.\n"
            "Net revenue rose to $840 million over the second quarter.\n"
            "Our next update is on Wednesday, March 15.")
    found = {t.fact.text: t.fact for t in times(text, "2022-12-08", "en")}
    assert (found["the second quarter"].period_start, found["the second quarter"].period_end) == (None, None)
    assert found["fiscal 2019"].period_start is None
    # Calendar dates still resolve.
    assert found["Wednesday, March 15"].period_start == D("2023-03-15")


def test_a_fiscal_year_defined_in_the_text() -> None:
    text = "截至2024年3月31日止年度，公司收入增长。2023财年收入为5亿元"
    assert span(text, "2023财年", "2024-06-20") == (D("2022-04-01"), D("2023-03-31"))


# ---------------------------------------------------------------- spans

def test_spans_are_on_the_source_sorted_and_disjoint() -> None:
    text = "今年前三季度銷量較去年同期增長，截至今年三季度末，Q3 庫存下降。2023 年 11 月 2 日"
    found = times(text, "2023-10-30")
    assert len(found) >= 4
    for t in found:
        assert t.fact.text == text[t.fact.start:t.fact.end]
        assert t.role in ("own", "base", "asof")
    for a, b in zip(found, found[1:]):
        assert a.fact.end <= b.fact.start


def test_mismatched_normalised_text_is_an_error() -> None:
    with pytest.raises(ValueError):
        find_times(segment("abc"), "abcd", doc_date=None)


# ---------------------------------------------------------------- attachment

def _fact(text: str, part: str, occurrence: int = 0) -> Fact:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Fact(kind=FactKind.PERCENT, start=start, end=start + len(part), text=part, value=1.0)


def _attach(text: str, parts: list[tuple[str, int]], doc: str, lang: str | None = None) -> list[tuple]:
    facts = [_fact(text, p, k) for p, k in parts]
    out = attach_periods(segment(normalize(text).text, lang or _lang(text)), facts, times(text, doc, lang))
    return [(f.period_start, f.period_end) for f in out]


def test_attach_opening_phrase_and_same_clause() -> None:
    text = "今年前三季度，华东区域门店的客座率超过 70%，外卖订单占比持续提升，今年预计在 25%-30% 之间。"
    got = _attach(text, [("70%", 0), ("25%-30%", 0)], "2023-10-30")
    assert got == [(D("2023-01-01"), D("2023-09-30")), (D("2023-01-01"), D("2023-12-31"))]


def test_attach_base_never_governs() -> None:
    text = "今年前三季度销量8万台，较去年同期增长15%。"
    got = _attach(text, [("15%", 0)], "2023-10-30")
    assert got == [(D("2023-01-01"), D("2023-09-30"))]


def test_attach_asof_point_gives_one_day() -> None:
    text = "截至今年二季度末，公司门店达到120家。"
    got = _attach(text, [("120家", 0)], "2023-08-25")
    assert got == [(D("2023-06-30"), D("2023-06-30"))]


def test_attach_nothing_governs_across_sentences() -> None:
    text = "今年营收增长。公司员工达到500人。"
    assert _attach(text, [("500人", 0)], "2024-10-28") == [(None, None)]


def test_attach_english_time_after_the_value() -> None:
    text = "We had revenue of $5 million in the third quarter of 2021 versus $4 million in the third quarter of 2020."
    got = _attach(text, [("$5 million", 0), ("$4 million", 0)], "2021-10-28", "en")
    assert got == [(D("2021-07-01"), D("2021-09-30")), (D("2020-07-01"), D("2020-09-30"))]


def test_attach_english_comparison_clause_keeps_the_sentence_period() -> None:
    text = "Net bookings for the third quarter of 2022 were $1.4 billion, 9% lower than last year."
    got = _attach(text, [("$1.4 billion", 0), ("9%", 0)], "2022-10-27", "en")
    assert got == [(D("2022-07-01"), D("2022-09-30"))] * 2


def test_attach_stops_at_a_sentence_ending_in_a_year() -> None:
    text = "We expanded in 2021. Revenue rose 5%."
    assert _attach(text, [("5%", 0)], "2022-02-10", "en") == [(None, None)]


def test_attach_english_opening_phrase() -> None:
    text = "In the first half of 2021, revenue was $5 million and margin was 30%."
    got = _attach(text, [("$5 million", 0), ("30%", 0)], "2021-08-05", "en")
    assert got == [(D("2021-01-01"), D("2021-06-30"))] * 2


def test_attach_keeps_an_existing_period_and_time_facts() -> None:
    text = "今年营收增长20%"
    f = _fact(text, "20%").with_(period_start=D("2020-01-01"), period_end=D("2020-12-31"))
    ts = times(text, "2024-10-28")
    out = attach_periods(segment(normalize(text).text, "zh"), [f, ts[0].fact], ts)
    assert out == [f, ts[0].fact]


# ---------------------------------------------------------------- properties

_CN = "〇一二三四五六七八九"


def _cn_year(y: int) -> str:
    return "".join(_CN[int(c)] for c in str(y))


def _cn_small(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + (_CN[ones] if ones else "")


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _renderings(d: date) -> list[tuple[str, str, str]]:
    """(sentence, expression, lang) for every absolute date format."""
    y, m, dd = d.year, d.month, d.day
    zh = [f"{y}年{m}月{dd}日", f"{y} 年 {m} 月 {dd} 日", f"{y}-{m:02d}-{dd:02d}", f"{y}/{m}/{dd}",
          f"{y}.{m:02d}.{dd:02d}", f"{_cn_year(y)}年{_cn_small(m)}月{_cn_small(dd)}日", f"{y}年{m}月{dd}号"]
    en = [f"{_MONTHS[m - 1]} {dd}, {y}", f"{_MONTHS[m - 1][:3]}. {dd}, {y}", f"{dd} {_MONTHS[m - 1]} {y}",
          f"{m}/{dd}/{y}", f"{_WEEKDAYS[d.weekday()]}, {_MONTHS[m - 1]} {dd}, {y}", f"{y}-{m:02d}-{dd:02d}"]
    return ([(f"公司于{x}召开会议", x, "zh") for x in zh]
            + [(f"The meeting was held on {x} in Boston.", x, "en") for x in en])


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_any_date_in_any_absolute_format_resolves_to_itself(d: date, doc: date) -> None:
    for sentence, expr, lang in _renderings(d):
        f = one(sentence, expr, doc, lang).fact
        assert (f.kind, f.period_start, f.period_end) == (FactKind.DATE, d, d), sentence


@settings(max_examples=150, deadline=None)
@given(st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 4), st.integers(1, 2))
def test_any_month_quarter_and_half_in_any_format_resolves(y: int, m: int, q: int, h: int) -> None:
    month = (date(y, m, 1), date(y, m, 28) + timedelta(days=4) - timedelta(days=(date(y, m, 28) + timedelta(days=4)).day))
    for sentence, expr, lang in [(f"公司{y}年{m}月销量", f"{y}年{m}月", "zh"),
                                 (f"sales in {_MONTHS[m - 1]} {y} rose", f"{_MONTHS[m - 1]} {y}", "en"),
                                 (f"launched in {m}/{y} in Europe", f"{m}/{y}", "en")]:
        assert span(sentence, expr, None, lang) == month, sentence
    ordinal = ["first", "second", "third", "fourth"][q - 1]
    quarter = quarter_bounds(y, q)
    for sentence, expr, lang in [(f"公司{y}年第{_CN[q]}季度营收", f"{y}年第{_CN[q]}季度", "zh"),
                                 (f"公司{y}Q{q}营收", f"{y}Q{q}", "zh"),
                                 (f"margin in Q{q} {y} rose", f"Q{q} {y}", "en"),
                                 *([(f"margin in {q}Q{y % 100:02d} rose", f"{q}Q{y % 100:02d}", "en")]
                                   if 2000 <= y < 2050 else []),  # two digits: 2000-2049 without a date
                                 (f"sales in the {ordinal} quarter of {y} rose", f"the {ordinal} quarter of {y}", "en")]:
        assert span(sentence, expr, None, lang) == quarter, sentence
    half = half_bounds(y, h)
    for sentence, expr, lang in [(f"公司{y}年{'上下'[h - 1]}半年营收", f"{y}年{'上下'[h - 1]}半年", "zh"),
                                 *([(f"orders in {h}H{y % 100:02d} rose", f"{h}H{y % 100:02d}", "en")]
                                   if 2000 <= y < 2050 else []),
                                 (f"orders in H{h} {y} rose", f"H{h} {y}", "en"),
                                 (f"demand in the {['first', 'second'][h - 1]} half of {y}",
                                  f"the {['first', 'second'][h - 1]} half of {y}", "en")]:
        assert span(sentence, expr, None, lang) == half, sentence


_FYE = st.one_of(st.none(), st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda md: md[1] <= (29 if md[0] == 2 else 30 if md[0] in (4, 6, 9, 11) else 31)))


@settings(max_examples=300, deadline=None)
@given(st.integers(1950, 2098), _FYE)
def test_quarters_and_halves_tile_the_fiscal_year(label: int, fye) -> None:
    start, end = fiscal_year_bounds(label, fye)
    qs = [quarter_bounds(label, q, fye) for q in (1, 2, 3, 4)]
    assert qs[0][0] == start and qs[3][1] == end
    for (s1, e1), (s2, _) in zip(qs, qs[1:]):
        assert s1 <= e1 and e1 + timedelta(days=1) == s2
    assert half_bounds(label, 1, fye) == (qs[0][0], qs[1][1])
    assert half_bounds(label, 2, fye) == (qs[2][0], qs[3][1])
    # Consecutive fiscal years meet without a gap.
    assert fiscal_year_bounds(label + 1, fye)[0] == end + timedelta(days=1)
    assert 364 <= (end - start).days <= 365


@settings(max_examples=200, deadline=None)
@given(st.integers(1950, 2098), st.integers(1, 4), st.integers(-9, 9))
def test_quarter_arithmetic(y: int, q: int, n: int) -> None:
    assert quarter_bounds(y, 4)[1] == date(y, 12, 31)
    assert quarter_bounds(y, 1)[0] == date(y, 1, 1)
    assert shift_quarter(y, 1, -1) == (y - 1, 4)
    assert shift_quarter(*shift_quarter(y, q, n), -n) == (y, q)
    y2, q2 = shift_quarter(y, q, 1)
    assert quarter_bounds(y2, q2)[0] == quarter_bounds(y, q)[1] + timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1991, 1, 1), max_value=date(2098, 12, 31)))
def test_last_quarter_and_same_period_for_any_document_date(doc: date) -> None:
    # A Chinese record's 上季度 is the quarter before the one the record is dated in.
    q = (doc.month - 1) // 3 + 1
    py, pq = (doc.year, q - 1) if q > 1 else (doc.year - 1, 4)
    assert span("上季度毛利率提升", "上季度", doc) == quarter_bounds(py, pq)
    # 去年同期 after this year's first half is last year's first half.
    assert span("今年上半年营收增长，较去年同期增长", "去年同期", doc) == half_bounds(doc.year - 1, 1)


# ---------------------------------------------------------------- speed

_LED_TEXTS = (
    "20年全年营收50亿元，其中Q1/Q2分别为8/12亿元。1H21营收同比+12%，2Q21增速加快；2021-23年、21-23年、2H22~2023；"
    "近3个月、未来五年、明后年、上周、中报、中期门店、同期、当期、全年、年初、1月1日至3月15日、十二月下旬、二〇二四年十月。",
    "Second quarter 2021 results. As we look back on 2021, the quarter was strong; last week, last April, "
    "the spring of 2020, the second and third quarters, ended the quarter, the end of Q2, the six months ended "
    "June 30, through six months, our first full quarter, through fiscal year, year-to-date, FY22 Q2, '19, 4/2018.",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_led_by_their_first_characters_match_as_before(lang: str) -> None:
    from irmetrics.match import Scanner
    from irmetrics.timescan import time_scanner
    led = time_scanner(lang).scanner
    plain = Scanner([r for r in PACK.rules if lang in r.langs], prefix=r"\G", trusted=True)
    for text in map(lambda t: normalize(t).text, _LED_TEXTS):
        for i in range(len(text)):
            a, b = led.match_at(text, i), plain.match_at(text, i)
            assert (a and (a.rule.id, a.start, a.end)) == (b and (b.rule.id, b.start, b.end)), (text[i:i + 20])


def test_first_characters_of_a_pattern() -> None:
    from irmetrics.firstchar import first_chars
    assert first_chars("(?<![0-9])(?:Q|H)[1-4]") == frozenset("QHqh")
    assert first_chars("(?:the\\s)?quarter") >= frozenset("tTqQ")
    assert first_chars("(?P<a>x)|(?P<a>y)") == frozenset("xyXY")       # names may repeat
    assert first_chars("(?:ab)?.") is None                              # any character
    assert first_chars("[^a]b") is None
    assert first_chars("(") is None                                     # not a pattern

def _scan_seconds(text: str) -> float:
    seg = segment(normalize(text).text, _lang(text) if text.strip("0123456789") else "zh")
    t0 = time.perf_counter()
    find_times(seg, text, doc_date=date(2024, 10, 28))
    return time.perf_counter() - t0


@pytest.mark.parametrize("unit", ["1", "年", "2024年", "Q", "the quarter ", "quarter ", "一二三", "月底", "'1",
                                  "2024-10-28 ", "1,1,"])
def test_adversarial_input_scans_in_linear_time(unit: str) -> None:
    # Some of these are a time expression every few characters: the cost per
    # match is constant, so four times the text may take four times as long.
    small = unit * (50_000 // len(unit))
    large = unit * (200_000 // len(unit))
    t_small = min(_scan_seconds(small) for _ in range(2))
    t_large = min(_scan_seconds(large) for _ in range(2))  # best of two: a GC pause is no trend
    assert t_large < 6.0
    assert t_large < 8 * t_small + 0.1  # linear gives 4x; quadratic would give 16x


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_megabyte_of_digits(lang: str) -> None:
    text = "1234567890" * 100_000
    t0 = time.perf_counter()
    found = find_times(segment(text, lang), text, doc_date=date(2024, 10, 28))
    assert time.perf_counter() - t0 < 2.0
    assert found == []  # no digit run is a date without a separator or unit


def test_one_passing_quarter_does_not_make_a_calendar_fiscal() -> None:
    # One mention of a quarter that ended months before the call is no proof
    # that the company's year is not the calendar's.
    text = "Latin America grew 7% in the second quarter of 2024."
    t = one(text, "the second quarter of 2024", "2024-11-20", "en")
    assert (t.fact.period_start, t.fact.period_end) == (D("2024-04-01"), D("2024-06-30"))
