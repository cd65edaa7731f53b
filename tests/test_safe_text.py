"""Hostile feed text through every writer: the escaping helpers, the Markdown digest and the HTML digest.

Outputs are checked by parsing them as their readers do (markdown-it-py for Markdown, apprise's own
Markdown-to-HTML conversion for e-mail targets, the standard HTML parser for pages), not by substrings:
whatever a feed says, no link but an http(s) one, no image, no raw HTML, no heading of its own.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from newsmon.digest import write_digest
from newsmon.safe_text import SENTENCE_LIMIT, TITLE_LIMIT, clean, html_link, markdown_link, markdown_text, safe_url
from nlp.records import Actor, Analysis, Article, Figure, TariffClaim, Topic
from storage.analyses import store_analyses
from storage.articles import store_articles

HOSTILE_TITLES = [
    "[x](javascript:alert(8))",
    "![img](https://evil.example/pixel.png) and [ref]: javascript:alert(1)",
    "<script>alert('x')</script> & <img src=x onerror=alert(1)>",
    "<javascript:alert(1)> <https://evil.example/autolink>",
    "`code` ``` fenced ``` and *bold* _em_ ~~strike~~",
    "# Heading\n## Another\n---\n> quote\n- item\n1. item",
    "| a | b |\n|---|---|\n| c | d |",
    "&#106;avascript&colon;alert(1) &lt;b&gt;",
    "Trade \u202egnirts desrever\u202c and \u2066isolate\u2069 \u200fmark",
    "bell\x07 nul\x00 esc\x1b[31m red \x85 next-line\u2028line-sep",
    "2026. A year that looks like a list",
    "Tariffs " * 2000,  # 16,000 characters
]
HOSTILE_URLS = ["javascript:alert(8)", " JavaScript:alert(9)", "java\tscript:alert(10)", "data:text/html,<b>x</b>",
                "vbscript:msgbox(1)", "//evil.example/relative", "/relative/path", "https://", "mailto:x@evil.example"]


def markdown_outline(text: str) -> dict[str, list[str]]:
    """What a CommonMark + GFM-table renderer makes of `text`: links, images, raw HTML, headings."""
    found: dict[str, list[str]] = {"links": [], "images": [], "html": [], "headings": []}
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)
    for i, token in enumerate(tokens):
        if token.type.startswith("html"):
            found["html"].append(token.content)
        if token.type == "heading_open":
            found["headings"].append(tokens[i + 1].content)
        for child in token.children or ():
            if child.type == "link_open":
                found["links"].append(str(child.attrGet("href")))
            elif child.type == "image":
                found["images"].append(str(child.attrGet("src")))
            elif child.type.startswith("html"):
                found["html"].append(child.content)
    return found


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text a reader sees."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def assert_inert_html(source: str, *, allowed: set[str]) -> Elements:
    page = Elements(source)
    assert {t for t, _ in page.tags} <= allowed
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("http://", "https://")), attrs
    return page


def assert_no_hidden_characters(text: str) -> None:
    bad = {c for c in text if unicodedata.category(c) in {"Cc", "Cf"} and c != "\n"}
    assert not bad, sorted(map(hex, map(ord, bad)))


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/a", "https://news.example/a"), ("HTTP://news.example/a", "HTTP://news.example/a"),
    ("  https://news.example/a ", "https://news.example/a"), ("https://news.example/a b", None),
    ("", None), (None, None), *((u, None) for u in HOSTILE_URLS),
])
def test_only_absolute_web_links_are_safe(url, expected):
    assert safe_url(url) == expected


def test_clean_drops_control_and_bidi_characters_and_cuts_long_text():
    assert clean("a\u202eb\u2066c\u2069\x00d\x07\ne\u2028f") == "abcd e f"
    long = clean("word " * 1000)
    assert len(long) == TITLE_LIMIT and long.endswith("…")
    assert clean("  two\t\tspaces \r\n ") == "two spaces"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_markdown_text_renders_as_itself(title):
    escaped = markdown_text(title, limit=100_000)
    outline = markdown_outline(f"- {escaped}\n\n| h |\n|---|\n| {escaped} |\n")
    assert outline == {"links": [], "images": [], "html": [], "headings": []}
    rendered = MarkdownIt("commonmark").enable("table").render(f"{escaped}\n")
    assert Elements(rendered).tags == [("p", {})]  # one paragraph of text, nothing else
    assert "".join(Elements(rendered).text).strip() == clean(title, limit=100_000)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_link_that_is_not_http_is_plain_text(url):
    assert markdown_outline(markdown_link("click", url))["links"] == []
    assert "<a" not in html_link("click", url)


def test_a_web_link_with_brackets_and_parentheses_stays_one_link():
    url = "https://news.example/a_(b)?q=<x>&r=[1]"
    assert markdown_outline(markdown_link("t", url))["links"] == ["https://news.example/a_%28b%29?q=%3Cx%3E&r=%5B1%5D"]


DAY = date(2026, 3, 10)
NOON = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)


@pytest.fixture
def hostile_day(db):
    """One article per hostile title, each with a hostile or a web URL, a claim, an actor and a figure."""
    for n, title in enumerate(HOSTILE_TITLES):
        url = HOSTILE_URLS[n % len(HOSTILE_URLS)] if n % 2 else f"https://news.example/{n}"
        article = Article(article_id=f"h{n}", feed_url="https://feed.example/rss", url=url, guid=None, title=title,
                          summary=title, text=title, published_at=NOON + timedelta(minutes=n), fetched_at=NOON,
                          content_hash=f"c{n}")
        store_articles(db, [article], feed_url=article.feed_url)
        claim = TariffClaim(imposer="USA", target="CAN", sectors=("steel",), action="imposed", rate=float(n + 1),
                            sentence=0, evidence=f"Evidence: {title}")
        analysis = Analysis(id=article.article_id, topics=(Topic(label="tariffs", score=0.9),), tariff_claims=(claim,),
                            actors=(Actor(name=title[:200], kind="person", mentions=1),),
                            figures=(Figure(text="5%", value=5.0, unit="percent", sentence=0, measure=title[:80]),))
        store_analyses(db, [analysis], pipeline_version="v1", content_hashes={article.article_id: article.content_hash})
    return db


def test_hostile_feed_text_is_inert_in_the_markdown_digest(hostile_day, tmp_path):
    markdown = write_digest(hostile_day, day=DAY, tz="America/Toronto", out_dir=tmp_path).markdown
    outline = markdown_outline(markdown)
    assert outline["images"] == [] and outline["html"] == []
    assert outline["links"] and all(h.startswith("https://news.example/") for h in outline["links"])
    assert outline["headings"] == ["newsmon digest — 2026-03-10 (America/Toronto)", "Topics", "New tariff claims",
                                   "Top actors", "Notable figures", "Stories"]
    assert_no_hidden_characters(markdown)
    # the 16,000-character title is cut; a claim row also quotes its evidence sentence
    assert max(map(len, markdown.splitlines())) < 2 * TITLE_LIMIT + SENTENCE_LIMIT + 200


def test_hostile_feed_text_is_inert_in_the_html_digest(hostile_day, tmp_path):
    source = write_digest(hostile_day, day=DAY, tz="America/Toronto", out_dir=tmp_path).html_path.read_text()
    body = source[source.index("<main>"):source.index("<figure>")] + source[source.index("</figure>"):]
    page = assert_inert_html(body, allowed={"main", "header", "h1", "h2", "h3", "small", "p", "section", "div",
                                            "table", "thead", "tbody", "tr", "th", "td", "span", "a", "ul", "li",
                                            "strong", "br", "footer"})
    assert sum(t == "a" for t, _ in page.tags) > 0
    text = "".join(page.text)
    assert "[x](javascript:alert(8))" in text and "<script>alert('x')</script>" in text  # shown, as text
    assert_no_hidden_characters(text.replace("\n", " "))


def test_feed_text_is_not_rich_markup_in_command_line_tables(tmp_path, monkeypatch):
    from rich.console import Console
    from typer.testing import CliRunner

    from newsmon import cli
    from storage import connect

    monkeypatch.setattr(cli, "out", Console(width=300))
    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    connect(tmp_path / "n.duckdb").close()
    hostile = "[link=javascript:alert(1)]click[/link] [bold red]x[/]"
    result = CliRunner().invoke(cli.app, ["sql", f"SELECT '{hostile}' AS title", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert hostile in result.output  # shown as written, not turned into a terminal hyperlink
