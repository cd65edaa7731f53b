"""Progress: ingest counts feeds, analysis counts articles (training's folds: tests/nlp/test_topics.py);
bars only on a terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from rich.console import Console

from newsmon.analysis import analyze_pending
from newsmon.ingest.fetch import FetchRequest, fetch_all
from newsmon.ingest.identity import content_hash, url_article_id
from newsmon.progress import progress_bars
from nlp.records import Article
from storage.articles import store_articles
from tests.conftest import ROOT

FEEDS = sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))


def test_fetch_counts_each_feed_as_it_arrives():
    calls: list[tuple[int, int]] = []
    results = fetch_all([FetchRequest(url=str(p)) for p in FEEDS], progress=lambda d, t: calls.append((d, t)))
    assert len(results) == len(FEEDS)
    assert calls == [(n, len(FEEDS)) for n in range(1, len(FEEDS) + 1)]


def test_analysis_counts_articles_across_chunks(tmp_path, analyzer):
    from storage import connect

    articles = []
    for n in range(5):
        url = f"https://news.example/{n}"
        text = f"Canada raised tariffs on U.S. steel to {n + 10}%."
        articles.append(Article(article_id=url_article_id(url), feed_url="f", url=url, guid=None, title=f"t{n}",
                                summary=text, text=text, published_at=datetime(2026, 3, 1, tzinfo=UTC),
                                fetched_at=datetime(2026, 3, 1, tzinfo=UTC), content_hash=content_hash(f"t{n}", text)))
    path = tmp_path / "n.duckdb"
    with connect(path) as con:
        store_articles(con, articles, feed_url="f")
    calls: list[tuple[int, int]] = []
    assert analyze_pending(path, analyzer, chunk=2, progress=lambda d, t: calls.append((d, t))) == 5
    assert calls == [(n, 5) for n in range(1, 6)]


def test_bars_draw_on_a_terminal_only():
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80)
    with progress_bars(terminal) as track:
        update = track("fetching feeds")
        for n in range(1, 4):
            update(n, 3)
    assert "fetching feeds" in terminal.file.getvalue() and "3/3" in terminal.file.getvalue()

    piped = Console(file=io.StringIO(), force_terminal=False, width=80)
    with progress_bars(piped) as track:
        track("fetching feeds")(1, 3)
    assert piped.file.getvalue() == ""
