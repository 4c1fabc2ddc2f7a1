"""Schema, partitioned writer, crash safety, and loading by DuckDB/pandas/Polars/pyarrow."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from archiver.model import ARTICLE_FIELDS
from archiver.storage.maintenance import verify
from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, SCHEMA_VERSION, articles_to_table
from archiver.storage.writer import ParquetArchiveWriter, cleanup_leftovers
from conftest import WIB, WITA, make_article, write_articles

PROJECT = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------ schema
def test_schema_is_declared_with_descriptions_and_version() -> None:
    assert tuple(ARTICLE_SCHEMA.names) == ARTICLE_FIELDS
    assert ARTICLE_SCHEMA.metadata == {b"archiver.schema_version": str(SCHEMA_VERSION).encode()}
    assert all(f.metadata and f.metadata[b"description"] for f in ARTICLE_SCHEMA)
    assert ARTICLE_SCHEMA.field("authors").type == pa.list_(pa.string())
    assert ARTICLE_SCHEMA.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert ARTICLE_SCHEMA.field("word_count").type == pa.int32()
    assert "site" not in FILE_SCHEMA.names


def test_wib_times_become_utc_and_empty_lists_keep_their_type() -> None:
    article = replace(make_article(0, published=datetime(2026, 3, 5, 7, 15, tzinfo=WIB)), authors=[], tags=[])
    table = articles_to_table([article])
    assert table.schema.equals(ARTICLE_SCHEMA, check_metadata=True)
    row = table.to_pylist()[0]
    assert row["published_at"] == datetime(2026, 3, 5, 0, 15, tzinfo=timezone.utc)
    assert row["authors"] == [] and table.schema.field("authors").type == pa.list_(pa.string())


def test_naive_datetime_is_rejected() -> None:
    article = replace(make_article(1), modified_at=datetime(2026, 3, 5, 7, 15))
    with pytest.raises(ValueError, match="naive"):
        articles_to_table([article])
    with pytest.raises(ValueError, match="naive"):
        ParquetArchiveWriter("/nonexistent-never-written").write(article)


# ------------------------------------------------------------------ layout & readers
def test_month_partition_uses_utc_so_early_morning_wib_falls_in_previous_month(tmp_path: Path) -> None:
    early = make_article(2, published=datetime(2026, 4, 1, 6, 0, tzinfo=WIB))  # 2026-03-31 23:00 UTC
    no_date = replace(make_article(3, site="kompas"), published_at=None)  # falls back to fetched_at
    write_articles(tmp_path, [early, no_date])
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert [f.rsplit("/", 1)[0] for f in files] == ["articles/site=detik/month=2026-03", "articles/site=kompas/month=2026-03"]
    assert all(f.rsplit("/", 1)[1].startswith("part-") for f in files)


@pytest.fixture()
def two_site_archive(tmp_path: Path) -> Path:
    articles = [make_article(i, "detik") for i in range(6)] + [make_article(i, "kompas") for i in range(4)]
    articles.append(make_article(9, "tempo.co", published=datetime(2026, 5, 2, 10, 0, tzinfo=WITA)))
    write_articles(tmp_path, articles, flush_rows=4)
    # a crash leftover must not disturb any reader
    (tmp_path / ".staging").mkdir(exist_ok=True)
    (tmp_path / ".staging" / ".part-dead-00001.parquet.tmp").write_bytes(b"PAR1 half a file")
    return tmp_path


EXPECTED_SITES = {"detik": 6, "kompas": 4, "tempo.co": 1}


def _site_counts(values: list[str]) -> dict[str, int]:
    return {s: values.count(s) for s in set(values)}


def test_duckdb_loads_with_site_column(two_site_archive: Path) -> None:
    rel = duckdb.sql(f"select * from read_parquet('{two_site_archive}/articles/**/*.parquet', hive_partitioning=true)")
    assert "site" in rel.columns and "month" in rel.columns
    rows = duckdb.sql(f"select site, count(*) from read_parquet('{two_site_archive}/articles/**/*.parquet', "
                      "hive_partitioning=true) group by site").fetchall()
    assert dict(rows) == EXPECTED_SITES


def test_pandas_loads_with_site_column(two_site_archive: Path) -> None:
    frame = pd.read_parquet(two_site_archive / "articles")
    assert _site_counts([str(s) for s in frame["site"]]) == EXPECTED_SITES
    assert frame["title"].str.contains("Harga Beras").any()
    assert str(frame["published_at"].dt.tz) == "UTC"


def test_polars_loads_with_site_column(two_site_archive: Path) -> None:
    frame = pl.read_parquet(two_site_archive / "articles")
    assert _site_counts(frame["site"].to_list()) == EXPECTED_SITES
    globbed = pl.read_parquet(f"{two_site_archive}/articles/**/*.parquet", hive_partitioning=True)
    assert set(globbed["month"].to_list()) == {"2026-03", "2026-05"}


def test_pyarrow_dataset_loads_with_site_column(two_site_archive: Path) -> None:
    table = ds.dataset(two_site_archive / "articles", partitioning="hive").to_table()
    assert _site_counts([str(s) for s in table["site"].to_pylist()]) == EXPECTED_SITES
    assert table.schema.field("authors").type == pa.list_(pa.string())


# ------------------------------------------------------------------ flushing
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_flushes_on_row_count_and_on_time(tmp_path: Path) -> None:
    clock = FakeClock()
    writer = ParquetArchiveWriter(tmp_path, flush_rows=3, flush_seconds=30, clock=clock, run_id="r1")
    for i in range(2):
        writer.write(make_article(i))
    assert list(tmp_path.rglob("*.parquet")) == [] and writer.buffered_rows == 2
    writer.write(make_article(2))  # third row: size threshold
    assert len(list(tmp_path.rglob("*.parquet"))) == 1 and writer.buffered_rows == 0
    writer.write(make_article(3))
    clock.now += 29
    assert writer.maybe_flush() is False
    clock.now += 2
    assert writer.maybe_flush() is True  # the crawler's timer
    assert writer.buffered_rows == 0
    writer.write(make_article(4))
    clock.now += 31
    writer.write(make_article(5))  # time checked on write too
    stats = writer.close()
    assert (stats.rows, stats.files) == (6, 3)
    assert stats.bytes == sum(p.stat().st_size for p in tmp_path.rglob("*.parquet"))
    names = sorted(p.name for p in tmp_path.rglob("*.parquet"))
    assert names == ["part-r1-00000.parquet", "part-r1-00001.parquet", "part-r1-00002.parquet"]
    assert pq.read_schema(tmp_path.rglob("*.parquet").__next__()).equals(FILE_SCHEMA, check_metadata=False)
    assert verify(tmp_path) == []


def test_buffers_stay_bounded_across_many_partitions(tmp_path: Path) -> None:
    writer = ParquetArchiveWriter(tmp_path, flush_rows=5)
    for i in range(23):
        writer.write(make_article(i, site=f"site{i % 7}"))
        assert writer.buffered_rows < 5
    assert writer.close().rows == 23


# ------------------------------------------------------------------ crash safety
_CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_storage_writer import make_article
    import archiver.storage.writer as w
    mode, root = sys.argv[1], sys.argv[2]
    if mode == "hold":  # stop after the 3rd temp file is complete, before its rename
        calls = []
        real = w._fsync_path
        def hook(path, directory=False):
            real(path, directory)
            if not directory:
                calls.append(path)
                if len(calls) == 3:
                    print("TMP", flush=True)
                    time.sleep(60)
        w._fsync_path = hook
    writer = w.ParquetArchiveWriter(root, flush_rows=7)
    print("START", flush=True)
    for i in range(1_000_000):
        writer.write(make_article(i, site="detik" if i % 2 else "kompas"))
""")


def _run_child(mode: str, root: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    code = _CHILD.format(tests=str(PROJECT / "tests"))
    return subprocess.Popen([sys.executable, "-c", code, mode, str(root)], stdout=subprocess.PIPE, text=True, env=env)


def _assert_readable(root: Path) -> int:
    files = list((root / "articles").rglob("*.parquet"))
    for path in files:
        pq.read_table(path)  # raises on a file without footer
    n = duckdb.sql(f"select count(*) from read_parquet('{root}/articles/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
    assert pl.read_parquet(root / "articles").height == n == pd.read_parquet(root / "articles").shape[0]
    return int(n)


@pytest.mark.slow
def test_sigkill_between_temp_write_and_rename_leaves_only_complete_files(tmp_path: Path) -> None:
    with _run_child("hold", tmp_path) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "START"
            assert child.stdout.readline().strip() == "TMP"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
    staged = list((tmp_path / ".staging").iterdir())
    assert len(staged) == 1 and staged[0].name.endswith(".parquet.tmp")
    rows = _assert_readable(tmp_path)
    assert rows % 7 == 0 and rows >= 7  # only whole flushes are visible
    assert any("leftover" in p for p in verify(tmp_path))
    assert cleanup_leftovers(tmp_path) == [str(staged[0])]
    assert verify(tmp_path) == []


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_unreadable_files(tmp_path: Path) -> None:
    for delay in (0.5, 0.8):
        with _run_child("run", tmp_path) as child:
            assert child.stdout is not None and child.stdout.readline().strip() == "START"
            try:
                child.wait(delay)
            except subprocess.TimeoutExpired:
                pass
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        assert _assert_readable(tmp_path) > 0
    cleanup_leftovers(tmp_path)
    problems = verify(tmp_path)
    assert all("duplicate row" in p for p in problems)  # each run rewrote the same ids; nothing else is wrong


def test_readme_schema_table_is_the_schemas_own_descriptions() -> None:
    """One source for what a column means: the descriptions stored in every Parquet file."""
    from archiver.storage.schema import descriptions

    doc = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = {m[1]: m[2] for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", doc, re.M)}
    assert {name: text for name, _type, text in descriptions()} == {n: table.get(n) for n, _t, _d in descriptions()}
    stored = {f.name: f.metadata[b"description"].decode() for f in ARTICLE_SCHEMA}
    assert stored == {n: table[n] for n in ARTICLE_SCHEMA.names}


def test_writer_works_through_another_pyarrow_filesystem(tmp_path: Path) -> None:
    from pyarrow import fs as pafs

    bucket = pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem())  # stands in for S3/GCS
    write_articles(Path("archive"), [make_article(i) for i in range(3)], filesystem=bucket, flush_rows=2)
    table = ds.dataset("archive/articles", filesystem=bucket, partitioning="hive").to_table()
    assert table.num_rows == 3 and set(table["site"].to_pylist()) == {"detik"}
    assert [p.name for p in (tmp_path / "archive" / ".staging").iterdir()] == []
    assert cleanup_leftovers("archive", bucket) == []
