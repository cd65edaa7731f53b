"""The Dask side of analysis: how a local cluster starts, what a worker process runs on a chunk, and
how the single writer reads chunks ahead and stores what comes back.

Plain Python (no Prefect): flows/analyze.py submits `analyze_on_worker` through prefect-dask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from nlp.analyzer import Analyzer, Text
from nlp.chunks import analyze_chunk
from nlp.records import Analysis, AnalysisError
from storage import DEFAULT_LOCK_WAIT, connect
from storage.analyses import PendingArticle, count_pending, pending_articles, store_analyses
from storage.articles import stored_languages


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


def preload(languages: Sequence[str]) -> str:
    """Load this worker's analyzer now, with the pipelines of `languages` and the topic model, so the
    first chunk finds them; returns the pipeline version."""
    analyzer = worker_analyzer()
    if "fr" in languages:
        analyzer.pipeline("fr")
    analyzer.topics  # noqa: B018 - waits for the model's loading thread
    return analyzer.version


class WarmCluster:
    """A local cluster started in a background thread, its workers loading their pipelines at once.

    `newsmon run` starts it before ingest, so spawning the workers and loading spaCy in each overlap
    the fetching; `newsmon serve` keeps one for all its cycles. The flow connects to `address()` as
    to any existing scheduler; `close()` ends the workers without waiting for them to finish politely."""

    def __init__(self, workers: int, *, languages: Sequence[str] = ("en",)) -> None:
        self._cluster: Any = None
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm-cluster")
        self._ready: Future[str] = pool.submit(self._start, workers, tuple(languages))
        pool.shutdown(wait=False)

    def _start(self, workers: int, languages: tuple[str, ...]) -> str:
        from distributed import Client, LocalCluster

        self._cluster = LocalCluster(**local_cluster_options(workers))
        with Client(self._cluster) as client:
            loads = [client.submit(preload, languages, workers=[address], allow_other_workers=False, pure=False)
                     for address in client.scheduler_info()["workers"]]
            client.gather(loads)
        return self._cluster.scheduler_address

    def address(self) -> str:
        """The scheduler's address, once every worker has loaded its pipelines (waits for them)."""
        return self._ready.result()

    def close(self) -> None:
        """Stop the workers and the scheduler. A worker that ran Prefect tasks keeps threads that hold
        it past the Nanny's polite close (about 4 s), so each is killed first: its results are written."""
        with suppress(Exception):  # a cluster that failed to start has only what started to stop
            self._ready.result()
        if self._cluster is None:
            return
        for nanny in list(self._cluster.workers.values()):
            nanny.close_gracefully()  # only a status: the Nanny must not start a fresh worker after the kill
            process = getattr(getattr(nanny, "process", None), "process", None)
            if process is not None and process.is_alive():
                process.kill()
        self._cluster.close(timeout=10)

    def __enter__(self) -> WarmCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyze_on_worker(pending: list[PendingArticle], *, batch_size: int) -> AnalysedChunk:
    """One chunk in a worker process, without the database, as the in-process loop analyses it (an
    article that fails becomes an error record); one spaCy process, as a Dask worker cannot fork."""
    analyzer = worker_analyzer()
    texts = [Text(id=p.article_id, title=p.title, text=p.text, language=p.language) for p in pending]
    result = analyze_chunk(analyzer, texts, batch_size=batch_size, n_process=1)
    return AnalysedChunk(version=analyzer.version, analyses=list(result.analyses), errors=list(result.errors),
                         content_hashes={p.article_id: p.content_hash for p in pending})


@contextmanager
def warm_cluster(db: Path, workers: int, *, lock_wait: float = DEFAULT_LOCK_WAIT) -> Iterator[WarmCluster | None]:
    """A `WarmCluster` of `workers` processes for the block (None for 0), loading French too when the
    database holds French articles, so a French chunk does not wait for its pipeline either."""
    if workers == 0:
        yield None
        return
    languages = ["en"]
    if db.exists():
        with connect(db, read_only=True, lock_wait=lock_wait) as con:
            languages += sorted(stored_languages(con) & {"fr"})
    with WarmCluster(workers, languages=languages) as warm:
        yield warm


def pending_total(db: Path, *, pipeline_version: str, since: datetime | None = None, superseded: bool = False,
                  lock_wait: float = DEFAULT_LOCK_WAIT) -> int:
    """Articles pending at the start, for progress (as `analyze_pending` counts them)."""
    with connect(db, lock_wait=lock_wait) as con:
        return count_pending(con, pipeline_version=pipeline_version, since=since, superseded=superseded)


def chunk_sizes(chunk: int, *, pending: int, workers: int) -> Iterator[int]:
    """Sizes for reading `pending` articles on `workers` threads: `chunk` while the backlog is large,
    then shrinking with what is left (a share of it per worker, down to a tenth of `chunk`), so the
    last chunks are small and no worker idles long while another finishes a full one (guided
    self-scheduling). Articles that arrive beyond `pending` are read at the smallest size."""
    smallest, left = max(1, chunk // 10), pending
    while True:
        size = max(smallest, min(chunk, -(-left // (2 * workers))))
        left = max(0, left - size)
        yield size


def read_chunks(db: Path, *, pipeline_version: str, sizes: Iterable[int], since: datetime | None = None,
                superseded: bool = False, lock_wait: float = DEFAULT_LOCK_WAIT) -> Iterator[list[PendingArticle]]:
    """Pending articles, the next of `sizes` at a time, each read on a connection of its own.

    A cursor (the last id read) moves past chunks still being analysed elsewhere, which are pending
    until written; the connection is closed between reads so the writer can store finished ones."""
    after: str | None = None
    for size in sizes:
        with connect(db, lock_wait=lock_wait) as con:
            pending = pending_articles(con, pipeline_version=pipeline_version, limit=size, after=after,
                                       since=since, superseded=superseded)
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
