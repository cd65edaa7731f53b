"""Flow: the digest of one day, saved as Markdown and HTML and shown as a Prefect markdown artifact."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from flows._retry import transient
from newsmon.alerts import send_digest
from newsmon.digest import DigestFiles, write_digest
from newsmon.settings import config_slug, load_settings, require_config
from storage import WriteTurns, connect


# Retrying is safe: rewriting the files is harmless and a URL that received the day's digest is never
# sent it again. One task, so the day is resolved once: a run across midnight sends what it rendered.
@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def render(config: str | None, day: date | None, send: bool) -> DigestFiles:
    settings = load_settings(config)
    day = day or datetime.now(ZoneInfo(settings.digest.timezone)).date()
    # rendering only reads: analysts' read-only connections stay welcome meanwhile
    with connect(settings.storage.db, read_only=True, lock_wait=settings.storage.lock_wait) as con:
        files = write_digest(con, day=day, tz=settings.digest.timezone, out_dir=settings.digest.out_dir)
    if send:
        with WriteTurns(settings.storage.db, lock_wait=settings.storage.lock_wait) as db:
            send_digest(db, settings, day=day, markdown=files.markdown)
    return files


@flow(name="digest", flow_run_name="digest")
def digest(config: str | None = None, day: date | None = None, send: bool = False) -> dict[str, str]:
    """Paths of the written files: {"markdown": ..., "html": ...}. With `send` (the daily deployment;
    never the 30-minute monitor) and `[digest] send = true`, the Markdown goes to the alert URLs once."""
    config = require_config(config)
    files = render(config, day, send)
    create_markdown_artifact(key=f"daily-digest-{config_slug(config)}", markdown=files.markdown,
                             description=f"{files.markdown_path} · {files.html_path}")
    return {"markdown": str(files.markdown_path), "html": str(files.html_path)}
