"""The sub-commands: each parses nothing, builds the pieces it needs and reports (exit codes: :mod:`archiver.outcome`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from archiver.outcome import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE


class UsageError(Exception):
    """Bad arguments detected after parsing (unknown site, bad -s…): exit 2."""


# -- commands ---------------------------------------------------------------------
def cmd_crawl(args: argparse.Namespace) -> int:
    from archiver.crawl.run import check_overrides
    from archiver.sites import SiteConfigError, load_sites, resolve_targets

    try:
        registry = load_sites(args.sites_file)
        names = [s for s in registry if s != "demo"] if args.all else args.targets
        if not names:
            raise UsageError("nothing to crawl: give a site id or URL, or --all")
        sites = resolve_targets(names, registry)
    except (SiteConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    try:
        check_overrides(args.settings)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.base_url:
        if len(sites) != 1:
            raise UsageError("--base-url needs exactly one site")
        sites = [sites[0].rebased(args.base_url)]
    extra: dict[str, Any] = {}
    if args.since:
        extra["ARCHIVER_SINCE"] = args.since
    if args.max_articles:
        extra["ARCHIVER_MAX_ARTICLES"] = args.max_articles
    return crawl_and_report(sites, args.archive, args.settings, args.wait, extra)


def crawl_and_report(sites: list[Any], archive: Path, overrides: Sequence[tuple[str, str]], wait: bool,
                      extra: dict[str, Any]) -> int:
    from archiver.crawl.run import run_crawl
    from archiver.storage.lock import ArchiveLocked

    try:
        outcome = run_crawl(sites, archive, overrides=overrides, wait_for_lock=wait, **extra)
    except ArchiveLocked as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    for site in outcome.sites:
        print(f"{site.site}: {site.pages} pages, {site.articles_new} new, {site.articles_updated} updated, "
              f"{site.duplicates} duplicates, {site.skipped_known} already archived, "
              f"errors {site.error_count}{' BLOCKED' if site.blocked else ''}", file=sys.stderr)
    return outcome.exit_code


def cmd_fetch(args: argparse.Namespace) -> int:
    from archiver.ops.fetch import FetchError, fetch_article
    from archiver.sites import load_sites, site_for_url

    site = site_for_url(args.url, load_sites(args.sites_file)) if "://" in args.url else None
    if site is None:
        raise UsageError(f"not an absolute http(s) URL: {args.url!r}")
    return _print_article(lambda: fetch_article(args.url, site=site, timeout=args.timeout), FetchError, "")


def cmd_extract(args: argparse.Namespace) -> int:
    from archiver.extraction import NotAnArticle, extract_article
    from archiver.sites import load_sites, site_for_url

    if "://" not in args.url:
        raise UsageError(f"--url must be an absolute URL, got {args.url!r}")
    try:
        html = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    site = site_for_url(args.url, load_sites(args.sites_file))
    return _print_article(lambda: extract_article(html, args.url, site=site, encoding=args.encoding),
                          NotAnArticle, f"no article in {args.file}: ")


def _print_article(produce: Any, failure: type[Exception], prefix: str) -> int:
    """Print the article as JSON, or a one-line reason and exit 1."""
    try:
        article = produce()
    except failure as exc:
        print(f"archiver: {prefix}{exc}", file=sys.stderr)
        return EXIT_FAILED
    print_json(article.to_json_dict())
    return EXIT_OK


def cmd_sites(args: argparse.Namespace) -> int:
    from archiver.sites import SiteConfigError, check_sites, load_sites

    try:
        sites = load_sites(args.sites_file)
    except SiteConfigError as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_USAGE if args.action == "list" else EXIT_FAILED
    if args.action == "check":
        problems = check_sites(sites.values())
        for problem in problems:
            print(f"problem: {problem}", file=sys.stderr)
        print(f"{len(sites)} sites checked, {len(problems)} problems")
        return EXIT_FAILED if problems else EXIT_OK
    rows = [_site_row(s) for s in sites.values()]
    if args.json:
        print_json(rows)
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "domains", "discovery")
    for row in rows:
        table.add_row(row["id"], row["name"], ", ".join(row["domains"]), ", ".join(row["discovery"]))
    Console().print(table)
    return EXIT_OK


def _site_row(site: Any) -> dict[str, Any]:
    methods = [name for name, present in (
        ("robots", site.use_robots_sitemaps), ("sitemap", site.sitemaps), ("news-sitemap", site.news_sitemaps),
        ("feed", site.feeds), ("sections", site.sections)) if present]
    return {"id": site.id, "name": site.name, "base_url": site.base_url, "domains": list(site.domains),
            "language": site.language, "timezone": site.timezone, "discovery": methods,
            "sitemaps": [site.resolve(u) for u in site.sitemaps], "news_sitemaps": [site.resolve(u) for u in site.news_sitemaps],
            "feeds": [site.resolve(u) for u in site.feeds], "sections": [site.resolve(u) for u in site.sections]}


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


def cmd_runs(args: argparse.Namespace) -> int:
    from archiver.ops.runs import print_runs

    return print_runs(args.archive, limit=args.limit, as_json=args.json, per_site=args.sites)


def cmd_stats(args: argparse.Namespace) -> int:
    from archiver.ops.report import print_stats

    return print_stats(args.archive, as_json=args.json)


def cmd_report(args: argparse.Namespace) -> int:
    from archiver.ops.report import write_report

    write_report(args.archive, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from archiver.storage.maintenance import verify

    _require_archive(args.archive)
    problems = verify(args.archive)
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{args.archive}: {'healthy' if not problems else f'{len(problems)} problem(s)'}")
    return EXIT_UNHEALTHY if problems else EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    from archiver.storage.lock import ArchiveLock, ArchiveLocked
    from archiver.storage.maintenance import compact

    _require_archive(args.archive)
    try:
        with ArchiveLock(args.archive, wait=args.wait):
            stats = compact(args.archive)
    except ArchiveLocked as exc:
        print(f"archiver: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(stats)
    return EXIT_OK


def _require_archive(archive: Path) -> None:
    if not archive.is_dir():
        raise UsageError(f"no archive at {archive}")


def print_json(value: Any) -> None:
    """``value`` as indented UTF-8 JSON on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


