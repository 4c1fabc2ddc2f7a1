"""Validate-and-fall-back: the extracted body checked against the page's own JSON-LD and prose."""

from __future__ import annotations

import json

import pytest

from archiver.extraction import extract_article, validate
from archiver.extraction.validate import choose_body, coverage, densest_container, marked_bodies
from archiver.page import PageMeta, parse_html

URL = "https://kabar.example.co.id/read/2024/05/03/123456/festival-danau-toba"

ARTICLE = [
    "MEDAN, Kabar - Festival Danau Toba kembali digelar tahun ini dengan melibatkan lebih dari seratus pelaku usaha kecil dari tujuh kabupaten.",
    "Panitia menyebut jumlah wisatawan yang datang pada hari pertama melampaui perkiraan, terutama dari Medan, Pekanbaru dan Jakarta.",
    "Pemerintah provinsi menyiapkan kapal tambahan dari Ajibata ke Tomok agar antrean penyeberangan tidak mengular seperti tahun lalu.",
    "Selain lomba perahu tradisional, festival juga menampilkan pertunjukan musik gondang dan pameran tenun ulos dari para perajin.",
    "Kepala dinas pariwisata berharap festival mendorong lama tinggal wisatawan sehingga belanja mereka dinikmati warga sekitar danau.",
    "Ia menambahkan, tahun depan festival akan dibuka lebih awal agar tidak bertepatan dengan musim hujan di kawasan Toba.",
    "Sejumlah hotel di Parapat dan Tuktuk melaporkan tingkat hunian penuh sejak dua hari sebelum pembukaan festival.",
    "Pedagang suvenir di pelabuhan Tomok mengaku omzet mereka naik hingga tiga kali lipat dibandingkan akhir pekan biasa.",
    "Polisi mengerahkan dua ratus personel untuk mengatur lalu lintas di jalur lintas Sumatra yang menuju kawasan danau.",
    "Festival akan berlangsung selama lima hari dan ditutup dengan pesta kembang api di dermaga Balige pada Minggu malam.",
]
TEASERS = [
    "Harga tiket kapal naik jelang libur panjang di kawasan wisata Parapat",
    "Lima kuliner khas Batak yang wajib dicoba saat berkunjung ke Samosir",
    "Jalan tol Kualanamu menuju Parapat ditargetkan rampung tahun depan",
]


def _page(body_html: str, ld_body: str | None, description: str = "Festival Danau Toba kembali digelar.") -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Festival Danau Toba Dibuka",
          "datePublished": "2024-05-03T09:00:00+07:00", "description": description}
    if ld_body is not None:
        ld["articleBody"] = ld_body
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Festival Danau Toba Dibuka - Kabar</title>
<meta property="og:type" content="article"><meta name="description" content="{description}">
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><header><nav><a href="/">Beranda</a> <a href="/wisata">Wisata</a></nav></header>
<main><h1>Festival Danau Toba Dibuka</h1>{body_html}</main>
<footer><p>Hak cipta 2024 Kabar.</p></footer></body></html>"""


def _teaser_cards() -> str:
    return "".join(f'<div class="card"><h3><a href="/read/2024/05/0{i}/1/x">{t}</a></h3><p>{t}. Simak ulasan lengkapnya '
                   f'di halaman berikut bersama foto dan video dari lokasi.</p></div>' for i, t in enumerate(TEASERS, 1))


def test_a_teaser_block_taken_for_the_article_is_replaced_by_the_pages_jsonld_body():
    # the article's text is only in JSON-LD (rendered by script); the HTML shows teaser cards
    html = _page(_teaser_cards(), "\n".join(ARTICLE))
    notes: list[str] = []
    article = extract_article(html, URL, notes=notes)
    assert article.body.split("\n\n") == ARTICLE
    assert notes == ["body_from_jsonld"]


def test_a_jsonld_summary_does_not_replace_a_whole_article():
    html = _page("".join(f"<p>{line}</p>" for line in ARTICLE), ARTICLE[0])
    notes: list[str] = []
    article = extract_article(html, URL, notes=notes)
    assert article.body.split("\n\n") == ARTICLE
    assert notes == []


def test_a_body_that_covers_its_jsonld_is_kept_even_when_jsonld_differs_in_spacing():
    html = _page("".join(f"<p>{line}</p>" for line in ARTICLE), "  ".join(ARTICLE))
    notes: list[str] = []
    assert extract_article(html, URL, notes=notes).body.split("\n\n") == ARTICLE
    assert notes == []


def test_page_one_of_a_multi_page_article_is_not_judged_against_the_whole_articles_jsonld():
    first = _page("".join(f"<p>{line}</p>" for line in ARTICLE[:3]), "\n".join(ARTICLE) * 2)
    second = _page("".join(f"<p>{line}</p>" for line in ARTICLE[3:]), None)
    notes: list[str] = []
    article = extract_article(first, URL, more_pages=[second], notes=notes)
    assert article.body.split("\n\n") == ARTICLE
    assert notes == []


def test_an_extraction_far_below_the_pages_prose_is_replaced_by_favor_recall_when_it_finds_twice_as_much():
    root = parse_html(_page("".join(f"<p>{line}</p>" for line in ARTICLE), None))
    choice = choose_body(ARTICLE[0], root, URL, PageMeta.of(root))
    assert choice.source == "recall"
    assert all(line in choice.text for line in ARTICLE)


def test_an_extraction_that_holds_most_of_the_pages_prose_is_not_second_guessed():
    root = parse_html(_page("".join(f"<p>{line}</p>" for line in ARTICLE), None))
    text = "\n".join(ARTICLE[:-1])
    assert choose_body(text, root, URL, PageMeta.of(root)).source is None


def test_coverage_counts_word_pairs_of_the_reference():
    assert coverage("a b c d", "a b c d") == 1.0
    assert coverage("a b", "a b c d") == 1 / 3
    assert coverage("anything", "") == 1.0


def test_a_jsonld_body_written_as_html_is_stored_as_text_paragraphs():
    marked_up = "".join(f"<p>{line.replace('dan', '&amp;')}</p>" for line in ARTICLE)
    notes: list[str] = []
    article = extract_article(_page(_teaser_cards(), marked_up), URL, notes=notes)
    assert notes == ["body_from_jsonld"]
    assert article.body.split("\n\n") == [line.replace("dan", "&") for line in ARTICLE]


def _related_stack() -> str:
    """A "more stories" stack as news templates print it under the article: a heading, then cards of
    headline plus a one-line summary (links stripped, as on templates that link the whole card by script)."""
    return '<div class="stack"><h2>Baca berita lainnya</h2>' + "".join(
        f'<div class="stack-item"><h3>{t}</h3><p>{t}, menurut laporan terbaru redaksi kami dari lapangan hari ini.</p></div>'
        for t in TEASERS) + "</div>"


def _marked_article(body_attrs: str, paragraphs: str | None = None) -> str:
    # the wrapper's class is one trafilatura looks for first, so it takes the wrapper with the stack inside
    paragraphs = paragraphs if paragraphs is not None else "".join(f"<p>{line}</p>" for line in ARTICLE)
    return f'<article><div class="article-content"><div{body_attrs}>{paragraphs}</div>{_related_stack()}</div></article>'


def test_a_marked_article_body_replaces_an_extraction_that_read_into_the_related_stories():
    notes: list[str] = []
    article = extract_article(_page(_marked_article(' itemprop="articleBody"'), None), URL, notes=notes)
    assert article.body.split("\n\n") == ARTICLE
    assert notes == ["body_from_marked"]


def test_without_the_mark_the_related_stories_stay_and_nothing_else_is_tried(monkeypatch: pytest.MonkeyPatch):
    # the check runs only where the page's source names articleBody: the same page unmarked keeps
    # trafilatura's text without a scan for marks
    def no_scan(root):
        raise AssertionError("a page whose source names no articleBody was scanned for a marked body")

    monkeypatch.setattr(validate, "marked_bodies", no_scan)
    notes: list[str] = []
    article = extract_article(_page(_marked_article(""), None).encode(), URL, notes=notes)
    assert notes == []
    assert TEASERS[0] in article.body


def test_a_mark_on_the_lead_paragraph_alone_does_not_cut_the_article():
    # the mark disagrees with the extraction, but the densest container sides with the extraction
    paragraphs = f'<p itemprop="articleBody">{ARTICLE[0]}</p>' + "".join(f"<p>{line}</p>" for line in ARTICLE[1:])
    html = _page(f'<article><div class="article-content">{paragraphs}</div></article>', None)
    notes: list[str] = []
    article = extract_article(html, URL, notes=notes)
    assert article.body.split("\n\n") == ARTICLE
    assert notes == []


def test_a_mark_that_agrees_with_the_extraction_costs_no_second_extraction(monkeypatch: pytest.MonkeyPatch):
    def no_second_reading(*args):
        raise AssertionError("a second reading of a page whose mark agrees with the extraction")

    monkeypatch.setattr(validate, "densest_container", no_second_reading)
    monkeypatch.setattr(validate, "extract_within", no_second_reading)
    root = parse_html(_page(f'<div itemprop="articleBody">{"".join(f"<p>{line}</p>" for line in ARTICLE)}</div>', None))
    assert choose_body("\n".join(ARTICLE), root, URL, PageMeta.of(root)).source is None


def test_the_densest_container_is_the_articles_not_a_longer_block_above_the_headline():
    top = "".join(f"<p>{line} {line}</p>" for line in ARTICLE[:6])  # a top-stories block with more text, before the <h1>
    body = "".join(f"<p>{line}</p>" for line in ARTICLE)
    root = parse_html(f'<html><body><div id="top">{top}</div><main><h1>Judul</h1><div id="story">{body}</div>'
                      f'<div id="card"><p>{TEASERS[0]}</p></div></main></body></html>')
    assert densest_container(root).get("id") == "story"


def test_the_body_mark_is_found_among_other_properties_and_nested_marks_count_once():
    root = parse_html('<html><body><div id="a" itemprop="description articleBody"><div itemprop="articleBody">'
                      '<p>x</p></div></div><span itemprop="author">A</span></body></html>')
    assert [el.get("id") for el in marked_bodies(root)] == ["a"]
