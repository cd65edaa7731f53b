"""One ingest pass over the configured feeds; each feed's outcome is recorded, none stops the rest.

The database is open read-write only to write: feeds are fetched and parsed, and full-text pages
fetched, with the file closed; then the results are written in short turns (`storage.WriteTurns`),
so analysts' queries get in between."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsmon.ingest.fetch import FetchRequest, FetchResult, fetch_all
from newsmon.ingest.fulltext import fetch_full_text
from newsmon.ingest.parse import parse_feed
from newsmon.settings import FeedSettings, FetchSettings
from newsmon.stories import plan_stories, story_inputs
from nlp.language import article_language
from nlp.records import Article, Progress
from storage import DEFAULT_LOCK_WAIT, WriteTurns, connect
from storage.articles import fill_languages, known_ids, store_articles
from storage.feeds import FetchRecord, feed_states, record_fetch, sync_feeds
from storage.stories import save_stories

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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Fetched:
    """One feed fetched and parsed, ready to be written."""

    result: FetchResult
    feed: FeedSettings
    finished: datetime
    articles: tuple[Article, ...] = ()
    bozo_reason: str | None = None
    error: str | None = None


def parse_result(result: FetchResult, feed: FeedSettings) -> _Fetched:
    """A fetch turned into articles, or into the reason it failed (unreachable, HTTP error, not a feed)."""
    finished = datetime.now(UTC)
    if result.error is not None or result.body is None:
        return _Fetched(result=result, feed=feed, finished=finished, error=result.error)
    parsed = parse_feed(result.body, feed_url=result.url, fetched_at=finished, headers=result.headers)
    return _Fetched(result=result, feed=feed, finished=finished, articles=parsed.articles,
                    bozo_reason=parsed.bozo_reason, error=parsed.not_a_feed)


def with_full_text(db: str | Path, fetched: list[_Fetched], *, fetch: FetchSettings,
                   lock_wait: float) -> list[_Fetched]:
    """Full-text feeds' new articles with their pages' text: one short read for the ids already
    stored (those pass through as the feed has them), then the pages, fetched with the file closed."""
    ids = [a.article_id for f in fetched if f.feed.fulltext for a in f.articles]
    if not ids:
        return fetched
    with connect(db, lock_wait=lock_wait) as con:  # read-write: DuckDB refuses mixed modes in one process
        known = known_ids(con, ids)
    done = []
    for f in fetched:
        if f.feed.fulltext and f.articles:
            fresh = fetch_full_text([a for a in f.articles if a.article_id not in known], fetch=fetch)
            f = replace(f, articles=(*fresh, *(a for a in f.articles if a.article_id in known)))
        done.append(f)
    return done


def store_fetched(con: duckdb.DuckDBPyConnection, fetched: _Fetched, *, started_at: datetime) -> FeedOutcome:
    """Store one feed's articles, then record the attempt (articles first: a crash in between
    re-fetches the feed next time and finds them already stored)."""
    result, error = fetched.result, fetched.error
    seen = new = updated = 0
    if result.body is not None and result.error is None:
        # a full-text feed's teaser differs from the page text stored: not an update
        stored = store_articles(con, list(fetched.articles), feed_url=result.url, update=not fetched.feed.fulltext)
        seen, new, updated = stored.seen, stored.new, stored.updated
    record_fetch(con, FetchRecord(
        feed_url=result.url, started_at=started_at, finished_at=fetched.finished, http_status=result.status,
        items_seen=seen, items_new=new, items_updated=updated, bozo_reason=fetched.bozo_reason, error=error,
        etag=None if error else result.etag, last_modified=None if error else result.last_modified,
    ))
    if error:
        log.warning("feed %s failed: %s", result.url, error)
    return FeedOutcome(url=result.url, status=result.status, seen=seen, new=new, updated=updated,
                       error=error, bozo_reason=fetched.bozo_reason)


def ingest_feeds(db: str | Path, feeds: list[FeedSettings], fetch: FetchSettings, *,
                 lock_wait: float = DEFAULT_LOCK_WAIT, progress: Progress | None = None) -> IngestReport:
    """Fetch the due feeds into the database file `db` (`progress` counts them as they arrive), waiting up
    to `lock_wait` s for its lock each time it opens it."""
    started = datetime.now(UTC)
    with connect(db, lock_wait=lock_wait) as con:
        requests, skipped = due_requests(con, feeds, now=started)
    results = fetch_all(requests, timeout=fetch.timeout, max_bytes=fetch.max_bytes, progress=progress,
                        concurrency=fetch.concurrency, per_host=fetch.per_host, user_agent=fetch.user_agent)
    by_url = {f.url: f for f in feeds}
    fetched = with_full_text(db, [parse_result(r, by_url[r.url]) for r in results], fetch=fetch,
                             lock_wait=lock_wait)
    with WriteTurns(db, lock_wait=lock_wait) as turns:
        outcomes = [store_fetched(turns.connection(), f, started_at=started) for f in fetched]
    # new and changed articles join their story (older rows are backfilled once): the stored signatures
    # are read, new ones computed with the file closed, and the assignments written in one short turn
    with connect(db, lock_wait=lock_wait) as con:
        # articles stored before languages were recorded get theirs once (new ones have it from parsing)
        fill_languages(con, lambda title, summary, text: article_language(title=title, summary=summary, text=text))
        pending, stored = story_inputs(con)
    assignments = plan_stories(pending, stored)
    with connect(db, lock_wait=lock_wait) as con:
        save_stories(con, assignments)
    outcomes += [FeedOutcome(url=u, status=None, seen=0, new=0, updated=0, error=None, bozo_reason=None,
                             skipped=True) for u in skipped]
    return IngestReport(feeds=tuple(outcomes))
