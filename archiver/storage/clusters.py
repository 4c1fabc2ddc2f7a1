"""Near-duplicate clusters: which stored article a new one is a copy of.

Every stored row gets ``cluster_id`` (the ``article_id`` that names its
cluster) and ``similarity`` (estimated Jaccard of its shingles to that
article).  A new article is compared with the articles published within
``window`` of it that share an LSH band with it (:mod:`archiver.similarity`);
the most similar one at or above the threshold gives its cluster, else the
article starts a cluster of its own.

Rows are never rewritten.  A cluster's id is its earliest-published member
*at the time the cluster was formed*; when a copy published earlier turns up
later (a backfill, a WARC import), it joins the cluster under the same id and
becomes the cluster's first member in ``<archive>/clusters/first.parquet``
(one small file, rewritten atomically): ``cluster_id -> first_article_id``
for exactly the clusters whose first member is not the one they are named
after.  ``group by cluster_id`` is right without it; who published first is
``coalesce(first_article_id, cluster_id)``.

Memory per article (why it stays under 1 KB): the article key (8 bytes),
publication minute (4), cluster key (8), the compact signature
(``NUM_PERM`` × 2 bytes) and ``BANDS`` band keys with their row (8 bytes
each: keys folded to 32 bits) in sorted numpy arrays; new entries wait in small dicts and are merged
in batches, as in :mod:`archiver.storage.dedup`.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator

import numpy as np

from archiver import similarity as sim
from archiver.fingerprints import article_id as make_article_id
from archiver.model import Article
from archiver.storage.atomic import atomic_file
from archiver.storage.index_file import SavedIndex, light_rows, load_arrays, not_covered, save_arrays
from archiver.storage.layout import CLUSTERS_DIR

log = logging.getLogger(__name__)

INDEX_FILE = "clusters.npz"
ARRAYS = ("keys", "minutes", "labels", "sigs", "band_keys", "band_rows", "first_label", "first_key", "first_minute")
FIRST_FILE = "first.parquet"
_CHUNK = 1024
_ROW_COLUMNS = ("article_id", "url", "body", "published_at", "fetched_at", "cluster_id", "version")


@dataclass(frozen=True, slots=True)
class Assignment:
    """The cluster a stored article belongs to, and its similarity to the article the cluster is named after."""

    cluster_id: str
    similarity: float


def _minutes(when: datetime | None) -> int:
    """Minutes since the epoch (the window's resolution), 0 for unknown."""
    return int(when.timestamp() // 60) if when is not None else 0


def article_time(article: Article) -> datetime | None:
    """The time a cluster is ordered by: publication, else download."""
    return article.published_at or article.fetched_at


class _Rows:
    """Append-only per-article arrays in fixed-size chunks (no copy of everything when they grow)."""

    def __init__(self, num_perm: int) -> None:
        self.num_perm = num_perm
        self.n = 0
        self.keys: list[np.ndarray] = []
        self.minutes: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []
        self.sigs: list[np.ndarray] = []

    def append(self, key: int, minute: int, label: int, sig: np.ndarray | None) -> int:
        if self.n % _CHUNK == 0:
            self.keys.append(np.zeros(_CHUNK, np.uint64))
            self.minutes.append(np.zeros(_CHUNK, np.uint32))
            self.labels.append(np.zeros(_CHUNK, np.uint64))
            self.sigs.append(np.zeros((_CHUNK, self.num_perm), np.uint16))
        c, i = divmod(self.n, _CHUNK)
        self.keys[c][i], self.minutes[c][i], self.labels[c][i] = key, minute, label
        if sig is not None:
            self.sigs[c][i] = sig
        self.n += 1
        return self.n - 1

    def key(self, row: int) -> int:
        return int(self.keys[row // _CHUNK][row % _CHUNK])

    def minute(self, row: int) -> int:
        return int(self.minutes[row // _CHUNK][row % _CHUNK])

    def label(self, row: int) -> int:
        return int(self.labels[row // _CHUNK][row % _CHUNK])

    def sig(self, row: int) -> np.ndarray:
        return self.sigs[row // _CHUNK][row % _CHUNK]

    def set_sig(self, row: int, sig: np.ndarray) -> None:
        self.sigs[row // _CHUNK][row % _CHUNK] = sig

    def joined(self, name: str) -> np.ndarray:
        parts = getattr(self, name)
        empty = np.zeros((0, self.num_perm), np.uint16) if name == "sigs" else np.zeros(0, parts[0].dtype if parts else np.uint64)
        return np.concatenate(parts)[: self.n] if parts else empty

    def load(self, keys: np.ndarray, minutes: np.ndarray, labels: np.ndarray, sigs: np.ndarray) -> None:
        for start in range(0, len(keys), _CHUNK):
            end = start + _CHUNK
            for name, values in (("keys", keys), ("minutes", minutes), ("labels", labels), ("sigs", sigs)):
                chunk = np.zeros((_CHUNK, *values.shape[1:]), values.dtype)
                chunk[: len(values[start:end])] = values[start:end]
                getattr(self, name).append(chunk)
        self.n = len(keys)

    def nbytes(self) -> int:
        return sum(a.nbytes for name in ("keys", "minutes", "labels", "sigs") for a in getattr(self, name))


class _Multimap:
    """Integer key -> rows, as sorted parallel arrays plus a dict of recent additions."""

    def __init__(self, dtype: type = np.uint64) -> None:
        self.dtype = dtype
        self.keys = np.empty(0, dtype)
        self.rows = np.empty(0, np.uint32)
        self.new: dict[int, list[int]] = {}
        self.pending = 0

    def add(self, key: int, row: int) -> None:
        self.new.setdefault(key, []).append(row)
        self.pending += 1
        if self.pending >= max(1024, len(self.keys) // 64):
            self.merge()

    def get(self, key: int) -> list[int]:
        found = list(self.new.get(key, ()))
        if len(self.keys):
            lo = int(np.searchsorted(self.keys, self.dtype(key), "left"))
            hi = int(np.searchsorted(self.keys, self.dtype(key), "right"))
            found += self.rows[lo:hi].tolist()
        return found

    def get_many(self, keys: np.ndarray) -> list[int]:
        """Rows of any of ``keys`` (one numpy search for all of them)."""
        found = [r for k in keys.tolist() for r in self.new.get(k, ())]
        if len(self.keys):
            lo = np.searchsorted(self.keys, keys, "left")
            hi = np.searchsorted(self.keys, keys, "right")
            for a, b in zip(lo[lo < hi].tolist(), hi[lo < hi].tolist()):
                found += self.rows[a:b].tolist()
        return found

    def merge(self) -> None:
        if not self.new:
            return
        keys = np.fromiter((k for k, rows in self.new.items() for _ in rows), self.dtype, self.pending)
        rows = np.fromiter((r for rs in self.new.values() for r in rs), np.uint32, self.pending)
        allkeys, allrows = np.concatenate([self.keys, keys]), np.concatenate([self.rows, rows])
        order = np.argsort(allkeys, kind="stable")
        self.keys, self.rows = allkeys[order], allrows[order]
        self.new, self.pending = {}, 0

    def nbytes(self) -> int:
        pending = sys.getsizeof(self.new) + sum(sys.getsizeof(k) + sys.getsizeof(v) + 8 * len(v) for k, v in self.new.items())
        return self.keys.nbytes + self.rows.nbytes + pending


class ClusterIndex:
    """Signatures of the archive's articles, their clusters, and the lookup that assigns new ones."""

    def __init__(self, root: str | os.PathLike[str] | None = None, *, window: timedelta = timedelta(days=3),
                 threshold: float = sim.THRESHOLD) -> None:
        self.root = os.fspath(root) if root is not None else None
        self.window_minutes = int(window.total_seconds() // 60)
        self.threshold = threshold
        self._rows = _Rows(sim.NUM_PERM)
        self._by_key = _Multimap()
        self._bands = _Multimap(np.uint32)  # band keys folded to 32 bits: a collision only adds a candidate
        self._first: dict[int, tuple[int, int]] = {}  # cluster key -> (first member's key, minute), re-pointed only
        self._first_changed = False

    def __len__(self) -> int:
        return self._rows.n

    # ----------------------------------------------------------------- lookups
    def _row_of(self, key: int) -> int | None:
        rows = self._by_key.get(key)
        return rows[-1] if rows else None

    def cluster_of(self, article_id: str) -> str | None:
        """The cluster id of a stored article, else None."""
        row = self._row_of(int(article_id, 16))
        return None if row is None else f"{self._rows.label(row):016x}"

    def first_member(self, cluster_id: str) -> str:
        """The earliest-published member of a cluster (its own id unless a backfill found an earlier copy)."""
        first = self._first.get(int(cluster_id, 16))
        return f"{first[0]:016x}" if first else cluster_id

    def _candidates(self, sig: np.ndarray, minute: int, own: int) -> Iterator[int]:
        for row in set(self._bands.get_many(_fold(sim.band_keys(sig)))):
            if self._rows.key(row) == own:
                continue
            other = self._rows.minute(row)
            if not minute or not other or abs(other - minute) <= self.window_minutes:
                yield row

    def _best(self, sig: np.ndarray, minute: int, own: int) -> tuple[int, float] | None:
        best: tuple[int, float] | None = None
        for row in self._candidates(sig, minute, own):
            score = sim.similarity(sig, self._rows.sig(row))
            if score >= self.threshold and (best is None or score > best[1]):
                best = (row, score)
        return best

    def _similarity_to(self, sig: np.ndarray | None, label: int, own: int) -> float:
        if label == own:
            return 1.0
        row = self._row_of(label)
        if sig is None or row is None:
            return 0.0
        return sim.similarity(sig, self._rows.sig(row))

    # ----------------------------------------------------------------- assigning
    def assign(self, article: Article, sig: np.ndarray | None = None, *, computed: bool = False) -> Assignment:
        """Cluster ``article`` (its signature computed here unless given) and remember it.

        A new version of a stored article stays in its cluster; a new article joins the
        cluster of its most similar neighbour in the window, or starts its own.
        """
        if not computed and sig is None:
            sig = sim.signature(article.body)
        own = int(article.article_id or make_article_id(article.url), 16)
        minute = _minutes(article_time(article))
        known = self._row_of(own)
        if known is not None:
            label = self._rows.label(known)
        else:
            best = self._best(sig, minute, own) if sig is not None else None
            label = self._rows.label(best[0]) if best else own
        score = self._similarity_to(sig, label, own)
        self._remember(own, minute, label, sig)
        if label != own:
            self._maybe_repoint(label, own, minute)
        return Assignment(f"{label:016x}", round(score, 4))

    def _remember(self, key: int, minute: int, label: int, sig: np.ndarray | None) -> None:
        row = self._rows.append(key, minute, label, sig)
        self._by_key.add(key, row)
        if sig is not None:
            for band in _fold(sim.band_keys(sig)).tolist():
                self._bands.add(band, row)

    def _maybe_repoint(self, label: int, member: int, minute: int) -> None:
        """Make ``member`` the cluster's first member when it was published before the current one."""
        if not minute:
            return
        first_key, first_minute = self._first.get(label, (label, 0))
        if first_key == label:
            row = self._row_of(label)
            first_minute = self._rows.minute(row) if row is not None else 0
        if first_minute and minute < first_minute:
            self._first[label] = (member, minute)
            self._first_changed = True

    def catch_up(self, rows: Iterable[Article]) -> None:
        """Take rows read back from the archive: their stored clusters, else (older files) clusters assigned now.

        Rows without a cluster are assigned after the others, oldest first, so that a
        cluster is named after its earliest member; first members are then recomputed
        from every row, whatever order the files came in.
        """
        unassigned: list[tuple[Article, np.ndarray | None]] = []
        for article in rows:
            sig = sim.signature(article.body)
            if article.cluster_id is None:
                unassigned.append((replace(article, body=None), sig))
                continue
            own = int(article.article_id or make_article_id(article.url), 16)
            self._remember(own, _minutes(article_time(article)), int(article.cluster_id, 16), sig)
        unassigned.sort(key=lambda pair: _minutes(article_time(pair[0])))
        for article, sig in unassigned:
            self.assign(article, sig, computed=True)
        self._recompute_first()

    def _recompute_first(self) -> None:
        """Every cluster's earliest-published member (where it is not the one the cluster is named after)."""
        keys, minutes, labels = (self._rows.joined(n) for n in ("keys", "minutes", "labels"))
        dated = minutes > 0
        keys, minutes, labels = keys[dated], minutes[dated], labels[dated]
        order = np.lexsort((minutes, labels))
        keys, minutes, labels = keys[order], minutes[order], labels[order]
        starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]]) if len(labels) else np.empty(0, np.intp)
        first: dict[int, tuple[int, int]] = {}
        for i in starts.tolist():
            label, key, minute = int(labels[i]), int(keys[i]), int(minutes[i])
            if key != label:
                own = self._row_of(label)
                if own is None or not self._rows.minute(own) or minute < self._rows.minute(own):
                    first[label] = (key, minute)
        self._first_changed = self._first_changed or first != self._first
        self._first = first

    def memory_bytes(self) -> int:
        """Bytes held: per-article arrays, band and key tables, and the re-pointed clusters."""
        return self._rows.nbytes() + self._by_key.nbytes() + self._bands.nbytes() + 64 * len(self._first)

    # ------------------------------------------------------------ persistence
    def save(self) -> None:
        """Write the index (after the rows it names are flushed) and the first-member table, atomically."""
        if self.root is None:
            raise ValueError("in-memory cluster index has no root to save to")
        self._by_key.merge()
        self._bands.merge()
        first = sorted(self._first.items())
        arrays = {name: self._rows.joined(name) for name in ("keys", "minutes", "labels", "sigs")}
        arrays.update(band_keys=self._bands.keys, band_rows=self._bands.rows,
                      first_label=np.array([k for k, _ in first], np.uint64),
                      first_key=np.array([v[0] for _, v in first], np.uint64),
                      first_minute=np.array([v[1] for _, v in first], np.uint32))
        save_arrays(self.root, arrays, sim.NUM_PERM, name=INDEX_FILE)
        if self._first_changed or not os.path.exists(first_path(self.root)):
            self._write_first(first)

    def _write_first(self, first: list[tuple[int, tuple[int, int]]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self.root is not None
        table = pa.table({
            "cluster_id": pa.array([f"{k:016x}" for k, _ in first], pa.string()),
            "first_article_id": pa.array([f"{v[0]:016x}" for _, v in first], pa.string()),
            "first_published_at": pa.array([datetime.fromtimestamp(v[1] * 60, timezone.utc) for _, v in first],
                                           pa.timestamp("us", tz="UTC")),
        })
        with atomic_file(first_path(self.root), "wb") as handle:
            pq.write_table(table, handle)
        self._first_changed = False

    @classmethod
    def open(cls, root: str | os.PathLike[str], *, window: timedelta = timedelta(days=3),
             threshold: float = sim.THRESHOLD) -> ClusterIndex:
        """Load the saved index and catch up with Parquet files written after it (all of them when it is missing)."""
        index = cls(root, window=window, threshold=threshold)
        saved = load_arrays(index.root or "", name=INDEX_FILE, arrays=ARRAYS)
        if saved is not None and saved.bits != sim.NUM_PERM:
            log.warning("cluster index has %d permutations, not %d; rebuilding", saved.bits, sim.NUM_PERM)
            saved = None
        if saved is not None:
            index._load(saved)
        index.catch_up(stored_rows(not_covered(index.root or "", saved)))
        return index

    def _load(self, saved: SavedIndex) -> None:
        a = saved.arrays
        self._rows.load(a["keys"], a["minutes"], a["labels"], a["sigs"])
        self._by_key.keys, self._by_key.rows = _sorted_by(a["keys"])
        self._bands.keys, self._bands.rows = a["band_keys"], a["band_rows"]
        self._first = {int(k): (int(v), int(m)) for k, v, m in zip(a["first_label"], a["first_key"], a["first_minute"])}


def _fold(keys: np.ndarray) -> np.ndarray:
    return ((keys >> np.uint64(32)) ^ (keys & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def _sorted_by(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], order.astype(np.uint32)


def first_path(root: str | os.PathLike[str]) -> str:
    """``<archive>/clusters/first.parquet``: clusters whose earliest member is not the one they are named after."""
    return os.path.join(os.fspath(root), CLUSTERS_DIR, FIRST_FILE)


def stored_rows(files: Iterable[str]) -> Iterator[Article]:
    """The columns clustering needs from every row of ``files``, as light Articles (read in batches)."""
    return light_rows(files, _ROW_COLUMNS, batch_size=4096)

