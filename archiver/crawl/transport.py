"""How each site's requests leave: as Scrapy's own, through the site's proxy, or wearing a browser's fingerprint.

A site that answers a data-centre crawler with 403s or challenge pages often judges the client by its TLS
handshake and headers, not by what it asks for.  For such a site (``impersonate = "chrome"`` in its config,
or every site of a run with ``-s ARCHIVER_IMPERSONATE=chrome``) :class:`SiteTransport` marks each of its
requests — robots.txt and sitemaps included — for scrapy-impersonate's download handler, which sends them
through curl_cffi with that browser's handshake and headers; every other site's requests go through
Scrapy's own downloader unchanged (the handler passes them on).  The handler is installed only when a
site of the run asks for it, so a run without impersonation does not need the package.

The counts (``impersonated/<browser>``, ``proxied``) go to the stats, so the run record and the report
say whether a blocked site was impersonated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from scrapy import Request
from scrapy.exceptions import NotConfigured

from archiver.outcome import Stat, count
from archiver.sites import SiteConfig
from archiver.urls import host_of

HANDLER = "scrapy_impersonate.ImpersonateDownloadHandler"
INSTALL_HINT = "pip install 'archiver[impersonate]'"
# headers Scrapy adds to every request that would contradict the impersonated browser's own
_SCRAPY_HEADERS = (b"User-Agent", b"Accept", b"Accept-Language")


class TransportUnavailable(ValueError):
    """A site asks for impersonation that cannot be had (package missing, unknown browser): a usage error."""


@dataclass(frozen=True, slots=True)
class Route:
    """How one site's requests go out."""

    browser: str | None = None  # curl_cffi's browser name, None: Scrapy's own downloader
    proxy: str | None = None  # the site's own proxy URL (else Scrapy's HttpProxyMiddleware reads http(s)_proxy)


def route(site: SiteConfig, run_browser: str = "") -> Route:
    """The site's own ``impersonate``, else the run's ``ARCHIVER_IMPERSONATE``; its own ``proxy``."""
    return Route(site.impersonate or run_browser.strip() or None, site.proxy)


def routes(sites: Iterable[SiteConfig], settings: Any) -> dict[str, Route]:
    """The sites whose requests do not go out as plain Scrapy requests, by id."""
    run_browser = settings.get("ARCHIVER_IMPERSONATE") or ""
    chosen = {site.id: route(site, run_browser) for site in sites}
    return {site: r for site, r in chosen.items() if r != Route()}


def check(sites: Iterable[SiteConfig], settings: Any) -> None:
    """Raise :class:`TransportUnavailable` (one line) when a site asks for impersonation that cannot be had."""
    wanted = {r.browser: site for site, r in routes(sites, settings).items() if r.browser}
    if not wanted:
        return
    browser, site = next(iter(wanted.items()))
    try:
        import scrapy_impersonate  # noqa: F401 - only its presence is checked here
        from curl_cffi import BrowserTypeLiteral
    except ImportError:
        raise TransportUnavailable(f"site {site} is to impersonate {browser!r} but scrapy-impersonate is not installed "
                                   f"({INSTALL_HINT})") from None
    from typing import get_args

    known = set(get_args(BrowserTypeLiteral))
    for browser, site in wanted.items():
        if browser not in known:
            names = ", ".join(sorted(b for b in known if not b[-1].isdigit() and "_" not in b))
            raise TransportUnavailable(f"site {site}: unknown browser {browser!r} to impersonate (curl_cffi knows {names}, "
                                       "and versioned names such as chrome124)")


def install(sites: Iterable[SiteConfig], settings: Any) -> None:
    """Check the run's impersonation and put the handler in ``DOWNLOAD_HANDLERS`` when a site uses it.

    Called while the spider is built, before Scrapy freezes the settings; a ``DOWNLOAD_HANDLERS``
    given on the command line is left alone.
    """
    sites = list(sites)
    check(sites, settings)
    if not any(r.browser for r in routes(sites, settings).values()):
        return
    handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": HANDLER, "https": HANDLER}
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")


class SiteTransport:
    """Downloader middleware: give the configured sites' requests their browser fingerprint and proxy.

    Runs after Scrapy's ``UserAgentMiddleware`` and ``DefaultHeadersMiddleware`` (it drops their
    headers from an impersonated request, so the browser's own go out) and before
    ``HttpProxyMiddleware`` (which turns a proxy URL's credentials into a header).  A request
    without a ``site`` in its meta (robots.txt, fetched by Scrapy's middleware) is matched by host.
    Not enabled at all when no site of the run needs it.
    """

    def __init__(self, crawler: Any, sites: dict[str, SiteConfig], routes_: dict[str, Route]) -> None:
        self.crawler = crawler
        self.sites = sites
        self.routes = routes_
        settings = crawler.settings
        defaults = settings.getdict("DEFAULT_REQUEST_HEADERS")
        self._scrapy_values = {b"User-Agent": settings.get("USER_AGENT"), b"Accept": defaults.get("Accept"),
                               b"Accept-Language": defaults.get("Accept-Language")}
        self._verify = settings.getbool("DOWNLOAD_VERIFY_CERTIFICATES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SiteTransport":
        sites: dict[str, SiteConfig] = getattr(crawler.spider, "sites", None) or {}
        chosen = routes(sites.values(), crawler.settings)
        if not chosen:
            raise NotConfigured("no site of this run is impersonated or proxied")
        return cls(crawler, sites, chosen)

    def process_request(self, request: Request) -> None:
        site = self._site_of(request)
        if site is None:
            return
        chosen = self.routes[site]
        if chosen.proxy:
            request.meta["proxy"] = chosen.proxy
            count(self.crawler.stats, site, Stat.PROXIED)
        if chosen.browser:
            self._impersonate(request, chosen.browser)
            count(self.crawler.stats, site, Stat.impersonated(chosen.browser))

    def _site_of(self, request: Request) -> str | None:
        site = request.meta.get("site")
        if site is not None:
            return site if site in self.routes else None
        host = host_of(request.url)
        return next((s for s in self.routes if s in self.sites and self.sites[s].allows_domain(host)), None)

    def _impersonate(self, request: Request, browser: str) -> None:
        request.meta["impersonate"] = browser
        # certificates checked as Scrapy's own downloader checks them: not unless DOWNLOAD_VERIFY_CERTIFICATES
        # (curl would refuse the incomplete chains some regional sites serve, which Scrapy reads)
        request.meta.setdefault("impersonate_args", {}).setdefault("verify", self._verify)
        for name in _SCRAPY_HEADERS:
            value = request.headers.get(name)
            if value is not None and value.decode("latin-1") == (self._scrapy_values[name] or ""):
                del request.headers[name]
