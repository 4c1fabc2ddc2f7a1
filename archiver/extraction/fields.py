"""Choose and clean article fields from the page's metadata and markup.

Each function takes the parsed tree and :class:`PageMeta`, tries the site's
selector first, then JSON-LD, OpenGraph / meta tags, then visible markup.
"""

from __future__ import annotations

import html
import re
from typing import Sequence
from urllib.parse import urljoin, urlsplit

from courlan import extract_domain
from lxml.cssselect import CSSSelector
from lxml.etree import Element, XPath
from lxml.html import HtmlElement

from archiver.extraction.rules import Rules
from archiver.page.meta import PageMeta, breadcrumbs, names, urls

_SPACE = re.compile(r"\s+")
# Full-width or doubled separators before a site name: "…｜日刊ゲンダイDIGITAL", "…--时政--人民网", "…-정치ㅣ한국일보".
_TRAILING_SITE = re.compile(r"\s*(?:[｜ㅣ]|--|\s-\s?|\s\|\s?)\s*[^｜ㅣ|]{1,20}(?:[ㅣ｜]|--|-)[^｜ㅣ|\s]{1,12}$|\s*[｜][^｜]{1,20}$"
                            r"|-[^\s\-ㅣ｜|]{1,6}[ㅣ｜][^｜ㅣ|]{1,20}$")  # "…다-정치ㅣ한국일보": hyphen-joined section, then site
_ROLE = re.compile(r"^\s*(penulis|reporter|editor|redaktur|pewarta|kontributor|(?:diposting|dikirim|ditulis) oleh|"
                   r"posted by|oleh|by|penyunting|"
                   r"laporan wartawan|wartawan|author|written by|foto|fotografer)\b\s*[:|\-–]*\s*", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|&|\||/|\bdan\b|\band\b)\s*", re.I)
_NOT_PERSON = re.compile(r"(\.com|\.co\.id|\.id\b|https?:|www\.|^redaksi$|^admin$|^tim\b|^team\b)", re.I)


def squash(text: str | None) -> str | None:
    """Whitespace collapsed, entities a CMS double-escaped decoded, invisible characters removed."""
    text = _SPACE.sub(" ", html.unescape(text or "").replace("\u200b", "").replace("\xad", "")).strip()
    return text or None


def select_text(root: HtmlElement, css: str | None) -> str | None:
    """Text of the first element matching a site's CSS selector."""
    if not css:
        return None
    for el in CSSSelector(css)(root):
        text = squash(el.text_content())
        if text:
            return text
    return None


def site_words(page: PageMeta, site_name: str | None, host: str) -> set[str]:
    words = {w.lower() for w in (page.first("og:site_name"), site_name, host, host.removeprefix("www."),
                                 _title_other_half(page)) if w}
    domain = extract_domain(f"https://{host}/") or ""
    if domain:
        words.add(domain.split(".")[0].lower())
        words.add(domain.lower())
    return words


_TITLE_SEPARATORS = (": ", " - ", " | ", " – ", " — ", " » ")


def _title_other_half(page: PageMeta) -> str | None:
    """The site's name as the ``<title>`` spells it beside the headline: "Catatan Lombok: <og:title>" (Blogger
    item pages, which state no ``og:site_name``) names the site "Catatan Lombok"."""
    og = squash(page.first("og:title"))
    full = squash(page.root.findtext(".//title"))
    if not og or not full or og == full:
        return None
    for sep in _TITLE_SEPARATORS:
        head, found, tail = full.partition(sep)
        if found and tail == og and len(head) <= 40:
            return head
        head, found, tail = full.rpartition(sep)
        if found and head == og and len(tail) <= 40:
            return tail
    return None


def _is_site_name(segment: str, site_words: set[str], extra: tuple[str, ...]) -> bool:
    seg = segment.strip().lower()
    if not seg:
        return True
    if any(seg == s.strip(" -|").lower() for s in extra):
        return True
    if len(seg) > 40:
        return False
    if any(len(seg) >= 4 and seg in w for w in site_words):
        return True
    # "VOGUE Germany", "Tages-Anzeiger.ch" but not "Kate Moss auf dem VOGUE-Cover": the
    # site's word must be most of the segment, not one word of a headline clause.
    return any(w in seg and len(w) >= 0.5 * len(seg) for w in site_words if len(w) >= 3) \
        or (len(re.findall(r"\w+", seg)) <= 3 and any(w in seg for w in site_words if len(w) >= 3))


def strip_site_name(title: str, rules: Rules, site_words: set[str]) -> str:
    """Remove " - Kompas.com" style suffixes (and "Site | " prefixes)."""
    title = _TRAILING_SITE.sub("", title)
    for suffix in rules.title_suffixes:
        if title.endswith(suffix) and len(title) > len(suffix):
            title = title[: -len(suffix)].rstrip()
    title = _cut_after_site(title, rules, site_words)
    changed = True
    while changed:
        changed = False
        for sep in rules.title_separators:
            head, found, tail = title.rpartition(sep)
            if found and head.strip() and _is_site_name(tail, site_words, rules.title_suffixes):
                title, changed = head.strip(), True
            head, found, tail = title.partition(sep)
            if found and tail.strip() and _is_site_name(head, site_words, rules.title_suffixes):
                title, changed = tail.strip(), True
    return title


_BAR = re.compile(r"\s+[|｜]\s+")


def _cut_after_site(title: str, rules: Rules, site_words: set[str]) -> str:
    """"Headline | The Site | by Author": a middle ``|`` segment naming the site ends the headline."""
    parts = _BAR.split(title)
    for i in range(1, len(parts) - 1):
        if _is_site_name(parts[i], site_words, rules.title_suffixes):
            return " | ".join(parts[:i])
    return title


# Agreement between sources decides the headline; alone, JSON-LD beats the
# visible <h1> (often a section name on old templates), which beats og:title.
_W_HEADLINE, _W_H1, _W_OG, _W_TITLE = 1.3, 1.2, 1.1, 0.9


def title(root: HtmlElement, page: PageMeta, rules: Rules, site_name: str | None, host: str) -> str | None:
    """The headline without the site's name."""
    words = site_words(page, site_name, host)
    chosen = select_text(root, rules.site.title)
    if chosen:
        return strip_site_name(chosen, rules, words)
    h1 = next((squash(h.text_content()) for h in root.iter("h1") if squash(h.text_content())), None)
    sources = [(w, squash(h)) for w, h in ((_W_HEADLINE, h) for h in names(page.article.get("headline"))[:1])]
    sources += [(_W_OG, page.first("og:title", "twitter:title")), (_W_H1, h1)]
    sources += [(_W_TITLE, squash(t.text_content())) for t in root.iter("title")][:1]
    votes: dict[str, float] = {}
    spelling: dict[str, str] = {}
    for weight, text in sources:
        if not text:
            continue
        text = strip_site_name(text, rules, words)
        key = " ".join(text.lower().split())
        if key in words:  # an <h1> holding the site's name (Blogger's header), not a headline
            continue
        votes[key] = votes.get(key, 0.0) + weight
        spelling.setdefault(key, text)
    if not votes:
        return None
    return spelling[max(votes, key=votes.__getitem__)]


def authors(root: HtmlElement, page: PageMeta, rules: Rules, site_name: str | None, host: str) -> list[str]:
    """Clean person names: no role labels, no site name, no duplicates.

    Sources in order: the site's selector, JSON-LD ``author`` (else ``creator``), author meta tags,
    then the visible byline (``itemprop=author``, a byline/author box, a "Penulis : …" label row):
    old templates name the writer only there.
    """
    words = site_words(page, site_name, host)
    raw: list[str] = []
    if rules.site.authors:
        raw = [squash(el.text_content()) or "" for el in CSSSelector(rules.site.authors)(root)]
    if not raw:
        raw = names(page.article.get("author")) or names(page.article.get("creator"))
    if not raw:
        raw = [a for a in page.all("author", "article:author", "dc.creator", "byl", "content_author") if not a.startswith("http")]
    out = person_names(raw, words)
    return out or person_names(visible_bylines(root), words)


def person_names(raw: list[str], words: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Names of byline texts: role labels and site names dropped, capitals title-cased, no duplicates."""
    out: list[str] = []
    for item in raw:
        for name in _SPLIT.split(_byline_text(item or "", words)):
            name = _ROLE.sub("", name).strip(" .:-–")
            if not name or _NOT_PERSON.search(name) or name.lower() in words or any(w in name.lower() for w in words if len(w) >= 4):
                continue
            if len(name) > 60 or not re.search(r"[^\W\d_]", name):
                continue
            if name.isupper() and len(name) > 3:
                name = name.title()  # "DIAN ANDRIYANI" signed under the article
            if name.lower() not in (o.lower() for o in out):
                out.append(name)
    return out


_CONTRIBUTOR = re.compile(r"^kontributor\s+[^,]{1,40},\s*", re.I)  # "Kontributor Makassar, Hendra Wijaya"
_DASH_TAIL = re.compile(r"\s+[-–—|]\s+(.*)$")


def _byline_text(text: str, words: set[str]) -> str:
    """A byline without its role label, "Kontributor <city>," prefix, "<Site>/" prefix or " - <Site> <date>" tail."""
    text = _CONTRIBUTOR.sub("", _ROLE.sub("", squash(text) or ""))
    head, slash, tail = text.partition("/")
    if slash and head.strip().lower() in words:
        text = tail
    match = _DASH_TAIL.search(text)
    if match and any(match.group(1).lower().startswith(w) for w in words if len(w) >= 4):
        text = text[: match.start()]
    return text


_BYLINE_BOX = re.compile(r"author|byline|penulis|reporter|wartawan|writer", re.I)
_LABELLED = re.compile(r"^\s*(penulis|reporter|oleh|by|foto|fotografer|pewarta|wartawan)\s*[:|]", re.I)
_IN_FORM = XPath("boolean(ancestor::form)")


def _byline_box(el: HtmlElement) -> bool:
    """``itemprop=author`` or an author/byline class or id; not a <meta>, <link> or empty link (no visible text)."""
    cls, ident = el.get("class"), el.get("id")
    if el.get("itemprop") != "author" and not (
            (cls is not None or ident is not None) and _BYLINE_BOX.search(f"{cls or ''} {ident or ''}")):
        return False
    return el.tag not in ("meta", "link") and not (el.tag == "a" and el.get("href") is not None and not len(el) and not el.text)


def visible_bylines(root: HtmlElement) -> list[str]:
    """Visible byline texts: ``itemprop=author`` elements, author/byline boxes, "Penulis : …" label rows."""
    out: list[str] = []
    for el in root.iter(Element):  # one pass over the elements: faster than an XPath for @class or @id
        if _byline_box(el):
            if _IN_FORM(el):  # a comment form's "Nama *" field (WordPress's comment-form-author)
                continue
            text = squash(el.text_content())
            if text and len(text) <= 120 and not any(text in o or o in text for o in out):
                out.append(text)
    for row in root.iter("tr"):
        text = squash(" ".join(c.text_content() for c in row))
        if text and len(text) <= 120 and _LABELLED.match(text):
            out.append(text)
    return out

_HOME_WORDS = frozenset({"home", "beranda", "index", "news", "berita"})


def section(page: PageMeta, visible_crumbs: Sequence[str] = (), site_words: frozenset[str] | set[str] = frozenset()) -> str | None:
    """Section from JSON-LD articleSection, meta tags, then breadcrumbs (JSON-LD, else the visible trail).

    A trail's leading items naming the site itself ("KapanLagi.com", "detikFinance") are its home, not a section.
    """
    for value in names(page.article.get("articleSection")):
        if squash(value):
            return squash(value)
    value = page.first("article:section", "section", "kanal", "category", "dtk:kanal")
    if value:
        return value
    crumbs = [c for c in (breadcrumbs(page) or visible_crumbs) if c.lower() not in _HOME_WORDS]
    while len(crumbs) > 1 and any(w in crumbs[0].lower() for w in site_words if len(w) >= 4):
        crumbs.pop(0)
    return crumbs[0] if crumbs else None


def tags(page: PageMeta) -> list[str]:
    """Tags from article:tag, JSON-LD keywords, then news_keywords/keywords."""
    raw = page.all("article:tag")
    if not raw:
        kw = page.article.get("keywords")
        raw = kw if isinstance(kw, list) else ([kw] if isinstance(kw, str) else [])
    if not raw:
        raw = page.all("news_keywords", "keywords")
    out: list[str] = []
    for item in raw:
        for tag in str(item).split(","):
            tag = tag.strip()
            if tag and tag.lower() not in (t.lower() for t in out):
                out.append(tag)
    return out


def images(page: PageMeta, base: str) -> list[str]:
    """Lead image first (og:image, JSON-LD image), absolute, deduplicated."""
    raw = page.all("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    raw += urls(page.article.get("image")) + urls(page.article.get("thumbnailUrl"))
    out: list[str] = []
    for src in raw:
        absolute = urljoin(base, src.strip())
        if urlsplit(absolute).scheme in ("http", "https") and absolute not in out:
            out.append(absolute)
    return out


def description(page: PageMeta) -> str | None:
    value = page.first("og:description", "description", "twitter:description")
    if not value and isinstance(page.article.get("description"), str):
        value = page.article["description"]
    return squash(value)


# "readcrumb" matches breadcrumb, Breadcrumb and breadcrumbs without translate() on every element
_BREADCRUMB_XPATH = "//*[contains(@class, 'readcrumb') or contains(@id, 'readcrumb')]"


def visible_breadcrumbs(root: HtmlElement) -> list[str]:
    """Link texts of the page's first visible breadcrumb trail (nav.breadcrumb, ol.breadcrumbs…)."""
    for trail in root.xpath(_BREADCRUMB_XPATH):
        links = [(" ".join(a.text_content().split()), a.get("href") or "") for a in trail.iter("a")]
        links = [(t, href) for t, href in links if t]
        # the first item is the trail's home whatever its name ("Home", "detikFinance", "Sports" linking to
        # finance.detik.com/ or sports.okezone.com/): a host's root there is not a section
        if len(links) > 1 and urlsplit(links[0][1]).path in ("", "/"):
            links = [(links[0][0] if links[0][0].lower() in _HOME_WORDS else "home", "")] + links[1:]
        texts = [t for t, _ in links]
        if texts:
            return texts
    return []
