"""Long documents: cut to the documented limits, analysed in parts, records merged."""

from __future__ import annotations

import pytest

import nlp.analyzer as analyzer_module
from nlp.analyzer import Text
from nlp.long_texts import TITLE_CHARS, cut, merge_parts, parts
from nlp.records import Actor, Analysis, Figure, SectorMention, TariffClaim

PARAGRAPH = ("Canada imposed a 25% tariff on U.S. steel on Friday, Finance Minister Dominic LeBlanc said. "
             "Ottawa will review the measure in March.")


@pytest.mark.parametrize("limit", [50, 120, 400])
def test_parts_rebuild_the_text_and_stay_under_the_limit(limit):
    text = "\n\n".join(f"{n} {PARAGRAPH}" for n in range(12)) + " " + "x" * 1000
    found = list(parts(text, limit))
    assert "".join(found) == text
    assert all(len(p) <= limit for p in found)


def test_parts_end_at_paragraph_breaks_when_there_are_some():
    text = "\n\n".join([PARAGRAPH] * 6)
    found = list(parts(text, len(PARAGRAPH) * 2 + 10))
    assert len(found) == 3
    assert all(p.endswith("\n\n") for p in found[:-1])


def test_cut_keeps_short_text_and_flags_a_cut_one():
    assert cut("short", 10) == ("short", False)
    text, was_cut = cut(PARAGRAPH, 100)
    assert was_cut and len(text) <= 100 and PARAGRAPH.startswith(text) and text.endswith("said.")


def test_merge_parts_sums_mentions_and_counts_sentences_through_the_document():
    claim = TariffClaim(imposer="CAN", target="USA", action="imposed", sentence=1, evidence="e", rate=25.0)
    first = Analysis(id="a", actors=(Actor(name="Canada", kind="country", code="CAN", mentions=2),),
                     sectors=(SectorMention(sector="steel", mentions=1, sentences=(1,)),), tariff_claims=(claim,))
    second = Analysis(id="a", actors=(Actor(name="Canada", kind="country", mentions=3),
                                      Actor(name="LeBlanc", kind="person", mentions=1)),
                      sectors=(SectorMention(sector="steel", mentions=2, sentences=(0, 1)),
                               SectorMention(sector="dairy", mentions=4, sentences=(1,))),
                      figures=(Figure(text="25%", value=25.0, unit="percent", sentence=0),), tariff_claims=(claim,))
    merged = merge_parts([first, second], [5, 2])
    assert merged.actors[0] == Actor(name="Canada", kind="country", code="CAN", mentions=5)
    assert [(s.sector, s.mentions, s.sentences) for s in merged.sectors] == [("dairy", 4, (6,)),
                                                                               ("steel", 3, (1, 5, 6))]
    assert [f.sentence for f in merged.figures] == [5]
    assert [c.sentence for c in merged.tariff_claims] == [1, 6]


def test_a_long_text_is_analysed_in_parts_to_its_end(analyzer, monkeypatch):
    monkeypatch.setattr(analyzer_module, "PART_CHARS", 600)
    filler = "\n\n".join(["Markets were quiet and shoppers stayed home over the weekend."] * 30)
    text = Text(id="long", title="Steel", text=f"{filler}\n\n{PARAGRAPH}")
    [whole] = analyzer.analyze([text])
    assert not whole.truncated
    [claim] = [c for c in whole.tariff_claims if c.action == "imposed"]
    assert (claim.imposer, claim.target, claim.rate) == ("CAN", "USA", 25.0)
    assert claim.sentence == 31  # the title, 30 filler paragraphs, then the claim


def test_a_text_over_the_limit_is_cut_and_flagged(analyzer, monkeypatch):
    monkeypatch.setattr(analyzer_module, "MAX_CHARS", 400)
    [cut_one, whole] = analyzer.analyze([Text(id="a", text=f"{PARAGRAPH}\n\n" + "Nothing happened. " * 100),
                                         Text(id="b", text=PARAGRAPH)])
    assert cut_one.truncated and not whole.truncated
    assert [c.rate for c in cut_one.tariff_claims] == [c.rate for c in whole.tariff_claims] == [25.0]
    assert cut_one.to_json()["truncated"] is True and "truncated" not in whole.to_json()


def test_a_one_megabyte_title_is_cut_and_the_body_analysed(analyzer):
    [found] = analyzer.analyze([Text(id="a", title="Tariffs " * 131_072, text=PARAGRAPH)])
    assert found.truncated
    assert [(c.imposer, c.target, c.rate) for c in found.tariff_claims] == [("CAN", "USA", 25.0)]
    fitted, was_cut = Text(id="a", title="Tariffs " * 131_072, text=PARAGRAPH).within_limits()
    assert was_cut and len(fitted.title) <= TITLE_CHARS and fitted.text == PARAGRAPH
