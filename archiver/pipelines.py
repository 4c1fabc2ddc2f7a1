"""Thin Scrapy adapters over extraction and storage.

* :class:`ExtractPipeline` turns a :class:`PageItem` into an :class:`Article`
  in a process pool, because extraction is CPU-bound and Scrapy runs
  callbacks and pipelines on one thread.
* :class:`ArchivePipeline` deduplicates against the archive's index (same
  canonical URL, a known alias, or the same body under another URL) and hands
  new articles and new versions to the Parquet writer.

Both read their knobs from ``ARCHIVER_*`` settings in ``from_crawler``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from twisted.internet import task

from archiver.crawl import count_for_site
from archiver.extraction import NotAnArticle, extract_article
from archiver.items import PageItem
from archiver.model import Article
from archiver.sites import SiteConfig

logger = logging.getLogger(__name__)


def _ignore_sigint(sites: dict[str, SiteConfig] | None = None, nice: int = 0) -> None:
    """Worker start-up: leave Ctrl-C to the crawler (it shuts the pool down cleanly),
    keep the site configs (each job then ships only its page and a site id), and
    yield the CPU to the reactor process, which feeds every worker: when the
    reactor waits for a core, the whole crawl waits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice:
        os.nice(nice)
    if sites is not None:
        _WORKER_SITES.update(sites)


_WORKER_SITES: dict[str, SiteConfig] = {}


def extract_page(item: PageItem, site: SiteConfig | str) -> Article:
    """Extraction job run in a worker process (top-level so it pickles); ``site`` may be an id."""
    config = _WORKER_SITES[site] if isinstance(site, str) else site
    article = extract_article(
        item.html, item.url, site=config, fetched_at=item.fetched_at,
        more_pages=item.more_pages, encoding=item.encoding,
    )
    aliases = sorted({a for a in (*item.aliases, item.url) if a and a != article.url})
    return replace(article, aliases=aliases)


class ExtractPipeline:
    """PageItem → Article, off the reactor thread; non-articles are dropped and counted.

    Jobs go to a process pool (``ARCHIVER_EXTRACT_WORKERS``, default: the cores)
    with at most ``workers × ARCHIVER_EXTRACT_QUEUE`` pages in flight, so memory
    stays bounded however fast pages arrive.  A job ships the raw bytes and a
    site id; results are identical to extracting on the reactor thread.  When a
    worker dies every job in flight fails with the pool: the pool is rebuilt
    and those pages are retried once, one at a time, so a page that kills its
    worker again is dropped and counted (``errors/worker_died``) alone.
    """

    def __init__(self, crawler: Any, workers: int, queue_per_worker: int, function: Any = None,
                 nice: int = 0) -> None:
        self.crawler = crawler
        self.workers = workers
        self.nice = nice
        self.function = function or extract_page
        self._pool: Executor | None = None
        self._slots = asyncio.Semaphore(max(1, workers * queue_per_worker)) if workers else None
        self._retry_one_at_a_time = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        from scrapy.utils.misc import load_object

        settings = crawler.settings
        function = settings.get("ARCHIVER_EXTRACT_FUNCTION")
        return cls(crawler, settings.getint("ARCHIVER_EXTRACT_WORKERS"), settings.getint("ARCHIVER_EXTRACT_QUEUE"),
                   load_object(function) if function else None, settings.getint("ARCHIVER_EXTRACT_NICE"))

    def _executor(self) -> Executor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["archiver.pipelines"])  # workers fork with extraction imported
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_ignore_sigint,
                                             initargs=(dict(self.crawler.spider.sites), self.nice))
        return self._pool

    def close_spider(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        site = self.crawler.spider.sites[item.site]
        try:
            article = await self._run(item, site)
        except NotAnArticle as exc:
            self._stat(item.site, "skipped/not_article")
            raise DropItem(f"not an article ({exc}): {item.url}") from None
        except BrokenProcessPool:
            self._stat(item.site, "errors/worker_died")
            raise DropItem(f"extraction worker died twice on {item.url}") from None
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the crawl
            logger.warning("extraction failed for %s: %r", item.url, exc)
            self._stat(item.site, "errors/extraction")
            raise DropItem(f"extraction failed: {item.url}") from None
        return article

    async def _run(self, item: PageItem, site: SiteConfig) -> Article:
        if self._slots is None:
            return self.function(item, site)
        async with self._slots:
            try:
                return await self._submit(item, site)
            except BrokenProcessPool:
                pass
            # retries run one at a time: the page that kills a worker only takes itself down
            async with self._retry_one_at_a_time:
                return await self._submit(item, site)

    async def _submit(self, item: PageItem, site: SiteConfig) -> Article:
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, self.function, item, site.id)
        except BrokenProcessPool:
            self._replace_broken(pool, item.url)
            raise

    def _replace_broken(self, pool: Executor, url: str) -> None:
        """Forget a dead pool once (every job it held fails with it); the next job starts a new one."""
        if self._pool is pool:
            logger.error("an extraction worker died (while %s was in flight); restarting the pool", url)
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)

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

