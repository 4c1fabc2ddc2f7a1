"""archiver stats / report: figures from a real Parquet archive, page rendered by headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from archiver.model import Article
from archiver.ops.report import COVERAGE_FIELDS, archive_stats, write_report
from archiver.ops.runs import record_run
from archiver.outcome import CrawlOutcome, SiteOutcome
from archiver.storage import ParquetArchiveWriter, reader

WIB = ZoneInfo("Asia/Jakarta")
FETCHED = datetime(2025, 3, 10, 2, 0, tzinfo=timezone.utc)


def _article(site: str, n: int, published: datetime | None, *, authors: bool = True, body: bool = True, version: int = 1) -> Article:
    slug = f"pemerintah-umumkan-kebijakan-baru-{n}"
    text = ("Jakarta - Pemerintah mengumumkan kebijakan baru terkait subsidi energi pada hari ini. "
            "Menteri menyebut kebijakan itu berlaku mulai bulan depan.\n"
            "Sejumlah ekonom menilai langkah tersebut akan menekan inflasi.") if body else None
    return Article(
        url=f"https://www.{site}.example.id/berita/d-{7000 + n}/{slug}", site=site,
        title=f"Pemerintah Umumkan Kebijakan Baru Nomor {n}", body=text,
        authors=["Rina Susanti"] if authors else [], published_at=published,
        published_at_text=published.strftime("%A, %d %b %Y %H:%M WIB") if published else None,
        published_at_source="json-ld" if published else None, fetched_at=FETCHED + timedelta(minutes=n),
        section="Nasional", language="id", word_count=len((text or "").split()), content_hash=f"{site}{n:04d}".ljust(32, "0"),
        article_id=f"{site[:4]}{n:012d}", version=version,
    )


def build_archive(root: Path) -> None:
    """detik: 3 days, one late-evening WIB article (UTC date differs), one updated version, one undated;
    kompas: 2 days, no authors on half the articles, one without body."""
    writer = ParquetArchiveWriter(root)
    day = datetime(2025, 3, 8, 9, 0, tzinfo=WIB)
    n = 0
    for offset, count in ((0, 4), (1, 2), (2, 3)):
        for _ in range(count):
            n += 1
            writer.write(_article("detik", n, day + timedelta(days=offset, minutes=n)))
    writer.write(_article("detik", 100, datetime(2025, 3, 9, 23, 30, tzinfo=WIB)))  # 16:30 UTC on the 9th; WIB day 9th
    writer.write(_article("detik", 101, datetime(2025, 3, 10, 0, 30, tzinfo=WIB)))  # 17:30 UTC on the 9th; WIB day 10th
    writer.write(_article("detik", 1, day + timedelta(minutes=1), version=2))  # updated article: 2 versions, 1 article
    writer.write(_article("detik", 200, None))  # no publication date
    for i in range(6):
        writer.write(_article("kompas", 300 + i, day + timedelta(days=i % 2, hours=i), authors=i % 2 == 0, body=i != 5))
    writer.close()


def _record_runs(root: Path) -> None:
    start = datetime(2025, 3, 10, 1, 0, tzinfo=timezone.utc)
    ok = CrawlOutcome("20250310T010000-aaaaaa", start, start + timedelta(minutes=3), "finished",
                      [SiteOutcome("detik", pages=40, articles_new=12), SiteOutcome("kompas", pages=20, articles_new=6)])
    later = start + timedelta(minutes=30)
    partial = CrawlOutcome("20250310T013000-bbbbbb", later, later + timedelta(minutes=2), "finished",
                           [SiteOutcome("detik", pages=10, articles_new=2, errors={"http_404": 3, "timeout": 1}),
                            SiteOutcome("kompas", pages=1, blocked={"http_403": 5, "js_challenge": 1})])
    record_run(root, ok, argv=["archiver", "crawl", "--all"])
    record_run(root, partial, argv=["archiver", "crawl", "--all"])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    build_archive(root)
    _record_runs(root)
    return root


def test_archive_stats_counts_per_wib_day(archive: Path) -> None:
    rows = {(r["site"], r["day"]): (r["articles"], r["versions"]) for r in archive_stats(archive)}
    assert rows == {
        ("detik", "2025-03-08"): (4, 5),  # the updated article counts once, its two versions twice
        ("detik", "2025-03-09"): (3, 3),  # 2 + the 23:30 WIB article (16:30 UTC)
        ("detik", "2025-03-10"): (4, 4),  # 3 + the 00:30 WIB article (still the 9th in UTC)
        ("detik", "unknown"): (1, 1),
        ("kompas", "2025-03-08"): (3, 3),
        ("kompas", "2025-03-09"): (3, 3),
    }
    assert archive_stats(archive)[3]["day"] == "unknown"  # undated rows last within their site


def test_field_coverage_and_totals(archive: Path) -> None:
    cov = {r["site"]: r for r in reader.field_coverage(archive, COVERAGE_FIELDS)}
    assert cov["detik"]["articles"] == 12 and cov["detik"]["title"] == 1.0
    assert cov["detik"]["published_at"] == pytest.approx(11 / 12)
    assert cov["kompas"]["authors"] == pytest.approx(0.5) and cov["kompas"]["body"] == pytest.approx(5 / 6)
    totals = reader.totals(archive)
    assert (totals["articles"], totals["versions"], totals["sites"]) == (18, 19, 2)
    assert (totals["first_day"], totals["last_day"]) == (date(2025, 3, 8), date(2025, 3, 10))
    assert totals["files"] >= 2 and totals["bytes"] > 0


def test_stats_rows_carry_unknown_days_last(archive: Path) -> None:
    rows = archive_stats(archive)
    assert rows[0] == {"site": "detik", "day": "2025-03-08", "articles": 4, "versions": 5}
    assert [r["day"] for r in rows if r["site"] == "detik"][-1] == "unknown"


def test_report_html_is_self_contained(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_report(archive, out)
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing loaded from elsewhere
    assert "<script" not in html and "default-src 'none'" in html
    assert "js_challenge: 1" in html and "http_404: 3" in html  # last run's errors and blocks
    assert html.count('class="chart daily"') == 2


def test_report_on_empty_archive(tmp_path: Path) -> None:
    write_report(tmp_path, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "no articles yet" in html and "No run recorded yet" in html


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def _headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary")
def test_report_renders_in_headless_chromium(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_report(archive, out)
    result = _headless(_chromium() or "", tmp_path / "profile", "--dump-dom", out.as_uri())
    dom = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'id="report-complete"' in dom  # the whole page was parsed
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Content Security Policy" in line]
    assert console == []  # no console errors, no blocked external loads
    charts = re.findall(r'<svg class="chart daily" data-site="([^"]+)"(.*?)</svg>', dom, re.S)
    assert [site for site, _ in charts] == ["detik", "kompas"]
    for _site, svg in charts:  # shared x axis: 8..10 March, one bar per day
        assert re.findall(r'class="bar" data-day="([^"]+)"', svg) == ["2025-03-08", "2025-03-09", "2025-03-10"]
    detik_counts = re.findall(r'data-count="(\d+)"', charts[0][1])
    assert detik_counts == ["4", "3", "4"]
    cov = re.findall(r'class="cov-bar" data-site="([^"]+)" data-field="([^"]+)" data-share="([^"]+)"', dom)
    assert len(cov) == 8 and ("kompas", "authors", "0.5000") in cov
    assert "Last run" in dom and "js_challenge: 1" in dom
    shot = tmp_path / "report.png"
    result = _headless(_chromium() or "", tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,1800", out.as_uri())
    assert result.returncode == 0 and shot.stat().st_size > 20_000  # a page with charts, not a blank image
