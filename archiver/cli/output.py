"""How commands print rows: a table sized to the terminal, plain TSV into a pipe, JSON on request.

A person at a terminal reads a table that fits its width (long cells end in
"…", headers never wrap); a shell script reading the output through a pipe
gets one tab-separated line per row with a header line, which ``cut``,
``sort`` and ``awk`` read; ``--json`` gives the rows as a JSON array.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Sequence, TextIO


@dataclass(frozen=True)
class Column:
    """One output column: a row key, its header, and how a terminal shows it."""

    key: str
    header: str | None = None
    justify: str = "left"
    wrap: bool = False  # long text may fold over lines (else it is cut with an ellipsis)
    optional: int = 0  # on a narrow terminal, columns with the highest number are left out first

    @property
    def title(self) -> str:
        return self.header or self.key


def print_json(value: Any, out: TextIO | None = None) -> None:
    """``value`` as indented UTF-8 JSON (dates as ISO 8601)."""
    out = out or sys.stdout
    json.dump(value, out, ensure_ascii=False, indent=2, default=_json_default)
    out.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def cell(value: Any) -> str:
    """A value as one line of text: lists joined by ", ", None empty, times in ISO form."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return " ".join(str(value).split())


def is_terminal(out: TextIO | None = None) -> bool:
    try:
        return (out or sys.stdout).isatty()
    except (AttributeError, ValueError):
        return False


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *, as_json: bool = False, title: str | None = None,
         empty: str = "nothing to show", footer: str | None = None, out: TextIO | None = None) -> None:
    """Print ``rows``: JSON, a terminal table, or TSV (see the module docstring).

    ``empty`` goes to stderr when there are no rows (stdout stays parseable);
    ``footer`` (e.g. "12 of 37 shown") is printed under a terminal table and to stderr otherwise.
    """
    out = out or sys.stdout
    if as_json:
        print_json(list(rows), out)
        return
    if not rows:
        print(empty, file=sys.stderr)
        return
    if not is_terminal(out):
        out.write("\t".join(c.title for c in columns) + "\n")
        for row in rows:
            out.write("\t".join(cell(row.get(c.key)).replace("\t", " ") for c in columns) + "\n")
        if footer:
            print(footer, file=sys.stderr)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out)
    shown = fitting(rows, columns, console.width)
    table = Table(title=title, header_style="bold", title_justify="left")
    for column in shown:
        table.add_column(column.title, justify=column.justify, no_wrap=not column.wrap, min_width=len(column.title),
                         overflow="fold" if column.wrap else "ellipsis")
    for row in rows:
        table.add_row(*(cell(row.get(c.key)) for c in shown))
    console.print(table)
    left_out = [c.title for c in columns if c not in shown]
    notes = [footer] if footer else []
    if left_out:
        notes.append(f"not shown at this width: {', '.join(left_out)} (see --json, or a wider terminal)")
    for note in notes:
        console.print(note, style="dim")


def fitting(rows: Sequence[dict[str, Any]], columns: Sequence[Column], width: int) -> list[Column]:
    """The columns that fit ``width`` with whole headers and a few characters of every cell."""
    kept = list(columns)

    def need(cols: list[Column]) -> int:
        widths = [max(len(c.title), min(12, max((len(cell(r.get(c.key))) for r in rows), default=0))) for c in cols]
        return sum(widths) + 3 * len(cols) + 1  # rich's padding and borders

    while need(kept) > width and any(c.optional for c in kept):
        drop = max(kept, key=lambda c: (c.optional, kept.index(c)))
        kept.remove(drop)
    return kept
