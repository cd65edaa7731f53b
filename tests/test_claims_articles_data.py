"""Validity of the third English tariff-claim set (tests/data/claims_articles/): full articles with web noise.

Checks the data against its own rules, not the extractor: a misspelt code, an action or sector outside
the vocabulary, a rate the article never states, or an article of the wrong length would silently skew
the claims F1 the set is meant to measure.
"""

import re
from pathlib import Path

import pytest

from tests.claim_sets import STYLES, assert_claim_is_valid, claims_listed_twice, records, valid_party

DATA = Path(__file__).parent / "data" / "claims_articles"


def _records() -> list[dict]:
    return records(DATA)


def _states_rate(text: str, rate: float) -> bool:
    """The article writes the rate as a percentage: 35.19 → "35.19%", 25.0 → "25 per cent"."""
    return re.search(rf"(?<![\d.]){re.escape(f'{rate:g}')}(%| per ?cent)", text) is not None


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"ca{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 60


def test_a_quarter_to_two_fifths_of_articles_state_no_claim():
    records = _records()
    empty = sum(1 for r in records if not r["tariff_claims"])
    assert 0.2 <= empty / len(records) <= 0.4


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    assert record["source"] == "own" and record["annotated"] == ["tariff_claims"]
    assert record["style"] in STYLES and isinstance(record["trade"], bool)
    assert record["title"].strip() and "\n\n\n" not in record["text"]
    assert 220 <= len(record["text"].split()) <= 550
    if not record["trade"]:
        assert record["tariff_claims"] == []
    for claim in record["tariff_claims"]:
        assert_claim_is_valid(claim)
        assert claim["rate"] is None or _states_rate(record["text"], claim["rate"]), claim["rate"]


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_no_claim_is_listed_twice(record):
    assert claims_listed_twice(record) == []


def test_a_claim_listed_twice_is_found():
    claim = {"imposer": "USA", "target": "CAN", "action": "imposed", "rate": 35, "sectors": ["steel", "autos"],
             "background": True}
    swapped = dict(claim, sectors=["autos", "steel"], background=False)
    record = {"tariff_claims": [claim, dict(claim, rate=None), swapped]}
    assert claims_listed_twice(record) == [("USA", "CAN", "imposed", 35, ("autos", "steel"))]


@pytest.mark.parametrize(
    "text, rate, stated",
    [("a 35.19% duty", 35.19, True), ("25 per cent", 25.0, True), ("a 125% tariff", 25.0, False),
     ("rose 0.25%", 25.0, False), ("15 years", 15.0, False)],
)
def test_rate_check_needs_the_percentage_written(text, rate, stated):
    assert _states_rate(text, rate) is stated


@pytest.mark.parametrize(
    "code, valid",
    [("CAN", True), ("EU", True), ("CA-ON", True), ("XXX", False), ("CA-ZZ", False), ("UK", False)],
)
def test_party_codes_are_checked(code, valid):
    assert valid_party(code) is valid
