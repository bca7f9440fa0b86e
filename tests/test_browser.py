"""The report and the notebook view in a real browser: headless Chromium driven by Playwright.

The browser is Debian's ``chromium`` (``make test`` installs it where it is
missing), never one Playwright downloads; ``IRMETRICS_CHROMIUM`` names
another binary.  None of these tests is skipped: without a browser they fail
and say what to install.

With ``IRMETRICS_SCREENSHOT=path.png`` the screenshot test also writes its
picture there; ``docs/screenshot.sh`` uses that for the one in
``docs/review.md``.
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path
from typing import Any, Callable, NamedTuple

import pytest

import irmetrics
from irmetrics import FactSet
from report_docs import EN_CALL, HOSTILE, HOSTILE_ID, long_record, zh_record

CHROMIUM = os.environ.get("IRMETRICS_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: run 'make test' as root, "
                    f"or 'sudo apt-get install chromium', or set IRMETRICS_CHROMIUM to a "
                    f"Chromium binary")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


class Opened(NamedTuple):
    page: Any
    url: str
    errors: list[str]    # console errors and uncaught exceptions
    requests: list[str]  # every URL the page asked for, its own included


@pytest.fixture()
def open_html(browser: Any, tmp_path: Path) -> Callable[..., Opened]:
    contexts: list[Any] = []

    def open_(html: str, *, width: int = 1280, height: int = 800, name: str = "page.html") -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        page = ctx.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        return Opened(page, path.as_uri(), errors, requests)

    yield open_
    for c in contexts:
        c.close()


def two_docs() -> list[FactSet]:
    return [irmetrics.extract(zh_record(), doc_id="record_zh.txt"),
            irmetrics.extract(EN_CALL, doc_id="call_en.txt")]


# What the browser made of each document: its text and each mark's index and text.
READ_DOCS = """() => Array.from(document.querySelectorAll('.irm-text')).map(t => ({
    text: Array.from(t.childNodes).filter(n => !(n.classList && n.classList.contains('gap')))
               .map(n => n.textContent).join(''),
    marks: Array.from(t.querySelectorAll('mark')).map(m => [m.dataset.fact, m.textContent,
                                                            m.getClientRects().length > 0]),
}))"""


def assert_marks(page: Any, docs: list[FactSet], *, whole: bool = True) -> None:
    """Every fact has exactly one mark, shown, whose text is the fact's text."""
    seen = page.evaluate(READ_DOCS)
    assert len(seen) == len(docs)
    for fs, got in zip(docs, seen):
        assert sorted(got["marks"], key=lambda m: int(m[0])) == \
            [[str(i), f.text, True] for i, f in enumerate(fs)]
        if whole:
            assert got["text"] == fs.text


# ---------------------------------------------------------------- the report

def test_every_fact_has_one_highlight_with_its_text(open_html) -> None:
    docs = two_docs()
    o = open_html(irmetrics.report_html(docs))
    assert_marks(o.page, docs)
    assert o.errors == [] and o.requests == [o.url]
    rows = o.page.locator("#facts tbody tr")
    assert rows.count() == sum(len(d) for d in docs)


def test_filtering_by_a_metric_leaves_only_its_rows(open_html) -> None:
    docs = two_docs()
    page = open_html(irmetrics.report_html(docs)).page
    visible = """() => Array.from(document.querySelectorAll('#facts tbody tr'))
        .filter(r => r.offsetParent !== null).map(r => [+r.dataset.doc, +r.dataset.fact])"""

    def expected(keep: Callable[[int, Any], bool]) -> list[list[int]]:
        return [[j, i] for j, fs in enumerate(docs) for i, f in enumerate(fs) if keep(j, f)]

    page.select_option("#f-metric", "revenue")
    revenue = expected(lambda j, f: f.metric == "revenue")
    assert len(revenue) >= 4 and page.evaluate(visible) == revenue
    assert page.locator("#f-count").text_content() == f"{len(revenue)} of {sum(map(len, docs))} facts"
    # a mark whose row is filtered out loses its colour; the others keep it
    assert page.locator("mark.dim").count() == sum(map(len, docs)) - len(revenue)

    page.select_option("#f-doc", "1")
    assert page.evaluate(visible) == expected(lambda j, f: j == 1 and f.metric == "revenue")
    assert not page.locator("#d0").is_visible() and page.locator("#d1").is_visible()

    page.select_option("#f-doc", "")
    page.select_option("#f-metric", "-")  # facts without a metric
    page.select_option("#f-kind", "period")
    assert page.evaluate(visible) == expected(lambda j, f: not f.metric and f.kind.value == "period")

    page.select_option("#f-metric", "")
    page.select_option("#f-kind", "")
    assert len(page.evaluate(visible)) == sum(map(len, docs))


def test_sorting_by_a_column(open_html) -> None:
    docs = two_docs()
    page = open_html(irmetrics.report_html(docs)).page
    order = "() => Array.from(document.querySelectorAll('#facts tbody tr')).map(r => [+r.dataset.doc, +r.dataset.fact])"
    values = {(j, i): (f.value if f.value is not None else f.low if f.low is not None else f.high)
              for j, fs in enumerate(docs) for i, f in enumerate(fs)}
    original = page.evaluate(order)

    page.click("#facts th:text-is('value')")
    got = [values[tuple(k)] for k in page.evaluate(order)]
    numbers = [v for v in got if v is not None]
    assert numbers == sorted(numbers) and got == numbers + [None] * (len(got) - len(numbers))
    page.click("#facts th:text-is('value')")
    got = [values[tuple(k)] for k in page.evaluate(order)]
    assert [v for v in got if v is not None] == sorted(numbers, reverse=True)
    assert page.get_attribute("#facts th:text-is('value')", "aria-sort") == "descending"

    page.click("#facts th:text-is('metric')")
    metrics = [docs[j][i].metric for j, i in page.evaluate(order)]
    named = [m for m in metrics if m]
    assert named == sorted(named) and metrics[len(named):] == [None] * (len(metrics) - len(named))

    page.click("#facts th:text-is('#')")
    assert page.evaluate(order) == original


# In view: inside its scrolling pane, and what the reader sees at its middle
# (not hidden under the table's sticky header or anything else).
IN_VIEW = """([sel, pane]) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const p = document.querySelector(pane).getBoundingClientRect();
    if (r.height === 0 || r.top < p.top - 1 || r.bottom > p.bottom + 1) return false;
    const first = el.getClientRects()[0];  // a mark that wraps is two boxes: probe the first
    const seen = document.elementFromPoint(first.left + Math.min(4, first.width / 2),
                                           (first.top + first.bottom) / 2);
    return seen !== null && (el === seen || el.contains(seen));
}"""


def test_clicking_a_row_scrolls_its_highlight_into_view(open_html) -> None:
    docs = two_docs()
    page = open_html(irmetrics.report_html(docs), height=600).page
    last = len(docs[1]) - 1
    mark = f'#d1 mark[data-fact="{last}"]'
    row = f'#facts tr[data-doc="1"][data-fact="{last}"]'
    assert not page.evaluate(IN_VIEW, [mark, "#docs"]), "the mark is in view before the click"
    page.click(row)
    assert page.evaluate(IN_VIEW, [mark, "#docs"])
    assert "focus" in page.get_attribute(mark, "class")
    assert "sel" in page.get_attribute(row, "class")

    # back up: a mark near the top, clicked in the text, finds its row in the table
    first = '#d0 mark[data-fact="3"]'
    page.click('#facts tr[data-doc="0"][data-fact="3"]')
    assert page.evaluate(IN_VIEW, [first, "#docs"])
    page.locator("#facts tbody").evaluate("t => t.parentElement.parentElement.scrollTop = 1e6")
    page.click(first)
    assert page.evaluate(IN_VIEW, ['#facts tr[data-doc="0"][data-fact="3"]', ".table"])
    assert "focus" not in page.get_attribute(mark, "class")


def test_a_bar_of_a_chart_goes_to_its_fact(open_html) -> None:
    docs = two_docs()
    page = open_html(irmetrics.report_html(docs), height=500).page
    bars = page.locator("#d0 svg rect[data-fact]")
    assert bars.count() == 6  # six quarters of revenue
    fact = int(bars.last.get_attribute("data-fact"))
    assert docs[0][fact].metric == "revenue" and docs[0][fact].text == "12.9 亿元"
    mark = f'#d0 mark[data-fact="{fact}"]'
    assert not page.evaluate(IN_VIEW, [mark, "#docs"])
    bars.last.click()
    assert page.evaluate(IN_VIEW, [mark, "#docs"])


def test_a_hostile_document_does_not_run_script(open_html) -> None:
    docs = [irmetrics.extract(HOSTILE, doc_id=HOSTILE_ID), irmetrics.extract(EN_CALL, doc_id="b")]
    o = open_html(irmetrics.report_html(docs))
    page = o.page
    page.wait_for_timeout(200)  # an onerror would have fired by now
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.locator("#docs img, #docs svg[onload], #docs script, #docs style").count() == 0
    assert page.locator("body").is_visible()
    assert page.locator("#d0 h2").text_content() == HOSTILE_ID
    assert_marks(page, docs)
    assert o.errors == [] and o.requests == [o.url]
    # the page's own script still works with such a document in it
    page.select_option("#f-doc", "0")
    assert page.locator("#facts tbody tr:visible").count() == len(docs[0])


def test_the_report_screenshot(open_html, tmp_path) -> None:
    docs = two_docs()
    page = open_html(irmetrics.report_html(docs, title="irmetrics report: two invented documents"),
                     width=1120, height=640).page
    revenue = next(i for i, f in enumerate(docs[0]) if f.metric == "revenue")
    page.click(f'#facts tr[data-doc="0"][data-fact="{revenue}"]')
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1120, 640)
    assert len(data) > 30_000  # text, marks and a table, not a blank page
    if os.environ.get("IRMETRICS_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["IRMETRICS_SCREENSHOT"])


# ---------------------------------------------------------------- the notebook view

def notebook_page(*factsets: FactSet) -> str:
    """Output cells as a notebook shows them: one after another in one page."""
    cells = "".join(f'<div class="cell">{fs._repr_html_()}</div>' for fs in factsets)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{cells}</body></html>"


def test_the_notebook_view_highlights_every_fact(open_html) -> None:
    docs = two_docs()
    o = open_html(notebook_page(*docs))
    assert_marks(o.page, docs)
    assert o.errors == [] and o.requests == [o.url]
    # the tooltip, as the browser reads the attribute
    revenue = next(i for i, f in enumerate(docs[0]) if f.metric == "revenue")
    title = o.page.get_attribute(f'.cell:first-child mark[data-fact="{revenue}"]', "title")
    assert {"value: 1,240,000,000 CNY", "metric: revenue", "subject: 营业收入"} <= set(title.split("\n"))
    # one colour per kind, from the one stylesheet
    colours = o.page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('mark'))
        .map(m => [m.className, getComputedStyle(m).backgroundColor]))""")
    assert colours["k-money"] != colours["k-percent"] != colours["k-period"]
    assert all(c not in ("rgba(0, 0, 0, 0)", "transparent") for c in colours.values())


def test_the_notebook_view_of_a_long_document_shows_every_fact_and_the_cuts(open_html) -> None:
    doc = long_record()
    facts = irmetrics.extract(doc)
    page = open_html(notebook_page(facts)).page
    assert_marks(page, [facts], whole=False)
    gaps = page.locator(".gap")
    assert gaps.count() >= 5 and all(g.is_visible() for g in gaps.all())
    shown = page.evaluate(READ_DOCS)[0]["text"]
    assert len(shown) < len(doc) // 2


def test_the_notebook_view_of_a_hostile_document_runs_no_script(open_html) -> None:
    facts = irmetrics.extract(HOSTILE, doc_id=HOSTILE_ID)
    o = open_html(notebook_page(facts))
    o.page.wait_for_timeout(200)
    assert o.page.evaluate("() => window.__pwned") is None
    assert o.page.evaluate("() => document.scripts.length") == 0
    assert_marks(o.page, [facts])
    assert o.requests == [o.url]
