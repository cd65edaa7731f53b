"""Analysis rows: which articles still need analysing, and writing what `nlp` returned."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from nlp.records import Analysis, AnalysisError
from storage.batch import registered, transaction

# Runs that may fail on one article's content before this pipeline version skips it.
MAX_ATTEMPTS = 3

_TABLES = ("analyses", "actors", "sectors", "figures", "tariff_claims", "topics")
_KEY = [("article_id", pa.string()), ("pipeline_version", pa.string())]
# the article's UTC day of publication, in the tables a day's digest reads (migration 012): DuckDB then
# skips the row groups of other days
_DAY = ("published_day", pa.date32())
_SCHEMAS = {
    "analyses": pa.schema([*_KEY, ("content_hash", pa.string()), ("analysed_at", pa.timestamp("us", tz="UTC")),
                           ("truncated", pa.bool_())]),
    "actors": pa.schema([*_KEY, ("name", pa.string()), ("kind", pa.string()), ("code", pa.string()),
                         ("country", pa.string()), ("role", pa.string()), ("mentions", pa.int32()), _DAY]),
    "sectors": pa.schema([*_KEY, ("sector", pa.string()), ("mentions", pa.int32()),
                          ("sentences", pa.list_(pa.int32()))]),
    "figures": pa.schema([*_KEY, ("position", pa.int32()), ("text", pa.string()), ("value", pa.float64()),
                          ("unit", pa.string()), ("qualifier", pa.string()), ("measure", pa.string()),
                          ("period", pa.string()), ("sentence", pa.int32()), _DAY]),
    "tariff_claims": pa.schema([*_KEY, ("position", pa.int32()), ("claim_key", pa.string()),
                                ("imposer", pa.string()), ("target", pa.string()),
                                ("sectors", pa.list_(pa.string())), ("action", pa.string()),
                                ("rate", pa.float64()), ("previous_rate", pa.float64()),
                                ("effective_date", pa.string()), ("sentence", pa.int32()),
                                ("evidence", pa.string()), ("background", pa.bool_()), _DAY]),
    "topics": pa.schema([*_KEY, ("topic", pa.string()), ("score", pa.float64()), _DAY]),
}
_ERRORS = pa.schema([*_KEY, ("content_hash", pa.string()), ("stage", pa.string()), ("message", pa.string()),
                     ("failed_at", pa.timestamp("us", tz="UTC"))])
# Articles this version has not analysed in their current content, leaving out those it gave up on.
_PENDING = """
    (NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.article_id
                 AND x.pipeline_version = $version AND x.content_hash = a.content_hash)
     OR ($superseded AND EXISTS (SELECT 1 FROM current_analyses c WHERE c.article_id = a.article_id
                                 AND c.pipeline_version <> $version)))
    AND NOT EXISTS (SELECT 1 FROM analysis_errors e WHERE e.article_id = a.article_id
                    AND e.pipeline_version = $version AND e.content_hash = a.content_hash
                    AND e.attempts >= $max_attempts)
    AND ($since IS NULL OR a.published_at >= $since)"""


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingArticle:
    article_id: str
    title: str
    text: str
    content_hash: str
    language: str | None = None  # ISO 639-1, or None when it was not known at ingest


def count_pending(con: duckdb.DuckDBPyConnection, *, pipeline_version: str, since: datetime | None = None,
                  superseded: bool = False, max_attempts: int = MAX_ATTEMPTS) -> int:
    """How many articles `pending_articles` would return without a limit (for progress, before the work)."""
    return int(con.execute(f"SELECT count(*) FROM articles a WHERE {_PENDING}",
                           {"version": pipeline_version, "since": since, "superseded": superseded,
                            "max_attempts": max_attempts}).fetchall()[0][0])


def pending_articles(con: duckdb.DuckDBPyConnection, *, pipeline_version: str, limit: int | None = None,
                     since: datetime | None = None, superseded: bool = False, skip: Collection[str] = (),
                     max_attempts: int = MAX_ATTEMPTS, after: str | None = None) -> list[PendingArticle]:
    """Articles never analysed by this version, or changed since: oldest first.

    `since` keeps those published from then on; `superseded` adds those whose newest analysis is by
    another version although this one saw them too (a rolled-back model), so it becomes current again.
    Articles in `skip` (tried earlier in this run) and those that failed `max_attempts` times in their
    current content (`analysis_errors`) are left out. `after` (an article id) starts past that article
    in this order: a cursor for a reader whose earlier chunks are still being analysed, so not yet written."""
    rows = con.execute(
        f"SELECT a.article_id, a.title, a.text, a.content_hash, a.language FROM articles a WHERE {_PENDING} "
        "AND a.article_id NOT IN (SELECT unnest($skip::VARCHAR[])) "
        "AND ($after IS NULL OR (a.fetched_at, a.article_id) > "
        "(SELECT (fetched_at, article_id) FROM articles WHERE article_id = $after)) "
        "ORDER BY a.fetched_at, a.article_id LIMIT $limit",
        {"version": pipeline_version, "since": since, "superseded": superseded, "max_attempts": max_attempts,
         "skip": list(skip), "after": after, "limit": limit if limit is not None else 2**62},
    ).fetchall()
    return [PendingArticle(article_id=r[0], title=r[1], text=r[2], content_hash=r[3], language=r[4]) for r in rows]


def analysis_counts(con: duckdb.DuckDBPyConnection, *, pipeline_version: str,
                    since: datetime | None = None) -> dict[str, int]:
    """Articles (published since `since`), and how many of them are current under this version."""
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE c.pipeline_version = $version) FROM articles a "
        "LEFT JOIN current_analyses c USING (article_id) WHERE $since IS NULL OR a.published_at >= $since",
        {"version": pipeline_version, "since": since},
    ).fetchall()[0]
    return {"articles": int(row[0]), "current": int(row[1])}


def prune_superseded(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete every row of pipeline versions that are no longer the current analysis of any article.

    A version still current for one article keeps all its rows, so a partial re-analysis prunes nothing
    of it; child tables go first, so `current_analyses` is the same for every statement."""
    deleted = {}
    with transaction(con):
        for table in (*_TABLES[1:], "analyses"):
            deleted[table] = int(con.execute(
                f"DELETE FROM {table} WHERE pipeline_version NOT IN "
                "(SELECT DISTINCT pipeline_version FROM current_analyses)").fetchall()[0][0])
    return deleted


def _published_days(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, date]:
    """The UTC day of publication of each of these stored articles."""
    return dict(con.execute("SELECT article_id, CAST(timezone('UTC', published_at) AS DATE) FROM articles "
                            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())


def _rows(analyses: list[Analysis], version: str, hashes: dict[str, str],
          days: dict[str, date]) -> dict[str, list[dict[str, Any]]]:
    now = datetime.now(UTC)
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in _TABLES}
    for a in analyses:
        key = {"article_id": a.id, "pipeline_version": version}
        out["analyses"].append({**key, "content_hash": hashes[a.id], "analysed_at": now, "truncated": a.truncated})
        key = {**key, "published_day": days.get(a.id)}  # the schemas without it leave it out
        out["actors"] += [{**key, "name": x.name, "kind": x.kind, "code": x.code, "country": x.country,
                           "role": x.role, "mentions": x.mentions} for x in a.actors]
        out["sectors"] += [{**key, "sector": s.sector, "mentions": s.mentions, "sentences": list(s.sentences)}
                            for s in a.sectors]
        out["figures"] += [{**key, "position": i, "text": f.text, "value": f.value, "unit": f.unit,
                            "qualifier": f.qualifier, "measure": f.measure, "period": f.period,
                            "sentence": f.sentence} for i, f in enumerate(a.figures)]
        out["tariff_claims"] += [{**key, "position": i, "claim_key": c.claim_key, "imposer": c.imposer,
                                  "target": c.target, "sectors": list(c.sectors), "action": c.action,
                                  "rate": c.rate, "previous_rate": c.previous_rate,
                                  "effective_date": c.effective_date, "sentence": c.sentence,
                                  "evidence": c.evidence, "background": c.background}
                                 for i, c in enumerate(a.tariff_claims)]
        out["topics"] += [{**key, "topic": t.label, "score": t.score} for t in a.topics]
    return out


def store_analyses(con: duckdb.DuckDBPyConnection, analyses: list[Analysis], *, pipeline_version: str,
                   content_hashes: dict[str, str], errors: Sequence[AnalysisError] = ()) -> int:
    """Replace this version's rows for these articles in one transaction; older versions stay.

    In the same transaction an analysed article's error row goes, and each of `errors` is recorded
    (`analysis_errors`: one more attempt on the same content, or the first on new content)."""
    if not analyses and not errors:
        return 0
    ids = [a.id for a in analyses]
    with transaction(con):
        rows = _rows(analyses, pipeline_version, content_hashes, _published_days(con, ids))
        # keys whose first appearance is one of these articles: the new analyses may no longer carry them
        stale = [r[0] for r in con.execute(
            "SELECT DISTINCT tc.claim_key FROM tariff_claims AS tc JOIN articles AS a USING (article_id) "
            "JOIN claim_first_seen AS f ON f.claim_key = tc.claim_key AND f.first_seen_at = a.published_at "
            "WHERE tc.article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()]
        for table in (*_TABLES, "analysis_errors"):
            con.execute(f"DELETE FROM {table} WHERE pipeline_version = ? AND article_id IN "
                        "(SELECT unnest(?::VARCHAR[]))", [pipeline_version, ids])
        for table in _TABLES:
            if not rows[table]:
                continue
            with registered(con, f"{table}_batch", rows[table], _SCHEMAS[table]):
                columns = ", ".join(_SCHEMAS[table].names)
                con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_batch")
        if errors:
            _record_errors(con, errors, pipeline_version, content_hashes)
        refresh_first_seen(con, stale)
        _add_first_seen(con, ids)
    return len(analyses)


# Each claim key's earliest publication among the current analyses' claims in `claims` (a WHERE on
# tariff_claims): an analysis is current when it is its article's newest (current_analyses' order).
_FIRST_SEEN = (
    "INSERT INTO claim_first_seen "
    "WITH claims AS (SELECT claim_key, article_id, pipeline_version FROM tariff_claims WHERE {where}), "
    "latest AS (SELECT article_id, arg_max(pipeline_version, (analysed_at, pipeline_version)) AS pipeline_version "
    "FROM analyses WHERE article_id IN (SELECT article_id FROM claims) GROUP BY article_id) "
    "SELECT c.claim_key, min(a.published_at) FROM claims AS c "
    "JOIN latest AS l USING (article_id, pipeline_version) JOIN articles AS a USING (article_id) "
    "GROUP BY c.claim_key {then}")


def _add_first_seen(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Move each claim key's first appearance back to these articles' current claims where they are earlier:
    a key can only gain appearances from them (one it lost was stale, and recomputed)."""
    con.execute(_FIRST_SEEN.format(
        where="article_id IN (SELECT unnest($ids::VARCHAR[]))",
        then="ON CONFLICT (claim_key) DO UPDATE SET first_seen_at = least(first_seen_at, excluded.first_seen_at)"),
        {"ids": ids})


def refresh_first_seen(con: duckdb.DuckDBPyConnection, keys: Sequence[str] | None = None) -> None:
    """Recompute `claim_first_seen` (migration 013) for these claim keys, or for all of them, so the digest
    need not rank the history."""
    if keys is not None and not keys:
        return
    where = "true" if keys is None else "claim_key IN (SELECT unnest($keys::VARCHAR[]))"
    params = {} if keys is None else {"keys": list(keys)}
    con.execute(f"DELETE FROM claim_first_seen WHERE {where}", params)
    con.execute(_FIRST_SEEN.format(where=where, then=""), params)


def _record_errors(con: duckdb.DuckDBPyConnection, errors: Sequence[AnalysisError], version: str,
                   hashes: dict[str, str]) -> None:
    now = datetime.now(UTC)
    batch = [{"article_id": e.id, "pipeline_version": version, "content_hash": hashes[e.id], "stage": e.stage,
              "message": e.message, "failed_at": now} for e in errors]
    with registered(con, "errors_batch", batch, _ERRORS):
        con.execute(
            "INSERT INTO analysis_errors (article_id, pipeline_version, content_hash, stage, message, attempts, "
            "first_at, last_at) "
            "SELECT article_id, pipeline_version, content_hash, stage, message, 1, failed_at, failed_at "
            "FROM errors_batch ON CONFLICT (article_id, pipeline_version) DO UPDATE SET "
            "attempts = CASE WHEN content_hash = excluded.content_hash THEN attempts + 1 ELSE 1 END, "
            "content_hash = excluded.content_hash, stage = excluded.stage, message = excluded.message, "
            "last_at = excluded.last_at")


@dataclass(frozen=True, slots=True, kw_only=True)
class FailedArticle:
    article_id: str
    title: str
    feed_url: str
    stage: str
    message: str
    attempts: int
    last_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisStatus:
    """How far this pipeline version got: what `newsmon status` shows."""

    articles: int
    analysed: int  # analysed by this version in their current content
    truncated: int
    pending: int  # to be analysed by the next run (failed ones with attempts left included)
    failed: int  # with an error row of this version
    given_up: int  # failed `max_attempts` times on their current content: skipped
    latest: list[FailedArticle]


def analysis_status(con: duckdb.DuckDBPyConnection, *, pipeline_version: str, max_attempts: int = MAX_ATTEMPTS,
                    latest: int = 10) -> AnalysisStatus:
    """Counts of articles by analysis state under this version, and its `latest` errors, newest first."""
    params = {"version": pipeline_version, "max_attempts": max_attempts}
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), "
        "(SELECT count(*) FROM analyses x JOIN articles a USING (article_id, content_hash) "
        " WHERE x.pipeline_version = $version), "
        "(SELECT count(*) FROM analyses x JOIN articles a USING (article_id, content_hash) "
        " WHERE x.pipeline_version = $version AND x.truncated), "
        f"(SELECT count(*) FROM articles a WHERE {_PENDING}), "
        "(SELECT count(*) FROM analysis_errors WHERE pipeline_version = $version), "
        "(SELECT count(*) FROM analysis_errors e JOIN articles a USING (article_id, content_hash) "
        " WHERE e.pipeline_version = $version AND e.attempts >= $max_attempts)",
        {**params, "superseded": False, "since": None},
    ).fetchall()[0]
    failed = con.execute(
        "SELECT e.article_id, a.title, a.feed_url, e.stage, e.message, e.attempts, e.last_at "
        "FROM analysis_errors e JOIN articles a USING (article_id) WHERE e.pipeline_version = $version "
        "ORDER BY e.last_at DESC, e.article_id LIMIT $latest", {"version": pipeline_version, "latest": latest},
    ).fetchall()
    return AnalysisStatus(articles=row[0], analysed=row[1], truncated=row[2], pending=row[3], failed=row[4],
                          given_up=row[5], latest=[FailedArticle(article_id=r[0], title=r[1], feed_url=r[2],
                                                                 stage=r[3], message=r[4], attempts=r[5],
                                                                 last_at=r[6]) for r in failed])
