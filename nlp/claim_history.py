"""Whether a claim's sentence reports a measure or recounts one already in force or past ("the 25% levy imposed
in March", "since Washington imposed", "in place since", "last year's tariffs"): the `background` flag."""

from __future__ import annotations

from spacy.tokens import Token

from nlp.claim_triggers import OTHER_CLAUSES, base, is_trigger, relative_clauses
from nlp.rules import ClaimRules


def is_background(found: str, verb: Token | None, trigs: list[Token], rules: ClaimRules, *,
                  headline: bool = False) -> bool:
    """The sentence recounts a measure already in force or past rather than reporting it: "since Washington
    imposed", "in place since March", "last year's tariffs", "the 25% levy imposed in March" (but "the
    tariffs, which Trump announced in April, were paused" reports the pause)."""
    recounted = (rules.verb_actions.get(base(c.text, rules)) for t in trigs for c in relative_clauses(t)
                 if c.tag_ in {"VBD", "VBN"})
    if any(a is not None and found in {a, "imposed"} for a in recounted):
        return True
    if found == "imposed" and not headline and _in_force(verb, rules):
        return True
    doc = trigs[0].doc
    scope = sorted(_own_words(verb, trigs, rules))
    words = [doc[i].lower_ for i in scope]
    if any(w in rules.history_marks for w in words):
        return True
    # "since Washington imposed", "in place since March", not "the highest level since 1930"
    anchors = {verb.i if verb is not None else -1, *(t.i for t in trigs)}
    if any(doc[i].lower_ in rules.history_since and (doc[i].head.i in anchors or doc[i].head.lower_ in {
            "in", "place", "effect", "force"}) for i in scope):
        return True
    if verb is not None and any(a.lower_ in rules.history_since for a in verb.ancestors):
        return True  # "had paid the duty since April, when Washington added a 25% levy"
    if verb is not None and verb.tag_ in {"VBD", "VBN"} and any(
            ent.label_ == "DATE" and any(t.like_num and len(t.text) == 4 for t in ent) and ent.start in scope
            and doc[ent.start - 1].lower_ in {"in", "during"} for ent in trigs[0].sent.ents):
        return True  # "were suspended in 2023": a past measure dated by its year
    return any(tuple(words[i:i + len(p)]) == p for p in rules.history_phrases for i in range(len(words)))


def _own_words(verb: Token | None, trigs: list[Token], rules: ClaimRules) -> set[int]:
    """The measure's clause without the clauses it governs or other tariffs' phrases: "took effect on Tuesday,
    stacking on top of duties that already total 35%" is not "already" in force."""
    tokens = verb.subtree if verb is not None else (w for tr in trigs for w in tr.subtree)
    inner = {t.i for c in (verb.children if verb is not None else ()) if c.dep_ in OTHER_CLAUSES for t in c.subtree}
    others = {t.i for o in trigs[0].sent if o not in trigs and is_trigger(o, rules) for t in o.subtree}
    phrase = {t.i for tr in trigs for t in tr.subtree}  # the tariff's own words always count
    return ({t.i for t in tokens} - inner | phrase) - others


def _in_force(verb: Token | None, rules: ClaimRules) -> bool:
    """"Canadian steel faces a 50% tariff", "the duties remain", "Japan has a 35% tariff on rice", "the 50% U.S.
    tariff erodes margins": a measure told as standing, in the present, not taken."""
    if verb is None:
        return True
    if any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "to"} for c in verb.children):
        return False
    word = base(verb.text, rules)
    acts = word in rules.verb_actions and word not in rules.target_subject_verbs  # "slaps a duty" is news
    return (verb.tag_ in {"VBZ", "VBP"} and not acts) or word in rules.continuing_verbs | rules.holding_verbs
