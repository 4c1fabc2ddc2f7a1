"""Shape families of the fast path, precision, weekday contradictions and the bounded fallback.

Strings come from the reference doc's shapes, the corpus, and public test suites of other
date parsers (Indonesian relative forms with a place prefix, ``dd-Mon-yy`` loaders, spaced
``d m yyyy`` stamps), rewritten as table rows.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from archiver.dates import local_date_of, parse_date, parse_date_detailed
from archiver.dates import parse as parse_module
from archiver.dates.parse import parse_detailed

WIB = timezone(timedelta(hours=7))
NOW = datetime(2024, 5, 3, 12, 0, tzinfo=WIB)

# (input, expected instant with offset, precision); the family is the comment above each block.
FAMILIES: list[tuple[str, str, str]] = [
    # relative forms after a label, a place or a byline
    ("Diterbitkan di Bandung 1 menit lalu", "2024-05-03T11:59:00+07:00", "minute"),
    ("Diterbitkan di bandung 1 menit lalu", "2024-05-03T11:59:00+07:00", "minute"),
    ("Dipublikasikan 3 hari yang lalu", "2024-04-30T12:00:00+07:00", "day"),
    ("Diperbarui: 10 menit lalu", "2024-05-03T11:50:00+07:00", "minute"),
    ("Jakarta, 2 jam lalu", "2024-05-03T10:00:00+07:00", "day"),
    ("JAKARTA - 5 menit yang lalu", "2024-05-03T11:55:00+07:00", "minute"),
    ("Jakarta Selatan, 3 jam yang lalu", "2024-05-03T09:00:00+07:00", "day"),
    ("di Surabaya, 15 menit lalu", "2024-05-03T11:45:00+07:00", "minute"),
    ("Bandung · 2 jam lalu", "2024-05-03T10:00:00+07:00", "day"),
    ("Redaksi • 30 detik yang lalu", "2024-05-03T11:59:30+07:00", "second"),
    ("Posted 2 hours ago", "2024-05-03T10:00:00+07:00", "day"),
    ("Updated 5 minutes ago", "2024-05-03T11:55:00+07:00", "minute"),
    ("Published in London 3 hours ago", "2024-05-03T09:00:00+07:00", "day"),
    ("3 bulan lalu", "2024-02-03T12:00:00+07:00", "day"),
    ("sebulan yang lalu", "2024-04-03T12:00:00+07:00", "day"),
    ("1 tahun lalu", "2023-05-03T12:00:00+07:00", "day"),
    ("Kemarin, 14:30", "2024-05-02T14:30:00+07:00", "minute"),
    ("kemarin pukul 14.30 WIB", "2024-05-02T14:30:00+07:00", "minute"),
    ("Kemarin 14:30 WITA", "2024-05-02T14:30:00+08:00", "minute"),
    ("Hari ini, 09:15 WIB", "2024-05-03T09:15:00+07:00", "minute"),
    ("kemaren", "2024-05-02T12:00:00+07:00", "day"),
    ("kmrn", "2024-05-02T12:00:00+07:00", "day"),
    ("sekarang", "2024-05-03T12:00:00+07:00", "minute"),
    ("saat ini", "2024-05-03T12:00:00+07:00", "minute"),
    # dd-Mon-yy, dd-Mon-yyyy, dd Mon 'yy (two-digit years as strptime reads them: 69-99 -> 19xx)
    ("01-Jan-15 10:00:00 WIB", "2015-01-01T10:00:00+07:00", "second"),
    ("01-Jan-15", "2015-01-01T00:00:00+07:00", "day"),
    ("01-Jan-2015 10:00", "2015-01-01T10:00:00+07:00", "minute"),
    ("8-mei-2011", "2011-05-08T00:00:00+07:00", "day"),
    ("24-Mei-22 14:32 WITA", "2022-05-24T14:32:00+08:00", "minute"),
    ("05-Mar-98", "1998-03-05T00:00:00+07:00", "day"),
    ("24/Mei/2022", "2022-05-24T00:00:00+07:00", "day"),
    ("24 Mei '22", "2022-05-24T00:00:00+07:00", "day"),
    ("Selasa, 24 Mei ’22 10:15 WIB", "2022-05-24T10:15:00+07:00", "minute"),
    ("28 Jun 11 11:00", "2011-06-28T11:00:00+07:00", "minute"),  # a bare two-digit year only before a time
    ("28 jun, 11 23:00:05", "2011-06-28T23:00:05+07:00", "second"),
    ("8-5-11", "2011-05-08T00:00:00+07:00", "day"),
    # spaced numbers, day first: d m yyyy [H:MM]; year first
    ("28 4 2021 4:56", "2021-04-28T04:56:00+07:00", "minute"),
    ("28 4 2021", "2021-04-28T00:00:00+07:00", "day"),
    ("28 4 2021 4:56 WITA", "2021-04-28T04:56:00+08:00", "minute"),
    ("2021 4 28 04:56", "2021-04-28T04:56:00+07:00", "minute"),
    # a place or byline before an absolute date (same rule as before relative forms)
    ("Bandung, 24 Mei 2022 10:00 WIB", "2022-05-24T10:00:00+07:00", "minute"),
    ("Diterbitkan di Bandung 24 Mei 2022", "2022-05-24T00:00:00+07:00", "day"),
    ("Jakarta Selatan - 24/05/2022, 14:32 WIB", "2022-05-24T14:32:00+07:00", "minute"),
    # the time first
    ("20:00 29 January 2024", "2024-01-29T20:00:00+07:00", "minute"),
    ("14:32 WIB, 24 Mei 2022", "2022-05-24T14:32:00+07:00", "minute"),
    ("10.15 WIB | Jumat, 3 Mei 2024", "2024-05-03T10:15:00+07:00", "minute"),
    ("12:20pm January 7 2024", "2024-01-07T12:20:00+07:00", "minute"),
    ("11:00 AM PDT • May 16 2024", "2024-05-16T11:00:00-07:00", "minute"),
    # ordinal days
    ("May 15th 2023", "2023-05-15T00:00:00+07:00", "day"),
    ("15th May 2023 10:00", "2023-05-15T10:00:00+07:00", "minute"),
    ("1st of January 2020", "2020-01-01T00:00:00+07:00", "day"),
    ("Tuesday, May 24th, 2022 at 3:05 pm", "2022-05-24T15:05:00+07:00", "minute"),
    # Unix date(1) and JavaScript Date strings, RFC 2822 (feeds)
    ("September 02 01:11:35 EDT 2024", "2024-09-02T01:11:35-04:00", "second"),
    ("Fri Apr 28 19:20:36 CEST 2023", "2023-04-28T19:20:36+02:00", "second"),
    ("Fri Apr 28 2023 17:52:31 GMT+0000 (Coordinated Universal Time)", "2023-04-28T17:52:31+00:00", "second"),
    ("Fri, 03 May 2024 10:15:00 +0700", "2024-05-03T10:15:00+07:00", "second"),
    ("Fri, 03 May 2024 03:15:00 GMT", "2024-05-03T03:15:00+00:00", "second"),
    # separators and zones seen on Indonesian sites
    ("Jumat, 03 Mei 2024 / 10:15 WIB", "2024-05-03T10:15:00+07:00", "minute"),
    ("3 Mei 2024 | 10.15 WIB", "2024-05-03T10:15:00+07:00", "minute"),
    ("24 Mei 2022 10:15 (UTC+7)", "2022-05-24T10:15:00+07:00", "minute"),
    ("24 Mei 2022 10:15 GMT+8", "2022-05-24T10:15:00+08:00", "minute"),
    ("24 Mei 2022 10:15 CEST", "2022-05-24T10:15:00+02:00", "minute"),
    ("24 May 2022 10:15 BST", "2022-05-24T10:15:00+01:00", "minute"),
    ("2023-11-02T20-59-53Z", "2023-11-02T20:59:53+00:00", "second"),  # detik's hyphenated stamp, read as written
    ("2024-05-03T10:00:00.123Z", "2024-05-03T10:00:00+00:00", "second"),
    ("01/06/2022", "2022-06-01T00:00:00+07:00", "day"),
]

MUST_STAY_NONE: list[str] = [
    # relative words that are not a dateline
    "Gempa Guncang Bandung 2 Jam Lalu",  # a headline: no label, no separator
    "Jakarta 2 jam lalu",  # a place with no separator could be a headline's end
    "Berita ini ditulis 2 jam lalu oleh redaksi",
    "Gempa Guncang Bandung 24 Mei 2022",  # no separator: a headline's end, not a place
    "beberapa menit lalu", "5 menit", "2 jam", "3 jam lagi", "besok", "lusa",
    # no year, or no day: never filled from today
    "Jan-15", "Mei '18", "mei-2018", "24 Mei 22", "12/2022", "2022", "Q1 2024", "13:37", "14:32 WIB",
    # garbage, phone numbers, versions, money, ids, law numbers
    "0812-3456-7890", "(021) 5795 1234", "+62 812 3456 7890", "3.11.7", "v1.20.3", "Versi 2.4.1",
    "Rp 2.500.000.000", "1750680000000", "ISBN 978-3-16-148410-0", "UU No. 12 Tahun 2020", "Halaman 1 dari 2024",
    "24-Foo-22", "28 13 2021", "4 28 2021", "2021-13-01", "00/00/0000",
    # other languages' month names go to no parser (dateparser is only asked in English)
    "4 Febbraio 2025 14:41", "Lesezeit 5 Min. 06.01.2026",
]


@pytest.mark.parametrize(("text", "expected", "precision"), FAMILIES, ids=[c[0] for c in FAMILIES])
def test_shape_families(text: str, expected: str, precision: str) -> None:
    got = parse_date_detailed(text, now=NOW)
    assert got is not None, text
    want = datetime.fromisoformat(expected)
    assert got.value == want and got.value.utcoffset() == want.utcoffset()
    assert got.precision == precision
    assert got.fast, "every family is read without dateparser"


@pytest.mark.parametrize("text", MUST_STAY_NONE)
def test_must_stay_none(text: str) -> None:
    assert parse_date(text, now=NOW) is None


ABSOLUTE = [row for row in FAMILIES if not parse_detailed(row[0], now=NOW).relative]  # type: ignore[union-attr]


def test_dateparser_agrees_where_it_reads_the_shape() -> None:
    """The fast path is an optimisation: where dateparser reads the normalised string, same instant."""
    read = 0
    for text, _, _ in ABSOLUTE:
        slow = parse_detailed(text, now=NOW, use_fast=False)
        if slow is not None:
            read += 1
            assert slow.value.replace(microsecond=0) == parse_date(text, now=NOW), text  # the fast path keeps seconds
    assert read >= len(ABSOLUTE) * 0.6


def test_relative_is_flagged_and_approximate() -> None:
    rel = parse_date_detailed("Jakarta, 2 jam lalu", now=NOW)
    assert rel is not None and rel.relative and rel.precision == "day"
    assert not parse_date_detailed("24 Mei 2022 10:15", now=NOW).relative  # type: ignore[union-attr]


# --- precision and the local calendar date --------------------------------------------------------

def test_date_only_is_midnight_local_with_day_precision() -> None:
    got = parse_date_detailed("01/06/2022")
    assert got is not None and got.precision == "day" and not got.has_time
    assert got.value == datetime(2022, 6, 1, tzinfo=WIB)  # not shifted
    assert got.value.astimezone(timezone.utc).date() == date(2022, 5, 31)  # why UTC must not partition it
    assert local_date_of(got.value) == date(2022, 6, 1)
    assert local_date_of(datetime(2022, 5, 31, 20, tzinfo=timezone.utc), "Asia/Jakarta") == date(2022, 6, 1)
    with pytest.raises(ValueError):
        local_date_of(datetime(2022, 6, 1))


# --- weekday contradictions -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "mismatch"), [
    ("Sabtu, 24 Mei 2022", True),  # 24 May 2022 is a Tuesday
    ("Selasa, 24 Mei 2022", False),
    ("Saturday, 24 May 2022 10:00", True),
    ("Jum'at, 17 Februari 2017 - 13:30 wib", False),
    ("Minggu, 14 Februari 2016 09:15", False),
    ("Mo 25.04.24 | 14:07 Uhr", False),  # two-letter German forms are never trusted
    ("Diterbitkan di Bandung 24 Mei 2022", False),  # "di" is Indonesian "in", not German Tuesday
    ("24 Mei 2022", False),
])
def test_weekday_mismatch(text: str, mismatch: bool) -> None:
    got = parse_date_detailed(text)
    assert got is not None and got.weekday_mismatch is mismatch
    assert got.value.date() == datetime.fromisoformat(parse_date(text).isoformat()).date()  # type: ignore[union-attr]


def test_weekday_mismatch_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    text = "Sabtu, 17 Mei 2022 08:00 WIB"  # a Tuesday
    with caplog.at_level(logging.INFO, logger="archiver.dates"):
        for _ in range(3):
            assert parse_date(text) == datetime(2022, 5, 17, 8, tzinfo=WIB)
    records = [r for r in caplog.records if "weekday" in r.getMessage()]
    assert len(records) == 1 and "Tuesday" in records[0].getMessage()


# --- the bounded fallback ---------------------------------------------------------------------------

def test_shapes_no_regex_reads_go_to_dateparser_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = parse_module.slow_parse

    def spy(norm: str, *args: object, **kwargs: object) -> object:
        calls.append(norm)
        return real(norm, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parse_module, "slow_parse", spy)
    parse_module._fallback.cache_clear()
    for _ in range(3):
        got = parse_detailed("24 May 2022 10:15 IST")  # an ambiguous zone: left to dateparser's table
        assert got is not None and not got.fast and got.has_zone and got.precision == "minute"
    assert calls == ["24 May 2022 10:15 IST"]


@pytest.mark.parametrize("text", ["4 Febbraio 2025 14:41", "Lesezeit 5 Min. 06.01.2026", "92 and 2004",
                                  "Bei Protesten 2022: Bericht: Aktivistin getötet", "1762590240000",
                                  "12:43 20 April 2026Updated 12:44 20 April 2026"])
def test_strings_dateparser_would_only_search_are_refused(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(parse_module, "slow_parse", boom)
    parse_module._fallback.cache_clear()
    assert parse_date(text) is None


def test_fallback_cost_is_bounded_once_warm() -> None:
    """What passes the gate is a few date words: a few ms of dateparser at most (generous bound for CI)."""
    parse_module.warm_fallback()
    parse_module._fallback.cache_clear()
    for text in ("24 May 2022 10:15 IST", "May 2022 24 10:15", "2022 24 May", "10:15 IST 24 May 2022"):
        start = time.perf_counter()
        parse_detailed(text)
        assert time.perf_counter() - start < 0.05, text


def test_zoned_fallback_keeps_the_strings_own_offset() -> None:
    got = parse_detailed("24 May 2022 10:15 +08:00", use_fast=False)
    assert got is not None and got.value.utcoffset() == timedelta(hours=8)
    assert parse_detailed("24 May 2022 10:15", tz="Asia/Makassar", use_fast=False).value.utcoffset() == timedelta(hours=8)  # type: ignore[union-attr]
