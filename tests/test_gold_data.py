"""Validity of the clean gold set's tariff claims (tests/data/gold/extract.jsonl).

Checked against DESIGN.md's vocabularies, not the extractor: a claim without its `background` flag
would count as new in the set's "new claims" figure, and a misspelt code or action would skew the F1.
"""

import json
from pathlib import Path

import pytest

from tests.claim_sets import assert_claim_is_valid, claims_listed_twice

GOLD = Path(__file__).parent / "data" / "gold" / "extract.jsonl"


def _records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_set_holds_64_passages_and_90_claims():
    records = _records()
    assert len(records) == 64
    assert sum(len(r["tariff_claims"]) for r in records) == 90


@pytest.mark.parametrize("record", [r for r in _records() if r["tariff_claims"]], ids=lambda r: r["id"])
def test_every_claim_is_valid_and_flags_background(record):
    for claim in record["tariff_claims"]:
        assert_claim_is_valid(claim)
    assert claims_listed_twice(record) == []


def test_both_kinds_of_claim_are_present():
    flags = [c["background"] for r in _records() for c in r["tariff_claims"]]
    assert 0 < sum(flags) < len(flags)
