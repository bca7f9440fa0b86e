"""Documents: the text of a file (plain text in any usual encoding, PDF, DOCX, HTML), with its pages.

Facts index :attr:`Document.text`, so ``doc.text[f.start:f.end] == f.text``
holds for every fact extracted from a document, and
:meth:`Document.page_of` maps a span back to the page it was read from.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .errors import DocumentError, InputError

__all__ = ["Document", "read_document", "decode_text", "PAGE_BREAK", "SUFFIXES"]

# Between the pages of a PDF: a form feed on a line of its own, so that
# text.split("\f") still separates pages and every page starts a line (the
# Q&A and date-header rules look at line starts).
PAGE_BREAK = "\f\n"

# The file name suffixes read as documents when a folder is given.
SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# Byte order marks, longest first: the UTF-32 LE mark begins with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# Detectors name the encoding of the bytes they saw; a GB2312 or GBK guess
# on a sample may still meet a GB18030-only character later in the file,
# and GB18030 decodes all of GB2312 and GBK identically.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "hz"}

# The encodings Chinese and English text comes in.  The detector chooses
# among these only: left to weigh every code page, it reads a short English
# text's "£" as cp1250's "Ł" or cp932's "｣" just as readily.  Text in any
# other encoding needs encoding= (or --encoding).
DETECTED = ("utf_8", "gb18030", "big5", "big5hkscs", "cp950", "hz", "utf_16", "utf_32",
            "cp1252", "latin_1")

# C0 controls other than tab, newlines, form feed and escape: in a text file
# these mean binary data, whatever a detector says.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Document:
    """One document's text, where it came from, and its pages.

    Attributes:
        doc_id: the ``doc_id`` of its facts (a file's name by default).
        text: the text that fact spans index.
        source: where it was read from (a path), or ``""`` for text in memory.
        encoding: the encoding the bytes were decoded with (``"gb18030"``,
            ``"utf-8"``, ...), or None where the format carries its own (PDF,
            DOCX) or the text never was bytes.
        pages: for a PDF, the ``(start, end)`` character range of each page
            in ``text``, in page order (pages are separated by
            :data:`PAGE_BREAK`); None for formats without pages.
    """

    doc_id: str
    text: str
    source: str = ""
    encoding: str | None = None
    pages: tuple[tuple[int, int], ...] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.doc_id, str):
            raise TypeError(f"Document.doc_id: expected str, got {type(self.doc_id).__name__}")
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text: expected str, got {type(self.text).__name__}")
        if self.pages is not None:
            pages = tuple((int(a), int(b)) for a, b in self.pages)
            last = 0
            for i, (a, b) in enumerate(pages, 1):
                if not last <= a <= b <= len(self.text):
                    raise ValueError(f"Document.pages: page {i} range {a}:{b} is not within "
                                     f"0:{len(self.text)} after the previous page")
                last = b
            object.__setattr__(self, "pages", pages)

    @property
    def page_starts(self) -> tuple[int, ...] | None:
        """The offset where each page starts, or None without pages."""
        return None if self.pages is None else tuple(a for a, _ in self.pages)

    def page_of(self, offset: int) -> int | None:
        """The 1-based page whose text holds ``offset`` (the last page starting at or before it).

        None when the document has no pages.

        >>> doc = Document("d", "one\\n\\f\\ntwo\\n", pages=((0, 4), (6, 10)))
        >>> doc.page_of(doc.text.index("two")), doc.page_of(0)
        (2, 1)
        """
        if self.pages is None:
            return None
        return bisect_right(self.page_starts, offset) or None  # type: ignore[arg-type]


def read_document(path: str | PathLike[str], *, encoding: str | None = None,
                  doc_id: str | None = None) -> Document:
    """Read a file into a :class:`Document`.

    The format comes from the content and the name: a file that starts with
    ``%PDF-`` (or is named ``.pdf``) is read through its text layer, page by
    page; ``.docx`` through python-docx (paragraphs and table cells in
    document order); ``.html``/``.htm`` as the text of the page, scripts and
    styles dropped; anything else as plain text.

    Plain text and HTML are decoded with ``encoding`` when given, else: by
    their byte order mark (UTF-8, UTF-16, UTF-32), as UTF-8 when they are
    valid UTF-8, else with the encoding charset-normalizer detects (GB18030
    for GB2312/GBK, Big5, ...).  Newlines are kept as they are.

    Args:
        path: the file.
        encoding: a Python codec name (``"gbk"``, ``"big5"``) that plain text
            and HTML must be decoded with; PDF and DOCX carry their own.
        doc_id: the document's ``doc_id``; the file's name by default.

    Raises:
        DocumentError: the file is missing, a directory, unreadable, empty,
            binary, not valid in the forced ``encoding``, a PDF that is
            encrypted or has no text layer, a damaged PDF or DOCX, or a PDF
            or DOCX whose reader is not installed (the message names the
            extra to install).  ``path`` and ``reason`` say which and why.
        InputError: ``encoding`` is not a codec Python knows.
    """
    p = Path(path)
    source = str(path)
    _check_encoding(encoding)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(source, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(source, "is a directory, expected a file") from None
    except OSError as e:
        raise DocumentError(source, f"cannot read: {e.strerror or e}") from None
    name = doc_id if doc_id is not None else p.name
    if not data:
        raise DocumentError(source, "empty file (0 bytes)")
    suffix = p.suffix.lower()
    from . import formats
    if data[:1024].lstrip().startswith(b"%PDF-") or suffix == ".pdf":
        pages = formats.pdf_pages(data, source)
        text, ranges = join_pages(pages)
        return Document(name, text, source, None, ranges)
    if suffix == ".docx":
        text = formats.docx_text(data, source)
        return Document(name, _nonempty(text, source), source, None, None)
    if suffix in _HTML_SUFFIXES:
        raw, enc = decode_text(data, encoding=encoding or formats.html_charset(data),
                               source=source, forced=encoding is not None)
        return Document(name, _nonempty(formats.html_text(raw), source), source, enc, None)
    text, enc = decode_text(data, encoding=encoding, source=source)
    return Document(name, _nonempty(text, source), source, enc, None)


def join_pages(pages: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of a paged document and each page's range in it.

    Every non-empty page ends with a newline, and :data:`PAGE_BREAK` goes
    between pages.

    >>> join_pages(["营收 5%", "Revenue rose 5%\\n"])
    ('营收 5%\\n\\x0c\\nRevenue rose 5%\\n', ((0, 6), (8, 24)))
    """
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    at = 0
    for i, page in enumerate(pages):
        if i:
            parts.append(PAGE_BREAK)
            at += len(PAGE_BREAK)
        if page and not page.endswith("\n"):
            page += "\n"
        parts.append(page)
        ranges.append((at, at + len(page)))
        at += len(page)
    return "".join(parts), tuple(ranges)


def decode_text(data: bytes, *, encoding: str | None = None, source: str = "<bytes>",
                forced: bool = True) -> tuple[str, str]:
    """``data`` decoded, and the name of the encoding used.

    Args:
        data: the bytes of a text file.
        encoding: the codec to use; None detects it (byte order mark, then
            UTF-8, then charset-normalizer).
        source: the file name that errors name.
        forced: when False, ``encoding`` is only a hint (an HTML page's
            declared charset), tried after the byte order mark and UTF-8;
            bytes it cannot decode are detected instead.

    Raises:
        DocumentError: binary data, bytes not valid in a forced ``encoding``
            (naming the byte offset), or no encoding fits.
    """
    if encoding is not None and forced:
        enc = codecs.lookup(encoding).name
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as e:
            raise DocumentError(source, f"not valid {encoding} at byte {e.start} "
                                        f"({e.reason})") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DocumentError(source, f"starts with a {enc} byte order mark but is not "
                                            f"valid {enc} at byte {e.start}") from None
    if b"\x00" in data:
        # Text in UTF-16/32 without a byte order mark is not supported; NUL
        # bytes otherwise mean a binary file.
        raise DocumentError(source, "binary data (NUL bytes), not a text file")
    try:
        # Before any hint: GB18030 decodes almost any bytes, UTF-8 included,
        # while text in other encodings is almost never valid UTF-8.
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = _hinted(data, encoding) or _detected(data, source)
    if _is_binary(text):
        raise DocumentError(source, "binary data (control characters), not a text file")
    return text, enc


def _hinted(data: bytes, encoding: str | None) -> tuple[str, str] | None:
    """``data`` in a hinted encoding (an HTML page's declared charset), or None if it does not fit."""
    if encoding is None:
        return None
    enc = codecs.lookup(encoding).name
    enc = _SUPERSETS.get(enc, enc)
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        return None  # a wrong declaration: detect instead


def _detected(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(DETECTED)).best()
    if best is None or best.encoding is None:
        raise DocumentError(source, "binary data or an unknown encoding, not a text file "
                                    "(pass encoding= if you know it)")
    enc = codecs.lookup(best.encoding).name
    enc = _SUPERSETS.get(enc, enc)
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as e:  # the detector judged on a sample
        raise DocumentError(source, f"looks like {enc} but is not valid {enc} at byte "
                                    f"{e.start}; pass encoding= if you know it") from None


def _is_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    return controls > max(2, len(sample) // 100)


def _nonempty(text: str, source: str) -> str:
    if not text.strip():
        raise DocumentError(source, "no text (the file holds only white space)")
    return text


def _check_encoding(encoding: str | None) -> None:
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise InputError(f"encoding: expected a Python codec name such as 'utf-8', 'gb18030' "
                         f"or 'big5', got {encoding!r}") from None
