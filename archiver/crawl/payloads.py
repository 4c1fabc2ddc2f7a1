"""Byte-identical pages under several URLs: analysed once per run.

Sites serve one page under many URLs (tracking parameters, mirror paths,
``http``/``https``, a print view without a canonical tag).  Parsing, judging and
extracting a copy costs a worker as much as the first download and always ends
the same way: the pipeline finds the same body and records an alias.  So the
spider remembers, per site, the digest of each page body it analysed and what
the page was (an article at its URL, or a copy of a canonical URL); a later
response with the same bytes becomes an alias of that article at once.  A
response that arrives while the first copy is still being analysed waits for
that analysis rather than starting its own.

Only article verdicts are reused: a listing is analysed at each URL, since its
relative links resolve against the URL it was fetched from.  The memory holds
``max_pages`` digests (oldest forgotten first), a few dozen bytes each.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from typing import Awaitable, Callable

from archiver.navigation import ArticlePage, CopyOf, PageKind

DEFAULT_MAX_PAGES = 100_000


def _original(kind: PageKind | None, url: str) -> str | None:
    """The URL a byte-identical copy of this page is an alias of (None: analyse every copy)."""
    if isinstance(kind, CopyOf):
        return kind.canonical
    if isinstance(kind, ArticlePage) and not kind.next_page:  # a multi-page article is followed from each copy
        return url
    return None


class PayloadMemory:
    """Per-site digests of analysed page bodies and the article URL each one turned out to be."""

    def __init__(self, max_pages: int = DEFAULT_MAX_PAGES) -> None:
        self.max_pages = max_pages
        self._seen: OrderedDict[tuple[str, bytes], asyncio.Future[str | None]] = OrderedDict()

    @staticmethod
    def digest(body: bytes) -> bytes:
        # SHA-256 runs on the CPU's SHA extensions: 0.25 ms for a 250 KB page against BLAKE2b's 0.54, on the
        # reactor thread for every response
        return hashlib.sha256(body).digest()[:16]

    async def analyse(self, site: str, url: str, body: bytes,
                      analyse: Callable[[], Awaitable[PageKind | None]]) -> tuple[PageKind | None, str | None]:
        """``(kind, None)`` from ``analyse()``, or ``(None, original)`` when the same bytes were
        already analysed this run at another URL and turned out to be the article at ``original``."""
        key = (site, self.digest(body))
        earlier = self._seen.get(key)
        if earlier is not None:
            original = await asyncio.shield(earlier)
            if original is not None and original != url:
                return None, original
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._remember(key, future)
        kind: PageKind | None = None
        try:
            kind = await analyse()
        finally:
            future.set_result(_original(kind, url))
        return kind, None

    def _remember(self, key: tuple[str, bytes], future: asyncio.Future[str | None]) -> None:
        self._seen[key] = future
        self._seen.move_to_end(key)
        while len(self._seen) > self.max_pages:
            self._seen.popitem(last=False)
