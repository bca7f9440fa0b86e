"""Properties that hold for any text: spans, order, shifting, immutability, the frame."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import irmetrics
from irmetrics import COLUMNS, Fact, FactKind, FactSet, Qualifier

from strategies import chinese_words, ir_text, iso_dates

# Generated texts are short, but every example runs the whole pipeline.
_settings = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_invariants(doc: str, facts: FactSet) -> None:
    prev = (-1, -1)
    for f in facts:
        assert isinstance(f, Fact)
        assert 0 <= f.start < f.end <= len(doc)
        assert f.text == doc[f.start:f.end]
        assert (f.start, f.end) >= prev, "facts out of document order"
        prev = (f.start, f.end)
        if f.low is not None and f.high is not None:
            assert f.low <= f.high, f
        if f.value is not None:
            if f.low is not None:
                assert f.low <= f.value or f.qualifier is not Qualifier.EXACT, f
            if f.high is not None:
                assert f.value <= f.high or f.qualifier is not Qualifier.EXACT, f


@_settings
@given(ir_text(), st.sampled_from([None, "zh", "en"]), st.one_of(st.none(), iso_dates()))
def test_spans_quote_the_document(doc: str, lang: str | None, date: str | None) -> None:
    facts = irmetrics.extract(doc, lang=lang, date=date)
    _check_invariants(doc, facts)


@_settings
@given(st.text(max_size=200))
def test_any_unicode_never_raises(doc: str) -> None:
    _check_invariants(doc, irmetrics.extract(doc))


def _key(f: Fact, shift: int = 0) -> tuple:
    return (f.start + shift, f.end + shift, f.text, f.kind, f.value, f.low, f.high, f.unit,
            f.qualifier, f.terms, f.rule)


# A prefix that closes its own clause and line, so it cannot change how the
# document's first clause reads (no qualifier, direction word or digit next to it).
PREFIXES = ["前言。\n", "Introduction.\n", "\n", "公司经营情况介绍如下：\n\n"]


@_settings
@given(ir_text(), st.sampled_from(PREFIXES), st.sampled_from(["zh", "en"]))
def test_prepending_shifts_every_span(doc: str, prefix: str, lang: str) -> None:
    base = irmetrics.extract(doc, lang=lang, date="2024-10-28")
    shifted = irmetrics.extract(prefix + doc, lang=lang, date="2024-10-28")
    n = len(prefix)
    assert [_key(f) for f in shifted if f.start >= n] == [_key(f, n) for f in base]
    assert all(f.start >= n for f in shifted), "the prefix itself became a fact"


@_settings
@given(chinese_words(), st.sampled_from(["营收同比增长 23.5%", "服务 300 多家企业", "约 4200美元/吨",
                                         "Revenue rose 5% to $1.2 billion"]))
def test_prepending_words_shifts_a_known_fact(words: str, sentence: str) -> None:
    prefix = words + "。\n"
    a = irmetrics.extract(sentence, lang="zh")
    b = irmetrics.extract(prefix + sentence, lang="zh")
    assert [_key(f, len(prefix)) for f in a] == [_key(f) for f in b]
    assert len(a) > 0


# ---------------------------------------------------------------- immutability

SAMPLE = "今年前三季度营收 18.6 亿元，同比增长 23.5%，服务 300 多家企业。"


def test_factset_is_an_immutable_sequence() -> None:
    fs = irmetrics.extract(SAMPLE, doc_id="a.txt")
    assert len(fs) >= 3
    with pytest.raises(TypeError):
        fs[0] = fs[1]  # type: ignore[index]
    with pytest.raises(TypeError):
        del fs[0]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        fs.append(fs[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        fs.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        fs.doc_id = "b.txt"  # type: ignore[misc]
    assert hash(fs) == hash(irmetrics.extract(SAMPLE, doc_id="a.txt"))
    assert fs == irmetrics.extract(SAMPLE, doc_id="a.txt")


def test_slices_are_factsets() -> None:
    fs = irmetrics.extract(SAMPLE, doc_id="a.txt")
    part = fs[1:]
    assert isinstance(part, FactSet)
    assert part.doc_id == "a.txt"
    assert list(part) == list(fs)[1:]


def test_facts_are_frozen_and_slotted() -> None:
    f = irmetrics.extract(SAMPLE)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0  # type: ignore[misc]
    assert not hasattr(f, "__dict__")
    g = f.with_(metric="test_metric")
    assert g.metric == "test_metric" and f.metric != "test_metric"
    assert (g.start, g.end, g.text) == (f.start, f.end, f.text)


def test_select_filters_without_mutating() -> None:
    fs = irmetrics.extract(SAMPLE)
    pct = fs.select(kind="percent")
    assert all(f.kind is FactKind.PERCENT for f in pct)
    assert len(pct) >= 1 and len(fs) > len(pct)


# ---------------------------------------------------------------- the frame

def _dtype_family(dtype: object) -> str:
    if isinstance(dtype, pd.StringDtype):
        return "string"
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if isinstance(dtype, pd.Int64Dtype):
        return "Int64"
    if str(dtype) == "float64":
        return "float64"
    if str(dtype) == "datetime64[ns]":
        return "datetime64[ns]"
    return f"unexpected {dtype!r}"


EXPECTED_DTYPES = {
    "doc_id": "string", "start": "Int64", "end": "Int64", "text": "string", "kind": "category",
    "value": "float64", "low": "float64", "high": "float64", "unit": "string",
    "qualifier": "category", "terms": "string", "metric": "string", "subject": "string",
    "period_start": "datetime64[ns]", "period_end": "datetime64[ns]", "rule": "string",
}


def _assert_frame_schema(df: pd.DataFrame) -> None:
    assert tuple(df.columns) == COLUMNS
    assert {c: _dtype_family(df[c].dtype) for c in df.columns} == EXPECTED_DTYPES
    assert list(df["kind"].cat.categories) == [k.value for k in FactKind]
    assert list(df["qualifier"].cat.categories) == [q.value for q in Qualifier]


def test_columns_are_the_documented_ones() -> None:
    assert COLUMNS == ("doc_id", "start", "end", "text", "kind", "value", "low", "high", "unit",
                       "qualifier", "terms", "metric", "subject", "period_start", "period_end",
                       "rule")


def test_empty_frame_has_every_column() -> None:
    df = irmetrics.extract("").to_frame()
    assert len(df) == 0
    _assert_frame_schema(df)
    _assert_frame_schema(irmetrics.extract("没有任何数字的句子。").to_frame())


@_settings
@given(ir_text())
def test_frame_schema_is_stable(doc: str) -> None:
    fs = irmetrics.extract(doc, doc_id="d.txt", date="2024-10-28")
    df = fs.to_frame()
    _assert_frame_schema(df)
    assert len(df) == len(fs)
    for f, row in zip(fs, df.itertuples(index=False)):
        assert (row.start, row.end, row.text, row.kind) == (f.start, f.end, f.text, f.kind.value)
        assert row.doc_id == "d.txt"


def test_frame_values_match_facts() -> None:
    fs = irmetrics.extract("门店覆盖 300 多座城市，营收 12.5 亿元，毛利率约 21.8%。", doc_id="x")
    df = fs.to_frame()
    row = df[df["text"] == "300 多座"].iloc[0]
    assert row["kind"] == "count" and row["qualifier"] == ">"
    assert row["value"] == 300 and row["low"] == 300 and pd.isna(row["high"])
    assert pd.isna(row["unit"])
    row = df[df["text"] == "12.5 亿元"].iloc[0]
    assert (row["value"], row["unit"]) == (1_250_000_000, "CNY")
