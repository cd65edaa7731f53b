"""Flow: record every tariff claim not seen before, then send each alert once through apprise."""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from flows._retry import transient
from newsmon.alerts import AlertReport, alert_timezone, run_alerts
from newsmon.settings import load_settings
from storage import WriteTurns

# Retrying is safe: an alert sent before a failure is `delivered` or `sending` afterwards, never due
# again (a lock that outlasts lock_wait between a send and its record leaves `sending`: unknown, not resent).


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def collect_and_deliver(config: str | None) -> AlertReport:
    settings = load_settings(config)
    with WriteTurns(settings.storage.db, lock_wait=settings.storage.lock_wait) as db:
        return run_alerts(db, settings.alerts, tz=alert_timezone(settings))


@flow(name="alerts", flow_run_name="alerts")
def alerts(config: str | None = None) -> AlertReport:
    report = collect_and_deliver(config)
    if report.messages or report.held or report.interrupted:
        create_table_artifact(
            key="alerts",
            table=report.messages or [{"channel": "", "title": "(nothing sent)", "outcome": ""}],
            description=(f"{report.sent} delivered, {report.failed} failed, {report.held} held for quiet hours, "
                         f"{len(report.interrupted)} interrupted (status unknown, not re-sent); "
                         f"recorded: {report.recorded}"),
        )
    return report
