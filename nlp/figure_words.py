"""The word lists of figure_units.toml that nlp/rules.py does not load: spelled numbers, the words that
make "points" percentage points, and the words that make a number a classifier or an address."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.rules import DATA_DIR, _load, _table, _words


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureWords:
    number_words: dict[str, float]  # "five" -> 5 ("five billion euros", "three per cent")
    fractions: dict[str, float]  # "two-thirds" -> 66.67 percent
    point_changes: tuple[str, ...]  # "a 0.25-point cut" (any case)
    point_moves: tuple[str, ...]  # "rose 4 points to 23%" (any case)
    compound_classifiers: tuple[str, ...]  # "a 40-foot container" (any case)
    screen_resolutions: frozenset[str]  # "1080p" is no pence
    homonym_currencies: frozenset[str]  # "in 2019 won": a verb after a year
    street_words: tuple[str, ...]  # "500 C Street" (as written)


@cache
def figure_words(data_dir: Path = DATA_DIR) -> FigureWords:
    """[number_words], [fractions] and [words] of figure_units.toml; a bad table names the file and key."""
    path = data_dir / "figure_units.toml"
    raw = _load(path.name, data_dir)
    numbers = _table(raw, "number_words", path, (int, float))
    fractions = _table(raw, "fractions", path, (int, float))
    words = _table(raw, "words", path, list)
    point_changes, point_moves, classifiers, resolutions, homonyms, street_words = (
        tuple(_words(words, key, f"{path}: [words] "))
        for key in ("point_changes", "point_moves", "compound_classifiers", "screen_resolutions",
                    "homonym_currencies", "street_words"))
    return FigureWords(number_words={k.lower(): float(v) for k, v in numbers.items()},
                       fractions={k.lower(): float(v) for k, v in fractions.items()}, point_changes=point_changes,
                       point_moves=point_moves, compound_classifiers=classifiers,
                       screen_resolutions=frozenset(r.lower() for r in resolutions),
                       homonym_currencies=frozenset(h.lower() for h in homonyms), street_words=street_words)
