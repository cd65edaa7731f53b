"""Analysts' SQL (`newsmon sql`): every statement of a call run in turn on the sealed connection,
each with its own result, and DuckDB's refusals turned into one line that names the safe way."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from storage.errors import StorageError

SEALED_HINT = ("`newsmon sql` is read-only: it cannot write or read files, attach databases, load "
               "extensions or change settings; export with --format csv|json|markdown|parquet --output FILE")


class QueryError(StorageError):
    """A statement of an analyst's query failed; the message is DuckDB's first line, or the fix."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementResult:
    sql: str
    table: pa.Table | None  # None: the statement returns no rows (CREATE TEMP TABLE, ...)


def _one_line(e: duckdb.Error, sql: str, number: int, total: int) -> QueryError:
    where = f"statement {number} of {total} ({' '.join(sql.split())[:60]}) " if total > 1 else ""
    text = str(e).splitlines()[0]
    locked = "configuration has been locked" in text
    if isinstance(e, duckdb.PermissionException) or locked:
        return QueryError(f"{where}refused: {text.removeprefix('Permission Error: ')}. {SEALED_HINT}")
    if "read-only mode" in text:
        return QueryError(f"{where}refused: the database is open read-only for analysts ({text})")
    return QueryError(f"{where}failed: {text}")


def split_statements(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """The statements of `query` as DuckDB's parser splits them (semicolons in strings stay)."""
    try:
        statements = [s.query.strip() for s in con.extract_statements(query)]
    except duckdb.Error as e:
        raise _one_line(e, query, 1, 1) from e
    if not statements:
        raise QueryError("no SQL statement given: pass a query such as \"SELECT count(*) FROM articles\"")
    return statements


def run_statements(con: duckdb.DuckDBPyConnection, query: str) -> list[StatementResult]:
    """Run each statement of `query` in order; the first failure stops the rest and names its statement."""
    statements = split_statements(con, query)
    results = []
    for number, sql in enumerate(statements, 1):
        try:
            relation = con.sql(sql)
            table = None if relation is None else relation.to_arrow_table()
        except duckdb.Error as e:
            raise _one_line(e, sql, number, len(statements)) from e
        results.append(StatementResult(sql=sql, table=table))
    return results
