"""verify, compact, current versions and per-day counts on a realistic archive."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from archiver.storage.dedup import LocalDedupIndex
from archiver.storage.index_file import covers_archive
from archiver.storage.maintenance import compact, verify
from archiver.storage.reader import READ_SCHEMA, current_articles_sql, daily_counts, read_archive, read_current
from archiver.storage.schema import FILE_SCHEMA
from conftest import WIB, make_article, write_articles, write_older_file, write_version_1_file


def _versioned_archive(root: Path) -> None:
    """Three runs: 12 detik + 3 kompas articles, then updates of two articles (versions 2 and 3)."""
    write_articles(root, [make_article(i) for i in range(12)] + [make_article(i, "kompas") for i in range(3)], flush_rows=4,
                   run_id="r1")
    update = make_article(4, version=2, body="Jakarta - Harga beras turun lagi setelah operasi pasar. (diperbarui)")
    write_articles(root, [update, make_article(5, version=2)], flush_rows=1, run_id="r2")
    write_articles(root, [make_article(5, version=3, body="Jakarta - Versi ketiga.")], run_id="r3")


def test_healthy_archive_verifies_and_readers_see_every_version(tmp_path: Path) -> None:
    _versioned_archive(tmp_path)
    assert verify(tmp_path) == []
    everything = read_archive(tmp_path)
    assert everything.schema.equals(READ_SCHEMA) and everything.num_rows == 18
    current = read_current(tmp_path)
    assert current.num_rows == 15
    by_id = {r["article_id"]: r for r in current.to_pylist()}
    assert by_id[make_article(5).article_id]["version"] == 3
    assert by_id[make_article(4).article_id]["body"].endswith("(diperbarui)")
    assert {r["site"] for r in current.to_pylist()} == {"detik", "kompas"}
    n = duckdb.sql(f"select count(*) from ({current_articles_sql(tmp_path)})").fetchall()[0][0]
    assert n == 15


def test_verify_reports_truncated_file_wrong_schema_duplicates_and_leftovers(tmp_path: Path) -> None:
    _versioned_archive(tmp_path)
    folder = tmp_path / "articles" / "site=detik" / "month=2026-03"
    victim = sorted(folder.glob("*.parquet"))[0]
    data = victim.read_bytes()
    (folder / "part-broken-00000.parquet").write_bytes(data[: len(data) // 2])  # a writer killed without the fsync/rename dance
    pq.write_table(pa.table({"url": ["https://news.detik.com/x"], "judul": ["salah"]}), folder / "part-alien-00000.parquet")
    (folder / "part-copy-00000.parquet").write_bytes(data)  # same rows twice
    (tmp_path / ".staging").mkdir(exist_ok=True)
    (tmp_path / ".staging" / ".part-x.parquet.tmp").write_bytes(b"")
    problems = verify(tmp_path)
    assert any("part-broken" in p and "unreadable" in p for p in problems)
    assert any("part-alien" in p and "schema differs" in p for p in problems)
    assert any(p.startswith("duplicate row: article_id=") for p in problems)
    assert any("leftover temporary file" in p for p in problems)


def test_compact_merges_partitions_keeps_versions_drops_duplicates_and_index_stays_fresh(tmp_path: Path) -> None:
    _versioned_archive(tmp_path)
    folder = tmp_path / "articles" / "site=detik" / "month=2026-03"
    duplicate = folder / "part-r1-00000.parquet"  # 4 rows
    (folder / "part-copy-00000.parquet").write_bytes(duplicate.read_bytes())  # e.g. a crash inside an earlier compaction
    LocalDedupIndex.open(tmp_path).save()
    before = read_current(tmp_path)
    stats = compact(tmp_path)
    assert stats.merged == ["site=detik/month=2026-03"]  # kompas already had a single file
    assert stats.files_after == 1 and stats.files_before == 7
    assert stats.rows == 15 and stats.duplicates_dropped == 4
    assert verify(tmp_path) == []
    assert [len(list(p.glob("*.parquet"))) for p in sorted((tmp_path / "articles").glob("site=*/month=*"))] == [1, 1]
    assert read_archive(tmp_path).num_rows == 18
    after = read_current(tmp_path)
    assert sorted(after.to_pylist(), key=lambda r: r["article_id"]) == sorted(before.to_pylist(), key=lambda r: r["article_id"])
    assert covers_archive(tmp_path)  # the next crawl re-reads no compacted file
    assert pq.read_schema(next(folder.glob("*.parquet"))).equals(FILE_SCHEMA, check_metadata=False)


def test_reader_during_compaction_never_loses_rows_after_dedup(tmp_path: Path) -> None:
    write_articles(tmp_path, [make_article(i) for i in range(40)], flush_rows=2)
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.append(read_current(tmp_path).num_rows)
            except (OSError, duckdb.IOException):
                seen.append(-1)  # a file listed then unlinked: the reader retries, it never sees a partial file

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        compact(tmp_path)
    finally:
        stop.set()
        thread.join(30)
    assert seen and all(n in (40, -1) for n in seen)
    assert read_current(tmp_path).num_rows == 40


def test_daily_counts_per_site_per_wib_day(tmp_path: Path) -> None:
    late_evening = make_article(1, published=datetime(2026, 3, 9, 23, 30, tzinfo=WIB))
    early_morning = make_article(2, published=datetime(2026, 3, 10, 6, 0, tzinfo=WIB))  # 2026-03-09 23:00 UTC
    write_articles(tmp_path, [late_evening, early_morning, make_article(2, version=2, published=early_morning.published_at),
                              make_article(3, "kompas", published=datetime(2026, 3, 10, 8, 0, tzinfo=timezone.utc))])
    assert daily_counts(tmp_path) == [
        {"site": "detik", "day": date(2026, 3, 9), "articles": 1, "versions": 1},
        {"site": "detik", "day": date(2026, 3, 10), "articles": 1, "versions": 2},
        {"site": "kompas", "day": date(2026, 3, 10), "articles": 1, "versions": 1},
    ]
    assert daily_counts(tmp_path / "nowhere") == [] and read_current(tmp_path / "nowhere").num_rows == 0


def test_files_of_an_older_schema_version_still_load_verify_and_compact(tmp_path: Path) -> None:
    import duckdb

    old = make_article(1, published=datetime(2026, 3, 9, 9, 0, tzinfo=WIB))
    write_version_1_file(tmp_path, old)
    v2 = replace(make_article(3, published=datetime(2026, 3, 9, 1, 0, tzinfo=WIB)), published_at_precision="minute")
    write_older_file(tmp_path, v2, 2)
    new = replace(make_article(2, published=datetime(2026, 3, 9, 0, 0, tzinfo=WIB)), published_at_precision="day",
                  warc_file=["warc/detik/x.warc.gz"], warc_offset=[0], warc_record_id=["<urn:uuid:1>"], extractor_version="t")
    write_articles(tmp_path, [new])
    assert verify(tmp_path, check_warc=False) == []
    rows = {r["article_id"]: r for r in read_archive(tmp_path).to_pylist()}
    assert rows[old.article_id]["published_at_precision"] is None and rows[new.article_id]["published_at_precision"] == "day"
    assert rows[v2.article_id]["published_at_precision"] == "minute" and rows[v2.article_id]["warc_file"] is None
    assert rows[new.article_id]["warc_offset"] == [0] and rows[new.article_id]["extractor_version"] == "t"
    assert duckdb.sql(f"select count(*) from ({current_articles_sql(tmp_path)})").fetchall() == [(3,)]
    compact(tmp_path)
    assert verify(tmp_path, check_warc=False) == [] and read_archive(tmp_path).num_rows == 3


def test_a_file_declaring_an_unknown_schema_version_is_reported(tmp_path: Path) -> None:
    path = write_version_1_file(tmp_path, make_article(1))
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({b"archiver.schema_version": b"99"}), path)
    (problem,) = verify(tmp_path)
    assert "schema version" in problem


def test_compact_brings_a_lone_older_file_to_the_current_schema(tmp_path: Path) -> None:
    import pandas as pd

    from archiver.storage.layout import partitions
    from archiver.storage.schema import SCHEMA_VERSION, file_version

    write_version_1_file(tmp_path, make_article(1, published=datetime(2025, 1, 9, 9, 0, tzinfo=WIB)))
    write_articles(tmp_path, [make_article(2, published=datetime(2026, 3, 9, 9, 0, tzinfo=WIB))])
    assert "published_at_precision" not in pd.read_parquet(tmp_path / "articles").columns  # the first file's schema wins
    stats = compact(tmp_path)
    assert stats.partitions == 1 and stats.rows == 1  # only the old file's partition was rewritten
    files = [f for fs in partitions(str(tmp_path)).values() for f in fs]
    assert {file_version(pq.read_schema(f)) for f in files} == {SCHEMA_VERSION}
    frame = pd.read_parquet(tmp_path / "articles")
    assert len(frame) == 2 and "published_at_precision" in frame.columns
    assert verify(tmp_path) == []
