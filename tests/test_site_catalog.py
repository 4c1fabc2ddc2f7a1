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
from archiver.sites.catalog import (
    MARKDOWN_COMMAND,
    PROVINCE_ZONES,
    README_BEGIN,
    README_END,
    markdown_table,
    readme_block,
    zone_for_region,
    zone_of,
)
from archiver.urls import canonical_url
from conftest import CORPUS

SITES = load_sites()

REQUIRED = {
    "detik", "kompas", "tempo", "cnnindonesia", "cnbcindonesia", "liputan6", "tribunnews", "antaranews",
    "okezone", "sindonews", "republika", "suara", "kumparan", "viva", "merdeka", "idntimes", "jpnn",
    "kontan", "bisnis", "tirto", "jawapos", "kapanlagi", "beritasatu", "mediaindonesia", "teranews",
}

# every packaged config's own examples: (site id, URL, is it an article?), ids like detik-article-0
CASES = [(site.id, url, kind == "article")
         for site in SITES.values() for kind, urls in (("article", site.example_articles), ("listing", site.example_listings))
         for url in urls]
CASE_IDS = [f"{site.id}-{kind}-{i}" for site in SITES.values()
            for kind, urls in (("article", site.example_articles), ("listing", site.example_listings)) for i in range(len(urls))]


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
        assert site.language in ("id", "en"), site.id
        assert zone_for_region(site.region) in (None, zone_of(site.timezone)), site.id  # "nasional": any zone


def test_every_site_has_examples() -> None:
    """A site added without examples would have untested patterns."""
    assert all(s.example_articles and s.example_listings for s in SITES.values())


def test_zone_follows_the_province() -> None:
    assert len(PROVINCE_ZONES) == 38
    assert [zone_for_region(r) for r in ("Jawa Timur", "Bali", "Sulawesi Tenggara", "Papua Pegunungan", "nasional")] == \
        ["WIB", "WITA", "WITA", "WIT", None]
    assert zone_for_region("jakarta") == "WIB" and zone_of("Asia/Pontianak") == "WIB"


def test_sites_check_reports_what_the_catalogue_needs(tmp_path: Path) -> None:
    from archiver.sites import load_sites_file

    path = tmp_path / "kabar.toml"
    path.write_text('id = "kabar"\nname = "Kabar"\nbase_url = "https://kabar.id/"\nregion = "Bali"\n'
                    '[articles]\nallow = ["/berita/"]\n[examples]\narticles = ["https://kabar.id/tag/x"]\n', encoding="utf-8")
    problems = check_sites(load_sites_file(path))
    assert any("contradicts region Bali" in p for p in problems)
    assert any("at least one article and one listing" in p for p in problems)
    assert any("classified as a listing: https://kabar.id/tag/x" in p for p in problems)


def test_packaged_catalogue_has_no_problems() -> None:
    assert check_sites(load_sites().values()) == []


def test_readme_table_is_generated_from_the_configs() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert readme_block(readme) == markdown_table(SITES.values()), \
        f"README's Supported sites table is stale: replace its {README_BEGIN} … {README_END} block with `{MARKDOWN_COMMAND}`"


def test_each_config_says_where_its_endpoints_come_from() -> None:
    for site in SITES.values():
        if site.id == "demo":
            continue
        head = Path(site.source).read_text(encoding="utf-8").split("\nid =")[0]
        assert head.startswith("#") and "checked live" in head, site.source


@pytest.mark.parametrize("site_id, url, expected", CASES, ids=CASE_IDS)
def test_article_patterns(site_id: str, url: str, expected: bool) -> None:
    site = site_for_url(url, SITES)
    assert site.id == site_id
    assert _is_article(url, site) is expected


def test_article_links_are_never_follow_denied() -> None:
    """A follow_deny pattern that hits an article URL would hide the article for good."""
    for site in SITES.values():
        deny = site.compiled("follow_deny")
        for url in site.example_articles:
            assert not any(p.search(url) for p in deny), (site.id, url)


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
