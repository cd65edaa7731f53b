"""Figures found by pattern over the text: money and money ranges, cents, exchange rates, percents,
points and basis points, shares ("a third of"), physical quantities, and the low ends of ranges.

The small model splits "CAD 3.6 billion", misses "€4bn", calls "35 per cent" money and "35
centimetres" a count, so these shapes are matched here; the units, scales and currency words are
data (figure_units.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.figure_noise import NUM, SENTENCE_END, NoiseRules, alternation, in_noise
from nlp.figure_words import figure_words
from nlp.rules import figure_tables, figure_units

UNITS = figure_units()
WORDS = figure_words()
CENTS, CURRENCY_NAMES = figure_tables().cents, figure_tables().currency_names

SCALE = alternation(UNITS.scales)
SCALE_WORDS = alternation(k for k in UNITS.scales if len(k) > 1)
# ISO codes before or after the number in capitals only ("USD 5 million", "5 million USD", never "try 5 times");
# signs and abbreviations in any case
_CODES = alternation(k for k in UNITS.currency_prefix if re.fullmatch(r"[A-Z]{3}", k))
_PREFIX = rf"(?-i:{_CODES})|{alternation(k for k in UNITS.currency_prefix if not re.fullmatch(r'[A-Z]{3}', k))}"
_WORDS = alternation(UNITS.currency_words)
# "$5.87-3/4", "11-1/4 cents": old grain and bond quotes add a fraction of the last digit written
_FRAC = r"[-\s](?P<{}>[1-9]/(?:2|4|8))"
MONEY = re.compile(
    rf"(?<![\w$€£¥])(?P<pre>{_PREFIX})\s?(?P<num>{NUM})(?:{_FRAC.format('frac')})?(?:[\s-]?(?P<scale>{SCALE})\b)?"
    rf"(?:\s(?P<post>{_WORDS})\b)?"
    rf"|(?<![\w.$€£¥])(?P<num2>{NUM})(?:[\s-]?(?P<scale2>{SCALE})\b)?[\s-](?:(?P<post2>{_WORDS})|(?-i:(?P<code>{_CODES})))\b",
    re.IGNORECASE,
)
_NUMBER_WORD = alternation(WORDS.number_words)
SCALE_NAMES = re.compile(SCALE_WORDS, re.IGNORECASE)
_SPELLED = rf"(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))*"
# "five billion euros", "a billion dollars"; "three per cent"
SPELLED_MONEY = re.compile(rf"\b(?P<words>{_SPELLED})\s(?P<scale>{SCALE_WORDS})\s(?P<post>{_WORDS})\b", re.IGNORECASE)
SPELLED_PERCENT = re.compile(
    rf"\b(?P<words>{_SPELLED})[\s-](?P<unit>per[\s-]?cent|percent|percentage[\s-]points?)\b", re.IGNORECASE)
MONEY_RANGE = re.compile(
    rf"(?<![\w$€£¥])(?P<pre>{_PREFIX})\s?(?P<low>{NUM})\s?(?P<sep>-|–|to|and)\s?(?:{_PREFIX})?\s?(?P<high>{NUM})"
    rf"[\s-]?(?P<scale>{SCALE_WORDS})\b",
    re.IGNORECASE,
)
# "71.2 U.S. cents", "by 6 cents"; "the rupee rose to 87.8 per dollar" (the quoted currency)
_GLUED_CENTS = alternation(w for w in CENTS if len(w) == 1)
SUBUNIT = re.compile(rf"(?<![\w.$€£¥/])(?P<num>{NUM})(?:{_FRAC.format('frac')})?(?:\s(?P<word>"
                     rf"{alternation(w for w in CENTS if len(w) > 1)})\b|(?P<glued>{_GLUED_CENTS})(?![\w-]|\.\w))",
                     re.IGNORECASE)
_NAMES = re.compile(rf"\b(?:{alternation(CURRENCY_NAMES)})\b", re.IGNORECASE)
EXCHANGE_RATE = re.compile(
    rf"(?<![\w.$€£¥])(?P<num>{NUM})\s(?:(?P<named>{alternation(CURRENCY_NAMES)})s?\s)?(?:per|to\sthe|to\sone|against\sthe)\s"
    rf"(?:U\.S\.\s|US\s|American\s)?(?:dollar|euro|greenback)\b",
    re.IGNORECASE,
)
# an explicit minus is kept ("down -1.2%"), never the dash of a range ("10-15%", "2.1%-2.5%")
PERCENT = re.compile(
    rf"(?<![\w.%])(?P<sign>[-−–](?=\d))?(?P<num>{NUM}|\.\d+)(?:{_FRAC.format('frac')})?[\s-]?(?P<unit>%|per[\s-]?cent\b|"
    rf"percent\b|percentage[\s-]points?\b|pct\.?\s?points?\b|ppts?\b|pp\b|pct\b|pc\b|basis[\s-]points?\b|bps\b|bp\b)",
    re.IGNORECASE,
)
# "a 0.25-point cut"; "rose 4 points to 23 per cent" (see _found_points)
POINT_CHANGE = re.compile(rf"(?<![\w.])(?P<num>{NUM})-point\s(?:{alternation(WORDS.point_changes)})\b", re.IGNORECASE)
POINTS = re.compile(rf"(?<![\w.,])(?P<num>{NUM})\spoints?\b", re.IGNORECASE)
MOVE_BEFORE = re.compile(
    rf"\b(?:{alternation(WORDS.point_moves)})\s(?:(?:about|roughly|nearly|almost|some|around|over)\s)?$", re.IGNORECASE)
# "a 40-foot container", "a 7.4 magnitude quake": not counts
CLASSIFIER = re.compile(rf"(?<![\w.,$€£¥-])(?:{NUM})[-\s](?:{alternation(WORDS.compound_classifiers)})\b",
                        re.IGNORECASE)
ADDRESS = re.compile(rf"\b\d+(?:\s[A-Z][\w.']*){{1,3}}\s(?:{alternation(WORDS.street_words)})\b")
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
_PARTS = alternation(f for f in WORDS.fractions if "-" not in f and f != "half")
_FRACTION = (rf"(?:a|one)[\s-](?:{_PARTS})|half|"
             + "|".join(f.replace("-", "[- ]") for f in sorted(WORDS.fractions, key=len, reverse=True) if "-" in f))
# "a third of exports" and "fell by half" are shares; "a third of a cent" is a fraction of one thing, not a share
FRACTION = re.compile(
    rf"\b(?P<frac>{_FRACTION})\s+of\b(?!\s+an?\b)"
    rf"|\b(?:by|up|down)\s+(?:(?:more|less) than\s|about\s|roughly\s|nearly\s|almost\s|around\s|some\s|over\s)?"
    rf"(?P<by>{_FRACTION})\b(?!\s(?:a|an|the|of)\b)",
    re.IGNORECASE,
)
# "a quarter of a percentage point", "a quarter point", "a half-point cut"; "half a per cent"
POINT_FRACTION = re.compile(
    r"\b(?P<frac>(?:a\s|one\s)?(?:quarter|half|three[- ]quarters))(?:\sof)?(?:\s(?:a|one))?[\s-]"
    r"(?:(?:percentage[\s-])?(?P<point>point)|per[\s-]?cent|percent)\b",
    re.IGNORECASE)
# "1 in 5 jobs", "nearly 9 in 10 Canadians"; not "3 in 10 minutes"
ONE_IN = re.compile(r"(?<![\w.,])(?P<a>\d{1,2})\sin\s(?P<b>\d{1,3})\b"
                    r"(?=\s(?!(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)[A-Za-z])", re.IGNORECASE)
FRACTIONS = {**WORDS.fractions, **{f.replace("-", " "): v for f, v in WORDS.fractions.items()}}
# "the first half of the year" is a time, not a share
_TIME_HALF = {"first", "second", "latter", "last", "back", "front", "other"}
YEAR = re.compile(r"(1[89]|20|21)\d\d")
TEMPERATURES = {"celsius", "fahrenheit"}


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


def _with_fraction(num: str, frac: str | None) -> float:
    """"11-1/4" -> 11.25, "5.87-3/4" -> 5.8775: the fraction is one of the last digit written."""
    if not frac:
        return _number(num)
    return _number(num) + _fraction(frac) / 10 ** len(num.partition(".")[2])


def _spelled(words: str) -> float:
    """"five" -> 5, "twenty-five" -> 25, "two hundred" -> 200."""
    total = 0.0
    for word in re.split(r"[\s-]", words.lower()):
        value = WORDS.number_words[word]
        total = total * value if value == 100 else total + value
    return total


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
            out.append(Found(m.start(), m.end(), _with_fraction(m["num"], m["frac"]) * scaled("1", scale), unit,
                             scaled("1", scale)))
        else:
            if not m["scale2"] and m["post2"] and m["post2"].lower() in WORDS.homonym_currencies and YEAR.fullmatch(
                    m["num2"]):
                continue  # "who in 2019 won the title"; "500 won" and "10.4 trillion won" stay
            unit = UNITS.currency_words[m["post2"].lower()] if m["post2"] else m["code"]
            out.append(Found(m.start(), m.end(), scaled(m["num2"], m["scale2"]), unit,
                              scaled("1", m["scale2"])))
    for m in SPELLED_MONEY.finditer(text) if SCALE_NAMES.search(text) else ():
        scale = scaled("1", m["scale"])
        out.append(Found(m.start(), m.end(), _spelled(m["words"]) * scale, UNITS.currency_words[m["post"].lower()],
                         scale))
    return out


def _found_subunits(text: str) -> list[Found]:
    """Cents and exchange rates; a plain "cents" has unit "" until its sentence gives the currency."""
    out = []
    for m in SUBUNIT.finditer(text):
        word = (m["word"] or m["glued"]).lower()
        if m["glued"] and m[0].lower() in WORDS.screen_resolutions:
            continue
        out.append(Found(m.start(), m.end(), _with_fraction(m["num"], m["frac"]) / 100,
                         "" if word in {"cents", "¢"} else CENTS[word], 0.01))
    for m in EXCHANGE_RATE.finditer(text):
        before = re.split(r"[.!?]\s", text[max(0, m.start() - 160):m.start()])[-1]
        names = [m["named"]] if m["named"] else _NAMES.findall(before)
        if names:
            out.append(Found(m.start(), m.end("num"), _number(m["num"]), CURRENCY_NAMES[names[-1].lower()]))
    return out


def _is_points(unit: str) -> bool:
    return unit.lower().startswith(("percentage", "pp")) or "point" in unit.lower()


def _found_percent(text: str) -> list[Found]:
    out = []
    for m in PERCENT.finditer(text):
        unit = m["unit"].lower()
        sign = -1 if m["sign"] else 1
        if unit.startswith(("basis", "bp")):
            out.append(Found(m.start(), m.end(), sign * _number(m["num"]) / 100, "percentage_points", 0.01))
        else:
            value = sign * _with_fraction(m["num"], m["frac"])
            out.append(Found(m.start(), m.end(), value, "percentage_points" if _is_points(unit) else "percent"))
    for m in SPELLED_PERCENT.finditer(text) if "cent" in text.lower() else ():
        if m["words"].lower() != "a":
            out.append(Found(m.start(), m.end(), _spelled(m["words"]),
                             "percentage_points" if _is_points(m["unit"]) else "percent"))
    points = [Found(m.start(), m.end(), FRACTIONS[re.sub(r"^(?:a|one)\s", "", m["frac"].lower())] / 100,
                    "percentage_points" if m["point"] else "percent") for m in POINT_FRACTION.finditer(text)]
    shares = [Found(m.start(), m.end(), 100 * int(m["a"]) / int(m["b"]), "percent")
              for m in ONE_IN.finditer(text) if 0 < int(m["a"]) < int(m["b"])]
    for m in FRACTION.finditer(text):
        group = "frac" if m["frac"] else "by"
        before = text[max(0, m.start(group) - 12):m.start(group)].lower().split()
        if not before or before[-1] not in _TIME_HALF:
            frac = re.sub(r"^(?:a|one)[\s-]", "", m[group].lower())
            shares.append(Found(m.start(group), m.end(group), FRACTIONS[frac], "percent"))
    return added(added(out, points), shares)


def _found_points(text: str, rules: NoiseRules) -> list[Found]:
    """Percentage points written as "points": "a 0.25-point cut" always; "rose 4 points to 23 per cent" in
    a sentence of percents or shares that names no stock index (whose points are not figures)."""
    out = [Found(m.start(), m.end("num") + len("-point"), _number(m["num"]), "percentage_points")
           for m in POINT_CHANGE.finditer(text)]
    for m in POINTS.finditer(text):
        if not MOVE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        start = max((e.end() for e in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        end = SENTENCE_END.search(text, m.end())
        sentence = text[start:end.end() if end else len(text)]
        if (PERCENT.search(sentence) or FRACTION.search(sentence)) and not rules.indexes.search(sentence):
            out.append(Found(m.start(), m.end(), _number(m["num"]), "percentage_points"))
    return out


def _found_quantities(text: str, rules: NoiseRules) -> list[Found]:
    """Physical quantities by unit word: "35 centimetres", "-18 C", "4 million barrels of oil a day"; not
    the "500 C" of "500 C Street"."""
    out = []
    anchors = [m.span() for m in rules.time_anchors.finditer(text)]
    anchors += [m.span() for m in ADDRESS.finditer(text)]
    for m in QUANTITY.finditer(text):
        unit = UNITS.physical_units[m["unit"].lower()]
        letter = m["unit"].lower() in {"c", "f"}
        glued = (text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1])
        if letter and (m["unit"].islower() or "-" in glued):
            continue  # "2 F-35s" are jets and "Long March-2F" a rocket
        if in_noise(m.start("num"), anchors):
            continue
        if unit == "barrels" and PER_DAY_AFTER.match(text, m.end()):
            unit = "barrels_per_day"
        if unit == "pounds" and m["scale"] and not WEIGHT_AFTER.match(text, m.end()):
            unit = "GBP"  # "fined 2 million pounds"; a weight that large says what it weighs ("of pork")
        value = scaled(m["num"], m["scale"]) * (-1 if m["neg"] and unit in TEMPERATURES else 1)
        start = m.start() if m["neg"] and unit in TEMPERATURES else m.start("num")
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
        sign = re.search(r"(?:minus[\s-]|[-−–])$", text[max(0, start - 6):start]) if f.unit in TEMPERATURES else None
        value = _number(m["low"]) * scale * (-1 if sign else 1)
        lows.append(Found(start - (len(sign[0]) if sign else 0), start + len(m["low"]), value, f.unit, scale))
    return lows


def patterned(text: str, *, rules: NoiseRules, noise: list[tuple[int, int]]) -> list[Found]:
    """Every figure found by pattern, earlier kinds first where two overlap, then the low ends of ranges."""
    found = added(added(_found_money_ranges(text), _found_money(text)), _found_subunits(text))
    found = added(found, _found_percent(text))
    found = added(found, _found_points(text, rules))
    found = added(found, _found_quantities(text, rules))
    return found + _range_lows(text, found, noise)
