"""Context rules for entities that name something no one acts through: a product, an index, a venue,
a credited newspaper, a word of someone's title, a modifier, a city before its province.

Each rule reads the words around one mention; its word lists are the `[context]` table of
`nlp/data/actor_rules.toml`. A mention a rule rejects is dropped; the same name elsewhere may
still be an actor ("Nvidia said" counts, "the Nvidia chip" does not).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from nlp.rules import ActorRules

_DIGIT = re.compile(r"\d")
_UNION_LOCAL = re.compile(r"\bLocal \d+$")
_MATURITY = re.compile(r"\w+-(?:year|month|week)$")
_NOT_NAMES = {"ADV", "ADJ", "VERB", "AUX", "ADP", "PRON", "DET", "NUM", "CCONJ", "SCONJ", "PART"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}


def has_digits(name: str) -> bool:
    """"H20", "F-150", "iPhone 17", "S&P 500": names of products, models and indexes, not of actors (a union
    local's number is part of its name: "United Steelworkers Local 1005")."""
    return bool(_DIGIT.search(name)) and not _UNION_LOCAL.search(name)


def not_a_name(doc: Doc, ent: Span) -> bool:
    """"Nationally, ...", "Turnout was ...": one capitalised word the tagger reads as an adverb or another
    word no name is, or as a noun when tagged a person (a noun tagged an organisation may be a company:
    "Enbridge will ship") or as a plural common noun; "at the Kantei": a person's name takes no article."""
    after_the = ent.start > 0 and doc[ent.start - 1].lower_ == "the"
    one_word = len(ent) == 1 and (ent[0].pos_ in _NOT_NAMES or (ent.label_ == "PERSON" and ent[0].pos_ == "NOUN") or (
        ent[0].tag_ == "NNS"))  # "Workers sort tomatoes" (a team or a firm in the plural is "NNPS": "the Suns")
    return one_word or (ent.label_ == "PERSON" and after_the)


def is_common_word(doc: Doc, ent: Span) -> bool:
    """"Turnout was 54%", "Households will pay more": a capitalised word at the start of a sentence that the
    text also writes in lower case is a common word, not a name."""
    if len(ent) != 1 or ent.start != ent.sent.start:
        return False
    lower = ent[0].text.lower()
    return lower != ent[0].text and any(t.text == lower for t in doc)


def names_a_product(doc: Doc, ent: Span, name: str, rules: ActorRules) -> bool:
    """"Model Y", "Tesla Model Y", "the Nasdaq composite", "the Blackwell chip", "the 10-year Treasury yield": a
    product's name, or a name between an article or a maturity and a product noun ("banned Nvidia chips" still
    names the maker)."""
    if rules.context["product_words"].intersection(name.split()) or name[:1].islower():
        return True
    maturity = _MATURITY.search(doc[max(0, ent.start - 3):ent.start].text)  # "the 10-year Treasury note"
    determined = (ent.start > 0 and doc[ent.start - 1].lower_ in _DETERMINERS) or maturity is not None
    return determined and ent.end < len(doc) and doc[ent.end].text in rules.context["product_nouns"]


def is_modifier(doc: Doc, ent: Span) -> bool:
    """"Republican lawmakers", "North American automakers": an adjective naming no one in particular
    (a nationality is still its country: "Canadian exporters" name Canada)."""
    if ent.end >= len(doc):
        return False
    after = doc[ent.end]
    return after.pos_ in {"NOUN", "PROPN", "ADJ"} and after.text[:1].islower()


def is_party(name: str, rules: ActorRules) -> bool:
    """"Republicans", "New Democrats", "the Liberal Party": of the nationalities, religions and places the model
    tags as groups ("Monegasque", "New Yorkers", "the Laurentians"), only parties act as groups."""
    words = name.split()
    return name[:1].isupper() and bool(words) and (words[-1] in rules.context["party_words"] or "Party" in words)


def is_affiliation(doc: Doc, ent: Span, rules: ActorRules, *, person_starts: set[int]) -> bool:
    """"Republican Jack Ciattarelli", "Republican Lt. Gov. Winsome Earle-Sears", "Gov. Josh Stein, a Democrat": a
    party word naming one person's side, not the party acting."""
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    return ent.end in person_starts or (after is not None and (
        after.lower_.rstrip(".") in rules.title_words or after.text in rules.context["title_abbreviations"])) or (
        before is not None and before.lower_ in {"a", "an"})


def is_venue(doc: Doc, ent: Span, name: str, rules: ActorRules) -> bool:
    """"posted on Truth Social", "speaking at the Élysée": a platform or building where something happened."""
    if name.rstrip(".") not in rules.context["venues"]:  # "... on X."
        return False
    i = ent.start - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in rules.context["venue_preps"]


def is_market_place(doc: Doc, ent: Span, rules: ActorRules) -> bool:
    """"Shares rose 2% in Tokyo trading", "shares fell 1% in New York": a capital or a state where shares trade
    does not speak for its government."""
    if ent.end < len(doc) and doc[ent.end].lower_ in rules.context["market_nouns"]:
        return True
    after_in = ent.start > 0 and doc[ent.start - 1].lower_ == "in"
    return after_in and any(t.lower_ in rules.context["market_words"] for t in ent.sent)


def is_location(doc: Doc, ent: Span, rules: ActorRules) -> bool:
    """"In Hamilton, union leaders said", "plants in Saltillo or Monterrey", "Nijmegen-based", "on Wellington
    Street": a place where something is or happens, not who acts ("officials in Washington" are its government,
    "a stake in Nexperia" is in a company)."""
    after = doc[ent.end:ent.end + 2]
    if after[:1].text in rules.context["street_words"] or (
            len(after) == 2 and after[0].text == "-" and after[1].lower_ in rules.context["place_suffixes"]):
        return True
    tok = ent.root
    while tok.dep_ == "conj" and tok.head is not tok:  # "in Saltillo or Monterrey"
        tok = tok.head
    prep = tok.head
    if rules.context["chamber_words"].intersection(ent.text.split()):
        return False  # "a vote in the House of Commons"
    if tok.dep_ != "pobj" or prep.lower_ not in rules.context["location_preps"]:
        return False
    if prep.lower_ == "at" and ent.label_ != "PERSON":
        return False
    return prep.head.lower_ not in rules.context["holding_nouns"] | rules.context["official_nouns"]


def is_media(name: str, rules: ActorRules) -> bool:
    return name in rules.context["media"] or name.split()[-1] in rules.context["media_words"]


def is_credited(doc: Doc, ent: Span, name: str, rules: ActorRules) -> bool:
    """"told Reuters", "according to the Financial Times", "Yonhap reported": a source, not a party.

    A media name counts when the story is about it ("Reuters said it would fight the lawsuit")."""
    if not is_media(name, rules):
        return False
    tok = ent.root
    for _ in range(3):  # "according to the Financial Times": Times <- to <- according
        head = tok.head
        if head.lower_ in rules.context["credit_heads"]:
            return True
        if head is tok or not (head.pos_ == "ADP" or tok.dep_ in {"pobj", "poss", "compound", "nsubj"}):
            return False
        tok = head
    return False


def in_title(doc: Doc, ent: Span, rules: ActorRules, *, person_starts: set[int]) -> bool:
    """"Commerce Secretary Howard Lutnick", "Chancellor of the Exchequer Rachel Reeves", "Ontario Premier"
    before "Doug Ford": a portfolio in front of a name is a word of the title, not the department."""
    if ent.end < len(doc) and doc[ent.end].text in rules.context["portfolio_titles"]:
        return True
    if ent[-1].lower_ in rules.title_words and ent.end in person_starts:
        return True  # "Ontario Premier" + "Doug Ford"
    before = [t.lower_ for t in doc[max(0, ent.start - 3):ent.start]]
    return ent.end in person_starts and "of" in before and any(w in rules.title_words for w in before)


def is_city_before_region(doc: Doc, ent: Span, *, is_region: Callable[[str], bool]) -> bool:
    """"Oshawa, Ont.", "Hamilton, Ontario, said": a city placed by its province or state is a location
    ("GM, Ontario and the union" is a list, "Toyota, Ontario's largest employer" an apposition)."""
    if ent.label_ == "PERSON" or ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    for width in (1, 2):  # "Ontario", "Nova Scotia"
        region = doc[ent.end + 1:ent.end + 1 + width]
        if len(region) == width and is_region(region.text):
            after = doc[region.end] if region.end < len(doc) else None
            return after is None or after.is_punct or region.text.endswith(".")
    return False


def headline_tokens(doc: Doc, rules: ActorRules) -> set[int]:
    """Tokens of Title-Case Headline lines ("Trump Slaps Tariffs On Canadian Lumber", or in capitals),
    where the small model tags runs of capitalised words as organisations."""
    out: set[int] = set()
    start = 0
    for i in range(len(doc) + 1):
        if i < len(doc) and "\n" not in doc[i].text:
            continue
        words = [t for t in doc[start:i] if t.is_alpha]
        small = [t for t in words[1:] if t.text.title() in rules.context["headline_words"]]
        if len(words) >= 4 and small and all(t.is_title or t.is_upper for t in words):
            out.update(range(start, i))
        start = i + 1
    return out
