"""The public API: arguments, errors, empty input and pint quantities."""

from __future__ import annotations

from datetime import date, datetime

import pint
import pytest

import irmetrics
from irmetrics import COLUMNS, Fact, FactKind, FactSet, Qualifier
from irmetrics.units import registry


def test_public_names() -> None:
    for name in ("extract", "Extractor", "Fact", "FactKind", "Qualifier", "FactSet", "COLUMNS",
                 "load_pack", "RulePack", "IrmetricsError", "PackError", "__version__",
                 "extract_many", "PAGE_COLUMNS", "read_document", "Document", "DocumentError",
                 "FailedDocument", "SkippedDocumentWarning", "report_html"):
        assert name in irmetrics.__all__
        assert hasattr(irmetrics, name)
    assert all(hasattr(irmetrics, n) for n in irmetrics.__all__)


def test_kinds_are_the_documented_ones() -> None:
    assert [k.value for k in FactKind] == ["number", "percent", "ratio", "count", "money",
                                           "quantity", "duration", "date", "period"]
    assert [q.value for q in Qualifier] == ["=", "~", ">", ">=", "<", "<="]


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("bad, type_name", [
    (b"\xe8\x90\xa5\xe6\x94\xb6 5%", "bytes"), (None, "NoneType"), (42, "int"),
    (["营收 5%"], "list"), (bytearray(b"5%"), "bytearray"),
])
def test_non_str_text_is_a_type_error_naming_the_type(bad: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=rf"expected str, got {type_name}\b"):
        irmetrics.extract(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2024-13-01", "28/10/2024", "yesterday", "", 20241028, 3.5])
def test_bad_date_says_what_is_accepted(bad: object) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD") as e:
        irmetrics.extract("营收增长 5%", date=bad)
    assert repr(bad) in str(e.value)
    assert isinstance(e.value, irmetrics.IrmetricsError)


@pytest.mark.parametrize("good", ["2024-10-28", date(2024, 10, 28), datetime(2024, 10, 28, 16, 0),
                                  "2024-10-28T16:00:00", None])
def test_good_dates(good: object) -> None:
    assert len(irmetrics.extract("营收增长 5%", date=good)) >= 1


@pytest.mark.parametrize("bad", ["fr", "ZH", "chinese", "", "zh-CN", 1])
def test_bad_lang_says_what_is_accepted(bad: object) -> None:
    with pytest.raises(ValueError, match=r"'zh', 'en' or None") as e:
        irmetrics.extract("营收增长 5%", lang=bad)  # type: ignore[arg-type]
    assert repr(bad) in str(e.value)


def test_bad_fiscal_year_end() -> None:
    with pytest.raises(ValueError, match="MM-DD"):
        irmetrics.extract("Revenue rose 5%.", fiscal_year_end="13-45")


def test_bad_doc_id() -> None:
    with pytest.raises(TypeError, match="doc_id"):
        irmetrics.extract("营收增长 5%", doc_id=7)  # type: ignore[arg-type]


def test_arguments_are_checked_even_for_empty_text() -> None:
    with pytest.raises(ValueError):
        irmetrics.extract("", lang="fr")
    with pytest.raises(ValueError):
        irmetrics.extract("", date="not a date")


# ---------------------------------------------------------------- empty input

@pytest.mark.parametrize("text", ["", " ", "\n\n", "没有数字。", "No numbers here."])
def test_text_without_facts(text: str) -> None:
    fs = irmetrics.extract(text, doc_id="empty.txt")
    assert isinstance(fs, FactSet)
    assert len(fs) == 0 and list(fs) == []
    assert fs.doc_id == "empty.txt"
    df = fs.to_frame()
    assert tuple(df.columns) == COLUMNS and len(df) == 0


def test_doc_id_reaches_the_frame() -> None:
    df = irmetrics.extract("营收增长 5%", doc_id="r.txt").to_frame()
    assert list(df["doc_id"]) == ["r.txt"]


def test_language_is_detected_or_given() -> None:
    text = "Revenue rose 5% to $1.2 billion; 国内收入 3 亿元。"
    auto = irmetrics.extract(text)
    assert [f.text for f in auto] == [f.text for f in irmetrics.extract(text, lang="en")]


def test_extractor_is_reusable() -> None:
    ex = irmetrics.Extractor()
    a = ex.extract("营收 18.6 亿元", doc_id="a")
    b = ex.extract("营收 18.6 亿元", doc_id="a")
    assert a == b


# ---------------------------------------------------------------- quantities

def _one(text: str, kind: str) -> Fact:
    [f] = [f for f in irmetrics.extract(text) if f.kind == kind]
    return f


def test_percent_quantity() -> None:
    q = _one("营收同比增长 23.5%", "percent").quantity
    assert isinstance(q, pint.Quantity)
    assert q.magnitude == 23.5 and str(q.units) == "percent"
    assert q.to("dimensionless").magnitude == pytest.approx(0.235)


def test_percentage_points_and_basis_points_convert() -> None:
    pp = _one("毛利率提升 1.6 个百分点", "percent").quantity
    bp = _one("Gross margin expanded 150 basis points.", "percent").quantity
    assert pp.units == registry().percentage_point
    assert bp.to("percentage_point").magnitude == pytest.approx(1.5)
    assert (pp + bp).to("bp").magnitude == pytest.approx(310)


def test_points_are_not_percent() -> None:
    """A margin 'up 50 bp' is not 'up 0.5%': pint refuses to mix them."""
    pp = _one("毛利率提升 1.6 个百分点", "percent").quantity
    pct = _one("营收增长 5%", "percent").quantity
    with pytest.raises(pint.DimensionalityError):
        pp + pct


@pytest.mark.parametrize("text, unit, magnitude", [
    ("营收 12.5 亿元", "CNY", 1_250_000_000),
    ("Revenue was $1.2 billion.", "USD", 1_200_000_000),
    ("派息 0.8 港元", "HKD", 0.8),
    ("Sales were €300 million.", "EUR", 300_000_000),
    ("铜价 4200美元/吨", "USD/tonne", 4200),
    ("EPS was $1.23 per share.", "USD/share", 1.23),
])
def test_currency_quantities(text: str, unit: str, magnitude: float) -> None:
    f = _one(text, "money")
    assert f.unit == unit
    q = f.quantity
    assert q.magnitude == pytest.approx(magnitude)
    assert q.units == registry().Unit(unit)


def test_currencies_never_convert() -> None:
    usd = _one("Revenue was $1.2 billion.", "money").quantity
    cny = _one("营收 12.5 亿元", "money").quantity
    with pytest.raises(pint.DimensionalityError):
        usd.to("CNY")
    assert (cny + cny).magnitude == pytest.approx(2_500_000_000)


@pytest.mark.parametrize("text, kind, target, magnitude", [
    ("年产能 30 万吨", "quantity", "kilogram", 300_000_000),
    ("装机 56.8 MW", "quantity", "kW", 56_800),
    ("算力 100P", "quantity", "TFLOPS", 100_000),
    ("厂房 2.5 万平方米", "quantity", "square_kilometer", 0.025),
    ("回款周期 18个月", "duration", "year", 1.5),
])
def test_physical_quantities_convert(text: str, kind: str, target: str, magnitude: float) -> None:
    q = _one(text, kind).quantity
    assert q.to(target).magnitude == pytest.approx(magnitude)


def test_quantities_share_one_registry() -> None:
    a = _one("营收 12.5 亿元", "money").quantity
    b = _one("净利润 1.4 亿元", "money").quantity
    assert a._REGISTRY is b._REGISTRY is registry()
    assert (a - b).magnitude == pytest.approx(1_110_000_000)


@pytest.mark.parametrize("text, kind", [
    ("服务 300 多家企业", "count"),       # no unit
    ("比例为 1 比 2", "ratio"),            # no unit
    ("开工率在 75%-85% 之间", "percent"),  # a range has no single value
    ("有几十名工程师", "count"),
])
def test_no_quantity_without_unit_or_value(text: str, kind: str) -> None:
    assert _one(text, kind).quantity is None


def test_fact_validates_its_span() -> None:
    with pytest.raises(ValueError, match="start < end"):
        Fact(kind=FactKind.NUMBER, start=5, end=5, text="")
    with pytest.raises(ValueError, match="characters"):
        Fact(kind=FactKind.NUMBER, start=0, end=3, text="12")
    f = Fact(kind="percent", start=0, end=3, text="5 %", value=5, qualifier="~")
    assert f.kind is FactKind.PERCENT and f.qualifier is Qualifier.APPROX and f.value == 5.0
