"""Load the French rule files of `nlp/data/fr/`: how entities become actors, and the figure tables.

The files the shared components read (places, actors, sectors, boilerplate) have the English files'
formats and load through `nlp.rules`; these two are French-only."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from nlp.errors import RuleDataError
from nlp.rules import DATA_DIR, _actions, _load, _table, _words

FR_DIR = DATA_DIR / "fr"
KINDS = ("person", "organization", "place", "name")


@dataclass(frozen=True, slots=True, kw_only=True)
class FrenchActorRules:
    labels: dict[str, str]  # NER label -> person | organization | place | name
    location_words: frozenset[str]
    currency_nouns: frozenset[str]
    government_words: frozenset[str]
    org_heads: frozenset[str]
    org_words: frozenset[str]
    not_actor: re.Pattern[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class FrenchFigureUnits:
    currency_after: dict[str, str]
    scaled_symbols: dict[str, float]
    scales: dict[str, float]
    cents: dict[str, str]
    percent: dict[str, str]
    physical_units: dict[str, str]
    fractions: dict[str, float]
    qualifiers: tuple[str, ...]
    not_after: frozenset[str]
    not_before: frozenset[str]


@cache
def french_actor_rules(data_dir: Path = FR_DIR) -> FrenchActorRules:
    path = data_dir / "actor_rules.toml"
    raw = _load(path.name, data_dir)
    labels = _table(raw, "labels", path)
    bad = sorted(set(labels.values()) - set(KINDS))
    if bad:
        raise RuleDataError(f"{path}: [labels] names unknown kinds {bad}; use one of {KINDS}")
    context = _table(raw, "context", path, list)
    lists = {k: frozenset(_words(context, k, f"{path}: [context] "))
             for k in ("location_words", "currency_nouns", "government_words", "org_heads", "org_words")}
    table = _table(raw, "not_actor", path, list)
    words, names = (_words(table, k, f"{path}: [not_actor] ") for k in ("words", "names"))
    not_actor = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)"
                           rf"|^(?:{'|'.join(map(re.escape, names))})$")
    return FrenchActorRules(labels=labels, not_actor=not_actor, **lists)


@cache
def french_figure_units(data_dir: Path = FR_DIR) -> FrenchFigureUnits:
    path = data_dir / "figure_units.toml"
    raw = _load(path.name, data_dir)
    numbers = {k: {w: float(v) for w, v in _table(raw, k, path, (int, float)).items()}
               for k in ("scaled_symbols", "scales", "fractions")}
    words = _table(raw, "words", path, list)
    return FrenchFigureUnits(
        **numbers, **{k: _table(raw, k, path) for k in ("currency_after", "cents", "percent", "physical_units")},
        qualifiers=tuple(sorted(_words(words, "qualifiers", f"{path}: [words] "), key=len, reverse=True)),
        not_after=frozenset(_words(words, "not_after", f"{path}: [words] ")),
        not_before=frozenset(_words(words, "not_before", f"{path}: [words] ")))


@cache
def french_country_names() -> dict[str, str]:
    """French country name -> alpha-3, from pycountry's own French translations (name and common
    name), so "Allemagne" or "Brésil" need no line of ours."""
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            english = getattr(country, attr, None)
            if english:
                out[fr.gettext(english)] = str(country.alpha_3)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class FrenchClaimRules:
    triggers: tuple[tuple[str, ...], ...]  # word sequences, lower case
    weak_triggers: frozenset[str]
    customs_words: frozenset[str]
    not_after: tuple[str, ...]
    verb_actions: dict[str, str]
    noun_actions: dict[str, str]
    easing_heads: dict[str, str]
    court_actions: dict[str, str]
    threat_heads: frozenset[str]
    conditions: frozenset[str]
    negations: frozenset[str]
    history: frozenset[str]
    target_preps: frozenset[str]
    goods_nouns: frozenset[str]
    paying_verbs: frozenset[str]
    origin_words: tuple[str, ...]
    answer_words: frozenset[str]
    request_words: frozenset[str]
    give_up: frozenset[str]
    global_words: tuple[str, ...]
    exemption_marks: tuple[str, ...]
    future_endings: tuple[str, ...]
    measure_nouns: frozenset[str]
    news_words: frozenset[str]
    telling_verbs: frozenset[str]
    change_verbs: frozenset[str]
    list_words: tuple[str, ...]
    challenge_venues: tuple[str, ...]
    challenge_words: tuple[str, ...]
    pronoun_objects: frozenset[str]
    easing_nouns: frozenset[str]
    reinstating_verbs: frozenset[str]
    subject_pronouns: frozenset[str]
    participle_endings: tuple[str, ...]
    easing_actions: frozenset[str]
    ending_verbs: frozenset[str]
    duty_free: tuple[str, ...]
    movement_stems: tuple[str, ...]
    illegal_words: tuple[str, ...]
    court_words: frozenset[str]
    mean_words: tuple[str, ...]


@cache
def french_claim_rules(data_dir: Path = FR_DIR) -> FrenchClaimRules:
    path = data_dir / "claims.toml"
    raw = _load(path.name, data_dir)
    words = _table(raw, "words", path, list)
    verb_actions, noun_actions, easing_heads, court_actions = (
        _actions(_table(raw, k, path), k, path)
        for k in ("verb_actions", "noun_actions", "easing_heads", "court_actions"))
    return FrenchClaimRules(
        triggers=tuple(tuple(t.lower().split()) for t in _words(raw, "triggers", f"{path}: ")),
        weak_triggers=frozenset(_words(raw, "weak_triggers", f"{path}: ")),
        customs_words=frozenset(_words(raw, "customs_words", f"{path}: ")),
        not_after=tuple(_words(raw, "not_after", f"{path}: ")),
        verb_actions=verb_actions, noun_actions=noun_actions, easing_heads=easing_heads,
        court_actions=court_actions,
        origin_words=tuple(_words(words, "origin_words", f"{path}: [words] ")),
        global_words=tuple(_words(words, "global_words", f"{path}: [words] ")),
        movement_stems=tuple(_words(words, "movement_stems", f"{path}: [words] ")),
        illegal_words=tuple(_words(words, "illegal_words", f"{path}: [words] ")),
        court_words=frozenset(_words(words, "court_words", f"{path}: [words] ")),
        mean_words=tuple(_words(words, "mean_words", f"{path}: [words] ")),
        duty_free=tuple(_words(words, "duty_free", f"{path}: [words] ")),
        exemption_marks=tuple(_words(words, "exemption_marks", f"{path}: [words] ")),
        challenge_venues=tuple(_words(words, "challenge_venues", f"{path}: [words] ")),
        challenge_words=tuple(_words(words, "challenge_words", f"{path}: [words] ")),
        pronoun_objects=frozenset(_words(words, "pronoun_objects", f"{path}: [words] ")),
        list_words=tuple(_words(words, "list_words", f"{path}: [words] ")),
        future_endings=tuple(_words(words, "future_endings", f"{path}: [words] ")),
        participle_endings=tuple(_words(words, "participle_endings", f"{path}: [words] ")),
        **{k: frozenset(_words(words, k, f"{path}: [words] "))
           for k in ("threat_heads", "conditions", "negations", "history", "target_preps", "goods_nouns",
                     "paying_verbs", "answer_words", "request_words", "give_up", "measure_nouns", "news_words",
                     "telling_verbs", "change_verbs", "easing_nouns", "reinstating_verbs", "subject_pronouns",
                     "easing_actions", "ending_verbs")})
