"""Run records: written atomically, read back newest first, corrupt ones skipped."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archiver.ops.runs import load_runs, record_run, run_rows
from archiver.outcome import EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, CrawlOutcome, SiteOutcome

T0 = datetime(2025, 3, 4, 1, 30, tzinfo=timezone.utc)


def _outcome(run_id: str, start: datetime, *, blocked: bool = False) -> CrawlOutcome:
    sites = [
        SiteOutcome("detik", pages=120, articles_new=87, articles_updated=3, duplicates=5, skipped_known=40,
                    errors={"http_404": 2, "extraction": 1}),
        SiteOutcome("kompas", pages=0 if blocked else 64, articles_new=0 if blocked else 51,
                    blocked={"http_403": 7} if blocked else {}),
    ]
    return CrawlOutcome(run_id=run_id, started_at=start, finished_at=start + timedelta(minutes=4, seconds=12),
                        finish_reason="finished", sites=sites, requests=190)


def test_record_run_writes_complete_record(tmp_path: Path) -> None:
    stats = {"downloader/request_count": 190, "downloader/response_status_count/403": 7,
             "start_time": T0, "archiver/detik/pages": 120, "some_object": object()}
    path = record_run(tmp_path, _outcome("20250304T013000-abc123", T0, blocked=True), stats=stats,
                      argv=["archiver", "crawl", "--all"])
    assert path == tmp_path / "runs" / "20250304T013000-abc123.json"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["run_id"] == "20250304T013000-abc123"
    assert record["start"] == "2025-03-04T01:30:00+00:00"
    assert record["duration_s"] == 252.0
    assert (record["exit_code"], record["exit"]) == (EXIT_PARTIAL, "partial")
    assert record["argv"] == ["archiver", "crawl", "--all"]
    detik, kompas = record["sites"]
    assert detik["errors"] == {"extraction": 1, "http_404": 2}
    assert (detik["articles_new"], detik["articles_updated"], detik["duplicates"], detik["skipped_known"]) == (87, 3, 5, 40)
    assert kompas["blocked"] == {"http_403": 7} and kompas["failed"] is True
    assert record["totals"]["errors"] == 3 and record["totals"]["blocked"] == 7
    assert record["scrapy"] == {"downloader/request_count": 190, "downloader/response_status_count/403": 7}


def test_load_runs_newest_first_with_limit(tmp_path: Path) -> None:
    for i in range(5):
        start = T0 + timedelta(minutes=30 * i)
        record_run(tmp_path, _outcome(f"{start:%Y%m%dT%H%M%S}-{i:06d}", start))
    runs = load_runs(tmp_path)
    assert [r["run_id"][-1] for r in runs] == ["4", "3", "2", "1", "0"]
    assert [r["run_id"][-1] for r in load_runs(tmp_path, limit=2)] == ["4", "3"]
    assert runs[0]["exit_code"] == EXIT_OK


def test_corrupt_records_are_skipped_with_warning(tmp_path: Path, caplog) -> None:
    record_run(tmp_path, _outcome("good-run", T0))
    runs = tmp_path / "runs"
    (runs / "truncated.json").write_text('{"run_id": "x", "sta', encoding="utf-8")
    (runs / "list.json").write_text("[1, 2]", encoding="utf-8")
    (runs / "baddate.json").write_text('{"run_id": "y", "start": "yesterday"}', encoding="utf-8")
    (runs / ".inflight.json.123.tmp").write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="archiver.ops.runs"):
        loaded = load_runs(tmp_path)
    assert [r["run_id"] for r in loaded] == ["good-run"]
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "truncated.json" in warned and "list.json" in warned and "baddate.json" in warned


def test_exit_code_override(tmp_path: Path) -> None:
    outcome = CrawlOutcome("locked-run", T0, T0, "locked", [])
    record_run(tmp_path, outcome, exit_code=EXIT_LOCKED)
    assert (load_runs(tmp_path)[0]["exit_code"], load_runs(tmp_path)[0]["exit"]) == (EXIT_LOCKED, "locked")


def test_load_runs_without_runs_dir(tmp_path: Path) -> None:
    assert load_runs(tmp_path) == []


def test_run_rows_flatten_runs_and_sites(tmp_path: Path) -> None:
    record_run(tmp_path, _outcome("r1", T0, blocked=True))
    rows = run_rows(load_runs(tmp_path), tz=timezone(timedelta(hours=7)), per_site=True)
    assert rows[0]["start"] == "2025-03-04 08:30:00"  # shown in the requested zone (WIB)
    assert rows[0]["status"] == "partial" and rows[0]["duration_s"] == 252
    assert rows[0]["blocked"] == "http_403=7" and rows[0]["errors"] == "http_404=2, extraction=1"
    assert rows[0]["sites"] == "detik,kompas" and rows[0]["articles_new"] == 87
    assert [r["sites"] for r in rows[1:]] == ["  detik", "  kompas"]


def test_a_run_killed_before_its_end_shows_as_killed(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from archiver.ops.runs import record_start, status

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path = record_start(tmp_path, "r2", T0, ["demo"], ["archiver", "crawl", "demo"])
    record = json.loads(path.read_text())
    record["pid"] = int(child.stdout)  # a process that has exited, as a kill -9 leaves it
    path.write_text(json.dumps(record))
    (run,) = load_runs(tmp_path)
    assert run["exit"] == "running" and status(run) == "killed"
