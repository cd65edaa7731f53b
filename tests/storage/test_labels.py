"""Corrections in `labels`, resolved by the `article_labels` view and read back as training examples."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nlp.records import TOPICS, Analysis, SectorMention, TariffClaim, Topic
from storage.analyses import store_analyses
from storage.articles import store_articles
from storage.labels import (
    Correction,
    article_labels,
    corrections,
    find_articles,
    ignored_labels,
    record_labels,
    review_candidates,
)

FEED = "https://feed-a.example/rss"


@pytest.fixture
def tagged(db, make_article):
    """Two analysed articles: `a` tagged tariffs + steel_aluminum, `b` untagged; returns their ids."""
    a = make_article("https://news.example.com/a")
    b = make_article("https://news.example.com/b", title="Dairy quotas", text="Canada defends supply management.",
                     published_at=datetime(2026, 3, 3, tzinfo=UTC))
    store_articles(db, [a, b], feed_url=FEED)
    store_analyses(db, [
        Analysis(id=a.article_id, topics=(Topic(label="tariffs", score=0.9), Topic(label="steel_aluminum", score=0.7)),
                 sectors=(SectorMention(sector="steel", mentions=2),),
                 tariff_claims=(TariffClaim(imposer="USA", target=None, action="raised", sentence=0,
                                            evidence="The US raised tariffs on steel to 50%."),)),
        Analysis(id=b.article_id),
    ], pipeline_version="v1", content_hashes={a.article_id: a.content_hash, b.article_id: b.content_hash})
    return a.article_id, b.article_id


def _labels(db, article_id):
    return article_labels(db, article_id).labels


def test_uncorrected_articles_keep_the_model_topics_and_are_no_training_examples(db, tagged):
    a, b = tagged
    assert _labels(db, a) == ("steel_aluminum", "tariffs")
    assert _labels(db, b) == ()
    assert corrections(db) == []


@pytest.mark.parametrize(("decisions", "expected"), [
    ([("dairy", True)], ["dairy", "steel_aluminum", "tariffs"]),
    ([("steel_aluminum", False)], ["tariffs"]),
    ([("dairy", True), ("tariffs", False)], ["dairy", "steel_aluminum"]),
    ([("tariffs", True)], ["steel_aluminum", "tariffs"]),
    ([(t, False) for t in TOPICS], []),
])
def test_corrections_add_and_remove_model_topics(db, tagged, decisions, expected):
    a, _ = tagged
    record_labels(db, [Correction(article_id=a, label=label, present=p) for label, p in decisions])
    [example] = corrections(db)
    assert example["id"] == a
    assert example["title"] == "Steel tariffs raised"
    assert example["text"].startswith("The US raised")
    assert example["labels"] == expected


def test_a_plain_sql_insert_is_a_correction(db, tagged):
    _, b = tagged
    db.execute("INSERT INTO labels (article_id, topic, present) VALUES (?, 'dairy', true)", [b])
    row = db.execute("SELECT source, labeled_at IS NOT NULL, label_id FROM labels").fetchall()
    assert row[0][:2] == ("sql", True)
    assert corrections(db) == [{"id": b, "title": "Dairy quotas", "text": "Canada defends supply management.",
                                "labels": ["dairy"]}]


def test_the_latest_decision_per_label_wins(db, tagged):
    a, _ = tagged
    t0 = datetime(2026, 3, 5, tzinfo=UTC)
    db.execute("INSERT INTO labels (article_id, topic, present, labeled_at) VALUES "
               "(?, 'dairy', true, ?), (?, 'dairy', false, ?), (?, 'lumber', false, ?), (?, 'lumber', true, ?)",
               [a, t0 + timedelta(hours=1), a, t0, a, t0, a, t0 + timedelta(hours=2)])
    assert _labels(db, a) == ("dairy", "lumber", "steel_aluminum", "tariffs")


def test_within_one_transaction_the_later_row_wins(db, tagged):
    a, _ = tagged
    record_labels(db, [Correction(article_id=a, label="tariffs", present=False),
                       Correction(article_id=a, label="tariffs", present=True)])
    assert _labels(db, a) == ("steel_aluminum", "tariffs")
    record_labels(db, [Correction(article_id=a, label="tariffs", present=False)])
    assert _labels(db, a) == ("steel_aluminum",)


def test_unknown_topics_and_articles_are_ignored_and_reported(db, tagged):
    a, _ = tagged
    db.execute("INSERT INTO labels (article_id, topic, present) VALUES (?, 'diary', true), ('nope', 'dairy', true)",
               [a])
    assert corrections(db) == []
    assert _labels(db, a) == ("steel_aluminum", "tariffs")
    assert [(i.label, i.reason) for i in ignored_labels(db)] == [("diary", "unknown topic"),
                                                                 ("dairy", "unknown article")]


def test_the_view_knows_every_topic_and_no_other(db, tagged):
    """The view lists the vocabulary in SQL; this fails when nlp.records.TOPICS changes without a migration."""
    _, b = tagged
    record_labels(db, [Correction(article_id=b, label=t, present=True) for t in (*TOPICS, "not_a_topic")])
    assert sorted(corrections(db)[0]["labels"]) == sorted(TOPICS)


def test_a_newer_pipeline_version_supplies_the_model_topics(db, tagged, make_article):
    a, _ = tagged
    record_labels(db, [Correction(article_id=a, label="dairy", present=True)])
    art = make_article("https://news.example.com/a")
    store_analyses(db, [Analysis(id=a, topics=(Topic(label="lumber", score=0.8),))], pipeline_version="v2",
                   content_hashes={a: art.content_hash})
    found = article_labels(db, a)
    assert (found.pipeline_version, found.model_labels, found.labels) == ("v2", ("lumber",), ("dairy", "lumber"))


@pytest.mark.parametrize(("prefix", "matches"), [("", 2), ("zzzz", 0)])
def test_find_articles_by_prefix(db, tagged, prefix, matches):
    assert len(find_articles(db, prefix)) == matches


def test_find_articles_by_unique_prefix(db, tagged):
    a, _ = tagged
    assert find_articles(db, a[:10].upper()) == [a]


def test_review_candidates_are_uncorrected_newest_first_with_model_inputs(db, tagged):
    a, b = tagged
    first, second = review_candidates(db)
    assert (first.article_id, second.article_id) == (b, a)
    assert second.sectors == {"steel": 2} and second.actions == ("raised",)
    assert first.sectors == {} and first.actions == ()
    assert [c.article_id for c in review_candidates(db, limit=1)] == [b]
    record_labels(db, [Correction(article_id=b, label="dairy", present=True)])
    assert [c.article_id for c in review_candidates(db)] == [a]
