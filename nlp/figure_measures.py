"""What a figure measures, read from the dependency parse: the noun phrase it counts or is a share of,
without determiners, possessives or country words.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.records import Figure
from nlp.rules import MeasureWords

_TIME_NOUNS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
               "minute", "minutes", "times", "time", "percent", "cent", "%"}
_DROP_DEPS = {"det", "poss", "nummod", "quantmod", "case", "punct", "predet", "advmod"}
_PERCENT_WORDS = {"%", "per", "cent", "percent", "pct"}
_FIGURE_ENTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
_DROP_ENTS = {"GPE", "NORP", "ORG", "PERSON", "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}


def _hyphen_group(tok: Token) -> list[Token]:
    """"counter-tariffs" is three tokens; a phrase keeps such words whole."""
    doc, lo, hi = tok.doc, tok.i, tok.i
    while lo > 0 and not doc[lo - 1].whitespace_ and "-" in (doc[lo - 1].text, doc[lo].text):
        lo -= 1
    while hi + 1 < len(doc) and not doc[hi].whitespace_ and "-" in (doc[hi].text, doc[hi + 1].text):
        hi += 1
    return list(doc[lo:hi + 1])


def _render(tokens: list[Token]) -> str:
    ordered = sorted({t.i: t for group in tokens for t in _hyphen_group(group)}.values(), key=lambda t: t.i)
    out = ""
    for prev, tok in zip([None, *ordered], ordered, strict=False):
        if prev is not None:
            out += prev.whitespace_ if tok.i == prev.i + 1 else " "
        out += tok.text
    return out.strip()


def _figure_word(tok: Token) -> bool:
    """A number, "%", "per cent" or currency sign: part of a figure, never of what it measures."""
    return tok.like_num or tok.lower_ in _PERCENT_WORDS or tok.pos_ == "SYM"


def _kept_modifier(left: Token, words: MeasureWords) -> bool:
    """A modifier stays unless it is a determiner, an entity, a possessive, a figure of its own ("an earlier
    25% duty"), a word of state ("the current rate") or a hyphenated country word ("British-built cars")."""
    if left.dep_ in _DROP_DEPS or left.ent_type_ in _DROP_ENTS or left.tag_ == "POS" or _figure_word(left):
        return False
    group = _hyphen_group(left)
    if len(group) > 1 and any(t.ent_type_ in {"GPE", "NORP"} for t in group):
        return False
    return left.lower_ not in words.state_words and "".join(t.text for t in group).lower() not in words.state_words


def _label_numbers(kept: list[Token], noun: Token) -> list[Token]:
    """A number written straight after a modifier names it: "Section 232 tariff", not "Section tariff"."""
    ids = {t.i for t in kept}
    doc = noun.doc
    return [doc[t.i + 1] for t in kept if t.i != noun.i and t.pos_ in {"NOUN", "PROPN"} and t.i + 1 < len(doc)
            and doc[t.i + 1].like_num and doc[t.i + 1].dep_ == "nummod" and doc[t.i + 1].head.i in ids]


def _noun_phrase(noun: Token, words: MeasureWords) -> str | None:
    """"crude oil imports" from "about 60% of U.S. crude oil imports": modifiers, no entities."""
    if noun.ent_type_ == "NORP" and noun.tag_ == "NNPS":
        return next(e.text for e in noun.doc.ents if e.start <= noun.i < e.end)
    if noun.ent_type_ in {"GPE", "NORP", "PERSON", "DATE"} or noun.lower_ in _TIME_NOUNS or noun.pos_ == "PRON":
        return None

    def keep(tok: Token) -> list[Token]:
        kept = []
        for left in tok.lefts:
            if _kept_modifier(left, words) and left.dep_ in {"compound", "amod", "nmod"}:
                kept.extend(keep(left))
                # a modifier keeps its conjuncts: "anti-dumping and countervailing duties"
                conjuncts = [r for r in left.rights if r.dep_ == "conj" and _kept_modifier(r, words)]
                kept.extend(t for r in conjuncts for t in keep(r))
                kept.extend(r for r in left.rights if r.dep_ == "cc" and conjuncts)
        kept.append(tok)
        return kept

    kept = keep(noun)
    phrase = _render(kept + _label_numbers(kept, noun))
    for c in noun.rights:
        # "a 25% tariff on trucks and a 10% tariff on buses": a conjunct with its own figure is measured apart
        own_figure = any(_figure_word(t) for t in c.subtree if t.i < c.i)
        if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in _DROP_ENTS and not own_figure:
            phrase += " and " + _render(keep(c))
    return phrase


def _subject(verb: Token, deps: tuple[str, ...], pos: set[str]) -> Token | None:
    """The verb's first child of the given deps; a relative "which" stands for the noun it follows."""
    for dep in deps:
        for c in verb.children:
            if c.dep_ != dep:
                continue
            if c.lower_ in {"which", "that"} and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
                return verb.head
            if c.pos_ in pos and c.ent_type_ not in _DROP_ENTS:
                return c
    # "the duties, ranging from 27.7% to 34.9%"
    return verb.head if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"} else None


def _measured(root: Token, span: range, words: MeasureWords) -> Token | None:
    """The noun the figure whose root is `root` (over token indices `span`) measures."""
    for tok in [root, *(root.doc[i] for i in span if i != root.i)]:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "worth"}:
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in span]
                if child.lower_ == "worth":
                    objects = [c for o in child.children for c in o.children if c.dep_ == "pobj"] or objects
                if objects and objects[0].lower_ not in _TIME_NOUNS:
                    return objects[0]
    head = root.head
    # a number's head is a noun even when tagged otherwise ("31,000 taxpayer accounts/VERB")
    modifies_noun = root.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod"} and (
        head.pos_ in {"NOUN", "PROPN"} or root.dep_ == "nummod")
    if modifies_noun and head.lower_ not in _TIME_NOUNS and head.i not in span:
        return head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if owner.pos_ in {"NOUN", "PROPN"} and owner.lower_ not in _TIME_NOUNS:
            return owner
        if owner.pos_ in {"VERB", "AUX"}:
            return _subject(owner, ("dobj", "nsubjpass", "nsubj"), {"NOUN", "PROPN"})
    if root.dep_ == "dobj" and head.pos_ == "VERB":
        # "raised about £800m in revenue", "pledged $150 billion in new investment"
        spent_on = [o for p in head.rights if p.dep_ == "prep" and p.lower_ == "in" and p.i > root.i
                    for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.lower_ not in _TIME_NOUNS
                    and o.ent_type_ not in _DROP_ENTS]
        if spent_on:
            return spent_on[0]
    if root.dep_ == "dobj" and head.lower_ in words.agent_verbs:
        return None  # "the consortium will spend C$1.5 billion": the subject spends it, the noun is elided
    if root.dep_ in {"dobj", "attr", "npadvmod"} and head.pos_ in {"VERB", "AUX"}:
        return _subject(head, ("nsubj", "nsubjpass"), {"NOUN", "PROPN"} if head.pos_ == "AUX" else {"NOUN"})
    if root.dep_ == "npadvmod" and head.pos_ in {"ADJ", "ADV", "ADP"}:
        # "sites were 81% full", "goods worth C$11 billion", "a market worth C$5 billion", "with sales down 9%"
        if head.dep_ == "amod":
            return head.head
        own = _subject(head, ("nsubj",), {"NOUN", "PROPN"})
        predicate = head.head.pos_ == "AUX" or (head.dep_ in {"acomp", "prep"} and head.head.pos_ == "VERB")
        if own is None and predicate:
            return _subject(head.head, ("dobj", "nsubj", "nsubjpass"), {"NOUN", "PROPN"})
        return own
    return None


def measure_of(span: Span, words: MeasureWords) -> str | None:
    """What the figure counts, from its place in the parse."""
    span_range = range(span.start, span.end)
    noun = _measured(span.root, span_range, words) or _hyphenated_after(span)
    if noun is not None and (noun.lower_ in words.amount_nouns or _figure_word(noun) or noun.ent_type_ in _FIGURE_ENTS):
        # "C$30 billion worth of goods"; "55% of the US$87 billion in exports" measures what the amount does
        noun = _measured(noun, span_range, words)
    if noun is not None:
        noun = _changed(noun, words)
    return _noun_phrase(noun, words) if noun is not None else None


def _hyphenated_after(span: Span) -> Token | None:
    """"its 25% counter-tariffs": the parser tears a hyphenated noun from the figure before it, so the
    word written straight after the figure is what it measures."""
    if span.end >= len(span.doc):
        return None
    group = _hyphen_group(span.doc[span.end])
    return group[-1] if len(group) > 1 and group[-1].pos_ == "NOUN" and group[0].i == span.end else None


def _changed(noun: Token, words: MeasureWords) -> Token:
    """"a planned increase in tariffs to 30%", "a 24% drop in overdose deaths": a bare change measures what
    changes; "a 12% wage increase in the first year" names it already."""
    if noun.lower_ not in words.change_nouns or any(c.dep_ == "compound" and not _figure_word(c) for c in noun.lefts):
        return noun
    return next((o for p in noun.rights if p.dep_ == "prep" and p.lower_ in {"in", "of"} for o in p.children
                 if o.dep_ == "pobj" and o.lower_ not in _TIME_NOUNS and o.ent_type_ != "DATE"), noun)


def share_range_measures(figures: list[Figure]) -> list[Figure]:
    """The two ends of "between 10% and 25% of imports" measure the same thing."""
    out = list(figures)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.sentence == b.sentence and a.unit == b.unit and (a.measure is None) != (b.measure is None):
            measure = a.measure or b.measure
            out[i] = replace(a, measure=measure)
            out[i + 1] = replace(b, measure=measure)
    return out


