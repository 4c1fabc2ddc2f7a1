"""extract_article: one fetched page (plus its later pages) -> one Article.

The page is parsed once.  Metadata and times are read from the intact tree;
then boilerplate elements are pruned and trafilatura extracts the body from
the same tree, whose lines are finally cleaned by the data rules.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from typing import Sequence

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from archiver.extraction import fields
from archiver.extraction.cleaning import clean_lines, link_texts, prune_tree, wrap_loose_text
from archiver.extraction.html import parse_html
from archiver.extraction.language import detect_language, normalise_language
from archiver.extraction.metadata import PageMeta, read_meta, visible_breadcrumbs
from archiver.extraction.pageclass import overrides
from archiver.extraction.pages import canonical_of, is_listing_url, looks_like_article
from archiver.extraction.rules import Rules, rules_for
from archiver.fingerprints import article_id, content_hash
from archiver.model import ARTICLE_FIELDS, Article
from archiver.sites import SiteConfig
from archiver.urls import host_of

_CHALLENGE = re.compile(r"just a moment|attention required|checking your browser|access denied|enable javascript and cookies", re.I)
_WORD = re.compile(r"\w+")


class NotAnArticle(ValueError):
    """The page has no article body (listing, empty or challenge page)."""


def extract_body(root: HtmlElement, url: str, rules: Rules) -> str:
    """Raw body text of one parsed page (pruned in place; do not reuse ``root``)."""
    prune_tree(root, rules)
    wrap_loose_text(root)
    # every stage of trafilatura drops scripts and styles, after copying the tree with them
    etree.strip_elements(root, "script", "style", with_tail=False)
    if rules.site.body:
        matches = CSSSelector(rules.site.body)(root)
        if matches:
            doc = lxml_html.document_fromstring("<html><body><article></article></body></html>")
            holder = doc.find(".//article")
            for el in matches:
                holder.append(copy.deepcopy(el))
            root = doc
    return trafilatura.extract(root, url=url, include_comments=False, include_tables=True) or ""


def _times(root: HtmlElement, url: str, site: SiteConfig | None, fetched_at: datetime | None):
    try:
        from archiver.dates import find_page_times
    except ImportError:  # the dates module is optional while it is being written
        return None
    return find_page_times(root, url=url, tz=site.timezone if site else "Asia/Jakarta", now=fetched_at)


def _language(root: HtmlElement, page: PageMeta, body: str) -> str | None:
    declared = page.lang or page.first("content-language", "og:locale", "language", "dc.language")
    declared = declared or (page.article.get("inLanguage") if isinstance(page.article.get("inLanguage"), str) else None)
    return normalise_language(declared) or detect_language(body)


def _check_page(head_title: str, page: PageMeta, body: str, url: str, site: SiteConfig | None) -> None:
    if _CHALLENGE.search(head_title) and len(_WORD.findall(body)) < 200:
        raise NotAnArticle(f"challenge page: {head_title.strip()[:60]!r}")
    if not body.strip():
        raise NotAnArticle("no article body")
    if is_listing_url(url):
        raise NotAnArticle("listing, tag or index page")
    if len(_WORD.findall(body)) < 40 and not looks_like_article(None, url, site, meta=page):
        raise NotAnArticle("not an article page (short text, no article signals)")


def _may_name(html: str | bytes, word: str) -> bool:
    """False when ``word`` is nowhere in the page's source, so no class or id can contain it
    (a substring test on the raw page is far cheaper than an XPath scan of every element)."""
    if isinstance(html, str):
        return word in html
    return word.encode() in html or b"\x00" in html[:512]  # UTF-16/32 source: cannot tell from bytes


def extract_article(html: str | bytes, url: str, *, site: SiteConfig | None = None,
                    fetched_at: datetime | None = None, more_pages: Sequence[str | bytes] = (),
                    encoding: str | None = None, tree: HtmlElement | None = None) -> Article:
    """Extract one article from its first page and the HTML of its pages 2..N.

    ``tree`` is the first page already parsed by :func:`parse_html` (the crawl's
    page analysis parses it anyway); it is pruned in place.
    """
    root = tree if tree is not None else parse_html(html, encoding)
    page = read_meta(root)
    host = host_of(url)
    rules = rules_for(site.extraction if site else None, host)
    site_name = site.name if site else None
    canonical = canonical_of(page, url, site)
    title = fields.title(root, page, rules, site_name, host)
    authors = fields.authors(root, page, rules, site_name, host)
    times = _times(root, url, site, fetched_at)
    custom = overrides(rules.site.page_class, root, url, page, ARTICLE_FIELDS)
    trail = visible_breadcrumbs(root) if _may_name(html, "readcrumb") else []  # before pruning removes it
    section = fields.section(page, trail)
    head_title = " ".join(t.text_content() for t in root.iter("title"))
    trees = [root] + [parse_html(p, encoding) for p in more_pages]
    lines: list[str] = []
    codes: list[str] = []
    for page_tree in trees:
        links = link_texts(page_tree)
        page_lines, page_codes = clean_lines(extract_body(page_tree, url, rules), rules, title, links)
        lines += page_lines
        codes += page_codes
    body = custom.pop("body", None) or "\n\n".join(lines)
    _check_page(head_title, page, body, url, site)
    images = fields.images(page, url)
    article = Article(
        url=canonical, site=site.id if site else host.removeprefix("www."), title=title, body=body,
        authors=authors, fetched_at=fetched_at, fetched_url=url, description=fields.description(page),
        section=section, tags=fields.tags(page), image_url=images[0] if images else None,
        images=images, language=_language(root, page, body), word_count=len(_WORD.findall(body)),
        pages=1 + len(more_pages), editor_codes=codes, content_hash=content_hash(body), article_id=article_id(canonical),
    )
    if times is not None:
        article.published_at = times.published_at
        article.published_at_text = times.published_at_text
        article.published_at_source = times.published_at_source
        article.modified_at = times.modified_at
    for name, value in custom.items():
        setattr(article, name, value)
    return article
