"""Story rows: articles still to compare, stored MinHash signatures, and the story each article joins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from storage.batch import registered, transaction
from storage.reports import query_text

_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("content_hash", pa.string()),
    ("published_at", pa.timestamp("us", tz="UTC")),
    ("signature", pa.binary()),
    ("story_id", pa.string()),
])


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryText:
    """An article whose signature is missing or older than its content."""

    article_id: str
    title: str
    text: str
    content_hash: str
    published_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredSignature:
    article_id: str
    story_id: str
    published_at: datetime
    signature: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryAssignment:
    article_id: str
    content_hash: str
    published_at: datetime
    signature: bytes
    story_id: str


def unsigned_articles(con: duckdb.DuckDBPyConnection) -> list[StoryText]:
    """Articles never compared, or changed since their signature: oldest publication first, so a story's
    first article keeps its id as the story's."""
    rows = con.execute(
        "SELECT a.article_id, a.title, a.text, a.content_hash, a.published_at FROM articles a "
        "LEFT JOIN story_signatures s USING (article_id) "
        "WHERE s.article_id IS NULL OR s.content_hash <> a.content_hash "
        "ORDER BY a.published_at, a.article_id"
    ).fetchall()
    return [StoryText(article_id=r[0], title=r[1], text=r[2], content_hash=r[3], published_at=r[4]) for r in rows]


def signatures_between(con: duckdb.DuckDBPyConnection, start: datetime, end: datetime) -> list[StoredSignature]:
    """Current signatures of articles published in [start, end], with their story."""
    rows = con.execute(
        "SELECT s.article_id, a.story_id, s.published_at, s.signature FROM story_signatures s "
        "JOIN articles a USING (article_id) "
        "WHERE s.content_hash = a.content_hash AND s.published_at BETWEEN ? AND ? "
        "ORDER BY s.published_at, s.article_id",
        [start, end],
    ).fetchall()
    return [StoredSignature(article_id=r[0], story_id=r[1], published_at=r[2], signature=r[3]) for r in rows]


def save_stories(con: duckdb.DuckDBPyConnection, assignments: list[StoryAssignment]) -> int:
    """Store signatures and story ids in one transaction; returns the number of articles updated."""
    if not assignments:
        return 0
    rows: list[dict[str, Any]] = [
        {"article_id": a.article_id, "content_hash": a.content_hash, "published_at": a.published_at,
         "signature": a.signature, "story_id": a.story_id} for a in assignments]
    with registered(con, "story_batch", rows, _SCHEMA), transaction(con):
        con.execute(
            "INSERT INTO story_signatures SELECT article_id, content_hash, published_at, signature FROM story_batch "
            "ON CONFLICT (article_id) DO UPDATE SET content_hash = excluded.content_hash, "
            "published_at = excluded.published_at, signature = excluded.signature"
        )
        con.execute(
            "UPDATE articles SET story_id = b.story_id FROM story_batch b WHERE articles.article_id = b.article_id"
        )
    return len(assignments)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryClaim:
    imposer: str | None
    target: str | None
    action: str
    rate: float | None
    previous_rate: float | None
    sectors: tuple[str, ...]
    background: bool
    evidence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryListing:
    """One story as `newsmon stories` shows it."""

    story_id: str
    first_published_at: datetime
    title: str
    url: str | None
    articles: int
    outlets: tuple[str, ...]
    topics: tuple[str, ...]
    claims: tuple[StoryClaim, ...]
    language: str | None = None  # ISO 639-1 of the title (its first article)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryPage:
    """The stories shown and how many matched, so a list cut by the limit can say how many it left out."""

    stories: list[StoryListing]
    matched: int


def browse_stories(con: duckdb.DuckDBPyConnection, *, topic: str | None = None, since: datetime | None = None,
                   words: list[str] | None = None, limit: int = 20) -> StoryPage:
    """Stories newest first, filtered by topic, first publication and words of their articles (all must occur,
    case-insensitive, as plain substrings of a title or text)."""
    sql = query_text("stories")
    params = {"topic": topic, "since": since, "words": [w.lower() for w in words or []], "limit": limit}
    rows = con.execute(sql, params).fetchall()
    return StoryPage(stories=[StoryListing(
        story_id=r[0], first_published_at=r[1], title=r[2], url=r[3], articles=r[4], outlets=tuple(r[5]),
        topics=tuple(r[6]),
        claims=tuple(StoryClaim(**{**c, "sectors": tuple(c["sectors"])}) for c in r[7]), language=r[8],
    ) for r in rows], matched=rows[0][9] if rows else 0)
