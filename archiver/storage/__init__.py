"""Storage layer: Arrow schema, crash-safe Parquet writer, dedup index, lock, maintenance.

Importable without Scrapy, so notebooks and the CLI's maintenance commands
stay light.
"""

from __future__ import annotations

from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, SCHEMA_VERSION, articles_to_table
from archiver.storage.writer import ArchiveWriter, ParquetArchiveWriter, WriteStats, cleanup_leftovers

__all__ = [
    "ARTICLE_SCHEMA",
    "FILE_SCHEMA",
    "SCHEMA_VERSION",
    "ArchiveWriter",
    "ParquetArchiveWriter",
    "WriteStats",
    "articles_to_table",
    "cleanup_leftovers",
]
