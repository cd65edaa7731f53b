"""Validity of the French tariff-claim measuring set (tests/data/claims_news_fr/, dev and held-out parts).

Checks the data against its own rules, not the extractor: an unknown code, action or sector, a
rate that the passage never states, or a passage outside the length the set promises would
silently skew the claims F1 that the set is meant to measure.
"""

import re
from pathlib import Path

import pycountry
import pytest

from tests.claim_sets import ACTIONS, CLAIM_KEYS, SECTORS, STYLES, records

DATA = Path(__file__).parent / "data" / "claims_news_fr"


def _records() -> list[dict]:
    return records(DATA)


def _is_country(code: str | None) -> bool:
    return code == "EU" or (code is not None and pycountry.countries.get(alpha_3=code) is not None)


def _is_region(code: str) -> bool:
    return pycountry.subdivisions.get(code=code) is not None


def _french_number(rate: float) -> str:
    """How the passage writes a rate: 35.19 → "35,19", 25.0 → "25"."""
    return f"{rate:g}".replace(".", ",")


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"fcn{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 50


def test_the_set_keeps_passages_without_claims():
    empty = [r["id"] for r in _records() if not r["tariff_claims"]]
    assert len(empty) >= 10


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    body = record["title"] + "\n" + record["text"]
    assert record["language"] == "fr" and record["source"] == "own"
    assert record["annotated"] == ["tariff_claims"]
    assert record["style"] in STYLES
    assert 80 <= len(body.split()) <= 250
    for claim in record["tariff_claims"]:
        assert set(claim) == CLAIM_KEYS
        assert _is_country(claim["imposer"]) or _is_region(claim["imposer"])
        assert claim["target"] is None or _is_country(claim["target"])
        assert claim["action"] in ACTIONS
        assert set(claim["sectors"]) <= SECTORS
        assert len(claim["sectors"]) == len(set(claim["sectors"]))
        assert isinstance(claim["background"], bool)
        if claim["rate"] is not None:
            assert 0 < claim["rate"] <= 1000
            assert re.search(r"(?<![\d,])" + re.escape(_french_number(claim["rate"])) + r"(?![\d]|,\d)", body)


def test_validity_checks_reject_bad_codes():
    assert not _is_country("XXX") and not _is_country("CA")
    assert _is_region("CA-ON") and not _is_region("CA-XX")
    assert _french_number(35.19) == "35,19" and _french_number(25.0) == "25"
