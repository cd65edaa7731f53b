"""The Dask side of analysis: how a local cluster starts, and the analyzer each worker process keeps.

Plain Python (no Prefect): flows/analyze.py submits `analyze_on_worker` through prefect-dask."""

from __future__ import annotations

from functools import cache
from typing import Any

from newsmon.analysis import AnalysedChunk, analyze_chunk
from nlp.analyzer import Analyzer
from storage.analyses import PendingArticle


def local_cluster_options(workers: int) -> dict[str, Any]:
    """`workers` single-threaded processes on the loopback, without a dashboard.

    One thread each because spaCy's parse holds the GIL; 127.0.0.1 keeps a laptop's cluster off the
    network; the dashboard would need bokeh and a port nobody reads during a run."""
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
            "dashboard_address": None}


@cache
def worker_analyzer() -> Analyzer:
    """This process's analyzer, loaded by its first chunk and kept for every later one (2-4 s each)."""
    return Analyzer()


def analyze_on_worker(pending: list[PendingArticle], *, batch_size: int) -> AnalysedChunk:
    """One chunk in a worker process: one spaCy process (a Dask worker cannot fork), no database."""
    return analyze_chunk(worker_analyzer(), pending, batch_size=batch_size, n_process=1)
