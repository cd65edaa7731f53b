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
STYLES = {"wire", "local", "trade_press", "opinion", "live_blog", "business", "politics"}
CLAIM_KEYS = {"imposer", "target", "action", "rate", "sectors", "background"}


def records(folder: Path) -> list[dict]:
    """Both parts of a split set (dev and held-out), in id order."""
    parts = (folder / "dev.jsonl", folder / "heldout.jsonl")
    rows = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    return sorted(rows, key=lambda row: row["id"])


def is_country(code: str | None) -> bool:
    """An ISO 3166-1 alpha-3 code or EU, as DESIGN.md writes countries."""
    return code == "EU" or (code is not None and pycountry.countries.get(alpha_3=code) is not None)


def is_region(code: str) -> bool:
    """An ISO 3166-2 subdivision (CA-ON), for sub-national imposers."""
    return pycountry.subdivisions.get(code=code) is not None


def french_number(rate: float) -> str:
    """How a French passage writes a rate: 35.19 → "35,19", 25.0 → "25"."""
    return f"{rate:g}".replace(".", ",")


def assert_valid_french_claim(claim: dict, body: str) -> None:
    """One claim of a French set: known codes, action and sectors, and a rate the passage writes."""
    assert set(claim) == CLAIM_KEYS
    assert is_country(claim["imposer"]) or is_region(claim["imposer"])
    assert claim["target"] is None or is_country(claim["target"])
    assert claim["action"] in ACTIONS
    assert set(claim["sectors"]) <= SECTORS
    assert len(claim["sectors"]) == len(set(claim["sectors"]))
    assert isinstance(claim["background"], bool)
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
