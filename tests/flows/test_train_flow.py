"""The train flow under Prefect on a small separable set: it saves the model and publishes the table."""

from __future__ import annotations

import json

import pytest

from nlp.records import TOPICS
from nlp.topic_training import MIN_EXAMPLES


@pytest.fixture(scope="module")
def trained(prefect_harness, tmp_path_factory):
    from flows.train import train

    folder = tmp_path_factory.mktemp("train")
    rows = [{"id": f"{label}-{i}", "title": f"{label.replace('_', ' ')} news {i}",
             "text": f"Story {i} about {label.replace('_', ' ')} and more {label.replace('_', ' ')}.",
             "labels": [label]} for label in TOPICS for i in range(MIN_EXAMPLES)]
    rows += [{"id": f"none-{i}", "title": f"Weather {i}", "text": "Sunny skies and a hockey game.", "labels": []}
             for i in range(10)]
    data = folder / "topics.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    config = folder / "newsmon.toml"
    config.write_text('[storage]\ndb = "absent.duckdb"\n')
    result = train(data=[str(data)], heldout=None, model_dir=str(folder / "models"), config=str(config))
    return result, folder


def test_train_flow_saves_the_model_and_its_card(trained):
    result, folder = trained
    assert result["saved"] is True
    assert result["examples"] == len(TOPICS) * MIN_EXAMPLES + 10
    card = json.loads((folder / "models" / "topics.card.json").read_text())
    assert card["cross_validation"]["macro_f1"] == pytest.approx(result["macro_f1"])
    assert (folder / "models" / "topics.skops").exists()


def test_train_flow_publishes_the_per_label_table(trained):
    from prefect.artifacts import Artifact

    artifact = Artifact.get("topic-model")
    table = json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data
    labels = [row["label"] for row in table]
    assert labels == [*TOPICS, "micro", "macro", "no-topic FP rate"]
