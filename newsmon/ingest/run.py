"""One ingest pass over the configured feeds; each feed's outcome is recorded, none stops the rest.

The database is open read-write only to write: feeds are fetched, and full-text pages too, with the
file closed, and results are written in turns of about a second (`storage.WriteTurns`), so
analysts' queries get in between."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsmon.ingest.fetch import FetchRequest, FetchResult, fetch_all
from newsmon.ingest.fulltext import fetch_full_text
from newsmon.ingest.parse import parse_feed
from newsmon.settings import FeedSettings, FetchSettings
from nlp.records import Article
from storage import DEFAULT_LOCK_WAIT, WriteTurns, connect
from storage.articles import known_ids, store_articles
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

    @property
    def state(self) -> str:
        """What the status line says: skipped, failed with the reason (redirect loop, timeout, HTTP
        error, not a feed...), not modified, or ok."""
        if self.skipped:
            return "skipped (backing off after failures)"
        if self.error:
            return f"failed: {self.error}"
        if self.status == 304:
            return "not modified (304)"
        return f"ok (HTTP {self.status})" if self.status else "ok"


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


def _with_full_text(turns: WriteTurns, articles: list[Article], *, fetch: FetchSettings) -> list[Article]:
    """Pages are fetched, with the file closed, for articles not stored yet; known ones pass through
    as the feed has them."""
    known = known_ids(turns.connection(), [a.article_id for a in articles])
    turns.release()
    fresh = fetch_full_text([a for a in articles if a.article_id not in known], fetch=fetch)
    return fresh + [a for a in articles if a.article_id in known]


def store_result(turns: WriteTurns, result: FetchResult, *, started_at: datetime,
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
        error = parsed.not_a_feed
        articles = list(parsed.articles)
        if feed.fulltext:
            articles = _with_full_text(turns, articles, fetch=fetch)
        # a full-text feed's teaser differs from the page text stored: not an update
        stored = store_articles(turns.connection(), articles, feed_url=result.url, update=not feed.fulltext)
        seen, new, updated = stored.seen, stored.new, stored.updated
    record_fetch(turns.connection(), FetchRecord(
        feed_url=result.url, started_at=started_at, finished_at=finished, http_status=result.status,
        items_seen=seen, items_new=new, items_updated=updated, bozo_reason=bozo, error=error,
        etag=None if error else result.etag, last_modified=None if error else result.last_modified,
    ))
    if error:
        log.warning("feed %s failed: %s", result.url, error)
    return FeedOutcome(url=result.url, status=result.status, seen=seen, new=new, updated=updated,
                       error=error, bozo_reason=bozo)


def ingest_feeds(db: str | Path, feeds: list[FeedSettings], fetch: FetchSettings, *,
                 lock_wait: float = DEFAULT_LOCK_WAIT) -> IngestReport:
    """Fetch the due feeds into the database file `db`, waiting up to `lock_wait` s for its lock each time."""
    started = datetime.now(UTC)
    with connect(db, lock_wait=lock_wait) as con:
        requests, skipped = due_requests(con, feeds, now=started)
    results = fetch_all(requests, timeout=fetch.timeout, max_bytes=fetch.max_bytes,
                        concurrency=fetch.concurrency, per_host=fetch.per_host, user_agent=fetch.user_agent)
    by_url = {f.url: f for f in feeds}
    with WriteTurns(db, lock_wait=lock_wait) as turns:
        outcomes = [store_result(turns, r, started_at=started, feed=by_url[r.url], fetch=fetch) for r in results]
    outcomes += [FeedOutcome(url=u, status=None, seen=0, new=0, updated=0, error=None, bozo_reason=None,
                             skipped=True) for u in skipped]
    return IngestReport(feeds=tuple(outcomes))
