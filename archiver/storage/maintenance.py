"""``verify`` and ``compact``: keep a long-running archive healthy and fast to read.

Compaction order, and why readers stay correct: the merged file is written to
``.staging/`` and renamed into its partition first; only then are the old
files unlinked.  Between the rename and the last unlink (milliseconds on a
local disk) a reader listing the folder may see the new file *and* some old
ones, i.e. some rows twice — never a partial file and never a missing row.
Readers that de-duplicate on (article_id, version), as
:func:`archiver.storage.reader.current_articles_sql` does, are always right.
A crash inside that window leaves duplicate rows that :func:`verify` reports
and the next :func:`compact` removes.  Run compaction under the ArchiveLock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from archiver.storage.clusters import INDEX_FILE as CLUSTER_INDEX
from archiver.storage.index_file import INDEX_FILE, cover_current_files, covers_archive
from archiver.storage.layout import ARTICLES_DIR, leftovers, partitions, resolve
from archiver.storage.schema import FILE_SCHEMAS, PARTITION_COLUMNS, SCHEMA_VERSION, conform, file_version
from archiver.storage.templates import INDEX_FILE as TEMPLATE_INDEX
from archiver.storage.templates import after_rewrite
from archiver.storage.warc_read import WarcPointer, pointers, unreadable_pointers
from archiver.storage.writer import publish_table

_KEY = ["article_id", "version"]


@dataclass
class CompactStats:
    """What compaction did: partitions merged, files before/after, rows kept, duplicates dropped."""

    partitions: int = 0
    files_before: int = 0
    files_after: int = 0
    rows: int = 0
    duplicates_dropped: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    merged: list[str] = field(default_factory=list)


def _schema_problem(path: str, schema: pa.Schema) -> str | None:
    """None when the file holds exactly the columns of the schema version it declares (any known version)."""
    version = file_version(schema)
    if version not in FILE_SCHEMAS:
        return f"{path}: schema differs: schema version {version!r} is not one of 1..{SCHEMA_VERSION}"
    data_schema = pa.schema([f for f in schema if f.name not in PARTITION_COLUMNS])
    if not data_schema.equals(FILE_SCHEMAS[version], check_metadata=False):
        return (f"{path}: schema differs from version {version}: "
                f"{data_schema.to_string(show_field_metadata=False)!r}")
    return None


def _partition_problem(root: str, folder: str) -> str | None:
    rel = os.path.relpath(folder, os.path.join(root, ARTICLES_DIR)).split(os.sep)
    if len(rel) != 2 or not rel[0].startswith("site=") or not rel[1].startswith("month="):
        return f"{folder}: not a site=<id>/month=<YYYY-MM> partition folder"
    return None


def verify(root: str | os.PathLike[str], *, check_warc: bool = True) -> list[str]:
    """Problems found in the archive; an empty list means healthy.

    Checks: every Parquet file reads completely with pyarrow; its schema is
    the declared one; no (article_id, version) pair appears twice; no
    temporary files are left over; files sit in partition folders; every
    row's WARC pointer leads to its response record (local files).
    """
    base = os.path.abspath(os.fspath(root))
    problems = [f"{p}: leftover temporary file" for p in leftovers(base)]
    keys: list[pa.Table] = []
    warc: list[WarcPointer] = []
    for folder, files in partitions(base).items():
        problem = _partition_problem(base, folder)
        if problem:
            problems.append(problem)
        for path in files:
            try:
                table = pq.read_table(path, partitioning=None)
            except Exception as exc:  # any unreadable file is a finding, not a crash
                problems.append(f"{path}: unreadable: {exc}")
                continue
            problem = _schema_problem(path, table.schema)
            if problem:
                problems.append(problem)
            elif table.num_rows:
                keys.append(table.select(_KEY))
                if check_warc and "warc_file" in table.column_names:
                    warc += _pointers(table)
    problems += _duplicate_problems(keys)
    return problems + unreadable_pointers(base, warc)


def _pointers(table: pa.Table) -> list[WarcPointer]:
    columns = table.select(["warc_file", "warc_offset", "warc_record_id"]).to_pydict()
    return [p for f, o, r in zip(*columns.values()) for p in pointers(f or (), o or (), r or ())]


def _duplicate_problems(keys: list[pa.Table]) -> list[str]:
    if not keys:
        return []
    counts = pa.concat_tables(keys).group_by(_KEY).aggregate([([], "count_all")])
    dups = counts.filter(pc.greater(counts["count_all"], 1))
    return [f"duplicate row: article_id={r['article_id']} version={r['version']} stored {r['count_all']} times"
            for r in dups.to_pylist()]


def _dedup(table: pa.Table) -> pa.Table:
    """First row of each (article_id, version); rows without an article_id are all kept."""
    indexed = table.append_column("_row", pa.array(range(table.num_rows), pa.int64()))
    firsts = indexed.group_by(_KEY, use_threads=False).aggregate([("_row", "min")])["_row_min"]
    keep = pc.is_in(indexed["_row"], value_set=firsts)
    keep = pc.or_(keep, pc.is_null(indexed["article_id"]))
    return table.filter(keep)


def _older_version(path: str) -> bool:
    """Was the file written in an older schema version (so compacting brings it up to date)?"""
    version = file_version(pq.read_schema(path))
    return version is not None and version < SCHEMA_VERSION


def compact(root: str | os.PathLike[str], *, min_files: int = 2, compression: str = "zstd") -> CompactStats:
    """Merge each partition's files into one (deduplicated on article_id, version); versions are kept.

    A partition holding a file of an older schema version is rewritten even when
    it holds one file: after ``compact`` every file has the current columns, so
    readers that take one file's schema for all (pandas, Polars) see them.

    The new file is published (staged, fsynced, renamed) before the old ones
    are unlinked; see the module docstring for the reader guarantee.
    """
    fs, base = resolve(root, None)
    stats = CompactStats()
    found = partitions(base)
    fresh = [name for name in (INDEX_FILE, CLUSTER_INDEX) if covers_archive(base, name)]
    templates_fresh = covers_archive(base, TEMPLATE_INDEX)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    for seq, (folder, files) in enumerate(sorted(found.items())):
        if len(files) < min_files and not any(_older_version(f) for f in files):
            continue
        tables = [conform(pq.read_table(f, partitioning=None)) for f in files]  # older versions gain null columns
        merged = pa.concat_tables(tables)
        kept = _dedup(merged).sort_by([("published_at", "ascending"), ("article_id", "ascending"), ("version", "ascending")])
        stats.bytes_before += sum(os.path.getsize(f) for f in files)
        target = f"{folder}/part-compact-{stamp}-{seq:05d}.parquet"
        stats.bytes_after += publish_table(kept, fs, base, target, compression)
        for path in files:
            os.unlink(path)
        stats.partitions += 1
        stats.files_before += len(files)
        stats.files_after += 1
        stats.rows += kept.num_rows
        stats.duplicates_dropped += merged.num_rows - kept.num_rows
        stats.merged.append(os.path.relpath(folder, os.path.join(base, ARTICLES_DIR)))
    if stats.partitions:
        for name in fresh:
            cover_current_files(base, name)  # same rows as before: the index still covers them
        after_rewrite(base, templates_fresh)  # the site templates: never count a page twice
    return stats
