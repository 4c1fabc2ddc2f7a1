"""The news spider's decisions, on hand-made responses (no network, no reactor).

Archive articles, follow listings; skip what the archive holds; go to the
original of an AMP copy; never archive a blocked or broken response.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any, AsyncIterator

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from archiver.crawl.pipelines import CopyFound, ExtractedPage
from archiver.extraction import Extracted
from archiver.model import FetchedPage
from archiver.sites import site_from_dict
from conftest import archiver_settings
from spiders.news import NewsSpider

ARTICLE_ITEMS = (FetchedPage, ExtractedPage)

SITE = site_from_dict({
    "id": "kabar", "name": "Kabar", "base_url": "https://kabar.example.id/",
    "discovery": {"sections": ["/kanal/ekonomi"], "news_sitemaps": ["/sitemap-news.xml"]},
    "articles": {"allow": [r"/berita/\d{4}/\d{2}/\d{2}/\d+/"]},
})

ARTICLE_URL = "https://kabar.example.id/berita/2024/05/03/101/harga-beras-turun"

ARTICLE_HTML = f"""<!doctype html><html lang="id"><head><title>Harga Beras Turun - Kabar</title>
<meta property="og:type" content="article"><link rel="canonical" href="{ARTICLE_URL}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harga Beras Turun","datePublished":"2024-05-03T10:15:00+07:00"}}</script>
</head><body><article><h1>Harga Beras Turun</h1>
<p>JAKARTA, Kabar - Harga beras medium di Pasar Induk Cipinang turun menjadi Rp12.500 per kilogram pada Jumat pagi.</p>
<p>Pedagang menyebut pasokan dari Jawa Tengah dan Jawa Timur kembali lancar setelah panen raya di beberapa kabupaten.</p>
<p>Badan Pangan Nasional memperkirakan harga akan stabil hingga akhir bulan karena stok cadangan pemerintah mencukupi.</p>
</article><a href="/berita/2024/05/03/102/cabai-naik?utm_source=home">Cabai naik</a>
<a href="/kanal/ekonomi">Ekonomi</a></body></html>"""

LISTING_HTML = """<!doctype html><html><head><title>Ekonomi - Kabar</title>
<link rel="alternate" type="application/rss+xml" href="/rss"></head><body>
<ul><li><a href="/berita/2024/05/03/101/harga-beras-turun?utm_source=kanal&fbclid=x">Harga beras turun</a></li>
<li><a href="/berita/2024/05/03/102/cabai-naik">Cabai naik</a></li></ul>
<a href="/kanal/ekonomi?page=2">Berikutnya</a> <a href="https://other.example.com/berita/2024/05/03/9/x">luar</a>
</body></html>"""


class FakeArchive:
    """What the spider reads of the archive: known URLs and when they last changed."""

    def __init__(self, known: dict[str, Any] | None = None) -> None:
        self.records = known or {}

    def known(self, url: str) -> Any:
        return self.records.get(url)

    def from_earlier_run(self, record: Any) -> bool:
        return True

    def changed_since(self, url: str, modified: datetime | None) -> bool:
        stored = self.records[url].modified_at
        return modified is not None and (stored is None or modified > stored)


class Record:
    def __init__(self, modified_at: datetime | None = None) -> None:
        self.article_id = "00000000000000aa"
        self.modified_at = modified_at
        self.version = 1


@pytest.fixture
def spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider, archiver_settings())  # pages are analysed inline: no worker processes here
    spider = NewsSpider.from_crawler(crawler, sites=[SITE])
    crawler.spider = spider
    return spider


def run(outputs: AsyncIterator[Any]) -> list[Any]:
    """Everything an async callback yields (it awaits its page analysis)."""
    async def collect() -> list[Any]:
        return [output async for output in outputs]

    return asyncio.run(collect())


def html_response(url: str, body: str, status: int = 200, **meta: Any) -> HtmlResponse:
    request = Request(url, meta={"site": "kabar", **meta})
    return HtmlResponse(url, body=body.encode(), status=status, request=request, encoding="utf-8")


def test_listing_page_follows_articles_and_pagination_without_archiving(spider: NewsSpider) -> None:
    out = run(spider.parse_page(html_response("https://kabar.example.id/kanal/ekonomi", LISTING_HTML, listing_depth=1)))
    assert not any(isinstance(o, ARTICLE_ITEMS) for o in out)
    urls = [o.url for o in out if isinstance(o, Request)]
    assert ARTICLE_URL in urls  # tracking parameters gone
    assert "https://kabar.example.id/berita/2024/05/03/102/cabai-naik" in urls
    assert "https://kabar.example.id/kanal/ekonomi?page=2" in urls
    assert "https://kabar.example.id/rss" in urls  # advertised feed
    assert not any("other.example.com" in u for u in urls)


def test_article_page_is_archived(spider: NewsSpider) -> None:
    out = run(spider.parse_page(html_response(ARTICLE_URL, ARTICLE_HTML)))
    items = [o for o in out if isinstance(o, ARTICLE_ITEMS)]
    assert len(items) == 1 and isinstance(items[0], ExtractedPage)
    assert items[0].page.url == ARTICLE_URL and items[0].page.site.id == "kabar"
    # extracted on the tree the page analysis parsed: the pipeline does not parse it again
    assert isinstance(items[0].extraction, Extracted)
    article = items[0].extraction.article
    assert article.title == "Harga Beras Turun" and "Cipinang" in article.body


def _article_bytes(meta_charset: str, text: str, encoding: str) -> bytes:
    html = ARTICLE_HTML.replace("<head>", f'<head><meta http-equiv="Content-Type" content="text/html; charset={meta_charset}">')
    return html.replace("Harga Beras Turun", text).encode(encoding)


@pytest.mark.parametrize(("content_type", "meta_charset", "encoding"), [
    ("text/html", "iso-8859-1", "utf-8"),  # UTF-8 bytes, a stale meta tag, no charset in the header
    ("text/html; charset=windows-1252", "windows-1252", "cp1252"),  # the header's charset is the page's
    ("text/html", "windows-1252", "cp1252"),  # not UTF-8: the meta tag is believed
])
def test_a_page_is_decoded_as_reextract_and_import_warc_decode_its_record(spider: NewsSpider, content_type: str,
                                                                          meta_charset: str, encoding: str) -> None:
    """The spider hands extraction the header's charset only (as a WARC record's reader does), so valid UTF-8
    wins over a stale ``<meta charset>``; Scrapy's own guess (the meta tag) gave "fÃ¼r" in the title and body."""
    title = "Günstige Tarife für Pelanggan Setia"  # no byte that cp1252 lacks: Scrapy's guess decodes without error
    body = _article_bytes(meta_charset, title, encoding)
    request = Request(ARTICLE_URL, meta={"site": "kabar"})
    response = HtmlResponse(ARTICLE_URL, body=body, headers={"Content-Type": content_type}, request=request)
    items = [o for o in run(spider.parse_page(response)) if isinstance(o, ExtractedPage)]
    assert len(items) == 1 and isinstance(items[0].extraction, Extracted)
    assert items[0].extraction.article.title == title


def test_known_article_links_are_not_requested(spider: NewsSpider) -> None:
    spider.archive = FakeArchive({ARTICLE_URL: Record()})
    out = run(spider.parse_page(html_response("https://kabar.example.id/kanal/ekonomi", LISTING_HTML, listing_depth=1)))
    urls = [o.url for o in out if isinstance(o, Request)]
    assert ARTICLE_URL not in urls
    assert spider.crawler.stats.get_value("archiver/kabar/skipped/known") == 1


def test_sitemap_lastmod_newer_than_archive_refetches(spider: NewsSpider) -> None:
    stored = datetime(2024, 5, 3, 3, 0, tzinfo=timezone.utc)
    spider.archive = FakeArchive({ARTICLE_URL: Record(modified_at=stored)})
    sitemap = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>{ARTICLE_URL}</loc><lastmod>2024-05-03T12:00:00+07:00</lastmod></url></urlset>""".encode()
    response = XmlResponse("https://kabar.example.id/sitemap-news.xml", body=sitemap,
                           request=Request("https://kabar.example.id/sitemap-news.xml", meta={"site": "kabar"}))
    assert [r.url for r in spider.parse_sitemap(response)] == [ARTICLE_URL]
    spider.archive = FakeArchive({ARTICLE_URL: Record(modified_at=datetime(2024, 5, 4, tzinfo=timezone.utc))})
    assert list(spider.parse_sitemap(response)) == []


def test_amp_copy_leads_to_its_canonical_original(spider: NewsSpider) -> None:
    amp_url = "https://kabar.example.id/amp/berita/2024/05/03/101/harga-beras-turun"
    out = run(spider.parse_page(html_response(amp_url, ARTICLE_HTML)))
    requests = [o for o in out if isinstance(o, Request) and o.url == ARTICLE_URL]
    assert requests and amp_url in requests[0].meta["aliases"]
    assert CopyFound(amp_url, ARTICLE_URL) in out  # the archive remembers the copy at once
    assert not any(isinstance(o, ARTICLE_ITEMS) for o in out)


@pytest.mark.parametrize(
    "status, body",
    [
        (403, "<html><body>Forbidden</body></html>"),
        (200, "<html><head><title>Just a moment...</title></head><body><div id='cf_chl_opt'></div></body></html>"),
    ],
)
def test_blocked_responses_are_counted_not_archived(spider: NewsSpider, status: int, body: str) -> None:
    out = run(spider.parse_page(html_response(ARTICLE_URL, body, status=status)))
    assert out == []
    stats = spider.crawler.stats.get_stats()
    assert any(k.startswith("archiver/kabar/blocked/") for k in stats)


def test_non_html_and_empty_responses_are_skipped(spider: NewsSpider) -> None:
    pdf = TextResponse("https://kabar.example.id/laporan.pdf", body=b"%PDF-1.4 ...", encoding="latin-1",
                       request=Request("https://kabar.example.id/laporan.pdf", meta={"site": "kabar"}))
    assert run(spider.parse_page(pdf)) == []
    assert run(spider.parse_page(html_response(ARTICLE_URL, "   "))) == []
    stats = spider.crawler.stats.get_stats()
    assert stats["archiver/kabar/skipped/not_html"] == 1 and stats["archiver/kabar/errors/empty"] == 1


def test_invalid_sitemap_is_logged_and_counted(spider: NewsSpider) -> None:
    response = html_response("https://kabar.example.id/sitemap-news.xml", "<html>oops</html>")
    assert list(spider.parse_sitemap(response)) == []
    assert spider.crawler.stats.get_value("archiver/kabar/errors/sitemap_invalid") == 1


def test_single_page_form_is_fetched_when_the_site_has_one(spider: NewsSpider) -> None:
    from dataclasses import replace

    spider.sites["kabar"] = replace(SITE, single_page_param="page=all")
    request = spider._article_request(spider.sites["kabar"], ARTICLE_URL + "?page=2&utm_source=x")
    assert request is not None and request.url == ARTICLE_URL + "?page=all"


def test_multi_page_article_is_joined_into_one_item(spider: NewsSpider) -> None:
    page1 = ARTICLE_HTML.replace("</article>", f'<a rel="next" href="{ARTICLE_URL}?page=2">Halaman selanjutnya</a></article>')
    first = run(spider.parse_page(html_response(ARTICLE_URL, page1)))
    (follow,) = [o for o in first if isinstance(o, Request) and "page=2" in o.url]
    page2 = ARTICLE_HTML.replace("Harga beras medium", "Halaman kedua: harga beras premium")
    response = HtmlResponse(follow.url, body=page2.encode(), encoding="utf-8", request=follow)
    (item,) = run(follow.callback(response))
    assert isinstance(item, FetchedPage) and item.url == ARTICLE_URL
    assert item.more_pages == (page2.encode(),)


def test_undated_article_found_through_a_listing_is_archived(spider: NewsSpider) -> None:
    """A bare-URL site with no article pattern: page signals decide, wherever the page was found."""
    url = "https://kabar.example.id/nasional/harga-beras-turun-di-pasar-induk"
    page = ARTICLE_HTML.replace(ARTICLE_URL, url)
    out = run(spider.parse_page(html_response(url, page, listing_depth=2)))
    assert [o.page.url for o in out if isinstance(o, ExtractedPage)] == [url]


def test_start_pages_are_never_archived(spider: NewsSpider) -> None:
    out = run(spider.parse_page(html_response("https://kabar.example.id/kanal/ekonomi", ARTICLE_HTML, listing_depth=0,
                                               start_page=True)))
    assert not any(isinstance(o, ARTICLE_ITEMS) for o in out)


@pytest.mark.parametrize("href", ["https://kabar.example.id/a", "//kabar.example.id/b?x=1", "/berita/2024/05/03/1/x",
                                  "/a/../b", "relative/page", "../up", "?page=2", "/a/./b", "http://other.id/x"])
def test_link_resolution_matches_urljoin(href: str) -> None:
    from urllib.parse import urljoin

    from archiver.navigation import absolute

    base = "https://kabar.example.id/kanal/ekonomi/index.html"
    assert absolute(href, base, "https://kabar.example.id", "https") == urljoin(base, href)


def test_a_site_without_robots_txt_is_not_an_error(spider: NewsSpider) -> None:
    (robots,) = [r for r in spider._start_requests(SITE) if r.url.endswith("/robots.txt")]
    assert 404 in robots.meta["handle_httpstatus_list"]  # the 404 reaches parse_robots, not the errback
    missing = HtmlResponse(robots.url, body=b"<h1>Not found</h1>", status=404, request=robots, encoding="utf-8")
    assert list(spider.parse_robots(missing)) == []
    assert not any("errors" in key for key in spider.crawler.stats.get_stats())


def test_a_bare_site_whose_robots_txt_names_no_sitemap_is_asked_where_cmss_put_them() -> None:
    from archiver.sites import site_for_url

    bare = site_for_url("https://warta.example.id/")
    crawler = get_crawler(NewsSpider, archiver_settings())
    spider = NewsSpider.from_crawler(crawler, sites=[bare])
    crawler.spider = spider
    (robots,) = [r for r in spider._start_requests(bare) if r.url.endswith("/robots.txt")]
    plain = TextResponse(robots.url, body=b"User-agent: *\nDisallow: /wp-admin/\n", request=robots, encoding="utf-8")
    probes = list(spider.parse_robots(plain))
    assert [r.url.removeprefix("https://warta.example.id") for r in probes] == [
        "/sitemap.xml", "/wp-sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/feed/", "/feeds/posts/default"]
    assert all(r.meta["probe"] and 404 in r.meta["handle_httpstatus_list"] for r in probes)
    missing = HtmlResponse(probes[1].url, body=b"<h1>Not found</h1>", status=404, request=probes[1], encoding="utf-8")
    soft_404 = HtmlResponse(probes[4].url, body=b"<html><body>Beranda</body></html>", request=probes[4], encoding="utf-8")
    assert list(spider.parse_sitemap(missing)) == [] and list(spider.parse_feed(soft_404)) == []
    stats = crawler.stats.get_stats()
    assert stats.get("archiver/warta-example-id/skipped/probe_absent") == 2
    assert not any("errors" in key for key in stats)
    named = TextResponse(robots.url, body=b"Sitemap: https://warta.example.id/sitemap-news.xml\n", request=robots,
                         encoding="utf-8")
    assert [r.url for r in spider.parse_robots(named)] == ["https://warta.example.id/sitemap-news.xml"]


def test_a_site_that_states_its_sitemaps_is_not_probed(spider: NewsSpider) -> None:
    (robots,) = [r for r in spider._start_requests(SITE) if r.url.endswith("/robots.txt")]
    missing = HtmlResponse(robots.url, body=b"<h1>Not found</h1>", status=404, request=robots, encoding="utf-8")
    assert list(spider.parse_robots(missing)) == []
