"""Text out of PDF, DOCX and HTML files.  Used by :func:`irmetrics.read_document`.

PDF and DOCX readers are optional dependencies (``irmetrics[pdf]``,
``irmetrics[docx]``): they are imported here, on first use, and their
absence is a :class:`DocumentError` that names the extra to install.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

from .errors import DocumentError

__all__ = ["pdf_pages", "docx_text", "html_text", "html_charset"]


# ---------------------------------------------------------------- PDF

def pdf_pages(data: bytes, source: str) -> list[str]:
    """The text layer of each page of a PDF, in page order.

    A PDF encrypted with an empty user password (only its permissions are
    protected, as is common for published filings) is opened; one that needs
    a password is an error.

    Raises:
        DocumentError: pypdf is not installed, the PDF is damaged, needs a
            password, or has no text on any page (scanned images).
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, PdfReadError
    except ImportError:
        raise DocumentError(source, "reading PDF needs pypdf, which is not installed; "
                                    "install it with: pip install 'irmetrics[pdf]'") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as e:
                raise DocumentError(source, f"encrypted PDF whose cipher needs a package that is "
                                            f"not installed ({e}); install it with: "
                                            f"pip install 'irmetrics[pdf]'") from None
            if not opened:
                raise DocumentError(source, "encrypted PDF: it needs a password to open")
        n = len(reader.pages)
        pages = []
        for i in range(n):
            pages.append(reader.pages[i].extract_text() or "")
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as e:
        # pypdf reports damaged files with several exception types.
        raise DocumentError(source, f"not a readable PDF ({type(e).__name__}: {e})") from None
    if not n:
        raise DocumentError(source, "PDF without pages")
    if not any(p.strip() for p in pages):
        raise DocumentError(source, f"PDF without a text layer ({n} page{'s' if n != 1 else ''} "
                                    f"of images, a scan?): run OCR on it first")
    return pages


# ---------------------------------------------------------------- DOCX

def docx_text(data: bytes, source: str) -> str:
    """The paragraphs and table rows of a DOCX body, in document order, one per line.

    Table cells are separated by tabs; a merged cell is written once.

    Raises:
        DocumentError: python-docx is not installed, or the file is not a
            DOCX package (an old .doc, an encrypted file, a damaged zip).
    """
    try:
        import docx
        from docx.table import Table
    except ImportError:
        raise DocumentError(source, "reading DOCX needs python-docx, which is not installed; "
                                    "install it with: pip install 'irmetrics[docx]'") from None
    if not data.startswith(b"PK"):
        raise DocumentError(source, "not a DOCX file (no zip package: an old .doc, "
                                    "or an encrypted document?)")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_rows(block))
            else:
                lines.append(block.text)
    except (ValueError, KeyError, OSError) as e:
        raise DocumentError(source, f"not a readable DOCX ({type(e).__name__}: {e})") from None
    except Exception as e:  # python-docx and zipfile raise their own types for damaged files
        if type(e).__module__.split(".")[0] in ("docx", "zipfile", "lxml"):
            raise DocumentError(source, f"not a readable DOCX ({type(e).__name__}: {e})") from None
        raise
    return "".join(line + "\n" for line in lines)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx repeats a merged cell in each grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append("\t".join(cells))
    return rows


# ---------------------------------------------------------------- HTML

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# Not "head": pages that never close it would lose their body; its only text is the title.
_SKIP = frozenset({"script", "style", "noscript", "template"})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot",
    "title", "tr", "ul",
})
_CELL = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_SPACES = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_LINES = re.compile(r"\n{2,}")


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 4 KB, or None.

    >>> html_charset(b'<html><head><meta charset="gb2312"></head>')
    'gb2312'
    """
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None  # an unknown declaration: detect instead
    return name


def html_text(html: str) -> str:
    """The text a reader sees on an HTML page: scripts and styles dropped.

    Block elements (paragraphs, headings, list items, table rows) start new
    lines, table cells are separated by tabs, and runs of white space inside
    text are one space, as a browser shows them (except in ``<pre>``).
    The title is kept as the first line.

    >>> html_text("<title>记录表</title><script>var x = 5;</script><p>营收 <b>18.6</b> 亿元</p>")
    '记录表\\n营收 18.6 亿元\\n'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = _LINE_SPACES.sub("\n", text)
    # one line per block: nested blocks (<div><p>) would otherwise leave blank lines
    text = _BLANK_LINES.sub("\n", text).strip("\n ")
    return text + "\n" if text else ""


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0  # depth inside elements whose content is not text
        self._pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "pre":
            self._pre += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        self._break(tag)

    def _break(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))
