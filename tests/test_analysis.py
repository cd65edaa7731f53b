"""The analysis loop: each article tried once per run, failures recorded, the chunk's others written,
and the database closed while the texts are analysed."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

import newsmon.analysis as loop
from newsmon.analysis import analyze_pending
from nlp.records import Analysis, AnalysisError, ChunkResult
from storage import connect
from storage.analyses import MAX_ATTEMPTS
from storage.articles import store_articles
from tests.storage.conftest import make_article  # noqa: F401  (the fixture)

OPEN_ELSEWHERE = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"


@pytest.fixture
def db_path(tmp_path, make_article):  # noqa: F811  (the imported fixture)
    from datetime import UTC, datetime, timedelta

    path = tmp_path / "n.duckdb"
    with connect(path) as con:
        store_articles(con, [make_article(f"https://n.example/{i}", title=f"t{i}",
                                          fetched_at=datetime(2026, 3, 2, tzinfo=UTC) + timedelta(minutes=i))
                             for i in range(5)], feed_url="https://feed.example/rss")
    return path


def _fake_chunks(monkeypatch, path, *, failing: set[str], check_closed: bool = False):
    """analyze_chunk that fails titles in `failing` and, if asked, checks that another process can
    open the database file meanwhile (DuckDB locks it against other processes while it is open)."""
    chunks = []

    def analyze_chunk(analyzer, texts, **_):
        if check_closed:
            subprocess.run([sys.executable, "-c", OPEN_ELSEWHERE, str(path)], check=True, capture_output=True)
        chunks.append([t.title for t in texts])
        return ChunkResult(analyses=[Analysis(id=t.id) for t in texts if t.title not in failing],
                           errors=[AnalysisError(id=t.id, stage="parse", message="ValueError: no")
                                   for t in texts if t.title in failing])

    monkeypatch.setattr(loop, "analyze_chunk", analyze_chunk)
    return chunks


def _rows(path, sql):
    with connect(path, read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_failing_article_never_holds_back_its_chunk(db_path, monkeypatch):
    chunks = _fake_chunks(monkeypatch, db_path, failing={"t0"}, check_closed=True)
    analyzer = SimpleNamespace(version="v1")
    assert analyze_pending(db_path, analyzer, chunk=2) == 4
    assert chunks == [["t0", "t1"], ["t2", "t3"], ["t4"]]  # t0 is not tried again within the run
    assert _rows(db_path, "SELECT count(*) FROM analyses") == [(4,)]
    assert _rows(db_path, "SELECT stage, attempts FROM analysis_errors") == [("parse", 1)]


def test_a_failing_article_is_retried_on_later_runs_up_to_the_limit(db_path, monkeypatch):
    chunks = _fake_chunks(monkeypatch, db_path, failing={"t0"})
    analyzer = SimpleNamespace(version="v1")
    analyze_pending(db_path, analyzer, chunk=10)
    for _ in range(MAX_ATTEMPTS):
        analyze_pending(db_path, analyzer, chunk=10)
    assert chunks == [["t0", "t1", "t2", "t3", "t4"], *[["t0"]] * (MAX_ATTEMPTS - 1)]
    assert _rows(db_path, "SELECT attempts FROM analysis_errors") == [(MAX_ATTEMPTS,)]


def test_the_loop_waits_for_another_process_only_as_long_as_lock_wait(db_path, monkeypatch):
    import time

    from storage import DatabaseLockedError

    _fake_chunks(monkeypatch, db_path, failing=set())
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.readline()", str(db_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError, match="lock_wait"):
            analyze_pending(db_path, SimpleNamespace(version="v1"), chunk=2, lock_wait=0.3)
        assert time.monotonic() - started < 10  # the configured wait, not the 30 s default
    finally:
        holder.kill()
        holder.wait(timeout=10)
        holder.stdout.close()
        holder.stdin.close()
