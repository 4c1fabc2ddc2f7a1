"""Visible datelines: short date-shaped texts near the headline, found in one XPath pass.

Why one XPath union instead of walking every element in Python: building a Python
proxy for each of a page's thousands of elements cost several ms a page.  The union
of (non-blank text nodes, long body paragraphs, <h1>s, date-classed elements) comes
back in document order, so distances to the headline and "stop at the first body
paragraph" are read off one list; only the few date-shaped texts touch the tree again.

Lists of links to other articles (related, popular, "baca juga", sidebars) carry those
articles' times, often next to the headline: :class:`LinkLists` says whether an element
sits in one, so neither a ``<time>`` nor a visible date inside one is ever the page's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import lxml.etree
import lxml.html

from archiver.dates.shapes import MONTHS, WEEKDAYS

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


_DATE_WORDS_IN_TEXT = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"wib", "wita", "wit", "utc", "gmt", "at", "pukul",
                                                               "jam", "lalu", "yang", "ago", "-", "–", "—", "|", "·", "•"}


def scan_datelines(root: lxml.html.HtmlElement, read: DatelineReader, *, title: str, window: int = 40,
                   limit: int = 20) -> list[Any]:
    """Candidates read by ``read`` from texts near the headline, nearest first.

    ``read`` turns one text into zero or more candidates (it does the date parsing).
    Texts inside image captions/credits are skipped.  Distance counts non-blank text
    nodes; texts before the headline pay one extra step (sidebars come first in source).
    """
    body = root.find("body")
    if body is None:
        return []
    items = _UNION(body)
    found_head = headline_index(title, items)
    head = max(found_head, 0)
    lists = LinkLists(_element_of(items[head]) if found_head >= 0 else None)
    end = next((i for i in range(head + 1, len(items)) if not isinstance(items[i], str)
                and items[i].tag == "p"), len(items))  # the XPath only returns long paragraphs
    found: list[tuple[int, Any]] = []
    seen: set[Any] = set()  # date-classed wrappers already read
    near = range(max(0, head - window), min(end, head + window + 1))
    for i in near:
        if isinstance(items[i], str):
            found += _read_text(items[i], read, abs(i - head) + (0 if i >= head else 1), seen, lists)
    # a labelled date counts anywhere, even past the article's first paragraph ("Datum 28.04.2023")
    for i, item in enumerate(items[:-1]):
        if isinstance(item, str) and len(item) < 40 and i + 1 not in near and _DATE_LABEL.match(item.strip()):
            nxt = items[i + 1]
            if isinstance(nxt, str):
                found += _read_text(nxt, read, _LABEL_RANK + abs(i + 1 - head), seen, lists)
    found.sort(key=lambda pair: pair[0])
    return [c for _, c in found[:limit]]


def _read_text(text: str, read: DatelineReader, rank: int, seen: set[Any], lists: LinkLists) -> list[tuple[int, Any]]:
    """Candidates from one text node, and from its date-classed wrapper when the date is split
    across children (``<div class="date"><span>Selasa, 23/02/2016</span> 16:00 WIB</div>``)."""
    if not _has_digit_short(text):
        return []
    owner = _element_of(text)
    if owner is None or _in_caption(owner):
        return []
    out = [(rank, c) for c in read(text)]
    wrapper = _date_classed_ancestor(owner)
    if wrapper is not None and wrapper not in seen:
        seen.add(wrapper)
        whole = wrapper.text_content()
        if whole.strip() != text.strip() and _has_digit_short(whole):
            out += [(rank, c) for c in read(whole)]
    if out and lists.holds(owner):
        return []  # another article's time in a related/popular list
    return out


def _element_of(item: Any) -> lxml.html.HtmlElement | None:
    """The element a text node (or an element item) of the XPath union belongs to."""
    if not isinstance(item, str):
        return item
    owner = item.getparent()  # type: ignore[attr-defined]
    if owner is not None and item.is_tail:  # type: ignore[attr-defined]
        owner = owner.getparent()
    return owner


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


def _normal(title: str) -> str:
    return " ".join(title.split()).lower()


def _is_title(text: str, title: str) -> bool:
    return len(title) >= 10 and len(text) >= 10 and (text[:40] == title[:40] or title.startswith(text))


def headline_element(root: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement | None:
    """The heading whose text is ``title`` (og:title / <title>), else the first non-empty <h1> (cheap: headings only)."""
    body = root.find("body")
    if body is None:
        return None
    title = _normal(title)
    first_h1 = None
    for heading in body.iter("h1", "h2", "h3"):
        text = " ".join(heading.text_content().split()).lower()
        if _is_title(text, title):
            return heading
        if first_h1 is None and heading.tag == "h1" and text:
            first_h1 = heading
    return first_h1


def headline_index(title: str, items: list[Any]) -> int:
    """Position of the headline in ``items``: the text equal to ``title`` (og:title / <title>), else the
    first <h1>; -1 when there is neither.

    The title match comes first because some sites' <h1> is the logo.
    """
    title = _normal(title)
    if len(title) >= 10:
        first = title[0]
        matches = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or len(item) < 10 or item.lstrip()[:1].lower() != first:
                continue
            text = " ".join(item.split()).lower()
            if _is_title(text, title):
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
    return -1


# --- lists of links to other articles ------------------------------------------------------------

_LIST_WORDS = re.compile(r"related|terkait|rekomendasi|recommend|populer|popular|trending|most-?read|terbaca|"
                         r"lainnya|baca-?juga|bacajuga|lihat-?juga|sidebar|widget|more-?news|berita-?lain|"
                         r"read-?more|also-?read|teaser", re.I)
_LIST_TAGS = frozenset({"ul", "ol", "aside", "nav"})
_CARD_DEPTH = 4  # a card (one linked title + its time) sits within a few levels of the time
_LIST_DEPTH = 6  # levels above the card looked at for the list or box holding it
_CARD_CHARS = 600


class LinkLists:
    """Whether an element sits in a list of links to other articles, for one page.

    It does when it is inside a link that also carries a title (a card that is one link),
    or inside a *card*: the smallest container within a few levels that holds a titled
    link, small, and linking to one page only (an info box with several topic or share
    links is not a card), where that card is one of several siblings with titled links or
    sits in a ``ul``/``ol``/``aside``/``nav`` or a box named like a list ("related",
    "terkait", "populer", "sidebar" …).  Nothing that shares a container with the headline
    is ever in a list: the walk stops there (the article's own header and body).
    """

    def __init__(self, headline: lxml.html.HtmlElement | None) -> None:
        chain = [headline, *headline.iterancestors()] if headline is not None else []
        self._stop: dict[Any, int] = {el: i for i, el in enumerate(chain)}
        self._memo: dict[Any, frozenset[str]] = {}
        self._cards: dict[Any, bool] = {}

    def holds(self, el: lxml.html.HtmlElement) -> bool:
        """True when ``el`` is in another article's card, or in a link that carries a title."""
        node, card = el, None
        for _ in range(_CARD_DEPTH):
            if self._outside(node):
                return False
            if node.tag == "a" and node.get("href") is not None and _title_words(node.text_content()) >= 3:
                return True
            if self._titled_hrefs(node):
                if not self._is_card(node):
                    return False  # several pages linked, or a long text: an info box or the article, not a card
                card = node
                break
            node = node.getparent()
        if card is None:
            return False
        parent = card.getparent()
        for holder in (parent, parent.getparent() if parent is not None else None):
            if holder is None or self._outside(holder):
                break
            if sum(1 for c in holder if isinstance(c.tag, str) and self._is_card(c)) >= 2:
                return True  # one of several cards
        node = parent
        for _ in range(_LIST_DEPTH):
            if node is None or self._outside(node):
                return False
            if node.tag in _LIST_TAGS or _LIST_WORDS.search(f"{node.get('class', '')} {node.get('id', '')}"):
                return True
            node = node.getparent()
        return False

    def steps_from_headline(self, el: lxml.html.HtmlElement) -> int:
        """Levels above the headline of the nearest container ``el`` shares with it (lower is nearer)."""
        for ancestor in el.iterancestors():
            if ancestor in self._stop:
                return self._stop[ancestor]
        return 0

    def _outside(self, node: Any) -> bool:
        return node is None or not isinstance(node.tag, str) or node.tag in ("body", "html") or node in self._stop

    def _is_card(self, node: Any) -> bool:
        """Small and linking one page with a title: another article's teaser."""
        if node not in self._cards:
            self._cards[node] = len(self._titled_hrefs(node)) == 1 and len(node.text_content()) <= _CARD_CHARS
        return self._cards[node]

    def _titled_hrefs(self, node: Any) -> frozenset[str]:
        """The targets of the links with a title (three or more non-date words) inside ``node``."""
        if node not in self._memo:
            self._memo[node] = frozenset(a.get("href", "") for a in node.iter("a")
                                         if a.get("href") is not None and _title_words(a.text_content()) >= 3)
        return self._memo[node]


def _title_words(text: str) -> int:
    """Words that are not part of a date: no digits, no month, weekday or zone names ("Kamis, 2 Mei 2024 WIB" has none)."""
    count = 0
    for word in text.split():
        low = word.strip(",.:;|()'\"").lower()
        if low and not any(ch.isdigit() for ch in low) and low not in _DATE_WORDS_IN_TEXT:
            count += 1
    return count
