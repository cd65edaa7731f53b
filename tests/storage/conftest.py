"""Fixtures for the storage tests: a fresh, migrated DuckDB file and hand-built articles."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

import storage
from newsmon.ingest.identity import content_hash, url_article_id
from nlp.records import Article
from storage.migrate import MIGRATIONS, migrate

FETCHED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def at_migration(path: Path, version: int) -> duckdb.DuckDBPyConnection:
    """A new DuckDB file at `path` migrated up to `version` only: an older release's database."""
    folder = path.parent / f"migrations_to_{version:03d}"
    folder.mkdir()
    for migration in sorted(MIGRATIONS.glob("*.sql")):
        if int(migration.name[:3]) <= version:
            shutil.copy(migration, folder / migration.name)
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    migrate(con, folder)
    return con


@pytest.fixture
def db(tmp_path):
    con = storage.connect(tmp_path / "t.duckdb")
    yield con
    con.close()


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """An Article for `url` as parse_feed would build it; keyword arguments override fields."""

    def make(url: str = "https://news.example.com/tariffs/steel", *, feed_url: str = "https://feed-a.example/rss",
             title: str = "Steel tariffs raised", text: str = "The US raised tariffs on steel to 50%.",
             fetched_at: datetime = FETCHED, **overrides) -> Article:
        fields = {
            "article_id": url_article_id(url),
            "feed_url": feed_url,
            "url": url,
            "guid": None,
            "title": title,
            "summary": text[:40],
            "summary_html": f"<p>{text[:40]}</p>",
            "text": text,
            "published_at": datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
            "date_from_feed": True,
            "fetched_at": fetched_at,
            "content_hash": content_hash(title, text),
        }
        fields.update(overrides)
        return Article(**fields)

    return make
