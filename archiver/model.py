"""The archive's record types, shared by navigation, extraction, storage and the Scrapy layer.

:class:`Article` is the one record the archive stores: one row per article
version, built in one go by extraction and never changed afterwards (storage
derives new versions with :func:`dataclasses.replace`).  :class:`FetchedPage`
is a downloaded page on its way to extraction.  Both are plain dataclasses so
that the core stays free of Scrapy, while Scrapy still accepts them as items
through ``itemadapter``.  Article field names are the archive's column names
(see :mod:`archiver.storage.schema`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archiver.sites import SiteConfig


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article, ready to be archived.

    Timestamps are timezone-aware (storage converts them to UTC); lists are
    never ``None`` so that a data team can ``explode`` them without guards.
    """

    url: str  # canonical URL: <link rel=canonical> on the site, else fetched URL minus tracking params
    site: str  # site id from the site config ("demo", "detik", …) or the host name
    title: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_at_text: str | None = None  # the string the time was read from, as the page shows it
    published_at_source: str | None = None  # json-ld | meta | time | dateline | script | data-attr | url
    published_at_precision: str | None = None  # second | minute | day: how much of published_at the page states
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
    warc_file: list[str] = field(default_factory=list)  # per page: WARC file of its raw response
    warc_offset: list[int] = field(default_factory=list)  # per page: offset of its record in that file
    warc_record_id: list[str] = field(default_factory=list)  # per page: WARC-Record-ID of that record
    extractor_version: str | None = None  # which extraction code and rules made this row
    cluster_id: str | None = None  # article_id naming its near-duplicate cluster (set when stored)
    similarity: float | None = None  # estimated Jaccard similarity to the article cluster_id names

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


@dataclass(frozen=True, slots=True)
class WarcPointer:
    """Where one page's raw response lives: a WARC file (relative to the archive, or a source path or URL),
    the offset of its record's gzip member, and the record's ``WARC-Record-ID``."""

    file: str
    offset: int
    record_id: str


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """One downloaded article page (and its pages 2..N), as extraction needs it.

    It carries its site's configuration itself, so a worker process or a
    pipeline extracts it without asking the spider which site it came from.
    """

    url: str  # URL of the (first) page as fetched, after redirects
    site: SiteConfig
    html: bytes
    encoding: str | None  # the response's encoding (HTTP header or detected)
    fetched_at: datetime
    more_pages: tuple[bytes, ...] = ()  # pages 2..N, in order
    aliases: tuple[str, ...] = ()  # other URLs that led here (AMP, tracking, redirects)
    warc: tuple[WarcPointer, ...] = ()  # each page's raw response record (first page first), when captured
