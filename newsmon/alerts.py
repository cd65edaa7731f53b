"""Tariff-claim alerts: which claims are news, which pass the rules, when to send, and the send loop.

A claim is news when its claim_key has no alerts row; it is an escalation when its rate differs from
the rate it states it replaces ("to 50% from 25%") or from the last rate recorded for the same
imposer, target and sectors. Every claim gets exactly one alerts row, sent or not, so nothing is
evaluated twice; each send is bracketed by commits (see `storage.alerts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import duckdb

from newsmon.digest_text import party
from newsmon.notify import Outcome, channel, deliver, url_hash
from newsmon.settings import AlertSettings, Settings
from nlp.rules import claim_rules
from storage import alerts as store
from storage.alerts import Candidate, NewAlert, Parties

RELIEF = claim_rules().relief_actions  # actions whose rate is never an escalation (nlp/data/claims.toml)
RETRY_BASE = timedelta(minutes=5)
RETRY_CAP = timedelta(hours=6)
MAX_SOURCES = 10
Sender = Callable[..., list[Outcome]]


@dataclass(slots=True, kw_only=True)
class AlertReport:
    """One alerts run: rows recorded by status, and every message sent with its outcome."""

    recorded: dict[str, int] = field(default_factory=dict)
    held: int = 0
    interrupted: list[str] = field(default_factory=list)
    messages: list[dict[str, str]] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return sum(m["outcome"] == "delivered" for m in self.messages)

    @property
    def failed(self) -> int:
        return sum(m["outcome"] != "delivered" for m in self.messages)


def alert_timezone(settings: Settings) -> str:
    """Quiet hours and message times: `[alerts] timezone`, else the digest's."""
    return settings.alerts.timezone or settings.digest.timezone


def retry_delay(attempts: int) -> timedelta:
    """5 minutes after the first failure, doubling, at most 6 hours."""
    return min(RETRY_BASE * 2 ** min(max(attempts - 1, 0), 16), RETRY_CAP)


def in_quiet_hours(quiet_hours: str | None, now: datetime, tz: str) -> bool:
    """Whether `now` falls in "HH:MM-HH:MM" local time; a range may wrap past midnight."""
    if not quiet_hours:
        return False
    start, end = (time.fromisoformat(t) for t in quiet_hours.split("-"))
    local = now.astimezone(ZoneInfo(tz)).time()
    return start <= local < end if start < end else local >= start or local < end


def passes(rules: AlertSettings, claim: Candidate) -> bool:
    """The [alerts] rules: a claim on all goods (no sector) passes a sector rule, one with no rate `min_rate`."""
    return not (
        (rules.imposers and claim.imposer not in rules.imposers)
        or (rules.targets and claim.target not in rules.targets)
        or (rules.sectors and claim.sectors and not set(claim.sectors) & set(rules.sectors))
        or (rules.actions and claim.action not in rules.actions)
        or (rules.min_rate is not None and claim.rate is not None and claim.rate < rules.min_rate)
    )


def novelty(claim: Candidate, known: dict[Parties, float]) -> tuple[str, float | None]:
    """("new", None) or ("escalation", previous rate)."""
    if claim.rate is None or claim.action in RELIEF:
        return "new", None
    if claim.previous_rate is not None and claim.previous_rate != claim.rate:
        return "escalation", claim.previous_rate
    before = known.get(claim.parties)
    if before is not None and before != claim.rate:
        return "escalation", before
    return "new", None


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
    """Markdown: the evidence sentence, when the claim was first seen, and its sources with links."""
    zone = ZoneInfo(tz)
    lines = [f"> {claim.evidence.strip()}", ""]
    if claim.effective_date:
        lines.append(f"Effective: {claim.effective_date}  ")
    lines.append(f"First seen: {claim.first_seen_at.astimezone(zone):%Y-%m-%d %H:%M} ({tz})")
    lines += ["", f"Sources ({len(claim.sources)}):"]
    for s in claim.sources[:MAX_SOURCES]:
        label = s.title.replace("[", "(").replace("]", ")") or s.url or s.article_id
        link = f"[{label}]({s.url})" if s.url else label
        lines.append(f"- {link} — {s.published_at.astimezone(zone):%Y-%m-%d %H:%M}")
    if len(claim.sources) > MAX_SOURCES:
        lines.append(f"- and {len(claim.sources) - MAX_SOURCES} more")
    return "\n".join(lines)


def record_new_claims(con: duckdb.DuckDBPyConnection, rules: AlertSettings, *, tz: str,
                      now: datetime) -> dict[str, int]:
    """Give every unseen claim its alerts row: pending (held in quiet hours), filtered or backfill."""
    known = store.alerted_rates(con)
    quiet = in_quiet_hours(rules.quiet_hours, now, tz)
    oldest = now - timedelta(hours=rules.max_age_hours)
    rows = []
    for claim in store.unalerted_claims(con):
        kind, previous = novelty(claim, known)
        if claim.rate is not None:
            known[claim.parties] = claim.rate
        status = ("backfill" if claim.last_fetched_at < oldest else "filtered" if not passes(rules, claim)
                  else "held" if quiet else "pending")
        rows.append(NewAlert(
            claim_key=claim.claim_key, kind=kind, status=status, imposer=claim.imposer, target=claim.target,
            sectors=claim.sectors, action=claim.action, rate=claim.rate, previous_rate=previous,
            first_seen_at=claim.first_seen_at, recorded_at=now,
            article_ids=tuple(s.article_id for s in claim.sources), summary=title(claim, kind, previous),
            body=body(claim, tz=tz)))
    store.record_alerts(con, rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def _send_once(con: duckdb.DuckDBPyConnection, kind: str, subjects: list[str], url: str, *, title: str,
               body: str, now: datetime, attempts: int, send: Sender) -> Outcome:
    """Commit `sending`, send, commit the outcome: a crash in between leaves `sending`, never a resend."""
    key = url_hash(url)
    store.begin_delivery(con, kind, subjects, url_hash=key, channel=channel(url), now=now)
    outcome = send([url], title=title, body=body, body_format="markdown")[0]
    retry_at = None if outcome.ok else now + retry_delay(attempts)
    store.finish_delivery(con, kind, subjects, url_hash=key, now=now, error=outcome.error, retry_at=retry_at)
    return outcome


def _messages(due: list[store.DueAlert], batch_above: int) -> list[tuple[list[str], str, str]]:
    """One message per alert, or a single one for alerts held through quiet hours or a flood."""
    if len(due) > 1 and (len(due) > batch_above or any(a.status == "held" for a in due)):
        summary = f"newsmon: {len(due)} tariff-claim alerts"
        text = "\n\n---\n\n".join(f"**{a.summary}**\n\n{a.body}" for a in due)
        return [([a.claim_key for a in due], summary, text)]
    return [([a.claim_key], a.summary, a.body) for a in due]


def deliver_due(con: duckdb.DuckDBPyConnection, rules: AlertSettings, *, tz: str, now: datetime | None = None,
                send: Sender = deliver) -> AlertReport:
    """Send every alert that a channel still owes, unless in quiet hours; failures wait with back-off."""
    report = AlertReport()
    if not rules.urls:
        return report
    now = now or datetime.now(UTC)
    hashes = [url_hash(u) for u in rules.urls]
    due = store.due_alerts(con, hashes, now=now)
    if in_quiet_hours(rules.quiet_hours, now, tz):
        report.held = len(due)
        return report
    attempts = {a.claim_key: a.attempts for a in due}
    for url, key in zip(rules.urls, hashes, strict=True):
        owed = [a for a in due if key in a.url_hashes]
        for subjects, summary, text in _messages(owed, rules.batch_above):
            outcome = _send_once(con, store.ALERT, subjects, url, title=summary, body=text, now=now,
                                 attempts=1 + max(attempts[s] for s in subjects), send=send)
            store.refresh_alerts(con, subjects, hashes)
            report.messages.append({"channel": outcome.channel, "title": summary,
                                    "outcome": "delivered" if outcome.ok else f"failed: {outcome.error}"})
    return report


def collect_alerts(con: duckdb.DuckDBPyConnection, rules: AlertSettings, *, tz: str,
                   now: datetime | None = None) -> AlertReport:
    """Settle sends a crash interrupted (they become `unknown`), then record every unseen claim.

    Without any URL nothing is recorded: claims seen while alerts were off are then older than
    `max_age_hours` when URLs are added, and become backfill instead of a flood."""
    if not rules.urls:
        return AlertReport()
    interrupted = [s for k, s in store.mark_interrupted(con) if k == store.ALERT]
    return AlertReport(recorded=record_new_claims(con, rules, tz=tz, now=now or datetime.now(UTC)),
                       interrupted=interrupted)


def run_alerts(con: duckdb.DuckDBPyConnection, rules: AlertSettings, *, tz: str, now: datetime | None = None,
               send: Sender = deliver) -> AlertReport:
    """One alerts cycle: collect, then deliver what is due."""
    now = now or datetime.now(UTC)
    collected = collect_alerts(con, rules, tz=tz, now=now)
    report = deliver_due(con, rules, tz=tz, now=now, send=send)
    report.recorded, report.interrupted = collected.recorded, collected.interrupted
    return report


def send_digest(con: duckdb.DuckDBPyConnection, settings: Settings, *, day: date, markdown: str,
                now: datetime | None = None, send: Sender = deliver) -> list[Outcome]:
    """Send a day's digest to the alert URLs if `[digest] send`, once per URL with the same bracket as
    alerts: a failed URL is retried on the next call for that day, a delivered or interrupted one never."""
    if not settings.digest.send:
        return []
    now = now or datetime.now(UTC)
    store.mark_interrupted(con)
    urls = settings.alerts.urls
    owed = set(store.undelivered_channels(con, store.DIGEST, day.isoformat(), [url_hash(u) for u in urls]))
    return [_send_once(con, store.DIGEST, [day.isoformat()], url, title=f"newsmon digest — {day.isoformat()}",
                       body=markdown, now=now, attempts=1, send=send)
            for url in urls if url_hash(url) in owed]
