"""The site configuration model: one news site (or a network sharing one layout) as data.

A site is a TOML table, not a spider.  :func:`site_from_dict` validates it
into a frozen :class:`SiteConfig`; discovery URLs may be relative and are
resolved against ``base_url``, so a config can be pointed at a mirror or a
local copy with :meth:`SiteConfig.rebased`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

DEFAULT_TIMEZONE = "Asia/Jakarta"


class SiteConfigError(ValueError):
    """A site configuration is malformed (bad key, bad regex, bad URL…)."""


@dataclass(frozen=True)
class ExtractionRules:
    """Per-site extraction overrides; every field is optional."""

    body: str | None = None  # CSS selector of the article body container
    title: str | None = None  # CSS selector of the headline
    date: str | None = None  # CSS selector of the visible dateline (read before any other dateline)
    authors: str | None = None  # CSS selector of the author names
    prune: tuple[str, ...] = ()  # CSS selectors removed before extraction
    boilerplate: tuple[str, ...] = ()  # extra line regexes dropped from the body
    title_suffixes: tuple[str, ...] = ()  # extra " - Site" suffixes to strip
    page_class: str | None = None  # "module:Class" for what config cannot say

    LIST_FIELDS = ("prune", "boilerplate", "title_suffixes")


@dataclass(frozen=True)
class SiteConfig:
    """One news site: where to find articles and how to read them."""

    id: str
    name: str
    base_url: str
    domains: tuple[str, ...]  # registered domains; each covers its subdomains
    language: str = "id"
    timezone: str = DEFAULT_TIMEZONE
    sitemaps: tuple[str, ...] = ()
    news_sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    use_robots_sitemaps: bool = True
    max_listing_pages: int = 20  # pagination depth per section
    article_allow: tuple[str, ...] = ()
    article_deny: tuple[str, ...] = ()
    follow_deny: tuple[str, ...] = ()  # never request these (search, comments…)
    single_page_param: str | None = None  # e.g. "page=all": the whole article on one page
    page_param: str | None = None  # e.g. "page": the parameter that selects page N
    extraction: ExtractionRules = field(default_factory=ExtractionRules)
    region: str | None = None  # province (in Indonesian), or "nasional"
    network: str | None = None  # publishing network: tribun, radar, kompas-gramedia, mnc, …
    example_articles: tuple[str, ...] = ()  # real article URLs of the site: a test classifies them
    example_listings: tuple[str, ...] = ()  # real non-article URLs (home, section, tag, index)
    impersonate: str | None = None  # browser whose TLS/HTTP fingerprint the site's requests wear ("chrome"): a blocked site
    proxy: str | None = None  # proxy URL for the site's requests (http, https; socks4/5 with impersonate)
    source: str = "<builtin>"  # file the entry came from

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the fields only: a worker process gets one shared copy per configuration
        (:func:`_interned`), whose memoised verdicts then survive from one page to the next."""
        return (_interned, tuple(getattr(self, f.name) for f in dataclasses.fields(self)))

    # -- derived ---------------------------------------------------------
    def resolve(self, url: str) -> str:
        """Absolute URL of a (possibly relative) discovery URL."""
        return urljoin(self.base_url, url)

    def rebased(self, base_url: str) -> SiteConfig:
        """The same site served from another origin (a mirror, the local demo).

        Relative discovery URLs follow the new base automatically; the domain
        list is replaced by the new host so the crawl stays on it.
        """
        host = urlsplit(base_url).hostname or ""
        return dataclasses.replace(self, base_url=base_url, domains=(host,))

    @property
    def discovers_alone(self) -> bool:
        """The site states no sitemap, news sitemap or feed: where the common CMSs put them is worth asking."""
        return self.use_robots_sitemaps and not (self.sitemaps or self.news_sitemaps or self.feeds)

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


_INTERNED: dict[tuple[Any, ...], SiteConfig] = {}


def _interned(*values: Any) -> SiteConfig:
    """The process's one :class:`SiteConfig` with these field values (bounded: configs are few)."""
    site = _INTERNED.get(values)
    if site is None:
        if len(_INTERNED) > 4096:
            _INTERNED.clear()
        site = _INTERNED[values] = SiteConfig(*values)
    return site


def site_domain(host: str) -> str:
    """``host`` without a leading ``www.``: a site's domain covers its subdomains, ``www.`` included,
    so ``www.example.id`` and ``m.example.id`` are one site."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def _tuple(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteConfigError(f"{key} must be a string or a list of strings")
    return tuple(value)


_TOP_KEYS = {"id", "name", "base_url", "domains", "language", "timezone", "region", "network", "discovery", "articles",
             "extraction", "examples", "impersonate", "proxy"}
_EXAMPLE_KEYS = {"articles", "listings"}
_DISCOVERY_KEYS = {"sitemaps", "news_sitemaps", "feeds", "sections", "robots_sitemaps", "max_listing_pages"}
_ARTICLE_KEYS = {"allow", "deny", "follow_deny", "single_page_param", "page_param"}
_EXTRACTION_KEYS = {f.name for f in dataclasses.fields(ExtractionRules)}


def _check_keys(table: Any, allowed: set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise SiteConfigError(f"{where} must be a table")
    unknown = set(table) - allowed
    if unknown:
        raise SiteConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def site_from_dict(data: dict[str, Any], source: str = "<dict>", *, validate: bool = True) -> SiteConfig:
    """Build a :class:`SiteConfig` from a parsed TOML table; with ``validate``, also compile its
    regexes and selectors (see :func:`validate_site`)."""
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
    examples = data.get("examples", {})
    _check_keys(examples, _EXAMPLE_KEYS, where + " [examples]")
    _check_keys(disc, _DISCOVERY_KEYS, where + " [discovery]")
    _check_keys(arts, _ARTICLE_KEYS, where + " [articles]")
    _check_keys(ext, _EXTRACTION_KEYS, where + " [extraction]")
    domains = _tuple(data.get("domains"), "domains") or (urlsplit(base).hostname or "",)
    rules = ExtractionRules(**{k: (_tuple(v, k) if k in ExtractionRules.LIST_FIELDS else v) for k, v in ext.items()})
    site = SiteConfig(
        id=data["id"],
        name=data["name"],
        base_url=base,
        domains=tuple(dict.fromkeys(site_domain(d) for d in domains)),
        language=data.get("language", "id"),
        timezone=data.get("timezone", DEFAULT_TIMEZONE),
        sitemaps=_tuple(disc.get("sitemaps"), "sitemaps"),
        news_sitemaps=_tuple(disc.get("news_sitemaps"), "news_sitemaps"),
        feeds=_tuple(disc.get("feeds"), "feeds"),
        sections=_tuple(disc.get("sections"), "sections"),
        use_robots_sitemaps=bool(disc.get("robots_sitemaps", True)),
        max_listing_pages=_int(disc.get("max_listing_pages", 20), "max_listing_pages", where),
        article_allow=_tuple(arts.get("allow"), "allow"),
        article_deny=_tuple(arts.get("deny"), "deny"),
        follow_deny=_tuple(arts.get("follow_deny"), "follow_deny"),
        single_page_param=arts.get("single_page_param"),
        page_param=arts.get("page_param"),
        extraction=rules,
        region=_optional_str(data.get("region"), "region", where),
        network=_optional_str(data.get("network"), "network", where),
        example_articles=_tuple(examples.get("articles"), "examples.articles"),
        example_listings=_tuple(examples.get("listings"), "examples.listings"),
        impersonate=_optional_str(data.get("impersonate"), "impersonate", where),
        proxy=_optional_str(data.get("proxy"), "proxy", where),
        source=source,
    )
    if validate:
        validate_site(site)
    return site


def _optional_str(value: Any, key: str, where: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise SiteConfigError(f"{where}: {key} must be a non-empty string")
    return value


def _int(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SiteConfigError(f"{where}: {key} must be a whole number ≥ 0")
    return value


def _check_regexes(patterns: tuple[str, ...], what: str, where: str) -> None:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SiteConfigError(f"{where}: bad regex in {what}: {pattern!r}: {exc}") from None


def validate_site(site: SiteConfig) -> None:
    """Raise :class:`SiteConfigError` when a regex, selector, URL or zone is unusable."""
    from zoneinfo import ZoneInfo

    where = f"{site.source}:{site.id}"
    for name in ("article_allow", "article_deny", "follow_deny"):
        _check_regexes(getattr(site, name), name, where)
    _check_regexes(site.extraction.boilerplate, "boilerplate", where)
    _check_selectors(site.extraction, where)
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
    _check_transport(site, where)


# socks proxies are spoken by curl (impersonated requests) only; Scrapy's own downloader speaks http(s) proxies
PROXY_SCHEMES = ("http", "https")
IMPERSONATED_PROXY_SCHEMES = (*PROXY_SCHEMES, "socks4", "socks5", "socks5h")


def _check_transport(site: SiteConfig, where: str) -> None:
    """``impersonate`` names a browser the way curl_cffi does (``chrome``, ``chrome124``, ``safari17_0``); which
    ones exist is checked when a crawl starts (the package is optional). ``proxy`` is a URL Scrapy or curl speaks."""
    if site.impersonate is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", site.impersonate):
        raise SiteConfigError(f"{where}: impersonate must be a browser name such as \"chrome\", got {site.impersonate!r}")
    if site.proxy is None:
        return
    parts = urlsplit(site.proxy)
    schemes = IMPERSONATED_PROXY_SCHEMES if site.impersonate else PROXY_SCHEMES
    if parts.scheme not in schemes or not parts.hostname:  # the value is not echoed: it may hold a password
        raise SiteConfigError(f"{where}: proxy must be a URL such as http://host:3128 ({', '.join(PROXY_SCHEMES)}; "
                              f"{', '.join(IMPERSONATED_PROXY_SCHEMES[2:])} only with impersonate)")


def _check_selectors(rules: ExtractionRules, where: str) -> None:
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    for selector in (rules.body, rules.title, rules.date, rules.authors, *rules.prune):
        if selector:
            try:
                CSSSelector(selector)
            except (SelectorError, ValueError) as exc:
                raise SiteConfigError(f"{where}: bad CSS selector {selector!r}: {exc}") from None
