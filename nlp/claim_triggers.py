"""Tariff words in a sentence and the verbs they hang on: which tokens name a tariff, their own rate,
and how they group into measures (one group per governing verb, split where each has its own rate)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.rules import ClaimRules

_PERCENT_WORDS = frozenset({"%", "percent", "cent"})
OTHER_CLAUSES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl", "acl"})  # clauses a verb governs


def base(word: str, rules: ClaimRules) -> str:
    """Verb base form without a lemmatizer: enough for the verbs of nlp/data/claims.toml."""
    w = word.lower()
    if w in rules.irregular:
        return rules.irregular[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("d", "")):
        if w.endswith(suffix):
            stem = w[: -len(suffix)] + repl
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
                if cand in rules.known_verbs:
                    return cand
    return w


def is_trigger(tok: Token, rules: ClaimRules) -> bool:
    if tok.pos_ == "VERB" and base(tok.text, rules) in rules.rate_verbs:  # "goods are taxed at 35%"
        return any(p.dep_ == "prep" and p.lower_ == "at" and own_rate(p) is not None for p in tok.children)
    if tok.lower_ in rules.rate_nouns:
        return _is_tariff_rate(tok, rules)
    if tok.lower_ in _PERCENT_WORDS:
        return _is_borne_rate(tok, rules)
    if tok.lower_ in rules.import_taxes:  # "a 25% tax on goods imported from Japan"
        return own_rate(tok) is not None and any(t.lower_.startswith("import") for t in tok.subtree)
    if tok.lower_ in rules.relief_nouns:  # "an exemption from the duties" leaves the claim to "duties"
        return requester(tok, rules) is not None and not any(
            is_trigger(t, rules) for t in tok.subtree if t.i != tok.i)
    if not is_tariff_word(tok, rules):
        return False
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if _negated(tok, rules) or (before is not None and is_tariff_word(before, rules) and _negated(before, rules)):
        return False  # "duty-free", "tariff-rate quotas", "non-tariff countermeasures"
    start = tok.left_edge.i
    return doc[max(0, start - 2):start].text.lower() not in rules.alternatives


def _negated(tok: Token, rules: ClaimRules) -> bool:
    """"anti-tariff", "non-tariff", "duty-free", "tariff-rate": the hyphenated word names no tariff."""
    doc = tok.doc
    prev = doc[tok.i - 2] if tok.i >= 2 and doc[tok.i - 1].text == "-" else None
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else None
    return (prev is not None and prev.lower_ in rules.negating_prefixes) or (
        after is not None and after.lower_ in rules.negating_suffixes)


def is_tariff_word(tok: Token, rules: ClaimRules) -> bool:
    return tok.lower_ in rules.triggers or tok.lower_.endswith(("tariff", "tariffs"))


def hyphen_heads(tok: Token) -> list[Token]:
    """The tariff word and, for "counter-tariffs" split at the hyphen, its prefix, where the parse may hang
    the owner ("Canada's 25% counter-tariffs")."""
    doc = tok.doc
    return [tok, doc[tok.i - 2]] if tok.i >= 2 and doc[tok.i - 1].text == "-" else [tok]


def requester(tok: Token, rules: ClaimRules) -> Token | None:
    """The verb asking for relief ("seeking an exemption", "asked Beijing for a waiver"), if one governs the noun."""
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    asks = tok.dep_ in {"dobj", "pobj"} and rules.verb_actions.get(base(head.text, rules)) == "relief_sought"
    return head if asks else None


def _is_tariff_rate(tok: Token, rules: ClaimRules) -> bool:
    """"an anti-dumping deposit", "a countervailing duty rate", or, after a tariff word, "the 30% rate Trump
    had threatened" or "rates could be raised to 25%";
    never "the interest rate" or "a 3% rate" in a story without tariffs."""
    words = [t.lower_ for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod"}]
    if any(w in rules.tariff_qualifiers for w in words):
        return True
    if any(t.pos_ in {"NOUN", "PROPN"} and t.lower_ != "%" for t in tok.lefts if t.dep_ in {"compound", "nmod"}):
        return False
    word = base(tok.head.text, rules)
    # "rates could be raised again to 25%": the subject of a tariff action
    acted = tok.dep_ in {"nsubj", "nsubjpass"} and (word in rules.verb_actions or word in rules.subject_verb_actions)
    # "Vietnam is seeking lower rates", "pressing for a reduced rate": a cut asked for, in a story about tariffs
    asker = requester(tok, rules) or (tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None)
    acted = acted or (asker is not None and rules.verb_actions.get(base(asker.text, rules)) == "relief_sought" and any(
        t.lower_ in rules.lower_words for t in tok.lefts))
    return (own_rate(tok) is not None or acted) and any(is_tariff_word(t, rules) for t in tok.doc[:tok.i])


def _is_borne_rate(tok: Token, rules: ClaimRules) -> bool:
    """A bare percent a party bears, in a story about tariffs: "Brazil faces 50% from Aug. 6", "Mexico pays 25%",
    "energy stays at 10%"; never "sales fell 5%"."""
    if tok.dep_ in {"dobj", "npadvmod"}:  # "has charged 50% on European steel", "is still charged 25%"
        verb = base(tok.head.text, rules)
        bears = (verb in rules.rate_verbs) or (tok.dep_ == "dobj" and verb in rules.target_subject_verbs)
    else:
        at = tok.dep_ == "pobj" and tok.head.lower_ == "at"
        bears = at and base(tok.head.head.text, rules) in rules.continuing_verbs
    return bears and own_rate(tok) is not None and any(is_tariff_word(t, rules) for t in tok.doc[:tok.i])


def own_rate(trig: Token) -> float | None:
    """The percent written on the tariff phrase itself: "a 25% duty", "duties of 35 per cent"; not on a
    tariff conjoined to it ("Beijing's tariffs ... and Ottawa's 100% surtax")."""
    doc = trig.doc
    conjoined = {t.i for c in trig.subtree if c.i != trig.i and c.dep_ == "conj" and (c.head.i == trig.i or any(
        o.dep_ == "poss" for o in c.children)) for t in c.subtree}
    for tok in (t for t in trig.subtree if t.i not in conjoined):
        if tok.like_num and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in {"%", "percent", "per"} and not any(
                a.lower_ == "from" for a in tok.ancestors if trig in a.ancestors):
            try:
                return float(tok.text.replace(",", ""))
            except ValueError:
                return None
    return None


def governing_verb(tok: Token) -> Token | None:
    """The clause verb above a tariff word; participles modifying a noun ("threatened tariff") are
    passed over so "did not impose a threatened tariff" is read at "impose"."""
    head, steps = tok, 0
    while head.head.i != head.i and steps < 4:
        steps += head.dep_ != "conj"  # "removed beef, coffee and fruit from the tariff": a list is one step
        head = head.head
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"amod", "compound"}:
            return head
    return None


def _shifted_object_verb(trig: Token, rules: ClaimRules) -> Token | None:
    """"agreed to delay by 30 days his 25% tariffs on Canada after Trudeau promised ...": the small parser makes a
    shifted object the subject of a later verb; an action verb with no object whose words end just before the
    tariff phrase is the verb the tariff belongs to."""
    if trig.dep_ != "nsubj" or trig.head.i < trig.i:
        return None
    start = trig.left_edge.i
    for verb in trig.doc[trig.sent.start:start]:
        if (verb.pos_ == "VERB" and verb.right_edge.i == start - 1 and base(verb.text, rules) in rules.verb_actions
                and not any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)):
            return verb
    return None


def trigger_is_subject(trig: Token, verb: Token) -> bool:
    """"The duty had raised tomato prices": the tariff is the actor, not the thing acted on."""
    tok = trig
    while tok.head.i != tok.i and tok.i != verb.i:
        if tok.dep_ in {"nsubj", "csubj"} and tok.head.i == verb.i:
            return True
        tok = tok.head
    return False


def relative_clauses(trig: Token) -> list[Token]:
    """Relative clauses about the tariff phrase: on the tariff word or on the last object of its "on" phrase
    ("tariffs on canola oil and meal that Beijing imposed")."""
    return [t for t in trig.subtree if t.dep_ in {"relcl", "acl"} and t.pos_ == "VERB"
            and (t.head.i == trig.i or t.head.dep_ in {"pobj", "conj"})]


def clause_action(trigs: list[Token], rules: ClaimRules) -> str | None:
    """Action of a relative clause on the tariff other than "imposed", which only recounts the measure."""
    actions = (rules.verb_actions.get(base(c.text, rules)) for t in trigs for c in relative_clauses(t))
    return next((a for a in actions if a not in {None, "imposed"}), None)


def is_provocation(trig: Token, rules: ClaimRules, *, disputes: bool = True) -> bool:
    """"in retaliation for Canadian duties", "responded to U.S. tariffs", "hits back at U.S. tariffs", "a dispute
    over Ottawa's tariffs": the cause, not the act."""
    tok = trig
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and head.lower_ in {"at", "against"} and any(
                c.lower_ == "back" for c in head.head.children):
            return True  # "hits back at U.S. steel tariffs"
        if tok.dep_ == "pobj" and head.lower_ == "with":
            return False  # "retaliating against Washington's tariff with duties on almonds": the answer, not the cause
        if tok.dep_ == "pobj" and head.lower_ in {"against", "to", "for"} and (
                rules.noun_actions.get(head.head.lower_) == "retaliated"):
            return True  # "weighing countermeasures against the U.S. duties"
        if tok.dep_ == "dobj" and base(head.text, rules) in rules.answer_verbs and not any(
                t.dep_ == "prep" for t in trig.ancestors if t.i in {a.i for a in tok.subtree}):
            return True  # "Mexico answered Washington's steel tariffs with a duty on pork": the tariffs, not the duty
        if tok.dep_ == "pobj" and head.lower_ in {"to", "for", "against"} and (
            base(head.head.text, rules) in {"respond", "retaliate"} or head.head.lower_ in rules.response_nouns
        ):
            return True
        if disputes and tok.dep_ == "pobj" and head.lower_ == "over" and head.head.lower_ in rules.dispute_nouns:
            return True
        tok = head
    return False


def _split_by_rate(trigs: list[Token]) -> list[list[Token]]:
    """"a 100% tariff on canola and a 25% duty on pork": tariff words with rates of their own are
    separate measures, and so are tariffs of two owners ("Beijing's tariffs ... and Ottawa's surtax");
    "tariffs on steel and aluminum" stays one."""
    parts: list[list[Token]] = []
    for trig in trigs:
        owners = {_owner(trig), _owner(parts[-1][0])} if parts else set()
        one_owner = None in owners or len(owners) == 1
        if parts and one_owner and (own_rate(trig) is None or own_rate(parts[-1][0]) is None):
            parts[-1].append(trig)
        else:
            parts.append([trig])
    return parts


def _owner(trig: Token) -> str | None:
    """The possessive that owns a tariff word ("Ottawa's surtax"), as written."""
    return next((c.text for c in trig.children if c.dep_ == "poss"), None)


def measures(sent: Span, rules: ClaimRules) -> list[tuple[Token | None, list[Token]]]:
    """(governing verb, tariff words) for each measure the sentence names, in order; the tariff a
    retaliation answers ("in response to Washington's steel tariffs") is a measure of its own."""
    groups: dict[tuple[int, bool], list[Token]] = {}
    for trig in (t for t in sent if is_trigger(t, rules)):
        # a tariff with an action of its own ("the 30% rate Trump had threatened") is a measure of its own,
        # unless it is the subject or object of its clause ("the tariffs, which Trump announced, were paused")
        verb = _shifted_object_verb(trig, rules) or governing_verb(trig)
        if clause_action([trig], rules) is not None and not (verb is not None and trig.head.i == verb.i):
            verb = None
        verb = trig if trig.pos_ == "VERB" else verb  # "taxed at 35%" is its own verb
        key = (verb.i if verb is not None else -trig.i - 1, is_provocation(trig, rules))
        groups.setdefault(key, []).append(trig)
    doc = sent.doc
    return [(doc[key] if key >= 0 else None, trigs) for (key, _), group in groups.items()
            for trigs in _split_by_rate(group)]
