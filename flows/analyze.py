"""Flow: analyse every article the current pipeline version has not seen, in chunks.

`[cluster] workers = 0` analyses in this process; otherwise each chunk is a task on a Dask cluster
(prefect-dask), whose workers return records and the flow alone writes them, as they finish."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.utilities.annotations import quote
from prefect_dask import DaskTaskRunner

from flows._retry import transient
from flows._window import bounded_as_completed
from newsmon.analysis import Reanalysis, analyze_pending_here, reanalysis
from newsmon.child_process import in_child
from newsmon.cluster import (
    AnalysedChunk,
    SchedulerUnreachableError,
    WarmCluster,
    analyze_on_worker,
    chunk_sizes,
    pending_total,
    read_chunks,
    store_chunk,
    warm_cluster,
)
from newsmon.settings import Settings, load_settings
from nlp.analyzer import pipeline_version
from nlp.records import Progress
from storage import connect
from storage.analyses import PendingArticle

CHUNKS_PER_WORKER = 2  # in flight: one running, one queued, so a worker never waits for the writer


# NO_CACHE: `progress` (a callback from the CLI) cannot be hashed, and re-runs are safe by the DuckDB keys
@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient, cache_policy=NO_CACHE)
def analyze_all(config: str | None, progress: Progress | None = None) -> int:
    """In a child process of this run: the models stay out of the flow's process (see newsmon.child_process)."""
    settings = load_settings(config)
    return in_child(analyze_pending_here, db=settings.storage.db, chunk=settings.nlp.chunk,
                    batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process, progress=progress,
                    lock_wait=settings.storage.lock_wait)


@task(cache_policy=NO_CACHE, task_run_name="analyze {size} articles")
def analyze_chunk_task(pending: list[PendingArticle], batch_size: int, size: int) -> AnalysedChunk:
    return analyze_on_worker(pending, batch_size=batch_size)


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient, cache_policy=NO_CACHE)
def write_chunk(db: Path, chunk: AnalysedChunk, version: str, lock_wait: float) -> int:
    with connect(db, lock_wait=lock_wait) as con:
        return store_chunk(con, chunk, version=version)


@contextmanager
def _api_for_workers() -> Iterator[None]:
    """Point worker processes at this run's Prefect API: without a PREFECT_API_URL each would start
    a temporary server of its own."""
    context = FlowRunContext.get()
    assert context is not None and context.client is not None
    with temporary_settings({PREFECT_API_URL: str(context.client.api_url)}):
        yield


def _worker_threads() -> int:
    """Threads of the cluster's workers, connecting to it (or starting it) on the way."""
    context = FlowRunContext.get()
    assert context is not None and isinstance(context.task_runner, DaskTaskRunner)
    runner = context.task_runner
    try:
        client = runner.client
    except OSError as e:
        raise SchedulerUnreachableError(
            f"cluster.address {runner.address}: no Dask scheduler answered ({e}); start one with "
            "`dask scheduler` and workers with `dask worker`, or fix [cluster] address") from e
    return max(1, sum(client.nthreads().values()))


@flow(name="analyze-cluster", flow_run_name="analyze on a Dask cluster")
def analyze_on_cluster(config: str | None = None, progress: Progress | None = None, since: datetime | None = None,
                       superseded: bool = False) -> int:
    """`since` and `superseded` select the articles as `reanalyze` does (see `pending_articles`)."""
    settings = load_settings(config)
    db, batch_size, lock_wait = settings.storage.db, settings.nlp.batch_size, settings.storage.lock_wait
    analysed = done = 0
    version = pipeline_version()  # read here, so every worker starts loading its pipeline at once
    selection = {"pipeline_version": version, "since": since, "superseded": superseded, "lock_wait": lock_wait}
    total = pending_total(db, **selection)
    if not total:
        return 0  # nothing pending (a warm cluster starts before ingest, whatever it brings)
    threads = _worker_threads()
    chunks = read_chunks(db, sizes=chunk_sizes(settings.nlp.chunk, pending=total, workers=threads), **selection)
    with _api_for_workers():
        for finished in bounded_as_completed(
                lambda pending: analyze_chunk_task.submit(pending, batch_size, len(pending)), chunks,
                window=CHUNKS_PER_WORKER * threads):
            chunk = finished.result()
            # quote(): else Prefect walks every record of the chunk looking for futures, twice (tenths of a
            # second per chunk). Not on the submit: Dask rebuilds the wrapper as a plain tuple on the way.
            analysed += write_chunk(db, quote(chunk), version, lock_wait)
            done += len(chunk.content_hashes)  # analysed or failed, as the in-process loop counts
            if progress:
                progress(min(done, total), total)
    return analysed


@contextmanager
def _scheduler(settings: Settings, warm: WarmCluster | None, *, since: datetime | None = None,
               superseded: bool = False) -> Iterator[str | None]:
    """The scheduler to use: `[cluster] address`, the `warm` cluster, or a local cluster started now
    and closed after the block; None (no cluster started) when nothing is pending."""
    cluster, db = settings.cluster, settings.storage.db
    if cluster.address or warm is not None:
        yield cluster.address or warm.address()
        return
    if not pending_total(db, pipeline_version=pipeline_version(), since=since, superseded=superseded,
                         lock_wait=settings.storage.lock_wait):
        yield None
        return
    with warm_cluster(db, cluster.local_workers(), lock_wait=settings.storage.lock_wait) as started:
        yield started.address() if started else None


@flow(name="analyze", flow_run_name="analyze")
def analyze(config: str | None = None, progress: Progress | None = None, warm: WarmCluster | None = None) -> int:
    """`warm`: a cluster `newsmon run` started during ingest, used instead of starting one."""
    settings = load_settings(config)
    if not settings.cluster.enabled():
        return analyze_all(config, progress)
    with _scheduler(settings, warm) as address:
        if address is None:
            return 0
        return analyze_on_cluster.with_options(task_runner=DaskTaskRunner(address=address))(config, progress)


@flow(name="reanalyze", flow_run_name="reanalyze")
def reanalyze(config: str | None = None, since: datetime | None = None, prune: bool = False,
              progress: Progress | None = None) -> Reanalysis:
    """`newsmon reanalyze` on the `[cluster]`: the current version becomes every article's newest analysis."""
    settings = load_settings(config)

    def on_workers() -> int:
        with _scheduler(settings, None, since=since, superseded=True) as address:
            return analyze_on_cluster.with_options(task_runner=DaskTaskRunner(address=address))(
                config, progress, since=since, superseded=True) if address else 0

    return reanalysis(settings.storage.db, pipeline_version(), since=since, prune=prune,
                      lock_wait=settings.storage.lock_wait, analyse=on_workers)
