"""Retry only what is transient: a locked database. Parse errors and 404s are recorded, not retried."""

from __future__ import annotations

from typing import Any

from storage.errors import DatabaseLockedError


def transient(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except DatabaseLockedError:
        return True
    except Exception:
        return False
    return False
