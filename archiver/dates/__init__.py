"""Date normalisation for Indonesian news pages: one string, or a whole page.

Public API: :func:`parse_date` (one string -> aware datetime or None),
:func:`find_page_times` (a page -> :class:`PageTimes`), and
:func:`parse_date_report` / :func:`format_instant` for the ``archiver parse-date`` command.
Importable without Scrapy.
"""

from __future__ import annotations

from archiver.dates.page import PageTimes, find_page_times
from archiver.dates.parse import DEFAULT_TZ, parse_date, zone
from archiver.dates.report import format_instant, parse_date_report

__all__ = ["DEFAULT_TZ", "PageTimes", "find_page_times", "format_instant", "parse_date",
           "parse_date_report", "zone"]
