"""What a run did: exit codes, per-site counters and the outcome read back from them.

Every component that counts something for a site (the spider, the pipelines,
the progress display, the run record) goes through this module: counters are
written with :func:`count` under the names in :class:`Stat` and read back with
:func:`site_outcome`, so the ``archiver/<site>/<name>`` key protocol lives in
one place.  ``stats`` is anything with ``inc_value`` (Scrapy's stats
collector) for writing and a plain dict for reading.  No Scrapy import here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping, Protocol

# Documented exit codes (README "Exit codes").
EXIT_OK = 0
EXIT_FAILED = 1  # the crawl could not run, or every site failed, or no article found
EXIT_USAGE = 2  # bad arguments or configuration
EXIT_PARTIAL = 3  # some sites failed or were blocked; the rest was archived
EXIT_LOCKED = 4  # another process holds the archive
EXIT_UNHEALTHY = 5  # `archiver verify` found problems
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it

EXIT_NAMES: dict[int, str] = {
    EXIT_OK: "ok", EXIT_FAILED: "failed", EXIT_USAGE: "usage", EXIT_PARTIAL: "partial",
    EXIT_LOCKED: "locked", EXIT_UNHEALTHY: "unhealthy", EXIT_INTERRUPTED: "interrupted",
}

_PREFIX = "archiver/"
_FINISHED = ("finished", "closespider_itemcount", "closespider_timeout")


class Stat:
    """Names of the per-site counters (``archiver/<site>/<name>``)."""

    PAGES = "pages"  # HTML pages fetched and analysed
    SITEMAPS = "sitemaps"
    FEEDS = "feeds"
    ARTICLES_DOWNLOADED = "articles_downloaded"
    ARTICLES_NEW = "articles_new"
    ARTICLES_UPDATED = "articles_updated"
    SKIPPED_KNOWN = "skipped/known"
    TEMPLATE_LINES_DROPPED = "template/lines_dropped"  # body lines the site's learned template removed
    TEMPLATE_WAITING = "template/waited"  # articles of a fresh site held until its template model had seen enough pages
    PROXIED = "proxied"  # requests sent through the site's own proxy
    WARC_RECORDS = "warc/records"  # WARC records written (a response and its request: two)
    WARC_BYTES = "warc/bytes"  # compressed bytes of those records

    @staticmethod
    def impersonated(browser: str) -> str:
        """Requests sent wearing ``browser``'s fingerprint (``chrome``…): was impersonation on for a blocked site?"""
        return f"impersonated/{browser}"

    @staticmethod
    def error(kind: str) -> str:
        """``http_500``, ``timeout``, ``sitemap_invalid``, ``extraction``, ``worker_died``…"""
        return f"errors/{kind}"

    @staticmethod
    def skipped(why: str) -> str:
        """``not_article``, ``robots_txt``, ``max_articles``, ``sitemap_filtered``…"""
        return f"skipped/{why}"

    @staticmethod
    def blocked(reason: str) -> str:
        """``http-403``, ``challenge``."""
        return f"blocked/{reason}"

    @staticmethod
    def note(what: str) -> str:
        """Something extraction noticed and kept: ``weekday_mismatch`` (a weekday contradicting its date),
        ``body_from_jsonld`` / ``body_from_recall`` / ``body_from_marked`` / ``body_from_dense``
        (the body came from a fallback)."""
        return f"notes/{what}"

    @staticmethod
    def duplicate(how: str) -> str:
        """``url`` (an unchanged re-fetch) or ``content`` (the same body under another URL)."""
        return f"duplicates/{how}"


class Counter(Protocol):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


def count(stats: Counter, site: str, name: str, n: int = 1) -> None:
    """Add ``n`` to one site's counter (``name`` from :class:`Stat`)."""
    stats.inc_value(f"{_PREFIX}{site}/{name}", n)


def counted_sites(stats: Mapping[str, Any]) -> set[str]:
    """Site ids that have at least one counter."""
    return {k[len(_PREFIX):].split("/", 1)[0] for k in stats if k.startswith(_PREFIX) and k.count("/") >= 2}


@dataclass
class SiteOutcome:
    """What one site's part of a run did."""

    site: str
    pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    duplicates: int = 0
    skipped_known: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    blocked: dict[str, int] = field(default_factory=dict)
    notes: dict[str, int] = field(default_factory=dict)
    impersonated: dict[str, int] = field(default_factory=dict)  # requests per impersonated browser
    proxied: int = 0

    @property
    def impersonate(self) -> str | None:
        """The browser(s) the site's requests impersonated, or None when they went out as Scrapy's."""
        return ",".join(sorted(self.impersonated)) or None

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


def site_outcome(stats: Mapping[str, Any], site: str) -> SiteOutcome:
    """One site's figures, read from the counters :func:`count` wrote."""
    prefix = f"{_PREFIX}{site}/"
    mine = {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix) and isinstance(v, (int, float))}
    return SiteOutcome(
        site=site,
        pages=mine.get(Stat.PAGES, 0),
        articles_new=mine.get(Stat.ARTICLES_NEW, 0),
        articles_updated=mine.get(Stat.ARTICLES_UPDATED, 0),
        duplicates=sum(v for k, v in mine.items() if k.startswith(Stat.duplicate(""))),
        skipped_known=mine.get(Stat.SKIPPED_KNOWN, 0),
        errors=_under(mine, Stat.error("")),
        blocked=_under(mine, Stat.blocked("")),
        notes=_under(mine, Stat.note("")),
        impersonated=_under(mine, Stat.impersonated("")),
        proxied=mine.get(Stat.PROXIED, 0),
    )


def _under(counters: dict[str, int], prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in counters.items() if k.startswith(prefix)}


@dataclass
class CrawlOutcome:
    """The whole run: per-site outcomes and how the crawl ended."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    finish_reason: str
    sites: list[SiteOutcome]
    requests: int = 0

    @property
    def exit_code(self) -> int:
        if self.finish_reason == "shutdown":
            return EXIT_INTERRUPTED
        if self.finish_reason not in _FINISHED:
            return EXIT_FAILED
        if self.sites and all(s.failed for s in self.sites):
            return EXIT_FAILED
        return EXIT_PARTIAL if any(s.failed for s in self.sites) else EXIT_OK


def crawl_outcome(stats: Mapping[str, Any], sites: Iterable[str], run_id: str, started: datetime) -> CrawlOutcome:
    """The run's outcome from its counters and Scrapy's own ``finish_reason``/request count."""
    return CrawlOutcome(
        run_id=run_id, started_at=started, finished_at=datetime.now(timezone.utc),
        finish_reason=str(stats.get("finish_reason", "unknown")), sites=[site_outcome(stats, s) for s in sites],
        requests=int(stats.get("downloader/request_count", 0)),
    )
