"""The `archiver` command as people type it: output, exit codes, misuse."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from archiver.cli import main
from archiver.cli.parser import build_parser
from archiver.demo import DemoServer, demo_articles
from archiver.storage.schema import ARTICLE_SCHEMA
from conftest import archiver_command


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(archiver_command(*args), capture_output=True, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def server(demo_server: DemoServer) -> DemoServer:
    return demo_server


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
        ["crawl", "demo", "--all"],
        ["crawl", "htp://127.0.0.1:8753/"],
        ["crawl", "demo", "--base-url", "127.0.0.1:8753"],
        ["crawl", "demo", "-s", "BOGUS=1"],
        ["demo", "--port", "70000"],
        ["export", "--format", "xml"],
        ["frobnicate"],
        [],
    ],
)
def test_misuse_exits_2_with_a_message(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_a_mistyped_setting_name_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["crawl", "demo", "-s", "ARCHIVER_MAX_ARTICLE=3"])
    assert exit_info.value.code == 2
    assert "unknown setting ARCHIVER_MAX_ARTICLE; did you mean ARCHIVER_MAX_ARTICLES?" in capsys.readouterr().err


def test_a_bad_since_is_a_usage_error_and_creates_nothing(tmp_path: Path) -> None:
    result = run("crawl", "demo", "--since", "notadate", "--archive", str(tmp_path / "new"))
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1 and b"--since" in result.stderr
    assert not (tmp_path / "new").exists()


def test_an_archive_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for command in (["crawl", "demo"], ["stats"], ["runs"], ["verify"], ["compact"], ["ls"], ["report"]):
        result = run(*command, "--archive", str(tmp_path / "file"))
        assert result.returncode == 2 and b"Traceback" not in result.stderr, command


def test_help_on_every_command_and_option() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    for name, command in sub.choices.items():
        missing = [a.dest for a in command._actions if a.help is None]
        assert missing == [], f"{name}: options without help: {missing}"
    result = run("crawl", "--help")
    assert result.returncode == 0 and b"usage: archiver crawl" in result.stdout and b"exit codes" in result.stdout


def test_version_and_python_m_archiver() -> None:
    from archiver import __version__

    result = subprocess.run([sys.executable, "-m", "archiver", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"archiver {__version__}"


def test_sites_json_and_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites", "--json"]) == 0
    sites = json.loads(capsys.readouterr().out)
    assert {"demo", "detik", "kompas", "tempo"} <= {s["id"] for s in sites}
    assert len(sites) >= 90 and all(s["examples"]["articles"] and s["examples"]["listings"] for s in sites)
    assert main(["sites", "check"]) == 0
    assert "0 problems" in capsys.readouterr().out


def test_parse_date_prints_utc_and_local(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-date", "Kamis, 05/11/2015, 14:56 WITA"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["utc"].startswith("2015-11-05T06:56")
    assert report["local"] == "2015-11-05T14:56:00+08:00" and report["precision"] == "minute"  # the string's own zone
    assert main(["parse-date", "01/06/2022"]) == 0
    assert json.loads(capsys.readouterr().out)["precision"] == "day"
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


def test_fetch_of_a_copy_gives_the_row_a_crawl_stores_for_its_original(server: DemoServer) -> None:
    from archiver.fingerprints import article_id

    article = demo_articles()[3]
    result = run("fetch", server.url(article.amp_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == server.url(article.path) == data["fetched_url"]
    assert data["article_id"] == article_id(server.url(article.path))
    assert server.url(article.amp_path) in data["aliases"]


def test_extract_keeps_the_pages_own_canonical_over_url(server: DemoServer, tmp_path: Path) -> None:
    import urllib.request

    article = demo_articles()[3]
    saved = tmp_path / "page.html"
    saved.write_bytes(urllib.request.urlopen(server.url(article.path)).read())
    tracked = server.url(article.path) + "?utm_source=wa&page=1"
    data = json.loads(run("extract", str(saved), "--url", tracked).stdout)
    assert data["url"] == server.url(article.path) and data["fetched_url"] == tracked


def test_sites_filters_and_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites", "--network", "emtek", "--json"]) == 0
    emtek = {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert {"kapanlagi", "liputan6", "merdeka"} <= emtek and "detik" not in emtek
    assert main(["sites", "--network", "MNC"]) == 0  # piped: TSV on stdout, the count on stderr
    out, err = capsys.readouterr()
    mnc = {line.split("\t")[0] for line in out.splitlines()[1:]}
    assert out.splitlines()[0].startswith("id\t") and {"okezone", "sindonews"} <= mnc and "kompas" not in mnc
    assert err.strip().startswith(f"{len(mnc)} of ") and err.strip().endswith(" sites")
    assert main(["sites", "--region", "Atlantis"]) == 0
    assert "no site matches" in capsys.readouterr().err
    assert main(["sites", "--network", "tribun", "--markdown"]) == 0
    table = capsys.readouterr().out
    assert " sites.\n" in table and "| `tribunnews` |" in table and "| `kompas` |" not in table and table.startswith("<!-- sites:begin -->")
