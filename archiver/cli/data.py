"""The sub-commands that read an archive back: runs, stats, ls, show, export, report.

Each reads an archive that must exist (a mistyped ``--archive`` is a usage
error, not an empty success) and exits 0 whatever the number of rows.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archiver.cli.commands import UsageError, date_arg, existing_archive
from archiver.cli.output import Column, emit, is_terminal, print_json
from archiver.outcome import EXIT_OK

RUN_COLUMNS = [Column("start"), Column("status"), Column("duration_s", "secs", "right", optional=3),
               Column("sites", wrap=True), Column("pages", justify="right"), Column("articles_new", "new", "right"),
               Column("articles_updated", "upd", "right", optional=2), Column("duplicates", "dup", "right", optional=2),
               Column("skipped_known", "known", "right", optional=2), Column("errors", wrap=True, optional=1),
               Column("blocked", wrap=True, optional=1), Column("impersonate", "impersonated", wrap=True, optional=1)]
PAIR_COLUMNS = [Column("source", "first published by"), Column("copy", "copied by"), Column("clusters", justify="right"),
                Column("copies", justify="right")]
MEMBER_COLUMNS = [Column("published_at", "published (UTC)"), Column("site"), Column("similarity", "sim", "right"),
                  Column("article_id", "id"), Column("title", wrap=True)]
STATS_COLUMNS = [Column("site"), Column("day"), Column("articles", justify="right"), Column("versions", justify="right")]
LS_COLUMNS = [Column("published_at", "published (WIB)"), Column("site"), Column("title", wrap=True),
              Column("url", optional=1), Column("article_id", "id", optional=2)]


def cmd_runs(args: argparse.Namespace) -> int:
    from archiver.ops.runs import load_runs, run_rows, runs_dir

    existing_archive(args.archive)
    runs = load_runs(args.archive, limit=args.limit)
    if args.json:
        print_json(runs)
    else:
        emit(run_rows(runs, per_site=args.sites), RUN_COLUMNS, title="runs, newest first",
             empty=f"no runs recorded under {runs_dir(args.archive)}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from archiver.ops.report import TZ, archive_stats

    existing_archive(args.archive)
    if args.clusters:
        from archiver.storage.reader import cluster_pairs

        emit(cluster_pairs(args.archive), PAIR_COLUMNS, as_json=args.json,
             title="near-duplicate clusters per site pair (current versions)", empty="no story is stored by two sites")
        return EXIT_OK
    rows = archive_stats(args.archive)
    emit(rows, STATS_COLUMNS, as_json=args.json, title=f"articles per site per publication day ({TZ})",
         empty=f"no articles under {args.archive / 'articles'}")
    return EXIT_OK


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {"sites": tuple(args.site), "since": date_arg(args.since, "--since"), "until": date_arg(args.until, "--until")}


def cmd_ls(args: argparse.Namespace) -> int:
    from archiver.storage import reader

    existing_archive(args.archive)
    filters = _filters(args)
    rows = []
    if reader.has_articles(args.archive):
        sql, params = reader.selection(args.archive, current=True, words=tuple(args.grep), **filters)
        sql = (f"SELECT strftime(timezone('Asia/Jakarta', published_at), '%Y-%m-%d %H:%M') AS published_at, site, title, "
               f"url, article_id FROM ({sql}) ORDER BY published_at DESC NULLS LAST LIMIT {int(args.limit) + 1}")
        rows = [dict(zip(("published_at", "site", "title", "url", "article_id"), r)) for r in reader.query(args.archive, sql, params)]
    more = len(rows) > args.limit
    rows = rows[: args.limit]
    footer = f"{len(rows)} newest shown; more match (--limit N)" if more else f"{len(rows)} articles"
    emit(rows, LS_COLUMNS, as_json=args.json, footer=footer, empty="no article matches")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from archiver.storage.reader import versions_of
    from archiver.urls import canonical_url

    existing_archive(args.archive)
    key = args.key.strip()
    rows = versions_of(args.archive, key) or (versions_of(args.archive, canonical_url(key)) if "://" in key else [])
    if not rows:
        raise UsageError(f"no article {key!r} in {args.archive}")
    from archiver.storage.reader import cluster_members

    cluster = rows[0]["cluster_id"] or rows[0]["article_id"]
    members = cluster_members(args.archive, cluster)
    if args.json or not is_terminal():
        print_json([{**row, "cluster": members} for row in rows])
        return EXIT_OK
    for row in rows:
        print(f"{row['title']}\n  {row['url']}  (site {row['site']}, id {row['article_id']}, version {row['version']})")
        print(f"  published {row['published_at']} [{row['published_at_source']}: {row['published_at_text']!r}], "
              f"fetched {row['fetched_at']}, {row['word_count']} words, authors: {', '.join(row['authors']) or '-'}")
        if row["aliases"]:
            print(f"  aliases: {', '.join(row['aliases'])}")
        print("\n" + (row["body"] or "") + "\n")
    _print_cluster(cluster, members)
    return EXIT_OK


def _print_cluster(cluster: str, members: list[dict[str, Any]]) -> None:
    """The article's near-duplicate cluster, earliest copy first."""
    if len(members) < 2:
        print(f"cluster {cluster}: no other copy stored")
        return
    rows = [{**m, "published_at": f"{m['published_at']:%Y-%m-%d %H:%M}" if m["published_at"] else "-",
             "similarity": f"{m['similarity']:.2f}" if m["similarity"] is not None else "-"} for m in members]
    emit(rows, MEMBER_COLUMNS, title=f"cluster {cluster}: {len(members)} copies, earliest first")


def cmd_export(args: argparse.Namespace) -> int:
    from archiver.ops.export import export

    existing_archive(args.archive)
    if args.format == "parquet" and args.out is None and is_terminal():
        raise UsageError("Parquet is binary: give --out FILE, or pipe the output")
    if args.out is not None and args.out.is_dir():
        raise UsageError(f"--out {args.out} is a directory")
    from archiver.storage.reader import has_articles

    if not has_articles(args.archive):
        print(f"no articles under {args.archive / 'articles'}", file=sys.stderr)
        return EXIT_OK
    count = export(args.archive, args.format, args.out, current=args.current, **_filters(args))
    print(f"{count} rows exported" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from archiver.ops.report import write_report

    existing_archive(args.archive)
    try:
        write_report(args.archive, args.out)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from None
    print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK
