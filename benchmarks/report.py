"""The HTML report of 20 documents in headless Chromium: size, console errors, time to render.

Usage::

    python benchmarks/report.py [--corpus DIR] [--repeat 5] [--check] [--keep report.html]

Reads, at run time (nothing of them is copied), the 14 documents of the dev
corpus (``../shared/corpus/dev`` next to the repository, or ``--corpus``)
and the first 6 full earnings-call transcripts of
``../wild/ectsum_train_300.jsonl`` beside it: 20 documents, Chinese and
English, IR records, broker notes and calls.  It extracts them, builds one
report with :func:`irmetrics.report_html`, and opens it ``--repeat`` times
in Debian's Chromium (``IRMETRICS_CHROMIUM`` or ``/usr/bin/chromium``)
through Playwright, each time in a fresh page.  Printed, best of the runs:

- the report's size (target: under 2 MB);
- console errors and uncaught exceptions over all runs (target: none);
- the browser's own clocks from navigation start: DOMContentLoaded, the
  load event (after the page's script ran) and the first contentful paint,
  and the wall time of ``page.goto(..., wait_until="load")`` plus one
  animation frame, i.e. until the page is drawn (target: under 1 s);
- what the page's script costs when used: a metric filter and a sort by
  value over every row.

On a shared machine other users' processes can take a core for seconds;
as in ``corpus.py``, each load waits (up to ``--quiet-wait`` seconds) until
the machine has been idle for a moment.  ``--check`` exits 1 when a target
is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import irmetrics

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import wait_quiet  # noqa: E402  (the benchmark next door)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
CHROMIUM = os.environ.get("IRMETRICS_CHROMIUM", "/usr/bin/chromium")
SIZE_TARGET = 2_000_000
RENDER_TARGET = 1.0
CALLS = 6

TIMINGS = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
            fcp: fcp ? fcp.startTime : null,
            rows: document.querySelectorAll('#facts tbody tr').length,
            marks: document.querySelectorAll('mark[data-fact]').length};
}"""

# Time the script's two heaviest actions, each over every row of the table.
INTERACT = """(metric) => {
    const sel = document.getElementById('f-metric');
    let t = performance.now();
    sel.value = metric;
    sel.dispatchEvent(new Event('change'));
    const filter = performance.now() - t;
    sel.value = '';
    sel.dispatchEvent(new Event('change'));
    const th = Array.from(document.querySelectorAll('#facts th')).find(h => h.textContent === 'value');
    t = performance.now();
    th.click();
    const sort = performance.now() - t;
    return {filter, sort};
}"""


def documents(corpus: Path) -> list[irmetrics.FactSet]:
    """The 20 documents' FactSets: the dev corpus, then the first transcripts of the wild one."""
    texts = sorted(corpus.glob("*.txt"))
    calls = corpus.parent / "wild" / "ectsum_train_300.jsonl"
    if not texts or not calls.exists():
        raise SystemExit(f"{corpus}: expected the dev corpus (*.txt) and {calls}; "
                         f"pass --corpus DIR")
    out = []
    for p in texts:
        gold = p.with_suffix(".gold.json")
        meta = json.loads(gold.read_text(encoding="utf-8")) if gold.exists() else {}
        out.append(irmetrics.extract(p.read_text(encoding="utf-8"), doc_id=p.name,
                                     date=meta.get("date"),
                                     fiscal_year_end=meta.get("fiscal_year_end")))
    with calls.open(encoding="utf-8") as fh:
        for line, _ in zip(fh, range(CALLS)):
            rec = json.loads(line)
            out.append(irmetrics.extract(rec["text"], doc_id=f"{rec['id']}.txt", lang="en"))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    p.add_argument("--repeat", type=int, default=5, metavar="N")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--keep", type=Path, metavar="HTML", help="also write the report here")
    p.add_argument("--quiet-wait", type=float, default=30.0, metavar="S",
                   help="wait up to S seconds for an idle machine before each load")
    args = p.parse_args()

    docs = documents(args.corpus)
    chars = sum(len(d.text or "") for d in docs)
    facts = sum(len(d) for d in docs)
    t = time.perf_counter()
    html = irmetrics.report_html(docs, title="irmetrics benchmark: 20 documents")
    build = time.perf_counter() - t
    size = len(html.encode("utf-8"))
    metric = max({f.metric for d in docs for f in d if f.metric},
                 key=lambda m: sum(f.metric == m for d in docs for f in d))

    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    runs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        if args.keep:
            args.keep.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(args.repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            wait_quiet(args.quiet_wait)
            t = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            wall = time.perf_counter() - t
            run = page.evaluate(TIMINGS)
            run.update(page.evaluate(INTERACT, metric))
            run["wall"] = wall
            runs.append(run)
            page.close()
        browser.close()

    best = min(runs, key=lambda r: r["wall"])
    print(f"report of {len(docs)} documents: {chars:,} characters, {facts:,} facts "
          f"(rows {best['rows']:,}, marks {best['marks']:,})")
    print(f"   size                 {size / 1e6:7.3f} MB   (target < {SIZE_TARGET / 1e6:.0f} MB; "
          f"built in {build:.3f} s)")
    print(f"   console errors       {len(errors):7d}      over {args.repeat} loads (target: 0)")
    print(f"   DOMContentLoaded     {best['dcl'] / 1e3:7.3f} s")
    print(f"   first paint (FCP)    {(best['fcp'] or 0) / 1e3:7.3f} s")
    print(f"   load event           {best['load'] / 1e3:7.3f} s")
    print(f"   goto + first frame   {best['wall']:7.3f} s   (target < {RENDER_TARGET:.0f} s; "
          f"worst of {args.repeat}: {max(r['wall'] for r in runs):.3f} s)")
    print(f"   filter by {metric!r:12} {best['filter']:6.1f} ms   sort by value {best['sort']:6.1f} ms")
    for e in errors[:5]:
        print(f"   console: {e}")
    missed = size >= SIZE_TARGET or errors or best["wall"] >= RENDER_TARGET
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
