"""Fixtures for the ingest tests: a local HTTP server on 127.0.0.1 and a fresh DuckDB file."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

import storage


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """For the plugin's own fixtures, should a test here use them: 127.0.0.1, any free port."""
    return ("127.0.0.1", 0)


@pytest.fixture(scope="session")
def _ingest_httpserver():
    """Our own server rather than the plugin's session one, so that it is certainly on 127.0.0.1
    and threaded: a deliberately slow handler must not hold up the next test's requests."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def httpserver(_ingest_httpserver):
    _ingest_httpserver.clear()
    yield _ingest_httpserver
    _ingest_httpserver.check_handler_errors()


@pytest.fixture
def db_path(tmp_path):
    """The database file ingest writes (it opens it only to write); `db` reads the same file."""
    return tmp_path / "t.duckdb"


@pytest.fixture
def db(db_path):
    con = storage.connect(db_path)
    yield con
    con.close()
