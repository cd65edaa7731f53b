"""Typed storage errors whose messages say how to fix the problem."""


class StorageError(Exception):
    """Base class for every error raised by `storage`."""


class DatabaseLockedError(StorageError):
    """Another process holds the DuckDB file's write lock."""


class MigrationError(StorageError):
    """A migration failed or an applied migration file was edited."""
