"""Validity of the French full-article tariff-claim set (tests/data/claims_articles_fr/, dev and held-out).

Checks the data against its own rules, not the extractor: a bad code, action or sector, a rate the
article never writes, an article outside the promised length or a record in the wrong half would
silently skew the claims F1 measured on whole French pages with their web noise.
"""

import hashlib
import json
from pathlib import Path

import pytest

from tests.claim_sets import assert_valid_french_record, records

DATA = Path(__file__).parent / "data" / "claims_articles_fr"


def _records() -> list[dict]:
    return records(DATA)


def test_ids_are_unique_and_sequential():
    ids = [r["id"] for r in _records()]
    assert ids == [f"cf{i:03d}" for i in range(1, len(ids) + 1)]
    assert len(ids) >= 50


def test_the_set_keeps_articles_without_claims():
    empty = [r["id"] for r in _records() if not r["tariff_claims"]]
    assert len(empty) >= 12


@pytest.mark.parametrize("part, held_out", [("dev.jsonl", False), ("heldout.jsonl", True)])
def test_each_article_sits_in_the_half_its_id_gives(part, held_out):
    for line in (DATA / part).read_text(encoding="utf-8").splitlines():
        rid = json.loads(line)["id"]
        assert (int(hashlib.sha256(rid.encode()).hexdigest(), 16) % 2 == 0) is held_out, rid


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["id"])
def test_record_is_valid(record):
    assert_valid_french_record(record, 180, 450)
