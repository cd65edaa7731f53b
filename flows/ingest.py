"""Flow: fetch every due feed and store new and changed articles."""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows._retry import transient
from newsmon.ingest.run import IngestReport, ingest_feeds
from newsmon.settings import config_slug, load_settings
from nlp.records import Progress


# NO_CACHE: `progress` (a callback from the CLI) cannot be hashed, and re-runs are safe by the DuckDB keys
@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient, cache_policy=NO_CACHE)
def fetch_and_store(config: str | None, progress: Progress | None = None) -> IngestReport:
    settings = load_settings(config)
    return ingest_feeds(settings.storage.db, settings.feeds, settings.fetch, lock_wait=settings.storage.lock_wait,
                        progress=progress)


@flow(name="ingest", flow_run_name="ingest")
def ingest(config: str | None = None, progress: Progress | None = None) -> IngestReport:
    report = fetch_and_store(config, progress)
    create_table_artifact(
        key=f"ingest-feeds-{config_slug(config)}",
        table=[{"feed": f.url, "status": f.status, "seen": f.seen, "new": f.new, "updated": f.updated,
                "error": f.error or "", "bozo": f.bozo_reason or ""} for f in report.feeds],
        description=f"{report.new} new, {report.updated} updated, {len(report.failed)} feeds failing",
    )
    return report
