"""Hand a batch of rows to DuckDB as an Arrow table: one statement per batch, never per row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict[str, Any]],
               schema: pa.Schema) -> Iterator[None]:
    """Expose `rows` as the relation `name` for the statements run inside the block."""
    con.register(name, pa.Table.from_pylist(rows, schema=schema))
    try:
        yield
    finally:
        con.unregister(name)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All-or-nothing: a crash or error inside leaves the database as it was."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
