"""Sitemaps, news sitemaps, feeds and robots.txt as real sites publish them."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone

import pytest

from archiver.discovery import NotADiscoveryDocument, parse_feed, parse_sitemap, sitemaps_from_robots

WIB = timezone(timedelta(hours=7))

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.id/berita/d-7012345/harga-beras-turun</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>id</news:language></news:publication>
      <news:publication_date>2024-05-03T10:15:00+07:00</news:publication_date>
      <news:title>Harga Beras Turun di Pasar Induk</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example.id/berita/d-7012346/banjir</loc><lastmod>2024-05-03T03:00:00Z</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.id/sitemap-1.xml.gz</loc><lastmod>2024-05-01</lastmod></sitemap>
  <sitemap><loc>https://example.id/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_news_sitemap_keeps_publication_date_and_title() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.published == datetime(2024, 5, 3, 10, 15, tzinfo=WIB)
    assert first.title == "Harga Beras Turun di Pasar Induk"
    assert second.lastmod == datetime(2024, 5, 3, 3, 0, tzinfo=timezone.utc)
    assert second.newest == second.lastmod


def test_gzipped_sitemap_index() -> None:
    sitemap = parse_sitemap(gzip.compress(INDEX))
    assert sitemap.kind == "index"
    assert [e.url for e in sitemap.entries] == ["https://example.id/sitemap-1.xml.gz", "https://example.id/sitemap-2.xml.gz"]
    assert sitemap.entries[0].lastmod is not None and sitemap.entries[0].lastmod.tzinfo is not None


@pytest.mark.parametrize("body", [b"", b"<html><body>404 Not Found</body></html>", b"garbage \x00\x01", b"\x1f\x8bnot gzip"])
def test_not_a_sitemap_is_an_error_not_a_crash(body: bytes) -> None:
    with pytest.raises(NotADiscoveryDocument):
        parse_sitemap(body)


def test_rss_feed_entries() -> None:
    rss = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Berita</title>
      <item><title>Gempa di Maluku</title><link>https://example.id/berita/2024/05/03/1/gempa</link>
        <pubDate>Fri, 03 May 2024 08:00:00 +0700</pubDate></item>
      <item><title>Tanpa tautan</title></item>
    </channel></rss>""".encode()
    (entry,) = parse_feed(rss)
    assert entry.url == "https://example.id/berita/2024/05/03/1/gempa"
    assert entry.published == datetime(2024, 5, 3, 8, 0, tzinfo=WIB)


def test_atom_feed_entries() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>A</title><link rel="alternate" href="https://example.id/a"/><updated>2024-05-03T01:00:00Z</updated></entry>
    </feed>"""
    (entry,) = parse_feed(atom)
    assert entry.url == "https://example.id/a"
    assert entry.lastmod == datetime(2024, 5, 3, 1, tzinfo=timezone.utc)


def test_robots_sitemap_lines() -> None:
    robots = b"User-agent: *\nDisallow: /search/\nSitemap: https://example.id/sitemap.xml\nsitemap:https://example.id/news.xml\n"
    assert list(sitemaps_from_robots(robots)) == ["https://example.id/sitemap.xml", "https://example.id/news.xml"]


def test_a_feed_named_as_a_sitemap_is_read_as_one() -> None:
    """robots.txt files copied from Indonesian blogging guides name Blogger's Atom feed as their sitemap."""
    atom = b"""<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>
      <entry><id>tag:blogger.com,1999:blog-1.post-2</id><published>2025-12-03T14:05:00.000+08:00</published>
        <link rel='replies' type='application/atom+xml' href='https://catatan.example.id/feeds/2/comments/default'/>
        <link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/2'/>
        <link rel='alternate' type='text/html' href='https://catatan.example.id/2025/12/gili-trawangan.html'/></entry>
    </feed>"""
    sitemap = parse_sitemap(atom)
    assert sitemap.kind == "urlset"
    (entry,) = sitemap.entries
    assert entry.url == "https://catatan.example.id/2025/12/gili-trawangan.html"
    assert entry.published == datetime(2025, 12, 3, 6, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize(("child", "articles"), [
    ("wp-sitemap-posts-post-1.xml", True), ("wp-sitemap-posts-page-1.xml", False),
    ("wp-sitemap-taxonomies-category-1.xml", False), ("wp-sitemap-taxonomies-post_tag-1.xml", False),
    ("wp-sitemap-users-1.xml", False), ("post-sitemap.xml", True), ("post-sitemap2.xml", True),
    ("page-sitemap.xml", False), ("category-sitemap.xml", False), ("post_tag-sitemap.xml", False),
    ("author-sitemap.xml", False), ("news-sitemap.xml", True), ("sitemap-news.xml", True),
    ("sitemap.xml?page=1", True), ("sitemaps/articles-1.xml.gz", True),
])
def test_wordpress_index_children_that_list_no_article(child: str, articles: bool) -> None:
    from archiver.discovery import lists_articles

    assert lists_articles(f"https://www.example.id/{child}") is articles


def test_the_well_known_places_cover_wordpress_yoast_and_blogger() -> None:
    from archiver.discovery import WELL_KNOWN_FEEDS, WELL_KNOWN_SITEMAPS

    assert {"/wp-sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap.xml"} <= set(WELL_KNOWN_SITEMAPS)
    assert {"/feed/", "/feeds/posts/default"} <= set(WELL_KNOWN_FEEDS)
