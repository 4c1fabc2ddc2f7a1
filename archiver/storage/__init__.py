"""Storage layer: Arrow schema, crash-safe Parquet writer, dedup index, the archive façade, lock, maintenance.

Importable without Scrapy, so notebooks and the CLI's maintenance commands
stay light.  Column documentation: :mod:`archiver.storage.schema` (the README's
table is generated from it).
"""

from __future__ import annotations

from archiver.storage.archive import Archive, Duplicate, New, Stored, Updated
from archiver.storage.dedup import DedupIndex, LocalDedupIndex, UrlRecord
from archiver.storage.lock import ArchiveLock, ArchiveLocked
from archiver.storage.maintenance import CompactStats, compact, verify
from archiver.storage.reader import current_articles_sql, daily_counts, read_archive, read_current
from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, SCHEMA_VERSION, articles_to_table
from archiver.storage.writer import ArchiveWriter, ParquetArchiveWriter, WriteStats, cleanup_leftovers

__all__ = [
    "ARTICLE_SCHEMA", "FILE_SCHEMA", "SCHEMA_VERSION", "Archive", "ArchiveLock", "ArchiveLocked", "ArchiveWriter",
    "CompactStats", "DedupIndex", "Duplicate", "LocalDedupIndex", "New", "ParquetArchiveWriter", "Stored", "Updated",
    "UrlRecord", "WriteStats", "articles_to_table", "cleanup_leftovers", "compact", "current_articles_sql",
    "daily_counts", "read_archive", "read_current", "verify",
]
