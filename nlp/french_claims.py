"""Tariff claims of a French text: a sentence naming a customs duty, its action read from the verb
that governs the duty (French lemmas and mood: "imposera" announced, "pourrait imposer" threatened,
"a levé" removed) and its parties from the French parse (the subject or "par X" imposes; "contre
X", "sur les produits X", "importées de X" bear it). Words are data (nlp/data/fr/claims.toml)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from nlp.french_actors import Mention
from nlp.french_rules import FrenchClaimRules
from nlp.places import region_country
from nlp.records import Figure, TariffClaim

MAX_HEADS = 4  # steps from the duty up to the verb that acts on it


def french_claims(doc: Doc, mentions: Sequence[Mention], figures: Sequence[Figure], rules: FrenchClaimRules,
                  *, title_chars: int = 0) -> list[TariffClaim]:
    """One claim per sentence that names a duty with a party to it (one per rate when a sentence lists
    several measures: "50 % sur l'acier et 25 % sur les véhicules"), in text order, the same claim
    restated once; a title's claim only when the body has none between the same parties."""
    out: list[TariffClaim] = []
    seen: set[tuple[str | None, str | None, str, float | None]] = set()
    headline = sum(1 for sent in doc.sents if sent.start_char < title_chars)
    for index, sent in enumerate(doc.sents):
        trigger = _trigger(sent, rules, figures, index)
        if trigger is None:
            continue
        verb = _verb(trigger, sent, rules)
        if verb is not None and _negated(verb, rules):
            continue
        action = _action(trigger, verb, sent, rules)
        in_sentence = [m for m in mentions if sent.start <= m.start < sent.end and m.party]
        imposer, target = _parties(trigger, verb, in_sentence, doc, rules)
        if imposer is None:
            continue
        target = _country_of(target) if target else _home(mentions, imposer)
        background = _background(sent, verb, action, rules)
        if background and action == "announced" and not (verb is not None and _future(verb)):
            action = "imposed"  # "exige depuis le 14 août": the demand is in force
        rates = list(dict.fromkeys(f.value for f in figures if f.sentence == index and f.unit == "percent"
                                   and not _share(f, sent)))
        # a change of rate ("de 25 % à 50 %") is one measure at its new rate
        listed = rates if action not in {"raised", "lowered"} and background else rates[-1:] or [None]
        sectors = tuple(sorted({s.label_ for s in doc.spans.get("sectors", []) if sent.start <= s.start < sent.end}))
        for rate in listed:
            key = (imposer, target, action, rate)
            if key in seen:
                continue
            seen.add(key)
            out.append(TariffClaim(imposer=imposer, target=target, action=action, sentence=index,
                                   evidence=sent.text.strip(), sectors=sectors, rate=rate, background=background))
    body = {c.imposer for c in out if c.sentence >= headline}
    return [c for c in out if c.sentence >= headline or c.imposer not in body]


def _share(figure: Figure, sent: Span) -> bool:
    """"85 % des exportations" measures a share of something, not a duty's rate."""
    at = sent.text.find(figure.text)
    return at >= 0 and sent.text[at + len(figure.text):].lstrip().startswith(("des ", "de ", "du ", "d'", "d’"))


def _country_of(code: str) -> str:
    """A duty falls on a country's goods: "le bois québécois" is Canada's ("CA-QC" -> "CAN")."""
    return region_country(code) or code if "-" in code else code


def _home(mentions: Sequence[Mention], imposer: str) -> str | None:
    """The target a sentence leaves unsaid: Canada, when a foreign government acts in a text that names
    Canada (this is Canadian French news: "les droits imposés par Washington" fall on Canadian goods)."""
    if imposer == "CAN" or imposer.startswith("CA-"):
        return None
    return "CAN" if any(m.party == "CAN" or (m.party or "").startswith("CA-") for m in mentions) else None


def _trigger(sent: Span, rules: FrenchClaimRules, figures: Sequence[Figure], index: int) -> Token | None:
    """The first token of a duty named in the sentence; a weak word ("droits", "tarifs") only with a
    customs word or a percent in the sentence and not in another sense after it."""
    words = [t.lower_ for t in sent]
    for i in range(len(words)):
        for phrase in rules.triggers:
            if tuple(words[i:i + len(phrase)]) == phrase:
                return sent[i]
    percent = any(f.sentence == index and f.unit == "percent" for f in figures)
    customs = any(t.text in rules.customs_words or t.lower_ in rules.customs_words for t in sent)
    for tok in sent:
        if tok.lower_ not in rules.weak_triggers or not (customs or percent):
            continue
        after = sent.doc.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 40].lstrip()
        if any(after.startswith(p) for p in rules.not_after):
            continue
        return tok
    return None


def _verb(trigger: Token, sent: Span, rules: FrenchClaimRules) -> Token | None:
    """The verb that acts on the duty: up the parse from it, else the nearest action verb, else the root."""
    tok = trigger
    for _ in range(MAX_HEADS):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ in rules.verb_actions:
            return tok
    acting = [t for t in sent if t.pos_ in {"VERB", "AUX"} and t.lemma_ in rules.verb_actions]
    if acting:
        return min(acting, key=lambda t: abs(t.i - trigger.i))
    return sent.root if sent.root.pos_ in {"VERB", "AUX"} else None


def _negated(verb: Token, rules: FrenchClaimRules) -> bool:
    """"n'imposera pas", "sans promettre de lever"."""
    if any(c.lower_ == "sans" for t in (verb, verb.head) for c in t.children):
        return True
    return any(c.lower_ in rules.negations and c.dep_ == "advmod" for c in verb.children) and any(
        c.lower_ in {"ne", "n'", "n’"} for c in verb.children)


def _action(trigger: Token, verb: Token | None, sent: Span, rules: FrenchClaimRules) -> str:
    found = rules.verb_actions.get(verb.lemma_) if verb is not None else None
    nouns = [rules.noun_actions[t.lower_] for t in sent if t.lower_ in rules.noun_actions]
    if found is None and nouns:
        found = nouns[0]
    found = found or "imposed"
    if found in {"imposed", "announced"} and "retaliated" in nouns:
        found = "retaliated"
    if found in {"imposed", "announced", "retaliated", "raised"} and _threat(verb, sent, rules):
        return "threatened"
    if found == "imposed" and verb is not None and _future(verb):
        return "announced"
    return found


def _threat(verb: Token | None, sent: Span, rules: FrenchClaimRules) -> bool:
    """A conditional or a threat governs the action ("pourrait imposer", "menace d'imposer", "si ...")."""
    if verb is None:
        return False
    chain = [verb, *list(verb.ancestors)[:2], *[c for c in verb.children if c.dep_.startswith("aux")]]
    if any("Cnd" in t.morph.get("Mood") for t in chain) or any(t.lemma_ in rules.threat_heads for t in chain):
        return True
    return any(t.lower_ in rules.conditions and t.dep_ == "mark" for t in verb.subtree)


def _future(verb: Token) -> bool:
    """"imposera", "entreront en vigueur", "va imposer"."""
    chain = [verb, *[c for c in verb.children if c.dep_.startswith("aux")], verb.head]
    return any("Fut" in t.morph.get("Tense") for t in chain) or (verb.head.lemma_ == "aller" and verb.dep_ == "xcomp")


def _parties(trigger: Token, verb: Token | None, mentions: list[Mention], doc: Doc,
             rules: FrenchClaimRules) -> tuple[str | None, str | None]:
    """(imposer, target): who acts (the verb's subject, "par X", a nationality of the duty itself) and
    who bears it (after "contre", "sur", "aux", or a nationality of the goods)."""
    imposers: list[str] = []
    targets: list[str] = []
    children = verb.children if verb is not None else []
    subject = {t.i for c in children if c.dep_.startswith("nsubj") for t in c.subtree}
    for m in mentions:
        head = doc[m.start]
        before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
        of_duty = (head.head == trigger and head.dep_ in {"amod", "nmod"}) or (
            before[-1:] in (["du"], ["de"], ["d'"]) and trigger in list(head.ancestors)[:2] and len(before) > 1
            and before[-2] not in rules.goods_nouns and not before[-2].startswith(rules.origin_words))
        of_goods = head.dep_ == "amod" and head.head.lower_ in rules.goods_nouns
        if m.start in subject or (before and before[-1] == "par") or of_duty:
            imposers.append(m.party)
        elif of_goods or any(b in rules.target_preps for b in before):
            targets.append(m.party)
        else:
            imposers.append(m.party)
    pays = next((t for t in trigger.sent if t.lemma_ in rules.paying_verbs or t.lower_ in rules.paying_verbs), None)
    if pays is not None:
        # "les producteurs québécois paient ... aux États-Unis": who pays bears the duty, whom it is paid to imposes it
        targets = [m.party for m in mentions if m.start < pays.i]
        imposers = [m.party for m in mentions if m.start > pays.i]
    imposer = imposers[0] if imposers else (targets.pop(0) if len(targets) > 1 else None)
    target = next((t for t in targets if t != imposer), None)
    if target is None:
        target = next((p for p in imposers[1:] if p != imposer), None)
    return imposer, target


def _background(sent: Span, verb: Token | None, action: str, rules: FrenchClaimRules) -> bool:
    """The sentence restates a measure in force or past ("en vigueur depuis mars", "avait imposé")."""
    if any(t.lower_ in rules.history for t in sent):
        return True
    if verb is None:
        return action == "imposed"
    # "paient 35 %", "avait imposé": a duty simply in force, or told in the imperfect, is not news
    return "Imp" in verb.morph.get("Tense") or (action == "imposed" and "Pres" in verb.morph.get("Tense"))
