"""Flow: analyse every article the current pipeline version has not seen, in chunks."""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows._retry import transient
from newsmon.analysis import analyze_pending
from newsmon.settings import load_settings
from nlp.analyzer import Analyzer
from nlp.records import Progress


# NO_CACHE: `progress` (a callback from the CLI) cannot be hashed, and re-runs are safe by the DuckDB keys
@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient, cache_policy=NO_CACHE)
def analyze_all(config: str | None, progress: Progress | None = None) -> int:
    settings = load_settings(config)
    analyzer = Analyzer()
    return analyze_pending(settings.storage.db, analyzer, chunk=settings.nlp.chunk,
                           batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process, progress=progress)


@flow(name="analyze", flow_run_name="analyze")
def analyze(config: str | None = None, progress: Progress | None = None) -> int:
    return analyze_all(config, progress)
