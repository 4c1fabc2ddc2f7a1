"""Log lines that name an article instead of dumping it.

Scrapy's default formatter prints the whole item (here: a page's HTML or an
article's body) on every scraped or dropped item.  A cron log should say
which URL was archived or skipped and why, in one line; duplicates are
routine, so they are INFO, not WARNING.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


def _describe(item: Any) -> str:
    url = getattr(item, "url", None)
    return f"{type(item).__name__} {url}" if url else type(item).__name__


class ArticleLogFormatter(LogFormatter):
    def scraped(self, item: Any, response: Any, spider: Any) -> dict[str, Any]:
        return {"level": logging.DEBUG, "msg": "Archived %(item)s", "args": {"item": _describe(item)}}

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict[str, Any]:
        level = getattr(logging, str(getattr(exception, "log_level", None) or "INFO").upper(), logging.INFO)
        return {"level": level, "msg": "Skipped: %(exception)s", "args": {"exception": exception}}

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict[str, Any]:
        return {"level": logging.ERROR, "msg": "Error processing %(item)s", "args": {"item": _describe(item)}}
