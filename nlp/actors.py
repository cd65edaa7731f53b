"""Actors from a parsed Doc: canonical names, kinds, ISO codes, roles, linked mentions.

The small model's entities are the raw material; this module fixes what it gets wrong on
trade news (possessives, surnames tagged as places, agreements tagged as countries) and
links every mention to one actor per article. `nlp.actor_spans` says which spans may name an
actor (not page furniture), `nlp.mention_filters` which mentions name no one who acts or is acted
upon (products, indexes, venues, credits, titles), `nlp.actor_names` which names are one actor,
`nlp.actor_roles` a person's title and country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nlp.actor_names import (
    Aliases,
    acronyms,
    actor_key,
    fuller,
    is_capitalised,
    is_company_name,
    load_aliases,
    persons_in,
    short_forms,
    surname_forms,
)
from nlp.actor_roles import apposition_after, region_country, title_before
from nlp.actor_spans import candidate_spans, clean_name, is_listed
from nlp.mention_filters import (
    has_digits,
    headline_tokens,
    in_title,
    is_affiliation,
    is_city_before_region,
    is_common_word,
    is_credited,
    is_location,
    is_market_place,
    is_modifier,
    is_party,
    is_venue,
    names_a_product,
    not_a_name,
)
from nlp.names import name_key
from nlp.places import (
    abbreviation_code,
    capital_code,
    country_code,
    country_name,
    demonym_code,
    is_city,
    region_code,
    region_name,
    resolve_place,
)
from nlp.records import Actor
from nlp.rules import ActorAlias, ActorRules, actor_rules, places

_SUBJECTS = {"nsubj", "nsubjpass"}
_PLACE_WORD = re.compile(r"\s+(?:province|state|prefecture|region|territory)$")


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
    kinds: Counter[str] = field(default_factory=Counter)  # a name tagged two ways is one actor of its usual kind
    code: str | None = None
    country: str | None = None
    role: str | None = None
    known_role: str | None = None  # from the alias file, when the text gives none
    mentions: int = 0


def _is_pair(text: str, aliases: Aliases) -> bool:
    """"U.S.-Canada", "Canada-U.S.", "Trump-Russia": a relationship or an affair between two known actors, not an
    actor."""
    parts = [p for p in re.split(r"[-–]", text) if p]
    return len(parts) >= 2 and all(resolve_place(p) or demonym_code(p) or aliases.get(p) for p in parts)


def extract_actors(doc: Doc, *, rules: ActorRules | None = None,
                   aliases: Aliases | None = None) -> tuple[list[Actor], list[Mention]]:
    """Actors of one article, most mentioned first, and every linked mention; `rules` and `aliases`
    default to the files in `nlp/data/`."""
    rules = rules or actor_rules()
    aliases = aliases or load_aliases()
    ents = candidate_spans(doc, not_name_tails=rules.context["not_name_tails"] | rules.context["place_suffixes"])
    names = {e: _without_title(clean_name(e), e.label_, rules) for e in ents}
    listed = {e for e in ents if is_listed(doc, e)}
    # a name the model also tags as a place is a city, unless it is listed ("Nvidia (NVDA.O)") or a body that
    # acts ("the LCBO will", "CPSC said")
    acting = {n for e, n in names.items() if e in listed or (e.root.dep_ in {"nsubj", "nsubjpass"} and (
        n.isupper() or (e.start > 0 and doc[e.start - 1].lower_ == "the")))}
    unresolved_places = {n for e, n in names.items() if e.label_ in {"GPE", "LOC"} and not _place(n)} - acting
    persons = persons_in(names, aliases, rules)
    by_part: dict[str, set[str]] = {}
    for full in persons.values():
        for part in surname_forms(full):
            by_part.setdefault(name_key(part), set()).add(full)
    companies = short_forms([n for e, n in names.items() if e.label_ == "ORG"], rules)
    initials = acronyms(doc, names)
    person_starts = {e.start for e in ents if e.label_ == "PERSON"}
    headline = headline_tokens(doc, rules)
    body = "\n".join(doc[i].text for i in range(len(doc)) if i not in headline)

    acc: dict[tuple[str, str], _Acc] = {}
    mentions: list[Mention] = []

    def add(ent: Span, name: str, kind: str, *, code: str | None = None, country: str | None = None,
            role: str | None = None, known_role: str | None = None) -> None:
        place = kind in {"country", "region"}
        key = (kind if place else "named", code if place and code else actor_key(
            name.removesuffix("s") if kind == "group" else name, rules))  # "Republican" is a Republicans' mention
        a = acc.setdefault(key, _Acc(name=name, kind=kind, code=code, country=country))
        a.kinds[kind] += 1
        if kind != "country" and fuller(name, a.name):
            a.name = name
        a.mentions += 1
        a.code = a.code or code
        a.country = a.country or country
        a.role = a.role or role
        a.known_role = a.known_role or known_role
        mentions.append(Mention(start=ent.start, end=ent.end, key=key, country=code if kind == "country"
                                else a.country))

    def add_place(ent: Span, kind: str, code: str, name: str) -> None:
        if kind == "country":
            add(ent, country_name(code), "country", code=code)
        else:
            shown = region_name(code) if "." in name or name.isupper() else name  # "Ont.", "BC"
            add(ent, shown, "region", code=code, country=region_country(code))

    for ent in ents:
        name = names[ent]
        if name in initials and ent.start > 0 and doc[ent.start - 1].text == "(":
            continue  # "(CBSA)" restates the name before it
        surname = name_key(name) in by_part and ent not in listed  # "Ford (NYSE: F)" is no Doug Ford
        name = initials.get(name) or (name if surname else companies.get(name, name))
        if not name or (ent.label_ == "PERSON" and not is_capitalised(name)) or rules.not_actor.search(name) or (
                _is_pair(name, aliases)) or _is_furniture_name(
                doc, ent, name, rules):
            continue
        if in_title(doc, ent, rules, person_starts=person_starts):
            place = _leading_place(ent)
            if place:
                add_place(ent, *place)
            continue
        alias = aliases.get(name)
        if alias is None and ent.start in headline and name not in body:
            continue  # "Nokia Strikes Supplier" of "Nokia Strikes Supplier Deal With ST-Ericsson", even tagged a person
        place_named = ent.label_ in {"GPE", "LOC"} and resolve_place(name)  # "Quebec", not "Santé Québec"
        owners = by_part.get(name_key(name), set())  # empty when an initialism was spelled out ("RBC")
        if alias is None and surname and len(owners) == 1 and not place_named:
            alias = ActorAlias(name=next(iter(owners)), kind="person")
        if alias is None and ent.label_ == "PERSON" and name_key(name) in persons:
            alias = ActorAlias(name=persons[name_key(name)], kind="person")
        if alias is not None and alias.kind == "person":
            role, country = title_before(doc, ent.start, rules.title_words)
            app_role, app_country = apposition_after(doc, ent.end, rules.title_words)
            full = aliases.get(alias.name) or alias
            add(ent, persons.get(name_key(alias.name), alias.name), "person",
                country=country or app_country or full.country, role=role or app_role, known_role=full.role)
            continue
        if alias is not None and alias.kind == "organization" and names_a_product(doc, ent, name, rules):
            continue  # "the 10-year Treasury yield"
        if alias is not None:
            code = alias.country if alias.kind == "country" else None
            add(ent, country_name(code) if code else alias.name, alias.kind, code=code,
                country=None if code else alias.country)
            continue
        if ent.label_ == "NORP" or (len(ent) == 1 and demonym_code(name)):  # "a Frenchman" tagged as a body
            code = demonym_code(name)
            if code:
                add(ent, country_name(code), "country", code=code)
            elif is_party(name, rules) and not is_modifier(doc, ent) and not is_affiliation(
                    doc, ent, rules, person_starts=person_starts):
                add(ent, name, "group")
            continue
        place = _place(name) or _abbreviated_region(doc, ent, name)
        if place is not None and (capital_code(name) or place[0] == "region") and is_market_place(doc, ent, rules):
            continue
        if place is not None and capital_code(name) and not country_code(name) and is_location(doc, ent, rules):
            continue  # "told reporters in Ottawa", "on Wellington Street": a city, not its government
        if place is not None:
            add_place(ent, *place, name)
            continue
        if has_digits(name) or not_a_name(doc, ent) or is_common_word(doc, ent) or (
                names_a_product(doc, ent, name, rules)) or (
                name in unresolved_places) or is_city_before_region(doc, ent, is_region=_is_region) or (
                ent not in listed and is_location(doc, ent, rules)) or (
                ent.start in headline and name not in body) or (
                ent not in listed and _is_town(ent, name)):
            continue  # "damage to Trois-Rivières and Hamilton", "the ports of Lázaro Cárdenas and Manzanillo"
        if ent.label_ == "PERSON" and name not in companies.values() and not is_company_name(name, rules) and (
                ent not in listed):
            role, country = title_before(doc, ent.start, rules.title_words)
            app_role, app_country = apposition_after(doc, ent.end, rules.title_words)
            add(ent, name, "person", country=country or app_country, role=role or app_role)
        elif (ent.label_ in {"ORG", "PERSON"} or name in acting) and not name.islower():
            country = _org_country(ent) or title_before(doc, ent.start, rules.title_words)[1]  # "China's ..."
            add(ent, name, "organization", country=country)

    actors = [
        Actor(name=a.name, kind=a.kinds.most_common(1)[0][0], code=a.code, country=a.country,
              role=a.role or a.known_role, mentions=a.mentions)
        for a in sorted(acc.values(), key=lambda a: (-a.mentions, a.name))
    ]
    return actors, mentions


def _without_title(name: str, label: str, rules: ActorRules) -> str:
    """"Bruce Fanjoy" from "Liberal Bruce Fanjoy", "Eugénie" from "Empress Eugénie": the words in front of a
    person's name that the model took into it."""
    words = [] if resolve_place(name) else name.split()  # "Prince Edward Island"
    prefixes = rules.context["royal_titles"]
    if label == "PERSON":
        prefixes = prefixes | rules.context["name_prefixes"] | rules.title_words
    while len(words) > 1 and words[0].lower() in prefixes and words[1][:1].isupper():
        words.pop(0)
    return " ".join(words) or name


def _is_furniture_name(doc: Doc, ent: Span, name: str, rules: ActorRules) -> bool:
    """A venue, a credited newspaper or a place spelled with "Ste." ("Sault Ste. Marie", or its "Marie")."""
    abbreviations = places().word_abbreviations
    return (is_venue(doc, ent, name, rules) or is_credited(doc, ent, name, rules)
            or any(w in abbreviations for w in name.split())
            or (ent.start > 0 and doc[ent.start - 1].text in abbreviations))


def _is_town(ent: Span, name: str) -> bool:
    """"damage to Trois-Rivières and Hamilton": a town that is not the subject, nor listed with bodies that are not
    places ("used by Jaguar Land Rover, Bentley, Rolls-Royce" names the carmaker)."""
    if ent.root.dep_ in _SUBJECTS or not is_city(name):
        return False
    if ent.root.dep_ not in {"conj", "appos"}:
        return True
    head = ent.root.head
    beside = next((e for e in ent.doc.ents if e.start <= head.i < e.end), None)
    return beside is None or beside.label_ in {"GPE", "LOC", "FAC"} or is_city(beside.text) or bool(
        resolve_place(beside.text))


def _place(name: str) -> tuple[str, str] | None:
    """A place as `resolve_place` finds it, also with a trailing "province" or "state" ("Guangdong province")."""
    return resolve_place(name) or resolve_place(_PLACE_WORD.sub("", name))


def _is_region(text: str) -> bool:
    return bool(region_code(text) or abbreviation_code(text))


def _abbreviated_region(doc: Doc, ent: Span, name: str) -> tuple[str, str] | None:
    """"Ont." after a city and a comma ("Hamilton, Ont.", "REGINA, Sask.") is Ontario; alone it may be
    another word."""
    code = abbreviation_code(name)
    after_city = ent.start >= 2 and doc[ent.start - 1].text == "," and (
        doc[ent.start - 2].is_title or doc[ent.start - 2].is_upper)
    return ("region", code) if code and after_city else None


def _leading_place(ent: Span) -> tuple[str, str, str] | None:
    """The province or country in front of a portfolio: "Alberta" in "Alberta Energy (Minister)"."""
    for n in range(len(ent) - 1, 0, -1):
        words = ent[:n].text
        place = resolve_place(words)
        if place:
            return place[0], place[1], words
    return None


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
