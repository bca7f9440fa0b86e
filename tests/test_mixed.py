"""Mixed text: every sentence gets the facts it gets alone, whatever language its neighbours speak."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

import irmetrics

DATE = "2024-11-20"

# (sentence, whether its periods are its own); our own sentences, each complete.  A
# quarter depends on the document too (a call's reported quarter tells whether
# the company's year is the calendar's), so only years and dates are compared.
ZH = [
    ("2023年公司实现营业收入 45.6 亿元，同比增长 12.3%。", True),
    ("今年第三季度毛利率为 31.5%，环比提升 1.2 个百分点。", False),
    ("截至2024年6月30日，公司在手订单 120 亿元。", True),
    ("公司服务超过 300 家企业客户。", False),
    ("华东地区同比增长 18%。", False),
    ("2024年研发投入 5.2 亿元，占营收的比重为 8.1%。", True),
    ("GPU 算力资源利用率约为 85%。", False),
    ("2022-2024年净利润分别为 3.1/4.2/5.6 亿元。", True),
    ("销售费用率为 9.8%（-0.6pct），管理费用率为 4.1%。", False),
    ("營收 61 億元（+16.5%YoY），毛利率 38%。", False),
]
EN = [
    ("Revenue for the third quarter of 2024 was $1.2 billion, up 8% year over year.", False),
    ("Gross margin expanded 120 basis points to 42.5% in 2023.", True),
    ("In our Consumer segment, sales rose 6% in 2023.", True),
    ("We opened 14 new stores in 2024.", True),
    ("Latin America grew 7% in the second quarter of 2024.", False),
    ("Adjusted EPS was $1.87 per share in 2023.", True),
    ("Operating expenses declined 3% to $410 million.", False),
    ("Free cash flow reached approximately $310 million.", False),
    ("Our headcount grew to more than 1,150 employees.", False),
]
# After 。 a sentence may follow at once; after an English full stop, as in real text, white space.
SEPARATORS = [" ", "\n", "  "]


def value_facts(text: str, own_period: bool, offset: int = 0, facts=None):
    facts = irmetrics.extract(text, date=DATE) if facts is None else facts
    out = set()
    for f in facts:
        if f.kind.value in ("date", "period"):
            continue
        period = (f.period_start, f.period_end) if own_period else None
        out.add((f.start - offset, f.end - offset, f.text, f.kind.value, f.value, f.low, f.high, f.unit,
                 f.qualifier.value, f.metric, f.subject, period))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ZH + EN), st.sampled_from(SEPARATORS)), min_size=2, max_size=6))
def test_each_sentence_reads_the_same_in_a_mixed_document(parts) -> None:
    text, placed = "", []
    for (sentence, own), sep in parts:
        placed.append((len(text), sentence, own))
        text += sentence + ("" if sentence.endswith("。") and sep == "  " else sep)
    facts = irmetrics.extract(text, date=DATE)
    for offset, sentence, own in placed:
        inside = [f for f in facts if offset <= f.start and f.end <= offset + len(sentence)]
        assert value_facts(sentence, own, 0) == value_facts(text, own, offset, inside), sentence


def test_an_english_sentence_in_a_chinese_record_keeps_its_english_reading() -> None:
    zh = "公司今年营收增长 12%。"
    en = "In 2024, Latin America grew 7%."
    alone = {(f.text, f.metric, f.subject, f.period_start) for f in irmetrics.extract(en, date=DATE)}
    mixed = {(f.text, f.metric, f.subject, f.period_start)
             for f in irmetrics.extract(zh + en, date=DATE) if f.start >= len(zh)}
    assert alone == mixed
    assert ("7%", "revenue_change", "Latin America", alone and min(p for *_, p in alone if p)) in mixed
