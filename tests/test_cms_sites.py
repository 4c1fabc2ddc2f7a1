"""The CMS-shaped fixture sites, page by page, judged and extracted as a crawl's workers do (no crawl).

Each site (:mod:`archiver.demo.cms`) is a bare URL: the config is the ad-hoc one any unknown site
gets.  Every article page must come out as that article (title, clean body, the instant it was
published), every listing and static page as a listing, and each site's discovery documents must
hold its articles.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest

from archiver.analysis import PageJob, analyse_page, extract_page
from archiver.demo.cms import CmsServer, cms_sites
from archiver.discovery import lists_articles, parse_sitemap
from archiver.extraction import Extracted
from archiver.fingerprints import normalised_text
from archiver.model import FetchedPage
from archiver.navigation import ArticlePage, Listing
from archiver.sites import site_for_url

KEYS = sorted(cms_sites())


@pytest.fixture(scope="module", params=KEYS)
def server(request: pytest.FixtureRequest) -> Iterator[CmsServer]:
    with CmsServer(request.param) as srv:
        yield srv


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def analysed(server: CmsServer, path: str) -> object:
    url = server.url(path)
    status, body = fetch(url)
    assert status == 200, path
    page = FetchedPage(url=url, site=site_for_url(server.base_url), html=body, encoding="utf-8",
                       fetched_at=datetime.now(timezone.utc))
    return analyse_page(PageJob(page, extract=extract_page))


def test_every_article_page_is_its_article(server: CmsServer) -> None:
    wrong = []
    for expected in server.articles():
        kind = analysed(server, server.site.path(expected))
        assert isinstance(kind, ArticlePage) and isinstance(kind.extraction, Extracted), (server.name, expected.title, kind)
        article = kind.extraction.article
        if article.url != server.article_url(expected):
            wrong.append(f"url {article.url}")
        if article.title != expected.title:
            wrong.append(f"title {article.title!r}")
        # one page on its own: the site's template lines stay (only a crawl's learned template knows them)
        if normalised_text(article.body) != normalised_text("\n\n".join(expected.paragraphs + server.site.template_lines)):
            wrong.append(f"body {article.body[:400]!r}")
        if article.published_at is None or article.published_at.tzinfo is None or article.published_at != expected.published_at:
            wrong.append(f"published_at {article.published_at} != {expected.published_at} ({article.published_at_source})")
        if article.authors != list(expected.authors):
            wrong.append(f"authors {article.authors}")
    assert not wrong, f"{server.name}: " + "\n".join(wrong)


def test_listing_and_static_pages_are_never_articles(server: CmsServer) -> None:
    for path in server.site.listings:
        assert isinstance(analysed(server, path), Listing), (server.name, path)


def test_the_discovery_documents_hold_every_article(server: CmsServer) -> None:
    """What a bare-URL crawl reads (``CmsSite.discovery``) names the articles; index children that list
    pages, taxonomies or authors are the only ones left out."""
    found: set[str] = set()
    for path in server.site.discovery:
        status, body = fetch(server.url(path))
        assert status == 200, path
        sitemap = parse_sitemap(body)  # a feed is a sitemap too
        if sitemap.kind == "index":
            children = {urlsplit(e.url).path for e in sitemap.entries if lists_articles(e.url)}
            assert children <= set(server.site.discovery), path
        else:
            found |= {e.url for e in sitemap.entries}
    assert {server.article_url(a) for a in server.articles()} <= found


@pytest.mark.parametrize("key", ["wordpress", "yoast", "jnews"])
def test_wordpress_sites_keep_robots_txt_free_of_sitemaps(key: str) -> None:
    """The shape the probes exist for: robots.txt names no sitemap (and JNews' pages name no feed)."""
    with CmsServer(key) as srv:
        status, robots = fetch(srv.url("/robots.txt"))
        assert status == 200 and b"Sitemap:" not in robots
        _, home = fetch(srv.base_url)
        assert (b'type="application/rss+xml"' in home) == (key != "jnews")
        if key == "yoast":  # Yoast sends core's index to its own
            assert fetch(srv.url("/wp-sitemap.xml"))[0] == 200
            assert fetch(srv.url("/page-sitemap.xml"))[0] == 200 and not lists_articles(srv.url("/page-sitemap.xml"))
