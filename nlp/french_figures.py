"""Figures of a French text: the decimal comma, spaces (plain, no-break, thin) between thousands,
"milliard(s)", "M$", "G$", "¢", the space before "%", and counts, as the same `Figure` records as
English; units, scales and the words that make a number a date, a time or a name are data
(nlp/data/fr/figure_units.toml)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp.french_rules import FrenchFigureUnits
from nlp.records import Figure

SPACE = "[ \u00a0\u202f\u2009]"
NUM = rf"\d{{1,3}}(?:{SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
_YEAR = re.compile(r"(?:19|20)\d\d")
_TIME = re.compile(rf"\d{{1,2}}{SPACE}?h(?:{SPACE}?\d{{2}})?\b")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", f"{SPACE}") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Patterns:
    money: re.Pattern[str]
    cents: re.Pattern[str]
    percent: re.Pattern[str]
    quantity: re.Pattern[str]
    fraction: re.Pattern[str]
    count: re.Pattern[str]


_COMPILED: dict[int, Patterns] = {}


def patterns(units: FrenchFigureUnits) -> Patterns:
    found = _COMPILED.get(id(units))
    if found is None:
        scale = _alt(units.scales)
        money = re.compile(
            rf"(?<![\w,])(?P<num>{NUM}){SPACE}?(?P<sym>{_alt(units.scaled_symbols)})(?P<us>{SPACE}?US)?(?!\w)"
            rf"|(?<![\w,])(?P<num2>{NUM}){SPACE}?(?:(?P<scale>{scale}){SPACE}?)?(?:(?:de|d'|d’){SPACE}?)?"
            rf"(?P<cur>{_alt(units.currency_after)})(?!\w)", re.IGNORECASE)
        cents = re.compile(rf"(?<![\w,])(?P<num>{NUM}){SPACE}?(?P<word>{_alt(units.cents)})(?!\w)")
        percent = re.compile(
            rf"(?<![\w,])(?P<num>{NUM})(?:{SPACE}?(?P<range>à|et|-|–){SPACE}?(?P<high>{NUM}))?{SPACE}?"
            rf"(?P<unit>{_alt(units.percent)})(?!\w)")
        quantity = re.compile(
            rf"(?<![\w,])(?P<neg>[-−–])?(?P<num>{NUM}){SPACE}?(?:(?P<scale>{scale}){SPACE}?(?:de{SPACE})?)?"
            rf"(?P<unit>{_alt(units.physical_units)})(?![\w/])")
        # a share of something: "la moitié des exportations", not "le quart-arrière"
        fraction = re.compile(rf"(?<!\w)(?P<frac>{_alt(units.fractions)})(?=\s(?:de|des|du|d'|d’)\b)",
                              re.IGNORECASE)
        count = re.compile(rf"(?<![\w,.-])(?P<num>{NUM})(?:{SPACE}?(?P<scale>{scale}))?(?![\w,%$¢-])")
        found = _COMPILED[id(units)] = Patterns(money, cents, percent, quantity, fraction, count)
    return found


def number(text: str) -> float:
    """"1 200" -> 1200.0, "3,6" -> 3.6."""
    return float(re.sub(SPACE, "", text).replace(",", "."))


def french_figures(doc: Doc, units: FrenchFigureUnits) -> list[Figure]:
    """Every figure mention, title and body alike, in text order."""
    text = doc.text
    found = _Found(doc, units)
    p = patterns(units)
    for m in p.money.finditer(text):
        if m["num"]:
            scale = units.scaled_symbols[_key(units.scaled_symbols, m["sym"])]
            unit = "USD" if m["us"] else "CAD"
            found.add(m.start(), m.end(), number(m["num"]) * scale, unit)
        else:
            scale = units.scales[_key(units.scales, m["scale"])] if m["scale"] else 1.0
            found.add(m.start(), m.end(), number(m["num2"]) * scale, units.currency_after[_key(units.currency_after,
                                                                                                 m["cur"])])
    for m in p.cents.finditer(text):
        found.add(m.start(), m.end(), number(m["num"]) / 100, units.cents[_key(units.cents, m["word"])])
    for m in p.percent.finditer(text):
        unit = units.percent[_key(units.percent, m["unit"])]
        if m["high"]:  # "10 à 15 %": two figures, the low end as its number alone
            found.add(m.start(), m.end("num"), number(m["num"]), unit)
            found.add(m.start("high"), m.end(), number(m["high"]), unit)
        else:
            found.add(m.start(), m.end(), number(m["num"]), unit)
    for m in p.quantity.finditer(text):
        scale = units.scales[_key(units.scales, m["scale"])] if m["scale"] else 1.0
        sign = -1.0 if m["neg"] and (m.start() == 0 or text[m.start() - 1].isspace()) else 1.0
        found.add(m.start(), m.end(), sign * number(m["num"]) * scale,
                  units.physical_units[_key(units.physical_units, m["unit"])])
    for m in p.fraction.finditer(text):
        found.add(m.start(), m.end(), units.fractions[_key(units.fractions, m["frac"])], "percent")
    for m in p.count.finditer(text):
        if _is_noise(text, m, units):
            continue
        scale = units.scales[_key(units.scales, m["scale"])] if m["scale"] else 1.0
        unit = found.sentence_currency(m.start()) if m["scale"] else None
        found.add(m.start(), m.end(), number(m["num"]) * scale, unit or "count")
    return found.figures()


def _key(table: dict[str, object], written: str) -> str:
    """The table's key for a form as written (case and spaces may differ)."""
    flat = re.sub(SPACE, " ", written)
    return next((k for k in table if k == flat), None) or next(k for k in table if k.lower() == flat.lower())


def _is_noise(text: str, m: re.Match[str], units: FrenchFigureUnits) -> bool:
    """A year, a time, a date, a duration, a score, a name or a reference, not a figure."""
    num = m["num"]
    if _YEAR.fullmatch(num) and not m["scale"]:
        return True
    after = text[m.end():m.end() + 30].split()
    before = text[max(0, m.start() - 30):m.start()].split()
    nxt = after[0].strip(".,;:)»").lower() if after else ""
    prev = re.split(r"['’]", before[-1].strip("(«"))[-1] if before else ""  # "l'article 232"
    if nxt in units.not_after or prev in units.not_before or prev.lower() in units.not_before:
        return True
    if _TIME.match(text, m.start()):
        return True
    glued_before = m.start() > 0 and text[m.start() - 1] in "-/:–"
    glued_after = m.end() < len(text) and text[m.end()] in "-/:–"
    return glued_before or glued_after


class _Found:
    """Figures claimed so far; a span already claimed by an earlier pattern is not read again."""

    def __init__(self, doc: Doc, units: FrenchFigureUnits) -> None:
        self.doc, self.units = doc, units
        self.taken: list[tuple[int, int]] = []
        self.items: list[tuple[int, Figure]] = []
        spans = [s for key in ("boilerplate", "dateline") for s in doc.spans.get(key, [])]
        self.blocked = [(s.start_char, s.end_char) for s in spans]
        self.starts = [s.start_char for s in doc.sents]
        self.qualifier = re.compile(rf"(?:^|\s)(?P<q>{_alt(units.qualifiers)}){SPACE}*$", re.IGNORECASE)

    def add(self, start: int, end: int, value: float, unit: str) -> None:
        if any(s < end and start < e for s, e in self.taken) or any(s <= start < e for s, e in self.blocked):
            return
        self.taken.append((start, end))
        text = self.doc.text
        q = self.qualifier.search(text[max(0, start - 20):start])
        sentence = bisect_right(self.starts, start) - 1
        self.items.append((start, Figure(text=text[start:end], value=value, unit=unit, sentence=max(sentence, 0),
                                         qualifier=q["q"].lower() if q else None)))

    def sentence_currency(self, start: int) -> str | None:
        """The currency of the money figure before `start` in its sentence ("dont 700 millions")."""
        sentence = bisect_right(self.starts, start) - 1
        money = [(s, f.unit) for s, f in self.items
                 if s < start and f.sentence == sentence and len(f.unit) == 3 and f.unit.isupper()]
        return max(money)[1] if money else None

    def figures(self) -> list[Figure]:
        return [f for _, f in sorted(self.items, key=lambda item: item[0])]
