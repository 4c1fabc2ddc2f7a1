"""Visible datelines: short date-shaped texts near the headline, found in one XPath pass.

Why one XPath union instead of walking every element in Python: building a Python
proxy for each of a page's thousands of elements cost several ms a page.  The union
of (non-blank text nodes, long body paragraphs, <h1>s, date-classed elements) comes
back in document order, so distances to the headline and "stop at the first body
paragraph" are read off one list; only the few date-shaped texts touch the tree again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import lxml.etree
import lxml.html

# class/id words that mark a dateline (several languages); a plain substring test, as a regex search would do
_DATE_WORDS = ("date", "time", "tanggal", "waktu", "publish", "tgl", "posted", "datum", "fecha", "tarih", "data-pub")
_SKIP_PARENTS = ("script", "style", "noscript", "template", "select", "option", "textarea")
BODY_PARAGRAPH_CHARS = 250
_UNION = lxml.etree.XPath(
    ".//text()[normalize-space() and not(" + " or ".join(f"parent::{t}" for t in _SKIP_PARENTS) + ")]"
    f" | .//p[string-length(normalize-space()) > {BODY_PARAGRAPH_CHARS}]"
    " | .//h1"
)
# Image captions and credits state when the *photo* was taken, never the dateline.
_CAPTION_TAGS = frozenset({"figure", "figcaption", "picture"})
_CAPTION_ATTR = re.compile(r"caption|credit|copyright|picbox|pic-box|bildunterschrift", re.I)
_CAPTION_DEPTH = 3
# A label right before a date says it is the article's date even far from the headline ("Datum 28.04.2023").
_DATE_LABEL = re.compile(
    r"^(?:datum|date|tanggal|tgl|published|publication date|publish date|diterbitkan|dipublikasikan|"
    r"ver[öo]ffentlicht(?: am)?|fecha|publicado|publié le|data|tarih|yayın tarihi)\s*:?$",
    re.I,
)
_HEADINGS = frozenset({"h1", "h2"})
_DIGIT = re.compile(r"\d")
_LABEL_RANK = 1000  # labelled dates outside the headline's neighbourhood come after every near one

DatelineReader = Callable[[str], list[Any]]


def scan_datelines(root: lxml.html.HtmlElement, read: DatelineReader, *, title: str, window: int = 40,
                   limit: int = 20) -> list[Any]:
    """Candidates read by ``read`` from texts near the headline, nearest first.

    ``read`` turns one text into zero or more candidates (it does the date parsing);
    ``title`` is the page's og:title or ``<title>``, which locates the headline.
    Texts inside image captions/credits are skipped.  Distance counts non-blank text
    nodes; texts before the headline pay one extra step (sidebars come first in source).
    """
    body = root.find("body")
    if body is None:
        return []
    items = _UNION(body)
    head = headline_index(title, items)
    end = next((i for i in range(head + 1, len(items)) if not isinstance(items[i], str)
                and items[i].tag == "p"), len(items))  # the XPath only returns long paragraphs
    found: list[tuple[int, Any]] = []
    seen: set[Any] = set()  # date-classed wrappers already read
    near = range(max(0, head - window), min(end, head + window + 1))
    for i in near:
        if isinstance(items[i], str):
            found += _read_text(items[i], read, abs(i - head) + (0 if i >= head else 1), seen)
    # a labelled date counts anywhere, even past the article's first paragraph ("Datum 28.04.2023")
    for i, item in enumerate(items[:-1]):
        if isinstance(item, str) and len(item) < 40 and i + 1 not in near and _DATE_LABEL.match(item.strip()):
            nxt = items[i + 1]
            if isinstance(nxt, str):
                found += _read_text(nxt, read, _LABEL_RANK + abs(i + 1 - head), seen)
    found.sort(key=lambda pair: pair[0])
    return [c for _, c in found[:limit]]


def _read_text(text: str, read: DatelineReader, rank: int, seen: set[Any]) -> list[tuple[int, Any]]:
    """Candidates from one text node, and from its date-classed wrapper when the date is split
    across children (``<div class="date"><span>Selasa, 23/02/2016</span> 16:00 WIB</div>``)."""
    if not _has_digit_short(text):
        return []
    owner = text.getparent()  # type: ignore[attr-defined]
    if owner is not None and text.is_tail:  # type: ignore[attr-defined]
        owner = owner.getparent()
    if owner is None or _in_caption(owner):
        return []
    out = [(rank, c) for c in read(text)]
    wrapper = _date_classed_ancestor(owner)
    if wrapper is not None and wrapper not in seen:
        seen.add(wrapper)
        whole = wrapper.text_content()
        if whole.strip() != text.strip() and _has_digit_short(whole):
            out += [(rank, c) for c in read(whole)]
    return out


def _date_classed_ancestor(el: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    for _ in range(3):
        if el is None or not isinstance(el.tag, str) or el.tag in ("body", "article", "main"):
            return None
        if _is_date_classed(el):
            return el
        el = el.getparent()
    return None


def _has_digit_short(text: str | None) -> bool:
    return bool(text) and len(text) <= 160 and _DIGIT.search(text) is not None  # type: ignore[arg-type]


def _is_date_classed(el: lxml.html.HtmlElement) -> bool:
    attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return any(w in attrs for w in _DATE_WORDS)


def _in_caption(el: lxml.html.HtmlElement | None) -> bool:
    for _ in range(_CAPTION_DEPTH):
        if el is None or not isinstance(el.tag, str):
            return False
        if el.tag in _CAPTION_TAGS or _CAPTION_ATTR.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
        el = el.getparent()
    return False


def headline_index(title: str, items: list[Any]) -> int:
    """Position of the headline in ``items``: the text equal to ``title`` (og:title / <title>), else the first <h1>.

    The title match comes first because some sites' <h1> is the logo.
    """
    title = " ".join(title.split()).lower()
    if len(title) >= 10:
        first = title[0]
        matches = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or len(item) < 10 or item.lstrip()[:1].lower() != first:
                continue
            text = " ".join(item.split()).lower()
            if len(text) >= 10 and (text[:40] == title[:40] or title.startswith(text)):
                owner = item.getparent()  # type: ignore[attr-defined]
                if not item.is_tail and owner is not None and owner.tag != "a":  # type: ignore[attr-defined]
                    matches.append((i, owner))
        # a news ticker may repeat the headline before the article: a heading's copy wins
        for i, owner in matches:
            if owner.tag in _HEADINGS or (owner.getparent() is not None and owner.getparent().tag in _HEADINGS):
                return i
        if matches:
            return matches[0][0]
    for i, item in enumerate(items):
        if not isinstance(item, str) and item.tag == "h1" and item.text_content().strip():
            return i
    return 0
