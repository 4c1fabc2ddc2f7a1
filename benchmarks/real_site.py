"""The real-page benchmark site: every corpus page under two URLs, served by Python's http.server.

Reproduces the case a user reported: the 460 real pages (Indonesian, AEB, fundus) written to a
folder as ``/a/<n>.html`` and ``/b/<n>.html``, with their ``<link rel=canonical>`` and ``og:url``
tags removed (so the mirror is recognised only after extraction, by its body), their relative
links made absolute to the page's original site (so they lead off-site and are not followed), and
one ``/sitemap.xml`` listing both URLs.  The server is ``http.server`` in a child process that
logs the wall-clock time of every request, which gives the crawler's start-up time (process start
to first request).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bench_site import corpus_files, sample

_SELF_URL_TAG = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical[^>]*>|<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url[^>]*>", re.I)
_RELATIVE = re.compile(rb"""([\s"'](?:href|src)\s*=\s*)(?:(["'])(?!https?:|//|#|mailto:|javascript:|data:|tel:)([^"']*)\2"""
                       rb"""|()(?![\s"'>]|https?:|//|#|mailto:|javascript:|data:|tel:)([^\s"'>]+))""", re.I)
_BASE_TAG = re.compile(rb"<base\b[^>]*>", re.I)

SERVER = r'''
import http.server, os, sys, time
log = open(sys.argv[3], "a", buffering=1)
GZIP = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != "-" else None  # the folder of the gzipped copies
class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass
    def send_head(self):
        log.write(f"{time.time():.6f} {self.path}\n")
        if GZIP and "gzip" in self.headers.get("Accept-Encoding", ""):
            path = self.translate_path(self.path)
            packed = os.path.join(GZIP, os.path.relpath(path, sys.argv[2])) + ".gz"
            if os.path.isfile(packed):  # as a news site's front end does: the page gzip-encoded
                handle = open(packed, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
                self.end_headers()
                return handle
        return super().send_head()
http.server.ThreadingHTTPServer.allow_reuse_address = True
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])),
                                         lambda *a: Handler(*a, directory=sys.argv[2]))
print(server.server_address[1], flush=True)
server.serve_forever()
'''


@dataclass
class RealSite:
    """The folder served, the distinct pages (as served under /a/), and the server's request log."""

    root: Path
    pages: list[bytes]
    log: Path
    fundus: int = 0  # the last ``fundus`` pages are the fundus set's (the per-page yardstick)

    @property
    def fundus_pages(self) -> list[bytes]:
        return self.pages[len(self.pages) - self.fundus:]


def offsite(html: bytes, original_url: str) -> bytes:
    """``html`` without the tags naming its own URL, and with relative links resolved against ``original_url``."""
    html = _SELF_URL_TAG.sub(b"", _BASE_TAG.sub(b"", html))

    def absolute(match: re.Match[bytes]) -> bytes:
        quote, link = (match.group(2), match.group(3)) if match.group(2) is not None else (b"", match.group(5))
        target = urljoin(original_url, link.decode("utf-8", "replace")).encode("utf-8")
        return match.group(1) + quote + target + quote

    return _RELATIVE.sub(absolute, html)


def build_real_site(corpus: Path, root: Path, base_url: str, limit: int | None = None, gzipped: bool = False) -> RealSite:
    """Write the served folder for ``base_url`` (``/a/<n>.html``, ``/b/<n>.html``, ``/sitemap.xml``);
    ``limit``: an evenly spaced sample of that many corpus pages (every set represented), not the first ones;
    ``gzipped``: each page also as ``<root>.gz/<folder>/<n>.html.gz`` (zlib level 6, outside the served folder, so
    no directory listing names it), which ``StaticServer(..., gzip=True)`` sends with ``Content-Encoding: gzip``
    to a client that accepts it."""
    (root / "a").mkdir(parents=True, exist_ok=True)
    (root / "b").mkdir(exist_ok=True)
    pages, locs = [], []
    for n, (html, url) in enumerate(sample(corpus_files(corpus), limit)):
        page = offsite(html, url or "https://www.example.org/")
        pages.append(page)
        for folder in ("a", "b"):
            (root / folder / f"{n}.html").write_bytes(page)
            if gzipped:
                packed = gzip_root(root) / folder / f"{n}.html.gz"
                packed.parent.mkdir(parents=True, exist_ok=True)
                packed.write_bytes(gzip.compress(page, 6, mtime=0))
            locs.append(f"<url><loc>{base_url}{folder}/{n}.html</loc></url>")
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                      + "".join(locs) + "</urlset>\n", encoding="utf-8")
    fundus = sum(1 for _ in (corpus / "fundus" / "test_data").rglob("*.html.gz"))
    return RealSite(root, pages, root.parent / "requests.log", fundus)


def gzip_root(root: Path) -> Path:
    """Where :func:`build_real_site` keeps the gzipped copies of ``root``'s pages."""
    return root.with_name(root.name + ".gz")


class StaticServer:
    """``http.server`` serving ``site.root`` in a child process; request times go to ``site.log``.

    ``gzip``: a page that has a ``.gz`` beside it is sent gzip-encoded when the client accepts it, as real
    news sites send their pages."""

    def __init__(self, site: RealSite, port: int, gzip: bool = False) -> None:
        self.site = site
        self.gzip = gzip
        self._proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(site.root), str(site.log),
                                       str(gzip_root(site.root)) if gzip else "-"],
                                      stdout=subprocess.PIPE, text=True)
        self.port = int(self._proc.stdout.readline())  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{self.port}/"

    def requests(self, since: float = 0.0) -> list[tuple[float, str]]:
        """(time, path) of every request at or after ``since`` (wall clock)."""
        rows = []
        for line in self.site.log.read_text().splitlines():
            stamp, _, path = line.partition(" ")
            if float(stamp) >= since:
                rows.append((float(stamp), path))
        return rows

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(10)


def wait_for(predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it holds or ``timeout`` seconds pass (bounded)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False
