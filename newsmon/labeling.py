"""Corrections to the topic model: `newsmon label` and the articles worth a person's time."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import duckdb
import numpy as np

from nlp.records import TOPICS
from nlp.topics import TopicInput
from storage.labels import (
    ArticleLabels,
    Correction,
    article_labels,
    find_articles,
    record_labels,
    review_candidates,
)

REVIEW_POOL = 5000
CONFIRMED = "confirmed: model tag left as it was"


class LabelingError(ValueError):
    """A bad `newsmon label` argument; the message says what is valid."""


class ScoringModel(Protocol):
    """What review needs of `nlp.topics.TopicModel`: a score per label (TOPICS order) and thresholds."""

    thresholds: dict[str, float]

    def scores(self, inputs: Sequence[object]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Labeled:
    after: ArticleLabels
    recorded: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewItem:
    article_id: str
    title: str
    label: str
    score: float
    threshold: float

    @property
    def margin(self) -> float:
        return abs(self.score - self.threshold)


def parse_changes(tokens: Sequence[str]) -> dict[str, bool]:
    """`+dairy -tariffs` as {label: present}; an unknown label or a missing sign names what is valid."""
    changes: dict[str, bool] = {}
    for token in tokens:
        sign, label = token[:1], token[1:].strip().lower()
        if sign not in ("+", "-"):
            raise LabelingError(f"{token!r}: write +topic to add a topic or -topic to remove one")
        if label not in TOPICS:
            raise LabelingError(f"unknown topic {label!r}: use one of {', '.join(TOPICS)}")  # as `stories --topic`
        present = sign == "+"
        if changes.get(label, present) != present:
            raise LabelingError(f"{label!r} is both added and removed")
        changes[label] = present
    return changes


def resolve_article(con: duckdb.DuckDBPyConnection, prefix: str) -> str:
    """The one article whose id starts with `prefix`."""
    if len(prefix.strip()) < 4:
        raise LabelingError("give at least the first 4 characters of the article id")
    found = find_articles(con, prefix)
    if not found:
        raise LabelingError(f"no article id starts with {prefix!r}")
    if len(found) > 1:
        raise LabelingError(f"{prefix!r} matches several articles ({', '.join(f[:12] for f in found)}...); "
                            "give more characters")
    return found[0]


def _labeler() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def label_article(con: duckdb.DuckDBPyConnection, prefix: str, tokens: Sequence[str], *, none: bool = False,
                  note: str | None = None) -> Labeled:
    """Record `+label`/`-label` corrections (or, with `none`, that no topic applies) for one article.

    The model tags the person left alone are written as confirmed, so the article's training labels
    stay what they agreed to when a later model tags it differently."""
    changes = parse_changes(tokens)
    if none and any(changes.values()):
        raise LabelingError("--none cannot be combined with +label")
    if not none and not changes:
        raise LabelingError("nothing to record: give +label and/or -label, or --none")
    article_id = resolve_article(con, prefix)
    before = article_labels(con, article_id)
    assert before is not None
    if none:
        changes = dict.fromkeys(TOPICS, False)
    by = _labeler()
    rows = [Correction(article_id=article_id, label=label, present=present, labeled_by=by, note=note)
            for label, present in changes.items()]
    rows += [Correction(article_id=article_id, label=label, present=True, labeled_by=by, note=CONFIRMED)
             for label in before.model_labels if label in before.labels and label not in changes]
    recorded = record_labels(con, rows)
    after = article_labels(con, article_id)
    assert after is not None
    return Labeled(after=after, recorded=recorded)


def review(con: duckdb.DuckDBPyConnection, model: ScoringModel, *, n: int,
           pool: int = REVIEW_POOL) -> list[ReviewItem]:
    """The `n` uncorrected articles (of the newest `pool`) whose closest label is nearest its threshold.

    The document is built as the Analyzer builds it, so a score here is the score analysis stored."""
    from nlp.analyzer import Text  # imports spaCy, which recording a correction does not need

    candidates = review_candidates(con, limit=pool)
    if not candidates or n <= 0:
        return []
    inputs = [TopicInput(text=Text(id=c.article_id, title=c.title, text=c.text).document, sectors=c.sectors,
                         actions=c.actions) for c in candidates]
    scores = np.asarray(model.scores(inputs), dtype=float)
    thresholds = np.array([model.thresholds[label] for label in TOPICS])
    closest = np.abs(scores - thresholds).argmin(axis=1)
    items = [ReviewItem(article_id=c.article_id, title=c.title, label=TOPICS[j], score=float(scores[i, j]),
                        threshold=float(thresholds[j])) for i, (c, j) in enumerate(zip(candidates, closest,
                                                                                            strict=True))]
    return sorted(items, key=lambda item: (item.margin, item.article_id))[:n]
