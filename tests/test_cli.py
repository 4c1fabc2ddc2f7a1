"""The `archiver` command as people type it: output, exit codes, misuse."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from archiver.cli import main
from archiver.demo import DemoServer, demo_articles
from archiver.storage.schema import ARTICLE_SCHEMA


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], capture_output=True, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def server() -> DemoServer:
    with DemoServer() as server:
        yield server


def _columns() -> set[str]:
    return set(ARTICLE_SCHEMA.names)


def test_fetch_prints_one_article_as_json_with_archive_columns(server: DemoServer) -> None:
    article = next(a for a in demo_articles() if a.zone == "WITA")
    result = run("fetch", server.url(article.path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == _columns()
    assert data["title"] == article.title
    published = datetime.fromisoformat(data["published_at"])
    assert published.utcoffset() is not None and published == article.published_at
    assert "Baca juga" not in data["body"]


@pytest.mark.parametrize("path, reason", [("/berita/2026/11/25/7099002/halaman-yang-dihapus", "HTTP 404"),
                                          ("/unduh/laporan-tahunan-2025.pdf", "not an HTML page"),
                                          ("/kanal/ekonomi", "no article")])
def test_fetch_failure_is_one_line_and_non_zero(server: DemoServer, path: str, reason: str) -> None:
    result = run("fetch", server.url(path))
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode().strip()
    assert "\n" not in message and reason in message


def test_fetch_unreachable_host_is_one_line() -> None:
    result = run("fetch", "http://127.0.0.1:9/berita/x", "--timeout", "3")
    assert result.returncode == 1 and result.stderr.decode().count("\n") == 1


def test_extract_reads_a_file_or_stdin(server: DemoServer, tmp_path: Path) -> None:
    import urllib.request

    article = next(a for a in demo_articles() if a.encoding != "utf-8")
    raw = urllib.request.urlopen(server.url(article.path)).read()
    saved = tmp_path / "page.html"
    saved.write_bytes(raw)
    from_file = run("extract", str(saved), "--url", server.url(article.path))
    from_stdin = run("extract", "-", "--url", server.url(article.path), stdin=raw)
    assert from_file.returncode == 0 and from_stdin.returncode == 0, from_file.stderr
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    assert json.loads(from_file.stdout)["title"] == article.title  # windows-1252 decoded right


@pytest.mark.parametrize(
    "args",
    [
        ["crawl"],
        ["crawl", "no-such-site"],
        ["crawl", "demo", "-s", "NOEQUALS"],
        ["crawl", "demo", "-s", "DOWNLOAD_DELAY=abc"],
        ["crawl", "demo", "-s", "ROBOTSTXT_OBEY=perhaps"],
        ["crawl", "demo", "--max-articles", "0"],
        ["fetch", "not-a-url"],
        ["extract", "/no/such/file.html", "--url", "https://example.id/a"],
        ["extract", "-", "--url", "relative/path"],
        ["parse-date", "24 Mei 2022", "--now", "yesterday"],
        ["frobnicate"],
        [],
    ],
)
def test_misuse_exits_2_with_a_message(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_help_everywhere() -> None:
    for command in ("crawl", "fetch", "extract", "sites", "demo", "parse-date", "runs", "stats", "report", "verify", "compact"):
        result = run(command, "--help")
        assert result.returncode == 0 and b"usage: archiver" in result.stdout


def test_sites_json_and_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites", "--json"]) == 0
    sites = json.loads(capsys.readouterr().out)
    assert {"demo", "detik", "kompas", "tempo"} <= {s["id"] for s in sites}
    assert main(["sites", "check"]) == 0
    assert "0 problems" in capsys.readouterr().out


def test_parse_date_prints_utc_and_local(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-date", "Kamis, 05/11/2015, 14:56 WITA"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["utc"].startswith("2015-11-05T06:56")
    assert main(["parse-date", "bukan tanggal"]) == 1


def test_verify_and_compact_need_an_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", "--archive", str(tmp_path / "missing")])
    assert exit_info.value.code == 2


@pytest.mark.slow
def test_scrapy_crawl_from_the_project_root(server: DemoServer, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"targets={server.base_url}",
         "-s", f"ARCHIVER_ARCHIVE_DIR={tmp_path}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", "ARCHIVER_MAX_ARTICLES=3", "-s", "LOG_LEVEL=WARNING"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(tmp_path.glob("articles/site=127-0-0-1/**/*.parquet"))
