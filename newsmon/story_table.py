"""`newsmon stories` as a rich table: one row per story, its claims and their sentences under the title.

Feed text is data: every value goes through `rich.markup.escape`. At 80 columns each line of a cell
is cut with an ellipsis; `wide` wraps instead, so nothing is lost.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from rich.markup import escape
from rich.table import Table

from newsmon.digest_text import language_prefix, plural, rate_text, topic_name
from storage.stories import StoryClaim, StoryListing


def claim_line(claim: StoryClaim) -> str:
    """`USA → CAN raised 25% → 50% (steel)`: codes keep it short; no target means every origin."""
    rate = rate_text({"rate": claim.rate, "previous_rate": claim.previous_rate})
    rate = f" {rate}" if rate else ""
    sectors = f" ({', '.join(claim.sectors)})" if claim.sectors else ""
    restated = " [restated]" if claim.background else ""
    return f"{claim.imposer or '?'} → {claim.target or 'all'} {claim.action.replace('_', ' ')}{rate}{sectors}{restated}"


def stories_table(stories: list[StoryListing], *, tz: str, wide: bool = False) -> Table:
    """Date, then the title with its topics and claims, then the outlets (how many, and which)."""
    overflow = "fold" if wide else "ellipsis"
    table = Table(show_lines=True, expand=not wide)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("story · topics · claims and their sentences", overflow=overflow, no_wrap=not wide, ratio=4)
    table.add_column("outlets", overflow=overflow, no_wrap=not wide, ratio=1, min_width=12)
    for s in stories:
        topics = ", ".join(topic_name(t) for t in s.topics) or "no topic"
        lines = [f"[bold]{escape(language_prefix(s.language) + s.title)}[/]", f"[cyan]{escape(topics)}[/]"]
        for c in s.claims:
            lines.append(f"• {escape(claim_line(c))}")
            lines.append(f"  [dim italic]“{escape(c.evidence)}”[/]")
        outlets = [plural(len(s.outlets), "outlet"), *map(escape, s.outlets)]
        table.add_row(f"{s.first_published_at.astimezone(ZoneInfo(tz)):%Y-%m-%d}", "\n".join(lines),
                      "\n".join(outlets))
    return table
