"""`newsmon extract`: JSONL lines in, one record per line out, a bad line never stopping the others."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nlp.analyzer import Analyzer, Text
from nlp.chunks import analyze_chunk
from nlp.language import article_language, declared_language


@dataclass(frozen=True, slots=True, kw_only=True)
class LineProblem:
    """A line that gave no record: not JSON, not an object, or without an id."""

    line: int
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    lines: int
    records: list[dict[str, Any]]  # in input order; `{"id", "error"}` for a text that could not be analysed
    problems: list[LineProblem]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.records if "error" in r)


def read_line(raw: str) -> dict[str, Any] | str:
    """The object on one JSONL line, or why it has none (an id-less line cannot have an error record)."""
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as e:
        return f"not valid JSON ({e.msg} at column {e.colno})"
    if not isinstance(row, dict):
        return f"expected a JSON object, got {type(row).__name__}"
    if row.get("id") in (None, ""):
        return 'no "id"; every record needs one'
    return row


def extract_lines(analyzer: Analyzer, lines: Sequence[str], *, n_process: int | None = None) -> Extraction:
    """Records for every good line, in order; a record with a non-string title or text, or whose
    analysis failed, is an error record; a line without an id a `LineProblem`. A record's optional
    `language` picks its pipeline; without one it is identified from the title and text. Each analysed
    record says which (`language`, ISO 639-1, null when there are no letters to tell by), so a reader
    sees the pipeline that ran."""
    texts: list[Text] = []
    records: dict[int, dict[str, Any]] = {}
    problems = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        found = read_line(raw)
        if isinstance(found, str):
            problems.append(LineProblem(line=n, message=found))
            continue
        records[n] = {"id": str(found["id"])}
        bad = [k for k in ("title", "text", "language") if not isinstance(found.get(k) or "", str)]
        if bad:
            records[n]["error"] = f"line {n}: {' and '.join(bad)} must be a string"
        else:  # analysed under its line number, so two lines with one id stay apart
            title, text = found.get("title") or "", found.get("text") or ""
            language = (declared_language(found.get("language"))  # "FR", "fr-CA", "French" → "fr"
                        or article_language(title=title, text=text))  # as ingest does
            records[n]["language"] = language
            texts.append(Text(id=str(n), title=title, text=text, language=language))
    result = analyze_chunk(analyzer, texts, n_process=n_process)
    for a in result.analyses:
        records[int(a.id)] = {**records[int(a.id)], **a.to_json(), "id": records[int(a.id)]["id"]}
    for e in result.errors:
        records[int(e.id)]["error"] = f"line {e.id}: {e.stage}: {e.message}"
    return Extraction(lines=sum(1 for raw in lines if raw.strip()), records=[records[n] for n in sorted(records)],
                      problems=problems)
