"""Check that a URL is a working feed before it joins the configuration (`newsmon feeds add`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsmon.ingest.fetch import FetchRequest, fetch_all, is_local
from newsmon.ingest.parse import parse_feed
from newsmon.settings import ConfigError, FeedSettings, FetchSettings, Settings, append_feed, load_settings


class FeedCheckError(ValueError):
    """The URL is unreachable, answered with an HTTP error, or is not a feed; the message says which."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedCheck:
    url: str
    title: str
    entries: int
    bozo_reason: str | None


def check_feed(url: str, *, fetch: FetchSettings) -> FeedCheck:
    """Fetch and parse `url` once, as ingest would; a document with no entries and a parser
    complaint is not a feed (an HTML page, an error page), an empty well-formed feed is."""
    (result,) = fetch_all([FetchRequest(url=url)], timeout=fetch.timeout, max_bytes=fetch.max_bytes,
                          user_agent=fetch.user_agent)
    if result.error or result.body is None:
        raise FeedCheckError(f"{url} not added: {result.error or 'empty response'}")
    parsed = parse_feed(result.body, feed_url=url, fetched_at=datetime.now(UTC), headers=result.headers)
    if parsed.not_a_feed:
        raise FeedCheckError(f"{url} not added: {parsed.not_a_feed}")
    return FeedCheck(url=url, title=parsed.title, entries=len(parsed.articles),
                     bozo_reason=parsed.bozo_reason)


def add_feed(config: Path, feed: FeedSettings) -> FeedCheck:
    """Refuse a feed `config` already has, then one that does not work; append the rest, named
    after the feed's own title unless a name is given. A local path is stored absolute, since
    the config resolves relative paths against its own folder, not the working directory."""
    settings = load_settings(config) if config.exists() else Settings()
    url = feed.url
    if is_local(url):
        url = str(Path(url.removeprefix("file://")).expanduser().resolve())
    if url in {f.url for f in settings.feeds}:
        raise ConfigError(f"{config}: {url} is already configured")
    check = check_feed(url, fetch=settings.fetch)
    append_feed(config, feed.model_copy(update={"url": url, "name": feed.name or check.title or None}))
    return check
