"""Open the DuckDB file: read-write (migrated), read-only, or read-only and sealed for analysts.

DuckDB lets one process write a file or many read it, never both; whoever meets the other's lock
waits up to `lock_wait` seconds (saying so once), so a run and an analyst's query take turns."""

from __future__ import annotations

import logging
import random
import re
import time
from pathlib import Path
from typing import Any

import duckdb

from storage.errors import DatabaseLockedError, StorageError
from storage.migrate import migrate

log = logging.getLogger(__name__)

DEFAULT_LOCK_WAIT = 30.0
RETRY_EVERY = 0.05  # seconds between attempts on a locked file, jittered so waiters do not march in step
# what `newsmon sql` may not do: read or write files, install or load extensions, change settings
SEALED = {"enable_external_access": False, "autoinstall_known_extensions": False,
          "autoload_known_extensions": False}
_PID = re.compile(r"\(PID (\d+)\)")


def _is_lock(e: duckdb.Error) -> bool:
    return isinstance(e, duckdb.IOException) and "lock" in str(e).lower()


def _open(path: Path, *, read_only: bool, lock_wait: float, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    """Connect, retrying while another process holds a conflicting lock, for at most `lock_wait` s."""
    deadline = time.monotonic() + max(lock_wait, 0.0)
    waited = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as e:
            if not _is_lock(e):
                raise StorageError(f"cannot open database {path}: {str(e).splitlines()[0]}") from e
            holder = _PID.search(str(e))
            who = f"process {holder[1]}" if holder else "another process"
            if time.monotonic() >= deadline:
                raise DatabaseLockedError(
                    f"database {path} is locked by {who} (a running `newsmon run` or an open DuckDB client?)"
                    f"{f' and stayed locked for {lock_wait:g} s' if waited else ''}; close that client or "
                    "let the run finish, or wait longer with [storage] lock_wait (NEWSMON_STORAGE__LOCK_WAIT)"
                ) from e
            if not waited:
                log.warning("waiting for the database lock held by %s… (up to %g s, [storage] lock_wait)",
                            who, lock_wait)
                waited = True
            time.sleep(min(RETRY_EVERY * random.uniform(0.5, 1.5), max(deadline - time.monotonic(), 0.0)))


def connect(path: str | Path, *, read_only: bool = False,
            lock_wait: float = DEFAULT_LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """Open `path` in UTC; a read-write connection first applies pending migrations."""
    path = Path(path)
    if read_only and not path.exists():
        raise StorageError(f"database {path} does not exist yet: run `newsmon run` or `newsmon ingest` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=read_only, lock_wait=lock_wait, config={})
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        migrate(con)
    return con


def connect_sealed(path: str | Path, *, lock_wait: float = DEFAULT_LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """Read-only in every sense, for analysts' SQL: no file access (COPY, EXPORT, ATTACH, read_csv),
    no extensions, and settings locked so a query cannot undo any of it."""
    path = Path(path)
    if not path.exists():
        raise StorageError(f"database {path} does not exist yet: run `newsmon run` or `newsmon ingest` first")
    con = _open(path, read_only=True, lock_wait=lock_wait, config=SEALED)
    # the time zone before the lock (it is not a connect option: ICU loads after the config is read)
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET lock_configuration = true")
    return con


class WriteTurns:
    """Read-write connections taken in turns, for a writer with many small writes (ingest): each is held
    at most `hold` seconds, closed, and the next opened no sooner than `pause` seconds later, so a reader
    or writer waiting on the lock (it retries every RETRY_EVERY s or so) gets in between."""

    def __init__(self, path: str | Path, *, lock_wait: float = DEFAULT_LOCK_WAIT, hold: float = 0.5,
                 pause: float = 3 * RETRY_EVERY) -> None:
        self.path, self.lock_wait, self.hold, self.pause = Path(path), lock_wait, hold, pause
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = self._closed = float("-inf")

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection, or a new one once the last was held `hold` seconds."""
        if self._con is not None and time.monotonic() - self._opened > self.hold:
            self.release()
        if self._con is None:
            time.sleep(max(self._closed + self.pause - time.monotonic(), 0.0))
            self._con = connect(self.path, lock_wait=self.lock_wait)
            self._opened = time.monotonic()
        return self._con

    def release(self) -> None:
        """Close now; the next `connection()` opens a new one, `pause` seconds on."""
        if self._con is not None:
            self._con.close()
            self._con = None
            self._closed = time.monotonic()

    def __enter__(self) -> WriteTurns:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
