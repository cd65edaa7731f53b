"""Reduce feed HTML (titles, summaries, content:encoded) to readable plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr",
}
_SKIP = {"script", "style", "noscript", "iframe", "object", "svg", "head", "title"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\s*\n\s*")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Paragraphs become lines, inline tags vanish, entities are decoded, whitespace collapsed."""
    if not markup:
        return ""
    if "<" not in markup:
        return _BLANKS.sub("\n", _SPACES.sub(" ", html.unescape(markup))).strip()
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = _SPACES.sub(" ", "".join(collector.parts))
    return _BLANKS.sub("\n", text).strip()
