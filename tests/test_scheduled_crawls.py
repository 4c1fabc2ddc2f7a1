"""Scheduled crawls as cron runs them: incremental, crash-safe, one writer at a time.

Each test drives the real `archiver crawl` in a subprocess against the demo
site, and counts requests at the server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from archiver.demo import DemoServer, demo_articles
from archiver.outcome import EXIT_LOCKED, EXIT_OK
from archiver.storage.maintenance import verify
from conftest import archive_rows, archiver_command, crawl_demo, demo_crawl_args

pytestmark = pytest.mark.slow  # subprocess crawls


def crawl(server: DemoServer, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return crawl_demo(server, archive, "-s", "RETRY_TIMES=0", *extra)


def background_crawl(server: DemoServer, archive: Path, *settings: str, **popen: Any) -> subprocess.Popen[bytes]:
    """A crawl left running (slowed down by ``settings``) while the test acts on the archive."""
    args = [arg for setting in settings for arg in ("-s", setting)]
    return subprocess.Popen(archiver_command(*demo_crawl_args(server, archive, "-s", "RETRY_TIMES=0", *args)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **popen)


def article_requests(server: DemoServer) -> list[str]:
    """Article pages downloaded (broken demo pages, never archived, are retried each run by design)."""
    articles = {a.path for a in server.articles()}
    return sorted({p.split("?")[0] for _m, p in server.requests if p.split("?")[0].removeprefix("/amp") in articles})


def test_second_run_fetches_only_new_and_updated_articles(tmp_path: Path) -> None:
    with DemoServer() as server:
        assert crawl(server, tmp_path).returncode == EXIT_OK
        before = archive_rows(tmp_path)
        fresh = server.add_article({
            "section": "ekonomi", "title": "Harga Bawang Merah Turun Setelah Panen di Brebes",
            "authors": ["Siti Rahmawati"],
            "paragraphs": [
                "Harga bawang merah di tingkat petani Brebes turun menjadi Rp 18.000 per kilogram setelah panen raya.",
                "Pedagang pasar induk memperkirakan harga eceran ikut turun dalam sepekan ke depan.",
                "Dinas pertanian meminta petani menunda penjualan sebagian hasil panen agar harga tidak anjlok.",
            ],
        })
        target = server.articles()[5]
        updated = server.update_article(target.slug, paragraphs=(*target.paragraphs,
                                        "Pembaruan: pemerintah daerah menambah anggaran perbaikan hingga Rp 2 miliar."))
        server.reset_requests()
        second = crawl(server, tmp_path)
        assert second.returncode == EXIT_OK, second.stderr[-2000:]
        fetched = article_requests(server)
    assert fetched == sorted({fresh.path, updated.path})
    after = archive_rows(tmp_path)
    assert len(after) == len(before) + 2
    versions = sorted(r["version"] for r in after if r["url"].endswith(updated.path))
    assert versions == [1, 2]
    newest = max((r for r in after if r["url"].endswith(updated.path)), key=lambda r: r["version"])
    assert "Pembaruan: pemerintah daerah menambah anggaran" in newest["body"]
    current_sql = (f"select * from read_parquet('{tmp_path}/articles/**/*.parquet', hive_partitioning=true) "
                   "qualify row_number() over (partition by article_id order by version desc) = 1")  # README's query
    current = duckdb.sql(f"select count(*), count(distinct article_id), max(version) from ({current_sql})").fetchall()[0]
    assert current == (len(before) + 1, len(before) + 1, 2)


def test_second_crawl_on_a_locked_archive_exits_with_its_own_code(tmp_path: Path) -> None:
    with DemoServer() as server:
        slow = background_crawl(server, tmp_path, "DOWNLOAD_DELAY=0.5", "CONCURRENT_REQUESTS=1")
        try:
            _wait_for(lambda: (tmp_path / ".lock").exists() and server.count("/") > 2, timeout=60)
            started = time.monotonic()
            second = crawl(server, tmp_path)
            elapsed = time.monotonic() - started
        finally:
            slow.send_signal(signal.SIGINT)
            slow.wait(timeout=60)
    assert second.returncode == EXIT_LOCKED
    assert "lock" in second.stderr.lower() and str(slow.pid) in second.stderr
    assert elapsed < 15


def test_sigkill_mid_crawl_loses_nothing_after_a_rerun(tmp_path: Path) -> None:
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    with DemoServer() as server:
        process = background_crawl(server, killed, "DOWNLOAD_DELAY=0.05", "CONCURRENT_REQUESTS=2", "ARCHIVER_FLUSH_ROWS=3",
                                   start_new_session=True)
        try:
            _wait_for(lambda: len(list((killed / "articles").glob("**/*.parquet"))) >= 2, timeout=120)
        finally:
            os.killpg(process.pid, signal.SIGKILL)  # the crawler and its extraction workers
            process.wait(timeout=30)
        files = list((killed / "articles").glob("**/*.parquet"))
        for path in files:
            pq.read_table(path)  # every published file is complete
        partial = duckdb.sql(f"select count(*) from read_parquet('{killed}/articles/**/*.parquet')").fetchall()[0][0]
        assert 0 < partial < len(demo_articles())
        assert crawl(server, killed).returncode == EXIT_OK
        assert crawl(server, clean).returncode == EXIT_OK
    resumed, uninterrupted = archive_rows(killed), archive_rows(clean)
    # same articles (by body: which of two identical copies is met first may differ between runs)
    resumed_bodies, clean_bodies = {r["content_hash"] for r in resumed}, {r["content_hash"] for r in uninterrupted}
    assert resumed_bodies == clean_bodies
    assert len(resumed) == len(uninterrupted) == len(resumed_bodies)  # none twice
    assert verify(killed) == []


def _wait_for(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.1)


def test_max_articles_caps_a_run(tmp_path: Path) -> None:
    with DemoServer() as server:
        result = crawl(server, tmp_path, "--max-articles", "5", "-s", "CONCURRENT_REQUESTS=2")
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    assert 1 <= len(archive_rows(tmp_path)) <= 5  # some of the 5 downloads may be copies or broken pages
