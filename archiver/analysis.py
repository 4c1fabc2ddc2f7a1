"""One fetched HTML page, parsed once: what it is, where it leads, and (a whole article) its extraction.

The crawl's worker processes run :func:`analyse_page` on every fetched page;
backfills and re-extraction run the same function, so a page is judged and
extracted the same way whichever path brought it.  The navigation decisions
(:mod:`archiver.navigation`) and extraction share the one parsed tree and the
one :class:`~archiver.page.PageMeta`.

A copy that names its original (AMP, a mirror path, tracking variants) is
recognised from its ``<head>`` alone: its body is neither parsed nor walked,
since the original carries the same links and is fetched next.  No Scrapy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver import navigation
from archiver.extraction import Extracted, Failed, NotAnArticle, Rejected, extract_article
from archiver.extraction.template import anchor_keys, page_keys
from archiver.model import Article, FetchedPage
from archiver.navigation import ArticlePage, CopyOf, Listing, PageKind
from archiver.page import PageMeta, parse_html
from archiver.similarity import signature

_HEAD_END = re.compile(rb"</head\s*>", re.I)
_CANONICAL_TAG = re.compile(rb"<link\b[^>]*\bcanonical\b[^>]*>", re.I)

Extraction = Extracted | Rejected | Failed
ExtractFunction = Callable[..., Article]


@dataclass(frozen=True, slots=True)
class PageJob:
    """One fetched HTML page and what the spider wants to know about it."""

    page: FetchedPage  # the page as fetched (its aliases are the article's if it is one)
    start_page: bool = False  # a configured start/section page: never an article
    via_canonical: bool = False  # fetched because a copy named it: its own canonical is not followed again
    continuation: bool = False  # page 2..N of an article: only its next page matters
    follow_links: bool = True  # walk an article page's links too
    want_feeds: bool = False  # report the feeds a listing page advertises
    extract: ExtractFunction | None = None  # extract a whole single-page article with this
    sign: bool = True  # compute the body's near-duplicate signature too (off with ARCHIVER_CLUSTERS=False)
    anchors: bool = True  # send the page's headline-length link texts for the site's template model (ARCHIVER_TEMPLATE)


def analyse_page(job: PageJob) -> PageKind:
    """Decide what ``job``'s page is; extract it when it is a whole article of its own."""
    page, site = job.page, job.page.site
    if job.continuation:
        return ArticlePage(next_page=navigation.next_page_url(parse_html(page.html, page.encoding), page.url))
    if not job.start_page and not job.via_canonical:
        copy = _copy_from_head(page)
        if copy is not None:
            return copy
    root = parse_html(page.html, page.encoding)
    meta = PageMeta.of(root)
    if job.start_page or not navigation.is_article(page.url, site, meta):
        feeds = navigation.advertised_feeds(meta, page.url, site) if job.want_feeds else ()
        return Listing(links=navigation.page_links(root, page.url, site), feeds=feeds)
    if not job.via_canonical and (original := navigation.names_another(meta, page.url, site)):
        return CopyOf(original)
    next_page = navigation.next_page_url(root, page.url)
    links = navigation.page_links(root, page.url, site) if job.follow_links else ()
    extraction = None
    if next_page is None and job.extract is not None:
        extraction = extraction_of(job.extract, page, root, sign=job.sign,  # last: extraction prunes the tree
                                   anchors=job.anchors)
    return ArticlePage(next_page=next_page, links=links, extraction=extraction)


def _copy_from_head(page: FetchedPage) -> CopyOf | None:
    """The original an article page's <head> names as another URL, else None."""
    end = _HEAD_END.search(page.html)
    if end is None or not _may_name_another(page.html[:end.start()], page.url):
        return None
    meta = PageMeta(parse_html(page.html[:end.start()], page.encoding))
    original = navigation.names_another(meta, page.url, page.site)
    if original and navigation.is_article(page.url, page.site, meta):
        return CopyOf(original)
    return None


def _may_name_another(head: bytes, url: str) -> bool:
    """Whether parsing ``head`` for a canonical link can pay off: False when it has none, or when its
    canonical tag spells this page's own path (most article pages), which the full parse confirms."""
    tag = _CANONICAL_TAG.search(head)
    if tag is None:
        return False
    path = urlsplit(url).path.encode("utf-8", "surrogatepass")
    return len(path) <= 1 or path not in tag.group(0)


def extraction_of(function: ExtractFunction, page: FetchedPage, tree: HtmlElement | None = None, *,
                  sign: bool = True, anchors: bool = False) -> Extraction:
    """``function(page, tree, notes)`` as a value that crosses process boundaries (any exception may not pickle).

    ``sign``: also compute the body's near-duplicate signature here, in the worker, so the archive's
    process does not; False when the crawl assigns no clusters.  ``anchors``: also send the keys of
    the page's headline-length link texts (read from ``tree`` before extraction prunes it), which the
    archive's template model learns teaser cards from.
    """
    notes: list[str] = []
    try:
        links: list[frozenset[str]] = []
        if anchors and function is extract_page:  # it reports the first page's link texts, read before pruning
            article = extract_page(page, tree, notes, links)
        else:
            article = function(page, tree, notes)
        keys = page_keys(article.body or "", anchor_keys(links[0]) if links else ()) if anchors else None
        return Extracted(article, tuple(notes), signature(article.body) if sign else None, signed=sign,
                         template_keys=keys)
    except NotAnArticle as exc:
        return Rejected(str(exc))
    except Exception as exc:  # noqa: BLE001 - reported to the pipeline, which logs and counts it
        return Failed(repr(exc))


def extract_page(page: FetchedPage, tree: HtmlElement | None = None, notes: list[str] | None = None,
                 links: list[frozenset[str]] | None = None) -> Article:
    """A fetched article (all its pages) as an Article; ``tree`` is its first page, already parsed.
    ``links`` collects the link texts of each page (what the site's template model learns teasers from)."""
    article = extract_article(page.html, page.url, site=page.site, fetched_at=page.fetched_at,
                              more_pages=page.more_pages, encoding=page.encoding, tree=tree, notes=notes, links=links)
    aliases = sorted({a for a in (*article.aliases, *page.aliases, page.url) if a and a != article.url})
    return replace(article, aliases=aliases, warc_file=[p.file for p in page.warc],
                   warc_offset=[p.offset for p in page.warc], warc_record_id=[p.record_id for p in page.warc])
