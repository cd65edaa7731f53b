"""What a French article tells beyond one sentence, for the claims whose sentence leaves a party unsaid:
who "Elle" or "Il" is (the government the previous sentence acted for), and whose goods a measure hits
when the sentence names no target (convention 3: the target the article makes clear)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from nlp.french_actors import Mention
from nlp.places import region_country
from nlp.records import TariffClaim

PRONOUNS = frozenset({"il", "elle", "ils", "elles"})


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


def pronoun_subject(verb: Token | None) -> bool:
    """"Elle perçoit", "Il a annoncé", "menace-t-elle d'imposer": the acting verb (or the verb it completes)
    has a personal pronoun for subject."""
    if verb is None:
        return False
    for tok in (verb, verb.head):
        for c in tok.children:
            if c.dep_.startswith("nsubj"):
                return c.lower_ in PRONOUNS
        if tok.dep_ not in {"xcomp", "conj"}:
            break
    return False
