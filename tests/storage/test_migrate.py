"""Schema migrations: applied once, in order, recorded with a checksum, all-or-nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

import storage
from storage import MigrationError, StorageError
from storage.migrate import MIGRATIONS, migrate

SHIPPED = sorted(MIGRATIONS.glob("*.sql"))
NEXT = f"{len(SHIPPED) + 1:03d}"  # the version a new migration would take
_APPLIED = "SELECT version, sha256, applied_at FROM schema_migrations ORDER BY version"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_text(encoding="utf-8").encode()).hexdigest()


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the shipped migrations, free to edit."""
    out = tmp_path / "migrations"
    out.mkdir()
    for path in SHIPPED:
        shutil.copy(path, out / path.name)
    return out


@pytest.fixture
def raw(tmp_path: Path):
    """A DuckDB file no migration has touched."""
    con = duckdb.connect(str(tmp_path / "raw.duckdb"))
    yield con
    con.close()


def test_shipped_migrations_are_numbered_without_gaps():
    assert [p.name[:3] for p in SHIPPED] == [f"{i:03d}" for i in range(1, len(SHIPPED) + 1)]
    assert len(SHIPPED) >= 3


def test_connect_applies_every_migration_in_order_with_its_sha256(db):
    rows = db.execute(
        "SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version").fetchall()
    assert [(v, n, s) for v, n, s, _ in rows] == [
        (int(p.name[:3]), p.stem[4:], _sha(p)) for p in SHIPPED
    ]
    assert all(r[3] is not None for r in rows)
    assert {"feeds", "fetches", "articles", "article_feeds", "analyses", "actors", "sectors", "figures",
            "tariff_claims", "topics", "alerts"} <= _tables(db)
    views = {r[0] for r in db.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"current_analyses", "daily_topics", "new_tariff_claims", "actor_mentions_daily",
            "figures_by_measure"} <= views


def test_reconnect_applies_nothing_new(tmp_path):
    path = tmp_path / "t.duckdb"
    con = storage.connect(path)
    first = con.execute(_APPLIED).fetchall()
    assert migrate(con) == []
    con.close()
    con = storage.connect(path)
    try:
        again = con.execute(_APPLIED).fetchall()
        assert again == first
        assert migrate(con) == []
    finally:
        con.close()


def test_migrate_returns_names_and_applies_only_pending(raw, folder):
    assert migrate(raw, folder) == [p.stem[4:] for p in SHIPPED]
    (folder / f"{NEXT}_extra.sql").write_text("CREATE TABLE extra (id INTEGER);\n", encoding="utf-8")
    assert migrate(raw, folder) == ["extra"]
    assert "extra" in _tables(raw)
    assert raw.execute("SELECT max(version), count(*) FROM schema_migrations").fetchone() == (
        int(NEXT), int(NEXT))
    assert migrate(raw, folder) == []


def test_migrations_run_in_version_order_not_listing_order(raw, tmp_path):
    folder = tmp_path / "ordered"
    folder.mkdir()
    # written in reverse order: 010 needs the table 002 creates, so discovery must sort by version
    (folder / "010_use.sql").write_text("INSERT INTO base VALUES (1);\n", encoding="utf-8")
    (folder / "002_base.sql").write_text("CREATE TABLE base (x INTEGER);\n", encoding="utf-8")
    assert migrate(raw, folder) == ["base", "use"]
    assert raw.execute("SELECT x FROM base").fetchall() == [(1,)]


def test_edited_applied_migration_is_refused(raw, folder):
    migrate(raw, folder)
    core = folder / "001_core.sql"
    core.write_text(core.read_text(encoding="utf-8") + "\n-- an innocent-looking edit\n", encoding="utf-8")
    (folder / f"{NEXT}_later.sql").write_text("CREATE TABLE later (x INTEGER);\n", encoding="utf-8")
    with pytest.raises(MigrationError, match=r"001_core\.sql was edited after it was applied"):
        migrate(raw, folder)
    assert "later" not in _tables(raw)


@pytest.mark.parametrize("name", ["4_short.sql", "004-dash.sql", "004_Upper.sql", "0004_long.sql"])
def test_misnamed_migration_file_is_an_error(raw, folder, name):
    (folder / name).write_text("CREATE TABLE never (x INTEGER);\n", encoding="utf-8")
    with pytest.raises(MigrationError, match=r"NNN_name\.sql"):
        migrate(raw, folder)
    assert "never" not in _tables(raw)


def test_duplicate_version_is_an_error(raw, folder):
    (folder / "003_again.sql").write_text("CREATE TABLE never (x INTEGER);\n", encoding="utf-8")
    with pytest.raises(MigrationError, match="share a version"):
        migrate(raw, folder)


def test_failing_migration_rolls_back_completely(raw, folder):
    (folder / f"{NEXT}_bad.sql").write_text(
        "CREATE TABLE partial_table (x INTEGER);\n"
        "INSERT INTO partial_table VALUES (1);\n"
        "SELECT * FROM no_such_table;\n",
        encoding="utf-8",
    )
    with pytest.raises(MigrationError, match=rf"{NEXT}_bad\.sql failed"):
        migrate(raw, folder)
    assert "partial_table" not in _tables(raw)
    applied = raw.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert applied == [(v,) for v in range(1, int(NEXT))]
    # once fixed, it applies on the next run
    (folder / f"{NEXT}_bad.sql").write_text("CREATE TABLE partial_table (x INTEGER);\n", encoding="utf-8")
    assert migrate(raw, folder) == ["bad"]


def test_fulltext_migration_keeps_the_articles_of_an_older_database(raw, folder, tmp_path):
    older = tmp_path / "older"
    older.mkdir()
    for path in SHIPPED[:3]:
        shutil.copy(path, older / path.name)
    migrate(raw, older)
    raw.execute("INSERT INTO articles (article_id, feed_url, title, summary, summary_html, text, "
                "published_at, date_from_feed, fetched_at, content_hash) "
                "VALUES ('a1', 'f', 't', 's', 's', 'x', now(), true, now(), 'h')")
    assert migrate(raw, folder) == [p.stem[4:] for p in SHIPPED[3:]]
    rows = raw.execute("SELECT article_id, text, fulltext_error FROM articles").fetchall()
    assert rows == [("a1", "x", None)]
    comment = raw.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'articles' "
                          "AND column_name = 'fulltext_error'").fetchall()
    assert comment[0][0].startswith("Why the page text")


def test_read_only_connect_of_missing_file_explains(tmp_path):
    missing = tmp_path / "nowhere" / "missing.duckdb"
    with pytest.raises(StorageError, match="does not exist") as info:
        storage.connect(missing, read_only=True)
    assert str(missing) in str(info.value)
    assert "newsmon ingest" in str(info.value) or "newsmon run" in str(info.value)
    assert not missing.exists() and not missing.parent.exists()


def test_read_only_connection_sees_data_and_cannot_write(tmp_path):
    path = tmp_path / "t.duckdb"
    storage.connect(path).close()
    con = storage.connect(path, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(SHIPPED)
        with pytest.raises(duckdb.Error):
            con.execute("CREATE TABLE nope (x INTEGER)")
    finally:
        con.close()
