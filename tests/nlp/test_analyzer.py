from __future__ import annotations

import pytest

import nlp.analyzer as analyzer_module
from nlp.analyzer import Analyzer, Text, auto_processes, topic_input


@pytest.mark.parametrize(("texts", "cpus", "expected"), [
    (10, 2, 1), (499, 2, 1), (500, 2, 2), (5000, 2, 2), (5000, 8, 8), (5000, None, 1),
])
def test_a_second_spacy_process_only_for_large_inputs(monkeypatch, texts, cpus, expected):
    monkeypatch.setattr(analyzer_module.os, "cpu_count", lambda: cpus)
    assert auto_processes(texts) == expected


def test_topic_input_carries_the_document_sectors_and_claim_actions(analyzer):
    text = Text(id="a", title="Steel tariffs",
                text="The U.S. imposed a 25% tariff on Canadian steel. Steel mills worry.")
    [analysis] = analyzer.analyze([text])
    item = topic_input(text, analysis)
    assert item.text == text.document
    assert item.sectors == {"steel": 3}
    assert list(item.actions) == [c.action for c in analysis.tariff_claims] == ["imposed"]


def test_analyzer_loads_its_topic_model_in_the_background(nlp_sm):
    fresh = Analyzer(nlp=nlp_sm)
    assert fresh.version.endswith(f"+topics.{fresh.topics.version}")
    [analysis] = fresh.analyze([Text(id="a", text="Canada imposed counter-tariffs on U.S. steel and aluminum.")])
    assert "tariffs" in {t.label for t in analysis.topics}
