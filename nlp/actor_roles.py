"""A person's title and the country they speak for, read from the words around their name.

"Canadian Prime Minister Mark Carney" gives ("Prime Minister", "CAN"); "Dominic LeBlanc, Canada's designated
lead for ..." gives CAN from the apposition after the name.
"""

from __future__ import annotations

import pycountry
from spacy.tokens import Doc

from nlp.names import POSSESSIVE
from nlp.places import demonym_code, resolve_place

_JOINERS = {"of", "for", "and", "-", "the", "on"}


def region_country(code: str) -> str | None:
    """The country of a province or state: "CA-ON" -> "CAN"."""
    found = pycountry.countries.get(alpha_2=code.split("-")[0])
    return str(found.alpha_3) if found else None


def _nationality(tokens: list) -> tuple[str | None, int]:
    """Leading country or nationality words of a title: (code, how many tokens they take)."""
    for n in (3, 2, 1):
        if len(tokens) < n:
            continue
        words = "".join(t.text_with_ws for t in tokens[:n]).strip()
        words = POSSESSIVE.sub("", words)
        place = resolve_place(words)
        if place and place[0] == "region":
            return region_country(place[1]), n
        code = demonym_code(words) or (place[1] if place and place[0] == "country" else None)
        if code:
            extra = 1 if n < len(tokens) and tokens[n].text in {"'s", "’s"} else 0
            return code, n + extra
    return None, 0


def title_before(doc: Doc, start: int, title_words: frozenset[str]) -> tuple[str | None, str | None]:
    """("Prime Minister", "CAN") from "Canadian Prime Minister Mark Carney"."""
    sent_start = doc[start].sent.start
    j = start - 1
    while j >= sent_start:
        tok = doc[j]
        if tok.is_title or tok.is_upper or tok.lower_ in _JOINERS or tok.text in {"U.S.", "U.K.", "E.U."}:
            j -= 1
            continue
        if tok.text in {"'s", "’s"} and j - 1 >= sent_start and doc[j - 1].is_title:
            j -= 1
            continue
        break
    tokens = list(doc[j + 1:start])
    while tokens and tokens[0].lower_ in _JOINERS:
        tokens.pop(0)
    country, used = _nationality(tokens)
    rest = tokens[used:]
    while rest and rest[0].lower_ in _JOINERS:
        rest.pop(0)
    if not any(t.lower_ in title_words for t in rest):
        return None, country
    # The title is what follows the last non-title capitalised stretch ("Trade Representative").
    role = "".join(t.text_with_ws for t in rest).strip()
    return role or None, country


def apposition_after(doc: Doc, end: int, title_words: frozenset[str]) -> tuple[str | None, str | None]:
    """Country (and a short title) from "Dominic LeBlanc, Canada’s designated lead for ..." """
    if end >= len(doc) or doc[end].text != ",":
        return None, None
    sent_end = doc[end].sent.end
    stop = end + 1
    while stop < sent_end and doc[stop].text not in {",", ";", ".", "—", "(", ")"}:
        stop += 1
    tokens = list(doc[end + 1:stop])
    while tokens and tokens[0].lower_ in {"the", "a", "an"}:
        tokens.pop(0)
    country, used = _nationality(tokens)
    rest = tokens[used:]
    role = None
    if 0 < len(rest) <= 5 and any(t.lower_ in title_words for t in rest):
        role = "".join(t.text_with_ws for t in rest).strip()
    return role, country
