"""A site's template learned from its own pages: repeated lines dropped, article text kept, fresh
sites' first pages judged again, the model persisted with the archive's indexes, one-page
extraction unaffected."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archiver.analysis import extract_page, extraction_of
from archiver.extraction import Extracted, extract_article
from archiver.extraction.template import PageKeys, SiteTemplate, anchor_keys, page_keys
from archiver.fingerprints import content_hash
from archiver.model import Article, FetchedPage
from archiver.page import parse_html
from archiver.sites import site_for_url
from archiver.storage.archive import Archive, Duplicate, New
from archiver.storage.templates import TemplateIndex
from conftest import archive_rows

SITE = "kabarlembah"
BASE = "https://kabarlembah.id"
# What the portal prints inside every article body; the packaged rules know none of it.
PROMO = "Punya cerita atau informasi menarik dari Lembah Baliem? Kirim tulisanmu ke redaksi@kabarlembah.id."
NEWSLETTER = "Jangan lewatkan berita terbaru Kabar Lembah setiap pagi lewat buletin kami."
STORIES = [
    ("Harga Cabai di Wamena Naik Dua Kali Lipat Jelang Natal",
     ["WAMENA, KABARLEMBAH.ID - Harga cabai rawit di Pasar Jibama naik dari Rp60.000 menjadi Rp120.000 per kilogram.",
      "Pedagang menyebut pasokan dari Jayapura tertahan karena cuaca buruk menghambat penerbangan kargo.",
      "\"Kami berharap pemerintah segera menambah penerbangan kargo,\" kata Yulianus Wenda, pedagang di Jibama."]),
    ("Bupati Jayawijaya Resmikan Jembatan Baru di Distrik Hubikosi",
     ["WAMENA, KABARLEMBAH.ID - Bupati Jayawijaya meresmikan jembatan gantung sepanjang 80 meter di Distrik Hubikosi.",
      "Jembatan itu menghubungkan tiga kampung yang selama ini harus menyeberangi sungai dengan rakit.",
      "Warga menyambut peresmian dengan upacara bakar batu di lapangan kampung."]),
    ("Festival Budaya Lembah Baliem Ditutup dengan Tarian Perang",
     ["WAMENA, KABARLEMBAH.ID - Festival Budaya Lembah Baliem ke-33 ditutup dengan tarian perang oleh 40 kelompok adat.",
      "Dinas Pariwisata mencatat 2.100 wisatawan mancanegara datang selama tiga hari festival.",
      "Panitia menyiapkan tribun tambahan karena jumlah pengunjung melampaui perkiraan."]),
    ("Sekolah Darurat Dibuka untuk Anak Pengungsi di Nduga",
     ["WAMENA, KABARLEMBAH.ID - Dinas Pendidikan membuka tiga sekolah darurat bagi anak-anak pengungsi dari Nduga.",
      "Sebanyak 240 siswa kini belajar di tenda yang didirikan di halaman gereja.",
      "Relawan guru dari Wamena mengajar secara bergiliran setiap pekan."]),
    ("Penerbangan Wamena-Jayapura Kembali Normal Setelah Kabut Tebal",
     ["WAMENA, KABARLEMBAH.ID - Bandara Wamena kembali melayani penerbangan ke Jayapura setelah kabut tebal menipis.",
      "Sebanyak 14 penerbangan sempat tertunda sejak pagi dan penumpang menunggu di terminal.",
      "Otoritas bandara meminta penumpang datang dua jam sebelum jadwal keberangkatan."]),
    ("Petani Kopi Baliem Panen Raya, Harga Biji Kopi Stabil",
     ["WAMENA, KABARLEMBAH.ID - Petani kopi arabika di Lembah Baliem memasuki panen raya bulan ini.",
      "Koperasi membeli biji kopi kering seharga Rp85.000 per kilogram, sama dengan tahun lalu.",
      "Sebagian hasil panen dikirim ke Jakarta dan Surabaya untuk pasar kedai kopi."]),
    ("Puskesmas Keliling Layani Warga di Pegunungan Tengah",
     ["WAMENA, KABARLEMBAH.ID - Puskesmas keliling melayani 600 warga di lima kampung Pegunungan Tengah.",
      "Petugas memeriksa ibu hamil dan memberi imunisasi kepada balita.",
      "Kepala Dinas Kesehatan berencana menambah dua mobil puskesmas keliling tahun depan."]),
    ("Tim Sepak Bola Putri Jayawijaya Lolos ke Final Porprov",
     ["WAMENA, KABARLEMBAH.ID - Tim sepak bola putri Jayawijaya lolos ke final Porprov setelah menang 2-1.",
      "Gol kemenangan dicetak pada menit ke-88 lewat sundulan kapten tim.",
      "Pelatih berharap dukungan warga Wamena saat final di Jayapura akhir pekan ini."]),
]


def _url(i: int) -> str:
    return f"{BASE}/berita/2026/12/{i:02d}/artikel-{i}"


def page_html(i: int) -> str:
    """An article of the portal: its body, then the promo box, a teaser card whose link wraps only the
    picture, and the newsletter line, all inside the article container; a "Terbaru" sidebar of links."""
    title, paragraphs = STORIES[i]
    teaser = STORIES[(i + 1) % len(STORIES)][0]
    nxt = (i + 1) % len(STORIES)  # the card's story is not in this page's sidebar: its headline is no link here
    latest = "".join(f'<li><a href="{_url(j)}">{STORIES[j][0]}</a></li>' for j in range(len(STORIES)) if j not in (i, nxt))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Kabar Lembah</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2026-12-{i + 1:02d}T08:00:00+09:00">
<link rel="canonical" href="{_url(i)}"></head><body>
<header><a href="/">Kabar Lembah</a></header>
<main><article><h1>{title}</h1><div class="byline">Penulis: Markus Kogoya</div>
<div class="isi-berita">{body}
<p>{PROMO}</p>
<p class="kartu"><a href="{_url(nxt)}"><img src="/img/{nxt}.jpg" alt=""></a> {teaser}</p>
<p>{NEWSLETTER}</p>
</div></article>
<aside><h3>Terbaru</h3><ul>{latest}</ul></aside></main>
<footer><p>&copy; 2026 Kabar Lembah</p></footer></body></html>"""


def extracted(i: int) -> tuple[Article, PageKeys]:
    """The page as a crawl worker extracts it (one page, no model), with the keys it sends the archive."""
    html = page_html(i).encode()
    page = FetchedPage(url=_url(i), site=site_for_url(_url(i)), html=html, encoding="utf-8",
                       fetched_at=datetime(2026, 12, 9, tzinfo=timezone.utc))
    outcome = extraction_of(extract_page, page, parse_html(html, "utf-8"), anchors=True)
    assert isinstance(outcome, Extracted) and outcome.template_keys is not None
    return replace(outcome.article, site=SITE), outcome.template_keys


# --------------------------------------------------------------------------- the model alone

def _body(*lines: str) -> str:
    return "\n\n".join(lines)


def test_a_line_on_three_pages_is_template_and_is_dropped() -> None:
    model = SiteTemplate(min_pages=3)
    google = "Simak berita lainnya di Google News"
    for n in range(2):
        model.observe(_body(f"Lead berita ke-{n}.", f"Isi berita ke-{n}.", google))
    assert not model.is_template(google)  # two pages: could still be a quote
    model.observe(_body("Lead berita ketiga.", "Isi berita ketiga.", google))
    cleaned = model.clean(_body("Lead berita keempat.", "Isi berita keempat.", google, "Penutup berita keempat."))
    assert cleaned.body == _body("Lead berita keempat.", "Isi berita keempat.", "Penutup berita keempat.")
    assert cleaned.dropped == 1


def test_a_sentence_repeated_in_one_other_article_is_kept() -> None:
    model = SiteTemplate(min_pages=3)
    quote = "\"Kami tidak akan mundur sebelum tuntutan dipenuhi,\" kata Koordinator Aksi, Yosep Wenda."
    model.observe(_body("WAMENA - Ratusan guru honorer berunjuk rasa di kantor bupati.", quote))
    follow_up = _body("WAMENA - Aksi guru honorer berlanjut hari kedua.", quote, "Bupati berjanji menemui massa.")
    model.observe(follow_up)
    assert model.clean(follow_up).body == follow_up


def test_the_lead_headline_and_description_are_never_dropped() -> None:
    model = SiteTemplate(min_pages=3)
    title = "Banjir Rendam Ratusan Rumah di Sentani"
    lead = "SENTANI - Banjir merendam ratusan rumah warga di Sentani sejak Senin malam."
    for n in range(4):  # a live-report series: same headline, lead and deck on every page
        model.observe(_body(lead, title, f"Pembaruan ke-{n}: air mulai surut di beberapa titik."))
    body = _body(lead, title, "Pembaruan terakhir: warga kembali ke rumah.")
    assert model.clean(body, title=title).body == body
    assert model.clean(_body(lead, "Sebagian warga mengungsi.", title), title=None,
                       description=title).body == _body(lead, "Sebagian warga mengungsi.", title)


def test_a_teaser_headline_whose_link_is_elsewhere_is_dropped() -> None:
    model = SiteTemplate(min_pages=3)
    teaser = "Harga Cabai di Wamena Naik Dua Kali Lipat Jelang Natal"
    model.observe(page_keys(_body("Lead.", "Isi."), anchor_keys([link_key(teaser)])))
    cleaned = model.clean(_body("Lead berita lain.", teaser, "Isi berita lain."))
    assert cleaned.body == _body("Lead berita lain.", "Isi berita lain.")
    assert not model.is_template("Nasional")  # a menu item is not headline-length


def link_key(text: str) -> str:
    from archiver.extraction.cleaning import link_key as key

    return key(text)


def test_memory_stays_bounded_per_site() -> None:
    model = SiteTemplate(min_pages=3, max_lines=512, max_anchors=512)
    for n in range(2000):
        model.observe(page_keys(_body(f"Kalimat artikel nomor {n} yang unik.", f"Kalimat kedua nomor {n}.",
                                      "Ikuti kami di Wamena"), (n,)))
    assert len(model.lines) <= 512 and len(model.anchors) <= 512
    assert model.is_template("Ikuti kami di Wamena")  # repeated lines survive eviction
    assert model.memory_bytes() < 120_000
    assert list(model.anchors)[-1] == 1999  # link texts go oldest first


# --------------------------------------------------------------------------- extraction of one page

def test_one_page_extraction_keeps_the_template_lines_and_needs_no_model() -> None:
    article = extract_article(page_html(0), _url(0))
    assert PROMO in article.body and NEWSLETTER in article.body  # no model: the rules alone do not know them
    assert STORIES[1][0] in article.body  # the teaser card's headline, which links nowhere on this page
    assert article.body.startswith("WAMENA, KABARLEMBAH.ID - Harga cabai")


# --------------------------------------------------------------------------- through the archive

def _open(root: Path, **options: int) -> Archive:
    return Archive.open(root, clusters=False, templates={"min_pages": 3, "hold": 4, **options}, flush_rows=1000)


def test_fresh_sites_first_pages_wait_then_are_cleaned_like_the_rest(tmp_path: Path) -> None:
    archive = _open(tmp_path)
    stored: list = []
    for i in range(3):
        article, anchors = extracted(i)
        assert archive.submit(article, keys=anchors) == []  # waiting: the model has seen i + 1 pages
        assert archive.known(article.url) is None  # not in the index: a kill now loses nothing committed
    for i in range(3, 6):
        article, anchors = extracted(i)
        stored += archive.submit(article, keys=anchors)
    assert len(stored) == 6 and all(isinstance(s.stored, New) for s in stored)
    stats = archive.close()
    assert stats.rows == 6
    rows = {r["url"]: r for r in archive_rows(tmp_path)}
    for i in range(6):
        body = rows[_url(i)]["body"]
        assert PROMO not in body and NEWSLETTER not in body, body  # the first pages too
        teaser = STORIES[(i + 1) % len(STORIES)][0]
        assert teaser not in body  # the card's headline: a link text on the other pages
        assert body == "\n\n".join(STORIES[i][1])
        assert rows[_url(i)]["content_hash"] == content_hash(body)
    assert sum(s.dropped for s in stored) == 18


def test_pages_still_waiting_when_the_archive_closes_are_stored(tmp_path: Path) -> None:
    archive = _open(tmp_path, hold=6)
    for i in range(3):
        article, anchors = extracted(i)
        assert archive.submit(article, keys=anchors) == []
    released = archive.release()
    assert [s.article.url for s in released] == [_url(i) for i in range(3)]
    assert all(PROMO not in s.article.body for s in released)  # three pages are enough to name the promo
    archive.close()
    assert len(archive_rows(tmp_path)) == 3


def _reopened_after_four_pages(tmp_path: Path) -> Archive:
    """The archive after a crawl that stored four of the site's pages, opened again (a restart)."""
    archive = _open(tmp_path)
    for i in range(4):
        archive.submit(*_pair(i))
    archive.close()
    return _open(tmp_path)


def test_the_model_reloads_after_a_restart(tmp_path: Path) -> None:
    reopened = _reopened_after_four_pages(tmp_path)
    model = reopened.templates.sites[SITE]
    assert model.pages == 4 and model.is_template(PROMO) and model.is_template(NEWSLETTER)
    (done,) = reopened.submit(*_pair(4))  # no longer fresh: stored at once, cleaned
    assert PROMO not in done.article.body and isinstance(done.stored, New)
    reopened.close()


def _pair(i: int) -> tuple[Article, None, PageKeys]:
    article, anchors = extracted(i)
    return article, None, anchors


def test_an_unchanged_refetch_is_not_a_new_version_whatever_the_model_drops(tmp_path: Path) -> None:
    reopened = _reopened_after_four_pages(tmp_path)
    article, anchors = extracted(2)
    (again,) = reopened.submit(replace(article, fetched_at=article.fetched_at + timedelta(days=1)), keys=anchors)
    assert isinstance(again.stored, Duplicate) and again.stored.how == "url"
    reopened.close()


def test_a_lost_index_is_rebuilt_from_the_archive_and_a_kill_leaves_waiting_pages_unsaved(tmp_path: Path) -> None:
    archive = _open(tmp_path)
    for i in range(4):
        archive.submit(*_pair(i))
    archive.checkpoint()
    (tmp_path / "index" / "templates.npz").unlink()
    rebuilt = TemplateIndex.open(tmp_path, min_pages=3, hold=4)
    assert rebuilt.sites[SITE].pages == 4  # from the stored rows
    other = _open(tmp_path / "other")
    other.submit(*_pair(0))  # waits: a checkpoint does not save a site whose pages are not stored
    other.checkpoint()
    assert SITE not in TemplateIndex.open(tmp_path / "other").sites


# --------------------------------------------------------------------------- the crawl's archive pipeline

def test_the_archive_pipeline_waits_for_a_fresh_site_then_counts_what_the_model_dropped(tmp_path: Path) -> None:
    from scrapy.exceptions import DropItem
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from archiver.crawl.pipelines import ArchivePipeline, SignedArticle
    from conftest import archiver_settings

    crawler = get_crawler(settings_dict=archiver_settings(ARCHIVER_ARCHIVE_DIR=str(tmp_path), ARCHIVER_FLUSH_SECONDS=0,
                                                          ARCHIVER_CLUSTERS=False))
    assert crawler.settings.getint("ARCHIVER_TEMPLATE_HOLD") == 6 and crawler.settings.getint(
        "ARCHIVER_TEMPLATE_MIN_PAGES") == 3
    pipeline = build_from_crawler(ArchivePipeline, crawler)
    pipeline.open_spider()
    for i in range(5):
        article, anchors = extracted(i)
        with pytest.raises(DropItem, match="waiting"):
            pipeline.process_item(SignedArticle(article, None, anchors))
    article, anchors = extracted(5)
    assert pipeline.process_item(SignedArticle(article, None, anchors)).body == "\n\n".join(STORIES[5][1])
    article, anchors = extracted(6)
    pipeline.process_item(SignedArticle(article, None, anchors))
    pipeline.close_spider()
    stats = {k.removeprefix(f"archiver/{SITE}/"): v for k, v in crawler.stats.get_stats().items() if SITE in k}
    assert stats == {"template/waited": 5, "articles_new": 7, "template/lines_dropped": 21}
    assert sorted(r["body"] for r in archive_rows(tmp_path)) == sorted("\n\n".join(STORIES[i][1]) for i in range(7))


def test_reextraction_cleans_with_the_saved_model_and_teaches_it_nothing(tmp_path: Path) -> None:
    from archiver.storage.templates import cleaned_article, saved_site

    archive = _open(tmp_path)
    for i in range(4):
        archive.submit(*_pair(i))
    archive.close()
    model = saved_site(tmp_path, SITE)
    assert model is not None and model.pages == 4
    again = extract_article(page_html(1), _url(1))  # what reextract's single-page path gives back
    assert PROMO in again.body
    assert cleaned_article(model, again).article.body == "\n\n".join(STORIES[1][1])
    assert saved_site(tmp_path, "another-site") is None


def test_compaction_does_not_make_the_model_count_pages_twice(tmp_path: Path) -> None:
    from archiver.storage.maintenance import compact

    archive = Archive.open(tmp_path, clusters=False, templates={"min_pages": 3, "hold": 0}, flush_rows=1)
    for i in (1, 2):  # both published in December (UTC): one partition
        archive.submit(*_pair(i))
        archive.checkpoint()  # one file per article: something to compact
    archive.close()
    assert compact(tmp_path, min_files=2).partitions == 1
    model = TemplateIndex.open(tmp_path, min_pages=3, hold=0).sites[SITE]
    assert model.pages == 2 and not model.is_template(PROMO)  # still on two pages, not four


# --------------------------------------------------------------------------- review fixes

def test_copies_of_one_story_waiting_together_count_as_one_page(tmp_path: Path) -> None:
    archive = _open(tmp_path, hold=6)
    article, anchors = extracted(0)
    for tracking in ("", "?utm_source=fb", "?utm_source=tw"):  # one story fetched under three URLs
        archive.submit(replace(article, fetched_url=_url(0) + tracking), keys=anchors)
    for i in range(1, 6):
        archive.submit(*_pair(i))
    archive.close()
    rows = {r["url"]: r for r in archive_rows(tmp_path)}
    assert rows[_url(0)]["body"] == "\n\n".join(STORIES[0][1])  # its own lines are not template


def test_a_checkpoint_while_a_site_waits_keeps_what_earlier_runs_learnt(tmp_path: Path) -> None:
    first = _open(tmp_path, hold=6)
    for i in range(2):
        first.submit(*_pair(i))
    first.close()  # stores the two waiting articles
    second = _open(tmp_path, hold=6)
    assert second.templates.sites[SITE].pages == 2
    assert second.submit(*_pair(2)) == []  # waits: the site is still fresh
    second.checkpoint()  # then the crawl is killed
    assert TemplateIndex.open(tmp_path, min_pages=3, hold=6).sites[SITE].pages == 2


def test_eviction_keeps_the_sites_boilerplate_however_many_pages_pass() -> None:
    model = SiteTemplate(min_pages=3, max_lines=64)
    for n in range(200):  # each page: the promo, and lines each shared with the page before or after it
        model.observe(_body(f"Lead {n} unik sekali hari ini.", PROMO,
                            *(f"Kalimat bersama {m} nomor {k} di sini." for m in (n - 1, n) for k in range(5))))
    assert model.is_template(PROMO)
    assert model.lines[page_keys(PROMO).lines[0]] == 200  # never evicted and counted again from one
    assert len(model.lines) <= 64
