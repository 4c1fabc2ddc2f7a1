"""The ``archiver`` command's arguments: every sub-command and option, with its help text."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_ARCHIVE = Path("data")


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


