"""Canonical URLs and fingerprints: two spellings of one article share one key."""

from __future__ import annotations

import pytest

from archiver.fingerprints import article_id, content_hash, url_key
from archiver.urls import canonical_url, has_dated_path, host_of, strip_query_params


def test_tracking_parameters_and_fragment_are_removed() -> None:
    url = "https://WWW.Example.id/berita/2024/05/03/123/banjir?utm_source=fb&utm_medium=social&fbclid=IwAR0&id=7#komentar"
    assert canonical_url(url) == "https://www.example.id/berita/2024/05/03/123/banjir?id=7"


def test_same_article_same_key() -> None:
    a = "https://example.id/berita/d-7012345/harga-beras?utm_campaign=x"
    b = "https://EXAMPLE.id/berita/d-7012345/harga-beras#top"
    assert url_key(a) == url_key(b)
    assert article_id(canonical_url(a)) == article_id(canonical_url(b))
    assert len(article_id(canonical_url(a))) == 16


def test_page_parameter_stripping() -> None:
    assert strip_query_params("https://e.id/read/x?page=2&x=1", {"page"}) == "https://e.id/read/x?x=1"


def test_content_hash_ignores_spacing_and_case() -> None:
    assert content_hash("Harga beras  turun.\n\nPedagang senang!") == content_hash("harga beras turun pedagang senang")
    assert content_hash("Harga beras turun") != content_hash("Harga beras naik")


def test_dated_paths() -> None:
    assert has_dated_path("https://www.kompas.com/read/2022/05/24/14320011/judul")
    assert has_dated_path("https://news.detik.com/berita/d-6123456/judul")
    assert has_dated_path("https://www.cnnindonesia.com/nasional/20220524143200-20-800000/judul")
    assert not has_dated_path("https://www.kompas.com/kanal/ekonomi")
    assert not has_dated_path("https://example.id/tag/banjir")


def test_article_url_drops_page_selectors_but_not_wordpress_ids() -> None:
    from archiver.urls import article_url

    assert article_url("https://e.id/read/2024/05/03/1/x?page=2&utm_source=fb") == "https://e.id/read/2024/05/03/1/x"
    assert article_url("https://e.id/read/x?hal=3", {"hal"}) == "https://e.id/read/x"
    assert article_url("https://blog.e.id/?p=123") != article_url("https://blog.e.id/?p=124")


@pytest.mark.parametrize("url", [
    "https://News.Detik.com/berita/d-123", "//cdn.kompas.com/x.jpg", "http://user:pw@Host.co.id:8080/a?b#c",
    "https://tempo.co", "https://tempo.co?x=1", "http://[::1]:80/", "http://[broken", "http://a[b@site.co.id/",
    "http://[x]@site.co.id/", "http://ex\u2100ample.com/", " http://padded.id/", "http://tab\t.id/", "http://h.id:port/",
    "http://a@b@c.id/", "mailto:redaksi@kompas.com", "/relative/path", "http:///no-host", "HTTPS://UPPER.ID/",
])
def test_host_of_reads_every_url_as_urlsplit_does(url: str) -> None:
    """host_of reads a plain authority without urlsplit (link tests run on every href of a page): the
    same host, or the same "" for what urlsplit rejects."""
    from urllib.parse import urlsplit

    try:
        expected = (urlsplit(url).hostname or "").lower()
    except ValueError:
        expected = ""
    assert host_of(url) == expected
