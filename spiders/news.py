"""One generic news spider, driven by site configurations.

``scrapy crawl news -a targets=demo`` or ``-a targets=https://example.id/``.
A configured site states its sitemaps, news sitemaps, feeds and sections; a
bare URL is discovered on its own (robots.txt ``Sitemap:`` lines, feeds named
by ``<link rel="alternate">``, the homepage and its section pages).  Article
pages are handed to the pipelines; listing pages are only followed.  URLs the
archive already holds are never requested again unless a sitemap or feed says
the article changed since it was stored.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterable, Iterator
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from archiver.blocking import block_reason
from archiver.crawl import count_for_site
from archiver.discovery import (
    Entry,
    NotADiscoveryDocument,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)
from archiver.extraction import looks_like_article, next_page_url, single_page_url
from archiver.fingerprints import article_id
from archiver.items import PageItem
from archiver.sites import SiteConfig, load_sites, site_for_url
from archiver.urls import (
    PAGE_PARAMS,
    article_url,
    canonical_url,
    has_dated_path,
    host_of,
    page_number,
)

_BINARY_EXTENSIONS = frozenset(IGNORED_EXTENSIONS)  # pdf, jpg, mp4, zip…: never an article page
_NOT_HTTP = ("javascript:", "mailto:", "tel:", "whatsapp:", "data:", "sms:")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")

# request priorities: discovery documents first, then articles, then listings
PRIO_DISCOVERY, PRIO_ARTICLE, PRIO_LISTING = 20, 10, 0


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


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        targets: str | Iterable[str] = "",
        sites: Iterable[SiteConfig] = (),
        sites_file: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if isinstance(targets, str):
            targets = [t for t in targets.split(",") if t.strip()]
        self._target_names = list(targets)
        self._given_sites = list(sites)
        self._sites_file = sites_file
        self.sites: dict[str, SiteConfig] = {}
        self.articles_requested = 0
        self._feeds_requested: set[str] = set()
        self._links_done: set[str] = set()  # link URLs already turned into a request (or known) this run

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "NewsSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._configure(crawler.settings)
        return spider

    # -- set-up -------------------------------------------------------------------
    def _configure(self, settings: Any) -> None:
        extra = settings.getlist("ARCHIVER_SITES_FILES") + ([self._sites_file] if self._sites_file else [])
        registry = load_sites(extra)
        chosen = self._given_sites + resolve_targets(self._target_names, registry)
        if not chosen:
            raise ValueError("nothing to crawl: pass -a targets=<site id or URL>[,…]")
        self.sites = {s.id: s for s in chosen}
        self.listing_depth = settings.getint("ARCHIVER_LISTING_DEPTH")
        self.follow_from_articles = settings.getbool("ARCHIVER_FOLLOW_FROM_ARTICLES")
        self.max_articles = settings.getint("ARCHIVER_MAX_ARTICLES")
        since = settings.get("ARCHIVER_SINCE") or ""
        self.since = _parse_since(since) if since else None

    @property
    def index(self) -> Any:
        """The archive's dedup index, set by ArchivePipeline (None when no archive is open)."""
        return getattr(self.crawler, "archive_index", None)

    def stat(self, site: str, key: str, count: int = 1) -> None:
        count_for_site(self.crawler.stats, site, key, count)

    # -- start ------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        for site in self.sites.values():
            for request in self._start_requests(site):
                yield request

    def _start_requests(self, site: SiteConfig) -> Iterator[Request]:
        meta = {"site": site.id}
        if site.use_robots_sitemaps:
            robots = site.resolve("/robots.txt")
            yield Request(robots, self.parse_robots, meta=meta, priority=PRIO_DISCOVERY, errback=self.on_error)
        for url in (*site.sitemaps, *site.news_sitemaps):
            yield self._discovery_request(site, site.resolve(url), self.parse_sitemap)
        for url in site.feeds:
            yield self._discovery_request(site, site.resolve(url), self.parse_feed)
        for url in (site.base_url, *site.sections):
            yield Request(
                canonical_url(site.resolve(url)), self.parse_page, meta={**meta, "listing_depth": 0, "start_page": True},
                priority=PRIO_LISTING, errback=self.on_error,
            )

    def _discovery_request(self, site: SiteConfig, url: str, callback: Any) -> Request:
        return Request(url, callback, meta={"site": site.id}, priority=PRIO_DISCOVERY, errback=self.on_error)

    # -- discovery documents ----------------------------------------------------
    def parse_robots(self, response: Response) -> Iterator[Request]:
        site = self.sites[response.meta["site"]]
        if response.status != 200:
            return
        for url in sitemaps_from_robots(response.body):
            if site.allows_domain(host_of(url)):
                yield self._discovery_request(site, url, self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        site, sitemap = self._read_document(response, "sitemap", parse_sitemap)
        if sitemap is None:
            return
        if sitemap.kind == "index":
            for entry in sitemap.entries:
                if site.allows_domain(host_of(entry.url)) and not self._older_than_since(entry):
                    yield self._discovery_request(site, entry.url, self.parse_sitemap)
            return
        yield from self._entry_requests(site, sitemap.entries, "sitemap")

    def parse_feed(self, response: Response) -> Iterator[Request]:
        site, entries = self._read_document(response, "feed", parse_feed)
        if entries is not None:
            yield from self._entry_requests(site, entries, "feed")

    def _read_document(self, response: Response, what: str, parse: Any) -> tuple[SiteConfig, Any]:
        """Parse a sitemap or feed; (site, None) after logging and counting when it is unusable."""
        site = self.sites[response.meta["site"]]
        if self._skip_unusable(response, site, what):
            return site, None
        try:
            document = parse(response.body, tz=site.timezone)
        except NotADiscoveryDocument as exc:
            self.logger.warning("skipping %s %s: %s", what, response.url, exc)
            self.stat(site.id, f"errors/{what}_invalid")
            return site, None
        self.stat(site.id, f"{what}s")
        return site, document

    def _entry_requests(self, site: SiteConfig, entries: list[Entry], source: str) -> Iterator[Request]:
        for entry in entries:
            if not site.allows_domain(host_of(entry.url)) or self._older_than_since(entry):
                self.stat(site.id, f"skipped/{source}_filtered")
                continue
            request = self._article_request(site, entry.url, modified_hint=entry.newest)
            if request is not None:
                yield request

    def _older_than_since(self, entry: Entry) -> bool:
        return self.since is not None and entry.newest is not None and entry.newest < self.since

    # -- HTML pages -------------------------------------------------------------
    def parse_page(self, response: Response) -> Iterator[Any]:
        """A homepage, section, listing or article page: archive articles, follow the rest."""
        site = self.sites[response.meta["site"]]
        if self._skip_unusable(response, site, "page"):
            return
        assert isinstance(response, TextResponse)
        self.stat(site.id, "pages")
        if not response.meta.get("start_page") and looks_like_article(response.selector.root, response.url, site):
            yield from self._handle_article(response, site)
            if not self.follow_from_articles:
                return
        elif site.id not in self._feeds_requested:  # feeds a site advertises: read once per run
            self._feeds_requested.add(site.id)
            yield from self._advertised_feeds(response, site)
        yield from self._follow_links(response, site)

    def _advertised_feeds(self, response: TextResponse, site: SiteConfig) -> Iterator[Request]:
        for link in response.css("link[rel=alternate]"):
            if (link.attrib.get("type") or "").lower() in FEED_TYPES and link.attrib.get("href"):
                url = response.urljoin(link.attrib["href"])
                if site.allows_domain(host_of(url)):
                    yield self._discovery_request(site, url, self.parse_feed)

    def _follow_links(self, response: TextResponse, site: SiteConfig) -> Iterator[Request]:
        depth = response.meta.get("listing_depth", 0)
        for link in self._page_links(response, site):
            url = canonical_url(link)
            if self._is_article_url(url, site):
                self._links_done.add(link)
                request = self._article_request(site, url)
            elif self._is_pagination(url, response.url):
                request = self._listing_request(site, url, depth, site.max_listing_pages)
            else:
                request = self._listing_request(site, url, depth + 1, None)
            if request is not None:
                self._links_done.add(link)
                yield request

    def _page_links(self, response: TextResponse, site: SiteConfig) -> Iterator[str]:
        """On-site http(s) links of a page not judged yet in this run.

        A plain walk over ``a/@href`` on the page's one parsed tree: every page
        repeats the menu and the "terkini" lists, and Scrapy's LinkExtractor,
        which normalises each of them again, was most of the reactor's time.
        """
        base = get_base_url(response)
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        deny = site.compiled("follow_deny")
        for href in response.selector.root.xpath("//a/@href|//area/@href"):
            href = href.strip()
            if not href or href[0] == "#" or href.startswith(_NOT_HTTP):
                continue
            url = _absolute(href, base, origin, parts.scheme)
            if url in self._links_done or not url.startswith(("http://", "https://")):
                continue
            path = urlsplit(url).path.lower()
            if not site.allows_domain(host_of(url)) or path.rsplit(".", 1)[-1] in _BINARY_EXTENSIONS:
                continue
            if not any(p.search(url) for p in deny):
                yield url

    def _is_article_url(self, url: str, site: SiteConfig) -> bool:
        verdict = site.url_verdict(url)
        if verdict is not None or site.article_allow:  # a site with patterns: they decide
            return bool(verdict)
        return has_dated_path(url) and urlsplit(url).path.count("/") >= 2

    @staticmethod
    def _is_pagination(url: str, current: str) -> bool:
        a, b = urlsplit(url), urlsplit(current)
        return a.path == b.path and a.query != b.query and any(k in PAGE_PARAMS for k, _ in parse_qsl(a.query))

    def _listing_request(self, site: SiteConfig, url: str, depth: int, max_page: int | None) -> Request | None:
        if depth > self.listing_depth:
            return None
        if max_page is not None and (page_number(url) or 1) > max_page:
            return None
        if self.index is not None and self.index.lookup_url(url) is not None:
            return None  # an archived article reached through an unexpected URL shape
        return Request(url, self.parse_page, meta={"site": site.id, "listing_depth": depth},
                       priority=PRIO_LISTING - depth, errback=self.on_error)

    def _article_request(self, site: SiteConfig, url: str, *, modified_hint: datetime | None = None) -> Request | None:
        url = article_url(url, site.page_params)
        if self._is_known(url, modified_hint):
            self.stat(site.id, "skipped/known")
            return None
        if self.max_articles and self.articles_requested >= self.max_articles:
            self.stat(site.id, "skipped/max_articles")
            return None
        fetch_url = single_page_url(url, site) or url
        self.articles_requested += 1
        return Request(fetch_url, self.parse_page, meta={"site": site.id, "modified_hint": modified_hint},
                       priority=PRIO_ARTICLE, errback=self.on_error)

    def _is_known(self, url: str, modified_hint: datetime | None) -> bool:
        """True when the archive holds ``url`` and nothing says it changed since."""
        if self.index is None or self.index.lookup_url(url) is None:
            return False
        return not (modified_hint is not None and self.index.is_newer(url, modified_hint))

    # -- articles -----------------------------------------------------------------
    def _handle_article(self, response: TextResponse, site: SiteConfig) -> Iterator[Any]:
        canonical = self._canonical_link(response, site)
        here = article_url(response.url, site.page_params)
        aliases = [*response.meta.get("aliases", []), *response.meta.get("redirect_urls", [])]
        if canonical and canonical != here and not response.meta.get("via_canonical"):
            # an AMP or syndicated copy that names its original: archive the original once
            aliases.append(response.url)
            if self.index is not None:
                # remember the copy now: the original may already be downloaded or in flight,
                # and a re-crawl must not fetch this copy again either way
                known = self.index.lookup_url(canonical)
                self.index.add_alias(response.url, known.article_id if known else article_id(canonical))
                if known is not None:
                    self.stat(site.id, "skipped/known")
                    return
            yield Request(canonical, self.parse_page,
                          meta={"site": site.id, "aliases": aliases, "via_canonical": True},
                          priority=PRIO_ARTICLE, errback=self.on_error)
            return
        yield from self._collect_pages(response, site, aliases)

    def _canonical_link(self, response: TextResponse, site: SiteConfig) -> str | None:
        href = response.css("link[rel=canonical]::attr(href)").get()
        if not href:
            return None
        url = response.urljoin(href.strip())
        if not site.allows_domain(host_of(url)):
            return None
        return article_url(url, site.page_params)

    def _collect_pages(self, response: TextResponse, site: SiteConfig, aliases: list[str]) -> Iterator[Any]:
        """Follow "Halaman selanjutnya" links until the last page, then yield the whole article."""
        first: TextResponse | None = response.meta.get("first_page")
        pages: list[bytes] = response.meta.get("pages", []) + ([] if first is None else [response.body])
        seen: set[str] = response.meta.get("seen_pages", set()) | {canonical_url(response.url)}
        nxt = next_page_url(response.selector.root, response.url)
        if nxt and canonical_url(nxt) not in seen and len(seen) < 50:
            yield Request(nxt, self._next_page, dont_filter=True, priority=PRIO_ARTICLE + 1, errback=self._next_page_failed,
                          meta={"site": site.id, "first_page": first or response, "seen_pages": seen, "pages": pages,
                                "aliases": aliases, "modified_hint": response.meta.get("modified_hint")})
            return
        yield self._page_item(site, first or response, pages, aliases, response.meta.get("modified_hint"))

    def _page_item(self, site: SiteConfig, head: TextResponse, more: list[bytes], aliases: list[str],
                   hint: datetime | None) -> PageItem:
        self.stat(site.id, "articles_downloaded")
        return PageItem(url=head.url, site=site.id, html=head.body, encoding=head.encoding,
                        fetched_at=datetime.now(timezone.utc), more_pages=more, aliases=sorted(set(aliases)),
                        hint_modified_at=hint)

    def _next_page(self, response: Response) -> Iterator[Any]:
        site = self.sites[response.meta["site"]]
        if self._skip_unusable(response, site, "page"):
            yield self._partial_article(response.meta)
            return
        assert isinstance(response, TextResponse)
        yield from self._collect_pages(response, site, response.meta.get("aliases", []))

    def _next_page_failed(self, failure: Failure) -> Iterator[Any]:
        """Page N failed: archive the pages we have rather than nothing."""
        self.on_error(failure)
        yield self._partial_article(failure.request.meta)  # type: ignore[attr-defined]

    def _partial_article(self, meta: dict[str, Any]) -> PageItem:
        site = self.sites[meta["site"]]
        self.stat(site.id, "errors/partial_article")
        return self._page_item(site, meta["first_page"], meta["pages"], meta.get("aliases", []), meta.get("modified_hint"))

    # -- failures ---------------------------------------------------------------
    def _skip_unusable(self, response: Response, site: SiteConfig, what: str) -> bool:
        """Log and count responses that carry nothing usable; True means skip."""
        reason = block_reason(response.status, response.body)
        if reason:
            self.logger.warning("blocked (%s): %s", reason, response.url)
            self.stat(site.id, f"blocked/{reason}")
            return True
        if response.status >= 400:
            self.stat(site.id, f"errors/http_{response.status}")
            return True
        if not response.body.strip():
            self.logger.info("empty response: %s", response.url)
            self.stat(site.id, "errors/empty")
            return True
        if what == "page" and not isinstance(response, HtmlResponse):
            self.logger.info("not HTML (%s): %s", response.headers.get("Content-Type", b"?").decode(errors="replace"), response.url)
            self.stat(site.id, "skipped/not_html")
            return True
        return False

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        site = request.meta.get("site", "?")
        if "robots.txt" in failure.getErrorMessage():
            self.logger.info("skipped (robots.txt): %s", request.url)
            self.stat(site, "skipped/robots_txt")
            return
        kind = _failure_kind(failure)
        self.logger.warning("failed (%s): %s: %s", kind, request.url, failure.getErrorMessage())
        self.stat(site, f"errors/{kind}")


def _absolute(href: str, base: str, origin: str, scheme: str) -> str:
    """``urljoin(base, href)``, without its cost for the common absolute and root-relative links."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return f"{scheme}:{href}"
    if href[0] == "/" and "/." not in href:
        return origin + href
    return urljoin(base, href)


def _failure_kind(failure: Failure) -> str:
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet.error import (
        ConnectionRefusedError,
        DNSLookupError,
        TCPTimedOutError,
        TimeoutError,
    )

    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError) or "timeout" in type(failure.value).__name__.lower():
        return "timeout"  # scrapy ≥ 2.13 raises its own DownloadTimeoutError
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    name = type(failure.value).__name__
    if "Redirect" in name or "redirect" in failure.getErrorMessage().lower():
        return "redirect"
    return name.lower()


def _parse_since(text: str) -> datetime:
    from archiver.dates import parse_date

    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(f"ARCHIVER_SINCE: not a date: {text!r}")
    return parsed
