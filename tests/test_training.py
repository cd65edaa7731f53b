"""Retraining decisions: corrections join the labelled file, and a model whose macro-F1 dropped is not saved."""

from __future__ import annotations

import json

import pytest

import newsmon.training as training
from nlp.records import TOPICS
from nlp.topic_training import Evaluation, LabelScores
from nlp.topics import CARD_FILE


def _evaluation(macro_f1: float) -> Evaluation:
    s = LabelScores(precision=macro_f1, recall=macro_f1, f1=macro_f1, support=1)
    return Evaluation(per_label={label: s for label in TOPICS}, micro=s, macro_f1=macro_f1, no_topic_fp_rate=0.0,
                      no_topic_support=1)


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "topics.jsonl"
    rows = [{"id": "a", "title": "Dairy", "text": "Milk quotas.", "labels": ["dairy"]},
            {"id": "b", "title": "Hockey", "text": "A game.", "labels": []}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_corrections_join_the_file_and_replace_rows_with_their_id(data):
    examples = training.training_examples(data, [
        {"id": "b", "title": "Hockey", "text": "A game.", "labels": ["sovereignty_rhetoric"]},
        {"id": "c", "title": "Lumber", "text": "Duties.", "labels": ["lumber", "anti_dumping"]},
    ])
    assert [(ex.id, ex.labels) for ex in examples] == [
        ("a", ("dairy",)), ("b", ("sovereignty_rhetoric",)), ("c", ("lumber", "anti_dumping"))]


def test_a_correction_with_an_unknown_topic_is_an_error(data):
    with pytest.raises(ValueError, match="unknown topic"):
        training.training_examples(data, [{"id": "x", "title": "", "text": "t", "labels": ["tarifs"]}])


def test_no_database_means_no_corrections(tmp_path):
    assert training.stored_corrections(tmp_path / "absent.duckdb") == []


@pytest.mark.parametrize(("previous", "new", "force", "saved"), [
    (None, 0.5, False, True),
    (0.80, 0.80, False, True),
    (0.80, 0.797, False, True),   # within CV noise
    (0.80, 0.79, False, False),
    (0.80, 0.79, True, True),
])
def test_model_is_saved_only_if_macro_f1_held_up(tmp_path, monkeypatch, previous, new, force, saved):
    if previous is not None:
        (tmp_path / CARD_FILE).write_text(json.dumps({"cross_validation": {"macro_f1": previous}}))
    monkeypatch.setattr(training, "cross_validate", lambda examples, inputs, **_: _evaluation(new))
    monkeypatch.setattr(training, "train", lambda examples, inputs, **_: ("model", {}))
    written = []
    monkeypatch.setattr(training, "save", lambda model, card, model_dir: written.append(card))
    report = training.train_topics([], [], model_dir=tmp_path, force=force)
    assert report.saved is saved
    assert len(written) == int(saved)
    assert report.previous_macro_f1 == previous
    if saved:
        assert written[0]["cross_validation"]["macro_f1"] == new
