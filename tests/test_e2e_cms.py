"""End to end: ``archiver crawl <bare URL>`` of each CMS-shaped site, with no site config.

WordPress core (``/?p=N``, ``/wp-sitemap.xml``), Yoast with Newspaper (``/sitemap_index.xml``,
``/news-sitemap.xml``, a "Redaksi" page marked ``og:type=article``), JNews (``/feed/`` only),
Blogger (``/feeds/posts/default`` and ``?alt=rss``, ``/YYYY/MM/slug.html``) and an AMP-only site:
each crawl must archive exactly the site's articles, with clean bodies, titles and
timezone-aware publication times, read the discovery documents of its shape, leave WordPress's
page, taxonomy and author sitemaps unread, and count no error (a probed path that is absent is
not one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archiver.demo.cms import CmsServer, cms_sites
from archiver.discovery import lists_articles
from archiver.fingerprints import normalised_text
from conftest import FAST, archive_rows, run_archiver

pytestmark = pytest.mark.slow  # one subprocess crawl per site (3-6 s each)


@pytest.fixture(scope="module", params=sorted(cms_sites()))
def crawl(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from archiver.ops.runs import load_runs

    archive = tmp_path_factory.mktemp(f"archive-{request.param}")
    with CmsServer(request.param) as server:
        result = run_archiver("crawl", server.base_url, "--archive", str(archive), *FAST)
        requests = [path for _method, path in server.requests]
        expected = {server.article_url(a): a for a in server.articles()}
        listings = {server.url(p) for p in server.site.listings}
    runs = load_runs(archive)
    return {"key": request.param, "site": server.site, "result": result, "rows": archive_rows(archive),
            "requests": requests, "expected": expected, "listings": listings,
            "run": runs[-1]["sites"][0] if runs else {}}


def test_the_crawl_succeeds_with_no_error(crawl: dict[str, Any]) -> None:
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    assert crawl["run"]["errors"] == {}, crawl["run"]


def test_exactly_the_articles_are_archived(crawl: dict[str, Any]) -> None:
    urls = [row["url"] for row in crawl["rows"]]
    assert sorted(urls) == sorted(crawl["expected"]), f"{crawl['key']}: {urls}"
    assert not set(urls) & crawl["listings"]  # no home, section, tag, archive or static page


def test_titles_bodies_and_times_are_right(crawl: dict[str, Any]) -> None:
    wrong = []
    for row in crawl["rows"]:
        expected = crawl["expected"].get(row["url"])
        if expected is None:
            continue  # reported above
        if row["title"] != expected.title:
            wrong.append(f"{row['url']}: title {row['title']!r}")
        if normalised_text(row["body"]) != normalised_text("\n\n".join(expected.paragraphs)):
            wrong.append(f"{row['url']}: body {row['body'][:400]!r}")
        published = row["published_at"]
        if published is None or published.tzinfo is None or published != expected.published_at:
            wrong.append(f"{row['url']}: published_at {published} != {expected.published_at}")
        if row["published_at_precision"] == "day":
            wrong.append(f"{row['url']}: only the day was read")
        if row["authors"] != list(expected.authors):
            wrong.append(f"{row['url']}: authors {row['authors']}")
    assert not wrong, f"{crawl['key']}:\n" + "\n".join(wrong)


def test_the_shapes_discovery_documents_were_read(crawl: dict[str, Any]) -> None:
    requested = set(crawl["requests"])
    assert set(crawl["site"].discovery) <= requested, f"{crawl['key']}: {sorted(requested)}"
    unread = [p for p in requested if p.split("?")[0].endswith(".xml") and not lists_articles(p)]
    assert unread == []  # page, category, tag and author sitemaps
    assert not any(p.startswith("/wp-admin/") for p in requested)  # robots.txt obeyed


def test_probes_only_when_robots_txt_names_no_sitemap(crawl: dict[str, Any]) -> None:
    probes = {"/wp-sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/feed/", "/feeds/posts/default"}
    asked = probes & set(crawl["requests"])
    if crawl["key"] == "amp":  # its robots.txt names /sitemap.xml
        assert asked == set()
    else:
        assert asked == probes
        assert crawl["run"]["errors"] == {}  # the absent ones are skipped/probe_absent, not errors


def test_the_probe_lists_are_settings(tmp_path: Path) -> None:
    """``-s ARCHIVER_PROBE_SITEMAPS= -s ARCHIVER_PROBE_FEEDS=/feed/``: no sitemap guessed, only the feed asked."""
    with CmsServer("jnews") as server:
        result = run_archiver("crawl", server.base_url, "--archive", str(tmp_path), *FAST,
                              "-s", "ARCHIVER_PROBE_SITEMAPS=", "-s", "ARCHIVER_PROBE_FEEDS=/feed/")
        requested = {path for _method, path in server.requests}
    assert result.returncode == 0, result.stderr[-3000:]
    assert "/feed/" in requested
    assert not requested & {"/sitemap.xml", "/wp-sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml",
                            "/feeds/posts/default"}
