"""Flow: analyse every article the current pipeline version has not seen, in chunks."""

from __future__ import annotations

from prefect import flow, task

from flows._retry import transient
from newsmon.analysis import analyze_pending
from newsmon.settings import load_settings
from nlp.analyzer import Analyzer


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def analyze_all(config: str | None) -> int:
    settings = load_settings(config)
    analyzer = Analyzer()
    return analyze_pending(settings.storage.db, analyzer, chunk=settings.nlp.chunk,
                           batch_size=settings.nlp.batch_size, n_process=settings.nlp.n_process)


@flow(name="analyze", flow_run_name="analyze")
def analyze(config: str | None = None) -> int:
    return analyze_all(config)
