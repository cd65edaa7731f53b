"""Open the DuckDB file, read-write (migrated) or read-only."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from storage.errors import DatabaseLockedError, StorageError
from storage.migrate import migrate

log = logging.getLogger(__name__)


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open `path` in UTC; a read-write connection first applies pending migrations."""
    path = Path(path)
    if read_only and not path.exists():
        raise StorageError(f"database {path} does not exist yet: run `newsmon run` or `newsmon ingest` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as e:
        if "lock" in str(e).lower():
            raise DatabaseLockedError(
                f"database {path} is locked by another process (a running `newsmon run` or an open "
                "DuckDB client?); wait for it to finish and try again"
            ) from e
        raise StorageError(f"cannot open database {path}: {e}") from e
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        migrate(con)
    return con
