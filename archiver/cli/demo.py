"""``archiver demo``: the whole product on the bundled demo site, no internet needed.

Starts the demo news site on 127.0.0.1, crawls it into the archive with the
normal crawler (politeness delays off: the server is our own, local one),
then prints what the archive holds and a DuckDB one-liner to look further.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from archiver.cli.commands import UsageError, crawl_and_report, writable_archive
from archiver.cli.output import Column, emit
from archiver.outcome import EXIT_OK

DEMO_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 1, "LOG_LEVEL": "WARNING"}


DEMO_PORT = 8753  # the demo config's own base URL: re-runs then see the same URLs and fetch nothing again


def run_demo(archive: Path, *, port: int = DEMO_PORT, serve_only: bool = False) -> int:
    """Serve the demo site on ``port`` (or crawl the demo already serving there) and crawl it.

    A busy port is never swapped for a random one: the archive's URLs carry the
    port, so a crawl of another port would download everything again.
    """
    from archiver.demo import DemoServer
    from archiver.sites import load_sites

    writable_archive(archive)
    server = DemoServer(port=port)
    try:
        server.start()
    except OSError:
        if serve_only or not _demo_answers(port):
            raise UsageError(f"port {port} is busy; stop what holds it, or pass --port N "
                             "(on another port every demo URL is new, so nothing counts as already archived)") from None
        print(f"a demo server already answers on port {port}; crawling it", file=sys.stderr)
        return _crawl(archive, load_sites()["demo"].rebased(f"http://127.0.0.1:{port}/"))
    with server:
        if serve_only:
            print(f"demo site at {server.base_url} (Ctrl-C to stop)", file=sys.stderr)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return EXIT_OK
        code = _crawl(archive, load_sites()["demo"].rebased(server.base_url))
        print(f"the demo server answered {len(server.requests)} requests", file=sys.stderr)
    return code


def _crawl(archive: Path, site: Any) -> int:
    print(f"demo site at {site.base_url}; crawling into {archive}/ …", file=sys.stderr)
    code = crawl_and_report([site], archive, [], False, dict(DEMO_SETTINGS))
    print_summary(archive)
    return code


def _demo_answers(port: int) -> bool:
    """Whether the process holding ``port`` is archiver's demo site (e.g. ``archiver demo --serve-only``)."""
    import urllib.request

    from archiver.demo.model import SITE_NAME

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3) as response:
            return SITE_NAME.encode() in response.read(200_000)
    except (OSError, ValueError):
        return False


SUMMARY_COLUMNS = [Column("published_at", "published (WIB)"), Column("section", optional=1), Column("title", wrap=True),
                   Column("word_count", "words", "right", optional=2)]
SUMMARY_ROWS = 12


def print_summary(archive: Path) -> None:
    """The newest articles, read back from the Parquet files, and where to look further."""
    from archiver.storage import reader
    from archiver.storage.layout import articles_glob

    totals = reader.totals(archive)
    if not totals["files"]:
        print("the archive is empty", file=sys.stderr)
        return
    rows = [{**r, "published_at": f"{r['published_at']:%Y-%m-%d %H:%M}" if r["published_at"] else "?"}
            for r in reader.newest(archive, SUMMARY_ROWS)]
    emit(rows, SUMMARY_COLUMNS, title=f"{archive}/articles: {totals['articles']} articles from {totals['sites']} site(s)",
         footer=f"the {len(rows)} newest of {totals['articles']} articles; all of them: archiver ls --archive {archive}")
    print("Look further with DuckDB:")
    print(f"  python -c \"import duckdb; duckdb.sql(\\\"select site, published_at, title from "
          f"read_parquet('{articles_glob(archive)}', hive_partitioning=true, union_by_name=true) "
          f"order by published_at desc\\\").show()\"")


def cmd_demo(args: Any) -> int:
    return run_demo(args.archive, port=args.port, serve_only=args.serve_only)
