"""What a figure measures, read from the dependency parse: the noun phrase it counts or is a share of,
without determiners, possessives or country words.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.records import Figure

_TIME_NOUNS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
               "minute", "minutes", "times", "time", "percent", "cent", "%"}
_DROP_DEPS = {"det", "poss", "nummod", "quantmod", "case", "punct", "predet", "advmod"}
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


def _noun_phrase(noun: Token) -> str | None:
    """"crude oil imports" from "about 60% of U.S. crude oil imports": modifiers, no entities."""
    if noun.ent_type_ == "NORP" and noun.tag_ == "NNPS":
        return next(e.text for e in noun.doc.ents if e.start <= noun.i < e.end)
    if noun.ent_type_ in {"GPE", "NORP", "PERSON", "DATE"} or noun.lower_ in _TIME_NOUNS or noun.pos_ == "PRON":
        return None

    def keep(tok: Token) -> list[Token]:
        words = []
        for left in tok.lefts:
            if left.dep_ in _DROP_DEPS or left.ent_type_ in _DROP_ENTS or left.tag_ == "POS":
                continue
            if left.dep_ in {"compound", "amod", "nmod"}:
                words.extend(keep(left))
        words.append(tok)
        return words

    phrase = _render(keep(noun))
    for c in noun.rights:
        if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in _DROP_ENTS:
            phrase += " and " + _render(keep(c))
    return phrase


def measure_of(span: Span) -> str | None:
    """What the figure counts, from its place in the parse."""
    root = span.root
    for tok in [root, *(t for t in span if t.i != root.i)]:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "worth"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if child.lower_ == "worth":
                    objects = [c for o in child.children for c in o.children if c.dep_ == "pobj"] or objects
                if objects and objects[0].lower_ not in _TIME_NOUNS:
                    return _noun_phrase(objects[0])
    head = root.head
    modifies_noun = root.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod"} and head.pos_ in {
        "NOUN", "PROPN"}
    if modifies_noun and head.lower_ not in _TIME_NOUNS and head.i not in range(span.start, span.end):
        return _noun_phrase(head)
    if root.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if owner.pos_ in {"NOUN", "PROPN"} and owner.lower_ not in _TIME_NOUNS:
            return _noun_phrase(owner)
        if owner.pos_ in {"VERB", "AUX"}:
            for dep in ("dobj", "nsubjpass", "nsubj"):
                for c in owner.children:
                    if c.dep_ == dep and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in _DROP_ENTS:
                        return _noun_phrase(c)
    if root.dep_ in {"dobj", "attr", "npadvmod"} and head.pos_ in {"VERB", "AUX"}:
        for c in head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN":
                return _noun_phrase(c)
    return None


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


