"""Claims real coverage hides: rate lists, exemptions, challenges, borne rates, and parties the parse loses."""

from __future__ import annotations

import pytest

from nlp.actors import extract_actors, mention_counts
from nlp.claims import extract_claims
from nlp.figures import extract_figures
from nlp.rules import claim_rules


def claims_of(nlp_sm, text):
    doc = nlp_sm(text)
    _, mentions = extract_actors(doc)
    found = extract_claims(doc, mentions, extract_figures(doc), mention_counts(mentions), rules=claim_rules())
    return {(c.imposer, c.target, c.action, c.rate) for c in found}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tokyo will charge a 12% duty on American beef and 8% on wheat from June 1.",
     {("JPN", "USA", "announced", 12.0), ("JPN", "USA", "announced", 8.0)}),
    ("Seoul has set duties on Japanese goods: 60 per cent on beer and 15 per cent on seaweed.",
     {("KOR", "JPN", "imposed", 60.0), ("KOR", "JPN", "imposed", 15.0)}),
    ("Japan already collects a 20% tariff on Thai rice above the quota, alongside farm tariffs of 40% on beef "
     "and 30% on pork.",
     {("JPN", "THA", "imposed", 20.0), ("JPN", "THA", "imposed", 40.0), ("JPN", "THA", "imposed", 30.0)}),
])
def test_each_rate_of_a_list_is_a_measure_of_its_own(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington will levy a 40% tariff on Peruvian goods from Sept. 3, but copper and coffee were exempted.",
     {("USA", "PER", "announced", 40.0), ("USA", "PER", "exempted", 40.0)}),
    ("Colombian flowers still pay the 30 percent duty Washington set in May, although roses grown under the "
     "pact's rules are exempt.",
     {("USA", "COL", "imposed", 30.0), ("USA", "COL", "exempted", 30.0)}),
])
def test_exemption_beside_a_measure_is_a_claim_with_its_parties_and_rate(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize("text", [
    "Ohio's governor urged Washington to exempt parts that cross the border twice, warning that a 25% levy "
    "on Mexican parts threatens jobs.",
    "Peru has formally asked Washington for an exemption from the 40% U.S. tariff on Peruvian copper.",
])
def test_an_exemption_asked_for_is_not_granted(nlp_sm, text):
    assert all(action != "exempted" for *_, action, _ in claims_of(nlp_sm, text))


def test_hyphenated_counter_tariffs_belong_to_their_owner(nlp_sm):
    assert claims_of(nlp_sm, "Mexico's 30% counter-tariffs on American pork remain in force.") == {
        ("MEX", "USA", "retaliated", 30.0)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru has asked WTO judges to rule on Chile's 40% tariffs on Peruvian avocados.",
     {("CHL", "PER", "relief_sought", 40.0)}),
    ("Lima filed a complaint with the WTO over Santiago's 40% duties on avocados.",
     {("CHL", "PER", "relief_sought", 40.0)}),
    ("Brazil challenged the 50% U.S. tariff on Brazilian coffee at the WTO.", {("USA", "BRA", "relief_sought", 50.0)}),
])
def test_a_legal_or_wto_challenge_of_a_tariff_seeks_relief_from_it(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A decree Trump issued overnight puts a 40% tariff on Peruvian shirts.", ("USA", "PER")),
    ("A House bill would put a 30% duty on Vietnamese catfish, a measure catfish farmers in Mississippi have "
     "lobbied for.", ("USA", "VNM")),
])
def test_a_measure_whose_parse_lost_its_imposer_takes_the_country_named_before_it(nlp_sm, text, expected):
    assert {(imposer, target) for imposer, target, *_ in claims_of(nlp_sm, text)} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington set new tariff rates on Friday. Peru now faces 40% on its shirts.",
     {("USA", "PER", "imposed", 40.0)}),
    ("Washington set new tariff rates on Friday. Chilean copper stays at 25% while talks continue.",
     {("USA", "CHL", "imposed", 25.0)}),
    ("Washington set new tariff rates on Friday. Peruvian sales fell 5% in May.", {("USA", None, "imposed", None)}),
])
def test_a_bare_percent_a_party_bears_in_a_tariff_story_is_its_tariff(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


def test_a_sentence_naming_no_imposer_takes_the_story_s_usual_imposer_before_its_most_mentioned_country(nlp_sm):
    text = ("The United States put a 40% tariff on Peruvian copper on Monday. Peru called the move unfair, and "
            "Lima said Peru would appeal. Chilean copper now faces 25% tariffs.")
    assert ("USA", "CHL", "imposed", 25.0) in claims_of(nlp_sm, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima put a 20% tariff on Chilean and Argentine wine.",
     {("PER", "CHL", "imposed", 20.0), ("PER", "ARG", "imposed", 20.0)}),
    ("Washington put tariffs on Japan and Korea.", {("USA", "JPN", "imposed", None), ("USA", "KOR", "imposed", None)}),
])
def test_every_country_coordinated_in_the_target_phrase_is_a_target(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


def test_a_planned_tariff_is_announced(nlp_sm):
    assert claims_of(nlp_sm, "Peru's trade minister said Lima plans a 30% tariff on Chilean wine.") == {
        ("PER", "CHL", "announced", 30.0)}


@pytest.mark.parametrize("text", [
    "The statute forbids the cabinet from widening quotas or lowering poultry tariffs in any future pact.",
    "A clause prohibits ministers from trimming rice tariffs.",
])
def test_a_measure_a_law_forbids_is_no_claim(nlp_sm, text):
    assert claims_of(nlp_sm, text) == set()


def test_a_refusal_conjoined_to_a_measure_does_not_deny_it(nlp_sm):
    assert claims_of(nlp_sm, "Peru refused to talk and imposed a 20% tariff on Chilean wine.") == {
        ("PER", "CHL", "imposed", 20.0)}


def test_a_region_bearing_a_tariff_is_targeted_as_its_country(nlp_sm):
    text = "Washington set new tariffs on Friday. Shoe factories in Ontario now face 30%."
    assert ("USA", "CAN", "imposed", 30.0) in claims_of(nlp_sm, text)


def test_a_request_to_rule_on_a_tariff_is_relief_sought_by_the_asker_from_its_owner(nlp_sm):
    assert claims_of(nlp_sm, "Peru asks WTO judges to rule on Chile's fruit tariffs") == {
        ("CHL", "PER", "relief_sought", None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Chilean winemakers cheered Japan's decision to drop a 15% duty on their bottles.", ("JPN", "removed")),
    ("Farm groups backed Korea's plan to raise duties on Thai rice to 45%.", ("KOR", "announced")),  # not yet raised
])
def test_the_owner_of_a_decision_or_plan_takes_the_action(nlp_sm, text, expected):
    assert {(imposer, action) for imposer, _, action, _ in claims_of(nlp_sm, text)} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington set new tariffs on Friday. Officials warned that rates could be lifted further, to 30%, if "
     "Seoul stalls.", {("USA", None, "imposed", None), ("USA", None, "threatened", 30.0)}),
    ("Washington set new tariffs on Friday. The central bank said interest rates were cut to 2.5%.",
     {("USA", None, "imposed", None)}),
    ("Washington set new tariffs on Friday. Mortgage rates rose to 6%.", {("USA", None, "imposed", None)}),
])
def test_rates_acted_on_in_a_tariff_story_are_tariffs_but_not_interest_rates(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Korea strikes back at Japanese steel tariffs with levies on Japanese beer and cars",
     {("KOR", "JPN", "retaliated", None), ("JPN", "KOR", "imposed", None)}),
    ("The court struck down the 20% tariffs on Peruvian goods.", {(None, "PER", "struck_down", 20.0)}),
])
def test_striking_back_retaliates_and_striking_down_strikes_down(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


def test_the_tariff_a_reply_answers_is_in_force(nlp_sm):
    text = "Seoul readied its own list in reply to the 25% Japanese duties on chips."
    assert claims_of(nlp_sm, text) == {("JPN", None, "imposed", 25.0)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima announced tariffs on three neighbours:\n\n- Chile: 25%\n- Bolivia: 20%\n- Ecuador: 15%",
     {("PER", "CHL", "announced", 25.0), ("PER", "BOL", "announced", 20.0), ("PER", "ECU", "announced", 15.0)}),
    ("Peru's new tariffs on imported building goods took effect on Monday. The rates:\n\n• Cement: 12%.\n"
     "• Glass: 20%, rising to 30% on March 1.",
     {("PER", None, "imposed", 12.0), ("PER", None, "imposed", 20.0), ("PER", None, "announced", 30.0)}),
    ("Peru's new tariffs on imported building goods took effect on Monday.\n\nOur pick of the week:\n\n"
     "- Cement maker shares: 12%", set()),
])
def test_items_of_a_rate_list_opened_by_a_tariff_sentence_are_its_measures(nlp_sm, text, expected):
    assert {c for c in claims_of(nlp_sm, text) if c[3] is not None} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru's trade minister showed a table of the new tariffs, which she says will apply from May 2.\n\n"
     "The rates in it:\n\n- Chile: 25%\n- Bolivia: 20%",
     {("PER", "CHL", "announced", 25.0), ("PER", "BOL", "announced", 20.0)}),
    ("Peru's trade minister showed a table of the new tariffs, which she says apply since May 2.\n\n"
     "The rates in it:\n\n- Chile: 25%\n- Bolivia: 20%",
     {("PER", "CHL", "imposed", 25.0), ("PER", "BOL", "imposed", 20.0)}),
])
def test_a_rate_list_opened_in_the_future_with_no_claim_lists_announced_rates(nlp_sm, text, expected):
    assert {c for c in claims_of(nlp_sm, text) if c[3] is not None} == expected


@pytest.mark.parametrize("text", [
    "Lima exempted Chile and Bolivia from its new cement tariffs.",
    "Peru imposed new tariffs on cement.\n\nChile and Bolivia were spared from the new tariffs.",
])
def test_every_country_exempted_together_gets_the_exemption(nlp_sm, text):
    assert {(c[0], c[1]) for c in claims_of(nlp_sm, text) if c[2] == "exempted"} == {("PER", "CHL"), ("PER", "BOL")}


def test_a_list_opened_by_measures_takes_the_openers_parties_and_a_status_list_is_background(nlp_sm):
    """"Here is where the main U.S. measures on Canada stand:" opens a rate list with no tariff word; its parties are
    the opener's, not the story's most-mentioned country, and a status of measures in force recounts them."""
    text = ("Chile and Japan traded barbs all week. Here is where Japan's measures on Chile stand as of Friday:\n"
            "- Copper: 15 per cent, unchanged since June.\n- Wine: 20 per cent.")
    doc = nlp_sm(text)
    _, mentions = extract_actors(doc)
    found = extract_claims(doc, mentions, extract_figures(doc), mention_counts(mentions), rules=claim_rules())
    assert [(c.imposer, c.target, c.rate, c.background) for c in found] == [
        ("JPN", "CHL", 15.0, True), ("JPN", "CHL", 20.0, True)]
