"""robots.txt, sitemaps (index, gzip child, Google News) and the RSS feed of the demo site.

Everything is generated from the current article list, so an added or updated
article shows up at once with a fresh ``lastmod``/``news:publication_date``.
"""

from __future__ import annotations

import gzip
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from archiver.demo.model import SECTIONS, SITE_NAME, DemoArticle

NEWS_SITEMAP_SIZE = 10
RSS_SIZE = 20
CHILD_SITEMAP = "/sitemaps/articles-1.xml.gz"
BROKEN_SITEMAP = "/sitemaps/arsip-lama.xml"


def _w3c(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def robots_txt(base: str) -> str:
    return (
        "# Warta Nusantara\n"
        "User-agent: *\n"
        "Disallow: /internal/\n"
        "Disallow: /cari\n"
        "Allow: /\n"
        "\n"
        f"Sitemap: {base}sitemap.xml\n"
        f"Sitemap: {base}sitemap-news.xml\n"
    )


def sitemap_index(base: str, articles: list[DemoArticle]) -> str:
    """Index listing the gzip article sitemap and a child that is not XML at all."""
    lastmod = _w3c(max(a.last_changed for a in articles))
    root = base.rstrip("/")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{root}{CHILD_SITEMAP}</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
        f"  <sitemap><loc>{root}{BROKEN_SITEMAP}</loc><lastmod>2019-01-01T00:00:00+07:00</lastmod></sitemap>\n"
        "</sitemapindex>\n"
    )


def articles_sitemap(base: str, articles: list[DemoArticle]) -> str:
    entries = "".join(
        f"  <url><loc>{escape(a.url(base))}</loc><lastmod>{_w3c(a.last_changed)}</lastmod>"
        f"<changefreq>daily</changefreq></url>\n"
        for a in sorted(articles, key=lambda a: a.last_changed, reverse=True)
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")


def articles_sitemap_gz(base: str, articles: list[DemoArticle]) -> bytes:
    return gzip.compress(articles_sitemap(base, articles).encode("utf-8"), mtime=0)


def news_articles(articles: list[DemoArticle], limit: int = NEWS_SITEMAP_SIZE) -> list[DemoArticle]:
    """The news sitemap's entries: the most recently published or updated articles."""
    return sorted(articles, key=lambda a: a.last_changed, reverse=True)[:limit]


def news_sitemap(base: str, articles: list[DemoArticle]) -> str:
    entries = "".join(
        f"  <url>\n    <loc>{escape(a.url(base))}</loc>\n    <lastmod>{_w3c(a.last_changed)}</lastmod>\n"
        "    <news:news>\n"
        f"      <news:publication><news:name>{SITE_NAME}</news:name><news:language>id</news:language></news:publication>\n"
        f"      <news:publication_date>{_w3c(a.published_at)}</news:publication_date>\n"
        f"      <news:title>{escape(a.title)}</news:title>\n"
        f"      <news:keywords>{escape(', '.join(a.tags))}</news:keywords>\n"
        "    </news:news>\n  </url>\n"
        for a in news_articles(articles)
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + entries + "</urlset>\n")


def rss_feed(base: str, articles: list[DemoArticle]) -> str:
    """RSS 2.0 of the newest articles by publication time."""
    newest = sorted(articles, key=lambda a: a.published_at, reverse=True)[:RSS_SIZE]
    items = "".join(
        "<item>\n"
        f"  <title>{escape(a.title)}</title>\n"
        f"  <link>{escape(a.url(base))}</link>\n"
        f'  <guid isPermaLink="true">{escape(a.url(base))}</guid>\n'
        f"  <pubDate>{format_datetime(a.published_at)}</pubDate>\n"
        f"  <dc:creator>{escape(', '.join(a.authors))}</dc:creator>\n"
        f"  <category>{SECTIONS[a.section]}</category>\n"
        f"  <description>{escape(a.description)}</description>\n"
        f'  <enclosure url="{escape(base.rstrip("/") + a.image_path)}" type="image/png" length="0"/>\n'
        "</item>\n"
        for a in newest
    )
    build = format_datetime(max(a.last_changed for a in articles))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        "<channel>\n"
        f"<title>{SITE_NAME} - Berita Terkini</title>\n<link>{base}</link>\n"
        "<description>Berita terkini dari seluruh Nusantara</description>\n<language>id</language>\n"
        f'<atom:link href="{base}rss" rel="self" type="application/rss+xml"/>\n'
        f"<lastBuildDate>{build}</lastBuildDate>\n" + items + "</channel>\n</rss>\n"
    )


BROKEN_SITEMAP_BODY = (
    "<html><head><title>Pemeliharaan</title></head><body><h1>Sedang dalam pemeliharaan</h1>"
    "<p>Arsip lama sedang dipindahkan.<br>Silakan kembali lagi nanti&nbsp;&mdash; Redaksi"
)
