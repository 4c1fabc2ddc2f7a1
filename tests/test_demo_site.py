"""The demo news site: every feature the crawler and the end-to-end tests rely on."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from html import unescape
from urllib.parse import urlsplit

import lxml.html
import pytest

from archiver.demo import DemoServer, demo_articles
from archiver.demo.model import DemoArticle
from archiver.sites import load_sites

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


def get(server: DemoServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def html(server: DemoServer, path: str) -> str:
    status, headers, body = get(server, path)
    assert status == 200, path
    charset = headers["content-type"].split("charset=")[-1]
    return body.decode(charset)


def by(pred) -> DemoArticle:
    return next(a for a in demo_articles() if pred(a))


def paragraphs_of(page: str) -> list[str]:
    tree = lxml.html.fromstring(page)
    return [p.text_content().strip() for p in tree.cssselect(".detail__body-text p, article p")]


# -- ground truth -------------------------------------------------------------------------
def test_ground_truth_covers_the_site() -> None:
    articles = demo_articles()
    assert len(articles) == 37
    assert len({a.id for a in articles}) == len({a.path for a in articles}) == 37
    assert set(Counter(a.section for a in articles)) == {"nasional", "ekonomi", "olahraga", "teknologi", "daerah"}
    assert {a.style for a in articles} == {"jsonld", "jsonld_only", "meta", "dateline", "detik"}
    assert {a.zone for a in articles} == {"WIB", "WITA", "WIT"}
    assert all(4 <= len(a.paragraphs) <= 9 and len(a.authors) >= 1 and a.tags and a.description for a in articles)
    assert all(a.published_at.utcoffset() == timedelta(hours={"WIB": 7, "WITA": 8, "WIT": 9}[a.zone])
               for a in articles)
    assert [a.pages for a in articles].count(3) == 1
    assert [a.encoding for a in articles].count("windows-1252") == 1
    assert all(re.fullmatch(r"/berita/\d{4}/\d{2}/\d{2}/\d+/[a-z0-9-]+", a.path) for a in articles)
    # clean text: no boilerplate in the answer key
    text = "\n".join(a.body for a in articles)
    for junk in ("Baca juga", "ADVERTISEMENT", "SCROLL TO CONTINUE", "Simak Video", "(rdp/imk)"):
        assert junk not in text


def test_site_config_loads_and_rebases() -> None:
    site = load_sites()["demo"]
    moved = site.rebased("http://127.0.0.1:9999/")
    assert moved.resolve(site.sitemaps[0]) == "http://127.0.0.1:9999/sitemap.xml"
    assert moved.resolve(site.feeds[0]) == "http://127.0.0.1:9999/rss"
    allow = site.compiled("article_allow")
    assert all(any(p.search(a.url(moved.base_url)) for p in allow) for a in demo_articles())
    assert not any(p.search("http://127.0.0.1:9999/kanal/ekonomi?page=2") for p in allow)
    assert any(p.search("/internal/dasbor-redaksi") for p in site.compiled("follow_deny"))


# -- every article page ---------------------------------------------------------------------
def test_every_article_page_holds_its_ground_truth(server: DemoServer) -> None:
    for article in demo_articles():
        page = html(server, article.path + ("?page=all" if article.pages > 1 else ""))
        paras = paragraphs_of(page)
        assert [p for p in paras if p in article.paragraphs] == list(article.paragraphs), article.path
        assert unescape(article.title) in page
        assert f'href="{article.url(server.base_url)}"' in page  # canonical


def test_boilerplate_is_in_the_pages(server: DemoServer) -> None:
    detik = by(lambda a: "rdp/imk" in a.editor_codes)
    page = html(server, detik.path)
    for junk in ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Simak Video", "<p>(rdp/imk)</p>",
                 "Baca juga: <a", 'class="share-bar"', 'class="artikel-terkait"'):
        assert junk in page
    assert '<div class="baca-juga">' in html(server, by(lambda a: "baca_juga_div" in a.features).path)


def test_date_shapes(server: DemoServer) -> None:
    pages = {a.id: html(server, a.path) for a in demo_articles()}
    everything = "\n".join(pages.values())
    for shape in ("Kamis, 05/11/2015, 14:56 WITA", "Jum'at, 17 Februari 2017 - 13:30 wib",
                  "Sabtu 08 Oct 2016, 14:54 WIT", "Rabu, 4 November 2015 | 21:04 WIB",
                  "16 Feb 2016 at 09:10 WIB", "Jumat , 17 February 2017, 13:16 WIB",
                  "Warta Nusantara - 24/05/2022, 14:32 WIB", "Diperbarui 18 November 2026, 09:30 WIB"):
        assert shape in everything, shape
    detik = by(lambda a: a.style == "detik")
    assert f'<meta name="pubdate" content="{detik.published_at:%Y-%m-%dT%H:%M:%S}Z">' in pages[detik.id]
    for article in demo_articles():
        page = pages[article.id]
        ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page)
        assert (ld is not None) == (article.style in ("jsonld", "jsonld_only"))
        if ld:
            assert datetime.fromisoformat(json.loads(ld.group(1))["datePublished"]) == article.published_at
        assert ('og:type" content="article"' in page) == (article.style != "jsonld_only")
        if article.style == "meta":
            meta = re.search(r'article:published_time" content="([^"]+)"', page)
            assert meta and datetime.fromisoformat(meta.group(1)) == article.published_at
        if article.style == "dateline":
            assert "published_time" not in page and "pubdate" not in page


def test_multi_page_article(server: DemoServer) -> None:
    article = by(lambda a: a.pages == 3)
    joined: list[str] = []
    for n in (1, 2, 3):
        page = html(server, article.path + ("" if n == 1 else f"?page={n}"))
        assert f'<link rel="canonical" href="{article.url(server.base_url)}">' in page
        assert ("Halaman selanjutnya" in page) == (n < 3)
        assert (f'rel="next" href="{article.url(server.base_url)}?page={n + 1}"' in page) == (n < 3)
        joined += [p for p in paragraphs_of(page) if p in article.paragraphs]
    assert joined == list(article.paragraphs)
    assert get(server, article.path + "?page=4")[0] == 404
    whole = paragraphs_of(html(server, article.path + "?page=all"))
    assert [p for p in whole if p in article.paragraphs] == list(article.paragraphs)


def test_windows_1252_page(server: DemoServer) -> None:
    article = by(lambda a: a.encoding == "windows-1252")
    status, headers, body = get(server, article.path)
    assert headers["content-type"] == "text/html; charset=windows-1252"
    assert b'<meta charset="windows-1252">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("cp1252")
    assert "Kafé kopi susu “Tanpa Nama”".lower() in text.lower() and "–" in text


def test_malformed_page_is_still_an_article(server: DemoServer) -> None:
    article = by(lambda a: "malformed" in a.features)
    page = html(server, article.path)
    assert "</p>" not in page and "</html>" not in page
    assert [p for p in paragraphs_of(page) if p in article.paragraphs] == list(article.paragraphs)


def test_amp_copy_points_to_the_canonical_url(server: DemoServer) -> None:
    article = by(lambda a: "amp_home" in a.features)
    assert f'href="{article.amp_path}"' in html(server, "/")
    amp = html(server, article.amp_path)
    assert f'<link rel="canonical" href="{article.url(server.base_url)}">' in amp
    assert [p for p in paragraphs_of(amp) if p in article.paragraphs] == list(article.paragraphs)


def test_republished_copy_has_same_body_and_no_canonical(server: DemoServer) -> None:
    article = by(lambda a: "republished" in a.features)
    section = html(server, "/kanal/daerah")
    copy_path = re.search(r'href="(/daerah/salinan/[^"]+)"', section).group(1)
    copy = html(server, copy_path)
    assert 'rel="canonical"' not in copy and article.url(server.base_url) not in copy.split("<body>")[0]
    assert [p for p in paragraphs_of(copy) if p in article.paragraphs] == list(article.paragraphs)


# -- listings, feeds, robots ------------------------------------------------------------------
def test_homepage_links(server: DemoServer) -> None:
    page = html(server, "/")
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/internal/' in page and 'href="/kanal/ekonomi"' in page
    assert re.search(r'href="/berita/[^"]+\?utm_source=[^"]+fbclid=', page)
    assert 'og:type" content="article"' not in page


def test_section_pagination_lists_every_article(server: DemoServer) -> None:
    for section in ("nasional", "ekonomi", "olahraga", "teknologi", "daerah"):
        found, n = set(), 1
        while n < 10:
            status, _, body = get(server, f"/kanal/{section}" + (f"?page={n}" if n > 1 else ""))
            if status == 404:
                break
            found |= set(re.findall(r'class="title" href="(/berita/[^"?]+)"', body.decode()))
            n += 1
        assert n > 2  # at least two pages
        assert found == {a.path for a in demo_articles() if a.section == section}
    assert 'rel="next" href="/kanal/ekonomi?page=2"' in html(server, "/kanal/ekonomi")


def test_tag_page_is_a_listing(server: DemoServer) -> None:
    page = html(server, "/tag/kopi")
    assert page.count('class="title"') == 2 and 'og:type" content="website"' in page


def test_robots_txt(server: DemoServer) -> None:
    text = html(server, "/robots.txt")
    assert "Disallow: /internal/" in text
    assert f"Sitemap: {server.base_url}sitemap.xml" in text
    assert f"Sitemap: {server.base_url}sitemap-news.xml" in text


def sitemap_entries(server: DemoServer) -> dict[str, datetime]:
    index = ET.fromstring(get(server, "/sitemap.xml")[2])
    children = [urlsplit(e.text).path for e in index.iter(SM + "loc")]
    gz = next(c for c in children if c.endswith(".xml.gz"))
    status, headers, body = get(server, gz)
    assert headers["content-type"] == "application/x-gzip"
    urlset = ET.fromstring(gzip.decompress(body))
    return {u.find(SM + "loc").text: datetime.fromisoformat(u.find(SM + "lastmod").text)
            for u in urlset.iter(SM + "url")}


def test_sitemap_index_gzip_child_and_broken_child(server: DemoServer) -> None:
    entries = sitemap_entries(server)
    assert entries == {a.url(server.base_url): a.last_changed for a in demo_articles()}
    index = ET.fromstring(get(server, "/sitemap.xml")[2])
    broken = [urlsplit(e.text).path for e in index.iter(SM + "loc") if not e.text.endswith(".gz")]
    assert broken
    with pytest.raises(ET.ParseError):
        ET.fromstring(get(server, broken[0])[2])


def news_entries(server: DemoServer) -> dict[str, tuple[datetime, str, datetime]]:
    root = ET.fromstring(get(server, "/sitemap-news.xml")[2])
    return {u.find(SM + "loc").text: (datetime.fromisoformat(u.find(f"{NEWS}news/{NEWS}publication_date").text),
                                      u.find(f"{NEWS}news/{NEWS}title").text,
                                      datetime.fromisoformat(u.find(SM + "lastmod").text))
            for u in root.iter(SM + "url")}


def test_news_sitemap_holds_the_newest(server: DemoServer) -> None:
    entries = news_entries(server)
    newest = sorted(demo_articles(), key=lambda a: a.last_changed, reverse=True)[:10]
    assert entries == {a.url(server.base_url): (a.published_at, a.title, a.last_changed) for a in newest}


def rss_items(server: DemoServer) -> dict[str, datetime]:
    status, headers, body = get(server, "/rss")
    assert headers["content-type"].startswith("application/rss+xml")
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return {i.findtext("link"): parsedate_to_datetime(i.findtext("pubDate")) for i in root.iter("item")}


def test_rss_feed(server: DemoServer) -> None:
    items = rss_items(server)
    newest = sorted(demo_articles(), key=lambda a: a.published_at, reverse=True)[:20]
    assert items == {a.url(server.base_url): a.published_at for a in newest}


# -- bad input ---------------------------------------------------------------------------------
def test_bad_input_routes(server: DemoServer) -> None:
    home = html(server, "/")
    links = set(re.findall(r'href="(/[^"]*)"', home))
    assert get(server, "/berita/2026/11/26/7099001/rusak")[0] == 500 and "/berita/2026/11/26/7099001/rusak" in links
    assert get(server, "/berita/2026/11/25/7099002/halaman-yang-dihapus")[0] == 404
    status, headers, body = get(server, "/tautan/putar")
    assert status == 302 and get(server, headers["location"])[1]["location"] == "/tautan/putar"
    status, headers, body = get(server, "/unduh/laporan-tahunan-2025.pdf")
    assert headers["content-type"] == "application/pdf" and body.startswith(b"%PDF")
    status, headers, body = get(server, "/berita/2026/11/24/7099003/kosong")
    assert status == 200 and body == b"" and headers["content-length"] == "0"
    assert get(server, "/berita/2026/11/28/7010101/judul-salah")[0] == 404
    t0 = time.monotonic()
    assert get(server, "/lambat?detik=0.3")[0] == 200 and time.monotonic() - t0 >= 0.3


# -- request log and mutations --------------------------------------------------------------------
def test_requests_are_recorded() -> None:
    with DemoServer() as srv:
        get(srv, "/robots.txt")
        get(srv, "/kanal/ekonomi?page=2")
        get(srv, "/kanal/ekonomi", method="HEAD")
        assert srv.requests == [("GET", "/robots.txt"), ("GET", "/kanal/ekonomi?page=2"), ("HEAD", "/kanal/ekonomi")]
        assert srv.count("/kanal/") == 2 and srv.count(lambda p: "page=" in p) == 1
        srv.reset_requests()
        assert srv.requests == [] and srv.count("/") == 0


def test_add_and_update_show_everywhere() -> None:
    with DemoServer() as srv:
        before_sitemap = sitemap_entries(srv)
        added = srv.add_article({"section": "ekonomi", "title": "Harga Bawang Merah Turun Setelah Panen Brebes",
                                 "authors": "Siti Rahmawati",
                                 "paragraphs": ["Harga bawang merah turun di pasar induk.",
                                                "Pasokan dari Brebes melimpah sejak awal pekan.",
                                                "Pedagang memperkirakan harga stabil hingga akhir bulan.",
                                                "Pemerintah daerah memantau distribusi ke luar Jawa."]})
        url = added.url(srv.base_url)
        assert url in sitemap_entries(srv) and url in news_entries(srv) and url in rss_items(srv)
        assert added.path in html(srv, "/kanal/ekonomi") and added.path in html(srv, "/")
        assert added.paragraphs[1] in html(srv, added.path)

        old = min((a for a in demo_articles() if a.style == "jsonld" and a.modified_at is None),
                  key=lambda a: a.published_at)
        assert old.url(srv.base_url) not in news_entries(srv)
        new = srv.update_article(old.slug, paragraphs=[*old.paragraphs, "Tambahan: data terbaru sudah diperiksa."])
        assert new.modified_at and new.modified_at > old.published_at
        page = html(srv, old.path)
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
        assert datetime.fromisoformat(ld["dateModified"]) == new.modified_at
        assert "Tambahan: data terbaru sudah diperiksa." in page
        assert sitemap_entries(srv)[old.url(srv.base_url)] == new.modified_at
        assert news_entries(srv)[old.url(srv.base_url)][2] == new.modified_at
        others = {k: v for k, v in sitemap_entries(srv).items() if k not in (url, old.url(srv.base_url))}
        assert others == {k: v for k, v in before_sitemap.items() if k != old.url(srv.base_url)}
        assert srv.article(old.slug) == new and demo_articles()[0] != added  # ground truth stays pristine
        with pytest.raises(ValueError):
            srv.add_article(added)


def test_module_entry_point_serves() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "archiver.demo", "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert base, line
        conn = http.client.HTTPConnection("127.0.0.1", int(base.group(1)), timeout=5)
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
