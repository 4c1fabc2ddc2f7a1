"""Page-level decisions: is this an article, where are its other pages.

The spider calls these on every fetched page, so they read only cheap
signals (meta tags, JSON-LD types, URL shape, a few links).
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urljoin, urlsplit

from courlan import extract_domain
from lxml.html import HtmlElement

from archiver.extraction.html import parse_html
from archiver.extraction.metadata import ARTICLE_TYPES, PageMeta, read_meta
from archiver.sites import SiteConfig
from archiver.urls import article_url, canonical_url, has_dated_path, page_number, with_query_param

_NEXT_TEXT = re.compile(r"^\s*(halaman\s+selanjutnya|selanjutnya|berikutnya|next(\s+page)?|halaman\s+berikut(nya)?|"
                        r"lanjut(kan)?( membaca)?)\s*[»>›→]*\s*$|^\s*[»>›→]\s*$", re.I)
_PAGE_NUM = re.compile(r"^\s*(halaman|hal\.?|page)?\s*(\d{1,3})\s*$", re.I)
_LISTING_PATH = re.compile(r"/(indeks|index|tag|tags|topik|topic|kanal|category|kategori|search|cari|author|penulis)(/|$)", re.I)


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _pager_links(root: HtmlElement, key: str) -> Iterator[HtmlElement]:
    """``<link rel>`` and ``<a>`` elements that may point to the next page, in document order.

    A next page lies under the article's own path (see _article_key): an
    absolute or root-relative href without that path cannot be one, and is
    skipped before any text is read.  An anchor without ``rel`` needs a text
    short enough to be "Selanjutnya" or a page number (30 characters, spaces
    collapsed as XPath's normalize-space does).  A plain walk: the same tests
    as XPath predicates cost twice as much in libxml2.
    """
    for el in root.iter("link", "a"):
        href = el.get("href")
        if href is None or not (key in href or not href.startswith(("http", "/")) or "/." in href):
            continue
        if el.get("rel") is not None or (
                el.tag == "a" and len(_XML_SPACE.sub(" ", el.text_content()).strip(" \t\r\n")) <= 30):
            yield el


def _tree(html_or_tree: HtmlElement | str | bytes) -> HtmlElement:
    return html_or_tree if isinstance(html_or_tree, HtmlElement) else parse_html(html_or_tree)


def looks_like_article(html_or_tree: HtmlElement | str | bytes | None, url: str, site: SiteConfig | None = None,
                       *, meta: PageMeta | None = None) -> bool:
    """True when the page presents itself as one article (not a listing)."""
    verdict = site.url_verdict(url) if site is not None else None
    if verdict is not None:
        return verdict
    page = meta or read_meta(_tree(html_or_tree))
    declared = (page.first("og:type") or "").lower() == "article" or bool(page.types() & ARTICLE_TYPES)
    if is_listing_url(url):
        return False
    if declared:
        return True
    return has_dated_path(url)


def is_listing_url(url: str) -> bool:
    """Home, index ("indeks"), tag, topic, category, search and author pages."""
    path = urlsplit(url).path
    return path.strip("/") == "" or bool(_LISTING_PATH.search(path))


def same_site(a: str, b: str) -> bool:
    """True when two URLs share their registered domain (www/m/subdomains aside)."""
    da, db = extract_domain(a), extract_domain(b)
    return bool(da) and da == db


def canonical_of(page: PageMeta, url: str, site: SiteConfig | None = None) -> str:
    """<link rel=canonical> when on the same site, else the fetched URL; page parameters removed."""
    chosen = url
    for href in page.links.get("canonical", []):
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme in ("http", "https") and same_site(absolute, url):
            chosen = absolute
            break
    return article_url(chosen, site.page_params if site is not None else ())


def _article_key(url: str) -> str:
    """Path without a trailing page segment ("/2", "/page/2", "-2"): pages of one article share it."""
    path = urlsplit(url).path.rstrip("/")
    path = re.sub(r"(/(page|halaman|hal))?/\d{1,3}$", "", path)
    return path


def next_page_url(html_or_tree: HtmlElement | str | bytes, url: str) -> str | None:
    """The next page of this multi-page article, or None.

    Accepts rel=next, "Selanjutnya"/"Halaman selanjutnya" links and the
    link numbered current+1, but only when it stays within the same article
    path (so a listing's "next" never turns into an article page).
    """
    root = _tree(html_or_tree)
    current = _current_page(url)
    candidates: list[str] = []
    for el in _pager_links(root, _article_key(url)):
        href = el.get("href")
        if not href or href.startswith(("#", "javascript:")):
            continue
        rel = (el.get("rel") or "").lower().split()
        text = " ".join((el.text_content() if el.tag == "a" else "").split())
        num = _PAGE_NUM.match(text)
        if "next" in rel or _NEXT_TEXT.match(text) or (num and int(num.group(2)) == current + 1):
            candidates.append(urljoin(url, href))
    for cand in candidates:
        if _article_key(cand) == _article_key(url) and canonical_url(cand) != canonical_url(url) \
                and _current_page(cand) == current + 1:
            return cand
    return None


def _current_page(url: str) -> int:
    number = page_number(url)
    if number is not None:
        return number
    match = re.search(r"(?:/(?:page|halaman|hal))?/(\d{1,3})/?$", urlsplit(url).path)
    return int(match.group(1)) if match and int(match.group(1)) < 200 else 1


def single_page_url(url: str, site: SiteConfig | None) -> str | None:
    """The site's whole-article form of ``url`` (e.g. ``?page=all``), if it has one."""
    if site is None or not site.single_page_param:
        return None
    name, _, value = site.single_page_param.partition("=")
    return with_query_param(url, name, value or "1")
