"""The command line: errors are one line with exit code 1; extract follows the record contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from tests.conftest import DATA, ROOT

runner = CliRunner()


def test_extract_writes_one_record_per_line_in_order(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    src = tmp_path / "in.jsonl"
    usmca = json.loads((DATA / "usmca_review.jsonl").read_text().splitlines()[0])
    src.write_text(json.dumps({"id": "b", "text": "Nothing to see."}) + "\n" + json.dumps(usmca) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["b", usmca["id"]]
    assert set(records[1]) == {"id", "language", "actors", "sectors", "figures", "tariff_claims", "topics"}
    assert [r["language"] for r in records] == ["en", "en"]
    claim = records[1]["tariff_claims"][0]
    assert set(claim) >= {"imposer", "target", "sectors", "rate", "action", "effective_date", "background",
                          "sentence", "evidence"}
    assert isinstance(claim["sectors"], list)


@pytest.mark.parametrize(("content", "message"), [
    ("[storage]\ndbb = 'x'\n", "storage.dbb"),
    ("[[feeds]]\nname = 'no url'\n", "feeds.0.url"),
    ("[digest]\ntimezone = 'Mars/Olympus'\n", "unknown time zone"),
    ("[storage\n", "not valid TOML"),
    ("[cluster]\nworkers = 'many'\n", "cluster.workers: Value error, workers 'many' is not a number"),
    ("[cluster]\nworkers = -1\n", "cluster.workers"),
    ("[cluster]\naddress = 'localhost'\n", "not a Dask scheduler address"),
    ("[cluster]\nworkers = 2\naddress = 'tcp://10.0.0.5:8786'\n", "not both"),
])
def test_bad_config_names_the_key_and_problem(tmp_path, content, message):
    config = tmp_path / "newsmon.toml"
    config.write_text(content)
    result = runner.invoke(app, ["ingest", "--config", str(config)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_config_file_is_an_error(tmp_path):
    result = runner.invoke(app, ["ingest", "--config", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1 and "not found" in result.output


def test_sql_is_read_only_and_reports_bad_queries(tmp_path):
    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    assert runner.invoke(app, ["sql", "SELECT 1", "--config", str(config)]).exit_code == 1  # no db yet
    from storage import connect

    connect(tmp_path / "n.duckdb").close()
    ok = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--config", str(config)])
    assert ok.exit_code == 0 and "n" in ok.output
    write = runner.invoke(app, ["sql", "DELETE FROM articles", "--config", str(config)])
    assert write.exit_code == 1 and "read-only" in write.output.lower()


def test_environment_overrides_the_file(tmp_path, monkeypatch):
    from newsmon.settings import load_settings

    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "a.duckdb"\n[digest]\ntimezone = "UTC"\n')
    monkeypatch.setenv("NEWSMON_DIGEST__TIMEZONE", "America/Toronto")
    settings = load_settings(config)
    assert settings.digest.timezone == "America/Toronto"
    assert settings.storage.db == (tmp_path / "a.duckdb").resolve()


@pytest.mark.parametrize(("value", "workers"), [("2", 2), ("auto", os.cpu_count()), ("0", 0)])
def test_cluster_workers_come_from_the_environment(tmp_path, monkeypatch, value, workers):
    from newsmon.settings import load_settings

    config = tmp_path / "newsmon.toml"
    config.write_text("[cluster]\nworkers = 1\n")
    monkeypatch.setenv("NEWSMON_CLUSTER__WORKERS", value)
    settings = load_settings(config)
    assert settings.cluster.local_workers() == workers and settings.cluster.address is None


def test_digest_of_an_empty_day_says_so(tmp_path):
    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n[digest]\nout_dir = "d"\n')
    result = runner.invoke(app, ["digest", "--date", "2020-01-01", "--config", str(config)])
    assert result.exit_code == 0
    assert "No articles were published" in result.output
    assert (tmp_path / "d" / "digest-2020-01-01.md").exists()


def test_demo_config_points_at_bundled_feeds():
    from newsmon.settings import load_settings

    settings = load_settings(ROOT / "examples" / "demo.toml")
    assert len(settings.feeds) >= 3
    assert all(Path(f.url).exists() for f in settings.feeds)


def test_eval_extract_puts_sets_side_by_side_with_topics_where_annotated(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    clean = DATA / "gold" / "extract.jsonl"
    row = json.loads(clean.read_text().splitlines()[0])
    realistic = tmp_path / "realistic.jsonl"
    realistic.write_text(json.dumps({**row, "topics": ["tariffs", "steel_aluminum"]}) + "\n")
    result = runner.invoke(app, ["eval", "extract", "--gold", str(clean), "--gold", str(realistic),
                                 "--no-baseline"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("field"))
    assert "gold/extract (64)" in header and "realistic (1)" in header
    topics = next(line for line in result.output.splitlines() if line.startswith("topics "))
    first = header.index("gold/extract (64)")
    # scored only where annotated: blank under the clean set, a score under the realistic one
    assert topics[first:first + len("gold/extract (64)")].strip() == ""
    assert topics[first + len("gold/extract (64)"):].strip()


def test_eval_extract_scores_a_figures_set_on_figures_by_unit_class(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": "fn1", "text": "Shares rose 3% to $48.15.", "annotated": ["figures"],
                                "figures": [{"text": "3%", "value": 3.0, "unit": "percent"},
                                            {"text": "$48.15", "value": 48.15, "unit": "USD"}]}) + "\n")
    result = runner.invoke(app, ["eval", "extract", "--gold", str(news)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = {line.split("  ")[0].strip(): line for line in result.output.splitlines()}
    assert "1.000" in rows["figures (money)"] and "1.000" in rows["figures (percent)"]
    assert rows["figures (money)"].count("1.000") == 2  # ours and the naive baseline
    assert not any(c.isdigit() for c in rows["actors"]) and not any(c.isdigit() for c in rows["tariff claims"])


def test_eval_extract_names_a_missing_set(tmp_path):
    result = runner.invoke(app, ["eval", "extract", "--gold", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1
    assert "annotated set not found" in result.output and "absent.jsonl" in result.output


def test_eval_errors_lists_what_extraction_added_and_missed(tmp_path, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    gold = tmp_path / "one.jsonl"
    gold.write_text(json.dumps({"id": "p1", "title": "", "text": "The United States imposed a 25% tariff on "
                                "Canadian steel on Tuesday.", "actors": [], "tariff_claims": []}) + "\n")
    result = runner.invoke(app, ["eval", "errors", "--gold", str(gold)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "p1" in result.output and "+ USA → CAN imposed rate=25.0" in result.output


def test_ingest_without_a_configuration_file_names_it_and_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 1 and "newsmon.toml: configuration file not found" in result.output
    assert list(tmp_path.iterdir()) == []


def test_ingest_of_a_configuration_without_feeds_says_so(tmp_path):
    config = tmp_path / "n.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    result = runner.invoke(app, ["ingest", "--config", str(config)])
    assert result.exit_code == 0 and f"no [[feeds]] in {config}" in result.stderr


def test_run_keeps_feed_failure_warnings_off_the_console(monkeypatch):
    """The run's summary lists each failing feed; Prefect's console handler must not print it again."""
    import logging

    from newsmon import cli

    monkeypatch.setitem(cli._debug, "on", False)
    names = ("prefect.flow_runs", "prefect.task_runs", "newsmon.ingest")
    for name in names:
        monkeypatch.setattr(logging.getLogger(name), "propagate", True)
    cli._keep_run_logs_off_the_console()
    assert [logging.getLogger(name).propagate for name in names] == [False, False, False]
