"""Fixtures for the ingest tests: a local HTTP server on 127.0.0.1 and a fresh DuckDB file."""

from __future__ import annotations

import pytest

import storage


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """pytest-httpserver binds here; port 0 lets the OS pick a free port."""
    return ("127.0.0.1", 0)


@pytest.fixture
def db(tmp_path):
    con = storage.connect(tmp_path / "t.duckdb")
    yield con
    con.close()
