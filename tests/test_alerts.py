"""Alerts end to end in plain Python: novelty, rules, quiet hours, and delivery to a real local
receiver of apprise's json:// posts, including failures, retries and a crash between send and mark."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from newsmon.alert_text import title
from newsmon.alerts import (
    collect_alerts,
    in_quiet_hours,
    novelty,
    passes,
    retry_delay,
    run_alerts,
    send_digest,
)
from newsmon.notify import deliver
from newsmon.settings import AlertSettings, ConfigError, DigestSettings, Settings, load_settings
from nlp.records import Analysis, Article, TariffClaim
from storage.alerts import Candidate, Source
from storage.analyses import store_analyses
from storage.articles import store_articles

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # 10:00 in Toronto
TZ = "America/Toronto"
STEEL_25 = TariffClaim(imposer="USA", target="CAN", sectors=("steel",), action="imposed", rate=25.0, sentence=0,
                       evidence="The United States imposed a 25% tariff on Canadian steel.")
CANOLA = TariffClaim(imposer="CHN", target="CAN", sectors=("agriculture",), action="imposed", rate=100.0,
                     sentence=0, evidence="China imposed a 100% tariff on Canadian canola oil.")
WHISKEY = TariffClaim(imposer="EU", target="USA", sectors=("alcohol",), action="threatened", rate=10.0,
                      sentence=0, evidence="The European Union threatened 10% tariffs on American whiskey.")


@pytest.fixture
def turns(db, tmp_path):
    """How an alerts cycle opens the database: the `db` file (shared within this process), no pause."""
    from storage import WriteTurns

    with WriteTurns(tmp_path / "newsmon.duckdb", pause=0) as t:
        yield t


@pytest.fixture
def receiver():
    """A local HTTP server that records every JSON post; `fail[path] = 500` makes a path fail."""
    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    posts: dict[str, list[dict]] = {"/hook": [], "/other": []}
    fail: dict[str, int] = {}

    def handler(request):
        posts[request.path].append(request.get_json())
        return Response(status=fail.get(request.path, 200))

    for path in posts:
        server.expect_request(path, method="POST").respond_with_handler(handler)
    yield SimpleNamespace(url=f"json://127.0.0.1:{server.port}/hook",
                          other=f"json://127.0.0.1:{server.port}/other", posts=posts, fail=fail)
    server.clear()
    server.stop()


def add_article(con, n: int, *claims: TariffClaim, fetched_at: datetime = NOW - timedelta(hours=1),
                published_at: datetime | None = None, language: str | None = None, title: str | None = None) -> str:
    article = Article(article_id=f"a{n}", feed_url="https://wire.example/rss", url=f"https://wire.example/{n}",
                      guid=None, title=title or f"Story {n}", summary="", text="", fetched_at=fetched_at,
                      language=language,
                      published_at=published_at or fetched_at - timedelta(minutes=60 - n), content_hash=f"h{n}")
    store_articles(con, [article], feed_url=article.feed_url)
    store_analyses(con, [Analysis(id=article.article_id, tariff_claims=claims)], pipeline_version="v1",
                   content_hashes={article.article_id: article.content_hash})
    return article.article_id


def in_use(con, *urls: str) -> None:
    """The channels have had an alert before: this cycle is not their first, so no first-delivery summary."""
    from newsmon.notify import url_hash
    from storage.alerts import ALERT, begin_delivery, finish_delivery

    for url in urls:
        begin_delivery(con, ALERT, ["earlier"], url_hash=url_hash(url), channel="earlier", now=NOW - timedelta(days=9))
        finish_delivery(con, ALERT, ["earlier"], url_hash=url_hash(url), now=NOW - timedelta(days=9), error=None,
                        retry_at=None)


def statuses(con) -> dict[str, str]:
    return dict(con.execute("SELECT summary, status FROM alerts").fetchall())


def candidate(claim: TariffClaim, **overrides) -> Candidate:
    fields = dict(claim_key=claim.claim_key, imposer=claim.imposer, target=claim.target, sectors=claim.sectors,
                  action=claim.action, rate=claim.rate, previous_rate=claim.previous_rate, effective_date=None,
                  effective_published_at=None, evidence=claim.evidence, position=0, first_seen_at=NOW,
                  last_fetched_at=NOW,
                  sources=(Source(article_id="a1", url="https://wire.example/1", title="Story 1", published_at=NOW),))
    return Candidate(**{**fields, **overrides})


def test_each_distinct_claim_alerts_once_listing_every_source(db, receiver, turns):
    first = add_article(db, 1, STEEL_25)
    add_article(db, 2, STEEL_25)
    add_article(db, 3, CANOLA)
    rules = AlertSettings(urls=[receiver.url])
    in_use(db, receiver.url)
    run_alerts(turns, rules, tz=TZ, now=NOW)
    posts = receiver.posts["/hook"]
    assert [p["title"] for p in posts] == [
        "New tariff claim: United States → Canada, steel 25% (imposed)",
        "New tariff claim: China → Canada, agriculture 100% (imposed)",
    ]
    assert "Sources (2):" in posts[0]["message"] and "(https://wire.example/2)" in posts[0]["message"]
    assert STEEL_25.evidence in posts[0]["message"]
    assert db.execute("SELECT article_ids FROM alerts WHERE claim_key = ?",
                      [STEEL_25.claim_key]).fetchall() == [([first, "a2"],)]
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=30))
    add_article(db, 4, STEEL_25)  # more coverage of a claim already alerted
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=1))
    assert len(posts) == 2
    add_article(db, 5, WHISKEY)
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=2))
    assert [p["title"] for p in posts[2:]] == ["New tariff claim: European Union → United States, alcohol 10% "
                                                "(threatened)"]


def test_a_french_report_alerts_in_our_vocabulary_quoting_its_french_evidence_marked_fr(db, receiver, turns):
    french = replace(STEEL_25, evidence="Washington a imposé des droits de douane de 25 % sur l'acier canadien.")
    add_article(db, 1, french, language="fr", title="Washington frappe l'acier canadien")
    add_article(db, 2, french, language="en", title="US hits Canadian steel")
    in_use(db, receiver.url)
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW)
    [post] = receiver.posts["/hook"]
    assert post["title"] == "New tariff claim: United States → Canada, steel 25% (imposed)"
    lines = post["message"].splitlines()
    assert lines[0] == "> [FR] Washington a imposé des droits de douane de 25 % sur l'acier canadien."
    assert "- [FR] [Washington frappe l'acier canadien](https://wire.example/1) — 2026-11-25 08:01" in lines
    assert "- [US hits Canadian steel](https://wire.example/2) — 2026-11-25 08:02" in lines


def test_a_text_only_channel_gets_plain_text_and_a_markdown_one_markdown(db, receiver, turns):
    claim = replace(STEEL_25, evidence="Duties on steel_products rose *sharply*, Ottawa said.")
    add_article(db, 1, claim, title="Ottawa [update]: steel_products")
    text_url = receiver.other + "?format=text"  # json:// takes any format; ?format=text makes it a text channel
    in_use(db, receiver.url, text_url)
    run_alerts(turns, AlertSettings(urls=[receiver.url, text_url]), tz=TZ, now=NOW)
    [markdown], [plain] = receiver.posts["/hook"], receiver.posts["/other"]
    assert markdown["message"].startswith("> Duties on steel\\_products rose \\*sharply\\*, Ottawa said.")
    assert plain["message"].startswith("> Duties on steel_products rose *sharply*, Ottawa said.\n")
    assert "- Ottawa [update]: steel_products (https://wire.example/1) — " in plain["message"]
    assert "\\" not in plain["message"] and "](" not in plain["message"]


def test_a_background_claim_is_never_alerted_as_new(db, receiver, turns):
    old = replace(STEEL_25, background=True, evidence="The 25% tariff Washington imposed on steel in March hurt mills.")
    add_article(db, 1, old)
    rules = AlertSettings(urls=[receiver.url])
    run_alerts(turns, rules, tz=TZ, now=NOW)
    assert receiver.posts["/hook"] == [] and statuses(db) == {}
    assert db.execute("SELECT background FROM new_tariff_claims").fetchall() == [(True,)]
    add_article(db, 2, STEEL_25)  # the same measure reported as news
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=30))
    [post] = receiver.posts["/hook"]
    assert STEEL_25.evidence in post["message"] and old.evidence not in post["message"]


def test_a_province_is_named_in_the_alert_title(db, receiver, turns):
    surcharge = TariffClaim(imposer="CA-ON", target="USA", sectors=("energy",), action="threatened", rate=25.0,
                            sentence=0, evidence="Ontario will impose a 25% surcharge on power if talks fail.")
    add_article(db, 1, surcharge)
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW)
    assert [p["title"] for p in receiver.posts["/hook"]] == [
        "New tariff claim: Ontario → United States, energy 25% (threatened)"]


def test_changed_rate_posts_one_escalation(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url])
    add_article(db, 1, STEEL_25)
    run_alerts(turns, rules, tz=TZ, now=NOW)
    add_article(db, 2, replace(STEEL_25, action="raised", rate=50.0))
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=30))
    posts = receiver.posts["/hook"]
    assert [p["title"] for p in posts[1:]] == ["Escalation: United States → Canada, steel 25% → 50% (raised)"]
    assert db.execute("SELECT kind, previous_rate FROM alerts WHERE rate = 50").fetchall() == [("escalation", 25.0)]


KNOWN = {("USA", "CAN", ("steel",)): 25.0}


@pytest.mark.parametrize(("claim", "expected"), [
    (STEEL_25, ("new", None)),
    (replace(STEEL_25, rate=50.0), ("escalation", 25.0)),
    (replace(STEEL_25, rate=50.0, previous_rate=35.0), ("escalation", 35.0)),  # the article's own "from 35%"
    (replace(STEEL_25, rate=10.0, action="lowered"), ("escalation", 25.0)),
    (replace(STEEL_25, action="suspended", rate=50.0), ("new", None)),  # relief is not an escalation
    (replace(STEEL_25, rate=None), ("new", None)),
    (replace(STEEL_25, rate=50.0, sectors=("aluminum", "steel")), ("new", None)),  # other sectors, other claim
    (replace(CANOLA, rate=50.0, previous_rate=100.0), ("escalation", 100.0)),
])
def test_novelty(claim, expected):
    assert novelty(candidate(claim), KNOWN) == expected


@pytest.mark.parametrize(("claim", "kind", "previous", "expected"), [
    (STEEL_25, "new", None, "New tariff claim: United States → Canada, steel 25% (imposed)"),
    (replace(STEEL_25, rate=50.0), "escalation", 25.0, "Escalation: United States → Canada, steel 25% → 50% (imposed)"),
    (replace(STEEL_25, rate=10.0), "escalation", 25.0, "Rate cut: United States → Canada, steel 25% → 10% (imposed)"),
    (replace(STEEL_25, rate=None, sectors=(), action="relief_sought", target=None), "new", None,
     "New tariff claim: United States → all origins, all goods (relief sought)"),
])
def test_title_says_what_changed(claim, kind, previous, expected):
    assert title(candidate(claim), kind, previous) == expected


@pytest.mark.parametrize(("rules", "claim", "expected"), [
    ({}, STEEL_25, True),
    ({"imposers": ["usa"]}, STEEL_25, True),
    ({"imposers": ["CHN"]}, STEEL_25, False),
    ({"targets": ["MEX", "CAN"]}, STEEL_25, True),
    ({"sectors": ["steel", "dairy"]}, STEEL_25, True),
    ({"sectors": ["dairy"]}, STEEL_25, False),
    ({"sectors": ["dairy"]}, replace(STEEL_25, sectors=()), True),  # all goods include dairy
    ({"actions": ["threatened"]}, STEEL_25, False),
    ({"min_rate": 25}, STEEL_25, True),
    ({"min_rate": 30}, STEEL_25, False),
    ({"min_rate": 30}, replace(STEEL_25, rate=None, action="removed"), True),  # no rate stated: not filtered
])
def test_rules(rules, claim, expected):
    assert passes(AlertSettings(**rules), candidate(claim)) is expected


@pytest.mark.parametrize(("quiet", "utc_hour", "expected"), [
    (None, 3, False),
    ("22:00-07:00", 2, False),   # 21:00 in Toronto
    ("22:00-07:00", 3, True),    # 22:00: the start is quiet
    ("22:00-07:00", 4, True),    # 23:00
    ("22:00-07:00", 11, True),   # 06:00
    ("22:00-07:00", 12, False),  # 07:00: the end is not quiet
    ("12:00-14:00", 18, True),   # 13:00, a range inside one day
    ("12:00-14:00", 20, False),
])
def test_quiet_hours_in_the_configured_time_zone(quiet, utc_hour, expected):
    assert in_quiet_hours(quiet, datetime(2026, 11, 25, utc_hour, tzinfo=UTC), TZ) is expected


def test_quiet_hours_hold_alerts_then_send_them_as_one_message(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url], quiet_hours="22:00-07:00")
    night = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # midnight in Toronto
    add_article(db, 1, STEEL_25, fetched_at=night)
    add_article(db, 2, CANOLA, fetched_at=night)
    in_use(db, receiver.url)
    report = run_alerts(turns, rules, tz=TZ, now=night)
    assert receiver.posts["/hook"] == [] and report.held == 2
    assert set(statuses(db).values()) == {"held"}
    run_alerts(turns, rules, tz=TZ, now=night + timedelta(hours=7))  # 07:00
    posts = receiver.posts["/hook"]
    assert len(posts) == 1 and posts[0]["title"] == "newsmon: 2 tariff-claim alerts"
    assert "steel 25%" in posts[0]["message"] and "agriculture 100%" in posts[0]["message"]
    assert set(statuses(db).values()) == {"delivered"}


@pytest.mark.parametrize("first", [True, False])
def test_a_first_delivery_or_more_than_batch_above_is_one_summary(db, receiver, first, turns):
    """Counts by action, the most reported claims first, where to see them all; never every body in a wall."""
    if not first:
        in_use(db, receiver.url)
    claims = [STEEL_25, CANOLA, WHISKEY, replace(STEEL_25, action="raised", rate=50.0, previous_rate=25.0,
                                                  evidence="The United States raised it to 50% from 25%.")]
    for n, claim in enumerate(claims):
        for copy in range(1 + (claim is CANOLA)):  # two outlets carry the canola claim
            add_article(db, 10 * n + copy, claim)
    report = run_alerts(turns, AlertSettings(urls=[receiver.url], batch_above=4 if first else 3), tz=TZ, now=NOW)
    [post] = receiver.posts["/hook"]
    assert post["title"] == "newsmon: 4 tariff-claim alerts (summary)" and post["type"] == "warning"
    message = post["message"]
    assert ("the first alerts for this channel" if first else "more than 3 at once") in message
    assert "By action: imposed 2, threatened 1, raised 1" in message
    assert "Escalations and rate changes: 1" in message
    listed = [line for line in message.splitlines() if line.startswith("- ")]
    assert listed[0].startswith("- Escalation: United States → Canada, steel 25% → 50% (raised) — 1 source")
    assert listed[1].startswith("- New tariff claim: China → Canada, agriculture 100% (imposed) — 2 sources")
    assert "`newsmon alerts --limit 4`" in message
    assert STEEL_25.evidence not in message and len(message) < 1000  # a summary, not the bodies
    assert report.sent == 4 and set(statuses(db).values()) == {"delivered"}
    add_article(db, 99, replace(WHISKEY, rate=20.0))
    run_alerts(turns, AlertSettings(urls=[receiver.url], batch_above=3), tz=TZ, now=NOW + timedelta(minutes=30))
    assert receiver.posts["/hook"][1]["title"] == "Escalation: European Union → United States, alcohol 10% → 20% " \
                                                  "(threatened)"


def test_a_single_first_alert_is_sent_as_itself(db, receiver, turns):
    add_article(db, 1, STEEL_25)
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW)
    assert [p["title"] for p in receiver.posts["/hook"]] == [title(candidate(STEEL_25), "new", None)]


@pytest.mark.parametrize(("attempts", "delay"), [
    (1, timedelta(minutes=5)), (2, timedelta(minutes=10)), (4, timedelta(minutes=40)),
    (7, timedelta(hours=5, minutes=20)), (8, timedelta(hours=6)), (100, timedelta(hours=6)),
])
def test_retry_delay_doubles_up_to_six_hours(attempts, delay):
    assert retry_delay(attempts) == delay


def test_failed_delivery_is_retried_after_backoff_and_arrives_once(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url])
    add_article(db, 1, STEEL_25)
    receiver.fail["/hook"] = 500
    report = run_alerts(turns, rules, tz=TZ, now=NOW)
    assert report.failed == 1 and "500" in report.messages[0]["outcome"]
    row = db.execute("SELECT status, attempts, next_attempt_at, last_error FROM alerts").fetchall()[0]
    assert row[:3] == ("failed", 1, NOW + timedelta(minutes=5)) and "500" in row[3]
    del receiver.fail["/hook"]
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=4))  # not due yet
    assert len(receiver.posts["/hook"]) == 1  # the failed attempt only
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=5))
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=10))
    assert len(receiver.posts["/hook"]) == 2
    assert db.execute("SELECT status, attempts, last_error FROM alerts").fetchall() == [("delivered", 2, None)]


def test_a_channel_that_received_the_alert_is_not_sent_it_again_when_another_failed(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url, receiver.other])
    add_article(db, 1, STEEL_25)
    receiver.fail["/other"] = 503
    run_alerts(turns, rules, tz=TZ, now=NOW)
    assert statuses(db) == {title(candidate(STEEL_25), "new", None): "failed"}
    del receiver.fail["/other"]
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=1))
    assert (len(receiver.posts["/hook"]), len(receiver.posts["/other"])) == (1, 2)
    assert set(statuses(db).values()) == {"delivered"}
    channels = db.execute("SELECT channel FROM alerts").fetchall()[0][0]
    assert "/hook" in channels and "/other" in channels


def test_crash_between_send_and_mark_is_reported_and_never_resent(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url])
    add_article(db, 1, STEEL_25)

    def send_then_crash(urls, **message):
        deliver(urls, **message)
        raise KeyboardInterrupt  # the process dies before the outcome is committed

    with pytest.raises(KeyboardInterrupt):
        run_alerts(turns, rules, tz=TZ, now=NOW, send=send_then_crash)
    report = run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=1))
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=2))
    assert len(receiver.posts["/hook"]) == 1
    assert report.interrupted == [STEEL_25.claim_key]
    status, error = db.execute("SELECT status, last_error FROM alerts").fetchall()[0]
    assert status == "unknown" and "may or may not have arrived" in error


def test_a_crash_before_sending_leaves_the_alert_due(db, receiver, turns):
    rules = AlertSettings(urls=[receiver.url])
    add_article(db, 1, STEEL_25)
    collect_alerts(turns, rules, tz=TZ, now=NOW)  # recorded, then the process stops
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=30))
    assert len(receiver.posts["/hook"]) == 1


@pytest.mark.parametrize(("rules", "fetched_ago", "status"), [
    ({}, timedelta(hours=47), "delivered"),
    ({}, timedelta(hours=49), "backfill"),  # e.g. re-analysed by a new pipeline version
    ({"max_age_hours": 72}, timedelta(hours=49), "delivered"),
    ({"imposers": ["CHN"]}, timedelta(hours=1), "filtered"),
])
def test_claims_from_old_articles_or_outside_the_rules_are_recorded_not_sent(db, receiver, rules, fetched_ago,
                                                                              status, turns):
    add_article(db, 1, STEEL_25, fetched_at=NOW - fetched_ago)
    run_alerts(turns, AlertSettings(urls=[receiver.url], **rules), tz=TZ, now=NOW)
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW + timedelta(hours=1))  # rules relaxed
    assert list(statuses(db).values()) == [status]
    assert len(receiver.posts["/hook"]) == (status == "delivered")


def test_without_urls_nothing_is_recorded(db, turns):
    add_article(db, 1, STEEL_25)
    run_alerts(turns, AlertSettings(), tz=TZ, now=NOW)
    assert statuses(db) == {}


def test_url_secrets_are_never_stored(db, receiver, turns):
    secret_url = receiver.url.replace("json://", "json://newsmon:hunter2@")
    add_article(db, 1, STEEL_25)
    run_alerts(turns, AlertSettings(urls=[secret_url]), tz=TZ, now=NOW)
    assert len(receiver.posts["/hook"]) == 1
    dump = str(db.execute("SELECT * FROM deliveries").fetchall() + db.execute("SELECT * FROM alerts").fetchall())
    assert "hunter2" not in dump and "127.0.0.1" in dump


def test_an_unusable_url_is_a_recorded_failure(db, turns):
    add_article(db, 1, STEEL_25)
    report = run_alerts(turns, AlertSettings(urls=["nosuchservice://token"]), tz=TZ, now=NOW)
    assert report.failed == 1
    assert db.execute("SELECT status, last_error FROM alerts").fetchall() == [
        ("failed", "apprise cannot use this URL (unknown scheme or missing token)")]


def test_digest_is_sent_once_per_day_and_retried_after_a_failure(db, receiver, turns):
    day = date(2026, 11, 25)
    settings = Settings(alerts=AlertSettings(urls=[receiver.url, receiver.other]), digest=DigestSettings(send=True))
    receiver.fail["/other"] = 500
    first = send_digest(turns, settings, day=day, markdown="# digest", now=NOW)
    assert [o.ok for o in first] == [True, False]
    del receiver.fail["/other"]
    assert [o.ok for o in send_digest(turns, settings, day=day, markdown="# digest", now=NOW)] == [True]
    assert send_digest(turns, settings, day=day, markdown="# digest", now=NOW) == []
    assert (len(receiver.posts["/hook"]), len(receiver.posts["/other"])) == (1, 2)
    assert receiver.posts["/hook"][0] == {"version": "1.0", "title": "newsmon digest — 2026-11-25",
                                          "message": "# digest", "attachments": [], "type": "info"}
    send_digest(turns, settings, day=day + timedelta(days=1), markdown="# next day", now=NOW)
    assert len(receiver.posts["/hook"]) == 2


def test_digest_is_not_sent_unless_configured(db, receiver, turns):
    settings = Settings(alerts=AlertSettings(urls=[receiver.url]))
    assert send_digest(turns, settings, day=date(2026, 11, 25), markdown="# digest", now=NOW) == []
    assert receiver.posts["/hook"] == []


@pytest.mark.parametrize(("alerts", "message"), [
    ('quiet_hours = "22:00"', "alerts.quiet_hours"),
    ('actions = ["fined"]', "unknown action(s) fined"),
    ('imposers = ["ZZZ"]', "unknown country code 'ZZZ'"),
    ('sectors = ["cheese"]', "unknown sector(s) cheese"),
    ('timezone = "Mars/Olympus"', "unknown time zone"),
    ("min_rate = -1", "alerts.min_rate"),
])
def test_bad_alert_rules_name_the_key_and_problem(tmp_path, alerts, message):
    config = tmp_path / "newsmon.toml"
    config.write_text(f"[alerts]\n{alerts}\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(config)


def test_country_codes_are_normalised_to_alpha_3():
    rules = AlertSettings(imposers=["us", "eu"], targets=[" can ", "MX"])
    assert (rules.imposers, rules.targets) == (["USA", "EU"], ["CAN", "MEX"])


def test_alert_urls_are_stripped_and_each_kept_once():
    assert AlertSettings(urls=[" json://a/hook ", "", "json://a/hook", "json://b/hook"]).urls == [
        "json://a/hook", "json://b/hook"]


@pytest.fixture
def cli_config(tmp_path, receiver):
    from storage import connect

    config = tmp_path / "newsmon.toml"
    config.write_text(f'[storage]\ndb = "n.duckdb"\n[alerts]\nurls = ["{receiver.url}"]\n'
                      '[digest]\ntimezone = "Europe/Paris"\n')
    with connect(tmp_path / "n.duckdb") as con:
        add_article(con, 1, STEEL_25, fetched_at=datetime.now(UTC))
    return config


def test_alerts_send_and_list_from_the_command_line(cli_config, receiver, monkeypatch):
    from rich.console import Console
    from typer.testing import CliRunner

    from newsmon import cli
    from newsmon.cli import app

    monkeypatch.setattr(cli, "out", Console(width=300))
    runner = CliRunner()
    sent = runner.invoke(app, ["alerts", "send", "--config", str(cli_config)])
    assert sent.exit_code == 0, sent.output
    assert "1 delivered, 0 failed" in sent.output and len(receiver.posts["/hook"]) == 1
    assert "recorded 1 pending" in sent.output and "{" not in sent.output
    listed = runner.invoke(app, ["alerts", "--config", str(cli_config)])
    assert listed.exit_code == 0 and "delivered" in listed.output and "steel 25%" in listed.output
    failed = runner.invoke(app, ["alerts", "--status", "failed", "--config", str(cli_config)])
    assert failed.exit_code == 0 and "steel 25%" not in failed.output


def test_an_empty_alerts_list_says_why(tmp_path):
    from typer.testing import CliRunner

    from newsmon.cli import app
    from storage import connect

    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    connect(tmp_path / "n.duckdb").close()
    result = CliRunner().invoke(app, ["alerts", "--config", str(config)])
    assert result.exit_code == 0 and "[alerts] urls is empty" in result.stderr
    config.write_text('[storage]\ndb = "n.duckdb"\n[alerts]\nurls = ["json://127.0.0.1:9/hook"]\n')
    result = CliRunner().invoke(app, ["alerts", "--status", "failed", "--config", str(config)])
    assert result.exit_code == 0 and "no alerts with status failed" in result.stderr


def test_alerts_send_without_urls_is_an_error(tmp_path):
    from typer.testing import CliRunner

    from newsmon.cli import app

    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    result = CliRunner().invoke(app, ["alerts", "send", "--config", str(config)])
    assert result.exit_code == 1 and "no [alerts] urls" in result.output


def test_serve_schedules_monitor_every_30_minutes_and_the_digest_at_7_in_its_time_zone(cli_config, monkeypatch):
    import prefect
    from typer.testing import CliRunner

    from newsmon.cli import app

    served = []
    monkeypatch.setattr(prefect, "serve", lambda *deployments, **_: served.extend(deployments))
    result = CliRunner().invoke(app, ["serve", "--config", str(cli_config)])
    assert result.exit_code == 0, result.output
    monitor, digest = served
    assert (monitor.name, monitor.schedules[0].schedule.interval) == ("monitor", timedelta(minutes=30))
    cron = digest.schedules[0].schedule
    assert (digest.name, cron.cron, cron.timezone) == ("digest", "0 7 * * *", "Europe/Paris")
    assert monitor.parameters == {"config": str(cli_config.resolve())}
    assert digest.parameters == {"config": str(cli_config.resolve()), "send": True}


def test_digest_send_from_the_command_line_goes_out_once_per_day(cli_config, receiver):
    from typer.testing import CliRunner

    from newsmon.cli import app

    args = ["digest", "--date", "2026-03-10", "--send", "--config", str(cli_config)]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "[digest] send = true" in refused.output
    cli_config.write_text(cli_config.read_text().replace("[digest]\n", "[digest]\nsend = true\n"))
    first, second = CliRunner().invoke(app, args), CliRunner().invoke(app, args)
    assert first.exit_code == second.exit_code == 0, first.output
    assert [p["title"] for p in receiver.posts["/hook"]] == ["newsmon digest — 2026-03-10"]
    assert "not sent again" in second.output


# ---- order of claims, message types, dates, hostile text ------------------------------------------

RAISED_50 = replace(STEEL_25, action="raised", rate=50.0, previous_rate=25.0,
                    evidence="The United States raised its tariff on Canadian steel to 50% from 25%.")
SOYBEANS = TariffClaim(imposer="CHN", target="USA", sectors=("agriculture",), action="imposed", rate=25.0,
                       sentence=0, evidence="China imposed a 25% tariff on U.S. soybeans.")


@pytest.mark.parametrize("reported", ["raise first", "same article", "imposition first"])
def test_an_imposition_and_a_raise_in_one_cycle_are_new_then_escalation(db, receiver, reported, turns):
    in_use(db, receiver.url)
    if reported == "raise first":  # the raise is published before a report of the imposition it replaces
        add_article(db, 1, RAISED_50)
        add_article(db, 2, SOYBEANS)
        add_article(db, 3, STEEL_25)
    elif reported == "same article":
        add_article(db, 1, STEEL_25, RAISED_50, SOYBEANS)
    else:
        add_article(db, 1, STEEL_25)
        add_article(db, 2, SOYBEANS)
        add_article(db, 3, replace(RAISED_50, previous_rate=None))  # no stated old rate: time order decides
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW)
    sent = {p["title"]: p["type"] for p in receiver.posts["/hook"]}
    assert sent == {"New tariff claim: United States → Canada, steel 25% (imposed)": "info",
                    "New tariff claim: China → United States, agriculture 25% (imposed)": "info",
                    "Escalation: United States → Canada, steel 25% → 50% (raised)": "warning"}
    assert receiver.posts["/hook"][-1]["title"].startswith("Escalation")  # after the rate it raises


def test_an_imposition_reported_after_its_raise_was_alerted_is_new_not_a_cut(db, receiver, turns):
    in_use(db, receiver.url)
    rules = AlertSettings(urls=[receiver.url])
    add_article(db, 1, RAISED_50)
    run_alerts(turns, rules, tz=TZ, now=NOW)
    add_article(db, 2, STEEL_25)  # the next cycle: a late report of the 25% the raise replaced
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(minutes=30))
    add_article(db, 3, replace(STEEL_25, action="raised", rate=60.0))  # still compared with 50%, not 25%
    add_article(db, 4, replace(STEEL_25, action="lowered", rate=25.0), published_at=NOW + timedelta(hours=1))
    run_alerts(turns, rules, tz=TZ, now=NOW + timedelta(hours=2))
    assert [p["title"] for p in receiver.posts["/hook"]] == [
        "Escalation: United States → Canada, steel 25% → 50% (raised)",
        "New tariff claim: United States → Canada, steel 25% (imposed)",
        "Escalation: United States → Canada, steel 50% → 60% (raised)",
        "Rate cut: United States → Canada, steel 60% → 25% (lowered)"]


def test_claims_are_ordered_by_time_then_place_then_stated_previous_rate():
    from newsmon.alerts import chronological

    at = NOW - timedelta(hours=3)
    early_raise = candidate(RAISED_50, first_seen_at=at)
    late_imposition = candidate(STEEL_25, first_seen_at=at + timedelta(hours=2))
    soy = candidate(SOYBEANS, first_seen_at=at + timedelta(hours=1))
    second_place = candidate(CANOLA, first_seen_at=at + timedelta(hours=1), position=2)
    first_place = candidate(WHISKEY, first_seen_at=at + timedelta(hours=1), position=1)
    ordered = chronological([early_raise, late_imposition, second_place, soy, first_place])
    assert ordered == [late_imposition, soy, first_place, second_place, early_raise]
    loop = [candidate(replace(STEEL_25, previous_rate=50.0)), candidate(RAISED_50, first_seen_at=NOW + timedelta(1))]
    assert chronological(loop) == loop  # each names the other's rate: time order


@pytest.mark.parametrize(("claim", "kind"), [
    (STEEL_25, "info"), (RAISED_50, "warning"), (replace(STEEL_25, action="lowered", rate=10.0, previous_rate=25.0),
                                                 "warning"),
    (replace(STEEL_25, action="removed", rate=None), "warning"), (replace(STEEL_25, action="suspended"), "warning"),
    (replace(STEEL_25, action="threatened"), "info"), (replace(STEEL_25, action="relief_sought", rate=None), "info"),
])
def test_escalations_and_removals_are_warnings(db, receiver, claim, kind, turns):
    add_article(db, 1, claim)
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW)
    assert [p["type"] for p in receiver.posts["/hook"]] == [kind]


def test_the_effective_date_is_shown_as_a_day_of_the_article_s_week(db, receiver, turns):
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    add_article(db, 1, replace(STEEL_25, action="announced", effective_date="Tuesday"), fetched_at=friday,
                published_at=friday - timedelta(hours=2))
    run_alerts(turns, AlertSettings(urls=[receiver.url]), tz=TZ, now=friday)
    [post] = receiver.posts["/hook"]
    assert "Effective: Tuesday 1 December 2026 (“Tuesday”)" in post["message"]


def test_hostile_feed_text_is_inert_in_alert_bodies_and_their_html(db, receiver, turns):
    from apprise.conversion import markdown_to_html
    from apprise.plugins.slack import NotifySlack

    from tests.test_safe_text import HOSTILE_TITLES, HOSTILE_URLS, assert_inert_html, markdown_outline

    in_use(db, receiver.url)
    for n, text in enumerate(HOSTILE_TITLES):
        article = Article(article_id=f"h{n}", feed_url="https://wire.example/rss", guid=None, title=text, summary="",
                          url=HOSTILE_URLS[n % len(HOSTILE_URLS)] if n % 2 else f"https://wire.example/{n}",
                          text="", fetched_at=NOW, published_at=NOW - timedelta(minutes=n), content_hash=f"h{n}")
        store_articles(db, [article], feed_url=article.feed_url)
        claim = replace(STEEL_25, rate=float(n + 1), evidence=text, effective_date=text[:40])
        store_analyses(db, [Analysis(id=article.article_id, tariff_claims=(claim,))], pipeline_version="v1",
                       content_hashes={article.article_id: article.content_hash})
    run_alerts(turns, AlertSettings(urls=[receiver.url], batch_above=100), tz=TZ, now=NOW)
    posts = receiver.posts["/hook"]
    assert len(posts) == len(HOSTILE_TITLES)
    for post in posts:
        outline = markdown_outline(post["message"])
        assert outline["images"] == outline["html"] == outline["headings"] == []
        assert all(h.startswith("https://wire.example/") for h in outline["links"])
        assert "\u202e" not in post["message"] and "\x07" not in post["message"]
        assert len(post["message"]) < 3000  # the 16,000-character title and sentence are cut
        # what an e-mail target receives: apprise's own Markdown-to-HTML conversion of the body
        assert_inert_html(markdown_to_html(post["message"]), allowed={"p", "blockquote", "ul", "li", "a", "br"})
        # what Slack receives: apprise's CommonMark-to-mrkdwn, where <url|label> is a link and <!channel> a ping
        slack = NotifySlack._commonmark_to_slack(post["message"])
        assert all(m.startswith("<https://wire.example/") for m in re.findall(r"<[^>]*", slack)), slack


def test_messages_are_sent_with_the_database_file_closed(tmp_path, receiver):
    """A slow channel holds up no analyst: while apprise sends, another process can open the file."""
    import subprocess
    import sys

    from storage import WriteTurns, connect

    path = tmp_path / "closed.duckdb"
    with connect(path) as con:
        add_article(con, 1, STEEL_25)
    opened: list[bool] = []

    def send_and_look(urls, **kwargs):
        look = subprocess.run([sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True)",
                               str(path)], capture_output=True, text=True)
        opened.append(look.returncode == 0)
        return deliver(urls, **kwargs)

    with WriteTurns(path, pause=0) as db:
        report = run_alerts(db, AlertSettings(urls=[receiver.url]), tz=TZ, now=NOW, send=send_and_look)
    assert report.sent == 1 and opened == [True]
    with connect(path, read_only=True) as con:
        assert con.execute("SELECT status FROM deliveries WHERE subject_kind = 'alert'").fetchall() == [("delivered",)]
