"""Thin Scrapy adapters over extraction and storage.

* :class:`ExtractPipeline` turns a :class:`~archiver.model.FetchedPage` into an
  :class:`~archiver.model.Article` (extracted in a worker process: CPU-bound work
  stays off the reactor thread) and counts every extraction outcome.
* :class:`ArchivePipeline` owns the :class:`~archiver.storage.Archive`: it is the
  only component that writes the dedup index.  The spider asks it what is
  known (``crawler.get_item_pipeline(ArchivePipeline).archive``) and reports a
  copy that names its original with a :class:`CopyFound` item.

Both read their knobs from ``ARCHIVER_*`` settings in ``from_crawler`` and open
their resources when the spider opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.misc import load_object
from twisted.internet import task

from archiver.analysis import Extraction, extract_page, extraction_of
from archiver.crawl.limits import RunLimits
from archiver.crawl.workers import WorkerDied, WorkerPool
from archiver.extraction import Extracted, Rejected
from archiver.model import Article, FetchedPage
from archiver.outcome import Stat, count
from archiver.storage.archive import COMPUTE, Archive, Duplicate, New, Submitted, Updated

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CopyFound:
    """A page (AMP copy, mirror path) that names ``original`` as its canonical URL."""

    url: str
    original: str


@dataclass(frozen=True, slots=True)
class SignedArticle:
    """An article with what its worker computed so that the archive need not: the near-duplicate
    signature, and the keys of its lines and page links (:class:`~archiver.extraction.template.PageKeys`)."""

    article: Article
    signature: Any
    template_keys: Any = None

    @property
    def url(self) -> str:
        return self.article.url


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """A fetched page whose extraction already ran (with its analysis, in a worker)."""

    page: FetchedPage
    extraction: Extraction


def extract_function(settings: Any) -> Any:
    """``ARCHIVER_EXTRACT_FUNCTION`` (tests inject faults with it), else :func:`archiver.analysis.extract_page`."""
    name = settings.get("ARCHIVER_EXTRACT_FUNCTION")
    return load_object(name) if name else extract_page


class ExtractPipeline:
    """FetchedPage → Article, off the reactor thread; non-articles are dropped and counted."""

    def __init__(self, crawler: Any, function: Any, limits: RunLimits, sign: bool = True, anchors: bool = True) -> None:
        self.crawler = crawler
        self.function = function
        self.limits = limits
        self.sign = sign  # the worker computes the near-duplicate signature (ARCHIVER_CLUSTERS)
        self.anchors = anchors  # and the keys of the site's template model (ARCHIVER_TEMPLATE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        return cls(crawler, extract_function(settings), RunLimits.from_settings(settings),
                   settings.getbool("ARCHIVER_CLUSTERS"), settings.getbool("ARCHIVER_TEMPLATE"))

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, ExtractedPage):
            page, extraction = item.page, item.extraction
        elif isinstance(item, FetchedPage):
            page = item
            try:
                pool = self.crawler.get_extension(WorkerPool) or WorkerPool(0)
                extraction = await pool.run(partial(extraction_of, sign=self.sign, anchors=self.anchors), self.function,
                                            page)
            except WorkerDied:
                self._count(page, Stat.error("worker_died"))
                raise DropItem(f"extraction worker died twice on {page.url}") from None
        else:
            return item
        if isinstance(extraction, Extracted):
            for note in extraction.notes:
                self._count(page, Stat.note(note))
                logger.info("%s: %s (%r)", note.replace("_", " "), page.url, extraction.article.published_at_text)
            if self.limits.before_since(extraction.article.published_at):
                self._count(page, Stat.skipped("before_since"))
                raise DropItem(f"published before --since: {page.url}", log_level="DEBUG")
            if extraction.signed or extraction.template_keys is not None:
                return SignedArticle(extraction.article, extraction.signature if extraction.signed else COMPUTE,
                                     extraction.template_keys)
            return extraction.article
        if isinstance(extraction, Rejected):
            self._count(page, Stat.skipped("not_article"))
            raise DropItem(f"not an article ({extraction.reason}): {page.url}", log_level="INFO")
        logger.warning("extraction failed for %s: %s", page.url, extraction.error)
        self._count(page, Stat.error("extraction"))
        raise DropItem(f"extraction failed: {page.url}")

    def _count(self, page: FetchedPage, name: str) -> None:
        count(self.crawler.stats, page.site.id, name)


class ArchivePipeline:
    """Store each article once (see :meth:`Archive.store`); the archive opens with the spider."""

    def __init__(self, crawler: Any, root: Path) -> None:
        self.crawler = crawler
        self.root = root
        self.settings = crawler.settings
        self.archive: Archive | None = None
        self.lock: Any = None
        self._timer: task.LoopingCall | None = None
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        return cls(crawler, Path(crawler.settings.get("ARCHIVER_ARCHIVE_DIR")))

    def open_spider(self) -> None:
        from archiver.storage.lock import ArchiveLock

        settings = self.settings
        if settings.getbool("ARCHIVER_TAKE_LOCK"):
            self.lock = ArchiveLock(self.root)
            self.lock.acquire()
        capture = self._warc_capture()
        self.archive = Archive.open(
            self.root, index_class=load_object(settings.get("ARCHIVER_DEDUP_INDEX")),
            cluster_window=timedelta(days=settings.getfloat("ARCHIVER_CLUSTER_WINDOW_DAYS")),
            clusters=settings.getbool("ARCHIVER_CLUSTERS"),
            flush_rows=settings.getint("ARCHIVER_FLUSH_ROWS"), flush_seconds=settings.getfloat("ARCHIVER_FLUSH_SECONDS"),
            run_id=settings.get("ARCHIVER_RUN_ID") or None, templates=template_options(settings),
            before_flush=capture.seal if capture is not None else None)  # rows never point into an open WARC file
        seconds = settings.getfloat("ARCHIVER_FLUSH_SECONDS")
        if seconds > 0:
            self._timer = task.LoopingCall(self.archive.maybe_flush)
            self._timer.start(min(seconds, 5.0), now=False)

    def _warc_capture(self) -> Any:
        """The crawl's :class:`~archiver.crawl.warc.WarcCapture` (None when off, or outside a crawl engine)."""
        from archiver.crawl.warc import WarcCapture

        try:
            return self.crawler.get_downloader_middleware(WarcCapture)
        except RuntimeError:  # a pipeline driven without an engine (tests)
            return None

    def _spider_idle(self) -> None:
        """Nothing in flight: a good moment to make buffered rows durable."""
        if self.archive is not None:
            self.archive.checkpoint()

    def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        try:
            if self.archive is not None:
                for done in self.archive.release():  # fresh sites' articles, judged by the model as it is now
                    self._count_stored(done)
                stats = self.archive.close()
                logger.info("archive %s: %d rows written in %d files (%d bytes)", self.root, stats.rows, stats.files,
                            stats.bytes)
        finally:
            if self.lock is not None:
                self.lock.release()

    def process_item(self, item: Any) -> Any:
        assert self.archive is not None, "the archive opens with the spider"
        if isinstance(item, CopyFound):
            self.archive.remember_alias(item.url, item.original)
            raise DropItem(f"copy of {item.original}: {item.url}", log_level="DEBUG")
        signature: Any = COMPUTE
        keys: Any = None
        if isinstance(item, SignedArticle):
            item, signature, keys = item.article, item.signature, item.template_keys
        if not isinstance(item, Article):
            return item
        mine: Submitted | None = None
        for done in self.archive.submit(item, signature, keys):
            self._count_stored(done)
            if done.article.url == item.url and done.article.fetched_url == item.fetched_url:
                mine = done
        if mine is None:
            count(self.crawler.stats, item.site, Stat.TEMPLATE_WAITING)
            raise DropItem(f"waiting for the site's template model: {item.url}", log_level="DEBUG")
        result = mine.stored
        if isinstance(result, Duplicate):
            raise DropItem(f"duplicate ({result.how}) of {result.of}: {item.url}", log_level="INFO")
        assert isinstance(result, (New, Updated))
        return result.article

    def _count_stored(self, done: Submitted) -> None:
        """Count one stored (or duplicate) article and the template lines its body lost."""
        site, result = done.article.site, done.stored
        if done.dropped:
            count(self.crawler.stats, site, Stat.TEMPLATE_LINES_DROPPED, done.dropped)
        if isinstance(result, Duplicate):
            count(self.crawler.stats, site, Stat.duplicate(result.how))
        else:
            count(self.crawler.stats, site, Stat.ARTICLES_NEW if isinstance(result, New) else Stat.ARTICLES_UPDATED)


def template_options(settings: Any) -> dict[str, int] | None:
    """The template model's knobs (``ARCHIVER_TEMPLATE_*``); None when ``ARCHIVER_TEMPLATE`` is off."""
    if not settings.getbool("ARCHIVER_TEMPLATE"):
        return None
    return {"min_pages": settings.getint("ARCHIVER_TEMPLATE_MIN_PAGES"), "hold": settings.getint("ARCHIVER_TEMPLATE_HOLD"),
            "max_lines": settings.getint("ARCHIVER_TEMPLATE_MAX_LINES"),
            "max_anchors": settings.getint("ARCHIVER_TEMPLATE_MAX_LINES")}
