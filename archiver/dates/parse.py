"""Parse one date string as Indonesian (and English) news sites print it.

Why a module of its own: dateparser alone misreads or rejects many real datelines
(``Jum'at, 17 Februari 2017 - 13:30 wib``, ``Kompas.com - 24/05/2022, 14:32 WIB``,
``Maret 30, 2015``), treats zone-less times as UTC, and costs ~1 ms a call.  So every
string is first *normalised* (prefixes, weekdays, separators, month spellings, zone
abbreviations), then read by a regex fast path; dateparser only sees what the fast
path does not recognise.  Both paths read the same normalised string, so they agree.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Jakarta"

# Month spellings seen on Indonesian and English pages -> month number.
_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "januari january januar jan",
        "februari pebruari february februar feb peb",
        "maret march märz maerz mar mär",
        "april apr",
        "mei may mai",
        "juni june jun",
        "juli july jul",
        "agustus august agu agt ags aug",
        "september sept sep",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december dezember des dec dez",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num
_MONTH_EN = ["", "January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]

_ZONES = {"wib": "+07:00", "wita": "+08:00", "wit": "+09:00", "utc": "+00:00", "gmt": "+00:00", "z": "+00:00"}

_WEEKDAYS = (
    "senin selasa rabu kamis jum'at jumat sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday "
    "sen sel rab kam jum sab mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so"
)
# Words that carry no date information once the numbers are read: weekdays and "at"-like links.
_DROP_WORDS = frozenset(_WEEKDAYS.split()) | {"at", "pukul", "jam", "pkl", "uhr", "um", "on", "pada", "tanggal", "tgl"}
_PREFIX_RE = re.compile(
    r"^(?:(?:diperbarui|diterbitkan|dipublikasikan|diunggah|dipost|ditulis|terbit|tayang|"
    r"update[d]?|published|posted|last\s+updated|modified|dibuat|waktu|tanggal|"
    r"stand|aktualisiert|ver[öo]ffentlicht|erschienen|publiziert|erstellt)"
    r"(?:\s+(?:pada|on|at|am))?\s*:?\s*|[\w.-]+\.(?:com|co\.id|id|net|org|tv|news)\s*[-–—|:]\s*)+",
    re.I,
)
_DETIK_Z_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}) T(\d{2}:\d{2}(?::\d{2})?)Z$")
_SEPARATOR_CHARS = str.maketrans({c: " " for c in ",|()–—\u00a0"})
_DOTTED_TIME_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?:\.(\d{2}))?(?![\d.])(?=\s*(?:[ap]\.?m\b|[a-z+-]|$))", re.I)
_ISO_HINT_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_YEAR_RE = re.compile(r"\d{4}|(?<!\d)\d{1,2}[./]\d{1,2}[./]\d{2}(?!\d)")

_TIME = r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?:\s*(?P<ampm>[apAP])\.?[mM]\.?)?)?"
_ZONE = r"(?:\s*(?P<Z>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b))?"
_MONTH_NAMES = "|".join(_MONTH_EN[1:])
_FAST_RES = [
    re.compile(rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:[T\s]+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})"
               rf"(?::(?P<S>\d{{2}})(?:[.,]\d+)?)?)?{_ZONE}$"),
    re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\s+(?P<y>\d{{4}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<mon>{_MONTH_NAMES})\s+(?P<d>\d{{1,2}})\s+(?P<y>\d{{4}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<d>\d{{1,2}})([/.-])(?P<m>\d{{1,2}})\2(?P<y>\d{{4}}|\d{{2}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<y>\d{{4}})([/.])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}}){_TIME}{_ZONE}$"),
]

_REL_UNITS = {
    "detik": "seconds", "second": "seconds", "sec": "seconds",
    "menit": "minutes", "minute": "minutes", "min": "minutes", "mnt": "minutes",
    "jam": "hours", "hour": "hours", "hr": "hours",
    "hari": "days", "day": "days",
    "minggu": "weeks", "pekan": "weeks", "week": "weeks",
}
_REL_RE = re.compile(
    r"^(?P<n>\d+|se|satu|an?|one)\s*(?P<unit>detik|menit|mnt|jam|hari|minggu|pekan|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:yang\s+)?(?:lalu|ago)$",
    re.I,
)
_JUST_NOW_RE = re.compile(r"^(?:baru\s+saja|barusan|just\s+now|sekarang|now)$", re.I)
_DAY_WORD_RE = re.compile(r"^(?P<w>kemarin|yesterday|hari\s+ini|today)(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?$", re.I)


class Parsed(NamedTuple):
    """A parse result plus what the string actually stated (used by page-level cross-checks)."""

    value: datetime
    has_time: bool  # the string gave hours and minutes
    has_zone: bool  # the string gave an offset or zone abbreviation
    fast: bool  # read by the regex fast path


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


def normalise(text: str) -> str:
    """Rewrite a raw date string into one canonical shape both parsers read.

    Result: ``5 November 2015 14:56 +07:00`` style (English month names, no
    weekday, no separators, colon times, numeric offset) or the ISO form.
    """
    return _normalise_light(light_normalise(text))


def _normalise_light(s: str) -> str:
    if _ISO_HINT_RE.search(s):
        return s  # ISO-like: leave hyphens alone
    words = []
    for token in s.translate(_SEPARATOR_CHARS).split():
        low = token.lower().rstrip(".")
        if low in _DROP_WORDS or low == "-":
            continue
        if token[-1:] == "." and low.isdigit() and len(low) <= 2:
            token = low  # German/Nordic ordinal day: "28. April 2023"
        num = _MONTHS.get(low)
        if num:
            words.append(_MONTH_EN[num])
        elif low in _ZONES:
            words.append(_ZONES[low])
        elif low[-1:] == "z" and low[:-1].replace(":", "").isdigit():
            words += [token[:-1], "+00:00"]  # "10:08Z"
        else:
            words.append(token)
    s = " ".join(words)
    if "." in s:
        s = _DOTTED_TIME_RE.sub(lambda m: f"{m[1]}:{m[2]}" + (f":{m[3]}" if m[3] else ""), s)
    return s


def _offset(z: str | None, tz: str) -> tuple[tzinfo, bool]:
    if not z:
        return zone(tz), False
    return _fixed_offset(z), True


@lru_cache(maxsize=64)
def _fixed_offset(z: str) -> tzinfo:
    if z == "Z":
        return timezone.utc
    z = z.replace(":", "")
    sign, hh, mm = z[0], int(z[1:3]), int(z[3:5] or 0)
    delta = timedelta(hours=hh, minutes=mm)
    return timezone(-delta if sign == "-" else delta)


def fast_parse(norm: str, tz: str) -> Parsed | None:
    """Regex fast path on a normalised string; None when no known shape matches."""
    for rx in _FAST_RES:
        m = rx.match(norm)
        if m:
            return _build(m.groupdict(), tz)
    return None


def _build(g: dict[str, str | None], tz: str) -> Parsed | None:
    month = int(g["m"]) if g.get("m") else _MONTH_EN.index(g["mon"])  # type: ignore[arg-type]
    hour = int(g["H"] or 0)
    if g.get("ampm"):
        hour = hour % 12 + (12 if g["ampm"].lower() == "p" else 0)
    tzinfo, has_zone = _offset(g.get("Z"), tz)
    try:
        year = int(g["y"])  # type: ignore[arg-type]
        value = datetime(year + 2000 if year < 100 else year, month, int(g["d"]), hour, int(g["M"] or 0), int(g.get("S") or 0))  # type: ignore[arg-type]
    except ValueError:
        return None
    return Parsed(_localise(value, tzinfo), g["H"] is not None, has_zone, True)


def _localise(naive: datetime, tzinfo: tzinfo) -> datetime:
    return naive.replace(tzinfo=tzinfo)


def relative_parse(norm: str, now: datetime) -> Parsed | None:
    """``5 menit yang lalu``, ``kemarin``, ``2 hours ago``…, anchored at ``now`` (aware)."""
    if _JUST_NOW_RE.match(norm):
        return Parsed(now, True, True, True)
    m = _REL_RE.match(norm)
    if m:
        n = m["n"].lower()
        count = int(n) if n.isdigit() else 1
        unit = m["unit"].lower().rstrip("s") if not m["unit"].lower().startswith("detik") else "detik"
        key = _REL_UNITS.get(unit) or _REL_UNITS.get(m["unit"].lower())
        if key is None:
            return None
        return Parsed(now - timedelta(**{key: count}), True, True, True)
    m = _DAY_WORD_RE.match(norm)
    if m:
        days = 1 if m["w"].lower() in ("kemarin", "yesterday") else 0
        day = now - timedelta(days=days)
        if m["H"]:
            day = day.replace(hour=int(m["H"]), minute=int(m["M"]), second=0, microsecond=0)
        return Parsed(day, True, True, True)
    return None


def slow_parse(norm: str, tz: str, now: datetime, relative: bool = False) -> Parsed | None:
    """dateparser fallback: Indonesian first, then English, never filling from today."""
    import dateparser  # imported lazily: ~0.3 s import, rarely needed

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": True,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz,
        "RELATIVE_BASE": now.astimezone(zone(tz)).replace(tzinfo=None),
    }
    for lang in ("id", "en"):
        value = dateparser.parse(norm, languages=[lang], settings=settings)
        if value is not None and not relative and not _ZONED_RE.search(norm) and not _states_year_and_day(norm, value):
            return None  # dateparser filled the day or year from today ("18.07.2024 11.08 7 min")
        if value is not None and value.tzinfo is not None:
            has_time = bool(re.search(r"\d:\d\d|ago|lalu|kemarin|yesterday", norm, re.I))
            has_zone = bool(re.search(r"[+-]\d\d:?\d\d\b|\bZ\b", norm))
            return Parsed(value, has_time, has_zone, False)
    return None


def parse_detailed(text: str | None, *, now: datetime | None = None, tz: str = DEFAULT_TZ,
                   use_fast: bool = True, fallback: bool = True) -> Parsed | None:
    """Like :func:`parse_date` but also says whether time and zone were stated.

    ``use_fast=False`` forces dateparser (tests compare both paths); ``fallback=False``
    returns None instead of calling dateparser (page scans try the cheap reading first).
    """
    if not text or not text.strip() or len(text) > 200:
        return None
    light = light_normalise(text)
    if _RELATIVE_HINT_RE.search(light):
        anchor = _anchor(now, tz)
        # relative forms keep their words ("2 minggu lalu" is weeks, not Sunday); "sejam" -> "1 jam"
        light = _ONE_RE.sub("1 ", light)
        return relative_parse(light, anchor) if use_fast else slow_parse(light, tz, anchor, relative=True)
    norm = _normalise_light(light)
    if not _YEAR_RE.search(norm):
        return None  # no year: never guess it from today
    for rx in _FAST_RES:
        m = rx.match(norm)
        if m:
            # a known shape: the fast path's answer (None for 31 February) is final
            return _build(m.groupdict(), tz) if use_fast else slow_parse(norm, tz, _anchor(now, tz))
    return slow_parse(norm, tz, _anchor(now, tz)) if fallback else None


_ZONED_RE = re.compile(r"[+-]\d\d:?\d\d\b|\d[zZ]\b|\bZ\b|[A-Z]{3,4}\b")  # dateparser shifts these into tz


def _states_year_and_day(norm: str, value: datetime) -> bool:
    """The year (4 or 2 digits) and the day number both appear in the string."""
    digits = re.findall(r"\d+", norm)
    year_ok = str(value.year) in digits or f"{value.year % 100:02d}" in digits
    return year_ok and any(d.lstrip("0") == str(value.day) for d in digits)


_ONE_RE = re.compile(r"^(?:se(?=detik|menit|jam|hari|minggu|pekan)|satu\s+|an?\s+|one\s+)", re.I)
_RELATIVE_HINT_RE = re.compile(r"\b(?:lalu|ago|baru\s+saja|barusan|just\s+now|kemarin|yesterday|hari\s+ini|today)\b", re.I)


def light_normalise(text: str) -> str:
    """Whitespace and leading labels only ("Diperbarui", "Kompas.com -")."""
    s = " ".join(text.split())
    if " T" in s:
        s = _DETIK_Z_RE.sub(r"\1T\2", s)  # detik: "2015-11-05 T10:08:58Z" is WIB wall-clock
    return _PREFIX_RE.sub("", s).strip() if s and s[0].isalpha() else s


def _anchor(now: datetime | None, tz: str) -> datetime:
    if now is None:
        return datetime.now(zone(tz))
    if now.tzinfo is None:
        return now.replace(tzinfo=zone(tz))
    return now


def parse_date(text: str | None, *, now: datetime | None = None, tz: str = DEFAULT_TZ) -> datetime | None:
    """Parse an Indonesian/English date string into an aware datetime, or None.

    Zone-less strings are read in ``tz``; relative forms are anchored at ``now``
    (default: the current time).  Day, month and year are never filled from today.
    """
    hit = parse_detailed(text, now=now, tz=tz)
    return hit.value if hit else None
