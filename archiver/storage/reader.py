"""Reading the archive back: all rows, current versions, per-day counts.

Every row is one stored version of an article; readers that want one row per
article take the highest ``version`` per ``article_id``.  The same rule makes
compaction safe: during its short window a reader may see a row in the old
and in the new file, and de-duplicating on (article_id, version) removes it.
"""

from __future__ import annotations

import os

from typing import TYPE_CHECKING

import pyarrow as pa

from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, PARTITION_SCHEMA

if TYPE_CHECKING:
    import pyarrow.dataset

READ_SCHEMA: pa.Schema = pa.schema(list(ARTICLE_SCHEMA) + [pa.field("month", pa.string())], metadata=ARTICLE_SCHEMA.metadata)
"""What the readers return: every Article column (site included) plus ``month``."""


def articles_glob(root: str | os.PathLike[str]) -> str:
    """The glob DuckDB/Polars read: ``<root>/articles/**/*.parquet``."""
    return os.path.join(os.path.abspath(os.fspath(root)), "articles", "**", "*.parquet")


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _has_files(root: str | os.PathLike[str]) -> bool:
    base = os.path.join(os.fspath(root), "articles")
    return any(n.endswith(".parquet") and not n.startswith(".") for _d, _s, names in os.walk(base) for n in names)


def dataset(root: str | os.PathLike[str]) -> pyarrow.dataset.Dataset:
    """The archive as a pyarrow dataset with string partition columns ``site`` and ``month``."""
    import pyarrow.dataset as ds  # imported on use: it imports pandas, and a crawl never reads this way

    part = ds.partitioning(PARTITION_SCHEMA, flavor="hive")
    schema = pa.unify_schemas([FILE_SCHEMA, PARTITION_SCHEMA])
    return ds.dataset(os.path.join(os.fspath(root), "articles"), format="parquet", partitioning=part, schema=schema)


def read_archive(root: str | os.PathLike[str]) -> pa.Table:
    """All rows (every version), columns in :data:`READ_SCHEMA` order; empty table for an empty archive."""
    if not _has_files(root):
        return READ_SCHEMA.empty_table()
    return dataset(root).to_table().select(READ_SCHEMA.names).cast(READ_SCHEMA)


def current_articles_sql(root: str | os.PathLike[str]) -> str:
    """DuckDB SQL selecting the latest version of each article (one row per article_id)."""
    return (
        f"SELECT * FROM read_parquet({_sql_str(articles_glob(root))}, hive_partitioning = true, union_by_name = true)\n"
        "QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC, fetched_at DESC NULLS LAST) = 1"
    )


def read_current(root: str | os.PathLike[str]) -> pa.Table:
    """Latest version per article_id, as Arrow, columns in :data:`READ_SCHEMA` order."""
    if not _has_files(root):
        return READ_SCHEMA.empty_table()
    import duckdb

    with duckdb.connect() as con:
        table = con.sql(current_articles_sql(root)).arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    return table.select(READ_SCHEMA.names).cast(READ_SCHEMA)


def archive_counts(root: str | os.PathLike[str], tz: str = "Asia/Jakarta") -> list[dict[str, object]]:
    """Articles per site per day (publication day in ``tz``, fetched day when unknown).

    Each dict: site, day (datetime.date), articles (distinct article_id),
    rows (all stored versions).  Sorted by site, then day.
    """
    if not _has_files(root):
        return []
    sql = (
        "SELECT site, CAST(timezone(?, coalesce(published_at, fetched_at)) AS DATE) AS day, "
        "count(DISTINCT article_id) AS articles, count(*) AS rows "
        f"FROM read_parquet({_sql_str(articles_glob(root))}, hive_partitioning = true, union_by_name = true) "
        "GROUP BY ALL ORDER BY site, day"
    )
    import duckdb

    with duckdb.connect() as con:
        result = con.execute(sql, [tz]).fetchall()
    return [{"site": s, "day": d, "articles": a, "rows": r} for s, d, a, r in result]
