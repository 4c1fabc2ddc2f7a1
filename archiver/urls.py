"""URL normalisation: one canonical form per article address.

The canonical form is what the archive stores in ``url`` and what the dedup
index keys on, so every component must go through :func:`canonical_url`.
courlan removes tracking parameters (utm_*, fbclid, gclid, …) and normalises
case, ports and query order; we add fragment removal and page-parameter
stripping for multi-page articles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# Parameters courlan keeps but that never change the article a URL names.
_EXTRA_TRACKERS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|_ga|_gl|mc_[ce]id|igshid|ref_src|rss|amp)$", re.I)
_DATED_PATH = re.compile(r"/(19|20)\d{2}[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(/|$)|/(19|20)\d{6}\d{0,6}[-/]|/d-\d{5,}/")


# Query parameters that select a page of a multi-page article or listing (``?page=2``, ``?page=all``).
# Not "p": WordPress names whole articles ``?p=123``, and stripping it would merge them all.
PAGE_PARAMS = frozenset({"page", "single", "showall", "show_all", "all", "hal", "halaman", "pg"})


def page_number(url: str) -> int | None:
    """The page a ``?page=N``-style parameter selects, or None when the query names none."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key in PAGE_PARAMS and value.isdigit():
            return int(value)
    return None


@lru_cache(maxsize=1 << 16)
def canonical_url(url: str) -> str:
    """Normalised URL without tracking parameters or fragment.

    Falls back to a light normalisation when courlan rejects the URL (it
    raises on some odd ports and hosts) so callers never need a try/except.
    Memoised: a crawl asks for the same URLs' forms over and over (sitemap
    entries, links repeated on every page, index lookups), and courlan's
    normalisation costs tens of microseconds.
    """
    url = url.strip()
    try:
        url = normalize_url(url)
    except (ValueError, AttributeError):
        pass
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _EXTRA_TRACKERS.match(k)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def article_url(url: str, page_params: Iterable[str] = ()) -> str:
    """The one URL of an article, whichever of its pages or forms was fetched:
    canonical, without ``PAGE_PARAMS`` (plus a site's own ``page_params``)."""
    return strip_query_params(canonical_url(url), PAGE_PARAMS | frozenset(page_params))


def strip_query_params(url: str, names: set[str] | frozenset[str]) -> str:
    """``url`` without the named query parameters (e.g. the page selector)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in names]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def with_query_param(url: str, name: str, value: str) -> str:
    """``url`` with query parameter ``name`` set to ``value`` (replacing any)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    query.append((name, value))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


# "scheme://user@host:port/…" or "//host/…" in ASCII with a plain host and nothing for urlsplit to clean or
# reject: the host read directly (a page's hundreds of links are tested for their site); the rest goes
# through urlsplit
_PLAIN_AUTHORITY = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#@\[\]\s]*@)?([^/?#:@\[\]\s]*)(?::\d*)?(?=[/?#]|\Z)")


def host_of(url: str) -> str:
    """Lower-case host name of ``url`` ("" when it has none or it is malformed, e.g. "http://[broken")."""
    plain = _PLAIN_AUTHORITY.match(url) if url.isascii() else None
    if plain:
        return plain.group(1).lower()
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def has_dated_path(url: str) -> bool:
    """True for article-shaped paths: /2024/05/03/…, /20240503…-…, detik's /d-1234567/."""
    return bool(_DATED_PATH.search(urlsplit(url).path))
