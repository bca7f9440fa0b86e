"""The notebook view and the HTML report, read back with Python's HTML parser.

What a browser makes of the same pages is tested in test_browser.py; here
are the properties that hold for any text, the cuts of long documents, the
charts, the command and the errors.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import irmetrics
from irmetrics import Fact, FactSet, InputError
from irmetrics.charts import period_series, svg_chart
from irmetrics.cli import main
from irmetrics.highlight import marked_text, windows
from report_docs import EN_CALL, HOSTILE, HOSTILE_ID, long_record, zh_record
from strategies import ir_text


class Marks(HTMLParser):
    """The text of a page fragment as a browser would read it, and each mark's text.

    ``text`` leaves out the elision markers (class ``gap``), so for a
    document shown whole it is the document itself.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marks: dict[int, list[str]] = {}
        self.counts: dict[int, int] = {}
        self.gaps: list[str] = []
        self._open: list[tuple[str, int | None]] = []  # (tag, fact index of a mark)
        self._gap = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        fact = int(a["data-fact"]) if tag == "mark" and a.get("data-fact") is not None else None
        if fact is not None:
            self.marks[fact] = []
            self.counts[fact] = self.counts.get(fact, 0) + 1
        if a.get("class") == "gap" or self._gap:
            self._gap += 1
            self.gaps.append("")
        self._open.append((tag, fact))

    def handle_endtag(self, tag: str) -> None:
        assert self._open and self._open[-1][0] == tag, f"</{tag}> closes {self._open[-1:]}"
        self._open.pop()
        if self._gap:
            self._gap -= 1

    def handle_data(self, data: str) -> None:
        if self._gap:
            self.gaps[-1] += data
            return
        self.text.append(data)
        for _, fact in self._open:
            if fact is not None:
                self.marks[fact].append(data)

    @classmethod
    def read(cls, html: str) -> "Marks":
        p = cls()
        p.feed(html)
        p.close()
        return p

    def mark_text(self, i: int) -> str:
        return "".join(self.marks[i])


def _text_div(html: str) -> str:
    """The first document text element of a page (its inner HTML)."""
    m = re.search(r'<div class="irm-text" lang="\w+">(.*?)</div>', html, re.S)
    assert m, "no document text in the page"
    return m.group(1)


# ---------------------------------------------------------------- FactSet.text

def test_extract_keeps_the_text_and_slices_and_selections_keep_it() -> None:
    doc = zh_record()
    facts = irmetrics.extract(doc, doc_id="r")
    assert facts.text == doc
    assert facts[2:5].text == doc and facts.select(kind="money").text == doc
    assert irmetrics.extract("", doc_id="e").text == ""


def test_the_text_is_part_of_a_factsets_identity() -> None:
    doc = "营收 5 亿元"
    facts = irmetrics.extract(doc)
    bare = FactSet(list(facts))
    assert bare.text is None and bare != facts
    assert FactSet(list(facts), text=doc) == facts
    assert hash(FactSet(list(facts), text=doc)) == hash(facts)


def test_a_text_that_does_not_hold_the_facts_is_refused_naming_the_fact() -> None:
    facts = list(irmetrics.extract("营收 5 亿元，增长 12%"))
    with pytest.raises(ValueError, match=r"fact 0 '5 亿元' at 3:7 does not match .*'1 亿元'"):
        FactSet(facts, text="营收 1 亿元，增长 12%")
    with pytest.raises(TypeError, match="expected str or None, got bytes"):
        FactSet(facts, text=b"x")  # type: ignore[arg-type]


# ---------------------------------------------------------------- marks

@settings(max_examples=150, deadline=None)
@given(doc=ir_text() | st.text(alphabet="<>&\"'\r\n/mark 营收5亿元%", max_size=60))
def test_marks_quote_the_facts_and_the_page_text_is_the_document(doc: str) -> None:
    facts = irmetrics.extract(doc)
    page = Marks.read(marked_text(doc, facts))
    assert "".join(page.text) == doc
    assert page.counts == {i: 1 for i in range(len(facts))}
    assert all(page.mark_text(i) == f.text for i, f in enumerate(facts))


def test_a_fact_inside_another_is_a_mark_inside_its_mark() -> None:
    doc = "营收 18.6 亿元"
    outer = Fact(kind="money", start=3, end=10, text="18.6 亿元", value=1.86e9, unit="CNY")
    inner = Fact(kind="number", start=3, end=7, text="18.6", value=18.6)
    facts = FactSet([inner, outer], text=doc)
    html = marked_text(doc, facts, titles=False)
    assert html == ('营收 <mark class="k-money" data-fact="1"><mark class="k-number" '
                    'data-fact="0">18.6</mark> 亿元</mark>')


def test_a_fact_crossing_another_is_cut_where_the_other_ends() -> None:
    doc = "abcdefgh"
    a = Fact(kind="number", start=1, end=5, text="bcde")
    b = Fact(kind="number", start=3, end=7, text="defg")
    page = Marks.read(marked_text(doc, [a, b], titles=False))
    assert "".join(page.text) == doc
    assert page.mark_text(0) == "bcde" and page.mark_text(1) == "fg"
    assert 'class="k-number cut" data-fact="1"' in marked_text(doc, [a, b], titles=False)


def test_the_tooltip_says_what_was_read() -> None:
    facts = irmetrics.extract(zh_record())
    revenue = next(i for i, f in enumerate(facts) if f.metric == "revenue")
    m = re.search(rf'<mark class="k-money" data-fact="{revenue}" title="([^"]*)"',
                  marked_text(facts.text, facts))
    assert m, "the revenue mark has no title"
    title = m.group(1)
    for line in ("value: 1,240,000,000 CNY", "metric: revenue", "subject: 营业收入",
                 "period: 2024-01-01..2024-06-30"):
        assert line in title
    assert "bounds" not in title and "qualifier" not in title  # exact: the value says it all
    hedged = next(i for i, f in enumerate(facts) if f.text == "超过 120 家")
    tip = re.search(rf'data-fact="{hedged}" title="([^"]*)"', marked_text(facts.text, facts))
    assert "qualifier: &gt; (more than)" in tip.group(1) and "bounds: 120 .. (open)" in tip.group(1)


# ---------------------------------------------------------------- long documents

def test_a_long_document_is_cut_around_its_facts_and_says_what_it_leaves_out() -> None:
    doc = long_record()
    facts = irmetrics.extract(doc)
    assert len(facts) >= 10
    spans = windows(doc, facts, 160)
    assert all(any(a <= f.start and f.end <= b for a, b in spans) for f in facts)
    assert all(b1 < a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    page = Marks.read(facts._repr_html_())
    assert all(page.mark_text(i) == f.text for i, f in enumerate(facts))
    assert page.gaps, "nothing was cut"
    left_out = sum(int(re.search(r"([\d,]+) characters", g).group(1).replace(",", ""))
                   for g in page.gaps)
    shown = sum(b - a for a, b in spans)
    assert shown + left_out == len(doc) and shown < len(doc) // 2


def test_a_short_document_is_shown_whole() -> None:
    doc = zh_record()
    page = Marks.read(_text_div(irmetrics.extract(doc)._repr_html_()))
    assert "".join(page.text) == doc and not page.gaps


# ---------------------------------------------------------------- the notebook view

def test_the_notebook_view_has_one_stylesheet_and_no_style_per_fact() -> None:
    small = irmetrics.extract("营收 5 亿元")._repr_html_()
    facts = irmetrics.extract(zh_record() + EN_CALL)
    html = facts._repr_html_()
    assert html.count("<style>") == 1 and "style=" not in html and "<script" not in html
    # What a fact costs is its mark and its row, not a stylesheet.
    per_fact = (len(html) - len(small)) / (len(facts) - 1)
    assert per_fact < 700, per_fact


def test_the_notebook_view_of_facts_without_text_is_the_table() -> None:
    bare = FactSet(list(irmetrics.extract("营收 5 亿元")), doc_id="by hand")
    html = bare._repr_html_()
    assert "<mark" not in html and "no text" in html
    assert html.count('<tr data-fact="0">') == 1


def test_to_html_needs_the_text_and_says_so() -> None:
    bare = FactSet(list(irmetrics.extract("营收 5 亿元")), doc_id="q3.txt")
    with pytest.raises(InputError, match=r"FactSet\(doc_id='q3.txt'\) has no text"):
        bare.to_html()
    with pytest.raises(InputError, match="report: item 1: expected a FactSet, got str"):
        irmetrics.report_html([irmetrics.extract("营收 5 亿元"), "营收"])  # type: ignore[list-item]


# ---------------------------------------------------------------- the report page

def _sha(s: str) -> str:
    return base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()


def test_the_report_is_self_contained_and_its_policy_allows_only_its_own_code(tmp_path) -> None:
    docs = [irmetrics.extract(zh_record(), doc_id="zh.txt"),
            irmetrics.extract(EN_CALL, doc_id="en.txt")]
    out = tmp_path / "r.html"
    html = irmetrics.report_html(docs, out)
    assert out.read_text(encoding="utf-8") == html
    assert not re.search(r"\b(src|href|action|srcset)\s*=", html), "the page refers to a file"
    assert "url(" not in html and "@import" not in html and not re.search(r"https?:", html)
    script = re.search(r"<script>(.*)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"script-src 'sha256-{_sha(script)}'" in csp
    assert f"style-src 'sha256-{_sha(style)}'" in csp and "default-src 'none'" in csp
    assert html.count("<script") == 1 and html.count("<style") == 1


def test_the_report_escapes_documents_and_their_names() -> None:
    facts = irmetrics.extract(HOSTILE, doc_id=HOSTILE_ID)
    html = facts.to_html()
    assert html.count("<script") == 1 and "<img" not in html and "<svg onload" not in html
    page = Marks.read(_text_div(html))
    assert "".join(page.text) == HOSTILE
    assert all(page.mark_text(i) == f.text for i, f in enumerate(facts))


def test_every_row_of_the_report_names_its_document_and_fact() -> None:
    docs = [irmetrics.extract(zh_record(), doc_id="zh.txt"),
            irmetrics.extract(EN_CALL, doc_id="en.txt")]
    html = irmetrics.report_html(docs)
    rows = re.findall(r'<tr data-doc="(\d+)" data-fact="(\d+)" data-kind="(\w+)" '
                      r'data-metric="([^"]*)"', html)
    expected = [(str(j), str(i), f.kind.value, f.metric or "")
                for j, fs in enumerate(docs) for i, f in enumerate(fs)]
    assert rows == expected
    assert re.findall(r'<option value="(\w+)">', html.split('id="f-metric"')[1].split("</select>")[0]) \
        == sorted({f.metric for fs in docs for f in fs if f.metric})


# ---------------------------------------------------------------- charts

def _fact(i: int, value: float | None, start: date, end: date, metric: str = "revenue",
          unit: str = "CNY", **kw) -> Fact:
    return Fact(kind="money", start=i, end=i + 1, text="x", value=value, unit=unit, metric=metric,
                period_start=start, period_end=end, **kw)


def test_charts_take_a_metric_over_two_periods_of_one_length() -> None:
    q1, q2 = (date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 6, 30))
    year = (date(2023, 1, 1), date(2023, 12, 31))
    facts = [_fact(0, 5.0, *q1), _fact(1, 6.0, *q2), _fact(2, 20.0, *year),
             _fact(3, 7.0, *q1, metric="cost"),                       # one period only
             _fact(4, None, *year, low=1.0), _fact(5, 3.0, *q2, unit="USD")]
    series = period_series(facts)
    assert [(s.metric, s.unit, s.months, [p.fact for p in s.points]) for s in series] == \
        [("revenue", "CNY", 3, [0, 1])]
    svg = svg_chart(series[0], facts)
    assert re.findall(r'<rect data-fact="(\d+)"', svg) == ["0", "1"]
    assert "2024Q1" in svg and "2024Q2" in svg


def test_a_range_is_a_bar_from_its_low_to_its_high_end() -> None:
    y23, y24 = (date(2023, 1, 1), date(2023, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))
    facts = [_fact(0, 10.0, *y23), _fact(1, None, *y24, low=12.0, high=16.0)]
    svg = svg_chart(period_series(facts)[0], facts)
    bars = {int(i): (float(y), float(h)) for i, y, h in
            re.findall(r'data-fact="(\d)" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)}
    # 16 is the top of the axis, so the range bar starts higher than the value bar, and it
    # is a quarter of the axis (12..16 of 0..16) tall, not all of it.
    assert bars[1][0] < bars[0][0]
    assert bars[1][1] == pytest.approx(bars[0][1] * 4 / 10, rel=0.02)


def test_the_report_charts_the_quarterly_revenue_of_the_record() -> None:
    html = irmetrics.extract(zh_record()).to_html()
    charts = re.findall(r'<figure class="irm-chart"><figcaption>([^<]*)</figcaption>', html)
    assert "revenue · CNY · 3-month periods" in charts


# ---------------------------------------------------------------- the command

def test_report_command_writes_one_page_for_files_and_folders(tmp_path, capsys) -> None:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "en.txt").write_bytes(EN_CALL.encode("utf-8"))
    zh = tmp_path / "zh.txt"
    zh.write_text(zh_record(), encoding="gb18030")
    out = tmp_path / "report.html"
    assert main(["report", str(zh), str(folder), "-o", str(out), "--title", "Q3 <review>"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    html = out.read_text(encoding="utf-8")
    assert "<title>Q3 &lt;review&gt;</title>" in html
    assert re.findall(r"<h2>([^<]*)</h2>", html) == ["zh.txt", "en.txt"]
    page = Marks.read(_text_div(html))
    assert "".join(page.text) == zh_record()  # decoded from GB18030, as extract reads it


def test_report_command_lists_what_it_could_not_read_and_exits_1(tmp_path, capsys) -> None:
    good = tmp_path / "zh.txt"
    good.write_text("营收 5 亿元。", encoding="utf-8")
    code = main(["report", str(good), str(tmp_path / "missing.txt")])
    captured = capsys.readouterr()
    assert code == 1
    assert f"skipped {tmp_path / 'missing.txt'}: no such file" in captured.err
    assert "could not be read" in captured.out and "missing.txt: no such file" in captured.out
    assert captured.out.count("<mark ") == 1


def test_report_command_usage_errors_exit_2(tmp_path, capsys) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("营收 5 亿元。", encoding="utf-8")
    assert main(["report", str(doc), "--date", "yesterday"]) == 2
    assert "date: expected an ISO date" in capsys.readouterr().err
    assert main(["report", str(doc), "-o", str(tmp_path / "no" / "such" / "dir.html")]) == 2
    assert "cannot write" in capsys.readouterr().err
