"""Page analysis in a worker: one parse decides what a fetched page is and where it leads.

The spider only acts on these verdicts, so each assertion here is a crawl decision:
archive (extracted already), go to the original, follow the next page, follow links.
"""

from __future__ import annotations

from datetime import datetime, timezone

from archiver.analysis import PageJob, analyse_page, extract_page
from archiver.extraction import Extracted, Failed
from archiver.model import FetchedPage
from archiver.navigation import ArticlePage, CopyOf, Listing
from archiver.sites import SiteConfig, site_from_dict

SITE = site_from_dict({
    "id": "kabar", "name": "Kabar", "base_url": "https://kabar.example.id/",
    "articles": {"allow": [r"/berita/\d+/"], "follow_deny": [r"/login"]},
})
ARTICLE = "https://kabar.example.id/berita/101/harga-beras-turun"
BODY = "".join(f"<p>Paragraf {i}: harga beras medium di Pasar Induk Cipinang turun menjadi Rp12.500 per kilogram "
               f"pada Jumat pagi menurut pedagang setempat.</p>" for i in range(6))


def page(url: str, html: str, site: SiteConfig = SITE) -> FetchedPage:
    return FetchedPage(url=url, site=site, html=html.encode(), encoding="utf-8",
                       fetched_at=datetime(2024, 5, 3, 5, 0, tzinfo=timezone.utc))


def article_html(canonical: str, extra: str = "") -> str:
    return (f'<html lang="id"><head><title>Harga Beras Turun</title><link rel="canonical" href="{canonical}">'
            f'<meta property="og:type" content="article"></head><body><article><h1>Harga Beras Turun</h1>'
            f'{BODY}{extra}</article><a href="/berita/102/cabai-naik">Cabai naik</a></body></html>')


def test_whole_article_arrives_extracted_with_its_links() -> None:
    kind = analyse_page(PageJob(page(ARTICLE, article_html(ARTICLE)), extract=extract_page))
    assert isinstance(kind, ArticlePage) and kind.next_page is None
    assert isinstance(kind.extraction, Extracted)
    assert kind.extraction.article.title == "Harga Beras Turun" and "Cipinang" in kind.extraction.article.body
    assert kind.links == ("https://kabar.example.id/berita/102/cabai-naik",)


def test_copy_naming_its_original_is_neither_extracted_nor_walked() -> None:
    amp = "https://kabar.example.id/amp/berita/101/harga-beras-turun"
    kind = analyse_page(PageJob(page(amp, article_html(ARTICLE)), extract=extract_page))
    assert kind == CopyOf(ARTICLE)


def test_fetched_through_its_copy_the_original_is_extracted_whatever_its_canonical_says() -> None:
    other = "https://kabar.example.id/berita/101/harga-beras-turun-lagi"
    job = PageJob(page(ARTICLE, article_html(other)), via_canonical=True, extract=extract_page)
    kind = analyse_page(job)
    assert isinstance(kind, ArticlePage) and isinstance(kind.extraction, Extracted)


def test_first_page_of_a_multi_page_article_waits_for_the_rest() -> None:
    nxt = f'<a rel="next" href="{ARTICLE}?page=2">Halaman selanjutnya</a>'
    kind = analyse_page(PageJob(page(ARTICLE, article_html(ARTICLE, nxt)), extract=extract_page))
    assert isinstance(kind, ArticlePage) and kind.next_page == f"{ARTICLE}?page=2" and kind.extraction is None


def test_listing_links_once_each_in_page_order_without_binaries_denied_or_offsite() -> None:
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>'
            '<a href="/berita/7/a">A</a><a href="/berita/7/a">A again</a><a href="/kanal/ekonomi?page=2">2</a>'
            '<a href="/laporan.pdf">PDF</a><a href="/login?next=/">Masuk</a><a href="mailto:x@y.id">Surat</a>'
            '<a href="https://lain.example.com/berita/9/x">Luar</a><a href="#top">Atas</a></body></html>')
    kind = analyse_page(PageJob(page("https://kabar.example.id/kanal/ekonomi", html), want_feeds=True))
    assert isinstance(kind, Listing)
    assert kind.links == ("https://kabar.example.id/berita/7/a", "https://kabar.example.id/kanal/ekonomi?page=2")
    assert kind.feeds == ("https://kabar.example.id/rss",)


def test_a_failing_extraction_is_reported_not_raised() -> None:
    def broken(page: FetchedPage, tree: object = None, notes: object = None) -> None:
        raise RuntimeError("boom")

    kind = analyse_page(PageJob(page(ARTICLE, article_html(ARTICLE)), extract=broken))
    assert isinstance(kind, ArticlePage) and isinstance(kind.extraction, Failed) and "boom" in kind.extraction.error


def test_link_verdicts_belong_to_their_site_config() -> None:
    html = '<html><body><a href="/login?next=/">Masuk</a><a href="/berita/8/b">B</a></body></html>'
    listing = "https://kabar.example.id/kanal/nasional"
    assert analyse_page(PageJob(page(listing, html))).links == ("https://kabar.example.id/berita/8/b",)
    lenient = site_from_dict({"id": "kabar2", "name": "Kabar", "base_url": "https://kabar.example.id/"})
    assert "https://kabar.example.id/login?next=/" in analyse_page(PageJob(page(listing, html, lenient))).links
    assert analyse_page(PageJob(page(listing, html))).links == ("https://kabar.example.id/berita/8/b",)


def test_the_fork_servers_warm_up_page_is_extracted_whole() -> None:
    from archiver.crawl.warm import warm

    kind = warm()
    assert isinstance(kind, ArticlePage) and isinstance(kind.extraction, Extracted)
    article = kind.extraction.article
    assert article.published_at is not None and article.published_at.isoformat() == "2022-05-24T10:15:00+07:00"
    assert "Baca juga" not in article.body and article.body.startswith("Jakarta - Pemerintah daerah")
