"""Apply `migrations/NNN_name.sql` in order, each in one transaction with its record."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from storage.errors import MigrationError

MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def discover(folder: Path = MIGRATIONS) -> list[Migration]:
    """Migrations on disk, in version order; a misnamed file is an error, not skipped."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path}: migration files are named NNN_name.sql")
        found.append(Migration(version=int(match[1]), name=match[2], sql=path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"{folder}: two migrations share a version number")
    return found


def migrate(con: duckdb.DuckDBPyConnection, folder: Path = MIGRATIONS) -> list[str]:
    """Apply pending migrations; returns their names. Refuses to start if an applied one changed."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied = dict(con.execute("SELECT version, sha256 FROM schema_migrations").fetchall())
    done = []
    for m in discover(folder):
        if m.version in applied:
            if applied[m.version] != m.sha256:
                raise MigrationError(
                    f"migration {m.version:03d}_{m.name}.sql was edited after it was applied; "
                    "add a new numbered migration instead of changing an applied one"
                )
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(m.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?, now())", [m.version, m.name, m.sha256]
            )
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise MigrationError(f"migration {m.version:03d}_{m.name}.sql failed: {e}") from e
        done.append(m.name)
    return done
