"""The article newsmon was started from, and what an analyst extracts from it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA


@pytest.fixture(scope="module")
def expected():
    return json.loads((DATA / "usmca_review.expected.json").read_text())


@pytest.fixture(scope="module")
def result(analyzer):
    from nlp.analyzer import Text

    row = json.loads((DATA / "usmca_review.jsonl").read_text().splitlines()[0])
    return analyzer.analyze([Text(id=row["id"], title=row.get("title", ""), text=row["text"])])[0]


def test_usmca_actors_found_with_codes_roles_and_countries(result, expected):
    found = {(a.name, a.kind): a for a in result.actors}
    for want in expected["actors"]:
        got = found.get((want["name"], want["kind"]))
        assert got is not None, f"missing actor {want['name']}"
        for key in ("code", "country", "role"):
            if key in want:
                assert getattr(got, key) == want[key], f"{want['name']}.{key}"


def test_usmca_not_actors_absent(result, expected):
    names = {a.name for a in result.actors}
    assert not names & set(expected["not_actors"])


def test_usmca_sectors(result, expected):
    assert {s.sector for s in result.sectors} >= set(expected["sectors"])


def test_usmca_figures_with_value_unit_qualifier_measure(result, expected):
    for want in expected["figures"]:
        matches = [f for f in result.figures if abs(f.value - want["value"]) <= 0.01 * want["value"]
                   and f.unit == want["unit"]]
        assert matches, f"missing figure {want}"
        got = matches[0]
        assert got.measure == want["measure"]
        assert got.qualifier == want.get("qualifier")
        if "period" in want:
            assert got.period == want["period"]


def test_usmca_not_figures_absent(result, expected):
    texts = {f.text for f in result.figures}
    assert not texts & set(expected["not_figures"])


def test_usmca_tariff_claims(result, expected):
    got = [(c.imposer, c.target, c.action, set(c.sectors)) for c in result.tariff_claims]
    for want in expected["tariff_claims"]:
        assert (want["imposer"], want["target"], want["action"], set(want["sectors"])) in got


# The analyst's six topics. digital_services rests on one listed complaint ("policies on dairy,
# alcohol, and digital services"); the model of English and French examples scores it 0.915 against a
# 0.525 cut (it was a known miss at 0.489 once), sovereignty_rhetoric 0.630 against 0.525.
@pytest.mark.parametrize("label", ["trade_agreement", "tariffs", "steel_aluminum", "dairy", "digital_services",
                                   "sovereignty_rhetoric"])
def test_usmca_topics(result, expected, label):
    assert label in expected["topics"]
    assert label in {t.label for t in result.topics}
