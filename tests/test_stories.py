"""Stories, not copies: near-duplicate articles share a story_id, chosen on labelled pairs; the digest and
`newsmon stories` count and list stories with their outlets."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from html import escape

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from newsmon.ingest.identity import content_hash, url_article_id
from newsmon.stories import (
    StoryIndex,
    assign_stories,
    from_bytes,
    minhash,
    shingles,
    story_words,
    to_bytes,
)
from nlp.records import Article
from storage.articles import store_articles
from tests.conftest import DATA

STORIES = DATA / "stories"
ARTICLES = {a["id"]: a for a in map(json.loads, (STORIES / "articles.jsonl").read_text().splitlines())}
PAIRS = [json.loads(line) for line in (STORIES / "pairs.jsonl").read_text().splitlines()]
FEED = "https://feed.example/rss"


def _when(article: dict) -> datetime:
    return datetime.fromisoformat(article["date"]).replace(tzinfo=UTC) + timedelta(hours=14)


def _store(con, key: str, *, url: str | None = None, when: datetime | None = None, text: str | None = None,
           feed: str = FEED) -> str:
    a = ARTICLES[key]
    url = url or f"https://news.example/{key}"
    body = a["text"] if text is None else text
    article_id = url_article_id(url)
    published = when or _when(a)
    store_articles(con, [Article(article_id=article_id, feed_url=feed, url=url, guid=None, title=a["title"],
                                 summary="", text=body, published_at=published, fetched_at=published,
                                 content_hash=content_hash(a["title"], body))], feed_url=feed)
    return article_id


def _story(con, article_id: str) -> str:
    return con.execute("SELECT story_id FROM articles WHERE article_id = ?", [article_id]).fetchall()[0][0]


def test_labelled_pairs_hold_same_story_copies_and_hard_negatives():
    kinds = {p["kind"] for p in PAIRS}
    assert len(PAIRS) >= 60 and "same topic, other story" in kinds
    assert sum(p["same"] for p in PAIRS) >= 30 and sum(not p["same"] for p in PAIRS) >= 30
    assert all(p["a"] in ARTICLES and p["b"] in ARTICLES for p in PAIRS)


def test_story_assignment_keeps_copies_together_and_other_stories_apart():
    """The pipeline as at ingest (LSH, threshold, oldest first) on the labelled articles: a pinned floor."""
    index = StoryIndex()
    story = {}
    for key, a in sorted(ARTICLES.items(), key=lambda kv: (kv[1]["date"], kv[0])):
        m = minhash(shingles(story_words(a["title"], a["text"])))
        story[key] = index.story_of(key, published_at=_when(a), m=m) or key
        index.add(key, story_id=story[key], published_at=_when(a), m=m)
    same = [story[p["a"]] == story[p["b"]] for p in PAIRS if p["same"]]
    merged_wrongly = [p for p in PAIRS if not p["same"] and story[p["a"]] == story[p["b"]]]
    assert merged_wrongly == []
    assert sum(same) / len(same) >= 0.95


@pytest.mark.parametrize(("text", "gone", "kept"), [
    ("OTTAWA (Northwire) — Canada will impose duties.", "northwire", "impose"),
    ("WINDSOR, Ontario (Northwire) — Stellantis cuts a shift.", "windsor", "stellantis"),
    ("By Dana Whitfield, Great Lakes Courier\n\nThe order covers coil.", "whitfield", "coil"),
    ("Steel duties rise.\n\n(Reporting by Ana Ruiz; Editing by Paul Ng)", "ruiz", "duties"),
    ("Steel duties rise.\n\nCopyright 2026 Northwire. All rights reserved.", "rights", "duties"),
])
def test_datelines_bylines_and_credits_are_not_part_of_the_story(text, gone, kept):
    words = [w for segment in story_words("", text) for w in segment]
    assert gone not in words and kept in words


def test_a_long_paragraph_opening_with_by_is_story_text():
    text = "By noon the Canadian dollar had fallen half a cent, " + "and traders sold steel shares " * 5
    assert "noon" in story_words("", text)[0]


def test_signature_survives_storage():
    m = minhash(shingles(story_words("Steel", ARTICLES["steel-raise/0"]["text"])))
    assert from_bytes(to_bytes(m)).jaccard(m) == 1.0
    assert len(to_bytes(m)) == 4 * len(m.hashvalues)


def test_copies_join_the_first_article_and_a_later_story_on_the_topic_does_not(db):
    first = _store(db, "steel-raise/0")
    copy = _store(db, "steel-raise/2", url="https://other.example/hamilton", feed="https://other.example/rss",
                  when=_when(ARTICLES["steel-raise/0"]) + timedelta(hours=2))
    other = _store(db, "steel-counter/0")
    assert assign_stories(db) == 3
    assert _story(db, copy) == _story(db, first) == first
    assert _story(db, other) == other
    assert assign_stories(db) == 0  # compared once; the next ingest does not redo it


def test_a_copy_outside_the_window_is_a_story_of_its_own(db):
    first = _store(db, "steel-raise/0")
    late = _store(db, "steel-raise/1", url="https://other.example/late", when=_when(ARTICLES["steel-raise/0"])
                  + timedelta(days=10))
    assign_stories(db)
    assert _story(db, late) == late != _story(db, first)


def test_an_article_whose_text_changed_is_compared_again(db):
    first = _store(db, "steel-raise/0")
    changed = _store(db, "steel-counter/0", url="https://other.example/x")
    assign_stories(db)
    assert _story(db, changed) == changed
    _store(db, "steel-raise/1", url="https://other.example/x", text=ARTICLES["steel-raise/1"]["text"])
    db.execute("UPDATE articles SET title = 'x', text = ?, content_hash = 'new' WHERE article_id = ?",
               [ARTICLES["steel-raise/1"]["text"], changed])
    assert assign_stories(db) == 1
    assert _story(db, changed) == first


def test_rows_stored_before_stories_are_backfilled(db):
    first = _store(db, "dairy-dispute/0")
    copy = _store(db, "dairy-dispute/1", url="https://other.example/dairy",
                  when=_when(ARTICLES["dairy-dispute/0"]) + timedelta(hours=1))
    assert _story(db, copy) == copy  # a story of its own until compared
    assign_stories(db)
    assert _story(db, copy) == first


# ---- three outlets, one story: ingest from local feeds, analysis, digest and `newsmon stories` ----------

OUTLETS = {"wire": "Wire", "courier": "Courier", "ledger": "Ledger"}


def _rss(items: list[tuple[str, str, dict, int]]) -> str:
    """Items of (link, byline, labelled article, minutes after the wire)."""
    entries = "".join(
        f"<item><title>{escape(a['title'])}</title><link>{url}</link><guid>{url}</guid>"
        f"<pubDate>{format_datetime(_when(a) + timedelta(minutes=late))}</pubDate>"
        f"<description>{escape(byline + a['text'])}</description></item>"
        for url, byline, a, late in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory, analyzer):
    """The steel-raise wire story in three feeds on 127.0.0.1 (other URL, headline and byline in each), and
    another steel story in the wire feed."""
    from newsmon.analysis import analyze_pending
    from newsmon.ingest.run import ingest_feeds
    from newsmon.settings import load_settings

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    base = server.url_for("/")
    feeds = {
        "wire": [(f"{base}wire/steel-50", "", ARTICLES["steel-raise/0"], 0),
                 (f"{base}wire/steel-answer", "", ARTICLES["steel-counter/0"], 0)],
        "courier": [(f"{base}courier/washington-hikes-duty", "By Dana Whitfield\n\n", ARTICLES["steel-raise/1"], 40)],
        "ledger": [(f"{base}ledger/hamilton-braces", "By Marie Tremblay, Ledger staff\n\n",
                    ARTICLES["steel-raise/2"], 90)],
    }
    for name, items in feeds.items():
        server.expect_request(f"/{name}.xml").respond_with_data(_rss(items), content_type="application/rss+xml")
    folder = tmp_path_factory.mktemp("syndicated")
    config = folder / "newsmon.toml"
    config.write_text('[storage]\ndb = "s.duckdb"\n[digest]\ntimezone = "UTC"\nout_dir = "digests"\n' + "".join(
        f'[[feeds]]\nurl = "{base}{name}.xml"\nname = "{label}"\n' for name, label in OUTLETS.items()))
    settings = load_settings(str(config))
    ingest_feeds(settings.storage.db, settings.feeds, settings.fetch)
    analyze_pending(settings.storage.db, analyzer)
    server.stop()
    return config, settings


def test_a_syndicated_story_is_one_story_with_three_outlets_in_the_digest(syndicated):
    from newsmon.digest import write_digest
    from storage import connect

    _, settings = syndicated
    with connect(settings.storage.db) as con:
        files = write_digest(con, day=date(2026, 11, 3), tz="UTC", out_dir=settings.digest.out_dir)
        from storage.reports import digest_data

        data = digest_data(con, day=date(2026, 11, 3), tz="UTC")
    (story,) = data["headlines"]
    assert story["outlets"] == ["Courier", "Ledger", "Wire"] and story["articles"] == 3
    assert story["title"] == ARTICLES["steel-raise/0"]["title"]  # the first outlet's headline
    assert data["topics"] and all(t["stories"] == 1 for t in data["topics"])
    assert "3 outlets: Courier, Ledger, Wire" in files.markdown
    assert files.markdown.count(ARTICLES["steel-raise/0"]["title"]) >= 1
    assert ARTICLES["steel-raise/1"]["title"] not in files.markdown
    assert "3 outlets: Courier, Ledger, Wire" in files.html_path.read_text()


def test_stories_command_lists_stories_with_their_outlets(syndicated):
    from newsmon.cli import app

    config, _ = syndicated
    result = CliRunner().invoke(app, ["stories", "--search", "steel", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "3 outlets" in result.output and "1 outlet" in result.output
    assert all(name in result.output for name in OUTLETS.values())
    assert "2 stories" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


@pytest.mark.parametrize(("args", "expected"), [
    (["--search", "appliances washing"], 1),
    (["--search", "STEEL"], 2),
    (["--search", "aluminium smelter"], 0),
    (["--since", "2026-11-05"], 1),
    (["--limit", "1"], 1),
])
def test_stories_command_filters(syndicated, args, expected):
    from newsmon.cli import app

    config, _ = syndicated
    result = CliRunner().invoke(app, ["stories", *args, "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert len(re.findall(r"\b\d+ outlets?\b", result.output)) == expected
    assert ("no stories match" in result.output) is (expected == 0)


@pytest.mark.parametrize(("limit", "summary"), [("1", "1 of 2 stories (--limit 1; raise it to see more)"),
                                                ("2", "2 stories"), ("5", "2 stories")])
def test_stories_command_says_when_the_limit_left_stories_out(syndicated, limit, summary):
    from newsmon.cli import app

    config, _ = syndicated
    result = CliRunner().invoke(app, ["stories", "--search", "steel", "--limit", limit, "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == summary


def test_stories_topic_may_be_written_as_the_table_shows_it(syndicated):
    from newsmon.cli import app

    config, _ = syndicated
    results = [CliRunner().invoke(app, ["stories", "--topic", topic, "--config", str(config)])
               for topic in ("steel_aluminum", "Steel aluminum")]
    assert [r.exit_code for r in results] == [0, 0], results[1].output
    assert results[0].output == results[1].output and "outlet" in results[0].output


@pytest.mark.parametrize(("args", "message"), [
    (["--topic", "steel"], "unknown topic 'steel': use one of tariffs"),
    (["--since", "last week"], "'--since': 'last week': give a date as YYYY-MM-DD"),  # as every --date
])
def test_stories_command_names_bad_options_as_usage_errors(syndicated, args, message):
    from newsmon.cli import app

    config, _ = syndicated
    result = CliRunner().invoke(app, ["stories", *args, "--config", str(config)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("rates", "text"), [
    ((50.0, 25.0), "USA → CAN raised 25% → 50% (steel)"),
    ((25.0, 25.0), "USA → CAN raised 25% (steel)"),
    ((None, 25.0), "USA → CAN raised (steel)"),
])
def test_claim_line_shows_a_rate_change_only_when_there_is_one(rates, text):
    from newsmon.story_table import claim_line
    from storage.stories import StoryClaim

    rate, previous = rates
    claim = StoryClaim(imposer="USA", target="CAN", action="raised", rate=rate, previous_rate=previous,
                       sectors=("steel",), background=False, evidence="")
    assert claim_line(claim) == text


def test_a_french_story_is_marked_fr_in_the_stories_table(db):
    from rich.console import Console

    from newsmon.story_table import stories_table
    from storage.stories import browse_stories

    when = datetime(2026, 11, 24, 14, tzinfo=UTC)
    store_articles(db, [Article(article_id=f"a{n}", feed_url=FEED, url=f"https://news.example/{n}", guid=None,
                                title=title, summary="", text=text, published_at=when + timedelta(hours=n),
                                fetched_at=when, content_hash=f"h{n}", language=language)
                        for n, (title, text, language) in enumerate([
                            ("L'Ontario lève sa surtaxe", "Le gouvernement a levé la surtaxe sur l'électricité.", "fr"),
                            ("Ontario lifts its surtax", "The province lifted its electricity surtax today.", "en")])],
                   feed_url=FEED)
    assign_stories(db)
    page = browse_stories(db, topic=None, since=None, words=[], limit=5)
    assert {s.title: s.language for s in page.stories} == {"L'Ontario lève sa surtaxe": "fr",
                                                           "Ontario lifts its surtax": "en"}
    console = Console(width=100, color_system=None, record=True)
    console.print(stories_table(page.stories, tz="America/Toronto"))
    shown = console.export_text()
    assert "[FR] L'Ontario lève sa surtaxe" in shown and "[EN]" not in shown and "│ Ontario lifts its surtax" in shown
