"""Retraining the topic classifier: committed examples plus analysts' corrections, judged by nested CV
and by a held-out set of realistic articles that no choice was made on.

One function for `newsmon train` and the `train` flow. A new model replaces the saved one only if
its cross-validated macro-F1 did not drop (beyond CV noise), unless forced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.analyzer import SUPPORTED, Text, extract, route, topic_input
from nlp.french import build_french_nlp, french_analysis
from nlp.pipeline import build_nlp
from nlp.records import Analysis, Progress
from nlp.rules import DATA_DIR, topic_keywords
from nlp.topic_training import (
    Evaluation,
    Scoring,
    card_figures,
    cross_validate,
    cv_figures,
    evaluate,
    keyword_baseline,
    label_matrix,
    languages,
    targets,
    train,
)
from nlp.topics import Example, TopicInput, TopicModel, as_example, current_macro_f1, load_examples, save

# Our own wire copy and real feed items, realistic long articles (their dev part; see
# tests/data/realistic/README.md), then the same in French (models/training/SOURCES.md,
# tests/data/realistic_fr/README.md). The held-out parts are only ever scored.
TRAINING_DATA = (Path("models/training/topics.jsonl"), Path("tests/data/realistic/dev.jsonl"),
                 Path("models/training/topics_fr.jsonl"), Path("tests/data/realistic_fr/dev.jsonl"))
HELDOUT_DATA = Path("tests/data/realistic/heldout.jsonl")

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
    heldout: Evaluation | None = None
    heldout_baseline: Evaluation | None = None
    heldout_examples: int = 0


def stored_corrections(db: Path) -> list[dict[str, Any]]:
    """Corrected articles of the database as training rows; none when the database does not exist yet."""
    if not Path(db).exists():
        return []
    from storage import connect
    from storage.labels import corrections

    with connect(db, read_only=True) as con:
        return corrections(con)


def training_examples(data: Path | Sequence[Path], corrections: Sequence[Mapping[str, Any]] = ()) -> list[Example]:
    """The labelled files, then the corrections; a correction replaces a file row with the same id."""
    paths = [data] if isinstance(data, Path) else list(data)
    extra = [as_example(row) for row in corrections]
    replaced = {ex.id for ex in extra if ex.id}
    return [ex for path in paths for ex in load_examples(path) if ex.id not in replaced] + extra


def topic_inputs(examples: Sequence[Example], *, nlp: Any = None, french: Any = None,
                 progress: Progress | None = None) -> list[TopicInput]:
    """Run the spaCy stage over the examples (about 75 s for 1,700 on 2 CPUs) for the extraction features,
    each through its language's pipeline as analysis does (the French one is loaded only for French text)."""
    texts = [Text(id=ex.id or str(i), title=ex.title, text=ex.text, language=ex.language)
             for i, ex in enumerate(examples)]
    found: dict[int, Analysis] = {}
    for language in SUPPORTED:
        picked = [i for i, t in enumerate(texts) if route(t.language) == language]
        if not picked:
            continue
        done = len(found)
        step = None if progress is None else (lambda n, _, done=done: progress(done + n, len(texts)))
        if language == "fr":
            analysed = extract(french or build_french_nlp(), [texts[i] for i in picked], progress=step,
                               to_analysis=french_analysis)
        else:
            analysed = extract(nlp or build_nlp(), [texts[i] for i in picked], progress=step)
        found.update(zip(picked, analysed, strict=True))
    return [topic_input(t, found[i]) for i, t in enumerate(texts)]


def scoring() -> Scoring:
    """The keyword stems the model reads: English for every text, plus each other language's own list."""
    return Scoring(keywords=topic_keywords(),
                   language_keywords={lang: topic_keywords(DATA_DIR / lang) for lang in SUPPORTED if lang != "en"})


def train_topics(examples: Sequence[Example], inputs: Sequence[TopicInput], *, model_dir: Path,
                 force: bool = False, corrections: int = 0,
                 heldout: tuple[Sequence[Example], Sequence[TopicInput]] | None = None,
                 progress: Progress | None = None) -> TrainingReport:
    """Nested cross-validation and the keyword baseline, then the model fitted on everything and scored on
    the held-out set (if given) beside the keyword list; saved only when macro-F1 held up (or forced)."""
    stems = scoring()
    evaluation = cross_validate(examples, inputs, scoring=stems, progress=progress)
    baseline = keyword_baseline(examples, stems)
    previous = current_macro_f1(model_dir)
    keep = force or previous is None or evaluation.macro_f1 >= previous - MACRO_F1_TOLERANCE
    scored: Evaluation | None = None
    scored_baseline: Evaluation | None = None
    if keep or heldout is not None:
        model, card = train(examples, inputs, scoring=stems)
        card["corrections"] = corrections
        card["cross_validation"] = cv_figures(evaluation, baseline)
        if heldout is not None:
            scored = heldout_evaluation(model, *heldout)
            scored_baseline = keyword_baseline(heldout[0], stems)
            card["heldout"] = {"examples": len(heldout[0]), **card_figures(scored, scored_baseline)}
        if keep:
            save(model, card, model_dir)
    return TrainingReport(examples=len(examples), corrections=corrections, evaluation=evaluation,
                          baseline=baseline, previous_macro_f1=previous, saved=keep, heldout=scored,
                          heldout_baseline=scored_baseline, heldout_examples=len(heldout[0]) if heldout else 0)


def heldout_evaluation(model: TopicModel, examples: Sequence[Example], inputs: Sequence[TopicInput]) -> Evaluation:
    """The fitted model's labels on articles it never saw, against their annotations."""
    found = model.predict(inputs)
    return evaluate(targets(examples), label_matrix([[t.label for t in labels] for labels in found]),
                    languages(examples))


def report_rows(report: TrainingReport, *, heldout: bool = False, language: str | None = None) -> list[dict[str, str]]:
    """The per-label table the CLI prints and the flow publishes: P/R/F1, keyword F1, support; of the
    cross-validation, or of the held-out set with `heldout=True`; of one language's examples only with
    `language` (none when there are none in that language)."""
    evaluation, baseline = (report.heldout, report.heldout_baseline) if heldout else (report.evaluation,
                                                                                      report.baseline)
    if evaluation is not None and baseline is not None and language is not None:
        evaluation, baseline = evaluation.by_language.get(language), baseline.by_language.get(language)
    if evaluation is None or baseline is None:
        return []
    rows = []
    for label, s in evaluation.per_label.items():
        rows.append({"label": label, "precision": f"{s.precision:.3f}", "recall": f"{s.recall:.3f}",
                     "F1": f"{s.f1:.3f}", "keyword F1": f"{baseline.per_label[label].f1:.3f}",
                     "support": str(s.support)})
    m, e, b = evaluation.micro, evaluation, baseline
    rows.append({"label": "micro", "precision": f"{m.precision:.3f}", "recall": f"{m.recall:.3f}",
                 "F1": f"{m.f1:.3f}", "keyword F1": f"{b.micro.f1:.3f}", "support": str(m.support)})
    rows.append({"label": "macro", "precision": "", "recall": "", "F1": f"{e.macro_f1:.3f}",
                 "keyword F1": f"{b.macro_f1:.3f}", "support": ""})
    rows.append({"label": "no-topic FP rate", "precision": "", "recall": "", "F1": f"{e.no_topic_fp_rate:.3f}",
                 "keyword F1": f"{b.no_topic_fp_rate:.3f}", "support": str(e.no_topic_support)})
    return rows
