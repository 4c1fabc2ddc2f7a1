"""extract_article: one fetched page (plus its later pages) -> one Article.

The page is parsed once and its metadata read once.  Fields and times are
read from the intact tree; then boilerplate elements are pruned and
trafilatura extracts the body from the same tree, whose lines are finally
cleaned by the data rules.  The Article is built in one go at the end.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Sequence

import trafilatura
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from archiver import navigation
from archiver.dates import find_page_times
from archiver.extraction import fields
from archiver.extraction.cleaning import clean_lines, link_texts, prune_tree, wrap_loose_text
from archiver.extraction.language import detect_language, normalise_language
from archiver.extraction.options import ExtractionOptions, options_for, options_for_url
from archiver.extraction.pageclass import overrides
from archiver.extraction.result import NotAnArticle
from archiver.extraction.rules import Rules
from archiver.extraction.validate import choose_body, extract_within
from archiver.fingerprints import article_id, content_hash, word_count
from archiver.model import ARTICLE_FIELDS, Article
from archiver.page import PageMeta, parse_html
from archiver.sites import SiteConfig
from archiver.urls import article_url, host_of

_CHALLENGE = re.compile(r"just a moment|attention required|checking your browser|access denied|enable javascript and cookies", re.I)
# Elements every trafilatura stage deletes after copying the tree with them (its MANUALLY_CLEANED): dropped
# once here, so each of its copies is smaller.  Those without text go before pruning (fewer elements to
# test); those that may hold text (scripts, noscript fallbacks) after it, since pruning weighs a box
# against the text of the page's body.  Form controls stay: trafilatura keeps a form that wraps the
# article (ASP.NET pages) by what it holds.
_EMPTY_INERT = ("head", "svg", "iframe", "link", "meta", "canvas", "video", "audio", "object", "embed", "map", "source", "picture")
_TEXT_INERT = ("script", "style", "noscript", "template")


def extract_body(root: HtmlElement, url: str, rules: Rules, page: PageMeta | None = None,
                 notes: list[str] | None = None, marks: bool = True) -> str:
    """Raw body text of one parsed page (pruned in place; do not reuse ``root``).

    Without a site's ``body`` selector, trafilatura's text is checked against the page's own
    signals (``page``: its JSON-LD, None skips that check; ``marks``: False when the page's source
    names no ``articleBody``, so no element can be marked as the body) and may come from a fallback,
    which ``notes`` records as ``body_from_<fallback>``.
    """
    etree.strip_elements(root, *_EMPTY_INERT, with_tail=False)
    prune_tree(root, rules)
    wrap_loose_text(root)
    etree.strip_elements(root, *_TEXT_INERT, with_tail=False)
    if rules.site.body:
        matches = CSSSelector(rules.site.body)(root)
        if matches:
            return extract_within(matches, url)
    choice = choose_body(trafilatura.extract(root, url=url, include_comments=False, include_tables=True) or "",
                         root, url, page, marks)
    if choice.source is not None and notes is not None:
        notes.append(f"body_from_{choice.source}")
    return choice.text


def _language(page: PageMeta, body: str) -> str | None:
    declared = page.lang or page.first("content-language", "og:locale", "language", "dc.language")
    in_ld = page.article.get("inLanguage")
    declared = declared or (in_ld if isinstance(in_ld, str) else None)
    return normalise_language(declared) or detect_language(body)


def _check_page(head_title: str, page: PageMeta, body: str, url: str, site: SiteConfig) -> None:
    """Raise :class:`NotAnArticle` for challenge pages, empty bodies and what navigation rejects."""
    words = word_count(body)
    if _CHALLENGE.search(head_title) and words < 200:
        raise NotAnArticle(f"challenge page: {head_title.strip()[:60]!r}")
    if not body.strip():
        raise NotAnArticle("no article body")
    reason = navigation.rejection(url, site, page, words)
    if reason:
        raise NotAnArticle(reason)


def _may_name(html: str | bytes, word: str) -> bool:
    """False when ``word`` is nowhere in the page's source, so no class or id can contain it
    (a substring test on the raw page is far cheaper than an XPath scan of every element)."""
    if isinstance(html, str):
        return word in html
    return word.encode() in html or b"\x00" in html[:512]  # UTF-16/32 source: cannot tell from bytes


def _may_mark(html: str | bytes) -> bool:
    """Whether the page's source names ``articleBody`` (microdata's property, case-sensitive), so that an
    element may be marked as the body."""
    return _may_name(html, "articleBody")


def extract_article(html: str | bytes, url: str, options: ExtractionOptions | None = None, *,
                    site: SiteConfig | None = None, fetched_at: datetime | None = None,
                    more_pages: Sequence[str | bytes] = (), encoding: str | None = None,
                    tree: HtmlElement | None = None, notes: list[str] | None = None,
                    links: list[frozenset[str]] | None = None) -> Article:
    """Extract one article from its first page and the HTML of its pages 2..N.

    ``options`` default to those of ``site``, else of the packaged site serving
    ``url`` (an ad-hoc site for other hosts).  ``tree`` is the first page
    already parsed by :func:`archiver.page.parse_html` from ``html`` (which must be its source: a
    substring test on it decides whether a costlier scan of the tree can pay off); it is pruned in place.
    ``notes`` collects what a crawl counts but the row does not hold (a weekday
    that contradicts its date); ``links`` the keys of each page's link texts
    (:func:`~archiver.extraction.cleaning.link_texts`, read before pruning: the crawl's template
    model learns teaser cards from them).  Raises :class:`NotAnArticle` when the page holds no article.
    """
    if options is None:
        options = options_for(site) if site is not None else options_for_url(url)
    site, rules = options.site, options.rules
    root = tree if tree is not None else parse_html(html, encoding)
    page = PageMeta.of(root)
    host = host_of(url)
    canonical = navigation.article_url_of(page, url, site)
    title = fields.title(root, page, rules, site.name, host)
    authors = fields.authors(root, page, rules, site.name, host)
    times = find_page_times(root, meta=page, url=url, tz=options.timezone, now=fetched_at, dateline=rules.site.date)
    if times.weekday_mismatch and notes is not None:
        notes.append("weekday_mismatch")
    custom = overrides(rules.site.page_class, root, url, page, ARTICLE_FIELDS)
    trail = fields.visible_breadcrumbs(root) if _may_name(html, "readcrumb") else []  # before pruning removes it
    head_title = " ".join(t.text_content() for t in root.iter("title"))
    lines: list[str] = []
    codes: list[str] = []
    for source, page_tree in [(html, root)] + [(p, parse_html(p, encoding)) for p in more_pages]:
        links_here = link_texts(page_tree, url)
        if links is not None:
            links.append(links_here)
        # JSON-LD describes the whole article: a check of page 1 alone against it is only fair without pages 2..N
        declared = page if page_tree is root and not more_pages else None
        body_text = extract_body(page_tree, url, rules, declared, notes, _may_mark(source))
        cleaned = clean_lines(body_text, rules, title, links_here)
        lines += cleaned.lines
        codes += cleaned.codes
        authors = authors or fields.person_names(cleaned.signed)
    body = custom.pop("body", None) or "\n\n".join(lines)
    _check_page(head_title, page, body, url, site)
    images = fields.images(page, url)
    values = dict(
        url=canonical, site=site.id, title=title, body=body, authors=authors,
        published_at=times.published_at, published_at_text=times.published_at_text,
        published_at_source=times.published_at_source, published_at_precision=times.published_at_precision,
        modified_at=times.modified_at,
        fetched_at=fetched_at, fetched_url=url, description=fields.description(page),
        aliases=sorted({u for u in navigation.declared_copies(page, url, site) if article_url(u, site.page_params) != canonical}),
        section=fields.section(page, trail, fields.site_words(page, site.name, host)), tags=fields.tags(page), image_url=images[0] if images else None,
        images=images, language=_language(page, body), word_count=word_count(body),
        pages=1 + len(more_pages), editor_codes=codes, content_hash=content_hash(body), article_id=article_id(canonical),
        extractor_version=options.extractor_version,
    )
    return Article(**{**values, **custom})
