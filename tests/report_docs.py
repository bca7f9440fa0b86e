"""Documents for the tests of the notebook view and the HTML report.

Every sentence here is our own, invented for these tests.
"""

from __future__ import annotations

QUARTERS = "一二三四"

# (question, answer) of an invented 投资者关系活动记录表.
ZH_QA = [
    ("请介绍公司 2024 年上半年的经营情况。",
     "2024 年上半年，公司实现营业收入 12.4 亿元，同比增长 18.2%；"
     "归属于上市公司股东的净利润 1.9 亿元，同比增长 25.6%。"),
    ("海外业务进展如何？",
     "截至六月末，公司海外客户超过 120 家，海外收入占比约 35%，毛利率较去年同期提升 2.1 个百分点。"),
]
# Quarterly revenue in 亿元, so the report has a metric over several periods to chart.
ZH_QUARTERS = [(2023, 1, 8.7), (2023, 2, 9.1), (2023, 3, 9.8), (2023, 4, 11.2),
               (2024, 1, 10.6), (2024, 2, 12.9)]


def zh_record() -> str:
    """An invented IR record: two answers, then one question per quarter's revenue."""
    parts = ["投资者关系活动记录表\n活动时间：2024 年 8 月 28 日\n"]
    for n, (q, a) in enumerate(ZH_QA, 1):
        parts.append(f"问题 {n}、{q}\n回答：{a}\n")
    for n, (year, q, revenue) in enumerate(ZH_QUARTERS, len(ZH_QA) + 1):
        quarter = f"{year} 年第{QUARTERS[q - 1]}季度"
        parts.append(f"问题 {n}、请说明{quarter}的收入。\n回答：{quarter}，公司实现营业收入 {revenue} 亿元。\n")
    return "".join(parts)


# An invented earnings call, with Windows line ends: the page must keep the
# carriage returns, or its text would no longer be the document's.
EN_CALL = "\r\n".join([
    "Good morning, and thank you for joining our third quarter 2024 earnings call.",
    "Revenue for the third quarter was $412 million, up 9% from $378 million in the third "
    "quarter of 2023.",
    "Gross margin expanded 150 basis points to 41.5%, and operating expenses were $96 million.",
    "Our services segment grew 12% and now makes up 28% of revenue.",
    "We ended the quarter with about 2,300 employees and opened 14 new distribution centers.",
    "Capital expenditures were $31 million, and we repurchased 1.2 million shares.",
    "For the full year 2024, we now expect revenue between $1.60 billion and $1.65 billion.",
    "Thank you, and we will now take your questions.",
]) + "\r\n"

# A document that tries to break out of its place in the page: tags, a
# closing </mark>, an attribute break-out and a script, between real facts.
HOSTILE = ('营收 5 亿元</mark><script>window.__pwned = "script"</script>，'
           '同比增长 12%<img src=x onerror="window.__pwned = \'img\'">。\n'
           'Revenue rose 8% to $1.2 billion"><svg onload="window.__pwned = \'svg\'">'
           "</textarea></title><style>body{display:none}</style>\n")
HOSTILE_ID = '<img src=x onerror="window.__pwned = \'doc_id\'">.txt'


def long_record(paragraphs: int = 100) -> str:
    """A record long enough to be shown around its facts: numbered paragraphs of
    text without numbers, a fact every tenth paragraph."""
    filler = ("公司将继续围绕主营业务开展研发与市场拓展工作，"
              "坚持稳健经营，持续完善内部治理，与投资者保持良好沟通。\n")
    parts = []
    for i in range(paragraphs):
        if i % 10 == 5:
            parts.append(f"本期公司新签订单 {i + 1} 亿元，同比增长 {i % 7 + 3}%。\n")
        else:
            parts.append(filler)
    return "".join(parts)
