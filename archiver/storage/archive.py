"""The archive as one object: what it holds, and storing an article once.

A crawl, an import or a re-extraction asks :class:`Archive` and nothing else:
``known(url)`` before downloading, ``remember_alias()`` for a copy that names
its original, ``store(article)`` to keep it (the dedup decision: a new
article, a new version of a known one, or a duplicate; and the near-duplicate
cluster of what is stored, :mod:`archiver.storage.clusters`), ``close()``.  The
dedup index and the Parquet writer behind it are chosen by the caller; the
indexes are only ever written here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from archiver.extraction.template import PageKeys
from archiver.fingerprints import article_id
from archiver.model import Article
from archiver.storage.clusters import ClusterIndex
from archiver.storage.dedup import DedupIndex, LocalDedupIndex, UrlRecord
from archiver.storage.templates import Ready, TemplateIndex
from archiver.storage.writer import ArchiveWriter, ParquetArchiveWriter, WriteStats, cleanup_leftovers


@dataclass(frozen=True, slots=True)
class New:
    """Stored: an article the archive did not hold."""

    article: Article


@dataclass(frozen=True, slots=True)
class Updated:
    """Stored: a new version (changed body) of an archived article."""

    article: Article


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Not stored: an unchanged re-fetch (``how="url"``) or the same body under another URL (``"content"``)."""

    of: str  # article_id of the stored copy
    how: str


Stored = New | Updated | Duplicate


@dataclass(frozen=True, slots=True)
class Submitted:
    """What :meth:`Archive.submit` did with one article: the article as cleaned, the outcome, lines dropped."""

    article: Article
    stored: Stored
    dropped: int
COMPUTE: Any = object()
"""``store(signature=COMPUTE)``: the signature is computed from the body (the caller did not compute it)."""


class Archive:
    """Dedup decisions and writes for one archive; the caller holds the archive lock."""

    def __init__(self, index: DedupIndex, writer: ArchiveWriter, clusters: ClusterIndex | None = None,
                 templates: TemplateIndex | None = None) -> None:
        """``clusters``: the near-duplicate cluster index; None stores rows without a cluster (null
        ``cluster_id``, as in files older than schema 4), for crawls run with ``ARCHIVER_CLUSTERS=False``.
        ``templates``: the sites' learned templates, used by :meth:`submit`; None stores bodies as given."""
        self.index = index
        self.writer = writer
        self.clusters = clusters
        self.templates = templates
        self._stored_now: set[str] = set()  # article ids stored (or confirmed) since this Archive opened

    @classmethod
    def open(cls, root: str | os.PathLike[str], *, index_class: Any = LocalDedupIndex,
             cluster_window: timedelta = timedelta(days=3), clusters: bool = True,
             templates: dict[str, Any] | None = None, **writer_options: Any) -> Archive:
        """Clean up a killed writer's leftovers, open the indexes, start a writer (``flush_rows``, ``run_id``…).

        ``cluster_window``: how far apart in publication time two copies of a story may be; ``clusters=False``
        neither opens nor updates the cluster index (a later run that assigns clusters catches up with the
        rows stored meanwhile, which keep a null ``cluster_id``).  ``templates``: options of the
        :class:`~archiver.storage.templates.TemplateIndex` (``min_pages``, ``hold``, ``max_lines``);
        None opens none, and :meth:`submit` then stores at once.
        """
        cleanup_leftovers(root)
        return cls(index_class.open(root), ParquetArchiveWriter(root, **writer_options),
                   ClusterIndex.open(root, window=cluster_window) if clusters else None,
                   TemplateIndex.open(root, **templates) if templates is not None else None)

    # -- before downloading ----------------------------------------------------------------
    def known(self, url: str) -> UrlRecord | None:
        """The stored article ``url`` is (canonical) or led to (alias), else None."""
        return self.index.lookup_url(url)

    def from_earlier_run(self, record: UrlRecord) -> bool:
        """Whether ``record``'s article was archived before this run (not moments ago, by this one)."""
        return record.article_id not in self._stored_now

    def changed_since(self, url: str, modified: datetime | None) -> bool:
        """Whether a sitemap's or feed's ``modified`` is later than the stored copy of ``url``."""
        return self.index.is_newer(url, modified)

    def remember_alias(self, url: str, original: str) -> UrlRecord | None:
        """Record that ``url`` (an AMP copy, a mirror path) is a copy of ``original``; the original's
        record when it is already archived.  The original need not be stored yet: the alias then
        answers lookups once it is."""
        record = self.known(original)
        self.index.add_alias(url, record.article_id if record else article_id(original))
        return record

    # -- storing --------------------------------------------------------------------------------
    def submit(self, article: Article, signature: Any = COMPUTE, keys: PageKeys | None = None) -> list[Submitted]:
        """Store ``article`` through its site's template model: what was stored now, in order.

        A new article (neither its URL nor its body known) teaches the model its lines and its
        page's link texts (``keys``: :func:`archiver.extraction.template.page_keys`, which a crawl's
        worker computed; else computed here from the body alone).  While
        the site is fresh the article waits and nothing is returned; once the model has seen
        enough pages the waiting articles come back with this one, each cleaned and stored.
        Without a template index this is :meth:`store`.
        """
        if self.templates is None:
            return [Submitted(article, self.store(article, signature), 0)]
        fresh = self.known(article.url) is None and not (
            article.content_hash and self.index.has_content(article.content_hash))
        return self._stored(self.templates.take(article, signature, keys, observe=fresh))

    def release(self) -> list[Submitted]:
        """Store every article still waiting for its site's model (call before :meth:`close`)."""
        return self._stored(self.templates.release()) if self.templates is not None else []

    def _stored(self, ready: list[Ready]) -> list[Submitted]:
        return [Submitted(r.article, self.store(r.article, r.signature, raw_hash=r.raw_hash), r.dropped)
                for r in ready]

    def store(self, article: Article, signature: np.ndarray | None = COMPUTE, *, raw_hash: str | None = None) -> Stored:
        """Store ``article`` once: dedup by canonical URL, alias and body; keep changed versions.

        What is stored gets its near-duplicate cluster.  ``signature`` is
        :func:`archiver.similarity.signature` of the body when the caller computed it
        already (a crawl does, in its worker processes); else it is computed here.
        """
        known = self.known(article.url)
        hashes = [h for h in (article.content_hash, raw_hash) if h]
        if known is not None:
            if any(self.index.has_content(h) == known.article_id for h in hashes):
                # unchanged: the stored copy is current as of this download
                self.index.add(replace(article, article_id=known.article_id, version=known.version,
                                       modified_at=article.fetched_at))
                self._stored_now.add(known.article_id)
                return self._duplicate(article, known.article_id, "url")
            article = self._clustered(replace(article, article_id=known.article_id, version=known.version + 1),
                                      signature)
            result: Stored = Updated(article)
        else:
            holder = next((found for h in hashes if (found := self.index.has_content(h))), None)
            if holder is not None:
                return self._duplicate(article, holder, "content")
            article = self._clustered(replace(article, article_id=article.article_id or article_id(article.url)),
                                      signature)
            result = New(article)
        self.writer.write(article)
        self.index.add(article, aliases=article.aliases)
        if raw_hash and raw_hash != article.content_hash:  # the body before template cleaning: a re-fetch
            self.index.add(replace(article, content_hash=raw_hash))  # of it is unchanged, whatever the model drops
        self._stored_now.add(article.article_id or article_id(article.url))
        return result

    def _clustered(self, article: Article, signature: np.ndarray | None) -> Article:
        if self.clusters is None:
            return article
        computed = signature is not COMPUTE
        found = self.clusters.assign(article, signature if computed else None, computed=computed)
        return replace(article, cluster_id=found.cluster_id, similarity=found.similarity)

    def _duplicate(self, article: Article, holder: str, how: str) -> Duplicate:
        for url in (article.url, article.fetched_url, *article.aliases):
            if url:
                self.index.add_alias(url, holder)
        return Duplicate(holder, how)

    # -- durability -----------------------------------------------------------------------------
    def maybe_flush(self) -> None:
        """Write buffered rows if the writer's time threshold passed."""
        self.writer.maybe_flush()

    def checkpoint(self) -> None:
        """Make everything stored so far durable: rows first, then the index that names them."""
        self.writer.flush()
        self._save_indexes()

    def close(self) -> WriteStats:
        self.release()  # a caller that did not release its waiting articles still has them stored
        stats = self.writer.close()
        self._save_indexes()
        return stats

    def _save_indexes(self) -> None:
        self.index.save()
        if self.clusters is not None and self.clusters.root is not None:
            self.clusters.save()
        if self.templates is not None and self.templates.root is not None:
            self.templates.save()
