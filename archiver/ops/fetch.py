"""Ad-hoc single-page download for ``archiver fetch URL``: no reactor, nothing archived.

A plain blocking GET with the crawler's user agent, a timeout, a size cap
and a redirect limit; failures become :class:`FetchError` with a one-line
reason that the CLI prints before exiting non-zero.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import datetime, timezone
from email.message import Message

from archiver.analysis import extract_page
from archiver.blocking import block_reason
from archiver.extraction import NotAnArticle
from archiver.model import Article, FetchedPage
from archiver.navigation import names_another
from archiver.page import PageMeta, parse_html
from archiver.sites import SiteConfig

USER_AGENT = "archiver/0.1 (news archive; single fetch)"
MAX_BYTES = 16 * 1024 * 1024


class FetchError(RuntimeError):
    """The URL could not be fetched or holds no article (message: one line)."""


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def download(url: str, *, timeout: float = 30.0, max_bytes: int = MAX_BYTES) -> tuple[str, bytes, str | None]:
    """GET ``url``: (final URL, body, charset from Content-Type)."""
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            headers: Message = response.headers
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(f"too many redirects: {url}") from None
        reason = block_reason(exc.code, exc.read(20000) if exc.fp else b"")
        raise FetchError(f"HTTP {exc.code}{' (blocked)' if reason else ''}: {url}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot reach {url}: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise FetchError(f"cannot fetch {url}: {exc}") from None
    if len(body) > max_bytes:
        raise FetchError(f"response larger than {max_bytes} bytes: {url}")
    content_type = headers.get_content_type()
    if content_type not in ("text/html", "application/xhtml+xml"):
        raise FetchError(f"not an HTML page ({content_type}): {url}")
    return final, body, headers.get_content_charset()


def fetch_article(url: str, *, site: SiteConfig, timeout: float = 30.0) -> Article:
    """Download and extract one article: the row a crawl of ``url`` would store.

    A copy that names its original (an AMP page, a mirror path) leads to the
    original, as in a crawl; the copy's URL becomes one of its aliases.
    """
    fetched_at = datetime.now(timezone.utc)
    final, body, charset = _download_page(url, timeout)
    aliases = tuple(u for u in {url, final} if u != final)
    original = names_another(PageMeta(parse_html(body, charset)), final, site)
    if original is not None:
        aliases = tuple(sorted({*aliases, final}))
        final, body, charset = _download_page(original, timeout)
    page = FetchedPage(url=final, site=site, html=body, encoding=charset, fetched_at=fetched_at, aliases=aliases)
    try:
        return extract_page(page)
    except NotAnArticle as exc:
        raise FetchError(f"no article at {url}: {exc}") from None


def _download_page(url: str, timeout: float) -> tuple[str, bytes, str | None]:
    final, body, charset = download(url, timeout=timeout)
    reason = block_reason(200, body)
    if reason:
        raise FetchError(f"blocked ({reason}): {url}")
    return final, body, charset
