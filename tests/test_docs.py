"""The queries in README.md and docs/sql.md run against a database built from the demo feeds."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", ROOT / "docs" / "sql.md"]
QUERIES = [(doc.name, block) for doc in DOCS
           for block in re.findall(r"```sql\n(.*?)```", doc.read_text(), flags=re.S)]


@pytest.fixture(scope="module")
def demo_db(demo_db_path):
    from storage import connect

    path = demo_db_path
    con = connect(path, read_only=True)
    yield con
    con.close()


def test_docs_hold_the_promised_queries():
    assert sum(1 for name, _ in QUERIES if name == "sql.md") == 14
    readme = [sql for name, sql in QUERIES if name == "README.md"]
    assert sum(len([s for s in sql.split(";") if re.sub(r"--.*", "", s).strip()]) for sql in readme) >= 5


@pytest.mark.parametrize(("doc", "sql"), QUERIES, ids=[f"{d}-{i}" for i, (d, _) in enumerate(QUERIES)])
def test_documented_query_runs(demo_db, doc, sql):
    statements = [s for s in sql.split(";") if re.sub(r"--.*", "", s).strip()]
    assert statements
    for statement in statements:
        demo_db.execute(statement).fetchall()


@pytest.mark.parametrize("sql", [sql for doc, sql in QUERIES if doc == "sql.md"])
def test_sql_md_queries_answer_on_the_dated_demo(demo_db, sql):
    """Written as they are, with dates relative to the newest dated article, each finds rows in the demo
    (November 2026): all figures about dairy, the steel timeline, previous rates, this week's steel stories."""
    last = [s for s in sql.split(";") if re.sub(r"--.*", "", s).strip()][-1]
    assert demo_db.execute(last).fetchall()


def test_every_table_and_view_is_documented(demo_db):
    names = {r[0] for r in demo_db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    columns_md = (ROOT / "docs" / "columns.md").read_text()
    assert {n for n in names if f"`{n}`" not in columns_md} == set()


def test_every_column_is_named_in_columns_md(demo_db):
    columns = demo_db.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    columns_md = (ROOT / "docs" / "columns.md").read_text()
    assert {(t, c) for t, c in columns if c not in columns_md} == set()


def test_every_cli_command_is_in_the_readme():
    from typer.main import get_command

    from newsmon.cli import app

    readme = (ROOT / "README.md").read_text()
    missing = [name for name in get_command(app).commands if f"newsmon {name}" not in readme]
    assert missing == []
