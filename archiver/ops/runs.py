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
import socket
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Iterable

from archiver.outcome import EXIT_NAMES, CrawlOutcome, SiteOutcome
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
            "impersonate": s.impersonate,  # browser its requests wore, None: sent as Scrapy's (was a blocked site impersonated?)
            "impersonated_requests": sum(s.impersonated.values()),
            "proxied_requests": s.proxied,
            "failed": s.failed,
        }
        for s in outcome.sites
    ]
    code = None if outcome.finish_reason == "running" else outcome.exit_code if exit_code is None else exit_code
    return {
        "record_version": RECORD_VERSION,
        "run_id": outcome.run_id,
        "start": _iso(outcome.started_at),
        "end": _iso(outcome.finished_at),
        "duration_s": round((outcome.finished_at - outcome.started_at).total_seconds(), 3),
        "exit_code": code,
        "exit": "running" if code is None else EXIT_NAMES.get(code, str(code)),
        "finish_reason": outcome.finish_reason,
        "argv": list(argv) if argv is not None else None,
        "pid": os.getpid(),
        "host": socket.gethostname(),
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


def record_start(archive: Path, run_id: str, started: datetime, sites: Iterable[str], argv: list[str] | None) -> Path:
    """Write the run's record as it starts, marked unfinished: a crawl killed with ``kill -9`` still has one."""
    outcome = CrawlOutcome(run_id=run_id, started_at=started, finished_at=started, finish_reason="running",
                           sites=[SiteOutcome(s) for s in sites])
    return record_run(archive, outcome, argv=argv, exit_code=None)


def status(record: dict[str, Any]) -> str:
    """``ok``, ``partial``, ``failed``, … from the exit code; ``running`` while its process lives; ``killed`` after."""
    if record.get("finish_reason") != "running":
        return str(record.get("exit") or EXIT_NAMES.get(record.get("exit_code"), record.get("exit_code")))
    pid, host = record.get("pid"), record.get("host")
    if host not in (None, socket.gethostname()) or not isinstance(pid, int):
        return "running"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return "killed"
    except PermissionError:
        pass
    return "running"


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def run_rows(runs: list[dict[str, Any]], *, per_site: bool = False, tz: tzinfo | None = None) -> list[dict[str, Any]]:
    """One flat row per run (and, with ``per_site``, one per site of each run) for tables and TSV."""
    rows: list[dict[str, Any]] = []
    for run in runs:
        sites = run.get("sites") or []
        totals = run.get("totals") or _totals(sites)
        merged: dict[str, dict[str, int]] = {"errors": {}, "blocked": {}}
        for site in sites:
            for kind in merged:
                for k, v in (site.get(kind) or {}).items():
                    merged[kind][k] = merged[kind].get(k, 0) + int(v)
        start = datetime.fromisoformat(run["start"]).astimezone(tz)
        rows.append({"start": f"{start:%Y-%m-%d %H:%M:%S}", "duration_s": round(float(run.get("duration_s") or 0)),
                     "status": status(run), "exit_code": run.get("exit_code"), "run_id": run["run_id"],
                     "sites": ",".join(str(s.get("site")) for s in sites), **_counts(totals),
                     "errors": _kinds(merged["errors"]), "blocked": _kinds(merged["blocked"]),
                     "impersonate": ", ".join(f"{s.get('site')}={s['impersonate']}" for s in sites if s.get("impersonate"))})
        if per_site and len(sites) > 1:
            for site in sites:
                rows.append({"start": "", "run_id": run["run_id"], "sites": f"  {site.get('site')}", **_counts(site),
                             "errors": _kinds(site.get("errors") or {}), "blocked": _kinds(site.get("blocked") or {}),
                             "impersonate": site.get("impersonate") or ""})
    return rows


def _counts(source: dict[str, Any]) -> dict[str, int]:
    return {k: int(source.get(k) or 0) for k in ("pages", "articles_new", "articles_updated", "duplicates", "skipped_known")}
