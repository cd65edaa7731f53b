"""Validity of the hand-annotated news figures set (tests/data/figures_news/dev.jsonl and heldout.jsonl).

Checks the data against its own rules, not the extractor: a figure whose text is missing from
its sentence, a digit that nobody annotated or an unknown unit would silently skew the F1.
"""

import hashlib
import json
import re
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).parent / "data" / "figures_news"
PARTS = ("dev", "heldout")
PHYSICAL = {
    "hectolitres",
    "tonnes",
    "barrels_per_day",
    "hectares",
    "centimetres",
    "millimetres",
    "kilometres",
    "kilometres_per_hour",
    "celsius",
    "fahrenheit",
    "hours",
    "seconds",
    "miles_per_hour",
    "inches",
    "feet",
    "yards",
    "kilograms",
    "gigawatts",
    "cubic_feet",
    "megabits_per_second",
}
PERIODS = {None, "annual", "quarterly", "monthly", "weekly", "daily", "hourly"}


def _part(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def _records() -> list[dict]:
    return sorted((r for name in PARTS for r in _part(name)), key=lambda r: r["id"])


def _held_out(id_: str) -> bool:
    return int(hashlib.sha256(id_.encode()).hexdigest(), 16) % 3 == 0


def _spans(text: str, needle: str) -> list[range]:
    """Occurrences of needle not glued to a longer number ("2%" is not inside "52%")."""
    pattern = r"(?<![\w.,])" + re.escape(needle) + r"(?!\d|[.,]\d)"
    return [range(m.start(), m.end()) for m in re.finditer(pattern, text)]


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"fn{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 300


@pytest.mark.parametrize("name", PARTS)
def test_held_out_part_is_where_sha256_of_the_id_mod_3_is_0(name):
    ids = [r["id"] for r in _part(name)]
    assert ids == sorted(ids)
    assert all(_held_out(i) == (name == "heldout") for i in ids)


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    text = record["text"]
    assert record["source"] == "own" and record["annotated"] == ["figures"]
    covered = set()
    for figure in record["figures"]:
        assert set(figure) == {"text", "value", "unit", "qualifier", "measure", "period"}
        unit = figure["unit"]
        assert unit in {"percent", "percentage_points", "count"} | PHYSICAL or pycountry.currencies.get(alpha_3=unit), (
            unit
        )
        assert figure["period"] in PERIODS
        if figure["qualifier"]:
            assert figure["text"].lower().startswith(figure["qualifier"])
        spans = _spans(text, figure["text"])
        assert spans, f"figure text {figure['text']!r} not in the sentence"
        covered.update(i for span in spans for i in span)
    for trap in record["not_figures"]:
        spans = _spans(text, trap)
        assert spans, f"not_figure {trap!r} not in the sentence"
        covered.update(i for span in spans for i in span)
    loose = [i for i, ch in enumerate(text) if ch.isdigit() and i not in covered]
    assert not loose, f"digits annotated by nothing at {loose}"
