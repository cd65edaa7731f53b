"""One monitor cycle over a feed with a huge item, a huge title and an article the pipeline chokes on:
the run succeeds, and every stored article has an analysis or a recorded analysis error."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

import nlp.analyzer as analyzer_module
from tests.flows.conftest import analyse_in_this_process

STEEL = "Canada imposed a 25% tariff on U.S. steel on Friday, the finance minister said."


def _item(n: int, title: str, text: str) -> str:
    return (f"<item><title>{escape(title)}</title><link>https://news.example/{n}</link>"
            f"<description>{escape(text)}</description><pubDate>Tue, 01 Dec 2026 1{n}:00:00 GMT</pubDate></item>")


@pytest.fixture
def config(tmp_path, httpserver):
    paragraphs = "\n\n".join(f"Paragraph {i}: markets were calm and ports were busy." for i in range(1_000))
    items = [_item(0, "Steel tariff", STEEL), _item(1, "Huge report", f"{STEEL}\n\n{paragraphs}"),
             _item(2, "Tariffs " * 131_072, STEEL), _item(3, "Bad one", f"BOOM. {STEEL}"),
             _item(4, "Dairy", "Ottawa defended supply management for dairy farmers.")]
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(items)}</channel></rss>'
    httpserver.expect_request("/feed.rss").respond_with_data(feed, content_type="application/rss+xml")
    path = tmp_path / "newsmon.toml"
    path.write_text(f'[storage]\ndb = "n.duckdb"\n[digest]\nout_dir = "d"\n'
                    f'[[feeds]]\nurl = "{httpserver.url_for("/feed.rss")}"\n')
    return path


def test_a_monitor_cycle_isolates_huge_and_failing_articles(prefect_harness, config, monkeypatch,
                                                            extraction_fails_on_boom):
    import flows.analyze
    from flows.monitor import monitor
    from storage import connect

    monkeypatch.setattr(flows.analyze, "in_child", analyse_in_this_process)  # the patches below apply here
    monkeypatch.setattr(analyzer_module, "MAX_CHARS", 30_000)  # the 55,000-character item is cut there
    result = monitor(str(config))
    assert result["new"] == 5 and result["analysed"] == 4
    with connect(config.parent / "n.duckdb", read_only=True) as con:
        rows = con.execute(
            "SELECT a.title, x.truncated, e.stage, e.message FROM articles a "
            "LEFT JOIN analyses x USING (article_id) LEFT JOIN analysis_errors e USING (article_id) "
            "ORDER BY a.published_at").fetchall()
        claims = con.execute("SELECT count(DISTINCT article_id) FROM tariff_claims WHERE rate = 25").fetchall()
    assert [(t[:12], truncated, stage) for t, truncated, stage, _ in rows] == [
        ("Steel tariff", False, None), ("Huge report", True, None), ("Tariffs Tari", True, None),
        ("Bad one", None, "extract"), ("Dairy", False, None)]
    assert rows[3][3] == "IndexError: component bug"
    assert claims == [(3,)]
