"""Site configuration: TOML entries, validation, user files, bare URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.sites import SiteConfigError, check_sites, load_sites, load_sites_file, site_for_url

USER_SITE = """
id = "kabarku"
name = "Kabarku"
base_url = "https://www.kabarku.id/"
domains = ["kabarku.id"]
timezone = "Asia/Makassar"

[discovery]
news_sitemaps = ["/sitemap-news.xml"]
feeds = ["https://rss.kabarku.id/terbaru"]
sections = ["/kanal/daerah"]

[articles]
allow = ['/berita/\\d+/']
single_page_param = "page=all"

[extraction]
prune = [".iklan"]
"""


def test_user_sites_file_adds_a_site(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(USER_SITE, encoding="utf-8")
    sites = load_sites([path])
    site = sites["kabarku"]
    assert site.timezone == "Asia/Makassar"
    assert site.resolve(site.news_sitemaps[0]) == "https://www.kabarku.id/sitemap-news.xml"
    assert site.allows_domain("www.kabarku.id") and site.allows_domain("rss.kabarku.id")
    assert not site.allows_domain("kabarku.id.evil.com")
    assert site.extraction.prune == (".iklan",)
    assert "demo" in sites  # packaged sites stay


@pytest.mark.parametrize(
    "change, message",
    [
        (("allow = ['/berita/\\d+/']", "allow = ['/berita/(']"), "bad regex"),
        (('timezone = "Asia/Makassar"', 'timezone = "Mars/Olympus"'), "unknown timezone"),
        (('base_url = "https://www.kabarku.id/"', 'base_url = "kabarku.id"'), "base_url"),
        (("[extraction]", "[extraction]\nbody_selektor = 'x'"), "unknown key"),
    ],
)
def test_invalid_site_is_rejected_with_a_reason(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(USER_SITE.replace(*change), encoding="utf-8")
    with pytest.raises(SiteConfigError, match=message):
        load_sites_file(path)


def test_duplicate_domains_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    second = USER_SITE.replace('id = "kabarku"', 'id = "kabarku2"')
    path.write_text("[[site]]\n" + USER_SITE.replace("[discovery]", "[site.discovery]").replace("[articles]", "[site.articles]").replace("[extraction]", "[site.extraction]")
                    + "\n[[site]]\n" + second.replace("[discovery]", "[site.discovery]").replace("[articles]", "[site.articles]").replace("[extraction]", "[site.extraction]"),
                    encoding="utf-8")
    problems = check_sites(load_sites_file(path))
    assert any("kabarku.id" in p for p in problems)


def test_unvalidated_sites_are_checked_when_crawled_and_by_sites_check(tmp_path: Path) -> None:
    from archiver.sites import resolve_targets

    path = tmp_path / "bad.toml"
    path.write_text(USER_SITE.replace("allow = [", "allow = ['/berita/(', "), encoding="utf-8")
    (site,) = load_sites_file(path, validate=False)  # how packaged sites are read at start-up
    assert any("bad regex" in p for p in check_sites([site]))
    with pytest.raises(SiteConfigError, match="bad regex"):
        resolve_targets([site.id], {site.id: site})


def test_packaged_sites_are_valid() -> None:
    assert check_sites(load_sites().values()) == []


def test_bare_url_gets_an_ad_hoc_site() -> None:
    site = site_for_url("https://www.beritabaru.id/")
    assert site.id == "beritabaru-id"
    assert site.allows_domain("www.beritabaru.id")
    assert site.use_robots_sitemaps and site.timezone == "Asia/Jakarta"


def test_rebased_site_follows_the_new_origin() -> None:
    demo = load_sites()["demo"].rebased("http://127.0.0.1:9999/")
    assert all(demo.resolve(u).startswith("http://127.0.0.1:9999/") for u in (*demo.sitemaps, *demo.feeds))
    assert demo.allows_domain("127.0.0.1")


def test_most_specific_domain_wins(tmp_path: Path) -> None:
    path = tmp_path / "en.toml"
    path.write_text('id = "kabarku-en"\nname = "Kabarku English"\nbase_url = "https://en.kabarku.id/"\ndomains = ["en.kabarku.id"]\n',
                    encoding="utf-8")
    main = tmp_path / "main.toml"
    main.write_text(USER_SITE, encoding="utf-8")
    sites = load_sites([main, path])
    assert site_for_url("https://en.kabarku.id/news/1/x", sites).id == "kabarku-en"
    assert site_for_url("https://www.kabarku.id/berita/1/x", sites).id == "kabarku"
