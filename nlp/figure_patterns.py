"""Figures found by pattern over the text: money and money ranges, cents, exchange rates, percents,
points and basis points, shares ("a third of"), physical quantities, and the low ends of ranges.

The small model splits "CAD 3.6 billion", misses "€4bn", calls "35 per cent" money and "35
centimetres" a count, so these shapes are matched here; the units, scales and currency words are
data (figure_units.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.figure_noise import NUM, NoiseRules, alternation, in_noise
from nlp.rules import figure_tables, figure_units

UNITS = figure_units()
CENTS, CURRENCY_NAMES = figure_tables().cents, figure_tables().currency_names

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
# "a third of exports" and "fell by half" are shares; "a third of a cent" is a fraction of one thing, not a share
FRACTION = re.compile(
    rf"\b(?P<frac>{_FRACTION})\s+of\b(?!\s+an?\b)"
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
YEAR = re.compile(r"(1[89]|20|21)\d\d")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    value: float
    unit: str
    scale: float = 1.0


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def scaled(num: str, scale: str | None) -> float:
    return _number(num) * UNITS.scales.get((scale or "").lower(), 1.0)


def added(found: list[Found], new: list[Found]) -> list[Found]:
    """`found` plus the new figures that do not overlap one already found."""
    return found + [n for n in new if not any(f.start < n.end and n.start < f.end for f in found)]


def _fraction(frac: str) -> float:
    """"1/2" -> 0.5, for the old wire style "7-1/2 percent"."""
    top, bottom = frac.split("/")
    return int(top) / int(bottom)


def _currency(pre: str) -> str:
    return UNITS.currency_prefix.get(pre) or UNITS.currency_prefix.get(pre.upper()) or "USD"


def _found_money_ranges(text: str) -> list[Found]:
    """"$5-6 billion", "between $4 and $5 billion": the low end takes the high end's scale."""
    out = []
    for m in MONEY_RANGE.finditer(text):
        if m["sep"].lower() == "and" and not text[max(0, m.start() - 8):m.start()].lower().endswith("between "):
            continue
        scale = scaled("1", m["scale"])
        unit = _currency(m["pre"])
        out += [Found(m.start(), m.end("low"), _number(m["low"]) * scale, unit, scale),
                Found(m.start("high"), m.end(), _number(m["high"]) * scale, unit, scale)]
    return out


def _found_money(text: str) -> list[Found]:
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
            out.append(Found(m.start(), m.end(), scaled(m["num"], scale), unit, scaled("1", scale)))
        else:
            unit = UNITS.currency_words[m["post2"].lower()]
            out.append(Found(m.start(), m.end(), scaled(m["num2"], m["scale2"]), unit,
                              scaled("1", m["scale2"])))
    return out


def _found_subunits(text: str) -> list[Found]:
    """Cents and exchange rates; a plain "cents" has unit "" until its sentence gives the currency."""
    out = []
    for m in SUBUNIT.finditer(text):
        word = m["word"].lower()
        out.append(Found(m.start(), m.end(), _number(m["num"]) / 100, "" if word == "cents" else CENTS[word], 0.01))
    for m in EXCHANGE_RATE.finditer(text):
        before = re.split(r"[.!?]\s", text[max(0, m.start() - 160):m.start()])[-1]
        names = [m["named"]] if m["named"] else _NAMES.findall(before)
        if names:
            out.append(Found(m.start(), m.end("num"), _number(m["num"]), CURRENCY_NAMES[names[-1].lower()]))
    return out


def _found_percent(text: str) -> list[Found]:
    out = []
    for m in PERCENT.finditer(text):
        unit = m["unit"].lower()
        if unit.startswith(("basis", "bp")):
            out.append(Found(m.start(), m.end(), _number(m["num"]) / 100, "percentage_points", 0.01))
        else:
            points = unit.startswith(("percentage", "ppt")) or "point" in unit
            value = _number(m["num"]) + (_fraction(m["frac"]) if m["frac"] else 0.0)
            out.append(Found(m.start(), m.end(), value, "percentage_points" if points else "percent"))
    points = [Found(m.start(), m.end(), FRACTIONS[re.sub(r"^(?:a|one)\s", "", m["frac"].lower())] / 100,
                     "percentage_points") for m in POINT_FRACTION.finditer(text)]
    shares = [Found(m.start(), m.end(), 100 * int(m["a"]) / int(m["b"]), "percent")
              for m in ONE_IN.finditer(text) if 0 < int(m["a"]) < int(m["b"])]
    for m in FRACTION.finditer(text):
        group = "frac" if m["frac"] else "by"
        before = text[max(0, m.start(group) - 12):m.start(group)].lower().split()
        if not before or before[-1] not in _TIME_HALF:
            frac = re.sub(r"^(?:a|one)[\s-]", "", m[group].lower())
            shares.append(Found(m.start(group), m.end(group), FRACTIONS[frac], "percent"))
    return added(added(out, points), shares)


def _found_quantities(text: str, rules: NoiseRules) -> list[Found]:
    """Physical quantities by unit word: "35 centimetres", "-18 C", "4 million barrels of oil a day"."""
    out = []
    anchors = [m.span() for m in rules.time_anchors.finditer(text)]
    for m in QUANTITY.finditer(text):
        unit = UNITS.physical_units[m["unit"].lower()]
        if (unit == "celsius" and m["unit"] == "c") or in_noise(m.start("num"), anchors):
            continue
        if unit == "barrels" and PER_DAY_AFTER.match(text, m.end()):
            unit = "barrels_per_day"
        if unit == "pounds" and m["scale"] and not WEIGHT_AFTER.match(text, m.end()):
            unit = "GBP"  # "fined 2 million pounds"; a weight that large says what it weighs ("of pork")
        value = scaled(m["num"], m["scale"]) * (-1 if m["neg"] and unit == "celsius" else 1)
        start = m.start() if m["neg"] and unit == "celsius" else m.start("num")
        out.append(Found(start, m.end(), value, unit, scaled("1", m["scale"])))
    return out


def _range_lows(text: str, found: list[Found], noise: list[tuple[int, int]]) -> list[Found]:
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
        if not m["scale"] and YEAR.fullmatch(m["low"]):
            continue
        scale = scaled("1", m["scale"]) if m["scale"] else f.scale
        sign = re.search(r"(?:minus[\s-]|[-−–])$", text[max(0, start - 6):start]) if f.unit == "celsius" else None
        value = _number(m["low"]) * scale * (-1 if sign else 1)
        lows.append(Found(start - (len(sign[0]) if sign else 0), start + len(m["low"]), value, f.unit, scale))
    return lows




def patterned(text: str, *, rules: NoiseRules, noise: list[tuple[int, int]]) -> list[Found]:
    """Every figure found by pattern, earlier kinds first where two overlap, then the low ends of ranges."""
    found = added(added(_found_money_ranges(text), _found_money(text)), _found_subunits(text))
    found = added(found, _found_percent(text))
    found = added(found, _found_quantities(text, rules))
    return found + _range_lows(text, found, noise)
