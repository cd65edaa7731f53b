"""Scoring rules of `newsmon eval extract`: claim classes, news claims, topics."""

from __future__ import annotations

import pytest

from nlp.evaluation import ACTION_CLASS, score, topic_macro_f1
from nlp.records import ACTIONS


def _record(claims=(), topics=()):
    return {"actors": [], "sectors": [], "figures": [], "tariff_claims": list(claims),
            "topics": [{"label": t, "score": 1.0} for t in topics]}


def _claim(action, *, background=False):
    return {"imposer": "USA", "target": "CAN", "action": action, "rate": 50.0, "sectors": ["steel"],
            "background": background}


def test_every_action_has_a_class():
    assert set(ACTION_CLASS) == set(ACTIONS)


@pytest.mark.parametrize(("predicted", "gold", "exact", "by_class"), [
    ("raised", "imposed", 0, 1),
    ("threatened", "announced", 0, 1),
    ("threatened", "imposed", 0, 0),
    ("suspended", "removed", 0, 1),
    ("imposed", "imposed", 1, 1),
])
def test_claims_by_class_forgive_the_verb_not_the_modality(predicted, gold, exact, by_class):
    scores = score([_record([_claim(predicted)])], [{**_record(), "tariff_claims": [_claim(gold)]}])
    assert scores["tariff claims"].tp == exact
    assert scores["claims (class)"].tp == by_class


def test_new_claims_leave_out_restated_measures_on_both_sides():
    pred = _record([_claim("imposed", background=True), _claim("raised")])
    gold = {**_record(), "tariff_claims": [_claim("imposed", background=True), _claim("raised")]}
    scores = score([pred], [gold])
    assert (scores["new claims"].tp, scores["new claims"].fp, scores["new claims"].fn) == (1, 0, 0)


def test_topics_are_scored_only_where_every_passage_is_annotated():
    annotated = {**_record(), "topics": ["tariffs"]}
    plain = {key: value for key, value in annotated.items() if key != "topics"}
    assert score([_record(topics=["tariffs"])], [annotated])["topics"].f1 == 1.0
    assert "topics" not in score([_record(topics=["tariffs"])], [plain])


def test_topic_macro_averages_the_labels_in_use():
    gold = [{"topics": ["tariffs"]}, {"topics": ["dairy"]}]
    pred = [_record(topics=["tariffs"]), _record(topics=[])]
    assert topic_macro_f1(pred, gold) == pytest.approx(0.5)


def test_unmatched_lists_extra_and_missed_claims_as_scored():
    from nlp.evaluation import unmatched

    pred = _record([_claim("imposed"), _claim("threatened")])
    gold = {**_record(), "tariff_claims": [_claim("imposed"), _claim("raised")]}
    extra, missed = unmatched(pred, gold, "tariff claims")
    assert [c["action"] for c in extra] == ["threatened"]
    assert [c["action"] for c in missed] == ["raised"]


def test_unmatched_actors_match_by_code_or_folded_name():
    from nlp.evaluation import unmatched

    pred = {**_record(), "actors": [{"name": "Canada", "kind": "country", "code": "CAN"},
                                     {"name": "Nasdaq", "kind": "organization"}]}
    gold = {**_record(), "actors": [{"name": "Canada", "kind": "country", "code": "CAN"},
                                    {"name": "Mélanie Joly", "kind": "person"}]}
    extra, missed = unmatched(pred, gold, "actors")
    assert [name for _, name in extra] == ["nasdaq"]
    assert [name for _, name in missed] == ["melanie joly"]


def test_unmatched_names_the_fields_it_lists():
    from nlp.evaluation import unmatched

    with pytest.raises(ValueError, match="actors, figures or tariff claims"):
        unmatched(_record(), _record(), "sectors")


def _figure(value, unit):
    return {"text": str(value), "value": value, "unit": unit, "measure": None}


def test_unmatched_figures_need_the_value_and_the_unit():
    from nlp.evaluation import unmatched

    pred = {**_record(), "figures": [_figure(25.0, "percent"), _figure(3e9, "USD")]}
    gold = {**_record(), "figures": [_figure(25.0, "percent"), _figure(3e9, "CAD")]}
    extra, missed = unmatched(pred, gold, "figures")
    assert [f["unit"] for f in extra] == ["USD"] and [f["unit"] for f in missed] == ["CAD"]


@pytest.mark.parametrize(("unit", "kind"), [
    ("USD", "money"), ("CAD", "money"), ("INR", "money"), ("percent", "percent"),
    ("percentage_points", "percent"), ("count", "other"), ("tonnes", "other"), ("XYZ", "other"),
])
def test_unit_class_is_money_for_any_iso_4217_code(unit, kind):
    from nlp.evaluation import unit_class

    assert unit_class(unit) == kind


def test_figures_are_scored_per_unit_class():
    pred = {**_record(), "figures": [_figure(2.0, "USD"), _figure(0.25, "percentage_points"), _figure(7.0, "count")]}
    gold = {**_record(), "figures": [_figure(2.0, "USD"), _figure(0.25, "percent"), _figure(7.0, "count"),
                                     _figure(9.0, "tonnes")]}
    scores = score([pred], [gold])
    counts = {kind: (scores[f"figures ({kind})"].tp, scores[f"figures ({kind})"].fp, scores[f"figures ({kind})"].fn)
              for kind in ("money", "percent", "other")}
    assert counts == {"money": (1, 0, 0), "percent": (0, 1, 1), "other": (1, 0, 1)}
    assert (scores["figures"].tp, scores["figures"].fp, scores["figures"].fn) == (2, 1, 2)


def test_a_set_that_declares_figures_is_scored_on_figures_only():
    gold = {"id": "fn1", "text": "Shares rose 3%.", "annotated": ["figures"], "figures": [_figure(3.0, "percent")]}
    pred = {**_record([_claim("imposed")], topics=["tariffs"]), "actors": [{"name": "Canada", "kind": "country"}],
            "figures": [_figure(3.0, "percent")]}
    scores = score([pred], [gold])
    assert set(scores) == {"figures", "figures (money)", "figures (percent)", "figures (other)", "figure measures"}
    assert scores["figures (percent)"].f1 == 1.0
