"""Tables at 80 columns: one line per row, headers whole, long text cut with an ellipsis, --wide shows all."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from newsmon.cli import app
from newsmon.ingest.identity import content_hash, url_article_id
from newsmon.tables import fit_widths, header_lines, print_table
from nlp.records import Article
from storage import connect
from storage.articles import store_articles
from storage.feeds import FetchRecord, record_fetch, sync_feeds

runner = CliRunner()
LONG_TITLE = ("Ottawa and Washington trade barbs over softwood lumber duties as the USMCA review nears, "
              "with provinces asking for relief [bold]not markup[/bold]")
FEED = "https://feeds.example.com/a-rather-long-feed-address/business/trade-and-tariffs/rss.xml"


def _render(columns, rows, *, width=80, **kwargs) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    print_table(console, columns, rows, **kwargs)
    return console.file.getvalue().splitlines()


def test_long_text_is_cut_with_an_ellipsis_and_rows_stay_on_one_line():
    when = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)
    lines = _render(["url", "title", "published_at"],
                    [[f"https://news.example.com/{n}/" + "x" * 80, LONG_TITLE, when] for n in range(3)],
                    tz="America/Toronto")
    assert max(cell_len(line) for line in lines) <= 80
    assert "url" in lines[0] and "title" in lines[0] and "published_at" in lines[0]
    body = [line for line in lines if "https://" in line]
    assert len(body) == 3 and all("…" in line for line in body)
    assert all("2026-11-24 10:05" in line for line in body)  # to the minute, in the configured zone


def test_dates_stay_whole_like_times_when_text_is_cut():
    texts = ["a", "b", "c", "d", "e", "f"]
    lines = _render(["day", *texts], [[date(2026, 11, 24), *(LONG_TITLE for _ in texts)]])
    assert max(cell_len(line) for line in lines) <= 80
    assert any(line.startswith("2026-11-24 ") for line in lines)


def test_wide_shows_every_value_whole():
    lines = _render(["title"], [[LONG_TITLE]], wide=True)
    assert any(LONG_TITLE in line for line in lines)


def test_values_are_data_not_markup():
    lines = _render(["title"], [["[red]x[/red] and [bold]"]], width=80)
    assert any("[red]x[/red] and [bold]" in line for line in lines)


def test_failures_are_marked():
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="standard")
    print_table(console, ["feed", "state", "last_error"], [["a", "failing", "HTTP 500"], ["b", "ok", None]])
    text = console.file.getvalue()
    assert "✗ failing" in text and "\x1b[1;31m✗ failing" in text and "\x1b[31mHTTP 500" in text


def test_too_many_columns_are_named_not_squeezed():
    columns = [f"column_number_{n}" for n in range(12)]
    lines = _render(columns, [["value"] * 12])
    assert max(cell_len(line) for line in lines) <= 80
    note = " ".join(" ".join(lines).split())
    assert "more columns" in note and "column_number_11" in note and "--wide shows them" in note
    one = " ".join(" ".join(_render(["a", "b", "c"], [["x" * 40, "y" * 40, "z" * 40]], width=20)).split())
    assert "1 more column (c): --wide shows them" in one, one


@pytest.mark.parametrize(("name", "width", "expected"), [
    ("last_success_at", 15, "last_success_at"),
    ("last_success_at", 13, "last_success_\nat"),
    ("last_success_at", 12, "last_\nsuccess_at"),
    ("last_success_at", 8, "last_\nsuccess_\nat"),
    ("score / threshold", 9, "score /\nthreshold"),
])
def test_headers_wrap_at_underscores_and_spaces_never_cut(name, width, expected):
    assert header_lines(name, width) == expected


def test_fit_widths_wraps_headers_before_cutting_text():
    # column 0: a long text; column 1: short content under a long header
    assert fit_widths([40, 15], [[30, 4], [8, 4]], 40) == [30, 10]  # text down to its first floor, then header
    assert fit_widths([40, 15], [[30, 4], [8, 4]], 20) == [16, 4]


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "newsmon.toml"
    path.write_text('[storage]\ndb = "n.duckdb"\n[digest]\ntimezone = "America/Toronto"\n')
    url = "https://news.example.com/2026/11/24/a-long-article-address-about-lumber"
    article = Article(article_id=url_article_id(url), feed_url=FEED, url=url, guid=None, title=LONG_TITLE,
                      summary="s", text="t", published_at=datetime(2026, 11, 24, 15, 5, 59, 123456, tzinfo=UTC),
                      fetched_at=datetime(2026, 11, 24, 16, 0, tzinfo=UTC), content_hash=content_hash(LONG_TITLE, "t"))
    with connect(tmp_path / "n.duckdb") as con:
        sync_feeds(con, [(FEED, "A business feed with a long name", ["trade"])])
        store_articles(con, [article], feed_url=FEED)
        now = datetime.now(UTC)
        record_fetch(con, FetchRecord(feed_url=FEED, started_at=now, finished_at=now, http_status=500, items_seen=0,
                                      items_new=0, items_updated=0, bozo_reason=None,
                                      error="HTTP 500 Internal Server Error from the feed's server", etag=None,
                                      last_modified=None))
    return path


@pytest.mark.parametrize("args", [
    ["sql", "SELECT url, title, published_at, fetched_at, feed_url FROM articles"],
    ["feeds"],
    ["alerts"],
])
def test_commands_fit_80_columns_with_whole_headers(config, args):
    result = runner.invoke(app, [*args, "--config", str(config)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(cell_len(line) for line in lines) <= 80, result.output
    if args[0] == "sql":
        assert lines[0].split() == ["url", "title", "published_at", "fetched_at", "feed_url"]
        assert "2026-11-24 10:05 " in result.output and ":59" not in result.output
    if args[0] == "feeds":
        assert "✗ failing" in result.output and "HTTP 500 Inter" in result.output


def test_sql_wide_prints_the_whole_title(config):
    result = runner.invoke(app, ["sql", "SELECT title FROM articles", "--wide", "--config", str(config)],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0 and LONG_TITLE in result.output


@pytest.mark.parametrize(("args", "literal"), [
    (["digest", "--help"], "[digest] send = true"),
    (["digest", "--help"], "[alerts] urls"),
    (["digest", "--help"], "[digest] out_dir"),
])
def test_help_keeps_config_section_names(args, literal):
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert literal in " ".join(result.output.split())
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80


@pytest.mark.parametrize("args", [["train", "--help"], ["eval", "extract", "--help"]])
def test_repeatable_file_options_show_a_path_not_a_python_type(args):
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "<path>" in result.output and "list[Path]" not in result.output


@pytest.mark.parametrize("command", ["alerts", "feeds", "stories", "sql", "digest", "run"])
def test_the_config_option_shows_a_file_not_a_python_type(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "--config <file>" in result.output and "--config <str>" not in result.output


ALERT_COLUMNS = ["recorded", "status", "alert", "tries", "retry_at", "channel", "error"]


def _alert_rows():
    when = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)
    title = "New tariff claim: United States → Canada, dairy, steel 200% (threatened)"
    return [[when, "failed", title, 1, when, "json://127.0.0.1/hook", "A connection error occurred sending JSON"]]


@pytest.mark.parametrize("width", [80, 100])
def test_the_main_column_keeps_its_room_and_the_columns_after_it_are_named_below(width):
    lines = _render(ALERT_COLUMNS, _alert_rows(), width=width, main="alert")
    row = next(line for line in lines if "New tariff claim" in line)
    assert cell_len(row) <= width and "New tariff claim: United States → Canada, d" in row
    assert "--wide shows them" in "".join(lines)
    plain = next(line for line in _render(ALERT_COLUMNS, _alert_rows(), width=width) if "New tar" in line)
    assert "New tariff claim: United States → Canada, d" not in plain  # without it every text column shrinks alike


def test_a_main_column_too_wide_for_the_terminal_still_shows_cut():
    row = next(line for line in _render(ALERT_COLUMNS, _alert_rows(), width=52, main="alert") if "New" in line)
    assert cell_len(row) <= 52 and "New tariff" in row and "failed" in row


def test_alerts_give_the_title_the_room(tmp_path):
    from datetime import timedelta

    from storage.alerts import record_alerts
    from tests.test_alerts import NOW, STEEL_25, candidate

    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n')
    claim = candidate(STEEL_25)
    with connect(tmp_path / "n.duckdb") as con:
        from storage.alerts import NewAlert

        record_alerts(con, [NewAlert(claim_key=claim.claim_key, kind="new", status="pending", imposer="USA",
                                     target="CAN", sectors=("steel",), action="imposed", rate=25.0,
                                     previous_rate=None, first_seen_at=NOW, recorded_at=NOW - timedelta(hours=1),
                                     article_ids=("a1",), summary=_alert_rows()[0][2], body="")])
    result = runner.invoke(app, ["alerts", "--config", str(config)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "New tariff claim: United States → Canada, d" in result.output
