"""Alert and delivery rows: candidates per claim_key, the write order that makes sends exactly-once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from nlp.records import Analysis, TariffClaim
from storage import alerts as store
from storage.alerts import NewAlert
from storage.analyses import store_analyses
from storage.articles import store_articles

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
CLAIM = TariffClaim(imposer="USA", target="CAN", sectors=("steel", "aluminum"), action="imposed", rate=25.0,
                    sentence=1, evidence="The U.S. imposed a 25% tariff on Canadian steel and aluminum.")
URLS = ["h-slack", "h-mail"]


@pytest.fixture
def claims_db(db, make_article):
    """Three articles: two carry CLAIM (one of them twice), one carries another claim."""
    articles = [make_article(f"https://news.example.com/{n}", published_at=NOW + timedelta(hours=n))
                for n in (2, 1, 3)]
    store_articles(db, articles, feed_url="https://feed-a.example/rss")
    other = replace(CLAIM, target="MEX")
    analyses = [Analysis(id=articles[0].article_id, tariff_claims=(CLAIM, replace(CLAIM, sentence=0))),
                Analysis(id=articles[1].article_id, tariff_claims=(CLAIM,)),
                Analysis(id=articles[2].article_id, tariff_claims=(other,))]
    store_analyses(db, analyses, pipeline_version="v1",
                   content_hashes={a.article_id: a.content_hash for a in articles})
    return db, articles


def new_alert(key: str, status: str = "pending", **overrides) -> NewAlert:
    fields = dict(claim_key=key, kind="new", status=status, imposer="USA", target="CAN", sectors=("steel",),
                  action="imposed", rate=25.0, previous_rate=None, first_seen_at=NOW, recorded_at=NOW,
                  article_ids=("a1",), summary=f"alert {key}", body=f"body {key}")
    return NewAlert(**{**fields, **overrides})


def test_candidates_are_one_per_claim_key_with_each_source_once_earliest_first(claims_db):
    db, _ = claims_db
    found = {c.claim_key: c for c in store.unalerted_claims(db)}
    assert len(found) == 2
    steel = found[CLAIM.claim_key]
    assert [s.url for s in steel.sources] == ["https://news.example.com/1", "https://news.example.com/2"]
    assert steel.sectors == ("aluminum", "steel") and steel.first_seen_at == NOW + timedelta(hours=1)
    assert steel.evidence == CLAIM.evidence


def test_a_claim_with_an_alerts_row_is_no_longer_a_candidate(claims_db):
    db, _ = claims_db
    assert store.record_alerts(db, [new_alert(CLAIM.claim_key)]) == 1
    store.record_alerts(db, [new_alert(CLAIM.claim_key, status="filtered")])  # a known key stays as it was
    assert [c.claim_key for c in store.unalerted_claims(db)] == [replace(CLAIM, target="MEX").claim_key]
    assert db.execute("SELECT status FROM alerts").fetchall() == [("pending",)]


def test_alerted_rates_keep_the_latest_rate_per_parties(db):
    store.record_alerts(db, [
        new_alert("k1", rate=25.0),
        new_alert("k2", rate=50.0, first_seen_at=NOW + timedelta(days=1), sectors=("steel",)),
        new_alert("k3", rate=10.0, target="MEX"),
        new_alert("k4", rate=None, first_seen_at=NOW + timedelta(days=2)),
    ])
    assert store.alerted_rates(db) == {("USA", "CAN", ("steel",)): 50.0, ("USA", "MEX", ("steel",)): 10.0}


def test_due_alerts_are_open_ones_owing_a_channel(db):
    store.record_alerts(db, [new_alert(k, status=s) for k, s in
                             [("p", "pending"), ("h", "held"), ("f", "filtered"), ("b", "backfill")]])
    store.begin_delivery(db, store.ALERT, ["p"], url_hash="h-slack", channel="slack://T...A", now=NOW)
    store.finish_delivery(db, store.ALERT, ["p"], url_hash="h-slack", now=NOW, error=None, retry_at=None)
    due = {a.claim_key: a.url_hashes for a in store.due_alerts(db, URLS, now=NOW)}
    assert due == {"p": ("h-mail",), "h": ("h-mail", "h-slack")}


@pytest.mark.parametrize(("when", "due"), [(timedelta(minutes=4), False), (timedelta(minutes=5), True)])
def test_a_failed_delivery_is_due_at_its_next_attempt(db, when, due):
    store.record_alerts(db, [new_alert("k")])
    store.begin_delivery(db, store.ALERT, ["k"], url_hash="h-mail", channel="mailto://", now=NOW)
    store.finish_delivery(db, store.ALERT, ["k"], url_hash="h-mail", now=NOW, error="SMTP 451",
                          retry_at=NOW + timedelta(minutes=5))
    found = store.due_alerts(db, ["h-mail"], now=NOW + when)
    assert [(a.claim_key, a.attempts) for a in found] == ([("k", 1)] if due else [])


def test_sending_left_by_a_crash_becomes_unknown_and_is_not_due(db):
    store.record_alerts(db, [new_alert("k")])
    store.begin_delivery(db, store.ALERT, ["k"], url_hash="h-slack", channel="slack://T...A", now=NOW)
    assert store.mark_interrupted(db) == [(store.ALERT, "k")]
    assert store.mark_interrupted(db) == []
    assert [a.url_hashes for a in store.due_alerts(db, URLS, now=NOW)] == [("h-mail",)]
    assert db.execute("SELECT status FROM alerts").fetchall() == [("unknown",)]


@pytest.mark.parametrize(("outcomes", "status"), [
    ({"h-slack": None, "h-mail": None}, "delivered"),
    ({"h-slack": None, "h-mail": "SMTP 451"}, "failed"),
    ({"h-slack": None}, "pending"),  # e-mail not tried yet
])
def test_an_alert_is_delivered_once_every_configured_channel_has_it(db, outcomes, status):
    store.record_alerts(db, [new_alert("k")])
    for url_hash, error in outcomes.items():
        store.begin_delivery(db, store.ALERT, ["k"], url_hash=url_hash, channel=f"ch-{url_hash}", now=NOW)
        store.finish_delivery(db, store.ALERT, ["k"], url_hash=url_hash, now=NOW, error=error,
                              retry_at=NOW + timedelta(minutes=5) if error else None)
    store.refresh_alerts(db, ["k"], URLS)
    row = db.execute("SELECT status, channel, delivered_at, last_error FROM alerts").fetchall()[0]
    assert row[0] == status
    assert row[1] == "ch-h-slack" if status != "delivered" else row[1] == "ch-h-mail, ch-h-slack"
    assert (row[2] is not None) is (status == "delivered")
    assert row[3] == ("SMTP 451" if status == "failed" else None)


def test_each_attempt_counts(db):
    store.record_alerts(db, [new_alert("k")])
    for _ in range(3):
        store.begin_delivery(db, store.ALERT, ["k"], url_hash="h-mail", channel="mailto://", now=NOW)
        store.finish_delivery(db, store.ALERT, ["k"], url_hash="h-mail", now=NOW, error="SMTP 451", retry_at=NOW)
    assert db.execute("SELECT attempts, status FROM deliveries").fetchall() == [(3, "failed")]


def test_recent_alerts_filter_by_status(db):
    store.record_alerts(db, [new_alert("a"), new_alert("b", status="filtered")])
    columns, rows = store.recent_alerts(db, status="filtered")
    assert columns[:3] == ["recorded", "status", "alert"] and [r[2] for r in rows] == ["alert b"]
