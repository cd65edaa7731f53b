"""Who imposes a French duty and whose goods bear it, from the parse of its sentence: the verb's subject,
"par X" or a nationality of the duty imposes; "contre X", "sur les produits X", "importées de X", a nationality
of the goods bear it; who pays bears it; who asks relief is the target. Words are data
(nlp/data/fr/claims.toml)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.french_actors import Mention
from nlp.french_claim_modality import is_urged
from nlp.french_rules import FrenchClaimRules


def claim_parties(trigger: Token, verb: Token | None, action: str, mentions: list[Mention], doc: Doc,
                  rules: FrenchClaimRules) -> tuple[str | None, str | None]:
    """(imposer, target): who acts (the verb's subject, "par X", a nationality of the duty itself) and
    who bears it (after "contre", "sur", "aux", or a nationality of the goods). In a request or a challenge
    the asking side is the target ("La Chine conteste les surtaxes du Canada")."""
    asking: list[str] = []
    if action == "threatened" and verb is not None and is_urged(verb, rules):
        # who urges is no party: the one urged imposes ("Ford a exhorté Ottawa à imposer des droits")
        ask = next(t for t in reversed(doc[verb.sent.start:verb.i]) if t.lemma_ in rules.request_words
                   or t.lower_ in rules.request_words)
        mentions = [m for m in mentions if m.start > ask.i]
    elif action == "relief_sought" and verb is not None:
        ask = next((t for t in reversed(doc[verb.sent.start:verb.i + 1]) if t.lemma_ in rules.request_words
                    or t.lower_ in rules.request_words or rules.verb_actions.get(t.lemma_) == "relief_sought"), verb)
        asking = [m.party for m in mentions if m.start < ask.i and m.party]
        mentions = [m for m in mentions if m.start > ask.i]
    imposers: list[str] = []
    targets: list[str] = []
    goods = {i for span in doc.spans.get("sectors", []) for i in range(span.start, span.end)}
    children = list(verb.children) if verb is not None and not asking else []
    subject = {t.i for c in children if c.dep_.startswith("nsubj") for t in c.subtree}
    # "L'industrie canadienne est frappée par une taxe": a passive's subject bears the duty
    borne = {t.i for c in children if c.dep_ == "nsubj:pass" for t in c.subtree}
    for m in mentions:
        head = doc[m.start]
        before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
        if before[-1:] in (["en"], ["dans"]) and not (len(before) > 1 and before[-2].startswith(rules.origin_words)):
            continue  # "lors d'un évènement en Ohio"; but "fabriqués en Chine" names the goods' origin
        of_duty = (head.head == trigger and head.dep_ in {"amod", "nmod"}) or (
            before[-1:] in (["du"], ["de"], ["d'"]) and trigger in list(head.ancestors)[:2] and len(before) > 1
            and before[-2] not in rules.goods_nouns and not before[-2].startswith(rules.origin_words))
        # "les produits canadiens", "le soja américain", "le bois d'œuvre canadien": a nationality of the goods
        of_goods = head.dep_ == "amod" and (head.head.lower_ in rules.goods_nouns or head.head.i in goods)
        spared = action == "exempted" and m.start in subject and head.dep_ == "amod"  # "la potasse canadienne échappe"
        if (m.start in borne and verb is not None and verb.lemma_ not in rules.paying_verbs) or spared or (
                of_goods and verb is not None and verb.lemma_ not in rules.verb_actions):
            targets.append(m.party)  # goods do not impose ("Le soja américain reste frappé d'un droit")
        elif m.start in subject or (before and before[-1] == "par") or of_duty:
            imposers.append(m.party)
        elif of_goods or any(b in rules.target_preps for b in before):
            targets.append(m.party)
        else:
            imposers.append(m.party)
    pays = next((t for t in trigger.sent if t.lemma_ in rules.paying_verbs or t.lower_ in rules.paying_verbs), None)
    if pays is not None:
        # "les producteurs québécois paient ... aux États-Unis": who pays bears the duty, whom it is paid to imposes it
        # ... unless it acts in a clause of its own ("Depuis que Washington a ajouté ..., les remorques paient")
        # or is where the goods go ("entrent aux États-Unis ..., tandis que les autres paient 35 %")
        acting = {m.start for m in mentions if m.start < pays.i and ((doc[m.start].dep_.startswith("nsubj")
                  and doc[m.start].head != pays and doc[m.start].head.pos_ in {"VERB", "AUX"})
                  or (m.start > 0 and doc[m.start - 1].lower_ in {"aux", "au", "à"}))}
        targets = [m.party for m in mentions if m.start < pays.i and m.start not in acting]
        imposers = [m.party for m in mentions if m.start > pays.i or m.start in acting]
        if pays.head.lemma_ == "faire" or any(c.lemma_ == "faire" for c in pays.children):
            # "nous ferons payer au Canada un droit de 35 %": made to pay, the one after "au" bears it
            made = next((m for m in mentions if m.start > pays.i and doc[m.start - 1].lower_ in {"au", "aux", "à"}),
                        None)
            if made is not None:
                targets = [made.party]
                imposers = [m.party for m in mentions if m is not made and m.party != made.party]
        return (imposers[0] if imposers else None), (targets[-1] if targets else None)
    if asking and not imposers and verb is not None and rules.verb_actions.get(verb.lemma_) == "relief_sought":
        imposers, targets = targets, []  # "Washington réclame la fin des tarifs ... au marché canadien": of Canada
    imposer = imposers[0] if imposers else (targets.pop(0) if len(targets) > 1 else None)
    target = next((t for t in targets if t != imposer), None)
    if target is None:
        target = next((p for p in imposers[1:] + asking if p != imposer), None)
    return imposer, target
