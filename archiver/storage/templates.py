"""Each site's learned template (:mod:`archiver.extraction.template`), kept with the archive's indexes.

:class:`TemplateIndex` holds one :class:`~archiver.extraction.template.SiteTemplate` per site,
learns from every new article the archive stores, and cleans each body before it is stored.
A site the model has seen fewer than ``hold`` pages of is *fresh*: its articles wait here
(at most ``hold`` per site, so memory stays bounded) until the model has seen ``hold`` pages,
then all of them are cleaned by that model and stored; whatever still waits when the archive
closes is cleaned by the model as it is then.  Nothing waiting is in the dedup index, so a kill
loses nothing committed: those URLs are not known and the next run downloads them again.

On disk it is ``<archive>/index/templates.npz``, written with the other indexes by
:func:`archiver.storage.index_file.save_arrays` (atomic, after the rows are flushed, listing
the Parquet files it covers); reopening it catches up with the files written after it.
A site that still has articles waiting is saved as it was before it learnt them (they are not
stored yet: the next run downloads and counts them again).  Rebuilt from the archive when missing: the
stored bodies are already clean, so the template lines are learnt again from the next pages.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator

import numpy as np

from archiver.extraction.template import MAX_ANCHORS, MAX_LINES, MIN_PAGES, PageKeys, SiteTemplate, page_keys
from archiver.fingerprints import content_hash, word_count
from archiver.model import Article
from archiver.storage.index_file import (
    SavedIndex,
    cover_current_files,
    index_path,
    light_rows,
    load_arrays,
    not_covered,
    save_arrays,
)
from archiver.storage.layout import ARTICLES_DIR

INDEX_FILE = "templates.npz"
ARRAYS = ("sites", "pages", "line_counts", "line_keys", "line_values", "anchor_counts", "anchor_keys",
          "anchor_values")
HOLD = 6


@dataclass(frozen=True, slots=True)
class Ready:
    """An article ready to store, cleaned by its site's template; ``raw_hash`` is the uncleaned body's hash."""

    article: Article
    signature: Any
    raw_hash: str | None
    dropped: int


@dataclass(slots=True)
class _Waiting:
    article: Article
    signature: Any
    keys: PageKeys


class TemplateIndex:
    """Per-site template models, the articles of fresh sites waiting for theirs, and their file."""

    def __init__(self, root: str | os.PathLike[str] | None = None, *, min_pages: int = MIN_PAGES,
                 hold: int = HOLD, max_lines: int = MAX_LINES, max_anchors: int = MAX_ANCHORS) -> None:
        self.root = os.fspath(root) if root is not None else None
        self.min_pages, self.hold = min_pages, max(0, hold)
        self.max_lines, self.max_anchors = max_lines, max_anchors
        self.sites: dict[str, SiteTemplate] = {}
        self.waiting: dict[str, list[_Waiting]] = defaultdict(list)
        self._before_waiting: dict[str, SiteTemplate] = {}  # a fresh site's model before its waiting articles

    def site(self, site: str) -> SiteTemplate:
        model = self.sites.get(site)
        if model is None:
            model = self.sites[site] = SiteTemplate(min_pages=self.min_pages, max_lines=self.max_lines,
                                                    max_anchors=self.max_anchors)
        return model

    # ----------------------------------------------------------------- the crawl's path
    def take(self, article: Article, signature: Any = None, keys: PageKeys | None = None, *,
             observe: bool = True) -> list[Ready]:
        """Learn from ``article`` (when ``observe``: a new article, not a re-fetch or a copy) and
        return what can be stored now: nothing while its site is fresh, else the waiting articles
        of its site and this one, cleaned.  ``keys``: :func:`~archiver.extraction.template.page_keys`
        of its body and page links (a crawl's worker computed them), else computed here from the body."""
        if keys is None:
            keys = page_keys(article.body or "")
        model = self.site(article.site)
        queue = self.waiting.get(article.site) or []
        # copies waiting together (one story under two URLs, not in the dedup index yet) are one page
        if observe and not any(w.article.url == article.url or w.article.content_hash == article.content_hash
                               for w in queue):
            if model.pages < self.hold and article.site not in self._before_waiting:
                self._before_waiting[article.site] = model.copy()  # what save() writes while articles wait
            model.observe(keys)
        if model.pages < self.hold or queue:
            self.waiting[article.site].append(_Waiting(article, signature, keys))
            if model.pages < self.hold:
                return []
            return self._release(article.site)
        self._before_waiting.pop(article.site, None)
        return [cleaned_article(model, article, signature, keys)]

    def release(self) -> list[Ready]:
        """Every waiting article, cleaned by its site's model as it is now (the archive is closing)."""
        return [r for site in list(self.waiting) for r in self._release(site)]

    def _release(self, site: str) -> list[Ready]:
        model = self.site(site)
        self._before_waiting.pop(site, None)
        return [cleaned_article(model, w.article, w.signature, w.keys) for w in self.waiting.pop(site, [])]

    def waiting_count(self) -> int:
        return sum(len(q) for q in self.waiting.values())

    # ----------------------------------------------------------------- reading the archive
    def catch_up(self, rows: Iterable[Article]) -> None:
        """Learn from rows read back from the archive (their bodies are clean already)."""
        for article in rows:
            if article.version == 1:
                self.site(article.site).observe(article.body or "")

    def memory_bytes(self) -> int:
        return sum(m.memory_bytes() for m in self.sites.values())

    # ----------------------------------------------------------------- persistence
    def save(self) -> None:
        """Write every site's counts (after the rows they describe are flushed), atomically; a site with
        articles waiting is written as it was before it learnt them (they are not stored yet)."""
        if self.root is None:
            raise ValueError("in-memory template index has no root to save to")
        before = {s: self._before_waiting.get(s, m) for s, m in self.sites.items()}
        names = sorted(s for s, m in before.items() if m.pages)  # a site none of whose pages is stored: nothing
        models = [before[s] for s in names]
        line_items = [list(m.lines.items()) for m in models]
        anchor_items = [list(m.anchors.items()) for m in models]
        arrays = {
            "sites": np.array([s.encode() for s in names], dtype=bytes),
            "pages": np.array([m.pages for m in models], np.int64),
            "line_counts": np.array([len(i) for i in line_items], np.int64),
            "line_keys": np.array([k for i in line_items for k, _ in i], np.uint64),
            "line_values": np.array([min(v, 65535) for i in line_items for _, v in i], np.uint16),
            "anchor_counts": np.array([len(i) for i in anchor_items], np.int64),
            "anchor_keys": np.array([k for i in anchor_items for k, _ in i], np.uint64),
            "anchor_values": np.array([min(v, 65535) for i in anchor_items for _, v in i], np.uint16),
        }
        save_arrays(self.root, arrays, self.min_pages, name=INDEX_FILE)

    @classmethod
    def open(cls, root: str | os.PathLike[str], **options: Any) -> TemplateIndex:
        """Load the saved models and catch up with Parquet files written after them."""
        index = cls(root, **options)
        saved = load_arrays(index.root or "", name=INDEX_FILE, arrays=ARRAYS)
        if saved is not None:
            index._load(saved)
        index.catch_up(stored_rows(index.root or "", not_covered(index.root or "", saved)))
        return index

    def _load(self, saved: SavedIndex) -> None:
        a = saved.arrays
        line_ends = np.cumsum(a["line_counts"]).tolist()
        anchor_ends = np.cumsum(a["anchor_counts"]).tolist()
        line_keys, line_values = a["line_keys"].tolist(), a["line_values"].tolist()
        anchor_keys, anchor_values = a["anchor_keys"].tolist(), a["anchor_values"].tolist()
        lstart = astart = 0
        for i, name in enumerate(a["sites"].tolist()):
            model = self.site(name.decode() if isinstance(name, bytes) else name)
            model.pages = int(a["pages"][i])
            model.lines = dict(zip(line_keys[lstart:line_ends[i]], line_values[lstart:line_ends[i]]))
            model.anchors = dict(zip(anchor_keys[astart:anchor_ends[i]], anchor_values[astart:anchor_ends[i]]))
            lstart, astart = line_ends[i], anchor_ends[i]


def after_rewrite(root: str | os.PathLike[str], covered_before: bool) -> None:
    """Keep the saved models right after ``compact`` or ``reextract`` renamed the archive's files.

    The rows are the same pages: when the file covered every Parquet file before, it covers the new
    names now; else it is removed and rebuilt from the rows once, since catching up with renamed
    files would count their pages a second time (and an article line seen twice is one step from
    template).
    """
    if covered_before:
        cover_current_files(root, INDEX_FILE)
    else:
        try:
            os.unlink(index_path(root, INDEX_FILE))
        except FileNotFoundError:
            pass


def cleaned_article(model: SiteTemplate, article: Article, signature: Any = None, keys: PageKeys | None = None) -> Ready:
    """``article`` with its site's template lines dropped (body, word count and content hash follow)."""
    cleaned = model.clean(article.body or "", article.title, article.description, keys)
    if not cleaned.dropped:
        return Ready(article, signature, None, 0)
    body = cleaned.body
    return Ready(replace(article, body=body, word_count=word_count(body), content_hash=content_hash(body)),
                 signature, article.content_hash, cleaned.dropped)


def saved_site(root: str | os.PathLike[str], site: str) -> SiteTemplate | None:
    """One site's model as last saved (read only, no catch-up): what ``reextract`` cleans bodies with."""
    saved = load_arrays(root, name=INDEX_FILE, arrays=ARRAYS)
    if saved is None:
        return None
    index = TemplateIndex(None, min_pages=saved.bits)
    index._load(saved)
    return index.sites.get(site)


def _site_of(root: str, path: str) -> str:
    """The site of a Parquet file, from its partition folder (``articles/site=<id>/…``)."""
    for part in path[len(os.path.abspath(root)):].split("/"):
        if part.startswith("site="):
            return part[len("site="):]
    return ""


def stored_rows(root: str | os.PathLike[str], files: Iterable[str]) -> Iterator[Article]:
    """Bodies of every row of ``files``, with their site (a partition column, not in the files)."""
    by_site: dict[str, list[str]] = defaultdict(list)
    for path in files:
        if f"/{ARTICLES_DIR}/" in path:
            by_site[_site_of(os.fspath(root), path)].append(path)
    for site, paths in sorted(by_site.items()):
        for row in light_rows(paths, ("url", "body", "version")):
            yield replace(row, site=site)
