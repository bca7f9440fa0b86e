"""The notebook view of a FactSet: its document with the facts marked, then the fact table.

Jupyter (and VS Code, Colab, nbconvert) shows what ``FactSet._repr_html_``
returns.  The view has no script, since notebooks may not run one: the
tooltip of each mark is its ``title``, which every browser shows on hover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .highlight import CONTEXT, FACT_COLUMNS, document_lang, esc, fact_row_cells, marked_text, stylesheet

if TYPE_CHECKING:
    from .factset import FactSet

__all__ = ["notebook_html", "NOTEBOOK_FULL_CHARS", "NOTEBOOK_ROWS"]

# A document up to this long is shown whole; a longer one around its facts.
# An output cell is read in place, among other cells: a page of text is
# about what fits without scrolling past it.
NOTEBOOK_FULL_CHARS = 3_000
# Rows of the fact table; past that, to_frame() is the better view.
NOTEBOOK_ROWS = 1_000


def notebook_html(facts: "FactSet") -> str:
    """The HTML of ``facts`` for a notebook: highlighted text (if the FactSet has it), then the table.

    >>> import irmetrics
    >>> html = irmetrics.extract("营收 18.6 亿元。", doc_id="a")._repr_html_()
    >>> html.count("<mark "), 'data-fact="0"' in html, html.count("<style>")
    (1, True, 1)
    """
    n = len(facts)
    parts = ['<div class="irm">', "<style>", stylesheet("highlight.css"), "</style>"]
    head = [esc(facts.doc_id)] if facts.doc_id else []
    head.append(f"{n:,} fact{'s' if n != 1 else ''}")
    text = facts.text
    if text is None:
        head.append("no text: this FactSet was not made by irmetrics.extract, so only its "
                    "table is shown")
    else:
        cut = len(text) > NOTEBOOK_FULL_CHARS
        head.append(f"{len(text):,} characters" + (", shown around the facts" if cut else ""))
    parts.append(f'<div class="irm-note">{" · ".join(head)}</div>')
    if text is not None:
        parts.append(f'<div class="irm-text" lang="{document_lang(text)}">')
        parts.append(marked_text(text, facts, context=CONTEXT if cut else None))
        parts.append("</div>")
    if n:
        parts.append('<table class="irm-facts"><thead><tr><th>#</th>')
        parts.extend(f"<th>{c.name}</th>" for c in FACT_COLUMNS)
        parts.append("</tr></thead><tbody>")
        for i, f in enumerate(facts[:NOTEBOOK_ROWS] if n > NOTEBOOK_ROWS else facts):
            parts.append(f'<tr data-fact="{i}"><td>{i}</td>{fact_row_cells(f)}</tr>')
        parts.append("</tbody></table>")
        if n > NOTEBOOK_ROWS:
            parts.append(f'<div class="irm-note">the first {NOTEBOOK_ROWS:,} of {n:,} facts; '
                         f"facts.to_frame() has them all</div>")
    parts.append("</div>")
    return "".join(parts)
