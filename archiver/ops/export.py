"""``archiver export``: the archive's rows out as JSON lines, CSV or one Parquet file, without writing SQL.

DuckDB streams the selection straight to the output (a file, or standard
output): an archive larger than memory exports in constant memory.  JSON
lines and CSV carry timestamps as ISO 8601 in UTC (``…Z``) and, in CSV, lists
as JSON arrays, so every value reads back unambiguously; Parquet keeps the
archive's own types.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa

from archiver.storage.reader import READ_SCHEMA, selection

FORMATS = ("jsonl", "csv", "parquet")
_DUCKDB_FORMAT = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET, COMPRESSION ZSTD"}


def _column(field: pa.Field, fmt: str) -> str:
    """How one column is written in ``fmt``."""
    name = f'"{field.name}"'
    if fmt == "parquet":
        return name
    if pa.types.is_timestamp(field.type):
        return f"strftime({name}, '%Y-%m-%dT%H:%M:%S.%fZ') AS {name}"
    if fmt == "csv" and pa.types.is_list(field.type):
        return f"to_json({name}) AS {name}"
    return name


def export(root: str | os.PathLike[str], fmt: str, out: Path | None = None, **filters: Any) -> int:
    """Write the selected rows (see :func:`archiver.storage.reader.selection`) to ``out`` (None: stdout).

    Returns the number of rows written.
    """
    import duckdb

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    sql, params = selection(root, **filters)
    columns = ", ".join(_column(f, fmt) for f in READ_SCHEMA)
    # a file is written beside its name and renamed when complete: a killed export leaves no half file
    target = str(out.with_name(f".{out.name}.tmp")) if out is not None else "/dev/stdout"
    if out is None:
        sys.stdout.flush()  # DuckDB writes to the file descriptor itself
    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        target_sql = "'" + target.replace("'", "''") + "'"
        result = con.execute(f"COPY (SELECT {columns} FROM ({sql}) ORDER BY published_at NULLS LAST, article_id, version) "
                             f"TO {target_sql} ({_DUCKDB_FORMAT[fmt]})", params).fetchone()
    if out is not None:
        os.replace(target, out)
    return int(result[0]) if result else 0
