"""What a response or a failed request means for the crawl: one counter name and one log line each.

The spider asks here for every response (blocked? an error page? empty? not HTML?) and every
failure (timeout, DNS, refused connection, redirect loop, robots.txt), so a cron log and
the run record name the same kinds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from scrapy.http import HtmlResponse, Response
from twisted.python.failure import Failure

from archiver.blocking import block_reason
from archiver.outcome import Stat


@dataclass(frozen=True, slots=True)
class Verdict:
    """A counter to add, and the line to log (``level`` from :mod:`logging`)."""

    stat: str
    level: int
    message: str


def unusable(response: Response, what: str) -> Verdict | None:
    """Why ``response`` carries nothing to read (``what``: "page", "sitemap", "feed"), or None."""
    reason = block_reason(response.status, response.body)
    if reason:
        return Verdict(Stat.blocked(reason), logging.WARNING, f"blocked ({reason}): {response.url}")
    if response.status >= 400:
        return Verdict(Stat.error(f"http_{response.status}"), logging.DEBUG, f"HTTP {response.status}: {response.url}")
    if not response.body.strip():
        return Verdict(Stat.error("empty"), logging.INFO, f"empty response: {response.url}")
    if what == "page" and not isinstance(response, HtmlResponse):
        kind = response.headers.get("Content-Type", b"?").decode(errors="replace")
        return Verdict(Stat.skipped("not_html"), logging.INFO, f"not HTML ({kind}): {response.url}")
    return None


def failed(failure: Failure) -> Verdict:
    """The counter and log line of a request that got no response."""
    url = failure.request.url  # type: ignore[attr-defined]
    message = failure.getErrorMessage()
    if "robots.txt" in message:
        return Verdict(Stat.skipped("robots_txt"), logging.INFO, f"skipped (robots.txt): {url}")
    kind = failure_kind(failure)
    return Verdict(Stat.error(kind), logging.WARNING, f"failed ({kind}): {url}: {message}")


def failure_kind(failure: Failure) -> str:
    """``timeout``, ``dns``, ``connection_refused``, ``redirect``, ``http_<status>``, else the error's name.

    Scrapy ≥ 2.13 wraps Twisted's errors in its own (``DownloadTimeoutError``…); both spellings count alike.
    """
    from scrapy import exceptions
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error

    kinds = (
        ("timeout", (error.TimeoutError, error.TCPTimedOutError, exceptions.DownloadTimeoutError)),
        ("dns", (error.DNSLookupError, exceptions.CannotResolveHostError)),
        ("connection_refused", (error.ConnectionRefusedError, exceptions.DownloadConnectionRefusedError)),
        ("data_loss", (exceptions.ResponseDataLossError,)),
    )
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    for kind, types in kinds:
        if failure.check(*types):
            return kind
    name = type(failure.value).__name__
    if "Redirect" in name or "redirect" in failure.getErrorMessage().lower():
        return "redirect"
    return name.lower()
