"""A fetched page, decoded and parsed once (:mod:`.html`), and its own metadata read once (:mod:`.meta`).

The vocabulary below navigation, dates and extraction: each of them takes the
one parsed tree and the one :class:`PageMeta`.  No Scrapy here.
"""

from __future__ import annotations

from archiver.page.html import decode_html, parse_html
from archiver.page.meta import ARTICLE_TYPES, PageMeta

__all__ = ["ARTICLE_TYPES", "PageMeta", "decode_html", "parse_html"]
