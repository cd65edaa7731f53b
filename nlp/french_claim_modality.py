"""The action of a French duty and how the sentence holds it: the verb's action and mood ("imposera"
announced, "pourrait imposer" threatened, "presse Ottawa de retirer" a request), negation ("n'imposera
pas", "a renoncé à") and whether the sentence restates a measure in force ("depuis mars", "avait
imposé") or tells news ("sont entrés en vigueur mercredi"). Words are data (nlp/data/fr/claims.toml)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.french_rules import FrenchClaimRules

NEAR = 7  # words after a duty that still describe it


def is_negated(verb: Token, rules: FrenchClaimRules) -> bool:
    """"n'imposera pas", "sans promettre de lever"."""
    if any(c.lower_ == "sans" for t in (verb, verb.head) for c in t.children):
        return True
    if verb.head.lemma_ in rules.give_up and verb.dep_ in {"xcomp", "obl:arg", "ccomp"}:
        return True  # "a renoncé à imposer"
    return any(c.lower_ in rules.negations and c.dep_ == "advmod" for c in verb.children) and any(
        c.lower_ in {"ne", "n'", "n’"} for c in verb.children)


def duty_action(trigger: Token, verb: Token | None, sent: Span, rules: FrenchClaimRules) -> str:
    easing = _easing_head(trigger, rules)
    if easing is not None:  # asked for ("réclame la fin des tarifs", "demande ... la levée"), or done
        asked = _requested(easing, rules) or (
            verb is not None and rules.verb_actions.get(verb.lemma_) == "relief_sought")
        return "relief_sought" if asked else rules.easing_heads[easing.lower_]
    ruled = _ruling(verb, sent, rules)
    if ruled is not None:
        return ruled
    eased = next((rules.verb_actions[t.lemma_] for t in sent[trigger.i - sent.start:] if _appended(t, rules)), None)
    if eased is not None:
        return eased  # "surtaxe ontarienne de 25 % ..., vite suspendue": the duty's own participle
    found = rules.verb_actions.get(verb.lemma_) if verb is not None else None
    # a noun that carries an action counts in the duty's phrase or the verb's ("les contre-tarifs", "présentés
    # comme une riposte"), not anywhere ("..., ce qui pourrait provoquer des représailles")
    near = {*trigger.subtree, *trigger.doc[trigger.i:trigger.i + NEAR], *(verb.children if verb is not None else [])}
    nouns = [rules.noun_actions[t.lower_] for t in sorted(near, key=lambda t: t.i) if t.lower_ in rules.noun_actions]
    if found is None and nouns:
        found = nouns[0]
    found = found or "imposed"
    if found in {"imposed", "announced"} and ("retaliated" in nouns or (verb is not None and any(
            rules.verb_actions.get(a.lemma_) == "retaliated" for a in list(verb.ancestors)[:2]))):
        found = "retaliated"  # "les contre-tarifs", "répliquerait en imposant des droits"
    if found in {"imposed", "announced", "retaliated", "raised"} and is_hedged(verb, sent, rules):
        return "threatened"
    if found in {"imposed", "raised", "lowered"} and verb is not None and is_future(verb, rules):
        return "announced"  # a rise or cut promised, not yet in force
    if found == "removed" and any(w in sent.text.lower() for w in rules.list_words):
        found = "exempted"  # "a retiré le café de la liste des produits soumis à la surtaxe": goods spared
    if found in {"imposed", "announced", "raised", "retaliated"} and verb is not None and is_urged(verb, rules):
        return "threatened"  # "a exhorté Ottawa à imposer des droits de 100 %": a measure proposed, not taken
    if found in rules.easing_actions and verb is not None and _requested(verb, rules):
        return "relief_sought"  # "presse Ottawa de retirer sa surtaxe"
    return found


def _ruling(verb: Token | None, sent: Span, rules: FrenchClaimRules) -> str | None:
    """A court's ruling on the duty: a court is the subject ("La Cour d'appel a confirmé", "un tribunal bloque
    les droits") and its verb, or a word of illegality ("juge illégaux les droits"), says whether the duty is
    upheld or struck down."""
    courts = [t for t in sent if t.dep_.startswith("nsubj") and any(
        w.lower_ in rules.court_words for w in t.subtree)]
    if not courts:
        return None
    if any(t.lower_.startswith(rules.illegal_words) for t in sent):
        return "struck_down"
    rulers = [v for v in (verb, *(c.head for c in courts)) if v is not None]
    return next((rules.court_actions[v.lemma_] for v in rulers if v.lemma_ in rules.court_actions
                 and not is_negated(v, rules)), None)


def _easing_head(trigger: Token, rules: FrenchClaimRules) -> Token | None:
    """The noun of an easing the duty depends on ("la levée de la plupart des contre-tarifs", "l'abolition
    des tarifs"), or the noun of "mettre fin à la surtaxe"."""
    tok = trigger
    for _ in range(2):
        head = tok.head
        if head is tok:
            return None
        if head.lower_ in rules.easing_heads and head.pos_ == "NOUN":
            return head
        if head.lemma_ in rules.ending_verbs or head.lower_ in rules.ending_verbs:  # "a mis fin à", "mettra un terme"
            ending = next((t for t in head.doc[head.i + 1:head.i + 4] if t.lower_ in rules.easing_heads), None)
            if ending is not None:
                return ending
        if head.pos_ not in {"NOUN", "PRON"}:
            return None
        tok = head
    return None


def _appended(tok: Token, rules: FrenchClaimRules) -> bool:
    """An easing participle set off after the duty (", vite suspendue", ", levée en mai")."""
    if rules.verb_actions.get(tok.lemma_) not in rules.easing_actions or tok.pos_ not in {"ADJ", "VERB"} or tok.i < 2:
        return False
    if "Fin" in tok.morph.get("VerbForm") or not tok.lower_.endswith(rules.participle_endings):
        return False
    before = tok.nbor(-1)
    return before.text == "," or (before.pos_ == "ADV" and tok.nbor(-2).text == ",")


def _requested(verb: Token, rules: FrenchClaimRules) -> bool:
    """The easing is asked of the imposer, not done: a request word stands before the verb in its clause."""
    return any(t.lemma_ in rules.request_words or t.lower_ in rules.request_words
               for t in verb.sent[:verb.i - verb.sent.start][-8:])


def is_urged(verb: Token, rules: FrenchClaimRules) -> bool:
    """An infinitive someone is asked to carry out ("exhorte Ottawa à imposer", "demande au Canada d'imposer")."""
    return "Inf" in verb.morph.get("VerbForm") and _requested(verb, rules)


def is_hedged(verb: Token | None, sent: Span, rules: FrenchClaimRules) -> bool:
    """A conditional or a threat governs the action ("pourrait imposer", "menace d'imposer", "si ...")."""
    if verb is None:
        return False
    chain = [verb, *list(verb.ancestors)[:2], *[c for c in verb.children if c.dep_.startswith("aux")]]
    if any(t.lemma_ in rules.threat_heads for t in chain):
        return True
    if any(_conditional(t) for t in chain):
        # "a annoncé que son administration réimposerait des droits": a future told in the past, not a hedge
        return not _told(verb, rules)
    return any(t.lower_ in rules.conditions and t.dep_ == "mark" for t in verb.subtree)


def _told(verb: Token, rules: FrenchClaimRules) -> bool:
    """A verb of telling governs the clause ("a annoncé qu'il doublerait", "annonce que le Canada répliquerait")."""
    return any(a.lemma_ in rules.telling_verbs or a.lower_ in rules.telling_verbs for a in list(verb.ancestors)[:3])


def _conditional(tok: Token) -> bool:
    """"imposerait", "pourraient": the conditional, also when the model tags it as another mood."""
    return "Cnd" in tok.morph.get("Mood") or (
        "Fin" in tok.morph.get("VerbForm") and tok.lower_.endswith(("rait", "raient")))


def is_future(verb: Token, rules: FrenchClaimRules) -> bool:
    """"imposera", "entreront en vigueur", "va imposer"; a future simple the model tags as another tense
    ("doublera") by its ending."""
    chain = [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]
    chain += [verb.head] if verb.dep_ != "acl" else []  # "les producteurs touchés ... recevront": not the duty's
    if any("Fut" in t.morph.get("Tense") for t in chain) or (verb.head.lemma_ == "aller" and verb.dep_ == "xcomp"):
        return True
    if _conditional(verb) and _told(verb, rules):
        return True  # "avait annoncé qu'il doublerait", "a annoncé qu'il augmentait les droits": a plan told
    return any("Fin" in t.morph.get("VerbForm") and t.lower_.endswith(rules.future_endings) for t in chain)


def _takes_effect(sent: Span) -> bool:
    """"sont entrés en vigueur mercredi": a measure that starts now."""
    words = [t for t in sent]
    return any(t.lemma_ == "entrer" and k + 2 < len(words) and words[k + 1].lower_ == "en"
               and words[k + 2].lower_ == "vigueur" for k, t in enumerate(words))


def is_background(sent: Span, verb: Token | None, action: str, rules: FrenchClaimRules) -> bool:
    """The sentence restates a measure in force or past ("en vigueur depuis mars", "avait imposé")."""
    if any(t.lower_ in rules.history for t in sent):
        return True
    if any(t.lower_ in rules.news_words for t in sent) or _takes_effect(sent):
        return False  # "le taux combiné atteint désormais 45,19 %", "sont entrés en vigueur mercredi": news
    if verb is None or rules.verb_actions.get(verb.lemma_) is None:
        return action in {"imposed", "retaliated"}  # "l'effet des contre-tarifs a été faible": only named
    if action == "imposed" and (verb.lemma_ in rules.paying_verbs or verb.dep_ == "acl"):
        return True  # "continuent de payer 50 %", "les producteurs touchés par les droits": a duty in force
    # "paient 35 %", "avait imposé": a duty simply in force, or told in the imperfect, is not news; an
    # infinitive takes the tense of the verb it completes ("invoquait la sécurité nationale pour imposer")
    told = verb.head if "Inf" in verb.morph.get("VerbForm") and verb.head.pos_ in {"VERB", "AUX"} else verb
    imperfect = "Imp" in told.morph.get("Tense") and not _conditional(told)
    return imperfect or (action == "imposed" and "Pres" in verb.morph.get("Tense"))
