"""End to end: demo feeds served over local HTTP, the monitor flow under Prefect, DuckDB checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

FEEDS = sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))


@pytest.fixture(scope="module")
def served_feeds():
    """A local feed server that answers conditional requests and logs what it was sent."""
    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    seen: list[tuple[str, str | None]] = []
    for path in FEEDS:
        body = path.read_bytes()
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'

        def handler(request, body=body, etag=etag):
            seen.append((request.path, request.headers.get("If-None-Match")))
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            return Response(body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})

        server.expect_request(f"/{path.name}").respond_with_handler(handler)
    yield server, seen
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def config(tmp_path_factory, served_feeds) -> Path:
    server, _ = served_feeds
    folder = tmp_path_factory.mktemp("monitor")
    feeds = "".join(f'[[feeds]]\nurl = "{server.url_for("/" + p.name)}"\nname = "{p.stem}"\n\n' for p in FEEDS)
    path = folder / "newsmon.toml"
    path.write_text(f'[storage]\ndb = "newsmon.duckdb"\n\n[digest]\nout_dir = "digests"\n\n{feeds}')
    return path


@pytest.fixture(scope="module")
def runs(prefect_harness, config):
    from flows.monitor import monitor

    first = monitor(str(config))
    second = monitor(str(config))
    return first, second


def _query(config: Path, sql: str):
    from storage import connect

    with connect(config.parent / "newsmon.duckdb", read_only=True) as con:
        return con.execute(sql).fetchall()


def test_monitor_stores_every_demo_item(runs, config):
    import feedparser

    expected = sum(len(feedparser.parse(p.read_bytes()).entries) for p in FEEDS)
    first, _ = runs
    assert expected >= 40
    assert first["new"] == expected
    assert _query(config, "SELECT count(*) FROM articles") == [(expected,)]
    assert _query(config, "SELECT count(*) FROM current_analyses") == [(expected,)]


def test_second_run_adds_nothing_and_sends_conditional_requests(runs, served_feeds):
    _, second = runs
    _, seen = served_feeds
    assert second["new"] == 0 and second["analysed"] == 0
    conditional = [path for path, etag in seen if etag]
    assert len(conditional) == len(FEEDS)


def test_actors_have_iso_codes(runs, config):
    codes = dict(_query(config, "SELECT name, code FROM actors WHERE kind = 'country'"))
    assert codes["Canada"] == "CAN" and codes["United States"] == "USA"


def test_tariff_claims_with_rates(runs, config):
    rows = _query(config, "SELECT imposer, target, rate FROM new_tariff_claims WHERE rate IS NOT NULL")
    assert ("USA", "CAN", 50.0) in {(i, t, r) for i, t, r in rows}


def test_topics_tagged_and_general_news_left_alone(runs, config):
    tagged = dict(_query(config, "SELECT topic, sum(articles) FROM daily_topics GROUP BY topic"))
    assert tagged.get("tariffs", 0) >= 10
    general = _query(config, "SELECT count(*) FROM topics t JOIN articles a USING (article_id) "
                             "WHERE a.feed_url LIKE '%general_news%'")
    assert general[0][0] <= 1


def test_digest_written(runs):
    first, _ = runs
    assert Path(first["digest"]).read_text().startswith("# newsmon digest")
