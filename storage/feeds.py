"""Feed rows: configuration sync, conditional-GET validators, fetch outcomes and health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
import pyarrow as pa

from storage.batch import registered, transaction

BACKOFF_AFTER = 3
BACKOFF_BASE = timedelta(minutes=15)
BACKOFF_CAP = timedelta(days=1)
_FEED_SCHEMA = pa.schema([("url", pa.string()), ("name", pa.string()), ("tags", pa.list_(pa.string()))])


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    disabled: bool
    next_attempt_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchRecord:
    """What one attempt at one feed came to; written to `fetches` and folded into `feeds`."""

    feed_url: str
    started_at: datetime
    finished_at: datetime
    http_status: int | None
    items_seen: int = 0
    items_new: int = 0
    items_updated: int = 0
    bozo_reason: str | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def sync_feeds(con: duckdb.DuckDBPyConnection, feeds: list[tuple[str, str | None, list[str]]]) -> None:
    """Insert configured feeds and refresh their names and tags; history stays."""
    rows = [{"url": url, "name": name, "tags": tags} for url, name, tags in feeds]
    with registered(con, "feed_batch", rows, _FEED_SCHEMA):
        con.execute(
            "INSERT INTO feeds (url, name, tags) SELECT url, name, tags FROM feed_batch "
            "ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags"
        )


def feed_states(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, FeedState]:
    rows = con.execute(
        "SELECT url, etag, last_modified, disabled, next_attempt_at FROM feeds WHERE url IN "
        "(SELECT unnest(?::VARCHAR[]))",
        [urls],
    ).fetchall()
    return {r[0]: FeedState(url=r[0], etag=r[1], last_modified=r[2], disabled=r[3],
                            next_attempt_at=r[4]) for r in rows}


def backoff(failures: int) -> timedelta:
    """No delay for a passing hiccup; from the third failure in a row, doubling up to a day."""
    if failures < BACKOFF_AFTER:
        return timedelta(0)
    return min(BACKOFF_BASE * 2 ** min(failures - BACKOFF_AFTER, 16), BACKOFF_CAP)


def record_fetch(con: duckdb.DuckDBPyConnection, rec: FetchRecord) -> None:
    """Log the attempt and update the feed's validators and health in one transaction."""
    with transaction(con):
        con.execute(
            "INSERT INTO fetches (feed_url, started_at, finished_at, http_status, items_seen, "
            "items_new, items_updated, bozo_reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rec.feed_url, rec.started_at, rec.finished_at, rec.http_status, rec.items_seen,
             rec.items_new, rec.items_updated, rec.bozo_reason, rec.error],
        )
        if rec.error is None:
            con.execute(
                "UPDATE feeds SET last_status = ?, last_error = NULL, last_fetched_at = ?, "
                "last_success_at = ?, consecutive_failures = 0, next_attempt_at = NULL, "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                [rec.http_status, rec.finished_at, rec.finished_at, rec.etag, rec.last_modified,
                 rec.feed_url],
            )
            return
        # fetchall, not fetchone: DuckDB 2 refuses new work while a result is left unread.
        failures = con.execute(
            "SELECT consecutive_failures + 1 FROM feeds WHERE url = ?", [rec.feed_url]
        ).fetchall()
        count = failures[0][0] if failures else 1
        con.execute(
            "UPDATE feeds SET last_status = ?, last_error = ?, last_fetched_at = ?, "
            "consecutive_failures = ?, next_attempt_at = ?, disabled = disabled OR ? WHERE url = ?",
            [rec.http_status, rec.error, rec.finished_at, count, rec.finished_at + backoff(count),
             rec.http_status == 410, rec.feed_url],
        )
