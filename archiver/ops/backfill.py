"""``archiver import-warc``: backfill the archive from WARC files (Common Crawl's CC-NEWS, other archives).

One WARC file is the unit of work (:func:`scan_warc`, run on a Dask worker):
it keeps the HTML 200 responses of hosts the chosen sites serve (exact host
match, subdomains included: :func:`archiver.sites.site_for_url`), runs the
crawl's own page analysis and extraction on each (:func:`archiver.analysis.analyse_page`,
relative dates anchored at the record's ``WARC-Date``) and writes the
articles to its own part file.  One process, the driver (:func:`import_warcs`),
stores them through :meth:`archiver.storage.archive.Archive.store` (the one
place dedup is decided: two workers never store one article twice), makes
the rows durable, then writes the file's done-record under
``<archive>/imports/``; a re-run skips files that have one, so a killed run
loses at most the files in flight.  Workers send each article's signature
and template keys with it, as a crawl's workers do.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from archiver.analysis import PageJob, analyse_page, extract_page, extraction_of
from archiver.extraction import Extracted
from archiver.extraction.template import PageKeys
from archiver.model import Article, FetchedPage
from archiver.navigation import ArticlePage, CopyOf
from archiver.sites import SiteConfig, site_for_url
from archiver.storage.archive import COMPUTE, Archive, Duplicate, New
from archiver.storage.atomic import atomic_file
from archiver.storage.layout import IMPORTS_DIR, STAGING_DIR
from archiver.storage.schema import articles_to_table
from archiver.storage.warc_read import TruncatedWarc, WarcResponse, iter_responses, open_source
from archiver.urls import canonical_url, page_number

HTML_TYPES = ("text/html", "application/xhtml+xml")
SIGNATURE_COLUMN = "_signature"  # a part file's extra column: each body's near-duplicate signature, made on the worker
KEY_COLUMNS = {"lines": "_line_keys", "as_links": "_link_keys", "anchors": "_anchor_keys"}  # and its PageKeys, field by field
COUNTS = ("records", "responses_matched", "articles", "not_article", "copies", "failed", "truncated")


@dataclass
class FileResult:
    """What one WARC file gave: counts, the part file of its articles, copies that name their original."""

    source: str
    part: str | None
    counts: dict[str, int]
    copies: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


# -- inputs ---------------------------------------------------------------------------------------------
def _is_list(path: str) -> bool:
    """A ``warc.paths``-style list (one path or URL a line), not a WARC file itself."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith((".paths", ".paths.gz", ".txt", ".txt.gz", ".lst")):
        return True
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return False
    with open_source(path) as raw:
        head = raw.read(2)
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
        try:
            return not stream.read(5).startswith(b"WARC/")
        except (OSError, EOFError):
            return False


def expand_sources(paths: Iterable[str]) -> list[str]:
    """WARC files to import: the given paths, and the entries of any list among them, in order, once each."""
    out: list[str] = []
    for path in paths:
        if _is_list(path):
            with open_source(path) as raw:
                data = gzip.decompress(raw.read()) if path.endswith(".gz") else raw.read()
            base = os.path.dirname(path) if "://" not in path else path.rsplit("/", 1)[0]
            for line in data.decode("utf-8").splitlines():
                entry = line.strip()
                if entry and not entry.startswith("#"):
                    out.append(entry if "://" in entry or os.path.isabs(entry) else os.path.join(base, entry))
        else:
            out.append(path)
    seen: set[str] = set()
    return [s for s in (_absolute(p) for p in out) if not (s in seen or seen.add(s))]


def _absolute(path: str) -> str:
    return path if "://" in path else os.path.abspath(path)


# -- one file (on a worker) ----------------------------------------------------------------------------
def _domain_filter(sites: list[SiteConfig]) -> Callable[[str], bool]:
    """A cheap first test on a record's URI (host ends with a site's domain), before the registry's answer."""
    domains = tuple(sorted({d.lower() for s in sites for d in s.domains}))
    dotted = tuple("." + d for d in domains)

    def wanted(uri: str) -> bool:
        rest = uri.partition("://")[2]
        host = rest.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
        return host in domains or host.endswith(dotted)

    return wanted


def page_of(response: WarcResponse, sites: dict[str, SiteConfig]) -> FetchedPage | None:
    """The record as the crawl's :class:`FetchedPage` when it is an HTML 200 page of one of ``sites``."""
    if response.status != 200 or not response.content_type.lower().startswith(HTML_TYPES):
        return None
    try:
        site = site_for_url(response.url, sites)
    except ValueError:
        return None
    if sites.get(site.id) is not site:
        return None  # an ad-hoc site: no configured site serves this host (or port)
    return FetchedPage(url=response.url, site=site, html=response.body, encoding=response.encoding,
                       fetched_at=response.date or datetime.now(timezone.utc), warc=(response.pointer,))


def analyse(page: FetchedPage) -> Extracted | CopyOf | ArticlePage | None:
    """What a crawl would make of the page: an article (with its body's signature and template keys, as a
    crawl's worker computes them), a copy naming its original, page 1 of several (its :class:`ArticlePage`, to be joined
    with the pages that follow), or nothing."""
    kind = analyse_page(PageJob(page, follow_links=False, extract=extract_page))
    if isinstance(kind, CopyOf):
        return kind
    if not isinstance(kind, ArticlePage):
        return None
    if kind.extraction is None:
        return kind
    return kind.extraction if isinstance(kind.extraction, Extracted) else None


def join_pages(first: FetchedPage, next_page: str | None, later: dict[str, FetchedPage]) -> Extracted | None:
    """Page 1 and the pages that follow it in the same WARC file, extracted as the crawl joins them
    (it archives the pages it has when the next one cannot be had)."""
    pages: list[FetchedPage] = []
    while next_page and (page := later.get(canonical_url(next_page))) is not None and len(pages) < 50:
        pages.append(page)
        kind = analyse_page(PageJob(page, continuation=True))
        next_page = kind.next_page if isinstance(kind, ArticlePage) else None
    whole = replace(first, more_pages=tuple(p.html for p in pages), warc=first.warc + tuple(p.warc[0] for p in pages))
    extraction = extraction_of(extract_page, whole, anchors=True)
    return extraction if isinstance(extraction, Extracted) else None


class _FileScan:
    """The state of one file's scan: counts, articles, copies, multi-page articles waiting for their pages."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        self.articles: list[Extracted] = []
        self.copies: list[tuple[str, str]] = []
        self.first_pages: list[tuple[FetchedPage, str | None]] = []
        self.later_pages: dict[str, FetchedPage] = {}

    def add(self, page: FetchedPage) -> None:
        self.counts["responses_matched"] += 1
        if (page_number(page.url) or 1) > 1:  # page N of an article: only joined to its page 1
            self.later_pages[canonical_url(page.url)] = page
            return
        try:
            outcome = analyse(page)
        except Exception:  # noqa: BLE001 - one bad page never stops a file
            self.counts["failed"] += 1
            return
        if isinstance(outcome, ArticlePage):
            self.first_pages.append((page, outcome.next_page))
        elif isinstance(outcome, Extracted):
            self.articles.append(outcome)
        elif isinstance(outcome, CopyOf):
            self.copies.append((page.url, outcome.canonical))
        self.counts["copies" if isinstance(outcome, CopyOf) else "not_article" if outcome is None else "articles"] += 1

    def finish(self) -> None:
        for first, next_page in self.first_pages:
            article = join_pages(first, next_page, self.later_pages)
            if article is None:
                self.counts["articles"] -= 1
                self.counts["not_article"] += 1
            else:
                self.articles.append(article)


def scan_warc(source: str, sites: list[SiteConfig], out_dir: str) -> FileResult:
    """Extract every article of one WARC file into a part file in ``out_dir`` (run on a Dask worker)."""
    started = time.perf_counter()
    by_id = {s.id: s for s in sites}
    scan = _FileScan()
    try:
        for response in iter_responses(source, want=_domain_filter(sites)):
            scan.counts["records"] += 1
            page = page_of(response, by_id) if response is not None else None
            if page is not None:
                scan.add(page)
    except TruncatedWarc:
        scan.counts["truncated"] += 1  # the complete records before the torn one were kept
    scan.finish()
    part = None
    if scan.articles:
        os.makedirs(out_dir, exist_ok=True)
        part = os.path.join(out_dir, f"{_digest(source)}.parquet")
        pq.write_table(part_table(scan.articles), part)
    return FileResult(source, part, scan.counts, scan.copies, time.perf_counter() - started)


def part_table(extracted: list[Extracted]) -> pa.Table:
    """A file's articles as the archive's rows, plus what a crawl's worker sends with each: its body's
    signature (null when too short to have one) and its template keys (the page's link texts among them),
    so the committing process, one core for all files, computes neither."""
    table = articles_to_table([e.article for e in extracted])
    keys = [e.template_keys for e in extracted]
    if all(k is not None for k in keys):
        for name, column in KEY_COLUMNS.items():
            table = table.append_column(column, pa.array([list(getattr(k, name)) for k in keys], pa.list_(pa.uint64())))
    if not all(e.signed for e in extracted):
        return table  # the committing process computes them
    signatures = [e.signature.tobytes() if e.signature is not None else None for e in extracted]
    return table.append_column(SIGNATURE_COLUMN, pa.array(signatures, pa.binary()))


def _signature(value: bytes | None) -> np.ndarray | None:
    return np.frombuffer(value, np.uint16).copy() if value is not None else None


def _extras(row: dict[str, Any]) -> tuple[Any, PageKeys | None]:
    """A part row's signature and template keys (popped: the rest is the article)."""
    signature = _signature(row.pop(SIGNATURE_COLUMN)) if SIGNATURE_COLUMN in row else COMPUTE
    if not all(column in row for column in KEY_COLUMNS.values()):
        return signature, None
    return signature, PageKeys(**{name: tuple(row.pop(column)) for name, column in KEY_COLUMNS.items()})


# -- the driver (one process) -------------------------------------------------------------------------
def _digest(source: str) -> str:
    return hashlib.blake2b(source.encode(), digest_size=10).hexdigest()


def done_record(root: str | os.PathLike[str], source: str) -> str:
    """Where the record that ``source`` was imported lives."""
    return os.path.join(os.fspath(root), IMPORTS_DIR, f"{_digest(source)}.json")


@dataclass
class ImportStats:
    """What an import did, summed over its files."""

    files: int = 0
    skipped_done: int = 0
    failed_files: list[str] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    seconds: float = 0.0


def commit_file(archive: Archive, root: str | os.PathLike[str], result: FileResult, stats: ImportStats) -> dict[str, int]:
    """Store one file's articles (dedup here, in one process), make them durable, then record the file done.

    The indexes are saved before the done-record, not only the rows: they also hold what no row does
    (the aliases of copies and duplicates, the hash of a body before the site template cleaned it), which
    a re-run would not learn again from a file it skips."""
    stored = {"new": 0, "updated": 0, "duplicates": 0}
    for url, original in result.copies:
        archive.remember_alias(url, original)
    done: list[Any] = []
    if result.part:
        for row in pq.read_table(result.part).to_pylist():
            signature, keys = _extras(row)
            done += archive.submit(Article(**row), signature, keys)  # through the sites' template models, as a crawl stores
    done += archive.release()  # a file's articles are all stored before its done-record: none waits past it
    for item in done:
        outcome = item.stored
        key = "duplicates" if isinstance(outcome, Duplicate) else "new" if isinstance(outcome, New) else "updated"
        stored[key] += 1
    archive.checkpoint()  # rows, then the index, then the done-record: a kill in between re-imports as duplicates
    with atomic_file(done_record(root, result.source)) as handle:
        json.dump({"source": result.source, "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   **result.counts, **stored}, handle)
    if result.part:
        os.unlink(result.part)
    stats.files += 1
    stats.new += stored["new"]
    stats.updated += stored["updated"]
    stats.duplicates += stored["duplicates"]
    for key, value in result.counts.items():
        stats.counts[key] += value
    return stored


def pending(root: str | os.PathLike[str], sources: list[str]) -> tuple[list[str], int]:
    """The sources not imported yet, and how many were."""
    todo = [s for s in sources if not os.path.exists(done_record(root, s))]
    return todo, len(sources) - len(todo)


def import_warcs(root: str | os.PathLike[str], sources: list[str], sites: list[SiteConfig], *,
                 scheduler: str | None = None, workers: int | None = None, processes: bool = True,
                 progress: Callable[[FileResult, dict[str, int]], None] | None = None,
                 scan: Callable[..., FileResult] = scan_warc,
                 templates: dict[str, Any] | None = None) -> ImportStats:
    """Import ``sources`` into the archive at ``root`` (the caller holds the archive lock); ``scan`` is
    the unit of work (tests inject a worker that dies).  ``templates``: the sites' template models'
    options (:class:`archiver.storage.templates.TemplateIndex`; ``{}`` for the defaults), None for none."""
    from archiver.ops.cluster import dask_client, run_units, warm_fork_server

    started = time.perf_counter()
    stats = ImportStats()
    todo, stats.skipped_done = pending(root, sources)
    if not todo:
        return stats
    if scheduler is None and processes:
        warm_fork_server()  # the local workers' server warms up while the archive opens
    out_dir = os.path.join(os.path.abspath(os.fspath(root)), STAGING_DIR, "import")
    archive = Archive.open(root, flush_rows=1 << 30, flush_seconds=float("inf"), templates=templates)
    try:
        with dask_client(scheduler, workers, processes=processes) as client:
            for source, result in run_units(client, scan, todo, sites, out_dir):
                if isinstance(result, BaseException):
                    stats.failed_files.append(f"{source}: {result!r}"[:300])
                    continue
                stored = commit_file(archive, root, result, stats)
                if progress is not None:
                    progress(result, stored)
    finally:
        archive.close()
    stats.seconds = time.perf_counter() - started
    return stats


def iter_done(root: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Every done-record of the archive (what ``import-warc`` finished)."""
    folder = os.path.join(os.fspath(root), IMPORTS_DIR)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            yield json.load(handle)
