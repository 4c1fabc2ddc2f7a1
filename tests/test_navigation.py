"""The one navigation rule: article or not, the canonical URL, the next page — for every caller alike."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from archiver.analysis import PageJob, analyse_page, extract_page
from archiver.extraction import Extracted, extract_article
from archiver.model import FetchedPage
from archiver.navigation import (
    ArticlePage,
    CopyOf,
    article_url_of,
    canonical_link,
    is_article,
    next_page_url,
    single_page_url,
)
from archiver.page import PageMeta, parse_html
from archiver.sites import SiteConfig, site_for_url, site_from_dict

URL = "https://news.example.co.id/read/2024/05/03/123456/banjir-jakarta"
PROSE = "".join(f"<p>Paragraf {i}: banjir merendam sejumlah wilayah di Jakarta Timur pada Jumat pagi setelah hujan "
                f"deras mengguyur sejak malam, kata petugas BPBD.</p>" for i in range(5))
SITE = SiteConfig(id="k", name="K", base_url="https://news.example.co.id/", domains=("example.co.id",))


def page(body: str = PROSE, head: str = '<meta property="og:type" content="article">') -> str:
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Banjir Jakarta</title>{head}</head>'
            f"<body><article><h1>Banjir Jakarta</h1><div class='read__content'>{body}</div></article></body></html>")


def meta_of(html: str) -> PageMeta:
    return PageMeta(parse_html(html))


def test_a_page_is_an_article_by_declaration_or_dated_url_never_a_listing() -> None:
    plain = page(head="")
    assert is_article(URL, SITE, meta_of(page()))
    assert is_article(URL, SITE, meta_of(plain))  # dated URL
    assert not is_article("https://news.example.co.id/berita/banjir", SITE, meta_of(plain))
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>'
    assert is_article("https://news.example.co.id/berita/banjir", SITE, meta_of(page(head=ld)))
    for listing in ("https://news.example.co.id/", "https://news.example.co.id/indeks?page=2",
                    "https://news.example.co.id/tag/banjir", "https://news.example.co.id/search?q=banjir"):
        assert not is_article(listing, SITE, meta_of(page()))


def test_a_sites_own_patterns_decide_first() -> None:
    site = SiteConfig(id="k", name="K", base_url="https://news.example.co.id/", domains=("example.co.id",),
                      article_deny=(r"/video/",), article_allow=(r"/berita/\d+/",))
    assert not is_article("https://news.example.co.id/video/2024/05/03/x", site, meta_of(page()))
    assert is_article("https://news.example.co.id/berita/123/banjir", site, meta_of(page(head="")))
    # a link is judged by its URL: a site with patterns names its articles; others by a dated path
    assert is_article("https://news.example.co.id/berita/123/banjir", site)
    assert not is_article(URL, site) and is_article(URL, SITE)


KANAL = site_from_dict({"id": "kanalku", "name": "Kanalku", "base_url": "https://www.kanalku.id/",
                        "articles": {"allow": [r"/kanal/\d+/"]}})
KANAL_URL = "https://www.kanalku.id/kanal/123/"
KANAL_PAGE = ("<html lang='id'><head><title>Jembatan Baru Dibuka</title><meta property='og:type' content='article'>"
              "</head><body><h1>Jembatan Baru Dibuka</h1><p>Mataram - Selasa, 24 Mei 2022 14:05 WITA</p>"
              "<p>Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kecamatan di tepi sungai.</p>"
              "<p>Warga menyambut jembatan itu karena perjalanan ke pasar kini hanya sepuluh menit.</p>"
              "<p>Wali kota mengatakan pembangunan jalan penghubung akan selesai akhir tahun ini.</p></body></html>")


def test_an_article_under_a_listing_shaped_path_that_the_site_names_is_extracted() -> None:
    """``/kanal/`` is a section path on most sites; a site whose articles live there says so, and wins."""
    article = extract_article(KANAL_PAGE, KANAL_URL, site=KANAL)
    assert article.title == "Jembatan Baru Dibuka" and "jembatan baru" in article.body
    page_ = FetchedPage(url=KANAL_URL, site=KANAL, html=KANAL_PAGE.encode(), encoding="utf-8",
                        fetched_at=datetime(2022, 5, 24, 7, tzinfo=timezone.utc))
    kind = analyse_page(PageJob(page_, extract=extract_page))
    assert isinstance(kind, ArticlePage) and isinstance(kind.extraction, Extracted)


MOBILE = "https://m.example.id/berita/2024/05/03/7/banjir"


@pytest.mark.parametrize("domains", [["www.example.id"], ["example.id"]])
def test_one_canonical_rule_everywhere(domains: list[str]) -> None:
    """A canonical on ``m.`` of a site configured as ``www.…``: the same answer for the crawl and ``extract``."""
    site = site_from_dict({"id": "ex", "name": "Ex", "base_url": "https://www.example.id/", "domains": domains})
    fetched = "https://www.example.id/amp/berita/2024/05/03/7/banjir"
    html = page(head=f'<meta property="og:type" content="article"><link rel="canonical" href="{MOBILE}">')
    assert canonical_link(meta_of(html), fetched, site) == MOBILE
    assert extract_article(html, fetched, site=site).url == MOBILE
    fetched_page = FetchedPage(url=fetched, site=site, html=html.encode(), encoding="utf-8",
                               fetched_at=datetime(2024, 5, 3, tzinfo=timezone.utc))
    assert analyse_page(PageJob(fetched_page)) == CopyOf(MOBILE)


def test_canonical_honours_base_href_and_stays_on_the_site() -> None:
    html = page(head='<base href="https://www.example.id/berita/"><link rel="canonical" href="2024/05/03/7/banjir">')
    site = site_for_url("https://www.example.id/")
    assert canonical_link(meta_of(html), "https://www.example.id/x", site) == "https://www.example.id/berita/2024/05/03/7/banjir"
    offsite = page(head='<link rel="canonical" href="https://partner.example.com/berita/1">')
    assert canonical_link(meta_of(offsite), URL, SITE) is None
    assert article_url_of(meta_of(offsite), URL + "?utm_source=x&page=2", SITE) == URL


def test_next_page_url_follows_the_article_only() -> None:
    html = page(head='<link rel="next" href="/read/2024/05/03/123456/banjir-jakarta?page=2">')
    assert next_page_url(parse_html(html), URL) == URL + "?page=2"
    html = page(PROSE + '<a href="/read/2024/05/03/123456/banjir-jakarta?page=3">Selanjutnya</a>')
    assert next_page_url(parse_html(html), URL + "?page=2") == URL + "?page=3"
    html = page(PROSE + '<a href="/read/2024/05/03/123456/banjir-jakarta/2">Halaman 2</a>')
    assert next_page_url(parse_html(html), URL) == URL + "/2"
    listing = page(PROSE + '<a href="/indeks?page=2">Selanjutnya</a><a href="/read/2024/05/04/9/lain">Next</a>')
    assert next_page_url(parse_html(listing), URL) is None
    assert next_page_url(parse_html(page()), URL) is None


def test_single_page_url_uses_the_site_parameter() -> None:
    site = SiteConfig(id="k", name="K", base_url="https://news.example.co.id/", domains=("example.co.id",),
                      single_page_param="page=all")
    assert single_page_url(URL, site) == URL + "?page=all"
    assert single_page_url(URL, SITE) is None
    assert extract_article(page(), URL + "?page=all", site=site).url == URL


BARE = site_for_url("https://www.kabardesa.id/")


@pytest.mark.parametrize(("url", "article"), [
    ("https://www.kabardesa.id/?p=7020206", True),  # WordPress plain permalinks
    ("https://www.kabardesa.id/index.php?p=12", True),
    ("https://www.kabardesa.id/2025/12/gili-trawangan-ramai.html", True),  # Blogger
    ("https://www.kabardesa.id/2025/12/03/harga-cabai-naik/", True),  # WordPress dated permalinks
    ("https://www.kabardesa.id/", False), ("https://www.kabardesa.id/?page_id=2", False),
    ("https://www.kabardesa.id/?cat=4", False), ("https://www.kabardesa.id/?m=202512", False),
    ("https://www.kabardesa.id/2025/12/", False), ("https://www.kabardesa.id/2025/", False),  # date archives
    ("https://www.kabardesa.id/2025/12/03/", False), ("https://www.kabardesa.id/2025/12/03/page/2/", False),
    ("https://www.kabardesa.id/search/label/Wisata", False), ("https://www.kabardesa.id/p/tentang.html", False),
])
def test_cms_url_shapes_are_judged_by_their_url(url: str, article: bool) -> None:
    assert is_article(url, BARE) is article
    assert is_article(url, BARE, meta_of(page(head=""))) is article


def test_a_wordpress_page_marked_og_article_is_not_an_article() -> None:
    """Yoast and JNews mark "Redaksi" and "Pedoman Media Siber" pages ``og:type=article``; the body class says page."""
    from archiver.navigation import is_wordpress_page

    redaksi = page().replace("<body>", '<body class="page-template-default page page-id-12 wp-embed-responsive">')
    post = page().replace("<body>", '<body class="post-template-default single single-post postid-7 single-format-standard">')
    url = "https://www.kabardesa.id/redaksi/"
    assert is_wordpress_page(meta_of(redaksi)) and not is_article(url, BARE, meta_of(redaksi))
    assert not is_wordpress_page(meta_of(post)) and is_article(url, BARE, meta_of(post))


def test_a_joomla_article_url_is_not_the_home_page_and_a_broken_href_costs_only_itself() -> None:
    from archiver.navigation import is_listing_url, page_links

    assert not is_listing_url("https://x.id/index.php?option=com_content&view=article&id=512")
    assert is_listing_url("https://x.id/index.php") and not is_listing_url("https://x.id/?p=5")
    site = site_for_url("https://x.id/")
    root = parse_html(b'<html><body><a href="http://[broken/x">a</a><a href="/2024/05/03/berita-baru">b</a></body></html>')
    assert page_links(root, "https://x.id/", site) == ("https://x.id/2024/05/03/berita-baru",)
