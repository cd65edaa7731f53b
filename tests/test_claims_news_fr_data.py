"""Validity of the French tariff-claim measuring set (tests/data/claims_news_fr/, dev and held-out parts).

Checks the data against its own rules, not the extractor: an unknown code, action or sector, a
rate that the passage never states, or a passage outside the length the set promises would
silently skew the claims F1 that the set is meant to measure.
"""

from pathlib import Path

import pytest

from tests.claim_sets import assert_valid_french_record, french_number, records, valid_party

DATA = Path(__file__).parent / "data" / "claims_news_fr"


def _records() -> list[dict]:
    return records(DATA)


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"fcn{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 50


def test_the_set_keeps_passages_without_claims():
    empty = [r["id"] for r in _records() if not r["tariff_claims"]]
    assert len(empty) >= 10


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    assert_valid_french_record(record, 80, 250)


def test_validity_checks_reject_bad_codes():
    assert not valid_party("XXX") and not valid_party("CA")
    assert valid_party("CA-ON") and not valid_party("CA-XX")
    assert french_number(35.19) == "35,19" and french_number(25.0) == "25"
