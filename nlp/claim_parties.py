"""Who imposes a measure and on whom: subjects, agents, owners ("U.S. tariffs") and "on"/"against"
objects, read from the parse; parties a sentence leaves out come from the previous claim or the
article's main countries."""

from __future__ import annotations

from spacy.tokens import Token

from nlp.claim_actions import requested
from nlp.claim_triggers import base, hyphen_heads, is_trigger, relative_clauses, requester
from nlp.places import resolve_place
from nlp.rules import ClaimRules


def country_of(tok: Token, by_token: dict[int, str]) -> str | None:
    """Country a token speaks for: its owner ("Mexico's Congress"), itself, or any actor mention inside its
    subtree's head span."""
    for t in [*(c for c in tok.children if c.dep_ == "poss"), tok, *tok.children]:
        if t.i in by_token and t.dep_ not in {"prep", "relcl", "acl"}:
            return by_token[t.i]
        if "-" in t.text and t.dep_ in {"amod", "compound"} and (origin := _hyphenated_origin(t.text)):
            return origin  # "U.S.-built vehicles", one token that names no actor
    clauses = {c.i for t in tok.subtree if t.dep_ in {"relcl", "acl"} and t.pos_ == "VERB" for c in t.subtree}
    for t in tok.subtree:
        if t.i in by_token and t.i not in clauses:  # "oil that Beijing taxes" is not Chinese oil
            return by_token[t.i]
    return None


def _hyphenated_origin(word: str) -> str | None:
    place = resolve_place(word.rsplit("-", 1)[0])
    return place[1] if place and place[0] == "country" else None


def subject(verb: Token) -> Token | None:
    """The verb's subject, else the nearest one up the tree ("Canada was close to securing") or the owner of a noun
    it completes ("Trump's decision to scrap");
    for "asked the United States to lower" the object of "asked" is the one who lowers.

    The walk stops at a clause that reports speech, so a speaker never becomes the imposer.
    """
    tok = verb
    for _ in range(5):
        owner = next((c for c in tok.children if c.dep_ == "poss"), None) if tok.pos_ == "NOUN" else None
        if owner is not None:
            return owner  # "Trump's decision to scrap the tariff", "Mexico's plan to raise duties"
        for c in tok.children:
            if c.dep_ in {"nsubj", "csubj"}:
                # "Ford, who put a surcharge on hold", "Canadian softwood, which carries duties of 35%": the relative
                # pronoun stands for the one it names
                named = tok.dep_ == "relcl" and c.tag_ in {"WP", "WDT"} and tok.head.pos_ in {"PROPN", "NOUN"}
                return tok.head if named else c
        if tok.dep_ in {"ccomp", "ROOT", "relcl"} or tok.head.i == tok.i:
            return None
        if tok.dep_ == "xcomp":
            obj = next((c for c in tok.head.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                return obj
        tok = tok.head
    return None


def relief_parties(trigs: list[Token], by_token: dict[int, str],
                   rules: ClaimRules) -> tuple[str | None, str | None] | None:
    """(imposer, target) of a request with no tariff word: the one asked ("from Washington", "asked Beijing")
    and the one asking (the subject, or the speaker of "Ireland said it was seeking an exemption")."""
    if not all(t.lower_ in rules.relief_nouns for t in trigs):
        return None
    verbs = {requester(t, rules) for t in trigs}
    verb = verbs.pop() if len(verbs) == 1 else None
    if verb is None:
        return None
    imposer = asked(trigs, verb, by_token)
    asker = subject(verb)
    target = country_of(asker, by_token) if asker is not None else None
    if target is None and verb.dep_ == "ccomp":
        speaker = subject(verb.head)
        target = country_of(speaker, by_token) if speaker is not None else None
    return imposer, target


def asked(trigs: list[Token], verb: Token, by_token: dict[int, str]) -> str | None:
    """The country relief is asked of: "relief from Washington", "asked Beijing for an exemption"."""
    objs = [o for t in [*trigs, verb] for p in t.children if p.dep_ == "prep" and p.lower_ == "from"
            for o in p.children if o.dep_ == "pobj"]
    objs += [c for c in verb.children if c.dep_ == "dobj" and c not in trigs]
    return next((code for code in (country_of(o, by_token) for o in objs) if code), None)


def targets(trigs: list[Token], verb: Token | None, by_token: dict[int, str],
            skip: frozenset[int] = frozenset()) -> str | None:
    """"on Canadian steel", "against the U.S.", "on imports from China" -> the target's code.

    Looks under the tariff words and the verb's objects, never inside its subject nor in `skip` (the
    phrases of other tariffs: "imposed in retaliation for Canadian duties on Chinese cars").
    """
    scopes = list(trigs)
    if verb is not None:
        scopes += [c for c in verb.children if c.dep_ in {"prep", "dobj", "dative", "npadvmod"}]
    for tok in scopes:
        for prep in tok.subtree:
            if prep.i in skip:
                continue
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "from", "to"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj not in trigs:  # "rule on China's tariffs" names their owner
                        code = country_of(obj, by_token)
                        if code:
                            return code
    return None


def more_targets(trigs: list[Token], verb: Token | None, first: str, by_token: dict[int, str]) -> list[str]:
    """"tariffs on Canada, Mexico and China", "hits Japan and Korea with tariffs": every country coordinated
    with the first target ("Canada and Mexico were spared from the tariffs")."""
    # the subject too, when it bears the tariff ("Rivals in Bangladesh and Vietnam pay 20%")
    borne = verb is not None and any(t.head.i == verb.i and t.dep_ in {"dobj", "npadvmod"} for t in trigs)
    bearing = {"dobj", "nsubjpass"} | ({"nsubj"} if borne else set())
    objects = [c for c in verb.children if c.dep_ in bearing] if verb is not None else []
    for tok in [*_prep_scopes(trigs, verb), *objects]:
        for obj in tok.subtree:
            if obj.dep_ in {"pobj", "dobj", "nsubjpass"} | (bearing & {"nsubj"}) and obj not in trigs and country_of(
                    obj, by_token) == first:
                # "on Canada, Mexico and China", "on Canadian and Mexican goods"
                owners = [obj, *(c for c in obj.children if c.dep_ in {"amod", "compound"} and by_token.get(c.i))]
                if obj.dep_ == "nsubj" and len(owners) == 1 and obj.i not in by_token:
                    continue  # "Rivals in Bangladesh and Vietnam": the countries are further in
                codes = [first]
                for conj in (c for o in owners for c in o.conjuncts):
                    code = by_token.get(conj.i)
                    if code and code not in codes:
                        codes.append(code)
                return codes
    return [first]


def _prep_scopes(trigs: list[Token], verb: Token | None) -> list[Token]:
    """The tariff words and the verb's prepositions: where "on Canada" or "on all imports" may hang."""
    return list(trigs) + ([c for c in verb.children if c.dep_ == "prep"] if verb is not None else [])


def modifier_country(trigs: list[Token], by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """"U.S. tariffs", "China's duties", "Canadian counter-tariffs", "the duties (that) Ottawa imposed":
    the owner of the tariff."""
    for trig in trigs:
        for left in (w for h in hyphen_heads(trig) for w in h.lefts):
            code = by_token.get(left.i)
            if code and left.dep_ in {"compound", "poss", "amod", "nmod"}:
                return code
    for trig in trigs:
        for clause in relative_clauses(trig):
            # "the duties Ottawa imposed", not "a tariff, to which Seoul responded by ...": the answer is not the owner,
            # nor are "the tariffs Canadian goods already face" owned by the goods that bear them
            word = base(clause.text, rules)
            if rules.verb_actions.get(word) not in {None, "retaliated", "relief_sought"} and (
                    word not in rules.target_subject_verbs):
                subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                code = country_of(subj, by_token) if subj is not None else None
                if code:
                    return code
    return None


def _compound_country(trigs: list[Token], governments: dict[int, str]) -> str | None:
    """A country's name compounded on the tariff word ("Brazil tariff", "China tariffs"), which headlines use for the
    target as often as for the owner, or its adjective on the goods compounded there ("Japanese car tariff": the
    cars' origin); not "Brazil's tariff" nor "Brazilian tariff"."""
    for trig in trigs:
        for left in trig.lefts:
            if left.i not in governments:
                continue
            goods = left.dep_ == "amod" and any(c.dep_ == "compound" and c.i > left.i and c.i not in governments
                                                for c in trig.lefts)
            if (left.dep_ == "compound" and left.tag_ == "NNP") or goods:
                return governments[left.i]
    return None


def instrument_country(trigs: list[Token], verb: Token | None, rules: ClaimRules) -> str | None:
    """"the Section 232 tariffs", "duties under Section 301": a country's own trade law names its imposer."""
    scope = [t for tr in trigs for t in tr.subtree if not any(
        a.dep_ in {"relcl", "acl"} and tr in a.ancestors for a in [t, *t.ancestors])]
    if verb is not None:
        scope += [t for p in verb.children if p.dep_ == "prep" and p.lower_ == "under" for t in p.subtree]
    scope.sort(key=lambda t: t.i)
    words = [t.lower_ for t in scope]
    for i, word in enumerate(words):
        for name in (word, f"{word} {words[i + 1]}" if i + 1 < len(words) else ""):
            if name in rules.instruments:
                return rules.instruments[name]
    return None


def is_global(trigs: list[Token], verb: Token | None, by_token: dict[int, str], rules: ClaimRules) -> bool:
    """"a tariff on softwood lumber imports", "the rate applied to other countries": a measure on every
    origin, whose target stays open, unless a country is named in the sentence's target phrase."""
    if targets(trigs, verb, by_token) is not None:
        return False
    if verb is not None and base(verb.text, rules) in rules.target_subject_verbs:
        # "imported semiconductors could face a 100% tariff", "every truck built outside the USA will pay 25%"
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            words = [subj, *(c for c in subj.children if c.dep_ in {"amod", "det", "compound"})]
            if any(w.lower_ in rules.global_goods for w in words) or any(
                    p.dep_ == "prep" and p.lower_ in rules.outside_preps for p in subj.subtree):
                return True
    for tok in _prep_scopes(trigs, verb):
        for prep in tok.subtree:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "to"}:
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    words = [obj, *(c for c in obj.children if c.dep_ in {"amod", "det", "compound"})]
                    if any(w.lower_ in rules.global_words for w in words):
                        return True
    return False


def aims_at_counterpart(trigs: list[Token], verb: Token | None, rules: ClaimRules) -> bool:
    """A tariff with no object ("U.S. tariffs", "Washington's duties") or an anti-dumping or countervailing
    one is aimed at a country, the story's counterpart when the sentence names none; a tariff "on copper" or
    "on trucks" with no country may be a measure on every origin, so it keeps its open target. Other
    tariffs' phrases do not count ("imposed in retaliation for duties on cars")."""
    if any(t.lower_ in rules.country_specific for tr in trigs for t in tr.subtree):
        return True
    if any(rules.noun_actions.get(t.lower_) == "retaliated" for t in trigs):
        return True  # "China's countermeasures are also on hold": a counter-measure answers someone
    skip = other_phrases(trigs, rules)
    return not any(prep.dep_ == "prep" and prep.lower_ in {"on", "to"} and prep.i not in skip
                   and not _generic(prep, rules) for tok in _prep_scopes(trigs, verb) for prep in tok.subtree)


def _generic(prep: Token, rules: ClaimRules) -> bool:
    """"on goods outside the pact", "on most products": goods of no kind, from the counterpart the story is about."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.lower_ in rules.generic_goods and not any(
        c.dep_ in {"amod", "compound", "nmod"} and c.lower_ not in rules.generic_quantifiers for c in o.children)
        for o in objs)  # "on semi-finished copper products" names goods; "on all goods" is every origin


def other_phrases(trigs: list[Token], rules: ClaimRules) -> frozenset[int]:
    """Tokens of the sentence's other tariff phrases, but not of one that holds these tariffs ("Beijing's
    tariffs ... and Ottawa's surtax" holds the surtax)."""
    return frozenset(t.i for o in trigs[0].sent if o not in trigs and is_trigger(o, rules)
                     and not any(o in tr.ancestors for tr in trigs) for t in o.subtree)


def _made_in(goods: Token, by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """"goods made in Vietnam", "cars built in Mexico": the origin a participle on the goods names."""
    for clause in (c for c in goods.children if c.dep_ == "acl" and c.lower_ in rules.origin_participles):
        for prep in (p for p in clause.children if p.dep_ == "prep" and p.lower_ in {"in", "from"}):
            code = next((by_token[o.i] for o in prep.children if o.dep_ == "pobj" and o.i in by_token), None)
            if code:
                return code
    return None


def is_goods(tok: Token) -> bool:
    """A subject that is goods of a sector ("Canadian steel", "British-made cars"), not a party."""
    return any(span.start <= tok.i < span.end for span in tok.doc.spans.get("sectors", []))


def parties(verb: Token | None, trigs: list[Token], action: str, *, by_verb: bool, provocation: bool,
            by_token: dict[int, str], governments: dict[int, str],
            rules: ClaimRules) -> tuple[str | None, str | None]:
    """(imposer, target) the sentence names for one measure: the tariff's owner, else the verb's subject or
    passive agent; the target from "on"/"against" phrases, a passive subject or the goods' origin. For
    requests and "faces duties" the subject is the target. `governments` is `by_token` with provinces and
    states as themselves (CA-ON), so "Ontario will impose" is Ontario's measure, on a country."""
    if (owner := _rate_owner(trigs, by_token, rules)) is not None:
        return None, owner  # "Mexico has been warned its rate could climb to 30%": the one whose goods pay it
    modifier = modifier_country(trigs, governments, rules) or instrument_country(trigs, verb, rules)
    if modifier is None and (probe := _probe(verb, rules)) is not None:
        return _probe_parties(probe, trigs, verb, by_token, governments, rules)
    others = other_phrases(trigs, rules)
    subject_country = agent_country = passive_target = subject_target = subj = None
    if verb is not None and not provocation:
        subj = subject(verb)
        if subj is not None and is_trigger(subj, rules):
            # "the 20% surtax on Japanese steel would stay": the tariff's owner and target, not its words
            subject_country = modifier_country([subj], by_token, rules)
            subject_target = targets([subj], None, by_token, others)
        elif subj is not None and is_goods(subj):
            subject_target = country_of(subj, by_token)  # "British-made cars enter at a 10% tariff": the origin
        elif subj is not None:
            subject_country = _government_of(subj, governments)
        if subj is not None and subject_country is None and subject_target is None and (
                base(verb.text, rules) in rules.target_subject_verbs):
            subject_target = _made_in(subj, by_token, rules)  # "goods made in Vietnam have paid a 20% tariff"
        for c in verb.children:
            if c.dep_ == "agent":
                agent_country = next((country_of(o, governments) for o in c.children if o.dep_ == "pobj"), None)
            if c.dep_ == "nsubjpass" and passive_target is None:
                passive_target = country_of(c, by_token)
    target = (targets(trigs, None if provocation else verb, by_token, others) or passive_target or subject_target
              or _struck(trigs, verb, by_token, rules) or _bearer(trigs, by_token, rules))
    # "urged Japan to exempt Thai rice", "asked Washington to scrap the duty": the one asked imposes, unlike "Thailand
    # seeks an exemption"
    exempter = verb is not None and (rules.verb_actions.get(base(verb.text, rules)) == "exempted" or requested(
        verb, rules))
    if action == "relief_sought" and not exempter and verb is not None and (asked_of := asked(trigs, verb, by_token)):
        modifier, target = modifier or asked_of, None if target == asked_of else target  # "tariff relief from the EU"
    borne = verb is not None and base(verb.text, rules) in rules.target_subject_verbs | rules.continuing_verbs and all(
        t.dep_ == "pobj" and t.head.lower_ == "at" for t in trigs)  # "Mexico stays at 25%"
    subject_is_target = borne or (verb is not None and base(verb.text, rules) in rules.target_subject_verbs) or (
        (action == "relief_sought" and not exempter) or (action == "exempted" and not by_verb))
    if subject_is_target:
        imposer = modifier
        destination = _destination(trigs, by_token, rules)
        if destination is not None and target == destination and subject_country not in {None, destination}:
            # "Japan will face a 25% tariff on goods exported to the United States": the destination taxes them
            imposer, target = imposer or destination, None
        target = target or (subject_country if subject_country != imposer else None) or (
            _asker(verb, by_token, rules) if action == "relief_sought" else None)
    elif subj is not None and subj.i in governments and subject_country not in {None, modifier} and (
            _compound_country(trigs, governments) == modifier) and action not in {"relief_sought", "retaliated"}:
        named = modifier
        # "U.S. removes beef from Brazil tariff": a country acting on another's name compounded on the tariff
        imposer, target = subject_country, target or named
    else:
        imposer = modifier or subject_country or agent_country or _plan_owner(verb, governments)
        if exempter and action == "relief_sought" and target is None:
            target = _asker(verb, by_token, rules)  # "Canada asked the United States to lower its tariffs"
    asking = action == "relief_sought" and subject_is_target  # the speaker asks; "could face" is the speaker's threat
    open_party = target is None if asking else imposer is None
    if open_party and verb is not None and verb.dep_ == "ccomp" and not provocation and not _anaphoric(
            verb, trigs, rules):
        speaker = subject(verb.head)
        said = None if speaker is None else (
            _government_of(speaker, governments) if subj is not None and subj.lower_ in rules.region_nouns
            else country_of(speaker, by_token))  # "Ontario Premier Doug Ford said the province would"; a governor's
        # "a 25% levy threatens jobs" is the country's levy
        if asking:  # "Vietnamese officials said they are seeking lower rates"
            return imposer, said if said != imposer else None
        imposer = said
    return imposer, target


def _rate_owner(trigs: list[Token], by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """"Japan's rate", "its rate" after "Mexico has been warned": a country's tariff rate is the rate its goods pay,
    so its owner is the target (a tariff word's owner is its imposer); a pronoun stands for the country named last
    before it in the sentence."""
    for trig in (t for t in trigs if t.lower_ in rules.rate_nouns):
        for owner in (c for c in trig.children if c.dep_ == "poss"):
            if owner.i in by_token:
                return by_token[owner.i]
            if owner.tag_ == "PRP$":
                return next((by_token[t.i] for t in reversed(trig.doc[trig.sent.start:owner.i]) if t.i in by_token),
                            None)
    return None


def _probe(verb: Token | None, rules: ClaimRules) -> Token | None:
    """"a probe into Brazilian ethanol that could lead to duties": the noun whose possible outcome the tariff is."""
    if verb is None or base(verb.text, rules) not in rules.outcome_verbs or verb.dep_ != "relcl":
        return None
    return verb.head if verb.head.pos_ == "NOUN" else None


def _probe_parties(probe: Token, trigs: list[Token], verb: Token, by_token: dict[int, str],
                   governments: dict[int, str], rules: ClaimRules) -> tuple[str | None, str | None]:
    """"Washington opened a probe into Brazilian ethanol that could lead to duties": the one who opened the probe
    would impose them (or the trade law it runs under), on the goods or the country the probe is about."""
    opened = next((a for a in probe.ancestors if a.pos_ in {"VERB", "AUX"}), None)  # the probe may be "into chips"
    if opened is None:
        return None, None
    opener = subject(opened)
    nouns = [probe, *(c for c in opened.children if c.dep_ in {"dobj", "nsubjpass"})]
    imposer = instrument_country(nouns, None, rules) or (
        _government_of(opener, governments) if opener is not None else None)
    about = {t.i for c in probe.children if c.dep_ == "relcl" for t in c.subtree}
    target = targets(trigs, verb, by_token) or next(
        (by_token[t.i] for n in nouns for t in n.subtree if t.i in by_token and t.i not in about), None)
    return imposer, None if target == imposer else target


def _bearer(trigs: list[Token], by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """"the tariffs Canadian goods already face": the goods a relative clause says bear the tariff are its target;
    so are the goods of "Canadian softwood remains subject to duties, which Commerce raised to 35%", when the
    tariff's own clause is elsewhere."""
    clauses = [(c, False) for t in trigs for c in relative_clauses(t)
               if base(c.text, rules) in rules.target_subject_verbs]
    for trig in trigs:
        if trig.dep_ == "pobj" and trig.head.lower_ == "to" and trig.head.head.lower_ == "subject":
            clauses.append((trig.head.head.head, True))  # "remains subject to": the subject of "remains", if goods
    for clause, goods_only in clauses:
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is not None and (is_goods(subj) or not goods_only) and (code := country_of(subj, by_token)):
            return code
    return None


def _plan_owner(verb: Token | None, governments: dict[int, str]) -> str | None:
    """"in response to the U.S. plan to raise tariffs": the owner of the noun whose "to" clause is the action."""
    if verb is None or verb.dep_ != "acl":
        return None
    return next((governments[c.i] for c in verb.head.children
                 if c.dep_ in {"poss", "compound", "amod", "nmod"} and c.i in governments), None)


def _anaphoric(verb: Token, trigs: list[Token], rules: ClaimRules) -> bool:
    """"Beijing argues the levies were imposed without a probe": a passive about tariffs the story named before, whose
    imposer is that measure's, not the speaker's."""
    return any(t.dep_ == "nsubjpass" and t.head.i == verb.i and any(
        c.dep_ == "det" and c.lower_ in rules.anaphoric_dets for c in t.children) for t in trigs)


def _asker(verb: Token | None, by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """The country asking, when the request verb is above the action: "Peru asks the WTO to rule on Chile's
    tariffs"."""
    for head in list(verb.ancestors)[:3] if verb is not None else []:
        if rules.verb_actions.get(base(head.text, rules)) == "relief_sought" or base(head.text, rules) in (
                rules.wish_verbs):
            return next((code for c in head.children if c.dep_ == "nsubj" and (code := country_of(c, by_token))),
                        None)
    return None


def _destination(trigs: list[Token], by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """Where the taxed goods go: "goods exported to the United States", "shipped into Japan"."""
    for trig in trigs:
        for prep in trig.subtree:
            if (prep.dep_ == "prep" and prep.lower_ in {"to", "into"}
                    and base(prep.head.text, rules) in rules.export_verbs):
                code = next((country_of(o, by_token) for o in prep.children if o.dep_ == "pobj"), None)
                if code:
                    return code
    return None


def _struck(trigs: list[Token], verb: Token | None, by_token: dict[int, str], rules: ClaimRules) -> str | None:
    """"hit Brazil with a 50% tariff", "slapped Thai rice with duties", "exempted Canada from the tariffs": the
    verb's object is the target."""
    if verb is None:
        return None
    preps = {"with", "from"} if rules.verb_actions.get(base(verb.text, rules)) == "exempted" else {"with"}
    if not any(t.head.dep_ == "prep" and t.head.lower_ in preps and t.head.head.i == verb.i for t in trigs):
        return None
    return next((code for c in verb.children if c.dep_ == "dobj" and (code := country_of(c, by_token))), None)


def _government_of(tok: Token, governments: dict[int, str]) -> str | None:
    """The government a subject speaks for; a premier or governor titled by region ("Ontario Premier Doug
    Ford") speaks for the region, not the country."""
    title = [tok, *(t for t in tok.subtree if t.i < tok.i and t.dep_ in {"compound", "nmod", "amod"})]
    for t in title:
        code = governments.get(t.i) or (place[1] if (place := resolve_place(t.text)) else None)
        if code and "-" in code:
            return code
    return country_of(tok, governments)
