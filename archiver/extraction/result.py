"""Extraction outcomes as values: what crosses a process boundary instead of a raised exception.

:func:`archiver.extraction.extract_article` raises :class:`NotAnArticle` (the
documented API for scripts); the crawl's workers and backfills turn every
outcome into one of these, which always pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archiver.model import Article


class NotAnArticle(ValueError):
    """The page has no article body (listing, empty or challenge page)."""


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article, and what extraction noticed on the way (``"weekday_mismatch"``…), for the crawl to count.

    ``signature``: the body's near-duplicate signature (:func:`archiver.similarity.signature`) when the
    worker computed it (``signed``), so that the archive pipeline on the reactor thread does not.
    """

    article: Article
    notes: tuple[str, ...] = ()
    signature: Any = None
    signed: bool = False
    template_keys: Any = None  # archiver.extraction.template.PageKeys: what the site's template model needs


@dataclass(frozen=True, slots=True)
class Rejected:
    """Not an article: a listing, an empty or challenge page (the reason, one line)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Failed:
    """Extraction raised; ``error`` is the exception's repr."""

    error: str
