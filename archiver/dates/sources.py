"""Every time a page states, as ranked candidates: JSON-LD, meta, ``<time>``, scripts, datelines, data-*, URL.

Why one module per question: :mod:`archiver.dates.page` decides between candidates;
this module only finds them, each with its source and the page's own text so the
chosen one can be audited.  Times inside lists of links to other articles (related,
popular, sidebars; JSON-LD ``itemListElement``) are never candidates: they are those
articles' times, not this page's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector

from archiver.dates.parse import Parsed, parse_detailed, zone
from archiver.dates.relative import RELATIVE_HINT_RE
from archiver.dates.scan import LinkLists, headline_element, scan_datelines
from archiver.page.meta import PageMeta

_PUBLISHED_META = {
    "article:published_time", "og:article:published_time", "article:published", "pubdate", "publishdate",
    "publish-date", "publish_date", "published_time", "published-date", "datepublished", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created", "date",
    "sailthru.date", "parsely-pub-date", "article.published", "content_publish_date", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "article_date_original", "publication_date", "release_date", "datecreated",
}
_MODIFIED_META = {
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "last-modified",
    "lastmod", "dc.date.modified", "dcterms.modified", "article.updated", "updated_time", "modified_time",
}
_ARTICLE_TYPES = re.compile(r"article|posting|report|news", re.I)
_DATE_IN_TEXT = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?"
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2}(?![\d.:]))|\d{1,2}\.?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[\s,|\-–—]*(?:pukul|at|jam|um|à|a las|alle|kl\.?)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?)?"
    r"(?:\s*(?:WIB|WITA|WIT|UTC|GMT|Z|[+-]\d{2}:?\d{2}))?",
    re.I,
)
SOURCE_RANK = {"json-ld": 0, "meta": 1, "time": 2, "script": 3, "dateline": 4, "data-attr": 5, "url": 6}
STRUCTURED = ("json-ld", "meta", "time", "script")
_MAX_DATELINE_CHARS = 160
_DATELINE_WINDOW = 40
_FULL_PARSE_CHARS = 60  # longer visible texts are only read through their date-shaped part
_MAX_TIME_TAGS = 60
_ANY_SCRIPTS = lxml.etree.XPath("//script[text()]")
_TIME_TAGS = lxml.etree.XPath("//time | //*[@itemprop]")  # attribute-value tests are slow in libxml2
_ISO_STAMP = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_SCRIPT_STAMP = re.compile(
    r"(?P<key>datePublished|dateModified|article[:_]published_time|article[:_]modified_time)"
    rf"[\\\"':=,\s]{{1,12}}(?:content[\\\"'=\s]{{1,6}})?(?P<value>{_ISO_STAMP})"
)
_DATA_ATTRS = lxml.etree.XPath(
    "//body//@*[starts-with(name(), 'data-') and (contains(name(), 'date') or contains(name(), 'publish')"
    " or contains(name(), '-dt') or contains(name(), 'time'))][string-length() >= 10 and string-length() <= 40]"
)
_DATE_SHAPE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_DATA_MODIFIED = re.compile(r"modif|updat|edit|re-?deploy|change", re.I)


@dataclass(frozen=True)
class Candidate:
    """One stated time: which field, from where, the page's text, its parse, and its rank (lower wins)."""

    field: str  # "published" | "modified"
    source: str
    text: str
    parsed: Parsed
    rank: float = 0.0


class PageContext:
    """One page being read: its tree and metadata, zone, anchor for relative times, a site's dateline
    selector, and (built on first use) its link lists."""

    def __init__(self, root: lxml.html.HtmlElement, meta: PageMeta, tz: str, now: datetime | None,
                 dateline: str | None = None) -> None:
        self.root, self.meta, self.tz, self.now, self.dateline = root, meta, tz, now, dateline

    @cached_property
    def lists(self) -> LinkLists:
        return LinkLists(headline_element(self.root, self.meta.title))

    def cand(self, field: str, source: str, text: str | None, rank: float | None = None,
             fallback: bool = True) -> list[Candidate]:
        return candidate(field, source, text, self.tz, self.now, rank, fallback)


def candidate(field: str, source: str, text: str | None, tz: str, now: datetime | None,
              rank: float | None = None, fallback: bool = True) -> list[Candidate]:
    if not text or not isinstance(text, str) or len(text) > 200:
        return []
    text = " ".join(text.split())
    parsed = _parse_cached(text, tz, now, fallback)
    if parsed is None:
        return []
    return [Candidate(field, source, text, parsed, SOURCE_RANK[source] if rank is None else rank)]


def _parse_cached(text: str, tz: str, now: datetime | None, fallback: bool = True) -> Parsed | None:
    """parse_detailed, memoised per (string, zone, fallback) for absolute dates.

    Pages repeat the same strings (sidebar times, several tags holding one stamp) and a
    crawl of one site sees the same shapes again.  Only relative strings depend on
    ``now`` (the parser reads a string as relative only when this test matches), so
    ``now`` is not part of the key.
    """
    if RELATIVE_HINT_RE.search(text):
        return parse_detailed(text, now=now, tz=tz, fallback=fallback)
    return parse_absolute(text, tz, fallback)


@lru_cache(maxsize=8192)
def parse_absolute(text: str, tz: str, fallback: bool) -> Parsed | None:
    return parse_detailed(text, tz=tz, fallback=fallback)


# --- JSON-LD -----------------------------------------------------------------------------------

def from_jsonld(page: PageContext) -> list[Candidate]:
    """Dates of every JSON-LD object; article-typed objects rank above videos/images on the page."""
    out: list[Candidate] = []
    for obj in page.meta.dated_objects:
        kind = obj.get("@type", "")
        article = bool(_ARTICLE_TYPES.search(kind if isinstance(kind, str) else " ".join(map(str, kind))))
        rank = SOURCE_RANK["json-ld"] if article else SOURCE_RANK["time"] + 0.5
        for key, field in (("datePublished", "published"), ("dateCreated", "published"), ("uploadDate", "published"),
                           ("dateModified", "modified")):
            value = obj.get(key)
            value = value[0] if isinstance(value, list) and value else value
            out += page.cand(field, "json-ld", value, rank)
    return out


# --- meta, <time>, script text, data-* attributes ------------------------------------------------

def from_meta(page: PageContext) -> list[Candidate]:
    """``<meta>`` dates; microdata ``<meta itemprop>`` inside a related-article card is that article's."""
    out: list[Candidate] = []
    for key, content, meta in page.meta.tags:
        field = "published" if key in _PUBLISHED_META else "modified" if key in _MODIFIED_META else None
        if field is None:
            continue
        found = page.cand(field, "meta", content)
        if found and meta.get("itemprop") is not None and page.lists.holds(meta):
            continue
        out += found
    return out


def from_time_tags(page: PageContext) -> list[Candidate]:
    """``<time>`` / ``itemprop`` dates outside link lists, the ones sharing the headline's nearest container first."""
    out: list[Candidate] = []
    for el in _TIME_TAGS(page.root)[:_MAX_TIME_TAGS]:
        prop = (el.get("itemprop") or "").lower()
        if el.tag != "time" and prop not in ("datepublished", "datemodified"):
            continue
        field = "modified" if "modif" in prop or "updat" in (el.get("class") or "").lower() else "published"
        # Blogger's templates write <abbr class="published" itemprop="datePublished" title="ISO">14.05</abbr>
        stamp = el.get("datetime") or el.get("content") or (el.get("title") if el.tag == "abbr" else None)
        found = page.cand(field, "time", stamp)
        if not found or page.lists.holds(el):
            continue
        nearness = min(page.lists.steps_from_headline(el), 40) / 100  # stays below the 2.5 of non-article JSON-LD
        out += [Candidate(c.field, c.source, c.text, c.parsed, c.rank + nearness) for c in found]
    return sorted(out, key=lambda c: c.rank)


def from_script_text(page: PageContext) -> list[Candidate]:
    """``"datePublished":"…"`` or an escaped ``article:published_time`` meta inside any script.

    Client-rendered pages keep their tags in a JSON state blob; the first occurrence in
    document order is the page's own (related-article lists come later).
    """
    out: list[Candidate] = []
    for script in _ANY_SCRIPTS(page.root):
        for m in _SCRIPT_STAMP.finditer(script.text):
            field = "modified" if m["key"].lower().startswith(("datem", "article_m", "article:m")) else "published"
            if not any(c.field == field for c in out):
                out += page.cand(field, "script", m["value"])
        if any(c.field == "published" for c in out):
            break
    return out


def from_data_attrs(page: PageContext) -> list[Candidate]:
    """``data-deploy-dt="2026.01.29 18:40"``-style attributes: the last resort before the URL."""
    out: list[Candidate] = []
    for value in _DATA_ATTRS(page.root)[:20]:
        if not _DATE_SHAPE.search(value):
            continue  # epoch numbers, ids: never worth a parse
        name = value.attrname.lower()
        field = "modified" if _DATA_MODIFIED.search(name) else "published"
        found = [c for c in page.cand(field, "data-attr", value) if c.parsed.has_time]
        if found and not any(c.field == field for c in out):
            out += found
    return out


# --- visible dateline --------------------------------------------------------------------------

def from_datelines(page: PageContext) -> list[Candidate]:
    """Short date-shaped texts nearest the headline, never past the first body paragraph.

    Sidebars list other articles with their times, often before the headline in
    source order, so candidates are ranked by distance from the headline.  A
    site's own dateline selector, when it has one, names the nearest.
    """
    chosen = CSSSelector(page.dateline)(page.root)[:3] if page.dateline else []
    named = [c for el in chosen for c in _dateline_text(page, el.text_content())]
    return named + scan_datelines(page.root, lambda text: _dateline_text(page, text), title=page.meta.title,
                                  window=_DATELINE_WINDOW)


def _dateline_text(page: PageContext, text: str | None) -> list[Candidate]:
    """A visible text's date: the whole text if the fast path reads it, else its date-shaped part.

    dateparser only sees the date-shaped part, or a short text whose part gave no time
    ("15:56 BST 27 April 2024"), so a page costs a handful of fallback calls at most.
    """
    if not text or len(text) > _MAX_DATELINE_CHARS or not any(ch.isdigit() for ch in text):
        return []
    text = " ".join(text.split())
    m = _DATE_IN_TEXT.search(text)
    if m is None:
        # no numeric date shape: only relative forms ("5 menit yang lalu") can still be a dateline
        return page.cand("published", "dateline", text) if RELATIVE_HINT_RE.search(text) else []
    whole = page.cand("published", "dateline", text, fallback=False)
    if whole:
        return whole
    part = page.cand("published", "dateline", m.group(0)) if m.group(0) != text else []
    if (not part or not part[0].parsed.has_time) and len(text) <= _FULL_PARSE_CHARS:
        return page.cand("published", "dateline", text) or part
    return part


# --- URL -----------------------------------------------------------------------------------------

_URL_STAMP = re.compile(r"/(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d*-")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$)")


def from_url(url: str | None, tz: str) -> list[Candidate]:
    if not url:
        return []
    m = _URL_STAMP.search(url)
    if m:
        y, mo, d, h, mi, s = (int(x) for x in m.groups())
        try:
            value = datetime(y, mo, d, h, mi, s, tzinfo=zone(tz))
        except ValueError:
            return []
        parsed = Parsed(value, True, False, True, "second")
        return [Candidate("published", "url", m.group(0).strip("/-"), parsed, SOURCE_RANK["url"])]
    m = _URL_DATE.search(url)
    if m:
        try:
            value = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=zone(tz))
        except ValueError:
            return []
        parsed = Parsed(value, False, False, True, "day")
        return [Candidate("published", "url", m.group(0).strip("/"), parsed, SOURCE_RANK["url"])]
    return []
