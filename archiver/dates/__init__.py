"""Date normalisation for Indonesian news pages: one string, or a whole page.

Public API: :func:`parse_date` (one string -> aware datetime or None),
:func:`parse_date_detailed` (the same plus precision, zone, weekday contradiction),
:func:`local_date_of` (a reading's calendar date in its own zone),
:func:`find_page_times` (a page -> :class:`PageTimes`), and
:func:`parse_date_report` / :func:`format_instant` for the ``archiver parse-date`` command.
Importable without Scrapy.
"""

from __future__ import annotations

from archiver.dates.page import PageTimes, find_page_times
from archiver.dates.parse import DEFAULT_TZ, Parsed, local_date_of, parse_date, parse_date_detailed, warm_fallback, zone
from archiver.dates.report import format_instant, parse_date_report

__all__ = ["DEFAULT_TZ", "PageTimes", "Parsed", "find_page_times", "format_instant", "local_date_of", "parse_date",
           "parse_date_detailed", "parse_date_report", "warm_fallback", "zone"]
