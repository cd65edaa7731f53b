"""`newsmon feeds add`: a working feed is appended to the config, comments and all; anything else
is refused with one line and exit code 1, leaving the file as it was. `newsmon feeds` still lists."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from newsmon.settings import FeedSettings, load_settings

from .feedfiles import feed_bytes

pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")

RSS = "application/rss+xml; charset=utf-8"
CONFIG = """# Our monitoring config: hand-written, with comments that must survive.
[storage]
db = "t.duckdb"  # next to this file

[fetch]
timeout = 5

[[feeds]]
url = "https://www.wto.org/library/rss/latest_news_e.xml"
name = "WTO news"  # the one feed we had
"""


def newsmon(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "newsmon.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def feed_url(httpserver):
    httpserver.expect_request("/livemint.xml").respond_with_data(
        feed_bytes("real/livemint_news.xml"), content_type=RSS)
    return httpserver.url_for("/livemint.xml")


def test_a_working_feed_is_appended_and_the_rest_of_the_file_kept(config, feed_url):
    result = newsmon("feeds", "add", feed_url, "--name", "Mint", "--tags", "india, economy,", "--fulltext",
                     "--config", str(config))

    assert result.exit_code == 0, result.output
    assert "added" in result.stdout and "25 entries" in result.stdout
    assert "malformed" not in result.stdout
    text = config.read_text(encoding="utf-8")
    assert text.startswith(CONFIG)
    assert load_settings(config).feeds == [
        FeedSettings(url="https://www.wto.org/library/rss/latest_news_e.xml", name="WTO news"),
        FeedSettings(url=feed_url, name="Mint", tags=["india", "economy"], fulltext=True),
    ]


def test_a_malformed_but_readable_feed_is_added_with_a_note(httpserver, config):
    httpserver.expect_request("/taverncast.rss").respond_with_data(
        feed_bytes("tricky/rp_taverncast_dup_links.rss"), content_type=RSS)
    url = httpserver.url_for("/taverncast.rss")
    result = newsmon("feeds", "add", url, "--config", str(config))
    assert result.exit_code == 0, result.output
    assert "131 entries" in result.stdout
    assert "note: the feed is malformed but readable: SAXParseException" in result.stdout
    assert load_settings(config).feeds[-1].url == url


def test_a_missing_config_is_created_and_the_name_is_the_feed_title(tmp_path, feed_url):
    config = tmp_path / "new.toml"
    result = newsmon("feeds", "add", feed_url, "--config", str(config))
    assert result.exit_code == 0, result.output
    (feed,) = load_settings(config).feeds
    assert (feed.url, feed.name, feed.tags) == (feed_url, "Livemint - News", [])


def test_a_local_feed_file_is_stored_with_an_absolute_path(tmp_path, monkeypatch):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "local.xml").write_bytes(feed_bytes("real/bbc_urdu.xml"))
    (tmp_path / "conf").mkdir()
    config = tmp_path / "conf" / "newsmon.toml"
    monkeypatch.chdir(tmp_path)
    result = newsmon("feeds", "add", "feeds/local.xml", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert f'url = "{tmp_path / "feeds" / "local.xml"}"' in config.read_text(encoding="utf-8")
    assert load_settings(config).feeds[0].url == str(tmp_path / "feeds" / "local.xml")


@pytest.mark.parametrize(("path", "respond", "message"), [
    ("/moved.html",
     {"response_data": feed_bytes("tricky/rp_document_moved.html"), "content_type": "text/html"},
     "not added: not a feed: an HTML page, not RSS or Atom"),
    ("/empty.xml", {"response_data": feed_bytes("tricky/fp_rss_empty_document.xml"), "content_type": RSS},
     "not added: not a feed: no RSS or Atom found (SAXParseException"),
    ("/missing.xml", {"response_data": "not here", "status": 404}, "not added: HTTP 404 NOT FOUND"),
], ids=["html-page", "comment-only-document", "http-404"])
def test_a_url_that_is_not_a_working_feed_is_refused(httpserver, config, path, respond, message):
    httpserver.expect_request(path).respond_with_data(**respond)
    url = httpserver.url_for(path)
    result = newsmon("feeds", "add", url, "--config", str(config))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert f"{url} {message}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert config.read_text(encoding="utf-8") == CONFIG


def test_an_unreachable_url_is_refused(config):
    result = newsmon("feeds", "add", "http://127.0.0.1:1/feed.xml", "--config", str(config))
    assert result.exit_code == 1
    assert "http://127.0.0.1:1/feed.xml not added: cannot reach 127.0.0.1:1" in result.stderr
    assert config.read_text(encoding="utf-8") == CONFIG


def test_a_duplicate_is_refused_before_any_fetch(httpserver, config, feed_url):
    assert newsmon("feeds", "add", feed_url, "--config", str(config)).exit_code == 0
    once = config.read_text(encoding="utf-8")
    fetched = len(httpserver.log)

    result = newsmon("feeds", "add", feed_url, "--name", "again", "--config", str(config))

    assert result.exit_code == 1
    assert f"{feed_url} is already configured" in result.stderr
    assert config.read_text(encoding="utf-8") == once
    assert len(httpserver.log) == fetched


def test_a_config_with_an_inline_feeds_array_is_left_alone(tmp_path, feed_url):
    config = tmp_path / "inline.toml"
    config.write_text('feeds = [{url = "https://a.example/rss"}]\n', encoding="utf-8")
    result = newsmon("feeds", "add", feed_url, "--config", str(config))
    assert result.exit_code == 1
    assert "cannot append a feed table to this file (is `feeds` an inline array?)" in result.stderr
    assert config.read_text(encoding="utf-8") == 'feeds = [{url = "https://a.example/rss"}]\n'


def test_feeds_without_a_subcommand_still_lists_feed_health(config, feed_url):
    assert newsmon("feeds", "add", feed_url, "--name", "Mint", "--config", str(config)).exit_code == 0
    config.write_text(config.read_text(encoding="utf-8").replace(
        'url = "https://www.wto.org/library/rss/latest_news_e.xml"', 'url = "http://127.0.0.1:1/wto.xml"'),
        encoding="utf-8")
    assert newsmon("ingest", "--config", str(config)).exit_code == 0

    result = newsmon("feeds", "--config", str(config))

    assert result.exit_code == 0, result.output
    rows = [re.split(r"\s{2,}", line.strip())[:2] for line in result.stdout.splitlines()]
    assert ["Mint", "ok"] in rows
    assert ["WTO news", "✗ failing"] in rows  # one line per feed, the failure marked
