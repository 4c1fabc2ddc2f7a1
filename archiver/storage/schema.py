"""The archive's Arrow schema, declared up front, and Article → Arrow conversion.

Declaring the schema (rather than letting pyarrow infer it per batch) keeps
every Parquet file identical in types: a batch whose ``authors`` are all
empty would otherwise be inferred as ``list<null>`` and break readers that
unify file schemas.  Field names are :class:`archiver.model.Article` field
names.

Partitioning: files live under ``articles/site=<id>/month=<YYYY-MM>/``.  The
partition columns are *not* stored inside the files: pandas (pyarrow dataset
with hive inference) refuses a folder whose files also hold a ``site`` column
("Unable to merge: string vs dictionary"), while DuckDB, Polars and pyarrow
all add ``site``/``month`` back from the path.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Sequence

import pyarrow as pa

from archiver.model import ARTICLE_FIELDS, Article

SCHEMA_VERSION = 1
SCHEMA_VERSION_KEY = "archiver.schema_version"
PARTITION_COLUMNS: tuple[str, ...] = ("site", "month")

_TS = pa.timestamp("us", tz="UTC")
_STRS = pa.list_(pa.string())

# (name, type, nullable, description) in Article field order.
_COLUMNS: tuple[tuple[str, pa.DataType, bool, str], ...] = (
    ("url", pa.string(), False, "Canonical URL: <link rel=canonical>, else the fetched URL without tracking parameters."),
    ("site", pa.string(), False, "Site id from the site config (e.g. 'detik'), or the host name. Hive partition column."),
    ("title", pa.string(), True, "Headline as the page states it."),
    ("body", pa.string(), True, "Main text (paragraphs separated by newlines), without comments or 'Baca juga' lines."),
    ("authors", _STRS, False, "Author names; empty list when unknown."),
    ("published_at", _TS, True, "Publication time, UTC."),
    ("published_at_text", pa.string(), True, "The text the publication time was read from, as the page shows it."),
    ("published_at_source", pa.string(), True, "Where published_at came from: json-ld, meta, time, dateline, script, data-attr or url."),
    ("modified_at", _TS, True, "Last modification time the page declares (dateModified / article:modified_time), UTC."),
    ("fetched_at", _TS, True, "When the archiver downloaded the page, UTC."),
    ("fetched_url", pa.string(), True, "URL actually downloaded (may differ from url: tracking parameters, AMP, redirects)."),
    ("aliases", _STRS, False, "Other URLs that led to this article (AMP copy, redirects, tracking variants); empty list when none."),
    ("description", pa.string(), True, "Summary from meta description / og:description."),
    ("section", pa.string(), True, "Section or rubric (e.g. 'Ekonomi')."),
    ("tags", _STRS, False, "Keywords / tags; empty list when none."),
    ("image_url", pa.string(), True, "Lead image URL (og:image)."),
    ("images", _STRS, False, "Image URLs found in the article body."),
    ("language", pa.string(), True, "Language code, e.g. 'id'."),
    ("word_count", pa.int32(), False, "Number of words in body."),
    ("pages", pa.int32(), False, "How many pages of a multi-page article were joined into body (1 for a single page)."),
    ("editor_codes", _STRS, False, "Desk / editor codes found at the end of the body, e.g. 'rdp/imk'."),
    ("content_hash", pa.string(), True, "32 hex digits: hash of the normalised body; equal bodies under different URLs share it."),
    ("article_id", pa.string(), True, "16 hex digits: stable id, hash of the canonical URL. Join key across versions."),
    ("version", pa.int32(), False, "1 for the first stored copy; +1 for each updated re-fetch. Latest version = current."),
)

MONTH_DESCRIPTION = "YYYY-MM of published_at in UTC (fetched_at when published_at is missing). Hive partition column, path only."

ARTICLE_SCHEMA: pa.Schema = pa.schema(
    [pa.field(n, t, nullable=null, metadata={"description": d}) for n, t, null, d in _COLUMNS],
    metadata={SCHEMA_VERSION_KEY: str(SCHEMA_VERSION)},
)
"""All Article fields, as a reader sees them (``site`` included)."""

FILE_SCHEMA: pa.Schema = pa.schema(
    [f for f in ARTICLE_SCHEMA if f.name not in PARTITION_COLUMNS],
    metadata=ARTICLE_SCHEMA.metadata,
)
"""What each Parquet file holds: ARTICLE_SCHEMA without the partition columns."""

PARTITION_SCHEMA: pa.Schema = pa.schema([("site", pa.string()), ("month", pa.string())])
"""Partition columns as plain strings (pyarrow would otherwise infer dictionaries)."""

assert tuple(ARTICLE_SCHEMA.names) == ARTICLE_FIELDS, "schema out of step with archiver.model.Article"

_SITE_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _utc(value: datetime | None, name: str) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} is a naive datetime ({value.isoformat()}); the archive needs timezone-aware times")
    return value.astimezone(timezone.utc)


def check_site(site: str) -> str:
    """Reject site ids that would break the ``site=<id>`` directory name."""
    if not site or not _SITE_OK.match(site):
        raise ValueError(f"site id {site!r} cannot be a partition value (letters, digits, '.', '_', '-')")
    return site


def partition_month(article: Article) -> str:
    """``YYYY-MM`` of published_at in UTC, else fetched_at: the ``month`` partition value."""
    when = _utc(article.published_at, "published_at") or _utc(article.fetched_at, "fetched_at")
    if when is None:
        raise ValueError(f"article {article.url} has neither published_at nor fetched_at; cannot partition it")
    return f"{when.year:04d}-{when.month:02d}"


def validate(article: Article) -> None:
    """Raise ``ValueError`` now for what :func:`articles_to_table` would reject at flush time."""
    check_site(article.site)
    for name in ("published_at", "modified_at", "fetched_at"):
        _utc(getattr(article, name), name)
    partition_month(article)


def _row(article: Article) -> dict[str, object]:
    row = article.to_dict()
    for name in ("published_at", "modified_at", "fetched_at"):
        row[name] = _utc(row[name], name)
    for name in ("authors", "aliases", "tags", "images", "editor_codes"):
        row[name] = list(row[name] or [])
    return row


def articles_to_table(articles: Sequence[Article]) -> pa.Table:
    """Articles as a table with exactly :data:`ARTICLE_SCHEMA` (site included).

    Aware datetimes become UTC; a naive datetime raises ``ValueError`` rather
    than being silently taken as UTC (a WIB time would shift by 7 hours).
    """
    rows = [_row(a) for a in articles]
    for row in rows:
        check_site(str(row["site"]))
    columns = {name: [r[name] for r in rows] for name in ARTICLE_FIELDS}
    arrays = [pa.array(columns[f.name], type=f.type) for f in ARTICLE_SCHEMA]
    return pa.Table.from_arrays(arrays, schema=ARTICLE_SCHEMA)
