"""Units, currencies, measure words and names are data: the grammar reads
every entry, the registry knows every unit, and a caller can add entries.

The property at the heart of it (issue 10): for any registered currency or
unit ``u`` and any number ``x``, the text ``x u`` -- and ``u x`` where the
language writes it so -- gives exactly one fact, with value ``x`` and ``u``'s
code.  The writings come from the data (tests/strategies.py), so a new line
in data/currencies.toml or data/lexicon.toml is tested the moment it is added.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import irmetrics
from irmetrics import Extractor, FactKind
from irmetrics.errors import PackError
from irmetrics.lexicon import check_units, lexicon, load_lexicon
from irmetrics.normalize import normalize
from irmetrics.script import is_traditional
from irmetrics.units import currency_codes, registry
from irmetrics.vocab import name_pattern, value_defs

from strategies import Writing, _currency_writings, _unit_writings, amounts, currency_writings, unit_writings

_settings = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALUE_KINDS = {k for k in FactKind if k not in (FactKind.DATE, FactKind.PERCENT, FactKind.PERIOD)}


def _one_value(text: str) -> irmetrics.Fact:
    facts = [f for f in irmetrics.extract(text) if f.kind in VALUE_KINDS or f.kind is FactKind.PERCENT]
    assert len(facts) == 1, f"{text!r}: expected one value, got {[(f.text, f.kind.value, f.unit) for f in facts]}"
    return facts[0]


@_settings
@given(currency_writings(), amounts())
def test_any_currency_around_any_number_is_one_amount(w: Writing, x: tuple[str, object]) -> None:
    number, value = x
    text = w.text(number)
    f = _one_value(text)
    assert f.kind is FactKind.MONEY, (text, f)
    assert f.unit == w.unit, (text, f)
    assert math.isclose(f.value, float(value), rel_tol=1e-12), (text, f)
    assert number in f.text and f.text == text[f.start:f.end]


@_settings
@given(unit_writings(), amounts())
def test_any_unit_after_any_number_is_one_fact(w: Writing, x: tuple[str, object]) -> None:
    number, value = x
    text = w.text(number)
    f = _one_value(text)
    assert f.kind in (FactKind.QUANTITY, FactKind.DURATION), (text, f)
    assert f.unit == w.unit, (text, f)
    assert math.isclose(f.value, float(value * w.factor), rel_tol=1e-12), (text, f)


@pytest.mark.parametrize("w", _currency_writings() + _unit_writings(), ids=lambda w: w.template)
def test_every_writing_reads_a_number(w: Writing) -> None:
    """Every entry, once: hypothesis samples them, this makes sure none is missed."""
    text = w.text("12.5")
    f = _one_value(text)
    assert (f.unit, f.value) == (w.unit, float(Decimal("12.5") * w.factor)), (text, f)


# ---------------------------------------------------------------- the data holds together

def test_every_unit_is_a_unit_of_the_registry() -> None:
    lex = lexicon()
    units = {s.unit for t in (lex.quantity_units, lex.duration_units, lex.per_units, lex.percent_units)
             for s in t}
    check_units(units, "irmetrics/data/lexicon.toml")
    for u in units:
        assert registry().parse_units(u) is not None


def test_every_currency_is_its_own_dimension() -> None:
    ureg = registry()
    codes = list(currency_codes())
    assert {"CNY", "USD", "HKD", "TWD", "EUR", "GBP", "JPY", "CHF"} <= set(codes)
    dims = {str(ureg.Quantity(1, c).dimensionality) for c in codes}
    assert len(dims) == len(codes)


def test_every_chinese_surface_is_written_in_simplified() -> None:
    """Surfaces are matched on normalised text: one written in Traditional
    characters would never match."""
    lex = lexicon()
    surfaces = ([n for c in lex.currency_table for n in c.zh]
                + [s.text for t in (lex.quantity_units, lex.per_units, lex.measure_words) for s in t]
                + list(lex.names) + list(lex.qualifiers))
    for s in surfaces:
        assert normalize(s).text == s, f"{s!r} is not in normalised (Simplified) form"


@pytest.mark.parametrize("traditional, simplified", [
    ("新臺幣", "新台币"), ("港幣", "港币"), ("人民幣", "人民币"), ("英鎊", "英镑"), ("歐元", "欧元"),
    ("日圓", "日圆"), ("泰銖", "泰铢"), ("萬桿", "万杆"), ("公頃", "公顷"), ("億標方", "亿标方"), ("噸", "吨"),
])
def test_traditional_names_fold_to_the_data(traditional: str, simplified: str) -> None:
    assert normalize(traditional).text == simplified


def test_no_surface_means_two_currencies() -> None:
    seen: dict[str, str] = {}
    for c in lexicon().currency_table:
        for s in (*c.codes, *c.symbols, *c.symbols_after, *c.zh, *c.en):
            key = s.lower()
            assert seen.setdefault(key, c.code) == c.code, f"{s!r} is {seen[key]} and {c.code}"


def test_name_patterns_start_at_the_numeral() -> None:
    assert name_pattern("九阳") == "九阳"
    assert name_pattern("S&P 500").startswith("500(?<=")
    with pytest.raises(PackError, match="holds no numeral"):
        name_pattern("小米")


def test_generated_definitions_are_what_the_pack_uses() -> None:
    defs = value_defs()
    pack = irmetrics.load_pack(Path(irmetrics.__file__).parent / "packs" / "values.toml")
    for name in ("QUNIT", "MW", "CUR_PRE", "CUR_SUF_ZH", "CUR_SUF_EN", "NAME_SKIP", "PER_UNIT"):
        assert pack.defs[name] == defs[name]
        assert any("{" + name + "}" in raw for raw in _raw_patterns()), f"{name} is never used"


def _raw_patterns() -> list[str]:
    import tomllib
    data = tomllib.loads((Path(irmetrics.__file__).parent / "packs" / "values.toml").read_text(encoding="utf-8"))
    return [p for r in data["rule"] for p in ([r["pattern"]] if "pattern" in r else r["patterns"])] + \
        list(data["defs"].values())


# ---------------------------------------------------------------- the script of a bare 元

@pytest.mark.parametrize("text, traditional", [
    ("營收 48 億元，年增 12%", True),
    ("营收 48 亿元，同比增长 12%", False),
    ("EPS 2.1元", False),                                   # no evidence either way: Simplified
    ("本季EPS 2.1元。全年營收將創新高，毛利率穩定。", True),   # the neighbourhood decides
    ("台积电的台湾工厂只有 3 座", False),                     # 台 and 只 are written in both scripts
])
def test_the_script_of_a_sentence(text: str, traditional: bool) -> None:
    i = text.index("元") if "元" in text else 0
    assert is_traditional(text, i, i + 1) is traditional


def test_a_bare_yuan_follows_the_script_and_a_named_currency() -> None:
    def units(text: str) -> list[str]:
        return [f.unit for f in irmetrics.extract(text) if f.kind is FactKind.MONEY]
    assert units("本季營收 48 億元，淨利 6 億元") == ["TWD", "TWD"]
    assert units("本季营收 48 亿元，净利 6 亿元") == ["CNY", "CNY"]
    assert units("收入為人民幣 48 億元，淨利 6 億元") == ["CNY", "CNY"]
    assert units("收入為港幣 48 億元，淨利 6 億元") == ["HKD", "HKD"]
    assert units("合約金額為新臺幣 3 億元") == ["TWD"]


# ---------------------------------------------------------------- a caller's own units

def test_a_lexicon_file_extends_units_measure_words_currencies_and_names(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('''
[quantity_units]
"车皮" = "tonne"
"carloads" = { unit = "tonne", factor = 60 }

[measure_words]
"箱次" = []

[currencies.KZT]
zh = ["坚戈"]
en = ["tenge"]

[names]
zh = ["七星电子"]
''', encoding="utf-8")
    plain, mine = Extractor(), Extractor(lexicon=extra)
    assert [(f.text, f.unit) for f in mine.extract("本月发运 30 车皮") if f.kind is FactKind.QUANTITY] == \
        [("30 车皮", "tonne")]
    assert [f.value for f in mine.extract("we shipped 12 carloads of ore") if f.kind is FactKind.QUANTITY] == [720]
    assert [(f.text, f.kind.value) for f in mine.extract("吞吐量 30 箱次") if f.kind is FactKind.COUNT] == \
        [("30 箱次", "count")]
    assert [(f.value, f.unit) for f in mine.extract("子公司营收 500 万坚戈") if f.kind is FactKind.MONEY] == \
        [(5_000_000, "KZT")]
    assert [f for f in mine.extract("七星电子发布新品") if f.kind not in (FactKind.DATE, FactKind.PERIOD)] == []
    # the built-in extractor is untouched
    assert [f for f in plain.extract("本月发运 30 车皮") if f.kind is FactKind.QUANTITY] == []


def test_a_lexicon_unit_pint_does_not_know_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[quantity_units]\n"坨" = "lump_of_clay"\n', encoding="utf-8")
    with pytest.raises(PackError, match="lump_of_clay"):
        load_lexicon((str(bad),))
    bad.write_text('[unitz]\n"坨" = "kg"\n', encoding="utf-8")
    with pytest.raises(PackError, match="unknown table 'unitz'"):
        load_lexicon((str(bad),))
