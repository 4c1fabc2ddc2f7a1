"""Run history: one JSON record per crawl under ``<archive>/runs/``.

A cron-driven archiver runs unattended for months; the run records are how a
person finds out afterwards what each run did (pages, new articles, errors,
blocks) without digging through logs.  One file per run keeps appends
trivially safe: each record is written to a temp file, fsynced and renamed,
so a reader sees a record entirely or not at all, and a corrupt or foreign
file only costs that one record (skipped with a warning), never the history.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Iterable

from archiver.outcome import EXIT_NAMES, CrawlOutcome
from archiver.storage.atomic import atomic_file
from archiver.storage.layout import RUNS_DIR

logger = logging.getLogger(__name__)

RECORD_VERSION = 1

# Scrapy stats worth keeping in the record (the rest is noise or per-site duplicates).
_SCRAPY_KEYS_PREFIXES = (
    "downloader/request_count",
    "downloader/response_count",
    "downloader/response_status_count/",
    "downloader/exception_count",
    "downloader/exception_type_count/",
    "item_scraped_count",
    "item_dropped_count",
    "log_count/ERROR",
    "log_count/WARNING",
    "memusage/max",
    "retry/count",
    "retry/max_reached",
    "robotstxt/forbidden",
    "elapsed_time_seconds",
)


def runs_dir(archive: Path) -> Path:
    """``<archive>/runs``."""
    return Path(archive) / RUNS_DIR


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def _scrapy_subset(stats: dict[str, Any] | None) -> dict[str, Any]:
    """Selected Scrapy stats as JSON-ready values."""
    out: dict[str, Any] = {}
    for key, value in sorted((stats or {}).items()):
        if not key.startswith(_SCRAPY_KEYS_PREFIXES):
            continue
        if isinstance(value, datetime):
            value = _iso(value)
        if isinstance(value, (int, float, str, bool)):
            out[key] = value
    return out


def run_record(outcome: CrawlOutcome, *, stats: dict[str, Any] | None = None, argv: list[str] | None = None,
               exit_code: int | None = None) -> dict[str, Any]:
    """The JSON-ready record :func:`record_run` writes (exposed for tests and ``--json``)."""
    sites = [
        {
            "site": s.site,
            "pages": s.pages,
            "articles_new": s.articles_new,
            "articles_updated": s.articles_updated,
            "duplicates": s.duplicates,
            "skipped_known": s.skipped_known,
            "errors": dict(sorted(s.errors.items())),
            "blocked": dict(sorted(s.blocked.items())),
            "notes": dict(sorted(s.notes.items())),
            "failed": s.failed,
        }
        for s in outcome.sites
    ]
    code = outcome.exit_code if exit_code is None else exit_code
    return {
        "record_version": RECORD_VERSION,
        "run_id": outcome.run_id,
        "start": _iso(outcome.started_at),
        "end": _iso(outcome.finished_at),
        "duration_s": round((outcome.finished_at - outcome.started_at).total_seconds(), 3),
        "exit_code": code,
        "exit": EXIT_NAMES.get(code, str(code)),
        "finish_reason": outcome.finish_reason,
        "argv": list(argv) if argv is not None else None,
        "pid": os.getpid(),
        "requests": outcome.requests,
        "totals": _totals(sites),
        "sites": sites,
        "scrapy": _scrapy_subset(stats),
    }


def _totals(sites: Iterable[dict[str, Any]]) -> dict[str, int]:
    totals = {"pages": 0, "articles_new": 0, "articles_updated": 0, "duplicates": 0, "skipped_known": 0, "errors": 0, "blocked": 0}
    for site in sites:
        for key in ("pages", "articles_new", "articles_updated", "duplicates", "skipped_known"):
            totals[key] += int(site.get(key) or 0)
        totals["errors"] += sum(int(v) for v in (site.get("errors") or {}).values())
        totals["blocked"] += sum(int(v) for v in (site.get("blocked") or {}).values())
    return totals


def record_run(archive: Path, outcome: CrawlOutcome, *, stats: dict[str, Any] | None = None, argv: list[str] | None = None,
               exit_code: int | None = None) -> Path:
    """Write ``<archive>/runs/<run_id>.json`` for this run and return its path.

    ``exit_code`` overrides ``outcome.exit_code`` when the caller decided the
    process's code itself (e.g. an interrupted or locked run).
    """
    folder = runs_dir(archive)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{outcome.run_id}.json"
    record = run_record(outcome, stats=stats, argv=argv, exit_code=exit_code)
    with atomic_file(path) as handle:
        handle.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return path


def _read_record(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or not isinstance(record.get("run_id"), str):
            raise ValueError("not a run record (no run_id)")
        datetime.fromisoformat(str(record.get("start")))
        if not isinstance(record.get("sites", []), list):
            raise ValueError("'sites' is not a list")
    except (OSError, ValueError, TypeError) as exc:
        logger.warning("skipping unreadable run record %s: %s", path, exc)
        return None
    return record


def load_runs(archive: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Run records, newest first (by start time); corrupt files are skipped with a warning."""
    folder = runs_dir(archive)
    if not folder.is_dir():
        return []
    records = [r for p in folder.glob("*.json") if not p.name.startswith(".") for r in [_read_record(p)] if r is not None]
    records.sort(key=lambda r: (datetime.fromisoformat(r["start"]).astimezone(timezone.utc), r["run_id"]), reverse=True)
    return records[:limit] if limit is not None else records


def _fmt_time(text: str, tz: tzinfo | None) -> str:
    when = datetime.fromisoformat(text)
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def _fmt_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def format_runs_table(runs: list[dict[str, Any]], *, tz: tzinfo | None = None, per_site: bool = False) -> Any:
    """A rich Table of runs (one row per run; ``per_site`` adds one row per site).

    ``tz`` is the display timezone (default: the machine's local zone).
    """
    from rich.table import Table

    table = Table(title="archiver runs (newest first)", header_style="bold")
    for name, justify in (("start", "left"), ("duration", "right"), ("exit", "left"), ("finish", "left"), ("site", "left"),
                          ("pages", "right"), ("new", "right"), ("upd", "right"), ("dup", "right"), ("known", "right"),
                          ("errors", "left"), ("blocked", "left")):
        table.add_column(name, justify=justify, no_wrap=name in ("start", "exit"))
    for run in runs:
        _add_run_rows(table, run, tz, per_site)
    return table


def _add_run_rows(table: Any, run: dict[str, Any], tz: tzinfo | None, per_site: bool) -> None:
    sites = run.get("sites") or []
    totals = run.get("totals") or _totals(sites)
    errors: dict[str, int] = {}
    blocked: dict[str, int] = {}
    for site in sites:
        for k, v in (site.get("errors") or {}).items():
            errors[k] = errors.get(k, 0) + int(v)
        for k, v in (site.get("blocked") or {}).items():
            blocked[k] = blocked.get(k, 0) + int(v)
    style = {0: "green", 3: "yellow"}.get(run.get("exit_code"), "red")
    names = ",".join(s.get("site", "?") for s in sites)
    table.add_row(
        _fmt_time(run["start"], tz), _fmt_duration(float(run.get("duration_s") or 0)),
        f"[{style}]{run.get('exit_code')} {run.get('exit', '')}[/]", str(run.get("finish_reason", "")),
        names if len(names) <= 30 else f"{len(sites)} sites",
        str(totals.get("pages", 0)), str(totals.get("articles_new", 0)), str(totals.get("articles_updated", 0)),
        str(totals.get("duplicates", 0)), str(totals.get("skipped_known", 0)), _kinds(errors) or "-", _kinds(blocked) or "-",
    )
    if per_site and len(sites) > 1:
        for s in sites:
            table.add_row("", "", "", "", f"  {s.get('site')}", str(s.get("pages", 0)), str(s.get("articles_new", 0)),
                          str(s.get("articles_updated", 0)), str(s.get("duplicates", 0)), str(s.get("skipped_known", 0)),
                          _kinds(s.get("errors") or {}) or "-", _kinds(s.get("blocked") or {}) or "-", style="dim")


def print_runs(archive: Path, *, limit: int | None = 20, as_json: bool = False, per_site: bool = False, console: Any = None) -> int:
    """What ``archiver runs`` prints; returns the number of runs shown."""
    runs = load_runs(archive, limit=limit)
    return print_rows(runs, as_json=as_json, console=console, empty=f"no runs recorded under {runs_dir(archive)}",
                      table=lambda: format_runs_table(runs, per_site=per_site))


def print_rows(rows: list[dict[str, Any]], *, as_json: bool, console: Any, empty: str, table: Any) -> int:
    """Print ``rows`` as JSON, or the rich renderable ``table()`` (``empty`` when there are none);
    returns how many rows there were.  The shape of ``archiver runs`` and ``archiver stats``."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return len(rows)
    if console is None:
        from rich.console import Console

        console = Console()
    console.print(table() if rows else empty)
    return len(rows)
