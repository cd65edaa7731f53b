"""`newsmon run` as users start it, in a subprocess: Prefect's temporary server never outlives it (even
after `kill -9`), and a failure inside a flow is one line on stderr, with no Prefect traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

FEED = ROOT / "examples" / "feeds" / "agri_energy.rss"


def _in_session(sid: int) -> list[int]:
    """Live processes of session `sid` (every process `newsmon run` started, however deep)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _gone(sid: int, *, within: float) -> list[int]:
    deadline = time.monotonic() + within
    while (left := _in_session(sid)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def _run(config: Path, tmp_path: Path, **kwargs) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen([sys.executable, "-m", "newsmon.cli", "run", "--config", str(config)], cwd=ROOT,
                            env=env, start_new_session=True, text=True, **kwargs)


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the watchdog is Linux's")


def test_kill_9_of_newsmon_run_leaves_no_process_behind(tmp_path, httpserver):
    httpserver.expect_request("/feed.rss").respond_with_data(FEED.read_bytes(), content_type="application/rss+xml")
    config = tmp_path / "newsmon.toml"
    config.write_text(f'[storage]\ndb = "n.duckdb"\n[digest]\nout_dir = "d"\n'
                      f'[[feeds]]\nurl = "{httpserver.url_for("/feed.rss")}"\n')
    run = _run(config, tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not httpserver.log and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # the feed is fetched from inside the flow, so the server is up by then
    assert run.poll() is None and httpserver.log, "newsmon run ended or stalled before fetching its feed"
    assert len(_in_session(run.pid)) > 1  # newsmon and its Prefect server: what must not outlive it
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert _gone(run.pid, within=30) == []


def test_a_failing_run_prints_one_line_and_stops_its_server(tmp_path):
    (tmp_path / "db").mkdir()  # a directory where the database file should be: ingest's task fails
    config = tmp_path / "newsmon.toml"
    config.write_text(f'[storage]\ndb = "db"\n[digest]\nout_dir = "d"\n[[feeds]]\nurl = "{FEED}"\n')
    run = _run(config, tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = run.communicate(timeout=300)
    assert run.returncode == 1
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"error: cannot open database {tmp_path / 'db'}: ")
    assert "Traceback" not in stdout + stderr
    assert _gone(run.pid, within=15) == []
