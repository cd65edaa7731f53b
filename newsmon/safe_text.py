"""Feed text made inert for the format it lands in: Markdown (digest, alert bodies) and HTML (digest page).

Titles, summaries, evidence sentences, actor names and URLs come from the web. Every writer passes them
through this module and nowhere else: control and bidi-override characters are dropped, whitespace is
folded to one line, long strings are cut, Markdown and HTML metacharacters are escaped, and only
absolute http(s) URLs ever become links (anything else stays plain text).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape as _html_escape
from urllib.parse import quote, urlsplit

TITLE_LIMIT = 300  # characters of a title or name; longer ones end in an ellipsis
SENTENCE_LIMIT = 1000  # characters of an evidence sentence
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C):
# they can reverse how the rest of a line reads ("Trojan Source"), so feed text never carries them.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
# ...and control characters (Unicode's Cc is U+0000-U+001F and U+007F-U+009F) but those that are whitespace,
# which fold into one space below: one `str.translate` instead of a test per character
_DROP = _BIDI | {c: None for c in range(0xA0) if unicodedata.category(chr(c)) == "Cc" and not chr(c).isspace()}
_SPACE = re.compile(r"\s+")
# ASCII punctuation that opens markup anywhere in a line in CommonMark, GFM or a chat dialect (links and images
# need `[`, HTML and autolinks `<`, entities `&`); a backslash before any ASCII punctuation is a valid escape in
# all of them and in Python-Markdown, which apprise uses for HTML targets.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&@])")
# What opens a block only at the start of a line: a list ("- ", "+ ", "2026. "), a setext underline ("=").
_LINE_START = re.compile(r"^([-+=]|\d+[.)])")
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"  # what stays literal in a link target; ( ) < > space and quotes are encoded


def clean(text: str | None, *, limit: int = TITLE_LIMIT) -> str:
    """One line of displayable text: no control or bidi characters, single spaces, at most `limit` characters."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", text or "").translate(_DROP)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link with a host; `javascript:`, `data:`, relative or garbled ones
    are None."""
    url = (url or "").strip()
    if not url or _hidden_or_space(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in {"http", "https"} and parts.hostname else None


def _hidden_or_space(text: str) -> bool:
    """Any control, format or space character? In ASCII those are the unprintable ones and the space."""
    if text.isascii():
        return not text.isprintable() or " " in text
    return any(unicodedata.category(c) in {"Cc", "Cf", "Zs", "Zl", "Zp"} for c in text)


def markdown_text(text: str | None, *, limit: int = TITLE_LIMIT) -> str:
    """Text that renders as itself in Markdown: no link, image, HTML, code, heading, list, emphasis or table
    cell boundary can come out of it."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", clean(text, limit=limit))
    return _LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped)


def markdown_link(text: str | None, url: str | None, *, limit: int = TITLE_LIMIT) -> str:
    """`[text](url)` when the URL is http(s), else the escaped text alone (or the URL as text if no text)."""
    label = markdown_text(text, limit=limit) or markdown_text(url, limit=limit)
    href = safe_url(url)
    return f"[{label or href}]({quote(href, safe=_URL_SAFE)})" if href else label


def html_text(text: str | None, *, limit: int = TITLE_LIMIT) -> str:
    """Text that renders as itself inside an HTML element or a quoted attribute."""
    return _html_escape(clean(text, limit=limit), quote=True)


def html_link(text: str | None, url: str | None, *, limit: int = TITLE_LIMIT, empty: str = "(untitled)") -> str:
    """`<a href>` only for an http(s) URL; otherwise the escaped text."""
    label = html_text(text, limit=limit) or _html_escape(empty)
    href = safe_url(url)
    return f'<a href="{_html_escape(href, quote=True)}">{label}</a>' if href else label
