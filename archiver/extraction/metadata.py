"""The page's own metadata: JSON-LD (via extruct), OpenGraph and meta tags.

Everything works on the one parsed tree so a page is parsed once.  Values
are plain strings; choosing and cleaning them is :mod:`.fields`' job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from lxml.html import HtmlElement

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                 "report", "scholarlyarticle", "techarticle", "socialmediaposting"}


@lru_cache(maxsize=1)
def _jsonld_extractor() -> Any:
    """extruct's JSON-LD reader, imported on first use (extruct imports every syntax it supports)."""
    from extruct.jsonld import JsonLdExtractor

    return JsonLdExtractor()


@dataclass
class PageMeta:
    """Raw metadata of one page."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property -> contents
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # flattened objects
    article: dict[str, Any] = field(default_factory=dict)  # the JSON-LD article object, if any
    links: dict[str, list[str]] = field(default_factory=dict)  # rel -> hrefs
    lang: str | None = None

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value and value.strip():
                    return value.strip()
        return None

    def all(self, *names: str) -> list[str]:
        return [v.strip() for n in names for v in self.meta.get(n, ()) if v and v.strip()]

    def types(self) -> set[str]:
        return {t.lower() for obj in self.jsonld for t in _as_list(obj.get("@type")) if isinstance(t, str)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _flatten(items: list[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                yield from _flatten(_as_list(item["@graph"]))
            if isinstance(item.get("mainEntity"), dict):
                yield item["mainEntity"]


def _jsonld(root: HtmlElement) -> list[dict[str, Any]]:
    try:
        items = _jsonld_extractor().extract_items(root)
    except (ValueError, TypeError, json.JSONDecodeError):
        items = []
    return list(_flatten(list(items)))


def read_meta(root: HtmlElement) -> PageMeta:
    """Collect meta tags, link rels, JSON-LD objects and the declared language."""
    page = PageMeta()
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        if key and el.get("content") is not None:
            page.meta.setdefault(key, []).append(el.get("content"))
    for el in root.iter("link"):
        for rel in (el.get("rel") or "").lower().split():
            if el.get("href"):
                page.links.setdefault(rel, []).append(el.get("href").strip())
    page.jsonld = _jsonld(root)
    for obj in page.jsonld:
        types = {t.lower() for t in _as_list(obj.get("@type")) if isinstance(t, str)}
        if types & ARTICLE_TYPES:
            page.article = obj
            break
    page.lang = root.get("lang") or root.get("xml:lang")
    return page


def names(value: Any) -> list[str]:
    """Person/organisation names of a JSON-LD value (string, object or list)."""
    out: list[str] = []
    for item in _as_list(value):
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append(item["name"])
    return out


def urls(value: Any) -> list[str]:
    """Image URLs of a JSON-LD image value."""
    out: list[str] = []
    for item in _as_list(value):
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


# "readcrumb" matches breadcrumb, Breadcrumb and breadcrumbs without translate() on every element
_BREADCRUMB_XPATH = "//*[contains(@class, 'readcrumb') or contains(@id, 'readcrumb')]"


def visible_breadcrumbs(root: HtmlElement) -> list[str]:
    """Link texts of the page's first visible breadcrumb trail (nav.breadcrumb, ol.breadcrumbs…)."""
    for trail in root.xpath(_BREADCRUMB_XPATH):
        texts = [" ".join(a.text_content().split()) for a in trail.iter("a")]
        texts = [t for t in texts if t]
        if texts:
            return texts
    return []


def breadcrumbs(page: PageMeta) -> list[str]:
    """Names of the JSON-LD BreadcrumbList items, in order."""
    for obj in page.jsonld:
        if "breadcrumblist" in {str(t).lower() for t in _as_list(obj.get("@type"))}:
            items = sorted(_as_list(obj.get("itemListElement")), key=_position)
            out = []
            for item in items:
                if not isinstance(item, dict):
                    continue
                name = item.get("name") or (item.get("item") or {}).get("name") if isinstance(item.get("item"), dict) else item.get("name")
                if isinstance(name, str) and name.strip():
                    out.append(name.strip())
            return out
    return []
