"""Inline SVG charts for the HTML report, drawn in Python.

Why not a JS charting library: the report must open from a file, offline, in
any browser, years later, and pass a strict Content-Security-Policy (no
external URLs, no scripts).  Plain SVG with ``<title>`` tooltips does that.
Every chart element carries a class (``bar``, ``cov-bar``) and ``data-*``
attributes so that tests can count what was drawn.
"""

from __future__ import annotations

from datetime import date
from html import escape

PALETTE = ("#3366cc", "#dc6b19", "#2a9d8f", "#c0392b", "#8e44ad", "#b8860b", "#16a085", "#d35400", "#2c3e50", "#7f8c8d")
FIELD_COLORS = {"title": "#3366cc", "body": "#2a9d8f", "published_at": "#dc6b19", "authors": "#8e44ad"}


def site_color(index: int) -> str:
    """A stable color for the n-th site (sites sorted by id)."""
    return PALETTE[index % len(PALETTE)]


def _nice_max(value: int) -> int:
    """Round an axis maximum up to 1, 2 or 5 × 10^k so grid labels read well."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for mult in (1, 2, 5):
            if value <= mult * step:
                return mult * step
        step *= 10


def daily_bars_svg(site: str, days: list[date], counts: dict[date, int], color: str, *, width: int = 880, height: int = 150) -> str:
    """One bar per day (``days`` is the x axis, shared by all sites so charts line up)."""
    left, right, top, bottom = 44, 28, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max((counts.get(d, 0) for d in days), default=0))
    slot = plot_w / max(len(days), 1)
    bar_w = max(slot * 0.8, 1.0)
    parts = [
        f'<svg class="chart daily" data-site="{escape(site)}" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(site)}: articles per day">'
    ]
    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{round(peak * frac)}</text>')
    for i, day in enumerate(days):
        n = counts.get(day, 0)
        h = plot_h * n / peak
        x = left + i * slot + (slot - bar_w) / 2
        parts.append(
            f'<rect class="bar" data-day="{day.isoformat()}" data-count="{n}" x="{x:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{bar_w:.1f}" height="{h:.1f}" fill="{color}"><title>{escape(site)} {day:%a %d %b %Y}: {n}</title></rect>'
        )
    parts.extend(_day_ticks(days, left, slot, top + plot_h))
    parts.append("</svg>")
    return "".join(parts)


def _day_ticks(days: list[date], left: int, slot: float, baseline: float) -> list[str]:
    """Labels on the first day, on Mondays (when the range is long) and the last day."""
    if not days:
        return []
    every = 1 if len(days) <= 14 else 7
    marks = {0, len(days) - 1}
    marks.update(i for i, d in enumerate(days) if (every == 1 or d.weekday() == 0))
    out = []
    last_x = -1e9
    for i in sorted(marks):
        x = left + (i + 0.5) * slot
        if x - last_x < 48 and i != len(days) - 1:
            continue
        if i == len(days) - 1 and x - last_x < 48 and out:
            out.pop()  # keep the last day's label rather than a crowded neighbour
        out.append(f'<text class="axis" x="{x:.1f}" y="{baseline + 16:.1f}" text-anchor="middle">{days[i]:%d %b}</text>')
        last_x = x
    return out


def coverage_svg(rows: list[dict[str, object]], fields: tuple[str, ...], *, width: int = 880) -> str:
    """Grouped horizontal bars: for each site, the share of rows holding each field."""
    label_w, right, bar_h, gap, group_gap, top = 150, 56, 14, 3, 16, 28
    group_h = len(fields) * (bar_h + gap) + group_gap
    height = top + max(len(rows), 1) * group_h
    plot_w = width - label_w - right
    parts = [f'<svg class="chart coverage" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="field coverage per site">']
    for j, name in enumerate(fields):  # legend
        x = label_w + j * 140
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{FIELD_COLORS.get(name, "#888")}"/>'
                     f'<text class="legend" x="{x + 17}" y="16">{escape(name)}</text>')
    for frac in (0.0, 0.5, 1.0):
        x = label_w + plot_w * frac
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - group_gap + 4}"/>')
    for i, row in enumerate(rows):
        y0 = top + i * group_h
        site = escape(str(row["site"]))
        parts.append(f'<text class="site-label" x="{label_w - 10}" y="{y0 + len(fields) * (bar_h + gap) / 2 + 4:.1f}" '
                     f'text-anchor="end">{site}</text>')
        for j, name in enumerate(fields):
            share = float(row[name])  # type: ignore[arg-type]
            y = y0 + j * (bar_h + gap)
            parts.append(
                f'<rect class="cov-bar" data-site="{site}" data-field="{escape(name)}" data-share="{share:.4f}" '
                f'x="{label_w}" y="{y}" width="{plot_w * share:.1f}" height="{bar_h}" fill="{FIELD_COLORS.get(name, "#888")}">'
                f'<title>{site} {escape(name)}: {share:.1%}</title></rect>'
                f'<text class="value" x="{label_w + plot_w * share + 5:.1f}" y="{y + bar_h - 3}">{share:.0%}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
