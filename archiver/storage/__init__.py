"""Storage layer: Arrow schema, crash-safe Parquet writer, dedup index, lock, maintenance.

Importable without Scrapy, so notebooks and the CLI's maintenance commands
stay light.  Column documentation: the README's schema table.
"""

from __future__ import annotations

from archiver.storage.dedup import DedupIndex, LocalDedupIndex, UrlRecord
from archiver.storage.lock import ArchiveLock, ArchiveLocked
from archiver.storage.maintenance import CompactStats, compact, verify
from archiver.storage.reader import archive_counts, current_articles_sql, read_archive, read_current
from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, SCHEMA_VERSION, articles_to_table
from archiver.storage.writer import ArchiveWriter, ParquetArchiveWriter, WriteStats, cleanup_leftovers

__all__ = [
    "ARTICLE_SCHEMA",
    "FILE_SCHEMA",
    "SCHEMA_VERSION",
    "ArchiveLock",
    "ArchiveLocked",
    "ArchiveWriter",
    "CompactStats",
    "DedupIndex",
    "LocalDedupIndex",
    "ParquetArchiveWriter",
    "UrlRecord",
    "WriteStats",
    "archive_counts",
    "articles_to_table",
    "cleanup_leftovers",
    "compact",
    "current_articles_sql",
    "read_archive",
    "read_current",
    "verify",
]
