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

from archiver.demo.cms import amp, blogger, wordpress
from archiver.demo.cms.site import CmsSite, republish
from archiver.demo.model import DemoArticle
from archiver.demo.routes import Response
from archiver.demo.server import SiteServer


def cms_sites() -> dict[str, CmsSite]:
    """Every CMS-shaped site, by key."""
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
