"""Shared fixtures: one spaCy pipeline per session, a fresh DuckDB file per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def nlp_sm():
    from nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def analyzer(nlp_sm):
    from nlp.analyzer import Analyzer

    return Analyzer(nlp=nlp_sm)


@pytest.fixture
def db(tmp_path):
    from storage import connect

    con = connect(tmp_path / "newsmon.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory, analyzer) -> Path:
    """A database of the bundled demo feeds, ingested and analysed as `make demo` does (built once)."""
    from newsmon.analysis import analyze_pending
    from newsmon.ingest.run import ingest_feeds
    from newsmon.settings import FeedSettings, FetchSettings

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    feeds = [FeedSettings(url=str(p)) for p in sorted((ROOT / "examples" / "feeds").glob("*.[xr]*"))]
    ingest_feeds(path, feeds, FetchSettings())
    analyze_pending(path, analyzer)
    return path


@pytest.fixture
def extraction_fails_on_boom(monkeypatch):
    """Records extraction raises IndexError("component bug") on any document containing BOOM."""
    import nlp.analyzer as analyzer_module

    real = analyzer_module.doc_to_analysis

    def chokes(doc, **kw):
        if "BOOM" in doc.text:
            raise IndexError("component bug")
        return real(doc, **kw)

    monkeypatch.setattr(analyzer_module, "doc_to_analysis", chokes)
