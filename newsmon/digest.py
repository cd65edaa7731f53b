"""The digest of one day: query it once, write it as Markdown and as a self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from newsmon.digest_markdown import render_markdown
from storage.reports import digest_data, volume_days


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestFiles:
    """What `write_digest` produced: the Markdown text (for stdout, chat, the artifact) and both files."""

    markdown: str
    markdown_path: Path
    html_path: Path


def write_digest(con: duckdb.DuckDBPyConnection, *, day: date, tz: str, out_dir: Path) -> DigestFiles:
    """Render the digest of `day` and save it as `out_dir/digest-DAY.md` and `out_dir/digest-DAY.html`."""
    from newsmon.chart import load_palette, volume_chart
    from newsmon.digest_html import render_html

    data = digest_data(con, day=day, tz=tz)
    days = volume_days(day)
    markdown = render_markdown(data, day=day, tz=tz)
    chart = volume_chart(data["volume"], days=days, highlight=day, tz=tz, palette=load_palette())
    page = render_html(data, day=day, tz=tz, days=days, chart=chart)
    out_dir.mkdir(parents=True, exist_ok=True)
    md_path = out_dir / f"digest-{day.isoformat()}.md"
    html_path = md_path.with_suffix(".html")
    md_path.write_text(markdown, encoding="utf-8")
    html_path.write_text(page, encoding="utf-8")
    return DigestFiles(markdown=markdown, markdown_path=md_path, html_path=html_path)
