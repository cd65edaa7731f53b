"""The saved feeds in tests/data/feeds (see MANIFEST.tsv for source and licence) and what
feedparser itself finds in them, the yardstick the ingester is measured against."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import feedparser

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
FEED_FILES = sorted(
    p.relative_to(FEEDS).as_posix() for p in FEEDS.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv"
)


def feed_bytes(rel: str) -> bytes:
    return (FEEDS / rel).read_bytes()


@cache
def distinct_entries(rel: str) -> int:
    """Entries feedparser finds, counting entries identical in (link, id, title, published, summary)
    once: those are the same item repeated, anything else is an item of its own."""
    parsed = feedparser.parse(feed_bytes(rel))
    return len({(e.get("link"), e.get("id"), e.get("title"), e.get("published"), e.get("summary"))
                for e in parsed.entries})
