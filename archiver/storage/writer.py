"""Crash-safe Parquet writer: buffered rows, temp file, fsync, rename.

A Parquet file whose writer dies before the footer is written cannot be read,
and a dataset folder holding one such file fails to load as a whole.  So each
file is first written under ``<archive>/.staging/.part-….parquet.tmp`` and
moved to ``articles/site=…/month=…/part-<run>-<seq>.parquet`` only once it is
complete and fsynced.  Readers therefore see a file entirely or not at all.

Why ``.staging/`` rather than a hidden name beside the final file: Polars'
``read_parquet(<dir>)`` lists hidden files too and refuses a folder holding a
``.tmp`` ("paths with different file extensions"), so a temp file beside the
final one would break Polars readers during every flush and after a crash.
``.staging/`` is inside the archive root, so on a local disk it is on the
same filesystem and the rename is atomic (POSIX ``rename(2)``).

Rename semantics on other ``pyarrow.fs`` filesystems: ``move`` on S3/GCS is a
server-side copy then delete.  The destination object still appears whole
(object PUT/COPY is atomic), but a crash between copy and delete can leave a
staged copy behind; :func:`cleanup_leftovers` removes it at the next start.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Protocol

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from archiver.model import Article
from archiver.storage.atomic import atomic_file
from archiver.storage.layout import JOURNAL_SUFFIX, STAGING_DIR, TMP_SUFFIX, leftovers, partition_dir, resolve
from archiver.storage.schema import FILE_SCHEMA, articles_to_table, check_site, partition_month, validate


@dataclass
class WriteStats:
    """What a writer put on disk: rows, complete files and their bytes."""

    rows: int = 0
    files: int = 0
    bytes: int = 0


class ArchiveWriter(Protocol):
    """What the crawler needs from storage: append rows, flush, close."""

    def write(self, article: Article) -> None: ...

    def maybe_flush(self) -> bool: ...

    def flush(self) -> None: ...

    def close(self) -> WriteStats: ...


def new_run_id() -> str:
    """Sortable, unique per run: UTC start time plus random hex."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _fsync_path(path: str, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_table(table: pa.Table, fs: pafs.FileSystem, root: str, final_path: str, compression: str = "zstd") -> int:
    """Write ``table`` to a staged temp file, fsync, rename to ``final_path``; return its bytes.

    Shared by the writer and compaction so both have the same crash guarantee.
    """
    staging = f"{root}/{STAGING_DIR}"
    fs.create_dir(staging, recursive=True)
    tmp = f"{staging}/.{final_path.rsplit('/', 1)[-1]}{TMP_SUFFIX}"
    with fs.open_output_stream(tmp) as sink:
        pq.write_table(table, sink, compression=compression)
    local = isinstance(fs, pafs.LocalFileSystem)
    if local:
        _fsync_path(tmp)
    parent = final_path.rsplit("/", 1)[0]
    fs.create_dir(parent, recursive=True)
    fs.move(tmp, final_path)
    if local:
        _fsync_path(parent, directory=True)
    return fs.get_file_info(final_path).size or 0


def replace_partition(root: str | os.PathLike[str], files: list[str], table: pa.Table, compression: str = "zstd") -> None:
    """Replace a partition's ``files`` (local, sorted) by one file holding ``table``, all or nothing.

    The new file is staged and fsynced, then renamed over the first old file
    (one ``rename(2)``: a partition of one file, as after ``compact``, changes
    at once for every reader).  The other old files are unlinked right after;
    a journal in ``.staging/`` names them, so a kill between the rename and
    the last unlink is finished by :func:`cleanup_leftovers` at the next
    start (until then, and during those milliseconds, readers see the new
    rows beside the remaining old ones, as during ``compact``).
    """
    base = os.path.abspath(os.fspath(root))
    staging = os.path.join(base, STAGING_DIR)
    os.makedirs(staging, exist_ok=True)
    target = files[0]
    tmp = os.path.join(staging, f".{secrets.token_hex(6)}-{os.path.basename(target)}{TMP_SUFFIX}")
    pq.write_table(table, tmp, compression=compression)
    _fsync_path(tmp)
    journal = os.path.join(staging, f"{os.path.basename(tmp)}{JOURNAL_SUFFIX}")
    with atomic_file(journal) as handle:
        json.dump({"tmp": tmp, "target": target, "remove": files[1:]}, handle)
    os.replace(tmp, target)
    _fsync_path(os.path.dirname(target), directory=True)
    _finish_replacement(journal)


def _finish_replacement(journal: str) -> None:
    """Complete (or, when the new file was never renamed in, abandon) one partition replacement."""
    with open(journal, encoding="utf-8") as handle:
        plan = json.load(handle)
    if os.path.exists(plan["tmp"]):  # killed before the rename: the old files stand
        os.unlink(plan["tmp"])
    else:
        for path in plan["remove"]:
            if os.path.exists(path):
                os.unlink(path)
        if plan["remove"]:
            _fsync_path(os.path.dirname(plan["target"]), directory=True)
    os.unlink(journal)


def cleanup_leftovers(root: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None) -> list[str]:
    """Finish interrupted partition replacements, delete temp files left by a killed writer; return their paths.

    Call at start, while holding the archive lock (another live writer's
    temp files would otherwise be deleted under it).
    """
    fs, base = resolve(root, filesystem)
    if isinstance(fs, pafs.LocalFileSystem) and os.path.isdir(os.path.join(base, STAGING_DIR)):
        for name in sorted(os.listdir(os.path.join(base, STAGING_DIR))):
            if name.endswith(JOURNAL_SUFFIX):
                _finish_replacement(os.path.join(base, STAGING_DIR, name))
    removed = leftovers(root, filesystem)
    for path in removed:
        fs.delete_file(path)
    return removed


class ParquetArchiveWriter:
    """Buffers articles per partition; writes one complete file per partition per flush.

    Memory is bounded: all buffers together never exceed ``flush_rows`` rows.
    A SIGKILL loses at most the buffered rows (≤ ``flush_rows`` rows or
    ``flush_seconds`` of crawling) and never leaves a partial file visible.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        filesystem: pafs.FileSystem | None = None,
        flush_rows: int = 500,
        flush_seconds: float = 30.0,
        run_id: str | None = None,
        compression: str = "zstd",
        clock: Callable[[], float] = time.monotonic,
        before_flush: Callable[[], None] | None = None,
    ) -> None:
        if flush_rows < 1:
            raise ValueError("flush_rows must be at least 1")
        self.fs, self.root = resolve(root, filesystem)
        self.flush_rows = flush_rows
        self.flush_seconds = flush_seconds
        self.run_id = run_id or new_run_id()
        self.compression = compression
        self._clock = clock
        self._before_flush = before_flush  # e.g. seal the WARC files the rows point into
        self._buffers: dict[tuple[str, str], list[Article]] = {}
        self._buffered = 0
        self._seq = 0
        self._last_flush = clock()
        self._closed = False
        self.stats = WriteStats()

    @property
    def buffered_rows(self) -> int:
        """Rows waiting in memory (lost if the process is killed now)."""
        return self._buffered

    def write(self, article: Article) -> None:
        """Buffer one article; flush when the row or time threshold is reached."""
        if self._closed:
            raise ValueError("writer is closed")
        validate(article)  # fail on this article now, not on the whole batch at flush time
        key = (article.site, partition_month(article))
        self._buffers.setdefault(key, []).append(article)
        self._buffered += 1
        if self._buffered >= self.flush_rows:
            self.flush()
        else:
            self.maybe_flush()

    def maybe_flush(self) -> bool:
        """Flush if ``flush_seconds`` passed since the last flush; the crawler calls this on a timer."""
        if self._buffered and self._clock() - self._last_flush >= self.flush_seconds:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        """Write every buffered partition as one complete file each (after ``before_flush``)."""
        if self._buffered and self._before_flush is not None:
            self._before_flush()
        for (site, month), articles in sorted(self._buffers.items()):
            table = articles_to_table(articles).drop_columns(["site"]).cast(FILE_SCHEMA)
            name = f"part-{self.run_id}-{self._seq:05d}.parquet"
            self._seq += 1
            size = publish_table(table, self.fs, self.root, f"{partition_dir(self.root, check_site(site), month)}/{name}",
                                 self.compression)
            self.stats.rows += table.num_rows
            self.stats.files += 1
            self.stats.bytes += size
            del self._buffers[(site, month)]
            self._buffered -= len(articles)
        self._last_flush = self._clock()

    def close(self) -> WriteStats:
        """Flush what is left; further writes raise."""
        if not self._closed:
            self.flush()
            self._closed = True
        return self.stats

    def __enter__(self) -> ParquetArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
