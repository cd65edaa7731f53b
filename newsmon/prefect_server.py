"""A temporary Prefect API server owned by this process: it cannot outlive `newsmon`, even after `kill -9`.

With no `PREFECT_API_URL`, Prefect 3 starts a temporary server by itself
(`prefect.server.api.server.SubprocessASGIServer`: uvicorn in a child process, stopped from an `atexit`
hook), so a `kill -9` of newsmon, which runs no `atexit` hook, leaves that server running for good.
`owned_server` starts the same server (uvicorn over Prefect's `create_app` factory, UI off, ephemeral
mode, as Prefect does) as a child the kernel sends SIGTERM when newsmon dies (Linux `PR_SET_PDEATHSIG`),
and points Prefect at it for the block. With `PREFECT_API_URL` set, or off Linux, Prefect goes its usual way.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from typing import IO

import httpx

PR_SET_PDEATHSIG = 1
# Prefect's own default (20 s) is too short on a busy two-core machine: the first drill timed out.
MIN_STARTUP_SECONDS = 120


@contextmanager
def owned_server() -> Iterator[str | None]:
    """Run the block against a temporary server that dies with this process; yields its API URL (None
    when Prefect already has an API URL, or off Linux, where Prefect starts its own server)."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    if settings.api.url or not sys.platform.startswith("linux"):
        yield None
        return
    timeout = max(MIN_STARTUP_SECONDS, settings.server.ephemeral.startup_timeout_seconds)
    # its output goes to a file, not a pipe: nobody reads while it runs, so it must never block on one
    with tempfile.TemporaryFile() as log:
        process, url = _start(settings.to_environment_variables(exclude_unset=True), log=log, timeout=timeout)
        try:
            with temporary_settings({PREFECT_API_URL: url}):
                try:
                    yield url
                finally:
                    _send_pending_logs_and_events()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _send_pending_logs_and_events() -> None:
    """Prefect ships run logs and events from background workers; they must reach the server before it stops."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=10)


def _start(prefect_env: dict[str, str], *, log: IO[bytes], timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, **prefect_env, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
           "PREFECT__SERVER_FINAL": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "error", "--lifespan", "on"],
        env=env, preexec_fn=_dies_with(os.getpid()), stdout=subprocess.DEVNULL, stderr=log,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log.seek(0)
                error = (log.read().decode(errors="replace").strip().splitlines() or ["no output"])[-1]
                raise OSError(f"Prefect's temporary server exited with code {process.returncode} ({error}); "
                              "set PREFECT_API_URL to a running server (`prefect server start`)")
            try:
                if client.get(f"{url}/health").status_code == 200:
                    return process, url
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    process.kill()
    process.wait()
    raise TimeoutError(f"Prefect's temporary server did not answer within {timeout:.0f} s; set PREFECT_API_URL "
                       "to a running server (`prefect server start`) or raise "
                       "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS")


def _dies_with(parent: int) -> Callable[[], None]:
    """What the child runs between fork and exec: ask for SIGTERM when its parent dies, and exit if the
    parent died already (before the request could count)."""
    libc = ctypes.CDLL(None, use_errno=True)  # loaded here, in the parent: no dlopen after fork

    def request() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return request


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
