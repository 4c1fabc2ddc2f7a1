"""The spider's output before extraction: a downloaded article page.

Extraction is CPU-bound, so it happens in worker processes: the page analysis
(:mod:`archiver.analysis`) extracts a single-page article on the tree it
parsed anyway and the spider yields a :class:`PageItem` carrying the result;
:class:`archiver.pipelines.ExtractPipeline` extracts the rest (multi-page
articles) and counts every outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class PageItem:
    """Raw HTML of one article (all its pages), as fetched."""

    url: str  # URL of the (first) page as fetched, after redirects
    site: str  # site id
    html: bytes
    encoding: str | None  # the response's encoding (HTTP header or detected)
    fetched_at: datetime
    more_pages: list[bytes] = field(default_factory=list)  # pages 2..N, in order
    aliases: list[str] = field(default_factory=list)  # other URLs that led here (AMP, tracking, redirects)
    hint_modified_at: datetime | None = None  # lastmod from a sitemap/feed entry
    extracted: Any = None  # the Article, or the exception saying why there is none, if already extracted
