"""Reading discovery documents: sitemaps, news sitemaps, RSS/Atom feeds, robots.txt.

Scrapy-free so that it can be tested on bytes.  Scrapy's own sitemap parser
drops the ``news:`` children of Google News sitemaps; their
``news:publication_date`` is what lets a scheduled crawl skip old entries, so
this module reads them itself.

It also knows where the common CMSs put these documents when robots.txt names
none (:data:`WELL_KNOWN_SITEMAPS`, :data:`WELL_KNOWN_FEEDS`), and which children
of a WordPress sitemap index list no articles (:func:`lists_articles`).
"""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Iterator

from lxml import etree

from archiver.dates import parse_date

logger = logging.getLogger(__name__)

# Where a site that states no sitemap or feed of its own, and whose robots.txt names no sitemap, is asked
# for them (site-relative paths; the crawl's ARCHIVER_PROBE_SITEMAPS / ARCHIVER_PROBE_FEEDS settings): the
# conventional /sitemap.xml, WordPress core's index (5.5+), Yoast's and Rank Math's index, Yoast News SEO's
# Google News sitemap; WordPress's RSS2 feed and Blogger's Atom feed.
WELL_KNOWN_SITEMAPS = ("/sitemap.xml", "/wp-sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml")
WELL_KNOWN_FEEDS = ("/feed/", "/feeds/posts/default")

# Children of a WordPress sitemap index (core, Yoast, Rank Math) that list static pages ("Tentang Kami",
# "Pedoman Media Siber"), taxonomy archives or author pages: never an article among them.
_NON_ARTICLE_CHILD = re.compile(
    r"/(?:wp-sitemap-(?:posts-page|taxonomies-[\w-]+|users)-\d+|(?:page|category|post_tag|tag|author)-sitemap\d*)\.xml(?:\.gz)?$",
    re.I)

_FEED_ROOTS = ("rss", "feed", "rdf")  # RSS 2.0, Atom, RSS 1.0
_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


class NotADiscoveryDocument(ValueError):
    """The body is neither a sitemap nor a feed (HTML error page, garbage…)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL announced by a sitemap or a feed, with the dates it announces."""

    url: str
    lastmod: datetime | None = None  # sitemap <lastmod>, feed <updated>
    published: datetime | None = None  # news:publication_date, RSS pubDate, Atom published
    title: str | None = None

    @property
    def newest(self) -> datetime | None:
        """The most recent date the entry states (what an incremental crawl compares)."""
        dates = [d for d in (self.lastmod, self.published) if d is not None]
        return max(dates) if dates else None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: ``index`` (children are sitemaps) or ``urlset`` (children are pages)."""

    kind: str  # "index" | "urlset"
    entries: list[Entry]


def maybe_gunzip(body: bytes, max_size: int = 64 * 1024 * 1024) -> bytes:
    """Decompress gzip bodies (``.xml.gz`` sitemaps), refusing decompression bombs."""
    if body[:2] != b"\x1f\x8b":
        return body
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(body, max_size)
    except zlib.error as exc:
        raise NotADiscoveryDocument(f"corrupt gzip: {exc}") from None
    if decompressor.unconsumed_tail:
        raise NotADiscoveryDocument(f"gzip body larger than {max_size} bytes")
    return out


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_xml(body: bytes) -> etree._Element:
    body = maybe_gunzip(body).lstrip()
    if not body.startswith(b"<"):
        raise NotADiscoveryDocument("not XML")
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotADiscoveryDocument(f"not XML: {exc}") from None
    if root is None:
        raise NotADiscoveryDocument("empty XML document")
    return root


def _date(text: str | None, tz: str) -> datetime | None:
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        return parsedate_to_datetime(text)  # RFC 822 (RSS pubDate)
    except (TypeError, ValueError, IndexError):
        return parse_date(text, tz=tz)


def _children_text(elem: etree._Element) -> dict[str, str]:
    """Local-name → text of an element's descendants (news:… included)."""
    out: dict[str, str] = {}
    for child in elem.iter():
        name = _local(child.tag)
        if name and name not in out and child.text and child.text.strip():
            out[name] = child.text.strip()
    return out


def lists_articles(sitemap_url: str) -> bool:
    """Whether a child of a sitemap index may list articles (False for WordPress's page, taxonomy and author sitemaps)."""
    return not _NON_ARTICLE_CHILD.search(sitemap_url.split("?", 1)[0])


def parse_sitemap(body: bytes, *, tz: str = "Asia/Jakarta") -> Sitemap:
    """Parse a sitemap index or urlset (gzip or plain), news: extension included.

    An RSS or Atom feed is a sitemap too (sitemaps.org accepts both): robots.txt
    files written from Indonesian blogging guides name Blogger's
    ``/feeds/posts/default?orderby=UPDATED`` as theirs.
    """
    root = _parse_xml(body)
    kind = _local(root.tag)
    if kind in _FEED_ROOTS:
        return Sitemap("urlset", _feed_entries(root, tz))
    if kind not in ("sitemapindex", "urlset"):
        raise NotADiscoveryDocument(f"root element <{kind}> is not a sitemap")
    entries: list[Entry] = []
    for node in root:
        if _local(node.tag) not in ("sitemap", "url"):
            continue
        fields = _children_text(node)
        loc = fields.get("loc")
        if not loc:
            continue
        entries.append(
            Entry(
                url=loc,
                lastmod=_date(fields.get("lastmod"), tz),
                published=_date(fields.get("publication_date"), tz),
                title=fields.get("title"),
            )
        )
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)


def parse_feed(body: bytes, *, tz: str = "Asia/Jakarta") -> list[Entry]:
    """Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    root = _parse_xml(body)
    kind = _local(root.tag)
    if kind not in _FEED_ROOTS:
        raise NotADiscoveryDocument(f"root element <{kind}> is not a feed")
    return _feed_entries(root, tz)


def _feed_entries(root: etree._Element, tz: str) -> list[Entry]:
    entries: list[Entry] = []
    for node in root.iter():
        name = _local(node.tag)
        if name not in ("item", "entry"):
            continue
        link = _feed_link(node)
        if not link:
            continue
        fields = _children_text(node)
        entries.append(
            Entry(
                url=link,
                lastmod=_date(fields.get("updated"), tz),
                published=_date(fields.get("pubdate") or fields.get("published") or fields.get("date"), tz),
                title=fields.get("title"),
            )
        )
    return entries


def _feed_link(node: etree._Element) -> str | None:
    for child in node:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    guid = next((c for c in node if _local(c.tag) == "guid" and c.get("isPermaLink", "true") != "false"), None)
    if guid is not None and guid.text and guid.text.strip().startswith("http"):
        return guid.text.strip()
    return None


def sitemaps_from_robots(body: bytes | str) -> Iterator[str]:
    """``Sitemap:`` URLs of a robots.txt (case-insensitive, any position)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            yield value.strip()
