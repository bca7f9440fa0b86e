"""Corpus throughput: ``extract_many`` against bare ``extract`` calls, and ``jobs=2`` against ``jobs=1``.

Usage::

    python benchmarks/corpus.py [--corpus DIR] [--mb 2.0] [--repeat 9] [--check] [--dask]

Reads the 3,000 investor Q&A answers of ``fintruthqa_half_a.jsonl`` in the
wild corpus (``../shared/corpus/wild`` next to the repository, or
``--corpus``) at run time; nothing of it is copied.  In one run, side by
side:

1. **extract_many overhead**: the 3,000 answers, one document each, through
   a loop of bare ``irmetrics.extract`` calls (no DataFrame) and through
   ``irmetrics.extract_many`` (one DataFrame).  Target: at most 1.15x.
2. **processes**: the answers repeated until the corpus holds ``--mb``
   megabytes of UTF-8 text (default 2), through ``extract_many`` with
   ``jobs=1`` and ``jobs=2``.  Target: jobs=2 at least 1.6x as fast.  For
   reference, the machine's ceiling: two forked processes that are each
   given half the texts in one piece and return only a count (no batches,
   no rows, no frame).

3. With ``--dask``, also files: the same corpus written to a temporary
   folder as files of 100 answers (deleted afterwards), read and extracted
   by ``extract_many`` with jobs=1 and jobs=2 and by
   ``irmetrics.dask.extract_frame`` on a ``LocalCluster`` of two worker
   processes (the cluster's start-up is not timed).

The runs alternate and the best of ``--repeat`` is kept for each.  On a
shared machine another user's processes (invisible to ``ps`` from a
container) can take a core for seconds at a time, which no process count
can beat: before each run the benchmark waits (up to ``--quiet-wait``
seconds) until the machine has been idle for a moment, and it prints how
much CPU others used during each kept run (Linux only).  ``--check`` exits 1 when a target
is missed.  Both sides are checked to give the same facts.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import tempfile
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


def _cpu_ticks() -> tuple[int, int] | None:
    """(busy, total) clock ticks of the whole machine so far, or None off Linux."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def _own_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def wait_quiet(limit: float) -> None:
    """Wait until the machine is nearly idle for 0.3 s, at most ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        a = _cpu_ticks()
        time.sleep(0.3)
        b = _cpu_ticks()
        if a is None or b is None or (b[0] - a[0]) <= 0.1 * max(b[1] - a[1], 1):
            return


class Timer:
    """Best-of timings, each with the CPU seconds other processes took meanwhile."""

    def __init__(self, quiet_wait: float) -> None:
        self.quiet_wait = quiet_wait
        self.runs: dict[str, list[tuple[float, float | None]]] = {}

    def __call__(self, name: str, fn: Callable[[], object]) -> object:
        gc.collect()
        wait_quiet(self.quiet_wait)
        ticks, own = _cpu_ticks(), _own_cpu()
        t = time.perf_counter()
        out = fn()
        wall = time.perf_counter() - t
        ticks2, own2 = _cpu_ticks(), _own_cpu()
        other = None
        if ticks is not None and ticks2 is not None:
            other = max(0.0, (ticks2[0] - ticks[0]) / os.sysconf("SC_CLK_TCK") - (own2 - own))
        self.runs.setdefault(name, []).append((wall, other))
        return out

    def best(self, name: str) -> tuple[float, float | None]:
        return min(self.runs[name], key=lambda r: r[0])

    def line(self, label: str, name: str, chars: int) -> str:
        wall, other = self.best(name)
        note = f"   (others used {other:.2f} CPU-s meanwhile)" if other is not None else ""
        return f"   {label:20} {wall:7.3f} s  {chars / wall:12,.0f} chars/s{note}"


def bare(texts: list[str]) -> int:
    n = 0
    for i, t in enumerate(texts):
        n += len(irmetrics.extract(t, doc_id=str(i)))
    return n


def _count(texts: list[str]) -> int:
    return sum(len(irmetrics.extract(t)) for t in texts)


def halves(texts: list[str]) -> int:
    """About the most two processes can do: each given half the texts at once, no rows back."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        return sum(pool.map(_count, (texts[0::2], texts[1::2])))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the wild corpus directory")
    p.add_argument("--mb", type=float, default=2.0, help="megabytes of text for the jobs test")
    p.add_argument("--repeat", type=int, default=9, help="timed runs of each side; the best counts")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--dask", action="store_true", help="also time files through a Dask LocalCluster")
    p.add_argument("--quiet-wait", type=float, default=120.0, metavar="S",
                   help="before each run, wait up to S seconds for an idle machine (default 120)")
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
    timer = Timer(args.quiet_wait)

    for _ in range(args.repeat):
        n_bare = timer("bare", lambda: bare(docs))
        df = timer("many", lambda: irmetrics.extract_many(docs))
    assert n_bare == len(df), (n_bare, len(df))
    overhead = timer.best("many")[0] / timer.best("bare")[0]

    for _ in range(args.repeat):
        one = timer("jobs=1", lambda: irmetrics.extract_many(big, jobs=1))
        two = timer("jobs=2", lambda: irmetrics.extract_many(big, jobs=2))
        timer("halves", lambda: halves(big))
    pd.testing.assert_frame_equal(one, two)
    speedup = timer.best("jobs=1")[0] / timer.best("jobs=2")[0]
    ceiling = timer.best("jobs=1")[0] / timer.best("halves")[0]

    print(f"irmetrics {irmetrics.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, best of {args.repeat}")
    print(f"1. {len(docs):,} answers, {chars:,} chars, {len(df):,} facts")
    print(timer.line("bare extract calls", "bare", chars))
    print(timer.line("extract_many", "many", chars))
    print(f"   extract_many / bare  {overhead:7.3f}x   (target <= {OVERHEAD_TARGET}x)")
    big_chars = sum(map(len, big))
    print(f"2. {len(big):,} documents, {size / 1e6:.2f} MB UTF-8, {big_chars:,} chars, "
          f"{len(one):,} facts")
    print(timer.line("jobs=1", "jobs=1", big_chars))
    print(timer.line("jobs=2", "jobs=2", big_chars))
    print(f"   speed-up             {speedup:7.3f}x   (target >= {SPEEDUP_TARGET}x)")
    print(timer.line("2 bare halves", "halves", big_chars))
    print(f"   the machine's ceiling {ceiling:6.3f}x   (two processes, half the texts each, "
          f"no rows back)")
    if args.dask:
        dask_files(big, args.repeat, timer)
    ok = overhead <= OVERHEAD_TARGET and speedup >= SPEEDUP_TARGET
    if args.check and not ok:
        print("a target was missed", file=sys.stderr)
        return 1
    return 0


def dask_files(big: list[str], repeat: int, timer: Timer) -> None:
    from distributed import Client, LocalCluster

    import irmetrics.dask

    with tempfile.TemporaryDirectory(prefix="irmetrics-bench-") as tmp:
        paths = []
        for i in range(0, len(big), 100):
            path = Path(tmp) / f"answers_{i // 100:04d}.txt"
            path.write_text("\n".join(big[i:i + 100]) + "\n", encoding="utf-8")
            paths.append(path)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster):
            irmetrics.dask.extract_frame(paths[:2], files_per_partition=1).compute()  # warm-up
            for _ in range(repeat):
                one = timer("files jobs=1", lambda: irmetrics.extract_many(paths, jobs=1))
                timer("files jobs=2", lambda: irmetrics.extract_many(paths, jobs=2))
                dd = timer("files dask", lambda: irmetrics.dask.extract_frame(
                    paths, files_per_partition=8).compute())
        pd.testing.assert_frame_equal(dd.reset_index(drop=True), one)
        print(f"3. the same text as {len(paths)} files of 100 answers, {len(one):,} facts")
        base = timer.best("files jobs=1")[0]
        for label, name in (("extract_many jobs=1", "files jobs=1"),
                            ("extract_many jobs=2", "files jobs=2"),
                            ("dask, 2 workers", "files dask")):
            print(timer.line(label, name, chars) + f"  {base / timer.best(name)[0]:.2f}x")


if __name__ == "__main__":
    raise SystemExit(main())
