"""``archiver reextract``: today's extraction over the archive's own WARC records, rows rewritten in place.

Each row's pages are read back from the records its ``warc_*`` columns name
and extracted by the crawl's own function (:func:`archiver.analysis.extract_page`,
relative dates anchored at the row's ``fetched_at``, as when it was fetched).
The row keeps its ``url``, ``article_id``, ``version``, ``fetched_at`` and
``fetched_url`` (so the history of real updates stays as it was), its
near-duplicate cluster (``cluster_id``, ``similarity``: the archive decided
them when the row was stored, extraction knows nothing of them) and takes
everything extraction says, ``extractor_version`` included.  A row without a
raw copy (written before schema version 3), or whose page no longer extracts,
is kept as it is and counted.  The site's learned template as the crawls saved it
(:func:`archiver.storage.templates.saved_site`) drops its lines again, read only: re-extraction
teaches it nothing.

A partition is the unit: rewritten with
:func:`archiver.storage.writer.replace_partition`, so a reader or a kill sees
its old rows or its new ones.  A row stays in its partition even when its
publication month changed (the month is the folder).  The dedup index is a
cache of the rows: it is deleted while partitions change and saved with the
new content hashes at the end; a killed run leaves it to be rebuilt.
Partitions run inline, or on Dask (:mod:`archiver.ops.cluster`) for a large
archive or when a scheduler is given.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Callable, Iterator

import pyarrow.parquet as pq

from archiver.analysis import extract_page, extraction_of
from archiver.extraction import Extracted
from archiver.extraction.template import SiteTemplate
from archiver.model import Article, FetchedPage
from archiver.sites import SiteConfig, site_for_url
from archiver.storage.dedup import LocalDedupIndex
from archiver.storage.index_file import covers_archive, index_path
from archiver.storage.layout import ARTICLES_DIR, partitions
from archiver.storage.schema import FILE_SCHEMA, articles_to_table, conform
from archiver.storage.templates import INDEX_FILE as TEMPLATE_INDEX
from archiver.storage.templates import after_rewrite, cleaned_article, saved_site
from archiver.storage.warc_read import pointers, read_response
from archiver.storage.writer import replace_partition

COMPARED = ("body", "title", "published_at")  # what "changed" means to a reader
KEPT = ("url", "article_id", "version", "fetched_at", "fetched_url", "site", "cluster_id", "similarity")
LOCAL_ROWS = 20_000  # above this many rows (or with a scheduler) partitions run on Dask


@dataclass(frozen=True, slots=True)
class Change:
    """A row whose body, title or publication time differs after re-extraction."""

    article_id: str
    version: int
    url: str
    fields: tuple[str, ...]


@dataclass
class PartitionResult:
    """One partition's outcome: rows, what changed, and the index facts of the rewritten rows."""

    folder: str
    rows: int = 0
    rewritten: int = 0
    no_capture: int = 0
    failed: int = 0
    changes: list[Change] = field(default_factory=list)
    index_rows: list[Article] = field(default_factory=list)


@dataclass
class ReextractStats:
    partitions: int = 0
    partitions_rewritten: int = 0
    rows: int = 0
    rewritten: int = 0
    no_capture: int = 0
    failed: int = 0
    changes: list[Change] = field(default_factory=list)
    failed_partitions: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _page(root: str, row: dict[str, Any], site: SiteConfig) -> FetchedPage | None:
    found = pointers(row.get("warc_file") or (), row.get("warc_offset") or (), row.get("warc_record_id") or ())
    if not found:
        return None
    responses = [read_response(root, p) for p in found]
    first = responses[0]
    return FetchedPage(url=row.get("fetched_url") or first.url, site=site, html=first.body, encoding=first.encoding,
                       fetched_at=row["fetched_at"], more_pages=tuple(r.body for r in responses[1:]),
                       aliases=tuple(row.get("aliases") or ()), warc=found)


def reextract_row(root: str, row: dict[str, Any], site: SiteConfig,
                  template: SiteTemplate | None = None) -> tuple[Article | None, str]:
    """The row re-extracted (None when kept as it is) and why: ``ok``, ``no_capture`` or ``failed``.
    ``template``: the site's learned template as the crawls saved it; its lines are dropped again."""
    try:
        page = _page(root, row, site)
    except (OSError, ValueError):
        return None, "failed"
    if page is None:
        return None, "no_capture"
    extraction = extraction_of(extract_page, page)
    if not isinstance(extraction, Extracted):
        return None, "failed"
    fresh = extraction.article
    if template is not None:
        fresh = cleaned_article(template, fresh).article
    aliases = sorted({*(row.get("aliases") or ()), *fresh.aliases} - {row["url"]})
    return replace(fresh, aliases=aliases, **{k: row[k] for k in KEPT}), "ok"


def _article(row: dict[str, Any]) -> Article:
    return Article(**{k: v for k, v in row.items() if k != "month"})


def _differs(old: dict[str, Any], new: Article) -> tuple[str, ...]:
    return tuple(name for name in COMPARED if old.get(name) != getattr(new, name))


def reextract_partition(folder: str, root: str, sites: dict[str, SiteConfig], since: datetime | None) -> PartitionResult:
    """Re-extract one partition's rows (published at or after ``since``) and replace it when anything differs."""
    site_id = os.path.basename(os.path.dirname(folder)).removeprefix("site=")
    files = partitions(root).get(folder, [])
    result = PartitionResult(folder)
    if not files:
        return result
    table = conform(pq.read_table(files[0], partitioning=None)) if len(files) == 1 else None
    import pyarrow as pa

    table = table if table is not None else pa.concat_tables([conform(pq.read_table(f, partitioning=None)) for f in files])
    site = sites.get(site_id)
    template = saved_site(root, site_id)
    out: list[Article] = []
    touched = False
    for row in table.to_pylist():
        row["site"] = site_id
        result.rows += 1
        new: Article | None = None
        if since is None or (row.get("published_at") is not None and row["published_at"] >= since):
            new, why = reextract_row(root, row, site or site_for_url(row["url"], sites), template)
            if why != "ok":
                setattr(result, why, getattr(result, why) + 1)
        if new is None:
            out.append(_article(row))
            continue
        if any(row.get(name) != getattr(new, name) for name in FILE_SCHEMA.names):
            touched = True
            result.rewritten += 1
            result.index_rows.append(new)
            fields = _differs(row, new)
            if fields:
                result.changes.append(Change(row["article_id"], row["version"], row["url"], fields))
        out.append(new)
    if touched:
        replace_partition(root, files, articles_to_table(out).drop_columns(["site"]).cast(FILE_SCHEMA))
    return result


def chosen_partitions(root: str, site_ids: list[str], since: datetime | None) -> list[str]:
    """Partition folders of ``site_ids`` (all when empty) whose month can hold rows published since ``since``."""
    out = []
    for folder in sorted(partitions(root)):
        site, month = os.path.relpath(folder, os.path.join(root, ARTICLES_DIR)).split(os.sep)[:2]
        if site_ids and site.removeprefix("site=") not in site_ids:
            continue
        if since is not None and month.removeprefix("month=") < f"{since.year:04d}-{since.month:02d}":
            continue  # a row published since then is in that month or later (or, date-only, its own month)
        out.append(folder)
    return out


def _rows(root: str, folders: list[str]) -> int:
    found = partitions(root)
    return sum(pq.read_metadata(f).num_rows for folder in folders for f in found.get(folder, []))


def _results(folders: list[str], root: str, sites: dict[str, SiteConfig], since: datetime | None,
             scheduler: str | None, workers: int | None) -> Iterator[tuple[str, Any]]:
    if scheduler is None and _rows(root, folders) <= LOCAL_ROWS:
        for folder in folders:
            yield folder, reextract_partition(folder, root, sites, since)
        return
    from archiver.ops.cluster import dask_client, run_units

    with dask_client(scheduler, workers) as client:
        yield from run_units(client, reextract_partition, folders, root, sites, since)


def reextract(root: str | os.PathLike[str], sites: dict[str, SiteConfig], *, site_ids: list[str] = (),  # type: ignore[assignment]
              since: datetime | None = None, scheduler: str | None = None, workers: int | None = None,
              progress: Callable[[PartitionResult], None] | None = None) -> ReextractStats:
    """Re-extract the chosen partitions of the archive at ``root`` (the caller holds the archive lock)."""
    started = time.perf_counter()
    base = os.path.abspath(os.fspath(root))
    folders = chosen_partitions(base, list(site_ids), since)
    stats = ReextractStats(partitions=len(folders))
    if not folders:
        return stats
    index = LocalDedupIndex.open(base)
    templates_fresh = covers_archive(base, TEMPLATE_INDEX)
    if os.path.exists(index_path(base)):
        os.unlink(index_path(base))  # stale while partitions change: a killed run rebuilds it from the rows
    for folder, result in _results(folders, base, sites, since, scheduler, workers):
        if isinstance(result, BaseException):
            stats.failed_partitions.append(f"{folder}: {result!r}"[:300])
            continue
        stats.rows += result.rows
        stats.rewritten += result.rewritten
        stats.no_capture += result.no_capture
        stats.failed += result.failed
        stats.changes += result.changes
        stats.partitions_rewritten += bool(result.rewritten)
        for article in result.index_rows:
            index.add(article, aliases=article.aliases)
        if progress is not None:
            progress(result)
    index.save()
    if stats.partitions_rewritten:
        after_rewrite(base, templates_fresh)  # same pages under new file names: not learnt twice
    stats.seconds = time.perf_counter() - started
    return stats
