"""What an alert says: its title, its Markdown body, and the one summary that replaces a wall of alerts.

Titles are built from our own vocabulary (country names, sectors, actions); everything from a feed in a
body (evidence, titles, links, dates as written) goes through `newsmon.safe_text`, because apprise turns
the Markdown into HTML for e-mail and similar targets. Titles stay in our language-neutral vocabulary whatever
the article's language; the evidence sentence and source titles are quoted as written, marked `[FR]` (the
language's code) when not in English.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from newsmon.claim_dates import effective_text
from newsmon.digest_text import language_prefix, party, plural
from newsmon.safe_text import SENTENCE_LIMIT, markdown_link, markdown_text
from storage.alerts import Candidate, DueAlert

MAX_SOURCES = 10
TOP_CLAIMS = 5


def title(claim: Candidate, kind: str, previous_rate: float | None) -> str:
    """"New tariff claim: United States → Canada, steel 25% (announced)" or "Escalation: ... 25% → 50%"."""
    what = ", ".join(claim.sectors) or "all goods"
    rate = "" if claim.rate is None else f" {claim.rate:g}%"
    head = "New tariff claim"
    if kind == "escalation" and previous_rate is not None and claim.rate is not None:
        head = "Escalation" if claim.rate > previous_rate else "Rate cut"
        rate = f" {previous_rate:g}% → {claim.rate:g}%"
    parties = f"{party(claim.imposer)} → {party(claim.target, target=True)}"
    return f"{head}: {parties}, {what}{rate} ({claim.action.replace('_', ' ')})"


def body(claim: Candidate, *, tz: str) -> str:
    """Markdown: the evidence sentence, the effective date made absolute, when the claim was first seen, and
    its sources with links."""
    zone = ZoneInfo(tz)
    lines = [f"> {language_prefix(claim.language)}{markdown_text(claim.evidence, limit=SENTENCE_LIMIT)}", ""]
    if claim.effective_date and claim.effective_published_at:
        stated = effective_text(claim.effective_date, published=claim.effective_published_at.astimezone(zone).date(),
                                action=claim.action)
        lines.append(f"Effective: {markdown_text(stated)}  ")
    lines.append(f"First seen: {claim.first_seen_at.astimezone(zone):%Y-%m-%d %H:%M} ({tz})")
    lines += ["", f"Sources ({len(claim.sources)}):"]
    for s in claim.sources[:MAX_SOURCES]:
        link = markdown_link(s.title, s.url) or markdown_text(s.article_id)
        lines.append(f"- {language_prefix(s.language)}{link} — {s.published_at.astimezone(zone):%Y-%m-%d %H:%M}")
    if len(claim.sources) > MAX_SOURCES:
        lines.append(f"- and {len(claim.sources) - MAX_SOURCES} more")
    return "\n".join(lines)


def combined(due: list[DueAlert]) -> tuple[str, str]:
    """A few alerts held through quiet hours, in full, as one message."""
    return (f"newsmon: {len(due)} tariff-claim alerts",
            "\n\n---\n\n".join(f"**{a.summary}**\n\n{a.body}" for a in due))


def summary(due: list[DueAlert], *, reason: str, now: datetime, tz: str) -> tuple[str, str]:
    """One message instead of many: counts by action, the most reported claims, and where to see them all."""
    actions = Counter(a.action.replace("_", " ") for a in due)
    escalations = sum(a.kind == "escalation" for a in due)
    top = sorted(due, key=lambda a: (a.kind != "escalation", -a.sources, a.first_seen_at))[:TOP_CLAIMS]
    lines = [f"{len(due)} new tariff claims at {now.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M} ({tz}), {reason}, "
             "so they come as this one summary.", "",
             "By action: " + ", ".join(f"{name} {n}" for name, n in actions.most_common()) + "  ",
             f"Escalations and rate changes: {escalations}", "", "Most reported:"]
    lines += [f"- {a.summary} — {plural(a.sources, 'source')}" for a in top]
    lines += ["", f"The list: `newsmon alerts --limit {len(due)}`; each full message is in the `body` column of "
              "the `alerts` table."]
    head = f"newsmon: {len(due)} tariff-claim alerts (summary)"
    return head, "\n".join(lines)
