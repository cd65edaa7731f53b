"""The cluster seam: chunks read with a cursor, analysed anywhere, stored only under the expected version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice, repeat

import pytest

from newsmon.cluster import AnalysedChunk, PipelineMismatchError, chunk_sizes, read_chunks, store_chunk
from nlp.records import Analysis

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _store(path, n: int) -> list[str]:
    from newsmon.ingest.identity import content_hash, url_article_id
    from nlp.records import Article
    from storage import connect
    from storage.articles import store_articles

    articles = [Article(article_id=url_article_id(f"https://n.example/{i}"), feed_url="https://f.example/rss",
                        url=f"https://n.example/{i}", guid=None, title=f"Story {i}", summary="", text="Body.",
                        published_at=T0, fetched_at=T0 + timedelta(minutes=i // 2),
                        content_hash=content_hash(f"Story {i}", "Body.")) for i in range(n)]
    with connect(path) as con:
        store_articles(con, articles, feed_url="https://f.example/rss")
    return [a.article_id for a in sorted(articles, key=lambda a: (a.fetched_at, a.article_id))]


def test_read_chunks_hands_out_each_pending_article_once_before_any_is_written(tmp_path):
    ids = _store(tmp_path / "n.duckdb", 7)
    chunks = list(read_chunks(tmp_path / "n.duckdb", pipeline_version="v1", sizes=repeat(3)))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert [p.article_id for c in chunks for p in c] == ids


def test_read_chunks_takes_each_chunk_at_the_size_it_is_given(tmp_path):
    ids = _store(tmp_path / "n.duckdb", 7)
    chunks = list(read_chunks(tmp_path / "n.duckdb", pipeline_version="v1", sizes=iter([4, 1, 5])))
    assert [len(c) for c in chunks] == [4, 1, 2]
    assert [p.article_id for c in chunks for p in c] == ids


def test_chunks_shrink_as_the_backlog_runs_out_so_no_worker_waits_on_a_full_last_one():
    sizes = list(islice(chunk_sizes(500, pending=3000, workers=2), 20))
    covering = next(n for n in range(1, 21) if sum(sizes[:n]) >= 3000)
    assert sizes[:3] == [500, 500, 500]  # a large backlog is read at the configured size
    assert sizes[:covering] == sorted(sizes[:covering], reverse=True)
    assert sizes[covering - 1] <= 100  # the last chunk of the backlog is a fraction of a full one
    assert sizes[covering:] == [50] * (20 - covering)  # late arrivals: the smallest size


def test_a_small_backlog_is_shared_between_the_workers_from_the_first_chunk():
    assert list(islice(chunk_sizes(500, pending=400, workers=2), 3)) == [100, 75, 57]


def test_a_chunk_analysed_by_another_pipeline_is_refused(tmp_path):
    from storage import connect

    ids = _store(tmp_path / "n.duckdb", 1)
    with connect(tmp_path / "n.duckdb") as con:
        hashes = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        chunk = AnalysedChunk(version="other+rules.x", analyses=[Analysis(id=ids[0])], errors=[],
                              content_hashes=hashes)
        with pytest.raises(PipelineMismatchError, match="install the same newsmon"):
            store_chunk(con, chunk, version="mine+rules.y")
        assert con.execute("SELECT count(*) FROM analyses").fetchall() == [(0,)]
        assert store_chunk(con, chunk, version="other+rules.x") == 1


def test_pipeline_version_is_known_without_loading_the_pipeline(analyzer):
    from nlp.analyzer import pipeline_version

    assert pipeline_version() == analyzer.version


def test_a_chunk_s_errors_are_recorded_with_its_records(tmp_path):
    from nlp.records import AnalysisError
    from storage import connect

    ids = _store(tmp_path / "n.duckdb", 2)
    with connect(tmp_path / "n.duckdb") as con:
        hashes = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        chunk = AnalysedChunk(version="v1", analyses=[Analysis(id=ids[0])], content_hashes=hashes,
                              errors=[AnalysisError(id=ids[1], stage="parse", message="ValueError: boom")])
        assert store_chunk(con, chunk, version="v1") == 1
        assert con.execute("SELECT article_id, stage, attempts FROM analysis_errors").fetchall() == [
            (ids[1], "parse", 1)]


@pytest.mark.parametrize(("cluster", "on_workers"), [("workers = 2", True), ('address = "tcp://127.0.0.1:8786"', True),
                                                      ("workers = 0", False)])
def test_cli_reanalyze_takes_the_cluster_path_when_cluster_is_set(tmp_path, monkeypatch, cluster, on_workers):
    from contextlib import nullcontext

    from typer.testing import CliRunner

    import flows.analyze
    import newsmon.analysis
    import newsmon.prefect_server
    from newsmon.analysis import Reanalysis
    from newsmon.cli import app

    called = []
    done = Reanalysis(version="v", articles=3, already_current=1, analysed=2, pruned={})
    monkeypatch.setattr(flows.analyze, "reanalyze", lambda *args: called.append(("cluster", args)) or done)
    monkeypatch.setattr(newsmon.analysis, "reanalyze", lambda *args, **kw: called.append(("here", args)) or done)
    monkeypatch.setattr(newsmon.prefect_server, "owned_server", nullcontext)
    monkeypatch.setattr("nlp.analyzer.Analyzer", lambda: None)
    config = tmp_path / "newsmon.toml"
    config.write_text(f'[storage]\ndb = "n.duckdb"\n\n[cluster]\n{cluster}\n')
    result = CliRunner().invoke(app, ["reanalyze", "--since", "2026-03-01", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert [kind for kind, _ in called] == ["cluster" if on_workers else "here"]
    assert "2 analysed now" in result.output
    if on_workers:
        assert called[0][1][1] == datetime(2026, 3, 1, tzinfo=UTC)  # since, as a UTC midnight
