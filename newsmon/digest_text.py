"""Wording shared by the Markdown and HTML digests, so both say the same thing the same way."""

from __future__ import annotations

from typing import Any

import pycountry

from nlp.places import country_name

NO_ARTICLES = "No articles were published on this day in the monitored feeds."
READER_LANGUAGE = "en"  # the digest's and alerts' own wording; text in any other language is marked
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def is_empty(data: dict[str, list[dict[str, Any]]]) -> bool:
    """A day with nothing to report: no topics, no new claims, no actors, no article read in any language."""
    return not data["topics"] and not data["claims"] and not data["actors"] and not data.get("languages")


def language_mark(code: str | None) -> str:
    """`FR` for a French text shown among English ones; nothing for English or an unknown language."""
    return code.upper() if code and code != READER_LANGUAGE else ""


def language_prefix(code: str | None) -> str:
    """`[FR] ` before a quoted text or a link in Markdown and plain text: literal text in CommonMark (a bracketed
    word followed by a space is neither a link nor a reference), nothing for English or an unknown language."""
    mark = language_mark(code)
    return f"[{mark}] " if mark else ""


def language_name(code: str | None) -> str:
    """`French` for `fr` (ISO 639-1 via pycountry); a code pycountry does not know stays as it is."""
    if not code:
        return "unknown language"
    found = pycountry.languages.get(alpha_2=code)
    return found.name if found else code


def languages_read(rows: list[dict[str, Any]]) -> str:
    """`Articles read: 60 (English 54, French 6)`: every article of the day, analysed or only counted."""
    counts = ", ".join(f"{language_name(r['language'])} {r['articles']}" for r in rows)
    return f"Articles read: {sum(r['articles'] for r in rows)} ({counts})"


def party(code: str | None, *, target: bool = False) -> str:
    """A claim's imposer or target as a country name. A missing target is a tariff on every origin
    (the extractor leaves global tariffs without one); a missing imposer is one the rules could not tell."""
    if code:
        return country_name(code)
    return "all origins" if target else "?"


def rate_text(row: dict[str, Any]) -> str:
    """`25%`, or `25% → 50%` when the claim names an old rate that differs (`25% → 25%` would read as a change)."""
    if row["rate"] is None:
        return ""
    rate = f"{row['rate']:g}%"
    if row.get("previous_rate") is not None and row["previous_rate"] != row["rate"]:
        return f"{row['previous_rate']:g}% → {rate}"
    return rate


def figure_value(value: float, unit: str) -> str:
    """`50%`, `2.5 pp`, `CAD 3.6 billion`; two decimals at most (a third is 33.33%, not 33.3333%)."""
    if unit in {"percent", "percentage_points"}:
        return f"{round(value, 2):g}{'%' if unit == 'percent' else ' pp'}"
    for scale, word in _SCALES:
        if value >= scale:
            return f"{unit} {round(value / scale, 2):g} {word}"
    return f"{unit} {value:,.0f}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 story`, `3 stories`, `0 articles`."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def signed(change: float) -> str:
    """`+1.5`, `-0.29`, and `0` without a sign: nothing changed is not "+0"."""
    return f"{change:+g}" if change else "0"


def outlets_text(outlets: list[str]) -> str:
    """`Demo wire` or `3 outlets: A, B, C`: where a story ran."""
    if len(outlets) <= 1:
        return "".join(outlets)
    return f"{len(outlets)} outlets: {', '.join(outlets)}"


def topic_name(label: str) -> str:
    """`steel_aluminum` → `steel aluminum`: labels as words for readers."""
    return label.replace("_", " ")
