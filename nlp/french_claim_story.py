"""What a French article tells beyond one sentence, for the claims whose sentence leaves a party unsaid:
who "Elle" or "Il" is (the government the previous sentence acted for), whose goods a measure hits
when the sentence names no target (convention 3: the target the article makes clear), and the claims of a
sentence with no duty word that acts on the article's measure ("en avaient été exemptés")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from nlp.french_actors import Mention
from nlp.french_claim_modality import is_background, is_hedged, is_negated
from nlp.french_rules import FrenchClaimRules
from nlp.places import region_country
from nlp.records import TariffClaim


def country_of(code: str) -> str:
    """A duty falls on a country's goods: "le bois québécois" is Canada's ("CA-QC" -> "CAN")."""
    return (region_country(code) or code) if "-" in code else code


@dataclass(slots=True)
class Story:
    """The article's parties (every mention, counted by country) and its claims so far."""

    counts: Counter[str]
    claims: list[TariffClaim] = field(default_factory=list)
    speaker: str | None = None  # the government the latest sentence acted for

    @classmethod
    def of(cls, mentions: Sequence[Mention]) -> Story:
        return cls(Counter(country_of(m.party) for m in mentions if m.party))

    def target_of(self, imposer: str) -> str | None:
        """The target this imposer's measures had earlier in the article, else the country the article
        names most after the imposer's own (none on a tie: the article does not make it clear)."""
        earlier = next((c.target for c in reversed(self.claims) if c.imposer == imposer and c.target), None)
        if earlier is not None:
            return earlier
        return self._counterpart(country_of(imposer))

    def framed(self, claim: TariffClaim) -> TariffClaim:
        """A duty in force between two parties the article already framed as a retaliation is that retaliation
        ("Le Canada perçoit déjà un droit de 25 % sur les véhicules américains", after its counter-tariffs)."""
        if claim.action == "imposed" and any((c.imposer, c.target, c.action) == (claim.imposer, claim.target,
                                                                                 "retaliated") for c in self.claims):
            return replace(claim, action="retaliated")
        return claim

    def latest_imposer(self) -> str | None:
        """Who imposed the article's latest measure: the imposer of a rated duty whose sentence names no
        party."""
        return self.claims[-1].imposer if self.claims else None

    def imposer_on(self, target: str) -> str | None:
        """Who imposes a duty the sentence only says is paid ("l'acier canadien paie 50 % à la frontière"):
        the imposer of the article's earlier measure on the same target, else its counterpart."""
        earlier = next((c.imposer for c in reversed(self.claims) if c.target == target and c.imposer), None)
        return earlier if earlier is not None else self._counterpart(country_of(target))

    def _counterpart(self, own: str) -> str | None:
        ranked = [(n, code) for code, n in self.counts.most_common() if code != own]
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ranked[0][1]

    def heard(self, sent: Span, mentions: Sequence[Mention], claims: Sequence[TariffClaim]) -> None:
        """After a sentence: its claim's imposer, else the government its main verb's subject names, is who
        a pronoun in the next sentence stands for."""
        self.claims.extend(claims)
        if claims:
            self.speaker = claims[0].imposer
            return
        subject = {t.i for c in sent.root.children if c.dep_.startswith("nsubj") for t in c.subtree}
        party = next((m.party for m in mentions if m.start in subject and m.party), None)
        if party is not None:
            self.speaker = party


def pronoun_subject(verb: Token | None, rules: FrenchClaimRules) -> bool:
    """"Elle perçoit", "Il a annoncé", "menace-t-elle d'imposer": the acting verb (or the verb it completes)
    has a personal pronoun for subject."""
    if verb is None:
        return False
    for tok in (verb, verb.head):
        for c in tok.children:
            if c.dep_.startswith("nsubj"):
                return c.lower_ in rules.subject_pronouns
        if tok.dep_ not in {"xcomp", "conj"}:
            break
    return False


def referred_claims(sent: Span, index: int, mentions: list[Mention], story: Story,
              rules: FrenchClaimRules) -> list[TariffClaim]:
    """A sentence with no duty word that acts on the article's measure: a challenge before a trade court
    ("Le Canada a demandé des consultations à l'OMC", "maintient sa contestation devant l'OMC"), relief
    sought by the side the measure hits; an easing told with a pronoun ("en avaient été exemptés", "Ottawa
    les a suspendues"), of the measure the sentence before named."""
    text = sent.text.lower()
    party = next((country_of(m.party) for m in mentions if m.party), None)
    if any(v.lower() in text for v in rules.challenge_venues) and any(w in text for w in rules.challenge_words):
        if any(t.lower_ in {"ne", "n'", "n’"} for t in sent):
            return []
        # a challenger the sentence names by a body of its own ("Le Conseil de l'industrie forestière du Québec
        # contestera la décision") challenges the article's latest measure
        measure = next((c for c in reversed(story.claims) if party is None or (
            c.target == party and c.imposer != party)), None)
        action = "relief_sought"
    elif (lift := _lifted_easing(sent, rules)) is not None:
        # "La suspension peut être levée si ...", "Nous pouvons les réactiver": the eased measure comes back
        measure = next((c for c in reversed(story.claims) if c.action in {"suspended", "exempted"}), None)
        action = "threatened" if is_hedged(lift, sent, rules) else "announced"
    elif any(w in text for w in rules.duty_free) and not any(t.lower_ in {"ne", "n'", "n’"} for t in sent):
        # "Les produits canadiens conformes entrent aux États-Unis sans droits": the goods' country is spared
        # by the measure that hits it, else by the other country the sentence names (where the goods enter);
        # a country that is the subject lets the goods in ("Le Canada a ouvert son marché aux importations
        # américaines sans droits"): it waives its own duty on the other's goods
        parties = [country_of(m.party) for m in mentions if m.party]
        first = next((m for m in mentions if m.party), None)
        if first and len(set(parties)) > 1 and any(t.dep_.startswith("nsubj") for t in sent.doc[first.start:first.end]):
            party = next(p for p in parties if p != party)
        measure = next((c for c in reversed(story.claims) if c.target == party and c.imposer != party), None)
        other = next((p for p in parties if p != party), None)
        if measure is None and other is not None:
            measure = TariffClaim(imposer=other, target=party, action="imposed", sentence=index, evidence="")
        action = "exempted"
    else:
        verb = next((t for t in sent if rules.verb_actions.get(t.lemma_) in rules.easing_actions
                     and t.pos_ in {"VERB", "ADJ"} and _clitic(t, rules)), None)
        if verb is None or is_negated(verb, rules):
            return []
        measure = next((c for c in reversed(story.claims) if c.sentence >= index - 2), None)
        action = rules.verb_actions[verb.lemma_]
    if measure is None:
        return []
    return [TariffClaim(imposer=measure.imposer, target=measure.target, action=action, sentence=index,
                        evidence=sent.text.strip(), sectors=measure.sectors, rate=None,
                        background=is_background(sent, None, action, rules))]


def _lifted_easing(sent: Span, rules: FrenchClaimRules) -> Token | None:
    """The verb that ends an easing ("la suspension peut être levée") or brings the eased measure back
    ("les réactiver")."""
    for verb in sent:
        if verb.lemma_ in rules.reinstating_verbs and _clitic(verb, rules):
            return verb
        if rules.verb_actions.get(verb.lemma_) != "removed" or verb.pos_ not in {"VERB", "ADJ"}:
            continue
        if any(n.lower_ in rules.easing_nouns and n.head in (verb, verb.head) for n in sent):
            return verb
    return None


def _clitic(verb: Token, rules: FrenchClaimRules) -> bool:
    """A pronoun stands right before the verb and its auxiliaries ("en avaient été exemptés", "les a levées")."""
    first = min([verb, *(c for c in verb.children if c.dep_.startswith("aux"))], key=lambda t: t.i)
    return first.i > verb.sent.start and first.nbor(-1).lower_ in rules.pronoun_objects
