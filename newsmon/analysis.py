"""Analyse stored articles that the current pipeline version has not seen, chunk by chunk."""

from __future__ import annotations

import duckdb

from nlp.analyzer import Analyzer, Text
from storage.analyses import pending_articles, store_analyses


def analyze_pending(con: duckdb.DuckDBPyConnection, analyzer: Analyzer, *, chunk: int = 500,
                    batch_size: int = 64, n_process: int = 1) -> int:
    """Each chunk is written in one transaction, so a crash loses at most the chunk under way."""
    done = 0
    while True:
        pending = pending_articles(con, pipeline_version=analyzer.version, limit=chunk)
        if not pending:
            return done
        analyses = analyzer.analyze([Text(id=p.article_id, title=p.title, text=p.text) for p in pending],
                                    batch_size=batch_size, n_process=n_process)
        done += store_analyses(con, analyses, pipeline_version=analyzer.version,
                               content_hashes={p.article_id: p.content_hash for p in pending})
