"""Figures from a parsed Doc: scaled value, unit or currency, qualifier, measure and period.

Money and percentages are found by pattern over the text, because the small model splits
"CAD 3.6 billion", misses "€4bn" and calls "35 per cent" money; counts and physical
quantities come from its CARDINAL and QUANTITY entities. What a figure measures is read
from the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from nlp.records import Figure
from nlp.rules import figure_units

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNITS = figure_units()
SCALE = "|".join(re.escape(s) for s in sorted(UNITS.scales, key=len, reverse=True))
_PREFIX = "|".join(re.escape(p) for p in sorted(UNITS.currency_prefix, key=len, reverse=True))
_WORDS = "|".join(re.escape(w) for w in sorted(UNITS.currency_words, key=len, reverse=True))
MONEY = re.compile(
    rf"(?<![\w$€£¥])(?P<pre>{_PREFIX})\s?(?P<num>{NUM})(?:\s?(?P<scale>{SCALE})\b)?"
    rf"(?:\s(?P<post>{_WORDS})\b)?"
    rf"|(?<![\w.$€£¥])(?P<num2>{NUM})(?:\s?(?P<scale2>{SCALE})\b)?\s(?P<post2>{_WORDS})\b",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?<![\w.])(?P<num>{NUM})\s?(?P<unit>%|per\s?cent\b|percent\b|percentage points?\b|pct\b)",
    re.IGNORECASE,
)
RANGE_LOW = re.compile(rf"(?P<low>{NUM})\s?(?:%|per\s?cent|percent)?\s?(?:-|–|to|and)\s?$", re.IGNORECASE)
FRACTION = re.compile(
    r"\b(?P<frac>(?:a|one) quarter|(?:a|one) third|(?:a|one) fifth|half|two[- ]thirds|"
    r"three[- ]quarters)\s+of\b",
    re.IGNORECASE,
)
FRACTIONS = {"quarter": 25.0, "third": 100 / 3, "fifth": 20.0, "half": 50.0, "two-thirds": 200 / 3,
             "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}
QUALIFIER = re.compile(
    r"(?P<q>just over|just under|more than|less than|fewer than|up to|at least|at most|as much as|"
    r"as many as|as high as|as little as|close to|upwards of|in excess of|an estimated|nearly|almost|"
    r"about|around|approximately|roughly|some|over|under|above|below|only|exactly)\s+$",
    re.IGNORECASE,
)
PERIODS = {
    "daily": "daily", "day": "daily", "weekly": "weekly", "week": "weekly", "monthly": "monthly",
    "month": "monthly", "quarterly": "quarterly", "annually": "annual", "annual": "annual",
    "yearly": "annual", "year": "annual", "annum": "annual",
}
PERIOD_AFTER = re.compile(
    r"^(?:[^.;,]{0,60}?\b)?(?:(?:a|per|each|every)\s+(?P<unit>day|week|month|year|annum)\b|"
    r"(?P<adv>daily|weekly|monthly|quarterly|annually|yearly)\b)",
    re.IGNORECASE,
)
_TIME_NOUNS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
               "minute", "minutes", "times", "time", "percent", "cent", "%"}
_DROP_DEPS = {"det", "poss", "nummod", "quantmod", "case", "punct", "predet", "advmod"}
_DROP_ENTS = {"GPE", "NORP", "ORG", "PERSON", "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    value: float
    unit: str
    scale: float = 1.0


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scaled(num: str, scale: str | None) -> float:
    return _number(num) * UNITS.scales.get((scale or "").lower(), 1.0)


def _found_money(text: str) -> list[_Found]:
    out = []
    for m in MONEY.finditer(text):
        if m["num"] is not None:
            pre = m["pre"]
            unit = UNITS.currency_prefix.get(pre) or UNITS.currency_prefix.get(pre.upper()) or "USD"
            if m["post"]:
                unit = UNITS.currency_words[m["post"].lower()] if pre == "$" else unit
            scale = m["scale"]
            if scale and scale.lower() in {"m", "b", "k"} and scale != scale.lower() and scale not in "MBK":
                scale = None
            out.append(_Found(m.start(), m.end(), _scaled(m["num"], scale), unit, _scaled("1", scale)))
        else:
            unit = UNITS.currency_words[m["post2"].lower()]
            out.append(_Found(m.start(), m.end(), _scaled(m["num2"], m["scale2"]), unit,
                              _scaled("1", m["scale2"])))
    return out


def _found_percent(text: str) -> list[_Found]:
    out = []
    for m in PERCENT.finditer(text):
        unit = "percentage_points" if m["unit"].lower().startswith("percentage") else "percent"
        out.append(_Found(m.start(), m.end(), _number(m["num"]), unit))
    for m in FRACTION.finditer(text):
        frac = m["frac"].lower().replace("a ", "").replace("one ", "")
        out.append(_Found(m.start("frac"), m.end("frac"), FRACTIONS[frac], "percent"))
    return out


def _range_lows(text: str, found: list[_Found]) -> list[_Found]:
    """"10-25%", "between 10 and 25 per cent", "$2 to $3 billion": the low end, same unit."""
    lows = []
    for f in found:
        m = RANGE_LOW.search(text[max(0, f.start - 30):f.start])
        if not m:
            continue
        start = f.start - (len(text[max(0, f.start - 30):f.start]) - m.start("low"))
        if any(o.start <= start < o.end for o in found):
            continue
        lows.append(_Found(start, start + len(m["low"]), _number(m["low"]) * f.scale, f.unit, f.scale))
    return lows


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
    if noun.ent_type_ in {"GPE", "NORP", "PERSON", "DATE"} or noun.lower_ in _TIME_NOUNS:
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


def _measure(span: Span) -> str | None:
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


def _period(doc: Doc, span: Span) -> str | None:
    sent = span.sent
    after = doc.text[span.end_char:sent.end_char]
    m = PERIOD_AFTER.match(after)
    if m:
        return PERIODS[(m["unit"] or m["adv"]).lower()]
    for tok in doc[max(sent.start, span.start - 3):span.start]:
        if tok.lower_ in {"daily", "weekly", "monthly", "quarterly", "annual", "yearly"}:
            return PERIODS[tok.lower_]
    return None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    m = QUALIFIER.search(text[max(0, start - 30):start])
    if not m:
        return None, start
    return m["q"].lower(), start - (len(text[max(0, start - 30):start]) - m.start("q"))


def _counts(doc: Doc, taken: list[tuple[int, int]]) -> list[_Found]:
    """CARDINAL and QUANTITY entities written with digits that count or weigh something."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"CARDINAL", "QUANTITY"} or not any(c.isdigit() for c in ent.text):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        m = re.search(rf"({NUM})(?:\s?({SCALE})\b)?", ent.text, re.IGNORECASE)
        if not m:
            continue
        value = _scaled(m[1], m[2])
        digits = m[1].replace(",", "")
        if ent.label_ == "CARDINAL" and re.fullmatch(r"(1[89]|20|21)\d\d", digits) and m[0] == ent.text:
            continue
        if ent.start > 0 and doc[ent.start - 1].is_title and doc[ent.start - 1].lower_ in {
            "section", "chapter", "article", "no.", "phase", "rule", "bill", "title", "paragraph"}:
            continue
        unit = "count"
        if ent.label_ == "QUANTITY":
            rest = ent.text[m.end():].strip().lower()
            unit = next((u for w, u in UNITS.physical_units.items() if rest.startswith(w)), None) or "count"
            tail = doc.text[ent.end_char:ent.end_char + 12].lower()
            if unit == "barrels" and re.match(r"\s*(a|per) day", tail):
                unit = "barrels_per_day"
        out.append(_Found(ent.start_char, ent.end_char, value, unit))
    return out


def extract_figures(doc: Doc) -> list[Figure]:
    text = doc.text
    found = _found_money(text)
    found += [p for p in _found_percent(text) if not any(f.start <= p.start < f.end for f in found)]
    found += _range_lows(text, found)
    found += _counts(doc, [(f.start, f.end) for f in found])
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    figures = []
    for f in sorted(found, key=lambda f: f.start):
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        qualifier, q_start = _qualifier(text, f.start)
        measure = _measure(span)
        if f.unit == "count" and measure is None:
            continue
        figures.append(Figure(
            text=text[q_start:f.end],
            value=f.value,
            unit=f.unit,
            qualifier=qualifier,
            measure=measure,
            period=None if f.unit.endswith("_per_day") else _period(doc, span),
            sentence=sentence_index[span.sent.start],
        ))
    return _share_range_measures(figures)


def _share_range_measures(figures: list[Figure]) -> list[Figure]:
    """The two ends of "between 10% and 25% of imports" measure the same thing."""
    out = list(figures)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.sentence == b.sentence and a.unit == b.unit and (a.measure is None) != (b.measure is None):
            measure = a.measure or b.measure
            out[i] = replace(a, measure=measure)
            out[i + 1] = replace(b, measure=measure)
    return out


def without_headline_repeats(figures: list[Figure], *, headline: int) -> list[Figure]:
    """Drop figures of the first `headline` sentences (the title) that the body states again: a
    headline restates the story's number, and counting it twice skews every sum over figures."""
    body = {(f.value, f.unit) for f in figures if f.sentence >= headline}
    return [f for f in figures if f.sentence >= headline or (f.value, f.unit) not in body]
