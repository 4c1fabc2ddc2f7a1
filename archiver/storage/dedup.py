"""Persistent dedup index: which URLs and bodies the archive already holds.

Memory layout (why it fits in ~30 bytes per article).  A Python dict costs
about 100 bytes per entry, so the bulk of the index is packed numpy arrays:

* articles, sorted by key (the article_id as uint64 = the canonical URL key):
  ``_akeys`` uint64 + ``_amod`` uint32 (modified_at, Unix seconds, 0 = none)
  + ``_aver`` uint16 (latest version)                          → 14 bytes;
* alias URLs (fetched URL, AMP copy, tracking variants): one sorted uint64
  each, packing the top ``64 - r`` bits of the URL key with the ``r``-bit row
  of its article (``r`` = bits needed for the article count) →  8 bytes;
* content keys (first 64 bits of content_hash): packed the same way → 8 bytes.

Canonical URLs are compared on all 64 bits; aliases and bodies on
``64 - r`` bits (44 bits at a million articles): a false match needs two of
~10^13 keys to collide, about one lookup in 10^7 at a million articles.

New keys go to small dicts and are merged into the arrays in batches (the
batch grows with the index, so merging stays O(1) amortised per 100 adds).
Updating a known article (new version) changes its array row in place.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Protocol

import numpy as np

from archiver.fingerprints import article_id as make_article_id
from archiver.fingerprints import content_key, url_key
from archiver.model import Article
from archiver.storage.index_file import archived_rows, load_arrays, not_covered, save_arrays

log = logging.getLogger(__name__)

_U32_MAX = 2**32 - 1
_U16_MAX = 2**16 - 1


@dataclass(frozen=True, slots=True)
class UrlRecord:
    """What the index knows about a URL's article."""

    article_id: str
    modified_at: datetime | None
    version: int


class DedupIndex(Protocol):
    """What the archive asks before downloading and before storing (``ARCHIVER_DEDUP_INDEX`` names the class).

    An implementation may keep its keys anywhere (memory, Redis, a database):
    :class:`archiver.storage.archive.Archive` only uses these methods.
    """

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> DedupIndex:
        """The index of the archive at ``root``, caught up with every Parquet file there."""
        ...

    def lookup_url(self, url: str) -> UrlRecord | None: ...

    def has_content(self, content_hash: str) -> str | None: ...

    def is_newer(self, url: str, modified: datetime | None) -> bool: ...

    def add(self, article: Article, aliases: Iterable[str] = ()) -> None: ...

    def add_alias(self, url: str, article_id: str) -> None: ...

    def save(self) -> None:
        """Make what was added durable (after the Parquet writer flushed the rows it names)."""
        ...

    def __len__(self) -> int: ...

    def memory_bytes(self) -> int: ...


def current_as_of(article: Article) -> datetime | None:
    """The time up to which the stored copy is known to be current.

    A sitemap ``lastmod`` or a page's ``dateModified`` later than this means
    the article changed.  Pages that never declare a modification are current
    as of their publication (else their download), so an unchanged sitemap
    entry never triggers a re-download.
    """
    return article.modified_at or article.published_at or article.fetched_at


def _seconds(when: datetime | None) -> int:
    if when is None:
        return 0
    if when.tzinfo is None:
        raise ValueError("modified_at must be timezone-aware")
    return min(max(int(when.timestamp()), 1), _U32_MAX)


def _datetime(seconds: int) -> datetime | None:
    return datetime.fromtimestamp(seconds, timezone.utc) if seconds else None


def _pack(keys: np.ndarray, rows: np.ndarray, r: int) -> np.ndarray:
    shift = np.uint64(r)
    return ((keys >> shift) << shift) | rows.astype(np.uint64)


def _find_packed(packed: np.ndarray, key: int, r: int) -> int | None:
    """Row stored for ``key`` in a packed array, or None."""
    if not len(packed):  # a first crawl: skip numpy's per-call overhead
        return None
    prefix = key >> r
    i = int(np.searchsorted(packed, np.uint64(prefix << r)))
    if i < len(packed) and int(packed[i]) >> r == prefix:
        return int(packed[i]) & ((1 << r) - 1)
    return None


class LocalDedupIndex:
    """Dedup index in packed numpy arrays, saved under ``<archive>/index/``."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = os.fspath(root) if root is not None else None
        self._akeys = np.empty(0, np.uint64)
        self._amod = np.empty(0, np.uint32)
        self._aver = np.empty(0, np.uint16)
        self._alias = np.empty(0, np.uint64)
        self._content = np.empty(0, np.uint64)
        self._r = 1
        self._new_articles: dict[int, tuple[int, int]] = {}  # akey -> (modified seconds, version)
        self._new_alias: dict[int, int] = {}  # url key -> akey
        self._new_content: dict[int, int] = {}  # content key -> akey
        self._waiting: dict[int, int] = {}  # url key -> akey of an article not stored yet (in flight)

    # ----------------------------------------------------------------- lookups
    def __len__(self) -> int:
        return len(self._akeys) + len(self._new_articles)

    def _row(self, akey: int) -> int | None:
        if not len(self._akeys):
            return None
        i = int(np.searchsorted(self._akeys, np.uint64(akey)))
        return i if i < len(self._akeys) and int(self._akeys[i]) == akey else None

    def _record(self, akey: int) -> UrlRecord | None:
        if akey in self._new_articles:
            mod, ver = self._new_articles[akey]
            return UrlRecord(f"{akey:016x}", _datetime(mod), ver)
        row = self._row(akey)
        if row is None:
            return None
        return UrlRecord(f"{akey:016x}", _datetime(int(self._amod[row])), int(self._aver[row]))

    def _record_of_row(self, row: int) -> UrlRecord:
        return UrlRecord(f"{int(self._akeys[row]):016x}", _datetime(int(self._amod[row])), int(self._aver[row]))

    def _lookup_key(self, key: int) -> UrlRecord | None:
        record = self._record(key)
        if record is not None:
            return record
        if key in self._new_alias:
            return self._record(self._new_alias[key])
        if key in self._waiting:
            return self._record(self._waiting[key])
        row = _find_packed(self._alias, key, self._r)
        return None if row is None else self._record_of_row(row)

    def lookup_url(self, url: str) -> UrlRecord | None:
        """The stored article this URL is (canonical) or led to (alias), else None."""
        return self._lookup_key(url_key(url))

    def has_content(self, content_hash: str) -> str | None:
        """article_id of a stored article with this body hash, else None."""
        key = content_key(content_hash)
        if key in self._new_content:
            return f"{self._new_content[key]:016x}"
        row = _find_packed(self._content, key, self._r)
        return None if row is None else f"{int(self._akeys[row]):016x}"

    def is_newer(self, url: str, modified: datetime | None) -> bool:
        """True when ``modified`` (sitemap lastmod / dateModified) is later than the stored copy.

        The stored time is :func:`current_as_of`: the page's modified_at, else its
        publication time, else when it was fetched.

        Unknown URLs are "newer" (fetch them); a known article without a
        stored modified_at is re-fetched only when ``modified`` is given.
        Compared at whole seconds, the resolution the index keeps.
        """
        record = self.lookup_url(url)
        if record is None:
            return True
        if modified is None:
            return False
        return _seconds(modified) > _seconds(record.modified_at)

    # ------------------------------------------------------------------- adds
    def add(self, article: Article, aliases: Iterable[str] = ()) -> None:
        """Record a stored article (any version), its fetched URL, aliases and body hash.

        Idempotent: adding the same row twice, or an older version after a
        newer one, leaves the newest version's modified_at in place.
        """
        aid = article.article_id or make_article_id(article.url)
        self._add_key(int(aid, 16), _seconds(current_as_of(article)), article.version)
        urls = [article.url, article.fetched_url, *article.aliases, *aliases]
        for url in urls:
            if url:
                self.add_alias(url, aid)
        if article.content_hash:
            self._add_content(content_key(article.content_hash), int(aid, 16))

    def _add_key(self, akey: int, mod: int, version: int) -> None:
        version = min(max(int(version), 1), _U16_MAX)
        if akey in self._new_articles:
            self._new_articles[akey] = max(self._new_articles[akey], (mod, version), key=lambda mv: (mv[1], mv[0]))
            return
        row = self._row(akey)
        if row is None:
            self._new_articles[akey] = (mod, version)
            self._maybe_merge()
            return
        old_ver, old_mod = int(self._aver[row]), int(self._amod[row])
        if (version, mod) > (old_ver, old_mod):
            self._aver[row], self._amod[row] = version, mod

    def add_alias(self, url: str, article_id: str) -> None:
        """Remember that ``url`` leads to ``article_id`` (first mapping wins).

        The article need not be stored yet: an AMP page naming a canonical
        URL that is still being fetched can be recorded at once (``article_id``
        = :func:`archiver.fingerprints.article_id` of the canonical URL).  Such
        an alias answers lookups once the article is added; if it never is,
        the alias is not saved.
        """
        key = url_key(url)
        if self._lookup_key(key) is None:
            self._waiting.pop(key, None)
            self._new_alias[key] = int(article_id, 16)
            self._maybe_merge()

    def _add_content(self, key: int, akey: int) -> None:
        if key not in self._new_content and _find_packed(self._content, key, self._r) is None:
            self._new_content[key] = akey
            self._maybe_merge()

    # ------------------------------------------------------------------ merge
    def _pending(self) -> int:
        return len(self._new_articles) + len(self._new_alias) + len(self._new_content)

    def _maybe_merge(self) -> None:
        if self._pending() >= max(64, min(8192, len(self._akeys) // 128)):
            self.merge()

    def merge(self) -> None:
        """Fold the new-key dicts into the packed arrays (sorted, rows re-packed)."""
        if not self._pending():
            return
        new = np.fromiter(self._new_articles.keys(), np.uint64, len(self._new_articles))
        vals = list(self._new_articles.values())
        allkeys = np.concatenate([self._akeys, new])
        order = np.argsort(allkeys, kind="stable")
        position = np.empty_like(order)
        position[order] = np.arange(len(order))
        old_to_new = position[: len(self._akeys)].astype(np.uint64)
        self._amod = np.concatenate([self._amod, np.array([m for m, _ in vals], np.uint32)])[order]
        self._aver = np.concatenate([self._aver, np.array([v for _, v in vals], np.uint16)])[order]
        self._akeys = allkeys[order]
        old_r, self._r = self._r, max(1, len(self._akeys).bit_length())
        self._alias, self._waiting = self._merge_packed(self._alias, {**self._waiting, **self._new_alias}, old_r, old_to_new)
        self._content, lost = self._merge_packed(self._content, self._new_content, old_r, old_to_new)
        if lost:
            log.warning("dedup index: %d content keys point to unknown articles; dropped", len(lost))
        self._new_articles, self._new_alias, self._new_content = {}, {}, {}

    def _merge_packed(self, packed: np.ndarray, new: dict[int, int], old_r: int,
                      old_to_new: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
        """``packed`` re-packed for the new row numbering plus ``new``; entries whose article is unknown are returned."""
        rows = old_to_new[(packed & np.uint64((1 << old_r) - 1)).astype(np.intp)]
        keep = _pack(packed, rows, self._r)
        keys = np.fromiter(new.keys(), np.uint64, len(new))
        targets = np.fromiter(new.values(), np.uint64, len(new))
        found = np.searchsorted(self._akeys, targets)
        ok = found < len(self._akeys)
        ok[ok] = self._akeys[found[ok]] == targets[ok]
        unknown = {int(k): int(t) for k, t in zip(keys[~ok], targets[~ok])}
        added = _pack(keys[ok], found[ok].astype(np.uint64), self._r)
        return np.sort(np.concatenate([keep, added])), unknown

    def memory_bytes(self) -> int:
        """Bytes held: the arrays plus an estimate of the pending dicts (keys, values, tables)."""
        arrays = sum(a.nbytes for a in (self._akeys, self._amod, self._aver, self._alias, self._content))
        pending = 0
        for table in (self._new_articles, self._new_alias, self._new_content, self._waiting):
            pending += sys.getsizeof(table) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in table.items())
        return arrays + pending

    # ------------------------------------------------------------ persistence
    def save(self) -> None:
        """Write the index atomically (temp file, fsync, rename).

        Save only after the writer has flushed: an index naming articles
        that never reached a Parquet file would skip them for ever.
        """
        if self.root is None:
            raise ValueError("in-memory index has no root to save to")
        self.merge()
        if self._waiting:
            log.info("dedup index: %d aliases of articles not stored (yet) are not saved", len(self._waiting))
        save_arrays(self.root, {"akeys": self._akeys, "amod": self._amod, "aver": self._aver, "alias": self._alias,
                                "content": self._content}, self._r)

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> LocalDedupIndex:
        """Load the saved index and catch up with Parquet files written after it.

        A missing or unreadable index is rebuilt from the whole archive; Parquet
        files it does not cover (flushed by a crawl killed before it saved the
        index) are re-read, which is safe because :meth:`add` is idempotent.
        """
        index = cls(root)
        saved = load_arrays(index.root or "")
        if saved is not None:
            arrays, index._r = saved.arrays, saved.bits
            index._akeys, index._amod, index._aver = arrays["akeys"], arrays["amod"], arrays["aver"]
            index._alias, index._content = arrays["alias"], arrays["content"]
        for article in archived_rows(not_covered(index.root or "", saved)):
            index.add(article)
        index.merge()
        return index
