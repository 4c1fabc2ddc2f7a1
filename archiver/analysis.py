"""What a fetched HTML page is and where it leads, decided on one parse in a worker.

The spider's decisions need the parsed page (is it an article? does it name
another URL as its original? is there a next page? which links does it
offer?) and so does extraction.  :func:`analyse_page` does both on one tree in
a :class:`~archiver.workers.WorkerPool` process: the reactor process only
schedules the requests the :class:`PageReport` asks for, and a whole article
arrives extracted, parsed once instead of twice (once per process).

A copy that names its original (AMP, a mirror path, tracking variants) is
recognised from its ``<head>`` alone: its body is neither parsed nor walked,
since the original carries the same links and is fetched next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from scrapy.linkextractors import IGNORED_EXTENSIONS

from archiver.extraction import NotAnArticle, extract_article, looks_like_article, next_page_url, parse_html
from archiver.items import PageItem
from archiver.model import Article
from archiver.sites import SiteConfig
from archiver.urls import article_url, host_of
from archiver.workers import worker_site

_BINARY_EXTENSIONS = frozenset(IGNORED_EXTENSIONS)  # pdf, jpg, mp4, zip…: never an article page
_NOT_HTTP = ("javascript:", "mailto:", "tel:", "whatsapp:", "data:", "sms:")
_HEAD_END = re.compile(rb"</head\s*>", re.I)
_CANONICAL_TAG = re.compile(rb"<link\b[^>]*\bcanonical\b[^>]*>", re.I)
_MAX_VERDICTS = 100_000  # link verdicts memoised per site config
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


class ExtractionFailed(Exception):
    """Extraction raised in a worker; carries the original error's repr (any exception may not pickle)."""


@dataclass(slots=True)
class PageJob:
    """One fetched HTML page and what the spider wants to know about it."""

    item: PageItem  # the page as fetched (its aliases are the article's if it is one)
    start_page: bool = False  # a configured start/section page: never an article
    via_canonical: bool = False  # fetched because a copy named it: its own canonical is not followed again
    continuation: bool = False  # page 2..N of an article: only its next page matters
    follow_links: bool = True  # walk an article page's links too
    want_feeds: bool = False  # report the feeds a listing page advertises
    extract: Callable[..., Article] | None = None  # extract a whole single-page article with this


@dataclass(slots=True)
class PageReport:
    """The spider's view of one page."""

    article: bool = False  # the page presents itself as one article
    canonical: str | None = None  # the same-site original it names, when that is another URL
    next_page: str | None = None  # the next page of a multi-page article
    links: list[str] = field(default_factory=list)  # on-site http(s) links worth judging, first seen first
    feeds: list[str] = field(default_factory=list)  # feeds advertised with <link rel=alternate>
    extracted: Article | Exception | None = None  # the article (or why there is none), when extracted here


def analyse_page(job: PageJob, site: SiteConfig | str) -> PageReport:
    """Decide what ``job``'s page is; extract it when it is a whole article of its own."""
    config = worker_site(site)
    item = job.item
    if job.continuation:
        return PageReport(article=True, next_page=next_page_url(parse_html(item.html, item.encoding), item.url))
    if not job.start_page and not job.via_canonical:
        copy = _copy_from_head(item, config)
        if copy is not None:
            return copy
    root = parse_html(item.html, item.encoding)
    report = PageReport(article=not job.start_page and looks_like_article(root, item.url, config))
    if report.article:
        canonical = canonical_link(root, item.url, config)
        if canonical and canonical != article_url(item.url, config.page_params) and not job.via_canonical:
            report.canonical = canonical
            return report
        report.next_page = next_page_url(root, item.url)
    elif job.want_feeds:
        report.feeds = advertised_feeds(root, item.url, config)
    if not report.article or job.follow_links:
        report.links = page_links(root, item.url, config)
    if report.article and report.next_page is None and job.extract is not None:
        report.extracted = _extract(job, config, root)  # last: extraction prunes the tree
    return report


def _copy_from_head(item: PageItem, site: SiteConfig) -> PageReport | None:
    """A report for an article page whose <head> names another URL as its original, else None."""
    end = _HEAD_END.search(item.html)
    if end is None or not _may_name_another(item.html[:end.start()], item.url):
        return None
    head = parse_html(item.html[:end.start()], item.encoding)
    canonical = canonical_link(head, item.url, site)
    if canonical and canonical != article_url(item.url, site.page_params) and looks_like_article(head, item.url, site):
        return PageReport(article=True, canonical=canonical)
    return None


def _may_name_another(head: bytes, url: str) -> bool:
    """Whether parsing ``head`` for a canonical link can pay off: False when it has none, or when its
    canonical tag spells this page's own path (most article pages), which the full parse confirms."""
    tag = _CANONICAL_TAG.search(head)
    if tag is None:
        return False
    path = urlsplit(url).path.encode("utf-8", "surrogatepass")
    return len(path) <= 1 or path not in tag.group(0)


def _extract(job: PageJob, site: SiteConfig, root: HtmlElement) -> Article | Exception:
    assert job.extract is not None
    try:
        return job.extract(job.item, site, tree=root)
    except NotAnArticle as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - reported to the pipeline, which logs and counts it
        return ExtractionFailed(repr(exc))


def extract_page(item: PageItem, site: SiteConfig | str, tree: HtmlElement | None = None) -> Article:
    """Extraction job (top-level so it pickles): ``site`` may be an id; ``tree`` the first page, parsed."""
    article = extract_article(
        item.html, item.url, site=worker_site(site), fetched_at=item.fetched_at,
        more_pages=item.more_pages, encoding=item.encoding, tree=tree,
    )
    aliases = sorted({a for a in (*item.aliases, item.url) if a and a != article.url})
    return replace(article, aliases=aliases)


def extract_function(settings: Any) -> Callable[..., Article]:
    """``ARCHIVER_EXTRACT_FUNCTION`` (tests inject faults with it), else :func:`extract_page`."""
    from scrapy.utils.misc import load_object

    name = settings.get("ARCHIVER_EXTRACT_FUNCTION")
    return load_object(name) if name else extract_page


def canonical_link(root: HtmlElement, url: str, site: SiteConfig) -> str | None:
    """The page's ``<link rel=canonical>`` as an article URL, when it is on one of the site's domains."""
    for href in root.xpath("//link[@rel='canonical']/@href"):
        target = urljoin(base_url(root, url), href.strip())
        if not site.allows_domain(host_of(target)):
            return None
        return article_url(target, site.page_params)
    return None


def base_url(root: HtmlElement, url: str) -> str:
    """What relative links resolve against: ``<base href>`` if the page has one, else its URL."""
    for href in root.xpath("//base/@href"):
        return urljoin(url, href.strip())
    return url


def page_links(root: HtmlElement, url: str, site: SiteConfig) -> list[str]:
    """On-site http(s) links of a page, each once, in page order; binaries and ``follow_deny`` left out.

    A plain walk over ``a/@href`` on the page's one parsed tree: every page
    repeats the menu and the "terkini" lists, and Scrapy's LinkExtractor,
    which normalises each of them again, cost more than the rest of the crawl.
    For the same reason each link is judged once per site config and worker.
    """
    base = base_url(root, url)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    verdicts = site.memo("followable")
    found: dict[str, None] = {}
    for href in root.xpath("//a/@href|//area/@href"):
        href = href.strip()
        if not href or href[0] == "#" or href.startswith(_NOT_HTTP):
            continue
        link = absolute(href, base, origin, parts.scheme)
        if link in found:
            continue
        keep = verdicts.get(link)
        if keep is None:
            if len(verdicts) >= _MAX_VERDICTS:  # a long crawl: stay bounded
                verdicts.clear()
            keep = verdicts[link] = _followable(link, site)
        if keep:
            found[link] = None
    return list(found)


def _followable(link: str, site: SiteConfig) -> bool:
    """An absolute link worth reporting: http(s), on the site, not a binary file, not ``follow_deny``."""
    if not link.startswith(("http://", "https://")):
        return False
    path = urlsplit(link).path.lower()
    if not site.allows_domain(host_of(link)) or path.rsplit(".", 1)[-1] in _BINARY_EXTENSIONS:
        return False
    return not any(p.search(link) for p in site.compiled("follow_deny"))


def advertised_feeds(root: HtmlElement, url: str, site: SiteConfig) -> list[str]:
    """RSS/Atom/JSON feeds named by ``<link rel="alternate" type=…>`` on the site's domains."""
    feeds: list[str] = []
    base = base_url(root, url)
    for link in root.xpath("//link[@rel='alternate'][@href][@type]"):
        if link.get("type", "").lower() in FEED_TYPES:
            target = urljoin(base, link.get("href").strip())
            if site.allows_domain(host_of(target)) and target not in feeds:
                feeds.append(target)
    return feeds


def absolute(href: str, base: str, origin: str, scheme: str) -> str:
    """``urljoin(base, href)``, without its cost for the common absolute and root-relative links."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return f"{scheme}:{href}"
    if href[0] == "/" and "/." not in href:
        return origin + href
    return urljoin(base, href)

