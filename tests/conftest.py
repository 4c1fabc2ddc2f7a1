"""Shared test helpers: the demo server, `archiver` subprocess runs, archive rows, crawlers, the corpus.

No test module imports another: what several need lives here (fixtures) or in
``tests/helpers.py`` (plain functions that worker processes can import too).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pyarrow.parquet as pq
import pytest

from archiver.demo import DemoServer
from archiver.fingerprints import article_id, content_hash
from archiver.model import Article
from archiver.storage.schema import FILE_SCHEMAS, articles_to_table

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ARCHIVER_CORPUS") or ROOT.parent / "shared" / "corpus")
# a local server: no politeness delays, few retries, short timeouts
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_TIMEOUT=5")

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"benchmark corpus not found at {CORPUS}")


@lru_cache(maxsize=None)
def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` imported once (its dataclasses need it registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    """The bundled demo site on an ephemeral port, shared by the whole session.

    Tests that count the server's requests call ``reset_requests()`` first.
    """
    with DemoServer() as server:
        yield server


def archiver_command(*args: str) -> list[str]:
    """The ``archiver`` command line, run with this interpreter."""
    return [sys.executable, "-m", "archiver", *args]


def run_archiver(*args: str, timeout: float = 240, env: dict[str, str] | None = None,
                 stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """``archiver ARGS`` in a subprocess, as a user or cron runs it (text output)."""
    return subprocess.run(archiver_command(*args), capture_output=True, text=stdin is None, input=stdin,
                          timeout=timeout, env=env, cwd=ROOT)


def demo_crawl_args(server: DemoServer, archive: Path, *extra: str) -> list[str]:
    """``crawl demo`` against ``server`` into ``archive``, fast settings first (``extra`` can override them)."""
    return ["crawl", "demo", "--base-url", server.base_url, "--archive", str(archive), *FAST, *extra]


def crawl_demo(server: DemoServer, archive: Path, *extra: str, env: dict[str, str] | None = None,
               timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return run_archiver(*demo_crawl_args(server, archive, *extra), env=env, timeout=timeout)


def archive_rows(archive: Path) -> list[dict[str, Any]]:
    """Every stored row (all versions), partition columns included."""
    from archiver.storage.reader import read_archive

    return read_archive(archive).to_pylist()


def demo_path(row: dict[str, Any]) -> str:
    """The demo path a row stands for; a republished copy (same body, no canonical link) stands for
    its original: which of the two is met first, and so stored, depends on download order."""
    path = "/" + row["url"].split("/", 3)[3]
    return path.replace("/daerah/salinan/", "/berita/", 1)


def archiver_settings(**overrides: Any) -> dict[str, Any]:
    """archiver's own ``ARCHIVER_*`` defaults (pages analysed inline: no worker processes), plus ``overrides``."""
    from archiver.crawl.run import build_settings

    settings = {k: v for k, v in build_settings(Path("unused")).copy_to_dict().items() if k.startswith("ARCHIVER_")}
    settings["ARCHIVER_EXTRACT_WORKERS"] = 0
    settings.update(overrides)
    return settings


# -- archive rows -------------------------------------------------------------------------------

_TITLES = [
    "Harga Beras Naik Jelang Ramadan, Pemerintah Siapkan Operasi Pasar",
    "Timnas Indonesia Tekuk Vietnam 3-0 di Stadion Gelora Bung Karno",
    "BMKG: Gempa Magnitudo 5,2 Guncang Sulawesi Tengah, Tidak Berpotensi Tsunami",
    "KPK Tetapkan Bupati sebagai Tersangka Kasus Suap Proyek Jalan",
    "Rupiah Menguat ke Level Rp15.600 per Dolar AS pada Perdagangan Pagi",
]


def make_article(i: int, site: str = "detik", *, published: datetime | None = None, version: int = 1,
                 body: str | None = None) -> Article:
    """A realistic row: Indonesian title/body, WIB publication time, AMP fetched URL."""
    url = f"https://news.{site}.com/berita/d-{7000000 + i}/{_TITLES[i % 5].lower().replace(' ', '-')[:40]}"
    body = body or f"Jakarta - {_TITLES[i % 5]}. Warga mengeluhkan kenaikan harga sejak pekan lalu (ke-{i}).\nRedaksi {site}."
    published = published or datetime(2026, 3, 1 + i % 28, 9, 30, tzinfo=WIB)
    return Article(
        url=url, site=site, title=_TITLES[i % 5], body=body, authors=["Andi Saputra", "Rina Wulandari"],
        published_at=published, published_at_text=f"Minggu, {published:%d %b %Y %H:%M} WIB", published_at_source="json-ld",
        modified_at=published + timedelta(hours=1), fetched_at=datetime(2026, 3, 30, 2, 0, tzinfo=timezone.utc),
        fetched_url=url + "/amp", aliases=[url + "/amp"], description="Ringkasan berita.", section="Berita",
        tags=["ekonomi", "harga pangan"], image_url=f"https://cdn.{site}.com/img/{i}.jpg", images=[], language="id",
        word_count=len(body.split()), pages=1, editor_codes=["rdp/imk"], content_hash=content_hash(body),
        article_id=article_id(url), version=version,
    )


def write_articles(root: Path, articles: list[Article], **kwargs: object) -> None:
    from archiver.storage.writer import ParquetArchiveWriter

    with ParquetArchiveWriter(root, **kwargs) as writer:  # type: ignore[arg-type]
        for article in articles:
            writer.write(article)


def write_older_file(root: Path, article: Article, version: int = 1) -> Path:
    """A file as archiver wrote it in schema ``version`` (1: no published_at_precision; 2: no WARC pointers)."""
    old = FILE_SCHEMAS[version]
    table = articles_to_table([article]).select(old.names).cast(old)
    folder = root / "articles" / f"site={article.site}" / f"month={article.published_at:%Y-%m}"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, folder / f"part-old{version}-00000.parquet")
    return folder / f"part-old{version}-00000.parquet"


def write_version_1_file(root: Path, article: Article) -> Path:
    """A file as archiver wrote it before schema version 2 (no published_at_precision)."""
    return write_older_file(root, article, 1)


def fetch_capture(url: str) -> tuple[str, int, list[tuple[str, str]], bytes]:
    """(url, status, headers, body) of one GET on a local test server, for building WARC files."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return url, response.status, list(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return url, exc.code, list(exc.headers.items()), exc.read()


def write_warc(path: Path, exchanges: list[tuple[str, int, list[tuple[str, str]], bytes]], *, truncate_last: int = 0,
               gzip: bool = True) -> Path:
    """A WARC file of response records (and a warcinfo record first), written with warcio as other archives do;
    ``truncate_last`` cuts that many bytes off the end (an interrupted download)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    for url, status, headers, body in exchanges:
        http = StatusAndHeaders(f"{status} X", [(k, v) for k, v in headers if k.lower() != "transfer-encoding"],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                      http_headers=http))
    data = buffer.getvalue()
    path.write_bytes(data[:len(data) - truncate_last] if truncate_last else data)
    return path


def demo_sites_file(server: DemoServer, folder: Path, *extraction_lines: str) -> Path:
    """The demo's site config pointed at ``server`` (site matching checks the port), plus ``[extraction]`` lines."""
    text = (ROOT / "archiver" / "sites" / "demo.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^base_url = .*$', f'base_url = "{server.base_url}"', text)
    path = folder / "demo-site.toml"
    path.write_text(text + "".join(f"{line}\n" for line in extraction_lines), encoding="utf-8")
    return path
