"""The indexes on disk: ``<archive>/index/dedup.npz`` (and ``clusters.npz``), and the Parquet files each covers.

The index is a cache of the archive (Parquet is the source of truth): it
lists the files whose rows it holds, so reopening it re-reads only files
written after it was saved (by a crawl killed before it saved the index).
An index saved before it listed its files is trusted for files older than
itself, less a margin for coarse timestamps.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import numpy as np

from archiver.model import Article
from archiver.storage.atomic import atomic_file
from archiver.storage.layout import INDEX_DIR, parquet_files, relative

log = logging.getLogger(__name__)

INDEX_FILE = "dedup.npz"
FORMAT_VERSION = 1
ARRAYS = ("akeys", "amod", "aver", "alias", "content")
_MTIME_MARGIN_NS = 2_000_000_000
_INDEX_COLUMNS = ("url", "fetched_url", "aliases", "content_hash", "modified_at", "published_at", "fetched_at",
                  "article_id", "version")


@dataclass
class SavedIndex:
    """A loaded index file: its arrays, row bits, mtime, and the files it covers (None: not listed)."""

    arrays: dict[str, np.ndarray]
    bits: int
    mtime_ns: int
    covered: frozenset[str] | None


def index_path(root: str | os.PathLike[str], name: str = INDEX_FILE) -> str:
    """``<archive>/index/<name>``: the dedup index, or another index kept beside it (clusters)."""
    return os.path.join(os.fspath(root), INDEX_DIR, name)


def _names_array(names: list[str]) -> np.ndarray:
    """File names as UTF-8 bytes (numpy's str arrays take four bytes per character)."""
    return np.array([n.encode() for n in names], dtype=bytes)


def _current_files(root: str | os.PathLike[str]) -> list[str]:
    return [relative(root, f) for f in parquet_files(root)]


def save_arrays(root: str | os.PathLike[str], arrays: dict[str, np.ndarray], bits: int, name: str = INDEX_FILE) -> None:
    """Write the index atomically, listing the archive's Parquet files as covered."""
    meta = np.array([FORMAT_VERSION, bits, time.time_ns()], np.int64)
    covered = _names_array(_current_files(root))
    with atomic_file(index_path(root, name), "wb") as handle:
        np.savez(handle, meta=meta, files=covered, **arrays)


def load_arrays(root: str | os.PathLike[str], name: str = INDEX_FILE,
                arrays: tuple[str, ...] = ARRAYS) -> SavedIndex | None:
    """The saved index, or None when missing or unreadable (it is then rebuilt from the archive)."""
    path = index_path(root, name)
    try:
        mtime_ns = os.stat(path).st_mtime_ns
        with np.load(path, allow_pickle=False) as data:
            meta = data["meta"]
            if int(meta[0]) != FORMAT_VERSION:
                raise ValueError(f"index format {int(meta[0])}")
            return SavedIndex({k: data[k] for k in arrays}, int(meta[1]), mtime_ns, _covered_files(data))
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - corrupt or foreign file: the archive is the source of truth
        log.warning("index %s unreadable (%s); rebuilding from the archive", path, exc)
        return None


def _covered_files(data: Any) -> frozenset[str] | None:
    if "files" not in data.files:
        return None
    return frozenset(n.decode() if isinstance(n, bytes) else n for n in data["files"].tolist())


def not_covered(root: str | os.PathLike[str], saved: SavedIndex | None) -> list[str]:
    """The Parquet files whose rows ``saved`` may lack (all of them when there is no saved index)."""
    files = parquet_files(root)
    if saved is None:
        return files
    if saved.covered is not None:
        return [f for f in files if relative(root, f) not in saved.covered]
    return [f for f in files if os.stat(f).st_mtime_ns >= saved.mtime_ns - _MTIME_MARGIN_NS]


def covers_archive(root: str | os.PathLike[str], name: str = INDEX_FILE) -> bool:
    """True when the saved index covers every Parquet file of the archive now (nothing to catch up)."""
    path = index_path(root, name)
    if not os.path.exists(path):
        return False
    try:
        with np.load(path, allow_pickle=False) as data:
            saved = SavedIndex({}, 0, os.stat(path).st_mtime_ns, _covered_files(data))
    except Exception:  # noqa: BLE001 - unreadable: it will be rebuilt anyway
        return False
    return not not_covered(root, saved)


def cover_current_files(root: str | os.PathLike[str], name: str = INDEX_FILE) -> None:
    """Record that the saved index covers the archive's files as they are now.

    Compaction calls this when the index covered every file before it
    rewrote them: the rows are the same, only the file names changed.
    """
    with np.load(index_path(root, name), allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["files"] = _names_array(_current_files(root))
    with atomic_file(index_path(root, name), "wb") as handle:
        np.savez(handle, **arrays)


def light_rows(files: Iterable[str], columns: Iterable[str], batch_size: int = 16_384) -> Iterator[Article]:
    """Every row of ``files`` as a light Article holding only ``columns`` (those the files have),
    read in batches: what the indexes rebuild and top up from."""
    files = list(files)
    if not files:
        return
    import pyarrow.dataset as ds  # only when topping up from Parquet: it imports pandas too

    dataset = ds.dataset(files, format="parquet")
    present = [c for c in columns if c in dataset.schema.names]
    for batch in dataset.to_batches(columns=present, batch_size=batch_size):
        for row in batch.to_pylist():
            row["aliases"] = row.get("aliases") or []
            row["version"] = row.get("version") or 1
            yield Article(site="", **{k: v for k, v in row.items() if k != "site"})


def archived_rows(files: list[str]) -> Iterator[Article]:
    """The dedup index's columns of every row in ``files``, as light Article objects."""
    return light_rows(files, _INDEX_COLUMNS)
