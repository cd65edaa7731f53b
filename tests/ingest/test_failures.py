"""What a bad feed URL comes to: a trickling server is cut at the whole-request deadline, and a web page
or a redirect loop is a failing feed with its reason, shown as a failure on `newsmon ingest`'s line."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner
from werkzeug import Response

from newsmon.cli import app
from newsmon.ingest.fetch import FetchRequest, fetch_all
from newsmon.ingest.run import ingest_feeds
from newsmon.settings import FeedSettings, FetchSettings

from .feedfiles import feed_bytes

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"


@pytest.fixture
def trickler() -> Iterator[dict[str, str]]:
    """A raw server on 127.0.0.1 sending one byte every 0.25 s: after its headers (/body) or from the
    first byte of its headers on (/headers). Yields the two URLs."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve(conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536)
            data = HEAD + b"<" * 100000
            if b"GET /body" in request:
                conn.sendall(HEAD)
                data = data[len(HEAD):]
            for byte in data:
                if stop.wait(0.25):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield {part: f"http://127.0.0.1:{port}/{part}" for part in ("body", "headers")}
    stop.set()
    listener.close()


@pytest.mark.parametrize("part", ["body", "headers"])
def test_a_trickle_is_cut_at_the_whole_request_deadline(trickler, part):
    started = time.perf_counter()
    (result,) = fetch_all([FetchRequest(url=trickler[part])], timeout=1.5)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.5 + 0.75  # without the deadline: 100,000 bytes at 4 a second
    assert result.body is None
    assert result.error == "timed out: no complete response within 1.5 s ([fetch] timeout)"


def test_a_trickling_feed_fails_ingest_in_time(trickler, db, db_path):
    started = time.perf_counter()
    report = ingest_feeds(db_path, [FeedSettings(url=trickler["body"])], FetchSettings(timeout=1))
    assert time.perf_counter() - started < 1 + 1.5
    (outcome,) = report.feeds
    assert outcome.state.startswith("failed: timed out")
    assert db.execute("SELECT last_error FROM feeds").fetchall() == [(outcome.error,)]


def _pages(httpserver) -> dict[str, str]:
    page = b"<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Hello</p></body></html>"
    xhtml = b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>'
    httpserver.expect_request("/page").respond_with_data(page, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/xhtml").respond_with_data(xhtml, content_type="application/xml")
    httpserver.expect_request("/a").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/b")}))
    httpserver.expect_request("/b").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/a")}))
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    httpserver.expect_request("/feed").respond_with_data(feed_bytes("real/livemint_news.xml"),
                                                         content_type="application/rss+xml")
    return {name: httpserver.url_for(f"/{name}") for name in ("page", "xhtml", "a", "missing", "feed")}


EXPECTED = {
    "page": "failed: not a feed: an HTML page, not RSS or Atom (has the feed moved?)",
    "xhtml": "failed: not a feed: an HTML page, not RSS or Atom (has the feed moved?)",
    "a": "failed: more than 5 redirects (a redirect loop?)",
    "missing": "failed: HTTP 404 NOT FOUND",
    "feed": "ok (HTTP 200)",
}


def test_pages_loops_and_errors_are_failing_feeds_with_their_reason(httpserver, db, db_path):
    urls = _pages(httpserver)
    report = ingest_feeds(db_path, [FeedSettings(url=u) for u in urls.values()], FetchSettings(timeout=5))
    states = {name: next(f.state for f in report.feeds if f.url == url) for name, url in urls.items()}
    assert states == EXPECTED
    health = dict(db.execute("SELECT url, last_error FROM feeds").fetchall())
    assert {name: health[url] for name, url in urls.items()} == {
        name: state.removeprefix("failed: ") if state.startswith("failed") else None
        for name, state in EXPECTED.items()}


def test_ingest_status_line_tells_failures_from_ok(httpserver, tmp_path):
    urls = _pages(httpserver)
    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n[fetch]\ntimeout = 5\n'
                      + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls.values()))
    result = CliRunner().invoke(app, ["ingest", "--config", str(config)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    lines = {name: next(line for line in result.output.splitlines() if line.startswith(url + ":"))
             for name, url in urls.items()}
    for name, state in EXPECTED.items():
        assert lines[name].endswith(f"— {state}")
    assert "4 failing" in result.output
