"""Corpora on a Dask cluster: files are read and extracted on the workers.

::

    from distributed import Client
    import irmetrics.dask

    client = Client("tcp://scheduler:8786")        # or Client(LocalCluster(...))
    ddf = irmetrics.dask.extract_frame(paths, date="2024-11-06")
    ddf.groupby("metric").size().compute()

Needs the ``irmetrics[dask]`` extra (and ``irmetrics[documents]`` on the
workers for PDF and DOCX files).  Only the paths travel to the workers: the
files must be readable there under the same names (a shared disk).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .corpus import empty_frame, extract_many, iter_batches
from .errors import InputError

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = ["extract_frame"]

# The keywords of extract_many that make sense on a worker.  jobs and
# progress do not: a Dask worker process may not start processes of its
# own, and its standard error is not the user's.
_KEYWORDS = frozenset({"date", "lang", "fiscal_year_end", "packs", "encoding"})


def extract_frame(paths: Iterable[str | PathLike[str]], *, files_per_partition: int = 16,
                  **extract_kw: Any) -> "dd.DataFrame":
    """The facts of many files as a Dask DataFrame, one partition per batch of files.

    Each partition is :func:`irmetrics.extract_many` over
    ``files_per_partition`` consecutive files, run on a worker: reading
    (PDF, DOCX, detected encodings) and extraction both happen there.  The
    columns and dtypes are those of ``extract_many`` (the frame's
    ``_meta``), and the rows of partition after partition are its rows in
    the same order; each partition's index starts at 0.

    Files that cannot be read are skipped, as by ``extract_many``; the
    warning naming each is raised on the worker, where ``distributed``
    logs it, not here.

    Args:
        paths: the files (not folders), in the order their rows should come.
        files_per_partition: how many files make one partition.
        **extract_kw: ``date``, ``lang``, ``fiscal_year_end``, ``packs``
            (names or .toml paths, readable on the workers) and
            ``encoding``, as for :func:`irmetrics.extract_many`.

    Raises:
        ImportError: dask is not installed (naming the extra to install).
        InputError: a bad ``files_per_partition``, an unknown keyword, or a
            bad value for one (checked here, before anything is sent).
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise ImportError("irmetrics.dask needs dask, which is not installed; "
                          "install it with: pip install 'irmetrics[dask]'") from None
    if (isinstance(files_per_partition, bool) or not isinstance(files_per_partition, int)
            or files_per_partition < 1):
        raise InputError(f"files_per_partition: expected a whole number >= 1, "
                         f"got {files_per_partition!r}")
    unknown = sorted(set(extract_kw) - _KEYWORDS)
    if unknown:
        raise InputError(f"extract_frame: unknown keyword {', '.join(unknown)}; expected any "
                         f"of {', '.join(sorted(_KEYWORDS))}")
    packs = extract_kw.get("packs")
    if packs is not None:
        extract_kw["packs"] = [str(p) if isinstance(p, PathLike) else p for p in packs]
    iter_batches([], **extract_kw)  # checks every option here, not on a worker
    files = [str(p) for p in paths]  # plain strings travel to any worker
    meta = empty_frame()
    if not files:
        return dd.from_pandas(meta, npartitions=1)
    batches = [files[i:i + files_per_partition]
               for i in range(0, len(files), files_per_partition)]
    return dd.from_map(_partition, batches, meta=meta, label="irmetrics-extract",
                       enforce_metadata=False, kw=extract_kw)


def _partition(files: list[str], kw: dict[str, Any]) -> Any:
    """Worker side: one partition, the facts of a batch of files."""
    df = extract_many([Path(f) for f in files], **kw)
    # attrs do not travel through Dask's concatenation; the warnings do the telling.
    df.attrs.clear()
    return df
