"""Article rows: insert new stories, update changed ones, link every feed they appear in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import duckdb
import pyarrow as pa

from nlp.records import Article
from storage.batch import registered, transaction

_ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("feed_url", pa.string()),
    ("url", pa.string()),
    ("guid", pa.string()),
    ("title", pa.string()),
    ("summary", pa.string()),
    ("summary_html", pa.string()),
    ("text", pa.string()),
    ("published_at", pa.timestamp("us", tz="UTC")),
    ("date_from_feed", pa.bool_()),
    ("fetched_at", pa.timestamp("us", tz="UTC")),
    ("content_hash", pa.string()),
    ("fulltext_error", pa.string()),
    ("language", pa.string()),
])


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreResult:
    seen: int
    new: int
    updated: int


def known_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Which of `ids` are stored already: a full-text feed fetches pages for the others only."""
    if not ids:
        return set()
    rows = con.execute(
        "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {r[0] for r in rows}


def store_articles(con: duckdb.DuckDBPyConnection, articles: list[Article], *, feed_url: str,
                   update: bool = True) -> StoreResult:
    """Upsert one feed's articles in one transaction; a known id with a new hash is an update.

    Only the feed an article was first seen in may update it, so two feeds carrying the same
    story with different teasers do not flip it back and forth on every run. `update=False`
    only inserts and links: a full-text feed's teaser must not overwrite the page text stored.
    A new article is a story of its own until `newsmon.stories.assign_stories` compares it.
    """
    if not articles:
        return StoreResult(seen=0, new=0, updated=0)
    rows = [asdict(a) for a in articles]
    with registered(con, "article_batch", rows, _ARTICLE_SCHEMA), transaction(con):
        new = con.execute(
            "SELECT count(*) FROM article_batch b ANTI JOIN articles a USING (article_id)"
        ).fetchall()[0][0]
        updated = 0
        if update:
            updated = con.execute(
                "SELECT count(*) FROM article_batch b JOIN articles a USING (article_id) "
                "WHERE a.content_hash <> b.content_hash AND a.feed_url = b.feed_url"
            ).fetchall()[0][0]
            con.execute(
                "UPDATE articles SET title = b.title, summary = b.summary, summary_html = b.summary_html, "
                "text = b.text, url = coalesce(b.url, articles.url), content_hash = b.content_hash, "
                "language = b.language, "
                "updated_at = b.fetched_at FROM article_batch b "
                "WHERE articles.article_id = b.article_id AND articles.content_hash <> b.content_hash "
                "AND articles.feed_url = b.feed_url"
            )
        con.execute(
            "INSERT INTO articles (article_id, feed_url, url, guid, title, summary, summary_html, text, "
            "published_at, date_from_feed, fetched_at, content_hash, fulltext_error, language, story_id) "
            "SELECT article_id, feed_url, url, guid, title, summary, summary_html, text, published_at, "
            "date_from_feed, fetched_at, content_hash, fulltext_error, language, article_id FROM article_batch "
            "ON CONFLICT DO NOTHING"
        )
        con.execute(
            "INSERT INTO article_feeds SELECT article_id, ?, fetched_at FROM article_batch "
            "ON CONFLICT DO NOTHING",
            [feed_url],
        )
    return StoreResult(seen=len(articles), new=new, updated=updated)


def fill_languages(con: duckdb.DuckDBPyConnection, language: Callable[[str, str, str], str | None], *,
                   chunk: int = 5_000) -> int:
    """Set `language` on articles stored without one and with letters to tell it by; how many were set.

    `language(title, summary, text)` decides (nlp.language.article_language); articles stored
    before the column existed get it here, once, without their feed's declaration."""
    filled = 0
    while True:
        rows = con.execute(
            "SELECT article_id, title, summary, left(text, 2000) FROM articles WHERE language IS NULL "
            "AND regexp_matches(title || ' ' || summary || ' ' || text, '\\pL') ORDER BY article_id LIMIT ?",
            [chunk],
        ).fetchall()
        found = [{"article_id": r[0], "language": language(r[1], r[2], r[3])} for r in rows]
        found = [f for f in found if f["language"]]
        if not found:
            return filled
        schema = pa.schema([("article_id", pa.string()), ("language", pa.string())])
        with registered(con, "language_batch", found, schema), transaction(con):
            con.execute("UPDATE articles SET language = b.language FROM language_batch b "
                        "WHERE articles.article_id = b.article_id")
        filled += len(found)


def stored_languages(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The languages of the stored articles (ISO 639-1): which pipelines a run will likely need."""
    return {row[0] for row in con.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL")
            .fetchall()}
