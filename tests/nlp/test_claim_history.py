"""The background flag: a sentence that recounts a measure in force or past, not news of it."""

from __future__ import annotations

import pytest

from nlp.actors import extract_actors, mention_counts
from nlp.claims import extract_claims
from nlp.figures import extract_figures
from nlp.rules import claim_rules
from tests.nlp.test_claims import claims_of


@pytest.mark.parametrize(("text", "expected"), [
    ("The 25% levy imposed in March has cut Canadian auto exports to the United States.", True),
    ("Since Washington imposed 50% duties on Canadian steel in June, mills in Ontario have laid off workers.", True),
    ("The tariffs on Chinese electric vehicles, in place since October, have cut Canada's imports.", True),
    ("Last year's tariffs on Chinese electric vehicles remain a sore point for Canada.", True),
    ("Japan raised its duties on Thai rice earlier this year.", True),
    ("Thailand's duties on Japanese whisky were suspended in 2023 under a truce.", True),
    ("Thai exporters had paid the duty since May, when Japan added a 20% levy on Thai rice.", True),
    ("Korean cars that miss the rules already face the full 25% Japanese tariff.", True),
    ("The existing 25% Japanese duty on Thai rice stays, officials said.", True),
    ("The United States imposed a 25% tariff on Canadian steel on Tuesday.", False),
    ("Mexico will impose a 30% tariff on Chinese cars on Jan. 1.", False),
    ("Peru raised its tariff on Chilean wine to 60%, the highest level since 1990.", False),
    # dated by month or year, and standing measures; not a date inside a clause or a future
    ("In September, the European Union suspended its countermeasures on American motorcycles.", True),
    ("Vietnam scrapped its duties on U.S. poultry on March 3, a week before the talks began.", True),
    ("Indonesia cut its tariff on American soybeans to 5% on Thursday.", False),
    ("Japan's 10% duty on Thai rice, which Tokyo imposed in May, will be suspended from June 1.", False),
    ("The court struck down the 20% tariff Peru announced on April 9.", False),
    ("Peru's counter-tariffs on Chilean wine stay in place, the ministry said.", True),
    ("Korean steel remains exempt from the Japanese tariffs, officials said.", True),
    ("Thai mills continue to pay the 20% Japanese duty on rice.", True),
    ("Thailand will continue to suspend its duties on Japanese whisky.", False),
    ("The 20% duty on Japanese whisky would remain if the talks fail, Thailand said.", False),
    ("Thai rice is currently exempt from the 20% Japanese tariff.", True),
    ("Korean mills have so far been spared the 10% Japanese duty on steel.", True),
    # a measure starting now is news; one still in effect is not
    ("Lima said the 25% tariff on Chilean wine goes into effect Tuesday.", False),
    ("The 25% Peruvian tariff on Chilean wine takes effect today.", False),
    ("The 10% Peruvian tariff on Chilean wine remains in effect.", True),
])
def test_a_measure_recounted_as_in_force_or_past_is_background(nlp_sm, text, expected):
    [claim] = claims_of(nlp_sm, text)
    assert claim.background is expected


@pytest.mark.parametrize("text", [
    "Canada slapped counter-tariffs on U.S. goods in response to Washington's steel tariffs.",
    "In response to Washington's steel tariffs, Canada slapped counter-tariffs on U.S. goods.",
    "Canada hit back at Washington's steel tariffs with counter-tariffs on U.S. goods.",
])
def test_the_tariff_a_retaliation_answers_is_background_imposed_on_the_retaliator(nlp_sm, text):
    assert [(c.imposer, c.target, c.action, c.background) for c in claims_of(nlp_sm, text)] == [
        ("CAN", "USA", "retaliated", False), ("USA", "CAN", "imposed", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Peruvian copper that misses the rules faces a 40% U.S. tariff, exporters said.", True),
    ("Thai rice beyond the quota pays a 20% Japanese tariff.", True),
    ("A decree the president signed overnight slaps a 20% Japanese duty on Thai rice.", False),
    ("The 30% Chilean duty on Peruvian avocados keeps most of them out of Santiago's shops.", True),
    ("Japan will charge a 20% tariff on Thai rice from April 1.", False),
    ("Japan imposed a 20% tariff on Thai rice on Monday.", False),
])
def test_a_measure_told_as_standing_in_the_present_is_background(nlp_sm, text, expected):
    [claim] = claims_of(nlp_sm, text)
    assert claim.background is expected


def test_a_headline_in_the_present_tense_is_news(nlp_sm):
    doc = nlp_sm("Japan slaps 20% tariff on Thai rice\n\nThe duty starts on Monday, the ministry said.")
    _, mentions = extract_actors(doc)
    claims = extract_claims(doc, mentions, extract_figures(doc), mention_counts(mentions), rules=claim_rules(),
                            headline=1)
    assert [(c.imposer, c.target, c.background) for c in claims if c.sentence == 0] == [("JPN", "THA", False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Thai rice is still charged 20% in Japan, officials said.", True),
    ("Farmers were angered in May when Japan added a 20% duty on Thai rice.", True),
    ("The Japanese duty on Thai rice was cut to 5% this month under a new pact.", True),
    ("Thailand, which charges a 30% tariff on Japanese cars, wants a deal with Tokyo.", True),
    ("Thailand charged a 30% tariff on Japanese cars on Wednesday.", False),
])
def test_still_dated_clauses_and_habits_are_background(nlp_sm, text, expected):
    assert [c.background for c in claims_of(nlp_sm, f"Japan and Thailand argue over tariffs. {text}")
            if c.sentence == 1] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru, already facing 50% Chilean tariffs, cut its duties on Chilean wine to 10%.", ("PER", "lowered", False)),
    ("Bolivia, which still pays a 20% Peruvian duty, raised its tariff on Peruvian cement to 30%.",
     ("BOL", "raised", False)),
])
def test_a_history_word_in_a_clause_about_a_party_does_not_make_the_news_background(nlp_sm, text, expected):
    news = [(c.imposer, c.action, c.background) for c in claims_of(nlp_sm, text) if c.action == expected[1]]
    assert news == [expected]
