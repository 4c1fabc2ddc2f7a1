"""Human-facing output for ``archiver parse-date TEXT [--now ISO] [--tz ZONE]``."""

from __future__ import annotations

from datetime import datetime, timezone

from archiver.dates.parse import DEFAULT_TZ, parse_date, zone


def format_instant(dt: datetime, tz: str = DEFAULT_TZ) -> str:
    """``2015-11-05T14:56:00+07:00`` in ``tz`` (aware input required: we never guess a zone)."""
    if dt.tzinfo is None:
        raise ValueError("format_instant needs an aware datetime")
    return dt.astimezone(zone(tz)).isoformat()


def parse_date_report(text: str, now: datetime | str | None = None, tz: str = DEFAULT_TZ) -> dict[str, str] | None:
    """What the CLI prints: the input, the instant in UTC and in ``tz``; None when unparseable.

    ``now`` may be an ISO string (the CLI's ``--now``); a zone-less one is read in ``tz``.
    """
    if isinstance(now, str):
        now = parse_date(now, tz=tz)
        if now is None:
            raise ValueError("--now must be an ISO 8601 date-time")
    value = parse_date(text, now=now, tz=tz)
    if value is None:
        return None
    return {
        "input": text,
        "utc": value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "local": format_instant(value, tz),
        "zone": tz,
    }
