"""Tables on a narrow terminal: lines fit, headers stay whole, cut cells end in "…", left-out columns are named."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone

import pytest

from archiver.cli.data import RUN_COLUMNS
from archiver.cli.output import Column, emit
from archiver.ops.runs import run_record, run_rows
from archiver.outcome import CrawlOutcome, SiteOutcome


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def text(self) -> str:
        """What the terminal shows (styles taken off)."""
        return re.sub(r"\x1b\[[0-9;]*m", "", self.getvalue())


def _runs() -> list[dict[str, object]]:
    start = datetime(2026, 12, 3, 6, 30, tzinfo=timezone.utc)
    sites = [SiteOutcome(name, pages=4821, articles_new=312, skipped_known=2219, errors={"http_500": 3, "timeout": 12})
             for name in ("detik", "kompas", "tribunnews", "cnnindonesia", "antaranews")]
    outcome = CrawlOutcome("20261203T063000-4f9a2c", start, start + timedelta(minutes=5), "finished", sites)
    return [run_record(outcome)]


@pytest.mark.parametrize("width", [80, 120])
def test_runs_fit_the_terminal_with_whole_headers(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = _Terminal()
    emit(run_rows(_runs()), RUN_COLUMNS, out=out)
    lines = out.text().splitlines()
    assert lines and all(len(line) <= width for line in lines)
    header = next(line for line in lines if "start" in line)
    shown = [c for c in RUN_COLUMNS if f" {c.title} " in header]
    assert {"start", "status", "pages", "new"} <= {c.title for c in shown}
    left_out = [c.title for c in RUN_COLUMNS if c not in shown]
    note = [line for line in lines if "not shown at this width" in line]
    assert bool(note) == bool(left_out) and all(title in note[0] for title in left_out)


def test_a_long_cell_ends_in_an_ellipsis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    url = "https://regional.kompas.com/read/2026/12/03/061500778/pemerintah-provinsi-sulawesi-selatan-tetapkan-tanggap-darurat"
    out = _Terminal()
    emit([{"id": "a1", "url": url}], [Column("id"), Column("url")], out=out)
    text = out.text()
    assert "…" in text and url not in text and all(len(line) <= 60 for line in text.splitlines())
