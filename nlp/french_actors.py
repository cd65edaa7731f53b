"""Actors of a French text: the French model's PER/ORG/LOC/MISC entities and the gazetteer's known
names, read through nlp/data/fr/ (labels, aliases, places, demonyms) into the same records as English.

Countries and regions get their ISO code (pycountry's French names plus our places file); capitals
count as their government unless they are where something happens ("à Ottawa"); a place inside a
hyphenated or longer name ("Hydro-Québec", "Producteurs de lait du Québec") is no mention of it;
"le gouvernement Carney" mentions Carney. Datelines and page furniture name no actor."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.actor_names import Aliases, load_aliases
from nlp.french_rules import FR_DIR, FrenchActorRules, french_actor_rules, french_country_names
from nlp.names import fold, name_key
from nlp.places import country_name
from nlp.records import Actor
from nlp.rules import DATA_DIR, ActorAlias, Places, actor_aliases, places

ARTICLES = ("les ", "Les ", "le ", "Le ", "la ", "La ", "l'", "L'", "l’", "L’")
HONORIFICS = ("M. ", "Mme ", "Mlle ", "Me ", "Dr ", "Mgr ")
# Words that join the parts of an organisation's name ("Conseil de l'industrie forestière du Québec").
LINKS = {"du", "de", "des", "d'", "d’", "la", "l'", "l’"}
STOPWORDS = LINKS | {"et", "le", "les", "en", "à", "pour", "sur"}
_GAZETTEER_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "demonym"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: its tokens, the record's key, and the country or region it acts for."""

    start: int
    end: int
    key: tuple[str, str]  # (kind, code or name)
    party: str | None


class FrenchNames:
    """The French tables an actor resolves through, loaded once per data directory."""

    def __init__(self, data_dir: Path = FR_DIR) -> None:
        self.rules: FrenchActorRules = french_actor_rules(data_dir)
        self.aliases: Aliases = load_aliases(data_dir)
        self.places: Places = places(data_dir)
        self.countries = {**french_country_names(), **self.places.countries}
        self.folded = {fold(k): v for k, v in self.countries.items()}
        # companies, bodies and people of the English alias file keep their names in French copy
        # ("Algoma Steel", "Canfor", "Scott Moe"); places there are English and stay out
        self.shared = {form: alias for form, alias in actor_aliases(DATA_DIR).items()
                       if alias.kind in {"organization", "person"}}
        self._matcher: PhraseMatcher | None = None

    def known(self, text: str) -> ActorAlias | None:
        """The French alias file's actor written this way, else a company or person of the English one."""
        return self.aliases.get(text) or self.shared.get(text)

    def country_spans(self, doc: Doc) -> list[Span]:
        """pycountry's French country names where they are written ("Royaume-Uni", "Allemagne"): the
        gazetteer's file lists only the forms pycountry lacks."""
        if self._matcher is None:
            tokenizer = spacy.blank("fr").tokenizer  # the French model's rules, so "Royaume-Uni" splits alike
            self._matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            self._matcher.add("GPE", [tokenizer(name) for name in self.countries if "," not in name])
            for label, kind in (("ORG", "organization"), ("PERSON", "person")):
                self._matcher.add(label, [tokenizer(form) for form, a in self.shared.items() if a.kind == kind])
        return [Span(doc, start, end, label=doc.vocab.strings[label]) for label, start, end in self._matcher(doc)]

    def place(self, text: str, *, demonym: bool) -> str | None:
        """ISO code of a country, region or (with `demonym`) a nationality written this way."""
        text = strip_article(text)
        table = self.places
        found = (table.regions.get(text) or self.countries.get(text) or self.folded.get(fold(text))
                 or table.abbreviations.get(text))
        return found or (table.demonyms.get(text) if demonym else None)


def strip_article(text: str) -> str:
    for article in ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article):].strip()
    return text.strip()


def _blocked(doc: Doc) -> set[int]:
    """Tokens of datelines and page furniture (credits, bylines, tickers, link lines)."""
    spans = [span for key in ("dateline", "boilerplate") for span in doc.spans.get(key, [])]
    return {i for span in spans for i in range(span.start, span.end)}


def _in_compound(span: Span) -> bool:
    """"Hydro-Québec", "Colombie-Britannique" read from "Britannique": a hyphen glued to the span."""
    doc = span.doc
    before = span.start > 0 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_
    after = span.end < len(doc) and doc[span.end].text == "-" and not span[-1].whitespace_
    return before or after


def _run_on(span: Span, places: set[int]) -> Span:
    """An organisation's name runs on over "du Québec", "de la Saskatchewan", "des États-Unis" (the model
    often ends it before the place)."""
    doc, end = span.doc, span.end
    while end < len(doc):
        j = end
        while j < len(doc) and j - end < 2 and doc[j].lower_ in LINKS:
            j += 1
        if j == end or j not in places:
            break
        end = j
        while end in places:
            end += 1
    return doc[span.start:end]


MAX_BODY = 10  # tokens of a body's name after its head word


def _bodies(doc: Doc, rules: FrenchActorRules) -> list[Span]:
    """Names of ministries and bodies, which the small model rarely tags whole: "ministère chinois du
    Commerce", "Ministère des Ressources naturelles et des Forêts", "Producteurs de lait du Québec",
    "Conseil de l'industrie forestière du Québec": a head word, then name words, links and common
    nouns up to a verb or punctuation."""
    out = []
    for tok in doc:
        ministry = tok.text in rules.org_heads
        if not ministry and tok.text not in rules.org_words:
            continue
        i = tok.i + 1
        if ministry and i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower:  # "chinois"
            i += 1
        end = i
        while end < len(doc) and end - i < MAX_BODY and (
                doc[end].lower_ in LINKS | {"et"} or doc[end].is_title
                or (doc[end].is_lower and doc[end].is_alpha and doc[end].pos_ in {"ADJ", "NOUN"})):
            end += 1
        while end > i and doc[end - 1].lower_ in LINKS | {"et"}:
            end -= 1
        if end > i and (not ministry or any(t.is_title for t in doc[i:end])):
            out.append(Span(doc, tok.i, end, label="ORG"))
    return filter_spans(out)


def _candidates(doc: Doc, names: FrenchNames) -> list[tuple[Span, str]]:
    """Known names first (gazetteer, pycountry's French names, ministries), then the model's entities that
    overlap none of them; a known place inside a longer organisation or name entity gives way to it."""
    rules = names.rules
    gazetteer = filter_spans([*doc.spans.get("gazetteer", []), *names.country_spans(doc)])
    places = {i for s in gazetteer if s.label_ == "GPE" for i in range(s.start, s.end)}
    ents = []
    for e in doc.ents:
        kind = rules.labels.get(e.label_)
        if kind in {"place", "name"} and strip_article(e.text).split(" ")[0] in rules.org_words:
            kind = "organization"
        if kind is not None:
            ents.append((_run_on(e, places) if kind == "organization" else e, kind))
    people = {i for e, kind in ents if kind == "person" for i in range(e.start, e.end)}
    known = [(s, "organization") for s in _bodies(doc, rules)]
    known += [(s, _GAZETTEER_KIND[s.label_]) for s in gazetteer
              if not any(k.start < s.end and s.start < k.end for k, _ in known)
              and not (s.label_ == "GPE" and people.issuperset(range(s.start, s.end)))]  # "Dominique Fortier"
    inside = {i for e, kind in ents if kind in {"organization", "name"} and len(e) > 1 for i in range(e.start, e.end)}
    out: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for span, kind in known:
        whole = any(e.start == span.start and e.end == span.end for e, _ in ents)
        if not whole and any(i in inside for i in range(span.start, span.end)):
            continue
        out.append((span, kind))
        taken.update(range(span.start, span.end))
    out += [(e, kind) for e, kind in ents if not taken.intersection(range(e.start, e.end))]
    return sorted(out, key=lambda pair: pair[0].start)


def french_actors(doc: Doc, names: FrenchNames) -> tuple[list[Actor], list[Mention]]:
    """Actor records (mentions counted) and each mention, for the claim rules."""
    rules = names.rules
    blocked = _blocked(doc)
    persons = _full_names(doc, names)
    mentions: list[Mention] = []
    records: dict[tuple[str, str], Actor] = {}
    candidates = _candidates(doc, names)
    acronyms = {_initials(s.text) for s, kind in candidates if kind == "organization" and len(s) > 2}
    for span, kind in candidates:
        if blocked.intersection(range(span.start, span.end)):
            continue
        if _in_compound(span):
            span, kind = _compound(span), "organization"
        if span.text.isupper() and span.text in acronyms:  # "(CIFQ)" after the council's name
            continue
        found = _resolve(span, kind, names, persons)
        if found is None:
            continue
        actor, party = found
        key = (actor.kind, actor.code or name_key(actor.name))
        records.setdefault(key, actor)
        mentions.append(Mention(span.start, span.end, key, party))
    for i, tok in enumerate(doc[:-1]):  # "le gouvernement Carney", "l'administration Trump"
        nxt = doc[i + 1]
        if tok.lower_ in rules.government_words and nxt.is_title and i + 1 not in blocked:
            person = persons.get(name_key(nxt.text)) or _alias_person(nxt.text, names)
            if person is not None and not any(m.start <= i + 1 < m.end for m in mentions):
                key = ("person", name_key(person.name))
                records.setdefault(key, person)
                mentions.append(Mention(i + 1, i + 2, key, person.country))
    counts = Counter(m.key for m in mentions)
    actors = [Actor(name=a.name, kind=a.kind, mentions=counts[k], code=a.code, country=a.country, role=a.role)
              for k, a in records.items()]
    return sorted(actors, key=lambda a: (-a.mentions, a.name)), sorted(mentions, key=lambda m: m.start)


def _initials(name: str) -> str:
    """"Conseil de l'industrie forestière du Québec" -> "CIFQ"."""
    words = [w.split("'")[-1].split("’")[-1] for w in strip_article(name).replace("-", " ").split()]
    return "".join(w[0].upper() for w in words if w and w.lower() not in STOPWORDS)


def _compound(span: Span) -> Span:
    """The whole hyphenated name a place is part of ("Hydro-Québec")."""
    doc, start, end = span.doc, span.start, span.end
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        end += 2
    return doc[start:end]


def _alias_person(text: str, names: FrenchNames) -> Actor | None:
    alias = names.known(text)
    if alias is None or alias.kind != "person":
        return None
    return Actor(name=alias.name, kind="person", mentions=0, country=alias.country, role=alias.role)


def _full_names(doc: Doc, names: FrenchNames) -> dict[str, Actor]:
    """Each person named in full in the text, by the key of the full name and of the surname, so
    "Moe" after "Scott Moe" is the same person."""
    out: dict[str, Actor] = {}
    for ent in doc.ents:
        if names.rules.labels.get(ent.label_) != "person" or len(ent) < 2 or any(t.like_num for t in ent):
            continue
        text = ent.text.strip()
        if names.place(text, demonym=True) or names.rules.not_actor.search(text):
            continue
        alias = names.known(text)
        person = Actor(name=alias.name if alias else text, kind="person", mentions=0,
                       country=alias.country if alias else None, role=alias.role if alias else None)
        out.setdefault(name_key(text), person)
        out.setdefault(name_key(text.split()[-1]), person)
    return out


def _resolve(span: Span, kind: str, names: FrenchNames,
             persons: dict[str, Actor]) -> tuple[Actor, str | None] | None:
    """(record without its count, the country or region it acts for), or None when the span is no actor."""
    rules, doc = names.rules, span.doc
    text = strip_article(span.text)
    for title in HONORIFICS:  # "M. Dubé" is the Patrick Dubé named before
        if text.startswith(title):
            text, kind = text[len(title):].strip(), "person"
    if not text or rules.not_actor.search(text) or any(t.like_num for t in span):
        return None
    before = doc[span.start - 1].text if span.start > 0 else ""
    if kind == "organization" and text in rules.org_words:  # "Union", "Ville" alone name no body
        return None
    alias = names.known(text)
    if alias is not None and alias.kind in {"country", "region"}:
        code = alias.country
        return (Actor(name=country_name(code), kind=alias.kind, mentions=0, code=code), code) if code else None
    if alias is not None:
        known = Actor(name=alias.name, kind=alias.kind, mentions=0, country=alias.country, role=alias.role)
        # a party to claims only through the French file, which lists who acts in trade ("Trump" imposes;
        # a premier quoted about a duty does not)
        return known, alias.country if names.aliases.get(text) is alias else None
    code = names.place(text, demonym=kind == "demonym")
    if code is None and text in names.places.capitals and before not in rules.location_words:
        code = names.places.capitals[text]
    if code is not None:
        if kind == "demonym" and before.lower() in rules.currency_nouns:
            return None
        region = "-" in code
        return Actor(name=country_name(code), kind="region" if region else "country", mentions=0, code=code), code
    if kind == "person":
        person = persons.get(name_key(text))
        return (person, person.country) if person is not None else None
    words = text.split(" ")
    acts_for = None
    if len(words) > 2 and words[0] in rules.org_heads and words[1] in names.places.demonyms:
        # "ministère chinois du Commerce": the ministry's name, and the government it acts for in claims
        text, acts_for = " ".join([words[0], *words[2:]]), names.places.demonyms[words[1]]
    if kind == "organization" and text not in names.places.capitals and len(text) > 1:
        return Actor(name=text, kind="organization", mentions=0), acts_for
    return None
