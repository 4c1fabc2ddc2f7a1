"""Human-facing output for ``archiver parse-date TEXT [--now ISO] [--tz ZONE]``."""

from __future__ import annotations

from datetime import datetime, timezone

from archiver.dates.parse import DEFAULT_TZ, parse_date, parse_date_detailed, zone


def format_instant(dt: datetime, tz: str = DEFAULT_TZ) -> str:
    """``2015-11-05T14:56:00+07:00`` in ``tz`` (aware input required: we never guess a zone)."""
    if dt.tzinfo is None:
        raise ValueError("format_instant needs an aware datetime")
    return dt.astimezone(zone(tz)).isoformat()


def parse_date_report(text: str, now: datetime | str | None = None,
                      tz: str = DEFAULT_TZ) -> dict[str, str | bool] | None:
    """What the CLI prints; None when unparseable.

    ``utc``: the instant.  ``local``: the wall-clock time the string states, in its own zone
    when it names one (``… 14:05 WITA`` -> ``…14:05:00+08:00``), else in ``tz``; ``zone`` says
    which (the offset, or the ``tz`` name).  ``precision``: second, minute or day (a date alone
    is midnight local time, a placeholder).  ``weekday_mismatch`` appears, true, only when the
    string names a weekday its date does not fall on (the date is kept).  ``now`` may be an ISO
    string (the CLI's ``--now``); a zone-less one is read in ``tz``.
    """
    if isinstance(now, str):
        now = parse_date(now, tz=tz)
        if now is None:
            raise ValueError("--now must be an ISO 8601 date-time")
    parsed = parse_date_detailed(text, now=now, tz=tz)
    if parsed is None:
        return None
    value = parsed.value
    own_zone = parsed.has_zone and not parsed.relative
    report: dict[str, str | bool] = {
        "input": text,
        "utc": value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "local": value.isoformat() if own_zone else format_instant(value, tz),
        "zone": _offset_text(value) if own_zone else tz,
        "precision": parsed.precision,
    }
    if parsed.weekday_mismatch:
        report["weekday_mismatch"] = True
    return report


def _offset_text(value: datetime) -> str:
    minutes = int(value.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
