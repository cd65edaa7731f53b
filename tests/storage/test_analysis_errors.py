"""`analysis_errors`: failed articles recorded with the chunk's analyses, retried a bounded number of times."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from newsmon.ingest.identity import content_hash
from nlp.records import Analysis, AnalysisError
from storage.analyses import MAX_ATTEMPTS, analysis_status, pending_articles, store_analyses
from storage.articles import store_articles
from tests.storage.conftest import FETCHED

FEED = "https://feed-a.example/rss"


@pytest.fixture
def stored(db, make_article):
    arts = [make_article(f"https://n.example/{i}", fetched_at=FETCHED + timedelta(minutes=i)) for i in range(3)]
    store_articles(db, arts, feed_url=FEED)
    return arts


def _fail(db, article, *, stage="parse", message="ValueError: boom"):
    store_analyses(db, [], pipeline_version="v1", content_hashes={article.article_id: article.content_hash},
                   errors=[AnalysisError(id=article.article_id, stage=stage, message=message)])


def _errors(db):
    return db.execute("SELECT article_id, stage, message, attempts FROM analysis_errors ORDER BY article_id").fetchall()


def test_a_failed_article_is_recorded_beside_its_chunks_analyses(db, stored):
    ok, bad = stored[0], stored[1]
    store_analyses(db, [Analysis(id=ok.article_id, truncated=True)], pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash for a in stored},
                   errors=[AnalysisError(id=bad.article_id, stage="extract", message="IndexError: x")])
    assert db.execute("SELECT article_id, truncated FROM analyses").fetchall() == [(ok.article_id, True)]
    assert _errors(db) == [(bad.article_id, "extract", "IndexError: x", 1)]


def test_attempts_count_up_then_the_article_is_skipped(db, stored):
    bad = stored[0]
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert bad.article_id in {p.article_id for p in pending_articles(db, pipeline_version="v1")}
        _fail(db, bad, message=f"ValueError: try {attempt}")
        assert _errors(db) == [(bad.article_id, "parse", f"ValueError: try {attempt}", attempt)]
    assert bad.article_id not in {p.article_id for p in pending_articles(db, pipeline_version="v1")}
    assert bad.article_id in {p.article_id for p in pending_articles(db, pipeline_version="v2")}


def test_changed_content_is_tried_again_from_the_first_attempt(db, stored):
    bad = stored[0]
    for _ in range(MAX_ATTEMPTS):
        _fail(db, bad)
    changed = replace(bad, text="Rewritten.", content_hash=content_hash(bad.title, "Rewritten."),
                      fetched_at=FETCHED + timedelta(hours=1))
    store_articles(db, [changed], feed_url=FEED)
    assert bad.article_id in {p.article_id for p in pending_articles(db, pipeline_version="v1")}
    _fail(db, changed)
    assert _errors(db)[0][3] == 1


def test_an_analysis_clears_the_articles_error(db, stored):
    bad = stored[0]
    _fail(db, bad)
    store_analyses(db, [Analysis(id=bad.article_id)], pipeline_version="v1",
                   content_hashes={bad.article_id: bad.content_hash})
    assert _errors(db) == []


def test_articles_tried_in_this_run_are_skipped(db, stored):
    skip = {stored[0].article_id}
    assert [p.article_id for p in pending_articles(db, pipeline_version="v1", skip=skip)] == [
        a.article_id for a in stored[1:]]


def test_status_counts_each_state_and_lists_the_latest_errors(db, stored):
    ok, retry, given_up = stored
    store_analyses(db, [Analysis(id=ok.article_id, truncated=True)], pipeline_version="v1",
                   content_hashes={ok.article_id: ok.content_hash})
    _fail(db, retry, stage="topics", message="ValueError: nan")
    for _ in range(MAX_ATTEMPTS):
        _fail(db, given_up)
    state = analysis_status(db, pipeline_version="v1")
    assert (state.articles, state.analysed, state.truncated, state.pending, state.failed, state.given_up) == (
        3, 1, 1, 1, 2, 1)
    assert {(f.article_id, f.stage, f.attempts) for f in state.latest} == {
        (retry.article_id, "topics", 1), (given_up.article_id, "parse", MAX_ATTEMPTS)}
    assert state.latest[0].title == retry.title and state.latest[0].feed_url == FEED
    assert analysis_status(db, pipeline_version="v2").pending == 3


def test_the_run_summary_counts_articles_left_without_analysis(db, stored):
    from storage.reports import totals

    bad = stored[0]
    _fail(db, bad)
    assert totals(db)["analysis_errors"] == 1
    store_analyses(db, [Analysis(id=bad.article_id)], pipeline_version="v2",
                   content_hashes={bad.article_id: bad.content_hash})
    assert totals(db)["analysis_errors"] == 0
