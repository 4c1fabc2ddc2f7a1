"""The item pipelines built the way Scrapy builds them (``get_crawler`` + ``build_from_crawler``).

Extraction outcomes become an Article or a counted drop; the archive pipeline stores each
article once, keeps changed versions, remembers copies, and is the only writer of the index.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from archiver.crawl.pipelines import ArchivePipeline, CopyFound, ExtractedPage, ExtractPipeline
from archiver.extraction import Extracted, Failed, Rejected
from archiver.fingerprints import content_hash
from archiver.model import FetchedPage
from archiver.sites import site_from_dict
from archiver.storage.reader import read_archive
from conftest import archiver_settings, make_article

SITE = site_from_dict({"id": "detik", "name": "detikcom", "base_url": "https://www.detik.com/"})
FETCHED = FetchedPage(url="https://news.detik.com/berita/d-7000001/x", site=SITE, html=b"<html></html>", encoding="utf-8",
                      fetched_at=datetime(2026, 3, 30, 2, tzinfo=timezone.utc))


def crawler(tmp_path: Path, **settings: Any) -> Any:
    """A crawler whose archive stores each article as it comes (no fresh-site wait: tests/test_template.py)."""
    settings.setdefault("ARCHIVER_TEMPLATE_HOLD", 0)
    return get_crawler(settings_dict=archiver_settings(ARCHIVER_ARCHIVE_DIR=str(tmp_path), ARCHIVER_FLUSH_SECONDS=0,
                                                       **settings))


def counters(crawler: Any) -> dict[str, int]:
    stats = crawler.stats.get_stats()
    return {k.removeprefix("archiver/detik/"): v for k, v in stats.items() if k.startswith("archiver/detik/")}


def test_extraction_outcomes_become_articles_or_counted_drops(tmp_path: Path) -> None:
    c = crawler(tmp_path)
    pipeline = build_from_crawler(ExtractPipeline, c)
    article = make_article(1)
    assert asyncio.run(pipeline.process_item(ExtractedPage(FETCHED, Extracted(article)))) is article
    signed = asyncio.run(pipeline.process_item(ExtractedPage(FETCHED, Extracted(article, signature=None, signed=True))))
    assert signed.article is article and signed.url == article.url  # the worker's signature rides along to storage
    for outcome in (Rejected("listing, tag or index page"), Failed("RuntimeError('boom')")):
        with pytest.raises(DropItem):
            asyncio.run(pipeline.process_item(ExtractedPage(FETCHED, outcome)))
    assert counters(c) == {"skipped/not_article": 1, "errors/extraction": 1}
    asyncio.run(pipeline.process_item(ExtractedPage(FETCHED, Extracted(article, ("weekday_mismatch",)))))
    assert counters(c)["notes/weekday_mismatch"] == 1  # kept, and counted for the run record


def test_archive_pipeline_stores_once_keeps_versions_and_remembers_copies(tmp_path: Path) -> None:
    c = crawler(tmp_path)
    pipeline = build_from_crawler(ArchivePipeline, c)
    pipeline.open_spider()
    first = make_article(1)
    assert pipeline.process_item(first).version == 1
    with pytest.raises(DropItem, match="duplicate"):  # unchanged re-fetch
        pipeline.process_item(replace(first, fetched_at=datetime(2026, 4, 1, tzinfo=timezone.utc)))
    with pytest.raises(DropItem, match="duplicate"):  # the same body under another URL
        pipeline.process_item(replace(first, url="https://partner.example.id/salinan/1", article_id=None))
    body = first.body + "\nPembaruan: korban bertambah."
    assert pipeline.process_item(replace(first, body=body, content_hash=content_hash(body))).version == 2
    amp = "https://news.detik.com/amp/berita/d-7000002/y"
    original = make_article(2)
    with pytest.raises(DropItem, match="copy"):
        pipeline.process_item(CopyFound(amp, original.url))
    archive = pipeline.archive
    assert archive is not None and archive.known(amp) is None  # the original is not stored yet
    pipeline.process_item(original)
    assert archive.known(amp).article_id == original.article_id  # now the copy leads to it
    pipeline.close_spider()
    rows = read_archive(tmp_path).to_pylist()
    assert sorted((r["article_id"], r["version"]) for r in rows) == sorted(
        [(first.article_id, 1), (first.article_id, 2), (original.article_id, 1)])
    assert counters(c) == {"articles_new": 2, "articles_updated": 1, "duplicates/url": 1, "duplicates/content": 1}


def test_the_archive_lock_is_taken_with_the_spider_and_released_with_it(tmp_path: Path) -> None:
    from archiver.storage.lock import ArchiveLock, ArchiveLocked

    pipeline = build_from_crawler(ArchivePipeline, crawler(tmp_path, ARCHIVER_TAKE_LOCK=True))
    pipeline.open_spider()
    with pytest.raises(ArchiveLocked):
        ArchiveLock(tmp_path).acquire()
    pipeline.close_spider()
    with ArchiveLock(tmp_path):
        pass
