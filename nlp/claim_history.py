"""Whether a claim's sentence reports a measure or recounts one already in force or past ("the 25% levy imposed
in March", "since Washington imposed", "in place since", "last year's tariffs"): the `background` flag."""

from __future__ import annotations

from spacy.tokens import Span, Token

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
    if verb is not None and (_dated_past(verb, set(scope), rules) or _standing(verb, rules)):
        return True
    if verb is not None and verb.dep_ == "advcl" and _past(verb) and _dated_past(
            verb.head, {t.i for t in verb.head.subtree}, rules):
        return True  # "lawmakers were angered in August when Washington added 407 products": dated by its clause
    if found == "imposed" and verb is not None and verb.dep_ == "relcl" and verb.tag_ in {"VBZ", "VBP"}:
        return True  # "Washington, which charges a 25% tariff on Mexican goods": what a country does, not news
    return any(tuple(words[i:i + len(p)]) == p for p in rules.history_phrases for i in range(len(words)))


def _past(verb: Token) -> bool:
    """"imposed", "was cut", "had raised"; not "will be suspended" nor a participle modifying a noun."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return not any(a.tag_ == "MD" for a in auxes) and (
        verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(a.tag_ in {"VBD", "VBZ", "VBP"} for a in auxes)))


def _dates(date: Token, verb: Token) -> bool:
    """The date tells when `verb` happened: it hangs on the verb or on its object ("scrapped its duties on U.S. goods
    on April 1"), not on a clause inside it ("the tariff Trump announced on April 2") nor on a comparison ("the
    highest level since 1990")."""
    head = date.head if date.dep_ == "pobj" and date.head.dep_ == "prep" else date
    anchor = head.head
    return head.dep_ in {"prep", "npadvmod"} and (anchor.i == verb.i or (
        anchor.head.i == verb.i and anchor.dep_ in {"dobj", "nsubjpass", "nsubj"}))


def _dated_past(verb: Token, scope: set[int], rules: ClaimRules) -> bool:
    """"were suspended in 2023", "In August, the Commission suspended", "imposed on Aug. 7": a past action dated by
    month or year is older than the news, which news style dates by weekday; not "effective Aug. 1"."""
    if not _past(verb):
        return False
    doc = verb.doc
    for ent in verb.sent.ents:
        if ent.label_ != "DATE" or ent.start not in scope:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > verb.sent.start else ""
        year = any(t.like_num and len(t.text) == 4 for t in ent)
        if year and before in {"in", "during"}:
            return True  # "removed most of its counter-tariffs on goods covered by the pact in September 2025"
        dated = year or any(t.lower_ in rules.month_words for t in ent) or ent.text.lower() in rules.past_periods
        if dated and _dates(ent.root, verb) and before not in rules.forward_intro | rules.start_intro:
            return True
    return False


def _standing(verb: Token, rules: ClaimRules) -> bool:
    """"the counter-tariffs stay in place", "goods remain exempt", "continue to bear": the measure still stands;
    "will continue to suspend" or "would remain" is a decision or a condition, not a fact."""
    for tok in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if tok is not None and base(tok.text, rules) in rules.standing_verbs:
            return not any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)
    return False


def _own_words(verb: Token | None, trigs: list[Token], rules: ClaimRules) -> set[int]:
    """The measure's clause without the clauses it governs or other tariffs' phrases: "took effect on Tuesday,
    stacking on top of duties that already total 35%" is not "already" in force."""
    tokens = list(verb.subtree) if verb is not None else [w for tr in trigs for w in tr.subtree]
    # clauses inside the measure's words that do not hold its tariff: "India, already facing U.S. tariffs, cut its
    # duties" tells of India, not of the cut
    own = {t.i for tr in trigs for t in [tr, *tr.ancestors]}
    inner = {t.i for c in tokens if c.dep_ in OTHER_CLAUSES and c.i not in own and (verb is None or c.i != verb.i)
             for t in c.subtree}
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
    # "the tariff goes into effect Tuesday", "takes effect today": the measure starts now, which is news
    starts = word not in rules.continuing_verbs and any(  # not "in force since October"
        t.lower_ in rules.start_words and ((t.dep_ == "dobj" and t.head.i == verb.i) or (
            t.head.lower_ == "into" and t.head.head.i == verb.i)) for t in verb.subtree)
    return (verb.tag_ in {"VBZ", "VBP"} and not acts and not starts) or word in (
        rules.continuing_verbs | rules.holding_verbs)


def is_status_list(sentences: list[Span], rules: ClaimRules) -> bool:
    """A rate list's item and opener that tell where measures stand ("where the measures stand:", "- Steel: 50%,
    unchanged since June"): its items recount measures in force."""
    words = {t.lower_ for s in sentences for t in s}
    return bool(words & (rules.status_words | rules.history_marks | rules.history_since))
