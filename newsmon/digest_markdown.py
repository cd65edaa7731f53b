"""One day's digest as Markdown, for chat, e-mail, the terminal and the Prefect artifact."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsmon.digest_text import (
    NO_ARTICLES,
    figure_value,
    is_empty,
    outlets_text,
    party,
    plural,
    rate_text,
    safe_url,
    signed,
    topic_name,
)


def _link(title: str | None, url: str | None) -> str:
    text = (title or "").replace("|", "/").replace("[", "(").replace("]", ")")
    href = safe_url(url)
    return f"[{text}]({href})" if href else text


def _cell(text: str) -> str:
    return text.replace("|", "/")


def render_markdown(data: dict[str, list[dict[str, Any]]], *, day: date, tz: str) -> str:
    lines = [f"# newsmon digest — {day.isoformat()} ({tz})", ""]
    if is_empty(data):
        lines += [NO_ARTICLES, ""]
        return "\n".join(lines)
    lines += ["## Topics", "", "| topic | stories | vs 7-day mean |", "|---|---:|---:|"]
    for row in data["topics"]:
        lines.append(f"| {row['topic']} | {row['stories']} | {signed(row['change'])} |")
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
                f"{', '.join(row['sectors']) or '—'} | {rate_text(row)} | {_cell(', '.join(row['outlets'])) or '—'} | "
                f"{_link(row['title'], row['url'])} |"
            )
    else:
        lines.append("No new tariff claims.")
    lines += ["", "## Top actors", ""]
    lines += [f"- **{r['name']}** ({r['kind']}{', ' + r['code'] if r['code'] else ''}): "
              f"{plural(r['stories'], 'story', 'stories')}" for r in data["actors"]]
    if data["figures"]:
        lines += ["", "## Notable figures", ""]
        lines += [f"- {figure_value(r['value'], r['unit'])} — {r['measure']}"
                  f"{' (' + r['period'] + ')' if r['period'] else ''}: {r['title']}" for r in data["figures"]]
    lines += ["", "## Stories", ""]
    for row in data["headlines"]:
        where = outlets_text(row["outlets"])
        lines.append(f"- {_link(row['title'], row['url'])} — {', '.join(topic_name(t) for t in row['topics'])}"
                     + (f" · {_cell(where)}" if where else ""))
    return "\n".join(lines).rstrip() + "\n"
