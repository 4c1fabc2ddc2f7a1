"""One CMS-shaped fixture site as data: its name, articles, URLs, discovery documents and how it answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from archiver.demo.data import all_articles
from archiver.demo.model import SITE_NAME, DemoArticle
from archiver.demo.routes import Response


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
    template_lines: tuple[str, ...] = ()  # what the site prints in every article body: a crawl's learned template
    # drops it (archiver.extraction.template), extraction of one page on its own keeps it

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
