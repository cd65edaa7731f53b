"""Figures from a parsed Doc: scaled value, unit or currency, qualifier, measure and period.

Money, percentages, points, shares, cents, exchange rates and physical quantities are found by
pattern (nlp/figure_patterns.py); counts come from the model's CARDINAL and QUANTITY entities, plus
any number written large. Numbers that only name, date or place things on a real page
(nlp/figure_noise.py) are dropped. What a figure measures is read from the dependency parse
(nlp/figure_measures.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from nlp.figure_measures import measure_of, share_range_measures
from nlp.figure_noise import NUM, in_noise, noise_rules, noise_spans
from nlp.figure_patterns import CENTS, CLASSIFIER, SCALE_WORDS, YEAR, Found, patterned, scaled
from nlp.records import Figure
from nlp.rules import figure_tables

NOISE = noise_rules(figure_tables().noise)
MEASURE_WORDS = figure_tables().measures

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
COUNT = re.compile(rf"(?<![\w.,$€£¥-])(?P<num>{NUM})(?:\s?(?P<scale>{SCALE_WORDS})\b)?(?![\w%])", re.IGNORECASE)
_NOT_COUNT_ENTS = {"DATE", "TIME", "ORDINAL", "PERCENT"}
# "23 of them": a count whose noun is a pronoun (its measure stays null)
PARTITIVE = re.compile(r"\s+of\s+(?:them|those|these|us|which|whom)\b", re.IGNORECASE)
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
# "delivered 116 jets, down from 145", "cut transits to 24 from 36": the second number counts the same things
FROM_COUNT = re.compile(r"^(?:\s[\w-]+){0,3},?\s(?:(?:down|up)\s)?(?:from|to)\s$", re.IGNORECASE)


def _period(doc: Doc, text: str, span: Span) -> str | None:
    """`text` is `doc.text`, which spaCy rebuilds from every token at each call: read once per document."""
    sent = span.sent
    after = text[span.end_char:sent.end_char]
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


def _counts(doc: Doc, taken: list[Found], noise: list[tuple[int, int]]) -> list[Found]:
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
        if not m["scale"] and YEAR.fullmatch(m["num"]):
            continue
        out.append(Found(m.start(), m.end(), scaled(m["num"], m["scale"]), "count"))
    return out


def _sentence_currency(found: list[Found], f: Found, sentences: list[tuple[int, int]]) -> str:
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


def _elided_count(text: str, f: Found, figures: list[Figure], start: int) -> bool:
    """A bare number after "from" or "to" that follows a count of its sentence counts what that count does."""
    if not figures or figures[-1].unit != "count" or figures[-1].sentence != start:
        return False
    before = text[max(0, f.start - 40):f.start]
    last = before.rfind(figures[-1].text)
    return last >= 0 and FROM_COUNT.match(before[last + len(figures[-1].text):]) is not None


def extract_figures(doc: Doc) -> list[Figure]:
    text = doc.text
    noise = noise_spans(text, NOISE) + [m.span() for m in CLASSIFIER.finditer(text)]
    found = patterned(text, rules=NOISE, noise=noise)
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
        measure = measure_of(span, MEASURE_WORDS)
        sentence = sentence_index[span.sent.start]
        if f.unit == "count" and not _counts_something(span, measure, text[f.start:f.end], text[f.end:]) and not (
                _elided_count(text, f, figures, sentence)):
            continue
        figures.append(Figure(
            text=text[q_start:f.end],
            value=f.value,
            unit=f.unit,
            qualifier=qualifier,
            measure=measure,
            period=None if f.unit.endswith("_per_day") else _period(doc, text, span),
            sentence=sentence,
        ))
    return share_range_measures(figures)


def without_headline_repeats(figures: list[Figure], *, headline: int) -> list[Figure]:
    """Drop figures of the first `headline` sentences (the title) that the body states again: a
    headline restates the story's number, and counting it twice skews every sum over figures."""
    body = {(f.value, f.unit) for f in figures if f.sentence >= headline}
    return [f for f in figures if f.sentence >= headline or (f.value, f.unit) not in body]
