"""Absolute date strings as pages print them: normalise one raw string, then recognise its shape.

Why text in and fields out (no datetimes here): the shapes are what grows with every
site met, and keeping them apart from instants and zones keeps each one a table row
to test.  :mod:`archiver.dates.parse` turns the fields into an instant.

Relative forms ("2 jam lalu") are read in :mod:`archiver.dates.relative`.
Normalised form: ``5 November 2015 14:56 +07:00`` (English month names, no weekday,
no separators, colon times, numeric offsets, a leading time moved to the end) or ISO.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Month spellings seen on Indonesian and English (and German) pages -> month number.
MONTHS: dict[str, int] = {}
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
        MONTHS[_name] = _num
MONTH_EN = ["", "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"]

# Zones in any case ("wib"); the named ones below only in capitals, and only those with one
# common meaning (IST, CST and AST are left to dateparser, which picks one of theirs).
ZONES = {"wib": "+07:00", "wita": "+08:00", "wit": "+09:00", "utc": "+00:00", "gmt": "+00:00", "z": "+00:00"}
NAMED_ZONES = {
    "EST": "-05:00", "EDT": "-04:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00",
    "PDT": "-07:00", "AKST": "-09:00", "AKDT": "-08:00", "HST": "-10:00", "WET": "+00:00", "WEST": "+01:00",
    "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00", "MEZ": "+01:00", "MESZ": "+02:00", "EET": "+02:00",
    "EEST": "+03:00", "MSK": "+03:00", "SAST": "+02:00", "ICT": "+07:00", "SGT": "+08:00", "MYT": "+08:00",
    "HKT": "+08:00", "PHT": "+08:00", "AWST": "+08:00", "JST": "+09:00", "KST": "+09:00", "ACST": "+09:30",
    "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00",
}

# Weekday names that say which day they mean (0 = Monday).  The German two-letter forms
# (mo di mi do fr sa so) are dropped too but never trusted: "di" is also Indonesian "in".
WEEKDAYS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "senin sen monday mon montag",
        "selasa sel tuesday tue tues dienstag",
        "rabu rab wednesday wed mittwoch",
        "kamis kam thursday thu thur thurs donnerstag",
        "jumat jum'at jum’at jum friday fri freitag",
        "sabtu sab saturday sat samstag",
        "minggu ahad sunday sun sonntag",
    ]
):
    for _name in _names.split():
        WEEKDAYS[_name] = _num
# Words that carry no date information once the numbers are read: weekdays and "at"-like links.
_DROP_WORDS = frozenset(WEEKDAYS) | {"mo", "di", "mi", "do", "fr", "sa", "so", "at", "pukul", "jam", "pkl",
                                     "uhr", "um", "on", "pada", "tanggal", "tgl", "of", "the"}
_PREFIX_RE = re.compile(
    r"^(?:(?:diperbarui|diterbitkan|dipublikasikan|diunggah|dipost|ditulis|terbit|tayang|"
    r"update[d]?|published|posted|last\s+updated|modified|dibuat|waktu|tanggal|"
    r"stand|aktualisiert|ver[öo]ffentlicht|erschienen|publiziert|erstellt)"
    r"(?:\s+(?:pada|on|at|am))?\s*:?\s*|[\w.-]+\.(?:com|co\.id|id|net|org|tv|news)\s*[-–—|:]\s*)+",
    re.I,
)
_DETIK_Z_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}) T(\d{2}:\d{2}(?::\d{2})?)Z$")
_HYPHEN_TIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T|UTC|GMT)(\d{2})[-:](\d{2})(?:[-:](\d{2}))?(?=(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?$)")
_SEPARATOR_CHARS = str.maketrans({c: " " for c in ",|()–—•·@\u00a0"})
_DOTTED_TIME_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?:\.(\d{2}))?(?![\d.])(?=\s*(?:[ap]\.?m\b|[a-z+-]|$))", re.I)
_ISO_HINT_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_YEAR_RE = re.compile(r"\d{4}|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
_ORDINAL_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.I)
_GMT_OFFSET_RE = re.compile(r"^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)
_ZONE_NAME_RE = re.compile(r"\s*\(?\b(?:[A-Z][a-z]+\s+){1,4}(?:Time|Zeit)\)?$")  # "(Coordinated Universal Time)"
# A month name between a day and a year written as one token, or a year with an apostrophe:
# "01-Jan-15", "8-mei-2011", "24/Mei/2022", "24 Mei '22"; a bare two-digit year only before a time.
_WORD = r"([^\W\d_]{3,10})\.?"
_JOINED_RE = re.compile(rf"(?<![\w.])(\d{{1,2}})([-/.]){_WORD}\2(\d{{4}}|\d{{2}})(?![\w:])")
_APOSTROPHE_RE = re.compile(rf"(?<![\w.])(\d{{1,2}})\s+{_WORD},?\s+['’](\d{{2}})(?!\w)")
_YY_BEFORE_TIME_RE = re.compile(rf"(?<![\w.])(\d{{1,2}})\s+{_WORD},?\s+(\d{{2}})(?=,?\s+\d{{1,2}}[:.]\d{{2}})")
_JOINED_HINT_RE = re.compile(r"\d[-/.][^\W\d_]")
_WORD_DATE_HINT_RE = re.compile(r"(?P<joined>\d[-/.][^\W\d_])|['’]\d|(?<![\d:.])\d\d,?\s+\d{1,2}[:.]\d")
_YY_HINT_RE = re.compile(r"(?<![\d:.])\d\d,?\s+\d{1,2}[:.]\d")
_LEADING_TIME_RE = re.compile(r"^(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[+-]\d{2}:\d{2})?)\s+(?=\S)(.*\D.*)$", re.I)

_TIME = r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?:\s*(?P<ampm>[apAP])\.?[mM]\.?)?)?"
_ZONE = r"(?:\s*(?P<Z>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b))?"
_MONTH_NAMES = "|".join(MONTH_EN[1:])
_FAST_RES = [
    re.compile(rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:[T\s]+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})"
               rf"(?::(?P<S>\d{{2}})(?:[.,]\d+)?)?)?{_ZONE}$"),
    re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\s+(?P<y>\d{{4}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<mon>{_MONTH_NAMES})\s+(?P<d>\d{{1,2}})\s+(?P<y>\d{{4}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<d>\d{{1,2}})([/.-])(?P<m>\d{{1,2}})\2(?P<y>\d{{4}}|\d{{2}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<y>\d{{4}})([/.])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}}){_TIME}{_ZONE}$"),
    # spaced numbers, day first as Indonesian pages write them: "28 4 2021 4:56"; or year first
    re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<m>\d{{1,2}})\s+(?P<y>\d{{4}}){_TIME}{_ZONE}$"),
    re.compile(rf"^(?P<y>\d{{4}})\s+(?P<m>\d{{1,2}})\s+(?P<d>\d{{1,2}}){_TIME}{_ZONE}$"),
    # Unix date(1) / JavaScript order: "September 02 01:11:35 EDT 2024"
    re.compile(rf"^(?P<mon>{_MONTH_NAMES})\s+(?P<d>\d{{1,2}})\s+(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?"
               rf"{_ZONE}\s+(?P<y>\d{{4}})$"),
]

class Normalised(NamedTuple):
    """The canonical text and the weekday the string named (0 = Monday; None: none named)."""

    text: str
    weekday: int | None


def strip_labels(text: str) -> tuple[str, bool]:
    """Whitespace and leading labels ("Diperbarui", "Kompas.com -"); also says whether a label was cut."""
    s = " ".join(text.split()).strip('"“”')  # JSON-LD values quoted twice: "\"2025-12-17T13:22:47Z\""
    if " T" in s:
        s = _DETIK_Z_RE.sub(r"\1T\2", s)  # detik: "2015-11-05 T10:08:58Z" is WIB wall-clock
    elif "T" in s:
        s = _HYPHEN_TIME_RE.sub(_iso_time, s)  # detik: "2023-11-02T20-59-53Z"; "2025-12-17UTC07:30:00"
    if not s or not s[0].isalpha():
        return s, False
    cut = _PREFIX_RE.sub("", s).strip()
    return cut, cut != s


def _iso_time(m: re.Match[str]) -> str:
    return f"{m[1]}T{m[2]}:{m[3]}" + (f":{m[4]}" if m[4] else "")


def light_normalise(text: str) -> str:
    """Whitespace and leading labels only."""
    return strip_labels(text)[0]


def normalise_light(s: str) -> Normalised:
    """Rewrite a raw date string (its labels already cut) into one canonical shape both parsers read."""
    if _ISO_HINT_RE.search(s):
        return Normalised(s, None)  # ISO-like: leave hyphens alone
    if s.endswith(("Time", "Time)", "Zeit", "Zeit)")):
        s = _ZONE_NAME_RE.sub("", s)
    s = _expand_word_dates(s)
    words: list[str] = []
    weekday = None
    for token in s.translate(_SEPARATOR_CHARS).split():
        if token[0].isdigit():
            last = token[-1]
            if last.isdigit():
                words.append(token)
            elif last == "." and token[:-1].isdigit() and len(token) <= 3:
                words.append(token[:-1])  # German/Nordic ordinal day: "28. April 2023"
            elif last in "zZ" and token[:-1].replace(":", "").isdigit():
                words += [token[:-1], "+00:00"]  # "10:08Z"
            elif (m := _ORDINAL_RE.match(token)) is not None:
                words.append(m[1])  # "May 15th 2023"
            else:
                words.append(token)
            continue
        low = token.lower().rstrip(".")
        if low in _DROP_WORDS or low in ("-", "/"):
            if weekday is None and low in WEEKDAYS:
                weekday = WEEKDAYS[low]
            continue
        num = MONTHS.get(low)
        if num:
            words.append(MONTH_EN[num])
        elif low in ZONES:
            words.append(ZONES[low])
        elif token in NAMED_ZONES:
            words.append(NAMED_ZONES[token])
        elif (m := _GMT_OFFSET_RE.match(token)) is not None:
            words.append(f"{m[1]}{int(m[2]):02d}:{m[3] or '00'}")  # "GMT+0000", "UTC+7"
        else:
            words.append(token)
    s = " ".join(words)
    if "." in s:
        s = _DOTTED_TIME_RE.sub(lambda m: f"{m[1]}:{m[2]}" + (f":{m[3]}" if m[3] else ""), s)
    if ":" in s[:3]:
        s = _LEADING_TIME_RE.sub(r"\2 \1", s)  # "20:00 29 January 2024" -> "29 January 2024 20:00"
    return Normalised(s, weekday)


def _expand_word_dates(s: str) -> str:
    """``01-Jan-15`` / ``24 Mei '22`` / ``28 Jun 11 11:00`` -> ``1 January 2015``-style (4-digit year)."""
    def repl(m: re.Match[str], day: int, word: int, year: int) -> str:
        num = MONTHS.get(m[word].lower())
        return f"{m[day]} {MONTH_EN[num]} {expand_year(int(m[year]))}" if num else m[0]

    hint = _WORD_DATE_HINT_RE.search(s)
    if hint is None:
        return s
    if hint["joined"] or _JOINED_HINT_RE.search(s, hint.start()):
        s = _JOINED_RE.sub(lambda m: repl(m, 1, 3, 4), s)
    if "'" in s or "’" in s:
        s = _APOSTROPHE_RE.sub(lambda m: repl(m, 1, 2, 3), s)
    if _YY_HINT_RE.search(s):
        s = _YY_BEFORE_TIME_RE.sub(lambda m: repl(m, 1, 2, 3), s)
    return s


def expand_year(year: int) -> int:
    """Two-digit years as ``strptime('%y')`` reads them (69-99 -> 1900s, 00-68 -> 2000s), so both paths agree."""
    if year >= 100:
        return year
    return year + (1900 if year >= 69 else 2000)


def has_year(norm: str) -> bool:
    """A four-digit year or a ``d/m/yy`` date: without one nothing is read (never guess it from today)."""
    return _YEAR_RE.search(norm) is not None


def match_absolute(norm: str) -> dict[str, str | None] | None:
    """The fields of the first known shape that ``norm`` has, or None."""
    for rx in _FAST_RES:
        m = rx.match(norm)
        if m:
            return m.groupdict()
    return None
