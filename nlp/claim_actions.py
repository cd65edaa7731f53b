"""What a measure's clause does to it: the action verb, noun or phrase, its negation, and its
modality (a modal or a condition makes a threat, a future an announcement)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.claim_triggers import base, clause_action, is_trigger, own_rate, trigger_is_subject
from nlp.rules import ClaimRules


def noun_action(trigs: list[Token], sent: Span, rules: ClaimRules) -> str | None:
    """Action carried by the tariff phrase itself: "counter-tariffs", "tariff relief"."""
    for trig in trigs:
        doc = trig.doc
        if trig.i >= 2 and doc[trig.i - 1].text == "-" and doc[trig.i - 2].lower_ in {"counter", "retaliatory"}:
            return "retaliated"
        for word in [trig, *trig.lefts, *trig.rights, trig.head]:
            if word.lower_ in rules.noun_actions:
                return rules.noun_actions[word.lower_]
    others = {t.i for o in sent if is_trigger(o, rules) and o not in trigs for t in o.subtree}
    words = {t.lower_ for t in sent if t.i not in others}
    if "retaliation" in words or "retaliatory" in words:
        return "retaliated"
    return None


def is_provocation(trig: Token, rules: ClaimRules) -> bool:
    """"in retaliation for Canadian duties", "responded to U.S. tariffs", "a dispute over Ottawa's tariffs":
    the cause, not the act."""
    tok = trig
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and head.lower_ in {"to", "for", "against"} and (
            base(head.head.text, rules) in {"respond", "retaliate"} or head.head.lower_ in rules.response_nouns
        ):
            return True
        if tok.dep_ == "pobj" and head.lower_ == "over" and head.head.lower_ in rules.dispute_nouns:
            return True
        tok = head
    return False


def is_denied(verb: Token, rules: ClaimRules) -> bool:
    """"ruled out retaliatory tariffs", "refused to impose", "no plan to impose": the measure is not taken."""
    return _denied(verb, rules) or _under_no(verb)


def _denied(verb: Token, rules: ClaimRules) -> bool:
    tok = verb
    for _ in range(3):
        word = base(tok.text, rules)
        if word in rules.denials or (word == "rule" and any(c.lower_ == "out" for c in tok.children)):
            return True
        if tok.head.i == tok.i or tok.dep_ not in {"xcomp", "dobj", "ccomp"}:
            return False
        tok = tok.head
    return False


def _under_no(verb: Token) -> bool:
    """"no deal on lifting the surtax", "no plan to impose": the action hangs on a noun that is denied."""
    tok = verb
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
    return False


def _conditional(verb: Token, rules: ClaimRules) -> bool:
    """"will impose a 35% tariff if Ottawa fails to act": a threat, not a decision."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in rules.conditions for m in c.children):
            return True
    return False


def _is_future(verb: Token, rules: ClaimRules) -> bool:
    """"will impose", "plans to impose", "Canada to impose" (headline): an announced measure."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall"}:
        return True
    if "to" in aux:
        return verb.dep_ == "ROOT" or (verb.dep_ == "xcomp" and base(verb.head.text, rules) in rules.future_heads)
    return False


def _phrase_action(verb: Token | None, trigs: list[Token], rules: ClaimRules) -> str | None:
    """Action of a phrase in the clause: "put the surcharge on hold", "remain subject to 50% duties"."""
    scope = sorted({t.i for t in (verb.subtree if verb is not None else (w for tr in trigs for w in tr.subtree))})
    doc = trigs[0].doc
    for i in scope:
        if i + 1 in scope:
            action = rules.phrase_actions.get(f"{doc[i].lower_} {doc[i + 1].lower_}")
            if action:
                return action
    return None


def _verb_action(verb: Token, rules: ClaimRules) -> tuple[str | None, bool]:
    """(action of the verb, whether the verb rules the measure out): "ruled" without "against" or "struck"
    without "down" says nothing about a tariff."""
    word = base(verb.text, rules)
    if word == "lift" and any(c.lower_ == "to" for c in verb.children):
        return "raised", False
    if word == "rule":
        return ("struck_down", False) if any(c.lower_ == "against" for c in verb.children) else (None, True)
    if word in {"strike", "roll"}:
        if not any(c.lower_ in {"down", "back"} for c in verb.children):
            return None, True
        return ("struck_down" if word == "strike" else "lowered"), False
    return rules.verb_actions.get(word), False


def action(verb: Token | None, trigs: list[Token], sent: Span, rules: ClaimRules) -> tuple[str | None, bool]:
    """(action, whether a verb of that action chose it); a specific verb beats the noun."""
    verb_action = None
    if any(rules.verb_actions.get(base(h.text, rules)) == "exempted" for t in trigs for h in list(t.ancestors)[:5]):
        return "exempted", True  # "would be exempt from the tariff", "exempts firms from paying duties"
    if verb is not None:
        verb_action, none = _verb_action(verb, rules)
        if none:
            return None, False
    phrase = _phrase_action(verb, trigs, rules)
    if phrase and verb_action in {None, "imposed"}:
        return phrase, True
    if verb is not None and all(trigger_is_subject(t, verb) for t in trigs):
        found = rules.subject_verb_actions.get(base(verb.text, rules))
        if found is None and any(own_rate(t) is not None for t in trigs):
            found = "imposed"  # "the 50% U.S. tariff erodes margins": a stated rate is a measure in force
        if found == "imposed":
            found = noun_action(trigs, sent, rules) or found
        return found, True
    if verb_action and verb_action != "imposed":
        return verb_action, True
    if verb is not None and any(base(c.text, rules) == "retaliate" for c in verb.children
                                if c.dep_ in {"advcl", "xcomp"}):
        return "retaliated", True
    relative = clause_action(trigs, rules)
    if verb_action is None and relative is not None:
        return relative, True  # "down from the 30% rate Trump had threatened"
    noun = noun_action(trigs, sent, rules)
    if noun:
        return noun, False
    return ("imposed", False) if verb is None or verb_action == "imposed" else (None, False)


def with_modality(found: str, verb: Token | None, trigs: list[Token], rules: ClaimRules) -> str:
    """A modal makes a threat ("could impose"), a future an announcement ("will impose"), a condition a
    threat ("will impose ... if"); not when the modal is on the tariff's effect ("could cost jobs")."""
    if verb is None:
        return found
    word = base(verb.text, rules)
    if word not in rules.subject_verb_actions and all(trigger_is_subject(t, verb) for t in trigs):
        return found
    continuing = word in rules.continuing_verbs
    if found not in {"threatened", "relief_sought", "exempted"} and any(
            c.lower_ in rules.modals and c.dep_ == "aux" for c in verb.children) and not continuing:
        found = "threatened"
    if found == "imposed" and _is_future(verb, rules) and not continuing:
        found = "announced"
    if found in {"imposed", "announced", "raised"} and _conditional(verb, rules):
        found = "threatened"
    return found
