"""Turn fetched feed bytes into `Article` records, keeping every item feedparser salvages."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsmon.ingest.html_text import html_to_text
from newsmon.ingest.identity import canonical_url, content_hash, feed_item_id, url_article_id
from nlp.language import article_language
from nlp.records import Article

_HTML_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedFeed:
    title: str
    articles: tuple[Article, ...]
    bozo_reason: str | None
    version: str = ""  # feedparser's name for the format ("rss20", "atom10"); empty when none was recognised
    html: bool = False  # the document looks like a web page

    @property
    def not_a_feed(self) -> str | None:
        """Why the document is no feed, or None: an empty but well-formed feed is one, a page
        or a broken document with no entries is not (a moved feed's HTML page, an error page)."""
        if self.articles or self.version:
            return None
        if self.html:
            return "not a feed: an HTML page, not RSS or Atom (has the feed moved?)"
        return f"not a feed: no RSS or Atom found ({self.bozo_reason or 'no entries and no feed element'})"


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError):
                continue
    return None


def _body_html(entry: Any) -> str:
    """The longest of content:encoded and the summary: some feeds put the story in one only."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    return max(candidates, key=len)


def parse_feed(data: bytes, *, feed_url: str, fetched_at: datetime,
               headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse with the server's headers so the declared charset and base URL apply."""
    response_headers = {"content-location": feed_url, **{k.lower(): v for k, v in (headers or {}).items()}}
    # Without a Content-Type feedparser assumes ISO-8859-1 for any HTTP response; a bare XML type
    # lets the XML declaration, byte sniffing and chardet decide instead.
    response_headers.setdefault("content-type", "application/xml")
    parsed = feedparser.parse(data, response_headers=response_headers, sanitize_html=True)
    entries = list(parsed.entries)
    links = [canonical_url(e.get("link")) for e in entries]
    link_counts = Counter(link for link in links if link)
    guid_counts = Counter(e.get("id") for e in entries if e.get("id"))
    articles: dict[str, Article] = {}
    feed_language = parsed.feed.get("language")
    for entry, link in zip(entries, links, strict=True):
        title = html_to_text(entry.get("title", ""))
        summary_html = entry.get("summary", "") or ""
        summary = html_to_text(summary_html)
        text = html_to_text(_body_html(entry))
        published = _when(entry)
        guid = (entry.get("id") or "").strip() or None
        if link and link_counts[link] == 1:
            article_id = url_article_id(link)
        else:
            unique_guid = guid if guid and guid_counts[guid] == 1 else None
            fallback = "\x1f".join(
                [title, published.isoformat() if published else "", summary, entry.get("link", "")]
            )
            article_id = feed_item_id(feed_url, guid=unique_guid, fallback=fallback)
        if article_id in articles:
            continue
        declared = (entry.get("title_detail") or {}).get("language") or feed_language
        articles[article_id] = Article(
            article_id=article_id,
            feed_url=feed_url,
            url=link,
            guid=guid,
            title=title,
            summary=summary,
            summary_html=summary_html,
            text=text,
            published_at=published or fetched_at,
            date_from_feed=published is not None,
            fetched_at=fetched_at,
            content_hash=content_hash(title, text),
            language=article_language(title=title, summary=summary, text=text, declared=declared),
        )
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    bozo_reason = f"{type(bozo).__name__}: {bozo}" if bozo else None
    return ParsedFeed(
        title=html_to_text(parsed.feed.get("title", "")),
        articles=tuple(articles.values()),
        bozo_reason=bozo_reason,
        version=parsed.get("version") or "",
        html="html" in response_headers["content-type"].lower() or _HTML_START.match(data[:1024]) is not None,
    )
