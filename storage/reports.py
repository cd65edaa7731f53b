"""Read-side queries for the digest and the run summary; the SQL lives in `queries/*.sql`."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

QUERIES = Path(__file__).parent / "queries"
VOLUME_DAYS = 14
INCLUDE = re.compile(r"^-- @include (\S+\.part\.sql)$", re.MULTILINE)


def query_text(name: str) -> str:
    """The SQL of `queries/NAME.sql`, each `-- @include X.part.sql` line replaced by that file (CTEs
    several queries share, written once)."""
    sql = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    return INCLUDE.sub(lambda m: (QUERIES / m[1]).read_text(encoding="utf-8"), sql)


def as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query, each a dict keyed by column name."""
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return as_dicts(con.execute(query_text(name), params))


def _execute(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> None:
    con.execute(query_text(name), params)


def volume_days(day: date) -> list[date]:
    """The local days the volume chart covers, oldest first, ending with `day`."""
    return [day - timedelta(days=n) for n in range(VOLUME_DAYS - 1, -1, -1)]


def digest_data(con: duckdb.DuckDBPyConnection, *, day: date, tz: str) -> dict[str, list[dict[str, Any]]]:
    """Everything the digest of `day` (local midnight to midnight in `tz`) shows; `volume` covers `volume_days`.

    The current topic tags of the chart's days are read once, into the temporary table the topic
    queries share (digest_topic_rows.sql), dropped before returning."""
    window = {"start": _midnight(day, tz), "end": _midnight(day + timedelta(days=1), tz)}
    days = volume_days(day)
    history = {"first_day": days[0], "last_day": days[-1], "tz": tz}
    _execute(con, "digest_topic_rows", {"window_start": _midnight(days[0], tz), "window_end": window["end"]})
    try:
        return {
            "topics": _query(con, "digest_topics", {**window, "trail_start": _midnight(day - timedelta(days=7), tz)}),
            "claims": _query(con, "digest_claims", window),
            "actors": _query(con, "digest_actors", {**window, "limit": 10}),
            "figures": _query(con, "digest_figures", {**window, "limit": 8}),
            "headlines": _query(con, "digest_headlines", {**window, "limit": 20}),
            "languages": _query(con, "digest_languages", window),
            "volume": _query(con, "digest_volume", history),
        }
    finally:
        con.execute("DROP TABLE IF EXISTS digest_topic_rows")


def _midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz))


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Counts for the run summary: articles, analysed articles, actors, claims, topic tags, failing feeds, and
    articles whose current content failed analysis and has none (`newsmon status` shows why)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM current_analyses), "
        "(SELECT count(DISTINCT name) FROM actors JOIN current_analyses USING (article_id, pipeline_version)), "
        "(SELECT count(DISTINCT claim_key) FROM tariff_claims JOIN current_analyses "
        "USING (article_id, pipeline_version)), "
        "(SELECT count(*) FROM topics JOIN current_analyses USING (article_id, pipeline_version)), "
        "(SELECT count(*) FROM feeds WHERE last_error IS NOT NULL), "
        "(SELECT count(DISTINCT e.article_id) FROM analysis_errors e JOIN articles a USING (article_id, content_hash) "
        " WHERE NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.article_id "
        " AND x.content_hash = a.content_hash))"
    ).fetchall()[0]
    keys = ("articles", "analysed", "actors", "tariff_claims", "topic_tags", "failing_feeds", "analysis_errors")
    return dict(zip(keys, (int(v) for v in row), strict=True))


def run_sql(con: duckdb.DuckDBPyConnection, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """An analyst's query on a read-only connection: column names and rows."""
    cursor = con.execute(query)
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


def feed_health(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One row per feed: what `newsmon feeds` shows."""
    return run_sql(con, query_text("feed_health"))
