"""``archiver crawl`` and ``archiver demo`` as cron and shells run them: output, limits, run records.

Each test runs the real command in a subprocess against the demo site.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archiver.demo import DemoServer, demo_articles
from conftest import ROOT, archive_rows, archiver_command, crawl_demo, demo_crawl_args, run_archiver

pytestmark = pytest.mark.slow  # subprocess crawls


def test_the_summary_goes_to_stdout_and_the_log_holds_no_start_up_boilerplate(demo_server: DemoServer,
                                                                             tmp_path: Path) -> None:
    result = crawl_demo(demo_server, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("demo: ") and "new" in result.stdout
    for noise in ("Overridden settings", "Enabled downloader middlewares", "Dumping Scrapy stats", "Traceback"):
        assert noise not in result.stderr
    assert "0 already archived" in result.stdout  # a first run into an empty archive knows nothing yet
    rows = archive_rows(tmp_path)
    with_aliases = [r for r in rows if any("/amp/" in a for a in r["aliases"])]
    assert len(with_aliases) >= len(rows) - 2  # each page names its AMP copy (broken and copied pages aside)
    second = crawl_demo(demo_server, tmp_path)
    assert " 0 new" in second.stdout and "0 already archived" not in second.stdout


def test_max_articles_caps_what_is_archived_whatever_found_it(demo_server: DemoServer, tmp_path: Path) -> None:
    result = crawl_demo(demo_server, tmp_path, "--max-articles", "3", "-s", "CONCURRENT_REQUESTS=2")
    assert result.returncode == 0, result.stderr[-2000:]
    assert 1 <= len(archive_rows(tmp_path)) <= 3


def test_since_archives_nothing_published_before(demo_server: DemoServer, tmp_path: Path) -> None:
    since = datetime(2026, 11, 20, tzinfo=timezone.utc)
    result = crawl_demo(demo_server, tmp_path, "--since", "2026-11-20T00:00:00+00:00")
    assert result.returncode == 0, result.stderr[-2000:]
    rows = archive_rows(tmp_path)
    expected = [a for a in demo_articles() if a.published_at >= since]
    assert rows and all(r["published_at"] >= since for r in rows)
    assert len(rows) >= len(expected) - 1  # the republished copy of one article may stand for it


def test_a_crawl_killed_with_sigkill_leaves_a_run_record(tmp_path: Path) -> None:
    with DemoServer() as server:
        args = demo_crawl_args(server, tmp_path, "-s", "DOWNLOAD_DELAY=0.3", "-s", "CONCURRENT_REQUESTS=1")
        process = subprocess.Popen(archiver_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and server.count("/") < 5:
                time.sleep(0.1)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    result = run_archiver("runs", "--archive", str(tmp_path), "--json")
    (run,) = json.loads(result.stdout)
    assert run["exit"] == "running"  # never finished
    table = run_archiver("runs", "--archive", str(tmp_path)).stdout.splitlines()
    assert dict(zip(table[0].split("\t"), table[1].split("\t")))["status"] == "killed"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_demo_on_a_busy_port_is_a_usage_error_not_new_urls(tmp_path: Path) -> None:
    port = _free_port()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        result = run_archiver("demo", "--port", str(port), "--archive", str(tmp_path / "data"), timeout=60)
    assert result.returncode == 2 and f"port {port} is busy" in result.stderr
    assert not (tmp_path / "data").exists()


def test_demo_crawls_the_demo_already_serving_on_its_port(tmp_path: Path) -> None:
    with DemoServer(port=_free_port()) as server:
        port = int(server.base_url.rsplit(":", 1)[1].strip("/"))
        result = run_archiver("demo", "--port", str(port), "--archive", str(tmp_path / "data"))
        assert result.returncode == 0, result.stderr[-2000:]
        assert "already answers" in result.stderr
        again = run_archiver("demo", "--port", str(port), "--archive", str(tmp_path / "data"))
    assert " 0 new" in again.stdout and "0 already archived" not in again.stdout
