"""A site that answers with 403 or a JavaScript challenge is reported as blocked, never archived."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from archiver.ops.runs import load_runs

CHALLENGE = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><div id="cf-wrapper">Checking your browser before accessing the site.</div>
<script>window._cf_chl_opt={cvId:'3'};</script></body></html>"""


class ChallengeHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        status = 404 if self.path == "/robots.txt" else (403 if self.path.startswith("/kanal") else 200)
        body = b"" if status == 404 else CHALLENGE
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def blocking_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ChallengeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_blocked_site_is_reported_and_nothing_archived(blocking_site: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archiver.cli", "crawl", blocking_site, "--archive", str(tmp_path),
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]  # the only site failed
    assert "BLOCKED" in result.stdout  # the summary goes to stdout
    (run,) = load_runs(tmp_path)
    (site,) = run["sites"]
    assert site["blocked"].get("challenge", 0) >= 1
    assert site["articles_new"] == 0
    assert not list(tmp_path.glob("articles/**/*.parquet"))


@pytest.mark.slow
def test_real_news_pages_are_never_taken_for_blocks() -> None:
    import gzip

    from archiver.blocking import block_reason
    from conftest import CORPUS

    pages = sorted(CORPUS.glob("**/*.html.gz"))
    if not pages:
        pytest.skip(f"corpus not found at {CORPUS}")
    flagged = [p.name for p in pages if block_reason(200, gzip.decompress(p.read_bytes()))]
    assert flagged == []
