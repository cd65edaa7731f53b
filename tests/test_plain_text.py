"""Our Markdown read as plain text for channels that show a message as typed."""

from __future__ import annotations

import pytest

from newsmon.plain_text import markdown_to_text
from newsmon.safe_text import markdown_link, markdown_text


@pytest.mark.parametrize("raw", ["0.8% of GDP", "steel_products *up* [see](javascript:alert(1)) <b>#1</b> & co",
                                 "2026. A year", "- not a list", "| a | b |"])
def test_escaped_feed_text_reads_as_written(raw):
    assert markdown_to_text(markdown_text(raw)) == raw + "\n"


def test_a_link_reads_as_its_label_and_url_and_a_bare_url_once():
    assert markdown_to_text(markdown_link("Ottawa hits back", "https://news.example/a")) == (
        "Ottawa hits back (https://news.example/a)\n")
    assert markdown_to_text(markdown_link(None, "https://news.example/a")) == "https://news.example/a\n"


def test_an_alert_body_keeps_its_quote_lines_and_list():
    body = ("> [FR] Ottawa imposera une surtaxe de 25\u00a0%.\n\nEffective: Tuesday  \nFirst seen: 2026-11-24 08:00\n\n"
            "Sources (1):\n- [FR] [Ottawa riposte](https://news.example/fr) — 2026-11-24 08:00")
    assert markdown_to_text(body) == (
        "> [FR] Ottawa imposera une surtaxe de 25\u00a0%.\n\nEffective: Tuesday\nFirst seen: 2026-11-24 08:00\n\n"
        "Sources (1):\n\n- [FR] Ottawa riposte (https://news.example/fr) — 2026-11-24 08:00\n")


def test_a_digest_reads_as_headings_table_rows_and_items():
    digest = ("# newsmon digest — 2026-11-24\n\n## Topics\n\n| topic | stories |\n|---|---:|\n"
              "| steel aluminum | 4 |\n\n## Top actors\n\n- **Canada** (country, CAN): 3 stories\n")
    assert markdown_to_text(digest) == ("newsmon digest — 2026-11-24\n\nTopics\n\ntopic | stories\n"
                                        "steel aluminum | 4\n\nTop actors\n\n- Canada (country, CAN): 3 stories\n")
