"""Running a crawl: settings layering, the archive lock, the Scrapy process, the outcome.

The CLI's ``crawl`` and ``demo`` commands both go through :func:`run_crawl`.
It takes the archive lock itself (so a second crawl fails fast with its own
exit code before Scrapy starts) and tells the pipeline not to lock again.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from archiver.sites import SiteConfig

# Documented exit codes (README "Exit codes").
EXIT_OK = 0
EXIT_FAILED = 1  # the crawl could not run, or every site failed
EXIT_USAGE = 2  # bad arguments or configuration
EXIT_PARTIAL = 3  # some sites failed or were blocked; the rest was archived
EXIT_LOCKED = 4  # another crawl holds the archive
EXIT_UNHEALTHY = 5  # `archiver verify` found problems


@dataclass
class SiteOutcome:
    """What one site's part of a run did (from Scrapy's stats)."""

    site: str
    pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    duplicates: int = 0
    skipped_known: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    blocked: dict[str, int] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def blocked_count(self) -> int:
        return sum(self.blocked.values())

    @property
    def failed(self) -> bool:
        """Nothing usable came back: every page errored or the site blocked us."""
        return bool(self.blocked) or (self.pages == 0 and bool(self.errors))


@dataclass
class CrawlOutcome:
    run_id: str
    started_at: datetime
    finished_at: datetime
    finish_reason: str
    sites: list[SiteOutcome]
    requests: int = 0

    @property
    def exit_code(self) -> int:
        if self.finish_reason not in ("finished", "closespider_itemcount", "closespider_timeout"):
            return EXIT_FAILED
        if self.sites and all(s.failed for s in self.sites):
            return EXIT_FAILED
        return EXIT_PARTIAL if any(s.failed for s in self.sites) else EXIT_OK


def build_settings(archive: Path, overrides: Iterable[tuple[str, str]] = (), **extra: Any) -> Any:
    """archiver's defaults ← ``extra`` (the command's own options) ← ``-s`` overrides."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.set("ARCHIVER_ARCHIVE_DIR", str(archive), priority="cmdline")
    for name, value in extra.items():
        settings.set(name, value, priority="cmdline")
    for name, value in overrides:
        settings.set(name, value, priority="cmdline")
    return settings


def check_overrides(overrides: Iterable[tuple[str, str]]) -> None:
    """Raise ValueError naming the setting when a ``-s`` value cannot have its setting's type.

    Scrapy would only fail once the crawl is running, with a traceback; a
    typo in a cron line deserves a one-line usage error instead.
    """
    defaults = build_settings(Path("."))
    for name, value in overrides:
        current = defaults.get(name)
        try:
            if isinstance(current, bool):
                defaults.set("_CHECK", value)
                defaults.getbool("_CHECK")
            elif isinstance(current, (int, float)):
                float(value)  # Scrapy reads some int-valued defaults with getfloat (DOWNLOAD_TIMEOUT)
        except ValueError:
            kind = "true/false" if isinstance(current, bool) else "number"
            raise ValueError(f"setting {name} expects a {kind}, got {value!r}") from None


def count_for_site(stats: Any, site: str, name: str, count: int = 1) -> None:
    """Add to one site's counter in Scrapy's stats collector (``archiver/<site>/<name>``)."""
    stats.inc_value(f"archiver/{site}/{name}", count)


def site_outcome(stats: dict[str, Any], site: str) -> SiteOutcome:
    """One site's figures from Scrapy's stats collector (keys written by :func:`count_for_site`)."""
    prefix = f"archiver/{site}/"
    mine = {k[len(prefix):]: v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, (int, float))}
    return SiteOutcome(
        site=site,
        pages=mine.get("pages", 0),
        articles_new=mine.get("articles_new", 0),
        articles_updated=mine.get("articles_updated", 0),
        duplicates=sum(v for k, v in mine.items() if k.startswith("duplicates/")),
        skipped_known=mine.get("skipped/known", 0),
        errors={k[7:]: v for k, v in mine.items() if k.startswith("errors/")},
        blocked={k[8:]: v for k, v in mine.items() if k.startswith("blocked/")},
    )


def outcome_from_stats(stats: dict[str, Any], sites: Iterable[str], run_id: str, started: datetime) -> CrawlOutcome:
    """The run's outcome: per-site figures plus how the crawl ended."""
    return CrawlOutcome(
        run_id=run_id, started_at=started, finished_at=datetime.now(timezone.utc),
        finish_reason=str(stats.get("finish_reason", "unknown")), sites=[site_outcome(stats, s) for s in sites],
        requests=int(stats.get("downloader/request_count", 0)),
    )


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
    from archiver.workers import start_fork_server

    archive.mkdir(parents=True, exist_ok=True)
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    started = datetime.now(timezone.utc)
    settings = build_settings(archive, overrides, ARCHIVER_TAKE_LOCK=False, ARCHIVER_RUN_ID=run_id, **extra)
    # the workers' fork server warms up on another core while this process imports and builds the crawler
    start_fork_server(settings.getint("ARCHIVER_EXTRACT_WORKERS"))

    from scrapy.crawler import CrawlerProcess

    from archiver.runs import record_run
    from archiver.storage.lock import ArchiveLock
    from spiders.news import NewsSpider
    with ArchiveLock(archive, wait=wait_for_lock):
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, sites=sites)
        process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    outcome = outcome_from_stats(stats, [s.id for s in sites], run_id, started)
    record_run(archive, outcome, stats=stats, argv=sys.argv)
    return outcome
