"""Score extraction against a hand-annotated set, next to the raw spaCy entities as a baseline.

Matching rules, per passage, then summed over the set (micro P/R/F1):
- actors: the same ISO code (countries, regions) or the same normalised name (case, accents, "the",
  possessive, a company's legal form and our alias file folded, so "Pentagon" = "Defense Department"
  and "Intel Corp." = "Intel", and a ministry's country and word order, so "China's Commerce
  Ministry" = "Ministry of Commerce");
- sectors: the set of sector labels;
- figures: value within 1% and the same unit, over all figures and per unit class (money: an ISO 4217
  code; percent: percent and percentage points; other: counts and physical units); "figure measures"
  also need the same measure;
- tariff claims: imposer, target and action; "claims (full)" also need rate and sectors; "claims (class)"
  need only the action's class (in force, planned, easing, request); "new claims" count only the claims
  that are not background (what alerts may send);
- topics (sets that carry them): micro over (article, label) pairs and macro over labels, next to the
  keyword list of `nlp/data/topic_keywords.toml`, the feed-reader baseline.
A set whose passages all declare what they annotate (`"annotated": ["figures"]`) is scored on those fields only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from spacy.language import Language

from nlp.actor_names import actor_key, load_aliases
from nlp.analyzer import Analyzer, Text
from nlp.french_actors import strip_article
from nlp.french_rules import FR_DIR
from nlp.records import Analysis
from nlp.rules import actor_rules, topic_keywords
from nlp.topics import keyword_labels

UNIT_CLASSES = ("money", "percent", "other")
SCORED = ("actors", "sectors", "figures", *(f"figures ({c})" for c in UNIT_CLASSES), "figure measures",
          "tariff claims", "claims (full)", "claims (class)", "new claims", "topics")
# the record field each score reads, for sets that declare what they annotate
_RECORD_FIELD = {name: "figures" if name.startswith("figure") else "tariff_claims" if "claims" in name else name
                 for name in SCORED}
LISTED = ("actors", "figures", "tariff claims")  # the fields `unmatched` (newsmon eval errors) lists
NO_BASELINE = frozenset({"sectors", "figure measures", "tariff claims", "claims (full)", "claims (class)",
                         "new claims"})
# Coarse action classes, for readers who score a claim by what it means for a monitor rather than by the
# exact verb: imposed and threatened differ, imposed and raised do not.
ACTION_CLASS = {"imposed": "in force", "raised": "in force", "retaliated": "in force", "upheld": "in force",
                "announced": "planned", "threatened": "planned",
                "lowered": "easing", "suspended": "easing", "removed": "easing", "exempted": "easing",
                "struck_down": "easing", "relief_sought": "request"}
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}


def match(predicted: Iterable[Any], gold: Iterable[Any],
          same: Callable[[Any, Any], bool]) -> tuple[list[Any], list[Any]]:
    """Greedy one-to-one matching, so a duplicate prediction is a false positive: (unmatched predictions,
    unmatched gold)."""
    left, extra = list(gold), []
    for p in predicted:
        hit = next((i for i, g in enumerate(left) if same(p, g)), None)
        if hit is None:
            extra.append(p)
        else:
            left.pop(hit)
    return extra, left


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[Any], gold: Iterable[Any], same: Callable[[Any, Any], bool]) -> None:
        predicted = list(predicted)
        extra, missed = match(predicted, gold, same)
        self.tp += len(predicted) - len(extra)
        self.fp += len(extra)
        self.fn += len(missed)

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


def set_language(path: Path) -> str:
    """The language of an annotated set: its first passage's `language`, English when it has none (only the
    first line is read: the set itself is read once, by `evaluate_set`)."""
    with path.open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), None)
    return str(json.loads(first).get("language") or "en") if first else "en"


def _norm(name: str) -> str:
    name = re.sub(r"(?:['’]s|['’])$", "", name.strip())
    name = strip_article(re.sub(r"^the\s+", "", name, flags=re.I))
    alias = load_aliases().get(name) or load_aliases(FR_DIR).get(name)
    return actor_key(_without_legal_form(alias.name if alias else name))


def _without_legal_form(name: str) -> str:
    """"Intel Corp." is Intel and "Alibaba Group" Alibaba: one actor, whether the text or the annotator writes its
    legal form or not."""
    words = name.split()
    forms = actor_rules().context["legal_forms"]
    while len(words) > 1 and words[-1] in forms:
        words.pop()
    return " ".join(words).rstrip(",")


def _actor_key(actor: dict[str, Any]) -> tuple[str | None, str]:
    code = actor.get("code") if actor.get("kind") in {"country", "region"} else None
    return (code, _norm(actor["name"]))


def _actor_same(p: tuple[str | None, str], g: tuple[str | None, str]) -> bool:
    return (p[0] is not None and p[0] == g[0]) or p[1] == g[1]


def figure_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return p["unit"] == g["unit"] and abs(p["value"] - g["value"]) <= 0.01 * max(abs(g["value"]), 1e-9)


@cache
def unit_class(unit: str) -> str:
    """money (any ISO 4217 code), percent (percent and percentage points) or other (counts, physical units)."""
    if unit in {"percent", "percentage_points"}:
        return "percent"
    return "money" if len(unit) == 3 and unit.isupper() and pycountry.currencies.get(alpha_3=unit) else "other"


def _of_class(figures: Iterable[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in figures if unit_class(f["unit"]) == kind]


def _measure_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return figure_same(p, g) and (p.get("measure") or "").lower() == (g.get("measure") or "").lower()


def _claim_same(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return (p["imposer"], p["target"], p["action"]) == (g["imposer"], g["target"], g["action"])


def _claim_class(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return (p["imposer"], p["target"], ACTION_CLASS[p["action"]]) == (g["imposer"], g["target"],
                                                                       ACTION_CLASS[g["action"]])


def _claim_full(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return _claim_same(p, g) and p.get("rate") == g.get("rate") and set(p["sectors"]) == set(g["sectors"])


def scored_fields(gold: list[dict[str, Any]]) -> tuple[str, ...]:
    """What a set is scored on: the fields its passages declare (`"annotated": ["figures"]`), else every
    field; "topics" only where every passage lists its topics."""
    declared = [g.get("annotated") for g in gold]
    fields = [name for name in SCORED if name != "topics" or has_topics(gold)]
    if gold and all(declared):
        wanted = {field for d in declared for field in d}
        fields = [name for name in fields if _RECORD_FIELD[name] in wanted]
    return tuple(fields)


def _compared(name: str, pred: dict[str, Any], want: dict[str, Any]) -> tuple[Iterable[Any], Iterable[Any],
                                                                           Callable[[Any, Any], bool]]:
    """What score `name` matches in one passage: (predicted, gold, same)."""
    if name == "actors":
        return {_actor_key(a) for a in pred["actors"]}, {_actor_key(a) for a in want["actors"]}, _actor_same
    if name == "sectors":
        return {s["sector"] for s in pred["sectors"]}, set(want["sectors"]), _equal
    if name == "topics":
        return {t["label"] for t in pred.get("topics", [])}, set(want["topics"]), _equal
    if name.startswith("figures ("):
        kind = name[len("figures ("):-1]
        return _of_class(pred["figures"], kind), _of_class(want["figures"], kind), figure_same
    if name in {"figures", "figure measures"}:
        return pred["figures"], want["figures"], figure_same if name == "figures" else _measure_same
    claims = _distinct(pred["tariff_claims"])
    if name == "new claims":
        return _news(claims), _news(want["tariff_claims"]), _claim_same
    same = {"tariff claims": _claim_same, "claims (full)": _claim_full, "claims (class)": _claim_class}[name]
    return claims, want["tariff_claims"], same


def _equal(p: Any, g: Any) -> bool:
    return bool(p == g)


def score(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Score]:
    """Predictions are `newsmon extract` records (or the baseline's), in the gold's order, scored on the
    set's `scored_fields`."""
    scores = {name: Score() for name in scored_fields(gold)}
    for pred, want in zip(predictions, gold, strict=True):
        for name, s in scores.items():
            s.add(*_compared(name, pred, want))
    return scores


def listing_error(field: str) -> ValueError:
    return ValueError(f"no error listing for {field!r}; use {', '.join(LISTED[:-1])} or {LISTED[-1]}")


def unmatched(pred: dict[str, Any], want: dict[str, Any], field: str) -> tuple[list[Any], list[Any]]:
    """One passage's false positives and misses for "actors", "figures" or "tariff claims", matched as `score`
    does: what to read when a figure moves."""
    if field == "actors":
        p, g, same = [_actor_key(a) for a in pred["actors"]], [_actor_key(a) for a in want["actors"]], _actor_same
        p, g = list(dict.fromkeys(p)), list(dict.fromkeys(g))
    elif field == "figures":
        p, g, same = list(pred["figures"]), list(want["figures"]), figure_same
    elif field == "tariff claims":
        p, g, same = _distinct(pred["tariff_claims"]), list(want["tariff_claims"]), _claim_same
    else:
        raise listing_error(field)
    return match(p, g, same)


def has_topics(gold: list[dict[str, Any]]) -> bool:
    return bool(gold) and all("topics" in g for g in gold)


def topic_macro_f1(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> float:
    """Mean F1 over the labels the set uses (gold or predicted), so an unused label neither helps nor hurts."""
    per_label: dict[str, Score] = {}
    for pred, want in zip(predictions, gold, strict=True):
        found, wanted = {t["label"] for t in pred.get("topics", [])}, set(want["topics"])
        for label in found | wanted:
            s = per_label.setdefault(label, Score())
            s.add([label] if label in found else [], [label] if label in wanted else [], lambda p, g: p == g)
    return sum(s.f1 for s in per_label.values()) / len(per_label) if per_label else 0.0


def _news(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in claims if not c.get("background", False)]


def _distinct(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A claim repeated in the title and the body is one claim, as the annotators count it."""
    seen, out = set(), []
    for c in claims:
        key = (c["imposer"], c["target"], c["action"], c.get("rate"), tuple(sorted(c["sectors"])))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# The French model's entity labels, as the English baseline reads its own.
FRENCH_KINDS = {"PER": "person", "ORG": "organization", "LOC": "country", "MISC": "group"}


def raw_baseline(nlp: Language, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the raw model's entities give with no rules: names as tagged, naive figures; topics from
    the keyword list. A French model (`nlp.lang == "fr"`) has only name entities: no figures."""
    if nlp.lang == "fr":
        return _raw_french(nlp, gold)
    out = []
    keywords = topic_keywords()
    texts = [f"{g.get('title', '')}\n\n{g['text']}" for g in gold]
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
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
        out.append({"actors": actors, "sectors": [], "figures": figures, "tariff_claims": [],
                    "topics": [{"label": label, "score": 1.0} for label in keyword_labels(text, keywords)]})
    return out


def _raw_french(nlp: Language, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keywords = topic_keywords(FR_DIR)
    texts = [f"{g.get('title', '')}\n\n{g['text']}" for g in gold]
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
        names = dict.fromkeys((e.text, FRENCH_KINDS[e.label_]) for e in doc.ents if e.label_ in FRENCH_KINDS)
        out.append({"actors": [{"name": t, "kind": kind} for t, kind in names], "sectors": [], "figures": [],
                    "tariff_claims": [],
                    "topics": [{"label": label, "score": 1.0} for label in keyword_labels(text, keywords)]})
    return out


def as_records(analyses: list[Analysis]) -> list[dict[str, Any]]:
    return [a.to_json() for a in analyses]


@dataclass(frozen=True, slots=True, kw_only=True)
class SetResult:
    """One annotated set scored: ours and the baseline's, per field, plus topic macro-F1 where scored."""

    name: str
    passages: int
    ours: dict[str, Score]
    baseline: dict[str, Score]
    macro: float | None
    baseline_macro: float | None


def evaluate_set(path: Path, analyzer: Analyzer, *, raw_nlp: Language | None = None) -> SetResult:
    """Run the analyzer (and, given `raw_nlp`, the raw-model and keyword baselines) over an annotated set."""
    rows = load_gold(path)
    ours = as_records(analyzer.analyze([Text(id=r["id"], title=r.get("title", ""), text=r["text"],
                                             language=r.get("language")) for r in rows]))
    raw = raw_baseline(raw_nlp, rows) if raw_nlp is not None else None
    topics = has_topics(rows)
    return SetResult(name=f"{path.parent.name}/{path.stem}", passages=len(rows), ours=score(ours, rows),
                     baseline=score(raw, rows) if raw is not None else {},
                     macro=topic_macro_f1(ours, rows) if topics else None,
                     baseline_macro=topic_macro_f1(raw, rows) if topics and raw is not None else None)
