"""Extraction and topic quality have pinned floors per annotated set: `newsmon eval extract` figures may
rise, not fall. Each set's floors belong to one version of its annotations (sha256)."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import DATA

FLOORS = json.loads((DATA / "floors.json").read_text())
CASES = [(name, field) for name, entry in FLOORS["sets"].items() for field in sorted(entry["f1"])]


@pytest.fixture(scope="module")
def results(analyzer):
    from nlp.evaluation import evaluate_set

    return {name: evaluate_set(DATA / name, analyzer) for name in FLOORS["sets"]}


@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_floors_belong_to_these_annotations(name):
    assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == FLOORS["sets"][name]["sha256"]


@pytest.mark.parametrize(("name", "field"), CASES)
def test_f1_does_not_fall_below_its_floor(results, name, field):
    result = results[name]
    found = result.macro if field == "topics (macro)" else result.ours[field].f1
    assert found is not None and found >= FLOORS["sets"][name]["f1"][field]
