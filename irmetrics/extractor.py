"""The pipeline: normalize -> match -> resolve -> attach -> FactSet."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Union

import regex

from .errors import InputError
from .factset import FactSet
from .lexicon import Lexicon, load_lexicon
from .lexicon import lexicon as default_lexicon
from .lists import complete_lists
from .match import Scanner, resolve_overlaps
from .model import Fact, TIME_KINDS
from .normalize import normalize
from .periods import attach_periods
from .resolve import resolve_value
from .rules import RulePack, builtin_pack, builtin_pack_names, load_pack
from .segment import segment
from .timex import TimeMention, find_times

__all__ = ["Extractor", "extract", "default_extractor", "detect_lang", "PackSpec"]

PackSpec = Union[str, Path, RulePack]
LANGS = ("zh", "en")
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[A-Za-z]")
def detect_lang(text: str) -> str:
    """``"zh"`` when Han characters make up a tenth of the letters, else ``"en"``.

    >>> detect_lang("公司 GPU 利用率 80%"), detect_lang("Revenue rose 5% in Q3")
    ('zh', 'en')
    """
    sample = text[:1000]
    # counted by deletion: one C-level pass each, no list of matches
    han = len(sample) - len(_HAN.sub("", sample))
    latin = len(sample) - len(_LATIN.sub("", sample))
    return "zh" if han and han * 10 >= (han + latin) else "en"


def _check_date(d: object) -> date | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    if isinstance(d, str):
        try:
            return date.fromisoformat(d.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"date: expected an ISO date string 'YYYY-MM-DD', a datetime.date or None, got {d!r}")


def _check_fiscal(fy: object) -> tuple[int, int] | None:
    if fy is None:
        return None
    if isinstance(fy, str):
        m = regex.fullmatch(r"(\d{1,2})-(\d{1,2})", fy.strip())
        if m:
            month, day = int(m.group(1)), int(m.group(2))
            try:
                date(2001, month, day)
                return month, day
            except ValueError:
                pass
    raise InputError(f"fiscal_year_end: expected 'MM-DD' (the last day of the fiscal year, "
                     f"e.g. '05-31') or None, got {fy!r}")


class Extractor:
    """Compiled packs, ready to extract from any number of documents.

    Building one compiles every pattern once; ``extract`` then only scans.
    An Extractor is immutable and safe to share between threads.
    """

    def __init__(self, packs: Iterable[PackSpec] | None = None, *,
                 lexicon: str | Path | Iterable[str | Path] | None = None) -> None:
        """``packs``: metric packs (names, paths or RulePack objects), None for
        every built-in one.  ``lexicon``: TOML files that extend the built-in
        units, measure words, currencies and names (docs/rule-packs.md,
        "Units, currencies and names are data").

        Raises:
            PackError: a pack or lexicon file that cannot be loaded.
        """
        files = (lexicon,) if isinstance(lexicon, (str, Path)) else tuple(lexicon or ())
        lex = load_lexicon(tuple(str(f) for f in files)) if files else default_lexicon()
        self._lex = lex
        values = builtin_pack("values", lexicon=lex if files else None)
        names = builtin_pack_names()
        time = builtin_pack("time") if "time" in names else None
        if packs is None:
            metric_packs = [builtin_pack(n) for n in names if n not in ("values", "time")]
        else:
            metric_packs = [self._pack(p, lex if files else None) for p in packs]
        self.values = values
        self.time = time
        self.metric_packs: tuple[RulePack, ...] = tuple(p for p in metric_packs if p.type == "metrics")
        extra_values = [r for p in metric_packs if p.type == "values" for r in p.rules]
        self._scanner = Scanner(list(values.rules) + extra_values, anchor=values.expanded("ANCHOR"),
                                lead=values.expanded("LEAD"),
                                lead_last=values.defs.get("LEAD_LAST"),
                                trusted=not extra_values)
        self._attacher = None
        if self.metric_packs:
            from .attach import MetricAttacher
            self._attacher = MetricAttacher(self.metric_packs)

    @staticmethod
    def _pack(spec: PackSpec, lex: Lexicon | None = None) -> RulePack:
        if isinstance(spec, RulePack):
            return spec
        if isinstance(spec, Path) or (isinstance(spec, str) and spec.endswith(".toml")):
            return load_pack(spec, lexicon=lex)
        if isinstance(spec, str):
            return builtin_pack(spec)
        raise InputError(f"packs: expected pack names, paths or RulePack objects, got {spec!r}")

    def extract(self, text: str, *, date: object = None, lang: str | None = None,
                doc_id: str | None = None, fiscal_year_end: str | None = None) -> FactSet:
        """Every fact in ``text``; see :func:`irmetrics.extract`."""
        if not isinstance(text, str):
            raise TypeError(f"text: expected str, got {type(text).__name__}")
        doc_date = _check_date(date)
        if lang is not None and lang not in LANGS:
            raise InputError(f"lang: expected 'zh', 'en' or None (detect), got {lang!r}")
        if doc_id is not None and not isinstance(doc_id, str):
            raise TypeError(f"doc_id: expected str or None, got {type(doc_id).__name__}")
        fye = _check_fiscal(fiscal_year_end)
        if not text:
            return FactSet((), doc_id=doc_id, text=text)
        lang = lang or detect_lang(text)
        norm = normalize(text).text
        seg = segment(norm, lang)
        lex = self._lex
        values: list[Fact] = []
        for cand in self._scanner.scan(norm):
            fact = resolve_value(cand, seg, text, lex)
            if fact is not None:
                values.append(fact)
        times = (find_times(seg, text, doc_date=doc_date, fiscal_year_end=fye)
                 if self.time is not None else [])
        # 21.4/25.0/27.9/30.2 亿元, 19/20年: the unit written once belongs to every item
        for f in complete_lists(seg, text, values + [t.fact for t in times]):
            if f.kind in TIME_KINDS:
                times.append(TimeMention(f, "own"))
            else:
                values.append(f)
        time_facts = [t.fact for t in times]
        # Time first on equal spans: "2024年" is a year, not 2024 years.
        merged = resolve_overlaps(time_facts + values)
        kept_values = [f for f in merged if f.kind not in TIME_KINDS]
        kept_times = [f for f in merged if f.kind in TIME_KINDS]
        if self._attacher is not None:
            kept_values = self._attacher.attach(seg, text, kept_values, kept_times)
        if times:
            kept = set(id(f) for f in kept_times)
            kept_values = attach_periods(seg, kept_values, [t for t in times if id(t.fact) in kept])
        return FactSet(kept_times + kept_values, doc_id=doc_id, text=text)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The shared extractor with every built-in pack (built once, immutable)."""
    return Extractor()


def extract(text: str, *, date: object = None, lang: str | None = None, doc_id: str | None = None,
            packs: Iterable[PackSpec] | None = None, fiscal_year_end: str | None = None) -> FactSet:
    """Extract every quantitative fact and time expression from ``text``.

    Args:
        text: the document, exactly as it should be quoted; spans index it.
        date: the document date (ISO string or ``datetime.date``) that
            relative time words resolve against; when None, the date the
            document states (an IR record's 活动时间, a call's date) is used.
        lang: ``"zh"``, ``"en"`` or None to detect.  Mixed text is fine.
        doc_id: copied into the ``doc_id`` column.
        packs: metric packs (names, paths or RulePack objects); None uses
            every built-in pack.
        fiscal_year_end: ``"MM-DD"``, the last day of the company's fiscal
            year, so ``fiscal 2022`` and ``FY22 Q2`` resolve to dates.

    Raises:
        TypeError: ``text`` is not a ``str``.
        InputError: (a ``ValueError``) a bad ``date``, ``lang`` or
            ``fiscal_year_end``.
    """
    ex = default_extractor() if packs is None else Extractor(packs)
    return ex.extract(text, date=date, lang=lang, doc_id=doc_id, fiscal_year_end=fiscal_year_end)
