"""One day's digest as Markdown, for chat, e-mail, the terminal and the Prefect artifact.

Every string that comes from a feed (titles, links, actor names, what a figure measures) goes through
`newsmon.safe_text`; topic, action and sector names and country names are our own vocabulary, outlet
names come from the configuration (or a feed URL) and are escaped too. A text in another language than
the digest's is marked with its code (`[FR]`) where it appears; claims stay in our language-neutral vocabulary,
beside the evidence sentence as the article wrote it."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsmon.digest_text import (
    NO_ARTICLES,
    figure_value,
    is_empty,
    language_prefix,
    languages_read,
    outlets_text,
    party,
    plural,
    rate_text,
    signed,
    topic_name,
)
from newsmon.safe_text import SENTENCE_LIMIT
from newsmon.safe_text import markdown_link as _link
from newsmon.safe_text import markdown_text as md


def _marked(row: dict[str, Any]) -> str:
    """The row's title (a link when it has an http(s) URL), after `[FR] ` when not in the digest's language."""
    return language_prefix(row.get("language")) + _link(row["title"], row.get("url"))


def _evidence(row: dict[str, Any]) -> str:
    return f": “{md(row['evidence'], limit=SENTENCE_LIMIT)}”" if row.get("evidence") else ""


def render_markdown(data: dict[str, list[dict[str, Any]]], *, day: date, tz: str) -> str:
    lines = [f"# newsmon digest — {day.isoformat()} ({tz})", ""]
    if is_empty(data):
        lines += [NO_ARTICLES, ""]
        return "\n".join(lines)
    lines += [languages_read(data.get("languages", [])) + ".", ""]
    lines += ["## Topics", "", "| topic | stories | vs 7-day mean |", "|---|---:|---:|"]
    for row in data["topics"]:
        lines.append(f"| {topic_name(row['topic'])} | {row['stories']} | {signed(row['change'])} |")
    if not data["topics"]:
        lines.append("| (no dispute topics today) | 0 | |")
    lines += ["", "## New tariff claims", ""]
    if data["claims"]:
        lines += ["| imposer → target | action | sectors | rate | outlets | first report |",
                  "|---|---|---|---|---|---|"]
        for row in data["claims"]:
            action = f"{row['action']} (escalation)" if row.get("novelty") == "escalation" else row["action"]
            action += " (restated)" if row.get("background") else ""
            lines.append(
                f"| {party(row['imposer'])} → {party(row['target'], target=True)} | {action} | "
                f"{', '.join(row['sectors']) or '—'} | {rate_text(row)} | {md(', '.join(row['outlets'])) or '—'} | "
                f"{_marked(row)}{_evidence(row)} |"
            )
    else:
        lines.append("No new tariff claims.")
    lines += ["", "## Top actors", ""]
    lines += [f"- **{md(r['name'])}** ({r['kind']}{', ' + md(r['code']) if r['code'] else ''}): "
              f"{plural(r['stories'], 'story', 'stories')}" for r in data["actors"]] or ["No actors."]
    if data["figures"]:
        lines += ["", "## Notable figures", ""]
        # the value is our own number and unit: escaping it showed "0\\.8%" wherever the Markdown is not rendered
        lines += [f"- {figure_value(r['value'], r['unit'])} — {md(r['measure'])}"
                  f"{' (' + md(r['period']) + ')' if r['period'] else ''}: {_marked({**r, 'url': None})}"
                  for r in data["figures"]]
    lines += ["", "## Stories", ""]
    for row in data["headlines"]:
        where = outlets_text(row["outlets"])
        lines.append(f"- {_marked(row)} — {', '.join(topic_name(t) for t in row['topics'])}"
                     + (f" · {md(where)}" if where else ""))
    if not data["headlines"]:
        lines.append("No story of the day carried a dispute topic.")
    return "\n".join(lines).rstrip() + "\n"
