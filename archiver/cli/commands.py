"""The sub-commands that crawl, read one page, or look after an archive (exit codes: :mod:`archiver.outcome`).

Every argument is checked before anything is created on disk, so a typo
leaves no empty archive folder behind; every failure a user can cause is one
line on stderr and a documented exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from archiver.cli.output import Column, emit, print_json
from archiver.outcome import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, EXIT_UNHEALTHY


class UsageError(Exception):
    """Bad arguments detected after parsing (unknown site, bad -s, no archive…): exit 2."""


# -- argument checks ----------------------------------------------------------------------------
def writable_archive(path: Path) -> Path:
    """``path`` as an archive a crawl may write: a directory (or creatable), writable."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"--archive {path} is a file, not a directory")
    existing = next((p for p in (path, *path.parents) if p.exists()), Path("."))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to {existing}: permission denied")
    return path


def _not_writable(archive: Path, exc: OSError) -> Exception:
    """A read-only or forbidden archive is the user's to fix (exit 2); any other I/O error is re-raised."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UsageError(f"cannot write to {archive}: {exc.strerror}")
    return exc


def existing_archive(path: Path) -> Path:
    """``path`` as an archive to read: it must exist (a typo must not look like an empty archive)."""
    if not path.is_dir():
        raise UsageError(f"no archive at {path}" + (" (it is a file)" if path.exists() else ""))
    return path


def date_arg(text: str | None, option: str) -> Any:
    """An option's date as an aware instant (None when not given)."""
    from archiver.crawl.limits import parse_since

    try:
        return parse_since(text or "")
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


# -- crawl --------------------------------------------------------------------------------------
def cmd_crawl(args: argparse.Namespace) -> int:
    from archiver.crawl.run import check_overrides, check_transport
    from archiver.sites import SiteConfigError, load_sites, resolve_targets

    if args.all and args.targets:
        raise UsageError("give site ids or --all, not both")
    try:
        registry = load_sites(args.sites_file)
        names = [s for s in registry if s != "demo"] if args.all else args.targets
        if not names:
            raise UsageError("nothing to crawl: give a site id or URL, or --all")
        sites = resolve_targets(names, registry)
        check_overrides(args.settings)
        check_transport(sites, args.settings)
    except (SiteConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if args.base_url:
        if len(sites) != 1:
            raise UsageError("--base-url needs exactly one site")
        if not args.base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url must be an http(s) URL, got {args.base_url!r}")
        sites = [sites[0].rebased(args.base_url)]
    extra: dict[str, Any] = {}
    since = date_arg(args.since, "--since")
    if since is not None:
        extra["ARCHIVER_SINCE"] = since.isoformat()
    if args.max_articles:
        extra["ARCHIVER_MAX_ARTICLES"] = args.max_articles
    return crawl_and_report(sites, writable_archive(args.archive), args.settings, args.wait, extra)


def crawl_and_report(sites: list[Any], archive: Path, overrides: Sequence[tuple[str, str]], wait: bool,
                     extra: dict[str, Any]) -> int:
    """Run the crawl; its per-site summary goes to stdout (the log to stderr)."""
    from archiver.crawl.run import run_crawl
    from archiver.storage.lock import ArchiveLocked

    try:
        outcome = run_crawl(sites, archive, overrides=overrides, wait_for_lock=wait, **extra)
    except ArchiveLocked as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        raise _not_writable(archive, exc) from None
    for site in outcome.sites:
        print(f"{site.site}: {site.pages} pages, {site.articles_new} new, {site.articles_updated} updated, "
              f"{site.duplicates} duplicates, {site.skipped_known} already archived, "
              f"errors {site.error_count}{' BLOCKED' if site.blocked else ''}"
              f"{f' (impersonating {site.impersonate})' if site.impersonate else ''}")
    return outcome.exit_code


# -- one page -------------------------------------------------------------------------------------
def cmd_fetch(args: argparse.Namespace) -> int:
    from archiver.ops.fetch import FetchError, fetch_article

    site = _site_of(args.url, args.sites_file, "URL")
    return _print_article(lambda: fetch_article(args.url, site=site, timeout=args.timeout), FetchError, "")


def cmd_extract(args: argparse.Namespace) -> int:
    from archiver.extraction import NotAnArticle, extract_article

    site = _site_of(args.url, args.sites_file, "--url")
    try:
        html = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    return _print_article(lambda: extract_article(html, args.url, site=site, encoding=args.encoding),
                          NotAnArticle, f"no article in {args.file}: ")


def _site_of(url: str, sites_files: list[str], what: str) -> Any:
    from archiver.sites import SiteConfigError, load_sites, site_for_url

    try:
        return site_for_url(url, load_sites(sites_files))
    except SiteConfigError as exc:
        raise UsageError(f"{what}: {exc}") from None


def _print_article(produce: Any, failure: type[Exception], prefix: str) -> int:
    """Print the article as JSON, or a one-line reason and exit 1."""
    try:
        article = produce()
    except failure as exc:
        print(f"archiver: {prefix}{exc}", file=sys.stderr)
        return EXIT_FAILED
    print_json(article.to_json_dict())
    return EXIT_OK


def cmd_parse_date(args: argparse.Namespace) -> int:
    from datetime import datetime

    from archiver.dates import parse_date_report

    now = None
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            raise UsageError(f"--now must be ISO 8601, got {args.now!r}") from None
    try:
        report = parse_date_report(args.text, now=now, tz=args.tz)
    except (ValueError, KeyError) as exc:
        raise UsageError(str(exc)) from None
    if report is None:
        print(f"archiver: not a date: {args.text!r}", file=sys.stderr)
        return EXIT_FAILED
    print_json(report)
    return EXIT_OK


# -- sites ----------------------------------------------------------------------------------------
SITE_COLUMNS = [Column("id"), Column("name", wrap=True), Column("region", optional=2), Column("network", optional=3),
                Column("timezone", optional=4), Column("domains", wrap=True), Column("discovery", wrap=True, optional=1)]


def cmd_sites(args: argparse.Namespace) -> int:
    from archiver.sites import SiteConfigError, check_sites, load_sites
    from archiver.sites.catalog import markdown_table

    try:
        sites = load_sites(args.sites_file)
    except SiteConfigError as exc:
        if args.action == "check":
            print(f"problem: {exc}")
            return EXIT_FAILED
        raise UsageError(str(exc)) from None
    if args.action == "check":
        problems = check_sites(sites.values())
        for problem in problems:
            print(f"problem: {problem}")
        print(f"{len(sites)} sites checked, {len(problems)} problems")
        return EXIT_FAILED if problems else EXIT_OK
    chosen = [s for s in sites.values() if _matches(s.region, args.region) and _matches(s.network, args.network)]
    if args.markdown:
        if args.json:
            raise UsageError("--markdown and --json exclude each other")
        if chosen:
            print(markdown_table(chosen), end="")
        else:
            print("no site matches", file=sys.stderr)
        return EXIT_OK
    rows = [site_row(s) for s in chosen]
    count = f"{len(rows)} sites" if len(rows) == len(sites) else f"{len(rows)} of {len(sites)} sites"
    emit(rows, SITE_COLUMNS, as_json=args.json, title=count, footer=None if args.json else count, empty="no site matches")
    return EXIT_OK


def _matches(value: str | None, wanted: str | None) -> bool:
    """Regions match by the catalogue's spelling ("jakarta" is "DKI Jakarta"), other names case-blind."""
    from archiver.sites.catalog import region_name

    return wanted is None or (region_name(value) or value or "").casefold() == (region_name(wanted) or wanted).casefold()


def site_row(site: Any) -> dict[str, Any]:
    from archiver.sites.catalog import discovery_methods

    methods = [name for name, _ in discovery_methods(site)]
    return {"id": site.id, "name": site.name, "base_url": site.base_url, "domains": list(site.domains),
            "language": site.language, "timezone": site.timezone, "region": site.region, "network": site.network,
            "discovery": methods, "sitemaps": [site.resolve(u) for u in site.sitemaps],
            "news_sitemaps": [site.resolve(u) for u in site.news_sitemaps], "feeds": [site.resolve(u) for u in site.feeds],
            "sections": [site.resolve(u) for u in site.sections],
            "examples": {"articles": list(site.example_articles), "listings": list(site.example_listings)}}


# -- maintenance ------------------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    from archiver.storage.maintenance import verify

    existing_archive(args.archive)
    problems = verify(args.archive)
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{args.archive}: {'healthy' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_UNHEALTHY if problems else EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from archiver.storage.lock import ArchiveLock, ArchiveLocked
    from archiver.storage.maintenance import compact

    existing_archive(args.archive)
    try:
        with ArchiveLock(args.archive, wait=args.wait):
            stats = compact(args.archive)
    except ArchiveLocked as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        raise _not_writable(args.archive, exc) from None
    if args.json:
        print_json(asdict(stats))
    else:
        print(f"{args.archive}: {stats.partitions} partitions compacted, {stats.files_before} files -> {stats.files_after}, "
              f"{stats.rows} rows kept, {stats.duplicates_dropped} duplicate rows dropped, "
              f"{stats.bytes_before} -> {stats.bytes_after} bytes")
    return EXIT_OK


# -- WARC: backfill and re-extraction ---------------------------------------------------------------
def _locked(archive: Path, wait: bool, work: Any) -> int:
    """``work()`` under the archive lock; exit 4 when another process holds it."""
    from archiver.storage.lock import ArchiveLock, ArchiveLocked
    from archiver.storage.writer import cleanup_leftovers

    try:
        with ArchiveLock(archive, wait=wait):
            cleanup_leftovers(archive)
            return work()
    except ArchiveLocked as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:
        raise _not_writable(archive, exc) from None


def _chosen_sites(args: argparse.Namespace) -> list[Any]:
    from archiver.sites import SiteConfigError, load_sites

    try:
        registry = load_sites(args.sites_file)
    except SiteConfigError as exc:
        raise UsageError(str(exc)) from None
    if args.all == bool(args.sites):
        raise UsageError("give --sites ID… or --all (exactly one)")
    unknown = [s for s in args.sites if s not in registry]
    if unknown:
        raise UsageError(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(registry))})")
    return [s for i, s in registry.items() if i != "demo"] if args.all else [registry[i] for i in args.sites]


def cmd_import_warc(args: argparse.Namespace) -> int:
    from archiver.ops.backfill import expand_sources, import_warcs

    sites = _chosen_sites(args)
    try:
        sources = expand_sources(args.paths)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read {' '.join(args.paths)}: {exc}") from None
    missing = [s for s in sources if "://" not in s and not os.path.isfile(s)]
    if missing:
        raise UsageError(f"no WARC file at {missing[0]}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    archive = writable_archive(args.archive)

    def line(result: Any, stored: dict[str, int]) -> None:
        c = result.counts
        print(f"{result.source}: {c['records']} records, {c['responses_matched']} pages of the sites, "
              f"{stored['new']} new, {stored['updated']} updated, {stored['duplicates']} duplicates"
              f"{', truncated' if c['truncated'] else ''} ({result.seconds:.1f} s)", flush=True)

    def work() -> int:
        stats = import_warcs(archive, sources, sites, scheduler=args.scheduler, workers=args.workers, progress=line,
                             templates={})  # the sites' template models with their defaults, as a crawl has
        for failure in stats.failed_files:
            print(f"failed: {failure}", file=sys.stderr)
        print(f"{stats.files} files imported, {stats.skipped_done} already imported, {len(stats.failed_files)} failed; "
              f"{stats.counts['records']} records scanned, {stats.new} new, {stats.updated} updated, "
              f"{stats.duplicates} duplicates ({stats.seconds:.1f} s)")
        return EXIT_PARTIAL if stats.failed_files else EXIT_OK

    return _locked(archive, args.wait, work)


def cmd_reextract(args: argparse.Namespace) -> int:
    from archiver.ops.reextract import reextract
    from archiver.sites import SiteConfigError, load_sites

    archive = existing_archive(args.archive)
    since = date_arg(args.since, "--since")
    try:
        sites = load_sites(args.sites_file)
    except SiteConfigError as exc:
        raise UsageError(str(exc)) from None

    def line(result: Any) -> None:
        if not args.quiet:
            for change in result.changes:
                print(f"changed {change.article_id} v{change.version} {', '.join(change.fields)}: {change.url}", flush=True)

    def work() -> int:
        stats = reextract(archive, sites, site_ids=args.site, since=since, scheduler=args.scheduler, workers=args.workers,
                          progress=line)
        for failure in stats.failed_partitions:
            print(f"failed: {failure}", file=sys.stderr)
        print(f"{stats.rows} rows in {stats.partitions} partitions: {len(stats.changes)} changed (body, title or time), "
              f"{stats.rewritten} rewritten, {stats.no_capture} without a WARC record, {stats.failed} no longer extract "
              f"(kept); {stats.partitions_rewritten} partitions replaced ({stats.seconds:.1f} s)")
        return EXIT_PARTIAL if stats.failed_partitions else EXIT_OK

    return _locked(archive, args.wait, work)
