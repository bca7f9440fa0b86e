"""FactSet: the facts of one document, in order, and their DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, overload

from .model import Fact, FactKind, Qualifier

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FactSet", "COLUMNS"]

COLUMNS = ("doc_id", "start", "end", "text", "kind", "value", "low", "high", "unit", "qualifier",
           "terms", "metric", "subject", "period_start", "period_end", "rule")


class FactSet(Sequence[Fact]):
    """An immutable sequence of facts in document order (start, then end)."""

    __slots__ = ("_facts", "_doc_id")

    def __init__(self, facts: Iterable[Fact] = (), *, doc_id: str | None = None) -> None:
        self._facts = tuple(sorted(facts, key=lambda f: (f.start, f.end)))
        self._doc_id = doc_id

    @property
    def doc_id(self) -> str | None:
        return self._doc_id

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, i: int) -> Fact: ...
    @overload
    def __getitem__(self, i: slice) -> "FactSet": ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return FactSet(self._facts[i], doc_id=self._doc_id)
        return self._facts[i]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FactSet):
            return self._facts == other._facts and self._doc_id == other._doc_id
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._facts, self._doc_id))

    def __repr__(self) -> str:
        return f"FactSet({len(self)} facts, doc_id={self._doc_id!r})"

    def select(self, *, kind: FactKind | str | None = None, metric: str | None = None) -> "FactSet":
        """The facts of one kind and/or metric."""
        k = FactKind(kind) if kind is not None else None
        return FactSet((f for f in self._facts
                        if (k is None or f.kind is k) and (metric is None or f.metric == metric)),
                       doc_id=self._doc_id)

    def to_frame(self) -> "pd.DataFrame":
        """A DataFrame with the columns of ``COLUMNS``, in that order.

        dtypes are fixed whatever the content, also when there are no facts:
        ``string`` for text columns, ``category`` for kind and qualifier,
        ``Int64`` for offsets, ``float64`` for numbers and ``datetime64[ns]``
        for periods.
        """
        import pandas as pd

        fs = self._facts
        n = len(fs)

        def col(name: str) -> list:
            return [getattr(f, name) for f in fs]

        def dates(name: str) -> "pd.Series":
            return pd.to_datetime(pd.Series([getattr(f, name) for f in fs], dtype="object"),
                                  errors="coerce").astype("datetime64[ns]")

        data = {
            "doc_id": pd.array([self._doc_id] * n, dtype="string"),
            "start": pd.array(col("start"), dtype="Int64"),
            "end": pd.array(col("end"), dtype="Int64"),
            "text": pd.array(col("text"), dtype="string"),
            "kind": pd.Categorical([f.kind.value for f in fs], categories=[k.value for k in FactKind]),
            "value": pd.array(col("value"), dtype="float64") if n else pd.array([], dtype="float64"),
            "low": pd.array(col("low"), dtype="float64") if n else pd.array([], dtype="float64"),
            "high": pd.array(col("high"), dtype="float64") if n else pd.array([], dtype="float64"),
            "unit": pd.array([f.unit or None for f in fs], dtype="string"),
            "qualifier": pd.Categorical([f.qualifier.value for f in fs],
                                        categories=[q.value for q in Qualifier]),
            "terms": pd.array(col("terms"), dtype="string"),
            "metric": pd.array(col("metric"), dtype="string"),
            "subject": pd.array(col("subject"), dtype="string"),
            "period_start": dates("period_start").array,
            "period_end": dates("period_end").array,
            "rule": pd.array(col("rule"), dtype="string"),
        }
        return pd.DataFrame(data, columns=list(COLUMNS))
