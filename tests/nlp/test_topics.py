from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import skops.io as sio

from nlp.errors import ModelNotFoundError
from nlp.records import TOPICS
from nlp.topic_training import (
    MIN_EXAMPLES,
    Scoring,
    choose_thresholds,
    cross_validate,
    evaluate,
    keyword_baseline,
    stratified_folds,
    targets,
    train,
)
from nlp.topics import (
    MODEL_FILE,
    TRUSTED_TYPES,
    Example,
    TopicInput,
    as_example,
    current_macro_f1,
    design_matrix,
    extraction_features,
    keyword_features,
    load,
    passages,
    save,
)
from tests.conftest import ROOT

WORDS = {label: label.replace("_", " ") + " " + label.split("_")[0] + "s" for label in TOPICS}
SCORING = Scoring(keywords={"lumber": ["sawmill"]}, passage_words=8, language_keywords={"fr": {"lumber": ["scierie"]}})


def _examples(per_label: int = MIN_EXAMPLES) -> list[Example]:
    out = [Example(title=f"{WORDS[label]} news {i}", text=f"Story {i} about {WORDS[label]} and more {WORDS[label]}.",
                   labels=(label,)) for label in TOPICS for i in range(per_label)]
    out += [Example(title=f"Weather {i}", text="Sunny skies and a hockey game.", labels=()) for i in range(10)]
    return out


def _inputs(examples: list[Example]) -> list[TopicInput]:
    """Each topic's examples report a claim and mention a sector of the same name, so the extraction
    columns carry signal."""
    return [TopicInput(text=ex.document, sectors={label: 2 for label in ex.labels},
                       actions=("imposed",) * bool(ex.labels)) for ex in examples]


@pytest.fixture(scope="module")
def trained():
    examples = _examples()
    return train(examples, _inputs(examples), scoring=SCORING)


def test_keyword_baseline_tags_by_stem():
    examples = [Example(title="Dairy quotas", text="Milk.", labels=("dairy",)),
                Example(title="Hockey", text="A game.", labels=())]
    evaluation = keyword_baseline(examples, Scoring(keywords={"dairy": ["dairy"]}))
    assert evaluation.per_label["dairy"].f1 == 1.0
    assert evaluation.micro.precision == 1.0
    assert evaluation.no_topic_fp_rate == 0.0


def test_model_round_trips_through_skops_with_its_card(tmp_path, trained):
    model, card = trained
    card["cross_validation"] = {"macro_f1": 0.5}
    save(model, card, tmp_path)
    loaded = load(tmp_path)
    assert set(loaded.thresholds) == set(TOPICS)
    text = "lumber news 3\n\nStory 3 about lumber lumbers and more lumber lumbers."
    [topics] = loaded.predict([TopicInput(text=text)])
    assert [t.label for t in topics] == ["lumber"]
    assert np.allclose(loaded.scores([TopicInput(text=text)]), model.scores([TopicInput(text=text)]))
    assert current_macro_f1(tmp_path) == 0.5


def test_saved_model_holds_only_trusted_types(tmp_path, trained):
    save(*trained, tmp_path)
    assert set(sio.get_untrusted_types(file=tmp_path / MODEL_FILE)) <= set(TRUSTED_TYPES)


def test_model_holding_an_untrusted_type_is_refused(tmp_path, trained):
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    model, card = trained
    tampered = Pipeline([("anything", FunctionTransformer(print)), *model.pipeline.steps])
    save(replace(model, pipeline=tampered), card, tmp_path)
    with pytest.raises(ModelNotFoundError, match=r"builtins\.print"):
        load(tmp_path)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_scores_have_one_column_per_topic_in_order(trained, count):
    model, _ = trained
    inputs = [TopicInput(text=f"{WORDS[label]} news") for label in TOPICS[:count]]
    scores = model.scores(inputs)
    assert scores.shape == (count, len(TOPICS))
    assert [TOPICS[j] for j in scores.argmax(axis=1)] == list(TOPICS[:count])


def test_extraction_features_move_the_scores(trained):
    model, _ = trained
    plain = TopicInput(text="A story.")
    extracted = TopicInput(text="A story.", sectors={"lumber": 4}, actions=("imposed",))
    assert not np.allclose(model.scores([plain]), model.scores([extracted]))


@pytest.mark.parametrize(("item", "expected"), [
    (TopicInput(text="x"), {"sectors": 0.0, "claims": 0.0}),
    (TopicInput(text="x", sectors={"steel": 1, "dairy": 0}, actions=("imposed", "imposed")),
     {"sectors": np.log(2), "claims": np.log(3), "sector=steel": np.log(2), "action=imposed": 1.0}),
    (TopicInput(text="x", sectors={"dairy": 3}), {"sectors": np.log(4), "claims": 0.0}),
])
def test_extraction_features_are_log_counts_and_action_flags(item, expected):
    assert extraction_features(item) == pytest.approx(expected)


@pytest.mark.parametrize(("folds", "seed"), [(3, 1), (5, 13), (5, 7)])
def test_stratified_folds_share_out_every_label(folds, seed):
    y = targets(_examples(per_label=10))
    parts = stratified_folds(y, folds, seed=seed)
    assert sorted(np.concatenate(parts)) == list(range(len(y)))
    for part in parts:
        assert np.all(np.abs(y[part].sum(axis=0) - y.sum(axis=0) / folds) <= 1)
        assert abs(len(part) - len(y) / folds) <= 1


@pytest.mark.parametrize(("scores", "expected"), [
    ([0.8, 0.7, 0.2, 0.1], 0.5),      # every cut in (0.2, 0.7] is perfect: keep 0.5
    ([0.95, 0.9, 0.8, 0.7], 0.825),   # only (0.8, 0.9] separates them
    ([0.3, 0.25, 0.1, 0.05], 0.25),   # only (0.1, 0.25] does
])
def test_threshold_is_the_best_f1_cut_nearest_one_half(scores, expected):
    y = np.zeros((4, len(TOPICS)), dtype=int)
    y[:2, 0] = 1
    proba = np.zeros((4, len(TOPICS)))
    proba[:, 0] = scores
    assert choose_thresholds(y, proba)["tariffs"] == pytest.approx(expected)


def test_a_cut_whose_f1_is_within_the_tie_of_the_best_counts_as_best():
    """19 positives at 0.6, one at 0.2, 20 negatives at 0.1: only cuts up to 0.2 find all positives (F1 1.0);
    0.5 misses one (F1 0.974), a tie at 0.03 but not at 0.01."""
    y = np.zeros((40, len(TOPICS)), dtype=int)
    y[:20, 0] = 1
    proba = np.zeros((40, len(TOPICS)))
    proba[:20, 0] = [0.6] * 19 + [0.2]
    proba[20:, 0] = 0.1
    assert choose_thresholds(y, proba, tie=0.01)["tariffs"] == pytest.approx(0.2)
    assert choose_thresholds(y, proba, tie=0.03)["tariffs"] == pytest.approx(0.5)


def test_no_topic_false_positive_rate_counts_negatives_given_a_topic():
    y = np.zeros((4, len(TOPICS)), dtype=int)
    y[0, 0] = 1
    pred = np.zeros_like(y)
    pred[[0, 1], 0] = 1
    assert evaluate(y, pred).no_topic_fp_rate == pytest.approx(1 / 3)


def test_cross_validation_scores_a_separable_set_perfectly_and_counts_its_folds():
    examples = _examples()
    folds: list[tuple[int, int]] = []
    evaluation = cross_validate(examples, _inputs(examples), scoring=SCORING, folds=3,
                                progress=lambda done, total: folds.append((done, total)))
    assert evaluation.micro.f1 == 1.0
    assert evaluation.no_topic_fp_rate == 0.0
    assert folds == [(1, 3), (2, 3), (3, 3)]  # `newsmon train` draws its progress bar from these
    assert set(evaluation.by_language) == {"en"} and evaluation.by_language["en"].examples == len(examples)


def test_too_few_examples_of_a_topic_are_refused():
    examples = _examples(per_label=MIN_EXAMPLES - 1)
    with pytest.raises(ValueError, match=f"at least {MIN_EXAMPLES}"):
        train(examples, _inputs(examples), scoring=SCORING)


def test_missing_model_says_how_to_build_one(tmp_path):
    with pytest.raises(ModelNotFoundError, match="newsmon train"):
        load(tmp_path)


def test_saved_model_card_describes_the_bundled_data_and_meets_the_quality_floor():
    """The committed model was trained on the committed examples, its nested cross-validation stays above
    the floor overall and in each language (French beside the French keyword list), and on the held-out
    realistic articles it beats the keyword list by 5 points, micro and macro, with few no-topic false
    positives; lowering a floor is a decision stated in the commit message."""
    import json

    from newsmon.training import TRAINING_DATA, training_examples
    from nlp.topic_training import data_sha256
    from nlp.topics import MODEL_DIR

    card = json.loads((MODEL_DIR / "topics.card.json").read_text(encoding="utf-8"))
    examples = training_examples([ROOT / path for path in TRAINING_DATA])
    assert card["training_data_sha256"] == data_sha256(examples)
    cv = card["cross_validation"]
    assert cv["micro"]["f1"] >= 0.88 and cv["macro_f1"] >= 0.89 and cv["no_topic_fp_rate"] <= 0.05
    assert cv["macro_f1"] > cv["keyword_baseline"]["macro_f1"] + 0.1
    english, french = cv["per_language"]["en"], cv["per_language"]["fr"]
    assert english["micro"]["f1"] >= 0.89 and english["macro_f1"] >= 0.90
    assert french["examples"] >= 200 and french["micro"]["f1"] >= 0.83 and french["macro_f1"] >= 0.83
    assert french["micro"]["f1"] >= french["keyword_baseline"]["micro_f1"] + 0.03
    assert french["no_topic_fp_rate"] < 0.10
    assert card["language_keywords"]["fr"]["tariffs"][0] == "droits de douane"
    held = card["heldout"]
    assert held["micro"]["f1"] >= held["keyword_baseline"]["micro_f1"] + 0.05
    assert held["macro_f1"] >= held["keyword_baseline"]["macro_f1"] + 0.05
    assert held["no_topic_fp_rate"] < 0.10


@pytest.mark.parametrize(("text", "expected"), [
    ("One short paragraph.", ["One short paragraph."]),
    ("a b c d e f g h\n\ni j\n\nk l m n o p q r\n\ns", ["a b c d e f g h", "i j\n\nk l m n o p q r\n\ns"]),
    ("a b\n\n\n  \n\nc d", ["a b\n\nc d"]),
])
def test_passages_join_paragraphs_until_each_has_enough_words(text, expected):
    assert passages(text, min_words=8) == expected


def test_keyword_features_are_log_hits_per_topic():
    features = keyword_features("Sawmill news: two sawmills shut.", {"lumber": ["sawmill"], "dairy": ["milk"]})
    assert features == pytest.approx({"keyword=lumber": np.log(3)})


def test_a_topic_stated_in_one_passage_of_a_long_story_scores_higher_than_in_the_whole(trained):
    model, _ = trained
    filler = "\n\n".join(f"Weather {i} was sunny skies and a hockey game again today." for i in range(8))
    story = f"{filler}\n\nStory about lumber lumbers and more lumber lumbers."
    pooled = model.scores([TopicInput(text=story)])
    whole = replace(model, passage_words=None).scores([TopicInput(text=story)])
    j = TOPICS.index("lumber")
    assert pooled[0, j] > whole[0, j]


def test_card_carries_keywords_and_passage_size_into_the_loaded_model(tmp_path, trained):
    save(*trained, tmp_path)
    loaded = load(tmp_path)
    assert loaded.keywords == {"lumber": ["sawmill"]}
    assert loaded.language_keywords == {"fr": {"lumber": ["scierie"]}}
    assert loaded.passage_words == 8


def test_a_text_counts_the_english_stems_and_those_of_its_own_language():
    keywords, french = {"tariffs": ["tariff"]}, {"fr": {"tariffs": ["droits de douane"], "lumber": ["bois d'oeuvre"]}}
    text = "des droits de douane et un tariff sur le bois d'oeuvre"
    rows = design_matrix([TopicInput(text=text), TopicInput(text=text, language="fr"),
                          TopicInput(text=text, language="de")], keywords, french)
    assert [sorted(k for k in row if k.startswith("keyword=")) for row in rows[:, 1]] == [
        ["keyword=tariffs"], ["keyword=lumber", "keyword=tariffs"], ["keyword=tariffs"]]
    assert rows[1, 1]["keyword=tariffs"] == pytest.approx(np.log(3))


@pytest.mark.parametrize(("row", "language"), [
    ({"text": "t", "labels": [], "language": "fr"}, "fr"),
    ({"text": "t", "labels": [], "language": "en"}, None),
    ({"text": "t", "labels": []}, None),
])
def test_an_example_keeps_its_language_with_english_as_none(row, language):
    assert as_example(row).language == language


def test_figures_are_also_given_per_language_beside_each_languages_keyword_list():
    y = np.zeros((4, len(TOPICS)), dtype=int)
    y[:, TOPICS.index("dairy")] = [1, 1, 1, 0]
    pred = y.copy()
    pred[2] = 0  # the one French dairy story is missed
    evaluation = evaluate(y, pred, ["en", "en", "fr", "fr"])
    assert set(evaluation.by_language) == {"en", "fr"}
    assert evaluation.by_language["en"].micro.f1 == 1.0 and evaluation.by_language["en"].examples == 2
    assert evaluation.by_language["fr"].micro.recall == 0.0 and evaluation.by_language["fr"].no_topic_support == 1
    examples = [Example(title="Lait", text="Le lait et le fromage.", labels=("dairy",), language="fr"),
                Example(title="Milk", text="Milk quotas.", labels=("dairy",))]
    baseline = keyword_baseline(examples, Scoring(keywords={"dairy": ["milk"]},
                                                  language_keywords={"fr": {"dairy": ["fromage"]}}))
    assert baseline.by_language["fr"].micro.f1 == 1.0 and baseline.by_language["en"].micro.f1 == 1.0
