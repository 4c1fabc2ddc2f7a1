"""The one answer to "what is this page, and where does it lead".

Every component asks here: the spider (which links to request as articles),
the crawl's page workers (:mod:`archiver.analysis`), ``archiver extract`` and
backfills.  So a site's own article patterns, the canonical-URL rule and the
pagination rule are decided once:

* :func:`is_article`: the site's ``deny``/``allow`` patterns first, then the URL
  shape of listings (home, indeks, tag, kanal, date archives…), then a WordPress
  static page (``<body class="page page-id-N">``, which Yoast marks
  ``og:type=article``), then what the page declares (``og:type=article``, a
  JSON-LD article type), then an article-shaped URL (:func:`article_shaped`: a
  dated path, WordPress's ``/?p=N``, Blogger's ``/YYYY/MM/slug.html``);
* :func:`canonical_link`: ``<link rel=canonical>`` (resolved against
  ``<base href>``) when it is on one of the site's domains;
* :func:`next_page_url`: the next page of a multi-page article.

What a page is comes back typed: :class:`ArticlePage`, :class:`CopyOf` (an
AMP/mirror copy naming its original) or :class:`Listing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from archiver.page.meta import PageMeta
from archiver.sites.config import SiteConfig  # not the package: the registry's check imports this module
from archiver.urls import article_url, canonical_url, has_dated_path, host_of, page_number, with_query_param

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
# never an article page: archives, images, audio, video, office documents, executables, feeds
BINARY_EXTENSIONS = frozenset(
    "7z 7zip bz2 rar tar tar.gz xz zip mng pct bmp gif jpg jpeg png pst psp tif tiff ai drw dxf eps ps svg cdr ico "
    "webp mp3 wma ogg wav ra aac mid au aiff 3gp asf asx avi mov mp4 mpg qt rm swf wmv m4a m4v flv webm xls xlsm "
    "xlsx xltm xltx potm potx ppt pptm pptx pps doc docb docm docx dotm dotx odt ods odg odp css pdf exe bin rss "
    "dmg iso apk jar sh rb js hta bat cpl msi msp py".split())
_NOT_HTTP = ("javascript:", "mailto:", "tel:", "whatsapp:", "data:", "sms:")
_LISTING_PATH = re.compile(r"/(indeks|index|tag|tags|topik|topic|kanal|category|kategori|search|cari|author|penulis)(/|$)", re.I)
# a date archive: /2025/, /2025/12/, /2025/12/03/ (WordPress, Blogger), optionally /page/N/
_DATE_ARCHIVE = re.compile(r"^/(19|20)\d{2}(/(0[1-9]|1[0-2])(/(0[1-9]|[12]\d|3[01]))?)?(/page/\d+)?/?$")
_BLOGGER_POST = re.compile(r"/(19|20)\d{2}/(0[1-9]|1[0-2])/[^/]+\.html$")  # Blogger: /2025/12/slug.html
_WP_POST_QUERY = re.compile(r"(^|&)p=\d+($|&)")  # WordPress's plain permalinks: /?p=123
_WP_ROOTS = ("", "/", "/index.php")
_MAX_VERDICTS = 100_000  # link verdicts memoised per site config


# -- what a page is -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Listing:
    """A home, section, index or tag page: followed, never archived."""

    links: tuple[str, ...] = ()  # on-site http(s) links worth judging, first seen first
    feeds: tuple[str, ...] = ()  # feeds advertised with <link rel=alternate>


@dataclass(frozen=True, slots=True)
class CopyOf:
    """A copy (AMP, mirror path, tracking variant) that names its same-site original."""

    canonical: str


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One article's page (the first, or page N of a multi-page article)."""

    next_page: str | None = None
    links: tuple[str, ...] = ()
    extraction: Any = None  # archiver.extraction.Extracted | Rejected | Failed, when extracted with the analysis


PageKind = Listing | CopyOf | ArticlePage


def is_listing_url(url: str) -> bool:
    """Home, index ("indeks"), tag, topic, category, search, author and date-archive pages."""
    parts = urlsplit(url)
    if parts.path in _WP_ROOTS and (parts.path in ("", "/") or not parts.query or _WP_POST_QUERY.search(parts.query)):
        return not _WP_POST_QUERY.search(parts.query)  # the home page, unless it is WordPress's /?p=N
    return parts.path.strip("/") == "" or bool(_LISTING_PATH.search(parts.path) or _DATE_ARCHIVE.match(parts.path))


def article_shaped(url: str, *, link: bool = False) -> bool:
    """A URL only articles have: a dated path, WordPress's plain permalink ``/?p=N``, a Blogger post.

    A ``link`` (not yet fetched) needs a dated path of two segments at least:
    "/20240503-foo" alone is too weak to request it as an article.
    """
    parts = urlsplit(url)
    if parts.path in _WP_ROOTS:
        return bool(_WP_POST_QUERY.search(parts.query))
    if _BLOGGER_POST.search(parts.path):
        return True
    return has_dated_path(url) and (not link or parts.path.count("/") >= 2)


def is_wordpress_page(meta: PageMeta) -> bool:
    """A WordPress static page ("Tentang Kami", "Redaksi", "Pedoman Media Siber"): ``<body class="page page-id-N">``.

    Yoast and JNews mark every page ``og:type=article``; WordPress's own body
    classes tell a post (``single-post postid-N``) from a page.
    """
    body = meta.root.find("body")
    classes = (body.get("class") or "").split() if body is not None else ()
    return "page" in classes and any(c.startswith("page-id-") for c in classes) and "single-post" not in classes


def is_article(url: str, site: SiteConfig, meta: PageMeta | None = None) -> bool:
    """Whether ``url`` (with its page's ``meta``, once fetched) is an article.

    A link is judged by its URL alone (``meta`` None): a site that states article
    patterns decides by them; otherwise a dated path is an article.  A fetched
    page may also declare itself one.
    """
    verdict = site.url_verdict(url)
    if verdict is not None:
        return verdict
    if is_listing_url(url):
        return False
    if meta is None:
        return not site.article_allow and article_shaped(url, link=True)
    if is_wordpress_page(meta):
        return False
    return meta.declares_article() or article_shaped(url)


def rejection(url: str, site: SiteConfig, meta: PageMeta, words: int) -> str | None:
    """Why extraction must not take this page as an article (None: it may).

    Pages that say nothing either way are taken when they hold enough prose:
    an article the URL rules do not know is better archived than lost.
    """
    verdict = site.url_verdict(url)
    if verdict is True:
        return None
    if verdict is False:
        return "the site's patterns deny this URL"
    if is_listing_url(url):
        return "listing, tag or index page"
    if words < 40 and not is_article(url, site, meta):
        return "not an article page (short text, no article signals)"
    return None


# -- canonical URL ---------------------------------------------------------------------------------

def base_url(root: HtmlElement, url: str) -> str:
    """What relative links resolve against: ``<base href>`` if the page has one, else its URL."""
    for href in root.xpath("//base/@href"):
        return urljoin(url, href.strip())
    return url


def canonical_link(meta: PageMeta, url: str, site: SiteConfig) -> str | None:
    """The page's ``<link rel=canonical>`` as an article URL, when it is on one of the site's domains."""
    for href in meta.links.get("canonical", ()):
        target = urljoin(base_url(meta.root, url), href)
        if urlsplit(target).scheme not in ("http", "https") or not site.allows_domain(host_of(target)):
            return None
        return article_url(target, site.page_params)
    return None


def article_url_of(meta: PageMeta, url: str, site: SiteConfig) -> str:
    """The URL the archive stores for this page: its canonical link, else the fetched URL, as an article URL."""
    return canonical_link(meta, url, site) or article_url(url, site.page_params)


def declared_copies(meta: PageMeta, url: str, site: SiteConfig) -> list[str]:
    """Other URLs the page itself names as the same article on the site: its AMP copy, its og:url."""
    base = base_url(meta.root, url)
    named = [*meta.links.get("amphtml", ()), *meta.all("og:url")]
    out = []
    for href in named:
        target = urljoin(base, href.strip())
        if urlsplit(target).scheme in ("http", "https") and site.allows_domain(host_of(target)) and target not in out:
            out.append(target)
    return out


def names_another(meta: PageMeta, url: str, site: SiteConfig) -> str | None:
    """The canonical original of a copy, when the page names one other than itself."""
    canonical = canonical_link(meta, url, site)
    return canonical if canonical and canonical != article_url(url, site.page_params) else None


# -- links and feeds ---------------------------------------------------------------------------------

def page_links(root: HtmlElement, url: str, site: SiteConfig) -> tuple[str, ...]:
    """On-site http(s) links of a page, each once, in page order; binaries and ``follow_deny`` left out.

    Every page repeats the menu and the "terkini" lists, so each link is judged
    once per site config and process (a bounded memo on the config).
    """
    base = base_url(root, url)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    verdicts = site.memo("followable")
    found: dict[str, None] = {}
    for href in root.xpath("//a/@href|//area/@href"):
        href = href.strip()
        if not href or href[0] == "#" or href.startswith(_NOT_HTTP):
            continue
        link = absolute(href, base, origin, parts.scheme)
        if link in found:
            continue
        keep = verdicts.get(link)
        if keep is None:
            if len(verdicts) >= _MAX_VERDICTS:
                verdicts.clear()
            keep = verdicts[link] = _followable(link, site)
        if keep:
            found[link] = None
    return tuple(found)


def _followable(link: str, site: SiteConfig) -> bool:
    """An absolute link worth reporting: http(s), on the site, not a binary file, not ``follow_deny``."""
    if not link.startswith(("http://", "https://")):
        return False
    try:
        parts = urlsplit(link)  # once: most links of a page are judged here, once per site and process
    except ValueError:  # "http://[broken/x": one bad href must not cost the page
        return False
    if not site.allows_domain(parts.hostname) or parts.path.lower().rsplit(".", 1)[-1] in BINARY_EXTENSIONS:
        return False
    return not any(p.search(link) for p in site.compiled("follow_deny"))


def advertised_feeds(meta: PageMeta, url: str, site: SiteConfig) -> tuple[str, ...]:
    """RSS/Atom/JSON feeds named by ``<link rel="alternate" type=…>`` on the site's domains."""
    feeds: list[str] = []
    base = base_url(meta.root, url)
    for link in meta.root.xpath("//link[@rel='alternate'][@href][@type]"):
        if link.get("type", "").lower() in FEED_TYPES:
            target = urljoin(base, link.get("href").strip())
            if site.allows_domain(host_of(target)) and target not in feeds:
                feeds.append(target)
    return tuple(feeds)


def absolute(href: str, base: str, origin: str, scheme: str) -> str:
    """``urljoin(base, href)``, without its cost for the common absolute and root-relative links."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return f"{scheme}:{href}"
    if href[0] == "/" and "/." not in href:
        return origin + href
    return urljoin(base, href)


# -- multi-page articles -----------------------------------------------------------------------------

_NEXT_TEXT = re.compile(r"^\s*(halaman\s+selanjutnya|selanjutnya|berikutnya|next(\s+page)?|halaman\s+berikut(nya)?|"
                        r"lanjut(kan)?( membaca)?)\s*[»>›→]*\s*$|^\s*[»>›→]\s*$", re.I)
_PAGE_NUM = re.compile(r"^\s*(halaman|hal\.?|page)?\s*(\d{1,3})\s*$", re.I)
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _pager_links(root: HtmlElement, key: str) -> Iterator[HtmlElement]:
    """``<link rel>`` and ``<a>`` elements that may point to the next page, in document order.

    A next page lies under the article's own path (see :func:`_article_key`): an
    absolute or root-relative href without that path cannot be one, and is
    skipped before any text is read.  An anchor without ``rel`` needs a text
    short enough to be "Selanjutnya" or a page number (30 characters, spaces
    collapsed as XPath's normalize-space does).
    """
    for el in root.iter("link", "a"):
        href = el.get("href")
        if href is None or not (key in href or not href.startswith(("http", "/")) or "/." in href):
            continue
        if el.get("rel") is not None or (
                el.tag == "a" and len(_XML_SPACE.sub(" ", el.text_content()).strip(" \t\r\n")) <= 30):
            yield el


def _article_key(url: str) -> str:
    """Path without a trailing page segment ("/2", "/page/2", "-2"): pages of one article share it."""
    path = urlsplit(url).path.rstrip("/")
    return re.sub(r"(/(page|halaman|hal))?/\d{1,3}$", "", path)


def next_page_url(root: HtmlElement, url: str) -> str | None:
    """The next page of this multi-page article, or None.

    Accepts rel=next, "Selanjutnya"/"Halaman selanjutnya" links and the link
    numbered current+1, but only when it stays within the same article path
    (so a listing's "next" never turns into an article page).
    """
    current = _current_page(url)
    candidates: list[str] = []
    for el in _pager_links(root, _article_key(url)):
        href = el.get("href")
        if not href or href.startswith(("#", "javascript:")):
            continue
        rel = (el.get("rel") or "").lower().split()
        text = " ".join((el.text_content() if el.tag == "a" else "").split())
        num = _PAGE_NUM.match(text)
        if "next" in rel or _NEXT_TEXT.match(text) or (num and int(num.group(2)) == current + 1):
            candidates.append(urljoin(url, href))
    for cand in candidates:
        if _article_key(cand) == _article_key(url) and canonical_url(cand) != canonical_url(url) \
                and _current_page(cand) == current + 1:
            return cand
    return None


def _current_page(url: str) -> int:
    number = page_number(url)
    if number is not None:
        return number
    match = re.search(r"(?:/(?:page|halaman|hal))?/(\d{1,3})/?$", urlsplit(url).path)
    return int(match.group(1)) if match and int(match.group(1)) < 200 else 1


def single_page_url(url: str, site: SiteConfig) -> str | None:
    """The site's whole-article form of ``url`` (e.g. ``?page=all``), if it has one."""
    if not site.single_page_param:
        return None
    name, _, value = site.single_page_param.partition("=")
    return with_query_param(url, name, value or "1")
