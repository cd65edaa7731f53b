"""Alert rows and delivery rows: what was seen, what is due, and each send bracketed by commits.

Exactly once rests on the order of writes here: the alert row is committed before any send, a
delivery is committed as `sending` before apprise is called and as `delivered` or `failed` after;
a row still `sending` at the next start is a crash inside that window and becomes `unknown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from storage.batch import registered, transaction
from storage.reports import as_dicts, query_text

ALERT = "alert"
DIGEST = "digest"
OPEN = ("pending", "held", "failed", "unknown")  # statuses that may still owe a channel a message
_TS = pa.timestamp("us", tz="UTC")
_ALERT_SCHEMA = pa.schema([
    ("claim_key", pa.string()), ("kind", pa.string()), ("status", pa.string()), ("imposer", pa.string()),
    ("target", pa.string()), ("sectors", pa.list_(pa.string())), ("action", pa.string()), ("rate", pa.float64()),
    ("previous_rate", pa.float64()), ("first_seen_at", _TS), ("recorded_at", _TS),
    ("article_ids", pa.list_(pa.string())), ("summary", pa.string()), ("body", pa.string()),
])
_INTERRUPTED = "interrupted between send and mark: the message may or may not have arrived; not re-sent"
_SUBJECTS = pa.schema([("subject", pa.string())])

Parties = tuple[str | None, str | None, tuple[str, ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    article_id: str
    url: str | None
    title: str
    published_at: datetime
    language: str | None = None  # ISO 639-1 of the article


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A claim with no alerts row yet, with every article that carried it, earliest first."""

    claim_key: str
    imposer: str | None
    target: str | None
    sectors: tuple[str, ...]
    action: str
    rate: float | None
    previous_rate: float | None
    effective_date: str | None
    effective_published_at: datetime | None
    evidence: str
    position: int
    first_seen_at: datetime
    last_fetched_at: datetime
    sources: tuple[Source, ...]
    language: str | None = None  # ISO 639-1 of the evidence sentence's article

    @property
    def parties(self) -> Parties:
        return (self.imposer, self.target, self.sectors)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewAlert:
    claim_key: str
    kind: str
    status: str
    imposer: str | None
    target: str | None
    sectors: tuple[str, ...]
    action: str
    rate: float | None
    previous_rate: float | None
    first_seen_at: datetime
    recorded_at: datetime
    article_ids: tuple[str, ...]
    summary: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DueAlert:
    """An alert that owes a message to the channels in `url_hashes`."""

    claim_key: str
    status: str
    kind: str
    action: str
    sources: int
    first_seen_at: datetime
    summary: str
    body: str
    url_hashes: tuple[str, ...]
    attempts: int  # the most sends any of those channels has had; the back-off grows with it


def unalerted_claims(con: duckdb.DuckDBPyConnection) -> list[Candidate]:
    """Claims of the current analyses whose claim_key has no alerts row, oldest first."""
    sql = query_text("alert_candidates")
    return [
        Candidate(**{**row, "sectors": tuple(row["sectors"]), "sources": tuple(Source(**s) for s in row["sources"])})
        for row in as_dicts(con.execute(sql))
    ]


def alerted_rates(con: duckdb.DuckDBPyConnection) -> dict[Parties, float]:
    """The latest rate recorded for each (imposer, target, sectors): the baseline of an escalation. A new claim
    of a rate that another alert of the same parties, recorded no later, already replaced is a late report of
    an older state and does not count."""
    rows = con.execute(
        "SELECT imposer, target, list_sort(sectors), arg_max(rate, (first_seen_at, recorded_at)) FROM alerts AS al "
        "WHERE rate IS NOT NULL AND NOT (kind = 'new' AND action <> 'lowered' AND EXISTS ("
        "  SELECT 1 FROM alerts AS e WHERE e.previous_rate = al.rate AND e.recorded_at <= al.recorded_at "
        "  AND e.imposer IS NOT DISTINCT FROM al.imposer AND e.target IS NOT DISTINCT FROM al.target "
        "  AND list_sort(e.sectors) = list_sort(al.sectors))) "
        "GROUP BY imposer, target, list_sort(sectors)"
    ).fetchall()
    return {(r[0], r[1], tuple(r[2] or ())): r[3] for r in rows}


def replaced_rates(con: duckdb.DuckDBPyConnection) -> dict[Parties, set[float]]:
    """Every rate an alert recorded as replaced by a later one, per (imposer, target, sectors)."""
    rows = con.execute(
        "SELECT imposer, target, list_sort(sectors), list(DISTINCT previous_rate) FROM alerts "
        "WHERE previous_rate IS NOT NULL GROUP BY imposer, target, list_sort(sectors)"
    ).fetchall()
    return {(r[0], r[1], tuple(r[2] or ())): set(r[3]) for r in rows}


def record_alerts(con: duckdb.DuckDBPyConnection, alerts: list[NewAlert]) -> int:
    """Write new alert rows in their own transaction, before anything is sent; a known key stays as it was."""
    if not alerts:
        return 0
    rows = [{name: getattr(a, name) for name in _ALERT_SCHEMA.names} for a in alerts]
    for row in rows:
        row["sectors"], row["article_ids"] = list(row["sectors"]), list(row["article_ids"])
    columns = ", ".join(_ALERT_SCHEMA.names)
    with transaction(con), registered(con, "alert_batch", rows, _ALERT_SCHEMA):
        con.execute(f"INSERT INTO alerts ({columns}) SELECT {columns} FROM alert_batch ON CONFLICT DO NOTHING")
    return len(rows)


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Deliveries left `sending` by a crash become `unknown` (never re-sent); returns (kind, subject)."""
    with transaction(con):
        stuck = con.execute(
            "UPDATE deliveries SET status = 'unknown', last_error = ? WHERE status = 'sending' "
            "RETURNING subject_kind, subject", [_INTERRUPTED]
        ).fetchall()
        keys = sorted({s for k, s in stuck if k == ALERT})
        if keys:
            con.execute("UPDATE alerts SET status = 'unknown', last_error = ? "
                        "WHERE claim_key IN (SELECT unnest(?::VARCHAR[]))", [_INTERRUPTED, keys])
    return sorted(set(stuck))


def due_alerts(con: duckdb.DuckDBPyConnection, url_hashes: list[str], *, now: datetime) -> list[DueAlert]:
    """Open alerts and the channels each still owes: never tried, or failed and due again. Oldest recorded
    first; of one cycle's alerts, new claims before escalations (which refer to an earlier rate)."""
    rows = con.execute(
        "SELECT al.claim_key, any_value(al.status), any_value(al.kind), any_value(al.action), "
        "any_value(len(al.article_ids)), any_value(al.summary), any_value(al.body), "
        "list(u.url_hash ORDER BY u.url_hash), coalesce(max(d.attempts), 0), min(al.first_seen_at) AS first_seen_at "
        "FROM alerts AS al CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS url_hash) AS u "
        "LEFT JOIN deliveries AS d ON d.subject_kind = 'alert' AND d.subject = al.claim_key "
        "AND d.url_hash = u.url_hash "
        "WHERE al.status IN (SELECT unnest(?::VARCHAR[])) "
        "AND (d.status IS NULL OR (d.status = 'failed' AND d.next_attempt_at <= ?)) "
        "GROUP BY al.claim_key "
        "ORDER BY any_value(al.recorded_at), any_value(al.kind) = 'escalation', first_seen_at, al.claim_key",
        [url_hashes, list(OPEN), now],
    ).fetchall()
    return [DueAlert(claim_key=r[0], status=r[1], kind=r[2], action=r[3], sources=r[4] or 1, summary=r[5],
                     body=r[6] or r[5], url_hashes=tuple(r[7]), attempts=r[8], first_seen_at=r[9]) for r in rows]


def begin_delivery(con: duckdb.DuckDBPyConnection, kind: str, subjects: list[str], *, url_hash: str,
                   channel: str, now: datetime) -> None:
    """Commit `sending` (attempts + 1) for these messages on one channel; call right before sending."""
    with transaction(con), registered(con, "delivery_batch", [{"subject": s} for s in subjects], _SUBJECTS):
        con.execute(
            "INSERT INTO deliveries (subject_kind, subject, url_hash, channel, status, attempts, last_attempt_at) "
            "SELECT ?, subject, ?, ?, 'sending', 1, ? FROM delivery_batch "
            "ON CONFLICT DO UPDATE SET status = 'sending', attempts = deliveries.attempts + 1, "
            "channel = excluded.channel, last_attempt_at = excluded.last_attempt_at",
            [kind, url_hash, channel, now],
        )


def finish_delivery(con: duckdb.DuckDBPyConnection, kind: str, subjects: list[str], *, url_hash: str,
                    now: datetime, error: str | None, retry_at: datetime | None) -> None:
    """Commit the outcome of one send: delivered, or failed with its error and next attempt."""
    with transaction(con):
        con.execute(
            "UPDATE deliveries SET status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? "
            "WHERE subject_kind = ? AND url_hash = ? AND subject IN (SELECT unnest(?::VARCHAR[]))",
            ["delivered" if error is None else "failed", error, retry_at, now if error is None else None,
             kind, url_hash, subjects],
        )


def refresh_alerts(con: duckdb.DuckDBPyConnection, claim_keys: list[str], url_hashes: list[str]) -> None:
    """Fold the deliveries of these alerts into their row: delivered once every configured channel has it."""
    with transaction(con):
        con.execute(
            "UPDATE alerts SET "
            "status = CASE WHEN d.unknown > 0 THEN 'unknown' WHEN d.delivered >= ? THEN 'delivered' "
            "WHEN d.failed > 0 THEN 'failed' ELSE alerts.status END, "
            "attempts = d.attempts, last_error = d.last_error, next_attempt_at = d.next_attempt_at, "
            "channel = d.channel, delivered_at = CASE WHEN d.delivered >= ? THEN d.delivered_at END "
            "FROM (SELECT subject AS claim_key, "
            "  count(*) FILTER (WHERE status = 'delivered') AS delivered, "
            "  count(*) FILTER (WHERE status = 'unknown') AS unknown, "
            "  count(*) FILTER (WHERE status = 'failed') AS failed, "
            "  max(attempts) AS attempts, max(delivered_at) AS delivered_at, "
            "  string_agg(channel, ', ' ORDER BY channel) FILTER (WHERE status = 'delivered') AS channel, "
            "  arg_max(last_error, last_attempt_at) FILTER (WHERE status <> 'delivered') AS last_error, "
            "  min(next_attempt_at) FILTER (WHERE status = 'failed') AS next_attempt_at "
            "  FROM deliveries WHERE subject_kind = 'alert' AND subject IN (SELECT unnest(?::VARCHAR[])) "
            "  AND url_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY subject) AS d "
            "WHERE alerts.claim_key = d.claim_key",
            [len(url_hashes), len(url_hashes), claim_keys, url_hashes],
        )


def has_received(con: duckdb.DuckDBPyConnection, kind: str, url_hash: str) -> bool:
    """Whether this channel was ever sent (or possibly sent) a message of this kind."""
    return con.execute("SELECT count(*) > 0 FROM deliveries WHERE subject_kind = ? AND url_hash = ? "
                       "AND status IN ('delivered', 'unknown')", [kind, url_hash]).fetchall()[0][0]


def undelivered_channels(con: duckdb.DuckDBPyConnection, kind: str, subject: str, url_hashes: list[str]) -> list[str]:
    """The url hashes that have neither received this message nor possibly received it (`unknown`)."""
    done = {r[0] for r in con.execute(
        "SELECT url_hash FROM deliveries WHERE subject_kind = ? AND subject = ? "
        "AND status IN ('delivered', 'unknown', 'sending')", [kind, subject]).fetchall()}
    return [h for h in url_hashes if h not in done]


def recent_alerts(con: duckdb.DuckDBPyConnection, *, limit: int = 20,
                  status: str | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """What `newsmon alerts` shows: newest first."""
    cursor = con.execute(
        "SELECT recorded_at AS recorded, status, summary AS alert, attempts AS tries, next_attempt_at AS retry_at, "
        "channel, last_error AS error FROM alerts "
        "WHERE ? IS NULL OR status = ? ORDER BY recorded_at DESC NULLS LAST, first_seen_at DESC LIMIT ?",
        [status, status, limit],
    )
    return [d[0] for d in cursor.description], cursor.fetchall()
