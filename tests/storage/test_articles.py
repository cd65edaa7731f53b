"""Articles, feed health and analyses as storage writes them: idempotent, updates counted once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from newsmon.ingest.identity import content_hash
from nlp.records import Actor, Analysis, Figure, SectorMention, TariffClaim, Topic
from storage.analyses import pending_articles, store_analyses
from storage.articles import StoreResult, known_ids, store_articles
from storage.feeds import BACKOFF_CAP, FetchRecord, backoff, feed_states, record_fetch, sync_feeds

FEED_A = "https://feed-a.example/rss"
FEED_B = "https://feed-b.example/atom"
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _article_row(db, article_id):
    # fetchall, not fetchone: on DuckDB 2 an unexhausted result blocks the next con.register()
    cur = db.execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return dict(zip(names, rows[0], strict=True)) if rows else None


def _count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


# ---- articles ---------------------------------------------------------------------------------

def test_new_articles_are_inserted_with_all_fields(db, make_article):
    a = make_article("https://news.example.com/a")
    b = make_article("https://news.example.com/b", title="Dairy quotas",
                     text="Canada defends supply management.", date_from_feed=False, guid="tag:b")
    assert store_articles(db, [a, b], feed_url=FEED_A) == StoreResult(seen=2, new=2, updated=0)
    row = _article_row(db, b.article_id)
    assert row["feed_url"] == FEED_A
    assert row["url"] == "https://news.example.com/b"
    assert row["guid"] == "tag:b"
    assert row["title"] == "Dairy quotas"
    assert row["text"] == "Canada defends supply management."
    assert row["summary_html"] == b.summary_html
    assert row["published_at"] == b.published_at
    assert row["fetched_at"] == b.fetched_at
    assert row["date_from_feed"] is False
    assert row["content_hash"] == content_hash("Dairy quotas", "Canada defends supply management.")
    assert row["updated_at"] is None
    links = db.execute("SELECT article_id, feed_url FROM article_feeds ORDER BY article_id").fetchall()
    assert links == sorted([(a.article_id, FEED_A), (b.article_id, FEED_A)])


def test_restoring_the_same_articles_adds_nothing(db, make_article):
    batch = [make_article(f"https://news.example.com/{i}") for i in range(5)]
    assert store_articles(db, batch, feed_url=FEED_A).new == 5
    later = [replace(a, fetched_at=T0 + timedelta(hours=1)) for a in batch]
    assert store_articles(db, later, feed_url=FEED_A) == StoreResult(seen=5, new=0, updated=0)
    assert _count(db, "articles") == 5
    assert _count(db, "article_feeds") == 5
    # the first sighting stays the fetch time on record
    assert db.execute("SELECT DISTINCT fetched_at FROM articles").fetchall() == [(batch[0].fetched_at,)]


def test_empty_batch_is_a_no_op(db):
    assert store_articles(db, [], feed_url=FEED_A) == StoreResult(seen=0, new=0, updated=0)
    assert _count(db, "articles") == 0


def test_changed_text_is_one_update_not_a_new_article(db, make_article):
    first = make_article()
    store_articles(db, [first], feed_url=FEED_A)
    later = T0 + timedelta(hours=3)
    changed = make_article(text="The US raised tariffs on steel to 50% (updated with Canada's response).",
                           fetched_at=later)
    assert changed.article_id == first.article_id
    assert changed.content_hash != first.content_hash
    assert store_articles(db, [changed], feed_url=FEED_A) == StoreResult(seen=1, new=0, updated=1)
    row = _article_row(db, first.article_id)
    assert row["text"] == changed.text
    assert row["content_hash"] == changed.content_hash
    assert row["updated_at"] == later
    assert row["fetched_at"] == first.fetched_at
    assert _count(db, "articles") == 1
    # the same changed version again is no further update
    assert store_articles(db, [changed], feed_url=FEED_A) == StoreResult(seen=1, new=0, updated=0)


def test_changed_title_is_an_update_too(db, make_article):
    store_articles(db, [make_article()], feed_url=FEED_A)
    renamed = make_article(title="Steel tariffs raised to 50%")
    assert store_articles(db, [renamed], feed_url=FEED_A).updated == 1
    assert _article_row(db, renamed.article_id)["title"] == "Steel tariffs raised to 50%"


def test_same_article_in_a_second_feed_is_linked_not_updated(db, make_article):
    original = make_article(feed_url=FEED_A)
    store_articles(db, [original], feed_url=FEED_A)
    # feed B carries the same story (same canonical URL) with its own teaser
    teaser = make_article(feed_url=FEED_B, text="Short teaser from feed B.",
                          fetched_at=T0 + timedelta(hours=1))
    assert teaser.article_id == original.article_id
    assert store_articles(db, [teaser], feed_url=FEED_B) == StoreResult(seen=1, new=0, updated=0)
    row = _article_row(db, original.article_id)
    assert row["feed_url"] == FEED_A
    assert row["text"] == original.text
    assert row["content_hash"] == original.content_hash
    assert row["updated_at"] is None
    assert db.execute(
        "SELECT feed_url, first_seen_at FROM article_feeds WHERE article_id = ? ORDER BY feed_url",
        [original.article_id],
    ).fetchall() == [(FEED_A, T0), (FEED_B, T0 + timedelta(hours=1))]


def test_mixed_batch_counts_new_and_updated_separately(db, make_article):
    a, b = make_article("https://n.example/a"), make_article("https://n.example/b")
    store_articles(db, [a, b], feed_url=FEED_A)
    batch = [a, make_article("https://n.example/b", title="B, revised"), make_article("https://n.example/c")]
    assert store_articles(db, batch, feed_url=FEED_A) == StoreResult(seen=3, new=1, updated=1)
    assert _count(db, "articles") == 3


def test_failed_batch_leaves_nothing_behind(db, make_article):
    good = make_article("https://n.example/good")
    bad = make_article("https://n.example/bad", title=None)  # NOT NULL violation
    with pytest.raises(duckdb.ConstraintException, match=r"(?i)null"):
        store_articles(db, [good, bad], feed_url=FEED_A)
    assert _count(db, "articles") == 0
    assert _count(db, "article_feeds") == 0


def test_known_ids_are_the_stored_ones_among_those_asked(db, make_article):
    a, b = make_article("https://n.example/a"), make_article("https://n.example/b")
    store_articles(db, [a], feed_url=FEED_A)
    assert known_ids(db, [a.article_id, b.article_id, "no-such-id"]) == {a.article_id}
    assert known_ids(db, []) == set()


def test_fulltext_error_is_stored_and_null_by_default(db, make_article):
    ok, failed = make_article("https://n.example/ok"), make_article("https://n.example/404")
    failed = replace(failed, fulltext_error="HTTP 404 NOT FOUND")
    store_articles(db, [ok, failed], feed_url=FEED_A)
    assert _article_row(db, failed.article_id)["fulltext_error"] == "HTTP 404 NOT FOUND"
    assert _article_row(db, ok.article_id)["fulltext_error"] is None


def test_without_update_a_known_article_keeps_its_text_and_is_still_linked(db, make_article):
    page = make_article(text="The full story from the page, several paragraphs long.")
    store_articles(db, [page], feed_url=FEED_A)
    teaser = make_article(text="Teaser.", fetched_at=T0 + timedelta(hours=1))
    fresh = make_article("https://n.example/new")
    assert store_articles(db, [teaser, fresh], feed_url=FEED_A, update=False) == StoreResult(
        seen=2, new=1, updated=0)
    row = _article_row(db, page.article_id)
    assert (row["text"], row["content_hash"], row["updated_at"]) == (page.text, page.content_hash, None)
    assert _count(db, "articles") == 2
    # with update (the default) the same teaser is an update, so the flag is what kept the text
    assert store_articles(db, [teaser], feed_url=FEED_A).updated == 1


# ---- feeds ------------------------------------------------------------------------------------

def _feed(db, url=FEED_A):
    cur = db.execute("SELECT * FROM feeds WHERE url = ?", [url])
    names = [d[0] for d in cur.description]
    (row,) = cur.fetchall()
    return dict(zip(names, row, strict=True))


def _fail(db, n: int, *, status=500, when=T0, url=FEED_A):
    record_fetch(db, FetchRecord(feed_url=url, started_at=when, finished_at=when, http_status=status,
                                 error=f"HTTP {status} failure {n}"))


def test_sync_feeds_inserts_and_refreshes_names_and_tags(db):
    sync_feeds(db, [(FEED_A, "A", ["trade"]), (FEED_B, None, [])])
    sync_feeds(db, [(FEED_A, "A renamed", ["trade", "canada"])])
    assert _feed(db)["name"] == "A renamed"
    assert _feed(db)["tags"] == ["trade", "canada"]
    assert _feed(db, FEED_B)["name"] is None
    assert _count(db, "feeds") == 2


def test_successful_fetch_stores_validators_and_resets_failures(db):
    sync_feeds(db, [(FEED_A, "A", [])])
    for n in range(4):
        _fail(db, n)
    assert _feed(db)["consecutive_failures"] == 4
    done = T0 + timedelta(minutes=5)
    record_fetch(db, FetchRecord(feed_url=FEED_A, started_at=T0, finished_at=done, http_status=200,
                                 items_seen=3, items_new=2, etag='"v1"',
                                 last_modified="Mon, 02 Mar 2026 11:00:00 GMT"))
    row = _feed(db)
    assert row["consecutive_failures"] == 0
    assert row["last_error"] is None
    assert row["next_attempt_at"] is None
    assert row["last_status"] == 200
    assert row["etag"] == '"v1"'
    assert row["last_modified"] == "Mon, 02 Mar 2026 11:00:00 GMT"
    assert row["last_success_at"] == done
    assert row["last_fetched_at"] == done
    state = feed_states(db, [FEED_A])[FEED_A]
    assert (state.etag, state.last_modified, state.disabled, state.next_attempt_at) == (
        '"v1"', "Mon, 02 Mar 2026 11:00:00 GMT", False, None)
    # a 304 without validators keeps the stored ones
    record_fetch(db, FetchRecord(feed_url=FEED_A, started_at=T0, finished_at=done, http_status=304))
    assert _feed(db)["etag"] == '"v1"'
    assert _feed(db)["last_status"] == 304
    fetches = db.execute(
        "SELECT http_status, items_seen, items_new, error FROM fetches ORDER BY fetch_id").fetchall()
    assert len(fetches) == 6
    assert fetches[4] == (200, 3, 2, None)
    assert fetches[0] == (500, 0, 0, "HTTP 500 failure 0")


def test_failures_count_up_and_back_off_from_the_third(db):
    sync_feeds(db, [(FEED_A, "A", [])])
    delays = []
    for n in range(1, 7):
        when = T0 + timedelta(hours=n)
        _fail(db, n, when=when)
        row = _feed(db)
        assert row["consecutive_failures"] == n
        assert row["last_error"] == f"HTTP 500 failure {n}"
        assert row["last_status"] == 500
        delays.append(row["next_attempt_at"] - when)
    assert delays == [timedelta(0), timedelta(0), timedelta(minutes=15), timedelta(minutes=30),
                      timedelta(hours=1), timedelta(hours=2)]
    assert _feed(db)["disabled"] is False
    assert feed_states(db, [FEED_A])[FEED_A].next_attempt_at == T0 + timedelta(hours=6) + timedelta(hours=2)


def test_backoff_schedule_is_capped_at_one_day():
    assert [backoff(n) for n in range(0, 3)] == [timedelta(0)] * 3
    assert backoff(3) == timedelta(minutes=15)
    assert backoff(4) == timedelta(minutes=30)
    assert backoff(9) == timedelta(minutes=15 * 64)
    assert backoff(10) == timedelta(days=1) == BACKOFF_CAP
    assert all(backoff(n) <= backoff(n + 1) for n in range(38))
    assert backoff(39) == timedelta(days=1)


@pytest.mark.parametrize("failures", [40, 100])
def test_backoff_stays_capped_for_long_dead_feeds(failures):
    assert backoff(failures) == BACKOFF_CAP


def test_fortieth_failure_in_a_row_is_recorded(db):
    sync_feeds(db, [(FEED_A, "A", [])])
    db.execute("UPDATE feeds SET consecutive_failures = 39 WHERE url = ?", [FEED_A])
    _fail(db, 40)
    row = _feed(db)
    assert row["consecutive_failures"] == 40
    assert row["next_attempt_at"] == T0 + BACKOFF_CAP


def test_gone_410_disables_the_feed_for_good(db):
    sync_feeds(db, [(FEED_A, "A", []), (FEED_B, "B", [])])
    _fail(db, 1, status=410)
    _fail(db, 1, status=404, url=FEED_B)
    assert _feed(db)["disabled"] is True
    assert _feed(db, FEED_B)["disabled"] is False
    assert feed_states(db, [FEED_A])[FEED_A].disabled is True
    # a later success does not silently re-enable it
    record_fetch(db, FetchRecord(feed_url=FEED_A, started_at=T0, finished_at=T0, http_status=200))
    assert _feed(db)["disabled"] is True


# ---- analyses ---------------------------------------------------------------------------------

def _analysis(article_id: str, *, rate: float = 25.0, topics=("tariffs", "steel_aluminum")) -> Analysis:
    return Analysis(
        id=article_id,
        actors=(Actor(name="Mark Carney", kind="person", mentions=3, country="CAN", role="Prime Minister"),
                Actor(name="Canada", kind="country", mentions=5, code="CAN")),
        sectors=(SectorMention(sector="steel", mentions=2), SectorMention(sector="aluminum", mentions=1)),
        figures=(Figure(text="25%", value=25.0, unit="percent", sentence=0, measure="tariff"),
                 Figure(text="CAD 3.6 billion", value=3.6e9, unit="CAD", sentence=2, qualifier="nearly",
                        period="daily")),
        tariff_claims=(TariffClaim(imposer="USA", target="CAN", action="imposed", sentence=0,
                                   evidence="The US imposed 25% tariffs on Canadian steel.",
                                   sectors=("steel", "aluminum"), rate=rate),),
        topics=tuple(Topic(label=t, score=0.9 - i / 10) for i, t in enumerate(topics)),
    )


@pytest.fixture
def stored(db, make_article):
    arts = [make_article(f"https://n.example/{i}", fetched_at=T0 + timedelta(minutes=i)) for i in range(3)]
    store_articles(db, arts, feed_url=FEED_A)
    return arts


def test_everything_is_pending_before_analysis(db, stored):
    pending = pending_articles(db, pipeline_version="v1")
    assert [p.article_id for p in pending] == [a.article_id for a in stored]  # oldest first
    assert pending[0].title == stored[0].title
    assert pending[0].text == stored[0].text
    assert pending[0].content_hash == stored[0].content_hash


def test_pending_limit_is_honoured(db, stored, make_article):
    extra = [make_article(f"https://n.example/x{i}", fetched_at=T0 + timedelta(hours=1, minutes=i))
             for i in range(2)]
    store_articles(db, extra, feed_url=FEED_A)
    a = stored[2]
    store_analyses(db, [Analysis(id=a.article_id)], pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash})
    assert [p.article_id for p in pending_articles(db, pipeline_version="v1", limit=2)] == [
        s.article_id for s in stored[:2]]
    assert [p.article_id for p in pending_articles(db, pipeline_version="v1", limit=3)] == [
        stored[0].article_id, stored[1].article_id, extra[0].article_id]


def test_pending_after_a_cursor_starts_past_chunks_still_being_analysed(db, stored, make_article):
    same_time = [make_article(f"https://n.example/t{i}", fetched_at=T0 + timedelta(hours=2)) for i in range(3)]
    store_articles(db, same_time, feed_url=FEED_A)
    order = [p.article_id for p in pending_articles(db, pipeline_version="v1")]
    first = pending_articles(db, pipeline_version="v1", limit=2)
    assert [p.article_id for p in first] == order[:2]
    rest = pending_articles(db, pipeline_version="v1", limit=2, after=first[-1].article_id)
    assert [p.article_id for p in rest] == order[2:4]
    # ties on fetched_at are broken by article id, so the cursor neither skips nor repeats one
    assert [p.article_id for p in pending_articles(db, pipeline_version="v1", after=order[3])] == order[4:]


# DuckDB 2.0.1 dropped LIMIT on the old LEFT JOIN form (cf. duckdb/duckdb#24542); keep it honoured.
def test_pending_limit_is_honoured_on_a_fresh_database(db, stored):
    assert len(pending_articles(db, pipeline_version="v1", limit=2)) == 2


def test_pending_limit_is_honoured_for_a_new_pipeline_version(db, stored):
    a = stored[2]
    store_analyses(db, [Analysis(id=a.article_id)], pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash})
    assert len(pending_articles(db, pipeline_version="v2", limit=2)) == 2


def test_analysed_article_is_not_pending_and_rows_are_written(db, stored):
    a = stored[0]
    assert store_analyses(db, [_analysis(a.article_id)], pipeline_version="v1",
                          content_hashes={a.article_id: a.content_hash}) == 1
    pending = pending_articles(db, pipeline_version="v1")
    assert [p.article_id for p in pending] == [s.article_id for s in stored[1:]]
    # another pipeline version has not seen it
    assert len(pending_articles(db, pipeline_version="v2")) == 3
    assert db.execute("SELECT article_id, content_hash FROM analyses").fetchall() == [
        (a.article_id, a.content_hash)]
    actors = db.execute(
        "SELECT name, kind, code, country, role, mentions FROM actors ORDER BY name").fetchall()
    assert actors == [
        ("Canada", "country", "CAN", None, None, 5),
        ("Mark Carney", "person", None, "CAN", "Prime Minister", 3)]
    assert db.execute("SELECT sector, mentions FROM sectors ORDER BY sector").fetchall() == [
        ("aluminum", 1), ("steel", 2)]
    assert db.execute("SELECT position, text, value, unit, qualifier, measure, period, sentence FROM figures "
                      "ORDER BY position").fetchall() == [
        (0, "25%", 25.0, "percent", None, "tariff", None, 0),
        (1, "CAD 3.6 billion", 3.6e9, "CAD", "nearly", None, "daily", 2)]
    claim = _analysis(a.article_id).tariff_claims[0]
    assert db.execute("SELECT claim_key, imposer, target, sectors, action, rate, evidence, background "
                      "FROM tariff_claims").fetchall() == [
        (claim.claim_key, "USA", "CAN", ["steel", "aluminum"], "imposed", 25.0, claim.evidence, False)]
    assert db.execute("SELECT topic, score FROM topics ORDER BY score DESC").fetchall() == [
        ("tariffs", 0.9), ("steel_aluminum", 0.8)]


def test_changed_content_makes_an_article_pending_again(db, stored, make_article):
    a = stored[0]
    store_analyses(db, [_analysis(a.article_id)], pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash})
    revised = make_article("https://n.example/0", text="Revised: tariffs doubled to 50%.",
                           fetched_at=T0 + timedelta(days=1))
    assert store_articles(db, [revised], feed_url=FEED_A).updated == 1
    pending = {p.article_id: p for p in pending_articles(db, pipeline_version="v1")}
    assert a.article_id in pending
    assert pending[a.article_id].content_hash == revised.content_hash
    assert pending[a.article_id].text == "Revised: tariffs doubled to 50%."
    # analysing the new version clears it
    store_analyses(db, [_analysis(a.article_id, rate=50.0)], pipeline_version="v1",
                   content_hashes={a.article_id: revised.content_hash})
    assert a.article_id not in {p.article_id for p in pending_articles(db, pipeline_version="v1")}


def test_restoring_the_same_version_replaces_rows(db, stored):
    a = stored[0]
    hashes = {a.article_id: a.content_hash}
    store_analyses(db, [_analysis(a.article_id)], pipeline_version="v1", content_hashes=hashes)
    tables = ("analyses", "actors", "sectors", "figures", "tariff_claims", "topics")
    before = {t: _count(db, t) for t in tables}
    assert before == {"analyses": 1, "actors": 2, "sectors": 2, "figures": 2, "tariff_claims": 1, "topics": 2}
    store_analyses(db, [_analysis(a.article_id)], pipeline_version="v1", content_hashes=hashes)
    assert {t: _count(db, t) for t in before} == before
    # a re-analysis with fewer findings leaves none of the old ones behind
    store_analyses(db, [_analysis(a.article_id, rate=10.0, topics=("tariffs",))], pipeline_version="v1",
                   content_hashes=hashes)
    assert _count(db, "topics") == 1
    assert db.execute("SELECT rate FROM tariff_claims").fetchall() == [(10.0,)]
    # another version's rows live beside it
    store_analyses(db, [_analysis(a.article_id)], pipeline_version="v2", content_hashes=hashes)
    assert db.execute("SELECT pipeline_version, count(*) FROM topics GROUP BY ALL ORDER BY 1").fetchall() == [
        ("v1", 1), ("v2", 2)]
    assert _count(db, "analyses") == 2


def test_empty_analysis_still_marks_the_article_done(db, stored):
    a = stored[1]
    store_analyses(db, [Analysis(id=a.article_id)], pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash})
    assert a.article_id not in {p.article_id for p in pending_articles(db, pipeline_version="v1")}
    assert _count(db, "actors") == 0
