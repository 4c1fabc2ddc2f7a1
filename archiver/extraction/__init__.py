"""Article extraction: trafilatura for the body, the page's own metadata for the rest.

Importable without Scrapy.  Public API:

- :func:`extract_article` — HTML (+ later pages) -> :class:`~archiver.model.Article`;
  ``extract_article(html, url)`` finds the site from the URL (the entry point for scripts)
- :class:`ExtractionOptions`, :func:`options_for` — a site's settings, built once
- :class:`NotAnArticle` — raised when a page has no article body
- :class:`Extracted`, :class:`Rejected`, :class:`Failed` — outcomes as values (workers, backfills)
"""

from __future__ import annotations

from archiver.extraction.core import extract_article, extract_body
from archiver.extraction.options import ExtractionOptions, options_for, options_for_url
from archiver.extraction.pageclass import PageClass
from archiver.extraction.result import Extracted, Failed, NotAnArticle, Rejected

__all__ = ["ExtractionOptions", "Extracted", "Failed", "NotAnArticle", "PageClass", "Rejected", "extract_article",
           "extract_body", "options_for", "options_for_url"]
