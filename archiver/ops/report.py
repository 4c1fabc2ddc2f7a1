"""Archive statistics (``archiver stats``) and the self-contained HTML report (``archiver report``).

Both show near-duplicate clusters per site pair (who republishes whom) from
:func:`archiver.storage.reader.cluster_pairs`.

The report is one HTML file with inline CSS and inline SVG (see
:mod:`archiver.ops.charts`), no scripts and a Content-Security-Policy that forbids
any external load, so it opens offline, can be mailed or archived, and never
phones home.  Figures come from the archive (through :mod:`archiver.storage.reader`) and the
run records under ``<archive>/runs/``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any

from archiver.ops.charts import coverage_svg, daily_bars_svg, site_color
from archiver.ops.runs import load_runs
from archiver.storage import reader
from archiver.storage.atomic import atomic_file

TZ = "Asia/Jakarta"  # days are WIB days: what an Indonesian newsroom calls "today"
UNKNOWN_DAY = "unknown"
COVERAGE_FIELDS: tuple[str, ...] = ("title", "body", "published_at", "authors")
CHART_DAYS = 60  # the per-day charts show at most this many days (ending at the newest day)


def archive_stats(archive: Path, tz: str = TZ) -> list[dict[str, Any]]:
    """Per site, per publication day (in ``tz``): distinct articles and stored rows (versions).

    ``day`` is ``YYYY-MM-DD``, or ``"unknown"`` for rows without ``published_at``
    (sorted last within their site).  Empty list for an empty archive.
    """
    return [{**row, "day": row["day"].isoformat() if row["day"] else UNKNOWN_DAY} for row in reader.daily_counts(archive, tz)]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- archiver stats -----------------------------------------------------------------------------


# --- archiver report ----------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2933}
header{background:#1f2933;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#cbd2d9}
main{max-width:960px;margin:0 auto;padding:16px 24px 48px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px 20px;margin:16px 0}
h2{font-size:17px;margin:0 0 12px}h3{font-size:14px;margin:14px 0 2px}h3 small{color:#7b8794;font-weight:normal}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:10px}
.card{background:#f4f5f7;border-radius:6px;padding:10px 12px}.card b{display:block;font-size:17px;white-space:nowrap}.card span{color:#52606d;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e4e7eb;text-align:right}
th:first-child,td:first-child,.l{text-align:left}th{color:#52606d;font-weight:600}
.ok{color:#1e7b34}.partial{color:#b7791f}.bad{color:#c0392b}.muted{color:#7b8794}
svg .grid{stroke:#e4e7eb;stroke-width:1}svg text{font-size:11px;fill:#52606d}svg .site-label{font-size:13px;fill:#1f2933}
svg .legend{font-size:12px;fill:#1f2933}svg .value{font-size:11px}
"""


def _fmt_int(n: Any) -> str:
    return f"{int(n or 0):,}".replace(",", "\u202f")


def _fmt_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def _chart_days(rows: list[dict[str, Any]]) -> list[date]:
    known = sorted({date.fromisoformat(r["day"]) for r in rows if r["day"] != UNKNOWN_DAY})
    if not known:
        return []
    first = max(known[0], known[-1] - timedelta(days=CHART_DAYS - 1))
    return [first + timedelta(days=i) for i in range((known[-1] - first).days + 1)]


def _cards(totals: dict[str, Any], runs: list[dict[str, Any]]) -> str:
    cards = [("articles", _fmt_int(totals["articles"])), ("stored versions", _fmt_int(totals["versions"])),
             ("sites", _fmt_int(totals["sites"])), ("first publication day", totals["first_day"] or "–"),
             ("last publication day", totals["last_day"] or "–"),
             ("Parquet files", _fmt_int(totals["files"])), ("on disk", _fmt_bytes(totals["bytes"])), ("runs recorded", _fmt_int(len(runs)))]
    body = "".join(f'<div class="card"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for k, v in cards)
    return f'<section id="totals"><h2>Totals</h2><div class="cards">{body}</div></section>'


def _daily_section(rows: list[dict[str, Any]]) -> str:
    days = _chart_days(rows)
    sites = sorted({r["site"] for r in rows})
    if not sites:
        return '<section id="per-day"><h2>Articles per day</h2><p class="muted">The archive holds no articles yet.</p></section>'
    parts = [f'<section id="per-day"><h2>Articles per day <small class="muted">(publication day, {TZ}; '
             f'{len(days)} days shown)</small></h2>']
    for i, site in enumerate(sites):
        mine = [r for r in rows if r["site"] == site]
        counts = {date.fromisoformat(r["day"]): r["articles"] for r in mine if r["day"] != UNKNOWN_DAY}
        unknown = sum(r["articles"] for r in mine if r["day"] == UNKNOWN_DAY)
        shown = sum(n for d, n in counts.items() if d in set(days))
        older = sum(counts.values()) - shown
        notes = [f"{_fmt_int(shown)} in range"]
        if older:
            notes.append(f"{_fmt_int(older)} earlier")
        if unknown:
            notes.append(f"{_fmt_int(unknown)} without date")
        parts.append(f'<h3>{escape(site)} <small>{escape(", ".join(notes))}</small></h3>')
        parts.append(daily_bars_svg(site, days, counts, site_color(i)))
    parts.append("</section>")
    return "".join(parts)


def _coverage_section(coverage: list[dict[str, Any]]) -> str:
    if not coverage:
        return ""
    head = "".join(f"<th>{escape(f)}</th>" for f in COVERAGE_FIELDS)
    body = "".join(
        f'<tr><td>{escape(r["site"])}</td><td>{_fmt_int(r["articles"])}</td>'
        + "".join(f"<td>{r[f]:.1%}</td>" for f in COVERAGE_FIELDS) + "</tr>"
        for r in coverage
    )
    return (f'<section id="coverage"><h2>Field coverage <small class="muted">(share of current articles holding the field)</small></h2>'
            f"{coverage_svg(coverage, COVERAGE_FIELDS)}"
            f"<table><thead><tr><th>site</th><th>articles</th>{head}</tr></thead><tbody>{body}</tbody></table></section>")


def _clusters_section(pairs: list[dict[str, Any]]) -> str:
    """Who republishes whom: near-duplicate clusters per (site that published first, site with a copy)."""
    head = ('<section id="clusters"><h2>Syndication <small class="muted">(near-duplicate clusters per site pair, '
            "current versions)</small></h2>")
    if not pairs:
        return head + '<p class="muted">No story is stored by two sites.</p></section>'
    rows = "".join(f'<tr><td>{escape(str(p["source"]))}</td><td class="l">{escape(str(p["copy"]))}</td>'
                   f'<td>{_fmt_int(p["clusters"])}</td><td>{_fmt_int(p["copies"])}</td></tr>' for p in pairs)
    return (head + '<table><thead><tr><th>first published by</th><th class="l">copied by</th><th>clusters</th>'
            f"<th>copies</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _utc_text(value: Any) -> str:
    """``2025-03-10 01:30:00 UTC`` from a record's ISO time (the raw text if it does not parse)."""
    try:
        return f"{datetime.fromisoformat(str(value)).astimezone(timezone.utc):%Y-%m-%d %H:%M:%S} UTC"
    except ValueError:
        return str(value)


def _exit_class(code: Any) -> str:
    return {0: "ok", 3: "partial"}.get(code, "bad")


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "–"


def _last_run_section(runs: list[dict[str, Any]]) -> str:
    if not runs:
        return '<section id="last-run"><h2>Last run</h2><p class="muted">No run recorded yet.</p></section>'
    run = runs[0]
    code = run.get("exit_code")
    head = (f'<p>Run <code>{escape(str(run.get("run_id")))}</code>, {escape(_utc_text(run.get("start")))} → {escape(_utc_text(run.get("end")))} '
            f'({float(run.get("duration_s") or 0):.0f} s), finish reason <b>{escape(str(run.get("finish_reason")))}</b>, '
            f'exit <b class="{_exit_class(code)}">{escape(str(code))} {escape(str(run.get("exit", "")))}</b>.</p>')
    rows = "".join(
        f'<tr class="{"bad" if s.get("failed") else ""}"><td>{escape(str(s.get("site")))}</td>'
        + "".join(f"<td>{_fmt_int(s.get(k))}</td>" for k in ("pages", "articles_new", "articles_updated", "duplicates", "skipped_known"))
        + f'<td class="l">{escape(_kinds(s.get("errors") or {}))}</td><td class="l">{escape(_kinds(s.get("blocked") or {}))}</td>'
        + f'<td class="l">{escape(s.get("impersonate") or "–")}</td></tr>'
        for s in run.get("sites") or []
    )
    table = ("<table><thead><tr><th>site</th><th>pages</th><th>new</th><th>updated</th><th>duplicates</th><th>skipped known</th>"
             f'<th class="l">errors</th><th class="l">blocked</th><th class="l">impersonated</th></tr></thead><tbody>{rows}</tbody></table>')
    return f'<section id="last-run"><h2>Last run</h2>{head}{table}{_blocked_sites(run.get("sites") or [])}</section>'


def _blocked_sites(sites: list[dict[str, Any]]) -> str:
    """The last run's blocked sites, each with whether its requests impersonated a browser (what to try next differs)."""
    blocked = [s for s in sites if s.get("blocked")]
    if not blocked:
        return ""
    items = "".join(
        f'<li><b>{escape(str(s.get("site")))}</b>: {escape(_kinds(s["blocked"]))}; '
        + (f'impersonating <b>{escape(s["impersonate"])}</b>' if s.get("impersonate") else "not impersonated") + "</li>"
        for s in blocked
    )
    return ('<div id="blocked-sites"><h3>Blocked sites</h3>'
            f'<ul>{items}</ul><p class="muted">A site blocked without impersonation may answer with <code>impersonate = "chrome"</code> '
            "in its config or <code>-s ARCHIVER_IMPERSONATE=chrome</code>; one blocked even so may need a proxy "
            "(README, &ldquo;Blocked sites&rdquo;).</p></div>")


def _history_section(runs: list[dict[str, Any]], limit: int = 15) -> str:
    if len(runs) < 2:
        return ""
    rows = "".join(
        f'<tr><td>{escape(str(r.get("start", ""))[:19].replace("T", " "))}</td><td>{float(r.get("duration_s") or 0):.0f} s</td>'
        f'<td class="{_exit_class(r.get("exit_code"))}">{escape(str(r.get("exit_code")))} {escape(str(r.get("exit", "")))}</td>'
        + "".join(f"<td>{_fmt_int((r.get('totals') or {}).get(k))}</td>" for k in ("pages", "articles_new", "articles_updated", "errors", "blocked"))
        + "</tr>"
        for r in runs[:limit]
    )
    return ('<section id="history"><h2>Recent runs <small class="muted">(UTC)</small></h2><table><thead><tr><th>start</th><th>duration</th>'
            f"<th>exit</th><th>pages</th><th>new</th><th>updated</th><th>errors</th><th>blocked</th></tr></thead><tbody>{rows}</tbody></table></section>")


def render_report(archive: Path, *, now: datetime | None = None) -> str:
    """The report page as a string (see :func:`write_report`)."""
    now = now or datetime.now(timezone.utc)
    rows = archive_stats(archive)
    runs = load_runs(archive, limit=50)
    title = f"archiver report — {Path(archive).resolve().name}"
    totals = reader.totals(archive, TZ)
    totals.update(first_day=_day(totals["first_day"]), last_day=_day(totals["last_day"]))
    body = (_cards(totals, runs) + _daily_section(rows) + _coverage_section(reader.field_coverage(archive, COVERAGE_FIELDS))
            + _clusters_section(reader.cluster_pairs(archive)) + _last_run_section(runs) + _history_section(runs))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title><style>{_CSS}</style></head>'
        f'<body><header><h1>{escape(title)}</h1><p>{escape(str(Path(archive).resolve()))} · generated {now:%Y-%m-%d %H:%M} UTC</p></header>'
        f'<main>{body}</main><footer id="report-complete" hidden></footer></body></html>\n'
    )


def write_report(archive: Path, out: Path) -> None:
    """Write the self-contained HTML report of ``archive`` to ``out`` (temp file + rename)."""
    page = render_report(Path(archive))
    with atomic_file(out) as handle:
        handle.write(page)
