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

from archiver.cli.commands import crawl_and_report
from archiver.outcome import EXIT_OK

DEMO_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 1, "LOG_LEVEL": "WARNING"}


DEMO_PORT = 8753  # the demo config's own base URL: re-runs then see the same URLs and fetch nothing again


def run_demo(archive: Path, *, port: int = DEMO_PORT, serve_only: bool = False) -> int:
    from archiver.demo import DemoServer
    from archiver.sites import load_sites

    server = DemoServer(port=port)
    try:
        server.start()
    except OSError:  # the usual port is taken: any free one (a re-run then re-downloads, its URLs differ)
        print(f"port {port} is busy; serving the demo on a free port", file=sys.stderr)
        server = DemoServer(port=0)
        server.start()
    with server:
        if serve_only:
            print(f"demo site at {server.base_url} (Ctrl-C to stop)", file=sys.stderr)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return EXIT_OK
        site = load_sites()["demo"].rebased(server.base_url)
        print(f"demo site at {server.base_url}; crawling into {archive}/ …", file=sys.stderr)
        code = crawl_and_report([site], archive, [], False, dict(DEMO_SETTINGS))
        print(f"the demo server answered {len(server.requests)} requests", file=sys.stderr)
    print_summary(archive)
    return code


def print_summary(archive: Path) -> None:
    """Rows per site and the newest articles, read back from the Parquet files."""
    from rich.console import Console
    from rich.table import Table

    from archiver.storage import reader
    from archiver.storage.layout import articles_glob

    totals = reader.totals(archive)
    if not totals["files"]:
        print("the archive is empty", file=sys.stderr)
        return
    table = Table(title=f"{archive}/articles: {totals['articles']} articles from {totals['sites']} site(s) — newest first (WIB)")
    for column in ("published_at", "section", "title", "words"):
        table.add_column(column)
    for row in reader.newest(archive, 12):
        published = row["published_at"]
        table.add_row(f"{published:%Y-%m-%d %H:%M}" if published else "?", row["section"] or "",
                      (row["title"] or "")[:70], str(row["word_count"]))
    Console().print(table)
    pattern = articles_glob(archive)
    print("Look further with DuckDB:")
    print(f"  python -c \"import duckdb; duckdb.sql(\\\"select site, published_at, title from "
          f"read_parquet('{pattern}', hive_partitioning=true) order by published_at desc\\\").show()\"")


def cmd_demo(args: Any) -> int:
    return run_demo(args.archive, port=args.port, serve_only=args.serve_only)
