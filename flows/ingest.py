"""Flow: fetch every due feed and store new and changed articles."""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from flows._retry import transient
from newsmon.ingest.run import IngestReport, ingest_feeds
from newsmon.settings import load_settings


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def fetch_and_store(config: str | None) -> IngestReport:
    settings = load_settings(config)
    return ingest_feeds(settings.storage.db, settings.feeds, settings.fetch, lock_wait=settings.storage.lock_wait)


@flow(name="ingest", flow_run_name="ingest")
def ingest(config: str | None = None) -> IngestReport:
    report = fetch_and_store(config)
    create_table_artifact(
        key="ingest-feeds",
        table=[{"feed": f.url, "status": f.status, "seen": f.seen, "new": f.new, "updated": f.updated,
                "error": f.error or "", "bozo": f.bozo_reason or ""} for f in report.feeds],
        description=f"{report.new} new, {report.updated} updated, {len(report.failed)} feeds failing",
    )
    return report
