"""Migrations 009 and 010: story ids, one `topic` column, and the analysts' views built on them
(`stories`, `daily_topics`, `new_tariff_claims.previous_rate`, `claims_timeline`, `figures_with_sectors`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nlp.records import Analysis, Article, Figure, SectorMention, TariffClaim, Topic
from storage.analyses import store_analyses
from storage.articles import store_articles
from storage.feeds import sync_feeds
from storage.migrate import migrate
from tests.storage.conftest import at_migration

VERSION = "v1"
DAY = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)


def _add(con, key: str, *, when: datetime = DAY, feed: str = "https://wire.example/rss", story: str | None = None,
         claims: tuple[TariffClaim, ...] = (), topics: tuple[str, ...] = (), figures: tuple[Figure, ...] = (),
         sectors: tuple[SectorMention, ...] = ()) -> str:
    store_articles(con, [Article(article_id=key, feed_url=feed, url=f"https://news.example/{key}", guid=None,
                                 title=f"Title {key}", summary="", text="text", published_at=when, fetched_at=when,
                                 content_hash=key)], feed_url=feed)
    if story:
        con.execute("UPDATE articles SET story_id = ? WHERE article_id = ?", [story, key])
    store_analyses(con, [Analysis(id=key, tariff_claims=claims, topics=tuple(Topic(label=t, score=0.9) for t in topics),
                                  figures=figures, sectors=sectors)],
                   pipeline_version=VERSION, content_hashes={key: key})
    return key


def _claim(rate: float | None, *, previous: float | None = None, action: str = "raised",
           sectors: tuple[str, ...] = ("steel",), background: bool = False, target: str | None = "CAN") -> TariffClaim:
    return TariffClaim(imposer="USA", target=target, action=action, sentence=0, sectors=sectors, rate=rate,
                       previous_rate=previous, background=background, evidence=f"rate {rate}")


def test_topic_is_the_column_name_in_tables_and_views(db):
    _add(db, "a", topics=("dairy",))
    db.execute("INSERT INTO labels (article_id, topic, present) VALUES ('a', 'lumber', true)")
    assert db.execute("SELECT topic FROM topics").fetchall() == [("dairy",)]
    assert db.execute("SELECT topic, stories FROM daily_topics").fetchall() == [("dairy", 1)]
    assert db.execute("SELECT labels FROM article_labels").fetchall() == [(["dairy", "lumber"],)]


def test_copies_of_a_story_count_once_and_list_every_outlet(db):
    sync_feeds(db, [("https://wire.example/rss", "Wire", []), ("https://paper.example/rss", "Paper", [])])
    _add(db, "a", topics=("tariffs",))
    _add(db, "b", topics=("tariffs",), feed="https://paper.example/rss", story="a", when=DAY + timedelta(hours=1))
    _add(db, "c", topics=("tariffs",), feed="https://other.example/rss")
    assert db.execute("SELECT articles, stories FROM daily_topics").fetchall() == [(3, 2)]
    rows = db.execute("SELECT story_id, title, articles, outlet_count, outlets, topics FROM stories "
                      "ORDER BY story_id").fetchall()
    assert rows == [("a", "Title a", 2, 2, ["Paper", "Wire"], ["tariffs"]),
                    ("c", "Title c", 1, 1, ["https://other.example/rss"], ["tariffs"])]


def test_previous_rate_is_stated_or_the_last_earlier_claim_for_the_same_parties_and_sectors(db):
    _add(db, "a", claims=(_claim(25.0, action="imposed"),))
    _add(db, "b", claims=(_claim(50.0),), when=DAY + timedelta(days=2))
    _add(db, "c", claims=(_claim(40.0, previous=35.0),), when=DAY + timedelta(days=3))
    _add(db, "d", claims=(_claim(10.0, sectors=("lumber",)),), when=DAY + timedelta(days=4))
    rows = db.execute("SELECT rate, previous_rate, previous_rate_from FROM new_tariff_claims "
                      "ORDER BY first_seen_at").fetchall()
    assert rows == [(25.0, None, None), (50.0, 25.0, "earlier claim"), (40.0, 35.0, "stated"), (10.0, None, None)]


def test_claims_timeline_has_one_row_per_sector_and_day_with_the_change(db):
    _add(db, "a", claims=(_claim(25.0, action="imposed", sectors=("steel", "aluminum")),))
    _add(db, "b", claims=(_claim(25.0, action="imposed", background=True),), when=DAY + timedelta(days=1))
    _add(db, "c", claims=(_claim(50.0, previous=25.0),), when=DAY + timedelta(days=2))
    _add(db, "d", claims=(_claim(None, action="threatened", sectors=()),), when=DAY + timedelta(days=2))
    rows = db.execute("SELECT sector, day, actions, previous_rate, rate, change FROM claims_timeline "
                      "ORDER BY sector NULLS FIRST, day").fetchall()
    day = DAY.date()
    assert rows == [
        (None, day + timedelta(days=2), ["threatened"], None, None, None),
        ("aluminum", day, ["imposed"], None, 25.0, None),
        ("steel", day, ["imposed"], None, 25.0, None),
        ("steel", day + timedelta(days=2), ["raised"], 25.0, 50.0, 25.0),
    ]


def test_a_figure_has_the_sectors_of_its_own_sentence(db):
    _add(db, "a", figures=(Figure(text="12%", value=12.0, unit="percent", sentence=1, measure="exports"),
                           Figure(text="$3 billion", value=3e9, unit="USD", sentence=2, measure="trade")),
         sectors=(SectorMention(sector="dairy", mentions=2, sentences=(1, 4)),
                  SectorMention(sector="steel", mentions=1, sentences=(3,))))
    rows = db.execute("SELECT text, sectors, story_id FROM figures_with_sectors ORDER BY position").fetchall()
    assert rows == [("12%", ["dairy"], "a"), ("$3 billion", [], "a")]


def test_upgrade_backfills_story_ids_and_keeps_topics(tmp_path):
    """A database at migration 007 with data, then 009 and 010: every article its own story, topics kept."""
    con = at_migration(tmp_path / "old.duckdb", 7)
    con.execute("INSERT INTO articles (article_id, feed_url, title, summary, summary_html, text, published_at, "
                "date_from_feed, fetched_at, content_hash) VALUES ('x', 'f', 't', '', '', '', now(), true, now(), 'h')")
    con.execute("INSERT INTO topics VALUES ('x', 'v', 'dairy', 0.9)")
    con.execute("INSERT INTO labels (article_id, label, present) VALUES ('x', 'lumber', true)")
    migrate(con)
    assert con.execute("SELECT story_id FROM articles").fetchall() == [("x",)]
    assert con.execute("SELECT topic FROM topics").fetchall() == [("dairy",)]
    assert con.execute("SELECT topic FROM labels").fetchall() == [("lumber",)]
    con.close()


@pytest.mark.parametrize("view", ["stories", "claims_timeline", "figures_with_sectors", "new_tariff_claims",
                                  "daily_topics"])
def test_views_answer_on_an_empty_database(db, view):
    assert db.execute(f"SELECT * FROM {view}").fetchall() == []
