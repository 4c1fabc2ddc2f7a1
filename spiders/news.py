"""One generic news spider, driven by site configurations.

``scrapy crawl news -a targets=demo`` or ``-a targets=https://example.id/``.
A configured site states its sitemaps, news sitemaps, feeds and sections; a
bare URL is discovered on its own (robots.txt ``Sitemap:`` lines, else the
places CMSs put them: ``/sitemap.xml``, WordPress's ``/wp-sitemap.xml``, Yoast's
``/sitemap_index.xml`` and ``/news-sitemap.xml``, ``/feed/``, Blogger's
``/feeds/posts/default``; feeds named by ``<link rel="alternate">``, the
homepage and its section pages).  Article
pages are handed to the pipelines; listing pages are only followed.  URLs the
archive already holds are never requested again unless a sitemap or feed says
the article changed since it was stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterable, Iterator
from urllib.parse import parse_qsl, urlsplit

import scrapy
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from archiver.analysis import PageJob, analyse_page
from archiver.crawl import transport
from archiver.crawl.limits import RunLimits
from archiver.crawl.payloads import PayloadMemory
from archiver.crawl.pipelines import ArchivePipeline, CopyFound, ExtractedPage, extract_function
from archiver.crawl.responses import failed, unusable
from archiver.crawl.warc import META_KEY as WARC_META_KEY
from archiver.crawl.workers import WorkerDied, WorkerPool
from archiver.discovery import Entry, NotADiscoveryDocument, lists_articles, parse_feed, parse_sitemap, sitemaps_from_robots
from archiver.model import FetchedPage
from archiver.navigation import ArticlePage, CopyOf, Listing, PageKind, is_article, single_page_url
from archiver.outcome import Stat, count
from archiver.sites import SiteConfig, load_sites, resolve_targets
from archiver.storage.archive import Archive
from archiver.urls import PAGE_PARAMS, article_url, canonical_url, host_of, page_number

# request priorities: discovery documents first, then articles, then listings
PRIO_DISCOVERY, PRIO_ARTICLE, PRIO_LISTING = 20, 10, 0
_PROBE_STATUSES = list(range(400, 600))  # seen by the callback of a probed sitemap or feed path


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
        self.archive: Archive | None = None  # the ArchivePipeline's, found when the crawl starts
        self.articles_requested = 0  # article URLs requested this run
        self.articles_found = 0  # article pages handed to the pipelines this run (whatever found them)
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
        transport.install(chosen, settings)  # the settings are not frozen yet: the download handler can still be set
        self.listing_depth = settings.getint("ARCHIVER_LISTING_DEPTH")
        self.probe_sitemaps = [p for p in settings.getlist("ARCHIVER_PROBE_SITEMAPS") if p.strip()]  # "-s …=": none
        self.probe_feeds = [p for p in settings.getlist("ARCHIVER_PROBE_FEEDS") if p.strip()]
        self.follow_from_articles = settings.getbool("ARCHIVER_FOLLOW_FROM_ARTICLES")
        self.limits = RunLimits.from_settings(settings)
        self.extract_function = extract_function(settings)
        self.sign_bodies = settings.getbool("ARCHIVER_CLUSTERS")  # near-duplicate signatures, in the workers
        self.send_anchors = settings.getbool("ARCHIVER_TEMPLATE")  # link texts for the sites' template models
        self.payloads = PayloadMemory(settings.getint("ARCHIVER_PAYLOAD_MEMORY"))

    def stat(self, site: str, name: str) -> None:
        count(self.crawler.stats, site, name)

    # -- start ------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        pipeline = self.crawler.get_item_pipeline(ArchivePipeline)
        self.archive = pipeline.archive if pipeline is not None else None  # opened with the spider
        for site in self.sites.values():
            for request in self._start_requests(site):
                yield request

    def _start_requests(self, site: SiteConfig) -> Iterator[Request]:
        meta = {"site": site.id}
        if site.use_robots_sitemaps:
            robots = site.resolve("/robots.txt")
            # a site without robots.txt is normal, not an error: parse_robots sees the 404
            yield Request(robots, self.parse_robots, meta={**meta, "handle_httpstatus_list": [404, 410]},
                          priority=PRIO_DISCOVERY, errback=self.on_error)
        for url in (*site.sitemaps, *site.news_sitemaps):
            yield self._discovery_request(site, site.resolve(url), self.parse_sitemap)
        for url in site.feeds:
            yield self._discovery_request(site, site.resolve(url), self.parse_feed)
        for url in (site.base_url, *site.sections):
            yield Request(
                canonical_url(site.resolve(url)), self.parse_page, meta={**meta, "listing_depth": 0, "start_page": True},
                priority=PRIO_LISTING, errback=self.on_error,
            )

    def _discovery_request(self, site: SiteConfig, url: str, callback: Any, *, probe: bool = False) -> Request:
        meta: dict[str, Any] = {"site": site.id}
        if probe:  # a guess: an error status or an HTML page is read as "not here", not as an error
            meta.update(probe=True, handle_httpstatus_list=_PROBE_STATUSES)  # (redirects still followed)
        return Request(url, callback, meta=meta, priority=PRIO_DISCOVERY, errback=self.on_error)

    # -- discovery documents ----------------------------------------------------
    def parse_robots(self, response: Response) -> Iterator[Request]:
        site = self.sites[response.meta["site"]]
        named = [url for url in sitemaps_from_robots(response.body) if site.allows_domain(host_of(url))] \
            if response.status == 200 else []
        for url in named:
            yield self._discovery_request(site, url, self.parse_sitemap)
        if not named and site.discovers_alone:
            yield from self._probe_requests(site)

    def _probe_requests(self, site: SiteConfig) -> Iterator[Request]:
        """Where CMSs put sitemaps and feeds (``ARCHIVER_PROBE_SITEMAPS``, ``ARCHIVER_PROBE_FEEDS``), for a
        site that states none and whose robots.txt names none."""
        for path in self.probe_sitemaps:
            yield self._discovery_request(site, site.resolve(path), self.parse_sitemap, probe=True)
        for path in self.probe_feeds:
            yield self._discovery_request(site, site.resolve(path), self.parse_feed, probe=True)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        site, sitemap = self._read_document(response, "sitemap", parse_sitemap)
        if sitemap is None:
            return
        if sitemap.kind == "index":
            for entry in sitemap.entries:
                if not lists_articles(entry.url):  # WordPress's page, taxonomy and author sitemaps
                    self.stat(site.id, Stat.skipped("sitemap_not_articles"))
                elif site.allows_domain(host_of(entry.url)) and not self._older_than_since(entry):
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
        probe = bool(response.meta.get("probe"))
        if probe and response.status != 200:
            return site, self._nothing_here(response, site, f"HTTP {response.status}")
        if self._skip_unusable(response, site, what):
            return site, None
        try:
            document = parse(response.body, tz=site.timezone)
        except NotADiscoveryDocument as exc:
            if probe:  # a soft 404: the site's HTML page under the guessed path
                return site, self._nothing_here(response, site, str(exc))
            self.logger.warning("skipping %s %s: %s", what, response.url, exc)
            self.stat(site.id, Stat.error(f"{what}_invalid"))
            return site, None
        self.stat(site.id, Stat.SITEMAPS if what == "sitemap" else Stat.FEEDS)
        return site, document

    def _nothing_here(self, response: Response, site: SiteConfig, why: str) -> None:
        """A probed path that holds no sitemap or feed: counted, logged at debug level, not an error."""
        self.logger.debug("no sitemap or feed at %s (%s)", response.url, why)
        self.stat(site.id, Stat.skipped("probe_absent"))

    def _entry_requests(self, site: SiteConfig, entries: list[Entry], source: str) -> Iterator[Request]:
        for entry in entries:
            if not site.allows_domain(host_of(entry.url)) or self._older_than_since(entry):
                self.stat(site.id, Stat.skipped(f"{source}_filtered"))
                continue
            request = self._article_request(site, entry.url, modified_hint=entry.newest)
            if request is not None:
                yield request

    def _older_than_since(self, entry: Entry) -> bool:
        return self.limits.before_since(entry.newest)

    # -- HTML pages -------------------------------------------------------------
    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """A homepage, section, listing or article page: archive articles, follow the rest.

        The page is parsed, judged and (a whole article) extracted in a worker
        (:func:`archiver.analysis.analyse_page`); this callback only acts on the result.
        """
        site = self.sites[response.meta["site"]]
        if self._skip_unusable(response, site, "page"):
            return
        assert isinstance(response, TextResponse)
        self.stat(site.id, Stat.PAGES)
        page = self._fetched_page(response, site)
        job = PageJob(
            page, start_page=bool(response.meta.get("start_page")), via_canonical=bool(response.meta.get("via_canonical")),
            follow_links=self.follow_from_articles, want_feeds=site.id not in self._feeds_requested,
            extract=self.extract_function, sign=self.sign_bodies, anchors=self.send_anchors)
        kind, original = await self.payloads.analyse(site.id, page.url, response.body, lambda: self._analyse(job))
        if original is not None:  # the same bytes as an article analysed at another URL this run
            self.stat(site.id, Stat.duplicate("payload"))
            yield CopyFound(page.url, original)
            return
        if isinstance(kind, CopyOf):
            for output in self._go_to_original(site, page, kind.canonical):
                yield output
            return
        if isinstance(kind, ArticlePage):
            for output in self._collect_pages(response, site, page, kind):
                yield output
        elif isinstance(kind, Listing) and site.id not in self._feeds_requested:  # feeds a site advertises: once a run
            self._feeds_requested.add(site.id)
            for url in kind.feeds:
                yield self._discovery_request(site, url, self.parse_feed)
        if kind is not None:
            for request in self._follow_links(response, site, kind.links):
                yield request

    async def _analyse(self, job: PageJob) -> PageKind | None:
        """The worker's verdict on one page; None (logged and counted) when there is none."""
        site = job.page.site.id
        try:
            return await self._pool().run(analyse_page, job)
        except WorkerDied:
            self.logger.error("a worker died twice on %s: page skipped", job.page.url)
            self.stat(site, Stat.error("worker_died"))
        except Exception as exc:  # noqa: BLE001 - one unreadable page never stops the crawl
            self.logger.warning("could not analyse %s: %r", job.page.url, exc)
            self.stat(site, Stat.error("analysis"))
        return None

    def _pool(self) -> WorkerPool:
        return self.crawler.get_extension(WorkerPool) or WorkerPool(0)

    def _follow_links(self, response: TextResponse, site: SiteConfig, links: list[str]) -> Iterator[Request]:
        depth = response.meta.get("listing_depth", 0)
        for link in links:
            if link in self._links_done:  # every page repeats the menu: each link is judged once per run
                continue
            url = canonical_url(link)
            if is_article(url, site):
                self._links_done.add(link)
                request = self._article_request(site, url, via=link)
            elif self._is_pagination(url, response.url):
                request = self._listing_request(site, url, depth, site.max_listing_pages)
            else:
                request = self._listing_request(site, url, depth + 1, None)
            if request is not None:
                self._links_done.add(link)
                yield request

    @staticmethod
    def _is_pagination(url: str, current: str) -> bool:
        a, b = urlsplit(url), urlsplit(current)
        return a.path == b.path and a.query != b.query and any(k in PAGE_PARAMS for k, _ in parse_qsl(a.query))

    def _listing_request(self, site: SiteConfig, url: str, depth: int, max_page: int | None) -> Request | None:
        if depth > self.listing_depth:
            return None
        if max_page is not None and (page_number(url) or 1) > max_page:
            return None
        if self.archive is not None and self.archive.known(url) is not None:
            return None  # an archived article reached through an unexpected URL shape
        return Request(url, self.parse_page, meta={"site": site.id, "listing_depth": depth},
                       priority=PRIO_LISTING - depth, errback=self.on_error)

    def _article_request(self, site: SiteConfig, url: str, *, modified_hint: datetime | None = None,
                         via: str | None = None) -> Request | None:
        """A request for an article URL, unless the archive holds it or the run's budget is spent.

        ``via`` is the link as the page wrote it: a tracking variant of the article
        becomes one of its aliases, so a later run skips that spelling too.
        """
        url = article_url(url, site.page_params)
        record = self._known(url, modified_hint)
        if record is not None:
            if self.archive is not None and self.archive.from_earlier_run(record):
                self.stat(site.id, Stat.SKIPPED_KNOWN)
            return None
        if self.limits.spent(self.articles_requested):
            self.stat(site.id, Stat.skipped("max_articles"))
            return None
        fetch_url = single_page_url(url, site) or url
        self.articles_requested += 1
        aliases = [via] if via and canonical_url(via) != canonical_url(url) else []
        return Request(fetch_url, self.parse_page, meta={"site": site.id, "modified_hint": modified_hint, "aliases": aliases},
                       priority=PRIO_ARTICLE, errback=self.on_error)

    def _known(self, url: str, modified_hint: datetime | None) -> Any:
        """The archive's record of ``url`` when it holds it and nothing says it changed since, else None."""
        record = self.archive.known(url) if self.archive is not None else None
        if record is None or (modified_hint is not None and self.archive.changed_since(url, modified_hint)):
            return None
        return record

    # -- articles -----------------------------------------------------------------
    def _fetched_page(self, response: TextResponse, site: SiteConfig) -> FetchedPage:
        """The page as extraction sees it; its aliases are the other URLs that led here."""
        aliases = [*response.meta.get("aliases", []), *response.meta.get("redirect_urls", [])]
        pointer = response.meta.get(WARC_META_KEY)
        # the header's charset only, as reextract and import-warc read it from the WARC record: the page's own
        # decoder (archiver.page.html) then prefers valid UTF-8 to a stale <meta charset>, which
        # response.encoding would have imposed (mojibake on UTF-8 pages that still declare ISO-8859-1)
        charset = http_content_type_encoding(response.headers.get(b"Content-Type", b"").decode("latin-1"))
        return FetchedPage(url=response.url, site=site, html=response.body, encoding=charset,
                           fetched_at=datetime.now(timezone.utc), aliases=tuple(sorted(set(aliases))),
                           warc=(pointer,) if pointer is not None else ())

    def _go_to_original(self, site: SiteConfig, page: FetchedPage, original: str) -> Iterator[Any]:
        """An AMP or syndicated copy that names its original: archive the original once.

        The copy is remembered at once (the original may already be archived or in
        flight, and a re-crawl must not fetch this copy again either way).
        """
        yield CopyFound(page.url, original)
        record = self.archive.known(original) if self.archive is not None else None
        if record is not None:
            if self.archive.from_earlier_run(record):
                self.stat(site.id, Stat.SKIPPED_KNOWN)
            return
        yield Request(original, self.parse_page, meta={"site": site.id, "aliases": [*page.aliases, page.url],
                                                       "via_canonical": True},
                      priority=PRIO_ARTICLE, errback=self.on_error)

    def _collect_pages(self, response: TextResponse, site: SiteConfig, page: FetchedPage,
                       kind: ArticlePage) -> Iterator[Any]:
        """Follow "Halaman selanjutnya" links until the last page, then yield the whole article."""
        first: FetchedPage | None = response.meta.get("first_page")
        pages: list[bytes] = response.meta.get("pages", []) + ([] if first is None else [response.body])
        this_warc = response.meta.get(WARC_META_KEY)  # this response's record (page N's, past the first)
        warcs: list[Any] = response.meta.get("page_warcs", []) + ([this_warc] if first is not None and this_warc else [])
        seen: set[str] = response.meta.get("seen_pages", set()) | {canonical_url(response.url)}
        nxt = kind.next_page
        if nxt and canonical_url(nxt) not in seen and len(seen) < 50:
            yield Request(nxt, self._next_page, dont_filter=True, priority=PRIO_ARTICLE + 1, errback=self._next_page_failed,
                          meta={"site": site.id, "first_page": first or page, "seen_pages": seen, "pages": pages,
                                "page_warcs": warcs})
            return
        if first is not None:
            item: Any = replace(first, more_pages=tuple(pages), warc=first.warc + tuple(warcs))
        elif kind.extraction is not None:
            item = ExtractedPage(page, kind.extraction)
        else:
            item = page
        if self._within_budget(site):
            yield self._article_item(item)

    def _within_budget(self, site: SiteConfig) -> bool:
        """Whether one more article fits in ``--max-articles`` (counted, and dropped, when it does not)."""
        if self.limits.spent(self.articles_found):
            self.stat(site.id, Stat.skipped("max_articles"))
            return False
        self.articles_found += 1
        return True

    def _article_item(self, item: Any) -> Any:
        site = item.page.site if isinstance(item, ExtractedPage) else item.site
        self.stat(site.id, Stat.ARTICLES_DOWNLOADED)
        return item

    async def _next_page(self, response: Response) -> AsyncIterator[Any]:
        site = self.sites[response.meta["site"]]
        if self._skip_unusable(response, site, "page"):
            for item in self._partial_article(response.meta):
                yield item
            return
        assert isinstance(response, TextResponse)
        kind = await self._analyse(PageJob(self._fetched_page(response, site), continuation=True))
        if not isinstance(kind, ArticlePage):
            for item in self._partial_article(response.meta):
                yield item
            return
        for output in self._collect_pages(response, site, response.meta["first_page"], kind):
            yield output

    def _next_page_failed(self, failure: Failure) -> Iterator[Any]:
        """Page N failed: archive the pages we have rather than nothing."""
        self.on_error(failure)
        yield from self._partial_article(failure.request.meta)  # type: ignore[attr-defined]

    def _partial_article(self, meta: dict[str, Any]) -> Iterator[FetchedPage]:
        self.stat(meta["site"], Stat.error("partial_article"))
        if self._within_budget(meta["first_page"].site):
            first = meta["first_page"]
            yield self._article_item(replace(first, more_pages=tuple(meta["pages"]),
                                             warc=first.warc + tuple(meta.get("page_warcs", ()))))

    # -- failures ---------------------------------------------------------------
    def _skip_unusable(self, response: Response, site: SiteConfig, what: str) -> bool:
        """Log and count responses that carry nothing usable; True means skip."""
        verdict = unusable(response, what)
        if verdict is not None:
            self.logger.log(verdict.level, verdict.message)
            self.stat(site.id, verdict.stat)
        return verdict is not None

    def on_error(self, failure: Failure) -> None:
        verdict = failed(failure)
        self.logger.log(verdict.level, verdict.message)
        self.stat(failure.request.meta.get("site", "?"), verdict.stat)  # type: ignore[attr-defined]
