"""FactSet: the facts of one document, in order, and their DataFrame."""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, overload

from .model import Fact, FactKind, Qualifier

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = ["FactSet", "FactRows", "COLUMNS", "PAGE_COLUMNS"]

COLUMNS = ("doc_id", "start", "end", "text", "kind", "value", "low", "high", "unit", "qualifier",
           "terms", "metric", "subject", "period_start", "period_end", "rule")
# The columns of irmetrics.extract_many: COLUMNS, then the 1-based page of each fact.
PAGE_COLUMNS = COLUMNS + ("page",)


class FactSet(Sequence[Fact]):
    """An immutable sequence of facts in document order (start, then end).

    A FactSet from :func:`irmetrics.extract` keeps the text it was read
    from (:attr:`text`), so it can show its facts where they stand: in a
    notebook (``_repr_html_``) and in an HTML report (:meth:`to_html`).

    Args:
        facts: the facts, in any order.
        doc_id: the ``doc_id`` of their rows.
        text: the document the facts index, or None.

    Raises:
        ValueError: ``text`` is given and a fact's ``text`` is not
            ``text[start:end]`` (the message names the fact and its span).
    """

    __slots__ = ("_facts", "_doc_id", "_text")

    def __init__(self, facts: Iterable[Fact] = (), *, doc_id: str | None = None,
                 text: str | None = None) -> None:
        self._facts = tuple(sorted(facts, key=lambda f: (f.start, f.end)))
        self._doc_id = doc_id
        if text is not None:
            if not isinstance(text, str):
                raise TypeError(f"FactSet text: expected str or None, got {type(text).__name__}")
            for i, f in enumerate(self._facts):
                if text[f.start:f.end] != f.text:
                    raise ValueError(f"FactSet text: fact {i} {f.text!r} at {f.start}:{f.end} "
                                     f"does not match the text there, "
                                     f"{text[f.start:f.end]!r}")
        self._text = text

    @property
    def doc_id(self) -> str | None:
        return self._doc_id

    @property
    def text(self) -> str | None:
        """The document the facts were read from (None for facts put together by hand)."""
        return self._text

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, i: int) -> Fact: ...
    @overload
    def __getitem__(self, i: slice) -> "FactSet": ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return FactSet(self._facts[i], doc_id=self._doc_id, text=self._text)
        return self._facts[i]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FactSet):
            return (self._facts == other._facts and self._doc_id == other._doc_id
                    and self._text == other._text)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._facts, self._doc_id, self._text))

    def __repr__(self) -> str:
        return f"FactSet({len(self)} facts, doc_id={self._doc_id!r})"

    def _repr_html_(self) -> str:
        """The notebook view: the text with every fact marked (colour by kind, details on
        hover), then the fact table.  A long text is shown around its facts."""
        from .notebook import notebook_html
        return notebook_html(self)

    def to_html(self, path: "str | os.PathLike[str] | None" = None, *, title: str | None = None,
                full_text: bool = False) -> str:
        """This document's HTML report (see :func:`irmetrics.report_html`); written to ``path`` if given.

        One self-contained file: the text with every fact marked, charts of
        metrics over periods, and a fact table to filter, sort and click.

        Raises:
            InputError: the FactSet has no ``text`` (it was not made by
                :func:`irmetrics.extract` nor given ``text=``).
            OSError: ``path`` cannot be written.
        """
        from .report import report_html
        return report_html([self], path, title=title, full_text=full_text)

    def select(self, *, kind: FactKind | str | None = None, metric: str | None = None) -> "FactSet":
        """The facts of one kind and/or metric."""
        k = FactKind(kind) if kind is not None else None
        return FactSet((f for f in self._facts
                        if (k is None or f.kind is k) and (metric is None or f.metric == metric)),
                       doc_id=self._doc_id, text=self._text)

    def to_frame(self) -> "pd.DataFrame":
        """A DataFrame with the columns of ``COLUMNS``, in that order.

        dtypes are fixed whatever the content, also when there are no facts:
        ``string`` for text columns, ``category`` for kind and qualifier,
        ``Int64`` for offsets, ``float64`` for numbers and ``datetime64[ns]``
        for periods.
        """
        rows = FactRows()
        rows.add(self._facts, self._doc_id)
        return rows.to_frame()


# The Fact fields behind COLUMNS[1:], read in one C call per fact.
_FIELDS = COLUMNS[1:]
_fields_of = attrgetter(*_FIELDS)


class FactRows:
    """Facts of any number of documents as plain rows, turned into one DataFrame at the end.

    Rows are tuples of plain values (no pandas), so they are cheap to build,
    to send between processes and to concatenate; :meth:`to_frame` builds
    every column once, however many documents the rows came from.  Both
    ``FactSet.to_frame`` and ``irmetrics.extract_many`` build their frames
    here, so the columns and dtypes cannot drift apart.
    """

    __slots__ = ("doc_ids", "rows", "pages")

    def __init__(self) -> None:
        self.doc_ids: list[str | None] = []
        self.rows: list[tuple] = []
        # the 1-based page of each row's start, or None where there are no pages
        self.pages: list[int | None] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, facts: Sequence[Fact], doc_id: str | None,
            page_starts: Sequence[int] | None = None) -> None:
        """Append the rows of one document's facts.

        Args:
            facts: the facts, in the order the rows should have.
            doc_id: the ``doc_id`` of every one of these rows.
            page_starts: the offset where each page of the document starts,
                ascending; a fact's page is the last one starting at or
                before the fact.  None when the document has no pages.
        """
        n = len(facts)
        self.doc_ids.extend([doc_id] * n)
        self.rows.extend(map(_fields_of, facts))
        if page_starts is None:
            self.pages.extend([None] * n)
        else:
            self.pages.extend(bisect_right(page_starts, f.start) or None for f in facts)

    def extend(self, other: "FactRows") -> None:
        """Append every row of ``other`` (a block of documents) after these."""
        self.doc_ids.extend(other.doc_ids)
        self.rows.extend(other.rows)
        self.pages.extend(other.pages)

    def to_frame(self, *, page: bool = False) -> "pd.DataFrame":
        """One DataFrame of every row: ``COLUMNS``, then ``page`` (``Int64``) if asked."""
        import pandas as pd

        n = len(self.rows)
        cols = list(zip(*self.rows)) if n else [()] * len(_FIELDS)
        c = dict(zip(_FIELDS, cols))

        def dates(name: str) -> "pd.api.extensions.ExtensionArray":
            return pd.to_datetime(pd.Series(c[name], dtype="object"),
                                  errors="coerce").astype("datetime64[ns]").array

        data = {
            "doc_id": pd.array(self.doc_ids, dtype="string"),
            "start": pd.array(c["start"], dtype="Int64"),
            "end": pd.array(c["end"], dtype="Int64"),
            "text": pd.array(c["text"], dtype="string"),
            "kind": pd.Categorical(c["kind"], categories=_KINDS),
            "value": pd.array(c["value"], dtype="float64"),
            "low": pd.array(c["low"], dtype="float64"),
            "high": pd.array(c["high"], dtype="float64"),
            # "" (no unit) is a missing cell, as in every other text column
            "unit": pd.array([u or None for u in c["unit"]], dtype="string"),
            "qualifier": pd.Categorical(c["qualifier"], categories=_QUALIFIERS),
            "terms": pd.array(c["terms"], dtype="string"),
            "metric": pd.array(c["metric"], dtype="string"),
            "subject": pd.array(c["subject"], dtype="string"),
            "period_start": dates("period_start"),
            "period_end": dates("period_end"),
            "rule": pd.array(c["rule"], dtype="string"),
        }
        names = list(COLUMNS)
        if page:
            data["page"] = pd.array(self.pages, dtype="Int64")
            names.append("page")
        return pd.DataFrame(data, columns=names)


_KINDS = [k.value for k in FactKind]
_QUALIFIERS = [q.value for q in Qualifier]
