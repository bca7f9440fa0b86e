"""The ``irmetrics`` command: extract facts from files, check rule packs.

::

    irmetrics extract PATH... [--date D] [--lang L] [--fiscal-year-end MM-DD]
                              [--format table|csv|jsonl|parquet] [-o OUT]
                              [--jobs N] [--progress|--no-progress] [--encoding ENC]
    irmetrics report PATH... [-o OUT.html] [--title T] [--full-text]
                             [--date D] [--lang L] [--fiscal-year-end MM-DD] [--encoding ENC]
    irmetrics check-pack PATH...

Exit status: 0 on success; 1 when ``extract`` or ``report`` skipped a file it could not
read or extract (every other file's facts are written, the skipped ones are
listed on standard error with the reason) or ``check-pack`` finds a
failing example; 2 for bad usage (a bad ``--date``, ``--jobs`` or
``--encoding``, an output that cannot be written, a pack that does not
load, ``parquet`` without ``pyarrow``).  Errors are one line on standard
error, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Sequence

from . import __version__
from .documents import SUFFIXES
from .factset import COLUMNS
from .table import display_width, render_table

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import FailedDocument

__all__ = ["main", "display_width", "render_table"]

PROG = "irmetrics"
FORMATS = ("table", "csv", "jsonl", "parquet")
STDIN = "-"


class CliError(Exception):
    """A user error: printed as one line, exit status ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- arguments

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Quantitative facts from Chinese and English investor-relations text.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ex = sub.add_parser(
        "extract", help="extract the facts of files and folders",
        description="Extract every fact of each file: plain text in any usual encoding "
                    "(detected), PDF, DOCX or HTML; folders are read recursively "
                    f"({', '.join(SUFFIXES)}); '-' reads standard input. The doc_id column "
                    "is the file name, or its path inside a folder given. Files that "
                    "cannot be read are listed at the end (exit status 1); the others' "
                    "facts are written as they are extracted.")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="files, folders, or - for standard input")
    _document_options(ex)
    ex.add_argument("--format", "-f", default="table", choices=FORMATS,
                    help="output format (default: table)")
    ex.add_argument("-o", "--output", metavar="OUT",
                    help="write to OUT instead of standard output")
    ex.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                    help="extract in N processes (default: 1)")
    ex.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="a progress bar on standard error (default: when it is a terminal)")
    ex.set_defaults(func=_cmd_extract)

    rp = sub.add_parser(
        "report", help="write one HTML file that shows the facts of files and folders",
        description="Extract the facts of each file (read as by 'extract') and write one "
                    "self-contained HTML page: each document with its facts highlighted, "
                    "charts of metrics over periods, and a fact table to filter, sort and "
                    "click. Files that cannot be read are listed in the page and on standard "
                    "error (exit status 1).")
    rp.add_argument("paths", nargs="+", metavar="PATH",
                    help="files, folders, or - for standard input")
    rp.add_argument("-o", "--output", metavar="OUT",
                    help="write the page to OUT (e.g. report.html) instead of standard output")
    rp.add_argument("--title", metavar="T", help="the page's title")
    rp.add_argument("--full-text", action="store_true",
                    help="show every document whole (default: a document over "
                         "50,000 characters is shown around its facts)")
    _document_options(rp)
    rp.set_defaults(func=_cmd_report)

    ck = sub.add_parser(
        "check-pack", help="run the examples of rule packs",
        description="Load each rule pack and check every rule's examples and counter-examples. "
                    "Exit 1 if an example fails, 2 if a pack does not load.")
    ck.add_argument("paths", nargs="+", metavar="PATH", help="rule pack TOML files")
    ck.set_defaults(func=_cmd_check_pack)
    return p


def _document_options(p: argparse.ArgumentParser) -> None:
    """The options of how documents are read and extracted, shared by extract and report."""
    p.add_argument("--date", metavar="D",
                   help="document date YYYY-MM-DD that relative time words resolve against "
                        "(default: the date the document states)")
    p.add_argument("--lang", metavar="L", help="zh or en (default: detect per file)")
    p.add_argument("--fiscal-year-end", metavar="MM-DD",
                   help="last day of the company's fiscal year, e.g. 05-31")
    p.add_argument("--encoding", metavar="ENC",
                   help="decode plain text and HTML with ENC, e.g. gb18030 or big5 "
                        "(default: detect per file)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    # A file the reader cannot read is reported once, as a skipped file with its
    # reason; pypdf's own warnings about it would only repeat that, mid-output.
    pdf_log = logging.getLogger("pypdf")
    level = pdf_log.level
    pdf_log.setLevel(logging.ERROR)
    try:
        return args.func(args)
    except CliError as e:
        _error(str(e))
        return e.code
    except BrokenPipeError:
        # `irmetrics extract x.txt | head`: the reader left; that is no error.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        pdf_log.setLevel(level)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# ---------------------------------------------------------------- extract

def expand_paths(paths: Sequence[str]) -> tuple[list[Any], list["FailedDocument"]]:
    """The documents that command-line paths name, and the paths that name none.

    A file is taken whatever its name; a folder gives every file below it
    whose suffix is one of ``SUFFIXES`` (hidden files and folders left
    out), in sorted order, with its path inside the folder as doc_id;
    ``-`` is standard input, read and decoded here.
    """
    from .corpus import FailedDocument, FileItem
    from .documents import Document, decode_text
    from .errors import DocumentError

    items: list[Any] = []
    failed: list[FailedDocument] = []
    for path in paths:
        if path == STDIN:
            data = sys.stdin.buffer.read()
            try:
                text, enc = decode_text(data, source="<stdin>") if data else ("", "utf-8")
            except DocumentError as e:
                failed.append(FailedDocument(e.path, e.reason))
                continue
            items.append(Document("<stdin>", text, "<stdin>", enc))
            continue
        p = Path(path)
        if not p.is_dir():
            items.append(FileItem(p, p.name))  # the worker reads it, or says why not
            continue
        found = sorted(f for f in p.rglob("*")
                       if f.suffix.lower() in SUFFIXES and f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not found:
            failed.append(FailedDocument(path, f"a folder without {', '.join(SUFFIXES)} files"))
        items.extend(FileItem(f, f.relative_to(p).as_posix()) for f in found)
    return items, failed


def _checked_options(args: argparse.Namespace, **more: object) -> dict[str, object]:
    """The reading options of ``extract`` and ``report``, each checked before anything is read."""
    from .corpus import iter_batches

    if args.paths.count(STDIN) > 1:
        raise CliError("'-' (standard input) can be given only once")
    options = dict(date=args.date, lang=args.lang, fiscal_year_end=args.fiscal_year_end)
    try:
        iter_batches([], **options, **more, encoding=args.encoding)
    except ValueError as e:
        raise CliError(str(e)) from None
    return options


def _skipped(failed: list, inputs: int, rest: str) -> int:
    """Lists the inputs that were skipped on standard error; the exit status."""
    for f in failed:
        print(f"{PROG}: skipped {f.source}: {f.reason}", file=sys.stderr)
    if not failed:
        return 0
    print(f"{PROG}: skipped {len(failed)} of {inputs} input{'s' if inputs != 1 else ''}; {rest}",
          file=sys.stderr)
    return 1


def _cmd_extract(args: argparse.Namespace) -> int:
    from .corpus import iter_batches

    if args.format == "parquet":
        _require_pyarrow()
        if args.output is None and sys.stdout.isatty():
            raise CliError("parquet is binary: give -o OUT.parquet")
    options = _checked_options(args, jobs=args.jobs)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    items, failed = expand_paths(args.paths)
    inputs = len(items) + len(failed)
    batches = iter_batches(items, **options, jobs=args.jobs, encoding=args.encoding,
                           progress=progress)
    with _Writer.open(args.format, args.output) as writer:
        for batch in batches:
            writer.write(batch.rows)
            failed.extend(batch.failures)
    return _skipped(failed, inputs, "the facts of the others are written")


def _cmd_report(args: argparse.Namespace) -> int:
    from .corpus import FailedDocument, FileItem
    from .documents import read_document
    from .errors import DocumentError, IrmetricsError
    from .extractor import default_extractor
    from .report import report_html

    options = _checked_options(args)
    items, failed = expand_paths(args.paths)
    inputs = len(items) + len(failed)
    # One process: the page needs each document's text, which extract_many
    # does not keep, and a report is read by a person, so it is dozens of
    # documents, which one process extracts in a moment.
    extractor = default_extractor()
    factsets = []
    for item in items:
        try:
            doc = (read_document(item.path, encoding=args.encoding, doc_id=item.doc_id)
                   if isinstance(item, FileItem) else item)
        except DocumentError as e:
            failed.append(FailedDocument(e.path, e.reason))
            continue
        try:
            factsets.append(extractor.extract(doc.text, doc_id=doc.doc_id, **options))
        except IrmetricsError as e:
            failed.append(FailedDocument(doc.source or doc.doc_id, str(e)))
    page = report_html(factsets, title=args.title, full_text=args.full_text, skipped=failed)
    if args.output is None:
        _stdout().write(page)
    else:
        try:
            Path(args.output).write_text(page, encoding="utf-8")
        except OSError as e:
            raise CliError(f"{args.output}: cannot write: {e.strerror or e}") from None
    return _skipped(failed, inputs, "the report shows the others")


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise CliError("--format parquet needs pyarrow, which is not installed; "
                       "install it with: pip install 'irmetrics[parquet]'") from None


class _Writer:
    """Writes the rows of each batch as it comes (the table waits for all: it needs widths)."""

    def __init__(self, fmt: str, output: str | None) -> None:
        from .factset import FactRows

        self.fmt, self.output = fmt, output
        self.where = output or "stdout"
        self.fh: Any = None
        self.parquet: Any = None
        self.schema: Any = None
        self.table = FactRows() if fmt == "table" else None

    @classmethod
    def open(cls, fmt: str, output: str | None) -> "_Writer":
        w = cls(fmt, output)
        try:
            if fmt == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                from .corpus import empty_frame
                w.schema = pa.Schema.from_pandas(empty_frame(), preserve_index=False)
                sink = output if output is not None else sys.stdout.buffer
                if output is None:
                    sys.stdout.flush()
                w.parquet = pq.ParquetWriter(sink, w.schema)
            elif output is not None:
                w.fh = open(output, "w", encoding="utf-8", newline="")
            else:
                w.fh = _stdout()
            if fmt == "csv":
                from .corpus import empty_frame
                w._put(empty_frame().to_csv(index=False))
        except OSError as e:
            raise CliError(f"{w.where}: cannot write: {e.strerror or e}") from None
        return w

    def __enter__(self) -> "_Writer":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        try:
            if exc_type is None and self.table is not None:
                self._put(_render_rows(self.table))
            if self.parquet is not None:
                self.parquet.close()
            if self.fh is not None:
                self.fh.flush()
                if self.output is not None:
                    self.fh.close()
        except BrokenPipeError:
            if exc_type is None:
                raise
        except OSError as e:
            if exc_type is None:
                raise CliError(f"{self.where}: cannot write: {e.strerror or e}") from None

    def write(self, rows: Any) -> None:
        if not len(rows):
            return
        if self.table is not None:
            self.table.extend(rows)
            return
        df = rows.to_frame(page=True)
        try:
            if self.parquet is not None:
                import pyarrow as pa
                self.parquet.write_table(pa.Table.from_pandas(df, schema=self.schema,
                                                              preserve_index=False))
            elif self.fmt == "csv":
                self._put(df.to_csv(index=False, header=False, date_format="%Y-%m-%d"))
            else:
                self._put(_jsonl(df))
        except BrokenPipeError:
            raise
        except OSError as e:
            raise CliError(f"{self.where}: cannot write: {e.strerror or e}") from None

    def _put(self, text: str) -> None:
        self.fh.write(text)
        self.fh.flush()  # rows reach the reader as they are made


def _stdout() -> IO[str]:
    out: IO[str] = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if encoding not in ("utf8", "utf8sig") and hasattr(out, "reconfigure"):
        # A terminal that cannot show Chinese still gets every fact, escaped.
        out.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    return out


def _render_rows(rows: Any) -> str:
    """The table of rows from several documents, grouped back into FactSets."""
    from .factset import FactSet
    from .model import Fact

    fields = COLUMNS[1:]  # the order of FactRows' row tuples
    factsets: list[FactSet] = []
    current: list[Fact] = []
    doc: Any = object()
    for doc_id, row in zip(rows.doc_ids, rows.rows):
        if doc_id != doc and current:
            factsets.append(FactSet(current, doc_id=doc))
            current = []
        doc = doc_id
        current.append(Fact(**dict(zip(fields, row))))
    if current:
        factsets.append(FactSet(current, doc_id=doc))
    return render_table(factsets, show_doc=len(factsets) > 1)


# ---------------------------------------------------------------- jsonl

def _json_value(x: Any) -> Any:
    import pandas as pd

    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, pd.Timestamp):
        return x.date().isoformat()
    if isinstance(x, float):
        if math.isnan(x):
            return None
        return int(x) if x.is_integer() and abs(x) < 2 ** 53 else x
    if hasattr(x, "item"):  # numpy scalars
        return _json_value(x.item())
    return x


def _jsonl(df: "pd.DataFrame") -> str:
    """One JSON object per row, keys in column order; missing values are null,
    dates ``YYYY-MM-DD``, whole numbers written without a decimal point."""
    cols = list(df.columns)
    lines = []
    for row in df.itertuples(index=False, name=None):
        rec = {c: _json_value(v) for c, v in zip(cols, row)}
        lines.append(json.dumps(rec, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------- check-pack

def _describe_failure(failure: Any) -> str:
    """One readable line for a CheckFailure, whatever its exact fields."""
    if type(failure).__str__ not in (object.__str__, BaseException.__str__):
        return str(failure)  # the class knows how to say it

    def get(*names: str) -> Any:
        for n in names:
            v = getattr(failure, n, None)
            if v not in (None, ""):
                return v
        return None

    rule = get("rule_id", "rule")
    rule = getattr(rule, "id", rule)
    text = get("text", "example", "example_text")
    what = get("message", "detail", "diff", "differs", "reason", "problem", "what")
    if what is None and dataclasses.is_dataclass(failure):
        skip = {"rule_id", "rule", "path", "pack", "pack_path", "text", "example", "example_text"}
        what = ", ".join(f"{f.name}={getattr(failure, f.name)!r}"
                         for f in dataclasses.fields(failure) if f.name not in skip)
    head = f"rule {rule}" if rule else "pack"
    body = f"example {text!r}: {what}" if text is not None else str(what)
    return f"{head}: {body}"


def _cmd_check_pack(args: argparse.Namespace) -> int:
    from .errors import PackError
    from .rules import load_pack

    status = 0
    check_pack = None
    for path in args.paths:
        try:
            pack = load_pack(path)
        except PackError as e:
            _error(str(e))
            status = 2
            continue
        if check_pack is None:
            try:  # imported late: extract works even where check.py is absent
                from .check import check_pack
            except ImportError as e:
                raise CliError(f"check-pack is unavailable in this installation ({e})") from None
        failures = list(check_pack(pack))
        n_examples = sum(len(r.examples) + len(r.counter_examples) for r in pack.rules)
        if failures:
            for f in failures:
                print(f"{path}: FAIL {_describe_failure(f)}")
            print(f"{path}: {len(failures)} of {n_examples} examples failed "
                  f"({len(pack.rules)} rules)")
            status = max(status, 1)
        else:
            print(f"{path}: ok, {len(pack.rules)} rules, {n_examples} examples")
    sys.stdout.flush()
    return status
