"""Render one day's digest as Markdown, for chat, e-mail and the terminal."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from nlp.places import country_name
from storage.reports import digest_data


def day_window(day: date, tz: str) -> tuple[datetime, datetime]:
    """[start, end) of `day` in the configured time zone."""
    zone = ZoneInfo(tz)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def _party(code: str | None) -> str:
    return country_name(code) if code else "?"


def _rate(row: dict[str, Any]) -> str:
    if row["rate"] is None:
        return ""
    rate = f"{row['rate']:g}%"
    return f"{row['previous_rate']:g}% → {rate}" if row.get("previous_rate") is not None else rate


def _money(value: float, unit: str) -> str:
    if unit in {"percent", "percentage_points"}:
        return f"{value:g}{'%' if unit == 'percent' else ' pp'}"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{unit} {value / scale:g} {word}"
    return f"{unit} {value:,.0f}"


def render_markdown(data: dict[str, list[dict[str, Any]]], *, day: date, tz: str) -> str:
    lines = [f"# newsmon digest — {day.isoformat()} ({tz})", ""]
    if not data["topics"] and not data["claims"] and not data["actors"]:
        lines += ["No articles were published on this day in the monitored feeds.", ""]
        return "\n".join(lines)
    lines += ["## Topics", "", "| topic | articles | vs 7-day mean |", "|---|---:|---:|"]
    for row in data["topics"]:
        lines.append(f"| {row['topic']} | {row['articles']} | {row['change']:+g} |")
    if not data["topics"]:
        lines.append("| (no dispute topics today) | 0 | |")
    lines += ["", "## New tariff claims", ""]
    if data["claims"]:
        lines += ["| imposer → target | action | sectors | rate | sources | first report |",
                  "|---|---|---|---|---:|---|"]
        for row in data["claims"]:
            title = (row["title"] or "").replace("|", "/")
            link = f"[{title}]({row['url']})" if row["url"] else title
            lines.append(
                f"| {_party(row['imposer'])} → {_party(row['target'])} | {row['action']} | "
                f"{', '.join(row['sectors']) or '—'} | {_rate(row)} | {row['sources']} | {link} |"
            )
    else:
        lines.append("No new tariff claims.")
    lines += ["", "## Top actors", ""]
    lines += [f"- **{r['name']}** ({r['kind']}{', ' + r['code'] if r['code'] else ''}): "
              f"{r['articles']} articles" for r in data["actors"]]
    if data["figures"]:
        lines += ["", "## Notable figures", ""]
        lines += [f"- {_money(r['value'], r['unit'])} — {r['measure']}"
                  f"{' (' + r['period'] + ')' if r['period'] else ''}: {r['title']}" for r in data["figures"]]
    lines += ["", "## Headlines by topic", ""]
    current = None
    for row in data["headlines"]:
        if row["topic"] != current:
            current = row["topic"]
            lines += ["", f"**{current}**"]
        lines.append(f"- [{row['title']}]({row['url']})" if row["url"] else f"- {row['title']}")
    return "\n".join(lines).rstrip() + "\n"


def write_digest(con: duckdb.DuckDBPyConnection, *, day: date, tz: str, out_dir: Path) -> tuple[str, Path]:
    """Render the digest of `day` and save it as `out_dir/digest-DAY.md`."""
    start, end = day_window(day, tz)
    markdown = render_markdown(digest_data(con, start=start, end=end), day=day, tz=tz)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"digest-{day.isoformat()}.md"
    path.write_text(markdown, encoding="utf-8")
    return markdown, path
