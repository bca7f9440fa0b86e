"""The ``irmetrics`` command line: every format, -o, errors and exit statuses."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

import irmetrics
from irmetrics import PAGE_COLUMNS
from irmetrics.cli import display_width, main, render_table

ZH = "今年前三季度，公司实现营业收入 18.6 亿元，同比增长 23.5%；服务 300 多家企业客户。\n"
EN = "Revenue rose 5% to $1.2 billion, and we took delivery of 14 new aircraft.\n"
EXAMPLE = Path(irmetrics.__file__).parent / "examples" / "ir_record_zh.txt"


@pytest.fixture()
def docs(tmp_path: Path) -> tuple[Path, Path]:
    zh = tmp_path / "record_zh.txt"
    en = tmp_path / "call_en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return zh, en


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _module(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "irmetrics", *args], input=stdin,
                          capture_output=True, env=env, timeout=120)


# ---------------------------------------------------------------- formats

def test_table_is_the_default(docs, capsys) -> None:
    zh, _ = docs
    code, out, err = run(["extract", str(zh)], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["start", "end", "text", "kind"]
    assert "18.6 亿元" in out and "300 多家" in out and "23.5%" in out
    assert lines[-1].endswith("facts")


def test_table_columns_align_with_wide_characters(docs, capsys) -> None:
    zh, en = docs
    code, out, _ = run(["extract", str(zh), str(en)], capsys)
    assert code == 0
    rows = [line for line in out.splitlines()[2:-1]]
    assert {r.split()[0] for r in rows} == {"record_zh.txt", "call_en.txt"}

    def column_of(line: str, word: str) -> int:
        return display_width(line[:line.index(word)])

    kinds = ("percent", "money", "count", "period", "date", "number")
    starts = {column_of(r, next(k for k in kinds if f"  {k} " in r or r.endswith(k)))
              for r in rows}
    assert len(starts) == 1, out
    header_kind = column_of(out.splitlines()[0], "kind")
    assert starts == {header_kind}


def test_table_names_the_document_count(docs, capsys) -> None:
    code, out, _ = run(["extract", *map(str, docs)], capsys)
    assert out.splitlines()[-1].endswith("in 2 documents")


def test_table_for_no_facts(tmp_path, capsys) -> None:
    p = tmp_path / "none.txt"
    p.write_text("本次活动不涉及未公开披露的重大信息。\n", encoding="utf-8")
    code, out, _ = run(["extract", str(p)], capsys)
    assert (code, out) == (0, "no facts\n")


def test_render_table_cuts_long_cells() -> None:
    text = "订单" * 40 + " 5%"
    fs = irmetrics.extract(text)
    out = render_table([fs], show_doc=False)
    assert all(display_width(line) < 200 for line in out.splitlines())


def test_csv(docs, capsys) -> None:
    zh, en = docs
    code, out, _ = run(["extract", str(zh), str(en), "--format", "csv"], capsys)
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert tuple(df.columns) == PAGE_COLUMNS
    n_zh, n_en = len(irmetrics.extract(ZH)), len(irmetrics.extract(EN))
    assert list(df["doc_id"]) == ["record_zh.txt"] * n_zh + ["call_en.txt"] * n_en
    row = df[df["text"] == "18.6 亿元"].iloc[0]
    assert (row["kind"], row["value"], row["unit"]) == ("money", 1.86e9, "CNY")


def test_jsonl(docs, capsys) -> None:
    zh, _ = docs
    code, out, _ = run(["extract", str(zh), "-f", "jsonl"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(irmetrics.extract(ZH))
    for r in records:
        assert tuple(r) == PAGE_COLUMNS
        assert ZH[r["start"]:r["end"]] == r["text"]
    money = next(r for r in records if r["text"] == "18.6 亿元")
    assert money["value"] == 1_860_000_000 and money["unit"] == "CNY"
    count = next(r for r in records if r["text"] == "300 多家")
    assert count["high"] is None and count["unit"] is None and count["qualifier"] == ">"
    assert all(r["page"] is None for r in records)  # plain text has no pages


def test_jsonl_dates_are_iso(tmp_path, capsys, monkeypatch) -> None:
    from datetime import date

    from irmetrics import Fact, FactSet

    def fake_extract(self, text, **kw):
        if not text:
            return FactSet()
        return FactSet([Fact(kind="period", start=0, end=2, text=text[:2],
                             period_start=date(2024, 1, 1), period_end=date(2024, 9, 30))],
                       doc_id=kw.get("doc_id"))
    p = tmp_path / "t.txt"
    p.write_text("今年前三季度", encoding="utf-8")
    monkeypatch.setattr(irmetrics.Extractor, "extract", fake_extract)
    code, out, _ = run(["extract", str(p), "-f", "jsonl"], capsys)
    assert code == 0
    rec = json.loads(out)
    assert (rec["period_start"], rec["period_end"]) == ("2024-01-01", "2024-09-30")


def test_options_reach_extract(tmp_path, capsys, monkeypatch) -> None:
    seen = []
    real = irmetrics.Extractor.extract

    def spy(self, text, **kw):
        seen.append(kw)
        return real(self, text, **kw)
    monkeypatch.setattr(irmetrics.Extractor, "extract", spy)
    p = tmp_path / "x.txt"
    p.write_text(EN, encoding="utf-8")
    code, _, _ = run(["extract", str(p), "--date", "2024-10-28", "--lang", "en",
                      "--fiscal-year-end", "05-31"], capsys)
    assert code == 0
    assert seen[-1] == dict(date="2024-10-28", lang="en", fiscal_year_end="05-31", doc_id="x.txt")


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_output_file(docs, tmp_path, capsys, fmt) -> None:
    zh, _ = docs
    out_path = tmp_path / f"facts.{fmt}"
    code, out, err = run(["extract", str(zh), "-f", fmt, "-o", str(out_path)], capsys)
    assert (code, out, err) == (0, "", "")
    text = out_path.read_text(encoding="utf-8")
    assert "18.6 亿元" in text


def test_parquet(docs, tmp_path, capsys) -> None:
    pytest.importorskip("pyarrow")
    out_path = tmp_path / "facts.parquet"
    code, out, _ = run(["extract", *map(str, docs), "--format", "parquet", "-o", str(out_path)],
                       capsys)
    assert (code, out) == (0, "")
    df = pd.read_parquet(out_path)
    assert tuple(df.columns) == PAGE_COLUMNS
    assert len(df) == len(irmetrics.extract(ZH)) + len(irmetrics.extract(EN))
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert str(df["start"].dtype) == "Int64"


def test_parquet_to_a_pipe() -> None:
    pytest.importorskip("pyarrow")
    r = _module("extract", str(EXAMPLE), "-f", "parquet")
    assert r.returncode == 0, r.stderr
    assert r.stdout[:4] == b"PAR1"
    assert len(pd.read_parquet(io.BytesIO(r.stdout))) > 30


def test_parquet_without_pyarrow(docs, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    code, out, err = run(["extract", str(docs[0]), "-f", "parquet", "-o", str(tmp_path / "x.parquet")],
                         capsys)
    assert code == 2 and out == ""
    assert "pyarrow" in err and "irmetrics[parquet]" in err
    assert not (tmp_path / "x.parquet").exists()


# ---------------------------------------------------------------- errors

def test_gbk_file_gives_the_facts_of_its_utf8_twin(docs, tmp_path, capsys) -> None:
    """Encodings are detected now: a GBK record is read, not refused."""
    zh, _ = docs
    gbk = tmp_path / "record_gbk.txt"
    gbk.write_bytes(ZH.encode("gbk"))
    code, out, err = run(["extract", str(zh), str(gbk), "-f", "jsonl"], capsys)
    assert (code, err) == (0, "")
    recs = [json.loads(line) for line in out.splitlines()]
    by_doc = {d: [(r["start"], r["end"], r["text"], r["value"]) for r in recs if r["doc_id"] == d]
              for d in ("record_zh.txt", "record_gbk.txt")}
    assert by_doc["record_gbk.txt"] == by_doc["record_zh.txt"] != []


def test_forced_encoding_names_file_and_byte(tmp_path, capsys) -> None:
    p = tmp_path / "gbk.txt"
    good = "营收增长 5%，".encode("utf-8")
    p.write_bytes(good + "净利润".encode("gbk"))
    code, out, err = run(["extract", str(p), "--encoding", "utf-8", "-f", "csv"], capsys)
    assert code == 1
    assert out.splitlines() == [",".join(PAGE_COLUMNS)]  # the header, no rows
    assert str(p) in err and f"byte {len(good)}" in err and "utf-8" in err
    assert "Traceback" not in err


def test_forced_encoding_in_a_subprocess_has_no_traceback(tmp_path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"Revenue of \xa3300 million")
    r = _module("extract", str(p), "--encoding", "utf-8")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert "latin1.txt" in err and "byte 11" in err and "Traceback" not in err
    assert r.stdout.decode() == "no facts\n"


def test_detected_latin1_is_read(tmp_path, capsys) -> None:
    p = tmp_path / "latin1.txt"
    # A detector needs a few non-ASCII characters to tell cp1252 from its neighbours.
    p.write_bytes("Revenue of £300 million rose 5% this year, and the dividend of £0.12 per "
                  "share was paid – a “record” for the group.\n".encode("cp1252"))
    code, out, err = run(["extract", str(p), "-f", "jsonl"], capsys)
    assert (code, err) == (0, "")
    recs = [json.loads(line) for line in out.splitlines()]
    text = irmetrics.read_document(p).text
    assert text.startswith("Revenue of £300 million")  # cp1252, detected
    assert "5%" in [r["text"] for r in recs]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in recs)


def test_a_bad_file_is_skipped_and_the_good_ones_written(docs, tmp_path, capsys) -> None:
    zh, en = docs
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)  # binary data named .txt
    code, out, err = run(["extract", str(zh), str(bad), str(en), "-f", "jsonl"], capsys)
    assert code == 1
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["doc_id"] for r in recs] == (["record_zh.txt"] * len(irmetrics.extract(ZH))
                                           + ["call_en.txt"] * len(irmetrics.extract(EN)))
    assert "bad.txt" in err and "binary" in err and "skipped 1 of 3 inputs" in err


def test_missing_file_is_skipped(docs, tmp_path, capsys) -> None:
    code, out, err = run(["extract", str(tmp_path / "nope.txt"), str(docs[0]), "-f", "csv"], capsys)
    assert code == 1
    df = pd.read_csv(io.StringIO(out))
    assert set(df["doc_id"]) == {"record_zh.txt"}
    assert "nope.txt" in err and "no such file" in err


def test_extraction_error_names_the_file(docs, capsys, monkeypatch) -> None:
    real = irmetrics.Extractor.extract

    def failing(self, text, **kw):
        if "aircraft" in text:
            raise irmetrics.IrmetricsError("rule scan took longer than 30.0s near offset 0")
        return real(self, text, **kw)
    monkeypatch.setattr(irmetrics.Extractor, "extract", failing)
    code, out, err = run(["extract", str(docs[0]), str(docs[1]), "-f", "jsonl"], capsys)
    assert code == 1
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"record_zh.txt"}
    assert "call_en.txt" in err and "longer than" in err and "Traceback" not in err


def test_folder_is_read_recursively(tmp_path, capsys) -> None:
    root = tmp_path / "reports"
    (root / "2024" / "q3").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(ZH, encoding="utf-8")
    (root / "2024" / "q3" / "call.md").write_text(EN, encoding="utf-8")
    (root / "2024" / "notes.csv").write_text("revenue,5%\n", encoding="utf-8")  # not a document
    (root / ".git" / "x.txt").write_text(EN, encoding="utf-8")  # hidden
    code, out, err = run(["extract", str(root), "-f", "csv"], capsys)
    assert (code, err) == (0, "")
    df = pd.read_csv(io.StringIO(out))
    assert list(dict.fromkeys(df["doc_id"])) == ["2024/q3/call.md", "a.txt"]
    assert len(df) == len(irmetrics.extract(ZH)) + len(irmetrics.extract(EN))


def test_empty_folder_is_named(tmp_path, docs, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(["extract", str(empty), str(docs[0]), "-f", "jsonl"], capsys)
    assert code == 1 and "empty" in err and ".pdf" in err
    assert len(out.splitlines()) == len(irmetrics.extract(ZH))


@pytest.mark.parametrize("args, words", [
    (["--date", "2024-13-01"], ["date", "YYYY-MM-DD", "2024-13-01"]),
    (["--date", "yesterday"], ["date", "YYYY-MM-DD"]),
    (["--lang", "fr"], ["lang", "'zh', 'en'", "'fr'"]),
    (["--fiscal-year-end", "13-45"], ["fiscal_year_end", "MM-DD"]),
    (["--jobs", "0"], ["jobs", ">= 1", "0"]),
    (["--encoding", "klingon"], ["encoding", "gb18030", "'klingon'"]),
])
def test_bad_options(docs, capsys, args, words) -> None:
    code, out, err = run(["extract", str(docs[0]), *args], capsys)
    assert code == 2 and out == ""
    assert err.startswith("irmetrics: error: ")
    for w in words:
        assert w in err


@pytest.mark.parametrize("argv", [[], ["extract"], ["extract", "x.txt", "--format", "xml"],
                                  ["frobnicate"]])
def test_usage_errors_exit_2(argv, capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert irmetrics.__version__ in capsys.readouterr().out


def test_unwritable_output(docs, tmp_path, capsys) -> None:
    code, _, err = run(["extract", str(docs[0]), "-f", "csv", "-o", str(tmp_path / "no" / "x.csv")],
                       capsys)
    assert code == 2 and "cannot write" in err


# ---------------------------------------------------------------- entry points

def test_python_dash_m_and_stdin() -> None:
    r = _module("extract", "-", "-f", "jsonl", stdin=ZH.encode("utf-8"))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert recs and all(x["doc_id"] == "<stdin>" for x in recs)


def test_bundled_example_is_dense() -> None:
    """The `make demo` record shows every kind of value the library reads."""
    r = _module("extract", str(EXAMPLE), "-f", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert len(recs) >= 50
    kinds = {x["kind"] for x in recs}
    assert {"percent", "ratio", "count", "money", "quantity", "duration"} <= kinds
    units = {x["unit"] for x in recs}
    # (未来 18 个月内 is a period next to the record's date, no longer a length in months)
    assert {"percent", "percentage_point", "CNY", "USD/tonne", "tonne", "MW", "PFLOPS",
            "year"} <= units
    assert any(x["kind"] == "period" and x["text"] == "未来 18 个月内" for x in recs)
    assert {">", ">=", "<", "~"} <= {x["qualifier"] for x in recs}
    assert any(x["value"] is not None and x["value"] < 0 for x in recs)  # 同比下降


def test_console_script() -> None:
    exe = shutil.which("irmetrics", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the irmetrics script is not installed next to this interpreter")
    r = subprocess.run([exe, "extract", str(EXAMPLE)], capture_output=True, timeout=120,
                       env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert r.returncode == 0, r.stderr
    assert "facts" in r.stdout.decode("utf-8").splitlines()[-1]


# ---------------------------------------------------------------- check-pack

BAD_TOML = '[pack]\nname = "demo"\ntype = "values"\n\n[[rule]]\nid = "demo.widgets"\nkind = "count"\n' \
           "pattern = '(?P<n1>[0-9]+'\n"

GOOD_PACK = '''[pack]
name = "demo"
type = "values"

[[rule]]
id = "demo.widgets"
kind = "count"
pattern = '(?P<n1>[0-9]+)\\s*widgets'
examples = [{ text = "we sold 12 widgets", match = "12 widgets", value = 12 }]
'''


@dataclasses.dataclass(frozen=True)
class _Failure:
    path: str
    rule: str
    text: str
    message: str


def _fake_check(failures: list) -> types.ModuleType:
    mod = types.ModuleType("irmetrics.check")
    mod.check_pack = lambda pack: list(failures)  # type: ignore[attr-defined]
    return mod


def _pack(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_check_pack_that_does_not_load(tmp_path, capsys) -> None:
    p = _pack(tmp_path, BAD_TOML)
    code, _, err = run(["check-pack", str(p)], capsys)
    assert code == 2
    assert "demo.toml" in err and "demo.widgets" in err and "bad regex" in err


def test_check_pack_reports_failures_by_rule(tmp_path, capsys, monkeypatch) -> None:
    p = _pack(tmp_path, GOOD_PACK)
    fail = _Failure(str(p), "demo.widgets", "we sold 12 widgets", "value: expected 13, got 12")
    monkeypatch.setitem(sys.modules, "irmetrics.check", _fake_check([fail]))
    code, out, _ = run(["check-pack", str(p)], capsys)
    assert code == 1
    assert "demo.widgets" in out and "expected 13, got 12" in out and "we sold 12 widgets" in out


def test_check_pack_passes(tmp_path, capsys, monkeypatch) -> None:
    p = _pack(tmp_path, GOOD_PACK)
    monkeypatch.setitem(sys.modules, "irmetrics.check", _fake_check([]))
    code, out, _ = run(["check-pack", str(p)], capsys)
    assert code == 0 and "ok" in out


def test_check_pack_load_error_wins_over_failures(tmp_path, capsys, monkeypatch) -> None:
    good = _pack(tmp_path, GOOD_PACK)
    bad = _pack(tmp_path, BAD_TOML, "bad.toml")
    fail = _Failure(str(good), "demo.widgets", "we sold 12 widgets", "wrong")
    monkeypatch.setitem(sys.modules, "irmetrics.check", _fake_check([fail]))
    code, out, err = run(["check-pack", str(good), str(bad)], capsys)
    assert code == 2 and "demo.widgets" in out and "bad.toml" in err


def test_check_pack_without_check_module(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "irmetrics.check", None)
    code, _, err = run(["check-pack", str(_pack(tmp_path, GOOD_PACK))], capsys)
    assert code == 2 and "check-pack" in err


def test_check_pack_missing_file(tmp_path, capsys) -> None:
    code, _, err = run(["check-pack", str(tmp_path / "none.toml")], capsys)
    assert code == 2 and "none.toml" in err


def test_check_pack_on_builtin_packs(capsys) -> None:
    pytest.importorskip("irmetrics.check")
    packs = sorted(str(p) for p in (Path(irmetrics.__file__).parent / "packs").glob("*.toml")
                   if p.name != "common.toml")
    code, out, _ = run(["check-pack", *packs], capsys)
    assert code == 0, out


def test_check_pack_with_a_wrong_example(tmp_path, capsys) -> None:
    pytest.importorskip("irmetrics.check")
    p = _pack(tmp_path, GOOD_PACK.replace("value = 12", "value = 13"))
    code, out, _ = run(["check-pack", str(p)], capsys)
    assert code == 1 and "demo.widgets" in out


# ---------------------------------------------------------------- corpora

@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_rows_are_written_as_documents_are_done(tmp_path, capsys, monkeypatch, fmt) -> None:
    from irmetrics import corpus

    monkeypatch.setattr(corpus, "_BATCH_CHARS", 1)  # one document a batch
    paths = []
    for i in range(4):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(ZH if i % 2 else EN, encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / f"facts.{fmt}"
    sizes = []
    real = irmetrics.Extractor.extract

    def spy(self, text, **kw):
        if text:
            sizes.append(out.stat().st_size if out.exists() else 0)
        return real(self, text, **kw)
    monkeypatch.setattr(irmetrics.Extractor, "extract", spy)
    code, _, err = run(["extract", *paths, "-f", fmt, "-o", str(out)], capsys)
    assert (code, err) == (0, "")
    # before each document, the rows of the ones before it are already in the file
    assert len(sizes) == 4 and sizes[1] < sizes[2] < sizes[3] < out.stat().st_size
    if fmt == "parquet":
        df = pd.read_parquet(out)
        assert tuple(df.columns) == PAGE_COLUMNS
        assert list(dict.fromkeys(df["doc_id"])) == [f"doc{i}.txt" for i in range(4)]


def test_folder_with_every_kind_of_file(tmp_path, capsys) -> None:
    from corpus_files import PAGE_1, PAGE_2, make_docx, make_html, make_image_pdf, make_pdf

    root = tmp_path / "corpus"
    (root / "pdf").mkdir(parents=True)
    make_pdf(root / "pdf" / "deck.pdf", [PAGE_1, PAGE_2])
    make_pdf(root / "pdf" / "locked.pdf", [PAGE_1], user_password="pw")
    make_image_pdf(root / "pdf" / "scan.pdf")
    make_docx(root / "record.docx")
    make_html(root / "page.htm", "gb2312")
    (root / "gbk.txt").write_bytes(ZH.encode("gbk"))
    (root / "blob.md").write_bytes(b"\x00\xff" * 64)
    code, out, err = run(["extract", str(root), "-f", "jsonl", "--jobs", "2"], capsys)
    assert code == 1
    recs = [json.loads(line) for line in out.splitlines()]
    assert list(dict.fromkeys(r["doc_id"] for r in recs)) == [
        "gbk.txt", "page.htm", "pdf/deck.pdf", "record.docx"]
    for r in recs:
        text = irmetrics.read_document(root / r["doc_id"]).text
        assert text[r["start"]:r["end"]] == r["text"]
        assert (r["page"] is not None) == r["doc_id"].endswith(".pdf")
    skipped = [line for line in err.splitlines() if "skipped" in line]
    assert len(skipped) == 4  # three files and the summary
    for name, why in (("locked.pdf", "encrypted"), ("scan.pdf", "text layer"), ("blob.md", "binary")):
        assert any(name in line and why in line for line in skipped), err
    assert "skipped 3 of 7 inputs" in err


def test_progress_bar_when_forced(docs, capsys) -> None:
    code, _, err = run(["extract", *map(str, docs), "-f", "csv", "--progress"], capsys)
    assert code == 0 and "2/2" in err and "facts" in err and "chars/s" in err
    code, _, err = run(["extract", *map(str, docs), "-f", "csv", "--no-progress"], capsys)
    assert code == 0 and err == ""


def test_stdin_in_gbk(tmp_path) -> None:
    r = _module("extract", "-", "-f", "jsonl", stdin=ZH.encode("gbk"))
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert [x["text"] for x in recs] == [f.text for f in irmetrics.extract(ZH)]


def test_progress_bar_by_default_only_on_a_terminal() -> None:
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    # a terminal 24 lines by 100 columns, as a real one says it is
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        r = subprocess.run([sys.executable, "-m", "irmetrics", "extract", str(EXAMPLE), "-f", "csv"],
                           stdout=subprocess.PIPE, stderr=slave, timeout=120,
                           env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert r.returncode == 0 and r.stdout.count(b"\n") > 30
    assert b"1/1" in seen and b"facts" in seen and b"chars/s" in seen
    piped = _module("extract", str(EXAMPLE), "-f", "csv")  # standard error is a pipe here
    assert piped.returncode == 0 and piped.stderr == b""


def test_a_broken_pdf_is_reported_once_without_the_readers_own_warnings(tmp_path) -> None:
    # pypdf logs warnings of its own about a damaged file (a bad header, no EOF
    # marker); the command reports the file once, in its own words.
    (tmp_path / "call.txt").write_text("Revenue rose 7% to $3.1 billion.", encoding="utf-8")
    (tmp_path / "damaged.pdf").write_bytes(b"%PDX-1.4 this is no pdf at all" * 40)
    r = _module("extract", str(tmp_path), "-f", "csv")
    assert r.returncode == 1
    assert "$3.1 billion" in r.stdout.decode("utf-8")
    lines = r.stderr.decode("utf-8").splitlines()
    assert lines and all(line.startswith("irmetrics: ") for line in lines), lines
    assert sum("damaged.pdf" in line for line in lines) == 1
