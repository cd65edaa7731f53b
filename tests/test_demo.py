"""What `make demo` promises: the demo day's digest has news in it, and the commands it suggests work as printed."""

from __future__ import annotations

import re
import shlex
from datetime import date

import pytest
from typer.testing import CliRunner

from newsmon.cli import app
from newsmon.settings import load_settings
from storage import connect
from storage.reports import digest_data
from tests.conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
DEMO_DAY = date.fromisoformat(re.search(r"^DEMO_DAY := (\S+)$", MAKEFILE, re.M).group(1))
README_SQL = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
              if line.startswith("newsmon sql ")]
NEXT = [line for line in (ROOT / "examples" / "demo-next.txt").read_text(encoding="utf-8").splitlines() if line]


def test_make_demo_points_at_the_demo_days_html_digest():
    settings = load_settings(ROOT / "examples" / "demo.toml")
    printed = re.search(r"Open the demo day's digest: \$\(CURDIR\)/(\S+)\"", MAKEFILE).group(1)
    assert "$(DEMO_DAY)" in printed and "--date $(DEMO_DAY)" in MAKEFILE
    assert ROOT / printed.replace("$(DEMO_DAY)", DEMO_DAY.isoformat()) == \
        settings.digest.out_dir / f"digest-{DEMO_DAY.isoformat()}.html"


def test_demo_day_digest_holds_at_least_three_tariff_claims(demo_db_path):
    with connect(demo_db_path, read_only=True) as con:
        data = digest_data(con, day=DEMO_DAY, tz=load_settings(ROOT / "examples" / "demo.toml").digest.timezone)
    assert len(data["claims"]) >= 3, [(c["imposer"], c["target"], c["action"]) for c in data["claims"]]


def test_demo_day_digest_shows_french_articles_beside_english_ones(demo_db_path, tmp_path):
    from newsmon.digest import write_digest

    with connect(demo_db_path, read_only=True) as con:
        files = write_digest(con, day=DEMO_DAY, tz="America/Toronto", out_dir=tmp_path)
    lines = files.markdown.splitlines()
    read = next(line for line in lines if line.startswith("Articles read: "))
    assert "English" in read and "French" in read
    claims = [line for line in lines if line.startswith("| ") and " → " in line]
    assert any("| [FR] [" in c for c in claims) and any("| [FR] [" not in c for c in claims)
    assert 'lang="fr"' in files.html_path.read_text(encoding="utf-8")


def test_make_demo_suggests_three_commands():
    assert len(NEXT) == 3 and all(line.startswith(".venv/bin/newsmon ") for line in NEXT)
    assert "@sed 's/^/  /' examples/demo-next.txt" in MAKEFILE


@pytest.mark.parametrize("line", NEXT)
def test_suggested_command_works_on_the_demo_as_written(line, demo_db_path, tmp_path, monkeypatch):
    """Run as printed, except that `examples/demo.toml` becomes a config of the same demo built by the tests."""
    args = shlex.split(line)[1:]
    config = tmp_path / "demo.toml"
    config.write_text(f'[storage]\ndb = "{demo_db_path}"\n[digest]\ntimezone = "America/Toronto"\n')
    assert args[args.index("--config") + 1] == "examples/demo.toml"
    args[args.index("--config") + 1] = str(config)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    body = [row for row in result.stdout.splitlines()[2:] if row.strip()]
    assert len(body) >= 3, result.output  # rows of a table, not an empty answer


@pytest.mark.parametrize("line", README_SQL)
def test_readme_sql_commands_work_on_the_demo_as_written(line, demo_db_path, tmp_path, monkeypatch):
    """The README's `newsmon sql` lines name the demo's configuration, so they answer when pasted after `make demo`."""
    args = shlex.split(line)[1:]
    assert args[args.index("--config") + 1] == "examples/demo.toml"
    config = tmp_path / "demo.toml"
    config.write_text(f'[storage]\ndb = "{demo_db_path}"\n[digest]\ntimezone = "America/Toronto"\n')
    args[args.index("--config") + 1] = str(config)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
