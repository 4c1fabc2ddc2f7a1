"""Generic news sites without a site config, one per CMS shape Indonesian newsrooms publish with.

Most Indonesian news sites outside the big networks run WordPress (core sitemaps, or Yoast's with
its News SEO add-on; the JNews and Newspaper themes), Blogger, or an AMP-only mobile site.  Each
shape here is a small site of its own, served by :class:`CmsServer` on its own port of 127.0.0.1,
so that robots.txt, sitemaps and feeds sit at the root where the CMS puts them and a crawl of its
bare URL (``archiver crawl http://127.0.0.1:PORT/``) gets an ad-hoc config, as any unknown site does.

The stories are demo articles (:mod:`archiver.demo.data`) republished under the site's own name,
in the CMS's markup; :attr:`CmsSite.articles` is the ground truth a crawl is compared with.

=============  ========================================================================================
``wordpress``  WordPress core: plain permalinks (``/?p=N``), ``/wp-sitemap.xml`` (robots.txt names none),
               a block theme, a feed of the two newest posts, a short static page (``/?page_id=2``)
``yoast``      WordPress with Yoast SEO and Yoast News SEO, tagDiv's Newspaper theme (``tdb-block-inner``,
               ``td-post-content``): ``/sitemap_index.xml`` (``/wp-sitemap.xml`` redirects there),
               ``/news-sitemap.xml`` with ``news:publication_date``, undated ``/<kanal>/<slug>/`` URLs,
               a "Redaksi" page Yoast marks ``og:type=article``
``jnews``      WordPress with the JNews theme (``jeg_post_title``, share bar, inline and bottom related
               posts): no sitemap at all, an RSS2 ``/feed/`` with ``dc:creator`` and ``content:encoded``
               that no page advertises, dated ``/YYYY/MM/DD/slug/`` URLs
``blogger``    Blogger: ``/YYYY/MM/slug.html`` posts, ``/feeds/posts/default`` (Atom) and its
               ``?alt=rss`` twin, label, month-archive and static ``/p/`` pages, WITA times in
               ``<abbr itemprop=datePublished title=…>``
``amp``        an AMP-only mobile site: every page ``<html amp>``, articles canonical to themselves,
               ``amp-img``/``amp-ad``/``amp-social-share`` chrome, the time only in a visible
               "Rabu, 3 Desember 2025 | 14:05 WIB" dateline, a plain ``/sitemap.xml`` robots.txt names
=============  ========================================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from archiver.demo.data import all_articles
from archiver.demo.model import SITE_NAME, DemoArticle
from archiver.demo.routes import Response
from archiver.demo.server import SiteServer


@dataclass(frozen=True)
class CmsSite:
    """One CMS-shaped fixture site: its name, its articles and how it answers a path."""

    key: str
    name: str
    articles: tuple[DemoArticle, ...]  # newest first; the ground truth of a crawl
    path: Callable[[DemoArticle], str]  # an article's canonical path (and query) on this site
    respond: Callable[["CmsSite", str, str], Response]  # (site, base URL, path with query) -> response
    discovery: tuple[str, ...]  # what a bare-URL crawl must read to find every article (paths with query)
    listings: tuple[str, ...]  # pages that are no article (home, sections, tags, archives, static pages)
    zone: str = "WIB"

    def url(self, base: str, article: DemoArticle) -> str:
        return base.rstrip("/") + self.path(article)

    def find(self, path: str) -> DemoArticle | None:
        """The article whose path (with query) is ``path``."""
        return next((a for a in self.articles if self.path(a) == path), None)


def republish(ids: tuple[int, ...], site_name: str) -> tuple[DemoArticle, ...]:
    """Demo articles ``ids`` as another newsroom publishes them: its name in the dateline, newest first."""
    by_id = {a.id: a for a in all_articles()}
    out = []
    for number in ids:
        article = by_id[number]
        paragraphs = tuple(re.sub(rf"\b{SITE_NAME}\b", site_name, p) for p in article.paragraphs)
        out.append(article.replace(paragraphs=paragraphs, authors=article.authors[:1],  # these CMSs credit one author
                                   features=frozenset(), style="jsonld", pages=1))
    return tuple(sorted(out, key=lambda a: a.published_at, reverse=True))


def cms_sites() -> dict[str, CmsSite]:
    """Every CMS-shaped site, by key."""
    from archiver.demo.cms import amp, blogger, wordpress

    sites = [*wordpress.SITES, blogger.SITE, amp.SITE]
    return {site.key: site for site in sites}


class CmsServer(SiteServer):
    """One CMS-shaped site (``CmsServer("jnews")``) on its own port of 127.0.0.1."""

    def __init__(self, key: str, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.site = cms_sites()[key]
        self.name = key

    def respond(self, raw_path: str) -> Response:
        return self.site.respond(self.site, self.base_url, raw_path)

    def articles(self) -> tuple[DemoArticle, ...]:
        return self.site.articles

    def article_url(self, article: DemoArticle) -> str:
        return self.site.url(self.base_url, article)


__all__ = ["CmsServer", "CmsSite", "cms_sites", "republish"]
