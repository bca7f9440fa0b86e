"""The fast path must not change a single match.

Built-in rules run on Python's ``re`` (translated: group names renamed apart,
``\\p{Han}`` spelled out) because it matches them about five times faster
than ``regex``; user rules keep ``regex`` for its timeouts.  These tests run
both engines over the same text and require identical candidates.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

from irmetrics import match as M
from irmetrics import timescan
from irmetrics.extractor import default_extractor
from irmetrics.normalize import normalize
from irmetrics.rules import Rule

from strategies import ir_text

EXAMPLE = Path(__file__).resolve().parents[1] / "irmetrics" / "examples" / "ir_record_zh.txt"
GROUPS = ("n1", "n2", "s1", "s2", "m1", "unit", "cur", "per", "mw", "vague", "t1", "t2", "sign")


def _scanners() -> list[M.Scanner]:
    return [default_extractor()._scanner, timescan.time_scanner("zh").scanner, timescan.time_scanner("en").scanner]


def _slow_twin(sc: M.Scanner) -> M.Scanner:
    twin = object.__new__(M.Scanner)
    for name in M.Scanner.__slots__:
        object.__setattr__(twin, name, getattr(sc, name))
    prefix = r"\G" if sc._contiguous else ""
    object.__setattr__(twin, "_all", M._RegexAlternation(sc.rules, prefix))
    return twin


def _candidates(sc: M.Scanner, text: str) -> list[tuple]:
    out = []
    for pos in range(len(text)) if sc._contiguous else (0,):
        found = [sc.match_at(text, pos)] if sc._contiguous else list(sc.scan(text))
        for c in found:
            if c is None:
                continue
            groups = tuple(c.match.group(g) for g in GROUPS if g in _names(c.rule))
            out.append((c.rule.id, c.start, c.end, groups))
    return out


def _names(rule: Rule) -> set[str]:
    import regex
    return set(regex.compile(rule.pattern, M.FLAGS).groupindex)


def test_builtin_scanners_use_the_fast_engine() -> None:
    for sc in _scanners():
        assert isinstance(sc._all, M._ReAlternation), sc.rules[0].pack


ENGLISH = ("Good afternoon. For Q3 of fiscal 2024, revenue was $1.42 billion, up 8.3% "
           "year-over-year, and gross margin expanded 120 basis points to 38.6%. As of September 30, "
           "we had roughly 52,000 employees; last quarter we opened 14 new stores, and we expect "
           "approximately 45 to 50 next year, with capex between $300 million and $320 million.")


def test_engines_agree_on_our_own_texts() -> None:
    texts = (normalize(EXAMPLE.read_text(encoding="utf-8")).text, ENGLISH)
    for sc in _scanners():
        found = [_candidates(sc, t) for t in texts]
        assert any(found), "each scanner finds something in one of the texts"
        assert found == [_candidates(_slow_twin(sc), t) for t in texts]


@settings(max_examples=150, deadline=None)
@given(ir_text())
def test_engines_agree_on_any_text(text: str) -> None:
    norm = normalize(text).text
    for sc in _scanners():
        assert _candidates(sc, norm) == _candidates(_slow_twin(sc), norm)


def test_user_rules_keep_regex_and_its_timeout() -> None:
    rule = default_extractor()._scanner.rules[0]
    assert isinstance(M.Scanner([rule])._all, M._RegexAlternation)
