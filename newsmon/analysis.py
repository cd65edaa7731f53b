"""Analyse stored articles that the current pipeline version has not seen, chunk by chunk.

The database is open only to read a chunk and to write its results (one short transaction each);
spaCy works with the file closed, so readers and other writers get in between (DESIGN.md, Readers
and the single writer). An article that fails is recorded in `analysis_errors` and the rest of its
chunk is written (`nlp.chunks.analyze_chunk`); it is tried again on later runs, up to `max_attempts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nlp.analyzer import Analyzer, Text
from nlp.chunks import analyze_chunk
from nlp.records import Progress
from storage import DEFAULT_LOCK_WAIT, connect
from storage.analyses import (
    MAX_ATTEMPTS,
    analysis_counts,
    count_pending,
    pending_articles,
    prune_superseded,
    store_analyses,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reanalysis:
    version: str
    articles: int
    already_current: int
    analysed: int
    pruned: dict[str, int]


def analyze_pending(db: Path, analyzer: Analyzer, *, chunk: int = 500, batch_size: int = 64, n_process: int = 1,
                    since: datetime | None = None, superseded: bool = False, max_attempts: int = MAX_ATTEMPTS,
                    progress: Progress | None = None, lock_wait: float = DEFAULT_LOCK_WAIT) -> int:
    """Analyse what is pending in the database file `db`; returns how many articles were analysed.

    Each chunk is written in one transaction, so a crash loses at most the chunk under way. Every
    article is tried once per run: `since` and `superseded` narrow or widen the articles as in
    `pending_articles`. `progress` counts articles done (analysed or failed) out of those pending at the start;
    every opening of the file waits up to `lock_wait` seconds for another process's lock."""
    done = analysed = 0
    tried: set[str] = set()
    total = 0
    if progress:
        with connect(db, lock_wait=lock_wait) as con:
            total = count_pending(con, pipeline_version=analyzer.version, since=since, superseded=superseded,
                                  max_attempts=max_attempts)
    while True:
        with connect(db, lock_wait=lock_wait) as con:
            pending = pending_articles(con, pipeline_version=analyzer.version, limit=chunk, since=since,
                                       superseded=superseded, skip=tried, max_attempts=max_attempts)
        if not pending:
            return analysed
        tried.update(p.article_id for p in pending)
        step = _after(progress, done, total) if progress else None
        result = analyze_chunk(analyzer, [Text(id=p.article_id, title=p.title, text=p.text, language=p.language)
                                          for p in pending],
                               batch_size=batch_size, n_process=n_process, progress=step)
        done += len(pending)
        with connect(db, lock_wait=lock_wait) as con:
            analysed += store_analyses(con, result.analyses, pipeline_version=analyzer.version,
                                       content_hashes={p.article_id: p.content_hash for p in pending},
                                       errors=result.errors)


def analyze_pending_here(db: Path, *, progress: Progress | None = None, **options: Any) -> int:
    """`analyze_pending` with an `Analyzer` loaded by this process: what `newsmon.child_process.in_child`
    runs, so the models live in the child only."""
    return analyze_pending(db, Analyzer(), progress=progress, **options)


def _after(progress: Progress, base: int, total: int) -> Progress:
    """A chunk's progress as the whole run's: `base` articles were done before it."""
    return lambda n, _: progress(min(base + n, total), total)


def reanalyze(db: Path, analyzer: Analyzer, *, since: datetime | None = None, prune: bool = False,
              chunk: int = 500, batch_size: int = 64, n_process: int = 1,
              progress: Progress | None = None, lock_wait: float = DEFAULT_LOCK_WAIT) -> Reanalysis:
    """Make the current pipeline version the newest analysis of every article (published since `since`).

    Old versions' rows stay until the new ones are written; `prune` then drops versions no article
    uses any more."""
    return reanalysis(db, analyzer.version, since=since, prune=prune, lock_wait=lock_wait,
                      analyse=lambda: analyze_pending(db, analyzer, chunk=chunk, batch_size=batch_size,
                                                      n_process=n_process, since=since, superseded=True,
                                                      progress=progress, lock_wait=lock_wait))


def reanalysis(db: Path, version: str, *, analyse: Callable[[], int], since: datetime | None = None,
               prune: bool = False, lock_wait: float = DEFAULT_LOCK_WAIT) -> Reanalysis:
    """Count, run `analyse` (in this process or on a cluster: it returns how many it analysed), then prune."""
    with connect(db, lock_wait=lock_wait) as con:
        before = analysis_counts(con, pipeline_version=version, since=since)
    analysed = analyse()
    pruned: dict[str, int] = {}
    if prune:
        with connect(db, lock_wait=lock_wait) as con:
            pruned = prune_superseded(con)
    return Reanalysis(version=version, articles=before["articles"], already_current=before["current"],
                      analysed=analysed, pruned=pruned)
