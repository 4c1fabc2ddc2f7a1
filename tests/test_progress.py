"""ProgressReporter: figures from Scrapy's stats collector, log lines off a TTY, live table on one."""

from __future__ import annotations

import logging
from io import StringIO
from typing import Any

import pytest
from rich.console import Console
from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler
from twisted.internet import task

from archiver.crawl.progress import ProgressReporter, site_progress


class _Spider(Spider):
    name = "news"
    sites = {"detik": object(), "kompas": object()}


def _setup(settings: dict[str, Any], console: Any = None) -> tuple[Any, ProgressReporter, task.Clock]:
    crawler = get_crawler(_Spider, settings_dict={"EXTENSIONS_BASE": {}, **settings})  # only ours listens
    ext = ProgressReporter.from_crawler(crawler)
    clock = task.Clock()
    ext.clock, ext.console = clock, console
    crawler.spider = _Spider()
    return crawler, ext, clock


def _open(crawler: Any) -> None:
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)


def _close(crawler: Any) -> None:
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")


def _crawl_some(stats: Any, pages: int, new: int) -> None:
    stats.set_value("archiver/detik/pages", pages)
    stats.set_value("archiver/detik/articles_new", new)
    stats.set_value("archiver/detik/errors/http_404", 2)
    stats.set_value("archiver/detik/errors/extraction", 1)
    stats.set_value("archiver/kompas/blocked/http_403", 4)
    stats.set_value("archiver/kompas/skipped/known", 9)


def test_site_progress_sums_errors_and_blocks() -> None:
    stats = {"archiver/detik/pages": 10, "archiver/detik/errors/a": 2, "archiver/detik/errors/b": 3,
             "archiver/x/blocked/http_403": 1, "archiver/x/blocked/js_challenge": 2, "downloader/request_count": 50,
             "archiver/broken": 1, "archiver/detik/finish_time": "not a number"}
    rows = site_progress(stats, ["tempo"])
    assert [(r.site, r.pages, r.errors, r.blocked) for r in rows] == [("detik", 10, 5, 0), ("tempo", 0, 0, 0), ("x", 0, 0, 3)]


def test_log_mode_writes_lines_every_interval(caplog: pytest.LogCaptureFixture) -> None:
    crawler, ext, clock = _setup({"ARCHIVER_PROGRESS_MODE": "log", "ARCHIVER_PROGRESS_INTERVAL": 30})
    with caplog.at_level(logging.INFO, logger="archiver.crawl.progress"):
        _open(crawler)
        _crawl_some(crawler.stats, 20, 15)
        clock.advance(29)
        assert not caplog.records  # nothing before the first interval
        clock.advance(1)
        lines = [r.getMessage() for r in caplog.records]
        assert lines == ["progress 30s detik: pages 20 (40.0/min), articles new 15, already archived 0, errors 3, blocked 0",
                         "progress 30s kompas: pages 0 (0.0/min), articles new 0, already archived 9, errors 0, blocked 4"]
        caplog.clear()
        _crawl_some(crawler.stats, 50, 30)
        clock.advance(30)
        assert "detik: pages 50 (50.0/min)" in caplog.records[0].getMessage()
        caplog.clear()
        _close(crawler)
    assert clock.getDelayedCalls() == []  # the timer is gone
    assert "finished (finished) after 60 s" in caplog.records[-1].getMessage()
    assert ext._loop is None


def test_rate_uses_last_minute() -> None:
    crawler, ext, clock = _setup({"ARCHIVER_PROGRESS_MODE": "log", "ARCHIVER_PROGRESS_INTERVAL": 30})
    _open(crawler)
    for minute_pages in (100, 200, 300, 300, 300):  # fast at first, then stalled
        crawler.stats.set_value("archiver/detik/pages", minute_pages)
        clock.advance(30)
    assert ext.snapshot()[0].rate == 0.0  # no pages in the last minute, whatever the average
    _close(crawler)


def test_live_mode_draws_table_and_closes(caplog: pytest.LogCaptureFixture) -> None:
    out = StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    crawler, ext, clock = _setup({"ARCHIVER_PROGRESS_MODE": "auto", "ARCHIVER_PROGRESS_REFRESH": 1}, console)
    _open(crawler)
    assert ext.mode == "live"  # auto picked live for a terminal
    _crawl_some(crawler.stats, 12, 7)
    clock.advance(1)
    text = out.getvalue()
    assert "detik" in text and "kompas" in text and "total" in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if "│ detik" in line]
    assert cells[-1] == ["detik", "12", "720.0", "7", "0", "3", "0"]  # 12 pages in 1 s = 720/min; none already archived
    with caplog.at_level(logging.INFO, logger="archiver.crawl.progress"):
        _close(crawler)
    assert ext._live is None and clock.getDelayedCalls() == []
    assert "detik: pages 12" in caplog.records[-1].getMessage()  # the summary still reaches the log


def test_auto_mode_off_a_terminal_logs() -> None:
    crawler, ext, clock = _setup({"ARCHIVER_PROGRESS_MODE": "auto"}, Console(file=StringIO()))
    _open(crawler)
    assert ext.mode == "log" and ext._live is None
    assert clock.getDelayedCalls()[0].getTime() == 30  # default interval
    _close(crawler)


class _BrokenFile(StringIO):
    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_broken_terminal_falls_back_to_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    console = Console(file=_BrokenFile(), force_terminal=True, width=80)
    crawler, ext, clock = _setup({"ARCHIVER_PROGRESS_MODE": "live", "ARCHIVER_PROGRESS_INTERVAL": 5}, console)
    with caplog.at_level(logging.INFO, logger="archiver.crawl.progress"):
        _open(crawler)
        _crawl_some(crawler.stats, 3, 1)
        clock.advance(1)
        clock.advance(5)
        _close(crawler)
    messages = [r.getMessage() for r in caplog.records]
    assert ext.mode == "log"
    assert any("progress 6s detik: pages 3" in m for m in messages)
    assert any(r.levelno == logging.WARNING for r in caplog.records)


def test_disabled_and_bad_mode() -> None:
    with pytest.raises(NotConfigured):
        ProgressReporter.from_crawler(get_crawler(_Spider, settings_dict={"ARCHIVER_PROGRESS_ENABLED": False}))
    with pytest.raises(ValueError):
        ProgressReporter.from_crawler(get_crawler(_Spider, settings_dict={"ARCHIVER_PROGRESS_MODE": "fancy"}))
