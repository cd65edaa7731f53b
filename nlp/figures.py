"""Figures from a parsed Doc: scaled value, unit or currency, qualifier, measure and period.

Money, percentages, points, shares ("a third of"), cents, exchange rates and physical quantities
are found by pattern over the text, because the small model splits "CAD 3.6 billion", misses
"€4bn", calls "35 per cent" money and "35 centimetres" a count; counts come from its CARDINAL and
QUANTITY entities, plus any number written large. Numbers that only name, date or place things
on a real page (nlp/figure_noise.py) are dropped. What a figure measures is read from the
dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from nlp.figure_noise import NUM, alternation, in_noise, noise_rules, noise_spans
from nlp.records import Figure
from nlp.rules import DATA_DIR, _load, _table, figure_units

UNITS = figure_units()
NOISE = noise_rules()


@cache
def subunits(data_dir: Path = DATA_DIR) -> tuple[dict[str, str], dict[str, str]]:
    """[cents] (subunit words -> currency) and [currency_names] (for exchange rates) of figure_units.toml."""
    path = data_dir / "figure_units.toml"
    raw = _load(path.name, data_dir)
    return _table(raw, "cents", path), _table(raw, "currency_names", path)


CENTS, CURRENCY_NAMES = subunits()

SCALE = alternation(UNITS.scales)
SCALE_WORDS = alternation(k for k in UNITS.scales if len(k) > 1)
_PREFIX = alternation(UNITS.currency_prefix)
_WORDS = alternation(UNITS.currency_words)
MONEY = re.compile(
    rf"(?<![\w$€£¥])(?P<pre>{_PREFIX})\s?(?P<num>{NUM})(?:[\s-]?(?P<scale>{SCALE})\b)?"
    rf"(?:\s(?P<post>{_WORDS})\b)?"
    rf"|(?<![\w.$€£¥])(?P<num2>{NUM})(?:[\s-]?(?P<scale2>{SCALE})\b)?\s(?P<post2>{_WORDS})\b",
    re.IGNORECASE,
)
MONEY_RANGE = re.compile(
    rf"(?<![\w$€£¥])(?P<pre>{_PREFIX})\s?(?P<low>{NUM})\s?(?P<sep>-|–|to|and)\s?(?:{_PREFIX})?\s?(?P<high>{NUM})"
    rf"[\s-]?(?P<scale>{SCALE_WORDS})\b",
    re.IGNORECASE,
)
# "71.2 U.S. cents", "by 6 cents"; "the rupee rose to 87.8 per dollar" (the quoted currency)
SUBUNIT = re.compile(rf"(?<![\w.$€£¥])(?P<num>{NUM})\s(?P<word>{alternation(CENTS)})\b", re.IGNORECASE)
_NAMES = re.compile(rf"\b(?:{alternation(CURRENCY_NAMES)})\b", re.IGNORECASE)
EXCHANGE_RATE = re.compile(
    rf"(?<![\w.$€£¥])(?P<num>{NUM})\s(?:(?P<named>{alternation(CURRENCY_NAMES)})s?\s)?(?:per|to\sthe|to\sone)\s"
    rf"(?:U\.S\.\s|US\s|American\s)?(?:dollar|euro|greenback)\b",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?<![\w.])(?P<num>{NUM})(?:[-\s](?P<frac>[13]/[24]))?[\s-]?(?P<unit>%|per[\s-]?cent\b|percent\b|"
    rf"percentage[\s-]points?\b|pct\.?\s?points?\b|ppts?\b|pct\b|pc\b|basis[\s-]points?\b|bps\b|bp\b)",
    re.IGNORECASE,
)
QUANTITY = re.compile(
    rf"(?<![\w.$€£¥])(?P<neg>[-−–]|minus[\s-])?(?P<num>{NUM})(?:\s?(?P<scale>{SCALE}))?[\s-]?(?P<unit>"
    rf"{alternation(UNITS.physical_units)})(?![\w/])",
    re.IGNORECASE,
)
WEIGHT_AFTER = re.compile(r"\s+of\b")
PER_DAY_AFTER = re.compile(r"\s+of\s+(?:\w+\s+){1,2}?(?:a|per)\s+day\b", re.IGNORECASE)
RANGE_LOW = re.compile(
    rf"(?P<low>{NUM})(?:\s?(?P<scale>{SCALE})\b)?\s?(?:%|per\s?cent|percent)?\s?(?P<sep>-|–|to|and)\s?$",
    re.IGNORECASE)
_FRACTION = r"(?:a|one)[\s-](?:quarter|third|fifth)|half|two[- ]thirds|three[- ]quarters"
# "a third of exports" and "fell by half" are shares
FRACTION = re.compile(
    rf"\b(?P<frac>{_FRACTION})\s+of\b"
    rf"|\bby\s+(?:(?:more|less) than\s|about\s|roughly\s|nearly\s|almost\s|around\s|some\s|over\s)?"
    rf"(?P<by>{_FRACTION})\b(?!\s(?:a|an|the|of)\b)",
    re.IGNORECASE,
)
# "a quarter of a percentage point", "a quarter point", "a half-point cut"
POINT_FRACTION = re.compile(
    r"\b(?P<frac>(?:a\s|one\s)?(?:quarter|half|three[- ]quarters))(?:\sof)?(?:\sa)?[\s-](?:percentage[\s-])?point\b",
    re.IGNORECASE)
ONE_IN = re.compile(r"(?<![\w.,])(?P<a>\d{1,2})\sin\s(?P<b>\d{1,3})\b(?=\s[a-z])")
FRACTIONS = {"quarter": 25.0, "third": 100 / 3, "fifth": 20.0, "half": 50.0, "two-thirds": 200 / 3,
             "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}
# "the first half of the year" is a time, not a share
_TIME_HALF = {"first", "second", "latter", "last", "back", "front", "other"}
QUALIFIER = re.compile(
    r"(?P<q>just over|just under|more than|less than|fewer than|up to|at least|at most|as much as|"
    r"as many as|as high as|as low as|as little as|close to|upwards of|in excess of|larger than|greater than|"
    r"higher than|an estimated|estimated|nearly|almost|about|around|approximately|roughly|some|over|under|"
    r"above|below|near|only|exactly)\s+$",
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
COUNT = re.compile(rf"(?<![\w.,$€£¥-])(?P<num>{NUM})(?:\s?(?P<scale>{SCALE_WORDS})\b)?(?![\w%])", re.IGNORECASE)
_NOT_COUNT_ENTS = {"DATE", "TIME", "ORDINAL", "PERCENT"}
# "23 of them": a count whose noun is a pronoun (its measure stays null)
PARTITIVE = re.compile(r"\s+of\s+(?:them|those|these|us|which|whom)\b", re.IGNORECASE)
_YEAR = re.compile(r"(1[89]|20|21)\d\d")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")


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


def _add(found: list[_Found], new: list[_Found]) -> list[_Found]:
    """`found` plus the new figures that do not overlap one already found."""
    return found + [n for n in new if not any(f.start < n.end and n.start < f.end for f in found)]


def _fraction(frac: str) -> float:
    """"1/2" -> 0.5, for the old wire style "7-1/2 percent"."""
    top, bottom = frac.split("/")
    return int(top) / int(bottom)


def _currency(pre: str) -> str:
    return UNITS.currency_prefix.get(pre) or UNITS.currency_prefix.get(pre.upper()) or "USD"


def _found_money_ranges(text: str) -> list[_Found]:
    """"$5-6 billion", "between $4 and $5 billion": the low end takes the high end's scale."""
    out = []
    for m in MONEY_RANGE.finditer(text):
        if m["sep"].lower() == "and" and not text[max(0, m.start() - 8):m.start()].lower().endswith("between "):
            continue
        scale = _scaled("1", m["scale"])
        unit = _currency(m["pre"])
        out += [_Found(m.start(), m.end("low"), _number(m["low"]) * scale, unit, scale),
                _Found(m.start("high"), m.end(), _number(m["high"]) * scale, unit, scale)]
    return out


def _found_money(text: str) -> list[_Found]:
    out = []
    for m in MONEY.finditer(text):
        if m["num"] is not None:
            pre = m["pre"]
            unit = _currency(pre)
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


def _found_subunits(text: str) -> list[_Found]:
    """Cents and exchange rates; a plain "cents" has unit "" until its sentence gives the currency."""
    out = []
    for m in SUBUNIT.finditer(text):
        word = m["word"].lower()
        out.append(_Found(m.start(), m.end(), _number(m["num"]) / 100, "" if word == "cents" else CENTS[word], 0.01))
    for m in EXCHANGE_RATE.finditer(text):
        before = re.split(r"[.!?]\s", text[max(0, m.start() - 160):m.start()])[-1]
        names = [m["named"]] if m["named"] else _NAMES.findall(before)
        if names:
            out.append(_Found(m.start(), m.end("num"), _number(m["num"]), CURRENCY_NAMES[names[-1].lower()]))
    return out


def _found_percent(text: str) -> list[_Found]:
    out = []
    for m in PERCENT.finditer(text):
        unit = m["unit"].lower()
        if unit.startswith(("basis", "bp")):
            out.append(_Found(m.start(), m.end(), _number(m["num"]) / 100, "percentage_points", 0.01))
        else:
            points = unit.startswith(("percentage", "ppt")) or "point" in unit
            value = _number(m["num"]) + (_fraction(m["frac"]) if m["frac"] else 0.0)
            out.append(_Found(m.start(), m.end(), value, "percentage_points" if points else "percent"))
    points = [_Found(m.start(), m.end(), FRACTIONS[re.sub(r"^(?:a|one)\s", "", m["frac"].lower())] / 100,
                     "percentage_points") for m in POINT_FRACTION.finditer(text)]
    shares = [_Found(m.start(), m.end(), 100 * int(m["a"]) / int(m["b"]), "percent")
              for m in ONE_IN.finditer(text) if 0 < int(m["a"]) < int(m["b"])]
    for m in FRACTION.finditer(text):
        group = "frac" if m["frac"] else "by"
        before = text[max(0, m.start(group) - 12):m.start(group)].lower().split()
        if not before or before[-1] not in _TIME_HALF:
            frac = re.sub(r"^(?:a|one)[\s-]", "", m[group].lower())
            shares.append(_Found(m.start(group), m.end(group), FRACTIONS[frac], "percent"))
    return _add(_add(out, points), shares)


def _found_quantities(text: str) -> list[_Found]:
    """Physical quantities by unit word: "35 centimetres", "-18 C", "4 million barrels of oil a day"."""
    out = []
    anchors = [m.span() for m in NOISE.time_anchors.finditer(text)]
    for m in QUANTITY.finditer(text):
        unit = UNITS.physical_units[m["unit"].lower()]
        if (unit == "celsius" and m["unit"] == "c") or in_noise(m.start("num"), anchors):
            continue
        if unit == "barrels" and PER_DAY_AFTER.match(text, m.end()):
            unit = "barrels_per_day"
        if unit == "pounds" and m["scale"] and not WEIGHT_AFTER.match(text, m.end()):
            unit = "GBP"  # "fined 2 million pounds"; a weight that large says what it weighs ("of pork")
        value = _scaled(m["num"], m["scale"]) * (-1 if m["neg"] and unit == "celsius" else 1)
        start = m.start() if m["neg"] and unit == "celsius" else m.start("num")
        out.append(_Found(start, m.end(), value, unit, _scaled("1", m["scale"])))
    return out


def _range_lows(text: str, found: list[_Found], noise: list[tuple[int, int]]) -> list[_Found]:
    """"10-25%", "between 10 and 25 per cent", "25 to 35 centimetres": the low end, same unit."""
    lows = []
    for f in found:
        window = text[max(0, f.start - 30):f.start]
        m = RANGE_LOW.search(window)
        if not m:
            continue
        start = f.start - (len(window) - m.start("low"))
        if any(o.start <= start < o.end for o in found) or in_noise(start, noise):
            continue
        if m["sep"].lower() == "and" and not text[max(0, start - 8):start].lower().endswith("between "):
            continue
        if not m["scale"] and _YEAR.fullmatch(m["low"]):
            continue
        scale = _scaled("1", m["scale"]) if m["scale"] else f.scale
        sign = re.search(r"(?:minus[\s-]|[-−–])$", text[max(0, start - 6):start]) if f.unit == "celsius" else None
        value = _number(m["low"]) * scale * (-1 if sign else 1)
        lows.append(_Found(start - (len(sign[0]) if sign else 0), start + len(m["low"]), value, f.unit, scale))
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


def _counts(doc: Doc, taken: list[_Found], noise: list[tuple[int, int]]) -> list[_Found]:
    """Numbers written with digits that the model tags CARDINAL or QUANTITY, and any large number
    ("47,654", "13 million") it tags otherwise, minus dates, times, years and the page's noise."""
    dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NOT_COUNT_ENTS]
    taken_spans = [(f.start, f.end) for f in taken]
    counted = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"CARDINAL", "QUANTITY"}]
    out = []
    for m in COUNT.finditer(doc.text):
        large = "," in m["num"] or m["scale"] is not None
        skip = taken_spans if large else taken_spans + dates
        if not large and not any(s <= m.start() < e for s, e in counted):
            continue
        if any(s <= m.start() < e for s, e in skip) or in_noise(m.start(), noise):
            continue
        if not m["scale"] and _YEAR.fullmatch(m["num"]):
            continue
        out.append(_Found(m.start(), m.end(), _scaled(m["num"], m["scale"]), "count"))
    return out


def _sentence_currency(found: list[_Found], f: _Found, sentences: list[tuple[int, int]]) -> str:
    """The currency of the nearest money in the sentence of `f`, for a plain "6 cents"."""
    start, end = next((s, e) for s, e in sentences if s <= f.start < e)
    money = [o for o in found if start <= o.start < end and CURRENCY_CODE.fullmatch(o.unit)]
    return min(money, key=lambda o: abs(o.start - f.start)).unit if money else CENTS["cents"]


def _names_a_place(span: Span) -> bool:
    """"120 King Street West", "50 O'Connor St.": a number before a proper name (other than a
    people's, "2 million New Yorkers") is its address."""
    head = span.root.head
    return span.root.dep_ in {"nummod", "compound"} and head.i > span.root.i and head.pos_ == "PROPN" and (
        head.ent_type_ != "NORP")


def _counts_something(span: Span, measure: str | None, written: str, after: str) -> bool:
    """A bare number is a count when it is no address and has a counted noun, unless it is an amount
    written large whose noun the clause elides ("roughly 40,000 in Mexico", "13 million of the
    voters") or a share of a pronoun ("23 of them"); some nouns are never counted ("the age from 62")."""
    if _names_a_place(span):
        return False
    if measure is None:
        return "," in written or any(c.isalpha() for c in written) or PARTITIVE.match(after) is not None
    return measure.split()[-1].lower() not in NOISE.not_counted


def extract_figures(doc: Doc) -> list[Figure]:
    text = doc.text
    noise = noise_spans(text, NOISE)
    found = _add(_add(_found_money_ranges(text), _found_money(text)), _found_subunits(text))
    found = _add(found, _found_percent(text))
    found = _add(found, _found_quantities(text))
    found += _range_lows(text, found, noise)
    found += _counts(doc, found, noise)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    found = [replace(f, unit=_sentence_currency(found, f, sentences)) if f.unit == "" else f for f in found]
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    figures = []
    for f in sorted(found, key=lambda f: f.start):
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        qualifier, q_start = _qualifier(text, f.start)
        measure = _measure(span)
        if f.unit == "count" and not _counts_something(span, measure, text[f.start:f.end], text[f.end:]):
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
