"""End to end: `archiver crawl` on the demo site, twice, as a cron job would.

The first run must archive each demo article exactly once with the right
title, body and publication time; the second must archive nothing new and
download no article page again (counted at the server).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from archiver.demo import DemoServer, demo_articles
from archiver.demo.model import SECTIONS
from archiver.fingerprints import normalised_text
from conftest import FAST, archive_rows, crawl_demo, demo_path, run_archiver

pytestmark = pytest.mark.slow  # subprocess crawls


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("archive")
    with DemoServer() as server:  # its own server: the requests of exactly these two runs are counted
        first = crawl_demo(server, archive)
        first_requests = list(server.requests)
        server.reset_requests()
        second = crawl_demo(server, archive)
        second_requests = list(server.requests)
    return {"archive": archive, "first": first, "second": second, "rows": archive_rows(archive),
            "first_requests": first_requests, "second_requests": second_requests}


def _article_paths() -> set[str]:
    return {a.path for a in demo_articles()}


def test_first_run_succeeds(two_runs: dict[str, Any]) -> None:
    first = two_runs["first"]
    assert first.returncode == 0, first.stderr[-3000:]


def test_each_demo_article_archived_exactly_once(two_runs: dict[str, Any]) -> None:
    rows = two_runs["rows"]
    by_path: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_path.setdefault(demo_path(row), []).append(row)
    expected = _article_paths()
    assert set(by_path) == expected, f"missing {expected - set(by_path)}; unexpected {set(by_path) - expected}"
    assert all(len(v) == 1 for v in by_path.values())
    assert len({r["content_hash"] for r in rows}) == len(rows)


def test_titles_bodies_and_times_are_right(two_runs: dict[str, Any]) -> None:
    rows = {demo_path(r): r for r in two_runs["rows"]}
    wrong = []
    for article in demo_articles():
        row = rows.get(article.path)
        if row is None:
            continue  # reported by the test above
        if row["title"] != article.title:
            wrong.append(f"{article.path}: title {row['title']!r}")
        if normalised_text(row["body"] or "") != normalised_text("\n\n".join(article.paragraphs)):
            wrong.append(f"{article.path}: body differs: {row['body'][:300]!r}")
        if row["published_at"] != article.published_at:
            wrong.append(f"{article.path}: published_at {row['published_at']} != {article.published_at}")
        if row["section"] != SECTIONS[article.section]:
            wrong.append(f"{article.path}: section {row['section']!r}")
        if row["pages"] != article.pages:
            wrong.append(f"{article.path}: pages {row['pages']} != {article.pages}")
        precision = "day" if article.style == "dateline" and article.dateline == "tanggal" else None
        if precision and row["published_at_precision"] != precision or not precision and row["published_at_precision"] == "day":
            wrong.append(f"{article.path}: precision {row['published_at_precision']}")
        month = f"{article.published_at:%Y-%m}" if precision == "day" else f"{row['published_at']:%Y-%m}"
        if row["month"] != month:  # a date-only time is midnight local: its month, not the UTC evening before
            wrong.append(f"{article.path}: month partition {row['month']} != {month}")
    assert not wrong, "\n".join(wrong)


def test_the_stored_text_is_the_reading_the_instant_came_from(two_runs: dict[str, Any]) -> None:
    """detik-style pages state WIB wall-clock time with a 'Z': the stored text must not be that stamp."""
    from archiver.dates import parse_date

    for row in two_runs["rows"]:
        assert parse_date(row["published_at_text"]) == row["published_at"], row["url"]


def test_bad_input_is_counted_not_archived(two_runs: dict[str, Any]) -> None:
    from archiver.ops.runs import load_runs

    first_run = load_runs(two_runs["archive"])[-1]
    (site,) = first_run["sites"]
    for kind in ("http_500", "http_404", "empty", "sitemap_invalid"):
        assert site["errors"].get(kind), f"{kind} not counted: {site['errors']}"
    assert site["duplicates"] >= 1  # the republished copy with the same body
    assert not any("/amp/" in r["url"] for r in two_runs["rows"])


def test_robots_disallowed_path_never_fetched(two_runs: dict[str, Any]) -> None:
    for _method, path in two_runs["first_requests"] + two_runs["second_requests"]:
        assert not path.startswith("/internal/")


def test_second_run_archives_nothing_and_downloads_no_article(two_runs: dict[str, Any]) -> None:
    second = two_runs["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert ", 0 new," in second.stdout  # the summary goes to stdout
    article_paths = _article_paths()
    amp_paths = {"/amp" + p for p in article_paths}
    copies = {p.replace("/berita/", "/daerah/salinan/", 1) for p in article_paths}
    fetched = [p for _m, p in two_runs["second_requests"] if p.split("?")[0] in article_paths | amp_paths | copies]
    assert fetched == []


def test_duckdb_and_pandas_load_the_archive(two_runs: dict[str, Any]) -> None:
    archive = two_runs["archive"]
    relation = duckdb.sql(f"select * from read_parquet('{archive}/articles/**/*.parquet', hive_partitioning=true)")
    assert len(relation.fetchall()) == len(two_runs["rows"])
    assert "site" in relation.columns
    frame = pd.read_parquet(archive / "articles")
    assert len(frame) == len(two_runs["rows"]) and set(frame["site"].astype(str)) == {"demo"}


def test_unreachable_site_fails_with_exit_code_1(tmp_path: Path) -> None:
    result = run_archiver("crawl", "demo", "--base-url", "http://127.0.0.1:9/", "--archive", str(tmp_path), *FAST,
                          "-s", "RETRY_TIMES=0", timeout=120)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "connection_refused" in result.stdout + result.stderr


def test_verify_and_compact_keep_the_archive_whole(two_runs: dict[str, Any]) -> None:
    from archiver.cli import main

    archive = two_runs["archive"]
    assert main(["verify", "--archive", str(archive)]) == 0
    assert main(["compact", "--archive", str(archive)]) == 0
    assert main(["verify", "--archive", str(archive)]) == 0
    after = ds.dataset(archive / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(after.column("url").to_pylist()) == sorted(r["url"] for r in two_runs["rows"])


def test_timeout_is_counted_and_the_crawl_goes_on(tmp_path: Path) -> None:
    from archiver.ops.runs import load_runs

    with DemoServer(delay=8) as server:
        result = crawl_demo(server, tmp_path, "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=0")
    assert result.returncode == 0, result.stderr[-2000:]
    (site,) = load_runs(tmp_path)[0]["sites"]
    assert site["errors"].get("timeout") == 1
    assert site["articles_new"] == len(demo_articles())
