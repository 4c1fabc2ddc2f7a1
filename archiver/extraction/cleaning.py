"""Remove boilerplate: elements before trafilatura sees the page, lines after.

Element rules (CSS selectors, link-only lists) act on the parsed tree; line
rules are whole-line regexes so a sentence that merely mentions "baca juga"
or "advertisement" is kept.  Desk codes at the end move to their own list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from courlan import extract_domain
from lxml.etree import Element, XPath
from lxml.html import HtmlElement

from archiver.extraction.rules import Rules
from archiver.urls import host_of

_SPACE = re.compile(r"\s+")
_KEEP_TAGS = {"html", "body", "article", "main"}
_LINK_TEXTS = XPath(".//a//text()", smart_strings=False)
_ITEMS = XPath("count(li)")  # counted in C: menus have a hundred items
_ITEMS_WITH_LINK = XPath("count(li[.//a])")
_MAX_SHARE = 0.25


def _long_paragraphs(el: HtmlElement) -> int:
    """Paragraphs of prose (>= 150 characters) inside ``el``: related boxes have none."""
    return sum(1 for p in el.iter("p") if len(p.text_content()) >= 150)


def _text_len(el: HtmlElement) -> int:
    """Characters of text in ``el``, whitespace not counted."""
    return _solid_len(text_of(el))


def _solid_len(text: str) -> int:
    """Length of ``text`` without whitespace (``str.split`` drops exactly what ``\\s`` matches)."""
    return len("".join(text.split()))


def _detached(el: HtmlElement, root: HtmlElement) -> bool:
    """Whether ``el`` no longer hangs under ``root`` (it or an ancestor was dropped)."""
    return root not in el.iterancestors()


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text in the document."""
    el.drop_tree()


def prune_tree(root: HtmlElement, rules: Rules) -> None:
    """Remove boilerplate elements (selectors, then link lists) in place.

    Broad selectors such as ``[class*=related]`` also match page wrappers
    ("has-related-posts"); an element holding a large share of the page's
    text (or several paragraphs) is therefore never pruned.
    """
    body = root.find("body")
    limit = _MAX_SHARE * _text_len(body if body is not None else root)
    for el in _matches(root, rules):
        if el.tag in _KEEP_TAGS or _detached(el, root):
            continue  # inside a box already dropped (menus nest their matches: menu > menu-item > menu-label)
        if _text_len(el) > limit or _long_paragraphs(el) >= 3:
            continue
        _drop(el)
    for lst in root.iter("ul", "ol"):
        if lst.getparent() is not None and is_link_list(lst, rules):
            _drop(lst)


_INLINE = frozenset("a b strong i em u span font small sup sub abbr cite q mark time br".split())
_BLOCK = frozenset("p div ul ol table h2 h3 h4 h5 blockquote figure section".split())
_CONTAINERS = ("div", "span", "td", "article", "section")
_MIN_LOOSE = 100  # characters: a lead paragraph, not a stray label


def wrap_loose_text(root: HtmlElement) -> None:
    """Put prose that sits loose in a container (outside any <p>) into its own <p>.

    Old templates (viva, kapanlagi) write the lead paragraph as bare text and
    inline tags before the first <p>/<div>; trafilatura walks the block
    children and drops such text, losing the article's first paragraph.
    Only runs of >= 100 characters that are mostly not link text are wrapped.
    """
    for el in [e for e in root.iter(*_CONTAINERS) if any(k.tag in _BLOCK for k in e)]:
        runs: list[tuple[HtmlElement | None, list[HtmlElement]]] = []  # (block before run, inline kids)
        before: HtmlElement | None = None
        kids: list[HtmlElement] = []
        for kid in el:
            tag = kid.tag  # a comment's tag is a function: in neither set
            if tag in _BLOCK:
                runs.append((before, kids))
                before, kids = kid, []
            elif tag in _INLINE:
                kids.append(kid)
        runs.append((before, kids))
        for before, kids in runs:
            if kids or len(((el.text if before is None else before.tail) or "").strip()) >= _MIN_LOOSE:
                _wrap_run(el, before, kids)


def _wrap_run(parent: HtmlElement, before: HtmlElement | None, kids: list[HtmlElement]) -> None:
    lead = (parent.text if before is None else before.tail) or ""
    text = lead + "".join(k.text_content() + (k.tail or "") for k in kids)
    if len(text.strip()) < _MIN_LOOSE:
        return
    links = sum(len(a.text_content()) for k in kids for a in k.iter("a"))
    if links > 0.5 * len(text.strip()):
        return
    para = parent.makeelement("p", {})
    para.text = lead
    if before is None:
        parent.text = None
        parent.insert(0, para)
    else:
        before.tail = None
        before.addnext(para)
    for kid in kids:
        para.append(kid)  # moves the element with its tail text


def _matches(root: HtmlElement, rules: Rules) -> list[HtmlElement]:
    """Elements the prune rules select, outermost first.

    Class/id selectors (the bulk of the list) are tested in one pass over
    the elements with a class or id; other selectors go through lxml.
    """
    found = []
    for el in root.iter(Element):  # elements only (no comments); faster than an XPath for @class or @id
        cls, ident = el.get("class"), el.get("id")
        if (cls is not None or ident is not None) and rules.selects(cls, ident):
            found.append(el)
    for selector in rules.prune:
        found.extend(selector(root))
    return found


def is_link_list(lst: HtmlElement, rules: Rules) -> bool:
    """True for a list whose items are mostly links (related / latest news)."""
    items = _ITEMS(lst)
    if items < rules.min_items:
        return False
    if _ITEMS_WITH_LINK(lst) / items < rules.min_link_share:
        return False
    total = _text_len(lst)
    links = _solid_len("".join(_LINK_TEXTS(lst)))  # _text_len summed over the links, in one pass
    return total == 0 or links / total >= rules.min_link_density


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


_LABEL = re.compile(r"^(baca juga|lihat juga|baca|simak juga|simak|berita terkait|artikel terkait) ")
_NOISE_TOKENS = frozenset("wib wita wit senin selasa rabu kamis jumat sabtu minggu ahad".split())


def link_key(text: str) -> str:
    """Words of a line or link text without numbers and date words ("05 Kamis, 05/11/2015 09:32 WIB Foo" -> "foo")."""
    return " ".join(t for t in re.findall(r"[^\W\d_]+", text.lower()) if t not in _NOISE_TOKENS)


_NOT_LETTERS = re.compile(r"(?:[^\w\x00]|[\d_])+")  # what separates link_key's words; \x00 separates links


@lru_cache(maxsize=4096)
def _domain(host: str) -> str | None:
    """The registered domain of a host (``finance.detik.com`` -> ``detik.com``; None for an IP or localhost)."""
    return extract_domain(f"http://{host}/", fast=True)


def _to_another_page_of(href: str | None, site_domain: str | None) -> bool:
    """Whether a link goes to another page of the site (``site_domain``; None: of any site).

    Not a table of contents' ``#section`` anchor, a script handler, a mail address or a link without a
    target, whose texts are the article's own headings; not another site either, which is what a
    listicle's headings link to ("1. JP Urban Moving"): teaser cards point at the site's own articles.
    """
    href = (href or "").strip()
    scheme = href[:11].lower()  # enough for "javascript:"; this runs for every link of a page
    if not href or scheme.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    if site_domain is None or not scheme.startswith(("http://", "https://", "//")):
        return True
    return _domain(host_of(href)) == site_domain  # host_of reads "//host/…" too


def link_texts(root: HtmlElement, url: str | None = None) -> frozenset[str]:
    """Keys of the texts of the page's links to the site's other pages: a body line equal to one is a
    headline list item.  ``url``: the page's, whose registered domain is the site's (None: every link).

    The same as :func:`link_key` per link, with one regex pass over all link
    texts (a page has hundreds of links; a pass per link was most of the cost).
    """
    site_domain = _domain(host_of(url)) if url else None
    joined = "\x00".join(text_of(a).replace("\x00", " ") for a in root.iter("a")
                          if _to_another_page_of(a.get("href"), site_domain)).lower()
    keys: set[str] = set()
    for text in set(_NOT_LETTERS.sub(" ", joined).split("\x00")):
        words = text.split()
        if not _NOISE_TOKENS.isdisjoint(words):
            words = [w for w in words if w not in _NOISE_TOKENS]
        if words:
            keys.add(" ".join(words))
    return frozenset(keys)


def text_of(el: HtmlElement) -> str:
    """``el.text_content()``, without its XPath call for the usual element that holds only text."""
    return el.text_content() if len(el) else el.text or ""


@dataclass
class Cleaned:
    """Body paragraphs, the desk codes found at the end, and the names of a closing sign-off."""

    lines: list[str]
    codes: list[str] = field(default_factory=list)
    signed: list[str] = field(default_factory=list)


def clean_lines(text: str, rules: Rules, title: str | None = None,
                links: frozenset[str] = frozenset()) -> Cleaned:
    """Body paragraphs without boilerplate lines, lead-in lines, closing lines and trailing desk codes.

    A line that is nothing but the text of one of the page's links (plus
    perhaps a date or a rank number) is a related/latest-news entry.
    """
    title_key = _norm(title) if title else None
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _SPACE.sub(" ", raw).strip().lstrip("-•·* ").strip()
        if not line or _is_boilerplate(line, rules) or _is_link_line(line, links):
            continue
        if title_key and not lines and _norm(line) == title_key:
            continue  # the headline repeated above the body
        lines.append(line)
    del lines[:_lead_in(lines, rules)]
    out = Cleaned(lines, _pop_desk_codes(lines, rules))
    while lines and len(lines) > 1:
        signed = rules.sign_off.fullmatch(lines[-1])
        if signed:
            out.signed[:0] = [n.strip() for n in signed.group("names").split(",")]
        elif not any(p.fullmatch(lines[-1]) for p in rules.closing):
            break
        lines.pop()
        out.codes[:0] = _pop_desk_codes(lines, rules)
    return out


def _lead_in(lines: list[str], rules: Rules) -> int:
    """How many short lines (kicker, deck, repeated headline) come before the dateline paragraph; 0 if none."""
    for i in range(1, min(rules.lead_in_lines, len(lines) - 1) + 1):
        if len(lines[i - 1]) > rules.lead_in_max or _has_dateline(lines[i - 1], rules):
            return 0
        if _has_dateline(lines[i], rules):
            return i
    return 0


def _has_dateline(line: str, rules: Rules) -> bool:
    match = rules.dateline.match(line)
    if match is None:
        return False
    place = re.split(r"\s[-–—]", line, maxsplit=1)[0]
    return bool(rules.dateline_marker.search(place))


def _is_link_line(line: str, links: frozenset[str]) -> bool:
    if not links or "://" in line or line.lower().startswith("www."):
        return False  # a bare URL the author wrote out is content
    key = link_key(line)
    return key in links or _LABEL.sub("", key) in links  # "Baca juga <linked headline>"


def _is_boilerplate(line: str, rules: Rules) -> bool:
    if line.strip("-–—|•·*_ ") == "":
        return True
    if rules.date_line.fullmatch(line):
        return True
    return any(p.fullmatch(line) for p in rules.drop_lines)


def _pop_desk_codes(lines: list[str], rules: Rules) -> list[str]:
    """Move trailing "(rdp/imk)" codes out of the last paragraphs."""
    codes: list[str] = []
    while lines:
        last = lines[-1]
        match = _last_code(last, rules)
        if match is None:
            break
        codes.insert(0, _SPACE.sub("", match.group(1)).lower())
        rest = last[: match.start()].rstrip()
        if rest:
            lines[-1] = rest
            break
        lines.pop()
    return codes


def _last_code(line: str, rules: Rules) -> re.Match[str] | None:
    """The desk code ending ``line``, if any (must follow a sentence end or stand alone)."""
    for match in rules.desk_code.finditer(line):
        if match.end() != len(line.rstrip()):
            continue
        before = line[: match.start()].rstrip()
        if not before or before[-1] in ".!?\"'”’)":
            return match
    return None
