"""One ingest pass over the configured feeds; each feed's outcome is recorded, none stops the rest."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from newsmon.ingest.fetch import FetchRequest, FetchResult, fetch_all
from newsmon.ingest.fulltext import fetch_full_text
from newsmon.ingest.parse import parse_feed
from newsmon.settings import FeedSettings, FetchSettings
from newsmon.stories import assign_stories
from nlp.language import article_language
from nlp.records import Article, Progress
from storage.articles import fill_languages, known_ids, store_articles
from storage.feeds import FetchRecord, feed_states, record_fetch, sync_feeds

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedOutcome:
    url: str
    status: int | None
    seen: int
    new: int
    updated: int
    error: str | None
    bozo_reason: str | None
    skipped: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    feeds: tuple[FeedOutcome, ...]

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.feeds)

    @property
    def failed(self) -> list[FeedOutcome]:
        return [f for f in self.feeds if f.error]


def due_requests(con: duckdb.DuckDBPyConnection, feeds: list[FeedSettings], *,
                 now: datetime) -> tuple[list[FetchRequest], list[str]]:
    """Requests for feeds not disabled and not backing off, with their stored validators."""
    sync_feeds(con, [(f.url, f.name, f.tags) for f in feeds])
    states = feed_states(con, [f.url for f in feeds])
    requests, skipped = [], []
    for feed in feeds:
        state = states[feed.url]
        if state.disabled or (state.next_attempt_at and state.next_attempt_at > now):
            skipped.append(feed.url)
            continue
        requests.append(FetchRequest(url=feed.url, etag=state.etag, last_modified=state.last_modified))
    return requests, skipped


def _with_full_text(con: duckdb.DuckDBPyConnection, articles: list[Article], *,
                    fetch: FetchSettings) -> list[Article]:
    """Pages are fetched for articles not stored yet; known ones pass through as the feed has them."""
    known = known_ids(con, [a.article_id for a in articles])
    fresh = fetch_full_text([a for a in articles if a.article_id not in known], fetch=fetch)
    return fresh + [a for a in articles if a.article_id in known]


def store_result(con: duckdb.DuckDBPyConnection, result: FetchResult, *, started_at: datetime,
                 feed: FeedSettings, fetch: FetchSettings) -> FeedOutcome:
    """Parse and store one fetched feed, then record the attempt (articles first: a crash in
    between re-fetches the feed next time and finds them already stored)."""
    finished = datetime.now(UTC)
    seen = new = updated = 0
    bozo = None
    error = result.error
    if error is None and result.body is not None:
        parsed = parse_feed(result.body, feed_url=result.url, fetched_at=finished, headers=result.headers)
        bozo = parsed.bozo_reason
        if not parsed.articles and bozo and "NonXMLContentType" not in bozo:
            error = f"not a parseable feed: {bozo}"
        articles = list(parsed.articles)
        if feed.fulltext:
            articles = _with_full_text(con, articles, fetch=fetch)
        # a full-text feed's teaser differs from the page text stored: not an update
        stored = store_articles(con, articles, feed_url=result.url, update=not feed.fulltext)
        seen, new, updated = stored.seen, stored.new, stored.updated
    record_fetch(con, FetchRecord(
        feed_url=result.url, started_at=started_at, finished_at=finished, http_status=result.status,
        items_seen=seen, items_new=new, items_updated=updated, bozo_reason=bozo, error=error,
        etag=None if error else result.etag, last_modified=None if error else result.last_modified,
    ))
    if error:
        log.warning("feed %s failed: %s", result.url, error)
    return FeedOutcome(url=result.url, status=result.status, seen=seen, new=new, updated=updated,
                       error=error, bozo_reason=bozo)


def ingest_feeds(con: duckdb.DuckDBPyConnection, feeds: list[FeedSettings],
                 fetch: FetchSettings, *, progress: Progress | None = None) -> IngestReport:
    """Fetch the due feeds (`progress` counts them as they arrive), then store each one's articles."""
    started = datetime.now(UTC)
    requests, skipped = due_requests(con, feeds, now=started)
    results = fetch_all(requests, timeout=fetch.timeout, max_bytes=fetch.max_bytes, progress=progress,
                        concurrency=fetch.concurrency, per_host=fetch.per_host, user_agent=fetch.user_agent)
    by_url = {f.url: f for f in feeds}
    outcomes = [store_result(con, r, started_at=started, feed=by_url[r.url], fetch=fetch) for r in results]
    fill_languages(con, lambda title, summary, text: article_language(title=title, summary=summary, text=text))
    assign_stories(con)  # new and changed articles join their story; older rows are backfilled once
    outcomes += [FeedOutcome(url=u, status=None, seen=0, new=0, updated=0, error=None, bozo_reason=None,
                             skipped=True) for u in skipped]
    return IngestReport(feeds=tuple(outcomes))
