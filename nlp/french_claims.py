"""Tariff claims of a French text: a sentence naming a customs duty, its action read from the verb
that governs the duty (French lemmas and mood: "imposera" announced, "pourrait imposer" threatened,
"a levé" removed) and its parties from the French parse (the subject or "par X" imposes; "contre
X", "sur les produits X", "importées de X" bear it). The action and its mood live in
nlp/french_claim_modality.py, the parties in nlp/french_claim_parties.py, the rates in
nlp/french_claim_rates.py, what the article says beyond one sentence in nlp/french_claim_story.py;
words are data (nlp/data/fr/claims.toml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from nlp.french_actors import Mention
from nlp.french_claim_modality import NEAR, duty_action, is_background, is_future, is_negated
from nlp.french_claim_parties import claim_parties
from nlp.french_claim_rates import duty_rates, from_duty, rate_change, told_past
from nlp.french_claim_story import Story, country_of, pronoun_subject, referred_claims
from nlp.french_rules import FrenchClaimRules
from nlp.records import Figure, TariffClaim

MAX_HEADS = 4  # steps from the duty up to the verb that acts on it
# "l'acier importé", "les semi-conducteurs importés": goods of every origin, unless one follows ("importés de Chine")
IMPORTED = re.compile(r"\bimporté(?:e|s|es)?\b(?!\s+(?:de|du|des|d'|d’|en provenance))")


def french_claims(doc: Doc, mentions: Sequence[Mention], figures: Sequence[Figure], rules: FrenchClaimRules,
                  *, title_chars: int = 0) -> list[TariffClaim]:
    """One claim per sentence that names a duty with a party to it (one per rate when a sentence lists
    several measures: "50 % sur l'acier et 25 % sur les véhicules"), plus the measure a retaliation answers,
    in text order, the same claim restated once; a title's claim only when the body has none between the
    same parties. A party the sentence leaves unsaid comes from the article (nlp.french_claim_story)."""
    out: list[TariffClaim] = []
    seen: set[tuple[bool, str | None, str | None, str, float | None]] = set()  # title apart from body
    story = Story.of(mentions)
    headline = sum(1 for sent in doc.sents if sent.start_char < title_chars)
    for index, sent in enumerate(doc.sents):
        in_sentence = [m for m in mentions if m.party and _overlaps(m, sent)]
        found = [replace(c, evidence=sent.text.strip())
                 for c in _sentence_claims(sent, index, in_sentence, figures, story, rules)]
        if not found:
            found = referred_claims(sent, index, in_sentence, story, rules)
        found = [story.framed(c) for c in found]
        found = [c for c in found if (index < headline, c.imposer, c.target, c.action, c.rate) not in seen]
        seen.update((index < headline, c.imposer, c.target, c.action, c.rate) for c in found)
        out += found
        story.heard(sent, in_sentence, found)
    body = {c.imposer for c in out if c.sentence >= headline}
    return [c for c in out if c.sentence >= headline or c.imposer not in body]


def _overlaps(mention: Mention, sent: Span) -> bool:
    """The mention has a word in the sentence: a name the small model cuts after a dateline ("MEXICO —
    Donald | Trump a accepté...") belongs to the sentence it ends in too."""
    return mention.start < sent.end and mention.end > sent.start


def _sentence_claims(sent: Span, index: int, mentions: list[Mention], figures: Sequence[Figure], story: Story,
                     rules: FrenchClaimRules) -> list[TariffClaim]:
    answered = _answered(sent, rules)
    own = [m for m in mentions if m.start not in answered]
    trigger = _trigger(sent, rules, figures, index, skip=answered, parties={m.start for m in own})
    out: list[TariffClaim] = []
    sectors = tuple(sorted({s.label_ for s in sent.doc.spans.get("sectors", []) if sent.start <= s.start < sent.end}))
    answered_by = next((m.party for m in mentions if m.start in answered), None)
    if trigger is not None:
        verb = _verb(trigger, sent, rules)
        spared = verb is not None and is_negated(verb, rules) and _borne(verb, rules)
        if verb is not None and is_negated(verb, rules) and not spared:
            return []
        action = "exempted" if spared else duty_action(trigger, verb, sent, rules)
        if answered and action in {"imposed", "announced"}:
            action = "retaliated"
        moved = rate_change(sent, index, figures, rules)
        changed = moved is not None and action in {"imposed", "raised", "lowered"}
        if changed:
            # "ayant fait passer le taux de 25 % à 50 %": the duty changed, up or down, now or later
            action = "announced" if verb is not None and is_future(moved[0], rules) else (
                "raised" if moved[2] > moved[1] else "lowered")
        imposer, target = claim_parties(trigger, verb, action, own, sent.doc, rules)
        if imposer is None and pronoun_subject(verb, rules):
            imposer = story.speaker  # "Elle perçoit...": the government the previous sentence acted for
        if imposer is None and target is not None:
            imposer = story.imposer_on(country_of(target))
        if imposer is None and not own and duty_rates(sent, index, figures, answered, rules, inside=False) and any(
                t.lower_ in rules.history for t in sent):
            imposer = story.latest_imposer()  # "Les droits de 50 % sur l'acier demeurent en vigueur": restated
        if imposer is None and not own and action == "relief_sought":
            imposer = story.latest_imposer()  # "plaide pour l'abolition de ces droits": of the article's measure
        if imposer is not None:
            if target is None and answered_by is not None:
                target = country_of(answered_by)  # "en riposte aux surtaxes canadiennes"
            elif target is not None:
                target = country_of(target)
            elif not _global(sent, rules):
                target = story.target_of(imposer)
            if target != imposer:
                rates = duty_rates(sent, index, figures, answered, rules, inside=False)
                # an easing of a change ("repousser la hausse, qui devait passer de 25 % à 30 %"): its verb tells
                background = told_past(moved[0]) if changed and moved is not None else is_background(
                    sent, verb, action, rules)
                out += _claims(sent, index, imposer, target, action, background, verb,
                               from_duty(rates, trigger, sent, figures, index) if moved is None else [moved[2]],
                               sectors, rules)
            if out and action in {"imposed", "announced", "raised"} and _exempting(sent, rules):
                # "les produits conformes entrent en franchise de droits, tandis que les autres paient 35 %":
                # the goods spared are a measure of their own (convention 1)
                out.append(replace(out[0], action="exempted"))
    answerer = out[0].imposer if out else next((country_of(m.party) for m in mentions if m.start in answered
                                                  and country_of(m.party) != country_of(answered_by or "")), None)
    if answered_by is not None and answerer is not None and answerer != country_of(answered_by):
        # the measure a retaliation answers is in force: its imposer is the one retaliated against ("Il s'agit
        # d'une réponse aux droits canadiens imposés sur les véhicules chinois": Canada's duty on China)
        rate = next(iter(duty_rates(sent, index, figures, answered, rules, inside=True)), None)
        told = next((rules.verb_actions[t.lemma_] for t in sent if t.i in answered and t.pos_ == "VERB"
                     and rules.verb_actions.get(t.lemma_) in {"imposed", "announced"}), "imposed")
        out.append(TariffClaim(imposer=country_of(answered_by), target=answerer, action=told,
                               sentence=index, evidence=sent.text.strip(), sectors=sectors, rate=rate,
                               background=True))
    return out


def _claims(sent: Span, index: int, imposer: str, target: str | None, action: str, background: bool,
            verb: Token | None, rates: list[float], sectors: tuple[str, ...],
            rules: FrenchClaimRules) -> list[TariffClaim]:
    future = verb is not None and is_future(verb, rules)
    if background and action == "announced" and not future:
        action = "imposed"  # "exige depuis le 14 août": the demand is in force
    background = background and not (action == "announced" and future)
    # a change of rate ("de 25 % à 50 %", "réduiront de 20 % à 10 %") is one measure at its new rate
    change = verb is not None and rules.verb_actions.get(verb.lemma_) in {"raised", "lowered"}
    # duties in force may be listed ("50 % sur l'acier et 25 % sur les véhicules"); an easing is of one measure
    listed = (rates if action in {"imposed", "retaliated"} and background and not change else
              rates[-1:] if change else rates[:1]) or [None]
    return [TariffClaim(imposer=imposer, target=target, action=action, sentence=index, evidence=sent.text.strip(),
                        sectors=sectors, rate=rate, background=background) for rate in listed]


def _answered(sent: Span, rules: FrenchClaimRules) -> set[int]:
    """The words of the measure a retaliation answers ("en riposte aux surtaxes canadiennes", "en réponse
    aux droits sur l'acier", "une mesure de rétorsion face aux surtaxes"): the phrase after the answer word,
    to the end of its clause, or of the sentence when the sentence's own duty came first ("Les droits
    interviennent en représailles aux droits qu'Ottawa a introduits, notamment une surtaxe de 100 %")."""
    for tok in sent:
        if tok.lower_ not in rules.answer_words:
            continue
        at = tok.i + 1 + (tok.i + 2 < sent.end and tok.nbor(1).lower_ == "face")
        if at >= sent.end or sent.doc[at].lower_ not in {"à", "aux", "au"}:
            continue
        first = any(t.lower_ in rules.weak_triggers or t.lower_ in rules.noun_actions
                    for t in sent[:tok.i - sent.start])
        end = sent.end if first else next((t.i for t in sent[at - sent.start + 1:] if (
            t.is_punct and t.text not in {"%", "'", "’"}) or t.lower_ in {"et", "mais", "puis"}), sent.end)
        return set(range(tok.i + 1, end))
    return set()


def _borne(verb: Token, rules: FrenchClaimRules) -> bool:
    """Goods the duty is said not to hit ("les produits conformes ne sont pas visés par ces droits", "ne seront
    pas touchés"): a passive of imposing, negated, spares them."""
    return rules.verb_actions.get(verb.lemma_) == "imposed" and any(c.dep_ in {"aux:pass", "nsubj:pass"}
                                                                    for c in verb.children)


def _exempting(sent: Span, rules: FrenchClaimRules) -> bool:
    """The sentence spares some goods from the duty ("en franchise de droits", "sont exemptés"), unless it
    denies it ("ne sont pas exemptés")."""
    text = sent.text.lower()
    if not any(w in text for w in rules.exemption_marks):
        return False
    return not any(t.lower_ in {"ne", "n'", "n’"} and t.head.lemma_ in rules.verb_actions for t in sent)


def _global(sent: Span, rules: FrenchClaimRules) -> bool:
    """"aux pays qui...", "sur toutes les importations": a measure on every origin has no target."""
    text = sent.text.lower()
    return any(w in text for w in rules.global_words) or IMPORTED.search(text) is not None


def _trigger(sent: Span, rules: FrenchClaimRules, figures: Sequence[Figure], index: int, *,
             skip: set[int], parties: set[int]) -> Token | None:
    """The first token of a duty named in the sentence outside the `skip` words; a weak word ("droits",
    "tarifs") only with a customs word or a percent in the sentence or a nationality in its own phrase ("droits
    américains", "droits sur les véhicules chinois"), and not in another sense after it; a percent paid at
    the border ("l'acier canadien paie toujours 50 % à la frontière") with no duty word."""
    words = [t.lower_ for t in sent]
    for i in range(len(words)):
        for phrase in rules.triggers:
            if tuple(words[i:i + len(phrase)]) == phrase and sent[i].i not in skip:
                return sent[i]
    percent = any(f.sentence == index and f.unit == "percent" for f in figures)
    customs = any(t.text in rules.customs_words or t.lower_ in rules.customs_words or t.lemma_ in rules.customs_words
                  for t in sent)
    for tok in sent:
        if tok.lower_ not in rules.weak_triggers or tok.i in skip or (tok.i > 0 and tok.nbor(-1).lower_ == "sans"):
            continue  # "des importations sans droits" are duty-free
        if not (customs or percent or _national(tok, parties)):
            continue
        after = sent.doc.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 40].lstrip()
        if any(after.startswith(p) for p in rules.not_after):
            continue
        return tok
    for tok in sent:  # "a levé la majeure partie de ces mesures": a measure the article named, acted on
        if tok.lower_ in rules.measure_nouns and any(c.lower_ in {"ces", "cette", "ses", "sa", "leurs"}
                                                     for c in tok.children):
            acting = [a for a in list(tok.ancestors)[:MAX_HEADS] if a.pos_ in {"VERB", "AUX"}]
            if acting and rules.verb_actions.get(acting[0].lemma_, "imposed") != "imposed":
                return tok
    if percent and any(t.lower_ == "frontière" for t in sent):
        pays = next((t for t in sent if t.lemma_ in rules.paying_verbs or t.lower_ in rules.paying_verbs), None)
        return next((t for t in sent if t.text == "%" and t.i > pays.i), None) if pays is not None else None
    return None


def _national(tok: Token, parties: set[int]) -> bool:
    """A nationality in the duty's phrase: "droits américains", "droits sur les véhicules chinois"."""
    near = [t for t in tok.doc[tok.i + 1:tok.i + NEAR]]
    near = near[:next((k for k, t in enumerate(near) if t.is_punct), len(near))]
    return any(t.i in parties and t.pos_ == "ADJ" for t in [*tok.subtree, *near])


def _verb(trigger: Token, sent: Span, rules: FrenchClaimRules) -> Token | None:
    """The verb that acts on the duty: up the parse from it, else the nearest action verb, else the root."""
    tok = trigger
    for _ in range(MAX_HEADS):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX", "ADJ"} and tok.lemma_ in rules.verb_actions and not _incise(tok, trigger, rules):
            return tok  # a participle the model tags ADJ too ("les transformateurs touchés par les droits")
    acting = [t for t in sent if t.pos_ in {"VERB", "AUX"} and t.lemma_ in rules.verb_actions
              and not _incise(t, trigger, rules)]
    if acting:
        return min(acting, key=lambda t: abs(t.i - trigger.i))
    return sent.root if sent.root.pos_ in {"VERB", "AUX"} else None


def _incise(verb: Token, trigger: Token, rules: FrenchClaimRules) -> bool:
    """"La Chine suspendra les droits ..., a annoncé la commission": a verb of telling set off by a comma
    after the duty reports the action, it is not the action."""
    if verb.i < trigger.i or (verb.lemma_ not in rules.telling_verbs and verb.lower_ not in rules.telling_verbs):
        return False
    first = min([verb, *(c for c in verb.children if c.dep_.startswith("aux"))], key=lambda t: t.i)
    return first.i > 0 and first.nbor(-1).text == ","
