"""What a measure's clause does to it: the action verb, noun or phrase, its negation, and its
modality (a modal or a condition makes a threat, a future an announcement)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.claim_triggers import (
    base,
    clause_action,
    is_provocation,
    is_trigger,
    own_rate,
    relative_clauses,
    trigger_is_subject,
)
from nlp.rules import ClaimRules

_CHANGES = frozenset({"raised", "lowered"})
_DECISIONS = frozenset({"imposed"}) | _CHANGES  # actions a future or a date ahead makes announced


def noun_action(trigs: list[Token], sent: Span, rules: ClaimRules) -> str | None:
    """Action carried by the tariff phrase itself: "counter-tariffs", "tariff relief"."""
    lefts = [w for t in trigs for h in ([t.doc[t.i - 2]] if t.i >= 2 and t.doc[t.i - 1].text == "-" else []) + [t]
             for w in h.lefts]  # "possible counter-tariffs" may hang "possible" on "counter"
    modality = (rules.noun_actions[w.lower_] for w in lefts
                if rules.noun_actions.get(w.lower_) in {"threatened", "announced"})
    if (mood := next(modality, None)) is not None:
        return mood  # "possible counter-tariffs" are a threat before they are a retaliation
    for trig in trigs:
        doc = trig.doc
        if trig.i >= 2 and doc[trig.i - 1].text == "-" and doc[trig.i - 2].lower_ in {"counter", "retaliatory"}:
            return "retaliated"
        # "the suspension of its 24% tariff", "a 90-day pause on tariffs": the noun whose object the tariff is
        holder = [trig.head.head] if trig.dep_ == "pobj" and trig.head.lower_ in rules.measure_of_preps else []
        # "extended its pause on a 24% tariff" parsed with "on" on the verb: the object just before the preposition
        holder += [c for h in holder if h.pos_ == "VERB" for c in h.children
                   if c.dep_ == "dobj" and c.right_edge.i == trig.head.i - 1]
        for word in [*holder, trig, *trig.lefts, *trig.rights, trig.head]:
            if word.lower_ in rules.noun_actions:
                return rules.noun_actions[word.lower_]
    answered = [o for o in sent if o not in trigs and is_trigger(o, rules)]
    if not all(is_provocation(t, rules) for t in trigs) and any(
            is_provocation(o, rules, disputes=False) for o in answered):
        return "retaliated"  # "a surcharge ... in response to Trump's tariffs"
    others = {t.i for o in answered for t in o.subtree}
    words = {t.lower_ for t in sent if t.i not in others}
    if "retaliation" in words or "retaliatory" in words:
        return "retaliated"
    return None


def is_denied(verb: Token, rules: ClaimRules) -> bool:
    """"ruled out retaliatory tariffs", "refused to impose", "no plan to impose": the measure is not taken."""
    return _denied(verb, rules) or _under_no(verb)


def _denied(verb: Token, rules: ClaimRules) -> bool:
    tok = verb
    for _ in range(4):
        word = base(tok.text, rules)
        if word in rules.denials or (word == "rule" and any(c.lower_ == "out" for c in tok.children)):
            return True
        # "bars any minister from increasing quotas or cutting tariffs" reaches "bars" through "from"
        shared = tok.dep_ == "conj" and tok.head.dep_ == "pcomp"
        if tok.head.i == tok.i or not (shared or tok.dep_ in {"xcomp", "dobj", "ccomp", "pcomp", "prep"}):
            return False
        tok = tok.head
    return False


def requested(verb: Token, rules: ClaimRules) -> bool:
    """"urged Washington to scrap the duty", "asked the United States to lower its tariffs", "pressing Beijing to
    lift the tariffs", "Canada wanted U.S. tariffs removed", "the EU should reconsider its duties", "urged Ottawa to
    replace the surtax with a quota": an easing or a rethink asked of the one who would grant it, wished for or
    advised, a request rather than the easing."""
    word = base(verb.text, rules)
    if rules.verb_actions.get(word) not in rules.relief_actions | {"lowered"} and word not in rules.reconsider_verbs:
        return False
    head = base(verb.head.text, rules)
    return (verb.dep_ == "xcomp" and rules.verb_actions.get(head) == "relief_sought") or (
        verb.dep_ in {"xcomp", "ccomp"} and head in rules.wish_verbs) or any(
        c.dep_ == "aux" and c.lower_ in rules.advice_modals for c in verb.children)


def is_spared(verb: Token, trigs: list[Token], rules: ClaimRules) -> bool:
    """"Goods covered by the truck tariff are not subject to the 40% duty on Brazil": a negated in-force phrase over
    the tariff exempts from it, where a negated action ("did not impose") takes nothing."""
    if not any(c.dep_ == "neg" and c.lower_ in rules.negations for c in verb.children):
        return False
    return _phrase_action(verb, trigs, rules) == "imposed" and any(
        t.dep_ == "pobj" and t.head.lower_ == "to" for t in trigs)


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
    """"will impose a 35% tariff if Ottawa fails to act", also when the parse hangs the "if" clause on the
    tariff's object ("a surcharge on electricity exported to three states if ..."), or the measure is the
    condition itself ("if Trump went ahead with raising tariffs"): a threat, not a decision."""
    if any(t.dep_ == "mark" and is_condition(t, rules) and t.head.dep_ == "advcl" for t in verb.subtree):
        return True
    ahead = any(c.dep_ == "aux" and c.lower_ in rules.future_aux | rules.modals for c in verb.children)
    if ahead and verb.dep_ == "ccomp" and any(c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and is_condition(m, rules) for m in c.children) for c in verb.head.children):
        return True  # "the EU will answer with countermeasures if Washington puts ..., the commissioner said": the
        # parse hangs the condition on the reporting verb
    return any(a.dep_ == "advcl" and any(m.dep_ == "mark" and is_condition(m, rules) for m in a.children)
               for a in [verb, *list(verb.ancestors)[:3]])


def is_condition(mark: Token, rules: ClaimRules) -> bool:
    """"if", or a two-word condition ("in case")."""
    after = mark.doc[mark.i + 1].lower_ if mark.i + 1 < len(mark.doc) else ""
    return mark.lower_ in rules.conditions or f"{mark.lower_} {after}" in rules.conditions


def _under_threat(verb: Token, rules: ClaimRules) -> bool:
    """"threatened to impose", "is considering imposing", "warned it would raise", "is ready to hit": the
    action is the threat's."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in {"xcomp", "ccomp"} or tok.head.i == tok.i:
            return False
        tok = tok.head
        if rules.verb_actions.get(base(tok.text, rules)) == "threatened" or tok.lower_ in rules.threat_heads:
            return True
    return False


def _is_future(verb: Token, rules: ClaimRules, *, heads: frozenset[str] | None = None) -> bool:
    """"will impose", "plans to impose", "Canada to impose" (headline): an announced measure; `heads` narrows
    the verbs whose "to" clause is ahead (default: `future_heads`)."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & rules.future_aux:
        return True
    if "to" in aux:
        ahead = rules.future_heads if heads is None else heads
        return verb.dep_ == "ROOT" or (verb.dep_ == "xcomp" and base(verb.head.text, rules) in ahead) or (
            _planned(verb, rules))
    return False


def _planned(verb: Token, rules: ClaimRules) -> bool:
    """"Mexico's plan to raise duties", "a proposal to cut quotas and to charge 50% above them": the "to" clause of
    a plan, or one conjoined to it."""
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    return verb.dep_ == "acl" and verb.head.lower_ in rules.plan_nouns


def scheduled_change(verb: Token, trigs: list[Token], rules: ClaimRules) -> str | None:
    """"Tariffs on cabinets are scheduled to rise to 50%", "the duty is set to climb to 30%": the rise or cut a
    future head schedules for the tariff it has as subject (raised or lowered, announced by `with_modality`)."""
    if base(verb.text, rules) not in rules.future_heads or not any(
            t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == verb.i for t in trigs):
        return None
    changes = (rules.subject_verb_actions.get(base(c.text, rules)) for c in verb.children if c.dep_ == "xcomp")
    return next((c for c in changes if c in _CHANGES), None)


def effective_date(sent: Span, rules: ClaimRules) -> str | None:
    """The date a measure starts: "starting Aug. 1", "on April 2"."""
    for ent in sent.ents:
        if ent.label_ == "DATE" and ent.start > sent.start and sent.doc[ent.start - 1].lower_ in rules.date_intro:
            return ent.text
    return None


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


def _verb_action(verb: Token, trigs: list[Token], rules: ClaimRules) -> tuple[str | None, bool]:
    """(action of the verb, whether the verb rules the measure out): "ruled" without "against" or "struck"
    without "down" says nothing about a tariff."""
    word = base(verb.text, rules)
    if word in rules.holding_verbs:  # "Japan has a 35% tariff on rice", not "has concerns about tariffs"
        return ("imposed" if any(t.dep_ == "dobj" and t.head.i == verb.i for t in trigs) else None), False
    if word == "lift" and any(c.lower_ == "to" and c.dep_ == "prep" for c in verb.children):  # not "to lift"
        return "raised", False
    if word == "rule":
        if any(c.lower_ == "against" for c in verb.children):
            return "struck_down", False
        asking = any(rules.verb_actions.get(base(a.text, rules)) == "relief_sought" for a in list(verb.ancestors)[:3])
        return ("relief_sought", False) if asking else (None, True)  # "asked the WTO to rule on China's duties"
    if word in rules.future_heads and any(c.dep_ == "xcomp" for c in verb.children):
        return None, False  # "the duty is set to climb": "set" here schedules, it imposes nothing
    if word in rules.outcome_verbs:  # "a probe that could lead to new tariffs": a possible measure, never a taken one
        modal = any(c.dep_ == "aux" and c.lower_ in rules.modals for c in verb.children)
        return ("threatened" if modal else None), False
    if word in rules.answer_verbs:  # "answered the tariffs with a 20% duty on pork"; not "answered questions"
        withs = [t for t in trigs if t.dep_ == "pobj" and t.head.lower_ == "with" and verb.i in {
            t.head.head.i, t.head.head.head.i}]  # the parse may hang "with" on the object answered
        return ("retaliated" if withs else None), False
    if word in {"strike", "roll"}:
        particles = {c.lower_ for c in verb.children} & {"down", "back"}
        if not particles:
            return None, True
        if word == "strike":  # "struck down the duties"; "strikes back at U.S. tariffs with levies" retaliates
            return ("struck_down" if "down" in particles else "retaliated"), False
        return "lowered", False
    return rules.verb_actions.get(word), False


def action(verb: Token | None, trigs: list[Token], sent: Span, rules: ClaimRules) -> tuple[str | None, bool]:
    """(action, whether a verb of that action chose it); a specific verb beats the noun."""
    verb_action = None
    exempting = [h for t in trigs for h in list(t.ancestors)[:5] if rules.verb_actions.get(base(h.text, rules))
                 == "exempted"]
    if (exempting and any(rules.verb_actions.get(base(a.text, rules)) == "relief_sought"
                          for a in list(exempting[0].ancestors)[:2])) or (verb is not None and requested(verb, rules)):
        return "relief_sought", True  # "urged Washington to exempt auto parts from the tariffs": a request
    if verb is not None and base(verb.text, rules) in rules.petition_verbs and any(
            a.lower_ in rules.relief_nouns for t in trigs for a in list(t.ancestors)[:4] if verb in a.ancestors):
        return "relief_sought", True  # "applied for exclusions from the 25% tariff": a request made by procedure
    if exempting:  # "exempts firms from paying duties" names the exempter; "goods remain exempt from" the exempted
        return "exempted", exempting[0].pos_ == "VERB" and exempting[0].tag_ != "VBN"
    if any(t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lower_ in rules.bargain_nouns and any(
            w.lower_ in rules.lower_words for w in t.lefts) for t in trigs):
        return "relief_sought", False  # "offered purchases in exchange for a lower tariff": a cut bargained for
    if any(w.lower_ in rules.challenge_nouns and (w.i == a.i or w.dep_ == "dobj")
           for t in trigs for a in list(t.ancestors)[:4] for w in [a, *a.children]):
        return "relief_sought", False  # "filed a WTO complaint over Washington's steel tariffs"
    if verb is not None and (change := scheduled_change(verb, trigs, rules)) is not None:
        return change, True
    if verb is not None and _ruled_out(verb, rules):
        return "struck_down", True
    if verb is not None and permitted(verb, trigs, rules):
        return "threatened", True
    if verb is not None:
        verb_action, none = _verb_action(verb, trigs, rules)
        if none:
            return None, False
    phrase = _phrase_action(verb, trigs, rules)
    if phrase and phrase != "imposed" and verb_action in {None, "imposed"}:
        return phrase, True
    in_force = phrase == "imposed"  # "subject to", "in place": a noun may still say more ("counter-tariffs")
    verb_action = "imposed" if in_force and verb_action is None else verb_action
    if verb is not None and all(trigger_is_subject(t, verb) for t in trigs):
        found = rules.subject_verb_actions.get(base(verb.text, rules)) or ("imposed" if in_force else None)
        if found is None and any(own_rate(t) is not None for t in trigs):
            found = "imposed"  # "the 50% U.S. tariff erodes margins": a stated rate is a measure in force
        if found is None and any(rules.verb_actions.get(base(c.text, rules)) == "imposed"
                                 for t in trigs for c in relative_clauses(t)):
            found = "imposed"  # "the tariff, imposed in March in retaliation for ..., covers pork"
        if found == "imposed":
            found = noun_action(trigs, sent, rules) or found
        return found, True
    if verb_action in {None, "imposed", "raised"} and verb is not None and verb.dep_ == "pcomp" and (
            verb.head.lower_ == "by" and rules.verb_actions.get(base(verb.head.head.text, rules)) == "retaliated"):
        return "retaliated", True  # "Seoul retaliated by imposing duties", "responded by raising tariffs"
    if verb_action in {None, "imposed", "announced", "raised"} and verb is not None and verb.dep_ == "advcl" and (
            verb.tag_ == "VBG" and _hits_back(verb.head, rules)):
        return "retaliated", True  # "Beijing hit back on Friday, announcing a 15% tariff on American coal"
    if verb_action and verb_action != "imposed":
        return verb_action, True
    if verb is not None and any(base(c.text, rules) == "retaliate" for c in verb.children
                                if c.dep_ in {"advcl", "xcomp"}):
        return "retaliated", True
    relative = clause_action(trigs, rules)
    if verb_action is None and relative is not None:
        return relative, True  # "down from the 30% rate Trump had threatened"
    noun = noun_action(trigs, sent, rules)
    if noun and not (verb_action == "imposed" and noun in {"threatened", "announced"}):
        return noun, False  # "imposed the planned tariffs" is imposed
    return ("imposed", False) if verb is None or verb_action == "imposed" else (None, False)


def permitted(verb: Token, trigs: list[Token], rules: ClaimRules) -> bool:
    """"could turn to Section 122, which allows tariffs of up to 15%", "the law lets a president set duties": a tariff
    a law permits is a measure that may come, not one in force (one it does not permit is no measure, or a ruling's)."""
    allower = verb if base(verb.text, rules) in rules.permit_verbs else (
        verb.head if verb.dep_ in {"ccomp", "xcomp"} and base(verb.head.text, rules) in rules.permit_verbs else None)
    if allower is None or any(c.dep_ == "neg" for c in allower.children):
        return False
    if allower is verb:
        return any(t.dep_ == "dobj" and t.head.i == verb.i for t in trigs)  # "allows tariffs of up to 15%"
    # "allows tariffs of up to 15% to ...", "lets a president set duties", not "lets cars enter at a 10% tariff"
    imposing = rules.verb_actions.get(base(verb.text, rules)) in {"imposed", "raised"}
    return any(t.head.i == verb.i and (t.dep_ == "nsubj" or (t.dep_ == "dobj" and imposing)) for t in trigs)


def _ruled_out(verb: Token, rules: ClaimRules) -> bool:
    """"blocked Thailand from imposing tariffs", "ruled that the president lacked the authority to impose them", "ruled
    that the law does not allow the president to impose tariffs": a ruling against the measure, not the measure."""
    if rules.verb_actions.get(base(verb.text, rules)) not in {"imposed", "raised"}:
        return False
    for tok in list(verb.ancestors)[:4]:
        word = base(tok.text, rules)
        if tok.lower_ == "from" and rules.verb_actions.get(base(tok.head.text, rules)) == "struck_down":
            return True
        if tok.lower_ in rules.authority_nouns and base(tok.head.text, rules) in rules.lacking_verbs:
            return True
        if word in rules.permit_verbs and any(c.dep_ == "neg" for c in tok.children) and any(
                base(a.text, rules) in rules.ruling_verbs for a in tok.ancestors):
            return True
    return False


def _hits_back(verb: Token, rules: ClaimRules) -> bool:
    """"retaliated", "hit back", "struck back", "fought back" (not "pushed back", an objection): a verb that answers
    another's measure."""
    return rules.verb_actions.get(base(verb.text, rules)) == "retaliated" or (
        base(verb.text, rules) in rules.back_verbs and any(
            c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in verb.children))


def with_modality(found: str, verb: Token | None, trigs: list[Token], sent: Span, rules: ClaimRules) -> str:
    """A threat's verb, a condition or a modal ("could", "may") makes a threat; a future ("will impose",
    "plans to") or a dated "would" ("would take effect on April 2") an announcement. Not when the modal is
    on the tariff's effect ("could cost jobs") or on a measure staying in force ("would remain")."""
    if verb is None or found in {"threatened", "relief_sought", "exempted"}:
        return found
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head.head  # "is expected to sign an order imposing tariffs": the order's verb decides
    word = base(verb.text, rules)
    if found in _CHANGES and scheduled_change(verb, trigs, rules) is not None:
        return "announced"  # "are scheduled to rise to 30% on Jan. 1": not yet in force
    if word not in rules.subject_verb_actions and all(trigger_is_subject(t, verb) for t in trigs):
        return found
    if found in rules.decided_actions and (_under_threat(verb, rules) or _conditional(verb, rules)):
        return "threatened"
    if word in rules.continuing_verbs:
        return found
    progressive = found == "imposed" and verb.tag_ == "VBG" and word not in rules.target_subject_verbs
    if (found in _CHANGES or word in rules.adding_verbs or progressive) and _reported_intent(verb, rules):
        return "announced"
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in rules.modals}
    if modals:
        dated = modals <= rules.dated_modals and effective_date(sent, rules) is not None
        return "announced" if dated and found in {"imposed", "announced"} else "threatened"
    if found == "imposed" and verb.tag_ in {"VB", "VBD", "VBP", "VBZ"} and _starts_later(sent, rules):
        return "announced"  # "slapped a 50% tariff on Brazil, starting Aug. 1"
    if found in _DECISIONS and verb.tag_ in {"VBP", "VBZ"} and _scheduled(verb, rules):
        return "announced"  # "the order puts a 50% tariff on Brazilian goods from Aug. 6", "rises to 50% on Jan. 1"
    if found in {"imposed", "raised"} and _planned(verb, rules) and _is_future(verb, rules):
        return "announced"  # "a plan to raise duties" is not yet a raise
    if found in _CHANGES:  # "will raise tariffs on Canadian steel to 50%", "plans to cut the rate to 10%"; not
        return "announced" if _is_future(verb, rules, heads=rules.scheduling_heads) else found  # "agreed to cut"
    return "announced" if found == "imposed" and _is_future(verb, rules) else found


def due_to_start(trigs: list[Token], rules: ClaimRules) -> bool:
    """"the 34% tariff is due to take effect on April 9", "the 25% tariff, due to take effect on March 12", "is set to
    enter into force": a measure whose start a scheduling word puts ahead."""
    for trig in trigs:
        for tok in (t for t in trig.sent if t.lower_ in rules.start_words):
            start = tok.head if tok.dep_ == "dobj" else tok.head.head if tok.head.lower_ == "into" else None
            if start is None or start.dep_ != "xcomp":
                continue
            head = start.head
            if head.lower_ not in rules.scheduling_heads and base(head.text, rules) not in rules.scheduling_heads:
                continue
            if head in trig.subtree or (trig.dep_ in {"nsubj", "nsubjpass"} and trig.head.i in {head.i, head.head.i}):
                return True
    return False


def _reported_intent(verb: Token, rules: ClaimRules) -> bool:
    """"Trump said he would raise tariffs on Canada", "wrote that he was adding 10 points to the tariffs", "said he
    was imposing 10% tariffs": reported speech backshifts "I will" to "would" or tells the intent in the progressive;
    a rise or cut stated (or a tariff in the progressive), not a threat (a new tariff "would" put on stays a threat:
    the sets read it so)."""
    if verb.dep_ != "ccomp" or base(verb.head.text, rules) not in rules.reporting_verbs:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return aux == {"would"} or (verb.tag_ == "VBG" and bool(aux & rules.progressive_aux))


def _scheduled(verb: Token, rules: ClaimRules) -> bool:
    """A present-tense action with a calendar date of its own ("takes effect on Aug. 1", "applies from March 4") is
    scheduled: news style tells what is happening now without a date, and recounts with a past tense."""
    for ent in verb.sent.ents:
        intro = ent.root.head if ent.root.dep_ == "pobj" else None
        if ent.label_ == "DATE" and intro is not None and intro.lower_ in rules.scheduled_intro and any(
                t.lower_ in rules.month_words for t in ent) and (intro.head.i == verb.i or (
                intro.head.head.i == verb.i and intro.head.dep_ == "dobj")):
            return True
    return False


def _starts_later(sent: Span, rules: ClaimRules) -> bool:
    return any(ent.label_ == "DATE" and ent.start > sent.start and sent.doc[ent.start - 1].lower_ in rules.start_intro
               for ent in sent.ents)
