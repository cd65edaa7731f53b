"""Analyse stored articles that the current pipeline version has not seen, chunk by chunk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from nlp.analyzer import Analyzer, Text
from nlp.records import Analysis
from storage import connect
from storage.analyses import PendingArticle, analysis_counts, pending_articles, prune_superseded, store_analyses


@dataclass(frozen=True, slots=True, kw_only=True)
class Reanalysis:
    version: str
    articles: int
    already_current: int
    analysed: int
    pruned: dict[str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysedChunk:
    """One chunk's records and what storing them needs: what a worker process hands the writer."""

    version: str
    analyses: list[Analysis]
    content_hashes: dict[str, str]


def analyze_chunk(analyzer: Analyzer, pending: list[PendingArticle], *, batch_size: int = 64,
                  n_process: int = 1) -> AnalysedChunk:
    """Analyse one chunk without touching the database, so any process (a Dask worker) can run it."""
    analyses = analyzer.analyze([Text(id=p.article_id, title=p.title, text=p.text) for p in pending],
                                batch_size=batch_size, n_process=n_process)
    return AnalysedChunk(version=analyzer.version, analyses=analyses,
                         content_hashes={p.article_id: p.content_hash for p in pending})


class PipelineMismatchError(ValueError):
    """A worker analysed with other code or models than the writer expects."""


def store_chunk(con: duckdb.DuckDBPyConnection, chunk: AnalysedChunk, *, version: str | None = None) -> int:
    """Write one chunk in one transaction under the version that analysed it, which must be `version`
    when given: a worker with another newsmon installed would otherwise store rows nobody reads."""
    if version is not None and chunk.version != version:
        raise PipelineMismatchError(
            f"a Dask worker analysed with pipeline {chunk.version}, this process expects {version}: "
            "install the same newsmon and models on every worker")
    return store_analyses(con, chunk.analyses, pipeline_version=chunk.version, content_hashes=chunk.content_hashes)


def read_chunks(db: Path, *, pipeline_version: str, chunk: int = 500, since: datetime | None = None,
                superseded: bool = False) -> Iterator[list[PendingArticle]]:
    """Pending articles, `chunk` at a time, each read on a connection of its own.

    A cursor (the last id read) moves past chunks still being analysed elsewhere, which are pending
    until written; the connection is closed between reads so the writer can store finished ones."""
    after: str | None = None
    while True:
        with connect(db) as con:
            pending = pending_articles(con, pipeline_version=pipeline_version, limit=chunk, since=since,
                                       superseded=superseded, after=after)
        if not pending:
            return
        yield pending
        after = pending[-1].article_id


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
        done += store_chunk(con, analyze_chunk(analyzer, pending, batch_size=batch_size, n_process=n_process))


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
