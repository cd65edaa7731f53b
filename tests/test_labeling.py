"""`newsmon label` (corrections, --review) and `newsmon reanalyze` on a small stored database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from newsmon.ingest.identity import content_hash, url_article_id
from nlp.records import TOPICS, Analysis, Article, SectorMention, Topic
from storage import connect
from storage.analyses import store_analyses
from storage.articles import store_articles
from storage.labels import corrections

runner = CliRunner()
FEED = "https://feed.example/rss"
STORIES = {  # url slug: (title, text, published day, model topics)
    "steel": ("Steel tariffs raised", "The US raised tariffs on Canadian steel to 50%.", 1, ("tariffs",)),
    "dairy": ("Dairy quotas defended", "Ottawa defends supply management for dairy farmers.", 2, ()),
    "lumber": ("Softwood duties upheld", "A panel upheld duties on Canadian softwood lumber.", 3,
               ("lumber", "anti_dumping")),
}


def _article(slug: str) -> Article:
    title, text, day, _ = STORIES[slug]
    return Article(article_id=url_article_id(f"https://news.example.com/{slug}"), feed_url=FEED,
                   url=f"https://news.example.com/{slug}", guid=None, title=title, summary=text, text=text,
                   published_at=datetime(2026, 3, day, tzinfo=UTC), fetched_at=datetime(2026, 3, 4, tzinfo=UTC),
                   content_hash=content_hash(title, text))


IDS = {slug: _article(slug).article_id for slug in STORIES}


@pytest.fixture
def config(tmp_path):
    """A config whose database holds the three stories, analysed by version `v1` with hand-set topics."""
    path = tmp_path / "newsmon.toml"
    path.write_text('[storage]\ndb = "n.duckdb"\n')
    articles = [_article(slug) for slug in STORIES]
    with connect(tmp_path / "n.duckdb") as con:
        store_articles(con, articles, feed_url=FEED)
        store_analyses(con, [
            Analysis(id=IDS[slug], topics=tuple(Topic(label=t, score=0.8) for t in STORIES[slug][3]),
                     sectors=(SectorMention(sector=slug, mentions=1),))
            for slug in STORIES
        ], pipeline_version="v1", content_hashes={a.article_id: a.content_hash for a in articles})
    return path


def _training(config):
    with connect(config.parent / "n.duckdb", read_only=True) as con:
        return {row["id"]: row["labels"] for row in corrections(con)}


def _label(config, *args):
    return runner.invoke(app, ["label", *args, "--config", str(config)])


def test_label_adds_and_removes_topics_by_short_id(config):
    result = _label(config, IDS["lumber"][:8], "+critical_minerals", "-anti_dumping")
    assert result.exit_code == 0, result.output
    assert "Softwood duties upheld" in result.output
    assert "model topics: anti_dumping, lumber" in result.output
    assert "labels:       critical_minerals, lumber" in result.output
    assert _training(config) == {IDS["lumber"]: ["critical_minerals", "lumber"]}


def test_model_tags_left_alone_are_recorded_as_confirmed(config):
    assert _label(config, IDS["steel"], "+autos").exit_code == 0
    with connect(config.parent / "n.duckdb") as con:
        store_analyses(con, [Analysis(id=IDS["steel"], topics=(Topic(label="energy", score=0.9),))],
                       pipeline_version="v2", content_hashes={IDS["steel"]: _article("steel").content_hash})
        rows = con.execute("SELECT topic, present, source, note IS NOT NULL FROM labels ORDER BY topic").fetchall()
    assert rows == [("autos", True, "cli", False), ("tariffs", True, "cli", True)]
    assert _training(config) == {IDS["steel"]: ["autos", "energy", "tariffs"]}


def test_none_marks_an_article_without_any_topic(config):
    assert _label(config, IDS["lumber"], "--none").exit_code == 0
    assert _training(config) == {IDS["lumber"]: []}


@pytest.mark.parametrize(("args", "message"), [
    (["+diary"], "unknown topic 'diary': use one of tariffs, trade_agreement"),
    (["dairy"], "write +topic"),
    (["+dairy", "-dairy"], "both added and removed"),
    ([], "nothing to record"),
    (["--none", "+dairy"], "--none cannot"),
])
def test_bad_label_arguments_are_one_line_errors(config, args, message):
    result = _label(config, IDS["dairy"], *args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert _training(config) == {}


@pytest.mark.parametrize(("article", "message"), [("ffffffffffff", "no article id starts with"),
                                                   ("ab", "at least the first 4")])
def test_unknown_or_too_short_ids_are_refused(config, article, message):
    result = _label(config, article, "+dairy")
    assert result.exit_code == 1 and message in result.output


def test_ignored_sql_rows_are_pointed_out(config):
    with connect(config.parent / "n.duckdb") as con:
        con.execute("INSERT INTO labels (article_id, topic, present) VALUES (?, 'diary', true)", [IDS["dairy"]])
    result = _label(config, IDS["dairy"], "+dairy")
    assert result.exit_code == 0
    assert "1 rows of `labels` are ignored" in result.output and "unknown topic" in result.output
    assert _training(config) == {IDS["dairy"]: ["dairy"]}


@dataclass
class FakeModel:
    """Scores by title: each story's closest call is one chosen label at a chosen distance from 0.5."""

    closest: dict[str, tuple[str, float]]
    thresholds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TOPICS, 0.5))
    seen: list = field(default_factory=list)

    def scores(self, inputs):
        self.seen = list(inputs)
        out = np.zeros((len(inputs), len(TOPICS)))
        for i, item in enumerate(inputs):
            label, score = self.closest[item.text.split("\n\n")[0]]
            out[i, TOPICS.index(label)] = score
        return out


@pytest.fixture
def fake_model(monkeypatch):
    import nlp.analyzer  # binds its own `load` now, so the session Analyzer never gets the fake
    import nlp.topics

    model = FakeModel(closest={"Steel tariffs raised": ("tariffs", 0.9), "Dairy quotas defended": ("dairy", 0.45),
                               "Softwood duties upheld": ("lumber", 0.58)})
    monkeypatch.setattr(nlp.topics, "load", lambda *a, **k: model)
    return model


def test_review_lists_the_closest_calls_first_and_skips_corrected_articles(config, fake_model, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["label", "--review", "2", "--config", str(config)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "newsmon label " in line]
    assert [line.split()[2] for line in lines] == [IDS["dairy"][:12], IDS["lumber"][:12]]
    # whole, and runnable as printed: the --config of this call is kept
    assert lines[0].strip() == f"newsmon label {IDS['dairy'][:12]} +dairy --config {config}"
    assert lines[1].strip() == f"newsmon label {IDS['lumber'][:12]} -lumber --config {config}"
    assert {item.text.split("\n\n")[0]: item.sectors for item in fake_model.seen}["Dairy quotas defended"] == {
        "dairy": 1}
    assert _label(config, IDS["dairy"], "+dairy").exit_code == 0
    again = runner.invoke(app, ["label", "--review", "5", "--config", str(config)])
    assert IDS["dairy"][:12] not in again.output and IDS["steel"][:12] in again.output


@pytest.mark.parametrize(("since", "expected"), [(None, 3), ("2026-03-02", 2), ("2026-04-01", 0)])
def test_reanalyze_since_tags_only_newer_articles_and_keeps_old_rows(config, analyzer, monkeypatch, since,
                                                                     expected):
    import nlp.analyzer

    monkeypatch.setattr(analyzer, "version", "v2-test")
    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    args = ["reanalyze", "--config", str(config)] + (["--since", since] if since else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{expected} analysed now" in result.output
    with connect(config.parent / "n.duckdb", read_only=True) as con:
        current = dict(con.execute("SELECT article_id, pipeline_version FROM current_analyses").fetchall())
        versions = con.execute("SELECT count(*) FILTER (WHERE pipeline_version = 'v1') FROM analyses").fetchall()
    assert sorted(current.values()).count("v2-test") == expected
    assert versions == [(3,)]
    again = runner.invoke(app, args)
    assert "0 analysed now" in again.output


def test_reanalyze_refuses_a_bad_since_date(config):
    result = runner.invoke(app, ["reanalyze", "--since", "March 3", "--config", str(config)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_reanalyze_prune_drops_only_versions_no_article_uses(config, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(analyzer, "version", "v2-test")
    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    partial = runner.invoke(app, ["reanalyze", "--since", "2026-03-03", "--prune", "--config", str(config)])
    assert partial.exit_code == 0 and "pruned 0 rows" in partial.output
    full = runner.invoke(app, ["reanalyze", "--prune", "--config", str(config)])
    assert full.exit_code == 0, full.output
    assert "2 analysed now" in full.output and "analyses 3" in full.output
    with connect(config.parent / "n.duckdb", read_only=True) as con:
        left = con.execute("SELECT DISTINCT pipeline_version FROM analyses UNION ALL "
                           "SELECT DISTINCT pipeline_version FROM topics").fetchall()
    assert {v for (v,) in left} == {"v2-test"}


def test_reanalyze_prints_the_pipeline_version_on_one_line(config, analyzer, monkeypatch):
    import nlp.analyzer

    version = "core_web_sm-3.8.0+fr_core_news_sm-3.8.0+rules.9d624c37d833+topics.7fcf45b0-and-more"
    monkeypatch.setattr(analyzer, "version", version)
    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    result = runner.invoke(app, ["reanalyze", "--config", str(config)], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and f"pipeline version {version}\n" in result.output


def test_reanalyze_makes_a_rolled_back_version_current_again(config, analyzer, monkeypatch):
    import nlp.analyzer

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    monkeypatch.setattr(analyzer, "version", "v2-test")
    assert "3 analysed now" in runner.invoke(app, ["reanalyze", "--config", str(config)]).output
    monkeypatch.setattr(analyzer, "version", "v1")
    back = runner.invoke(app, ["reanalyze", "--config", str(config)])
    assert "0 were already current, 3 analysed now" in back.output
