"""The bundled demo news site "Warta Nusantara" (fictional, written for this project).

``DemoServer`` serves it on 127.0.0.1; ``demo_articles()`` is the ground truth
(clean body, true publication time…) that end-to-end tests compare a crawl with.
"""

from __future__ import annotations

from archiver.demo.data import all_articles
from archiver.demo.model import DemoArticle, make_article
from archiver.demo.server import DemoServer


def demo_articles() -> list[DemoArticle]:
    """Every article the pristine demo site serves, newest first."""
    return all_articles()


__all__ = ["DemoArticle", "DemoServer", "demo_articles", "make_article"]
