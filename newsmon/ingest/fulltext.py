"""Full text for feeds that carry only teasers: fetch each article's page and keep its main text.

Extraction is trafilatura's, dates htmldate's. A page that cannot be fetched or yields no more
than the feed already had leaves the article as the feed gave it, with the reason recorded.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import htmldate
import trafilatura

from newsmon.ingest.fetch import FetchRequest, FetchResult, fetch_all
from newsmon.ingest.identity import content_hash
from newsmon.settings import FetchSettings
from nlp.records import Article

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# With time and zone when the page gives them; htmldate leaves %z empty when it has none.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _page_date(page: bytes, url: str | None) -> datetime | None:
    """The page's own publication date, from its markup only: a date guessed from running text
    (extensive search) is as likely the date of an event the story mentions."""
    found = htmldate.find_date(page, extensive_search=False, original_date=True, outputformat=_DATE_FORMAT,
                               url=url)
    if not found:
        return None
    when = datetime.fromisoformat(found)
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def with_page(article: Article, page: FetchResult) -> Article:
    """The article with its page's main text (and date, if the feed had none), or as it was
    with `fulltext_error` saying why not."""
    if page.error or page.body is None:
        return replace(article, fulltext_error=page.error or f"HTTP {page.status} without a body")
    body = page.body  # bytes: trafilatura and htmldate find the charset; a str could be taken for a URL
    if not article.date_from_feed and (published := _page_date(body, article.url)):
        article = replace(article, published_at=published)
    text = (trafilatura.extract(body, url=article.url, include_comments=False) or "").strip()
    if not text:
        return replace(article, fulltext_error="no main text found in the page")
    if len(text) <= len(article.text):
        return replace(article, fulltext_error=(
            f"page text ({len(text):,} chars) is no longer than the feed's ({len(article.text):,} chars)"))
    return replace(article, text=text, content_hash=content_hash(article.title, text))


def fetch_full_text(articles: list[Article], *, fetch: FetchSettings) -> list[Article]:
    """Fetch every article's page, at most `per_host` at once per site; same order as given."""
    links = {a.article_id: a.url for a in articles if a.url}
    results = fetch_all([FetchRequest(url=u) for u in links.values()], timeout=fetch.timeout,
                        max_bytes=fetch.max_bytes, concurrency=fetch.concurrency, per_host=fetch.per_host,
                        user_agent=fetch.user_agent, accept=PAGE_ACCEPT)
    pages = dict(zip(links, results, strict=True))
    done = [with_page(a, pages[a.article_id]) if a.article_id in pages
            else replace(a, fulltext_error="the entry has no link to a page") for a in articles]
    if failed := sum(1 for a in done if a.fulltext_error):
        log.info("full text: %d of %d articles kept the feed's text", failed, len(done))
    return done
