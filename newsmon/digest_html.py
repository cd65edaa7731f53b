"""One day's digest as a self-contained HTML page: inline CSS and SVG, no scripts, fonts or remote images.

Every value from the database goes through `newsmon.safe_text` (titles, evidence and names come from the
web): escaped, without control or bidi characters; the only links are the articles' own http(s) URLs.
A title or sentence in another language than the page's carries its `lang` (screen readers, hyphenation,
translation) and a visible code tag (`FR`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from newsmon.digest_text import (
    NO_ARTICLES,
    figure_value,
    is_empty,
    language_mark,
    language_name,
    languages_read,
    outlets_text,
    party,
    plural,
    rate_text,
    signed,
    topic_name,
)
from newsmon.safe_text import SENTENCE_LIMIT, html_link, html_text

if TYPE_CHECKING:
    from newsmon.chart import Chart

CLAIM_ACCENT = "#c2410c"  # the rule beside each claim; the browser test looks for it
CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --up: #b3261e; --down: #1d63a5; --accent: #4e79a7;
        --claim: #c2410c; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: var(--ink);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 40px; background: #fff; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 0; }
h1 small { font-weight: normal; color: var(--muted); font-size: 15px; margin-left: 6px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 14px 0 4px; text-transform: capitalize; }
.meta { color: var(--muted); margin: 4px 0 0; }
.empty { font-size: 18px; padding: 18px; background: #fff8e1; border-left: 4px solid #f0b429; margin: 20px 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.up { color: var(--up); font-weight: 600; }
.down { color: var(--down); font-weight: 600; }
.flat { color: var(--muted); }
.parties { font-weight: 600; white-space: nowrap; }
table.claims td:first-child { border-left: 3px solid var(--claim); }
.tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 8px; background: #e8eef6; }
.tag.escalation { background: #fde8e7; color: var(--up); }
.tag.lang { background: #eef2e3; font-weight: 600; margin-right: 4px; }
.evidence { display: block; color: var(--muted); font-size: 12.5px; font-style: italic; margin-top: 3px; }
figure { margin: 0; }
.chart { display: flex; gap: 12px; align-items: flex-start; }
.chart svg { display: block; flex: 1 1 auto; min-width: 0; width: 100%; height: auto; }
ul.legend { list-style: none; margin: 0; padding: 0; flex: 0 0 auto; font-size: 13px; }
ul.legend li { white-space: nowrap; margin: 2px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
          vertical-align: -1px; }
figcaption, .note { color: var(--muted); font-size: 13px; }
ul.stories li { margin: 6px 0; }
ul.stories .tag { margin-left: 4px; }
li { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 28px; }
ul { padding-left: 20px; margin: 6px 0; }
li { margin: 3px 0; }
a { color: #1d4f91; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media (max-width: 640px) {
  main { padding: 16px 10px; }
  h1 small { display: block; margin: 2px 0 0; }
  .chart { flex-direction: column; }
  ul.legend { display: flex; flex-wrap: wrap; gap: 0 14px; }
  table.claims thead { display: none; }
  table.claims tr { display: block; border-bottom: 1px solid var(--line); border-left: 3px solid var(--claim);
                    padding: 6px 0 6px 4px; margin-bottom: 6px; }
  table.claims td, table.claims td:first-child { display: block; border: 0; padding: 2px 4px; text-align: left; }
  table.claims td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 12px; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  tr, li, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
}
""".strip()


def _table(head: Iterable[tuple[str, str]], rows: Iterable[str], *, cls: str = "") -> str:
    ths = "".join(f'<th class="{c}">{html_text(h)}</th>' if c else f"<th>{html_text(h)}</th>" for h, c in head)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _lang(code: str | None) -> str:
    """` lang="fr"` for text that is not in the page's language, else nothing."""
    return f' lang="{html_text(code)}"' if language_mark(code) else ""


def _marked(row: dict[str, Any]) -> str:
    """The row's title (a link when its URL is http(s)) in its own language, after a code tag such as `FR`."""
    link, mark = html_link(row["title"], row.get("url")), language_mark(row.get("language"))
    if not mark:
        return link
    return (f'<span class="tag lang" title="{html_text(language_name(row["language"]))}">{html_text(mark)}</span>'
            f"<span{_lang(row['language'])}>{link}</span>")


def _change(value: float) -> str:
    if value > 0:
        return f'<span class="up">▲ {signed(value)}</span>'
    if value < 0:
        return f'<span class="down">▼ {signed(value)}</span>'
    return '<span class="flat">± 0</span>'


def _topics(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return '<p class="note">No story of the day carried a dispute topic.</p>'
    body = [f"<tr><td>{html_text(topic_name(r['topic']))}</td><td class=\"num\">{r['stories']}</td>"
            f"<td class=\"num\">{r['trailing_mean']:g}</td><td class=\"num\">{_change(r['change'])}</td></tr>"
            for r in rows]
    head = [("topic", ""), ("stories", "num"), ("7-day mean", "num"), ("change", "num")]
    return _table(head, body, cls="topics")


def _claims(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return '<p class="note">No new tariff claims.</p>'
    body = []
    for r in rows:
        action = html_text(r["action"].replace("_", " "))
        if r.get("novelty") == "escalation":
            action += ' <span class="tag escalation">escalation</span>'
        if r.get("background"):
            action += ' <span class="tag">restated</span>'
        evidence = (f'<span class="evidence"{_lang(r.get("language"))}>'
                    f'{html_text(r["evidence"], limit=SENTENCE_LIMIT)}</span>' if r.get("evidence") else "")
        parties = f'{html_text(party(r["imposer"]))} → {html_text(party(r["target"], target=True))}'
        body.append(
            f'<tr><td class="parties">{parties}</td>'
            f'<td data-label="action">{action}</td>'
            f'<td data-label="sectors">{html_text(", ".join(r["sectors"] or ()) or "—")}</td>'
            f'<td class="num" data-label="rate">{html_text(rate_text(r)) or "—"}</td>'
            f'<td data-label="outlets">{html_text(", ".join(r["outlets"])) or "—"}</td>'
            f"<td>{_marked(r)}{evidence}</td></tr>"
        )
    head = [("imposer → target", ""), ("action", ""), ("sectors", ""), ("rate", "num"), ("outlets", ""),
            ("first report", "")]
    return _table(head, body, cls="claims")


def _actors(rows: list[dict[str, Any]]) -> str:
    items = [f"<li><strong>{html_text(r['name'])}</strong> <span class=\"note\">{html_text(r['kind'])}"
             f"{', ' + html_text(r['code']) if r['code'] else ''}</span> — {plural(r['stories'], 'story', 'stories')}"
             "</li>" for r in rows]
    return f"<ul>{''.join(items)}</ul>" if items else '<p class="note">No actors.</p>'


def _figures(rows: list[dict[str, Any]]) -> str:
    items = [f"<li><strong>{html_text(figure_value(r['value'], r['unit']))}</strong> {html_text(r['measure'])}"
             f"{' (' + html_text(r['period']) + ')' if r['period'] else ''}"
             f"<br><span class=\"note\">{_marked(r)}</span></li>" for r in rows]
    return f"<ul>{''.join(items)}</ul>" if items else '<p class="note">No figures with a stated measure.</p>'


def _headlines(rows: list[dict[str, Any]]) -> str:
    """Each story once, with all its topics and the outlets that ran it."""
    items = [f"<li>{_marked(r)} "
             + "".join(f'<span class="tag">{html_text(topic_name(t))}</span> ' for t in r["topics"])
             + (f'<br><span class="note">{html_text(outlets_text(r["outlets"]))}</span>' if r["outlets"] else "")
             + "</li>" for r in rows]
    return f'<ul class="stories">{"".join(items)}</ul>' if items else '<p class="note">No headlines.</p>'


def _chart(chart: Chart | None, days: list[date]) -> str:
    if chart is None:
        return f'<p class="note">No tagged articles between {days[0]:%d %B} and {days[-1]:%d %B %Y}.</p>'
    legend = "".join(f'<li><span class="swatch" style="background:{html_text(color)}"></span>'
                     f"{html_text(topic_name(topic))}</li>" for topic, color in chart.legend)
    return (f'<figure><div class="chart">{chart.svg}<ul class="legend" aria-label="topics">{legend}</ul></div>'
            "<figcaption>Stories per topic and day of publication, the digest day shaded; "
            "copies of one story in several outlets count once, a story with several topics once under each."
            "</figcaption></figure>")


def render_html(data: dict[str, list[dict[str, Any]]], *, day: date, tz: str, days: list[date],
                chart: Chart | None) -> str:
    """The page; `chart` is the volume chart over `days` (None when those days had no tagged articles)."""
    title = f"newsmon digest — {day.isoformat()}"
    parts = [f"<header><h1>newsmon digest <small>{day:%A %d %B %Y}</small></h1>"
             f'<p class="meta">Articles published on {day.isoformat()} in {html_text(tz)} time'
             + (f" · {html_text(languages_read(data['languages']))}" if data.get("languages") else "")
             + "</p></header>"]
    if is_empty(data):
        parts.append(f'<p class="empty">{html_text(NO_ARTICLES)}</p>')
        parts.append(f'<section id="volume"><h2>Last {len(days)} days</h2>{_chart(chart, days)}</section>')
    else:
        parts += [
            f'<section id="topics"><h2>Topics</h2>{_topics(data["topics"])}</section>',
            f'<section id="volume"><h2>Last {len(days)} days</h2>{_chart(chart, days)}</section>',
            f'<section id="claims"><h2>New tariff claims</h2>{_claims(data["claims"])}</section>',
            '<div class="cols">'
            f'<section id="actors"><h2>Top actors</h2>{_actors(data["actors"])}</section>'
            f'<section id="figures"><h2>Notable figures</h2>{_figures(data["figures"])}</section></div>',
            f'<section id="headlines"><h2>Stories</h2>{_headlines(data["headlines"])}</section>',
        ]
    parts.append("<footer>Generated by newsmon from the monitored feeds; claims and figures are extracted "
                 "automatically — check the linked report before quoting them.</footer>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html_text(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(parts) + "\n</main>\n</body>\n</html>\n")
