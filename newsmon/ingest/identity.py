"""Canonical URLs and the ids that make every feed item stored exactly once."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

# courlan drops the usual trackers (utm_*, fbclid...); these are the feed-specific ones it keeps.
_EXTRA_TRACKERS = re.compile(r"^(wt_[a-z]+|at_[a-z]+|cmpid|rss|ns_[a-z]+|feedtype|ref_src)$", re.I)
_REDIRECT_HOSTS = {"www.google.com", "google.com", "news.google.com"}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unwrap_redirect(url: str) -> str:
    """Google Alerts and similar wrap the article in `google.com/url?url=...`; keep the article."""
    parts = urlsplit(url)
    if parts.netloc.lower() in _REDIRECT_HOSTS and parts.path == "/url":
        params = dict(parse_qsl(parts.query))
        target = params.get("url") or params.get("q")
        if target and target.startswith(("http://", "https://")):
            return target
    return url


def canonical_url(url: str | None) -> str | None:
    """Lowercase scheme and host, no fragment, no tracking parameters; None for non-web links."""
    if not url or not url.strip():
        return None
    url = unwrap_redirect(url.strip())
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        # courlan unescapes HTML entities; "&region=" must not become "®ion=".
        normal = normalize_url(url.replace("&amp;", "&").replace("&", "&amp;"))
    except ValueError:
        return None
    parts = urlsplit(normal)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _EXTRA_TRACKERS.match(k)])
    if not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def url_article_id(canonical: str) -> str:
    """DESIGN.md: the id of an article with a unique link is the sha256 of its canonical URL."""
    return _sha256(canonical)


def feed_item_id(feed_url: str, *, guid: str | None, fallback: str) -> str:
    """Id of an item whose link is missing or shared: from its feed and GUID, else its content."""
    if guid:
        return _sha256(f"guid\x1f{feed_url}\x1f{guid}")
    return _sha256(f"entry\x1f{feed_url}\x1f{fallback}")


def content_hash(title: str, text: str) -> str:
    """A changed hash for a known article id is an update, not a new article."""
    return _sha256(f"{title}\x1f{text}")
