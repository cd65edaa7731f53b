from __future__ import annotations

import pytest

from nlp.errors import ModelNotFoundError
from nlp.records import TOPICS
from nlp.topics import Example, current_macro_f1, keyword_baseline, load, save, train

WORDS = {label: label.replace("_", " ") + " " + label.split("_")[0] + "s" for label in TOPICS}


def _examples() -> list[Example]:
    out = [Example(title=f"{WORDS[label]} news {i}", text=f"Story {i} about {WORDS[label]} and more {WORDS[label]}.",
                   labels=(label,)) for label in TOPICS for i in range(4)]
    out += [Example(title=f"Weather {i}", text="Sunny skies and a hockey game.", labels=()) for i in range(6)]
    return out


def test_keyword_baseline_tags_by_stem():
    examples = [Example(title="Dairy quotas", text="Milk.", labels=("dairy",)),
                Example(title="Hockey", text="A game.", labels=())]
    evaluation = keyword_baseline(examples, {"dairy": ["dairy"]})
    assert evaluation.per_label["dairy"].f1 == 1.0
    assert evaluation.micro.precision == 1.0


def test_model_round_trips_through_skops_with_its_card(tmp_path):
    model, card = train(_examples())
    card["cross_validation"] = {"macro_f1": 0.5}
    save(model, card, tmp_path)
    loaded = load(tmp_path)
    assert set(loaded.thresholds) == set(TOPICS)
    [topics] = loaded.predict(["Lumber and softwood lumbers story about lumber"])
    assert topics and topics[0].label == "lumber"
    assert current_macro_f1(tmp_path) == 0.5


def test_missing_model_says_how_to_build_one(tmp_path):
    with pytest.raises(ModelNotFoundError, match="newsmon train"):
        load(tmp_path)
