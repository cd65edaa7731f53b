"""Retraining the topic classifier: committed examples plus analysts' corrections, judged by nested CV.

One function for `newsmon train` and the `train` flow. A new model replaces the saved one only if
its cross-validated macro-F1 did not drop (beyond CV noise), unless forced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.analyzer import Text, extract, topic_input
from nlp.pipeline import build_nlp
from nlp.rules import topic_keywords
from nlp.topic_training import Evaluation, card_figures, cross_validate, keyword_baseline, train
from nlp.topics import Example, TopicInput, as_example, current_macro_f1, load_examples, save

# Two CV runs of one model on 621 examples differ by about this much; a smaller drop is not a drop.
MACRO_F1_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainingReport:
    examples: int
    corrections: int
    evaluation: Evaluation
    baseline: Evaluation
    previous_macro_f1: float | None
    saved: bool


def stored_corrections(db: Path) -> list[dict[str, Any]]:
    """Corrected articles of the database as training rows; none when the database does not exist yet."""
    if not Path(db).exists():
        return []
    from storage import connect
    from storage.labels import corrections

    with connect(db, read_only=True) as con:
        return corrections(con)


def training_examples(data: Path, corrections: Sequence[Mapping[str, Any]] = ()) -> list[Example]:
    """The labelled file, then the corrections; a correction replaces a file row with the same id."""
    extra = [as_example(row) for row in corrections]
    replaced = {ex.id for ex in extra if ex.id}
    return [ex for ex in load_examples(data) if ex.id not in replaced] + extra


def topic_inputs(examples: Sequence[Example], *, nlp: Any = None) -> list[TopicInput]:
    """Run the spaCy stage over the examples (about 20 s for 621) for the extraction features."""
    texts = [Text(id=ex.id or str(i), title=ex.title, text=ex.text) for i, ex in enumerate(examples)]
    analyses = extract(nlp or build_nlp(), texts)
    return [topic_input(t, a) for t, a in zip(texts, analyses, strict=True)]


def train_topics(examples: Sequence[Example], inputs: Sequence[TopicInput], *, model_dir: Path,
                 force: bool = False, corrections: int = 0) -> TrainingReport:
    """Nested cross-validation and the keyword baseline; fit and save only when macro-F1 held up (or forced)."""
    evaluation = cross_validate(examples, inputs)
    baseline = keyword_baseline(examples, topic_keywords())
    previous = current_macro_f1(model_dir)
    keep = force or previous is None or evaluation.macro_f1 >= previous - MACRO_F1_TOLERANCE
    if keep:
        model, card = train(examples, inputs)
        card["corrections"] = corrections
        card["cross_validation"] = card_figures(evaluation, baseline)
        save(model, card, model_dir)
    return TrainingReport(examples=len(examples), corrections=corrections, evaluation=evaluation,
                          baseline=baseline, previous_macro_f1=previous, saved=keep)


def report_rows(report: TrainingReport) -> list[dict[str, str]]:
    """The per-label table the CLI prints and the flow publishes: P/R/F1, keyword F1, support."""
    rows = []
    for label, s in report.evaluation.per_label.items():
        rows.append({"label": label, "precision": f"{s.precision:.3f}", "recall": f"{s.recall:.3f}",
                     "F1": f"{s.f1:.3f}", "keyword F1": f"{report.baseline.per_label[label].f1:.3f}",
                     "support": str(s.support)})
    m, e, b = report.evaluation.micro, report.evaluation, report.baseline
    rows.append({"label": "micro", "precision": f"{m.precision:.3f}", "recall": f"{m.recall:.3f}",
                 "F1": f"{m.f1:.3f}", "keyword F1": f"{b.micro.f1:.3f}", "support": str(m.support)})
    rows.append({"label": "macro", "precision": "", "recall": "", "F1": f"{e.macro_f1:.3f}",
                 "keyword F1": f"{b.macro_f1:.3f}", "support": ""})
    rows.append({"label": "no-topic FP rate", "precision": "", "recall": "", "F1": f"{e.no_topic_fp_rate:.3f}",
                 "keyword F1": f"{b.no_topic_fp_rate:.3f}", "support": str(e.no_topic_support)})
    return rows
