"""Throughput of this working tree side by side with another commit, in one run.

Usage::

    python benchmarks/compare.py [REV] [--rounds K] [THROUGHPUT ARGS...]

``REV`` (default ``HEAD``) is exported with ``git archive`` into a temporary
directory; then ``benchmarks/throughput.py`` of this tree runs ``K`` times
(default 3) against each version in turn -- A, B, A, B, ... -- each in a
fresh process whose ``PYTHONPATH`` puts that version's ``irmetrics`` first.
Alternating the versions in one run spreads the noise of a busy machine over
both, which separate runs an hour apart do not.  Prints each run's
characters per second, then the best and the median of each version and
their ratio (this tree over ``REV``).
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ALL = re.compile(r"^all:.*?([0-9,]+) chars/s", re.MULTILINE)


def export(rev: str, into: Path) -> Path:
    """The ``irmetrics`` package of ``rev``, unpacked under ``into``."""
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "irmetrics"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def one_run(path: Path, args: list[str]) -> float:
    """Characters per second of one throughput run with ``path``'s irmetrics."""
    code = ("import sys, runpy; sys.path.insert(0, sys.argv[1]); import irmetrics; "
            "assert irmetrics.__file__.startswith(sys.argv[1]), irmetrics.__file__; "
            "script = sys.argv[2]; sys.argv = [script, *sys.argv[3:]]; "
            "runpy.run_path(script, run_name='__main__')")
    out = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT / "benchmarks" / "throughput.py"), *args],
                         check=True, capture_output=True, text=True).stdout
    m = _ALL.search(out)
    if m is None:
        raise RuntimeError(f"no 'all:' line in the benchmark's output:\n{out}")
    return float(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("rev", nargs="?", default="HEAD", help="the commit to compare with (default HEAD)")
    p.add_argument("--rounds", type=int, default=3, help="runs of each version (default 3)")
    a, rest = p.parse_known_args(argv)   # the rest goes to throughput.py
    rest = [x for x in rest if x != "--"]
    with tempfile.TemporaryDirectory() as tmp:
        base = export(a.rev, Path(tmp))
        runs: dict[str, list[float]] = {a.rev: [], "working tree": []}
        for k in range(a.rounds):
            for name, path in ((a.rev, base), ("working tree", ROOT)):
                cps = one_run(path, rest)
                runs[name].append(cps)
                print(f"round {k + 1}: {name:>14}: {cps:13,.0f} chars/s", flush=True)
    print()
    for name, xs in runs.items():
        print(f"{name:>14}: best {max(xs):13,.0f}  median {statistics.median(xs):13,.0f} chars/s")
    ratio = statistics.median(runs["working tree"]) / statistics.median(runs[a.rev])
    print(f"working tree / {a.rev}: {ratio:.3f} (medians), "
          f"{max(runs['working tree']) / max(runs[a.rev]):.3f} (best)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
