"""Crawl progress: a live table per site on a terminal, plain log lines otherwise.

A person running ``archiver crawl`` by hand wants to see it move; cron wants
greppable lines in its log file.  The figures are the per-site counters of
:mod:`archiver.outcome` in Scrapy's stats collector, so the reporter needs no
hooks in the spider or pipelines.

Settings:

- ``ARCHIVER_PROGRESS_ENABLED`` (True): off → the extension is not loaded.
- ``ARCHIVER_PROGRESS_MODE`` ("auto"): ``live`` (rich table), ``log`` (lines),
  or ``auto``: live when stderr is a capable terminal, else log.
- ``ARCHIVER_PROGRESS_INTERVAL`` (30): seconds between log lines.
- ``ARCHIVER_PROGRESS_REFRESH`` (1.0): seconds between live table refreshes.

Progress is a nicety: any failure to draw (odd terminal, closed stream)
switches to log lines, and a failure there is logged once and ignored; it
never stops the crawl.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from dataclasses import dataclass
from typing import Any, Iterable

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archiver.outcome import SiteOutcome, counted_sites, site_outcome

logger = logging.getLogger(__name__)

RATE_WINDOW = 60.0  # pages/min is measured over the last minute (whole run until then)


@dataclass
class SiteProgress:
    """One site's figures at one moment: the run's per-site outcome so far, plus a rate."""

    outcome: SiteOutcome
    rate: float = 0.0  # pages per minute

    site = property(lambda self: self.outcome.site)
    pages = property(lambda self: int(self.outcome.pages))
    articles_new = property(lambda self: int(self.outcome.articles_new))
    known = property(lambda self: int(self.outcome.skipped_known))
    errors = property(lambda self: int(self.outcome.error_count))
    blocked = property(lambda self: int(self.outcome.blocked_count))

    def line(self) -> str:
        return (f"{self.site}: pages {self.pages} ({self.rate:.1f}/min), articles new {self.articles_new}, "
                f"already archived {self.known}, errors {self.errors}, blocked {self.blocked}")


def site_progress(stats: dict[str, Any], sites: Iterable[str] = ()) -> list[SiteProgress]:
    """Per-site figures from a stats dict; ``sites`` are listed even before their first stat."""
    names = set(sites) | counted_sites(stats)
    return [SiteProgress(site_outcome(stats, name)) for name in sorted(names)]


def progress_table(rows: list[SiteProgress], elapsed: float) -> Any:
    """The live view: one row per site plus a total row."""
    from rich.table import Table

    minutes, seconds = divmod(int(elapsed), 60)
    table = Table(title=f"archiver crawl · {minutes}m{seconds:02d}s", title_justify="left", header_style="bold")
    for name in ("site", "pages", "pages/min", "articles new", "already archived", "errors", "blocked"):
        table.add_column(name, justify="left" if name == "site" else "right", no_wrap=True)
    for r in rows:
        table.add_row(r.site, str(r.pages), f"{r.rate:.1f}", str(r.articles_new), str(r.known),
                      f"[red]{r.errors}[/]" if r.errors else "0", f"[red]{r.blocked}[/]" if r.blocked else "0")
    if len(rows) > 1:
        table.add_row("[bold]total[/]", *(f"[bold]{v}[/]" for v in (
            sum(r.pages for r in rows), f"{sum(r.rate for r in rows):.1f}", sum(r.articles_new for r in rows),
            sum(r.known for r in rows), sum(r.errors for r in rows), sum(r.blocked for r in rows))))
    return table


class ProgressReporter:
    """Scrapy extension: live per-site table on a TTY, a log line per site every N seconds otherwise."""

    def __init__(self, crawler: Any, *, mode: str = "auto", interval: float = 30.0, refresh: float = 1.0,
                 console: Any = None, clock: Any = None) -> None:
        if mode not in ("auto", "live", "log"):
            raise ValueError(f"ARCHIVER_PROGRESS_MODE must be auto, live or log, not {mode!r}")
        self.crawler = crawler
        self.interval = max(float(interval), 0.1)
        self.refresh = max(float(refresh), 0.1)
        self.console = console
        self.clock = clock
        self.mode = mode
        self.sites: list[str] = []
        self._live: Any = None
        self._loop: Any = None
        self._handlers: list[tuple[logging.StreamHandler, Any]] = []  # (handler, original stream)
        self._history: dict[str, deque[tuple[float, int]]] = {}
        self._started = 0.0
        self._failed = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ProgressReporter":
        settings = crawler.settings
        if not settings.getbool("ARCHIVER_PROGRESS_ENABLED", True):
            raise NotConfigured("ARCHIVER_PROGRESS_ENABLED is off")
        ext = cls(crawler, mode=str(settings.get("ARCHIVER_PROGRESS_MODE", "auto")).lower(),
                  interval=settings.getfloat("ARCHIVER_PROGRESS_INTERVAL", 30.0),
                  refresh=settings.getfloat("ARCHIVER_PROGRESS_REFRESH", 1.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    # --- lifecycle ----------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.sites = sorted(getattr(spider, "sites", None) or [])
        if self.clock is None:
            from twisted.internet import reactor

            self.clock = reactor
        self._started = self._now()
        if self.mode == "auto":
            self.mode = "live" if self._is_terminal() else "log"
        if self.mode == "live" and not self._start_live():
            self.mode = "log"
        self._loop = task.LoopingCall(self.tick)
        self._loop.clock = self.clock
        self._loop.start(self.refresh if self.mode == "live" else self.interval, now=False)

    def spider_closed(self, spider: Any, reason: str = "") -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._loop = None
        if self._live is not None:
            self._safe(self._draw_live)
            self._stop_live()
        rows = self.snapshot()
        elapsed = self._now() - self._started
        logger.info("progress: finished (%s) after %.0f s; %s", reason or "closed", elapsed,
                    "; ".join(r.line() for r in rows) or "no pages")

    # --- drawing ------------------------------------------------------------------------------

    def tick(self) -> None:
        """One refresh: redraw the live table, or log one line per site."""
        if self._live is not None and self._safe(self._draw_live):
            return
        if self._live is not None:  # drawing failed: fall back to log lines from now on
            self._stop_live()
            self.mode = "log"
            self._loop_interval(self.interval)
        self._safe(self._log_lines)

    def snapshot(self) -> list[SiteProgress]:
        """Current per-site figures with pages/min over the last :data:`RATE_WINDOW` seconds."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        rows = site_progress(stats, self.sites)
        now = self._now()
        for row in rows:
            history = self._history.setdefault(row.site, deque([(self._started, 0)]))
            history.append((now, row.pages))
            while len(history) > 2 and now - history[1][0] >= RATE_WINDOW:
                history.popleft()
            then, pages_then = history[0]
            row.rate = (row.pages - pages_then) * 60.0 / (now - then) if now - then >= 1.0 else 0.0
        return rows

    def _log_lines(self) -> None:
        elapsed = self._now() - self._started
        for row in self.snapshot():
            logger.info("progress %.0fs %s", elapsed, row.line())

    def _draw_live(self) -> None:
        self._live.update(progress_table(self.snapshot(), self._now() - self._started), refresh=True)

    def _start_live(self) -> bool:
        try:
            from rich.live import Live

            console = self._console()
            self._live = Live(progress_table(site_progress({}, self.sites), 0), console=console, auto_refresh=False,
                              transient=False, redirect_stdout=True, redirect_stderr=True)
            self._live.start()
            self._route_log_handlers()
            return True
        except Exception as exc:  # noqa: BLE001 - an odd terminal must not stop the crawl
            logger.warning("progress: live display unavailable (%r); logging progress lines instead", exc)
            self._live = None
            return False

    def _stop_live(self) -> None:
        self._restore_log_handlers()
        live, self._live = self._live, None
        try:
            live.stop()
        except Exception as exc:  # noqa: BLE001
            logger.debug("progress: stopping the live display failed: %r", exc)

    def _route_log_handlers(self) -> None:
        """Send log records that went to the terminal through rich, so they print above the table.

        Scrapy's handler holds the real stderr, captured before the live display
        started; writing there directly would tear the table apart.
        """
        from rich.file_proxy import FileProxy

        if not isinstance(sys.stderr, FileProxy):  # rich did not redirect (not a terminal)
            return
        real = {id(sys.__stderr__), id(sys.__stdout__), id(getattr(self._live, "_restore_stderr", None)),
                id(getattr(self._live, "_restore_stdout", None))}
        for handler in logging.getLogger().handlers:
            if type(handler) is logging.StreamHandler and id(handler.stream) in real:
                self._handlers.append((handler, handler.setStream(sys.stderr)))

    def _restore_log_handlers(self) -> None:
        for handler, stream in self._handlers:
            handler.setStream(stream)
        self._handlers.clear()

    # --- helpers ------------------------------------------------------------------------------

    def _console(self) -> Any:
        if self.console is None:
            from rich.console import Console

            self.console = Console(stderr=True)
        return self.console

    def _is_terminal(self) -> bool:
        if self.console is None and not _stderr_is_tty() and not os.environ.get("FORCE_COLOR"):
            return False  # cron, CI, a pipe: no need to import rich to know
        try:
            console = self._console()
            return bool(console.is_terminal) and not console.is_dumb_terminal
        except Exception:  # noqa: BLE001
            return False

    def _loop_interval(self, seconds: float) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.interval = seconds

    def _now(self) -> float:
        import time

        return float(self.clock.seconds()) if self.clock is not None else time.monotonic()

    def _safe(self, action: Any) -> bool:
        try:
            action()
            return True
        except Exception as exc:  # noqa: BLE001 - progress must never break a crawl
            if not self._failed:
                logger.warning("progress: reporting failed (%r); the crawl goes on", exc)
                self._failed = True
            return False


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False
