"""No input makes ``extract`` slower than linear.

Timing tests are flaky when they compare against a fixed budget, so these
compare the library with itself: the time for ``4n`` characters against the
time for ``n`` (best of a few runs each).  Linear work gives a ratio near 4,
quadratic work near 16; the bound of 8 leaves room for noise either way.
Sizes grow until the small run is long enough to time reliably.
"""

from __future__ import annotations

import gc
import time

import pytest

import irmetrics

MEGABYTE = 1_000_000
MAX_RATIO = 8.0
MIN_SECONDS = 0.02   # the small run must take at least this long to be timed
MAX_SIZE = 1 << 18   # ... or reach this many characters

# What a careless pattern chokes on: long runs of what values are made of.
PATHOLOGICAL = {
    "digits": "1234567890",
    "percent-signs": "%",
    "duo": "多",
    "one-comma": "1,",
    "yi": "一",
    "a1-space": "a1 ",
    "one-dot": "1.",
    "one-dash": "1-",
    "one-colon": "1:",
    "one-percent": "1%",
    "one-bi": "1比",
    "one-zhi": "1至",
    "one-tilde": "1~",
    "fullwidth-digits": "１２３",
    "cn-numerals": "一二三四五六七八九十百千万亿",
    "cn-vague": "几十",
    "dollars": "$1 ",
    "parens": "(1)",
    "wan-yuan": "1万元",
    "spaces": " ",
    "newlines": "1\n",
    "english-words": "more than one million ",
}


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _best_time(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        irmetrics.extract(text, lang="zh")
        best = min(best, time.perf_counter() - t)
    return best


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    irmetrics.extract("预热：营收增长 5%，Revenue rose 5%.")


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_time_grows_linearly(unit: str) -> None:
    n = 4096
    small = _best_time(_text(unit, n))
    while small < MIN_SECONDS and n < MAX_SIZE:
        n *= 2
        small = _best_time(_text(unit, n))
    large = _best_time(_text(unit, 4 * n), repeat=2)
    if large < 0.05:  # a few hundred thousand characters in no time: nothing to see
        return
    ratio = large / max(small, 1e-9)
    assert ratio < MAX_RATIO, (f"{4 * n} chars took {large:.3f}s, {n} chars {small:.3f}s: "
                               f"ratio {ratio:.1f}, expected about 4 for linear work")


@pytest.mark.parametrize("unit", ["1234567890", "%", "多", "1,", "一", "a1 "],
                         ids=["digits", "percent-signs", "duo", "one-comma", "yi", "a1-space"])
def test_a_megabyte_finishes(unit: str) -> None:
    text = _text(unit, MEGABYTE)
    t = time.perf_counter()
    facts = irmetrics.extract(text)
    elapsed = time.perf_counter() - t
    assert all(f.text == text[f.start:f.end] for f in facts)
    # Generous: linear work is well under this on a slow machine; a quadratic
    # pattern would take hours.
    assert elapsed < 20, f"a megabyte of {unit!r} took {elapsed:.1f}s"


def test_many_facts_scale_linearly() -> None:
    """Dense facts (every few characters) cost per fact, not per fact squared."""
    sentence = "营收增长 5%，服务 300 多家企业，铜价 4200美元/吨；"
    small = _best_time(sentence * 500)
    large = _best_time(sentence * 2000, repeat=2)
    assert large / small < MAX_RATIO
