"""Where a number on a real news page is not a figure: tickers, times, scores, labels, model names,
dates and stock-index levels.

Published pages mix figures with numbers that name or place things ("Section 232", "Nikkei 225",
"10:42 a.m. ET", "beat him 6-3", "(1211.HK)", "the S&P 500 fell 40.2 points to 6,512.3"). The small
model tags most of them CARDINAL, so they are found here by pattern and dropped; the words that mark
them are data ([noise] in figure_units.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nlp.rules import NoiseWords

SCALE_WORDS = "thousand|million|billion|trillion"
# "1,250,000" and the Indian grouping "4,56,404"
NUM = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "(NYSE: F)", "(Nasdaq: ASTL, TSX: ASTL)" and exchange-suffixed codes such as "1211.HK", "7267.T"
TICKERS = re.compile(r"\((?:[A-Z][\w&.]*\s?:\s?[\w.-]+[,;]?\s?)+\)|\b\d{3,6}\.[A-Z]{1,2}\b")
# "10:42", "2:03:17" and race times such as "3:49.04"; "24/7"
TIMES_AND_SLASHES = re.compile(r"\b\d{1,2}(?::\d{2})+(?:\.\d+)?\b|\b\d+/\d+\b")
# scores, tallies and phone numbers ("4-6, 6-3", "voted 76-5", "3-for-42", "9-8-8"); a range before
# a plural noun or a percent ("10-15%", "20-30 workers") is kept
SCORES = re.compile(rf"(?<![\w.,$€£¥-])\d{{1,4}}(?:(?:[-–]|-for-|-on-|-of-)\d{{1,4}})+\b"
                    rf"(?![-–]?\s?(?:%|per|pc|[a-z]+s\b|{SCALE_WORDS}))")
# letters glued to digits name a model, a variant, a form, a brand or a quarter: "H20", "F-150",
# "COVID-19", "G7", "18A", "10-K", "7-Eleven"
GLUED = re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]*\b|\b\d+-?[A-Z][A-Za-z]*\b")
AGES = re.compile(r"\b\d+-year-olds?\b|\baged?\s\d+\b")
# In the rest of a sentence that names a stock index, a bare number is its level or its move in
# points ("fell 40.2 points to 6,512.3", "below 17,000", "an early gain of 1,250"); numbers of
# things ("its 11 sectors"), percents and money stay.
INDEX_LEVEL = re.compile(
    rf"(?<![\w.,$€£¥-])(?:{NUM})\b(?![.,]\d|\s?(?:%|per\b|pct\b|(?!points?\b)[a-z]+s\b|{SCALE_WORDS}))")
INDEX_REACH = 200
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# page furniture: "4 min read", "6 min listen"
READ_TIME = re.compile(r"\b\d+\s?min(?:ute)?s?\s(?:read|listen)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class NoiseRules:
    labels: re.Pattern[str]
    time_anchors: re.Pattern[str]
    indexes: re.Pattern[str]
    dates: re.Pattern[str]
    not_counted: frozenset[str]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so "per cent" wins over "per"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def noise_rules(words: NoiseWords) -> NoiseRules:
    """The noise words of figure_units.toml as patterns."""
    time_units, months = alternation(words.time_units), alternation(words.months)
    return NoiseRules(
        labels=re.compile(rf"(?<![\w&])(?:{alternation(words.labels)})\.?\s?#?(?:{NUM})"
                          rf"|\b\d+\s(?:{alternation(words.model_suffixes)})\b(?:\s\d+\b)?"),
        # "over the next 24 hours", "2 hours ago", "a 60-day consultation": times, not amounts
        time_anchors=re.compile(
            rf"\b(?:next|past|last|previous|coming)\s(?:{NUM})\s(?:{time_units})\b"
            rf"|\b(?:{NUM})\s(?:{time_units})\sago\b|(?<![\w.,-])\d+-(?:{time_units})\b",
            re.IGNORECASE),
        indexes=re.compile(rf"(?<![\w&])(?:{alternation(words.indexes)})\b", re.IGNORECASE),
        dates=re.compile(rf"\b(?:{months})\.?\s\d{{1,2}}\b|\b\d{{1,2}}\s(?:{months})\b"),
        not_counted=words.not_counted,
    )


def noise_spans(text: str, rules: NoiseRules) -> list[tuple[int, int]]:
    """Character spans of `text` whose numbers are not figures."""
    spans = [m.span() for pattern in (TICKERS, TIMES_AND_SLASHES, SCORES, GLUED, AGES, READ_TIME,
                                                   rules.labels, rules.time_anchors, rules.dates)
             for m in pattern.finditer(text)]
    for index in rules.indexes.finditer(text):
        end = SENTENCE_END.search(text, index.end())
        stop = min(end.start() if end else len(text), index.end() + INDEX_REACH)
        spans += [m.span() for m in INDEX_LEVEL.finditer(text, index.end(), stop)]
    return spans


def in_noise(start: int, spans: list[tuple[int, int]]) -> bool:
    """True when a number starting at `start` lies in one of the spans."""
    return any(s <= start < e for s, e in spans)
