"""Write `newsmon sql` results as a table, CSV, JSON, Markdown or Parquet: newsmon writes the file, so
the database connection itself never needs file access."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pyarrow as pa

FORMATS = ("table", "csv", "json", "markdown", "parquet")
SINGLE_RESULT = ("csv", "json", "parquet")  # one file holds one result
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


class OutputError(ValueError):
    """The format and output cannot go together; the message says what to pass instead."""


def check_output(fmt: str, output: Path | None, *, results: int) -> None:
    """Refuse before anything runs: an unknown format, Parquet to a terminal, or several results in one file."""
    if fmt not in FORMATS:
        raise OutputError(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise OutputError("--format parquet is binary: give --output FILE.parquet")
    if fmt in SINGLE_RESULT and results > 1:
        raise OutputError(f"--format {fmt} writes one result, and the query has {results} statements: "
                          "run them one at a time or use --format table or markdown")


def _plain(value: Any) -> Any:
    """A JSON-ready value: times in ISO 8601, decimals as numbers, bytes in base64, nested values kept."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta | UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def exported_text(value: Any) -> str:
    """One cell as text: empty for NULL, JSON for lists and structs, ISO 8601 for times."""
    if value is None:
        return ""
    plain = _plain(value)
    return json.dumps(plain, ensure_ascii=False) if isinstance(plain, dict | list) else str(plain)


def rows(table: pa.Table) -> list[tuple[Any, ...]]:
    """Rows as tuples, by position: two columns may share a name (`SELECT 1 AS a, 2 AS a`)."""
    return list(zip(*(column.to_pylist() for column in table.columns), strict=True))


def to_csv(table: pa.Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows([exported_text(v) for v in row] for row in rows(table))
    return buffer.getvalue()


def to_json(table: pa.Table) -> str:
    """An array of objects, one per row, keyed by column name."""
    return json.dumps([_plain(row) for row in table.to_pylist()], ensure_ascii=False, indent=1) + "\n"


def markdown_cell(value: Any) -> str:
    """Cell text as literal Markdown: every character Markdown or a table reads is backslash-escaped,
    and line breaks become spaces, so feed text can neither end the row nor become a link."""
    text = " ".join(exported_text(value).splitlines())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(table: pa.Table) -> str:
    header = [markdown_cell(n) for n in table.column_names]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows(table)]
    return "\n".join(lines) + "\n"


def write_parquet(table: pa.Table, output: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, output)


TEXT_WRITERS = {"csv": to_csv, "json": to_json, "markdown": to_markdown}
