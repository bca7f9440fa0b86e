"""Many documents at once: one DataFrame for a corpus, in document order, in one or more processes.

:func:`extract_many` is the notebook entry point; :func:`iter_batches` is
the same pipeline a batch of documents at a time, which the command line
uses to write rows as they arrive.

Documents travel in batches of about 32,000 characters: a worker process
returns one :class:`FactRows` per batch, plain tuples that pickle quickly,
so the parent process spends little of the machine's time on sending and
receiving and the workers keep every core busy.
"""

from __future__ import annotations

import gc
import os
import sys
import time
import warnings
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Union

from .documents import Document, read_document
from .errors import DocumentError, InputError, IrmetricsError, SkippedDocumentWarning
from .extractor import Extractor, default_extractor
from .factset import FactRows
from .rules import RulePack

if TYPE_CHECKING:
    import pandas as pd

    from .extractor import PackSpec

__all__ = ["extract_many", "iter_batches", "Batch", "FailedDocument", "FileItem", "DocInput",
           "empty_frame"]

DocInput = Union[Document, Path, tuple[str, str], str]


class FileItem(NamedTuple):
    """A file to read in the worker under a doc_id of its own (the CLI's files in folders)."""

    path: Path
    doc_id: str


# A batch sent to a worker holds about this many characters (or bytes of
# files): large enough that sending it costs little next to extracting it,
# small enough that both processes stay busy to the end of the corpus.
_BATCH_CHARS = 32_000
# and at most this many documents, so a batch of tiny texts still shows on a progress bar
_BATCH_DOCS = 512
# Batches in flight per process: bounds memory when results are written as
# they arrive, while a process never waits for its next batch.
_IN_FLIGHT = 3


class FailedDocument(NamedTuple):
    """A document that was skipped: where it came from (its path, else its doc_id) and why."""

    source: str
    reason: str


@dataclass(slots=True)
class Batch:
    """What a run of consecutive documents gave: their rows, in document order.

    Attributes:
        rows: the facts of every document of the batch that did not fail.
        docs: how many documents the batch held, failed ones included.
        chars: the characters of text they had (0 for a file not read).
        failures: the documents that were skipped, and why.
    """

    rows: FactRows
    docs: int
    chars: int
    failures: list[FailedDocument]


@dataclass(frozen=True, slots=True)
class _Options:
    date: object
    lang: str | None
    fiscal_year_end: str | None
    encoding: str | None
    packs: tuple | None  # a picklable key: see _packs_key


def extract_many(docs: Iterable[DocInput], *, date: object = None, lang: str | None = None,
                 fiscal_year_end: str | None = None, packs: Iterable["PackSpec"] | None = None,
                 jobs: int = 1, progress: bool = False,
                 encoding: str | None = None) -> "pd.DataFrame":
    """The facts of many documents as one DataFrame, rows in document order.

    The columns are :data:`irmetrics.PAGE_COLUMNS`: those of
    ``FactSet.to_frame()``, then ``page`` (``Int64``), the 1-based page of
    the fact's start, ``<NA>`` where the source has no pages.  The frame is
    built once for the whole corpus.

    Documents that cannot be read or extracted are skipped: each is named
    in a :class:`~irmetrics.SkippedDocumentWarning`, and
    ``df.attrs["failed"]`` lists them as :class:`FailedDocument` (source,
    reason) tuples (an empty list when none failed).

    Args:
        docs: ``Document`` objects, ``pathlib.Path`` files (read with
            :func:`irmetrics.read_document`, in the worker process),
            ``(doc_id, text)`` pairs, or plain ``str`` texts (their doc_id is
            their position, ``"0"``, ``"1"``, ...); any iterable, read once.
        date, lang, fiscal_year_end: as for :func:`irmetrics.extract`, for
            every document.
        packs: as for :func:`irmetrics.extract`; compiled once per process.
        jobs: the number of processes; 1 extracts in this one.  Rows come
            in the order of ``docs`` whichever process finishes first.
        progress: show a tqdm progress bar on standard error (documents,
            facts, characters per second).
        encoding: the codec that ``Path`` items in plain text or HTML are
            decoded with; None detects it.

    Raises:
        TypeError: an item of ``docs`` is none of the accepted types.
        InputError: a bad ``date``, ``lang``, ``fiscal_year_end``,
            ``encoding`` or ``jobs``, or in-memory packs with ``jobs > 1``.
        PackError: a pack that does not load.
    """
    rows = FactRows()
    failed: list[FailedDocument] = []
    for batch in iter_batches(docs, date=date, lang=lang, fiscal_year_end=fiscal_year_end,
                              packs=packs, jobs=jobs, progress=progress, encoding=encoding):
        rows.extend(batch.rows)
        failed.extend(batch.failures)
    for f in failed:
        warnings.warn(f"extract_many skipped {f.source}: {f.reason}", SkippedDocumentWarning,
                      stacklevel=2)
    df = rows.to_frame(page=True)
    df.attrs["failed"] = failed
    return df


def empty_frame() -> "pd.DataFrame":
    """A frame with the columns and dtypes of :func:`extract_many` and no rows."""
    return FactRows().to_frame(page=True)


def iter_batches(docs: Iterable[DocInput], *, date: object = None, lang: str | None = None,
                 fiscal_year_end: str | None = None, packs: Iterable["PackSpec"] | None = None,
                 jobs: int = 1, progress: bool = False,
                 encoding: str | None = None) -> Iterator[Batch]:
    """The documents' results a :class:`Batch` at a time, in the order of ``docs``.

    Arguments and errors as for :func:`extract_many` (checked before the
    first batch); failed documents are listed in their batch, not raised.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs: expected a whole number of processes >= 1, got {jobs!r}")
    if encoding is not None:
        from .documents import _check_encoding
        _check_encoding(encoding)
    pack_list = None if packs is None else list(packs)
    key = _packs_key(pack_list)
    if key is _UNKEYABLE:
        if jobs > 1:
            raise InputError("packs: a RulePack made in memory cannot be sent to worker "
                             "processes; pass pack names or .toml paths, or jobs=1")
        extractor = Extractor(pack_list)
    else:
        extractor = _extractor(key)  # built here, so forked workers inherit it
    # Validate the options once, before reading anything.
    extractor.extract("", date=date, lang=lang, fiscal_year_end=fiscal_year_end)
    opts = _Options(date, lang, fiscal_year_end, encoding, None if key is _UNKEYABLE else key)
    batches = _batches(_items(docs))
    if jobs == 1:
        results: Iterator[Batch] = (_extract_batch(extractor, b, opts) for b in batches)
    else:
        results = _parallel(batches, opts, jobs)
    if progress:
        total = len(docs) if hasattr(docs, "__len__") else None  # type: ignore[arg-type]
        results = _with_progress(results, total)
    # Generators from here on: iter_batches itself is no generator, so bad
    # arguments raise at the call, not at the first next().
    return results


# ---------------------------------------------------------------- items

# What travels to a worker: texts as plain (doc_id, text) pairs, which pickle
# faster than Documents; Documents only where they carry pages or a source.
_Item = Union[Document, Path, FileItem, tuple[str, str]]


def _items(docs: Iterable[DocInput]) -> Iterator[_Item]:
    for i, d in enumerate(docs):
        if isinstance(d, str):
            yield (str(i), d)
        elif isinstance(d, FileItem):
            yield d
        elif isinstance(d, Document):
            yield d if d.pages is not None or d.source else (d.doc_id, d.text)
        elif isinstance(d, Path):
            yield d
        elif isinstance(d, tuple) and len(d) == 2 and isinstance(d[0], str) and isinstance(d[1], str):
            yield d
        else:
            raise TypeError(f"docs[{i}]: expected a Document, a pathlib.Path, a (doc_id, text) "
                            f"pair of str or a str, got {type(d).__name__}")


def _batches(items: Iterator[_Item]) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    weight = 0
    for item in items:
        batch.append(item)
        weight += _weight(item)
        if weight >= _BATCH_CHARS or len(batch) >= _BATCH_DOCS:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def _weight(item: _Item) -> int:
    if isinstance(item, FileItem):
        item = item.path
    elif isinstance(item, tuple):
        return len(item[1])
    if isinstance(item, Document):
        return len(item.text)
    try:
        # a PDF's bytes are several times its text, but so is its reading time
        return item.stat().st_size
    except OSError:
        return 1


def _extract_batch(extractor: Extractor, batch: list[_Item], opts: _Options) -> Batch:
    rows = FactRows()
    failures: list[FailedDocument] = []
    chars = 0
    for item in batch:
        pages = None
        source = ""
        if isinstance(item, tuple) and not isinstance(item, FileItem):
            doc_id, text = item
        else:
            if isinstance(item, (Path, FileItem)):
                path, name = (item.path, item.doc_id) if isinstance(item, FileItem) else (item, None)
                try:
                    item = read_document(path, encoding=opts.encoding, doc_id=name)
                except DocumentError as e:
                    failures.append(FailedDocument(e.path, e.reason))
                    continue
            doc_id, text, source, pages = item.doc_id, item.text, item.source, item.page_starts
        chars += len(text)
        try:
            facts = extractor.extract(text, date=opts.date, lang=opts.lang, doc_id=doc_id,
                                      fiscal_year_end=opts.fiscal_year_end)
        except IrmetricsError as e:  # e.g. a user pack's pattern that timed out on this text
            failures.append(FailedDocument(source or doc_id, str(e)))
            continue
        rows.add(facts, doc_id, pages)
    return Batch(rows, len(batch), chars, failures)


# ---------------------------------------------------------------- packs

_UNKEYABLE = ("<unkeyable>",)


def _packs_key(packs: list | None) -> tuple | None:
    """Packs as a hashable, picklable key that rebuilds them in any process.

    Names stay names; files are (path, modification time), so an edited pack
    is compiled anew; a RulePack is its file.  A RulePack made in memory has
    no such key (``_UNKEYABLE``).
    """
    if packs is None:
        return None
    key: list[tuple] = []
    for p in packs:
        if isinstance(p, RulePack):
            if not p.path:
                return _UNKEYABLE
            p = Path(p.path)
        if isinstance(p, Path) or (isinstance(p, str) and p.endswith(".toml")):
            try:
                mtime = os.stat(p).st_mtime_ns
            except OSError:
                mtime = 0  # load_pack will say what is wrong with the path
            key.append(("path", str(p), mtime))
        elif isinstance(p, str):
            key.append(("name", p))
        else:
            raise InputError(f"packs: expected pack names, paths or RulePack objects, got {p!r}")
    return tuple(key)


@lru_cache(maxsize=4)
def _extractor(key: tuple | None) -> Extractor:
    """The extractor for a packs key, compiled once per process."""
    if key is None:
        return default_extractor()
    return Extractor([k[1] if k[0] == "name" else Path(k[1]) for k in key])


# ---------------------------------------------------------------- processes

def _worker_start() -> None:
    # A forked worker shares the parent's objects page by page; moving them
    # out of the collector's sight keeps garbage collection from touching
    # (and so copying) every one of them, and from scanning them at all.
    gc.freeze()


def _run_batch(batch: list[_Item], opts: _Options) -> Batch:
    """Worker side: extract a batch of documents (reading those given as paths)."""
    return _extract_batch(_extractor(opts.packs), batch, opts)


def _parallel(batches: Iterator[list[_Item]], opts: _Options, jobs: int) -> Iterator[Batch]:
    from concurrent.futures import ProcessPoolExecutor

    # Freeze the objects that exist now, as Python's documentation of
    # gc.freeze advises right before a fork: forked workers then never
    # touch (and so copy) them when they collect, and this process, busy
    # unpickling rows, no longer rescans its whole heap (pandas, the
    # caller's texts) at every full collection.  A fifth of the run time on
    # two cores.  They are unfrozen when the run ends, unless the caller
    # had frozen objects of its own, which are then left as they were.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start) as pool:
            pending: deque = deque(pool.submit(_run_batch, b, opts)
                                   for b in islice(batches, jobs * _IN_FLIGHT))
            try:
                while pending:
                    done = pending.popleft().result()
                    nxt = next(batches, None)
                    if nxt is not None:
                        pending.append(pool.submit(_run_batch, nxt, opts))
                    yield done
            finally:
                # Reached early when the caller stops reading or on an error:
                # queued batches are dropped instead of being extracted for nobody.
                for f in pending:
                    f.cancel()
    finally:
        if freezing:
            gc.unfreeze()


# ---------------------------------------------------------------- progress

def _with_progress(batches: Iterator[Batch], total: int | None) -> Iterator[Batch]:
    from tqdm import tqdm

    facts = chars = 0
    start = time.perf_counter()
    with tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True) as bar:
        for b in batches:
            facts += len(b.rows)
            chars += b.chars
            rate = chars / max(time.perf_counter() - start, 1e-9)
            bar.set_postfix_str(f"{facts:,} facts, {rate:,.0f} chars/s", refresh=False)
            bar.update(b.docs)
            yield b
