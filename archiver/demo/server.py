"""DemoServer: the demo news site on 127.0.0.1, for ``archiver demo`` and the tests.

:class:`SiteServer` is the HTTP plumbing every bundled fixture site shares (the demo,
the CMS-shaped sites of :mod:`archiver.demo.cms`): a background thread, one ``respond``
function of the path, and a log of every request so that tests can prove what a crawl
did *not* download (robots-disallowed paths, already archived articles on a re-crawl).
Demo articles can be added and updated while the server runs, which is how the
incremental-crawl tests simulate "tomorrow".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from zoneinfo import ZoneInfo

from archiver.demo import partner, routes
from archiver.demo.data import all_articles
from archiver.demo.model import ZONES, DemoArticle, make_article


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # drop idle keep-alive connections so threads do not pile up
    server: "_HTTPServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        site = self.server.site
        site._record(self.command, self.path)
        try:
            resp = site.respond(self.path)
        except Exception as exc:  # noqa: BLE001 - a bug in a page must not kill the connection silently
            resp = routes.Response(500, f"demo site error: {exc!r}".encode(), [("Content-Type", "text/plain")])
        self.send_response(resp.status)
        for name, value in resp.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if not head and resp.body:
            self.wfile.write(resp.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by design
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    site: "SiteServer"


class SiteServer:
    """One fixture site served from a background thread on ``host:port``.

    ``port=0`` picks a free port; use it as a context manager or call
    :meth:`start`/:meth:`stop`.  Subclasses answer :meth:`respond`.
    """

    name = "site"

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self._lock = threading.Lock()
        self._requests: list[tuple[str, str]] = []
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def respond(self, raw_path: str) -> routes.Response:
        """The response to a GET of ``raw_path`` (path plus query)."""
        raise NotImplementedError

    # -- lifecycle -------------------------------------------------------
    def start(self) -> Self:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self.host, self.port), _Handler)
        httpd.site = self
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"{self.name}-server-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (used by ``python -m archiver.demo``)."""
        self.start()
        assert self._thread is not None
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        finally:
            self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def url(self, path: str) -> str:
        """Absolute URL of a site path ('/rss' -> 'http://127.0.0.1:PORT/rss')."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    # -- request log -----------------------------------------------------
    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self._requests.append((method, path))

    @property
    def requests(self) -> list[tuple[str, str]]:
        """(method, path-with-query) of every request so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def count(self, match: str | Callable[[str], bool]) -> int:
        """Requests whose path starts with ``match`` (or for which ``match(path)`` is true)."""
        test = match if callable(match) else (lambda path: path.startswith(match))  # type: ignore[misc]
        return sum(1 for _, path in self.requests if test(path))

    def reset_requests(self) -> None:
        with self._lock:
            self._requests.clear()


class DemoServer(SiteServer):
    """The Warta Nusantara demo site.

    ``delay`` > 0 links a slow page from the homepage that answers after
    ``delay`` seconds (for timeout tests).
    """

    name = "demo"

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, delay: float = 0.0,
                 articles: list[DemoArticle] | None = None) -> None:
        super().__init__(host, port)
        self.delay = delay
        self._articles = sorted(articles if articles is not None else all_articles(),
                                key=lambda a: a.published_at, reverse=True)
        self._syndications = [partner.Syndication(a.id, 2.0, 9_000_000 + a.id) for a in self._articles
                              if "syndicated" in a.features]

    def respond(self, raw_path: str) -> routes.Response:
        return routes.respond(self, raw_path)

    @property
    def partner_base_url(self) -> str:
        """The partner site (:mod:`archiver.demo.partner`): this server under the host name ``localhost``."""
        return f"http://localhost:{self.port}/"

    # -- content ---------------------------------------------------------
    def articles(self) -> list[DemoArticle]:
        """The articles currently served, newest first (the ground truth after mutations)."""
        with self._lock:
            return list(self._articles)

    def article(self, slug: str) -> DemoArticle:
        for article in self.articles():
            if article.slug == slug or str(article.id) == slug:
                return article
        raise KeyError(slug)

    def partner_copies(self) -> list[DemoArticle]:
        """The partner site's copies of demo articles, newest first."""
        with self._lock:
            originals = {a.id: a for a in self._articles}
            syndications = list(self._syndications)
        headline = self._articles[-1].title
        copies = [partner.copy_of(originals[s.article_id], s, headline) for s in syndications if s.article_id in originals]
        return sorted(copies, key=lambda c: c.published_at, reverse=True)

    def syndicate(self, slug: str, hours: float) -> DemoArticle:
        """Have the partner site republish an article ``hours`` after it (negative: before, a wire copy found later)."""
        original = self.article(slug)
        with self._lock:
            number = 9_000_000 + original.id + 100_000 * len(self._syndications)
            self._syndications.append(partner.Syndication(original.id, hours, number))
        return next(c for c in self.partner_copies() if c.id == number)

    def add_article(self, record: DemoArticle | Mapping[str, Any]) -> DemoArticle:
        """Publish a new article; a mapping takes ``make_article`` arguments.

        In a mapping, ``id`` defaults to a fresh one and ``when`` to now (in the
        article's zone), so ``add_article({"section": ..., "title": ..., "authors": ...,
        "paragraphs": [...]})`` is enough.
        """
        if not isinstance(record, DemoArticle):
            fields = dict(record)
            zone = str(fields.get("zone", "WIB"))
            fields.setdefault("when", datetime.now(ZoneInfo(ZONES[zone])).strftime("%Y-%m-%d %H:%M"))
            with self._lock:
                fields.setdefault("id", max(a.id for a in self._articles) + 1)
            record = make_article(**fields)
        with self._lock:
            if any(a.id == record.id or a.slug == record.slug for a in self._articles):
                raise ValueError(f"an article with id {record.id} or slug {record.slug!r} exists")
            self._articles.append(record)
            self._articles.sort(key=lambda a: a.published_at, reverse=True)
        return record

    def update_article(self, slug: str, **changes: Any) -> DemoArticle:
        """Edit an article in place and bump its modification time.

        ``modified_at`` defaults to now; it is always made later than the
        previous ``lastmod`` so a crawler comparing times sees the change.
        """
        with self._lock:
            index = next((i for i, a in enumerate(self._articles) if a.slug == slug or str(a.id) == slug), None)
            if index is None:
                raise KeyError(slug)
            old = self._articles[index]
            tz = ZoneInfo(ZONES[old.zone])
            modified = changes.pop("modified_at", None) or datetime.now(tz).replace(microsecond=0)
            if modified <= old.last_changed:
                modified = old.last_changed + timedelta(minutes=1)
            for key in ("paragraphs", "tags", "authors", "editor_codes"):
                if key in changes:
                    changes[key] = tuple(changes[key])
            new = old.replace(modified_at=modified.astimezone(tz), **changes)
            if new.path != old.path:
                raise ValueError("an update must not move the article (published_at, id and slug are fixed)")
            self._articles[index] = new
            return new

    def find(self, path: str) -> DemoArticle | None:
        """The article whose canonical path is ``path`` (no query)."""
        match = re.fullmatch(r"/berita/\d{4}/\d{2}/\d{2}/(\d+)/[a-z0-9-]+", path)
        if not match:
            return None
        return next((a for a in self.articles() if a.path == path), None)
