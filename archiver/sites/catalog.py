"""The catalogue's own rules: where a site is (province -> zone), what a complete entry states, and the
README table rendered from the configs.

A packaged site names its region, a zone that agrees with it, and real example URLs that its patterns
classify right through the crawl's one navigation rule; ``archiver sites check`` reports every entry that
does not (:func:`catalog_problems`), so a wrong allow pattern shows up before a crawl archives index pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from archiver.sites.config import SiteConfig

NATIONAL = "nasional"
ZONE_TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
_ZONE_BY_OFFSET = {7: "WIB", 8: "WITA", 9: "WIT"}

# the 38 provinces; WITA: Bali, Nusa Tenggara, east/south/north Kalimantan, Sulawesi; WIT: Maluku, Papua
_WITA = ("Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Selatan", "Kalimantan Timur",
         "Kalimantan Utara", "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan",
         "Sulawesi Tenggara")
_WIT = ("Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Tengah", "Papua Pegunungan",
        "Papua Selatan")
_WIB = ("Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan",
        "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta", "Jawa Barat", "Banten", "Jawa Tengah",
        "DI Yogyakarta", "Jawa Timur", "Kalimantan Barat", "Kalimantan Tengah")
PROVINCE_ZONES: dict[str, str] = {**dict.fromkeys(_WIB, "WIB"), **dict.fromkeys(_WITA, "WITA"), **dict.fromkeys(_WIT, "WIT")}
_ALIASES = {"jakarta": "DKI Jakarta", "yogyakarta": "DI Yogyakarta", "diy": "DI Yogyakarta",
            "daerah istimewa yogyakarta": "DI Yogyakarta", "bangka belitung": "Kepulauan Bangka Belitung",
            "ntb": "Nusa Tenggara Barat", "ntt": "Nusa Tenggara Timur", "kepri": "Kepulauan Riau"}
_BY_KEY = {**{name.casefold(): name for name in PROVINCE_ZONES}, **_ALIASES, NATIONAL: NATIONAL}


def region_name(region: str | None) -> str | None:
    """The catalogue's spelling of a region ("jakarta" -> "DKI Jakarta"), or None when it is no province."""
    return _BY_KEY.get(" ".join((region or "").split()).casefold())


def zone_for_region(region: str | None) -> str | None:
    """WIB, WITA or WIT for a province; None for "nasional" (any zone) or an unknown name."""
    return PROVINCE_ZONES.get(region_name(region) or "")


def zone_of(timezone: str) -> str | None:
    """WIB, WITA or WIT for an IANA zone by its UTC offset (Asia/Pontianak is WIB too); None otherwise."""
    try:
        offset = ZoneInfo(timezone).utcoffset(datetime(2024, 1, 1))
    except Exception:  # noqa: BLE001 - zoneinfo raises several types; validate_site reports the zone
        return None
    return _ZONE_BY_OFFSET.get(int(offset.total_seconds() // 3600)) if offset is not None else None


def catalog_problems(site: SiteConfig, owner: Callable[[str], str], is_article: Callable[[str, SiteConfig], bool]) -> list[str]:
    """What keeps ``site`` from being a complete catalogue entry: its region and zone, and each example
    ``owner`` (URL -> id of the site serving it) or ``is_article`` (the crawl's rule for a link) gets wrong."""
    where = f"{site.source}:{site.id}"
    problems = _region_problems(site, where)
    if not site.example_articles or not site.example_listings:
        problems.append(f"{where}: [examples] needs at least one article and one listing URL")
    for expected, urls in ((True, site.example_articles), (False, site.example_listings)):
        for url in urls:
            served_by = owner(url)
            if served_by != site.id:
                problems.append(f"{where}: example {url} is served by site {served_by!r}")
            elif is_article(url, site) is not expected:
                problems.append(f"{where}: {'article' if expected else 'listing'} example classified as "
                                f"{'a listing' if expected else 'an article'}: {url}")
            elif expected and any(p.search(url) for p in site.compiled("follow_deny")):
                problems.append(f"{where}: article example matches follow_deny (never requested): {url}")
    return problems


def _region_problems(site: SiteConfig, where: str) -> list[str]:
    if site.region is None:
        return [f"{where}: no region (a province in Indonesian, or {NATIONAL!r})"]
    if region_name(site.region) is None:
        return [f"{where}: unknown region {site.region!r} (a province in Indonesian, or {NATIONAL!r})"]
    want, have = zone_for_region(site.region), zone_of(site.timezone)
    if want is not None and have != want:
        return [f"{where}: timezone {site.timezone} ({have or 'not Indonesian'}) contradicts region {site.region} "
                f"({want}: {ZONE_TIMEZONES[want]})"]
    if have is None:
        return [f"{where}: timezone {site.timezone} is none of WIB, WITA, WIT"]
    return []


def discovery_methods(site: SiteConfig) -> list[tuple[str, int]]:
    """How a crawl finds the site's articles besides its homepage: (method, URLs the config names; 0 for robots)."""
    named = (("sitemap", site.sitemaps), ("news-sitemap", site.news_sitemaps), ("feed", site.feeds),
             ("sections", site.sections))
    return ([("robots", 0)] if site.use_robots_sitemaps else []) + [(name, len(urls)) for name, urls in named if urls]


README_BEGIN, README_END = "<!-- sites:begin -->", "<!-- sites:end -->"
MARKDOWN_COMMAND = "python -m archiver sites --markdown"


def markdown_table(sites: Iterable[SiteConfig]) -> str:
    """The README's "Supported sites" block, markers included: the count, then one row per site."""
    rows = sorted(sites, key=lambda s: s.id)
    lines = [README_BEGIN, f"<!-- generated by `{MARKDOWN_COMMAND}`: edit the configs, not this table -->",
             f"{len(rows)} sites.", "", "| id | name | region | network | zone | domains | discovery |",
             "|---|---|---|---|---|---|---|"]
    for site in rows:
        discovery = ", ".join(f"{name} ({n})" if n else name for name, n in discovery_methods(site))
        cells = [f"`{site.id}`", site.name, site.region or "", site.network or "", zone_of(site.timezone) or site.timezone,
                 ", ".join(site.domains), discovery]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join([*lines, README_END]) + "\n"


def readme_block(text: str) -> str | None:
    """The generated block of a README's text, markers included (None when the markers are missing)."""
    start, end = text.find(README_BEGIN), text.find(README_END)
    return text[start:end + len(README_END)] + "\n" if 0 <= start < end else None
