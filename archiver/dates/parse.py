"""Parse one date string as Indonesian (and English) news sites print it.

Why a module of its own: dateparser alone misreads or rejects many real datelines
(``Jum'at, 17 Februari 2017 - 13:30 wib``, ``Kompas.com - 24/05/2022, 14:32 WIB``,
``Maret 30, 2015``), treats zone-less times as UTC, and costs 1-5 ms a call (over 100 ms
for the first English string a process reads).  So every string is normalised and matched
against the shapes of :mod:`archiver.dates.shapes`; dateparser only sees what no shape
reads, and only when that is a short string of date words (:func:`_fallback_allowed`),
once per distinct string.  Both paths read the same normalised string, so they agree.

What a reading states travels with it (:class:`Parsed`).  ``precision`` is "second" or
"minute" when the string gives them and "day" for a date alone: the instant is then
midnight in the string's zone, a placeholder, so take its calendar date with
:func:`local_date_of`, never from UTC.  Relative forms are anchored at ``now`` and are
only as precise as their unit: seconds and minutes keep theirs, hours and coarser units
(and "kemarin" without a clock time) are "day".  ``weekday_mismatch``: the string names a
weekday its date does not fall on; the date is kept (pages get weekdays wrong more often
than dates) and the contradiction is logged once per string.
"""

from __future__ import annotations

import calendar
import logging
import re
import time
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from archiver.dates.relative import RELATIVE_HINT_RE, Relative, match_relative, strip_place
from archiver.dates.shapes import (
    MONTH_EN,
    NAMED_ZONES,
    expand_year,
    has_year,
    light_normalise,
    match_absolute,
    normalise_light,
    strip_labels,
)

__all__ = ["DEFAULT_TZ", "Parsed", "Precision", "light_normalise", "local_date_of", "parse_date",
           "parse_date_detailed", "parse_detailed", "slow_parse", "warm_fallback", "zone"]

log = logging.getLogger("archiver.dates")
DEFAULT_TZ = "Asia/Jakarta"
Precision = Literal["second", "minute", "day"]


class Parsed(NamedTuple):
    """A parse result plus what the string actually stated (page-level cross-checks and the schema use it)."""

    value: datetime
    has_time: bool  # the string gave hours and minutes (relative forms count as timed)
    has_zone: bool  # the string gave an offset or zone abbreviation (relative forms: anchored at an aware now)
    fast: bool  # read by the regex fast path
    precision: str  # Precision: "second" | "minute" | "day"
    weekday_mismatch: bool = False  # the string named a weekday its date does not fall on
    relative: bool = False  # anchored at ``now`` ("2 jam lalu"), so approximate


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """A tzinfo for an IANA name or a fixed offset such as ``+07:00`` / ``UTC+02:00``."""
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?", name.strip(), re.I)
    if m:
        delta = timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
        return timezone(-delta if m[1] == "-" else delta)
    if name.upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    return ZoneInfo(name)


@lru_cache(maxsize=64)
def _fixed_offset(z: str) -> tzinfo:
    if z == "Z":
        return timezone.utc
    z = z.replace(":", "")
    sign, hh, mm = z[0], int(z[1:3]), int(z[3:5] or 0)
    delta = timedelta(hours=hh, minutes=mm)
    return timezone(-delta if sign == "-" else delta)


def _build(g: dict[str, str | None], tz: str, weekday: int | None) -> Parsed | None:
    month = int(g["m"]) if g.get("m") else MONTH_EN.index(g["mon"])  # type: ignore[arg-type]
    hour = int(g["H"] or 0)
    if g.get("ampm"):
        hour = hour % 12 + (12 if g["ampm"].lower() == "p" else 0)  # type: ignore[union-attr]
    tzinfo = _fixed_offset(g["Z"]) if g.get("Z") else zone(tz)
    try:
        value = datetime(expand_year(int(g["y"])), month, int(g["d"]), hour, int(g["M"] or 0),  # type: ignore[arg-type]
                         int(g.get("S") or 0), tzinfo=tzinfo)
    except ValueError:
        return None
    precision = "second" if g.get("S") else "minute" if g["H"] is not None else "day"
    return Parsed(value, g["H"] is not None, bool(g.get("Z")), True, precision, _contradicts(value, weekday))


def _contradicts(value: datetime, weekday: int | None) -> bool:
    return weekday is not None and value.weekday() != weekday


def _relative(rel: Relative, now: datetime) -> Parsed | None:
    """A relative form anchored at ``now`` (aware)."""
    precision = _relative_precision(rel)
    if rel.kind == "now":
        return Parsed(now, True, True, True, precision, relative=True)
    if rel.kind == "ago":
        if rel.unit in ("months", "years"):
            value = _months_back(now, rel.count * (12 if rel.unit == "years" else 1))
        else:
            value = now - timedelta(**{rel.unit: rel.count})
        return Parsed(value, True, True, True, precision, relative=True)
    day = now - timedelta(days=rel.days)
    if rel.hour is not None:
        if rel.zone:
            day = day.astimezone(_fixed_offset(rel.zone))
        try:
            day = day.replace(hour=rel.hour, minute=rel.minute or 0, second=0, microsecond=0)
        except ValueError:
            return None
    return Parsed(day, True, True, True, precision, relative=True)


def _relative_precision(rel: Relative) -> str:
    if rel.kind == "now" or rel.unit == "minutes" or rel.hour is not None:
        return "minute"
    return "second" if rel.unit == "seconds" else "day"


def _months_back(now: datetime, months: int) -> datetime:
    year, month0 = divmod(now.year * 12 + now.month - 1 - months, 12)
    return now.replace(year=year, month=month0 + 1, day=min(now.day, calendar.monthrange(year, month0 + 1)[1]))


# --- dateparser fallback -----------------------------------------------------------------------

_FALLBACK_MAX_CHARS = 48
_FALLBACK_MAX_TOKENS = 8
_FALLBACK_WORDS = frozenset(m.lower() for m in MONTH_EN[1:])
_AMPM_TOKEN = re.compile(r"(?:\d{1,2}(?::\d{2})?)?[ap]\.?m\.?", re.I)
_ZONE_TOKEN = re.compile(r"[A-Z]{2,5}")
_SECONDS_RE = re.compile(r"\d:\d\d:\d\d")
_CLOCK_RE = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b", re.I)
_FIXED_BASE = datetime(2000, 1, 1, tzinfo=timezone.utc)  # absolute readings never use it: see _states_date


def _fallback_allowed(norm: str) -> bool:
    """Only a short string of numbers, month names, am/pm and zone abbreviations goes to dateparser.

    dateparser's cost grows with the tokens it tries in every language and locale form;
    anything with another word (a headline, "Lesezeit 5 Min.", an Italian month) is a
    string it would search through only to give up, so it is refused here in microseconds.
    """
    tokens = norm.split()
    if len(norm) > _FALLBACK_MAX_CHARS or len(tokens) > _FALLBACK_MAX_TOKENS:
        return False
    for token in tokens:
        if not any(ch.isalpha() for ch in token):
            if sum(ch.isdigit() for ch in token) > 8:
                return False  # epoch stamps and ids are not dates
            continue
        if not (token.lower() in _FALLBACK_WORDS or token in NAMED_ZONES or _ZONE_TOKEN.fullmatch(token)
                or _AMPM_TOKEN.fullmatch(token)):
            return False
    return True


@lru_cache(maxsize=2048)
def _fallback(norm: str, tz: str, weekday: int | None) -> Parsed | None:
    """dateparser on a string no shape reads, once per (string, zone); each call is logged with its cost."""
    start = time.perf_counter()
    hit = slow_parse(norm, tz, _FIXED_BASE, weekday=weekday)
    log.debug("date fallback: dateparser read %r in %.1f ms -> %s", norm, (time.perf_counter() - start) * 1000,
              hit.value.isoformat() if hit else None)
    return hit


def slow_parse(norm: str, tz: str, now: datetime, relative: bool = False, weekday: int | None = None) -> Parsed | None:
    """dateparser on a normalised string, never filling the day, month or year from ``now``.

    English only for absolute strings (the normaliser has already put every month in English);
    Indonesian first for relative ones.  No ``TIMEZONE`` setting: a zoned string keeps its
    own offset and a zone-less one is read in ``tz`` here (that setting also costs a scan of
    every zone name on first use).
    """
    import dateparser  # imported lazily: ~0.3 s import, rarely needed

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True,
                "RELATIVE_BASE": now.astimezone(zone(tz)).replace(tzinfo=None)}
    for lang in ("id", "en") if relative else ("en",):
        value = dateparser.parse(norm, languages=[lang], settings=settings)
        if value is None:
            continue
        if not relative and not _states_date(norm, value):
            return None  # dateparser filled the day, month or year from today ("18.07.2024 11.08 7 min")
        offset = value.utcoffset() if value.tzinfo is not None else None
        value = value.replace(tzinfo=timezone(offset) if offset is not None else zone(tz))
        precision = "second" if _SECONDS_RE.search(norm) else "minute" if _CLOCK_RE.search(norm) else "day"
        has_time = relative or precision != "day"
        return Parsed(value, has_time, offset is not None, False, precision, _contradicts(value, weekday))
    return None


def _states_date(norm: str, value: datetime) -> bool:
    """The year (4 or 2 digits), the month (name or number) and the day number all appear in the string."""
    raw = re.findall(r"\d+", norm)
    numbers = {d.lstrip("0") or "0" for d in raw}
    year_ok = str(value.year) in raw or f"{value.year % 100:02d}" in raw
    month_ok = MONTH_EN[value.month] in norm or str(value.month) in numbers
    return year_ok and month_ok and str(value.day) in numbers


def warm_fallback() -> None:
    """Load dateparser and its English data once (~0.3 s): call it where workers fork, so no page pays it."""
    slow_parse("1 January 2020 10:00", DEFAULT_TZ, _FIXED_BASE)


@lru_cache(maxsize=4096)
def _log_once(what: str, text: str, detail: str = "") -> None:
    if what == "weekday":
        log.info("date string names the wrong weekday (the date is kept): %r is a %s", text, detail)
    else:
        log.debug("date string not read: %r (no known shape, not sent to dateparser)", text)


# --- entry points --------------------------------------------------------------------------------

_ONE_RE = re.compile(r"^(?:se(?=detik|menit|jam|hari|minggu|pekan|bulan|tahun)|satu\s+|an?\s+|one\s+)", re.I)


def parse_detailed(text: str | None, *, now: datetime | None = None, tz: str = DEFAULT_TZ,
                   use_fast: bool = True, fallback: bool = True) -> Parsed | None:
    """Like :func:`parse_date` but also says what the string stated (see :class:`Parsed`).

    ``use_fast=False`` forces dateparser (tests compare both paths); ``fallback=False``
    returns None instead of calling dateparser (page scans try the cheap reading first).
    """
    if not text or not text.strip() or len(text) > 200:
        return None
    light, labelled = strip_labels(text)
    if RELATIVE_HINT_RE.search(light):
        rel = match_relative(light, labelled)
        if rel is not None:
            anchor = _anchor(now, tz)
            if use_fast:
                return _relative(rel, anchor)
            # relative forms keep their words ("2 minggu lalu" is weeks, not Sunday); "sejam" -> "1 jam"
            slow = slow_parse(_ONE_RE.sub("1 ", rel.phrase), tz, anchor, relative=True)
            return slow._replace(precision=_relative_precision(rel), relative=True) if slow else None
    norm, weekday = normalise_light(light)
    if not has_year(norm):
        return None  # no year: never guess it from today
    fields = match_absolute(norm)
    if fields is None and (placeless := strip_place(light, labelled)) is not None:
        norm, weekday = normalise_light(placeless)
        fields = match_absolute(norm)
    if fields is not None:
        # a known shape: the fast path's answer (None for 31 February) is final
        hit = _build(fields, tz, weekday) if use_fast else slow_parse(norm, tz, _anchor(now, tz), weekday=weekday)
    elif not fallback:
        return None
    elif not use_fast:
        hit = slow_parse(norm, tz, _anchor(now, tz), weekday=weekday)
    elif _fallback_allowed(norm):
        hit = _fallback(norm, tz, weekday)
    else:
        _log_once("refused", norm)
        return None
    if hit is not None and hit.weekday_mismatch:
        _log_once("weekday", text, hit.value.strftime("%A"))
    return hit


def _anchor(now: datetime | None, tz: str) -> datetime:
    if now is None:
        return datetime.now(zone(tz))
    if now.tzinfo is None:
        return now.replace(tzinfo=zone(tz))
    return now


def parse_date_detailed(text: str | None, *, now: datetime | None = None, tz: str = DEFAULT_TZ) -> Parsed | None:
    """:func:`parse_date` plus what the string stated: ``precision``, zone, weekday contradiction, relative."""
    return parse_detailed(text, now=now, tz=tz)


def parse_date(text: str | None, *, now: datetime | None = None, tz: str = DEFAULT_TZ) -> datetime | None:
    """Parse an Indonesian/English date string into an aware datetime, or None.

    Zone-less strings are read in ``tz``; relative forms are anchored at ``now``
    (default: the current time).  Day, month and year are never filled from today.
    The value keeps the string's own offset (``… WITA`` -> +08:00).
    """
    hit = parse_detailed(text, now=now, tz=tz)
    return hit.value if hit else None


def local_date_of(value: datetime, tz: str | None = None) -> date:
    """The calendar date a reading names, in its own zone (or in ``tz`` when given).

    A day-precision reading is midnight local time, which is the previous day in UTC east
    of Greenwich (``01/06/2022`` WIB is 2022-05-31T17:00Z): partition such rows by this date.
    """
    if value.tzinfo is None:
        raise ValueError("local_date_of needs an aware datetime")
    return (value.astimezone(zone(tz)) if tz else value).date()
