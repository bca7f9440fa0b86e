"""The HTML report: one self-contained file that shows the facts of one or many documents.

The page holds each document's text with its facts marked, charts of the
metrics a document gives over several periods, and one fact table that can
be filtered (kind, metric, document) and sorted (any column); clicking a
row scrolls to the words the fact was read from, clicking a mark or a bar
finds its row.

Self-contained means the file works offline and forever: the stylesheet and
the script are inline, nothing is fetched.  A Content-Security-Policy says
so to the browser as well: it allows no source at all except the page's
own stylesheet and script, named by their SHA-256, so even text that got
past escaping could neither run nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .charts import period_series, svg_chart
from .errors import InputError
from .highlight import (CONTEXT, FACT_COLUMNS, check_text, document_lang, esc, fact_row_cells,
                        marked_text, stylesheet)
from .model import FactKind

if TYPE_CHECKING:
    from .factset import FactSet

__all__ = ["report_html", "REPORT_FULL_CHARS", "NO_METRIC"]

# A document up to this long is shown whole in a report; a longer one (a
# 200-page PDF) around its facts, so that a report of a whole folder stays a
# file a browser opens at once.  full_text=True shows every document whole.
REPORT_FULL_CHARS = 50_000
# The metric filter's choice for facts without a metric.  Metric ids are
# snake_case words, so it names none of them.
NO_METRIC = "-"


def report_html(factsets: Iterable["FactSet"], path: str | PathLike[str] | None = None, *,
                title: str | None = None, full_text: bool = False,
                skipped: Sequence[tuple[str, str]] = ()) -> str:
    """The HTML report of the documents behind ``factsets``; also written to ``path`` if given.

    Args:
        factsets: one FactSet per document, each with its ``text`` (as
            :func:`irmetrics.extract` returns them); shown in this order.
        path: a file to write the report to (UTF-8).
        title: the page's title; by default it names the document, or the
            number of documents.
        full_text: show every document whole; by default a document longer
            than ``REPORT_FULL_CHARS`` characters is shown around its facts.
        skipped: ``(source, reason)`` pairs of documents that could not be
            read (such as :class:`irmetrics.FailedDocument`), listed at the top.

    Returns:
        The HTML of the page.

    Raises:
        InputError: an item is not a FactSet, or a FactSet has no text (the
            message says which, by position and doc_id).
        OSError: ``path`` cannot be written.
    """
    docs = list(factsets)
    from .factset import FactSet

    for j, fs in enumerate(docs):
        if not isinstance(fs, FactSet):
            raise InputError(f"report: item {j}: expected a FactSet, got {type(fs).__name__}")
        check_text(fs, f"report: item {j}")
    html = _page(docs, title, full_text, skipped)
    if path is not None:
        Path(path).write_text(html, encoding="utf-8")
    return html


def _sha256(s: str) -> str:
    return base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")


def _page(docs: list["FactSet"], title: str | None, full_text: bool,
          skipped: Sequence[tuple[str, str]]) -> str:
    css = stylesheet("highlight.css") + stylesheet("report.css")
    js = stylesheet("report.js")
    n_facts = sum(len(d) for d in docs)
    if title is None:
        title = (f"irmetrics: {docs[0].doc_id}" if len(docs) == 1 and docs[0].doc_id
                 else f"irmetrics: {len(docs)} document{'s' if len(docs) != 1 else ''}")
    csp = (f"default-src 'none'; style-src 'sha256-{_sha256(css)}'; "
           f"script-src 'sha256-{_sha256(js)}'; img-src data:; base-uri 'none'; form-action 'none'")
    out = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<meta name=\"generator\" content=\"irmetrics\"><title>{esc(title)}</title>",
           f"<style>{css}</style></head>\n",
           '<body class="irm"><header>',
           f"<h1>{esc(title)}</h1>",
           f'<p class="irm-note">{len(docs):,} document{"s" if len(docs) != 1 else ""} · '
           f'{n_facts:,} fact{"s" if n_facts != 1 else ""}</p>',
           _legend(docs)]
    if skipped:
        out.append('<details class="skipped"><summary>'
                   f"{len(skipped):,} file{'s' if len(skipped) != 1 else ''} could not be read"
                   "</summary><ul>")
        out.extend(f"<li>{esc(str(s))}: {esc(str(r))}</li>" for s, r in skipped)
        out.append("</ul></details>")
    out.append('</header>\n<main><div class="docs" id="docs">')
    for j, fs in enumerate(docs):
        out.append(_section(j, fs, full_text))
    out.append("</div>\n")
    out.append(_table(docs))
    out.append(f"</main>\n<script>{js}</script></body></html>\n")
    return "".join(out)


def _doc_name(j: int, fs: "FactSet") -> str:
    return fs.doc_id if fs.doc_id else f"document {j + 1}"


def _legend(docs: list["FactSet"]) -> str:
    kinds = {f.kind for fs in docs for f in fs}
    items = "".join(f'<span class="k-{k.value}">{k.value}</span>' for k in FactKind if k in kinds)
    return f'<p class="legend">{items}</p>' if items else ""


def _section(j: int, fs: "FactSet", full_text: bool) -> str:
    text = fs.text or ""
    cut = not full_text and len(text) > REPORT_FULL_CHARS
    n = len(fs)
    note = (f"{len(text):,} characters · {n:,} fact{'s' if n != 1 else ''}"
            + (" · shown around its facts" if cut else ""))
    charts = "".join(svg_chart(s, fs) for s in period_series(fs))
    return "".join([
        f'<section class="doc" id="d{j}" data-doc="{j}">',
        f"<h2>{esc(_doc_name(j, fs))}</h2>",
        f'<p class="irm-note">{note}</p>',
        f'<div class="charts">{charts}</div>' if charts else "",
        f'<div class="irm-text" lang="{document_lang(text)}">',
        marked_text(text, fs, context=CONTEXT if cut else None),
        "</div></section>\n",
    ])


def _options(values: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(label)}</option>' for v, label in values)


def _table(docs: list["FactSet"]) -> str:
    many = len(docs) > 1
    kinds = sorted({f.kind.value for fs in docs for f in fs}, key=[k.value for k in FactKind].index)
    metrics = sorted({f.metric for fs in docs for f in fs if f.metric})
    no_metric = any(not f.metric for fs in docs for f in fs)
    out = ['<div class="facts"><form class="filters" id="filters">',
           '<label>kind <select id="f-kind"><option value="">all</option>',
           _options((k, k) for k in kinds), "</select></label>",
           '<label>metric <select id="f-metric"><option value="">all</option>',
           _options((m, m) for m in metrics),
           _options([(NO_METRIC, "(none)")]) if no_metric else "", "</select></label>"]
    if many:
        out += ['<label>document <select id="f-doc"><option value="">all</option>',
                _options((str(j), _doc_name(j, fs)) for j, fs in enumerate(docs)),
                "</select></label>"]
    total = sum(len(fs) for fs in docs)
    out.append(f'<output id="f-count">{total:,} facts</output></form>')
    out.append(f'<div class="table"><table class="irm-facts{" many" if many else ""}" id="facts">'
               '<thead><tr><th data-type="num">#</th>')
    if many:
        out.append("<th>document</th>")
    out.extend(f'<th data-type="num">{c.name}</th>' if c.numeric else f"<th>{c.name}</th>"
               for c in FACT_COLUMNS)
    out.append("</tr></thead><tbody>\n")
    row = 0
    for j, fs in enumerate(docs):
        name = f"<td>{esc(_doc_name(j, fs))}</td>" if many else ""
        for i, f in enumerate(fs):
            # data-v on # is the row's place in document order, so sorting
            # by # puts the table back as it was.
            out.append(f'<tr data-doc="{j}" data-fact="{i}" data-kind="{f.kind.value}" '
                       f'data-metric="{esc(f.metric or "")}" tabindex="0">'
                       f'<td data-v="{row}">{i}</td>{name}{fact_row_cells(f)}</tr>\n')
            row += 1
    out.append("</tbody></table></div></div>")
    return "".join(out)
