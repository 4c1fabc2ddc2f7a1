"""The ``archiver`` command's arguments: every sub-command and option, with its help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from archiver import __version__

DEFAULT_ARCHIVE = Path("data")
EPILOG = "exit codes: 0 success, 1 failure, 2 usage error, 3 partial, 4 archive locked, 5 unhealthy, 130 interrupted"


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


def _port(text: str) -> int:
    value = _positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is at most 65535")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archiver", epilog=EPILOG,
                                     description="Crawl Indonesian news sites into a deduplicated Parquet archive.")
    parser.add_argument("--version", action="version", version=f"archiver {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _crawl(sub)
    _one_page(sub)
    _sites(sub)
    _data(sub)
    _maintenance(sub)
    _warc(sub)
    return parser


def _command(sub: argparse._SubParsersAction, name: str, help: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".", epilog=EPILOG)


def _archive_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, metavar="DIR",
                        help="archive directory (default: data)")


def _sites_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sites-file", action="append", default=[], metavar="FILE",
                        help="extra site TOML file; an id already configured is replaced (repeatable)")


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table (TSV when piped)")


def _crawl(sub: argparse._SubParsersAction) -> None:
    crawl = _command(sub, "crawl", "crawl sites (ids or URLs) into the archive")
    crawl.add_argument("targets", nargs="*", metavar="TARGET", help="site id (see `archiver sites`) or an http(s) URL")
    crawl.add_argument("--all", action="store_true", help="every configured site except the demo (no TARGET then)")
    _archive_option(crawl)
    _sites_file(crawl)
    crawl.add_argument("--base-url", metavar="URL", help="crawl the (single) site from another origin, e.g. a mirror")
    crawl.add_argument("--since", metavar="DATE", help="archive nothing published before DATE (e.g. 2026-11-20)")
    crawl.add_argument("--max-articles", type=_positive_int, metavar="N", help="archive at most N articles in this run")
    crawl.add_argument("--wait", action="store_true", help="wait for a running crawl to finish instead of exiting 4")
    crawl.add_argument("-s", "--set", dest="settings", action="append", default=[], type=_setting, metavar="NAME=VALUE",
                       help="set a Scrapy or ARCHIVER_* setting (repeatable; unknown names are an error)")

    demo = _command(sub, "demo", "serve the bundled demo news site on 127.0.0.1 and crawl it into the archive")
    _archive_option(demo)
    demo.add_argument("--port", type=_port, default=8753,
                      help="port of the demo server (default 8753; a re-run downloads nothing again on the same port)")
    demo.add_argument("--serve-only", action="store_true", help="only serve the demo site until Ctrl-C")


def _one_page(sub: argparse._SubParsersAction) -> None:
    fetch = _command(sub, "fetch", "download one URL and print the article as the row a crawl would store (JSON)")
    fetch.add_argument("url", help="the article's http(s) URL (a copy such as an AMP page leads to its original)")
    fetch.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="per download (default 30)")
    _sites_file(fetch)

    extract = _command(sub, "extract", "extract an article from saved HTML and print it as JSON")
    extract.add_argument("file", metavar="FILE|-", help="the saved page, or - for standard input")
    extract.add_argument("--url", required=True,
                         help="the address the page was saved from (its site; the page's own canonical link still wins)")
    extract.add_argument("--encoding", help="the page's encoding when the HTML does not say")
    _sites_file(extract)

    parse_date = _command(sub, "parse-date", "show how a date string is read (UTC, local time, precision)")
    parse_date.add_argument("text", help='a date as a page prints it, e.g. "Selasa, 24 Mei 2022 10:15 WIB"')
    parse_date.add_argument("--now", metavar="ISO", help="anchor for relative dates such as '2 jam lalu' (ISO 8601)")
    parse_date.add_argument("--tz", default="Asia/Jakarta", metavar="ZONE", help="zone of strings that name none")


def _sites(sub: argparse._SubParsersAction) -> None:
    sites = _command(sub, "sites", "list the configured sites, or `sites check` to validate them")
    sites.add_argument("action", nargs="?", choices=["list", "check"], default="list",
                       help="list (default) or check every config")
    sites.add_argument("--region", metavar="NAME", help="only sites of this region (province, or 'nasional')")
    sites.add_argument("--network", metavar="NAME", help="only sites of this network (tribun, radar, …)")
    sites.add_argument("--markdown", action="store_true", help="print the README's Markdown table of the sites")
    _json(sites)
    _sites_file(sites)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", action="append", default=[], metavar="ID", help="only this site (repeatable)")
    parser.add_argument("--since", metavar="DATE", help="published at or after DATE")
    parser.add_argument("--until", metavar="DATE", help="published before DATE")


def _data(sub: argparse._SubParsersAction) -> None:
    runs = _command(sub, "runs", "history of crawl runs on the archive")
    _archive_option(runs)
    runs.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="newest N runs (default 20)")
    runs.add_argument("--sites", action="store_true", help="also one row per site of each run")
    _json(runs)

    stats = _command(sub, "stats", "articles per site and publication day")
    _archive_option(stats)
    stats.add_argument("--clusters", action="store_true",
                       help="near-duplicate clusters per site pair instead: who republishes whom (the site of a "
                            "cluster's earliest copy, the site of another copy, clusters, copies)")
    _json(stats)

    ls = _command(sub, "ls", "list archived articles, newest first (current versions)")
    _archive_option(ls)
    _filters(ls)
    ls.add_argument("--grep", nargs="+", default=[], metavar="WORD", help="only articles whose title or body has every WORD")
    ls.add_argument("--limit", type=_positive_int, default=50, metavar="N", help="at most N articles (default 50)")
    _json(ls)

    show = _command(sub, "show", "every stored version of one article")
    _archive_option(show)
    show.add_argument("key", metavar="URL|ID", help="the article's URL (or any URL that led to it) or its article_id")
    show.add_argument("--json", action="store_true", help="print the rows as JSON")

    export = _command(sub, "export", "write archived rows as JSON lines, CSV or Parquet (no SQL needed)")
    _archive_option(export)
    export.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl", help="output format")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE (default: standard output)")
    _filters(export)
    export.add_argument("--current", action="store_true", help="only the latest version of each article")

    report = _command(sub, "report", "write a self-contained HTML report of the archive")
    _archive_option(report)
    report.add_argument("--out", type=Path, default=Path("report.html"), metavar="FILE", help="where (default report.html)")


def _maintenance(sub: argparse._SubParsersAction) -> None:
    verify = _command(sub, "verify", "check every archive file (readable, schema, no duplicates, no leftovers)")
    _archive_option(verify)

    compact = _command(sub, "compact", "merge small Parquet files per partition (atomic; takes the archive lock)")
    _archive_option(compact)
    compact.add_argument("--wait", action="store_true", help="wait for a running crawl instead of exiting 4")
    _json(compact)


def _scheduler(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786); default: a local cluster, one worker per core")
    parser.add_argument("--workers", type=_positive_int, metavar="N", help="workers of the local cluster (default: cores)")


def _warc(sub: argparse._SubParsersAction) -> None:
    imp = _command(sub, "import-warc", "backfill the archive from WARC files (CC-NEWS and others) on Dask")
    imp.add_argument("paths", nargs="+", metavar="PATH",
                     help="a WARC file (gz or not), a warc.paths-style list of them, a local path or fsspec URL")
    imp.add_argument("--sites", nargs="+", default=[], metavar="ID", help="import pages of these sites")
    imp.add_argument("--all", action="store_true", help="import pages of every configured site except the demo")
    _sites_file(imp)
    _archive_option(imp)
    _scheduler(imp)
    imp.add_argument("--wait", action="store_true", help="wait for a running crawl instead of exiting 4")

    re = _command(sub, "reextract", "run today's extraction over the archive's own WARC records and rewrite the rows")
    re.add_argument("--site", action="append", default=[], metavar="ID", help="only this site (repeatable)")
    re.add_argument("--since", metavar="DATE", help="only rows published at or after DATE")
    _archive_option(re)
    _sites_file(re)
    _scheduler(re)
    re.add_argument("--wait", action="store_true", help="wait for a running crawl instead of exiting 4")
    re.add_argument("--quiet", action="store_true", help="print only the summary, not one line per changed row")
