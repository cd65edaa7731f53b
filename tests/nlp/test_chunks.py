"""`analyze_chunk`: one failing text gets an error record, the rest of its chunk its records."""

from __future__ import annotations

import pytest
from spacy.language import Language

import nlp.analyzer as analyzer_module
from nlp.analyzer import Analyzer, Text
from nlp.chunks import analyze_chunk, failure
from nlp.pipeline import build_nlp

GOOD = [Text(id=f"ok{n}", text="Canada imposed a 25% tariff on U.S. steel.") for n in range(3)]
BAD = Text(id="bad", text="This one breaks the pipeline: BOOM.")


@Language.component("test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component exploded\nsecond line")
    return doc


@pytest.fixture(scope="module")
def exploding(analyzer):
    nlp = build_nlp()
    nlp.add_pipe("test_boom", last=True)
    return Analyzer(nlp=nlp, topics=analyzer.topics)


def test_a_chunk_without_failures_is_analysed_in_one_batch(analyzer, monkeypatch):
    calls = []
    monkeypatch.setattr(analyzer_module, "doc_to_analysis",
                        lambda doc, **kw: calls.append(kw["id"]) or analyzer_module.Analysis(id=kw["id"]))
    result = analyze_chunk(analyzer, GOOD)
    assert [a.id for a in result.analyses] == calls == ["ok0", "ok1", "ok2"] and result.errors == []


def test_a_parse_failure_is_recorded_and_the_others_are_analysed(exploding):
    result = analyze_chunk(exploding, [GOOD[0], BAD, *GOOD[1:]])
    assert [a.id for a in result.analyses] == ["ok0", "ok1", "ok2"]
    assert all(a.tariff_claims and a.topics for a in result.analyses)
    [error] = result.errors
    assert (error.id, error.stage) == ("bad", "parse")
    assert error.message == "RuntimeError: component exploded"


def test_an_extraction_failure_names_its_stage(analyzer, extraction_fails_on_boom):
    result = analyze_chunk(analyzer, [BAD, *GOOD])
    assert [a.id for a in result.analyses] == ["ok0", "ok1", "ok2"]
    assert [(e.id, e.stage, e.message) for e in result.errors] == [("bad", "extract", "IndexError: component bug")]


def test_a_topic_failure_keeps_the_other_texts_topics(analyzer, monkeypatch):
    from nlp.topics import TopicModel

    real = TopicModel.predict

    def fails_on_boom(self, inputs):
        if any("BOOM" in i.text for i in inputs):
            raise ValueError("bad input to the classifier")
        return real(self, inputs)

    monkeypatch.setattr(TopicModel, "predict", fails_on_boom)
    result = analyze_chunk(analyzer, [*GOOD, BAD])
    assert [a.id for a in result.analyses] == ["ok0", "ok1", "ok2"]
    assert all("tariffs" in {t.label for t in a.topics} for a in result.analyses)
    assert [(e.id, e.stage) for e in result.errors] == [("bad", "topics")]


def test_failure_messages_are_one_shortened_line():
    message = failure("a", "parse", ValueError("x" * 2000 + "\nmore")).message
    assert message.startswith("ValueError: xxx") and "\n" not in message and len(message) == 500
    assert failure("a", "parse", KeyError()).message == "KeyError"
