"""What the claims-only measuring sets (tests/data/claims_news*/) may contain, written from DESIGN.md's
vocabularies rather than imported from nlp/: the sets are checked against the contract, not against the
code they measure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry

ACTIONS = {"imposed", "threatened", "announced", "raised", "lowered", "suspended", "removed", "exempted",
           "relief_sought", "retaliated", "upheld", "struck_down"}
SECTORS = {"steel", "aluminum", "copper", "critical_minerals", "energy", "autos", "lumber", "dairy",
           "agriculture", "seafood", "alcohol", "digital_services", "semiconductors", "pharmaceuticals",
           "aerospace", "textiles", "shipbuilding"}
STYLES = {"wire", "local", "trade_press", "opinion", "live_blog", "business", "politics", "markets", "explainer"}
CLAIM_KEYS = {"imposer", "target", "action", "rate", "sectors", "background"}


def records(folder: Path) -> list[dict]:
    """Both parts of a split set (dev and held-out), in id order."""
    parts = (folder / "dev.jsonl", folder / "heldout.jsonl")
    rows = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    return sorted(rows, key=lambda row: row["id"])


def valid_party(code: str) -> bool:
    """EU, an ISO 3166-1 alpha-3 country or an ISO 3166-2 subdivision (CA-ON)."""
    if code == "EU":
        return True
    if len(code) == 3:
        return pycountry.countries.get(alpha_3=code) is not None
    return pycountry.subdivisions.get(code=code) is not None


def assert_claim_is_valid(claim: dict) -> None:
    """Fields, parties, action, sectors and background of one claim (each set checks its rates itself)."""
    assert set(claim) == CLAIM_KEYS
    assert valid_party(claim["imposer"]), claim["imposer"]
    assert claim["target"] is None or valid_party(claim["target"]), claim["target"]
    assert claim["target"] != claim["imposer"]
    assert claim["action"] in ACTIONS, claim["action"]
    assert set(claim["sectors"]) <= SECTORS and len(set(claim["sectors"])) == len(claim["sectors"])
    assert isinstance(claim["background"], bool)


def claims_listed_twice(record: dict) -> list[tuple]:
    """Claims of one record with the same parties, action, rate and sectors as an earlier one."""
    seen: set[tuple] = set()
    twice = []
    for c in record["tariff_claims"]:
        key = (c["imposer"], c["target"], c["action"], c["rate"], tuple(sorted(c["sectors"])))
        if key in seen:
            twice.append(key)
        seen.add(key)
    return twice


def french_number(rate: float) -> str:
    """How a French passage writes a rate: 35.19 → "35,19", 25.0 → "25"."""
    return f"{rate:g}".replace(".", ",")


def assert_valid_french_claim(claim: dict, body: str) -> None:
    """One claim of a French set: known codes, action and sectors, and a rate the passage writes."""
    assert_claim_is_valid(claim)
    if claim["rate"] is not None:
        assert 0 < claim["rate"] <= 1000
        assert re.search(r"(?<![\d,])" + re.escape(french_number(claim["rate"])) + r"(?![\d]|,\d)", body)


def assert_valid_french_record(record: dict, min_words: int, max_words: int) -> None:
    """One record of a French claims-only set: its fixed fields, its length and each of its claims."""
    body = record["title"] + "\n" + record["text"]
    assert record["language"] == "fr" and record["source"] == "own"
    assert record["annotated"] == ["tariff_claims"]
    assert record["style"] in STYLES
    assert min_words <= len(body.split()) <= max_words
    for claim in record["tariff_claims"]:
        assert_valid_french_claim(claim, body)
