"""Choose a page's publication and modification time from everything it states.

Why cross-checks instead of "first structured value wins": real pages disagree
with themselves.  detik's ``<meta name="pubdate">`` ends in ``Z`` but holds WIB
wall-clock time; some sites put only a date in their tags while the visible
dateline has the minute; sidebars list other articles' times before the body.
Each candidate keeps its source and original text so a data team can audit it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import lxml.html

from archiver.dates.parse import DEFAULT_TZ, Parsed, parse_detailed, zone

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
_DATELINE_ATTR = re.compile(r"date|time|tanggal|waktu|publish|tgl|posted", re.I)
_SKIP_TAGS = {"script", "style", "noscript", "template", "select", "option"}
_DATE_IN_TEXT = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?"
    r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\.?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:[\s,|\-–—]*(?:pukul|at|jam|um|à|a las|alle|kl\.?)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?)?"
    r"(?:\s*(?:WIB|WITA|WIT|UTC|GMT|Z|[+-]\d{2}:?\d{2}))?",
    re.I,
)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_SOURCE_RANK = {"json-ld": 0, "meta": 1, "time": 2, "dateline": 3, "url": 4}
_MAX_DATELINE_CHARS = 160
_BODY_PARAGRAPH_CHARS = 250
_DATELINE_WINDOW = 40


@dataclass(frozen=True)
class PageTimes:
    """A page's publication/modification instants (aware) and where they came from."""

    published_at: datetime | None
    published_at_text: str | None
    published_at_source: str | None  # json-ld | meta | time | dateline | url
    modified_at: datetime | None


@dataclass(frozen=True)
class Candidate:
    """One stated time: which field, from where, the page's text, and its parse."""

    field: str  # "published" | "modified"
    source: str
    text: str
    parsed: Parsed


def find_page_times(doc: lxml.html.HtmlElement | str | bytes, *, url: str | None = None,
                    tz: str = DEFAULT_TZ, now: datetime | None = None) -> PageTimes:
    """Publication and modification time of one article page (see module docstring)."""
    root = _as_tree(doc)
    cands: list[Candidate] = []
    if root is not None:
        cands += _from_jsonld(root, tz, now)
        cands += _from_meta(root, tz, now)
        cands += _from_time_tags(root, tz, now)
        cands += _from_datelines(root, tz, now)
    cands += _from_url(url, tz)
    published = _choose_published(cands)
    modified = next((c for c in cands if c.field == "modified"), None)
    return PageTimes(
        published_at=published.parsed.value if published else None,
        published_at_text=published.text if published else None,
        published_at_source=published.source if published else None,
        modified_at=modified.parsed.value if modified else None,
    )


def _as_tree(doc: lxml.html.HtmlElement | str | bytes) -> lxml.html.HtmlElement | None:
    if isinstance(doc, lxml.html.HtmlElement):
        return doc
    if not doc or not (doc.strip() if isinstance(doc, (str, bytes)) else doc):
        return None
    try:
        if isinstance(doc, str):
            doc = doc.encode("utf-8", "surrogatepass")  # lets lxml honour <meta charset> consistently
            return lxml.html.document_fromstring(doc, parser=lxml.html.HTMLParser(encoding="utf-8"))
        return lxml.html.document_fromstring(doc)
    except (ValueError, lxml.etree.ParserError):
        return None


def _cand(field: str, source: str, text: str | None, tz: str, now: datetime | None) -> list[Candidate]:
    if not text or not isinstance(text, str):
        return []
    text = " ".join(text.split())
    parsed = parse_detailed(text, now=now, tz=tz)
    return [Candidate(field, source, text, parsed)] if parsed else []


# --- JSON-LD -----------------------------------------------------------------------------------

def _from_jsonld(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    objects: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text).strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        _walk(data, objects, 0)
    objects.sort(key=lambda o: 0 if _ARTICLE_TYPES.search(json.dumps(o.get("@type", ""))) else 1)
    out: list[Candidate] = []
    for obj in objects:
        for key, field in (("datePublished", "published"), ("dateCreated", "published"), ("uploadDate", "published"),
                           ("dateModified", "modified")):
            value = obj.get(key)
            value = value[0] if isinstance(value, list) and value else value
            out += _cand(field, "json-ld", value, tz, now)
    return out


def _walk(data: object, out: list[dict], depth: int) -> None:
    """Collect every dict that states a date, through @graph, lists and nesting."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            _walk(item, out, depth + 1)
    elif isinstance(data, dict):
        if any(k in data for k in ("datePublished", "dateModified", "dateCreated", "uploadDate")):
            out.append(data)
        for key, value in data.items():
            if key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement", "item") or depth == 0:
                if isinstance(value, (list, dict)):
                    _walk(value, out, depth + 1)


# --- meta and <time> ---------------------------------------------------------------------------

def _from_meta(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    out: list[Candidate] = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META:
            out += _cand("published", "meta", meta.get("content"), tz, now)
        elif key in _MODIFIED_META:
            out += _cand("modified", "meta", meta.get("content"), tz, now)
    return out


def _from_time_tags(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    out: list[Candidate] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        prop = (el.get("itemprop") or "").lower()
        if el.tag == "time" or prop in ("datepublished", "datemodified"):
            field = "modified" if "modif" in prop or "updat" in (el.get("class") or "").lower() else "published"
            out += _cand(field, "time", el.get("datetime") or el.get("content"), tz, now)
        if len(out) >= 4:
            break
    return out


# --- visible dateline --------------------------------------------------------------------------

def _from_datelines(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    """Short date-shaped texts nearest the headline, never past the first body paragraph.

    Sidebars list other articles with their times, often before the headline in
    source order, so candidates are ranked by distance from the headline.
    """
    body = root.find("body")
    if body is None:
        return []
    elements = [el for el in body.iter() if isinstance(el.tag, str) and el.tag not in _SKIP_TAGS]
    head = _headline_index(root, elements)
    found: list[tuple[int, Candidate]] = []
    for i, el in enumerate(elements):
        if i > head and el.tag == "p" and len(el.text_content()) > _BODY_PARAGRAPH_CHARS:
            break
        near = abs(i - head) <= _DATELINE_WINDOW
        if _DATELINE_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}"):
            texts = [el.text_content()]
        elif near:
            texts = [el.text, el.tail]
        else:
            continue
        for text in texts:
            found += [(abs(i - head) + (0 if i >= head else 1), c) for c in _dateline_text(text, tz, now)]
    found.sort(key=lambda pair: pair[0])
    return [c for _, c in found[:20]]


def _headline_index(root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement]) -> int:
    """Position of the headline: the element showing og:title / <title>, else the first <h1>.

    The title match comes first because some sites' <h1> is the logo.
    """
    title = ""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            title = meta.get("content") or ""
            break
    title = " ".join((title or root.findtext(".//title") or "").split()).lower()
    if len(title) >= 10:
        for i, el in enumerate(elements):
            text = " ".join((el.text or "").split()).lower()
            if el.tag != "a" and len(text) >= 10 and (text[:40] == title[:40] or title.startswith(text)):
                return i
    for i, el in enumerate(elements):
        if el.tag == "h1" and el.text_content().strip():
            return i
    return 0


def _dateline_text(text: str | None, tz: str, now: datetime | None) -> list[Candidate]:
    if not text or len(text) > _MAX_DATELINE_CHARS or not any(ch.isdigit() for ch in text):
        return []
    text = " ".join(text.split())
    found = _cand("published", "dateline", text, tz, now)
    if found:
        return found
    m = _DATE_IN_TEXT.search(text)
    return _cand("published", "dateline", m.group(0), tz, now) if m else []


# --- URL -----------------------------------------------------------------------------------------

_URL_STAMP = re.compile(r"/(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d*-")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$)")


def _from_url(url: str | None, tz: str) -> list[Candidate]:
    if not url:
        return []
    m = _URL_STAMP.search(url)
    if m:
        y, mo, d, h, mi, s = (int(x) for x in m.groups())
        try:
            value = datetime(y, mo, d, h, mi, s, tzinfo=zone(tz))
            return [Candidate("published", "url", m.group(0).strip("/-"), Parsed(value, True, False, True))]
        except ValueError:
            return []
    m = _URL_DATE.search(url)
    if m:
        try:
            value = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=zone(tz))
        except ValueError:
            return []
        return [Candidate("published", "url", m.group(0).strip("/"), Parsed(value, False, False, True))]
    return []


# --- selection -----------------------------------------------------------------------------------

def _choose_published(cands: list[Candidate]) -> Candidate | None:
    """Most reliable source first, corrected by what the visible dateline says."""
    pub = sorted((c for c in cands if c.field == "published"), key=lambda c: _SOURCE_RANK[c.source])
    if not pub:
        return None
    lines = [c for c in pub if c.source == "dateline"]  # nearest the headline first
    # the nearest dateline's day, with the minute from the nearest timed line on that day
    datelines = [c for c in lines if c.parsed.has_time and (not lines or _same_day(c, lines[0]))]
    structured = [c for c in pub if c.source in ("json-ld", "meta", "time")]
    timed = [c for c in structured if c.parsed.has_time]
    if timed:
        return _fix_fake_utc(timed[0], [c for c in lines if c.parsed.has_time and c.parsed.has_zone])
    if datelines and (not structured or _same_day(datelines[0], structured[0])):
        return datelines[0]
    if structured:
        return structured[0]
    return lines[0] if lines else pub[0]


def _fix_fake_utc(best: Candidate, datelines: list[Candidate]) -> Candidate:
    """A ``Z``/UTC stamp equal to a visible wall-clock time *labelled* local (``10:08 WIB``) is local (detik).

    Only datelines that state their zone count: a zone-less visible time may itself be UTC.
    """
    value = best.parsed.value
    if value.utcoffset() != timedelta(0):
        return best
    for line in datelines:
        local = line.parsed.value
        if local.utcoffset() != timedelta(0) and _wall_minute(local) == _wall_minute(value):
            fixed = value.replace(tzinfo=local.tzinfo)
            return Candidate(best.field, best.source, best.text, Parsed(fixed, True, True, best.parsed.fast))
    return best


def _wall_minute(dt: datetime) -> tuple[int, int, int, int, int]:
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute)


def _same_day(a: Candidate, b: Candidate) -> bool:
    return a.parsed.value.date() == b.parsed.value.date()
