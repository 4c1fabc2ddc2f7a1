"""The demo site's articles, one module per section (all text written for this project)."""

from __future__ import annotations

from archiver.demo.data import daerah, ekonomi, nasional, olahraga, teknologi
from archiver.demo.model import DemoArticle


def all_articles() -> list[DemoArticle]:
    """Every packaged article, newest first."""
    records = [*nasional.ARTICLES, *ekonomi.ARTICLES, *olahraga.ARTICLES, *teknologi.ARTICLES, *daerah.ARTICLES]
    return sorted(records, key=lambda a: a.published_at, reverse=True)
