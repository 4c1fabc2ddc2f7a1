"""The visible datelines of the demo pages, in the shapes Indonesian sites print.

Every shape is computed from the article's true time so that weekdays always
match dates; what varies is only how a human-facing page writes it.
"""

from __future__ import annotations

from datetime import datetime

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember")
BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTH = ("January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December")
MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _hari(dt: datetime) -> str:
    return HARI[dt.weekday()]


def dateline(dt: datetime, zone: str, shape: str, site_name: str = "Warta Nusantara") -> str:
    """``dt`` (local wall-clock time) written in one of the shapes listed in SHAPES."""
    hm = f"{dt:%H:%M}"
    shapes = {
        # Selasa, 24 Mei 2022 10:15 WIB
        "hari_lengkap": f"{_hari(dt)}, {dt.day} {BULAN[dt.month - 1]} {dt.year} {hm} {zone}",
        # Kamis, 05/11/2015, 14:56 WITA
        "hari_slash": f"{_hari(dt)}, {dt:%d/%m/%Y}, {hm} {zone}",
        # Jum'at, 17 Februari 2017 - 13:30 wib
        "jumat_strip": f"{_hari(dt).replace('Jumat', 'Jum' + chr(39) + 'at')}, {dt.day} {BULAN[dt.month - 1]} {dt.year} - {hm} {zone.lower()}",
        # Sabtu 08 Oct 2016, 14:54 WIT
        "hari_eng_bulan": f"{_hari(dt)} {dt:%d} {MON[dt.month - 1]} {dt.year}, {hm} {zone}",
        # Warta Nusantara - 24/05/2022, 14:32 WIB
        "kompas": f"{site_name} - {dt:%d/%m/%Y}, {hm} {zone}",
        # Rabu, 4 November 2015 | 21:04 WIB
        "pipa": f"{_hari(dt)}, {dt.day} {BULAN[dt.month - 1]} {dt.year} | {hm} {zone}",
        # 16 Feb 2016 at 09:10 WIB
        "at": f"{dt.day} {BULAN_PENDEK[dt.month - 1]} {dt.year} at {hm} {zone}",
        # Jumat , 17 February 2017, 13:16 WIB
        "eng_month_full": f"{_hari(dt)} , {dt.day} {MONTH[dt.month - 1]} {dt.year}, {hm} {zone}",
        # Senin, 12 Juni 2023 pukul 10.30 WIB
        "pukul": f"{_hari(dt)}, {dt.day} {BULAN[dt.month - 1]} {dt.year} pukul {dt:%H.%M} {zone}",
        # 24/05/2022, 14:32 WIB
        "slash": f"{dt:%d/%m/%Y}, {hm} {zone}",
        # Minggu, 1 November 2026 (an old template: the day only)
        "tanggal": f"{_hari(dt)}, {dt.day} {BULAN[dt.month - 1]} {dt.year}",
    }
    try:
        return shapes[shape]
    except KeyError:
        raise ValueError(f"unknown dateline shape {shape!r}") from None


SHAPES = ("hari_lengkap", "hari_slash", "jumat_strip", "hari_eng_bulan", "kompas",
          "pipa", "at", "eng_month_full", "pukul", "slash", "tanggal")


def updated_line(dt: datetime, zone: str) -> str:
    """'Diperbarui 24 Mei 2022, 10:15 WIB': the modification time as pages print it."""
    return f"Diperbarui {dt.day} {BULAN[dt.month - 1]} {dt.year}, {dt:%H:%M} {zone}"


def listing_time(dt: datetime, zone: str) -> str:
    """Short time on listing pages: '28/11/2026 19:40 WIB'."""
    return f"{dt:%d/%m/%Y %H:%M} {zone}"
