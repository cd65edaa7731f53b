"""Score extraction against a hand-annotated set, next to the raw spaCy entities as a baseline.

Matching rules, per passage, then summed over the set (micro P/R/F1):
- actors: the same ISO code (countries, regions) or the same normalised name (case, accents, "the",
  possessive and our alias file folded, so "Pentagon" = "Defense Department", and a ministry's
  country and word order, so "China's Commerce Ministry" = "Ministry of Commerce");
- sectors: the set of sector labels;
- figures: value within 1% and the same unit; "figure measures" also need the same measure;
- tariff claims: imposer, target and action; "claims (full)" also need rate and sectors.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from nlp.actor_names import actor_key, load_aliases
from nlp.records import Analysis

SCORED = ("actors", "sectors", "figures", "figure measures", "tariff claims", "claims (full)")
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[Any], gold: Iterable[Any], same: Callable[[Any, Any], bool]) -> None:
        """Greedy one-to-one matching, so a duplicate prediction is a false positive."""
        left = list(gold)
        for p in predicted:
            hit = next((i for i, g in enumerate(left) if same(p, g)), None)
            if hit is None:
                self.fp += 1
            else:
                self.tp += 1
                left.pop(hit)
        self.fn += len(left)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(name: str) -> str:
    name = re.sub(r"(?:['’]s|['’])$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    alias = load_aliases().get(name)
    return actor_key(alias.name if alias else name)


def _actor_key(actor: dict[str, Any]) -> tuple[str | None, str]:
    code = actor.get("code") if actor.get("kind") in {"country", "region"} else None
    return (code, _norm(actor["name"]))


def _actor_same(p: tuple[str | None, str], g: tuple[str | None, str]) -> bool:
    return (p[0] is not None and p[0] == g[0]) or p[1] == g[1]


def figure_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return p["unit"] == g["unit"] and abs(p["value"] - g["value"]) <= 0.01 * max(abs(g["value"]), 1e-9)


def _measure_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return figure_same(p, g) and (p.get("measure") or "").lower() == (g.get("measure") or "").lower()


def _claim_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return (p["imposer"], p["target"], p["action"]) == (g["imposer"], g["target"], g["action"])


def _claim_full(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return _claim_same(p, g) and p.get("rate") == g.get("rate") and set(p["sectors"]) == set(g["sectors"])


def score(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Score]:
    """Predictions are `newsmon extract` records (or the baseline's), in the gold's order."""
    scores = {name: Score() for name in SCORED}
    for pred, want in zip(predictions, gold, strict=True):
        scores["actors"].add({_actor_key(a) for a in pred["actors"]}, {_actor_key(a) for a in want["actors"]},
                             _actor_same)
        scores["sectors"].add({s["sector"] for s in pred["sectors"]}, set(want["sectors"]), lambda p, g: p == g)
        scores["figures"].add(pred["figures"], want["figures"], figure_same)
        scores["figure measures"].add(pred["figures"], want["figures"], _measure_same)
        scores["tariff claims"].add(_distinct(pred["tariff_claims"]), want["tariff_claims"], _claim_same)
        scores["claims (full)"].add(_distinct(pred["tariff_claims"]), want["tariff_claims"], _claim_full)
    return scores


def _distinct(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A claim repeated in the title and the body is one claim, as the annotators count it."""
    seen, out = set(), []
    for c in claims:
        key = (c["imposer"], c["target"], c["action"], c.get("rate"), tuple(sorted(c["sectors"])))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def raw_baseline(nlp: Language, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the raw model's entities give with no rules: names as tagged, naive figures."""
    out = []
    texts = [f"{g.get('title', '')}\n\n{g['text']}" for g in gold]
    for doc in nlp.pipe(texts, batch_size=64):
        counts = Counter((e.text, e.label_) for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP"})
        kinds = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
        actors = [{"name": t, "kind": kinds[label]} for (t, label) in counts]
        figures = []
        for e in doc.ents:
            if e.label_ not in {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}:
                continue
            m = _NUM.search(e.text)
            if not m:
                continue
            scale = next((v for w, v in _SCALE.items() if re.search(rf"\b{w}\b", e.text.lower())), 1.0)
            unit = {"PERCENT": "percent", "CARDINAL": "count"}.get(e.label_)
            if e.label_ == "MONEY":
                unit = "CAD" if "C$" in e.text or "CAD" in e.text else "EUR" if "€" in e.text else "USD"
            if e.label_ == "QUANTITY":
                unit = e.text[m.end():].strip().split(" ")[-1].lower() or "count"
            figures.append({"value": float(m[0].replace(",", "")) * scale, "unit": unit, "measure": None})
        out.append({"actors": actors, "sectors": [], "figures": figures, "tariff_claims": []})
    return out


def as_records(analyses: list[Analysis]) -> list[dict[str, Any]]:
    return [a.to_json() for a in analyses]
