"""Validity of the second, independent tariff-claims set (tests/data/claims_news/, dev and held-out parts).

Checks the data against its own rules, not the extractor: a misspelt code, an action or sector
outside the vocabulary, or a passage of the wrong shape would silently skew the F1.
"""

from pathlib import Path

import pytest

from tests.claim_sets import STYLES, assert_claim_is_valid, claims_listed_twice, records
from tests.claim_sets import valid_party as _valid_party

DATA = Path(__file__).parent / "data" / "claims_news"


def _records() -> list[dict]:
    return records(DATA)


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"cn{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 100


def test_a_fifth_or_so_of_passages_have_no_claim():
    records = _records()
    empty = sum(1 for r in records if not r["tariff_claims"])
    assert 0.12 <= empty / len(records) <= 0.3


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    assert record["source"] == "own" and record["annotated"] == ["tariff_claims"]
    assert record["style"] in STYLES
    assert record["title"].strip() and "\n\n\n" not in record["text"]
    assert 80 <= len(record["text"].split()) <= 250
    for claim in record["tariff_claims"]:
        assert_claim_is_valid(claim)
        assert claim["rate"] is None or (isinstance(claim["rate"], (int, float)) and 0 < claim["rate"] <= 500)


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_no_claim_is_listed_twice(record):
    assert claims_listed_twice(record) == []


@pytest.mark.parametrize(
    "code, valid",
    [("CAN", True), ("EU", True), ("CA-ON", True), ("US-MI", True), ("XXX", False), ("CA-ZZ", False), ("UK", False)],
)
def test_party_codes_are_checked(code, valid):
    assert _valid_party(code) is valid
