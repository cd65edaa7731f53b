"""Tariff claims from a parsed Doc: who does what tariff to whom, on what, at what rate.

One claim per action verb governing a tariff word. The imposer is the verb's subject (or a
passive agent, or a country modifying "tariffs"); reported speech is followed down to the
clause that carries the action, so "Greer said the U.S. would impose" is the U.S.'s claim.
Parties the sentence leaves out come from the article's earlier claims, then from its two
most-mentioned countries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from nlp.actors import Mention
from nlp.records import Figure, TariffClaim
from nlp.rules import claim_rules

RULES = claim_rules()
_TARGET_ACTIONS = {"relief_sought", "exempted"}  # actions whose subject, not the tariff's object, names the target
_KNOWN_VERBS = (set(RULES.verb_actions) | RULES.denials | RULES.future_heads | set(RULES.subject_verb_actions)
                | RULES.target_subject_verbs | {"rule", "respond", "retaliate"})


def _base(word: str) -> str:
    """Verb base form without a lemmatizer: enough for the verbs of nlp/data/claims.toml."""
    w = word.lower()
    if w in RULES.irregular:
        return RULES.irregular[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", "")):
        if w.endswith(suffix):
            stem = w[: -len(suffix)] + repl
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
                if cand in _KNOWN_VERBS:
                    return cand
    return w


def _is_trigger(tok: Token) -> bool:
    if tok.lower_ in RULES.rate_nouns:
        return _is_tariff_rate(tok)
    if tok.lower_ in RULES.relief_nouns:  # "an exemption from the duties" leaves the claim to "duties"
        return _requester(tok) is not None and not any(_is_trigger(t) for t in tok.subtree if t.i != tok.i)
    if not _is_tariff_word(tok):
        return False
    doc = tok.doc
    prev = doc[tok.i - 2] if tok.i >= 2 and doc[tok.i - 1].text == "-" else None
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else None
    if (prev is not None and prev.lower_ in RULES.negating_prefixes) or (
            after is not None and after.lower_ in RULES.negating_suffixes):
        return False
    start = tok.left_edge.i
    return doc[max(0, start - 2):start].text.lower() not in RULES.alternatives


def _is_tariff_word(tok: Token) -> bool:
    return tok.lower_ in RULES.triggers or tok.lower_.endswith(("tariff", "tariffs"))


def _requester(tok: Token) -> Token | None:
    """The verb asking for relief ("seeking an exemption", "asked Beijing for a waiver"), if one governs the noun."""
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    asks = tok.dep_ in {"dobj", "pobj"} and RULES.verb_actions.get(_base(head.text)) == "relief_sought"
    return head if asks else None


def _relief_parties(trigs: list[Token], by_token: dict[int, str]) -> tuple[str | None, str | None] | None:
    """(imposer, target) of a request with no tariff word: the one asked ("from Washington", "asked Beijing")
    and the one asking (the subject, or the speaker of "Ireland said it was seeking an exemption")."""
    if not all(t.lower_ in RULES.relief_nouns for t in trigs):
        return None
    verbs = {_requester(t) for t in trigs}
    verb = verbs.pop() if len(verbs) == 1 else None
    if verb is None:
        return None
    imposer = _asked(trigs, verb, by_token)
    subject = _subject(verb)
    target = _country_of(subject, by_token) if subject is not None else None
    if target is None and verb.dep_ == "ccomp":
        speaker = _subject(verb.head)
        target = _country_of(speaker, by_token) if speaker is not None else None
    return imposer, target


def _asked(trigs: list[Token], verb: Token, by_token: dict[int, str]) -> str | None:
    """The country relief is asked of: "relief from Washington", "asked Beijing for an exemption"."""
    asked = [o for t in [*trigs, verb] for p in t.children if p.dep_ == "prep" and p.lower_ == "from"
             for o in p.children if o.dep_ == "pobj"]
    asked += [c for c in verb.children if c.dep_ == "dobj" and c not in trigs]
    return next((code for code in (_country_of(o, by_token) for o in asked) if code), None)


def _is_tariff_rate(tok: Token) -> bool:
    """"an anti-dumping deposit", "a countervailing duty rate", or, after a tariff word, "the 30% rate Trump
    had threatened"; never "the interest rate" or "a 3% rate" in a story without tariffs."""
    words = [t.lower_ for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod"}]
    if any(w in RULES.tariff_qualifiers for w in words):
        return True
    if any(t.pos_ in {"NOUN", "PROPN"} and t.lower_ != "%" for t in tok.lefts if t.dep_ in {"compound", "nmod"}):
        return False
    return _own_rate(tok) is not None and any(_is_tariff_word(t) for t in tok.doc[:tok.i])


def _governing_verb(tok: Token) -> Token | None:
    """The clause verb above a tariff word; participles modifying a noun ("threatened tariff") are
    passed over so "did not impose a threatened tariff" is read at "impose"."""
    head, steps = tok, 0
    while head.head.i != head.i and steps < 4:
        head = head.head
        steps += 1
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"amod", "compound"}:
            return head
    return None


def _trigger_is_subject(trig: Token, verb: Token) -> bool:
    """"The duty had raised tomato prices": the tariff is the actor, not the thing acted on."""
    tok = trig
    while tok.head.i != tok.i and tok.i != verb.i:
        if tok.dep_ in {"nsubj", "csubj"} and tok.head.i == verb.i:
            return True
        tok = tok.head
    return False


def _country_of(tok: Token, by_token: dict[int, str]) -> str | None:
    """Country a token speaks for: itself, or any actor mention inside its subtree's head span."""
    for t in [tok, *tok.children]:
        if t.i in by_token and t.dep_ not in {"prep", "relcl", "acl"}:
            return by_token[t.i]
    clauses = {c.i for t in tok.subtree if t.dep_ in {"relcl", "acl"} and t.pos_ == "VERB" for c in t.subtree}
    for t in tok.subtree:
        if t.i in by_token and t.i not in clauses:  # "oil that Beijing taxes" is not Chinese oil
            return by_token[t.i]
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, else the nearest one up the tree ("Canada was close to securing");
    for "asked the United States to lower" the object of "asked" is the one who lowers.

    The walk stops at a clause that reports speech, so a speaker never becomes the imposer.
    """
    tok = verb
    for _ in range(5):
        for c in tok.children:
            if c.dep_ in {"nsubj", "csubj"}:
                # "Ford, who put a surcharge on hold": the relative pronoun stands for the one it names
                named = tok.dep_ == "relcl" and c.tag_ in {"WP", "WDT"} and tok.head.pos_ == "PROPN"
                return tok.head if named else c
        if tok.dep_ in {"ccomp", "ROOT", "relcl"} or tok.head.i == tok.i:
            return None
        if tok.dep_ == "xcomp":
            obj = next((c for c in tok.head.children if c.dep_ in {"dobj", "dative"}), None)
            if obj is not None:
                return obj
        tok = tok.head
    return None


def _targets(trigs: list[Token], verb: Token | None, by_token: dict[int, str]) -> str | None:
    """"on Canadian steel", "against the U.S.", "on imports from China" -> the target's code.

    Looks under the tariff words and the verb's objects, never inside its subject.
    """
    scopes = list(trigs)
    if verb is not None:
        scopes += [c for c in verb.children if c.dep_ in {"prep", "dobj", "dative", "npadvmod"}]
    for tok in scopes:
        for prep in tok.subtree:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "from", "to"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        code = _country_of(obj, by_token)
                        if code:
                            return code
    return None


def _more_targets(trigs: list[Token], verb: Token | None, first: str, by_token: dict[int, str]) -> list[str]:
    """"tariffs on Canada, Mexico and China": every country coordinated with the first target."""
    for tok in _prep_scopes(trigs, verb):
        for obj in tok.subtree:
            if obj.dep_ == "pobj" and _country_of(obj, by_token) == first:
                codes = [first]
                for conj in obj.conjuncts:
                    code = by_token.get(conj.i)
                    if code and code not in codes:
                        codes.append(code)
                return codes
    return [first]


def _prep_scopes(trigs: list[Token], verb: Token | None) -> list[Token]:
    """The tariff words and the verb's prepositions: where "on Canada" or "on all imports" may hang."""
    return list(trigs) + ([c for c in verb.children if c.dep_ == "prep"] if verb is not None else [])


_PCT = r"[\d.]+\s?(?:%|per ?cent|percent)"


def _own_rate(trig: Token) -> float | None:
    """The percent written on the tariff phrase itself: "a 25% duty", "duties of 35 per cent"."""
    doc = trig.doc
    for tok in trig.subtree:
        if tok.like_num and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"%", "percent", "per"} and not any(
                a.lower_ == "from" for a in tok.ancestors if trig in a.ancestors):
            try:
                return float(tok.text.replace(",", ""))
            except ValueError:
                return None
    return None


def _split_by_rate(trigs: list[Token]) -> list[list[Token]]:
    """"a 100% tariff on canola and a 25% duty on pork": tariff words with rates of their own are
    separate measures; "tariffs on steel and aluminum" stays one."""
    parts: list[list[Token]] = []
    for trig in trigs:
        if parts and (_own_rate(trig) is None or _own_rate(parts[-1][0]) is None):
            parts[-1].append(trig)
        else:
            parts.append([trig])
    return parts


def _rate(sent: Span, figures: list[Figure], trigs: list[Token], *, own: bool) -> tuple[float | None, float | None]:
    """(rate, previous): the tariff phrase's own percent (not for a change: "doubling the 25% duty"
    names the old rate), else the sentence's; "to 50% from 25%" gives both, a lone "from 27.5%" only
    the previous rate."""
    rate = next((r for r in map(_own_rate, trigs) if r is not None), None) if own else None
    if rate is not None:
        return rate, None
    percents = [f for f in figures if f.unit == "percent"]
    if not percents:
        return None, None
    text = sent.text.lower()
    if len(percents) == 1 and re.search(rf"\bfrom\s+(?:about\s+|the\s+)?{_PCT}", text) and not re.search(
            rf"\bto\s+{_PCT}", text):
        return None, percents[0].value
    if len(percents) >= 2:
        to_first = re.search(rf"\bto\s+{_PCT}\s+from\b", text)
        from_first = re.search(rf"\bfrom\s+{_PCT}\s+to\b", text)
        if to_first:
            return percents[0].value, percents[1].value
        if from_first:
            return percents[1].value, percents[0].value
    return percents[0].value, None


def _effective_date(sent: Span) -> str | None:
    for ent in sent.ents:
        if ent.label_ == "DATE" and ent.start > sent.start and sent.doc[ent.start - 1].lower_ in RULES.date_intro:
            return ent.text
    return None


def extract_claims(doc: Doc, mentions: list[Mention], figures: list[Figure],
                   country_counts: Counter[str]) -> list[TariffClaim]:
    by_token = {i: m.country for m in mentions if m.country for i in range(m.start, m.end)}
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
    last: tuple[str | None, str | None] = (None, None)
    for index, sent in enumerate(sentences):
        triggers = [t for t in sent if _is_trigger(t)]
        if not triggers:
            continue
        sent_figures = [f for f in figures if f.sentence == index]
        groups: dict[int, list[Token]] = {}
        for trig in triggers:
            # a tariff with an action of its own ("the 30% rate Trump had threatened") is a measure of its own
            verb = _governing_verb(trig) if _clause_action([trig]) is None else None
            groups.setdefault(verb.i if verb is not None else -trig.i - 1, []).append(trig)
        seen: set[tuple[str | None, str | None, str, float | None]] = set()
        for key, group in groups.items():
            verb = doc[key] if key >= 0 else None
            for trigs in _split_by_rate(group):
                found = [c for c in _claim(sent, index, verb, trigs, by_token, sent_figures,
                                           sectors_by_sent.get(index, []), last, top)
                         if (c.imposer, c.target, c.action, c.rate) not in seen]
                if not found:
                    continue
                seen.update((c.imposer, c.target, c.action, c.rate) for c in found)
                if found[0].action not in _TARGET_ACTIONS and _is_global(trigs, verb, by_token):
                    worldwide.update(range(len(claims), len(claims) + len(found)))
                claims += found
                last = (found[0].imposer, found[0].target)
    return _fold_restatements(_complete_parties(claims, worldwide))


def _fold_restatements(claims: list[TariffClaim]) -> list[TariffClaim]:
    """One measure told twice is one claim: the headline and the body, or a later "the tariffs apply to"
    after "China retaliated". Same parties, the same action (or "imposed" beside a more specific one)
    and no conflicting rate (a headline may round 17.09% to 17%); the more specific, rated claim stays.
    Two measures of one action in one sentence ("a 25% duty on cars and a 25% tariff on trucks") stay two."""
    out: list[TariffClaim] = []
    for claim in claims:
        for i, kept in enumerate(out):
            if _restates(claim, kept):
                out[i] = _merged(kept, claim)
                break
        else:
            out.append(claim)
    return out


def _restates(a: TariffClaim, b: TariffClaim) -> bool:
    if (a.sentence == b.sentence and a.action == b.action) or (a.imposer, a.target) != (b.imposer, b.target):
        return False
    actions = {a.action, b.action}
    if len(actions) > 1 and not (len(actions) == 2 and "imposed" in actions and actions & RULES.specific_actions):
        return False
    return a.rate is None or b.rate is None or abs(a.rate - b.rate) < 1


def _merged(a: TariffClaim, b: TariffClaim) -> TariffClaim:
    """The specific action over "imposed", then the claim with a rate, then the unrounded rate, then the later
    (the body's over the headline's)."""
    def rank(c: TariffClaim) -> tuple[bool, bool, bool]:
        return c.action != "imposed", c.rate is not None, c.rate is not None and not c.rate.is_integer()
    best, other = (b, a) if rank(b) >= rank(a) else (a, b)
    return replace(best, rate=best.rate if best.rate is not None else other.rate,
                   sectors=best.sectors or other.sectors)


def _complete_parties(claims: list[TariffClaim], worldwide: set[int]) -> list[TariffClaim]:
    """A headline's "Chinese tariff" is the body's China → Canada: a party left open is taken from
    the article's other claims by the same imposer (or against the same target); a tariff on all
    imports keeps its open target."""
    targets: Counter[tuple[str, str]] = Counter((c.imposer, c.target) for c in claims if c.imposer and c.target)
    out = []
    for i, c in enumerate(claims):
        if c.imposer and not c.target and i not in worldwide:
            options = [(n, t) for (imp, t), n in targets.items() if imp == c.imposer]
            if options:
                c = replace(c, target=max(options)[1])
        elif c.target and not c.imposer:
            options = [(n, imp) for (imp, t), n in targets.items() if t == c.target]
            if options:
                c = replace(c, imposer=max(options)[1])
        out.append(c)
    return out


def _noun_action(trigs: list[Token], sent: Span) -> str | None:
    """Action carried by the tariff phrase itself: "counter-tariffs", "tariff relief"."""
    for trig in trigs:
        doc = trig.doc
        if trig.i >= 2 and doc[trig.i - 1].text == "-" and doc[trig.i - 2].lower_ in {"counter", "retaliatory"}:
            return "retaliated"
        for word in [trig, *trig.lefts, *trig.rights, trig.head]:
            if word.lower_ in RULES.noun_actions:
                return RULES.noun_actions[word.lower_]
    others = {t.i for o in sent if _is_trigger(o) and o not in trigs for t in o.subtree}
    words = {t.lower_ for t in sent if t.i not in others}
    if "retaliation" in words or "retaliatory" in words:
        return "retaliated"
    return None


def _modifier_country(trigs: list[Token], by_token: dict[int, str]) -> str | None:
    """"U.S. tariffs", "China's duties", "Canadian counter-tariffs", "the duties (that) Ottawa imposed":
    the owner of the tariff."""
    for trig in trigs:
        for left in trig.lefts:
            code = by_token.get(left.i)
            if code and left.dep_ in {"compound", "poss", "amod", "nmod"}:
                return code
    for trig in trigs:
        for clause in _relative_clauses(trig):
            if _base(clause.text) in RULES.verb_actions:
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                code = _country_of(subject, by_token) if subject is not None else None
                if code:
                    return code
    return None


def _clause_action(trigs: list[Token]) -> str | None:
    """Action of a relative clause on the tariff other than "imposed", which only recounts the measure."""
    actions = (RULES.verb_actions.get(_base(c.text)) for t in trigs for c in _relative_clauses(t))
    return next((a for a in actions if a not in {None, "imposed"}), None)


def _relative_clauses(trig: Token) -> list[Token]:
    """Relative clauses about the tariff phrase: on the tariff word or on the last object of its "on" phrase
    ("tariffs on canola oil and meal that Beijing imposed")."""
    return [t for t in trig.subtree if t.dep_ in {"relcl", "acl"} and t.pos_ == "VERB"
            and (t.head.i == trig.i or t.head.dep_ in {"pobj", "conj"})]


def _is_provocation(trig: Token) -> bool:
    """"in retaliation for Canadian duties", "responded to U.S. tariffs", "a dispute over Ottawa's tariffs":
    the cause, not the act."""
    tok = trig
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and head.lower_ in {"to", "for", "against"} and (
            _base(head.head.text) in {"respond", "retaliate"} or head.head.lower_ in RULES.response_nouns
        ):
            return True
        if tok.dep_ == "pobj" and head.lower_ == "over" and head.head.lower_ in RULES.dispute_nouns:
            return True
        tok = head
    return False


def _denied(verb: Token) -> bool:
    """"ruled out retaliatory tariffs", "refused to impose": the measure is not taken."""
    tok = verb
    for _ in range(3):
        base = _base(tok.text)
        if base in RULES.denials or (base == "rule" and any(c.lower_ == "out" for c in tok.children)):
            return True
        if tok.head.i == tok.i or tok.dep_ not in {"xcomp", "dobj", "ccomp"}:
            return False
        tok = tok.head
    return False


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


def _conditional(verb: Token) -> bool:
    """"will impose a 35% tariff if Ottawa fails to act": a threat, not a decision."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in RULES.conditions for m in c.children):
            return True
    return False


def _is_future(verb: Token) -> bool:
    """"will impose", "plans to impose", "Canada to impose" (headline): an announced measure."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall"}:
        return True
    if "to" in aux:
        return verb.dep_ == "ROOT" or (verb.dep_ == "xcomp" and _base(verb.head.text) in RULES.future_heads)
    return False


def _action(verb: Token | None, trigs: list[Token], sent: Span) -> tuple[str | None, bool]:
    """(action, whether a verb of that action chose it); a specific verb beats the noun."""
    verb_action = None
    if any(RULES.verb_actions.get(_base(h.text)) == "exempted" for t in trigs for h in list(t.ancestors)[:5]):
        return "exempted", True  # "would be exempt from the tariff", "exempts firms from paying duties"
    if verb is not None:
        base = _base(verb.text)
        if base == "lift" and any(c.lower_ == "to" for c in verb.children):
            verb_action = "raised"
        elif base == "rule":
            if not any(c.lower_ == "against" for c in verb.children):
                return None, False
            verb_action = "struck_down"
        elif base in {"strike", "roll"}:
            if not any(c.lower_ in {"down", "back"} for c in verb.children):
                return None, False
            verb_action = "struck_down" if base == "strike" else "lowered"
        else:
            verb_action = RULES.verb_actions.get(base)
    phrase = _phrase_action(verb, trigs)
    if phrase and verb_action in {None, "imposed"}:
        return phrase, True
    if verb is not None and all(_trigger_is_subject(t, verb) for t in trigs):
        action = RULES.subject_verb_actions.get(_base(verb.text))
        if action is None and any(_own_rate(t) is not None for t in trigs):
            action = "imposed"  # "the 50% U.S. tariff erodes margins": a stated rate is a measure in force
        if action == "imposed":
            action = _noun_action(trigs, sent) or action
        return action, True
    if verb_action and verb_action != "imposed":
        return verb_action, True
    if verb is not None and any(_base(c.text) == "retaliate" for c in verb.children if c.dep_ in {"advcl", "xcomp"}):
        return "retaliated", True
    clause_action = _clause_action(trigs)
    if verb_action is None and clause_action is not None:
        return clause_action, True  # "down from the 30% rate Trump had threatened"
    noun_action = _noun_action(trigs, sent)
    if noun_action:
        return noun_action, False
    return ("imposed", False) if verb is None or verb_action == "imposed" else (None, False)


def _is_global(trigs: list[Token], verb: Token | None, by_token: dict[int, str]) -> bool:
    """"a tariff on softwood lumber imports", "the rate applied to other countries": a measure on every
    origin, whose target stays open, unless a country is named in the sentence's target phrase."""
    if _targets(trigs, verb, by_token) is not None:
        return False
    for tok in _prep_scopes(trigs, verb):
        for prep in tok.subtree:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "to"}:
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    words = [obj, *(c for c in obj.children if c.dep_ in {"amod", "det", "compound"})]
                    if any(w.lower_ in RULES.global_words for w in words):
                        return True
    return False


def _is_goods(tok: Token) -> bool:
    """A subject that is goods of a sector ("Canadian steel", "British-made cars"), not a party."""
    return any(span.start <= tok.i < span.end for span in tok.doc.spans.get("sectors", []))


def _phrase_action(verb: Token | None, trigs: list[Token]) -> str | None:
    """Action of a phrase in the clause: "put the surcharge on hold", "remain subject to 50% duties"."""
    scope = sorted({t.i for t in (verb.subtree if verb is not None else (w for tr in trigs for w in tr.subtree))})
    doc = trigs[0].doc
    for i in scope:
        if i + 1 in scope:
            action = RULES.phrase_actions.get(f"{doc[i].lower_} {doc[i + 1].lower_}")
            if action:
                return action
    return None


def _claim(sent: Span, index: int, verb: Token | None, trigs: list[Token],
           by_token: dict[int, str], figures: list[Figure], sectors: list[str],
           last: tuple[str | None, str | None], top: list[str]) -> list[TariffClaim]:
    scope = [verb, *verb.children] if verb is not None else trigs
    if any(t.lower_ in RULES.negations and t.dep_ == "neg" for t in scope if t is not None):
        return []
    if any(t.lower_ == "no" and t.dep_ == "det" for tr in trigs for t in tr.lefts):
        return []
    if verb is not None and (_denied(verb) or _under_no(verb)):
        return []
    relief = _relief_parties(trigs, by_token)
    if relief is not None:
        imposer, target = _fill(*relief, last, top)
        if imposer is None or target is None or imposer == target:
            return []
        return [TariffClaim(imposer=imposer, target=target, action="relief_sought", sentence=index,
                            evidence=sent.text.strip(), sectors=tuple(sectors),
                            rate=_rate(sent, figures, trigs, own=False)[0])]
    action, by_verb = _action(verb, trigs, sent)
    provocation = all(_is_provocation(t) for t in trigs)
    if action is None and not provocation:
        return []
    # "the 25% tariff could cost jobs": the modal is on the effect, not on the measure
    effect = verb is not None and _base(verb.text) not in RULES.subject_verb_actions and all(
        _trigger_is_subject(t, verb) for t in trigs)
    if verb is not None and not effect and action not in {"threatened", "relief_sought", "exempted"} and any(
        c.lower_ in RULES.modals and c.dep_ == "aux" for c in verb.children
    ) and _base(verb.text) not in RULES.continuing_verbs:
        action = "threatened"
    if verb is not None and not effect and action == "imposed" and _is_future(verb) and (
            _base(verb.text) not in RULES.continuing_verbs):
        action = "announced"
    if verb is not None and not effect and action in {"imposed", "announced", "raised"} and _conditional(verb):
        action = "threatened"
    if provocation:
        action = "imposed"
    modifier = _modifier_country(trigs, by_token)
    subject_country = agent_country = passive_target = subject_target = None
    if verb is not None and not provocation:
        subject = _subject(verb)
        if subject is not None and _is_trigger(subject):
            # "the 20% surtax on Japanese steel would stay": the tariff's owner and target, not its words
            subject_country = _modifier_country([subject], by_token)
            subject_target = _targets([subject], None, by_token)
        elif subject is not None and _is_goods(subject):
            subject_target = _country_of(subject, by_token)  # "British-made cars enter at a 10% tariff": the origin
        elif subject is not None:
            subject_country = _country_of(subject, by_token)
        for c in verb.children:
            if c.dep_ == "agent":
                agent_country = next((_country_of(o, by_token) for o in c.children if o.dep_ == "pobj"), None)
            if c.dep_ == "nsubjpass" and passive_target is None:
                passive_target = _country_of(c, by_token)
    target = _targets(trigs, verb, by_token) or passive_target or subject_target
    if action == "relief_sought" and verb is not None and (asked := _asked(trigs, verb, by_token)):
        modifier, target = modifier or asked, None if target == asked else target  # "tariff relief from the EU"
    subject_is_target = (verb is not None and _base(verb.text) in RULES.target_subject_verbs) or (
        action == "relief_sought" or (action == "exempted" and not by_verb))
    if subject_is_target:
        imposer = modifier
        target = target or (subject_country if subject_country != modifier else None)
    else:
        imposer = modifier or subject_country or agent_country
    if imposer is None and verb is not None and verb.dep_ == "ccomp" and not provocation:
        speaker = _subject(verb.head)
        imposer = _country_of(speaker, by_token) if speaker is not None else None
    if provocation:
        rate, previous = next((r for r in map(_own_rate, trigs) if r is not None), None), None
    else:
        rate, previous = _rate(sent, figures, trigs, own=action not in {"raised", "lowered"})
    if verb is None and rate is None and action == "imposed":
        return []
    explicit = imposer is not None or target is not None
    if not (rate is not None or sectors or explicit):
        return []
    imposer, target = _fill(imposer, target, last, top)
    if action not in _TARGET_ACTIONS and _is_global(trigs, verb, by_token):
        target = None
    if imposer is not None and imposer == target:
        return []
    targets = _more_targets(trigs, verb, target, by_token) if target else [target]
    rates = [f.value for f in figures if f.unit == "percent"]
    paired = len(targets) > 1 and len(rates) == len(targets)
    return [
        TariffClaim(
            imposer=imposer, target=t, action=action, sentence=index,
            evidence=sent.text.strip(), sectors=tuple(sectors), rate=rates[i] if paired else rate,
            previous_rate=None if paired else previous, effective_date=_effective_date(sent),
        )
        for i, t in enumerate(targets) if t != imposer
    ]


def _fill(imposer: str | None, target: str | None, last: tuple[str | None, str | None],
          top: list[str]) -> tuple[str | None, str | None]:
    """Parties the sentence leaves out: the previous claim's when it names neither; for a known
    target, the imposer from that claim or the article's other main country. A known imposer
    keeps an open target: a global tariff has none."""
    if imposer is None and target is None and last != (None, None):
        return last
    if imposer is None and target is not None:
        if last[1] == target and last[0]:
            return last[0], target
        return next((c for c in top if c != target), None), target
    return imposer, target
