"""The rate of a French duty: the sentence's percents that are rates (not shares: "85 % des exportations"),
ordered from the duty's own word on, and a rate moved "de X % à Y %" by a verb of change (one measure at
its new rate). Words are data (nlp/data/fr/claims.toml)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Span, Token

from nlp.french_rules import FrenchClaimRules
from nlp.records import Figure


def duty_rates(sent: Span, index: int, figures: Sequence[Figure], answered: set[int], rules: FrenchClaimRules, *,
               inside: bool) -> list[float]:
    """The sentence's duty rates (not shares: "85 % des exportations"; not moves of a market or averages:
    "les exportations ont reculé de 31 %", "le taux moyen"), in the answered measure's words or outside them."""
    phrase = sent.doc[min(answered):max(answered) + 1].text if answered else ""
    return list(dict.fromkeys(f.value for f in figures if f.sentence == index and f.unit == "percent"
                              and f.text in sent.text and not _share(f, sent) and not _moved_or_mean(f, sent, rules)
                              and (f.text in phrase) == inside))


def _moved_or_mean(figure: Figure, sent: Span, rules: FrenchClaimRules) -> bool:
    """"ont reculé de 12 %", "a chuté de 31 %": how much a market moved; "le taux moyen passe de 57 %", "de 26 %
    en moyenne": an average. Neither is a duty's rate."""
    at = sent.text.find(figure.text)
    before = sent.text[:at].lower().split()[-3:]
    after = sent.text[at + len(figure.text):].lower().split()[:3]
    moved = len(before) > 1 and before[-1] in {"de", "d'", "d’"} and before[-2].startswith(rules.movement_stems)
    return moved or any(w.startswith(rules.mean_words) for w in before + after)


def _share(figure: Figure, sent: Span) -> bool:
    """"85 % des exportations" measures a share of something, not a duty's rate."""
    at = sent.text.find(figure.text)
    return at >= 0 and sent.text[at + len(figure.text):].lstrip().startswith(("des ", "de ", "du ", "d'", "d’"))


def rate_change(sent: Span, index: int, figures: Sequence[Figure],
            rules: FrenchClaimRules) -> tuple[Token, float, float] | None:
    """A rate moved by a verb of change ("a fait passer de 7,66 % à 20,56 %", "ramène de 25 % à 15 %"): the
    verb, the old rate and the new one; the old rate is no measure of its own."""
    verb = next((t for t in sent if t.lemma_ in rules.change_verbs or t.lower_ in rules.change_verbs), None)
    if verb is None:
        return None
    rates = [f for f in figures if f.sentence == index and f.unit == "percent" and f.text in sent.text]
    for old, new in pairwise(rates):
        at = sent.text.find(old.text)
        between = sent.text[at + len(old.text):sent.text.find(new.text, at + len(old.text))]
        if sent.text[:at].rstrip().endswith(("de", "d'", "d’")) and between.strip() == "à":
            return verb, old.value, new.value
    return None


def told_past(verb: Token) -> bool:
    """"avait fait passer", "faisait passer": a change told as history."""
    heads = [verb, verb.head, *verb.head.children, *verb.children]
    return any("Imp" in t.morph.get("Tense") or (t.lemma_ == "avoir" and "Imp" in t.morph.get("Tense"))
               for t in heads if t.pos_ in {"VERB", "AUX"})


def from_duty(rates: list[float], trigger: Token, sent: Span, figures: Sequence[Figure],
              index: int) -> list[float]:
    """The rates in the order they stand from the duty's word on: "les droits de 24 % ..., tout en conservant
    un taux de 10 %" is a measure at 24 %."""
    at = trigger.idx - sent.start_char
    where = {f.value: sent.text.find(f.text) for f in figures if f.sentence == index and f.text in sent.text}
    return sorted(rates, key=lambda r: (where.get(r, -1) < at, where.get(r, -1)))
