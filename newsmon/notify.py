"""A thin layer over apprise: one Apprise object per URL, so each URL's outcome is known on its own."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import apprise

from newsmon.plain_text import markdown_to_text

log = logging.getLogger(__name__)
FORMATS = {"markdown": apprise.NotifyFormat.MARKDOWN, "text": apprise.NotifyFormat.TEXT,
           "html": apprise.NotifyFormat.HTML}


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    url_hash: str
    channel: str
    ok: bool
    error: str | None = None


def url_hash(url: str) -> str:
    """A stable key for a URL that holds no secret (apprise URLs carry tokens and passwords)."""
    return hashlib.sha256(url.strip().encode()).hexdigest()[:16]


def channel(url: str) -> str:
    """The URL as apprise prints it with secrets masked, without its options: safe to store and show."""
    service = apprise.Apprise.instantiate(url)
    if not service:
        return f"{url.split('://', 1)[0]}://(unusable URL)"
    return service.url(privacy=True).split("?", 1)[0]


def deliver(urls: list[str], *, title: str, body: str, body_format: str = "markdown",
            notify_type: str = "info") -> list[Outcome]:
    """Send one message to each URL separately; never raises for a failed or unusable URL.

    Bodies are CommonMark with every feed string escaped (`newsmon.safe_text`): Markdown targets (Slack,
    Discord, Telegram...) get it fitted to their dialect by apprise, HTML targets (e-mail) get apprise's
    Markdown-to-HTML conversion, in which escaped text stays text; a target that takes only text (ntfy, SMS,
    syslog, any URL with `?format=text`) gets the Markdown rendered as plain text, which apprise would pass on
    with its escapes and link syntax showing."""
    outcomes = []
    for url in urls:
        key, name = url_hash(url), channel(url)
        sender = apprise.Apprise()
        if not sender.add(url):
            outcomes.append(Outcome(url_hash=key, channel=name, ok=False,
                                    error="apprise cannot use this URL (unknown scheme or missing token)"))
            continue
        text, fmt = body, FORMATS[body_format]
        if fmt == apprise.NotifyFormat.MARKDOWN and sender[0].resolve_format(fmt) == apprise.NotifyFormat.TEXT:
            text, fmt = markdown_to_text(body), apprise.NotifyFormat.TEXT
        result = sender.notify(body=text, title=title, body_format=fmt, notify_type=apprise.NotifyType(notify_type))
        error = None if result else "; ".join(e.message for e in result.logs()) or f"apprise: {result.status.name}"
        if error:
            log.info("delivery to %s failed: %s", name, error)
        outcomes.append(Outcome(url_hash=key, channel=name, ok=bool(result), error=error))
    return outcomes
