"""Migrations 012 and 013: the tables a day's digest reads carry their article's UTC day of publication,
and claim_first_seen holds each claim key's first appearance; both filled for old databases (every row
kept) and kept current by the writer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import duckdb
import pytest

import storage
from newsmon.ingest.identity import content_hash, url_article_id
from nlp.records import Actor, Analysis, Figure, Topic
from storage.analyses import refresh_first_seen, store_analyses
from storage.reports import digest_data
from tests.storage.conftest import at_migration
from tests.test_digest import STEEL_CLAIM, _add

DATED = ("actors", "figures", "tariff_claims", "topics")
UNCHANGED = ("feeds", "articles", "article_feeds", "analyses", "sectors", "alerts")
TORONTO = "America/Toronto"
# Toronto's evening of 10 March is already 11 March in UTC: the day column is UTC, the digest's day local
LATE = datetime(2026, 3, 11, 3, 30, tzinfo=UTC)
NOON = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)


def _fill(con) -> None:
    """A week of articles, one published late in Toronto's evening, one re-analysed by a newer version."""
    canada = (Actor(name="Canada", kind="country", code="CAN", mentions=2),)
    steel = (Figure(text="CAD 3.6 billion", value=3.6e9, unit="CAD", sentence=1, measure="daily trade"),)
    _add(con, "https://news.example/late", LATE, claims=(STEEL_CLAIM,), actors=canada, figures=steel)
    _add(con, "https://news.example/noon", NOON, topics=("dairy", "tariffs"), actors=canada)
    for n in range(1, 8):
        _add(con, f"https://news.example/history/{n}", NOON - timedelta(days=n, hours=n), topics=("tariffs",),
             claims=(replace(STEEL_CLAIM, rate=float(10 + n)),))
    article_id = url_article_id("https://news.example/noon")
    store_analyses(con, [Analysis(id=article_id, topics=(Topic(label="steel_aluminum", score=0.8),),
                                  actors=(Actor(name="Mexico", kind="country", code="MEX", mentions=1),))],
                   pipeline_version="newer", content_hashes={article_id: content_hash("Steel tariffs", "text")})


def _rows(con, table: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def _wrong_days(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table} x JOIN articles a USING (article_id) "
                       "WHERE x.published_day IS DISTINCT FROM CAST(timezone('UTC', a.published_at) AS DATE)"
                       ).fetchall()[0][0]


def test_the_writer_stores_each_rows_utc_day_of_publication(db):
    _fill(db)
    for table in DATED:
        assert db.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] > 0, table
        assert _wrong_days(db, table) == 0, table
    late = url_article_id("https://news.example/late")
    assert db.execute("SELECT DISTINCT published_day FROM actors WHERE article_id = ?", [late]).fetchall() == [
        (date(2026, 3, 11),)]
    versions = db.execute("SELECT DISTINCT pipeline_version FROM actors ORDER BY 1").fetchall()
    assert versions == [("newer",), ("test-pipeline",)]  # the newer version's rows are dated too


def test_a_reanalysis_of_changed_content_stores_its_rows_dated(db):
    _fill(db)
    article_id = url_article_id("https://news.example/late")
    store_analyses(db, [Analysis(id=article_id, topics=(Topic(label="autos", score=0.7),))],
                   pipeline_version="test-pipeline", content_hashes={article_id: "changed"})
    assert db.execute("SELECT topic, published_day FROM topics WHERE article_id = ? AND pipeline_version = "
                      "'test-pipeline'", [article_id]).fetchall() == [("autos", date(2026, 3, 11))]
    assert _wrong_days(db, "topics") == 0


@pytest.fixture
def before_012(tmp_path):
    """The same rows in a database at migration 011, as main wrote them, in scrambled order."""
    current = storage.connect(tmp_path / "current.duckdb")
    _fill(current)
    current.close()
    old = at_migration(tmp_path / "old.duckdb", 11)
    old.execute(f"ATTACH '{tmp_path / 'current.duckdb'}' AS current (READ_ONLY)")
    for table in UNCHANGED:
        old.execute(f"INSERT INTO {table} BY NAME SELECT * FROM current.{table}")
    for table in DATED:
        old.execute(f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (published_day) FROM current.{table} "
                    "ORDER BY hash(article_id, pipeline_version)")
    old.execute("DETACH current")
    old.close()
    return tmp_path / "old.duckdb", tmp_path / "current.duckdb"


def test_migrations_012_and_013_keep_every_row_date_it_and_fill_the_first_appearances(before_012):
    old_path, current_path = before_012
    with storage.connect(old_path) as migrated, storage.connect(current_path, read_only=True) as written:
        assert len(_rows(migrated, "claim_first_seen")) == 8
        for table in (*UNCHANGED, *DATED, "claim_first_seen"):
            assert _rows(migrated, table) == _rows(written, table), table
        for table in DATED:
            assert _wrong_days(migrated, table) == 0, table
        # keys and views survive the rewrite
        with pytest.raises(duckdb.ConstraintException):
            migrated.execute("INSERT INTO topics SELECT * FROM topics LIMIT 1")
        assert migrated.execute("SELECT count(*) FROM new_tariff_claims").fetchall()[0][0] == 8
        assert migrated.execute("SELECT count(*) FROM actor_mentions_daily").fetchall()[0][0] > 0
        comments = migrated.execute("SELECT table_name, comment FROM duckdb_tables() WHERE table_name IN "
                                    "('actors', 'figures', 'tariff_claims', 'topics')").fetchall()
        assert len(comments) == 4 and all(comment for _, comment in comments)


def test_the_digest_of_a_migrated_database_is_the_digest_of_one_written_anew(before_012):
    old_path, current_path = before_012
    storage.connect(old_path).close()
    with storage.connect(old_path, read_only=True) as migrated, \
            storage.connect(current_path, read_only=True) as written:
        for day, tz in ((date(2026, 3, 10), TORONTO), (date(2026, 3, 11), "UTC"), (date(2026, 3, 6), TORONTO)):
            assert digest_data(migrated, day=day, tz=tz) == digest_data(written, day=day, tz=tz)


def test_an_article_of_a_local_evening_is_in_that_days_digest_though_its_utc_day_is_the_next(db):
    _fill(db)
    data = digest_data(db, day=date(2026, 3, 10), tz=TORONTO)
    assert [c["claim_key"] for c in data["claims"]] == [STEEL_CLAIM.claim_key]
    assert {a["name"] for a in data["actors"]} == {"Canada", "Mexico"}
    assert [f["text"] for f in data["figures"]] == ["CAD 3.6 billion"]
    assert {h["url"] for h in data["headlines"]} == {"https://news.example/late", "https://news.example/noon"}
    assert {t["topic"] for t in data["topics"]} == {"tariffs", "steel_aluminum"}
    assert digest_data(db, day=date(2026, 3, 11), tz=TORONTO)["actors"] == []


def _first_seen(con) -> dict[str, datetime]:
    return dict(con.execute("SELECT claim_key, first_seen_at FROM claim_first_seen").fetchall())


def test_the_writer_keeps_each_claims_first_appearance_among_current_analyses(db):
    early = NOON - timedelta(days=3)
    _add(db, "https://news.example/today", NOON, claims=(STEEL_CLAIM,))
    assert _first_seen(db) == {STEEL_CLAIM.claim_key: NOON}
    _add(db, "https://news.example/earlier", early, claims=(STEEL_CLAIM,))
    assert _first_seen(db) == {STEEL_CLAIM.claim_key: early}
    # a newer version of the earlier article no longer states it: its first appearance is today again
    earlier = url_article_id("https://news.example/earlier")
    store_analyses(db, [Analysis(id=earlier, topics=(Topic(label="dairy", score=0.9),))], pipeline_version="newer",
                   content_hashes={earlier: content_hash("Steel tariffs", "text")})
    assert _first_seen(db) == {STEEL_CLAIM.claim_key: NOON}
    # and a re-analysis of today's article without it leaves no current claim of that key
    today = url_article_id("https://news.example/today")
    store_analyses(db, [Analysis(id=today)], pipeline_version="test-pipeline", content_hashes={today: "changed"})
    assert _first_seen(db) == {}
    assert [c["claim_key"] for c in digest_data(db, day=date(2026, 3, 10), tz=TORONTO)["claims"]] == []


def test_refreshing_every_first_appearance_rebuilds_what_the_writer_kept(db):
    _fill(db)
    kept = _first_seen(db)
    db.execute("DELETE FROM claim_first_seen")
    refresh_first_seen(db)
    assert _first_seen(db) == kept and len(kept) == 8
