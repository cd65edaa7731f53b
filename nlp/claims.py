"""Tariff claims from a parsed Doc: who does what tariff to whom, on what, at what rate.

One claim per action verb governing a tariff word. The imposer is the verb's subject (or a
passive agent, or a country modifying "tariffs"); reported speech is followed down to the
clause that carries the action, so "Greer said the U.S. would impose" is the U.S.'s claim.
Parties the sentence leaves out come from the article's earlier claims, then from its two
most-mentioned countries. The parts: nlp/claim_triggers.py (tariff words and measures), nlp/claim_gaps.py,
nlp/claim_lists.py (rate lists with no tariff word), nlp/claim_history.py (the background flag),
nlp/claim_actions.py, nlp/claim_parties.py and nlp/claim_folding.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from nlp.actors import Mention
from nlp.claim_actions import (
    action,
    due_to_start,
    effective_date,
    is_condition,
    is_denied,
    is_spared,
    permitted,
    with_modality,
)
from nlp.claim_folding import complete_parties, fold_restatements
from nlp.claim_gaps import fill, sentence_government
from nlp.claim_history import is_background, is_status_list
from nlp.claim_lists import is_list_mark, item_claims, list_item, opener_parties
from nlp.claim_parties import (
    aims_at_counterpart,
    is_global,
    modifier_country,
    more_targets,
    parties,
    relief_parties,
)
from nlp.claim_triggers import OTHER_CLAUSES, base, is_provocation, measures, own_rate
from nlp.places import region_country, resolve_place
from nlp.records import Figure, TariffClaim
from nlp.rules import ClaimRules

_TARGET_ACTIONS = {"relief_sought", "exempted"}  # actions whose subject, not the tariff's object, names the target
_LIST_BREAKS = frozenset({",", ";", "and", "but", "while"})  # words that end one item of a list of rates
_PCT = r"[\d.]+\s?(?:%|per ?cent|percent)"
_PCT_VALUE = r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent|percent)"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    """One sentence and what the article knows when it is read."""

    sent: Span
    index: int
    by_token: dict[int, str]
    governments: dict[int, str]
    figures: list[Figure]
    sectors: list[str]
    last: tuple[str | None, str | None]
    by_sector: dict[str, tuple[str | None, str | None]]  # the parties of the latest measure on each sector
    top: list[str]
    imposers: Counter[str]  # imposers the article's sentences named so far, for a sentence that names none
    rules: ClaimRules
    elsewhere: frozenset[int]  # tokens of the sentence's other measures, whose rates are not this one's
    headline: bool  # the title, which tells the news even in the present tense
    answered: str | None  # the owner of the measure the sentence answers ("answered the U.S. duties with ...")


def extract_claims(doc: Doc, mentions: list[Mention], figures: list[Figure],
                   country_counts: Counter[str], *, rules: ClaimRules, headline: int = 0) -> list[TariffClaim]:
    """Every tariff measure the document states; its first `headline` sentences are the title."""
    mentions = [m for m in mentions if not _negated(doc, m.start, rules)]
    by_token = {i: m.country for m in mentions if m.country for i in range(m.start, m.end)}
    titled = _titled_regions(doc, mentions, rules)
    governments = by_token | {i: code for m in mentions if (code := _region(m) or titled.get(m.key))
                              for i in range(m.start, m.end)}
    sectors_by_sent: dict[int, list[str]] = {}
    sentences = list(doc.sents)
    sent_of = {s.start: i for i, s in enumerate(sentences)}
    for span in doc.spans.get("sectors", []):
        sectors_by_sent.setdefault(sent_of[span.sent.start], [])
        if span.label_ not in sectors_by_sent[sent_of[span.sent.start]]:
            sectors_by_sent[sent_of[span.sent.start]].append(span.label_)
    top = [c for c, _ in country_counts.most_common(2)]
    claims: list[TariffClaim] = []
    worldwide: set[int] = set()
    aimed: set[int] = set()  # claims whose open target is the story's counterpart
    last: tuple[str | None, str | None] = (None, None)
    by_sector: dict[str, tuple[str | None, str | None]] = {}
    imposers: Counter[str] = Counter()
    # an open rate list: its lead, parties, whether it was opened in the future with no lead, and its opener
    listing: tuple[TariffClaim | None, str | None, str | None, bool, list[Span]] | None = None
    twins: set[int] = set()  # rate-less leads of a list whose items carry the rates
    for index, sent in enumerate(sentences):
        sent_figures = [f for f in figures if f.sentence == index]
        seen: set[tuple[str | None, str | None, str, float | None]] = set()
        exempting: list[TariffClaim] = []  # a sentence's exemption belongs to its first measure
        # the answered tariff last: its target is the one who retaliates ("In response to ..., Canada slapped")
        found_measures = sorted(measures(sent, rules), key=lambda m: _answered(m[1], rules))
        item = None if found_measures else list_item(sent, sentences[max(0, index - 2):index], listing is not None,
                                                     rules)
        if item is not None:
            if listing is None:
                lead = next((k for k in range(len(claims) - 1, -1, -1) if claims[k].sentence >= index - 2), None)
                opened = opener_parties(sentences[max(0, index - 2):index], by_token, rules)
                imposer = claims[lead].imposer if lead is not None else opened[0] or last[0] or next(
                    (c for c, _ in imposers.most_common(1)), top[0] if top else None)
                target = claims[lead].target if lead is not None else opened[1] if opened[0] else (
                    last[1] if last[0] == imposer else None)
                # with no claim to lead it, a list opened in the future ("which he says will apply from April 9")
                # is of announced rates
                opening = [s for s in sentences[max(0, index - 4):index] if not is_list_mark(s)][-2:]
                ahead = lead is None and any(t.dep_ == "aux" and t.lower_ in rules.future_aux
                                             for s in opening for t in s)
                listing = (claims[lead] if lead is not None else None, imposer, target, ahead, opening[-1:])
                if lead is not None and claims[lead].rate is None and claims[lead].target is None:
                    twins.add(lead)
            items = item_claims(item, listing[0], listing[1], listing[2], index=index, by_token=by_token,
                                sectors=tuple(sectors_by_sent.get(index, [])), ahead=listing[3],
                                standing=is_status_list([*listing[4], sent], rules))
            # an item naming no country keeps the list's open target ("• Softwood lumber: 10%" of a global measure)
            worldwide.update(len(claims) + k for k, c in enumerate(items) if c.target is None)
            claims += items
            continue
        if not is_list_mark(sent):
            listing = None
        if not found_measures and last[0] is not None:
            claims += _extension(sent, index, claims, last[0], by_token, rules, headline=headline)
            claims += _exclusion_request(sent, index, last, rules) or _carve_out(sent, index, last, by_token, rules)
        clauses = [{t.i for t in _clause(None if _answered(trigs, rules) else verb, trigs)}
                   for verb, trigs in found_measures]
        phrases = [{t.i for tr in trigs for t in tr.subtree} for _, trigs in found_measures]
        answered = next((code for _, trigs in found_measures if _answered(trigs, rules)
                         and (code := modifier_country(trigs, governments, rules))), None)
        for k, (verb, trigs) in enumerate(found_measures):
            others = [j for j in range(len(found_measures)) if j != k]
            if _answer_condition(verb, [found_measures[j] for j in others], rules):
                continue
            # "Beijing's tariffs ... and Ottawa's 100% surtax": the conjoined surtax is not the tariffs' phrase
            # ... but a phrase nested in another ("a 35% tariff ..., along with sector tariffs of 50%") keeps its words
            own = phrases[k] - set().union(*(phrases[j] for j in others if not phrases[k] <= phrases[j]))
            elsewhere = frozenset(set().union(*(clauses[j] for j in others)) - own)
            ctx = _Context(sent=sent, index=index, by_token=by_token, governments=governments, figures=sent_figures,
                           sectors=sectors_by_sent.get(index, []), last=last, by_sector=dict(by_sector),
                           top=top, imposers=imposers, rules=rules,
                           elsewhere=elsewhere, headline=index < headline, answered=answered)
            found = [c for c in _claim(ctx, verb, trigs) if (c.imposer, c.target, c.action, c.rate) not in seen]
            if not found:
                continue
            if not exempting:
                exempting = _exemptions(found, sent, rules)
                found += exempting
            seen.update((c.imposer, c.target, c.action, c.rate) for c in found)
            if found[0].action not in _TARGET_ACTIONS and (is_global(trigs, verb, by_token, rules) or (
                    found[0].target is None and verb is not None and permitted(verb, trigs, rules))):
                worldwide.update(range(len(claims), len(claims) + len(found)))
            elif aims_at_counterpart(trigs, verb, rules) or "-" in (found[0].imposer or ""):
                # a province's or state's surcharge is aimed at the story's other country, never at every origin
                aimed.update(range(len(claims), len(claims) + len(found)))
            claims += found
            if not _answered(trigs, rules):  # the sentence's own measure carries its parties on
                last = (found[0].imposer, found[0].target)
                by_sector.update({s: last for s in found[0].sectors})
    countries = [code for code, _ in country_counts.most_common()]
    completed = [c for k, c in enumerate(complete_parties(claims, worldwide, aimed, countries)) if k not in twins]
    return fold_restatements(completed, rules, headline=headline)


def _answer_condition(verb: Token | None, others: list[tuple[Token | None, list[Token]]], rules: ClaimRules) -> bool:
    """"Japan will answer with countermeasures if Washington puts tariffs above 20% on its cars": the measure in the
    condition of a retaliation is a hypothesis, not a claim (the retaliation is the threat)."""
    if verb is None or verb.dep_ != "advcl" or not any(c.dep_ == "mark" and is_condition(c, rules)
                                                        for c in verb.children):
        return False
    inside = {t.i for t in verb.subtree}
    return any(o is not None and o.i not in inside and action(o, trigs, o.sent, rules)[0] == "retaliated"
               for o, trigs in others)


def _negated(doc: Doc, start: int, rules: ClaimRules) -> bool:
    """"their non-U.S. content", "non-EU steel": a country named after a negating prefix is no party."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in rules.negating_prefixes


def _extension(sent: Span, index: int, claims: list[TariffClaim], imposer: str, by_token: dict[int, str],
               rules: ClaimRules, *, headline: int) -> list[TariffClaim]:
    """"Besides China, the measure applies to imports from Korea and India", "goods from Thailand would also be
    affected": a sentence with no tariff word that extends the story's first measure by the latest imposer (the
    body's, whose sentences parse better than a headline's) to more origins; each country named after "from" is a
    target of that measure."""
    own = [c for c in claims if c.imposer == imposer and c.target and not c.background
           and c.action not in rules.relief_actions]
    first = next((c for c in own if c.sentence >= headline), own[0] if own else None)
    verbs = [t for t in sent if t.pos_ == "VERB" and base(t.text, rules) in rules.extension_verbs]
    if first is None or not verbs or any(c.dep_ == "neg" for v in verbs for c in v.children):
        return []
    verb = verbs[0]
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    anaphoric = subj is not None and subj.lower_ in rules.measure_nouns and any(
        c.dep_ == "det" and c.lower_ in rules.anaphoric_dets for c in subj.children)
    also = any(c.lower_ == "also" for c in verb.children)
    if not (anaphoric or (also and subj is not None)):
        return []
    named = {c.target for c in claims if c.imposer == imposer}
    codes: list[str] = []
    for prep in (t for t in sent if t.lower_ == "from" and t.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            for tok in (obj, *obj.conjuncts):
                code = by_token.get(tok.i)
                if code and code != imposer and code not in named and code not in codes:
                    codes.append(code)
    return [replace(first, target=code, sentence=index, evidence=sent.text.strip()) for code in codes]


def _exclusion_request(sent: Span, index: int, last: tuple[str | None, str | None],
                       rules: ClaimRules) -> list[TariffClaim]:
    """"asked USTR to exclude equipment needed to make wafers", "has asked Commerce for an exclusion process": goods
    asked out of a measure the sentence does not name are a request for relief from the story's latest measure."""
    for tok in sent:
        asked = tok.pos_ == "VERB" and rules.verb_actions.get(base(tok.text, rules)) == "relief_sought"
        if not asked or any(c.dep_ == "neg" for c in tok.children):
            continue
        if any(t.i != tok.i and (t.lower_ in rules.relief_nouns or (
                t.pos_ == "VERB" and rules.verb_actions.get(base(t.text, rules)) in {"exempted", "removed"}
                and t.dep_ in {"xcomp", "ccomp"})) for t in tok.subtree):
            return [TariffClaim(imposer=last[0], target=last[1], action="relief_sought", sentence=index,
                                evidence=sent.text.strip())]
    return []


def _carve_out(sent: Span, index: int, last: tuple[str | None, str | None], by_token: dict[int, str],
               rules: ClaimRules) -> list[TariffClaim]:
    """"Parts from Mexico and Canada that qualify under the pact remain exempt", "goods that comply still cross
    duty-free": goods left out of a measure the sentence does not name are exempted from the story's latest measure,
    for the countries the goods are from (else that measure's target)."""
    doc = sent.doc
    for tok in sent:
        word = tok.lower_ if tok.lower_ == "exempt" else doc[tok.i - 2:tok.i + 1].text.lower() if tok.i >= 2 else ""
        # said of the goods ("remain exempt", "cross duty-free"), not a noun's kind ("duty-free access")
        if word not in rules.exempt_words or tok.pos_ == "VERB" or tok.dep_ in {"amod", "compound", "nmod"}:
            continue
        verb = next((a for a in [tok, *tok.ancestors] if a.pos_ in {"VERB", "AUX"}), None)
        above = [a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}]
        if verb is None or any(c.dep_ == "neg" for c in verb.children) or any(
                (c.dep_ == "aux" and c.tag_ == "MD") for a in above for c in a.children) or any(
                rules.verb_actions.get(base(a.text, rules)) == "relief_sought" for a in above):
            return []  # "are not exempt", "a quota that would let steel enter duty-free": no exemption stated
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        named = [] if subj is None else list(dict.fromkeys(by_token[t.i] for t in subj.subtree if t.i in by_token))
        return [TariffClaim(imposer=last[0], target=code, action="exempted", sentence=index,
                            evidence=sent.text.strip()) for code in (named or [last[1]]) if code != last[0]]
    return []


def _exemptions(found: list[TariffClaim], sent: Span, rules: ClaimRules) -> list[TariffClaim]:
    """"puts a 50% tariff on Brazilian goods, though orange juice was exempted": the measure's exemption, with
    its parties and rate, unless the sentence's claim is already the exemption or a request, or it is denied."""
    if any(c.action in _TARGET_ACTIONS for c in found):
        return []
    words = [t.lower_ for t in sent]
    marks = [t for i, t in enumerate(sent) if t.lower_ in rules.exemption_marks
             or " ".join(words[i:i + 2]) in rules.exemption_marks]
    if not marks or any(c.lower_ in rules.negations for m in marks for c in [*m.children, *m.head.children]):
        return []
    if any(rules.verb_actions.get(base(a.text, rules)) == "relief_sought" for m in marks for a in [m, *m.ancestors]):
        return []  # "asked Beijing for an exemption", "urged Washington to exempt parts": a request, not an exemption
    return [replace(c, action="exempted") for c in found if c.action not in rules.relief_actions]


def _answered(trigs: list[Token], rules: ClaimRules) -> bool:
    """The measure a retaliation answers ("in response to U.S. tariffs"): its words are the tariff phrase."""
    return all(is_provocation(t, rules) for t in trigs)


def _titled_regions(doc: Doc, mentions: list[Mention], rules: ClaimRules) -> dict[tuple[str, str], str]:
    """People titled by a province or state ("Ontario Premier Doug Ford", "Michigan Governor Gretchen Whitmer"): every
    mention of them ("Ford threatens a surcharge") speaks for that government, not for its country."""
    found: dict[tuple[str, str], str] = {}
    for m in mentions:
        if m.key[0] in {"country", "region"} or m.key in found:
            continue
        words = list(doc[max(0, m.start - 2):m.end])
        for k, tok in enumerate(words[:-1]):
            place = resolve_place(tok.text)
            if place and place[0] == "region" and words[k + 1].lower_ in rules.region_titles:
                found[m.key] = place[1]
                break
    return found


def _region(mention: Mention) -> str | None:
    """A province's or state's ISO 3166-2 code, for a mention of one ("Ontario"); a region's mention is
    keyed by its code when the gazetteer knows it, else by its name."""
    kind, ident = mention.key
    if kind != "region":
        return None
    place = resolve_place(ident)
    return place[1] if place and place[0] == "region" else (ident if "-" in ident else None)


def _claim(ctx: _Context, verb: Token | None, trigs: list[Token]) -> list[TariffClaim]:
    rules, sent, by_token = ctx.rules, ctx.sent, ctx.by_token
    scope = [verb, *verb.children] if verb is not None else trigs
    spared = verb is not None and is_spared(verb, trigs, rules)  # "goods ... are not subject to the 40% duty"
    paused = verb is not None and _spared_for_now(verb, rules)  # "Mexico will not face the tariff for 90 days"
    if not (spared or paused) and any(t.lower_ in rules.negations and t.dep_ == "neg" for t in scope if t is not None):
        return []
    if any(t.lower_ in rules.no_measure and t.dep_ == "det" for tr in trigs for t in tr.lefts):
        return []  # "no tariffs", "will retaliate against any new tariffs"
    # "refused to impose" takes nothing, but "to avoid Washington's 50% duty" names a measure in force
    standing = verb is not None and any(t.dep_ == "dobj" and t.head.i == verb.i and own_rate(t) is not None
                                        for t in trigs) and modifier_country(trigs, ctx.governments, rules) is not None
    if verb is not None and not standing and is_denied(verb, rules):
        return []
    if verb is not None and verb.tag_ == "VBG" and verb.dep_ in {"csubj", "csubjpass"}:
        return []  # "lifting the surtax would invite a flood of imports": an action weighed, not taken
    relief = relief_parties(trigs, by_token, rules)
    if relief is not None:
        imposer, target = fill(*relief, ctx.last, ctx.top)
        if imposer is None or target is None or imposer == target:
            return []
        return [TariffClaim(imposer=imposer, target=target, action="relief_sought", sentence=ctx.index,
                            evidence=sent.text.strip(), sectors=tuple(ctx.sectors),
                            rate=_rate(ctx, verb, trigs, own=False)[0])]
    found, by_verb = action(verb, trigs, sent, rules)
    # "as the 50% U.S. tariff on Canadian aluminum erodes margins": an owned, rated measure in force, whatever the
    # mood of a verb that does nothing to it ("asked the WTO to examine U.S. tariffs of up to 50%")
    owned = found is None and any(own_rate(t) is not None for t in trigs) and modifier_country(
        trigs, ctx.governments, rules) is not None
    listed = found is None and verb is not None and _listed(verb, trigs, rules)
    owned = owned or listed
    found = "imposed" if owned else found
    provocation = _answered(trigs, rules)
    if found is None and not provocation:
        return []
    decided = found  # the action before its modality: a rise announced still reads its rate as a rise
    found = "imposed" if provocation or owned else "exempted" if spared else "suspended" if paused else (
        with_modality(found, verb, trigs, sent, rules))
    if found == "imposed" and not provocation and due_to_start(trigs, rules):
        found = "announced"  # "the 25% tariff, due to take effect on March 12": scheduled, not yet in force
    imposer, target = parties(verb, trigs, found, by_verb=by_verb, provocation=provocation, by_token=by_token,
                              governments=ctx.governments, rules=rules)
    if provocation:
        rate, previous = next((r for r in map(own_rate, trigs) if r is not None), None), None
    else:
        change = decided in {"raised", "lowered"}
        rate, previous = _rate(ctx, verb, trigs, own=not change, change=change)
    if rate is not None and _increment(sent, rate, rules):
        rate = None  # "adding another 10% to the tariffs": an increment, not the tariff's rate
    if verb is None and rate is None and found == "imposed":
        return []
    explicit = imposer is not None or target is not None
    named_target = target
    if not (rate is not None or ctx.sectors or explicit):
        return []
    if imposer is None and target is not None:
        imposer = sentence_government(ctx.sent, ctx.governments, rules, before=trigs[0].i, exclude=target)
    if imposer is None and target is not None and verb is not None and ctx.last[0] not in {None, target} and (
            base(verb.text, rules) in rules.target_subject_verbs):
        imposer = ctx.last[0]  # "Indian apparel pays a 50% U.S. duty. Rivals in Bangladesh pay 20%": the same payee
    if imposer is not None:
        ctx.imposers[imposer] += 1
    # "the levies were imposed without a probe": a measure the story named before, told again
    restated = imposer is None and target is None and found == "imposed" and all(_definite(t, rules) for t in trigs)
    if found == "retaliated" and target is None and ctx.answered not in {None, imposer}:
        target = ctx.answered  # "the EU answered the U.S. duties with tariffs on motorcycles": aimed at the U.S.
    # "the tariffs" with no party of their own: the latest measure on the sentence's goods, else the latest measure
    last = next((ctx.by_sector[s] for s in ctx.sectors if s in ctx.by_sector), ctx.last)
    # a story's usual imposer before its most-mentioned countries, which are often the targets
    imposer, target = fill(imposer, target, last, [c for c, _ in ctx.imposers.most_common()] + ctx.top)
    if provocation and target is None and ctx.last[0] != imposer:
        target = ctx.last[0]  # "in response to Washington's steel tariffs": the tariffs on the one retaliating
    if found not in _TARGET_ACTIONS and is_global(trigs, verb, by_token, rules):
        target = None
    if verb is not None and named_target is None and permitted(verb, trigs, rules):
        target = None  # a law's power to tax ("allows tariffs of up to 15%") is aimed at no one it does not name
    if target is not None and "-" in target:
        target = region_country(target)  # a province's or state's goods are its country's: tariffs target countries
    if imposer is not None and "-" in imposer and target == region_country(imposer):
        target = None  # "Ford threatens a surcharge on Ontario power exports": a province taxes its own exports' buyers
    if imposer is not None and imposer == target:
        return []
    change = decided in {"raised", "lowered"}
    pairs = [] if change or found in _TARGET_ACTIONS else _rate_pairs(ctx, verb, trigs)
    codes = more_targets(trigs, verb, target, by_token) if target else [target]
    rates = [f.value for f in ctx.figures if f.unit == "percent"]
    if pairs:
        codes, rates = [c for c, _ in pairs], [r for _, r in pairs]
    elif 1 < len(codes) < len(rates) and any(t.lower_ in rules.respective_words for t in sent):
        rates = rates[-len(codes):]  # "on Canada, Mexico and China (35%, 25% and 20% respectively)"
    paired = bool(pairs) or (len(codes) > 1 and len(rates) == len(codes))
    listed_rates = [] if paired or change or listed else _listed_rates(ctx, verb, trigs, rate)
    return [
        TariffClaim(
            imposer=imposer, target=t, action=found, sentence=ctx.index,
            evidence=sent.text.strip(), sectors=tuple(ctx.sectors), rate=rates[i] if paired else r,
            previous_rate=None if paired else previous, effective_date=effective_date(sent, rules),
            background=provocation or restated or listed or is_background(found, verb, trigs, rules,
                                                                          headline=ctx.headline),
        )
        for i, t in enumerate(codes) if t != imposer or (listed and t is None) for r in (listed_rates or [rate])
    ]


def _listed(verb: Token, trigs: list[Token], rules: ClaimRules) -> bool:
    """"They include a 50% tariff on steel", "the duties at stake include the 35% rate on Canada": a rated tariff that
    a listing verb names is a measure in force, told again."""
    return verb.lower_ in rules.listing_verbs and any(own_rate(t) is not None for t in trigs)


def _increment(sent: Span, rate: float, rules: ClaimRules) -> bool:
    """"another 10%", "by 10 percentage points": the percent is added to a tariff, so it is not the tariff's rate,
    unless the sentence gives the total ("another 25%, for a total of 50%")."""
    if any(t.lower_ in rules.total_words for t in sent):
        return False
    doc = sent.doc
    for tok in sent:
        if not tok.like_num or tok.i == 0 or tok.text.replace(",", "") not in {f"{rate:g}", f"{rate}"}:
            continue
        after = [t.lower_ for t in doc[tok.i + 1:tok.i + 3]]
        if doc[tok.i - 1].lower_ in rules.increment_words or (
                after[:1] == ["percentage"] and after[1:] and after[1] in rules.increment_units):
            return True
    return False


def _spared_for_now(verb: Token, rules: ClaimRules) -> bool:
    """"Mexico will not face a higher tariff for another 90 days", "won't pay the levy for 30 days": a tariff held off
    for a time is suspended, where "will not face tariffs" alone takes nothing."""
    if base(verb.text, rules) not in rules.target_subject_verbs or not any(
            c.dep_ == "neg" and c.lower_ in rules.negations for c in verb.children):
        return False
    return any(p.dep_ == "prep" and p.lower_ == "for" and any(o.lower_ in rules.duration_units for o in p.children)
               for p in verb.children)


def _definite(trig: Token, rules: ClaimRules) -> bool:
    """"the levies", "those duties": a tariff word that points back to a measure already named ("the 25% tariff"
    describes one)."""
    return own_rate(trig) is None and any(c.dep_ == "det" and c.lower_ in rules.anaphoric_dets for c in trig.children)


def _listed_rates(ctx: _Context, verb: Token | None, trigs: list[Token], rate: float | None) -> list[float]:
    """"a 15% tariff on coal and 10% on crude oil", "tariffs of 50% on steel and 25% on vehicles": each rate
    of a list in the measure's clause is a measure of its own; one rate or none gives no list."""
    scope = {t.i for t in _clause(verb, trigs)} - ctx.elsewhere
    doc = ctx.sent.doc
    found = [] if rate is None else [rate]
    for tok in ctx.sent:
        if tok.i not in scope or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "on":
            continue
        number = doc[tok.i - 2] if tok.lower_ == "cent" else doc[tok.i - 1]
        if tok.lower_ in {"%", "percent", "cent"} and number.like_num:
            value = float(number.text.replace(",", ""))
            if value not in found:
                found.append(value)
    return found if len(found) > 1 else []


def _rate_pairs(ctx: _Context, verb: Token | None, trigs: list[Token]) -> list[tuple[str, float]]:
    """"tariffs of 25% on Korea, 24% on Japan and 20% on the EU", "rates of 20% for the EU and 24% for Japan", "with
    the EU at 20%, Japan at 24%", "the EU faces 20%, Japan 24%": each rate of a list in the measure's clause with the
    country beside it, (target, rate); a list naming fewer than two countries gives none."""
    gapped = [] if verb is None else [c for c in verb.children if c.dep_ == "conj" and c.pos_ not in {"VERB", "AUX"}]
    scope = ({t.i for t in _clause(verb, trigs)} | {t.i for c in gapped for t in c.subtree}) - ctx.elsewhere
    doc, end = ctx.sent.doc, ctx.sent.end
    pairs: list[tuple[str, float]] = []
    for tok in ctx.sent:
        number = doc[tok.i - 2] if tok.lower_ == "cent" else doc[tok.i - 1]
        if tok.i not in scope or tok.lower_ not in {"%", "percent", "cent"} or not number.like_num:
            continue
        after = range(tok.i + 2, min(tok.i + 7, end)) if tok.i + 1 < end and doc[tok.i + 1].lower_ in {
            "on", "for"} else range(0)
        ahead = next((k for k in after if doc[k].lower_ in _LIST_BREAKS or k in ctx.by_token), None)
        k = number.i - 1
        k -= doc[k].lower_ == "at" or base(doc[k].text, ctx.rules) in ctx.rules.target_subject_verbs
        code = ctx.by_token.get(ahead) if ahead is not None else ctx.by_token.get(k)
        if code:
            pairs.append((code, float(number.text.replace(",", ""))))
    return pairs if len({c for c, _ in pairs}) >= 2 else []


def _rate(ctx: _Context, verb: Token | None, trigs: list[Token], *, own: bool,
          change: bool = False) -> tuple[float | None, float | None]:
    """(rate, previous): the tariff phrase's own percent, else the sentence's outside its other measures'
    clauses; a change's own percent is its previous rate ("took effect, doubling an earlier 25% duty");
    "to 50% from 25%" gives both, a lone "from 27.5%" only the previous rate."""
    rate = next((r for r in map(own_rate, trigs) if r is not None), None) if own else None
    if rate is not None:
        return rate, None
    if ctx.elsewhere:  # a change's own percent is the old rate ("doubling an earlier 25% duty")
        phrase = {t.i for tr in trigs for t in tr.subtree} if change else set()
        text = " ".join(t.text for t in ctx.sent if t.i not in ctx.elsewhere | phrase)
        percents = [float(m) for m in re.findall(_PCT_VALUE, text)]
        old = next((r for r in map(own_rate, trigs) if r is not None), None) if change else None
        if old is not None and not percents:
            return None, old
    else:
        text = ctx.sent.text
        percents = [f.value for f in ctx.figures if f.unit == "percent"]
    if not percents:
        return None, None
    text = text.lower()
    if len(percents) == 1 and re.search(rf"\bfrom\s+(?:about\s+|the\s+)?{_PCT}", text) and not re.search(
            rf"\bto\s+{_PCT}", text):
        return None, percents[0]
    if len(percents) >= 2:
        to_first = re.search(rf"\bto\s+{_PCT}\s+from\b", text)
        from_first = re.search(rf"\bfrom\s+{_PCT}\s+to\b", text)
        if to_first:
            return percents[0], percents[1]
        if from_first:
            return percents[1], percents[0]
    to = re.search(rf"\bto\s+(?:a\s+|about\s+)?{_PCT_VALUE}", text) if change else None
    if to is not None and float(to.group(1)) in percents:  # "currently 25%, are scheduled to rise to 30%"
        return float(to.group(1)), None
    return percents[0], None


def _clause(verb: Token | None, trigs: list[Token]) -> list[Token]:
    """The measure's own words: the verb's subtree without the clauses it governs ("after Washington doubled
    tariffs to 50%"), or the tariff phrases."""
    if verb is None:
        return sorted({t for tr in trigs for t in tr.subtree}, key=lambda t: t.i)
    inner = {t.i for c in verb.children if c.dep_ in OTHER_CLAUSES for t in c.subtree}
    return [t for t in verb.subtree if t.i not in inner]
