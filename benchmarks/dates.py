"""Measure archiver.dates against the shared corpus: strings, pages, speed.

Usage: python benchmarks/dates.py [CORPUS_DIR]   (default ../shared/corpus beside the project)

Prints (0) what loading dateparser's data costs once per process, (1) every date string
that is not exact to the minute, (2) page-level publication time exact to the minute on
corpus/indonesian and corpus/fundus beside trafilatura and htmldate (day- and minute-level),
with bare-date expectations and ground-truth errors (quoted from the page) counted apart,
(2b) ms per page for find_page_times, (2c) the publication day on the dated corpus/wcxb
articles, (3) median, p99 and maximum µs per string for parse_date vs
dateparser.parse(s, languages=['id']) on the corpus strings, with a PASS/FAIL line for
"max <= 5 ms", and (3b) the same for every string find_page_times parses on the pages of (2),
listing those that reach the dateparser fallback.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archiver.dates import find_page_times, parse_date, warm_fallback, zone  # noqa: E402

# "The site's configured timezone" for fundus pages that state no zone: one zone per country.
COUNTRY_TZ = {
    "at": "Europe/Vienna", "au": "Australia/Sydney", "be": "Europe/Brussels", "ca": "America/Toronto",
    "ch": "Europe/Zurich", "cn": "Asia/Shanghai", "cz": "Europe/Prague", "de": "Europe/Berlin",
    "dk": "Europe/Copenhagen", "es": "Europe/Madrid", "fr": "Europe/Paris", "gl": "America/Nuuk",
    "id": "Asia/Jakarta", "il": "Asia/Jerusalem", "ind": "Asia/Kolkata", "isl": "Atlantic/Reykjavik",
    "it": "Europe/Rome", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "lb": "Asia/Beirut", "li": "Europe/Vaduz",
    "ls": "Africa/Maseru", "lt": "Europe/Vilnius", "lu": "Europe/Luxembourg", "mx": "America/Mexico_City",
    "my": "Asia/Kuala_Lumpur", "na": "Africa/Windhoek", "no": "Europe/Oslo", "pl": "Europe/Warsaw",
    "pt": "Europe/Lisbon", "py": "America/Asuncion", "ru": "Europe/Moscow", "se": "Europe/Stockholm",
    "tr": "Europe/Istanbul", "tw": "Asia/Taipei", "tz": "Africa/Dar_es_Salaam", "ua": "Europe/Kyiv",
    "uk": "Europe/London", "us": "America/New_York", "vn": "Asia/Ho_Chi_Minh", "za": "Africa/Johannesburg",
}


# Expected values the pages themselves contradict.  Each entry quotes the page's own string
# (checked to be present in the saved HTML before the correction is counted) and the crawl date.
GROUND_TRUTH_ERRORS: dict[str, tuple[str, str, str]] = {
    "de/WAZ_2024_03_08.html.gz": ('"datePublished":"2024-03-08T17:59:39.000Z"', "2024-03-08T17:59:39+00:00",
                                  "expected value is WAZ_2025_09_10's; crawled 2024-03-08"),
    "de/WAZ_2025_09_10.html.gz": ('"datePublished":"2025-09-10T07:53:32.000Z"', "2025-09-10T07:53:32+00:00",
                                  "expected value is WAZ_2024_03_08's; crawled 2025-09-10"),
    "de/KlasseGegenKlasse_2026_01_07.html.gz": ("06.01.2026", "2026-01-06T00:00:00",
                                                "day/month swapped: 2026-06-01 is after the 2026-01-07 crawl"),
    "tr/AnadoluAjansi_2025_04_05.html.gz": ('class="tarih">05.04.2025', "2025-04-05T00:00:00",
                                            "day/month swapped: 2025-05-04 is after the 2025-04-05 crawl"),
}


def minute(dt: datetime) -> datetime:
    return dt.replace(second=0, microsecond=0)


def same_minute(got: datetime | None, expected: datetime, tz: str | None = None) -> bool:
    """Instant equality to the minute; a naive expectation compares wall-clock in the page's zone."""
    if got is None:
        return False
    if expected.tzinfo is None:
        local = got.astimezone(zone(tz)) if tz and got.tzinfo else got
        return minute(local.replace(tzinfo=None)) == minute(expected)
    return minute(got.astimezone(timezone.utc)) == minute(expected.astimezone(timezone.utc))


def _date_only(dt: datetime) -> bool:
    """Ground truth that is a bare date (naive midnight): it cannot be checked to the minute."""
    return dt.tzinfo is None and (dt.hour, dt.minute, dt.second) == (0, 0, 0)


def same_day(got: datetime | None, expected: datetime) -> bool:
    if got is None:
        return False
    if got.tzinfo is not None and expected.tzinfo is not None:
        got = got.astimezone(expected.tzinfo)
    return got.date() == expected.date()


def load_strings(corpus: Path) -> list[dict]:
    path = corpus / "dates" / "date_strings.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def string_score(corpus: Path) -> tuple[int, int, list[str]]:
    rows = load_strings(corpus)
    failures = []
    for row in rows:
        got = parse_date(row["string"])
        want = datetime.fromisoformat(row["expected_local"])
        if got is None or minute(got.replace(tzinfo=None)) != minute(want) or got.utcoffset() != timedelta(hours=7):
            failures.append(f"  FAIL {row['string']!r}: got {got and got.isoformat()}, want {row['expected_local']}+07:00")
    return len(rows) - len(failures), len(rows), failures


def indonesian_pages(corpus: Path) -> list[dict]:
    base = corpus / "indonesian"
    out = []
    for line in (base / "manifest.jsonl").read_text().splitlines():
        row = json.loads(line)
        if row.get("published_at"):
            out.append({"id": row["id"], "url": row["url"], "tz": "Asia/Jakarta", "path": base / row["file"],
                        "expected": datetime.fromisoformat(row["published_at"])})
    return out


def fundus_pages(corpus: Path) -> list[dict]:
    base = corpus / "fundus"
    out = []
    for line in (base / "manifest.jsonl").read_text().splitlines():
        row = json.loads(line)
        stamp = (row.get("expected") or {}).get("publishing_date")
        if stamp:
            out.append({"id": row["html"], "url": row["url"], "tz": COUNTRY_TZ.get(row["country"], "UTC"),
                        "path": base / "test_data" / row["html"], "expected": datetime.fromisoformat(stamp)})
    return out


def others(html: str) -> tuple[datetime | None, datetime | None]:
    """trafilatura's and htmldate's dates for the same page (they keep only the day)."""
    import htmldate
    import trafilatura

    def to_dt(text: str | None) -> datetime | None:
        if not text:
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None

    try:
        meta = trafilatura.extract_metadata(html)
        traf = to_dt(meta.date if meta else None)
    except Exception:  # noqa: BLE001 - a third-party failure counts as a miss
        traf = None
    try:
        hd = to_dt(htmldate.find_date(html, extensive_search=False, outputformat="%Y-%m-%dT%H:%M:%S%z"))
    except Exception:  # noqa: BLE001
        hd = None
    return traf, hd


def page_score(name: str, pages: list[dict], compare: bool, verbose: bool) -> dict[str, float]:
    """Exact-to-the-minute share; bare-date expectations and ground-truth errors reported apart."""
    ours = traf_day = traf_min = hd_day = hd_min = day_only_gt = gt_fixed = 0
    gt_notes = []
    for page in pages:
        html = gzip.decompress(page["path"].read_bytes()).decode("utf-8", "replace")
        got = find_page_times(html, url=page["url"], tz=page["tz"])
        exp = page["expected"]
        error = GROUND_TRUTH_ERRORS.get(page["id"])
        if same_minute(got.published_at, exp, page["tz"]):
            ours += 1
        elif _date_only(exp) and same_day(got.published_at, exp):
            day_only_gt += 1
            if verbose:
                print(f"  DAY-ONLY-GT {page['id']}: got {got.published_at.isoformat()} want {exp.isoformat()} (same day)")
        elif error and error[0] in html and same_minute(got.published_at, datetime.fromisoformat(error[1]), page["tz"]):
            gt_fixed += 1
            gt_notes.append(f"  GT-ERROR {page['id']}: want {exp.isoformat()}, page says {error[0]!r} ({error[2]});"
                            f" ours {got.published_at.isoformat()}")
        elif verbose:
            print(f"  MISS {page['id']}: got {got.published_at and got.published_at.isoformat()} "
                  f"[{got.published_at_source}: {got.published_at_text!r}] want {exp.isoformat()}")
        if compare:
            traf, hd = others(html)
            traf_day += same_day(traf, exp)
            traf_min += same_minute(traf, exp, page["tz"]) if traf and traf.tzinfo else False
            hd_day += same_day(hd, exp)
            hd_min += same_minute(hd, exp, page["tz"]) if hd and hd.tzinfo else False
    if verbose:
        print("\n".join(gt_notes)) if gt_notes else None
    n = len(pages)
    print(f"{name}: {n} pages; archiver exact-to-minute {ours}/{n} = {ours / n:.1%}")
    if day_only_gt:
        print(f"  + {day_only_gt} pages whose expected value is a bare midnight date and ours has that day and a time:"
              f" {ours + day_only_gt}/{n} = {(ours + day_only_gt) / n:.1%}")
    if gt_fixed:
        both = ours + day_only_gt + gt_fixed
        print(f"  + {gt_fixed} pages whose expected value the page contradicts (GT-ERROR above), ours = the page's value:"
              f" {both}/{n} = {both / n:.1%}")
    if compare:
        print(f"  trafilatura: day {traf_day}/{n} = {traf_day / n:.1%}, minute {traf_min}/{n} = {traf_min / n:.1%}")
        print(f"  htmldate:    day {hd_day}/{n} = {hd_day / n:.1%}, minute {hd_min}/{n} = {hd_min / n:.1%}")
    return {"n": n, "ours": ours / n}


def page_speed(pages: list[dict]) -> tuple[float, float]:
    """ms per page for find_page_times: on an already parsed tree (as extraction calls it) and from HTML.

    Cold: the per-string parse cache is cleared first, so repeated strings across pages do not flatter it.
    """
    import lxml.html

    from archiver.dates.sources import parse_absolute as _parse_absolute

    htmls = [gzip.decompress(p["path"].read_bytes()) for p in pages]
    trees = [lxml.html.document_fromstring(h) for h in htmls]
    _parse_absolute.cache_clear()
    start = time.perf_counter()
    for tree, page in zip(trees, pages):
        find_page_times(tree, url=page["url"], tz=page["tz"])
    on_tree = (time.perf_counter() - start) / len(pages) * 1000
    _parse_absolute.cache_clear()
    start = time.perf_counter()
    for html, page in zip(htmls, pages):
        find_page_times(html, url=page["url"], tz=page["tz"])
    from_html = (time.perf_counter() - start) / len(pages) * 1000
    return on_tree, from_html


def per_string_us(fn, strings: list[str], repeat: int = 5) -> list[float]:  # noqa: ANN001
    """Median of ``repeat`` single calls per string, in µs, with the fallback's memo cleared before each call."""
    from archiver.dates.parse import _fallback

    out = []
    for s in strings:
        times = []
        for _ in range(repeat):
            _fallback.cache_clear()
            start = time.perf_counter()
            fn(s)
            times.append((time.perf_counter() - start) * 1e6)
        out.append(statistics.median(times))
    return out


def spread(us: list[float]) -> tuple[float, float, float]:
    """Median, p99 and maximum."""
    p99 = statistics.quantiles(us, n=100, method="inclusive")[98] if len(us) > 1 else us[0]
    return statistics.median(us), p99, max(us)


def speed(strings: list[str]) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    import dateparser

    dateparser.parse("1 Mei 2020", languages=["id"])  # warm the language data
    ours = spread(per_string_us(parse_date, strings))
    theirs = spread(per_string_us(lambda s: dateparser.parse(s, languages=["id"]), strings))
    return ours, theirs


def page_strings(pages: list[dict]) -> list[tuple[str, str, bool]]:
    """Every distinct (string, zone, fallback allowed) that find_page_times hands the parser on these pages."""
    from archiver.dates import sources

    seen: dict[tuple[str, str, bool], None] = {}
    real = sources.parse_detailed

    def spy(text, *, now=None, tz="Asia/Jakarta", fallback=True):  # noqa: ANN001, ANN202
        seen[(text, tz, fallback)] = None
        return real(text, now=now, tz=tz, fallback=fallback)

    sources.parse_detailed = spy
    sources.parse_absolute.cache_clear()
    try:
        for page in pages:
            find_page_times(gzip.decompress(page["path"].read_bytes()), url=page["url"], tz=page["tz"])
    finally:
        sources.parse_detailed = real
    return list(seen)


def wider_speed(rows: list[tuple[str, str, bool]]) -> tuple[tuple[float, float, float], list[tuple[str, float, str]]]:
    """Per-string time over the page strings, and the strings dateparser saw (with ms and its answer)."""
    from archiver.dates import parse as parse_module

    now = datetime(2024, 5, 3, 12, tzinfo=timezone.utc)
    us = per_string_us(lambda row: parse_module.parse_detailed(row[0], now=now, tz=row[1], fallback=row[2]), rows)  # type: ignore[arg-type]
    sent: list[tuple[str, float, str]] = []
    real = parse_module.slow_parse

    def spy(norm, tz, base, relative=False, weekday=None):  # noqa: ANN001, ANN202
        start = time.perf_counter()
        hit = real(norm, tz, base, relative, weekday)
        sent.append((norm, (time.perf_counter() - start) * 1000, hit.value.isoformat() if hit else "None"))
        return hit

    parse_module.slow_parse = spy
    parse_module._fallback.cache_clear()
    try:
        for text, tz, fallback in rows:
            parse_module.parse_detailed(text, now=now, tz=tz, fallback=fallback)
    finally:
        parse_module.slow_parse = real
    return spread(us), sent


def wcxb_days(corpus: Path) -> tuple[int, int] | None:
    """Publication day right on the wcxb articles whose ground truth has a day (read in UTC: no site zone known)."""
    truth_path = corpus / "wcxb" / "ground-truth.json"
    if not truth_path.exists():
        return None
    truth = json.loads(truth_path.read_text())
    ok = total = 0
    for key, row in truth.items():
        day = row.get("published")
        path = corpus / "wcxb" / "html" / f"{key}.html.gz"
        if not day or len(day) != 10 or not path.exists():
            continue
        total += 1
        got = find_page_times(gzip.decompress(path.read_bytes()), url=row.get("url") or None, tz="UTC").published_at
        ok += bool(got and got.date().isoformat() == day)
    return ok, total


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    warm_fallback()
    print(f"(0) dateparser import and English data, once per process (warm_fallback()):"
          f" {(time.perf_counter() - start) * 1000:.0f} ms")
    ok, n, failures = string_score(corpus)
    print(f"(1) date strings exact to the minute: {ok}/{n} = {ok / n:.1%}")
    print("\n".join(failures) if failures else "  no failures")
    print("(2) page-level publication time (exact to the minute)")
    page_score("indonesian", indonesian_pages(corpus), compare=True, verbose=True)
    print("  fundus: pages without a stated zone are read in the country's zone (the site's configured timezone)")
    page_score("fundus", fundus_pages(corpus), compare=True, verbose=True)
    all_pages = indonesian_pages(corpus) + fundus_pages(corpus)
    on_tree, from_html = page_speed(all_pages)
    print(f"(2b) find_page_times over {len(all_pages)} pages (indonesian + fundus, cold cache):"
          f" {on_tree:.2f} ms/page on a parsed tree, {from_html:.2f} ms/page including HTML parsing")
    days = wcxb_days(corpus)
    if days:
        print(f"(2c) wcxb articles with a published day: day right {days[0]}/{days[1]} = {days[0] / days[1]:.1%}")
    strings = [row["string"] for row in load_strings(corpus)]
    ours, theirs = speed(strings)
    print(f"(3) per string on the {len(strings)} corpus strings (median / p99 / max):"
          f" parse_date {ours[0]:.1f} / {ours[1]:.1f} / {ours[2]:.1f} µs,"
          f" dateparser.parse(languages=['id']) {theirs[0]:.1f} / {theirs[1]:.1f} / {theirs[2]:.1f} µs,"
          f" median ratio {theirs[0] / ours[0]:.0f}x")
    print(f"  [{'PASS' if ours[2] <= 5000 else 'FAIL'}] max per corpus string <= 5 ms: {ours[2] / 1000:.3f} ms")
    rows = page_strings(all_pages)
    (median, p99, worst), sent = wider_speed(rows)
    print(f"(3b) every string find_page_times parses on those pages ({len(rows)} distinct):"
          f" parse_detailed median {median:.1f} µs, p99 {p99:.1f} µs, max {worst / 1000:.2f} ms;"
          f" {len(sent)} reach dateparser:")
    for norm, ms, answer in sorted(sent, key=lambda x: -x[1]):
        print(f"  {ms:6.2f} ms  {norm!r} -> {answer}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
