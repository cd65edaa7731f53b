"""Full-text feeds: the pages of new articles are fetched (pytest-httpserver on 127.0.0.1), their
main text replaces the feed's teaser, and a page that fails leaves the teaser with the reason."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from werkzeug import Request, Response

from newsmon.ingest.fetch import FetchResult
from newsmon.ingest.fulltext import with_page
from newsmon.ingest.identity import content_hash
from newsmon.ingest.run import ingest_feeds
from newsmon.settings import FeedSettings, FetchSettings
from nlp.records import Article

pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")

FETCH = FetchSettings(timeout=5, concurrency=4, per_host=2)
FEED_DATE = "Mon, 02 Mar 2026 09:15:00 GMT"
PAGE_DATE = "2026-02-27T14:30:00-05:00"
TEASER = "Canada will impose counter-tariffs on U.S. goods from Tuesday."
HTML = "text/html; charset=utf-8"
STORY = [
    "OTTAWA — Canada will impose 25% counter-tariffs on C$30 billion of U.S. goods from Tuesday, Finance "
    "Minister Dominic LeBlanc said, after Washington raised its duties on Canadian steel and aluminum "
    "to 50%.",
    "The list covers orange juice, peanut butter, appliances and motorcycles, and a second tranche worth "
    "C$125 billion could follow within three weeks if the U.S. measures stay in place, officials said.",
    "Ontario Premier Doug Ford said the province would add a surcharge on electricity exported to Michigan, "
    "New York and Minnesota, a step he called regrettable but necessary to defend workers in Hamilton.",
    "Industry groups warned that the dispute would raise prices on both sides of the border, where about "
    "C$3.6 billion worth of goods and services crosses every day.",
]


def page(*, published: str | None = PAGE_DATE, paragraphs: list[str] = STORY) -> str:
    """A news page as sites serve them: navigation, the article, reader comments, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story | Example News</title>'
        f'{meta}</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a>'
        "</li></ul></nav>"
        f"<main><article><h1>Canada answers U.S. steel tariffs</h1>{body}</article></main>"
        '<section class="comments" id="comments"><h2>Comments</h2><div class="comment">'
        "<p>Reader42: outrageous, totally unacceptable, says this reader.</p></div></section>"
        "<footer><p>© 2026 Example News. All rights reserved. Privacy policy.</p></footer></body></html>"
    )


def rss(items: list[tuple[str, str | None, str | None]]) -> bytes:
    """An RSS 2.0 document of (title, link, pubDate) items, each with TEASER as its description."""
    entries = "".join(
        "<item>"
        f"<title>{escape(title)}</title>"
        + (f"<link>{escape(link)}</link>" if link else "")
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + f"<description>{escape(TEASER)}</description></item>"
        for title, link, date in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>https://wire.example/</link><description>d</description>{entries}</channel></rss>").encode()


def serve_feed(httpserver, items: list[tuple[str, str | None, str | None]]) -> str:
    state = {"body": rss(items)}
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda request: Response(state["body"], content_type="application/rss+xml"))
    serve_feed.state = state  # lets a test change the feed between runs
    return httpserver.url_for("/feed.xml")


def page_requests(httpserver) -> list[Request]:
    return [r for r, _ in httpserver.log if r.path.startswith("/story/")]


def rows(db) -> dict[str, dict]:
    cur = db.execute("SELECT * FROM articles")
    names = [d[0] for d in cur.description]
    return {r[names.index("url")]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def test_page_text_replaces_the_teaser_and_changes_content_hash(httpserver, db, db_path):
    httpserver.expect_request("/story/1").respond_with_data(page(), content_type=HTML)
    link = httpserver.url_for("/story/1")
    feed = serve_feed(httpserver, [("Canada answers U.S. steel tariffs", link, FEED_DATE)])

    report = ingest_feeds(db_path, [FeedSettings(url=feed, fulltext=True)], FETCH)

    assert (report.new, report.failed) == (1, [])
    row = rows(db)[link]
    assert row["fulltext_error"] is None
    assert row["summary"] == TEASER
    for paragraph in STORY:
        assert paragraph in row["text"]
    for boilerplate in ("Reader42", "All rights reserved", "Home"):
        assert boilerplate not in row["text"]
    assert row["content_hash"] == content_hash(row["title"], row["text"])
    assert row["content_hash"] != content_hash(row["title"], TEASER)
    # the feed's date stands: the page is only asked for a date when the feed had none
    assert row["published_at"] == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
    (request,) = page_requests(httpserver)
    assert request.headers["User-Agent"].startswith("newsmon/")
    assert request.headers["Accept"].startswith("text/html")


def test_a_404_page_keeps_the_teaser_and_records_why(httpserver, db, db_path):
    httpserver.expect_request("/story/gone").respond_with_data("no such story", status=404)
    link = httpserver.url_for("/story/gone")
    feed = serve_feed(httpserver, [("Gone story", link, FEED_DATE)])

    report = ingest_feeds(db_path, [FeedSettings(url=feed, fulltext=True)], FETCH)

    assert (report.new, report.failed) == (1, [])  # a failed page is the article's problem, not the feed's
    row = rows(db)[link]
    assert row["text"] == TEASER
    assert row["content_hash"] == content_hash("Gone story", TEASER)
    assert row["fulltext_error"] == "HTTP 404 NOT FOUND"


def test_undated_entry_gets_the_page_date_or_keeps_the_fetch_time(httpserver, db, db_path):
    httpserver.expect_request("/story/dated").respond_with_data(page(), content_type=HTML)
    httpserver.expect_request("/story/undated").respond_with_data(page(published=None), content_type=HTML)
    dated, undated = httpserver.url_for("/story/dated"), httpserver.url_for("/story/undated")
    feed = serve_feed(httpserver, [("Page has a date", dated, None), ("Page has none", undated, None)])

    ingest_feeds(db_path, [FeedSettings(url=feed, fulltext=True)], FETCH)

    stored = rows(db)
    assert stored[dated]["published_at"] == datetime(2026, 2, 27, 19, 30, tzinfo=UTC)
    assert stored[dated]["date_from_feed"] is False
    assert stored[undated]["published_at"] == stored[undated]["fetched_at"]
    assert {r["fulltext_error"] for r in stored.values()} == {None}


def test_only_new_articles_have_their_pages_fetched(httpserver, db, db_path):
    for n in (1, 2, 3):
        httpserver.expect_request(f"/story/{n}").respond_with_data(page(), content_type=HTML)
    links = [httpserver.url_for(f"/story/{n}") for n in (1, 2, 3)]
    items = [(f"Story {n}", link, FEED_DATE) for n, link in enumerate(links, 1)]
    feeds = [FeedSettings(url=serve_feed(httpserver, items[:2]), fulltext=True)]

    assert ingest_feeds(db_path, feeds, FETCH).new == 2
    assert sorted(r.path for r in page_requests(httpserver)) == ["/story/1", "/story/2"]
    full = {url: r["text"] for url, r in rows(db).items()}

    again = ingest_feeds(db_path, feeds, FETCH)  # same feed, served 200 again (no validators)
    assert (again.new, again.updated) == (0, 0)
    assert len(page_requests(httpserver)) == 2
    assert {url: r["text"] for url, r in rows(db).items()} == full  # the teaser did not overwrite it

    serve_feed.state["body"] = rss(items)
    assert ingest_feeds(db_path, feeds, FETCH).new == 1
    assert sorted(r.path for r in page_requests(httpserver)) == ["/story/1", "/story/2", "/story/3"]


def test_feeds_without_fulltext_fetch_no_pages(httpserver, db, db_path):
    httpserver.expect_request("/story/1").respond_with_data(page(), content_type=HTML)
    link = httpserver.url_for("/story/1")
    feed = serve_feed(httpserver, [("Story", link, FEED_DATE)])
    ingest_feeds(db_path, [FeedSettings(url=feed)], FETCH)
    assert page_requests(httpserver) == []
    assert rows(db)[link]["text"] == TEASER


def test_slow_page_times_out_to_the_teaser(httpserver, db, db_path):
    release = threading.Event()

    def slow(request):
        release.wait(2)  # a 2 s stall, cut short once the test is done with it
        return Response(page(), content_type=HTML)

    httpserver.expect_request("/story/slow").respond_with_handler(slow)
    link = httpserver.url_for("/story/slow")
    feed = serve_feed(httpserver, [("Slow", link, FEED_DATE)])
    try:
        ingest_feeds(db_path, [FeedSettings(url=feed, fulltext=True)], FetchSettings(timeout=0.5))
    finally:
        release.set()
    row = rows(db)[link]
    assert row["text"] == TEASER
    assert row["fulltext_error"].startswith("timed out")


# ---- with_page on canned responses -------------------------------------------------------------

def _article(text: str = TEASER, *, url: str | None = "https://news.example/story") -> Article:
    when = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    return Article(article_id="a1", feed_url="https://news.example/feed", url=url, guid=None, title="Title",
                   summary=text, text=text, published_at=when, fetched_at=when,
                   content_hash=content_hash("Title", text))


@pytest.mark.parametrize(("html", "feed_text", "error"), [
    ("", TEASER, "no main text found in the page"),
    ('<html><body><div><img src="chart.png"></div></body></html>', TEASER, "no main text found in the page"),
    ("<html><head><title>Consent</title></head><body><form><button>Accept all cookies</button></form>"
     "</body></html>", TEASER, "page text (18 chars) is no longer than the feed's (62 chars)"),
    (page(paragraphs=STORY[:1]), " ".join(STORY), "is no longer than the feed's"),
], ids=["empty", "image-only", "consent-wall", "shorter-than-content-encoded"])
def test_a_page_that_adds_nothing_leaves_the_feed_text(html, feed_text, error):
    before = _article(feed_text)
    after = with_page(before, FetchResult(url=before.url, status=200, body=html.encode(),
                                          headers={"content-type": HTML}))
    assert error in after.fulltext_error
    assert (after.text, after.content_hash) == (before.text, before.content_hash)


def test_entry_without_a_link_is_recorded_not_fetched(httpserver, db, db_path):
    feed = serve_feed(httpserver, [("No link at all", None, FEED_DATE)])
    ingest_feeds(db_path, [FeedSettings(url=feed, fulltext=True)], FETCH)
    assert db.execute("SELECT text, fulltext_error FROM articles").fetchall() == [
        (TEASER, "the entry has no link to a page")]
    assert page_requests(httpserver) == []
