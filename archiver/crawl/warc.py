"""``WarcCapture``: every response the crawl downloads (and its request) kept as WARC records.

A downloader middleware placed between the downloader and
``HttpCompressionMiddleware`` (590) and ``RedirectMiddleware`` (600), so it
sees what the server sent: redirects and errors too, the body still
compressed.  The records go to :class:`archiver.storage.warc.WarcSeries`; the
response record's pointer goes into ``request.meta["warc_pointer"]``, which the
spider copies into the :class:`~archiver.model.FetchedPage` and extraction
into the row.  The :class:`~archiver.crawl.pipelines.ArchivePipeline` seals the
open files before each Parquet flush, so a committed row never points into a
file that is still being written.  ``ARCHIVER_WARC = False`` turns it off.
``ARCHIVER_WARC_BACKGROUND`` (on) gzips and appends the records on the
series' own thread, so the reactor thread does not wait for the compression.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import is_asyncio_available

from archiver.outcome import Stat, count
from archiver.storage.warc import Capture, WarcSeries, recover_staged

logger = logging.getLogger(__name__)
META_KEY = "warc_pointer"


def _pairs(headers: Any) -> list[tuple[str, str]]:
    return [(key.decode("latin-1"), value.decode("latin-1")) for key, values in headers.items() for value in values]


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class WarcCapture:
    """Write each downloaded response to the archive's WARC series; put its pointer in the request's meta."""

    def __init__(self, crawler: Any, root: str, max_bytes: int, gzip_level: int, background: bool = True) -> None:
        self.crawler = crawler
        self.root = root
        self.max_bytes = max_bytes
        self.gzip_level = gzip_level
        self.background = background
        self.series: WarcSeries | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcCapture:
        settings = crawler.settings
        if not settings.getbool("ARCHIVER_WARC"):
            raise NotConfigured("ARCHIVER_WARC is off")
        return cls(crawler, settings.get("ARCHIVER_ARCHIVE_DIR"), settings.getint("ARCHIVER_WARC_MAX_BYTES"),
                   settings.getint("ARCHIVER_WARC_GZIP_LEVEL"),  # its range is checked with the other -s values
                   settings.getbool("ARCHIVER_WARC_BACKGROUND") and is_asyncio_available())

    def spider_opened(self) -> None:
        """The archive lock is held by now (the pipelines open first): seal what a killed crawl left."""
        for path in recover_staged(self.root):
            logger.info("sealed a WARC file a killed crawl left open: %s", path)
        run_id = self.crawler.settings.get("ARCHIVER_RUN_ID") or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.series = WarcSeries(self.root, run_id, self.max_bytes, self.gzip_level, background=self.background)

    def spider_closed(self) -> None:
        if self.series is not None:
            self.series.close()

    def seal(self) -> None:
        """Publish every open WARC file (the archive calls this before committing rows)."""
        if self.series is not None:
            self.series.seal()

    async def process_response(self, request: Any, response: Any) -> Any:
        """Record the exchange; with ``ARCHIVER_WARC_BACKGROUND`` the reactor serves other downloads
        while the series' thread writes it (the response goes on once its pointer is known)."""
        if self.series is None:
            return response
        site = request.meta.get("site") or re.sub(r"[^A-Za-z0-9_-]+", "-", request.url.split("/")[2])
        capture = Capture(
            url=response.url, status=response.status, reason=_reason(response.status), headers=_pairs(response.headers),
            body=response.body, request_method=request.method, request_headers=tuple(_pairs(request.headers)),
            protocol=response.protocol or "HTTP/1.1", ip=str(response.ip_address) if response.ip_address else None,
            date=datetime.now(timezone.utc))
        try:
            written = self.series.submit(site, capture)
            pointer, size = await asyncio.wrap_future(written) if self.background else written.result()
            request.meta[META_KEY] = pointer
            count(self.crawler.stats, site, Stat.WARC_RECORDS, 2)
            count(self.crawler.stats, site, Stat.WARC_BYTES, size)
        except OSError as exc:  # a full disk must not stop the crawl; the row then has no pointer
            logger.error("could not write the WARC record of %s: %s", response.url, exc)
            count(self.crawler.stats, site, Stat.error("warc"))
            request.meta.pop(META_KEY, None)
        return response
