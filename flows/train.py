"""Flow: retrain the topic classifier and publish its cross-validated figures as a table artifact."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_table_artifact

from flows._retry import transient
from newsmon.settings import load_settings
from newsmon.training import (
    TrainingReport,
    report_rows,
    stored_corrections,
    topic_inputs,
    train_topics,
    training_examples,
)
from nlp.topics import Example, TopicInput


@task(retries=3, retry_delay_seconds=5, retry_condition_fn=transient)
def labelled(data: str, config: str | None) -> tuple[list[Example], int]:
    """The labelled file plus the database's corrections, and how many of those there were."""
    rows = stored_corrections(load_settings(config).storage.db)
    return training_examples(Path(data), rows), len(rows)


@task
def extraction(examples: list[Example]) -> list[TopicInput]:
    return topic_inputs(examples)


@task
def fit(examples: list[Example], inputs: list[TopicInput], model_dir: str, force: bool,
        corrected: int) -> TrainingReport:
    return train_topics(examples, inputs, model_dir=Path(model_dir), force=force, corrections=corrected)


@flow(name="train", flow_run_name="train")
def train(data: str = "models/training/topics.jsonl", model_dir: str = "models", force: bool = False,
          config: str | None = None) -> dict[str, object]:
    """`newsmon train` as a flow: the labelled file plus the database's corrections, nested CV, saved
    only if macro-F1 held up (or `force`)."""
    examples, corrected = labelled(data, config)
    report = fit(examples, extraction(examples), model_dir, force, corrected)
    e = report.evaluation
    create_table_artifact(
        key="topic-model", table=report_rows(report),
        description=f"5-fold nested CV on {report.examples} examples ({report.corrections} from corrections); "
                    f"{'saved to ' + model_dir if report.saved else 'not saved: macro-F1 dropped'}",
    )
    return {"saved": report.saved, "examples": report.examples, "micro_f1": e.micro.f1, "macro_f1": e.macro_f1,
            "no_topic_fp_rate": e.no_topic_fp_rate}
