"""Segmentation: sentences, clauses, brackets, Q&A turns and each sentence's language."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from irmetrics.normalize import normalize
from irmetrics.segment import segment, sentence_lang


def pieces(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def sentences(text: str) -> list[str]:
    seg = segment(normalize(text).text)
    return list(dict.fromkeys(text[slice(*seg.sentence(i))] for i, ch in enumerate(text) if not ch.isspace()))


@pytest.mark.parametrize("text, expected", [
    ("营收增长 5%。净利润下降！Margins fell. Costs rose?", ["营收增长 5%。", "净利润下降！", "Margins fell.", "Costs rose?"]),
    ("Sales in the U.S. rose 4% vs. last year. Europe fell.", ["Sales in the U.S. rose 4% vs. last year.", "Europe fell."]),
    ("We paid approx. five dollars. J. Smith agreed.", ["We paid approx. five dollars.", "J. Smith agreed."]),
    ("第一行没有句号\n第二行也没有", ["第一行没有句号", "第二行也没有"]),
    ("上一段的结尾          下一段的开头", ["上一段的结尾", "下一段的开头"]),
    ("Revenue was $3.5 million. EPS was $0.12.", ["Revenue was $3.5 million.", "EPS was $0.12."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_clauses_skip_an_aside_and_split_its_inside() -> None:
    text = "公司营收 12 亿元（同比增长 23%，上年 8%），毛利率为 30%"
    seg = segment(text)
    outer = seg.clause(text.index("营收"))
    assert text[slice(*outer)] == "公司营收 12 亿元（同比增长 23%，上年 8%）"
    assert text[slice(*seg.clause(text.index("23%")))] == "同比增长 23%"
    assert text[slice(*seg.clause(text.index("8%")))] == "上年 8%"
    assert text[slice(*seg.clause(text.index("30%")))] == "毛利率为 30%"


@pytest.mark.parametrize("text, part, expected", [
    ("revenue of 1,234 rose, up 5%", "up", "up 5%"),
    ("训练和推理的比例为 1:2，时间 16:00", "1:2", "训练和推理的比例为 1:2"),
    ("营收、净利润均增长，其中营收增长 5%", "净利润", "营收、净利润均增长"),
])
def test_numbers_and_enumerations_do_not_end_a_clause(text: str, part: str, expected: str) -> None:
    seg = segment(text)
    assert text[slice(*seg.clause(text.index(part)))] == expected


def test_a_clause_never_leaves_its_sentence() -> None:
    text = "收入增长。毛利率 30%"
    seg = segment(text)
    assert text[slice(*seg.clause(text.index("毛利率")))] == "毛利率 30%"
    assert text[slice(*seg.clause(0))] == "收入增长。"


def test_brackets_nest_and_an_unbalanced_one_is_ignored() -> None:
    text = "A（B(C)D）E) F（G"
    seg = segment(text)
    assert seg.bracket(text.index("C")) == (3, 6)
    assert seg.bracket(text.index("D")) == (1, 8)
    assert seg.bracket(text.index("E")) is None
    assert seg.bracket(text.index("G")) is None


def test_turns_pair_answers_with_their_questions() -> None:
    text = "问题 1：毛利率为何下降？\n回答：原材料涨价。\n问题 2：产能如何？\n答：产能利用率 85%。"
    seg = segment(text)
    t = seg.turn(text.index("85%"))
    assert t is not None
    assert text[t.question_start:t.question_end].startswith("问题 2：产能如何？")
    assert seg.turn(text.index("原材料")).question_start == 0
    assert seg.turn(text.index("毛利率")) is None


@pytest.mark.parametrize("text, lang", [
    ("公司 GPU 利用率 80%", "zh"),
    ("Revenue at 华为 grew 5% in the quarter", "en"),
    ("營收 61 億元，YoY +16.5%", "zh"),
    ("EPS 为 0.5 元", "zh"),
    ("Gross margin was 30%", "en"),
])
def test_sentence_language(text: str, lang: str) -> None:
    assert sentence_lang(text) == lang


def test_each_sentence_has_its_own_language() -> None:
    text = "今年营收增长 5%。For the second quarter, Latin America grew 7%. 毛利率为 30%。"
    seg = segment(text)
    assert [seg.lang_at(text.index(w)) for w in ("营收", "Latin", "毛利率")] == ["zh", "en", "zh"]
    assert [lang for _, _, lang in seg.runs()] == ["zh", "en", "zh"]


_PIECES = st.sampled_from(["营收增长 5%", "Revenue rose 5%", "（同比 +3%）", "(up 2%)", "，", ", ", "。", ". ",
                           "\n", "、", "/", "1,234", "16:00", "U.S.", "   ", "问题 1：", "回答：", "Q:", "A:"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_every_position_has_a_sentence_and_clause_that_hold_it(parts: list[str]) -> None:
    text = "".join(parts)
    seg = segment(text)
    for pos in range(len(text)):
        s, e = seg.sentence(pos)
        cs, ce = seg.clause(pos)
        assert 0 <= s <= pos < e <= len(text) or text[pos].isspace() or not text.strip()
        assert 0 <= cs <= pos < ce <= len(text)
        assert seg.lang_at(pos) in ("zh", "en")
