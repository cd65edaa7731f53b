"""The feed list as OPML 2.0, the file every feed reader imports and exports.

Feeds live in the configuration file (`newsmon feeds add` appends `[[feeds]]` tables there), so an
import appends to it the same way and an export reads it. Names travel as `title` and `text`, tags
as the comma-separated `category`; folders of the imported file become tags too. Parsing is
listparser's; a URL must be http(s) (courlan's check) both ways, so an export leaves out local feed files
(a feed reader cannot fetch them, and an import would refuse them), and an imported one must not be
configured already. The `fulltext` switch has no OPML attribute and is not exported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

from newsmon.settings import FeedSettings, Settings, append_feed, load_settings


class OpmlError(ValueError):
    """The file is not OPML that lists feeds; the message names the file and the problem."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Imported:
    """One outline of an imported file: added to the configuration, or skipped and why."""

    url: str
    name: str | None
    added: bool
    reason: str = ""


def is_http(url: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace: what a feed reader can fetch."""
    from courlan.filters import validate_url

    return bool(validate_url(url)[0]) and not any(c.isspace() for c in url)


def export_opml(feeds: Sequence[FeedSettings], *, title: str = "newsmon feeds") -> str:
    """An OPML 2.0 document with one `rss` outline per http(s) feed (text is escaped by ElementTree); local
    files are left out (`is_http`)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ElementTree.SubElement(root, "body")
    for feed in (f for f in feeds if is_http(f.url)):
        # `text` is required: a feed without a name shows its URL there, and is read back without a name
        attributes = {"type": "rss", "text": feed.name or feed.url, "xmlUrl": feed.url}
        if feed.name:
            attributes["title"] = feed.name
        if feed.tags:
            attributes["category"] = ",".join(feed.tags)
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def read_opml(data: bytes, *, source: str = "OPML") -> list[FeedSettings | Imported]:
    """Every feed outline as settings, or as a skipped `Imported` when its URL is not http(s)."""
    import listparser

    parsed = listparser.parse(data)
    if not parsed.feeds:
        why = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise OpmlError(f"{source}: no feeds found; an OPML feed list has <outline xmlUrl=...> entries{why}")
    found: list[FeedSettings | Imported] = []
    for entry in parsed.feeds:
        url = (entry.get("url") or "").strip()
        name = (entry.get("title") or "").strip()
        name = None if name in ("", url) else name
        if not is_http(url):
            found.append(Imported(url=url, name=name, added=False, reason="not an http(s) URL"))
            continue
        leaves = [path[-1] for path in entry.get("categories", []) if len(path) > 1]
        tags = list(dict.fromkeys(t.strip() for t in [*entry.get("tags", []), *leaves] if t.strip()))
        found.append(FeedSettings(url=url, name=name, tags=tags))
    return found


def import_opml(config: Path, source: Path) -> list[Imported]:
    """Append each new http(s) feed of `source` to `config` (created if missing); skip the rest, saying why."""
    try:
        data = source.read_bytes()
    except OSError as e:
        raise OpmlError(f"{source}: cannot read the file ({e.strerror})") from e
    settings = load_settings(config) if config.exists() else Settings()
    known = {f.url for f in settings.feeds}
    outcomes = []
    for item in read_opml(data, source=str(source)):
        if isinstance(item, Imported):
            outcomes.append(item)
        elif item.url in known:
            outcomes.append(Imported(url=item.url, name=item.name, added=False, reason="already configured"))
        else:
            append_feed(config, item)
            known.add(item.url)
            outcomes.append(Imported(url=item.url, name=item.name, added=True))
    return outcomes
