"""Link the names of one actor in one text: aliases (accent-insensitive), a person's surname, a body's
short form, initials and acronym, a ministry named two ways, and pick the fullest name to show."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from nlp.mention_filters import has_digits
from nlp.names import accented_first, department_key, fold, name_key
from nlp.places import is_country_word, leading_country, resolve_place
from nlp.rules import DATA_DIR, ActorAlias, ActorRules, actor_aliases, actor_rules

_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]")  # "MOFCOM", "CBSA", "MofCom"


class Aliases:
    """The alias file, looked up as written or without accents ("Francois-Philippe Champagne")."""

    def __init__(self, table: dict[str, ActorAlias]) -> None:
        self.table = table
        self.folded = {fold(form): alias for form, alias in table.items()}

    def get(self, name: str) -> ActorAlias | None:
        """As written, without accents, or less the country in front when the alias is that country's
        ("U.S. Defense Department" is the Pentagon; "India's Commerce Ministry" is not China's)."""
        found = self.table.get(name) or self.folded.get(fold(name))
        if found is None:
            code, rest = leading_country(name)
            found = self.folded.get(fold(rest)) if code else None
            return found if found and found.country == code else None
        return found


@cache
def load_aliases(data_dir: Path = DATA_DIR) -> Aliases:
    """The alias file of `data_dir`, folded once per process."""
    return Aliases(actor_aliases(data_dir))


def persons_in(names: dict[Span, str], aliases: Aliases, rules: ActorRules) -> dict[str, str]:
    """Full names of the people in the text, by key; of two spellings the accented one. A place or a
    company the model tags as a person ("Tamil Nadu", "Thomson Reuters") is none."""
    forms: dict[str, set[str]] = {}
    for ent, name in names.items():
        alias = aliases.get(name)
        if alias and alias.kind == "person":
            forms.setdefault(name_key(alias.name), set()).add(alias.name)
            if name_key(name) == name_key(alias.name):
                forms[name_key(name)].add(name)
        elif (ent.label_ == "PERSON" and is_capitalised(name) and len(name.split()) > 1 and not has_digits(name)
              and not resolve_place(name) and not is_company_name(name, rules)):
            forms.setdefault(name_key(name), set()).add(name)
    return {key: accented_first(spellings) for key, spellings in forms.items()}


def is_capitalised(name: str) -> bool:
    """"Yoon Suk-yeol", not "foster bio-health": a person's name starts with a capital (the small model tags
    lower-case words of a headline as a person)."""
    return name[:1].isupper()


def is_company_name(name: str, rules: ActorRules) -> bool:
    """"Thomson Reuters", "Loblaw Companies": a name ending in a company suffix or a news organisation."""
    last = name.split()[-1]
    return last in rules.company_suffixes or last in rules.context["media"]


def surname_forms(full: str) -> set[str]:
    """How a person is named again: "Carney", "Van Hollen"; "Yeo" for "Yeo Han-koo" (family name first)."""
    parts = full.split()
    forms = {parts[-1], " ".join(parts[-2:])}
    if len(parts) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", parts[-1]):
        forms.add(parts[0])
    return forms


def short_forms(names: Iterable[str], rules: ActorRules) -> dict[str, str]:
    """"Ford" -> "Ford Motor Co", "Commerce" -> "Commerce Department", "Alliance" -> "Canadian Trucking
    Alliance", "Agnico" -> "Agnico Eagle Mines" when the text has both: a body is named again without its
    suffix, by its last word or by its first."""
    out: dict[str, str] = {}
    suffixes = rules.company_suffixes | rules.department_words
    heads: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1 and words[-1][:1].isupper() and not resolve_place(words[-1]):
            heads.setdefault(words[-1], set()).add(name)
        while len(words) > 1 and words[-1] in suffixes:
            words.pop()
        short = " ".join(words)
        if short != name and len(name) > len(out.get(short, "")):
            out[short] = name
    # "the Alliance" for "Canadian Trucking Alliance", when no other name ends so
    out |= {head: next(iter(full)) for head, full in heads.items() if len(full) == 1 and head not in out}
    # "Agnico" for "Agnico Eagle Mines", "Anglo" for "Anglo American", when no other name starts so
    out |= {first: next(iter(full)) for first, full in firsts(names).items() if len(full) == 1 and first not in out}
    return out


def firsts(names: Iterable[str]) -> dict[str, set[str]]:
    """Names of more than one word and no number by their first word, when that word names no place or nationality
    ("Unifor" is not "Unifor Local 1285")."""
    out: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1 and words[0][:1].isupper() and not (
                any(c.isdigit() for c in name) or resolve_place(words[0]) or is_country_word(words[0])):
            out.setdefault(words[0], set()).add(name)
    return out


def acronyms(doc: Doc, names: dict[Span, str]) -> dict[str, str]:
    """"Canada Border Services Agency (CBSA)": the acronym in parentheses after a name is that name, and
    so are the initials of an organisation's name ("TSMC", "CRA") when the text spells it out."""
    out = {}
    for ent, name in names.items():
        capitals = [w for w in name.split() if w[:1].isupper()]
        if ent.label_ == "ORG" and len(capitals) >= 3:
            out.setdefault("".join(w[0] for w in capitals), name)
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            acronym = doc[ent.end + 1].text
            if _ACRONYM.fullmatch(acronym) and acronym != name:
                out[acronym] = name
    return out


def actor_key(name: str, rules: ActorRules | None = None) -> str:
    """One key for the spellings of one actor: accents, case and a ministry's word order do not count."""
    words = (rules or actor_rules()).department_words
    return department_key(name, words=words, is_place=is_country_word) or name_key(name)


def fuller(new: str, old: str) -> bool:
    """`name` is the fullest form in the text ("British Columbia" over "B.C."), accented over plain."""
    return (len(new), sum(not c.isascii() for c in new)) > (len(old), sum(not c.isascii() for c in old))
