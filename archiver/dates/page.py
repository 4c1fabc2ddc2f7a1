"""Choose a page's publication and modification time from everything it states.

Why cross-checks instead of "first structured value wins": real pages disagree
with themselves.  detik's ``<meta name="pubdate">`` ends in ``Z`` but holds WIB
wall-clock time; some sites put only a date in their tags while the visible
dateline has the minute; sidebars and related-article lists carry other articles'
times, often before the body.  The chosen candidate's text is the reading its
instant came from, so a data team can audit it.

Sources (:mod:`archiver.dates.sources`), most reliable first: JSON-LD of article-typed
objects, meta tags, ``<time>`` (nearest the headline first), JSON-LD of other objects
(a video's uploadDate), stamps inside any script text (only when the tags gave no time,
and only if the dateline shows the same day), the visible dateline near the headline
(captions and image credits excluded; a labelled "Datum 28.04.2023" counts anywhere),
``data-*`` date attributes (last resort), the URL.  Nothing inside a list of links to
other articles is a candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import lxml.html

from archiver.dates.parse import DEFAULT_TZ, local_date_of
from archiver.dates.sources import (
    STRUCTURED,
    Candidate,
    PageContext,
    from_data_attrs,
    from_datelines,
    from_jsonld,
    from_meta,
    from_script_text,
    from_time_tags,
    from_url,
)
from archiver.page import PageMeta, parse_html


@dataclass(frozen=True)
class PageTimes:
    """A page's publication/modification instants (aware) and where they came from.

    ``published_at`` keeps the offset of the reading it came from (midnight local time for a
    date alone); ``published_at_precision`` says how much of it the page stated: "second",
    "minute" or "day" (then only :attr:`published_local_date` is meaningful).
    ``weekday_mismatch``: the chosen reading named a weekday its date does not fall on.
    """

    published_at: datetime | None
    published_at_text: str | None
    published_at_source: str | None  # json-ld | meta | time | script | dateline | data-attr | url
    modified_at: datetime | None
    published_at_precision: str | None = None  # second | minute | day
    weekday_mismatch: bool = False

    @property
    def published_local_date(self) -> date | None:
        """The publication's calendar date in the zone the page states (the month partition of a day-precision row)."""
        return local_date_of(self.published_at) if self.published_at else None


def find_page_times(doc: lxml.html.HtmlElement | str | bytes, *, meta: PageMeta | None = None,
                    url: str | None = None, tz: str = DEFAULT_TZ, now: datetime | None = None,
                    dateline: str | None = None) -> PageTimes:
    """Publication and modification time of one article page (see module docstring).

    ``doc`` is the parsed page (or its HTML); ``meta`` its metadata when already read;
    ``dateline`` a site's CSS selector of its visible dateline, read before any other.
    """
    root = doc if isinstance(doc, lxml.html.HtmlElement) else parse_html(doc)
    page = PageContext(root, meta if meta is not None else PageMeta(root), tz, now, dateline)
    cands: list[Candidate] = []
    cands += from_jsonld(page)
    cands += from_meta(page)
    cands += from_time_tags(page)
    if not _has_timed_published(cands):
        cands += from_script_text(page)  # only when the tags said nothing timed: scripts are big
    in_url = from_url(url, tz)
    if _dateline_can_matter(cands + in_url):
        cands += from_datelines(page)
        if not _has_timed_published(cands):
            cands += from_data_attrs(page)
    cands += in_url
    published = _choose_published(cands)
    modified = min((c for c in cands if c.field == "modified"), key=lambda c: c.rank, default=None)
    if published is None:
        return PageTimes(None, None, None, modified.parsed.value if modified else None)
    return PageTimes(
        published_at=published.parsed.value,
        published_at_text=published.text,
        published_at_source=published.source,
        modified_at=modified.parsed.value if modified else None,
        published_at_precision=published.parsed.precision,
        weekday_mismatch=published.parsed.weekday_mismatch,
    )


def _has_timed_published(cands: list[Candidate]) -> bool:
    return any(c.parsed.has_time and c.field == "published" for c in cands)


# --- selection -----------------------------------------------------------------------------------

def _published_by_rank(cands: list[Candidate]) -> list[Candidate]:
    return sorted((c for c in cands if c.field == "published"), key=lambda c: c.rank)


def _choose_published(cands: list[Candidate]) -> Candidate | None:
    """Most reliable source first, corrected by what the visible dateline says."""
    pub = _published_by_rank(cands)
    if not pub:
        return None
    lines = [c for c in pub if c.source == "dateline"]  # nearest the headline first
    # the nearest dateline's day, with the minute from the nearest timed line on that day
    datelines = [c for c in lines if c.parsed.has_time and _same_day(c, lines[0])]
    structured = [c for c in pub if c.source in STRUCTURED]
    if lines:  # a stamp found in script text may be another article's: the visible dateline's day decides
        structured = [c for c in structured if c.source != "script" or _same_day(c, lines[0])]
    timed = [c for c in structured if c.parsed.has_time]
    if timed:
        return _fix_fake_utc(timed[0], [c for c in lines if c.parsed.has_time and c.parsed.has_zone])
    if datelines and (not structured or _same_day(datelines[0], structured[0])):
        return datelines[0]
    if structured:
        return structured[0]
    if lines:
        # a date-only dateline takes the minute from a data-* attribute stating the same day
        attr = [c for c in pub if c.source == "data-attr" and _same_day(c, lines[0])]
        return attr[0] if attr else lines[0]
    return pub[0]


def _dateline_can_matter(cands: list[Candidate]) -> bool:
    """False when :func:`_choose_published` would ignore every dateline: the best timed tag
    states a non-UTC offset (so it is neither a script stamp to check against the visible day
    nor a fake ``Z``).  Scanning the visible text is then skipped; it costs more than the rest."""
    timed = [c for c in _published_by_rank(cands) if c.source in STRUCTURED and c.parsed.has_time]
    return not timed or timed[0].source == "script" or timed[0].parsed.value.utcoffset() == timedelta(0)


def _fix_fake_utc(best: Candidate, datelines: list[Candidate]) -> Candidate:
    """A ``Z``/UTC stamp equal to a visible wall-clock time *labelled* local (``10:08 WIB``) is local (detik).

    The dateline is then the reading the instant comes from, so it is what is returned: its
    text, source and precision (the stamp's seconds are dropped with its false zone).  Only
    datelines that state their zone count: a zone-less visible time may itself be UTC.
    """
    value = best.parsed.value
    if value.utcoffset() != timedelta(0):
        return best
    for line in datelines:
        local = line.parsed.value
        if local.utcoffset() != timedelta(0) and _wall_minute(local) == _wall_minute(value):
            return line
    return best


def _wall_minute(dt: datetime) -> tuple[int, int, int, int, int]:
    return (dt.year, dt.month, dt.day, dt.hour, dt.minute)


def _same_day(a: Candidate, b: Candidate) -> bool:
    return a.parsed.value.date() == b.parsed.value.date()
