"""A run's limits, read once from the settings: ``--since`` and ``--max-articles``.

The spider applies them before downloading (sitemap and feed entries older
than ``since``; no article request past the budget) and again to what a page
turns out to be (an article reached through a section page counts against the
budget too); the extract pipeline applies ``since`` to the extracted
publication time, so "archive nothing published before" holds whatever path
found the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


def parse_since(text: str) -> datetime | None:
    """``ARCHIVER_SINCE`` as an aware instant (None when unset); ValueError when it is not a date."""
    from archiver.dates import parse_date

    if not text or not str(text).strip():
        return None
    parsed = parse_date(str(text))
    if parsed is None:
        raise ValueError(f"not a date: {text!r} (try 2026-11-20 or 2026-11-20T06:00+07:00)")
    return parsed


@dataclass(frozen=True)
class RunLimits:
    since: datetime | None = None
    max_articles: int = 0  # 0: no limit

    @classmethod
    def from_settings(cls, settings: Any) -> RunLimits:
        return cls(parse_since(settings.get("ARCHIVER_SINCE") or ""), settings.getint("ARCHIVER_MAX_ARTICLES"))

    def before_since(self, when: datetime | None) -> bool:
        """Published (or changed) before ``since``; an unknown time is never before it."""
        return self.since is not None and when is not None and when < self.since

    def spent(self, used: int) -> bool:
        """The article budget is used up after ``used`` articles."""
        return bool(self.max_articles) and used >= self.max_articles
