"""The spider's output before extraction: a downloaded article page.

Extraction is CPU-bound, so the spider does not extract: it yields a
:class:`PageItem` and :class:`archiver.pipelines.ExtractPipeline` turns it into
an :class:`archiver.model.Article`, in a process pool off the reactor thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
