"""Flow: the digest of one day, saved as Markdown and HTML and shown as a Prefect markdown artifact."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from flows._retry import transient
from newsmon.digest import DigestFiles, write_digest
from newsmon.settings import load_settings
from storage import connect


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def render(config: str | None, day: date | None) -> DigestFiles:
    settings = load_settings(config)
    day = day or datetime.now(ZoneInfo(settings.digest.timezone)).date()
    with connect(settings.storage.db) as con:
        return write_digest(con, day=day, tz=settings.digest.timezone, out_dir=settings.digest.out_dir)


@flow(name="digest", flow_run_name="digest")
def digest(config: str | None = None, day: date | None = None) -> dict[str, str]:
    """Paths of the written files: {"markdown": ..., "html": ...}."""
    files = render(config, day)
    create_markdown_artifact(key="daily-digest", markdown=files.markdown,
                             description=f"{files.markdown_path} · {files.html_path}")
    return {"markdown": str(files.markdown_path), "html": str(files.html_path)}
