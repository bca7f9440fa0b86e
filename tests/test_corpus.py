"""extract_many: one frame for many documents, the same facts as extract, in order, in processes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import irmetrics
from irmetrics import PAGE_COLUMNS, Document, FailedDocument, SkippedDocumentWarning
from irmetrics import corpus
from irmetrics.factset import FactRows

from corpus_files import (ENCODED, ENGLISH, PAGE_1, PAGE_2, SIMPLIFIED, TRADITIONAL, make_docx,
                          make_html, make_image_pdf, make_pdf, write_encoded)

# Our own sentences, combined into documents of different lengths and languages.
SENTENCES = [
    "今年前三季度，公司实现营业收入 18.6 亿元，同比增长 23.5%。",
    "公司已服务 300 多家企业客户，客户留存率约 95%。",
    "毛利率较去年同期提升 1.6 个百分点，达到 38.2%。",
    "Revenue rose 8.3% to $1.42 billion, and we opened 14 new stores.",
    "Adjusted EPS was $1.87 per share compared with $1.62 a year ago.",
    "本次活动不涉及未公开披露的重大信息。",
    "预计明年资本开支不超过 5 亿元，新增产能 2 万吨。",
    "Free cash flow reached approximately $310 million in fiscal 2024.",
]


def texts(n: int = 40) -> list[str]:
    return ["".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 5)) for i in range(n)]


def by_document(items: list[tuple[str, str]], **kw) -> pd.DataFrame:
    """The frame that extract, document by document, gives: the reference."""
    rows = FactRows()
    for doc_id, text in items:
        rows.add(irmetrics.extract(text, doc_id=doc_id, **kw), doc_id)
    return rows.to_frame(page=True)


# ---------------------------------------------------------------- same facts as extract

def test_plain_text_corpus_gives_exactly_the_facts_of_extract() -> None:
    docs = texts()
    df = irmetrics.extract_many(docs)
    expected = by_document([(str(i), t) for i, t in enumerate(docs)])
    assert len(df) > len(docs)
    pd.testing.assert_frame_equal(df, expected)
    # and the same, column for column, as each document's own to_frame()
    own = pd.concat([irmetrics.extract(t, doc_id=str(i)).to_frame() for i, t in enumerate(docs)],
                    ignore_index=True)
    pd.testing.assert_frame_equal(df[list(irmetrics.COLUMNS)], own)
    assert df["page"].isna().all()
    assert df.attrs["failed"] == []


def test_files_in_every_encoding_give_the_facts_of_their_text(tmp_path) -> None:
    paths = [write_encoded(tmp_path, *e) for e in ENCODED]
    df = irmetrics.extract_many(paths, date="2024-11-06")
    expected = by_document([(name, text) for name, text, _ in ENCODED], date="2024-11-06")
    pd.testing.assert_frame_equal(df, expected)


def test_options_reach_every_document() -> None:
    docs = ["今年前三季度营收增长 5%", "Revenue in fiscal 2022 rose 5%"]
    df = irmetrics.extract_many(docs, date="2023-06-30", fiscal_year_end="05-31", lang="zh")
    expected = by_document([("0", docs[0]), ("1", docs[1])], date="2023-06-30",
                           fiscal_year_end="05-31", lang="zh")
    pd.testing.assert_frame_equal(df, expected)
    assert df["period_start"].notna().any()


# ---------------------------------------------------------------- inputs

def test_every_kind_of_input_in_order(tmp_path) -> None:
    path = write_encoded(tmp_path, "gbk.txt", SIMPLIFIED, "gbk")
    docs = [Document("doc-a", ENGLISH), path, ("pair", TRADITIONAL), SIMPLIFIED]
    df = irmetrics.extract_many(docs)
    assert list(dict.fromkeys(df["doc_id"])) == ["doc-a", "gbk.txt", "pair", "3"]
    texts_of = {"doc-a": ENGLISH, "gbk.txt": SIMPLIFIED, "pair": TRADITIONAL, "3": SIMPLIFIED}
    for row in df.itertuples():
        assert texts_of[row.doc_id][row.start:row.end] == row.text


def test_a_generator_is_read_once() -> None:
    docs = texts(12)
    df = irmetrics.extract_many(t for t in docs)
    pd.testing.assert_frame_equal(df, irmetrics.extract_many(docs))


def test_no_documents_gives_the_empty_frame_with_its_dtypes() -> None:
    df = irmetrics.extract_many([])
    assert tuple(df.columns) == PAGE_COLUMNS and len(df) == 0
    full = irmetrics.extract_many(texts(3))
    assert df.dtypes.equals(full.dtypes)
    assert str(df["page"].dtype) == "Int64"
    assert df.dtypes.drop("page").equals(irmetrics.extract("营收 5%").to_frame().dtypes)


@pytest.mark.parametrize("bad, words", [(42, "int"), ((1, "x"), "tuple"), (b"5%", "bytes"),
                                        (("a", "b", "c"), "tuple")])
def test_bad_item_is_a_type_error_naming_its_position(bad, words) -> None:
    with pytest.raises(TypeError, match=rf"docs\[1\].*{words}"):
        irmetrics.extract_many(["营收 5%", bad])


@pytest.mark.parametrize("kw, words", [
    (dict(jobs=0), "jobs"), (dict(jobs=1.5), "jobs"), (dict(jobs=True), "jobs"),
    (dict(date="yesterday"), "YYYY-MM-DD"), (dict(lang="fr"), "lang"),
    (dict(encoding="nope"), "encoding"),
])
def test_bad_options_are_input_errors(kw, words) -> None:
    with pytest.raises(irmetrics.InputError, match=words):
        irmetrics.extract_many(["营收 5%"], **kw)


# ---------------------------------------------------------------- failures

def test_failed_documents_are_skipped_warned_and_listed(tmp_path) -> None:
    good = write_encoded(tmp_path, "good.txt", SIMPLIFIED, "gb18030")
    locked = make_pdf(tmp_path / "locked.pdf", [PAGE_1], user_password="pw")
    scan = make_image_pdf(tmp_path / "scan.pdf")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    missing = tmp_path / "missing.txt"
    with pytest.warns(SkippedDocumentWarning) as record:
        df = irmetrics.extract_many([locked, good, scan, "营收增长 5%", blob, missing])
    failed = df.attrs["failed"]
    assert [f.source for f in failed] == [str(locked), str(scan), str(blob), str(missing)]
    assert all(isinstance(f, FailedDocument) for f in failed)
    assert ["encrypted" in failed[0].reason, "text layer" in failed[1].reason,
            "binary" in failed[2].reason, "no such file" in failed[3].reason] == [True] * 4
    messages = [str(w.message) for w in record]
    for f in failed:
        assert any(f.source in m and f.reason in m for m in messages)
    # nothing else is lost
    expected = by_document([("good.txt", SIMPLIFIED), ("3", "营收增长 5%")])
    pd.testing.assert_frame_equal(df, expected)


def test_extraction_error_skips_only_that_document(monkeypatch) -> None:
    real = irmetrics.Extractor.extract

    def failing(self, text, **kw):
        if "EPS" in text:
            raise irmetrics.IrmetricsError("rule scan took longer than 30.0s near offset 0")
        return real(self, text, **kw)
    monkeypatch.setattr(irmetrics.Extractor, "extract", failing)
    docs = texts(10)
    with pytest.warns(SkippedDocumentWarning, match="longer than"):
        df = irmetrics.extract_many(docs)
    bad = {str(i) for i, t in enumerate(docs) if "EPS" in t}
    assert bad and [f.source for f in df.attrs["failed"]] == sorted(bad, key=int)
    monkeypatch.undo()
    pd.testing.assert_frame_equal(
        df, by_document([(str(i), t) for i, t in enumerate(docs) if str(i) not in bad]))


# ---------------------------------------------------------------- pages

def test_pdf_rows_carry_the_page_each_sentence_was_written_on(tmp_path) -> None:
    pdf = make_pdf(tmp_path / "deck.pdf", [PAGE_1, PAGE_2])
    doc = irmetrics.read_document(pdf)
    df = irmetrics.extract_many([pdf, "营收 5%"])
    rows = df[df["doc_id"] == "deck.pdf"]
    assert len(rows) >= 6
    for row in rows.itertuples():
        assert doc.text[row.start:row.end] == row.text
        written_on = next(n for n, page in ((1, PAGE_1), (2, PAGE_2))
                          for s in page if doc.text.index(s) <= row.start < doc.text.index(s) + len(s))
        assert row.page == written_on
    assert set(rows["page"]) == {1, 2}
    assert df[df["doc_id"] == "1"]["page"].isna().all()


def test_docx_and_html_have_no_pages(tmp_path) -> None:
    df = irmetrics.extract_many([make_docx(tmp_path / "r.docx"), make_html(tmp_path / "p.html")])
    assert set(df["doc_id"]) == {"r.docx", "p.html"} and df["page"].isna().all()


# ---------------------------------------------------------------- processes

def test_two_processes_give_the_rows_of_one_in_order(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(corpus, "_BATCH_CHARS", 300)  # many small batches, finishing out of order
    pdf = make_pdf(tmp_path / "deck.pdf", [PAGE_1, PAGE_2])
    paged = irmetrics.read_document(pdf, doc_id="paged")  # a Document with pages travels too
    docs = [*texts(60), pdf, paged, write_encoded(tmp_path, "big5.txt", TRADITIONAL, "big5")]
    one = irmetrics.extract_many(docs, jobs=1)
    two = irmetrics.extract_many(iter(docs), jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(dict.fromkeys(two["doc_id"]))[-3:] == ["deck.pdf", "paged", "big5.txt"]
    assert set(two[two["doc_id"] == "paged"]["page"]) == {1, 2}


def test_failures_in_worker_processes_are_reported(tmp_path) -> None:
    scan = make_image_pdf(tmp_path / "scan.pdf")
    with pytest.warns(SkippedDocumentWarning, match="scan.pdf"):
        df = irmetrics.extract_many([*texts(5), scan], jobs=2)
    assert [f.source for f in df.attrs["failed"]] == [str(scan)]
    pd.testing.assert_frame_equal(df, irmetrics.extract_many(texts(5)))


def test_packs_by_name_in_worker_processes() -> None:
    docs = texts(8)
    df = irmetrics.extract_many(docs, packs=["finance"], jobs=2)
    expected = by_document([(str(i), t) for i, t in enumerate(docs)], packs=["finance"])
    pd.testing.assert_frame_equal(df, expected)
    assert set(df["metric"].dropna()) != set(irmetrics.extract_many(docs)["metric"].dropna())


def test_a_pack_made_in_memory_stays_in_one_process(tmp_path) -> None:
    pack = irmetrics.load_pack(Path(irmetrics.__file__).parent / "packs" / "finance.toml")
    in_memory = type(pack)(**{**{f: getattr(pack, f) for f in pack.__dataclass_fields__},
                              "path": None})
    docs = texts(4)
    with pytest.raises(irmetrics.InputError, match="jobs=1"):
        irmetrics.extract_many(docs, packs=[in_memory], jobs=2)
    df = irmetrics.extract_many(docs, packs=[in_memory])
    pd.testing.assert_frame_equal(df, irmetrics.extract_many(docs, packs=["finance"]))


# ---------------------------------------------------------------- progress

def test_progress_bar_shows_documents_facts_and_speed(capsys) -> None:
    docs = texts(20)
    df = irmetrics.extract_many(docs, progress=True)
    err = capsys.readouterr().err
    assert "20/20" in err and f"{len(df):,} facts" in err and "chars/s" in err


def test_no_progress_bar_by_default(capsys) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        irmetrics.extract_many(texts(5))
    assert capsys.readouterr().err == ""


def test_processes_leave_the_garbage_collector_as_they_found_it() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    irmetrics.extract_many(texts(6), jobs=2)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    keep = [[i] for i in range(100)]  # the caller's own frozen objects stay frozen
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        irmetrics.extract_many(texts(6), jobs=2)
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    assert keep
