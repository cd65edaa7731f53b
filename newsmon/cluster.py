"""The Dask side of analysis: how a local cluster starts, what a worker process runs on a chunk, and
how the single writer reads chunks ahead and stores what comes back.

Plain Python (no Prefect): flows/analyze.py submits `analyze_on_worker` through prefect-dask."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from nlp.analyzer import Analyzer, Text
from nlp.chunks import analyze_chunk
from nlp.records import Analysis, AnalysisError
from storage import DEFAULT_LOCK_WAIT, connect
from storage.analyses import PendingArticle, count_pending, pending_articles, store_analyses


class PipelineMismatchError(ValueError):
    """A worker analysed with other code or models than the writer expects."""


class SchedulerUnreachableError(OSError):
    """No Dask scheduler answered at `[cluster] address`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysedChunk:
    """One chunk's records and what storing them needs: what a worker process hands the writer."""

    version: str
    analyses: list[Analysis]
    errors: list[AnalysisError]
    content_hashes: dict[str, str]


def local_cluster_options(workers: int) -> dict[str, Any]:
    """`workers` single-threaded processes on the loopback, without a dashboard.

    One thread each because spaCy's parse holds the GIL; 127.0.0.1 keeps a laptop's cluster off the
    network; the dashboard would need bokeh and a port nobody reads during a run."""
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
            "dashboard_address": None}


@cache
def worker_analyzer() -> Analyzer:
    """This process's analyzer, loaded by its first chunk and kept for every later one (seconds each)."""
    return Analyzer()


def analyze_on_worker(pending: list[PendingArticle], *, batch_size: int) -> AnalysedChunk:
    """One chunk in a worker process, without the database, as the in-process loop analyses it (an
    article that fails becomes an error record); one spaCy process, as a Dask worker cannot fork."""
    analyzer = worker_analyzer()
    texts = [Text(id=p.article_id, title=p.title, text=p.text, language=p.language) for p in pending]
    result = analyze_chunk(analyzer, texts, batch_size=batch_size, n_process=1)
    return AnalysedChunk(version=analyzer.version, analyses=list(result.analyses), errors=list(result.errors),
                         content_hashes={p.article_id: p.content_hash for p in pending})


def pending_total(db: Path, *, pipeline_version: str, lock_wait: float = DEFAULT_LOCK_WAIT) -> int:
    """Articles pending at the start, for progress (as `analyze_pending` counts them)."""
    with connect(db, lock_wait=lock_wait) as con:
        return count_pending(con, pipeline_version=pipeline_version)


def read_chunks(db: Path, *, pipeline_version: str, chunk: int = 500,
                lock_wait: float = DEFAULT_LOCK_WAIT) -> Iterator[list[PendingArticle]]:
    """Pending articles, `chunk` at a time, each read on a connection of its own.

    A cursor (the last id read) moves past chunks still being analysed elsewhere, which are pending
    until written; the connection is closed between reads so the writer can store finished ones."""
    after: str | None = None
    while True:
        with connect(db, lock_wait=lock_wait) as con:
            pending = pending_articles(con, pipeline_version=pipeline_version, limit=chunk, after=after)
        if not pending:
            return
        yield pending
        after = pending[-1].article_id


def store_chunk(con: duckdb.DuckDBPyConnection, chunk: AnalysedChunk, *, version: str) -> int:
    """Write one chunk in one transaction, refusing one analysed under another `version` than the
    writer's: a worker with another newsmon installed would store rows nobody reads."""
    if chunk.version != version:
        raise PipelineMismatchError(
            f"a Dask worker analysed with pipeline {chunk.version}, this process expects {version}: "
            "install the same newsmon and models on every worker")
    return store_analyses(con, chunk.analyses, pipeline_version=chunk.version, content_hashes=chunk.content_hashes,
                          errors=chunk.errors)
