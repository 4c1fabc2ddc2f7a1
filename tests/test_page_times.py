"""find_page_times: choosing a page's publication time on small realistic pages."""

from __future__ import annotations

import gzip
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest

from archiver.dates import PageTimes, find_page_times

WIB = timezone(timedelta(hours=7))


def page(head: str = "", body: str = "") -> str:
    para = "<p>" + "Jakarta - Pemerintah mengumumkan kebijakan baru hari ini. " * 8 + "</p>"
    return f"<html><head><title>Judul Berita Hari Ini - Situs</title>{head}</head><body>{body}{para}</body></html>"


def test_jsonld_graph_with_list_and_modified() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Situs"},
        {"@type": "NewsArticle", "datePublished": ["2024-05-03T09:15:00+07:00"], "dateModified": "2024-05-03T10:00:00+07:00"},
    ]}
    html = page(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    got = find_page_times(html)
    assert got == PageTimes(datetime(2024, 5, 3, 9, 15, tzinfo=WIB), "2024-05-03T09:15:00+07:00", "json-ld",
                            datetime(2024, 5, 3, 10, 0, tzinfo=WIB))


def test_jsonld_in_cdata_and_meta_modified() -> None:
    html = page('<script type="application/ld+json">//<![CDATA[\n{"@type":"Article","datePublished":"2024-05-03T02:00:00Z"}\n//]]></script>'
                '<meta property="og:updated_time" content="2024-05-04T08:00:00+07:00">')
    got = find_page_times(html)
    assert got.published_at == datetime(2024, 5, 3, 9, 0, tzinfo=WIB)
    assert got.modified_at == datetime(2024, 5, 4, 8, 0, tzinfo=WIB)


def test_detik_fake_utc_pubdate_is_wib_when_dateline_says_so() -> None:
    html = page('<meta name="pubdate" content="2016-02-23T16:00:20Z">',
                '<h1>Judul Berita Hari Ini</h1><div class="date">Selasa, 23/02/2016 16:00 WIB</div>')
    got = find_page_times(html)
    assert got.published_at == datetime(2016, 2, 23, 16, 0, 20, tzinfo=WIB)
    assert got.published_at_source == "meta" and got.published_at_text == "2016-02-23T16:00:20Z"


def test_real_utc_meta_is_kept_when_dateline_differs() -> None:
    html = page('<meta property="article:published_time" content="2016-02-23T09:00:20Z">',
                '<h1>Judul Berita Hari Ini</h1><div class="date">Selasa, 23/02/2016 16:00 WIB</div>')
    assert find_page_times(html).published_at == datetime(2016, 2, 23, 16, 0, 20, tzinfo=WIB)


def test_zone_less_utc_like_dateline_does_not_rewrite_meta() -> None:
    html = page('<meta property="article:published_time" content="2024-12-16T12:30:00+00:00">',
                '<h1>Judul Berita Hari Ini</h1><div class="date">16.12.2024 12:30</div>')
    got = find_page_times(html, tz="Europe/Berlin")
    assert got.published_at == datetime(2024, 12, 16, 12, 30, tzinfo=timezone.utc)


def test_dateline_with_minutes_beats_date_only_tag() -> None:
    html = page('<meta name="publishdate" content="2015-11-04">',
                '<h2>Judul Berita Hari Ini</h2><div class="msmall grey">Rabu, 4 November 2015 | 21:04 WIB</div>')
    got = find_page_times(html)
    assert got.published_at == datetime(2015, 11, 4, 21, 4, tzinfo=WIB)
    assert got.published_at_source == "dateline"
    assert got.published_at_text == "Rabu, 4 November 2015 | 21:04 WIB"


def test_in_body_event_date_is_not_publication_time() -> None:
    body = ('<h1>Judul Berita Hari Ini</h1><span class="date">Rabu, 25 Mei 2022 08:00 WIB</span>'
            '<p>Rapat digelar Selasa (24/5) pukul 10.00 WIB di gedung DPR.</p>')
    got = find_page_times(page(body=body))
    assert got.published_at == datetime(2022, 5, 25, 8, 0, tzinfo=WIB)


def test_event_date_alone_gives_no_time() -> None:
    body = "<h1>Judul Berita Hari Ini</h1><p>Rapat digelar Selasa (24/5) di gedung DPR.</p>"
    assert find_page_times(page(body=body)) == PageTimes(None, None, None, None)


def test_sidebar_times_lose_to_the_dateline_near_the_headline() -> None:
    sidebar = "".join(f'<div class="tanggal">Rabu, 04 November 2015 | 1{i}:00</div><a href="/x{i}">Berita lain {i}</a>'
                      for i in range(5))
    body = (f'<div class="sidebar">{sidebar}</div><div class="judul">Judul Berita Hari Ini</div>'
            '<div class="tanggal">Wednesday, 04 November, 2015 | 07:28 WIB</div>')
    got = find_page_times(page(body=body))
    assert got.published_at == datetime(2015, 11, 4, 7, 28, tzinfo=WIB)


def test_time_element_in_site_timezone() -> None:
    html = page(body='<h1>Judul Berita Hari Ini</h1><time datetime="2024-05-03T14:00">3 Mei</time>')
    got = find_page_times(html, tz="Asia/Makassar")
    assert got.published_at == datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=8)))
    assert got.published_at_source == "time"


def test_url_fallbacks() -> None:
    cnn = find_page_times(page(), url="https://www.cnnindonesia.com/nasional/20240503143015-20-1234/judul")
    assert cnn.published_at == datetime(2024, 5, 3, 14, 30, 15, tzinfo=WIB) and cnn.published_at_source == "url"
    dated = find_page_times(page(), url="https://example.co.id/2024/05/03/judul/")
    assert dated.published_at == datetime(2024, 5, 3, tzinfo=WIB)


def test_accepts_bytes_and_tree_and_empty() -> None:
    html = page('<meta property="article:published_time" content="2024-05-03T09:15:00+07:00">')
    want = datetime(2024, 5, 3, 9, 15, tzinfo=WIB)
    assert find_page_times(html.encode()).published_at == want
    assert find_page_times(lxml.html.document_fromstring(html)).published_at == want
    assert find_page_times("") == PageTimes(None, None, None, None)
    assert find_page_times(b"<html><body><p>tidak ada tanggal</p></body></html>").published_at is None


# --- corpus (skipped when ../shared/corpus is absent) --------------------------------------------

CORPUS = Path(os.environ.get("ARCHIVER_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus")


@pytest.mark.skipif(not (CORPUS / "indonesian" / "manifest.jsonl").exists(), reason="shared corpus absent")
def test_corpus_indonesian_pages_exact_to_minute() -> None:
    rows = [json.loads(x) for x in (CORPUS / "indonesian" / "manifest.jsonl").read_text().splitlines() if x.strip()]
    hits = 0
    for row in rows:
        html = gzip.decompress((CORPUS / "indonesian" / row["file"]).read_bytes())
        got = find_page_times(html, url=row["url"]).published_at
        want = datetime.fromisoformat(row["published_at"])
        assert got is None or got.tzinfo is not None
        hits += got is not None and abs(got - want) < timedelta(minutes=1) and got.minute == want.minute
    assert hits / len(rows) >= 0.98


@pytest.mark.skipif(not (CORPUS / "dates" / "date_strings.jsonl").exists(), reason="shared corpus absent")
def test_corpus_date_strings_all_exact() -> None:
    from archiver.dates import parse_date

    for line in (CORPUS / "dates" / "date_strings.jsonl").read_text().splitlines():
        row = json.loads(line)
        got = parse_date(row["string"])
        assert got is not None and got.utcoffset() == timedelta(hours=7), row["string"]
        assert got.replace(tzinfo=None, second=0) == datetime.fromisoformat(row["expected_local"]).replace(second=0)


@pytest.mark.skipif(not (CORPUS / "fundus" / "manifest.jsonl").exists(), reason="shared corpus absent")
def test_corpus_fundus_pages_regression_guard() -> None:
    """Fundus pages, zone-less ones read in the country's zone.  Measured 96.1% (target 98%, see
    benchmarks/dates.py: 5 of the 10 misses are ground-truth errors); this guards against regressions."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.dates import fundus_pages, same_minute

    pages = fundus_pages(CORPUS)
    hits = sum(same_minute(find_page_times(gzip.decompress(p["path"].read_bytes()).decode("utf-8", "replace"),
                                           url=p["url"], tz=p["tz"]).published_at, p["expected"], p["tz"])
               for p in pages)
    assert hits / len(pages) >= 0.95
