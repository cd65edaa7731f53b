"""Topic corrections: writing `labels` rows and reading them back resolved by the `article_labels` view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from nlp.records import TOPICS
from storage.batch import registered, transaction

_SCHEMA = pa.schema([("article_id", pa.string()), ("topic", pa.string()), ("present", pa.bool_()),
                     ("source", pa.string()), ("labeled_by", pa.string()), ("note", pa.string())])


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """One decision about one label of one article: present=False removes a label the model gave."""

    article_id: str
    label: str
    present: bool
    source: str = "cli"
    labeled_by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleLabels:
    article_id: str
    title: str
    pipeline_version: str | None
    model_labels: tuple[str, ...]
    labels: tuple[str, ...]
    corrections: int


@dataclass(frozen=True, slots=True, kw_only=True)
class IgnoredLabel:
    """A `labels` row the view leaves out, and why (an analyst's typo, or an article since removed)."""

    label_id: int
    article_id: str
    label: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewCandidate:
    """What the topic model needs to score a stored article again: its text and extracted features."""

    article_id: str
    title: str
    text: str
    published_at: datetime
    sectors: dict[str, int]
    actions: tuple[str, ...]


def record_labels(con: duckdb.DuckDBPyConnection, corrections: list[Correction]) -> int:
    """Append corrections in one transaction; labeled_at and label_id come from the table's defaults."""
    if not corrections:
        return 0
    rows = [{"article_id": c.article_id, "topic": c.label, "present": c.present, "source": c.source,
             "labeled_by": c.labeled_by, "note": c.note} for c in corrections]
    columns = ", ".join(_SCHEMA.names)
    with transaction(con), registered(con, "labels_batch", rows, _SCHEMA):
        con.execute(f"INSERT INTO labels ({columns}) SELECT {columns} FROM labels_batch")
    return len(rows)


def corrections(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Training examples `{id, title, text, labels}` for every article with at least one correction.

    Labels the corrector left alone count as confirmed: they saw the model's tags."""
    rows = con.execute(
        "SELECT l.article_id, a.title, a.text, l.labels FROM article_labels AS l "
        "JOIN articles AS a USING (article_id) WHERE l.corrections > 0 ORDER BY l.article_id"
    ).fetchall()
    return [{"id": r[0], "title": r[1], "text": r[2], "labels": list(r[3])} for r in rows]


def find_articles(con: duckdb.DuckDBPyConnection, prefix: str, *, limit: int = 5) -> list[str]:
    """Article ids starting with `prefix` (analysts copy short ids); more than one means ambiguous."""
    rows = con.execute("SELECT article_id FROM articles WHERE starts_with(article_id, ?) ORDER BY article_id "
                       "LIMIT ?", [prefix.strip().lower(), limit]).fetchall()
    return [r[0] for r in rows]


def article_labels(con: duckdb.DuckDBPyConnection, article_id: str) -> ArticleLabels | None:
    """One article's model topics and corrected labels; None for an unknown article."""
    rows = con.execute(
        "SELECT a.article_id, a.title, l.pipeline_version, l.model_labels, l.labels, l.corrections "
        "FROM articles AS a LEFT JOIN article_labels AS l USING (article_id) WHERE a.article_id = ?",
        [article_id],
    ).fetchall()
    if not rows:
        return None
    r = rows[0]
    return ArticleLabels(article_id=r[0], title=r[1], pipeline_version=r[2], model_labels=tuple(r[3] or ()),
                         labels=tuple(r[4] or ()), corrections=r[5] or 0)


def ignored_labels(con: duckdb.DuckDBPyConnection) -> list[IgnoredLabel]:
    """`labels` rows naming a topic outside TOPICS or an article not in `articles`."""
    rows = con.execute(
        "SELECT l.label_id, l.article_id, l.topic, "
        "CASE WHEN NOT list_contains($topics, l.topic) THEN 'unknown topic' ELSE 'unknown article' END "
        "FROM labels AS l WHERE NOT list_contains($topics, l.topic) "
        "OR l.article_id NOT IN (SELECT article_id FROM articles) ORDER BY l.label_id",
        {"topics": list(TOPICS)},
    ).fetchall()
    return [IgnoredLabel(label_id=r[0], article_id=r[1], label=r[2], reason=r[3]) for r in rows]


def review_candidates(con: duckdb.DuckDBPyConnection, *, limit: int = 5000) -> list[ReviewCandidate]:
    """The newest `limit` analysed articles nobody has corrected yet, with the sectors and claim actions
    of their current analysis (the topic model's inputs besides the text)."""
    rows = con.execute(
        "WITH pool AS ("
        "  SELECT l.article_id, l.pipeline_version, a.title, a.text, a.published_at "
        "  FROM article_labels AS l JOIN articles AS a USING (article_id) "
        "  WHERE l.corrections = 0 AND l.pipeline_version IS NOT NULL "
        "  ORDER BY a.published_at DESC, l.article_id LIMIT ?) "
        "SELECT p.article_id, p.title, p.text, p.published_at, "
        "  (SELECT map(list(s.sector ORDER BY s.sector), list(s.mentions ORDER BY s.sector)) FROM sectors AS s "
        "   WHERE s.article_id = p.article_id AND s.pipeline_version = p.pipeline_version), "
        "  (SELECT list(c.action ORDER BY c.position) FROM tariff_claims AS c "
        "   WHERE c.article_id = p.article_id AND c.pipeline_version = p.pipeline_version) "
        "FROM pool AS p ORDER BY p.published_at DESC, p.article_id",
        [limit],
    ).fetchall()
    return [ReviewCandidate(article_id=r[0], title=r[1], text=r[2], published_at=r[3], sectors=dict(r[4] or {}),
                            actions=tuple(r[5] or ())) for r in rows]
