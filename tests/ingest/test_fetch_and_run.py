"""Fetching over real local HTTP (pytest-httpserver on 127.0.0.1) and one whole ingest pass into DuckDB."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from werkzeug import Request, Response

from newsmon.ingest.fetch import MAX_REDIRECTS, FetchRequest, fetch_all
from newsmon.ingest.parse import parse_feed
from newsmon.ingest.run import ingest_feeds
from newsmon.settings import FeedSettings, FetchSettings

from .feedfiles import FEED_FILES, FEEDS, distinct_entries, feed_bytes

pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")

RSS = "application/rss+xml; charset=utf-8"
LAST_MODIFIED = "Mon, 02 Mar 2026 11:00:00 GMT"


def conditional(body: bytes, *, etag: str, content_type: str = RSS,
                log: list[Request] | None = None) -> Callable[[Request], Response]:
    """A feed that answers 304 to a request carrying its validators."""

    def handler(request: Request) -> Response:
        if log is not None:
            log.append(request)
        if (request.headers.get("If-None-Match") == etag
                or request.headers.get("If-Modified-Since") == LAST_MODIFIED):
            return Response(status=304, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})
        return Response(body, content_type=content_type,
                        headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})

    return handler


# ---- fetch_all --------------------------------------------------------------------------------

def test_conditional_get_200_then_304(httpserver):
    body = feed_bytes("real/livemint_news.xml")
    seen: list[Request] = []
    httpserver.expect_request("/feed.xml").respond_with_handler(conditional(body, etag='"abc123"', log=seen))
    url = httpserver.url_for("/feed.xml")

    (first,) = fetch_all([FetchRequest(url=url)])
    assert first.error is None
    assert first.status == 200
    assert first.body == body
    assert first.etag == '"abc123"'
    assert first.last_modified == LAST_MODIFIED
    assert first.not_modified is False
    assert "If-None-Match" not in seen[0].headers
    assert seen[0].headers["User-Agent"].startswith("newsmon/")

    (second,) = fetch_all([FetchRequest(url=url, etag=first.etag, last_modified=first.last_modified)])
    assert second.status == 304
    assert second.not_modified is True
    assert second.body is None
    assert second.error is None
    assert seen[1].headers["If-None-Match"] == '"abc123"'
    assert seen[1].headers["If-Modified-Since"] == LAST_MODIFIED
    assert len(seen) == 2


def test_server_error_is_a_result_not_an_exception(httpserver):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/broken"))])
    assert result.status == 500
    assert result.body is None
    assert "500" in result.error
    assert result.error == "HTTP 500 INTERNAL SERVER ERROR"


def test_gone_keeps_its_status(httpserver):
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/gone"))])
    assert result.status == 410
    assert "410" in result.error


def test_declared_body_over_the_limit_is_refused(httpserver):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000, content_type="application/xml")
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/big"))], max_bytes=1000)
    assert result.body is None
    assert "1,000-byte limit" in result.error
    assert "5,000 bytes" in result.error


def test_streamed_body_over_the_limit_is_cut_off(httpserver):
    def chunks():
        for _ in range(50):
            yield b"y" * 100

    # a generator body: no Content-Length, so the limit must be enforced while reading
    httpserver.expect_request("/stream").respond_with_handler(
        lambda request: Response(chunks(), content_type="application/xml"))
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/stream"))], max_bytes=1000)
    assert result.body is None
    assert result.error == "response is over the 1,000-byte limit"


def test_body_exactly_at_the_limit_is_accepted(httpserver):
    httpserver.expect_request("/exact").respond_with_data(b"z" * 1000, content_type="application/xml")
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/exact"))], max_bytes=1000)
    assert result.error is None
    assert result.body == b"z" * 1000


def test_redirect_loop_is_an_error(httpserver):
    httpserver.expect_request("/a").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/b")}))
    httpserver.expect_request("/b").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/a")}))
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/a"))])
    assert result.body is None
    assert "redirects" in result.error
    assert f"more than {MAX_REDIRECTS}" in result.error
    assert len([r for r, _ in httpserver.log if r.path in ("/a", "/b")]) == MAX_REDIRECTS + 1


def test_redirects_are_followed_and_reported(httpserver):
    body = feed_bytes("real/bbc_urdu.xml")
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": httpserver.url_for("/new")}))
    httpserver.expect_request("/new").respond_with_data(body, content_type=RSS)
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/old"))])
    assert result.error is None
    assert result.body == body
    assert result.url == httpserver.url_for("/old")
    assert result.redirects == (httpserver.url_for("/old"),)


def test_slow_server_times_out(httpserver):
    release = threading.Event()

    def slow(request):
        release.wait(2)  # a 2 s stall, cut short once the test is done with it
        return Response(feed_bytes("real/livemint_news.xml"), content_type=RSS)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.perf_counter()
    try:
        (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/slow"))], timeout=0.5)
        elapsed = time.perf_counter() - started
    finally:
        release.set()
    assert elapsed < 1.8
    assert result.body is None
    assert "timed out" in result.error
    assert 0.4 < result.seconds < 1.8


def test_unreachable_host_is_an_error():
    (result,) = fetch_all([FetchRequest(url="http://127.0.0.1:1/feed.xml")], timeout=2)
    assert result.status is None
    assert result.error.startswith("cannot reach 127.0.0.1:1")


def test_wrong_content_type_still_parses(httpserver):
    body = feed_bytes("real/livemint_news.xml")
    httpserver.expect_request("/html").respond_with_data(body, content_type="text/html; charset=utf-8")
    (result,) = fetch_all([FetchRequest(url=httpserver.url_for("/html"))])
    assert result.error is None
    assert result.headers["content-type"].startswith("text/html")
    parsed = parse_feed(result.body, feed_url=result.url, fetched_at=_now(), headers=result.headers)
    assert len(parsed.articles) == distinct_entries("real/livemint_news.xml") == 25
    assert "NonXMLContentType" in parsed.bozo_reason


def test_results_come_back_in_request_order(httpserver, tmp_path):
    for name in ("one", "two", "three"):
        httpserver.expect_request(f"/{name}").respond_with_data(name.encode(), content_type="application/xml")
    local = tmp_path / "local.xml"
    local.write_bytes(b"<rss/>")
    requests = [FetchRequest(url=httpserver.url_for(f"/{n}")) for n in ("three", "one", "two")]
    requests.insert(1, FetchRequest(url=str(local)))
    results = fetch_all(requests, concurrency=4, per_host=2)
    assert [r.body for r in results] == [b"three", b"<rss/>", b"one", b"two"]
    assert [r.url for r in results] == [r.url for r in requests]


def test_local_files(tmp_path):
    path = FEEDS / "real" / "livemint_news.xml"
    plain, file_url, missing = fetch_all([
        FetchRequest(url=str(path)),
        FetchRequest(url=f"file://{path}"),
        FetchRequest(url=str(tmp_path / "nope.xml")),
    ])
    assert plain.error is None
    assert plain.body == path.read_bytes() == file_url.body
    assert plain.headers["content-type"] == "application/xml"
    assert missing.body is None
    assert "cannot read feed file" in missing.error
    (too_big,) = fetch_all([FetchRequest(url=str(path))], max_bytes=1000)
    assert too_big.body is None
    assert "1,000-byte limit" in too_big.error


def _now() -> datetime:
    return datetime.now(UTC)


# ---- ingest_feeds end to end ------------------------------------------------------------------

GOOD = {
    "/livemint.xml": ("real/livemint_news.xml", RSS),
    "/urdu.xml": ("real/bbc_urdu.xml", "text/html"),  # wrong type, still a feed
    "/scripting.rss": ("tricky/nnw_scripting_news_fragments.rss", "application/xml"),
}


def test_ingest_feeds_end_to_end(httpserver, db, db_path):
    seen: list[Request] = []
    for path, (rel, ctype) in GOOD.items():
        httpserver.expect_request(path).respond_with_handler(
            conditional(feed_bytes(rel), etag=f'"{rel}"', content_type=ctype, log=seen))
    httpserver.expect_request("/broken.xml").respond_with_data("server on fire", status=500)
    good_urls = [httpserver.url_for(p) for p in GOOD]
    broken, unreachable = httpserver.url_for("/broken.xml"), "http://127.0.0.1:1/feed.xml"
    feeds = [FeedSettings(url=u, name=f"feed {i}", tags=["test"]) for i, u in enumerate(good_urls)]
    feeds += [FeedSettings(url=broken, name="broken"), FeedSettings(url=unreachable, name="unreachable")]
    fetch = FetchSettings(timeout=5, concurrency=4, per_host=2)
    expected = sum(distinct_entries(rel) for rel, _ in GOOD.values())
    assert expected == 25 + 26 + 50

    report = ingest_feeds(db_path, feeds, fetch)

    assert report.new == expected
    assert report.updated == 0
    assert {f.url for f in report.failed} == {broken, unreachable}
    assert db.execute("SELECT count(*) FROM articles").fetchall() == [(expected,)]
    assert db.execute("SELECT count(*) FROM article_feeds").fetchall() == [(expected,)]
    per_feed = dict(db.execute("SELECT feed_url, count(*) FROM articles GROUP BY feed_url").fetchall())
    assert per_feed == {u: distinct_entries(rel)
                        for u, (rel, _) in zip(good_urls, GOOD.values(), strict=True)}

    feeds_rows = {r[0]: r[1:] for r in db.execute(
        "SELECT url, name, tags, etag, last_modified, last_status, last_error, consecutive_failures "
        "FROM feeds"
    ).fetchall()}
    assert len(feeds_rows) == 5
    for url, (rel, _) in zip(good_urls, GOOD.values(), strict=True):
        _, tags, etag, last_modified, status, error, failures = feeds_rows[url]
        assert (etag, last_modified, status, error, failures) == (f'"{rel}"', LAST_MODIFIED, 200, None, 0)
        assert tags == ["test"]
    assert feeds_rows[broken][4:] == (500, "HTTP 500 INTERNAL SERVER ERROR", 1)
    assert feeds_rows[unreachable][4] is None
    assert feeds_rows[unreachable][5].startswith("cannot reach 127.0.0.1:1")
    assert feeds_rows[unreachable][6] == 1

    fetches = db.execute(
        "SELECT feed_url, http_status, items_seen, items_new, error FROM fetches ORDER BY fetch_id"
    ).fetchall()
    assert len(fetches) == 5
    by_url = {f[0]: f[1:] for f in fetches}
    assert by_url[broken][0] == 500 and "500" in by_url[broken][3]
    assert by_url[unreachable][0] is None and "cannot reach" in by_url[unreachable][3]
    assert by_url[good_urls[2]] == (200, 50, 50, None)

    # second round: validators sent, 304s, nothing new; the failing feeds are retried and fail again
    first_round = len(seen)
    assert first_round == 3
    again = ingest_feeds(db_path, feeds, fetch)
    assert again.new == 0
    assert again.updated == 0
    assert db.execute("SELECT count(*) FROM articles").fetchall() == [(expected,)]
    second = seen[first_round:]
    assert len(second) == 3
    sent = {(r.path, r.headers.get("If-None-Match"), r.headers.get("If-Modified-Since")) for r in second}
    assert sent == {(p, f'"{rel}"', LAST_MODIFIED) for p, (rel, _) in GOOD.items()}
    assert {o.url: o.status for o in again.feeds if o.url in good_urls} == dict.fromkeys(good_urls, 304)
    assert db.execute("SELECT count(*) FROM fetches WHERE http_status = 304").fetchall() == [(3,)]
    failures = dict(
        db.execute("SELECT url, consecutive_failures FROM feeds WHERE last_error IS NOT NULL").fetchall())
    assert failures == {broken: 2, unreachable: 2}
    assert db.execute("SELECT count(*) FROM fetches WHERE error IS NOT NULL").fetchall() == [(4,)]


NOT_FEEDS = {"tricky/fp_rss_empty_document.xml", "tricky/rp_document_moved.html"}


def test_ingest_feeds_end_to_end_on_every_saved_feed(httpserver, db, db_path):
    """All of tests/data/feeds at once, served as a server would (no charset, so each document's
    own declaration or bytes decide): every distinct entry stored once, only the two documents
    that are not feeds failing, and a second pass all 304s (the two failures retried)."""
    seen: list[Request] = []
    for rel in FEED_FILES:
        ctype = "text/html" if rel.endswith(".html") else "application/xml"
        httpserver.expect_request(f"/{rel}").respond_with_handler(
            conditional(feed_bytes(rel), etag=f'"{rel}"', content_type=ctype, log=seen))
    urls = {httpserver.url_for(f"/{rel}"): rel for rel in FEED_FILES}
    feeds = [FeedSettings(url=u) for u in urls]
    fetch = FetchSettings(timeout=10, concurrency=8, per_host=4)
    expected = {rel: distinct_entries(rel) for rel in FEED_FILES}
    assert sum(expected.values()) == 628

    report = ingest_feeds(db_path, feeds, fetch)

    assert {urls[f.url] for f in report.failed} == NOT_FEEDS
    assert {urls[f.url]: f.new for f in report.feeds} == expected
    assert report.new == 628
    per_feed = dict(db.execute("SELECT feed_url, count(*) FROM articles GROUP BY feed_url").fetchall())
    assert {urls[u]: n for u, n in per_feed.items()} == {rel: n for rel, n in expected.items() if n}
    assert db.execute("SELECT count(*) FROM article_feeds").fetchall() == [(628,)]

    again = ingest_feeds(db_path, feeds, fetch)
    assert (again.new, again.updated) == (0, 0)
    assert {urls[f.url] for f in again.feeds if f.status == 304} == set(FEED_FILES) - NOT_FEEDS
    assert {urls[f.url] for f in again.failed} == NOT_FEEDS
    assert len(seen) == 2 * len(FEED_FILES)
    assert db.execute("SELECT count(*) FROM articles").fetchall() == [(628,)]


def test_ingest_records_a_non_feed_as_an_error(httpserver, db, db_path):
    httpserver.expect_request("/moved").respond_with_data(
        feed_bytes("tricky/rp_document_moved.html"), content_type="text/html")
    url = httpserver.url_for("/moved")
    report = ingest_feeds(db_path, [FeedSettings(url=url)], FetchSettings(timeout=5))
    (outcome,) = report.feeds
    assert outcome.status == 200
    assert outcome.error == "not a feed: an HTML page, not RSS or Atom (has the feed moved?)"
    assert outcome.state.startswith("failed: not a feed")
    assert db.execute("SELECT last_error, consecutive_failures FROM feeds").fetchall() == [(outcome.error, 1)]


def test_ingest_updates_a_changed_item_once(httpserver, db, db_path):
    body = feed_bytes("real/livemint_news.xml")
    state = {"body": body}
    httpserver.expect_request("/feed").respond_with_handler(
        lambda request: Response(state["body"], content_type=RSS))
    feeds = [FeedSettings(url=httpserver.url_for("/feed"))]
    assert ingest_feeds(db_path, feeds, FetchSettings(timeout=5)).new == 25
    title = parse_feed(body, feed_url="x", fetched_at=_now()).articles[0].title
    state["body"] = body.replace(title.encode(), b"Edited headline", 1)
    report = ingest_feeds(db_path, feeds, FetchSettings(timeout=5))
    assert (report.new, report.updated) == (0, 1)
    assert db.execute(
        "SELECT count(*) FROM articles WHERE title = 'Edited headline' AND updated_at IS NOT NULL"
    ).fetchall() == [(1,)]


def test_disabled_and_backing_off_feeds_are_skipped(httpserver, db, db_path):
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    url = httpserver.url_for("/gone")
    feeds = [FeedSettings(url=url)]
    assert ingest_feeds(db_path, feeds, FetchSettings(timeout=5)).failed[0].status == 410
    report = ingest_feeds(db_path, feeds, FetchSettings(timeout=5))
    (outcome,) = report.feeds
    assert outcome.skipped is True
    assert [r.path for r, _ in httpserver.log if r.path == "/gone"] == ["/gone"]
