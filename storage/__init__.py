"""DuckDB storage: the only package that speaks SQL."""

from storage.db import DEFAULT_LOCK_WAIT, WriteTurns, connect, connect_sealed
from storage.errors import DatabaseLockedError, MigrationError, StorageError

__all__ = ["DEFAULT_LOCK_WAIT", "DatabaseLockedError", "MigrationError", "StorageError", "WriteTurns", "connect",
           "connect_sealed"]
