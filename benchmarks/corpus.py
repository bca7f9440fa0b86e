"""Corpus throughput: ``extract_many`` against bare ``extract`` calls, and ``jobs=2`` against ``jobs=1``.

Usage::

    python benchmarks/corpus.py [--corpus DIR] [--mb 2.0] [--repeat 5] [--check]

Reads the 3,000 investor Q&A answers of ``fintruthqa_half_a.jsonl`` in the
wild corpus (``../shared/corpus/wild`` next to the repository, or
``--corpus``) at run time; nothing of it is copied.  In one run, side by
side:

1. **extract_many overhead**: the 3,000 answers, one document each, through
   a loop of bare ``irmetrics.extract`` calls (no DataFrame) and through
   ``irmetrics.extract_many`` (one DataFrame).  Target: at most 1.15x.
2. **processes**: the answers repeated until the corpus holds ``--mb``
   megabytes of UTF-8 text (default 2), through ``extract_many`` with
   ``jobs=1`` and ``jobs=2``.  Target: jobs=2 at least 1.6x as fast.

The runs alternate and the best of ``--repeat`` is kept for each, so a
busy neighbour slows both sides alike.  ``--check`` exits 1 when a target
is missed.  Both sides are checked to give the same facts.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Callable

import pandas as pd

import irmetrics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wild"
OVERHEAD_TARGET = 1.15
SPEEDUP_TARGET = 1.6


def answers(corpus: Path) -> list[str]:
    path = corpus / "fintruthqa_half_a.jsonl"
    if not path.exists():
        raise SystemExit(f"{path}: not found; pass --corpus DIR with fintruthqa_half_a.jsonl")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line).get("answer", "") for line in fh if line.strip()]


def best(fn: Callable[[], object], times: list[float]) -> object:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    times.append(time.perf_counter() - t)
    return out


def bare(texts: list[str]) -> int:
    n = 0
    for i, t in enumerate(texts):
        n += len(irmetrics.extract(t, doc_id=str(i)))
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the wild corpus directory")
    p.add_argument("--mb", type=float, default=2.0, help="megabytes of text for the jobs test")
    p.add_argument("--repeat", type=int, default=5, help="timed runs of each side; the best counts")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)

    docs = answers(args.corpus)
    chars = sum(map(len, docs))
    big: list[str] = []
    size = 0
    while size < args.mb * 1e6:
        big.extend(docs)
        size += sum(len(d.encode("utf-8")) for d in docs)
    # warm-up: builds the extractor and imports pandas for both sides
    irmetrics.extract_many(docs[:50])

    t_bare: list[float] = []
    t_many: list[float] = []
    for _ in range(args.repeat):
        n_bare = best(lambda: bare(docs), t_bare)
        df = best(lambda: irmetrics.extract_many(docs), t_many)
    assert n_bare == len(df), (n_bare, len(df))
    overhead = min(t_many) / min(t_bare)

    t_one: list[float] = []
    t_two: list[float] = []
    for _ in range(args.repeat):
        one = best(lambda: irmetrics.extract_many(big, jobs=1), t_one)
        two = best(lambda: irmetrics.extract_many(big, jobs=2), t_two)
    pd.testing.assert_frame_equal(one, two)
    speedup = min(t_one) / min(t_two)

    print(f"irmetrics {irmetrics.__version__}, Python {sys.version.split()[0]}")
    print(f"1. {len(docs):,} answers, {chars:,} chars, {len(df):,} facts")
    print(f"   bare extract calls   {min(t_bare):7.3f} s  {chars / min(t_bare):12,.0f} chars/s")
    print(f"   extract_many         {min(t_many):7.3f} s  {chars / min(t_many):12,.0f} chars/s")
    print(f"   extract_many / bare  {overhead:7.3f}x   (target <= {OVERHEAD_TARGET}x)")
    big_chars = sum(map(len, big))
    print(f"2. {len(big):,} documents, {size / 1e6:.2f} MB UTF-8, {big_chars:,} chars, "
          f"{len(one):,} facts")
    print(f"   jobs=1               {min(t_one):7.3f} s  {big_chars / min(t_one):12,.0f} chars/s")
    print(f"   jobs=2               {min(t_two):7.3f} s  {big_chars / min(t_two):12,.0f} chars/s")
    print(f"   speed-up             {speedup:7.3f}x   (target >= {SPEEDUP_TARGET}x)")
    ok = overhead <= OVERHEAD_TARGET and speedup >= SPEEDUP_TARGET
    if args.check and not ok:
        print("a target was missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
