"""Running a crawl: settings layering, the archive lock, the Scrapy process, the run record.

The CLI's ``crawl`` and ``demo`` commands both go through :func:`run_crawl`.
It takes the archive lock itself (so a second crawl fails fast with its own
exit code before Scrapy starts) and tells the pipeline not to lock again.
"""

from __future__ import annotations

import difflib
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from archiver.outcome import CrawlOutcome, crawl_outcome
from archiver.sites import SiteConfig


def build_settings(archive: Path, overrides: Iterable[tuple[str, str]] = (), **extra: Any) -> Any:
    """archiver's defaults ← ``extra`` (the command's own options) ← ``-s`` overrides."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("archiver.crawl.settings", priority="project")
    settings.set("ARCHIVER_ARCHIVE_DIR", str(archive), priority="cmdline")
    for name, value in extra.items():
        settings.set(name, value, priority="cmdline")
    for name, value in overrides:
        settings.set(name, value, priority="cmdline")
    return settings


def check_overrides(overrides: Iterable[tuple[str, str]]) -> None:
    """Raise ValueError naming the setting when a ``-s`` name is unknown or its value cannot have its type.

    Scrapy would silently ignore a mistyped name and fail on a bad value only
    once the crawl runs, with a traceback; a typo in a cron line deserves a
    one-line usage error instead.  Known names: Scrapy's own, archiver's
    ``ARCHIVER_*``, and those listed in ``ARCHIVER_EXTRA_SETTING_NAMES`` (for
    third-party components).
    """
    overrides = list(overrides)
    defaults = build_settings(Path("."))
    extra = next((v for n, v in overrides if n == "ARCHIVER_EXTRA_SETTING_NAMES"), "")
    known = set(defaults.attributes) | {n.strip() for n in extra.split(",") if n.strip()}
    for name, value in overrides:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]}?" if close else " (a third-party setting? list it in ARCHIVER_EXTRA_SETTING_NAMES)"
            raise ValueError(f"unknown setting {name}{hint}")
        _check_type(name, value, defaults.get(name), defaults)
        if name == "ARCHIVER_SINCE":
            from archiver.crawl.limits import parse_since

            parse_since(value)
        if name == "ARCHIVER_WARC_GZIP_LEVEL":
            from archiver.storage.warc import GZIP_LEVELS

            if not value.strip().isdigit() or int(value) not in GZIP_LEVELS:
                raise ValueError(f"setting {name} expects an ISA-L gzip level {GZIP_LEVELS[0]} to {GZIP_LEVELS[-1]}, got {value!r}")


def check_transport(sites: Iterable[SiteConfig], overrides: Iterable[tuple[str, str]]) -> None:
    """Raise ValueError (one line) when a site is to impersonate a browser this install cannot
    (scrapy-impersonate missing, unknown browser name): before the archive is locked or Scrapy starts."""
    from archiver.crawl.transport import check

    check(sites, build_settings(Path("."), overrides))


def _check_type(name: str, value: str, current: Any, settings: Any) -> None:
    try:
        if isinstance(current, bool):
            settings.set("_CHECK", value)
            settings.getbool("_CHECK")
        elif isinstance(current, (int, float)):
            float(value)  # Scrapy reads some int-valued defaults with getfloat (DOWNLOAD_TIMEOUT)
    except ValueError:
        kind = "true/false" if isinstance(current, bool) else "number"
        raise ValueError(f"setting {name} expects a {kind}, got {value!r}") from None


# Scrapy's start-up banner, settings and component lists, its stats dump, its per-minute counts,
# and failures the spider logs itself in one line (robots.txt fetches, retries given up).
_NOISY_LOGGERS = ("scrapy.utils.log", "scrapy.addons", "scrapy.middleware", "scrapy.crawler", "scrapy.statscollectors",
                  "scrapy.extensions.logstats", "scrapy.extensions.telnet", "scrapy.core.engine",
                  "scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry")


class _Quiet:
    """A logger filter dropping records below ``level`` (filters survive the logging set-up Scrapy
    runs when the crawler process starts, which resets the levels of its loggers)."""

    def __init__(self, level: int) -> None:
        self.level = level

    def filter(self, record: Any) -> bool:
        return record.levelno >= self.level


def quiet_scrapy(settings: Any) -> None:
    """With ``ARCHIVER_QUIET_SCRAPY`` (default) and a log level above DEBUG, keep only what a person reads:
    archiver's own lines and Scrapy's errors (``-s LOG_LEVEL=DEBUG`` brings everything back)."""
    import logging

    if not settings.getbool("ARCHIVER_QUIET_SCRAPY") or str(settings.get("LOG_LEVEL")).upper() == "DEBUG":
        return
    for name in _NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Quiet) for f in logger.filters):
            logger.addFilter(_Quiet(logging.CRITICAL if name.endswith(("robotstxt", "retry")) else logging.WARNING))


def run_crawl(
    sites: list[SiteConfig],
    archive: Path,
    *,
    overrides: Iterable[tuple[str, str]] = (),
    wait_for_lock: bool = False,
    **extra: Any,
) -> CrawlOutcome:
    """Crawl ``sites`` into ``archive`` in this process (the reactor runs once per process).

    Raises :class:`archiver.storage.ArchiveLocked` when another crawl holds the archive.
    """
    from archiver.crawl.workers import start_fork_server

    archive.mkdir(parents=True, exist_ok=True)
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    started = datetime.now(timezone.utc)
    settings = build_settings(archive, overrides, ARCHIVER_TAKE_LOCK=False, ARCHIVER_RUN_ID=run_id, **extra)
    # the workers' fork server warms up on another core while this process imports and builds the crawler
    start_fork_server(settings.getint("ARCHIVER_EXTRACT_WORKERS"))

    from scrapy.crawler import CrawlerProcess

    from archiver.ops.runs import record_run, record_start
    from archiver.storage.lock import ArchiveLock
    from spiders.news import NewsSpider
    with ArchiveLock(archive, wait=wait_for_lock):
        record_start(archive, run_id, started, [s.id for s in sites], sys.argv)  # a kill -9 still leaves a record
        quiet_scrapy(settings)
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, sites=sites)
        process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        outcome = crawl_outcome(stats, [s.id for s in sites], run_id, started)
        record_run(archive, outcome, stats=stats, argv=sys.argv)
    return outcome
