"""An article's claims as one list of measures: a measure told twice (headline and body, or a later
"the tariffs apply") is one claim, and a party a claim left open is taken from the article's others."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from nlp.places import region_country
from nlp.records import TariffClaim
from nlp.rules import ClaimRules

# actions a headline and its body may tell of one measure in other words ("strikes back with levies" is "will impose")
_TAKEN = frozenset({"imposed", "announced", "retaliated", "raised"})


def fold_restatements(claims: list[TariffClaim], rules: ClaimRules, *, headline: int = 0) -> list[TariffClaim]:
    """One measure told twice is one claim: the headline and the body, or a later "the tariffs apply to"
    after "China retaliated". Same parties, the same action (or "imposed" beside a more specific one, or,
    between the headline, the first `headline` sentences, and the body, beside any action but relief) and no
    conflicting rate (a headline may round 17.09% to 17%); the action first in precedence and the rated
    claim stay. In one sentence a rate-less or identical twin folds into the claim (the record could not tell
    them apart), but two rates of one action ("a 30% duty on plywood and a 12% tariff on furniture") stay two."""
    out: list[TariffClaim] = []
    for claim in claims:
        for i, kept in enumerate(out):
            if _restates(claim, kept, rules, headline=headline):
                out[i] = _merged(kept, claim, rules)
                break
        else:
            out.append(claim)
    return out


def _restates(a: TariffClaim, b: TariffClaim, rules: ClaimRules, *, headline: int) -> bool:
    if (a.imposer, a.target) != (b.imposer, b.target):
        return False
    actions = {a.action, b.action}
    # "took effect, doubling": "imposed" beside an action that says more about the same measure
    refines = len(actions) == 2 and "imposed" in actions and bool(actions & rules.specific_actions)
    same_rate = a.rate is None or b.rate is None or abs(a.rate - b.rate) < 1
    if a.sentence == b.sentence:
        twin = a.action == b.action and (a.rate is None or b.rate is None or a.rate == b.rate)
        return twin or (refines and same_rate)
    # a headline's "hits Brazil with 50% tariff" is the body's "would impose ... starting Aug. 1", and its "strikes
    # back with levies" the body's "will impose"
    staged = (a.sentence < headline) != (b.sentence < headline) and not (actions & rules.relief_actions) and (
        "imposed" in actions or ("retaliated" in actions and actions <= _TAKEN))
    # "China to add 34% tariff on U.S. goods" and "Beijing will match Washington's rate with a 34% tariff": one
    # retaliation announced twice, wherever the two sentences stand
    answered = actions == {"announced", "retaliated"} and a.rate is not None and a.rate == b.rate
    return (len(actions) == 1 or refines or staged or answered) and same_rate


def _merged(a: TariffClaim, b: TariffClaim, rules: ClaimRules) -> TariffClaim:
    """The action first in the rules' precedence, then the claim with a rate, then the unrounded rate, then
    the later (the body's over the headline's); news told once makes the measure news."""
    def rank(c: TariffClaim) -> tuple[int, bool, bool]:
        return (-rules.precedence.index(c.action), c.rate is not None,
                c.rate is not None and not c.rate.is_integer())
    best, other = (b, a) if rank(b) >= rank(a) else (a, b)
    return replace(best, rate=best.rate if best.rate is not None else other.rate,
                   sectors=best.sectors or other.sectors, background=best.background and other.background)


def complete_parties(claims: list[TariffClaim], worldwide: set[int], aimed: set[int],
                     countries: list[str]) -> list[TariffClaim]:
    """A headline's "Chinese tariff" is the body's China → Canada: a party left open is taken from
    the article's other claims by the same imposer (or against the same target); else the open target of
    a claim in `aimed` ("U.S. tariffs") is the story's main counterpart, its most-mentioned other country
    (`countries`, most-mentioned first). A tariff on all imports keeps its open target."""
    targets: Counter[tuple[str, str]] = Counter((c.imposer, c.target) for c in claims if c.imposer and c.target)
    usual = Counter(c.imposer for c in claims if c.imposer).most_common(1)
    out: list[tuple[int, TariffClaim]] = []
    for i, c in enumerate(claims):
        if not c.imposer and not c.target:
            if not usual:
                continue  # a measure listed before any party is named, in a story that names none
            c = replace(c, imposer=usual[0][0])  # "They include a 50% tariff on steel": the story's usual imposer
        if c.imposer and not c.target and i not in worldwide:
            options = [(n, t) for (imp, t), n in targets.items() if imp == c.imposer]
            own = {c.imposer, region_country(c.imposer)}
            counterpart = next((code for code in countries if code not in own), None) if i in aimed else None
            if len(options) > 1 and i not in aimed:
                options = []  # an imposer seen against several countries: the story does not say whose goods
            if options or counterpart:
                c = replace(c, target=max(options)[1] if options else counterpart)
        elif c.target and not c.imposer:
            options = [(n, imp) for (imp, t), n in targets.items() if t == c.target]
            if options:
                c = replace(c, imposer=max(options)[1])
        out.append((i, c))
    return _sentence_targets(out, worldwide)


def _sentence_targets(claims: list[tuple[int, TariffClaim]], worldwide: set[int]) -> list[TariffClaim]:
    """"The 35% U.S. tariff on goods outside the pact, and the 50% duties on steel": measures told together by one
    imposer aim at one target, so an open one (not on every origin) takes the target its sentence gave the other."""
    given = {(c.sentence, c.imposer): c.target for _, c in claims if c.target}
    return [replace(c, target=given[(c.sentence, c.imposer)]) if not c.target and i not in worldwide and (
        c.sentence, c.imposer) in given else c for i, c in claims]
