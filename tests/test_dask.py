"""irmetrics.dask on a real LocalCluster of two worker processes, row for row against extract_many."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import irmetrics
import irmetrics.dask

from corpus_files import (ENCODED, PAGE_1, PAGE_2, make_docx, make_html, make_image_pdf,
                          make_pdf, write_encoded)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    paths = [write_encoded(tmp_path, *e) for e in ENCODED]
    paths.insert(3, make_pdf(tmp_path / "deck.pdf", [PAGE_1, PAGE_2]))
    paths.append(make_docx(tmp_path / "record.docx"))
    paths.append(make_html(tmp_path / "page.html", "gb2312"))
    return paths


def test_same_rows_as_extract_many(client, files) -> None:
    ddf = irmetrics.dask.extract_frame(files, files_per_partition=3, date="2024-11-06")
    assert ddf.npartitions == -(-len(files) // 3)
    got = ddf.compute()
    expected = irmetrics.extract_many(files, date="2024-11-06")
    assert len(expected) > 20 and expected["page"].notna().any()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert list(got.columns) == list(irmetrics.PAGE_COLUMNS)


def test_work_happens_on_the_workers(client, files) -> None:
    ddf = irmetrics.dask.extract_frame(files, files_per_partition=2)
    pids = ddf.map_partitions(lambda df: pd.DataFrame({"pid": [os.getpid()]}),
                              meta={"pid": "int64"}).compute()["pid"]
    workers = set(client.run(os.getpid).values())
    assert set(pids) <= workers and os.getpid() not in set(pids)


def test_meta_is_the_schema_of_extract_many(files) -> None:
    ddf = irmetrics.dask.extract_frame(files)
    assert ddf._meta.dtypes.equals(irmetrics.extract_many([]).dtypes)
    assert len(ddf._meta) == 0


def test_bad_files_are_skipped_like_extract_many(client, tmp_path, files) -> None:
    scan = make_image_pdf(tmp_path / "scan.pdf")
    missing = tmp_path / "gone.txt"
    paths = [scan, *files[:4], missing]
    got = irmetrics.dask.extract_frame(paths, files_per_partition=2).compute()
    with pytest.warns(irmetrics.SkippedDocumentWarning):
        expected = irmetrics.extract_many(paths)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert "scan.pdf" not in set(got["doc_id"])


def test_no_files_gives_the_empty_frame(client) -> None:
    got = irmetrics.dask.extract_frame([]).compute()
    assert len(got) == 0 and got.dtypes.equals(irmetrics.extract_many([]).dtypes)


@pytest.mark.parametrize("kw, words", [
    (dict(files_per_partition=0), "files_per_partition"),
    (dict(jobs=2), "unknown keyword jobs"),
    (dict(date="someday"), "YYYY-MM-DD"),
])
def test_bad_arguments_fail_before_anything_is_sent(files, kw, words) -> None:
    with pytest.raises(irmetrics.InputError, match=words):
        irmetrics.dask.extract_frame(files, **kw)
