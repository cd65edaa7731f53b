"""Flow: one monitoring cycle, ingest → analyze → alerts → digest, as subflows.

The digest is rendered every cycle but sent only by the daily `digest` deployment."""

from __future__ import annotations

from datetime import date

from prefect import flow

from flows.alerts import alerts
from flows.analyze import analyze
from flows.digest import digest
from flows.ingest import ingest
from newsmon.cluster import WarmCluster
from newsmon.settings import require_config
from nlp.records import Progress


@flow(name="monitor", flow_run_name="monitor")
def monitor(config: str | None = None, day: date | None = None, feed_progress: Progress | None = None,
            article_progress: Progress | None = None, warm: WarmCluster | None = None) -> dict[str, object]:
    """The `*_progress` callbacks are for `newsmon run`'s progress bars, `warm` its cluster started
    before ingest; a deployment leaves them None."""
    config = require_config(config)
    report = ingest(config, feed_progress)
    analysed = analyze(config, article_progress, warm)
    sent = alerts(config)
    paths = digest(config, day)
    return {"new": report.new, "updated": report.updated, "failed": {f.url: f.error for f in report.failed},
            "analysed": analysed, "alerts_sent": sent.sent, "alerts_held": sent.held, "alerts_failed": sent.failed,
            "digest": paths["markdown"], "digest_html": paths["html"]}
