"""Analysis rows: which articles still need analysing, and writing what `nlp` returned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from nlp.records import Analysis
from storage.batch import registered, transaction

_TABLES = ("analyses", "actors", "sectors", "figures", "tariff_claims", "topics")
_KEY = [("article_id", pa.string()), ("pipeline_version", pa.string())]
_SCHEMAS = {
    "analyses": pa.schema([*_KEY, ("content_hash", pa.string()), ("analysed_at", pa.timestamp("us", tz="UTC"))]),
    "actors": pa.schema([*_KEY, ("name", pa.string()), ("kind", pa.string()), ("code", pa.string()),
                         ("country", pa.string()), ("role", pa.string()), ("mentions", pa.int32())]),
    "sectors": pa.schema([*_KEY, ("sector", pa.string()), ("mentions", pa.int32()),
                          ("sentences", pa.list_(pa.int32()))]),
    "figures": pa.schema([*_KEY, ("position", pa.int32()), ("text", pa.string()), ("value", pa.float64()),
                          ("unit", pa.string()), ("qualifier", pa.string()), ("measure", pa.string()),
                          ("period", pa.string()), ("sentence", pa.int32())]),
    "tariff_claims": pa.schema([*_KEY, ("position", pa.int32()), ("claim_key", pa.string()),
                                ("imposer", pa.string()), ("target", pa.string()),
                                ("sectors", pa.list_(pa.string())), ("action", pa.string()),
                                ("rate", pa.float64()), ("previous_rate", pa.float64()),
                                ("effective_date", pa.string()), ("sentence", pa.int32()),
                                ("evidence", pa.string()), ("background", pa.bool_())]),
    "topics": pa.schema([*_KEY, ("topic", pa.string()), ("score", pa.float64())]),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingArticle:
    article_id: str
    title: str
    text: str
    content_hash: str


def pending_articles(con: duckdb.DuckDBPyConnection, *, pipeline_version: str, limit: int | None = None,
                     since: datetime | None = None, superseded: bool = False) -> list[PendingArticle]:
    """Articles never analysed by this version, or changed since: oldest first.

    `since` keeps those published from then on; `superseded` adds those whose newest analysis is by
    another version although this one saw them too (a rolled-back model), so it becomes current again."""
    rows = con.execute(
        "SELECT a.article_id, a.title, a.text, a.content_hash FROM articles a "
        "WHERE (NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.article_id "
        "AND x.pipeline_version = $version AND x.content_hash = a.content_hash) "
        "OR ($superseded AND EXISTS (SELECT 1 FROM current_analyses c WHERE c.article_id = a.article_id "
        "AND c.pipeline_version <> $version))) "
        "AND ($since IS NULL OR a.published_at >= $since) "
        "ORDER BY a.fetched_at, a.article_id LIMIT $limit",
        {"version": pipeline_version, "since": since, "superseded": superseded,
         "limit": limit if limit is not None else 2**62},
    ).fetchall()
    return [PendingArticle(article_id=r[0], title=r[1], text=r[2], content_hash=r[3]) for r in rows]


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


def _rows(analyses: list[Analysis], version: str, hashes: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    now = datetime.now(UTC)
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in _TABLES}
    for a in analyses:
        key = {"article_id": a.id, "pipeline_version": version}
        out["analyses"].append({**key, "content_hash": hashes[a.id], "analysed_at": now})
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
                   content_hashes: dict[str, str]) -> int:
    """Replace this version's rows for these articles in one transaction; older versions stay."""
    if not analyses:
        return 0
    rows = _rows(analyses, pipeline_version, content_hashes)
    ids = [a.id for a in analyses]
    with transaction(con):
        for table in _TABLES:
            con.execute(f"DELETE FROM {table} WHERE pipeline_version = ? AND article_id IN "
                        "(SELECT unnest(?::VARCHAR[]))", [pipeline_version, ids])
        for table in _TABLES:
            if not rows[table]:
                continue
            with registered(con, f"{table}_batch", rows[table], _SCHEMAS[table]):
                columns = ", ".join(_SCHEMAS[table].names)
                con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}_batch")
    return len(analyses)
