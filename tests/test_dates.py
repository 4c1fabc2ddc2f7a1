"""parse_date on real-shaped Indonesian/English date strings (table-driven)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from archiver.dates import parse_date, parse_date_report
from archiver.dates.parse import parse_detailed

WIB = timezone(timedelta(hours=7))
NOW = datetime(2024, 5, 3, 12, 0, tzinfo=WIB)

# (input, expected ISO instant with offset) — expected None means "must not parse".
CASES: list[tuple[str, str | None]] = [
    # visible datelines of the big Indonesian sites
    ("Kamis, 5 November 2015 14:56 WIB", "2015-11-05T14:56:00+07:00"),
    ("Selasa, 23 Februari 2016 14:49 WIB", "2016-02-23T14:49:00+07:00"),
    ("Kamis, 05/11/2015 10:08 WIB", "2015-11-05T10:08:00+07:00"),
    ("Selasa, 23/02/2016 16:00 WIB", "2016-02-23T16:00:00+07:00"),
    ("Kamis, 05 November 2015 11:52", "2015-11-05T11:52:00+07:00"),
    ("Minggu, 14 Februari 2016 09:15", "2016-02-14T09:15:00+07:00"),
    ("Rabu, 4 November 2015 | 21:04 WIB", "2015-11-04T21:04:00+07:00"),
    ("Selasa, 16 Februari 2016 | 14:38 WIB", "2016-02-16T14:38:00+07:00"),
    ("16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("Kamis, 5 November 2015 - 15:56 wib", "2015-11-05T15:56:00+07:00"),
    ("Senin, 15 Februari 2016, 16:15 WIB", "2016-02-15T16:15:00+07:00"),
    ("Wednesday, 04 November, 2015 | 07:28 WIB", "2015-11-04T07:28:00+07:00"),
    ("Jum'at, 17 Februari 2017 - 13:30 wib", "2017-02-17T13:30:00+07:00"),
    ("Jumat , 17 February 2017, 13:16 WIB", "2017-02-17T13:16:00+07:00"),
    ("Jumat, 17 Februari 2017 – 13:30 WIB", "2017-02-17T13:30:00+07:00"),
    ("Sabtu 08 Oct 2016", "2016-10-08T00:00:00+07:00"),
    ("Ahad, 2 Des 2018 pukul 07.05 WIB", "2018-12-02T07:05:00+07:00"),
    ("Minggu, 2 Desember 2018 07:05", "2018-12-02T07:05:00+07:00"),
    ("20/1/2026 18:30", "2026-01-20T18:30:00+07:00"),
    ("02/11/2023", "2023-11-02T00:00:00+07:00"),
    ("02/11/2023 08:00", "2023-11-02T08:00:00+07:00"),
    ("24-05-2022 14:32", "2022-05-24T14:32:00+07:00"),
    ("24.05.2022 14.32", "2022-05-24T14:32:00+07:00"),
    ("24.05.2022, 14:32 WIB", "2022-05-24T14:32:00+07:00"),
    ("Selasa, 24 Mei 2022 14.32 WIB", "2022-05-24T14:32:00+07:00"),
    ("Selasa, 24 Mei 2022 | 14.32 WIB", "2022-05-24T14:32:00+07:00"),
    ("Selasa, 24 Mei 2022 pukul 14.32 WIB", "2022-05-24T14:32:00+07:00"),
    ("24 Mei 2022 14:32:10", "2022-05-24T14:32:10+07:00"),
    # prefixes
    ("Diperbarui 24 Mei 2022, 10:15 WIB", "2022-05-24T10:15:00+07:00"),
    ("Diterbitkan 24 Mei 2022, 10:15 WIB", "2022-05-24T10:15:00+07:00"),
    ("Dipublikasikan pada 5 Mei 2024 13:00", "2024-05-05T13:00:00+07:00"),
    ("Update: 3 Nop 2020 09:00 wit", "2020-11-03T09:00:00+09:00"),
    ("Updated: 3 November 2020 09:00 WIB", "2020-11-03T09:00:00+07:00"),
    ("Tayang: Ahad, 2 Des 2018 pukul 07.05 WIB", "2018-12-02T07:05:00+07:00"),
    ("Tayang 2 Des 2018 07:05", "2018-12-02T07:05:00+07:00"),
    ("Kompas.com - 24/05/2022, 14:32 WIB", "2022-05-24T14:32:00+07:00"),
    ("Detik.com - Selasa, 24 Mei 2022 14:32 WIB", "2022-05-24T14:32:00+07:00"),
    ("Published: 24 May 2022 10:15 WIB", "2022-05-24T10:15:00+07:00"),
    ("Posted on May 24, 2022", "2022-05-24T00:00:00+07:00"),
    # month spellings
    ("1 Januari 2020 10:00", "2020-01-01T10:00:00+07:00"),
    ("1 Jan 2020 10:00", "2020-01-01T10:00:00+07:00"),
    ("3 Pebruari 2019 10:00", "2019-02-03T10:00:00+07:00"),
    ("3 Feb 2019 10:00", "2019-02-03T10:00:00+07:00"),
    ("7 Maret 2019 10:00", "2019-03-07T10:00:00+07:00"),
    ("7 Mar 2019 10:00", "2019-03-07T10:00:00+07:00"),
    ("9 April 2019 10:00", "2019-04-09T10:00:00+07:00"),
    ("9 Apr 2019 10:00", "2019-04-09T10:00:00+07:00"),
    ("24 Mei 2019 10:00", "2019-05-24T10:00:00+07:00"),
    ("24 May 2019 10:00", "2019-05-24T10:00:00+07:00"),
    ("5 Juni 2019 10:00", "2019-06-05T10:00:00+07:00"),
    ("5 Jun 2019 10:00", "2019-06-05T10:00:00+07:00"),
    ("5 Juli 2019 10:00", "2019-07-05T10:00:00+07:00"),
    ("5 Jul 2019 10:00", "2019-07-05T10:00:00+07:00"),
    ("17 Agustus 2019 10:00", "2019-08-17T10:00:00+07:00"),
    ("17 Agu 2019 10:00", "2019-08-17T10:00:00+07:00"),
    ("17 Agt 2019 10:00", "2019-08-17T10:00:00+07:00"),
    ("17 Ags 2019 10:00", "2019-08-17T10:00:00+07:00"),
    ("17 Aug 2019 10:00", "2019-08-17T10:00:00+07:00"),
    ("1 September 2019 10:00", "2019-09-01T10:00:00+07:00"),
    ("1 Sep 2019 10:00", "2019-09-01T10:00:00+07:00"),
    ("1 Sept 2019 10:00", "2019-09-01T10:00:00+07:00"),
    ("28 Oktober 2019 10:00", "2019-10-28T10:00:00+07:00"),
    ("28 Okt 2019 10:00", "2019-10-28T10:00:00+07:00"),
    ("28 Oct 2019 10:00", "2019-10-28T10:00:00+07:00"),
    ("10 Nopember 2019 10:00", "2019-11-10T10:00:00+07:00"),
    ("10 Nop 2019 10:00", "2019-11-10T10:00:00+07:00"),
    ("10 Nov 2019 10:00", "2019-11-10T10:00:00+07:00"),
    ("25 Desember 2019 10:00", "2019-12-25T10:00:00+07:00"),
    ("25 Des 2019 10:00", "2019-12-25T10:00:00+07:00"),
    ("25 Dec 2019 10:00", "2019-12-25T10:00:00+07:00"),
    ("25 Okt. 2019 10:00", "2019-10-25T10:00:00+07:00"),
    # month-first (WordPress) and English
    ("Maret 30, 2015", "2015-03-30T00:00:00+07:00"),
    ("Oktober 27, 2015", "2015-10-27T00:00:00+07:00"),
    ("March 30, 2015", "2015-03-30T00:00:00+07:00"),
    ("May 24, 2022 10:15 am", "2022-05-24T10:15:00+07:00"),
    ("May 24, 2022 at 3:05 pm", "2022-05-24T15:05:00+07:00"),
    ("Tuesday, May 24, 2022 12:30 PM WIB", "2022-05-24T12:30:00+07:00"),
    ("Friday 17 February 2017 13:16", "2017-02-17T13:16:00+07:00"),
    # German/European shapes met on fundus pages (ordinal dot, German months, y.m.d, 12-hour)
    ("28. April 2023 20:22", "2023-04-28T20:22:00+07:00"),
    ("Stand: 3. März 2024", "2024-03-03T00:00:00+07:00"),
    ("17. Dezember 2024 12:17", "2024-12-17T12:17:00+07:00"),
    ("3. Mai 2024 17:47", "2024-05-03T17:47:00+07:00"),
    ("2026.01.29 18:40", "2026-01-29T18:40:00+07:00"),
    ("26 November 2024 9:27PM", "2024-11-26T21:27:00+07:00"),
    ("August 08 2024 4:00 AM", "2024-08-08T04:00:00+07:00"),
    ("Do 25.04.24 | 14:07 Uhr", "2024-04-25T14:07:00+07:00"),
    # zones
    ("24 Mei 2022 10:15 WITA", "2022-05-24T10:15:00+08:00"),
    ("24 Mei 2022 10:15 wita", "2022-05-24T10:15:00+08:00"),
    ("24 Mei 2022 10:15 WIT", "2022-05-24T10:15:00+09:00"),
    ("24 Mei 2022 10:15 Wit", "2022-05-24T10:15:00+09:00"),
    ("24 Mei 2022 10:15 UTC", "2022-05-24T10:15:00+00:00"),
    ("24 Mei 2022 10:15 GMT", "2022-05-24T10:15:00+00:00"),
    ("24 Mei 2022 10:15 +0800", "2022-05-24T10:15:00+08:00"),
    # ISO 8601 (meta tags, JSON-LD)
    ("2015-11-05T14:56:43+07:00", "2015-11-05T14:56:43+07:00"),
    ("2016-02-16T13:01:52+0700", "2016-02-16T13:01:52+07:00"),
    ("2016-02-16T02:10:56Z", "2016-02-16T02:10:56+00:00"),
    ("2024-03-08T17:59:39.000Z", "2024-03-08T17:59:39+00:00"),
    ("2024-04-22T13:15:00.000+02:00", "2024-04-22T13:15:00+02:00"),
    ("2024-05-03T10:00:00", "2024-05-03T10:00:00+07:00"),
    ("2024-05-03 10:00:00", "2024-05-03T10:00:00+07:00"),
    ("2024-05-03", "2024-05-03T00:00:00+07:00"),
    ("2015-11-05 T10:08:58Z", "2015-11-05T10:08:58+07:00"),  # detik pubdate: WIB wall-clock labelled Z
    ("2016-02-23 T16:00:20Z", "2016-02-23T16:00:20+07:00"),
    # relative, anchored at NOW (2024-05-03 12:00 WIB)
    ("baru saja", "2024-05-03T12:00:00+07:00"),
    ("Baru Saja", "2024-05-03T12:00:00+07:00"),
    ("just now", "2024-05-03T12:00:00+07:00"),
    ("30 detik yang lalu", "2024-05-03T11:59:30+07:00"),
    ("5 menit yang lalu", "2024-05-03T11:55:00+07:00"),
    ("5 menit lalu", "2024-05-03T11:55:00+07:00"),
    ("2 jam lalu", "2024-05-03T10:00:00+07:00"),
    ("2 jam yang lalu", "2024-05-03T10:00:00+07:00"),
    ("sejam yang lalu", "2024-05-03T11:00:00+07:00"),
    ("kemarin", "2024-05-02T12:00:00+07:00"),
    ("Kemarin 14:30", "2024-05-02T14:30:00+07:00"),
    ("3 hari yang lalu", "2024-04-30T12:00:00+07:00"),
    ("2 minggu lalu", "2024-04-19T12:00:00+07:00"),
    ("Diperbarui 5 menit yang lalu", "2024-05-03T11:55:00+07:00"),
    ("2 hours ago", "2024-05-03T10:00:00+07:00"),
    ("an hour ago", "2024-05-03T11:00:00+07:00"),
    ("10 minutes ago", "2024-05-03T11:50:00+07:00"),
    ("3 days ago", "2024-04-30T12:00:00+07:00"),
    ("yesterday", "2024-05-02T12:00:00+07:00"),
    # must give None: nothing is ever filled from today
    ("", None),
    ("   ", None),
    ("Kamis", None),
    ("Jum'at", None),
    ("24 Mei", None),
    ("Mei 2022", None),
    ("Selasa (24/5)", None),
    ("Selasa (24/5) pukul 10.00 WIB", None),
    ("14:32 WIB", None),
    ("garbage", None),
    ("Baca juga: Jokowi resmikan tol", None),
    ("31/02/2020", None),
    ("32 Januari 2020", None),
    ("Rp 1.500.000", None),
    ("1234", None),
    ("WIB", None),
    ("18.07.2024 11.08 7 min", None),  # dateparser would answer "7 minutes before now"
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_parse_date_table(text: str, expected: str | None) -> None:
    got = parse_date(text, now=NOW)
    if expected is None:
        assert got is None
        return
    assert got is not None
    assert got.tzinfo is not None and got.utcoffset() is not None
    want = datetime.fromisoformat(expected)
    assert got == want  # same instant
    assert got.utcoffset() == want.utcoffset()  # and the page's own zone kept


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 100
    assert sum(1 for _, e in CASES if e is None) >= 10


FAST_HANDLED = [text for text, _ in CASES if (p := parse_detailed(text, now=NOW)) is not None and p.fast]


@pytest.mark.parametrize("text", FAST_HANDLED)
def test_fast_path_agrees_with_dateparser(text: str) -> None:
    """The regex path is an optimisation only: dateparser must read every such string the same."""
    fast = parse_detailed(text, now=NOW)
    slow = parse_detailed(text, now=NOW, use_fast=False)
    assert fast is not None and fast.fast
    assert slow is not None and not slow.fast, f"dateparser could not read {text!r}"
    assert fast.value == slow.value


def test_fast_path_covers_most_strings() -> None:
    assert len(FAST_HANDLED) >= 90


def test_zone_less_strings_use_tz_argument() -> None:
    got = parse_date("24 Mei 2022 10:15", tz="Asia/Makassar")
    assert got is not None and got.utcoffset() == timedelta(hours=8)
    assert parse_date("2024-01-15T10:00:00", tz="Europe/Berlin").utcoffset() == timedelta(hours=1)


def test_default_now_is_current_time() -> None:
    got = parse_date("baru saja")
    assert got is not None and got.tzinfo is not None
    assert abs(got - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_naive_now_is_read_in_tz() -> None:
    got = parse_date("2 jam lalu", now=datetime(2024, 5, 3, 12, 0))
    assert got == datetime(2024, 5, 3, 10, 0, tzinfo=WIB)


def test_parse_date_report_for_cli() -> None:
    report = parse_date_report("Kamis, 5 November 2015 14:56 WIB")
    assert report == {"input": "Kamis, 5 November 2015 14:56 WIB", "utc": "2015-11-05T07:56:00Z",
                      "local": "2015-11-05T14:56:00+07:00", "zone": "+07:00", "precision": "minute"}
    relative = parse_date_report("5 menit yang lalu", now="2024-05-03T12:00")
    assert relative is not None and relative["local"] == "2024-05-03T11:55:00+07:00" and relative["zone"] == "Asia/Jakarta"
    assert parse_date_report("Kamis") is None


def test_parse_date_report_shows_the_strings_own_zone() -> None:
    report = parse_date_report("Kamis, 05/11/2015, 14:05 WITA")
    assert report is not None
    assert report["local"] == "2015-11-05T14:05:00+08:00" and report["zone"] == "+08:00"
    assert report["utc"] == "2015-11-05T06:05:00Z" and "weekday_mismatch" not in report
    zoneless = parse_date_report("24 Mei 2022 10:15", tz="Asia/Makassar")
    assert zoneless is not None and zoneless["local"] == "2022-05-24T10:15:00+08:00" and zoneless["zone"] == "Asia/Makassar"
    assert parse_date_report("2024-05-03T10:00:00-04:00")["zone"] == "-04:00"  # type: ignore[index]


def test_parse_date_report_precision_and_weekday() -> None:
    day = parse_date_report("Sabtu, 24 Mei 2022")
    assert day is not None and day["precision"] == "day" and day["weekday_mismatch"] is True
    assert day["local"] == "2022-05-24T00:00:00+07:00" and day["utc"] == "2022-05-23T17:00:00Z"
    assert parse_date_report("2015-11-05T14:56:43+07:00")["precision"] == "second"  # type: ignore[index]
