"""The packaged catalogue of Indonesian news sites.

A wrong allow pattern is the catalogue's costliest mistake: too loose and
index, tag or section pages are archived as articles; too tight and a site
yields nothing.  So every site's patterns are checked, through the spider's
own classification, against article URLs the site really uses (the corpus
pages, the reference doc's URL shapes) and against its listing pages.
"""

from __future__ import annotations

import gzip
import html as htmllib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from archiver.navigation import is_article, single_page_url
from archiver.page import PageMeta, parse_html
from archiver.sites import SiteConfig, check_sites, load_sites, site_for_url
from archiver.urls import canonical_url
from conftest import CORPUS

SITES = load_sites()

REQUIRED = {
    "detik", "kompas", "tempo", "cnnindonesia", "cnbcindonesia", "liputan6", "tribunnews", "antaranews",
    "okezone", "sindonews", "republika", "suara", "kumparan", "viva", "merdeka", "idntimes", "jpnn",
    "kontan", "bisnis", "tirto", "jawapos", "kapanlagi", "beritasatu", "mediaindonesia", "teranews",
}

# site id -> (article URLs, non-article URLs: home, section, index, tag, search pages)
EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    "detik": (
        ["https://news.detik.com/berita/d-7012345/kpu-tetapkan-jadwal-kampanye-pemilu-2024",
         "http://inet.detik.com/read/2015/11/05/100026/3062623/323/google-umbar-kelemahan-galaxy-s6-edge"],
        ["https://news.detik.com/indeks?page=2", "https://www.detik.com/tag/pemilu-2024", "https://finance.detik.com/"],
    ),
    "kompas": (
        ["https://nasional.kompas.com/read/2023/11/02/20595311/kpu-tetapkan-jadwal-kampanye",
         "https://www.kompas.com/tren/read/2023/11/02/063000065/cuaca-hari-ini"],
        ["https://indeks.kompas.com/?site=news&date=2023-11-02", "https://www.kompas.com/tag/pemilu-2024",
         "https://nasional.kompas.com/"],
    ),
    "tempo": (
        ["https://nasional.tempo.co/read/1789012/kpk-periksa-saksi-kasus-korupsi",
         "http://en.tempo.co/read/news/2015/11/04/055715684,uk.html/Indonesia-can-Learn-from-Finlands-Peatland-Fire-Case-Pratikno",
         "https://www.tempo.co/politik/prabowo-lantik-menteri-kabinet-1170123"],
        ["https://www.tempo.co/indeks/2023-11-02", "https://www.tempo.co/tag/pemilu-2024", "https://www.tempo.co/politik"],
    ),
    "cnnindonesia": (
        ["https://www.cnnindonesia.com/nasional/20231102205953-12-1019234/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.cnnindonesia.com/indeks?page=2", "https://www.cnnindonesia.com/nasional",
         "https://www.cnnindonesia.com/tag/pemilu-2024"],
    ),
    "cnbcindonesia": (
        ["https://www.cnbcindonesia.com/news/20231102120000-4-485123/harga-minyak-dunia-naik"],
        ["https://www.cnbcindonesia.com/news", "https://www.cnbcindonesia.com/tag/minyak", "https://www.cnbcindonesia.com/"],
    ),
    "liputan6": (
        ["https://www.liputan6.com/news/read/5439123/kpu-tetapkan-jadwal-kampanye",
         "http://tekno.liputan6.com/read/2436773/tri-indonesia-broadband-dorong-ekosistem-digital-dalam-negeri"],
        ["https://www.liputan6.com/indeks/", "https://www.liputan6.com/tag/pemilu", "https://www.liputan6.com/news"],
    ),
    "tribunnews": (
        ["https://www.tribunnews.com/nasional/2023/11/02/kpu-tetapkan-jadwal-kampanye",
         "https://jambi.tribunnews.com/2023/11/02/harga-sawit-di-jambi-naik",
         "https://www.tribunjambi.com/2016/02/23/harga-karet-turun-lagi"],
        ["https://www.tribunnews.com/index-news?date=2023-11-02", "https://www.tribunnews.com/tag/pemilu-2024",
         "https://www.tribunnews.com/nasional", "https://makassar.tribunnews.com/"],
    ),
    "antaranews": (
        ["http://www.antaranews.com/berita/527615/29-penerbangan-bandara-internasional-lombok-dibatalkan",
         "https://en.antaranews.com/news/298765/indonesia-to-host-regional-summit"],
        ["https://www.antaranews.com/indeks/2023-11-02", "https://www.antaranews.com/tag/pemilu-2024",
         "https://www.antaranews.com/politik"],
    ),
    "okezone": (
        ["http://lifestyle.okezone.com/read/2015/11/05/481/1244264/sering-depresi-berat-hati-hati-diabetes"],
        ["https://index.okezone.com/bydate/index/2023/11/02", "https://news.okezone.com/",
         "http://lifestyle.okezone.com/feedread/2015/11/05/481/1244264/sering-depresi-berat-hati-hati-diabetes"],
    ),
    "sindonews": (
        ["https://nasional.sindonews.com/read/1234567/12/kpu-tetapkan-jadwal-kampanye-1698900000"],
        ["https://nasional.sindonews.com/", "https://www.sindonews.com/tag/pemilu-2024"],
    ),
    "republika": (
        ["http://nasional.republika.co.id/berita/nasional/daerah/16/02/15/o2l07x284-marcella-zalianty-promo-pariwisata-indonesia-lewat-film",
         "https://news.republika.co.id/berita/s3m2fx330/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.republika.co.id/berita/inpicture/nasional-inpicture", "https://news.republika.co.id/tag/pemilu",
         "https://news.republika.co.id/"],
    ),
    "suara": (
        ["https://www.suara.com/news/2023/11/02/205953/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.suara.com/news", "https://www.suara.com/tag/pemilu-2024", "https://www.suara.com/indeks"],
    ),
    "kumparan": (
        ["https://kumparan.com/kumparannews/kpu-tetapkan-jadwal-kampanye-21bXyZ9aB1c",
         "https://kumparan.com/kumparanbisnis/harga-minyak-naik-1uKlAw9YQvN/full"],
        ["https://kumparan.com/kumparannews", "https://kumparan.com/topic/pemilu-2024", "https://kumparan.com/"],
    ),
    "viva": (
        ["http://life.viva.co.id/showbiz/read/736460-taylor-swift-standing-ovation-untuk-pianis-cilik-indonesia",
         "https://www.viva.co.id/berita/nasional/1654321-kpu-tetapkan-jadwal-kampanye"],
        ["https://www.viva.co.id/indeks", "https://www.viva.co.id/berita/nasional", "https://www.viva.co.id/tag/pemilu-2024"],
    ),
    "merdeka": (
        ["https://www.merdeka.com/peristiwa/kpu-tetapkan-jadwal-kampanye.html",
         "https://www.merdeka.com/politik/kpu-tetapkan-jadwal-kampanye-12345-mvk.html"],
        ["https://www.merdeka.com/peristiwa/", "https://www.merdeka.com/tag/pemilu-2024/", "https://www.merdeka.com/"],
    ),
    "idntimes": (
        ["https://www.idntimes.com/news/indonesia/lia-hutasoit/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.idntimes.com/news/indonesia", "https://www.idntimes.com/tag/pemilu-2024", "https://www.idntimes.com/"],
    ),
    "jpnn": (
        ["https://www.jpnn.com/news/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.jpnn.com/tag/pemilu", "https://www.jpnn.com/kanal/politik", "https://www.jpnn.com/"],
    ),
    "kontan": (
        ["https://nasional.kontan.co.id/news/kpu-tetapkan-jadwal-kampanye"],
        ["https://nasional.kontan.co.id/", "https://www.kontan.co.id/tag/pemilu", "https://www.kontan.co.id/search/?search=pemilu"],
    ),
    "bisnis": (
        ["https://ekonomi.bisnis.com/read/20231102/9/1710000/harga-minyak-dunia-naik"],
        ["https://ekonomi.bisnis.com/", "https://www.bisnis.com/topic/pemilu", "https://www.bisnis.com/index?c=5"],
    ),
    "tirto": (
        ["https://tirto.id/kpu-tetapkan-jadwal-kampanye-gQ4e"],
        ["https://tirto.id/q/pemilu-2024", "https://tirto.id/news", "https://tirto.id/"],
    ),
    "jawapos": (
        ["https://www.jawapos.com/nasional/013423459/kpu-tetapkan-jadwal-kampanye",
         "https://www.jawapos.com/nasional/politik/02/11/2022/kpu-tetapkan-jadwal-kampanye/"],
        ["https://www.jawapos.com/nasional", "https://www.jawapos.com/tag/pemilu-2024", "https://www.jawapos.com/"],
    ),
    "kapanlagi": (
        ["http://www.kapanlagi.com/showbiz/film/indonesia/brandon-salim-makin-dekat-dengan-sivia-blink-di-heart-beat-82f43b.html"],
        ["https://www.kapanlagi.com/showbiz/selebriti/", "https://www.kapanlagi.com/tag/dian-sastrowardoyo/",
         "https://www.kapanlagi.com/"],
    ),
    "beritasatu": (
        ["https://www.beritasatu.com/nasional/2781234/kpu-tetapkan-jadwal-kampanye",
         "https://www.beritasatu.com/nasional/812345-kpu-tetapkan-jadwal-kampanye"],
        ["https://www.beritasatu.com/nasional", "https://www.beritasatu.com/tag/pemilu-2024"],
    ),
    "mediaindonesia": (
        ["https://mediaindonesia.com/ekonomi/851796/dari-petani-hingga-pendidik-bangsa-begini-pesan-kuat-di-wisuda-igi-school-of-economics-jakarta-2025"],
        ["https://mediaindonesia.com/ekonomi", "https://mediaindonesia.com/tag/pemilu-2024", "https://mediaindonesia.com/"],
    ),
    # no allow pattern: the spider's fallback (dated URL) decides; the deny list keeps WordPress listings out
    "teranews": (
        ["https://teranews.id/2024/05/03/banjir-rendam-ratusan-rumah/"],
        ["https://teranews.id/category/daerah/", "https://teranews.id/tag/banjir/", "https://teranews.id/page/2/"],
    ),
    "thejakartapost": (
        ["https://www.thejakartapost.com/indonesia/2023/11/02/kpu-sets-campaign-schedule.html"],
        ["https://www.thejakartapost.com/indonesia", "https://www.thejakartapost.com/tag/election"],
    ),
    "kompasid": (
        ["https://www.kompas.id/baca/polhuk/2023/11/02/kpu-tetapkan-jadwal-kampanye"],
        ["https://www.kompas.id/label/pemilu-2024", "https://www.kompas.id/"],
    ),
}

CASES = [(sid, url, True) for sid, (pos, _) in EXAMPLES.items() for url in pos] + \
        [(sid, url, False) for sid, (_, neg) in EXAMPLES.items() for url in neg]


def _is_article(url: str, site: SiteConfig) -> bool:
    """The crawl's decision for a link it meets on a listing page."""
    return is_article(canonical_url(url), site)


def test_catalog_loads_and_validates() -> None:
    assert check_sites(SITES.values()) == []
    assert REQUIRED <= set(SITES), sorted(REQUIRED - set(SITES))
    real = [s for s in SITES.values() if s.id != "demo"]
    assert len(real) >= 25
    for site in real:
        assert site.base_url.startswith("https://") and site.base_url.endswith("/"), site.id
        assert site.allows_domain(site.resolve("/").split("/")[2]), site.id
        assert site.timezone == "Asia/Jakarta" and site.language in ("id", "en"), site.id


def test_every_site_has_examples() -> None:
    """A site added without examples would have untested patterns."""
    assert set(EXAMPLES) == {s for s in SITES if s != "demo"}


def test_each_config_says_where_its_endpoints_come_from() -> None:
    for site in SITES.values():
        if site.id == "demo":
            continue
        head = Path(site.source).read_text(encoding="utf-8").split("\nid =")[0]
        assert head.startswith("#") and "checked live" in head, site.source


@pytest.mark.parametrize("site_id, url, expected", CASES, ids=[f"{s}-{'art' if e else 'list'}-{i}" for i, (s, _, e) in enumerate(CASES)])
def test_article_patterns(site_id: str, url: str, expected: bool) -> None:
    site = site_for_url(url, SITES)
    assert site.id == site_id
    assert _is_article(url, site) is expected


def test_article_links_are_never_follow_denied() -> None:
    """A follow_deny pattern that hits an article URL would hide the article for good."""
    for site_id, (positives, _) in EXAMPLES.items():
        deny = SITES[site_id].compiled("follow_deny")
        for url in positives:
            assert not any(p.search(url) for p in deny), (site_id, url)


@pytest.mark.parametrize("url", [
    "https://www.kompas.com/search/?q=pemilu",
    "https://nasional.kompas.com/read/2023/11/02/20595311/kpu-tetapkan?utm_source=twitter",
    "https://nasional.kompas.com/read/2023/11/02/20595311/kpu-tetapkan?source=terpopuler",
    "https://www.kompas.com/komentar/read/2023/11/02/20595311/kpu-tetapkan",
])
def test_kompas_robots_disallowed_links_are_not_followed(url: str) -> None:
    assert any(p.search(url) for p in SITES["kompas"].compiled("follow_deny"))


@pytest.mark.parametrize("site_id, url", [
    ("kompas", "https://nasional.kompas.com/read/2023/11/02/20595311/kpu-tetapkan-jadwal-kampanye"),
    ("viva", "https://www.viva.co.id/berita/nasional/1654321-kpu-tetapkan-jadwal-kampanye"),
    ("tribunnews", "https://www.tribunnews.com/nasional/2023/11/02/kpu-tetapkan-jadwal-kampanye"),
])
def test_whole_article_form(site_id: str, url: str) -> None:
    assert single_page_url(url, SITES[site_id]) == url + "?page=all"


# -- corpus ------------------------------------------------------------------------
MANIFEST = CORPUS / "indonesian" / "manifest.jsonl"
CORPUS_SITE = {
    "antaranews.com": "antaranews", "detik.com": "detik", "kompas.com": "kompas", "kapanlagi.com": "kapanlagi",
    "liputan6.com": "liputan6", "okezone.com": "okezone", "republika.co.id": "republika", "tempo.co": "tempo",
    "viva.co.id": "viva", "mediaindonesia.com": "mediaindonesia",
}


def _corpus_pages() -> list[dict[str, Any]]:
    if not MANIFEST.is_file():
        return []
    return [json.loads(line) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip()]


PAGES = _corpus_pages()
needs_corpus = pytest.mark.skipif(not PAGES, reason=f"corpus not found at {CORPUS}")


def _registered(host: str) -> str:
    return next(d for d in CORPUS_SITE if host == d or host.endswith("." + d))


@needs_corpus
@pytest.mark.parametrize("page", PAGES, ids=[p["id"] for p in PAGES])
def test_corpus_page_is_routed_and_classified(page: dict[str, Any]) -> None:
    site = site_for_url(page["url"], SITES)
    assert site.id == CORPUS_SITE[_registered(page["site"])]
    assert _is_article(page["url"], site)
    html = gzip.decompress((CORPUS / "indonesian" / page["file"]).read_bytes())
    assert is_article(page["url"], site, PageMeta(parse_html(html)))
    canonical = re.search(rb'<link[^>]+rel="canonical"[^>]+href="([^"]+)"', html)
    if canonical:  # the page's own canonical address is an article URL of the same site too
        url = canonical.group(1).decode()
        assert site_for_url(url, SITES).id == site.id and _is_article(url, site)


@needs_corpus
def test_configured_title_suffixes_occur_in_the_corpus() -> None:
    """Each suffix of a corpus site was seen on its pages, and removing it leaves the headline."""
    titles: dict[str, list[tuple[str, str]]] = {}
    for page in PAGES:
        html = gzip.decompress((CORPUS / "indonesian" / page["file"]).read_bytes()).decode("utf-8", "replace")
        raw = re.search(r"<title>(.*?)</title>", html, re.S)
        if raw:
            titles.setdefault(CORPUS_SITE[_registered(page["site"])], []).append((" ".join(htmllib.unescape(raw.group(1)).split()), page["title"]))
    for site_id in titles:
        for suffix in SITES[site_id].extraction.title_suffixes:
            hits = [(t, want) for t, want in titles[site_id] if t.endswith(suffix.strip())]
            assert hits, (site_id, suffix)
            for full, want in hits:
                # the headline is the rest (kapanlagi prefixes a name, a republika photo page drops "In Picture:")
                rest, want = full[: -len(suffix.strip())].strip(" -|"), " ".join(want.split())
                assert rest and (want in rest or rest in want), (site_id, full)
