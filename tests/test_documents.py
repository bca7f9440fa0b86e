"""read_document on real files the tests write: encodings, PDF pages, DOCX, HTML and failures."""

from __future__ import annotations

import sys

import pytest

import irmetrics
from irmetrics import Document, DocumentError, read_document
from irmetrics.documents import PAGE_BREAK

from corpus_files import (DOCX_PARAGRAPHS, DOCX_TABLE, ENCODED, HTML_BODY, HTML_HIDDEN, PAGE_1,
                          PAGE_2, SIMPLIFIED, make_docx, make_html, make_image_pdf, make_pdf,
                          write_encoded)


def assert_spans(doc: Document) -> list:
    facts = list(irmetrics.extract(doc.text, doc_id=doc.doc_id))
    for f in facts:
        assert doc.text[f.start:f.end] == f.text
    return facts


# ---------------------------------------------------------------- plain text

@pytest.mark.parametrize("name, text, encoding", ENCODED, ids=[e[0] for e in ENCODED])
def test_each_encoding_is_detected(tmp_path, name, text, encoding) -> None:
    doc = read_document(write_encoded(tmp_path, name, text, encoding))
    assert doc.text == text
    assert (doc.doc_id, doc.source, doc.pages) == (name, str(tmp_path / name), None)
    # the decoder that was used, by family: GBK is read as its superset GB18030
    family = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "gb18030": "gb18030",
              "gbk": "gb18030", "big5": "big5", "cp1252": "cp1252"}[encoding]
    assert doc.encoding.startswith(family), doc.encoding
    facts = assert_spans(doc)
    assert facts and [(f.start, f.text, f.value) for f in facts] == \
        [(f.start, f.text, f.value) for f in irmetrics.extract(text)]


def test_newlines_are_kept_as_they_are(tmp_path) -> None:
    text = SIMPLIFIED.replace("\n", "\r\n")
    p = tmp_path / "crlf.txt"
    p.write_bytes(text.encode("gbk"))
    doc = read_document(p)
    assert doc.text == text
    assert_spans(doc)


def test_forced_encoding_is_used(tmp_path) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(SIMPLIFIED.encode("gbk"))
    doc = read_document(p, encoding="gbk", doc_id="custom")
    assert (doc.text, doc.encoding, doc.doc_id) == (SIMPLIFIED, "gbk", "custom")


def test_forced_encoding_that_does_not_fit_names_file_and_byte(tmp_path) -> None:
    p = tmp_path / "x.txt"
    head = "营收增长 5%，".encode("utf-8")
    p.write_bytes(head + "净利润".encode("gbk"))
    with pytest.raises(DocumentError) as e:
        read_document(p, encoding="utf-8")
    assert e.value.path == str(p)
    assert f"byte {len(head)}" in e.value.reason and "utf-8" in e.value.reason
    assert str(p) in str(e.value)


def test_unknown_encoding_is_an_input_error(tmp_path) -> None:
    p = tmp_path / "x.txt"
    p.write_text("营收 5%", encoding="utf-8")
    with pytest.raises(irmetrics.InputError, match="'no-such-codec'"):
        read_document(p, encoding="no-such-codec")


# ---------------------------------------------------------------- PDF

def test_pdf_pages_and_spans(tmp_path) -> None:
    doc = read_document(make_pdf(tmp_path / "deck.pdf", [PAGE_1, PAGE_2]))
    assert doc.encoding is None and len(doc.pages) == 2
    assert doc.text.count(PAGE_BREAK) == 1
    for number, sentences in enumerate((PAGE_1, PAGE_2), 1):
        a, b = doc.pages[number - 1]
        for s in sentences:
            at = doc.text.index(s)  # the text layer keeps each line whole
            assert a <= at and at + len(s) <= b
            assert doc.page_of(at) == doc.page_of(at + len(s) - 1) == number
    facts = assert_spans(doc)
    assert {f.text for f in facts} >= {"18.6 亿元", "23.5%", "$1.2 billion", "300 多家", "14"}


def test_pdf_encrypted_with_a_password(tmp_path) -> None:
    p = make_pdf(tmp_path / "locked.pdf", [PAGE_1], user_password="s3cret")
    with pytest.raises(DocumentError, match="encrypted") as e:
        read_document(p)
    assert e.value.path == str(p) and "password" in e.value.reason


def test_pdf_encrypted_only_against_changes_is_read(tmp_path) -> None:
    # An empty user password: anyone may open it, as with many published filings.
    doc = read_document(make_pdf(tmp_path / "open.pdf", [PAGE_1, PAGE_2], user_password=""))
    assert PAGE_1[0] in doc.text and PAGE_2[1] in doc.text and len(doc.pages) == 2


def test_pdf_without_text_layer(tmp_path) -> None:
    p = make_image_pdf(tmp_path / "scan.pdf")
    with pytest.raises(DocumentError, match="text layer") as e:
        read_document(p)
    assert "scan.pdf" in str(e.value) and "OCR" in e.value.reason


def test_damaged_pdf(tmp_path) -> None:
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n")
    with pytest.raises(DocumentError) as e:
        read_document(p)
    assert e.value.path == str(p) and "PDF" in e.value.reason


def test_pdf_detected_by_content_whatever_its_name(tmp_path) -> None:
    p = make_pdf(tmp_path / "deck.pdf", [PAGE_1, PAGE_2])
    renamed = p.rename(tmp_path / "deck.txt")
    assert len(read_document(renamed).pages) == 2


def test_pdf_without_pypdf_names_the_extra(tmp_path, monkeypatch) -> None:
    p = make_pdf(tmp_path / "deck.pdf", [PAGE_1])
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(DocumentError, match=r"irmetrics\[pdf\]"):
        read_document(p)


# ---------------------------------------------------------------- DOCX and HTML

def test_docx_paragraphs_and_table_in_order(tmp_path) -> None:
    doc = read_document(make_docx(tmp_path / "record.docx"))
    lines = doc.text.splitlines()
    assert lines == [DOCX_PARAGRAPHS[0], *("\t".join(r) for r in DOCX_TABLE), *DOCX_PARAGRAPHS[1:]]
    facts = assert_spans(doc)
    for number in ("3.2 GWh", "85%", "26 家"):  # in the paragraphs and in the table
        assert any(number in f.text for f in facts), number


def test_docx_that_is_not_a_zip(tmp_path) -> None:
    p = tmp_path / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE (.doc) header
    with pytest.raises(DocumentError, match="not a DOCX"):
        read_document(p)


def test_docx_without_python_docx_names_the_extra(tmp_path, monkeypatch) -> None:
    p = make_docx(tmp_path / "record.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(DocumentError, match=r"irmetrics\[docx\]"):
        read_document(p)


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_html_text_without_scripts_and_styles(tmp_path, charset) -> None:
    doc = read_document(make_html(tmp_path / "page.html", charset))
    assert doc.text.splitlines() == ["业绩说明会", *HTML_BODY]
    for hidden in HTML_HIDDEN:
        assert hidden not in doc.text
    assert doc.encoding == ("utf-8" if charset == "utf-8" else "gb18030")
    facts = assert_spans(doc)
    for number in ("5.6 亿元", "9.8%", "3,000"):
        assert any(number in f.text for f in facts), number


# ---------------------------------------------------------------- failures

def test_binary_file(tmp_path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(DocumentError, match="binary") as e:
        read_document(p)
    assert e.value.path == str(p)


def test_binary_file_without_nul_bytes(tmp_path) -> None:
    p = tmp_path / "blob.md"
    p.write_bytes(bytes(range(1, 256)) * 8)
    with pytest.raises(DocumentError, match="binary"):
        read_document(p)


@pytest.mark.parametrize("content, words", [(b"", "empty"), (b" \n\t\n", "white space")])
def test_empty_file(tmp_path, content, words) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    with pytest.raises(DocumentError, match=words):
        read_document(p)


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="directory"):
        read_document(tmp_path)


def test_document_error_is_an_irmetrics_error(tmp_path) -> None:
    with pytest.raises(irmetrics.IrmetricsError):
        read_document(tmp_path / "nope.txt")


# ---------------------------------------------------------------- Document

def test_document_checks_its_pages() -> None:
    with pytest.raises(ValueError, match="page 2"):
        Document("d", "abcdef", pages=((0, 3), (2, 6)))
    with pytest.raises(ValueError, match="page 1"):
        Document("d", "abc", pages=((0, 9),))
    with pytest.raises(TypeError, match="text"):
        Document("d", b"abc")  # type: ignore[arg-type]
    assert Document("d", "abc").page_of(1) is None


def test_html_with_bom_and_declared_charset(tmp_path) -> None:
    from corpus_files import html_page

    p = tmp_path / "bom.html"
    p.write_bytes(b"\xef\xbb\xbf" + html_page("utf-8").encode("utf-8"))
    doc = read_document(p)
    assert doc.text.startswith("业绩说明会\n") and "\ufeff" not in doc.text


@pytest.mark.parametrize("declared", ["big5", "gb2312"])
def test_html_with_a_wrong_declared_charset_is_detected(tmp_path, declared) -> None:
    from corpus_files import html_page

    p = tmp_path / "wrong.html"
    p.write_bytes(html_page(declared).encode("utf-8"))  # declares one encoding, is UTF-8
    doc = read_document(p)
    assert doc.text.splitlines()[1:] == HTML_BODY and doc.encoding == "utf-8"
