"""Throughput of ``irmetrics.extract`` over IR-like text of both languages.

Usage::

    python benchmarks/throughput.py [--chars N] [--corpus DIR] [--per-answer] [--repeat K]

Builds at least ``--chars`` characters (default 2,000,000, half Chinese and
half English) of documents, calls ``irmetrics.extract`` once per document
in this one process (after one warm-up call that builds the extractor), and
prints the characters, seconds and characters per second, per language and
in total.

Text comes from the wild corpus (``../shared/corpus/wild/*.jsonl`` next to
the repository, or ``--corpus``), read at run time and never copied: the
FinTruthQA investor Q&A answers grouped twenty to a document like an
investor-relations record (``--per-answer`` makes each answer a document of
its own), and ECTSum earnings-call transcripts one to a document.  Without
the corpus, the bundled example record and a short English passage are
repeated instead.  Either way, documents are reused in turn until the target
size is reached.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Iterator

import irmetrics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wild"
EXAMPLE = Path(irmetrics.__file__).parent / "examples" / "ir_record_zh.txt"

# Our own earnings-call style passage, for machines without the wild corpus.
ENGLISH_FALLBACK = """\
Good morning, and thank you for joining our third quarter fiscal 2024 earnings call.
Total revenue was $1.42 billion, up 8.3% year-over-year, and comparable sales grew 4.1%.
Gross margin expanded 120 basis points to 38.6%, while operating expenses rose about 5%.
We opened 14 new stores in the quarter and now operate more than 1,150 locations.
Adjusted EPS was $1.87 per share compared with $1.62 a year ago.
Free cash flow reached approximately $310 million, and we returned $150 million to shareholders.
For the full year we now expect revenue of $5.6 billion to $5.7 billion and capex of up to $400 million.
Pricing was a two-point drag on margin, and freight costs declined 3% sequentially.
Our debt to EBITDA ratio stands at 1.8x, and we remain on track to open between 45 and 50 stores next year.
"""


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def chinese_documents(corpus: Path, per_answer: bool) -> list[str]:
    """Investor Q&A grouped into records, or the bundled example when absent."""
    path = corpus / "fintruthqa_half_a.jsonl"
    if not path.exists():
        return [EXAMPLE.read_text(encoding="utf-8")]
    pairs = [f"问题 {i % 20 + 1}、{d.get('question', '')}\n回答：{d.get('answer', '')}\n"
             for i, d in enumerate(_jsonl(path))]
    if per_answer:
        return pairs
    return ["".join(pairs[i:i + 20]) for i in range(0, len(pairs), 20)]


def english_documents(corpus: Path) -> list[str]:
    """Earnings-call transcripts, or our own short passage when absent."""
    path = corpus / "ectsum_train_300.jsonl"
    if not path.exists():
        return [ENGLISH_FALLBACK]
    return [d["text"] for d in _jsonl(path) if d.get("text")]


def take(docs: list[str], chars: int) -> list[str]:
    """Documents in turn (reusing them if needed) until ``chars`` characters."""
    out: list[str] = []
    total = 0
    i = 0
    while total < chars and docs:
        d = docs[i % len(docs)]
        out.append(d)
        total += len(d)
        i += 1
    return out


def run(docs: list[str], lang: str | None) -> tuple[int, float, int]:
    gc.collect()
    facts = 0
    t = time.perf_counter()
    for d in docs:
        facts += len(irmetrics.extract(d, lang=lang))
    return sum(map(len, docs)), time.perf_counter() - t, facts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--chars", type=int, default=2_000_000, help="total characters (default 2,000,000)")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the wild corpus directory")
    p.add_argument("--per-answer", action="store_true",
                   help="one document per Chinese Q&A pair instead of twenty")
    p.add_argument("--detect", action="store_true", help="let extract detect the language")
    p.add_argument("--repeat", type=int, default=1, help="timed runs; the best is reported")
    args = p.parse_args(argv)

    source = "wild corpus" if (args.corpus / "ectsum_train_300.jsonl").exists() else "bundled examples"
    zh = take(chinese_documents(args.corpus, args.per_answer), args.chars // 2)
    en = take(english_documents(args.corpus), args.chars - sum(map(len, zh)))
    irmetrics.extract("预热：营收同比增长 5%。Warm-up: revenue rose 5%.")  # builds the extractor

    print(f"irmetrics {irmetrics.__version__}, Python {sys.version.split()[0]}, text from {source}")
    total_chars, total_secs, total_facts = 0, 0.0, 0
    for name, docs, lang in (("zh", zh, "zh"), ("en", en, "en")):
        best = min((run(docs, None if args.detect else lang) for _ in range(args.repeat)),
                   key=lambda r: r[1])
        chars, secs, facts = best
        total_chars += chars
        total_secs += secs
        total_facts += facts
        print(f"{name}: {len(docs):6,d} documents {chars:11,d} chars {secs:8.3f} s "
              f"{chars / secs:13,.0f} chars/s {facts:9,d} facts")
    print(f"all: {len(zh) + len(en):6,d} documents {total_chars:11,d} chars {total_secs:8.3f} s "
          f"{total_chars / total_secs:13,.0f} chars/s {total_facts:9,d} facts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
