"""Analysis on a Dask cluster of 2 worker processes on 127.0.0.1: the same records as in-process,
and a worker killed mid-chunk loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from itertools import accumulate
from pathlib import Path

import pytest

from newsmon.cluster import chunk_sizes
from tests.conftest import ROOT

FEEDS = sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))
TABLES = ("analyses", "actors", "sectors", "figures", "tariff_claims", "topics")
CHUNK = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The demo feeds' articles, stored and not yet analysed."""
    from newsmon.ingest.run import ingest_feeds
    from newsmon.settings import FeedSettings, FetchSettings

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    ingest_feeds(path, [FeedSettings(url=str(p)) for p in FEEDS], FetchSettings())
    return path


def _config(folder: Path, corpus: Path, cluster: str) -> str:
    """A copy of the corpus and a config analysing it in chunks of CHUNK, so 2 workers share the work."""
    folder.mkdir()
    shutil.copy(corpus, folder / "newsmon.duckdb")
    config = folder / "newsmon.toml"
    config.write_text(f'[storage]\ndb = "newsmon.duckdb"\n\n[nlp]\nchunk = {CHUNK}\n\n[cluster]\n{cluster}\n')
    return str(config)


def _records(config: str) -> dict[str, list[tuple]]:
    """Every stored analysis row but its time, in a fixed order."""
    from storage import connect

    with connect(Path(config).parent / "newsmon.duckdb", read_only=True) as con:
        return {t: con.execute(f"SELECT * EXCLUDE (analysed_at) FROM {t} ORDER BY ALL" if t == "analyses"
                               else f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def in_process(prefect_harness, corpus, tmp_path_factory) -> tuple[int, dict[str, list[tuple]]]:
    from flows.analyze import analyze

    config = _config(tmp_path_factory.mktemp("zero") / "run", corpus, "workers = 0")

    def no_model_here(*args, **kwargs):
        raise AssertionError("workers = 0 loaded spaCy in the flow's process, not in its child")

    with pytest.MonkeyPatch.context() as patch:  # the spawned child imports nlp.analyzer afresh, unpatched
        patch.setattr("nlp.analyzer.build_nlp", no_model_here)
        return analyze(config), _records(config)


def test_two_local_workers_store_the_same_records_as_one_process(in_process, corpus, tmp_path):
    from flows.analyze import analyze

    config = _config(tmp_path / "two", corpus, "workers = 2")
    analysed, records = in_process
    assert analysed >= 40 and analysed > 2 * 2 * CHUNK  # more chunks than the window holds
    reported: list[tuple[int, int]] = []
    assert analyze(config, lambda done, total: reported.append((done, total))) == analysed
    assert _records(config) == records
    read = accumulate(chunk_sizes(CHUNK, pending=analysed, workers=2))  # articles read after each chunk
    chunks = next(n for n, total in enumerate(read, 1) if total >= analysed)
    assert reported[-1] == (analysed, analysed) and len(reported) == chunks > -(-analysed // CHUNK)  # one a chunk
    assert len(records["analyses"]) == analysed and records["actors"] and records["tariff_claims"]


def test_a_worker_killed_mid_chunk_loses_nothing(in_process, corpus, tmp_path):
    from distributed import Client, LocalCluster

    from flows.analyze import analyze
    from newsmon.cluster import local_cluster_options

    analysed, records = in_process
    killed: list[tuple[int, list[str]]] = []
    with LocalCluster(**local_cluster_options(2)) as cluster, Client(cluster) as client:
        config = _config(tmp_path / "kill", corpus, f'address = "{cluster.scheduler_address}"')

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = {w: [str(k) for k in keys] for w, keys in client.processing().items()
                        if any("analyze_chunk" in str(k) for k in keys)}
                if busy:
                    time.sleep(1)  # into the chunk: the worker is loading its pipeline or parsing
                    worker = next(iter(busy))
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    killed.append((pid, busy[worker]))
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
        killer.start()
        result = analyze(config)
        killer.join()
        loads = client.run(lambda: __import__("newsmon.cluster").cluster.worker_analyzer.cache_info().misses)
        pids = client.run(os.getpid)

    assert killed, "no worker was busy with a chunk"
    assert killed[0][0] not in pids.values()
    assert result == analysed  # every article written once: a re-run chunk is not counted twice
    assert _records(config) == records
    assert all(n <= 1 for n in loads.values())  # the pipeline is loaded once per process, not per chunk


def test_an_unreachable_scheduler_is_one_line_naming_the_setting(prefect_harness, corpus, tmp_path):
    import socket

    import dask

    from flows.analyze import analyze
    from newsmon.cluster import SchedulerUnreachableError

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    config = _config(tmp_path / "nowhere", corpus, f'address = "tcp://127.0.0.1:{port}"')
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), \
            pytest.raises(SchedulerUnreachableError, match=r"cluster.address tcp://127.0.0.1:\d+: .*`dask scheduler`"):
        analyze(config)


def test_a_cluster_warmed_before_the_run_stores_the_same_records_and_loads_once(in_process, corpus, tmp_path):
    """`newsmon run`'s cluster, started (pipelines loaded) while ingest runs: the flow uses it as it is."""
    from distributed import Client

    from flows.analyze import analyze
    from newsmon.cluster import WarmCluster

    config = _config(tmp_path / "warm", corpus, "workers = 2")
    analysed, records = in_process
    with WarmCluster(2) as warm:
        address = warm.address()  # returns once every worker has loaded its pipelines
        with Client(address) as client:
            loaded = client.run(lambda: __import__("newsmon.cluster").cluster.worker_analyzer.cache_info().currsize)
            assert len(loaded) == 2 and set(loaded.values()) == {1}
            assert analyze(config, warm=warm) == analysed
            loads = client.run(lambda: __import__("newsmon.cluster").cluster.worker_analyzer.cache_info().misses)
            pids = client.run(os.getpid)
    assert _records(config) == records
    assert set(loads.values()) == {1}  # the preload's: no chunk loaded a pipeline again
    time.sleep(0.5)
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids.values())  # closed, workers gone


def test_reanalyze_on_two_local_workers_makes_the_current_version_newest(in_process, corpus, tmp_path):
    from flows.analyze import reanalyze
    from storage import connect

    analysed, records = in_process
    config = _config(tmp_path / "re", corpus, "workers = 2")
    with connect(Path(config).parent / "newsmon.duckdb") as con:  # every article analysed by an older version
        old = con.execute("INSERT INTO analyses BY NAME SELECT article_id, 'old' AS pipeline_version, content_hash, "
                          "now() AS analysed_at FROM articles").fetchall()[0][0]
    result = reanalyze(config, prune=True)
    assert (result.articles, result.already_current, result.analysed) == (old, 0, analysed)
    assert result.pruned["analyses"] == old
    assert _records(config) == records
