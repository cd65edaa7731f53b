"""DuckDB storage: the only package that speaks SQL."""

from storage.db import connect
from storage.errors import DatabaseLockedError, MigrationError, StorageError

__all__ = ["DatabaseLockedError", "MigrationError", "StorageError", "connect"]
