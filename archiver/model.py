"""The archive's record types, shared by extraction, storage and the Scrapy layer.

:class:`Article` is the one record the archive stores: one row per article
version.  It is a plain dataclass so that extraction and storage stay free of
Scrapy, while Scrapy still accepts it as an item through ``itemadapter``.
Field names are the archive's column names (see ``archiver.storage.schema``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Article:
    """One extracted article, ready to be archived.

    Timestamps are timezone-aware (storage converts them to UTC); lists are
    never ``None`` so that a data team can ``explode`` them without guards.
    """

    url: str  # canonical URL: <link rel=canonical>, else fetched URL minus tracking params
    site: str  # site id from the site config ("demo", "detik", …) or the host name
    title: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_at_text: str | None = None  # the string the time was read from, as the page shows it
    published_at_source: str | None = None  # json-ld | meta | time | dateline | script | data-attr | url
    modified_at: datetime | None = None
    fetched_at: datetime | None = None
    fetched_url: str | None = None  # the URL actually downloaded (may differ from ``url``)
    aliases: list[str] = field(default_factory=list)  # other URLs that led to this article (AMP, redirects…)
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    images: list[str] = field(default_factory=list)
    language: str | None = None
    word_count: int = 0
    pages: int = 1  # how many pages of a multi-page article were joined
    editor_codes: list[str] = field(default_factory=list)  # desk codes such as "rdp/imk"
    content_hash: str | None = None  # hash of the normalised body; dedup across URLs
    article_id: str | None = None  # stable id: hash of the canonical URL
    version: int = 1  # 1 for the first stored copy; +1 for each updated re-fetch

    def to_dict(self) -> dict[str, Any]:
        """All fields as a dict (timestamps left as datetimes)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def to_json_dict(self) -> dict[str, Any]:
        """All fields as JSON-ready values: ISO 8601 timestamps with their offset."""
        out = self.to_dict()
        for key, value in out.items():
            if isinstance(value, datetime):
                out[key] = value.isoformat()
        return out


ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
