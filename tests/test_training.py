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


def test_french_examples_go_through_the_french_pipeline(nlp_sm):
    """The extraction features of a French example come from the French rules: "acier" is steel there and
    nothing to the English pipeline."""
    from nlp.topics import Example

    text = "Ottawa impose des droits de douane de 25 % sur l'acier américain."
    english, french = training.topic_inputs([Example(title="", text=text, labels=()),
                                             Example(title="", text=text, labels=(), language="fr")], nlp=nlp_sm)
    assert "steel" in french.sectors and french.language == "fr"
    assert "steel" not in english.sectors and english.language is None


def test_report_rows_of_one_language_come_from_its_examples_only():
    en, fr = _evaluation(0.9), _evaluation(0.6)
    both = Evaluation(per_label=en.per_label, micro=en.micro, macro_f1=0.8, no_topic_fp_rate=0.0,
                      no_topic_support=2, examples=3, by_language={"en": en, "fr": fr})
    report = training.TrainingReport(examples=3, corrections=0, evaluation=both, baseline=both,
                                     previous_macro_f1=None, saved=True)
    rows = {row["label"]: row for row in training.report_rows(report, language="fr")}
    assert rows["macro"]["F1"] == "0.600"
    assert {row["label"]: row for row in training.report_rows(report)}["macro"]["F1"] == "0.800"
    assert training.report_rows(report, language="de") == []
