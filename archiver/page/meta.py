"""A page's own metadata, read once: meta tags, ``<link rel>``, JSON-LD, the declared language.

Navigation (is it an article? its canonical URL), field extraction (title,
authors, section…) and publication times all consume one :class:`PageMeta`,
so each page's JSON-LD is parsed once and every consumer sees the same
objects.  JSON-LD is parsed lazily: a listing page that never needs it pays
nothing.  Values are raw strings; choosing and cleaning them is the
consumers' job.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from typing import Any, Iterator

import jstyleson
from lxml.etree import XPath
from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting", "report", "scholarlyarticle", "techarticle",
    "socialmediaposting"})
DATE_KEYS = ("datePublished", "dateModified", "dateCreated", "uploadDate")

# type="application/ld+json" in any case; an empty script holds nothing
_LD_SCRIPTS = XPath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')][text()]")
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_COMMENT_LINE = re.compile(r"^\s*(//.*|<!--.*-->)")
# keys through which a page nests the objects that state dates (a video in hasPart, a graph…); an
# itemListElement is a list of other pages (related articles, a carousel): never walked
_DATED_NESTING = ("@graph", "mainEntity", "mainEntityOfPage", "hasPart")
_MAX_DEPTH = 6


class PageMeta:
    """Metadata of one parsed page (``root``: the document or its ``<head>`` alone)."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        # (lower-cased property/name/itemprop, content, the element), in page order
        self.tags: list[tuple[str, str, HtmlElement]] = []
        self.meta: dict[str, list[str]] = {}  # the same plus http-equiv names, by key
        for el in root.iter("meta"):
            content = el.get("content")
            if content is None:
                continue
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            if key:
                self.tags.append((key, content, el))
            key = key or (el.get("http-equiv") or "").strip().lower()
            if key:
                self.meta.setdefault(key, []).append(content)
        self.links: dict[str, list[str]] = {}  # rel -> hrefs
        for el in root.iter("link"):
            href = el.get("href")
            for rel in (el.get("rel") or "").lower().split():
                if href:
                    self.links.setdefault(rel, []).append(href.strip())
        self.lang: str | None = root.get("lang") or root.get("xml:lang")

    @classmethod
    def of(cls, root: HtmlElement) -> PageMeta:
        """The metadata of ``root``, read once however many consumers ask for it (the crawl's analysis,
        then the extraction it hands the tree to): the last page's is kept, a new tree replaces it."""
        global _LAST
        if _LAST is None or _LAST.root is not root:
            _LAST = cls(root)
        return _LAST

    # -- meta tags --------------------------------------------------------
    def first(self, *names: str) -> str | None:
        """The first non-blank content of the first of ``names`` that the page states."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value and value.strip():
                    return value.strip()
        return None

    def all(self, *names: str) -> list[str]:
        return [v.strip() for n in names for v in self.meta.get(n, ()) if v and v.strip()]

    @property
    def title(self) -> str:
        """og:title / twitter:title, else the ``<title>`` text ("" when neither)."""
        for key, value, _el in self.tags:
            if key in ("og:title", "twitter:title"):
                return value or self.root.findtext(".//title") or ""
        return self.root.findtext(".//title") or ""

    # -- JSON-LD ----------------------------------------------------------
    @cached_property
    def jsonld_documents(self) -> list[Any]:
        """Every parseable JSON-LD script of the page, parsed (one bad script costs only itself)."""
        return [data for script in _LD_SCRIPTS(self.root) if (data := _parse_jsonld(script.text)) is not None]

    @cached_property
    def jsonld(self) -> list[dict[str, Any]]:
        """Top-level JSON-LD objects, with those of ``@graph`` and ``mainEntity`` after their parent."""
        return list(_flatten(self.jsonld_documents))

    @cached_property
    def dated_objects(self) -> list[dict[str, Any]]:
        """JSON-LD objects that state a date, however deep a page nests them (videos, graphs, parts)."""
        out: list[dict[str, Any]] = []
        for data in self.jsonld_documents:
            _walk_dated(data, out, 0)
        return out

    @cached_property
    def article(self) -> dict[str, Any]:
        """The first article-typed JSON-LD object ({} when there is none)."""
        return next((obj for obj in self.jsonld if not types_of(obj).isdisjoint(ARTICLE_TYPES)), {})

    def types(self) -> set[str]:
        """Lower-cased ``@type`` names of the page's JSON-LD objects."""
        return {t for obj in self.jsonld for t in types_of(obj)}

    def declares_article(self) -> bool:
        """``og:type=article`` or a JSON-LD article type: the page says it is one article."""
        return (self.first("og:type") or "").lower() == "article" or not self.types().isdisjoint(ARTICLE_TYPES)


_LAST: PageMeta | None = None


def _parse_jsonld(text: str) -> Any:
    """One script's JSON (None when unreadable): CMSs wrap it in CDATA, end it with ';' or comment it."""
    if "CDATA" in text:
        text = _CDATA.sub("", text)
    text = text.strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:
        return jstyleson.loads(_COMMENT_LINE.sub("", text), strict=False)
    except (ValueError, TypeError, IndexError, RecursionError):
        return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types_of(obj: dict[str, Any]) -> set[str]:
    return {t.lower() for t in as_list(obj.get("@type")) if isinstance(t, str)}


def _flatten(items: list[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                yield from _flatten(as_list(item["@graph"]))
            if isinstance(item.get("mainEntity"), dict):
                yield item["mainEntity"]


def _walk_dated(data: Any, out: list[dict[str, Any]], depth: int) -> None:
    """Collect every dict that states a date, through nesting keys (any key but an item list at the top level)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _walk_dated(item, out, depth + 1)
    elif isinstance(data, dict):
        if any(k in data for k in DATE_KEYS):
            out.append(data)
        for key, value in data.items():
            nested = key in _DATED_NESTING or (depth == 0 and key != "itemListElement")
            if nested and isinstance(value, (list, dict)):
                _walk_dated(value, out, depth + 1)


def names(value: Any) -> list[str]:
    """Person/organisation names of a JSON-LD value (string, object or list)."""
    out: list[str] = []
    for item in as_list(value):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append(item["name"])
    return out


def urls(value: Any) -> list[str]:
    """Image URLs of a JSON-LD image value."""
    out: list[str] = []
    for item in as_list(value):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str):
                out.append(url)
    return out


def _position(item: Any) -> float:
    try:
        return float(item.get("position", 0)) if isinstance(item, dict) else 0.0
    except (TypeError, ValueError):
        return 0.0


def breadcrumbs(page: PageMeta) -> list[str]:
    """Names of the JSON-LD BreadcrumbList items, in order."""
    for obj in page.jsonld:
        if "breadcrumblist" in types_of(obj):
            out = []
            for item in sorted(as_list(obj.get("itemListElement")), key=_position):
                if not isinstance(item, dict):
                    continue
                inner = item.get("item")
                name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                if isinstance(name, str) and name.strip():
                    out.append(name.strip())
            return out
    return []
