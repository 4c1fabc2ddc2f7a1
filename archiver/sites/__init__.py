"""Site configurations: a site is a small TOML file, not a spider.

Each ``*.toml`` file in this package describes one site (or a network of
domains sharing one layout).  Users add their own with ``--sites-file``; a
user's entry with an existing id replaces the packaged one.  Discovery URLs
may be relative: they are resolved against ``base_url`` so that a config can
be pointed at a mirror or a local copy with :meth:`SiteConfig.rebased`.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

DEFAULT_TIMEZONE = "Asia/Jakarta"


class SiteConfigError(ValueError):
    """A site configuration is malformed (bad key, bad regex, bad URL…)."""


@dataclass(frozen=True)
class ExtractionRules:
    """Per-site extraction overrides; every field is optional."""

    body: str | None = None  # CSS selector of the article body container
    title: str | None = None
    date: str | None = None  # CSS selector of the visible dateline
    authors: str | None = None
    prune: tuple[str, ...] = ()  # CSS selectors removed before extraction
    boilerplate: tuple[str, ...] = ()  # extra line regexes dropped from the body
    title_suffixes: tuple[str, ...] = ()  # extra " - Site" suffixes to strip
    page_class: str | None = None  # "module:Class" for what config cannot say


@dataclass(frozen=True)
class SiteConfig:
    """One news site: where to find articles and how to read them."""

    id: str
    name: str
    base_url: str
    domains: tuple[str, ...]
    language: str = "id"
    timezone: str = DEFAULT_TIMEZONE
    sitemaps: tuple[str, ...] = ()
    news_sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    use_robots_sitemaps: bool = True
    follow_links: bool = True  # follow on-site links from home/section pages
    max_listing_pages: int = 20  # pagination depth per section
    article_allow: tuple[str, ...] = ()
    article_deny: tuple[str, ...] = ()
    follow_deny: tuple[str, ...] = ()  # never request these (search, comments…)
    single_page_param: str | None = None  # e.g. "page=all": the whole article on one page
    page_param: str | None = None  # e.g. "page": the parameter that selects page N
    extraction: ExtractionRules = field(default_factory=ExtractionRules)
    source: str = "<builtin>"  # file the entry came from

    # -- derived ---------------------------------------------------------
    def resolve(self, url: str) -> str:
        """Absolute URL of a (possibly relative) discovery URL."""
        return urljoin(self.base_url, url)

    def rebased(self, base_url: str) -> "SiteConfig":
        """The same site served from another origin (a mirror, the local demo).

        Relative discovery URLs follow the new base automatically; the domain
        list is replaced by the new host so the crawl stays on it.
        """
        host = urlsplit(base_url).hostname or ""
        return dataclasses.replace(self, base_url=base_url, domains=(host,))

    @property
    def start_urls(self) -> list[str]:
        return [self.resolve(self.base_url)]

    def allows_domain(self, host: str | None) -> bool:
        """True when ``host`` is one of the site's domains or a subdomain of one."""
        if not host:
            return False
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def memo(self, name: str) -> dict[Any, Any]:
        """A cache dict of this config's own (frozen dataclass: kept in ``__dict__``, outside eq and hash)."""
        return self.__dict__.setdefault("_memo", {}).setdefault(name, {})

    def compiled(self, name: str) -> list[re.Pattern[str]]:
        """The regexes of ``article_allow``, ``article_deny`` or ``follow_deny``, compiled once."""
        cache = self.memo("compiled")
        if name not in cache:
            cache[name] = [re.compile(p) for p in getattr(self, name)]
        return cache[name]

    @cached_property
    def page_params(self) -> frozenset[str]:
        """The site's own page-selecting query parameters (``page_param``, ``single_page_param``);
        computed once per config: every article URL and link asks for them."""
        names = {self.page_param} if self.page_param else set()
        if self.single_page_param:
            names.add(self.single_page_param.split("=", 1)[0])
        return frozenset(names)

    def url_verdict(self, url: str) -> bool | None:
        """What the URL patterns alone say: False (denied), True (an article pattern), None (silent)."""
        if any(p.search(url) for p in self.compiled("article_deny")):
            return False
        if any(p.search(url) for p in self.compiled("article_allow")):
            return True
        return None


def _tuple(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteConfigError(f"{key} must be a string or a list of strings")
    return tuple(value)


_TOP_KEYS = {"id", "name", "base_url", "domains", "language", "timezone", "discovery", "articles", "extraction"}
_DISCOVERY_KEYS = {"sitemaps", "news_sitemaps", "feeds", "sections", "robots_sitemaps", "follow_links", "max_listing_pages"}
_ARTICLE_KEYS = {"allow", "deny", "follow_deny", "single_page_param", "page_param"}
_EXTRACTION_KEYS = {f.name for f in dataclasses.fields(ExtractionRules)}


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise SiteConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def site_from_dict(data: dict[str, Any], source: str = "<dict>") -> SiteConfig:
    """Build and validate a :class:`SiteConfig` from a parsed TOML table."""
    where = f"{source}:{data.get('id', '?')}"
    _check_keys(data, _TOP_KEYS, where)
    for required in ("id", "name", "base_url"):
        if not isinstance(data.get(required), str) or not data[required]:
            raise SiteConfigError(f"{where}: '{required}' is required")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", data["id"]):
        raise SiteConfigError(f"{where}: id must be lower-case letters, digits, '-' or '_'")
    base = data["base_url"]
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).hostname:
        raise SiteConfigError(f"{where}: base_url must be an absolute http(s) URL")
    disc = data.get("discovery", {})
    arts = data.get("articles", {})
    ext = data.get("extraction", {})
    _check_keys(disc, _DISCOVERY_KEYS, where + " [discovery]")
    _check_keys(arts, _ARTICLE_KEYS, where + " [articles]")
    _check_keys(ext, _EXTRACTION_KEYS, where + " [extraction]")
    domains = _tuple(data.get("domains"), "domains") or (urlsplit(base).hostname or "",)
    rules = ExtractionRules(
        **{k: (_tuple(v, k) if k in ("prune", "boilerplate", "title_suffixes") else v) for k, v in ext.items()}
    )
    site = SiteConfig(
        id=data["id"],
        name=data["name"],
        base_url=base,
        domains=tuple(d.lower() for d in domains),
        language=data.get("language", "id"),
        timezone=data.get("timezone", DEFAULT_TIMEZONE),
        sitemaps=_tuple(disc.get("sitemaps"), "sitemaps"),
        news_sitemaps=_tuple(disc.get("news_sitemaps"), "news_sitemaps"),
        feeds=_tuple(disc.get("feeds"), "feeds"),
        sections=_tuple(disc.get("sections"), "sections"),
        use_robots_sitemaps=bool(disc.get("robots_sitemaps", True)),
        follow_links=bool(disc.get("follow_links", True)),
        max_listing_pages=int(disc.get("max_listing_pages", 20)),
        article_allow=_tuple(arts.get("allow"), "allow"),
        article_deny=_tuple(arts.get("deny"), "deny"),
        follow_deny=_tuple(arts.get("follow_deny"), "follow_deny"),
        single_page_param=arts.get("single_page_param"),
        page_param=arts.get("page_param"),
        extraction=rules,
        source=source,
    )
    validate_site(site)
    return site


def validate_site(site: SiteConfig) -> None:
    """Raise :class:`SiteConfigError` when a regex, URL or zone is unusable."""
    from zoneinfo import ZoneInfo

    where = f"{site.source}:{site.id}"
    for name in ("article_allow", "article_deny", "follow_deny", ):
        for pattern in getattr(site, name):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise SiteConfigError(f"{where}: bad regex in {name}: {pattern!r}: {exc}") from None
    for pattern in site.extraction.boilerplate:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SiteConfigError(f"{where}: bad boilerplate regex {pattern!r}: {exc}") from None
    for url in (*site.sitemaps, *site.news_sitemaps, *site.feeds, *site.sections):
        parts = urlsplit(site.resolve(url))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SiteConfigError(f"{where}: malformed URL {url!r}")
    try:
        ZoneInfo(site.timezone)
    except Exception:  # noqa: BLE001 - zoneinfo raises several types
        raise SiteConfigError(f"{where}: unknown timezone {site.timezone!r}") from None
    if not site.domains or not all(site.domains):
        raise SiteConfigError(f"{where}: no domains")


def load_sites_file(path: str | Path) -> list[SiteConfig]:
    """Sites of one TOML file: either one site, or ``[[site]]`` tables."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SiteConfigError(f"{path}: {exc}") from None
    tables = data["site"] if "site" in data else [data]
    if not isinstance(tables, list):
        raise SiteConfigError(f"{path}: [[site]] must be an array of tables")
    return [site_from_dict(t, str(path)) for t in tables]


def builtin_site_files() -> list[Path]:
    folder = resources.files(__name__)
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


def load_sites(extra_files: Iterable[str | Path] = ()) -> dict[str, SiteConfig]:
    """All packaged sites plus the user's files (later files win on equal ids)."""
    sites: dict[str, SiteConfig] = {}
    for path in [*builtin_site_files(), *extra_files]:
        for site in load_sites_file(path):
            sites[site.id] = site
    return sites


def check_sites(sites: Iterable[SiteConfig]) -> list[str]:
    """Problems across sites (duplicate ids or domains); empty when all is well."""
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_domains: dict[str, str] = {}
    for site in sites:
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

    An ad-hoc site discovers on its own (robots.txt sitemaps, feeds, home and
    section pages) and takes the host name, minus ``www.``, as its id.
    """
    host = (urlsplit(url).hostname or "").lower()
    matches = [
        (max(len(d) for d in site.domains if host == d or host.endswith("." + d)), site)
        for site in (sites or {}).values()
        if site.allows_domain(host) and _same_port(site.base_url, url)
    ]
    if matches:  # the most specific domain wins: en.antaranews.com before antaranews.com
        return max(matches, key=lambda m: m[0])[1]
    if not host:
        raise SiteConfigError(f"not an absolute URL: {url!r}")
    bare = host[4:] if host.startswith("www.") else host
    parts = urlsplit(url)
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
            raise ValueError(f"unknown site {target!r} (known: {known}; or give a URL)")
    return resolved
