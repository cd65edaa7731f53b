"""Tariff-claim alerts: which claims are news, which pass the rules, when to send, and the send loop.

A claim is news when its claim_key has no alerts row; it is an escalation when its rate differs from
the rate it states it replaces ("to 50% from 25%") or from the last rate recorded for the same
imposer, target and sectors, weighing a cycle's claims in the order they happened (`chronological`).
Every claim gets exactly one alerts row, sent or not, so nothing is evaluated twice; each send is
bracketed by commits (see `storage.alerts`). What the messages say is in `newsmon.alert_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from newsmon import alert_text
from newsmon.notify import Outcome, channel, deliver, url_hash
from newsmon.settings import AlertSettings, Settings
from nlp.rules import claim_rules
from storage import WriteTurns
from storage import alerts as store
from storage.alerts import Candidate, NewAlert, Parties

RELIEF = claim_rules().relief_actions  # actions whose rate is never an escalation (nlp/data/claims.toml)
LOWERED = "lowered"  # the one action that may take a rate back down to one it replaced
REMOVALS = frozenset({"removed", "suspended", "struck_down"})  # a duty lifted, paused or annulled: a warning
RETRY_BASE = timedelta(minutes=5)
RETRY_CAP = timedelta(hours=6)
Sender = Callable[..., list[Outcome]]


@dataclass(slots=True, kw_only=True)
class AlertReport:
    """One alerts run: rows recorded by status, and every message sent with its outcome."""

    recorded: dict[str, int] = field(default_factory=dict)
    held: int = 0
    interrupted: list[str] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sent(self) -> int:
        """Alerts delivered (a summary message counts every alert it stands for), summed over channels."""
        return sum(m["alerts"] for m in self.messages if m["outcome"] == "delivered")

    @property
    def failed(self) -> int:
        return sum(m["alerts"] for m in self.messages if m["outcome"] != "delivered")


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


def late_report(claim: Candidate, known: dict[Parties, float], replaced: dict[Parties, set[float]]) -> bool:
    """A claim of a rate that a later raise or cut already replaced ("imposed 25%" after "to 50% from 25%"),
    reported after it: old news of the current rate's predecessor, not a change back."""
    before = known.get(claim.parties)
    return (claim.rate is not None and claim.previous_rate is None and claim.action != LOWERED
            and before is not None and before != claim.rate and claim.rate in replaced.get(claim.parties, ()))


def novelty(claim: Candidate, known: dict[Parties, float],
            replaced: dict[Parties, set[float]] | None = None) -> tuple[str, float | None]:
    """("new", None) or ("escalation", previous rate)."""
    if claim.rate is None or claim.action in RELIEF:
        return "new", None
    if claim.previous_rate is not None and claim.previous_rate != claim.rate:
        return "escalation", claim.previous_rate
    before = known.get(claim.parties)
    if before is not None and before != claim.rate and not late_report(claim, known, replaced or {}):
        return "escalation", before
    return "new", None


def chronological(claims: list[Candidate]) -> list[Candidate]:
    """Claims in the order they happened: first publication, then place in the article. A claim that states the
    rate it replaces ("to 50% from 25%") comes after the claim of that rate for the same parties, however the
    two were reported, so an imposed 25% and a raise to 50% seen together never read as a cut from 50%."""
    ordered = sorted(claims, key=lambda c: (c.first_seen_at, c.position, c.claim_key))
    place = {c.claim_key: i for i, c in enumerate(ordered)}
    groups: dict[Parties, list[Candidate]] = {}
    for claim in ordered:
        groups.setdefault(claim.parties, []).append(claim)
    rank: dict[str, int] = {}
    for group in groups.values():
        pending, settled = list(group), []
        while pending:
            ready = next((c for c in pending if not any(
                o is not c and c.previous_rate is not None and o.rate == c.previous_rate and o.previous_rate != c.rate
                for o in pending)), pending[0])  # a claim whose replaced rate is still to come waits for it
            pending.remove(ready)
            settled.append(ready)
        slots = sorted(place[c.claim_key] for c in group)
        rank.update({c.claim_key: slot for c, slot in zip(settled, slots, strict=True)})
    return sorted(ordered, key=lambda c: rank[c.claim_key])


def record_new_claims(con: duckdb.DuckDBPyConnection, rules: AlertSettings, *, tz: str,
                      now: datetime) -> dict[str, int]:
    """Give every unseen claim its alerts row: pending (held in quiet hours), filtered or backfill."""
    known, replaced = store.alerted_rates(con), store.replaced_rates(con)
    quiet = in_quiet_hours(rules.quiet_hours, now, tz)
    oldest = now - timedelta(hours=rules.max_age_hours)
    rows = []
    for claim in chronological(store.unalerted_claims(con)):
        kind, previous = novelty(claim, known, replaced)
        if claim.rate is not None and not late_report(claim, known, replaced):
            known[claim.parties] = claim.rate
        if previous is not None:
            replaced.setdefault(claim.parties, set()).add(previous)
        status = ("backfill" if claim.last_fetched_at < oldest else "filtered" if not passes(rules, claim)
                  else "held" if quiet else "pending")
        rows.append(NewAlert(
            claim_key=claim.claim_key, kind=kind, status=status, imposer=claim.imposer, target=claim.target,
            sectors=claim.sectors, action=claim.action, rate=claim.rate, previous_rate=previous,
            first_seen_at=claim.first_seen_at, recorded_at=now,
            article_ids=tuple(s.article_id for s in claim.sources), summary=alert_text.title(claim, kind, previous),
            body=alert_text.body(claim, tz=tz)))
    store.record_alerts(con, rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


def _send_once(db: WriteTurns, kind: str, subjects: list[str], url: str, *, title: str,
               body: str, now: datetime, attempts: int, send: Sender, notify_type: str = "info") -> Outcome:
    """Commit `sending`, send with the database file closed (a slow channel holds up no reader), commit
    the outcome: a crash in between leaves `sending`, never a resend."""
    key = url_hash(url)
    store.begin_delivery(db.connection(), kind, subjects, url_hash=key, channel=channel(url), now=now)
    db.release()
    outcome = send([url], title=title, body=body, body_format="markdown", notify_type=notify_type)[0]
    retry_at = None if outcome.ok else now + retry_delay(attempts)
    store.finish_delivery(db.connection(), kind, subjects, url_hash=key, now=now, error=outcome.error,
                          retry_at=retry_at)
    return outcome


def notify_type(alerts: list[store.DueAlert]) -> str:
    """apprise's `warning` for a rate change or a duty lifted, paused or annulled; `info` for the rest."""
    return "warning" if any(a.kind == "escalation" or a.action in REMOVALS for a in alerts) else "info"


def _messages(due: list[store.DueAlert], *, batch_above: int, first: bool, now: datetime,
              tz: str) -> list[tuple[list[str], str, str, str]]:
    """(claim keys, title, body, notify type) per message: one per alert; one summary for a channel's first
    delivery or more than `batch_above` at once; one combined message for a few held through quiet hours."""
    if len(due) > batch_above or (first and len(due) > 1):
        reason = f"more than {batch_above} at once" if len(due) > batch_above else "the first alerts for this channel"
        head, text = alert_text.summary(due, reason=reason, now=now, tz=tz)
    elif len(due) > 1 and any(a.status == "held" for a in due):
        head, text = alert_text.combined(due)
    else:
        return [([a.claim_key], a.summary, a.body, notify_type([a])) for a in due]
    return [([a.claim_key for a in due], head, text, notify_type(due))]


def deliver_due(db: WriteTurns, rules: AlertSettings, *, tz: str, now: datetime | None = None,
                send: Sender = deliver) -> AlertReport:
    """Send every alert that a channel still owes, unless in quiet hours; failures wait with back-off."""
    report = AlertReport()
    if not rules.urls:
        return report
    now = now or datetime.now(UTC)
    hashes = [url_hash(u) for u in rules.urls]
    due = store.due_alerts(db.connection(), hashes, now=now)
    if in_quiet_hours(rules.quiet_hours, now, tz):
        report.held = len(due)
        return report
    attempts = {a.claim_key: a.attempts for a in due}
    for url, key in zip(rules.urls, hashes, strict=True):
        owed = [a for a in due if key in a.url_hashes]
        first = not store.has_received(db.connection(), store.ALERT, key)
        for subjects, summary, text, kind in _messages(owed, batch_above=rules.batch_above, first=first, now=now,
                                                        tz=tz):
            outcome = _send_once(db, store.ALERT, subjects, url, title=summary, body=text, now=now,
                                 attempts=1 + max(attempts[s] for s in subjects), send=send, notify_type=kind)
            store.refresh_alerts(db.connection(), subjects, hashes)
            report.messages.append({"channel": outcome.channel, "title": summary, "alerts": len(subjects),
                                    "outcome": "delivered" if outcome.ok else f"failed: {outcome.error}"})
    return report


def collect_alerts(db: WriteTurns, rules: AlertSettings, *, tz: str,
                   now: datetime | None = None) -> AlertReport:
    """Settle sends a crash interrupted (they become `unknown`), then record every unseen claim.

    Without any URL nothing is recorded: claims seen while alerts were off are then older than
    `max_age_hours` when URLs are added, and become backfill instead of a flood."""
    if not rules.urls:
        return AlertReport()
    con = db.connection()
    interrupted = [s for k, s in store.mark_interrupted(con) if k == store.ALERT]
    return AlertReport(recorded=record_new_claims(con, rules, tz=tz, now=now or datetime.now(UTC)),
                       interrupted=interrupted)


def run_alerts(db: WriteTurns, rules: AlertSettings, *, tz: str, now: datetime | None = None,
               send: Sender = deliver) -> AlertReport:
    """One alerts cycle: collect, then deliver what is due. `db` opens the database only to read and
    write; every send happens with the file closed."""
    now = now or datetime.now(UTC)
    collected = collect_alerts(db, rules, tz=tz, now=now)
    report = deliver_due(db, rules, tz=tz, now=now, send=send)
    report.recorded, report.interrupted = collected.recorded, collected.interrupted
    return report


def send_digest(db: WriteTurns, settings: Settings, *, day: date, markdown: str,
                now: datetime | None = None, send: Sender = deliver) -> list[Outcome]:
    """Send a day's digest to the alert URLs if `[digest] send`, once per URL with the same bracket as
    alerts: a failed URL is retried on the next call for that day, a delivered or interrupted one never."""
    if not settings.digest.send:
        return []
    now = now or datetime.now(UTC)
    con = db.connection()
    store.mark_interrupted(con)
    urls = settings.alerts.urls
    owed = set(store.undelivered_channels(con, store.DIGEST, day.isoformat(), [url_hash(u) for u in urls]))
    return [_send_once(db, store.DIGEST, [day.isoformat()], url, title=f"newsmon digest — {day.isoformat()}",
                       body=markdown, now=now, attempts=1, send=send)
            for url in urls if url_hash(url) in owed]
