"""Dedup index: aliases, bodies, versions, persistence, rebuild, memory per article."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archiver.fingerprints import article_id, content_hash
from archiver.model import Article
from archiver.storage.dedup import LocalDedupIndex, UrlRecord
from archiver.storage.index_file import covers_archive
from archiver.storage.writer import ParquetArchiveWriter
from conftest import WIB, make_article, write_articles


def test_canonical_alias_and_tracking_variants_resolve_to_the_article(tmp_path: Path) -> None:
    index = LocalDedupIndex(tmp_path)
    article = make_article(1)
    index.add(article, aliases=["https://m.detik.com/berita/d-7000001/amp-copy"])
    want = UrlRecord(article.article_id or "", article.modified_at.astimezone(timezone.utc), 1)  # type: ignore[union-attr]
    assert index.lookup_url(article.url) == want
    assert index.lookup_url(article.url + "?utm_source=facebook&utm_medium=social") == want
    assert index.lookup_url(article.fetched_url or "") == want  # the AMP URL that was downloaded
    assert index.lookup_url("https://m.detik.com/berita/d-7000001/amp-copy") == want
    assert index.lookup_url("https://news.detik.com/berita/d-7999999/lain") is None
    index.add_alias("https://detik.com/r/abc", article.article_id or "")
    assert index.lookup_url("https://detik.com/r/abc") == want
    assert len(index) == 1


def test_republished_body_is_found_by_content_hash(tmp_path: Path) -> None:
    index = LocalDedupIndex(tmp_path)
    original = make_article(2, body="Jakarta - Harga cabai rawit melonjak hingga Rp100.000 per kilogram di Pasar Induk.")
    index.add(original)
    copy_hash = content_hash("JAKARTA — Harga cabai rawit melonjak hingga Rp100.000 per kilogram, di pasar induk!")
    assert index.has_content(copy_hash) == original.article_id
    assert index.has_content(content_hash("Berita lain sama sekali.")) is None


def test_updated_version_keeps_latest_modified_at_even_if_rows_arrive_out_of_order(tmp_path: Path) -> None:
    index = LocalDedupIndex(tmp_path)
    first = make_article(3)
    second = replace(make_article(3, version=2), modified_at=datetime(2026, 3, 10, 20, 0, tzinfo=WIB))
    index.add(first)
    index.merge()  # the update now hits the packed arrays, not the pending dict
    index.add(second)
    index.add(first)  # a stale row (e.g. re-read after compaction) must not win
    record = index.lookup_url(first.url)
    assert record is not None and record.version == 2
    assert record.modified_at == datetime(2026, 3, 10, 13, 0, tzinfo=timezone.utc)
    assert index.is_newer(first.url, datetime(2026, 3, 10, 20, 30, tzinfo=WIB))
    assert not index.is_newer(first.url, datetime(2026, 3, 10, 20, 0, tzinfo=WIB))
    assert index.is_newer("https://news.detik.com/baru", None)


def test_save_and_open_round_trip_keeps_index_only_aliases(tmp_path: Path) -> None:
    articles = [make_article(i) for i in range(300)]
    write_articles(tmp_path, articles)
    index = LocalDedupIndex.open(tmp_path)
    index.add_alias("https://detik.com/short/xyz", articles[5].article_id or "")
    index.save()
    again = LocalDedupIndex.open(tmp_path)
    assert len(again) == 300
    assert again.lookup_url("https://detik.com/short/xyz") == index.lookup_url(articles[5].url)
    assert again.has_content(articles[7].content_hash or "") == articles[7].article_id


def test_missing_or_corrupt_index_is_rebuilt_from_parquet(tmp_path: Path) -> None:
    articles = [make_article(i, site) for i in range(40) for site in ("detik", "kompas")]
    write_articles(tmp_path, articles, flush_rows=25)
    built = LocalDedupIndex.open(tmp_path)  # no index yet
    assert len(built) == 80
    built.save()
    (tmp_path / "index" / "dedup.npz").write_bytes(b"not a zip file at all")
    rebuilt = LocalDedupIndex.open(tmp_path)
    assert len(rebuilt) == 80
    for article in articles[::9]:
        record = rebuilt.lookup_url(article.fetched_url or "")
        assert record is not None and record.article_id == article.article_id
        assert rebuilt.has_content(article.content_hash or "") == article.article_id


def test_files_written_after_the_saved_index_are_caught_up(tmp_path: Path) -> None:
    write_articles(tmp_path, [make_article(i) for i in range(10)])
    index = LocalDedupIndex.open(tmp_path)
    index.save()
    late = make_article(50)
    with ParquetArchiveWriter(tmp_path) as writer:  # e.g. flushed, then the crawl was killed before save()
        writer.write(late)
    assert not covers_archive(tmp_path)
    reopened = LocalDedupIndex.open(tmp_path)
    assert len(reopened) == 11
    assert reopened.lookup_url(late.url) is not None


def test_an_index_saved_after_the_last_flush_reads_no_parquet_when_reopened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-crawl starts from the saved arrays alone, even when the last file was flushed a moment before."""
    import archiver.storage.dedup as dedup

    write_articles(tmp_path, [make_article(i) for i in range(10)])
    LocalDedupIndex.open(tmp_path).save()
    assert covers_archive(tmp_path)
    read: list[list[str]] = []
    real = dedup.archived_rows
    monkeypatch.setattr(dedup, "archived_rows", lambda files: read.append(files) or real(files))
    assert len(LocalDedupIndex.open(tmp_path)) == 10
    assert read == [[]]


def test_an_index_without_a_file_list_trusts_files_older_than_itself(tmp_path: Path) -> None:
    """Indexes saved by earlier versions have no file list: their mtime decides, with a margin."""
    import os

    import numpy as np

    write_articles(tmp_path, [make_article(i) for i in range(10)])
    LocalDedupIndex.open(tmp_path).save()
    path = tmp_path / "index" / "dedup.npz"
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files if k != "files"}
    np.savez(path, **arrays)
    for parquet in (tmp_path / "articles").rglob("*.parquet"):
        os.utime(parquet, ns=(0, path.stat().st_mtime_ns - 3_000_000_000))
    assert covers_archive(tmp_path)
    late = make_article(50)
    with ParquetArchiveWriter(tmp_path) as writer:
        writer.write(late)
    assert not covers_archive(tmp_path)
    assert LocalDedupIndex.open(tmp_path).lookup_url(late.url) is not None


@pytest.mark.slow
def test_twenty_thousand_articles_fit_in_32_bytes_each() -> None:
    index = LocalDedupIndex()
    for i in range(20_000):
        url = f"https://www.kompas.com/read/2026/03/{1 + i % 28:02d}/{10000000 + i}/judul-berita-{i}"
        index.add(Article(url=url, site="kompas", article_id=article_id(url), content_hash=content_hash(f"Isi berita nomor {i}."),
                          modified_at=datetime(2026, 3, 1, tzinfo=timezone.utc) + timedelta(minutes=i)),
                  aliases=[url.replace("www.", "amp.")])
    per_article = index.memory_bytes() / len(index)
    print(f"dedup index: {len(index)} articles, {index.memory_bytes()} bytes, {per_article:.1f} B/article")
    assert len(index) == 20_000
    assert per_article <= 32
    probe = f"https://amp.kompas.com/read/2026/03/{1 + 12344 % 28:02d}/10012344/judul-berita-12344"
    record = index.lookup_url(probe)
    assert record is not None and record.article_id == article_id(probe.replace("amp.", "www."))
    assert record.modified_at == datetime(2026, 3, 1, tzinfo=timezone.utc) + timedelta(minutes=12344)
    assert index.has_content(content_hash("isi BERITA nomor 12344")) == record.article_id


def test_alias_recorded_before_its_article_is_stored_waits_for_it(tmp_path: Path) -> None:
    """The spider sees an AMP page whose canonical URL is still in flight."""
    index = LocalDedupIndex(tmp_path)
    article = make_article(8)
    amp = "https://news.detik.com/amp/berita/d-7000008"
    index.add_alias(amp, article_id(article.url))
    index.merge()  # a batch merge while the canonical page is still downloading
    assert index.lookup_url(amp) is None
    index.add(article)
    assert index.lookup_url(amp) is not None and index.lookup_url(amp) == index.lookup_url(article.url)
    index.merge()
    index.add_alias("https://news.detik.com/amp/never-stored", article_id("https://news.detik.com/never-stored"))
    index.save()
    reopened = LocalDedupIndex.open(tmp_path)
    assert reopened.lookup_url(amp) == index.lookup_url(article.url)
    assert reopened.lookup_url("https://news.detik.com/amp/never-stored") is None
