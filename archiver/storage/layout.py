"""Where things live in an archive, and the one way to list them.

```
<archive>/articles/site=<id>/month=<YYYY-MM>/part-<run>-<seq>.parquet   rows
<archive>/.staging/                                                     files being written
<archive>/index/                                                        dedup and cluster indexes
<archive>/clusters/first.parquet                                        clusters whose first member a backfill changed
<archive>/runs/                                                         run records
<archive>/warc/<site>/<run>-<pid>-<seq>.warc.gz                         raw captures (archiver.storage.warc; read back by .warc_read)
<archive>/imports/<digest>.json                                         WARC files import-warc finished
<archive>/.lock                                                         the writer's lock
```

Readers (DuckDB, Polars, pyarrow, Spark) skip names starting with ``.`` or
``_``, so every listing here does too.  Listings go through a
``pyarrow.fs.FileSystem`` so that the same code serves local disks and
object storage.
"""

from __future__ import annotations

import os

import pyarrow.fs as pafs

ARTICLES_DIR = "articles"
STAGING_DIR = ".staging"
INDEX_DIR = "index"
CLUSTERS_DIR = "clusters"
RUNS_DIR = "runs"
WARC_DIR = "warc"
IMPORTS_DIR = "imports"
LOCK_FILE = ".lock"
TMP_SUFFIX = ".tmp"
JOURNAL_SUFFIX = ".replace.json"  # a partition replacement in progress (storage.writer.replace_partition)


def resolve(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> tuple[pafs.FileSystem, str]:
    """The filesystem and the root path inside it (local absolute path by default)."""
    if filesystem is None:
        return pafs.LocalFileSystem(), os.path.abspath(os.fspath(root))
    return filesystem, os.fspath(root).rstrip("/")


def partition_dir(root: str, site: str, month: str) -> str:
    """``<root>/articles/site=<site>/month=<month>`` (``site`` already checked by the schema)."""
    return f"{root}/{ARTICLES_DIR}/site={site}/month={month}"


def articles_glob(root: str | os.PathLike[str]) -> str:
    """The glob DuckDB and Polars read: ``<root>/articles/**/*.parquet``."""
    return os.path.join(os.path.abspath(os.fspath(root)), ARTICLES_DIR, "**", "*.parquet")


def _files(fs: pafs.FileSystem, folder: str) -> list[pafs.FileInfo]:
    selector = pafs.FileSelector(folder, recursive=True, allow_not_found=True)
    return [info for info in fs.get_file_info(selector) if info.type == pafs.FileType.File]


def _visible(path: str, base: str) -> bool:
    """No component under ``base`` starts with '.' or '_' (what dataset readers skip)."""
    return not any(part.startswith((".", "_")) for part in path[len(base):].split("/") if part)


def parquet_files(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> list[str]:
    """Every Parquet file readers see under ``<root>/articles``, sorted."""
    fs, base = resolve(root, filesystem)
    folder = f"{base}/{ARTICLES_DIR}"
    return sorted(info.path for info in _files(fs, folder)
                  if info.base_name.endswith(".parquet") and _visible(info.path, folder))


def partitions(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> dict[str, list[str]]:
    """Parquet files by partition folder."""
    out: dict[str, list[str]] = {}
    for path in parquet_files(root, filesystem):
        out.setdefault(path.rsplit("/", 1)[0], []).append(path)
    return out


def has_articles(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> bool:
    return bool(parquet_files(root, filesystem))


def leftovers(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> list[str]:
    """Temporary files a killed writer left in ``.staging/`` or among the articles (and unfinished
    partition replacements' journals)."""
    fs, base = resolve(root, filesystem)
    found: list[str] = []
    for sub in (STAGING_DIR, ARTICLES_DIR):
        found += [info.path for info in _files(fs, f"{base}/{sub}") if info.base_name.endswith((TMP_SUFFIX, JOURNAL_SUFFIX))]
    return sorted(found)


def relative(root: str | os.PathLike[str], path: str) -> str:
    """``path`` relative to the archive root, with ``/`` separators (how the index lists files)."""
    return os.path.relpath(path, os.path.abspath(os.fspath(root))).replace(os.sep, "/")
