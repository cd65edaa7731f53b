"""Which spans of a parsed Doc may name an actor: the model's entities and the gazetteer's, less page
furniture and datelines, with a listed company's name before its ticker and "of <country>" joined on.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.actor_names import load_aliases
from nlp.names import POSSESSIVE, fold
from nlp.places import demonym_code, is_country_word, resolve_place

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
_FURNITURE_KEYS = ("dateline", "boilerplate")
_SCORE = re.compile(r"[\d.,–-]+")
_BULLETS = {"•", "·", "|", "▪", "►"}
MAX_LISTED_WORDS = 2  # "Alphabet, Meta": each name of a list tagged as one entity


def candidate_spans(doc: Doc, *, not_name_tails: frozenset[str] = frozenset()) -> list[Span]:
    """Spans that may name an actor, in document order; `not_name_tails` are the words that a hyphen joins to a
    name without making them part of it ("Biden-era")."""
    ents = [_with_given_name(_with_and_tail(_with_local_number(e)), not_name_tails) for e in _entities(doc)]
    return _with_country_of(doc, _split_lists(_outside_furniture(doc, ents)))


def clean_name(span: Span) -> str:
    """Entity text up to a verb, without a leading article, a trailing possessive ("Carney’s" -> "Carney"), dash or
    acronym in parentheses ("Ministry of Commerce (MOFCOM" -> "Ministry of Commerce"), nor a score
    after a person's name ("Naomi Osaka 2-6"), nor a bullet in front ("• FedEx")."""
    tokens = list(span)
    if "(" in [t.text for t in tokens[1:]]:
        tokens = tokens[:[t.text for t in tokens].index("(", 1)]
    while len(tokens) > 1 and (tokens[-1].text in {"'s", "’s", "'", "’"} or tokens[-1].is_punct or (
            span.label_ == "PERSON" and _SCORE.fullmatch(tokens[-1].text))):
        tokens.pop()
    while tokens and (tokens[0].lower_ == "the" or not any(c.isalnum() for c in tokens[0].text)):
        tokens.pop(0)  # "the", and a bullet or a breadcrumb arrow in front ("• FedEx says ...")
    verb = next((i for i, t in enumerate(tokens) if i and t.tag_ == "VBZ"), None)
    tokens = tokens[:verb]  # "BIS Suspends" of a headline "BIS Suspends the 'Affiliates Rule'"
    text = "".join(t.text_with_ws for t in tokens).strip()
    return POSSESSIVE.sub("", text).strip()


def is_listed(doc: Doc, ent: Span) -> bool:
    """"Ford (NYSE: F)", "Nvidia (NVDA.O)": a name right before a ticker is a listed company."""
    return any(s.label_ == "ticker" and s.start == ent.end for s in doc.spans.get("boilerplate", []))


def _outside_furniture(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities in document order, less a dateline's city and agency credit ("OTTAWA (Reuters) —") and
    the page's credits, bylines, tickers and labels: they say where and by whom the story was filed
    or shot, not who acts in it. "WINDSOR, Ontario" keeps "Ontario"; "Ford (NYSE" keeps "Ford"."""
    skip = {i for key in _FURNITURE_KEYS for span in doc.spans.get(key, []) for i in range(span.start, span.end)}
    out = []
    for ent in ents:
        start, end = ent.start, ent.end
        while start < end and (start in skip or (doc[start].is_punct and start - 1 in skip)):
            start += 1
        while end > start and (end - 1 in skip or (doc[end - 1].is_punct and end in skip)):
            end -= 1
        if start == end or skip.intersection(range(start, end)):
            continue
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    return sorted(out, key=lambda s: s.start)


def _entities(doc: Doc) -> list[Span]:
    """The model's entities and the gazetteer's names it missed. A known name or a listed company that
    spans more than the model's entity wins ("Nova Scotia" over a person "Nova", "Dairy Farmers of
    Canada" over "Canada", "Cleveland-Cliffs (NYSE: CLF)" over "Cliffs")."""
    ents = [e for e in doc.ents if e.label_ in LABELS]
    listed = [s for s in map(_listed_company, doc.spans.get("boilerplate", [])) if s is not None]
    wider = [_from_the_name(s) for s in [*doc.spans.get("gazetteer", []), *listed] if _wider(s, ents)]
    # a known name replaces the model's entities inside it, or beyond it only by "the" ("the Public Health Agency
    # of" + "Canada"); "the U.S. Commerce Department's" stays next to "Commerce Department's Bureau of ..."
    ents = [e for e in ents if not any(_within(e, w) for w in wider)] + wider
    leading = [p for p in map(_place_in_title, doc.spans.get("gazetteer", [])) if p is not None]
    for extra in (doc.spans.get("gazetteer", []), listed, leading):
        tagged = {i for e in ents for i in range(e.start, e.end)}
        ents += [s for s in extra if not tagged.intersection(range(s.start, s.end))]
    return sorted(ents, key=lambda s: s.start)


def _with_local_number(ent: Span) -> Span:
    """"Unifor Local" + "1285": a union local's number is part of its name."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent[-1].text == "Local" and ent.end < len(doc) and doc[ent.end].like_num:
        return Span(doc, ent.start, ent.end + 1, label="ORG")
    return ent


def _with_and_tail(ent: Span) -> Span:
    """"Ministry of SMEs and" + "Startups": a body's name the model stops at its last "and" goes on over the
    capitalised words after it."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "ORG" or ent[-1].lower_ not in {"and", "&"}:
        return ent
    while end < len(doc) and end - ent.end < 3 and doc[end].is_title and not doc[end].is_sent_start:
        end += 1
    return Span(doc, ent.start, end, label="ORG") if end > ent.end else ent


def _with_given_name(ent: Span, stops: frozenset[str]) -> Span:
    """"Yoon Suk" + "-yeol", "Han Duck" + "-soo": the model stops a person's name at the hyphen of a two-syllable
    given name, whose second syllable is written in lower case."""
    doc = ent.doc
    if ent.label_ != "PERSON" or len(ent) < 2 or ent.end + 1 >= len(doc) or ent[-1].whitespace_:
        return ent
    hyphen, tail = doc[ent.end], doc[ent.end + 1]
    if hyphen.text != "-" or hyphen.whitespace_ or not (tail.is_alpha and tail.is_lower) or len(tail) > 5 or (
            tail.lower_ in stops or tail.tag_.startswith("VB") or not ent[-1].is_title):
        return ent
    return Span(doc, ent.start, ent.end + 2, label="PERSON")


def _within(ent: Span, known: Span) -> bool:
    outside = [t for t in ent if not known.start <= t.i < known.end]
    overlaps = ent.start < known.end and known.start < ent.end
    return overlaps and len(outside) < len(ent) and all(t.lower_ == "the" or t.is_punct for t in outside)


def _wider(span: Span, ents: list[Span]) -> bool:
    """Whether a known name spans more than the model's entities inside it. A known place always does
    ("Washington state"); in another name, a place it starts with is a mention of its own ("Mexico's
    Economy Ministry", "Ontario Premier Doug Ford"), a place at its end part of the name ("Dairy
    Farmers of Canada")."""
    inside = [e for e in ents if span.start <= e.start and e.end <= span.end and len(e) < len(span)]
    words = [POSSESSIVE.sub("", span[:n].text) for n in range(1, min(4, len(span)))]
    is_place = span.label_ in {"GPE", "NORP"}  # "Washington state", "Nova Scotia"
    # a known body whose name starts with its country is one name ("Canada Mortgage and Housing Corp.")
    owned = span.label_ == "PERSON" or demonym_code(span[0].text) or any(t.text in {"'s", "’s"} for t in span[:4])
    return bool(inside) and (is_place or not owned or not any(resolve_place(w) or is_country_word(w) for w in words))


def _from_the_name(span: Span) -> Span:
    """A known person's alias less the title in front ("Industry Minister Mélanie Joly" -> "Mélanie Joly"),
    so the role is read from the text as written."""
    alias = load_aliases().get(span.text) if span.label_ == "PERSON" else None
    first = fold(alias.name.split()[0]) if alias else None
    start = next((t.i for t in span if fold(t.text) == first), span.start)
    return Span(span.doc, start, span.end, label=span.label_)


def _place_in_title(span: Span) -> Span | None:
    """"Ontario" in a known person's alias "Ontario Premier Doug Ford": the title's place is a mention of its own."""
    name = _from_the_name(span)
    for n in range(min(3, name.start - span.start), 0, -1):
        if resolve_place(POSSESSIVE.sub("", span[:n].text)):
            return Span(span.doc, span.start, span.start + n, label="GPE")
    return None


def _listed_company(span: Span) -> Span | None:
    """"MP Materials (MP.N)": the capitalised words before a ticker name a company, tagged or not."""
    if span.label_ != "ticker":
        return None
    doc, start = span.doc, span.start
    while start > 0 and (doc[start - 1].is_title or doc[start - 1].is_upper or (
            doc[start - 1].text == "-" and start > 1 and doc[start - 2].is_title)):
        start -= 1
        if doc[start].is_sent_start:
            break
    return Span(doc, start, span.start, label="ORG") if start < span.start else None


def _split_lists(ents: list[Span]) -> list[Span]:
    """"Alphabet, Meta" tagged as one organisation is two: a comma between short capitalised names."""
    out: list[Span] = []
    for ent in _split_at_owner(_split_at_bullets(ents)):
        parts, start = [], ent.start
        for tok in ent:
            if tok.text == ",":
                parts.append(ent.doc[start:tok.i])
                start = tok.i + 1
        parts.append(ent.doc[start:ent.end])
        parts = [p for p in parts if len(p)] if ent[-1].text == "," else parts  # "Dell, HP," + "Lenovo"
        if len(parts) > 1 and all(0 < len(p) <= MAX_LISTED_WORDS and all(t.is_title or t.is_upper for t in p)
                                  for p in parts):
            out += [Span(ent.doc, p.start, p.end, label=ent.label_) for p in parts]
        else:
            out.append(ent)
    return out


def _split_at_bullets(ents: list[Span]) -> list[Span]:
    """"Europe • Brittney Griner": a bullet or a bar between the items of a link list ends a name."""
    out: list[Span] = []
    for ent in ents:
        start = ent.start
        for tok in ent:
            if tok.text in _BULLETS:
                out += [Span(ent.doc, start, tok.i, label=ent.label_)] if tok.i > start else []
                start = tok.i + 1
        out += [Span(ent.doc, start, ent.end, label=ent.label_)] if ent.end > start else []
    return out


def _split_at_owner(ents: list[Span]) -> list[Span]:
    """"Trump’s Huawei ban": a known person's possessive in front of a body's name is a mention of its own."""
    out: list[Span] = []
    for ent in ents:
        mark = next((t.i for t in ent[1:-1] if t.text in {"'s", "’s"}), None)
        alias = load_aliases().get(ent.doc[ent.start:mark].text) if mark is not None else None
        if mark is not None and alias is not None and alias.kind == "person":
            out += [Span(ent.doc, ent.start, mark, label="PERSON"), Span(ent.doc, mark + 1, ent.end, label=ent.label_)]
        else:
            out.append(ent)
    return out


def _with_country_of(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Public Health Agency" + "of" + "Canada", "Supreme Court" + "of" + "British Columbia" and "Court of
    Appeals" + "for the" + "Federal Circuit" are one organisation: the place or body after "of" is part of its
    name."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is not None and last.label_ == "ORG" and _of_joins(doc, last, ent):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _of_joins(doc: Doc, last: Span, ent: Span) -> bool:
    between = [t.lower_ for t in doc[last.end:ent.start]] + (["the"] if ent[0].lower_ == "the" else [])
    if last[-1].lower_ == "of":  # the model's "Public Health Agency of" + "Canada"
        between = ["of"]
    if between == ["of"]:
        name = clean_name(ent)
        return is_country_word(name) or (ent.label_ == "GPE" and resolve_place(name) is not None)
    return between in (["of", "the"], ["for", "the"]) and ent.label_ == "ORG"
