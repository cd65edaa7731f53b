"""Flow: retrain the topic classifier and publish its cross-validated figures as a table artifact."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from flows._retry import transient
from newsmon.settings import load_settings
from newsmon.training import (
    HELDOUT_DATA,
    TRAINING_DATA,
    TrainingReport,
    report_rows,
    stored_corrections,
    topic_inputs,
    train_topics,
    training_examples,
)
from nlp.topics import MODEL_DIR, Example, TopicInput


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def labelled(data: list[str], config: str | None) -> tuple[list[Example], int]:
    """The labelled files plus the database's corrections, and how many of those there were."""
    rows = stored_corrections(load_settings(config).storage.db)
    return training_examples([Path(p) for p in data], rows), len(rows)


@task
def held_out(path: str) -> list[Example]:
    return training_examples(Path(path))


@task
def extraction(examples: list[Example]) -> list[TopicInput]:
    return topic_inputs(examples)


@task
def fit(examples: list[Example], inputs: list[TopicInput], model_dir: str, force: bool, corrected: int,
        heldout: tuple[list[Example], list[TopicInput]] | None) -> TrainingReport:
    return train_topics(examples, inputs, model_dir=Path(model_dir), force=force, corrections=corrected,
                        heldout=heldout)


@flow(name="train", flow_run_name="train")
def train(data: list[str] | None = None, heldout: str | None = str(HELDOUT_DATA), model_dir: str = str(MODEL_DIR),
          force: bool = False, config: str | None = None) -> dict[str, object]:
    """`newsmon train` as a flow: the labelled files (default: ours and the realistic dev set) plus the
    database's corrections, nested CV, the held-out realistic articles scored; saved only if macro-F1
    held up (or `force`)."""
    examples, corrected = labelled(data or [str(p) for p in TRAINING_DATA], config)
    scored = None
    if heldout is not None:
        kept = held_out(heldout)
        scored = (kept, extraction(kept))
    report = fit(examples, extraction(examples), model_dir, force, corrected, scored)
    e = report.evaluation
    create_table_artifact(
        key="topic-model", table=report_rows(report),
        description=f"5-fold nested CV on {report.examples} examples ({report.corrections} from corrections); "
                    f"{'saved to ' + model_dir if report.saved else 'not saved: macro-F1 dropped'}",
    )
    if report.heldout is not None:
        create_table_artifact(key="topic-model-heldout", table=report_rows(report, heldout=True),
                              description=f"the new model on {report.heldout_examples} held-out realistic articles")
    return {"saved": report.saved, "examples": report.examples, "micro_f1": e.micro.f1, "macro_f1": e.macro_f1,
            "no_topic_fp_rate": e.no_topic_fp_rate,
            "heldout_micro_f1": None if report.heldout is None else report.heldout.micro.f1}
