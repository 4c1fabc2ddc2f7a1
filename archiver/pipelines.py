"""Thin Scrapy adapters over extraction and storage.

* :class:`ExtractPipeline` turns a :class:`PageItem` into an :class:`Article`
  (extracted in a worker process: CPU-bound work stays off the reactor thread).
* :class:`ArchivePipeline` deduplicates against the archive's index (same
  canonical URL, a known alias, or the same body under another URL) and hands
  new articles and new versions to the Parquet writer.

Both read their knobs from ``ARCHIVER_*`` settings in ``from_crawler``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from twisted.internet import task

from archiver.analysis import extract_function, extract_page
from archiver.crawl import count_for_site
from archiver.extraction import NotAnArticle
from archiver.items import PageItem
from archiver.model import Article
from archiver.workers import WorkerDied, WorkerPool

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """PageItem → Article, off the reactor thread; non-articles are dropped and counted.

    A single-page article arrives already extracted: the page analysis
    (:mod:`archiver.analysis`) extracts it in a worker on the tree it parsed
    anyway.  Multi-page articles (and pages whose analysis did not extract)
    are extracted here, in the crawl's :class:`~archiver.workers.WorkerPool`.
    Either way the outcome is identical to extracting on the reactor thread,
    and this is the one place that counts it.
    """

    def __init__(self, crawler: Any, function: Any = None) -> None:
        self.crawler = crawler
        self.function = function or extract_page

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        return cls(crawler, extract_function(crawler.settings))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        site = self.crawler.spider.sites[item.site]
        try:
            article = item.extracted
            if article is None:
                article = await WorkerPool.for_crawler(self.crawler).run(self.function, item, site=site)
            if isinstance(article, Exception):
                raise article
        except NotAnArticle as exc:
            self._stat(item.site, "skipped/not_article")
            raise DropItem(f"not an article ({exc}): {item.url}") from None
        except WorkerDied:
            self._stat(item.site, "errors/worker_died")
            raise DropItem(f"extraction worker died twice on {item.url}") from None
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the crawl
            logger.warning("extraction failed for %s: %r", item.url, exc)
            self._stat(item.site, "errors/extraction")
            raise DropItem(f"extraction failed: {item.url}") from None
        return article

    def _stat(self, site: str, key: str) -> None:
        count_for_site(self.crawler.stats, site, key)


class ArchivePipeline:
    """Store each article once: dedup by URL, alias and body; keep updated versions."""

    def __init__(self, crawler: Any, root: Path) -> None:
        from archiver.storage import ParquetArchiveWriter, cleanup_leftovers
        from archiver.storage.dedup import LocalDedupIndex
        from archiver.storage.lock import ArchiveLock

        settings = crawler.settings
        self.crawler = crawler
        self.root = root
        self.lock = ArchiveLock(root) if settings.getbool("ARCHIVER_TAKE_LOCK") else None
        if self.lock is not None:
            self.lock.acquire()
        cleanup_leftovers(root)
        self.index = LocalDedupIndex.open(root)
        self.writer = ParquetArchiveWriter(
            root, flush_rows=settings.getint("ARCHIVER_FLUSH_ROWS"),
            flush_seconds=settings.getfloat("ARCHIVER_FLUSH_SECONDS"),
            run_id=settings.get("ARCHIVER_RUN_ID") or None,
        )
        self.flush_seconds = settings.getfloat("ARCHIVER_FLUSH_SECONDS")
        self._timer: task.LoopingCall | None = None
        crawler.archive_index = self.index  # the spider skips known URLs with it
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchivePipeline":
        return cls(crawler, Path(crawler.settings.get("ARCHIVER_ARCHIVE_DIR")))

    def open_spider(self) -> None:
        if self.flush_seconds > 0:
            self._timer = task.LoopingCall(self._flush_if_due)
            self._timer.start(min(self.flush_seconds, 5.0), now=False)

    def _flush_if_due(self) -> None:
        self.writer.maybe_flush()

    def _spider_idle(self) -> None:
        """Nothing in flight: a good moment to make buffered rows durable."""
        self.writer.flush()
        self.index.save()

    def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        try:
            stats = self.writer.close()
            self.index.save()
            logger.info("archive %s: %s", self.root, stats)
        finally:
            if self.lock is not None:
                self.lock.release()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        article = item
        known = self.index.lookup_url(article.url)
        if known is not None:
            # Known articles are only re-downloaded when a sitemap or feed says they changed
            # (or, within a run, when two URLs of one article were in flight): a new body
            # is a new version, the same body only confirms the stored copy.
            if article.content_hash and self.index.has_content(article.content_hash) == known.article_id:
                # unchanged: the stored copy is current as of this download
                self.index.add(replace(article, article_id=known.article_id, version=known.version,
                                       modified_at=article.fetched_at))
                self._duplicate(article, known.article_id, "url")
            article = replace(article, article_id=known.article_id, version=known.version + 1)
            self._stat(article.site, "articles_updated")
        else:
            holder = self.index.has_content(article.content_hash) if article.content_hash else None
            if holder is not None:
                self._duplicate(article, holder, "content")
            self._stat(article.site, "articles_new")
        self.writer.write(article)
        self.index.add(article, aliases=article.aliases)
        return article

    def _duplicate(self, article: Article, holder: str, how: str) -> None:
        for url in (article.url, article.fetched_url, *article.aliases):
            if url:
                self.index.add_alias(url, holder)
        self._stat(article.site, f"duplicates/{how}")
        raise DropItem(f"duplicate ({how}) of {holder}: {article.url}")

    def _stat(self, site: str, key: str) -> None:
        count_for_site(self.crawler.stats, site, key)

