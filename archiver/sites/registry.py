"""The site registry: packaged and user site files, and which site serves a URL.

Each ``*.toml`` file in this package describes one site.  Users add their own
with ``--sites-file``; a user's entry with an existing id replaces the
packaged one.  A URL no config claims gets an ad-hoc config that discovers on
its own (robots.txt sitemaps, feeds, home and section pages).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from archiver.sites.catalog import catalog_problems
from archiver.sites.config import SiteConfig, SiteConfigError, site_domain, site_from_dict, validate_site


def load_sites_file(path: str | Path, *, validate: bool = True) -> list[SiteConfig]:
    """Sites of one TOML file: either one site, or ``[[site]]`` tables."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SiteConfigError(f"{path}: {exc}") from None
    tables = data["site"] if "site" in data else [data]
    if not isinstance(tables, list):
        raise SiteConfigError(f"{path}: [[site]] must be an array of tables")
    return [site_from_dict(t, str(path), validate=validate) for t in tables]


def builtin_site_files() -> list[Path]:
    folder = resources.files(__package__)
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@lru_cache(maxsize=1)
def _builtin_sites() -> tuple[SiteConfig, ...]:
    """The packaged sites, read but not compiled: a crawl validates the sites it is given
    (:func:`resolve_targets`) and ``archiver sites check`` all of them, so a start-up does not
    compile every packaged site's regexes and selectors for the one it crawls."""
    return tuple(site for path in builtin_site_files() for site in load_sites_file(path, validate=False))


def load_sites(extra_files: Iterable[str | Path] = ()) -> dict[str, SiteConfig]:
    """All packaged sites plus the user's files (later files win on equal ids)."""
    sites = {site.id: site for site in _builtin_sites()}
    for path in extra_files:
        for site in load_sites_file(path):
            sites[site.id] = site
    return sites


def check_sites(sites: Iterable[SiteConfig]) -> list[str]:
    """Problems of each site (regexes, selectors, URLs, zone; region, examples and how the crawl classifies
    them: :func:`~archiver.sites.catalog.catalog_problems`) and across sites (duplicate ids or domains);
    empty when all is well."""
    from archiver.navigation import is_article
    from archiver.urls import canonical_url

    sites = list(sites)
    by_id = {site.id: site for site in sites}
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_domains: dict[str, str] = {}
    for site in sites:
        try:
            validate_site(site)
            problems.extend(catalog_problems(site, lambda url: site_for_url(url, by_id).id,
                                             lambda url, s: is_article(canonical_url(url), s)))
        except SiteConfigError as exc:
            problems.append(str(exc))
        if site.id in seen_ids:
            problems.append(f"duplicate id {site.id!r} in {site.source} and {seen_ids[site.id]}")
        seen_ids[site.id] = site.source
        for domain in site.domains:
            if domain in seen_domains and seen_domains[domain] != site.id:
                problems.append(f"domain {domain!r} claimed by {seen_domains[domain]!r} and {site.id!r}")
            seen_domains[domain] = site.id
    return problems


def site_for_url(url: str, sites: dict[str, SiteConfig] | None = None) -> SiteConfig:
    """The configured site serving ``url``, or an ad-hoc config for a bare URL.

    The most specific domain wins (en.antaranews.com before antaranews.com).
    An ad-hoc site takes the host name, minus ``www.``, as its id and domain.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise SiteConfigError(f"not an absolute http(s) URL: {url!r}")
    matches = [
        (max(len(d) for d in site.domains if host == d or host.endswith("." + d)), site)
        for site in (sites or {}).values()
        if site.allows_domain(host) and _same_port(site.base_url, url)
    ]
    if matches:
        return max(matches, key=lambda m: m[0])[1]
    bare = site_domain(host)
    base = f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"
    site_id = re.sub(r"[^a-z0-9_-]+", "-", bare).strip("-") or "site"
    return SiteConfig(id=site_id, name=bare, base_url=base, domains=(bare,), source="<url>")


def _same_port(base_url: str, url: str) -> bool:
    """Ports match, or the site's base URL names none (a real site on 80/443)."""
    base_port = urlsplit(base_url).port
    return base_port is None or base_port == urlsplit(url).port


def resolve_targets(targets: Iterable[str], sites: dict[str, SiteConfig]) -> list[SiteConfig]:
    """Site configs for ``targets``: site ids, or URLs (matched to a site, else ad hoc)."""
    resolved: list[SiteConfig] = []
    for target in targets:
        target = target.strip()
        if not target:
            continue
        if target in sites:
            resolved.append(sites[target])
        elif "://" in target:
            resolved.append(site_for_url(target, sites))
        else:
            known = ", ".join(sorted(sites)) or "none"
            raise SiteConfigError(f"unknown site {target!r} (known: {known}; or give a URL)")
    for site in resolved:
        validate_site(site)  # packaged sites are read unvalidated (see _builtin_sites)
    return resolved
