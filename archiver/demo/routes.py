"""URL routing of the demo site: path -> (status, headers, body bytes).

Kept apart from the HTTP plumbing so every route is a plain function of the
server's current articles; the odd routes (500, empty body, redirect loop,
PDF, non-XML sitemap, slow page) are the bad input a crawl must survive.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass, field
from datetime import timezone
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from archiver.demo import feeds, listings, pages, partner
from archiver.demo.model import SECTIONS

if TYPE_CHECKING:
    from archiver.demo.server import DemoServer

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


def _png() -> bytes:
    """A valid 1x1 grey PNG, built rather than stored."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


PNG = _png()
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _text(status: int, text: str, ctype: str = HTML, encoding: str = "utf-8") -> Response:
    return Response(status, text.encode(encoding), [("Content-Type", ctype)])


def not_found() -> Response:
    return _text(404, "<!DOCTYPE html><html lang=\"id\"><head><title>404 - Halaman tidak ditemukan</title></head>"
                      "<body><h1>Halaman tidak ditemukan</h1><p><a href=\"/\">Kembali ke beranda</a></p></body></html>")


def _page_param(query: str) -> str | None:
    values = parse_qs(query).get("page")
    return values[0] if values else None


def _article(demo: "DemoServer", path: str, query: str) -> Response:
    article = demo.find(path)
    if article is None:
        return not_found()
    param = _page_param(query)
    if param == "all":
        page_no = 0
    elif param is None:
        page_no = 1
    elif param.isdigit() and 1 <= int(param) <= article.pages:
        page_no = int(param)
    else:
        return not_found()
    html = pages.article_page(article, demo.base_url, demo.articles(), page_no)
    ctype = f"text/html; charset={article.encoding}"
    modified = article.last_changed.astimezone(timezone.utc)
    return Response(200, html.encode(article.encoding),
                    [("Content-Type", ctype), ("Last-Modified", format_datetime(modified, usegmt=True))])


def _republished(demo: "DemoServer", path: str) -> Response:
    for article in demo.articles():
        if "republished" in article.features and listings.republished_path(article) == path:
            copy = article.replace(style="meta")  # a partner's CMS: no JSON-LD pointing home
            return _text(200, pages.article_page(copy, demo.base_url, demo.articles(), 1, republished=True))
    return not_found()


def _partner(demo: "DemoServer", path: str) -> Response:
    """The partner site's sitemap and copies (:mod:`archiver.demo.partner`)."""
    copies = demo.partner_copies()
    if path == partner.SITEMAP:
        return _text(200, partner.sitemap(demo.partner_base_url, copies), XML)
    for copy in copies:
        if partner.path(copy) == path:
            return _text(200, pages.article_page(copy, demo.partner_base_url, [], 1, republished=True))
    return not_found()


def _section(demo: "DemoServer", name: str, query: str) -> Response:
    param = _page_param(query) or "1"
    if name not in SECTIONS or not param.isdigit():
        return not_found()
    html = listings.section_page(demo.base_url, name, demo.articles(), int(param))
    return _text(200, html) if html else not_found()


def _slow(demo: "DemoServer", query: str) -> Response:
    asked = parse_qs(query).get("detik", [""])[0]
    seconds = float(asked) if asked.replace(".", "", 1).isdigit() else demo.delay
    time.sleep(min(seconds, 30.0))
    return _text(200, listings.simple_page(demo.base_url, listings.SLOW, "Laporan Langsung",
                                           "Halaman ini sengaja dimuat lambat."))


def respond(demo: "DemoServer", raw_path: str) -> Response:
    """The response to a GET of ``raw_path`` (path plus query)."""
    parts = urlsplit(raw_path)
    path, query = parts.path, parts.query
    base, articles = demo.base_url, demo.articles()
    fixed = {
        "/": lambda: _text(200, listings.home_page(base, articles, slow_link=demo.delay > 0)),
        "/robots.txt": lambda: _text(200, feeds.robots_txt(base), "text/plain; charset=utf-8"),
        "/sitemap.xml": lambda: _text(200, feeds.sitemap_index(base, articles), XML),
        "/sitemap-news.xml": lambda: _text(200, feeds.news_sitemap(base, articles), XML),
        feeds.CHILD_SITEMAP: lambda: Response(200, feeds.articles_sitemap_gz(base, articles),
                                              [("Content-Type", "application/x-gzip")]),
        feeds.BROKEN_SITEMAP: lambda: _text(200, feeds.BROKEN_SITEMAP_BODY),
        "/rss": lambda: _text(200, feeds.rss_feed(base, articles), "application/rss+xml; charset=utf-8"),
        "/tentang": lambda: _text(200, listings.simple_page(base, "/tentang", "Tentang Kami",
                                                            "Warta Nusantara adalah situs berita fiktif untuk demo.")),
        listings.ERROR_500: lambda: _text(500, "<html><body><h1>500 Internal Server Error</h1></body></html>"),
        listings.EMPTY_200: lambda: Response(200, b"", [("Content-Type", HTML)]),
        listings.REDIRECT_LOOP: lambda: Response(302, b"", [("Location", listings.REDIRECT_LOOP_BACK)]),
        listings.REDIRECT_LOOP_BACK: lambda: Response(302, b"", [("Location", listings.REDIRECT_LOOP)]),
        listings.PDF: lambda: Response(200, PDF, [("Content-Type", "application/pdf")]),
        listings.SLOW: lambda: _slow(demo, query),
        "/img/logo.png": lambda: Response(200, PNG, [("Content-Type", "image/png")]),
    }
    if path in fixed:
        return fixed[path]()
    if path.startswith("/internal/"):
        return _text(200, listings.simple_page(base, path, "Dasbor Redaksi", "Halaman internal redaksi."))
    if path.startswith("/kanal/"):
        return _section(demo, path.removeprefix("/kanal/"), query)
    if path.startswith("/tag/"):
        html = listings.tag_page(base, path.removeprefix("/tag/"), articles)
        return _text(200, html) if html else not_found()
    if path.startswith("/img/") and path.endswith(".png"):
        return Response(200, PNG, [("Content-Type", "image/png")])
    if path.startswith("/amp/berita/"):
        article = demo.find(path.removeprefix("/amp"))
        return _text(200, pages.amp_page(article, base)) if article else not_found()
    if path.startswith("/daerah/salinan/"):
        return _republished(demo, path)
    if path.startswith(partner.PREFIX):
        return _partner(demo, path)
    if path.startswith("/berita/"):
        return _article(demo, path, query)
    return not_found()
