"""Reading an archive back from a shell: exit codes, pipes, exports, and the README's loading snippets.

Each test runs the real ``archiver`` command in a subprocess (stdout is then a pipe, as in
cron or ``| cut``) on an archive written for the test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from archiver.ops.runs import record_run
from archiver.outcome import CrawlOutcome, SiteOutcome
from archiver.storage.reader import rows_sql
from conftest import ROOT, WIB, archiver_command, make_article, run_archiver, write_articles, write_version_1_file


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    articles = [make_article(i, site, published=datetime(2026, 3, 1 + i, 9, 0, tzinfo=WIB))
                for i, site in enumerate(["detik"] * 5 + ["kompas"] * 4)]
    write_articles(root, articles)
    for n, start in enumerate((datetime(2026, 3, 1, tzinfo=timezone.utc), datetime(2026, 3, 2, tzinfo=timezone.utc))):
        outcome = CrawlOutcome(f"run-{n}", start, start + timedelta(minutes=3), "finished",
                               [SiteOutcome("detik", pages=10 + n, articles_new=5), SiteOutcome("kompas", pages=7)])
        record_run(root, outcome)
    return root


def test_runs_and_stats_exit_0_whatever_the_row_count(archive: Path) -> None:
    for command in ("runs", "stats"):
        result = run_archiver(command, "--archive", str(archive))
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) > 2


def test_into_a_pipe_tables_are_tsv_with_whole_headers(archive: Path) -> None:
    runs = run_archiver("runs", "--archive", str(archive)).stdout.splitlines()
    header = runs[0].split("\t")
    assert header[:4] == ["start", "status", "secs", "sites"] and "known" in header
    first = dict(zip(header, runs[1].split("\t")))
    assert first["status"] == "ok" and first["sites"] == "detik,kompas" and first["new"] == "5"
    stats = [line.split("\t") for line in run_archiver("stats", "--archive", str(archive)).stdout.splitlines()]
    assert stats[0] == ["site", "day", "articles", "versions"] and stats[1][0] == "detik"
    sites = run_archiver("sites").stdout.splitlines()
    assert sites[0].split("\t")[:2] == ["id", "name"] and any(line.startswith("detik\t") for line in sites)


def test_a_closed_pipe_is_not_a_traceback(archive: Path) -> None:
    command = " ".join(archiver_command("export", "--archive", str(archive))) + " | head -c 20"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0 and "Traceback" not in result.stderr and len(result.stdout) == 20


@pytest.mark.parametrize("command", [["stats"], ["runs"], ["report"], ["ls"], ["show", "x"], ["export"], ["verify"]])
def test_a_mistyped_archive_is_a_usage_error(command: list[str], tmp_path: Path) -> None:
    result = run_archiver(*command, "--archive", str(tmp_path / "dta"))
    assert result.returncode == 2 and "no archive at" in result.stderr
    assert not (tmp_path / "dta").exists() and not (tmp_path / "report.html").exists()


def _duckdb_rows(archive: Path, where: str = "") -> list[dict]:
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        cursor = con.execute(f"SELECT * FROM ({rows_sql(archive)}) {where} ORDER BY published_at, article_id, version")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_export_round_trips_in_every_format(archive: Path, tmp_path: Path) -> None:
    expected = _duckdb_rows(archive)
    lines = run_archiver("export", "--archive", str(archive)).stdout.splitlines()
    exported = [json.loads(line) for line in lines]
    assert len(exported) == len(expected)
    for got, want in zip(exported, expected):
        assert got["article_id"] == want["article_id"] and got["title"] == want["title"] and got["body"] == want["body"]
        assert got["authors"] == want["authors"] and got["published_at"] == _iso(want["published_at"])
        assert got["site"] == want["site"] and got["month"] == want["month"]
    result = run_archiver("export", "--archive", str(archive), "--format", "csv", "--site", "kompas", "--current")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kompas = [r for r in expected if r["site"] == "kompas"]
    assert [r["article_id"] for r in rows] == [r["article_id"] for r in kompas]
    assert json.loads(rows[0]["tags"]) == kompas[0]["tags"]
    out = tmp_path / "out.parquet"
    assert run_archiver("export", "--archive", str(archive), "--format", "parquet", "--out", str(out),
                        "--since", "2026-03-04", "--until", "2026-03-06").returncode == 0
    table = pq.read_table(out)
    assert table.num_rows == len([r for r in expected if "2026-03-04" <= r["published_at"].astimezone(WIB).date().isoformat() < "2026-03-06"])
    assert table.schema.field("published_at").type.tz == "UTC"


def test_ls_and_show(archive: Path) -> None:
    listed = [line.split("\t") for line in run_archiver("ls", "--archive", str(archive), "--site", "detik").stdout.splitlines()]
    assert listed[0][:3] == ["published (WIB)", "site", "title"] and len(listed) == 6
    assert listed[1][0] == "2026-03-05 09:00"  # newest first
    grep = run_archiver("ls", "--archive", str(archive), "--grep", "rupiah", "menguat", "--json")
    assert {r["title"] for r in json.loads(grep.stdout)} == {"Rupiah Menguat ke Level Rp15.600 per Dolar AS pada Perdagangan Pagi"}
    one = make_article(2)
    by_alias = json.loads(run_archiver("show", one.url + "/amp", "--archive", str(archive)).stdout)
    by_id = json.loads(run_archiver("show", one.article_id, "--archive", str(archive)).stdout)
    assert by_alias == by_id and by_id[0]["url"] == one.url and by_id[0]["version"] == 1
    assert run_archiver("show", "https://nowhere.example/x", "--archive", str(archive)).returncode == 2


def test_compact_prints_one_line_or_json(tmp_path: Path, archive: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy)
    write_articles(copy, [make_article(20, published=datetime(2026, 3, 2, 9, 0, tzinfo=WIB))])  # a second file there
    result = run_archiver("compact", "--archive", str(copy))
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1 and "partitions compacted" in result.stdout
    again = json.loads(run_archiver("compact", "--archive", str(copy), "--json").stdout)
    assert again["partitions"] == 0


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare for a read-only mount")
def test_a_read_only_archive_is_a_usage_error(archive: Path) -> None:
    command = " ".join(archiver_command("compact", "--archive", str(archive)))
    script = f"mount --bind {archive} {archive} && mount -o remount,ro,bind {archive} && exec {command}"
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    if "mount" in result.stderr and result.returncode != 2:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")
    assert result.returncode == 2 and "cannot write to" in result.stderr and "Traceback" not in result.stderr


def _readme_snippet(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(marker, 1)[1].split("```", 1)[0]
    return block


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")
def test_the_readme_spark_snippet_loads_the_archive(archive: Path) -> None:
    pytest.importorskip("pyspark")
    code = _readme_snippet("# spark\n").replace('"data/articles"', repr(str(archive / "articles")))
    code += "\nassert df.count() == 9 and set(df.columns) >= {'site', 'month', 'published_at_precision'}\n"
    result = subprocess.run(["python", "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_readme_datasets_snippet_loads_the_archive(archive: Path) -> None:
    pytest.importorskip("datasets")
    code = _readme_snippet("# huggingface datasets\n").replace('"data"', repr(str(archive)))
    code += "\nassert len(ds) == 9 and {'site', 'month', 'title'} <= set(ds.column_names)\n"
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(["python", "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_readme_mixed_versions_snippet_reads_every_column(tmp_path: Path) -> None:
    old = make_article(1, published=datetime(2025, 1, 9, 9, 0, tzinfo=WIB))
    write_version_1_file(tmp_path, old)  # the older file comes first in the listing
    new = replace(make_article(2, published=datetime(2026, 3, 9, 9, 0, tzinfo=WIB)), published_at_precision="minute")
    write_articles(tmp_path, [new])
    code = _readme_snippet("# mixed versions\n").replace("'data/articles/", repr(str(tmp_path / "articles"))[:-1] + "/")
    names: dict[str, Any] = {}
    exec(code, names)
    for frame in (names["df"], names["pf"].to_pandas()):
        assert len(frame) == 2 and {"site", "month", "published_at_precision"} <= set(frame.columns)
        assert frame.set_index("article_id")["published_at_precision"].isna().to_dict() == {old.article_id: True, new.article_id: False}
