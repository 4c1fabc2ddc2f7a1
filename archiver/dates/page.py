"""Choose a page's publication and modification time from everything it states.

Why cross-checks instead of "first structured value wins": real pages disagree
with themselves.  detik's ``<meta name="pubdate">`` ends in ``Z`` but holds WIB
wall-clock time; some sites put only a date in their tags while the visible
dateline has the minute; sidebars list other articles' times before the body.
Each candidate keeps its source and original text so a data team can audit it.

Sources, most reliable first: JSON-LD of article-typed objects, meta tags, ``<time>``,
JSON-LD of other objects (a video's uploadDate), stamps inside any script text (only when
the tags gave no time, and only if the dateline shows the same day), the visible dateline
near the headline (captions and image credits excluded; a labelled "Datum 28.04.2023"
counts anywhere), ``data-*`` date attributes (last resort), the URL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import lxml.etree
import lxml.html

from archiver.dates.parse import DEFAULT_TZ, Parsed, parse_detailed, zone
from archiver.dates.scan import scan_datelines

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
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_SOURCE_RANK = {"json-ld": 0, "meta": 1, "time": 2, "script": 3, "dateline": 4, "data-attr": 5, "url": 6}
_STRUCTURED = ("json-ld", "meta", "time", "script")
_MAX_DATELINE_CHARS = 160
_DATELINE_WINDOW = 40
_FULL_PARSE_CHARS = 60  # longer visible texts are only read through their date-shaped part
_RELATIVE_WORDS = re.compile(r"lalu|ago|baru|barusan|just|kemarin|yesterday|hari ini|today", re.I)
_LD_SCRIPTS = lxml.etree.XPath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')][text()]")
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
class PageTimes:
    """A page's publication/modification instants (aware) and where they came from."""

    published_at: datetime | None
    published_at_text: str | None
    published_at_source: str | None  # json-ld | meta | time | script | dateline | data-attr | url
    modified_at: datetime | None


@dataclass(frozen=True)
class Candidate:
    """One stated time: which field, from where, the page's text, its parse, and its rank (lower wins)."""

    field: str  # "published" | "modified"
    source: str
    text: str
    parsed: Parsed
    rank: float = 0.0


def find_page_times(doc: lxml.html.HtmlElement | str | bytes, *, url: str | None = None,
                    tz: str = DEFAULT_TZ, now: datetime | None = None) -> PageTimes:
    """Publication and modification time of one article page (see module docstring)."""
    root = _as_tree(doc)
    cands: list[Candidate] = []
    if root is not None:
        cands += _from_jsonld(root, tz, now)
        cands += _from_meta(root, tz, now)
        cands += _from_time_tags(root, tz, now)
        if not _has_timed_published(cands):
            cands += _from_script_text(root, tz, now)  # only when the tags said nothing timed: scripts are big
    from_url = _from_url(url, tz)
    if root is not None and _dateline_can_matter(cands + from_url):
        cands += _from_datelines(root, tz, now)
        if not _has_timed_published(cands):
            cands += _from_data_attrs(root, tz, now)
    cands += from_url
    published = _choose_published(cands)
    modified = min((c for c in cands if c.field == "modified"), key=lambda c: c.rank, default=None)
    return PageTimes(
        published_at=published.parsed.value if published else None,
        published_at_text=published.text if published else None,
        published_at_source=published.source if published else None,
        modified_at=modified.parsed.value if modified else None,
    )


def _has_timed_published(cands: list[Candidate]) -> bool:
    return any(c.parsed.has_time and c.field == "published" for c in cands)


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


def _cand(field: str, source: str, text: str | None, tz: str, now: datetime | None,
          rank: float | None = None, fallback: bool = True) -> list[Candidate]:
    if not text or not isinstance(text, str) or len(text) > 200:
        return []
    text = " ".join(text.split())
    parsed = _parse_cached(text, tz, now, fallback)
    if parsed is None:
        return []
    return [Candidate(field, source, text, parsed, _SOURCE_RANK[source] if rank is None else rank)]


def _parse_cached(text: str, tz: str, now: datetime | None, fallback: bool = True) -> Parsed | None:
    """parse_detailed, memoised per (string, zone, fallback) for absolute dates.

    Pages repeat the same strings (sidebar times, several tags holding one stamp) and a
    crawl of one site sees the same shapes again.  Only relative strings depend on
    ``now`` (this test is a superset of the parser's own), so ``now`` is not part of the key.
    """
    if _RELATIVE_WORDS.search(text):
        return parse_detailed(text, now=now, tz=tz, fallback=fallback)
    return _parse_absolute(text, tz, fallback)


@lru_cache(maxsize=8192)
def _parse_absolute(text: str, tz: str, fallback: bool) -> Parsed | None:
    return parse_detailed(text, tz=tz, fallback=fallback)


# --- JSON-LD -----------------------------------------------------------------------------------

def _from_jsonld(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    """Dates of every JSON-LD object; article-typed objects rank above videos/images on the page."""
    objects: list[dict] = []
    for script in _LD_SCRIPTS(root):
        try:
            text = _CDATA.sub("", script.text) if "CDATA" in script.text else script.text
            data = json.loads(text.strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        _walk(data, objects, 0)
    out: list[Candidate] = []
    for obj in objects:
        kind = obj.get("@type", "")
        article = bool(_ARTICLE_TYPES.search(kind if isinstance(kind, str) else " ".join(map(str, kind))))
        rank = _SOURCE_RANK["json-ld"] if article else _SOURCE_RANK["time"] + 0.5
        for key, field in (("datePublished", "published"), ("dateCreated", "published"), ("uploadDate", "published"),
                           ("dateModified", "modified")):
            value = obj.get(key)
            value = value[0] if isinstance(value, list) and value else value
            out += _cand(field, "json-ld", value, tz, now, rank)
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


# --- meta, <time>, script text, data-* attributes ------------------------------------------------

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
    for el in _TIME_TAGS(root):
        prop = (el.get("itemprop") or "").lower()
        if el.tag != "time" and prop not in ("datepublished", "datemodified"):
            continue
        field = "modified" if "modif" in prop or "updat" in (el.get("class") or "").lower() else "published"
        out += _cand(field, "time", el.get("datetime") or el.get("content"), tz, now)
        if len(out) >= 4:
            break
    return out


def _from_script_text(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    """``"datePublished":"…"`` or an escaped ``article:published_time`` meta inside any script.

    Client-rendered pages keep their tags in a JSON state blob; the first occurrence in
    document order is the page's own (related-article lists come later).
    """
    out: list[Candidate] = []
    for script in _ANY_SCRIPTS(root):
        for m in _SCRIPT_STAMP.finditer(script.text):
            field = "modified" if m["key"].lower().startswith(("datem", "article_m", "article:m")) else "published"
            if not any(c.field == field for c in out):
                out += _cand(field, "script", m["value"], tz, now)
        if any(c.field == "published" for c in out):
            break
    return out


def _from_data_attrs(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    """``data-deploy-dt="2026.01.29 18:40"``-style attributes: the last resort before the URL."""
    out: list[Candidate] = []
    for value in _DATA_ATTRS(root)[:20]:
        if not _DATE_SHAPE.search(value):
            continue  # epoch numbers, ids: never worth a parse
        name = value.attrname.lower()
        field = "modified" if _DATA_MODIFIED.search(name) else "published"
        found = [c for c in _cand(field, "data-attr", value, tz, now) if c.parsed.has_time]
        if found and not any(c.field == field for c in out):
            out += found
    return out


# --- visible dateline --------------------------------------------------------------------------

def _from_datelines(root: lxml.html.HtmlElement, tz: str, now: datetime | None) -> list[Candidate]:
    """Short date-shaped texts nearest the headline, never past the first body paragraph.

    Sidebars list other articles with their times, often before the headline in
    source order, so candidates are ranked by distance from the headline.
    """
    return scan_datelines(root, lambda text: _dateline_text(text, tz, now), window=_DATELINE_WINDOW)


def _dateline_text(text: str | None, tz: str, now: datetime | None) -> list[Candidate]:
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
        return _cand("published", "dateline", text, tz, now) if _RELATIVE_WORDS.search(text) else []
    whole = _cand("published", "dateline", text, tz, now, fallback=False)
    if whole:
        return whole
    part = _cand("published", "dateline", m.group(0), tz, now) if m.group(0) != text else []
    if (not part or not part[0].parsed.has_time) and len(text) <= _FULL_PARSE_CHARS:
        return _cand("published", "dateline", text, tz, now) or part
    return part


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
            return [Candidate("published", "url", m.group(0).strip("/-"), Parsed(value, True, False, True, "second"), _SOURCE_RANK["url"])]
        except ValueError:
            return []
    m = _URL_DATE.search(url)
    if m:
        try:
            value = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=zone(tz))
        except ValueError:
            return []
        return [Candidate("published", "url", m.group(0).strip("/"), Parsed(value, False, False, True, "day"), _SOURCE_RANK["url"])]
    return []


# --- selection -----------------------------------------------------------------------------------

def _published_by_rank(cands: list[Candidate]) -> list[Candidate]:
    return sorted((c for c in cands if c.field == "published"), key=lambda c: c.rank)


def _choose_published(cands: list[Candidate]) -> Candidate | None:
    """Most reliable source first, corrected by what the visible dateline says."""
    pub = _published_by_rank(cands)
    if not pub:
        return None
    lines = [c for c in pub if c.source == "dateline"]  # nearest the headline first
    # the nearest dateline's day, with the minute from the nearest timed line on that day
    datelines = [c for c in lines if c.parsed.has_time and _same_day(c, lines[0])]
    structured = [c for c in pub if c.source in _STRUCTURED]
    if lines:  # a stamp found in script text may be another article's: the visible dateline's day decides
        structured = [c for c in structured if c.source != "script" or _same_day(c, lines[0])]
    timed = [c for c in structured if c.parsed.has_time]
    if timed:
        return _fix_fake_utc(timed[0], [c for c in lines if c.parsed.has_time and c.parsed.has_zone])
    if datelines and (not structured or _same_day(datelines[0], structured[0])):
        return datelines[0]
    if structured:
        return structured[0]
    if lines:
        # a date-only dateline takes the minute from a data-* attribute stating the same day
        attr = [c for c in pub if c.source == "data-attr" and _same_day(c, lines[0])]
        return attr[0] if attr else lines[0]
    return pub[0]


def _dateline_can_matter(cands: list[Candidate]) -> bool:
    """False when :func:`_choose_published` would ignore every dateline: the best timed tag
    states a non-UTC offset (so it is neither a script stamp to check against the visible day
    nor a fake ``Z``).  Scanning the visible text is then skipped; it costs more than the rest."""
    timed = [c for c in _published_by_rank(cands) if c.source in _STRUCTURED and c.parsed.has_time]
    return not timed or timed[0].source == "script" or timed[0].parsed.value.utcoffset() == timedelta(0)


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
            return Candidate(best.field, best.source, best.text, best.parsed._replace(value=fixed, has_zone=True), best.rank)
    return best


def _wall_minute(dt: datetime) -> tuple[int, int, int, int, int]:
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute)


def _same_day(a: Candidate, b: Candidate) -> bool:
    return a.parsed.value.date() == b.parsed.value.date()
