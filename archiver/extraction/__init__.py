"""Article extraction: trafilatura for the body, the page's metadata for the rest.

Importable without Scrapy.  Public API:

- :func:`extract_article` — HTML (+ later pages) -> :class:`~archiver.model.Article`
- :func:`looks_like_article` — archive this page, or only follow its links?
- :func:`next_page_url`, :func:`single_page_url` — multi-page articles
- :class:`NotAnArticle` — raised when a page has no article body
"""

from __future__ import annotations

from archiver.extraction.core import NotAnArticle, extract_article, extract_body
from archiver.extraction.html import decode_html, parse_html
from archiver.extraction.language import detect_language
from archiver.extraction.pageclass import PageClass
from archiver.extraction.pages import looks_like_article, next_page_url, single_page_url

__all__ = ["NotAnArticle", "PageClass", "decode_html", "detect_language", "extract_article", "extract_body",
           "looks_like_article", "next_page_url", "parse_html", "single_page_url"]
