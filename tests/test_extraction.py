"""Extraction on pages written for the tests: cleaning rules, fields, pages, encodings."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from archiver.extraction import NotAnArticle, extract_article
from archiver.sites import ExtractionRules, SiteConfig

URL = "https://news.example.co.id/read/2024/05/03/123456/banjir-jakarta"

PROSE = [
    "JAKARTA, KOMPAS.com - Banjir merendam sejumlah wilayah di Jakarta Timur pada Jumat pagi setelah hujan deras mengguyur sejak malam.",
    "Kepala Pelaksana BPBD DKI Jakarta mengatakan ketinggian air di beberapa titik mencapai satu meter dan warga mulai mengungsi.",
    "Petugas gabungan menyiapkan perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak dari rumah yang terendam.",
    "Menurut dia, pompa air di kawasan tersebut sudah dioperasikan sejak dini hari untuk mempercepat surutnya genangan.",
    "Warga diminta tetap waspada karena hujan dengan intensitas sedang hingga lebat diperkirakan masih akan turun hingga sore.",
]


def page(body_html: str, *, head: str = "", title: str = "Banjir Rendam Jakarta Timur - Kompas.com",
         h1: str = "Banjir Rendam Jakarta Timur", lang: str = "id") -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Kompas.com">
<meta property="og:title" content="{title}">{head}</head>
<body><header><nav><a href="/">Beranda</a> <a href="/news">News</a> <a href="/money">Money</a></nav></header>
<article><h1>{h1}</h1><div class="read__content">{body_html}</div></article>
<footer><p>Copyright 2024 Kompas Cyber Media. All rights reserved.</p></footer></body></html>"""


def paras(lines: list[str] = PROSE) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def body_of(body_html: str, **kw) -> str:
    return extract_article(page(body_html, **kw), URL).body


def test_clean_article_keeps_every_paragraph_in_order():
    art = extract_article(page(paras()), URL)
    assert art.body.split("\n\n") == PROSE
    assert art.title == "Banjir Rendam Jakarta Timur"
    assert art.word_count == len(re.findall(r"\w+", " ".join(PROSE)))
    assert art.language == "id" and art.pages == 1


@pytest.mark.parametrize("junk", [
    '<p>Baca juga: <a href="/read/2024/05/02/1/x">Banjir Bekasi Surut, Warga Kembali ke Rumah</a></p>',
    '<p><strong>Baca Juga:</strong> <a href="/read/1">Harga Beras Naik Lagi</a></p>',
    '<p>Lihat juga: <a href="/read/2">Video Banjir Kemang</a></p>',
    '<div class="baca-juga"><p>Harga cabai rawit naik dua kali lipat menjelang Lebaran di pasar induk</p></div>',
    '<div class="bacajuga">Gubernur tinjau lokasi pengungsian di GOR Otista</div>',
    '<div class="inject-baca-juga-box">Wali kota resmikan rumah pompa baru di Kampung Melayu</div>',
    '<table class="linksisip"><tr><td>Lihat Juga : <a href="/x">Warga Bantaran Kali Dievakuasi</a></td></tr></table>',
    '<p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p>',
    '<p>Simak Video "Detik-detik Tanggul Jebol di Jakarta Timur"</p>',
    '<p>Simak breaking news dan berita pilihan kami langsung di ponselmu. Follow Kompas.com WhatsApp Channel</p>',
    '<p>Telusuri berita nasional lainnya di Google News</p>',
    '<p>Halaman selanjutnya</p>',
    '<p>Penulis: Nabilla Tashandra</p><p>Editor: Bayu Galih</p>',
    '<ul><li><a href="/a">Jumat, 03/05/2024 09:25 WIB Ini Dia Tempat Terbasah di Dunia</a></li>'
    '<li><a href="/b">Tiga Menteri Sambut Ponsel 4G Murah</a></li><li><a href="/c">Potret Desa Terdingin</a></li></ul>',
])
def test_boilerplate_is_removed_and_prose_kept(junk):
    lines = PROSE[:2] + [junk] + PROSE[2:]
    body = body_of(paras(PROSE[:2]) + junk + paras(PROSE[2:]))
    assert body.split("\n\n") == PROSE, lines


def test_article_sentences_that_mention_the_words_are_kept():
    mentions = [
        "Warga diimbau membaca juga informasi resmi dari BPBD sebelum kembali ke rumah masing-masing setelah banjir surut.",
        "Baca juga petunjuk evakuasi yang dibagikan petugas, kata Camat Jatinegara kepada wartawan di lokasi pengungsian.",
        "Perusahaan itu memasang advertisement di televisi nasional untuk menggalang donasi bagi korban banjir di Jakarta.",
        "Ia meminta masyarakat menyimak video imbauan resmi pemerintah daerah agar tidak terpancing kabar bohong.",
        "Editor: keterangan ini ditulis ulang oleh redaksi karena narasumber meralat jumlah pengungsi yang sebelumnya disebutkan mencapai dua ribu orang.",
    ]
    body = body_of(paras(PROSE[:2] + mentions + PROSE[2:]))
    assert body.split("\n\n") == PROSE[:2] + mentions + PROSE[2:]


def test_desk_codes_move_to_their_own_column():
    last = PROSE[-1] + " (rdp/imk)"
    art = extract_article(page(paras(PROSE[:-1] + [last])), URL)
    assert art.body.split("\n\n") == PROSE
    assert art.editor_codes == ["rdp/imk"]
    alone = extract_article(page(paras(PROSE) + "<p>(lau/pta)</p>"), URL)
    assert alone.body.split("\n\n") == PROSE and alone.editor_codes == ["lau/pta"]


def test_parenthesised_words_inside_sentences_are_not_desk_codes():
    text = PROSE[:-1] + ["Bantuan disalurkan Palang Merah Indonesia (PMI) bersama relawan (ant) di posko utama hari ini."]
    art = extract_article(page(paras(text)), URL)
    assert art.body.split("\n\n") == text and art.editor_codes == []


def test_site_rules_prune_body_selector_and_boilerplate():
    extra = '<div class="promo-box"><p>Promo langganan digital hanya hari ini untuk pembaca setia kami di seluruh Indonesia.</p></div>'
    site = SiteConfig(id="kompas", name="Kompas.com", base_url="https://news.example.co.id/", domains=("example.co.id",),
                      extraction=ExtractionRules(prune=(".promo-box",), boilerplate=(r"Dapatkan kupon .*",)))
    html = page(paras(PROSE[:3]) + extra + "<p>Dapatkan kupon belanja di aplikasi kami</p>" + paras(PROSE[3:]))
    art = extract_article(html, URL, site=site)
    assert art.body.split("\n\n") == PROSE and art.site == "kompas"
    body_site = SiteConfig(id="x", name="X", base_url="https://news.example.co.id/", domains=("example.co.id",),
                           extraction=ExtractionRules(body="div.isi", title="h2.judul", authors=".penulis"))
    html = page('<h2 class="judul">Judul Asli Berita</h2><span class="penulis">Penulis: Andi Saputra, Budi</span>'
                f'<div class="isi">{paras()}</div><div class="lain">{paras(["Teks di luar isi artikel yang tidak boleh ikut. " * 3])}</div>')
    art = extract_article(html, URL, site=body_site)
    assert art.body.split("\n\n") == PROSE
    assert art.title == "Judul Asli Berita" and art.authors == ["Andi Saputra", "Budi"]


class MyPage:
    def __init__(self, tree, url, meta):
        self.tree = tree

    def section(self):
        return "Megapolitan"

    def authors(self):
        return None  # None: keep the generic value


def test_page_class_overrides_named_fields():
    site = SiteConfig(id="x", name="X", base_url="https://news.example.co.id/", domains=("example.co.id",),
                      extraction=ExtractionRules(page_class=f"{__name__}:MyPage"))
    head = '<meta name="author" content="Reporter: Sania Mashabi">'
    art = extract_article(page(paras(), head=head), URL, site=site)
    assert art.section == "Megapolitan" and art.authors == ["Sania Mashabi"]


def test_metadata_fields_from_json_ld_and_opengraph():
    ld = """<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
    "headline":"Banjir Rendam Jakarta Timur","articleSection":"Megapolitan","inLanguage":"id-ID",
    "author":[{"@type":"Person","name":"Penulis: Sania Mashabi"},{"@type":"Organization","name":"Kompas.com"}],
    "image":{"@type":"ImageObject","url":"https://asset.example.co.id/banjir.jpg"},"keywords":"banjir, jakarta timur",
    "datePublished":"2024-05-03T09:15:00+07:00"}</script>
    <link rel="canonical" href="https://news.example.co.id/read/2024/05/03/123456/banjir-jakarta?page=all&utm_source=x">
    <meta property="og:description" content="Banjir merendam Jakarta Timur.">"""
    fetched = datetime(2024, 5, 3, 10, 0, tzinfo=timezone.utc)
    art = extract_article(page(paras(), head=ld), URL + "?utm_medium=feed", fetched_at=fetched)
    assert art.url == URL
    assert art.fetched_url == URL + "?utm_medium=feed" and art.fetched_at == fetched
    assert art.authors == ["Sania Mashabi"]
    assert art.section == "Megapolitan" and art.tags == ["banjir", "jakarta timur"]
    assert art.image_url == "https://asset.example.co.id/banjir.jpg" and art.language == "id"
    assert art.description == "Banjir merendam Jakarta Timur."
    assert art.site == "news-example-co-id"  # a site without a config: its host name, as an id
    assert art.article_id and len(art.content_hash) == 32


def test_canonical_on_another_site_is_ignored():
    head = '<link rel="canonical" href="https://aggregator.example.com/story/1">'
    assert extract_article(page(paras(), head=head), URL + "?page=2").url == URL


def test_language_detected_when_not_declared():
    english = ["The flood covered several districts of East Jakarta on Friday morning after heavy rain that fell since the night before."] * 3
    html = page(paras(english), lang="").replace(' lang=""', "")
    assert extract_article(html, URL).language == "en"
    assert extract_article(page(paras(), lang="").replace(' lang=""', ""), URL).language == "id"


def test_windows_1252_page_decodes_right():
    text = "Kafe “Sari Rasa” di Jalan Cikini menjual kopi seharga €3 dan roti café au lait yang disukai turis."
    html = page(paras(PROSE[:3] + [text])).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    raw = html.encode("cp1252")
    assert "“Sari Rasa”" in extract_article(raw, URL).body and "€3" in extract_article(raw, URL).body
    no_meta = html.replace('<meta charset="windows-1252">', "").encode("cp1252")
    assert "café au lait" in extract_article(no_meta, URL).body
    assert "“Sari Rasa”" in extract_article(no_meta, URL, encoding="windows-1252").body


def test_control_characters_and_a_self_closing_html_tag_do_not_cost_the_body():
    """Old CMS exports carry form feeds and NULs in their text and a self-closing ``<html/>``, which
    libxml2 reads as an empty page: the characters XML forbids are removed and the page parses whole."""
    from archiver.page import parse_html

    dirty = PROSE[1].replace(" ", "\x0c", 1).replace(" ", " \x00", 1)
    html = page(paras([PROSE[0], dirty] + PROSE[2:4]))
    text = parse_html(html.encode()).text_content()
    assert PROSE[3] in text and "\x0c" not in text and "\x00" not in text and "\ufffd" not in text
    self_closed = "<html lang=\"id\"/>\n" + html[html.index("<head>"):]
    assert PROSE[3] in parse_html(self_closed.encode()).text_content()
    assert PROSE[3] in extract_article(self_closed.encode(), URL).body


@pytest.mark.parametrize("source", [
    "<!DOCTYPE html/>\n<html lang='id'/>\n<body><p>a\x00b\x0cc \ufffe d\uffff</p></body></html>",
    "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1.dtd'>\n<html><p>x</p>",
    "\n\n<html xmlns='http://www.w3.org/1999/xhtml' />\n<body>\x08ok</body>",
    "<html><body><p>clean page, nothing to repair</p></body></html>",
])
def test_the_parse_repairs_a_page_as_trafilatura_does(source: str) -> None:
    """parse_html repairs pages with its own quicker copy of trafilatura's steps; its extraction is
    tuned on trees built that way, so a trafilatura release that repairs differently must show here."""
    from trafilatura.utils import repair_faulty_html

    from archiver.page.html import _repaired

    assert _repaired(source, source[:50].lower()) == repair_faulty_html(source, source[:50].lower())


def test_multi_page_article_is_joined_in_order():
    p1 = page(paras(PROSE[:3]) + '<p><a href="?page=2">Halaman selanjutnya</a></p>')
    p2 = page(paras(PROSE[3:]) + '<div class="paging"><a href="?page=1">1</a> <a href="?page=3">3</a></div>')
    art = extract_article(p1, URL, more_pages=[p2])
    assert art.body.split("\n\n") == PROSE and art.pages == 2
    assert art.url == URL


@pytest.mark.parametrize("html,url", [
    ("", URL),
    ("<html><head><title>Just a moment...</title></head><body><p>Checking your browser.</p></body></html>", URL),
    ("<html><head><title>Indeks Berita</title></head><body>"
     + "".join(f'<p><a href="/read/{i}">Judul berita nomor {i} hari ini</a></p>' for i in range(30))
     + "</body></html>", "https://news.example.co.id/indeks"),
])
def test_not_an_article(html, url):
    with pytest.raises(NotAnArticle):
        extract_article(html, url)


@pytest.mark.parametrize("raw, site_name, host, expected", [
    # a headline clause that merely contains the site's name is not a site suffix
    ('Kate Moss auf dem VOGUE-Cover: "Was ich nicht will: gewöhnlich sein"', "VOGUE Germany", "www.vogue.de",
     'Kate Moss auf dem VOGUE-Cover: "Was ich nicht will: gewöhnlich sein"'),
    ("Banjir Rendam Jakarta Timur | Vogue Germany", "Vogue Germany", "www.vogue.de", "Banjir Rendam Jakarta Timur"),
    # "…-section ㅣ site" joined without spaces
    ("민주당 '선호투표제' 도입 또다시 불발-정치ㅣ한국일보", "한국일보", "www.hankookilbo.com", "민주당 '선호투표제' 도입 또다시 불발"),
    # chrome after the site name ends the headline too
    ("Surviving Roommate Agrees to Interview | The Gateway Pundit | by Cristina Laila", "The Gateway Pundit",
     "www.thegatewaypundit.com", "Surviving Roommate Agrees to Interview"),
    # a "|" segment that is not the site stays
    ("Sidang MK | Putusan Ditunda - Kompas.com", "Kompas.com", "nasional.kompas.com", "Sidang MK | Putusan Ditunda"),
])
def test_title_site_name_stripping(raw, site_name, host, expected):
    head = f'<meta property="og:site_name" content="{site_name}">'
    html = f"<html><head><title>{raw}</title>{head}</head><body><p>x</p></body></html>"
    from archiver.extraction import fields
    from archiver.extraction.rules import compile_rules
    from archiver.page import PageMeta, parse_html

    root = parse_html(html)
    assert fields.title(root, PageMeta(root), compile_rules(), None, host) == expected



def test_loose_lead_text_is_wrapped_in_its_own_paragraph():
    """Old templates (viva, kapanlagi) write the lead as bare text before the first <p>/<div>;
    trafilatura drops such text on the real pages, so it gets its own <p> first."""
    from archiver.extraction.cleaning import wrap_loose_text
    from archiver.page import parse_html
    lead = ("<b>Kapanlagi.com</b> - Pesona kecantikan yang dimiliki <a href='/dian'>Dian Sastrowardoyo</a> memang "
            "sudah tak diragukan lagi, dan bakat aktingnya mampu menghipnotis setiap penggemarnya.")
    root = parse_html(f"<html><body><div id='news'>{lead}<p>{PROSE[1]}</p>tail text that is short"
                      f"<div>{PROSE[2]}</div></div></body></html>")
    wrap_loose_text(root)
    news = root.get_element_by_id("news")
    assert [k.tag for k in news] == ["p", "p", "div"]  # the short tail after the <p> stays loose
    assert news[0].text_content().startswith("Kapanlagi.com - Pesona") and news[0].text_content().endswith("penggemarnya.")
    assert not (news.text or "").strip() and news[1].tail == "tail text that is short"


def test_loose_link_lists_are_not_wrapped():
    from archiver.extraction.cleaning import wrap_loose_text
    from archiver.page import parse_html
    links = " | ".join(f"<a href='/n/{i}'>Berita nomor {i} yang sangat menarik hari ini</a>" for i in range(4))
    root = parse_html(f"<html><body><div id='box'>{links}<p>{PROSE[0]}</p></div></body></html>")
    wrap_loose_text(root)
    assert [k.tag for k in root.get_element_by_id("box")][-1] == "p" and len(root.get_element_by_id("box")) == 5


def test_section_from_the_visible_breadcrumb_trail() -> None:
    page = """<html lang="id"><head><title>Gempa Guncang Ambon - Kabar</title>
    <meta property="og:type" content="article"></head><body>
    <nav class="breadcrumb"><a href="/">Beranda</a> &rsaquo; <a href="/kanal/daerah">Daerah</a></nav>
    <article><h1>Gempa Guncang Ambon</h1>
    <p>AMBON, Kabar - Gempa bermagnitudo 5,2 mengguncang Ambon pada Selasa pagi dan membuat warga berhamburan keluar rumah.</p>
    <p>Badan Meteorologi menyatakan gempa tidak berpotensi tsunami karena pusatnya berada di darat pada kedalaman 10 kilometer.</p>
    <p>Pemerintah kota mendata kerusakan ringan pada sejumlah rumah dan sekolah di dua kecamatan.</p></article></body></html>"""
    article = extract_article(page, "https://kabar.example.id/berita/2024/05/03/7/gempa-guncang-ambon")
    assert article.section == "Daerah"


def test_site_boilerplate_patterns_with_flags_or_backreferences_still_drop_their_lines() -> None:
    from archiver.extraction.cleaning import clean_lines
    from archiver.extraction.rules import compile_rules

    rules = compile_rules(ExtractionRules(boilerplate=("(?i)iklan mitra", r"(\w+) \1")))
    kept = clean_lines("Paragraf berita yang pertama.\nIKLAN MITRA\nlagi lagi\nlagi nanti\n", rules).lines
    assert kept == ["Paragraf berita yang pertama.", "lagi nanti"]


def test_headings_linked_from_a_table_of_contents_stay_in_the_body():
    # a long article's "Daftar isi" links to its own sections: those link texts are not other articles' headlines
    toc = ('<div class="toc"><p>Daftar isi</p><ul><li><a href="#penyebab">Penyebab banjir di Jakarta Timur</a></li>'
           '<li><a href="#evakuasi">Evakuasi warga lanjut usia</a></li></ul></div>')
    body = (f"{toc}<p>{PROSE[0]}</p><h2 id=\"penyebab\">Penyebab banjir di Jakarta Timur</h2><p>{PROSE[1]}</p>"
            f"<p>{PROSE[2]}</p><h2 id=\"evakuasi\">Evakuasi warga lanjut usia</h2><p>{PROSE[3]}</p><p>{PROSE[4]}</p>")
    lines = body_of(body).split("\n\n")
    assert "Penyebab banjir di Jakarta Timur" in lines and "Evakuasi warga lanjut usia" in lines
    assert lines.index("Evakuasi warga lanjut usia") == lines.index(PROSE[3]) - 1


def test_a_headline_list_linking_to_other_articles_is_still_dropped():
    related = ('<p>Banjir Bekasi Surut, Warga Kembali ke Rumah Masing-masing</p>'
               '<ul><li><a href="/read/2024/05/02/1/banjir-bekasi">Banjir Bekasi Surut, Warga Kembali ke Rumah Masing-masing</a></li></ul>')
    assert "Banjir Bekasi Surut" not in body_of(paras() + related)


def test_listicle_headings_linking_to_other_sites_stay_but_teasers_on_a_sister_subdomain_go():
    # URL is news.example.co.id: its teasers on money.example.co.id are the site's own; a review list's
    # headings link to the shops they name, on other sites
    shops = "".join(f'<h3><a href="https://www.{name.lower()}.example.com/">{n}. {name} Elektronik</a></h3><p>{line}</p>'
                    for n, (name, line) in enumerate(zip(["Sinar", "Maju", "Jaya"], PROSE[2:]), 1))
    teaser = ('<ul><li><a href="https://money.example.co.id/read/2024/05/02/9/harga-beras">Harga Beras Naik Lagi '
              'Menjelang Lebaran di Pasar Induk</a></li></ul><p>Harga Beras Naik Lagi Menjelang Lebaran di Pasar Induk</p>')
    lines = body_of(paras(PROSE[:2]) + shops + teaser).split("\n\n")
    assert [line for line in lines if "Elektronik" in line] == ["1. Sinar Elektronik", "2. Maju Elektronik", "3. Jaya Elektronik"]
    assert not any("Harga Beras" in line for line in lines)
