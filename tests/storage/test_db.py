"""Opening the database: another process's lock is waited for (saying so once), then one clear error;
the analysts' connection can neither touch files nor loosen its own settings."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

import duckdb
import pytest

import storage
from storage import DatabaseLockedError, StorageError
from storage.migrate import MIGRATIONS

SHIPPED = sorted(MIGRATIONS.glob("*.sql"))


@pytest.fixture
def holder(tmp_path):
    """Another process holding the file read-write until its stdin closes or a line arrives: (path, process)."""
    path = tmp_path / "locked.duckdb"
    storage.connect(path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, duckdb\n"
         "con = duckdb.connect(sys.argv[1])\n"
         "print('ready', flush=True)\n"
         "sys.stdin.readline()\n"
         "con.close()\n"
         "print('released', flush=True)\n"
         "sys.stdin.readline()\n",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield path, proc
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stdin.close()


def _release_after(proc: subprocess.Popen, seconds: float) -> None:
    import threading

    def release() -> None:
        time.sleep(seconds)
        proc.stdin.write("go\n")
        proc.stdin.flush()

    threading.Thread(target=release, daemon=True).start()


def test_second_writer_gets_one_line_lock_error_naming_the_fix(holder):
    path, proc = holder
    with pytest.raises(DatabaseLockedError, match="locked by process") as info:
        storage.connect(path, lock_wait=0)
    message = str(info.value)
    assert str(path) in message and str(proc.pid) in message and "lock_wait" in message
    assert "\n" not in message
    assert isinstance(info.value, StorageError)
    assert isinstance(info.value.__cause__, duckdb.IOException)


def test_read_only_connection_is_locked_out_too(holder):
    """DuckDB lets no other process open the file, not even read-only, while one holds it read-write."""
    path, _ = holder
    with pytest.raises(DatabaseLockedError):
        storage.connect(path, read_only=True, lock_wait=0)


@pytest.mark.parametrize("opener", [storage.connect, storage.connect_sealed], ids=["writer", "analyst"])
def test_waits_for_the_lock_and_says_so_once(holder, caplog, opener):
    path, proc = holder
    _release_after(proc, 1.0)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="storage"):
        con = opener(path, lock_wait=20)
    waited = time.monotonic() - started
    try:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(SHIPPED)
    finally:
        con.close()
    assert 0.9 < waited < 10
    notes = [r.getMessage() for r in caplog.records if r.name == "storage.db"]
    assert len(notes) == 1 and "waiting for the database lock held by process" in notes[0]


def test_gives_up_after_lock_wait(holder):
    path, _ = holder
    started = time.monotonic()
    with pytest.raises(DatabaseLockedError, match=r"stayed locked for 0\.6 s"):
        storage.connect(path, lock_wait=0.6)
    assert 0.5 < time.monotonic() - started < 5


def test_write_turns_let_another_process_read_in_between(tmp_path):
    """A writer busy for 3 s in turns of 0.2 s: a reader in another process allowed to wait 1.5 s gets in."""
    path = tmp_path / "turns.duckdb"
    storage.connect(path).close()
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nimport storage\ntime.sleep(0.5)\n"
         "con = storage.connect_sealed(sys.argv[1], lock_wait=1.5)\n"
         "print(con.execute('SELECT count(*) FROM schema_migrations').fetchall()[0][0], flush=True)\n",
         str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(MIGRATIONS.parent.parent),
    )
    opened = 0
    with storage.WriteTurns(path, lock_wait=5, hold=0.2) as turns:
        ends = time.monotonic() + 3
        last = None
        while time.monotonic() < ends:
            con = turns.connection()
            opened += con is not last
            last = con
            con.execute("CREATE TABLE IF NOT EXISTS busy (x INTEGER)")
            con.execute("INSERT INTO busy VALUES (1)")
    out, err = reader.communicate(timeout=20)
    assert reader.returncode == 0, err
    assert int(out) == len(SHIPPED)
    assert opened >= 5
