"""Actors from a parsed Doc: canonical names, kinds, ISO codes, roles, linked mentions.

The small model's entities are the raw material; this module fixes what it gets wrong on
trade news (possessives, surnames tagged as places, agreements tagged as countries) and
links every mention to one actor per article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pycountry
from spacy.tokens import Doc, Span

from nlp.places import capital_code, country_name, demonym_code, resolve_place
from nlp.records import Actor
from nlp.rules import ActorAlias, actor_aliases, actor_rules

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
RULES = actor_rules()
_JOINERS = {"of", "for", "and", "-", "the", "on"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One mention in the text, linked to its actor; `country` is the state it speaks for."""

    start: int
    end: int
    key: tuple[str, str]
    country: str | None


@dataclass(slots=True)
class _Acc:
    name: str
    kind: str
    code: str | None = None
    country: str | None = None
    role: str | None = None
    mentions: int = 0


def clean_name(span: Span) -> str:
    """Entity text without a leading article or a trailing possessive ("Carney’s" -> "Carney")."""
    tokens = list(span)
    while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
        tokens.pop()
    while tokens and tokens[0].lower_ == "the":
        tokens.pop(0)
    text = "".join(t.text_with_ws for t in tokens).strip()
    return POSSESSIVE.sub("", text).strip()


def _region_country(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code.split("-")[0])
    return str(found.alpha_3) if found else None


def _is_country_pair(text: str) -> bool:
    """"U.S.-Canada", "Canada-U.S." name a relationship, not an actor."""
    parts = [p for p in re.split(r"[-–]", text) if p]
    return len(parts) >= 2 and all(resolve_place(p) or demonym_code(p) for p in parts)


def _nationality(tokens: list) -> tuple[str | None, int]:
    """Leading country or nationality words of a title: (code, how many tokens they take)."""
    for n in (3, 2, 1):
        if len(tokens) < n:
            continue
        words = "".join(t.text_with_ws for t in tokens[:n]).strip()
        words = POSSESSIVE.sub("", words)
        place = resolve_place(words)
        if place and place[0] == "region":
            return _region_country(place[1]), n
        code = demonym_code(words) or (place[1] if place and place[0] == "country" else None)
        if code:
            extra = 1 if n < len(tokens) and tokens[n].text in {"'s", "’s"} else 0
            return code, n + extra
    return None, 0


def title_before(doc: Doc, start: int) -> tuple[str | None, str | None]:
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
    if not any(t.lower_ in RULES.title_words for t in rest):
        return None, country
    # The title is what follows the last non-title capitalised stretch ("Trade Representative").
    role = "".join(t.text_with_ws for t in rest).strip()
    return role or None, country


def apposition_after(doc: Doc, end: int) -> tuple[str | None, str | None]:
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
    if 0 < len(rest) <= 5 and any(t.lower_ in RULES.title_words for t in rest):
        role = "".join(t.text_with_ws for t in rest).strip()
    return role, country


def extract_actors(doc: Doc) -> tuple[list[Actor], list[Mention]]:
    """Actors of one article, most mentioned first, and every linked mention."""
    aliases = actor_aliases()
    ents = [e for e in doc.ents if e.label_ in LABELS]
    tagged = {i for e in doc.ents for i in range(e.start, e.end)}
    ents += [s for s in doc.spans.get("gazetteer", []) if not tagged.intersection(range(s.start, s.end))]
    ents = _outside_datelines(doc, ents)
    names = {e: clean_name(e) for e in ents}

    persons: set[str] = set()
    for ent, name in names.items():
        alias = aliases.get(name)
        if alias and alias.kind == "person":
            persons.add(alias.name)
        elif ent.label_ == "PERSON" and len(name.split()) > 1:
            persons.add(name)
    by_part: dict[str, set[str]] = {}
    for full in persons:
        parts = full.split()
        for part in {parts[-1], " ".join(parts[-2:])}:
            by_part.setdefault(part, set()).add(full)

    acc: dict[tuple[str, str], _Acc] = {}
    mentions: list[Mention] = []

    def add(ent: Span, name: str, kind: str, *, code: str | None = None, country: str | None = None,
            role: str | None = None) -> None:
        key = (name, kind)
        a = acc.setdefault(key, _Acc(name=name, kind=kind, code=code, country=country))
        a.mentions += 1
        a.code = a.code or code
        a.country = a.country or country
        a.role = a.role or role
        mentions.append(Mention(start=ent.start, end=ent.end, key=key, country=code if kind == "country"
                                else a.country))

    for ent in ents:
        name = names[ent]
        if not name or RULES.not_actor.search(name) or _is_country_pair(name):
            continue
        alias: ActorAlias | None = aliases.get(name)
        if alias is None and len(by_part.get(name, ())) == 1:
            alias = ActorAlias(name=next(iter(by_part[name])), kind="person")
        if alias is None and ent.label_ == "PERSON" and name in persons:
            alias = ActorAlias(name=name, kind="person")
        if alias is not None and alias.kind == "person":
            role, country = title_before(doc, ent.start)
            app_role, app_country = apposition_after(doc, ent.end)
            full = aliases.get(alias.name, alias)
            add(ent, alias.name, "person", country=country or app_country or full.country,
                role=role or app_role or full.role)
            continue
        if alias is not None:
            code = alias.country if alias.kind == "country" else None
            add(ent, country_name(code) if code else alias.name, alias.kind, code=code,
                country=None if code else alias.country)
            continue
        if ent.label_ == "NORP":
            code = demonym_code(name)
            if code:
                add(ent, country_name(code), "country", code=code)
            elif name[:1].isupper():
                add(ent, name, "group")
            continue
        place = resolve_place(name)
        if place is not None:
            kind, code = place
            if kind == "country":
                add(ent, country_name(code), "country", code=code)
            else:
                add(ent, name, "region", code=code, country=_region_country(code))
            continue
        if ent.label_ == "PERSON":
            role, country = title_before(doc, ent.start)
            app_role, app_country = apposition_after(doc, ent.end)
            add(ent, name, "person", country=country or app_country, role=role or app_role)
        elif ent.label_ == "ORG" and not name.islower():
            add(ent, name, "organization", country=_org_country(ent))

    actors = [
        Actor(name=a.name, kind=a.kind, code=a.code, country=a.country, role=a.role, mentions=a.mentions)
        for a in sorted(acc.values(), key=lambda a: (-a.mentions, a.name))
    ]
    return actors, mentions


def _outside_datelines(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities in document order, less a dateline's city and agency credit ("OTTAWA (Reuters) —"): they say
    where and by whom the story was filed, not who acts in it. "WINDSOR, Ontario" keeps "Ontario"."""
    skip = {i for span in doc.spans.get("dateline", []) for i in range(span.start, span.end)}
    out = []
    for ent in ents:
        start = ent.start
        while start < ent.end and (start in skip or (doc[start].is_punct and start - 1 in skip)):
            start += 1
        if start == ent.end or skip.intersection(range(start, ent.end)):
            continue
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_))
    return sorted(out, key=lambda s: s.start)


def _org_country(ent: Span) -> str | None:
    """"Bank of Canada", "U.S. Steel", "Canadian Chamber of Commerce" -> the country named in it."""
    for tok in ent:
        code = demonym_code(tok.text) or capital_code(tok.text)
        place = resolve_place(tok.text)
        if code or (place and place[0] == "country"):
            return code or (place[1] if place else None)
    return None


def mention_counts(mentions: list[Mention]) -> Counter[str]:
    """How often each country is named or spoken for, for claims that need a default party."""
    return Counter(m.country for m in mentions if m.country)
