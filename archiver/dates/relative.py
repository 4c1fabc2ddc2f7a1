"""Relative times as listing pages and bylines print them: "5 menit yang lalu", "Jakarta, 2 jam lalu".

Why apart from :mod:`archiver.dates.shapes`: these are read on the lightly normalised text
(their words matter: "2 minggu lalu" is weeks, not Sunday) and depend on an anchor, and
the rule for the words allowed before them (a label, a place, a byline) is shared with
absolute dates (:func:`strip_place`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from archiver.dates.shapes import MONTHS, WEEKDAYS, ZONES

_UNITS = (r"detik|dtk|menit|mnt|jam|hari|minggu|pekan|bulan|bln|tahun|thn|"
          r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?")
_REL_RE = re.compile(
    r"^(?P<lead>.*?)(?P<sep>[\s,·•|–—:-]*)(?<!\w)(?:"
    rf"(?P<n>\d+|se|satu|an?|one)\s*(?P<unit>{_UNITS})\s+(?:yang\s+)?(?:lalu|ago)"
    r"|(?P<now>baru\s+saja|barusan|just\s+now|sekarang|saat\s+ini|skrg)"
    r"|(?P<w>kemarin|kemaren|kmrn|yesterday|hari\s+ini|today)(?:\s*[,|–—-]?\s*(?:pukul|pkl\.?|jam|at)?\s*"
    r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*(?P<Z>wib|wita|wit))?)?"
    r")\.?$",
    re.I,
)
RELATIVE_HINT_RE = re.compile(
    r"\b(?=[lLaAbBjJkKyYhHtTsS])(?:lalu|ago|baru\s+saja|barusan|just\s+now|kemarin|kemaren|kmrn|yesterday|hari\s+ini|today|"
    r"sekarang|saat\s+ini|skrg)\b", re.I)
_PLACE = r"[^\W\d_][\w.'’-]*"
_LEAD_PREP_RE = re.compile(rf"^(?:di|in|dari|from|at)\s+{_PLACE}(?:\s+{_PLACE}){{0,3}}$", re.I)
_LEAD_ANY_RE = re.compile(rf"^{_PLACE}(?:\s+{_PLACE}){{0,3}}$")
_LEAD_CAPITALISED_RE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}$")
_ABS_LEAD_RE = re.compile(r"^(?P<lead>[^\d]*?)(?P<sep>[\s,·•|–—:-]*)(?=\d)")
UNIT_KEYS = {
    "detik": "seconds", "dtk": "seconds", "second": "seconds", "sec": "seconds",
    "menit": "minutes", "mnt": "minutes", "minute": "minutes", "min": "minutes",
    "jam": "hours", "hour": "hours", "hr": "hours",
    "hari": "days", "day": "days",
    "minggu": "weeks", "pekan": "weeks", "week": "weeks",
    "bulan": "months", "bln": "months", "month": "months",
    "tahun": "years", "thn": "years", "year": "years",
}



class Relative(NamedTuple):
    """A relative form: ``kind`` is "ago" (``count`` ``unit``s), "now", or "day" (``days`` back, optional clock)."""

    kind: str
    phrase: str  # the relative words without their lead ("1 menit lalu"), as dateparser reads them
    count: int = 0
    unit: str = ""  # a timedelta keyword, or "months" / "years"
    days: int = 0
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None  # "+08:00" when the clock time states its zone


def match_relative(light: str, labelled: bool) -> Relative | None:
    """``5 menit yang lalu``, ``Diterbitkan di Bandung 1 menit lalu``, ``Jakarta, 2 jam lalu``, ``Kemarin, 14:30``.

    Words before the relative form are accepted only when they read as a place or a byline:
    after a label ("Diterbitkan …") or a preposition ("di Bandung"), or as up to three
    capitalised words before a separator ("Jakarta Selatan, …").  A headline that happens
    to end in "2 Jam Lalu" has neither and is not a time.
    """
    m = _REL_RE.match(light)
    if m is None or not _lead_ok(m["lead"], m["sep"], labelled):
        return None
    phrase = light[m.end("sep"):].rstrip(".")
    if m["n"]:
        n = m["n"].lower()
        unit = m["unit"].lower()
        key = UNIT_KEYS.get(unit) or UNIT_KEYS.get(unit.rstrip("s"))
        return Relative("ago", phrase, int(n) if n.isdigit() else 1, key) if key else None
    if m["now"]:
        return Relative("now", phrase)
    days = 0 if m["w"].lower().startswith(("hari", "today")) else 1
    if m["H"] is None:
        return Relative("day", phrase, days=days)
    return Relative("day", phrase, days=days, hour=int(m["H"]), minute=int(m["M"]),
                    zone=ZONES[m["Z"].lower()] if m["Z"] else None)


def strip_place(light: str, labelled: bool) -> str | None:
    """``Bandung, 24 Mei 2022 10:00 WIB`` -> ``24 Mei 2022 10:00 WIB``: the words before the first number,
    when they read as a place or byline (same rule as :func:`match_relative`) and name no month or weekday."""
    m = _ABS_LEAD_RE.match(light)
    if m is None or not m["lead"]:
        return None
    lead = m["lead"]
    if any(w.lower().rstrip(".") in MONTHS or w.lower().rstrip(".") in WEEKDAYS for w in lead.split()):
        return None
    return light[m.end():] if _lead_ok(lead, m["sep"], labelled) else None


def _lead_ok(lead: str, sep: str, labelled: bool) -> bool:
    if not lead or _LEAD_PREP_RE.match(lead):
        return True
    if labelled:
        return _LEAD_ANY_RE.match(lead) is not None
    return bool(sep.strip()) and _LEAD_CAPITALISED_RE.match(lead) is not None
