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
