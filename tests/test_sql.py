"""`newsmon sql`: read-only in every sense (each refusal one line), every statement's result shown,
and exports that newsmon writes itself."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from nlp.records import Article
from storage import connect
from storage.articles import store_articles
from tests.conftest import ROOT

runner = CliRunner()
TRICKY = "Tariffs | [click](javascript:alert(8)) *now*\nsecond line"


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "newsmon.toml"
    path.write_text('[storage]\ndb = "n.duckdb"\nlock_wait = 0\n')
    when = datetime(2026, 11, 24, 12, tzinfo=UTC)
    articles = [Article(article_id=f"a{i}", feed_url="f", url=f"https://example.com/{i}", guid=None, title=title,
                        summary="", text="", published_at=when, fetched_at=when, content_hash=f"h{i}")
                for i, title in enumerate(["Plain title", TRICKY])]
    with connect(tmp_path / "n.duckdb") as con:
        store_articles(con, articles, feed_url="f")
    return path


def sql(config, *args: str):
    return runner.invoke(app, ["sql", *args, "--config", str(config)], env={"COLUMNS": "200"})


@pytest.mark.parametrize("query", [
    "COPY articles TO '/tmp/newsmon-test-x.csv'",
    "EXPORT DATABASE '/tmp/newsmon-test-export'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "ATTACH '/tmp/newsmon-test-other.duckdb' AS other",
    "SELECT * FROM read_csv('/etc/passwd')",
    "CREATE TABLE t (x INTEGER)",
    "DELETE FROM articles",
    "SELECT 1; COPY articles TO '/tmp/newsmon-test-y.csv'",
], ids=["copy", "export", "install", "load", "set-access", "unlock", "attach", "read-file", "create", "delete",
        "copy-second"])
def test_what_could_write_files_load_code_or_change_settings_fails_in_one_line(config, tmp_path, query):
    result = sql(config, query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and "refused" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not list(tmp_path.parent.glob("newsmon-test-*")) and not list(tmp_path.glob("*.csv"))


def test_refusals_point_at_the_export_options(config):
    assert "--format csv|json|markdown|parquet --output FILE" in sql(config, "COPY articles TO 'x.csv'").stderr


def test_each_statement_shows_its_result(config):
    result = sql(config, "SELECT count(*) AS n FROM articles; SELECT 'second' AS label; "
                         "CREATE TEMP TABLE t AS SELECT 42 AS answer; SELECT answer FROM t")
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = [line.strip() for line in out.splitlines()]
    assert lines == ["SELECT count(*) AS n FROM articles;", "n", "─", "2",
                     "SELECT 'second' AS label;", "label", "──────", "second",
                     "CREATE TEMP TABLE t AS SELECT 42 AS answer;", "Count", "─────", "1",
                     "SELECT answer FROM t", "answer", "──────", "42"]
    assert result.stderr.strip() == "1 row, 1 row, 1 row, 1 row; times in UTC"


def test_a_failing_statement_names_its_place(config):
    result = sql(config, "SELECT 1; SELECT nope FROM articles")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: statement 2 of 2 (SELECT nope FROM articles) failed: Binder Error")
    assert len(result.stderr.strip().splitlines()) == 1


def test_table_cells_are_not_rich_markup(config):
    result = sql(config, "SELECT '[bold red]x[/]' AS t")
    assert "[bold red]x[/]" in result.stdout


def test_csv_to_stdout_and_to_a_file(config, tmp_path):
    query = "SELECT article_id, title, published_at FROM articles ORDER BY article_id"
    shown = sql(config, query, "--format", "csv")
    assert shown.exit_code == 0, shown.output
    rows = list(csv.reader(io.StringIO(shown.stdout)))
    assert rows[0] == ["article_id", "title", "published_at"]
    assert rows[2][1] == TRICKY and rows[1][2] == "2026-11-24T12:00:00+00:00"
    out = tmp_path / "out.csv"
    written = sql(config, query, "--format", "csv", "--output", str(out))
    assert written.exit_code == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == shown.stdout
    assert f"2 rows written to {out}" in written.stderr


def test_json_is_an_array_of_objects(config, tmp_path):
    out = tmp_path / "out.json"
    result = sql(config, "SELECT article_id, published_at, [1, 2] AS l, 1.50::DECIMAL(5, 2) AS d FROM articles "
                         "ORDER BY 1", "--format", "json", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == [
        {"article_id": "a0", "published_at": "2026-11-24T12:00:00+00:00", "l": [1, 2], "d": 1.5},
        {"article_id": "a1", "published_at": "2026-11-24T12:00:00+00:00", "l": [1, 2], "d": 1.5}]


def test_sums_of_integers_export_as_integers(config):
    query = "SELECT sum(length(article_id)) AS n, 1.50::DECIMAL(5, 2) AS d FROM articles"
    assert json.loads(sql(config, query, "--format", "json").stdout) == [{"n": 4, "d": 1.5}]
    assert sql(config, query, "--format", "csv").stdout.splitlines()[1] == "4,1.5"
    assert sql(config, query, "--format", "markdown").stdout.splitlines()[2] == "| 4 | 1.5 |"


def test_markdown_escapes_cell_text(config):
    result = sql(config, "SELECT title FROM articles WHERE article_id = 'a1'", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["| title |", "|---|"]
    assert lines[2] == (r"| Tariffs \| \[click\]\(javascript:alert\(8\)\) \*now\* second line |")
    assert len(lines) == 3


def test_parquet_needs_an_output_file_and_keeps_types(config, tmp_path):
    refused = sql(config, "SELECT 1", "--format", "parquet")
    assert refused.exit_code == 1 and "--output" in refused.stderr
    out = tmp_path / "out.parquet"
    result = sql(config, "SELECT article_id, published_at FROM articles ORDER BY 1", "--format", "parquet",
                 "--output", str(out))
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column("article_id").to_pylist() == ["a0", "a1"]
    assert str(table.schema.field("published_at").type).startswith("timestamp")


def test_table_to_a_file(config, tmp_path):
    out = tmp_path / "out.txt"
    result = sql(config, "SELECT count(*) AS n FROM articles", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert [line.strip() for line in out.read_text(encoding="utf-8").splitlines()] == ["n", "─", "2"]


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "csv"], "--format csv writes one result, and the query has 2 statements"),
])
def test_export_options_that_cannot_work_are_refused(config, args, message):
    result = sql(config, "SELECT 1; SELECT 2", *args)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_empty_query_is_refused(config):
    result = sql(config, "  -- nothing\n")
    assert result.exit_code == 1 and "no SQL statement given" in result.stderr


def _hold(path, seconds: float):
    """Another process holding `path` read-write for `seconds`; returns once it holds the lock."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\n"
                             "print('ready', flush=True)\ntime.sleep(float(sys.argv[2]))\n",
                             str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_query_during_a_write_waits_for_the_lock_saying_so(config, tmp_path):
    """A real process, so stderr is what a terminal shows."""
    import subprocess
    import sys

    config.write_text(config.read_text().replace("lock_wait = 0", "lock_wait = 20"))
    proc = _hold(tmp_path / "n.duckdb", 2.0)
    try:
        result = subprocess.run([sys.executable, "-m", "newsmon.cli", "sql", "SELECT count(*) AS n FROM articles",
                                 "--config", str(config)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    finally:
        proc.wait(timeout=20)
        proc.stdout.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "2"
    assert result.stderr.count("waiting for the database lock held by process") == 1


def test_a_query_that_cannot_get_the_lock_fails_in_one_line(config, tmp_path):
    proc = _hold(tmp_path / "n.duckdb", 30)
    try:
        result = sql(config, "SELECT 1")
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert result.exit_code == 1
    assert f"is locked by process {proc.pid}" in result.stderr and "[storage] lock_wait" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
