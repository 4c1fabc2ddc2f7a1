"""Reading the archive back: all rows, current versions, and the figures reports show.

Every row is one stored version of an article; readers that want one row per
article take the highest ``version`` per ``article_id``.  The same rule makes
compaction safe: during its short window a reader may see a row in the old
and in the new file, and de-duplicating on (article_id, version) removes it.
Every query of the archive (``stats``, ``report``, the demo's summary) is here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from archiver.storage.layout import ARTICLES_DIR, articles_glob, has_articles, parquet_files
from archiver.storage.schema import ARTICLE_SCHEMA, FILE_SCHEMA, PARTITION_SCHEMA

if TYPE_CHECKING:
    import pyarrow.dataset

READ_SCHEMA: pa.Schema = pa.schema(list(ARTICLE_SCHEMA) + [pa.field("month", pa.string())], metadata=ARTICLE_SCHEMA.metadata)
"""What the readers return: every Article column (site included) plus ``month``."""


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def rows_sql(root: str | os.PathLike[str]) -> str:
    """DuckDB SQL selecting every stored row (every version), partition columns included."""
    return f"SELECT * FROM read_parquet({_sql_str(articles_glob(root))}, hive_partitioning = true, union_by_name = true)"


def current_articles_sql(root: str | os.PathLike[str]) -> str:
    """DuckDB SQL selecting the latest version of each article (one row per article_id)."""
    return (rows_sql(root) + "\n"
            "QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC, fetched_at DESC NULLS LAST) = 1")


def dataset(root: str | os.PathLike[str]) -> pyarrow.dataset.Dataset:
    """The archive as a pyarrow dataset with string partition columns ``site`` and ``month``."""
    import pyarrow.dataset as ds  # imported on use: it imports pandas, and a crawl never reads this way

    part = ds.partitioning(PARTITION_SCHEMA, flavor="hive")
    schema = pa.unify_schemas([FILE_SCHEMA, PARTITION_SCHEMA])
    return ds.dataset(os.path.join(os.fspath(root), ARTICLES_DIR), format="parquet", partitioning=part, schema=schema)


def read_archive(root: str | os.PathLike[str]) -> pa.Table:
    """All rows (every version), columns in :data:`READ_SCHEMA` order; empty table for an empty archive."""
    if not has_articles(root):
        return READ_SCHEMA.empty_table()
    return dataset(root).to_table().select(READ_SCHEMA.names).cast(READ_SCHEMA)


def query(root: str | os.PathLike[str], sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` in DuckDB, where ``{rows}`` / ``{current}`` stand for all rows / current versions."""
    import duckdb

    text = sql.format(rows=f"({rows_sql(root)})", current=f"({current_articles_sql(root)})")
    with duckdb.connect() as con:
        return con.execute(text, params or []).fetchall()


def read_current(root: str | os.PathLike[str]) -> pa.Table:
    """Latest version per article_id, as Arrow, columns in :data:`READ_SCHEMA` order."""
    if not has_articles(root):
        return READ_SCHEMA.empty_table()
    import duckdb

    with duckdb.connect() as con:
        table = con.sql(current_articles_sql(root)).arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    return table.select(READ_SCHEMA.names).cast(READ_SCHEMA)


def daily_counts(root: str | os.PathLike[str], tz: str = "Asia/Jakarta") -> list[dict[str, Any]]:
    """Per site, per publication day in ``tz``: distinct articles and stored rows (versions).

    ``day`` is a :class:`datetime.date`, or None for rows without ``published_at``
    (sorted last within their site).  Empty list for an empty archive.
    """
    if not has_articles(root):
        return []
    sql = ("SELECT site, CAST(timezone(?, published_at) AS DATE) AS day, count(DISTINCT article_id), count(*) "
           "FROM {rows} GROUP BY ALL ORDER BY site, day NULLS LAST")
    return [{"site": s, "day": d, "articles": a, "versions": v} for s, d, a, v in query(root, sql, [tz])]


def field_coverage(root: str | os.PathLike[str], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per site: current articles and the share (0..1) of them holding each of ``fields``."""
    if not has_articles(root):
        return []
    shares = ", ".join(f"avg(CASE WHEN {_present(f)} THEN 1 ELSE 0 END)" for f in fields)
    sql = f"SELECT site, count(*), {shares} FROM {{current}} GROUP BY site ORDER BY site"
    return [dict(zip(("site", "articles", *fields), row)) for row in query(root, sql)]


def _present(column: str) -> str:
    """SQL: the column holds a value (a non-blank string, a non-empty list, any other non-null)."""
    kind = ARTICLE_SCHEMA.field(column).type
    if pa.types.is_string(kind):
        return f"trim(coalesce({column}, '')) <> ''"
    if pa.types.is_list(kind):
        return f"len(coalesce({column}, [])) > 0"
    return f"{column} IS NOT NULL"


def totals(root: str | os.PathLike[str], tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """Articles, stored versions, sites, first/last publication day, Parquet files and bytes."""
    files = parquet_files(root)
    out: dict[str, Any] = {"articles": 0, "versions": 0, "sites": 0, "first_day": None, "last_day": None,
                           "files": len(files), "bytes": sum(os.path.getsize(f) for f in files)}
    if files:
        sql = ("SELECT count(DISTINCT article_id), count(*), count(DISTINCT site), "
               "min(CAST(timezone(?, published_at) AS DATE)), max(CAST(timezone(?, published_at) AS DATE)) FROM {rows}")
        out.update(zip(("articles", "versions", "sites", "first_day", "last_day"), query(root, sql, [tz, tz])[0]))
    return out


def newest(root: str | os.PathLike[str], limit: int, tz: str = "Asia/Jakarta") -> list[dict[str, Any]]:
    """The ``limit`` most recently published current articles (published time in ``tz``)."""
    if not has_articles(root):
        return []
    sql = ("SELECT timezone(?, published_at), site, section, title, word_count FROM {current} "
           "ORDER BY published_at DESC NULLS LAST LIMIT ?")
    keys = ("published_at", "site", "section", "title", "word_count")
    return [dict(zip(keys, row)) for row in query(root, sql, [tz, limit])]


def selection(root: str | os.PathLike[str], *, current: bool = False, sites: tuple[str, ...] = (),
              since: Any = None, until: Any = None, words: tuple[str, ...] = ()) -> tuple[str, list[Any]]:
    """DuckDB SQL (and its parameters) for the archive's rows, filtered.

    ``current``: the latest version of each article only; ``sites``: these site ids;
    ``since``/``until``: published at or after / before these instants; ``words``: each word
    in the title or body (case-insensitive).
    """
    conditions: list[str] = []
    params: list[Any] = []
    if sites:
        conditions.append(f"site IN ({', '.join('?' for _ in sites)})")
        params += list(sites)
    if since is not None:
        conditions.append("published_at >= ?")
        params.append(since)
    if until is not None:
        conditions.append("published_at < ?")
        params.append(until)
    for word in words:
        conditions.append("(title ILIKE ? OR body ILIKE ?)")
        params += [f"%{word}%", f"%{word}%"]
    source = current_articles_sql(root) if current else rows_sql(root)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT * FROM ({source}){where}", params


def versions_of(root: str | os.PathLike[str], key: str) -> list[dict[str, Any]]:
    """Every stored version of the article ``key`` names (its article_id, URL, fetched URL or an alias), newest first."""
    if not has_articles(root):
        return []
    sql = (f"SELECT * FROM ({rows_sql(root)}) WHERE article_id = ? OR url = ? OR fetched_url = ? "
           "OR list_contains(aliases, ?) ORDER BY version DESC, fetched_at DESC")
    import duckdb

    with duckdb.connect() as con:
        con.execute("SET TimeZone = 'UTC'")
        cursor = con.execute(sql, [key, key, key, key])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


_CLUSTERED = ("SELECT site, article_id, coalesce(cluster_id, article_id) AS cluster, "
              "arg_min(article_id, coalesce(published_at, fetched_at)) OVER (PARTITION BY coalesce(cluster_id, article_id)) "
              "AS first_id FROM {current}")


def cluster_pairs(root: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Who republishes whom: per (site of a cluster's earliest member, site of another member), clusters and copies.

    Current versions only; a row without a cluster (older schema) is a cluster of its own.
    """
    if not has_articles(root):
        return []
    sql = (f"WITH c AS ({_CLUSTERED}), f AS (SELECT cluster, site AS source FROM c WHERE article_id = first_id) "
           "SELECT f.source, c.site AS copy, count(DISTINCT c.cluster), count(*) FROM c JOIN f USING (cluster) "
           "WHERE c.article_id <> c.first_id GROUP BY ALL ORDER BY 4 DESC, 1, 2")
    return [dict(zip(("source", "copy", "clusters", "copies"), row)) for row in query(root, sql)]


def cluster_members(root: str | os.PathLike[str], cluster: str) -> list[dict[str, Any]]:
    """The current articles of a cluster, earliest published first (the first is who published first:
    the same answer as ``clusters/first.parquet`` gives, computed from the rows)."""
    if not has_articles(root):
        return []
    sql = ("SELECT article_id, site, published_at, similarity, title, url FROM {current} "
           "WHERE coalesce(cluster_id, article_id) = ? ORDER BY published_at NULLS LAST, article_id")
    keys = ("article_id", "site", "published_at", "similarity", "title", "url")
    return [dict(zip(keys, row)) for row in query(root, sql, [cluster])]
