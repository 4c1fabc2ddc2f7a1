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

SCHEMA_VERSION = 4
SCHEMA_VERSION_KEY = "archiver.schema_version"
PARTITION_COLUMNS: tuple[str, ...] = ("site", "month")

_TS = pa.timestamp("us", tz="UTC")
_STRS = pa.list_(pa.string())
_INTS = pa.list_(pa.int64())

# (name, type, nullable, description, schema version that added it) in Article field order.
# The descriptions are the README's schema table (a test keeps them equal).
_COLUMNS: tuple[tuple[str, pa.DataType, bool, str, int], ...] = (
    ("url", pa.string(), False, "Canonical URL: `<link rel=canonical>` on the site's domains, else the fetched URL without tracking parameters.", 1),
    ("site", pa.string(), False, "Site id from the site config (e.g. `detik`); for a site without one, its host name as an id (`news-example-co-id`). Hive partition column.", 1),
    ("title", pa.string(), True, "Headline, without the site-name suffix.", 1),
    ("body", pa.string(), True, "Main text, paragraphs separated by blank lines, without in-body boilerplate.", 1),
    ("authors", _STRS, False, "Author names; empty list when unknown.", 1),
    ("published_at", _TS, True, "Publication time (UTC). Midnight in the page's zone when only the day is known: see `published_at_precision`.", 1),
    ("published_at_text", pa.string(), True, "The text the publication time was read from, as the page shows it.", 1),
    ("published_at_source", pa.string(), True, "Where `published_at` came from: `json-ld`, `meta`, `time`, `dateline`, `script`, `data-attr` or `url`.", 1),
    ("published_at_precision", pa.string(), True, "How much of `published_at` the page states: `second`, `minute` or `day` (then only the date is known).", 2),
    ("modified_at", _TS, True, "Last modification time the page declares (UTC).", 1),
    ("fetched_at", _TS, True, "When the archiver downloaded the page (UTC).", 1),
    ("fetched_url", pa.string(), True, "URL actually downloaded (may differ from `url`).", 1),
    ("aliases", _STRS, False, "Other URLs that led to this article (AMP copy, redirects, tracking variants).", 1),
    ("description", pa.string(), True, "Summary from meta description / og:description.", 1),
    ("section", pa.string(), True, "Section or rubric (e.g. `Ekonomi`).", 1),
    ("tags", _STRS, False, "Keywords / tags.", 1),
    ("image_url", pa.string(), True, "Lead image URL.", 1),
    ("images", _STRS, False, "Image URLs the page's metadata names (lead image first).", 1),
    ("language", pa.string(), True, "Language code (`id`, `en`), from the page or detected.", 1),
    ("word_count", pa.int32(), False, "Words in `body`.", 1),
    ("pages", pa.int32(), False, "Pages of a multi-page article joined into `body` (1 for a single page).", 1),
    ("editor_codes", _STRS, False, "Desk / editor codes taken off the end of the body, e.g. `rdp/imk`.", 1),
    ("content_hash", pa.string(), True, "32 hex digits: hash of the normalised body; equal bodies share it.", 1),
    ("article_id", pa.string(), True, "16 hex digits: hash of the canonical URL; join key across versions.", 1),
    ("version", pa.int32(), False, "1 for the first stored copy, +1 for each updated re-fetch.", 1),
    ("warc_file", _STRS, True, "Per page of the article (first page first): the WARC file holding its raw response, relative to the archive (`warc/<site>/…warc.gz`), or the source WARC's path or URL for an imported page; empty when there is no raw copy.", 3),
    ("warc_offset", _INTS, True, "Per page: byte offset of the page's gzip member (response record) in `warc_file`.", 3),
    ("warc_record_id", _STRS, True, "Per page: the response record's `WARC-Record-ID` (`<urn:uuid:…>`).", 3),
    ("extractor_version", pa.string(), True, "Which extractor made the row: archiver's version, a digest of its extraction code and rules, and of the site's `[extraction]` rules (`reextract` updates it).", 3),
    ("cluster_id", pa.string(), True, "16 hex digits: the `article_id` naming the article's near-duplicate cluster (syndicated copies across sites and runs share it): its earliest-published member when the cluster formed; see `clusters/first.parquet` for clusters a backfill gave an earlier member. Its own `article_id` when it has no copy.", 4),
    ("similarity", pa.float32(), True, "Estimated Jaccard similarity (word 3-gram MinHash, boilerplate removed) of this row's body to the article `cluster_id` names; 1 for that article itself.", 4),
)

MONTH_DESCRIPTION = ("`YYYY-MM` of `published_at` (else `fetched_at`) in UTC; of the date itself when only the day is "
                     "known. Hive partition column.")


def _schema(version: int, with_partitions: bool) -> pa.Schema:
    fields = [pa.field(n, t, nullable=null, metadata={"description": d}) for n, t, null, d, since in _COLUMNS
              if since <= version and (with_partitions or n not in PARTITION_COLUMNS)]
    return pa.schema(fields, metadata={SCHEMA_VERSION_KEY: str(version)})


ARTICLE_SCHEMA: pa.Schema = _schema(SCHEMA_VERSION, True)
"""All Article fields, as a reader sees them (``site`` included)."""

FILE_SCHEMA: pa.Schema = _schema(SCHEMA_VERSION, False)
"""What each Parquet file holds: ARTICLE_SCHEMA without the partition columns."""

FILE_SCHEMAS: dict[int, pa.Schema] = {v: _schema(v, False) for v in range(1, SCHEMA_VERSION + 1)}
"""What a file of each schema version holds: older files stay readable and valid."""

PARTITION_SCHEMA: pa.Schema = pa.schema([("site", pa.string()), ("month", pa.string())])
"""Partition columns as plain strings (pyarrow would otherwise infer dictionaries)."""

assert tuple(ARTICLE_SCHEMA.names) == ARTICLE_FIELDS, "schema out of step with archiver.model.Article"


def descriptions() -> list[tuple[str, str, str]]:
    """(column, Arrow type, description) of every column, ``month`` included: the README's schema table."""
    rows = [(n, str(t), d) for n, t, _null, d, _since in _COLUMNS]
    rows.insert(2, ("month", "string", MONTH_DESCRIPTION))
    return rows


def file_version(schema: pa.Schema) -> int | None:
    """The schema version a file declares (None when it declares none or garbage)."""
    raw = (schema.metadata or {}).get(SCHEMA_VERSION_KEY.encode())
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def conform(table: pa.Table) -> pa.Table:
    """A file's rows in the current :data:`FILE_SCHEMA`: columns a newer version added are null."""
    for field in FILE_SCHEMA:
        if field.name not in table.column_names:
            table = table.append_column(pa.field(field.name, field.type), pa.nulls(table.num_rows, field.type))
    return table.select(FILE_SCHEMA.names).cast(FILE_SCHEMA)


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
    """The ``month`` partition value: ``YYYY-MM`` of published_at in UTC, else of fetched_at.

    A date-only publication time is midnight in the page's zone, which in UTC is
    the evening before: the 1st of a month would land in the previous one.  Its
    month is the date's own.
    """
    if article.published_at is not None and article.published_at_precision == "day":
        _utc(article.published_at, "published_at")
        return f"{article.published_at.year:04d}-{article.published_at.month:02d}"
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
    for name in ("authors", "aliases", "tags", "images", "editor_codes", "warc_file", "warc_offset", "warc_record_id"):
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
