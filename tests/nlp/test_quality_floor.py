"""Extraction quality has a pinned floor: `newsmon eval extract` figures may rise, not fall."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import DATA

GOLD = DATA / "gold" / "extract.jsonl"
FLOORS = json.loads((DATA / "gold" / "floors.json").read_text())


@pytest.fixture(scope="module")
def scores(analyzer):
    from nlp.analyzer import Text
    from nlp.evaluation import as_records, load_gold, score

    rows = load_gold(GOLD)
    analyses = analyzer.analyze([Text(id=r["id"], title=r.get("title", ""), text=r["text"]) for r in rows])
    return score(as_records(analyses), rows)


def test_floors_belong_to_these_annotations():
    assert hashlib.sha256(GOLD.read_bytes()).hexdigest() == FLOORS["gold_sha256"]


@pytest.mark.parametrize("field", sorted(FLOORS["f1"]))
def test_f1_does_not_fall_below_its_floor(scores, field):
    assert scores[field].f1 >= FLOORS["f1"][field]
