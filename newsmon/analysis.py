"""Analyse stored articles that the current pipeline version has not seen, chunk by chunk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from nlp.analyzer import Analyzer, Text
from storage.analyses import analysis_counts, pending_articles, prune_superseded, store_analyses


@dataclass(frozen=True, slots=True, kw_only=True)
class Reanalysis:
    version: str
    articles: int
    already_current: int
    analysed: int
    pruned: dict[str, int]


def analyze_pending(con: duckdb.DuckDBPyConnection, analyzer: Analyzer, *, chunk: int = 500,
                    batch_size: int = 64, n_process: int = 1, since: datetime | None = None,
                    superseded: bool = False) -> int:
    """Each chunk is written in one transaction, so a crash loses at most the chunk under way.

    `since` and `superseded` narrow or widen the articles as in `pending_articles`; a chunk that
    comes back unchanged stops the loop rather than spinning on rows that cannot become current."""
    done = 0
    seen: set[str] = set()
    while True:
        pending = pending_articles(con, pipeline_version=analyzer.version, limit=chunk, since=since,
                                   superseded=superseded)
        if not pending or {p.article_id for p in pending} <= seen:
            return done
        seen.update(p.article_id for p in pending)
        analyses = analyzer.analyze([Text(id=p.article_id, title=p.title, text=p.text, language=p.language)
                                     for p in pending],
                                    batch_size=batch_size, n_process=n_process)
        done += store_analyses(con, analyses, pipeline_version=analyzer.version,
                               content_hashes={p.article_id: p.content_hash for p in pending})


def reanalyze(con: duckdb.DuckDBPyConnection, analyzer: Analyzer, *, since: datetime | None = None,
              prune: bool = False, chunk: int = 500, batch_size: int = 64, n_process: int = 1) -> Reanalysis:
    """Make the current pipeline version the newest analysis of every article (published since `since`).

    Old versions' rows stay until the new ones are written; `prune` then drops versions no article
    uses any more."""
    before = analysis_counts(con, pipeline_version=analyzer.version, since=since)
    analysed = analyze_pending(con, analyzer, chunk=chunk, batch_size=batch_size, n_process=n_process,
                               since=since, superseded=True)
    return Reanalysis(version=analyzer.version, articles=before["articles"], already_current=before["current"],
                      analysed=analysed, pruned=prune_superseded(con) if prune else {})
