"""``archiver`` command line: the composition root.

Sub-commands parse arguments, build the pieces and report; the work lives in
the modules they call.  Misuse exits 2 with a one-line message (argparse's
convention); see ``archiver.crawl`` for the other exit codes.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path
from typing import Any, NoReturn, Sequence

from archiver.crawl import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE

DEFAULT_ARCHIVE = Path("data")


class UsageError(Exception):
    """Bad arguments detected after parsing (unknown site, bad -s…): exit 2."""


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archiver", description="Crawl Indonesian news sites into a deduplicated Parquet archive.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = sub.add_parser("crawl", help="crawl sites (ids or URLs) into the archive")
    crawl.add_argument("targets", nargs="*", metavar="TARGET", help="site id (see `archiver sites`) or a URL")
    crawl.add_argument("--all", action="store_true", help="every configured site (except the demo)")
    _archive_option(crawl)
    crawl.add_argument("--sites-file", action="append", default=[], metavar="FILE", help="extra site TOML file (repeatable)")
    crawl.add_argument("--base-url", metavar="URL", help="serve the (single) site from another origin, e.g. a mirror")
    crawl.add_argument("--since", metavar="DATE", help="skip sitemap/feed entries published before DATE")
    crawl.add_argument("--max-articles", type=_positive_int, metavar="N", help="download at most N article pages in this run")
    crawl.add_argument("--wait", action="store_true", help="wait for a running crawl to finish instead of exiting")
    crawl.add_argument("-s", "--set", dest="settings", action="append", default=[], type=_setting, metavar="NAME=VALUE",
                       help="override a Scrapy or ARCHIVER_* setting (repeatable)")

    fetch = sub.add_parser("fetch", help="download one URL and print the article as JSON (nothing archived)")
    fetch.add_argument("url")
    fetch.add_argument("--timeout", type=float, default=30.0)
    fetch.add_argument("--sites-file", action="append", default=[], metavar="FILE")

    extract = sub.add_parser("extract", help="extract an article from saved HTML (a file or - for stdin)")
    extract.add_argument("file", metavar="FILE|-")
    extract.add_argument("--url", required=True, help="the page's address (for the canonical URL and the site)")
    extract.add_argument("--encoding", help="the page's encoding when the HTML does not say")
    extract.add_argument("--sites-file", action="append", default=[], metavar="FILE")

    sites = sub.add_parser("sites", help="list configured sites, or `sites check` to validate them")
    sites.add_argument("action", nargs="?", choices=["list", "check"], default="list")
    sites.add_argument("--json", action="store_true", help="machine-readable output")
    sites.add_argument("--sites-file", action="append", default=[], metavar="FILE")

    demo = sub.add_parser("demo", help="serve the bundled demo news site locally and crawl it into the archive")
    _archive_option(demo)
    demo.add_argument("--port", type=int, default=8753, help="port for the demo server (default: 8753, else any free one)")
    demo.add_argument("--serve-only", action="store_true", help="only serve the demo site until Ctrl-C")

    parse_date = sub.add_parser("parse-date", help="show how a date string is read (UTC and local)")
    parse_date.add_argument("text")
    parse_date.add_argument("--now", help="anchor for relative dates (ISO 8601)")
    parse_date.add_argument("--tz", default="Asia/Jakarta", help="zone for strings that name none")
    runs = sub.add_parser("runs", help="history of crawl runs on the archive")
    _archive_option(runs)
    runs.add_argument("--limit", type=_positive_int, default=20)
    runs.add_argument("--sites", action="store_true", help="one row per site of each run")
    runs.add_argument("--json", action="store_true")

    stats = sub.add_parser("stats", help="articles per site and day")
    _archive_option(stats)
    stats.add_argument("--json", action="store_true")

    report = sub.add_parser("report", help="write a self-contained HTML report of the archive")
    _archive_option(report)
    report.add_argument("--out", type=Path, default=Path("report.html"), metavar="FILE")

    verify = sub.add_parser("verify", help="check every archive file (readable, schema, no duplicates, no leftovers)")
    _archive_option(verify)

    compact = sub.add_parser("compact", help="merge small Parquet files per partition (atomic)")
    _archive_option(compact)
    compact.add_argument("--wait", action="store_true", help="wait for a running crawl instead of exiting")
    return parser


def _archive_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, metavar="DIR", help="archive directory (default: data)")


# -- commands ---------------------------------------------------------------------
def cmd_crawl(args: argparse.Namespace) -> int:
    from archiver.crawl import check_overrides
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
    return _crawl_and_report(sites, args.archive, args.settings, args.wait, extra)


def _crawl_and_report(sites: list[Any], archive: Path, overrides: Sequence[tuple[str, str]], wait: bool,
                      extra: dict[str, Any]) -> int:
    from archiver.crawl import run_crawl
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
    from archiver.fetch import FetchError, fetch_article
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
    _print_json(article.to_json_dict())
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
        _print_json(rows)
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


def cmd_demo(args: argparse.Namespace) -> int:
    from archiver.demo_command import run_demo

    return run_demo(args.archive, port=args.port, serve_only=args.serve_only)


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
    _print_json(report)
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from archiver.runs import print_runs

    return print_runs(args.archive, limit=args.limit, as_json=args.json, per_site=args.sites)


def cmd_stats(args: argparse.Namespace) -> int:
    from archiver.report import print_stats

    return print_stats(args.archive, as_json=args.json)


def cmd_report(args: argparse.Namespace) -> int:
    from archiver.report import write_report

    write_report(args.archive, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from archiver.crawl import EXIT_UNHEALTHY
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


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


COMMANDS = {
    "crawl": cmd_crawl, "fetch": cmd_fetch, "extract": cmd_extract, "sites": cmd_sites,
    "demo": cmd_demo, "parse-date": cmd_parse_date, "runs": cmd_runs, "stats": cmd_stats,
    "report": cmd_report, "verify": cmd_verify, "compact": cmd_compact,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"archiver {args.command}: error: {exc}\n")
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The ``archiver`` command: :func:`main`, then exit without the interpreter's last garbage
    collections, which walk every object a crawl left behind (0.2 s of a two-second re-crawl)."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
