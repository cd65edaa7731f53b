"""Errors on the command line: one line naming the problem (tracebacks only with --debug), usage
errors with exit code 2, and `extract` and `status` going on past bad articles."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "newsmon.toml"
    path.write_text('[storage]\ndb = "n.duckdb"\n')
    from storage import connect

    connect(tmp_path / "n.duckdb").close()
    return path


def test_extract_writes_every_good_line_and_reports_the_bad_ones(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    monkeypatch.setattr(nlp.analyzer, "MAX_CHARS", 3_000)  # the 5 MB text is cut, not parsed for minutes
    steel = "Canada imposed a 25% tariff on U.S. steel."
    lines = [json.dumps({"id": "huge", "text": f"{steel}\n\n" + "Nothing else happened today. " * 180_000}),
             '{"id": "broken", "text": ',
             json.dumps({"title": "no id", "text": steel}),
             json.dumps({"id": "number", "text": 42}),
             json.dumps(["a", "list"]),
             json.dumps({"id": "fine", "text": steel})]
    assert len(lines[0]) > 5_000_000
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["extract", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["huge", "number", "fine"]
    assert records[0]["truncated"] is True and records[0]["tariff_claims"][0]["rate"] == 25.0
    assert records[1] == {"id": "number", "error": "line 4: text must be a string"}
    assert records[2]["tariff_claims"][0]["rate"] == 25.0 and "error" not in records[2]
    assert f"{src}:2: not valid JSON" in result.output
    assert f'{src}:3: no "id"' in result.output
    assert f"{src}:5: expected a JSON object, got list" in result.output
    assert "4 of 6 lines failed" in result.output and "Traceback" not in result.output


def test_extract_exits_0_when_every_line_worked(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 7, "text": "Quiet day."}) + "\n\n")
    result = runner.invoke(app, ["extract", "--input", str(src)])
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["id"] == "7"


def test_status_shows_counts_and_the_latest_errors(config, tmp_path):
    from datetime import UTC, datetime

    from newsmon.ingest.identity import content_hash
    from nlp.analyzer import pipeline_version
    from nlp.records import AnalysisError, Article
    from storage import connect
    from storage.analyses import store_analyses
    from storage.articles import store_articles

    now = datetime(2026, 3, 2, tzinfo=UTC)
    articles = [Article(article_id=f"id{n}", feed_url="https://f.example/rss", url=f"https://n.example/{n}",
                        guid=None, title=f"[bold]Title {n}[/]", summary="", text="Text.", published_at=now,
                        fetched_at=now, content_hash=content_hash(f"Title {n}", "Text.")) for n in range(3)]
    with connect(tmp_path / "n.duckdb") as con:
        store_articles(con, articles, feed_url="https://f.example/rss")
        store_analyses(con, [], pipeline_version=pipeline_version(), content_hashes={"id1": articles[1].content_hash},
                       errors=[AnalysisError(id="id1", stage="extract", message="IndexError: [red]x[/red]")])
    result = runner.invoke(app, ["status", "--wide", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert re.search(r"articles\s+│\s+3\s", result.output) and re.search(r"pending\s+│\s+3\s", result.output)
    assert "1 (0 skipped after 3 attempts)" in result.output
    assert "IndexError: [red]x[/red]" in result.output and "[bold]Title 1[/]" in result.output


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(config, monkeypatch):
    import storage.reports

    def broken(con):
        raise KeyError("last_status")

    monkeypatch.setattr(storage.reports, "feed_health", broken)
    plain = runner.invoke(app, ["feeds", "--config", str(config)])
    assert plain.exit_code == 1
    assert plain.output.strip().splitlines() == [
        "error: unexpected KeyError: 'last_status' (run `newsmon --debug ...` for the traceback)"]
    debug = runner.invoke(app, ["--debug", "feeds", "--config", str(config)])
    assert isinstance(debug.exception, KeyError)


def test_debug_reraises_our_typed_errors_too(tmp_path):
    from newsmon.settings import ConfigError

    missing = str(tmp_path / "missing.toml")
    assert runner.invoke(app, ["ingest", "--config", missing]).output.startswith("error: ")
    assert isinstance(runner.invoke(app, ["--debug", "ingest", "--config", missing]).exception, ConfigError)


@pytest.mark.parametrize(("args", "message"), [
    (["alerts", "--limit", "-1"], "Invalid value for '--limit'"),
    (["alerts", "--status", "bogus"], "'bogus' is not one of 'pending'"),
    (["status", "--bogus"], "No such option: --bogus"),
    (["stories", "--limit", "0"], "Invalid value for '--limit'"),
    (["stories", "--topic", "bogus"], "unknown topic 'bogus': use one of tariffs"),
    (["stories", "--since", "last week"], "'--since': 'last week': give a date as YYYY-MM-DD"),
    (["digest", "--date", "2026-13-01"], "'--date': '2026-13-01': give a date as YYYY-MM-DD"),
    (["sql", "--format", "xml", "SELECT 1"], "'xml' is not one of table, csv, json, markdown, parquet"),
])
def test_usage_errors_are_one_line_with_exit_code_2(args, message):
    done = subprocess.run([sys.executable, "-m", "newsmon.cli", *args], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line and "--help" in line
