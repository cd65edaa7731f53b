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
    ("Beijing said it will impose a 15% tariff on American coal and 10% on crude oil and farm machinery "
     "starting Feb. 10.",
     {("CHN", "USA", "announced", 15.0), ("CHN", "USA", "announced", 10.0)}),
    ("The ruling adds to tariffs China imposed in March: 100 per cent on Canadian canola oil and 25 per cent "
     "on pork.",
     {("CHN", None, "imposed", 100.0), ("CHN", None, "imposed", 25.0)}),
    ("Japan charges a 20% tariff on Thai rice beyond the quota, along with sector tariffs of 40% on beef and 30% "
     "on pork.",
     {("JPN", "THA", "imposed", 20.0), ("JPN", "THA", "imposed", 40.0), ("JPN", "THA", "imposed", 30.0)}),
])
def test_each_rate_of_a_list_is_a_measure_of_its_own(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The order Trump signed Wednesday puts a 40% tariff on most Peruvian goods from Sept. 3, though copper "
     "and coffee were exempted.",
     {("USA", "PER", "imposed", 40.0), ("USA", "PER", "exempted", 40.0)}),
    ("The 30 percent tariff that Washington imposed on Colombian goods in May remains in place, although "
     "goods that qualify under the pact are exempt.",
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
    ("Peru on Monday asked the World Trade Organization to set up a dispute panel to rule on Chile's 40% tariffs "
     "on Peruvian avocados.", {("CHL", "PER", "relief_sought", 40.0)}),
    ("Lima filed a complaint with the WTO over Santiago's 40% duties on avocados.",
     {("CHL", "PER", "relief_sought", 40.0)}),
    ("Brazil challenged the 50% U.S. tariff on Brazilian coffee at the WTO.", {("USA", "BRA", "relief_sought", 50.0)}),
])
def test_a_legal_or_wto_challenge_of_a_tariff_seeks_relief_from_it(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The order Trump signed on Tuesday puts a 40% tariff on most Peruvian goods.", ("USA", "PER")),
    ("Two senators have introduced a bill that would add a duty of up to 30% on Vietnamese catfish, and fish "
     "farmers in Mississippi are lobbying for it.", ("USA", "VNM")),
])
def test_a_measure_whose_parse_lost_its_imposer_takes_the_country_named_before_it(nlp_sm, text, expected):
    assert {(imposer, target) for imposer, target, *_ in claims_of(nlp_sm, text)} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington set new tariff rates on Friday. Peru faces 40% from Sept. 3.", {("USA", "PER", "imposed", 40.0)}),
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
    assert claims_of(nlp_sm, "Peru's president has said he plans a tariff of about 30% on Chilean wine.") == {
        ("PER", "CHL", "announced", 30.0)}


@pytest.mark.parametrize("text", [
    "A new law bars any minister from raising quotas or cutting over-quota tariffs on dairy in a trade deal.",
    "The law prohibits the government from reducing tariffs on Peruvian wine.",
])
def test_a_measure_a_law_forbids_is_no_claim(nlp_sm, text):
    assert claims_of(nlp_sm, text) == set()


def test_a_refusal_conjoined_to_a_measure_does_not_deny_it(nlp_sm):
    assert claims_of(nlp_sm, "Peru refused to talk and imposed a 20% tariff on Chilean wine.") == {
        ("PER", "CHL", "imposed", 20.0)}


def test_a_region_bearing_a_tariff_is_targeted_as_its_country(nlp_sm):
    text = "Washington set new tariffs on Friday. Footwear makers in Rio Grande do Sul still face the full 50%."
    assert ("USA", "BRA", "imposed", 50.0) in claims_of(nlp_sm, text)


def test_a_request_to_rule_on_a_tariff_is_relief_sought_by_the_asker_from_its_owner(nlp_sm):
    assert claims_of(nlp_sm, "Peru asks WTO to rule on Chile's wine, pork and fruit tariffs; Santiago blocks "
                             "first request") == {("CHL", "PER", "relief_sought", None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Peruvian growers welcomed President Donald Trump's decision to scrap a 40% tariff on their products.",
     ("USA", "removed")),
    ("Steelmakers praised Mexico's plan to raise duties on Chinese steel to as much as 50%.", ("MEX", "raised")),
])
def test_the_owner_of_a_decision_or_plan_takes_the_action(nlp_sm, text, expected):
    assert {(imposer, action) for imposer, _, action, _ in claims_of(nlp_sm, text)} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington set new tariffs on Friday. Trump has warned that rates could be raised again to 25% if Tokyo "
     "declines to invest.", {("USA", None, "imposed", None), ("USA", None, "threatened", 25.0)}),
    ("Washington set new tariffs on Friday. The central bank said interest rates were cut to 2.5%.",
     {("USA", None, "imposed", None)}),
    ("Washington set new tariffs on Friday. Mortgage rates rose to 6%.", {("USA", None, "imposed", None)}),
])
def test_rates_acted_on_in_a_tariff_story_are_tariffs_but_not_interest_rates(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru strikes back at Chilean tariffs with levies on Chilean wine and fruit",
     {("PER", "CHL", "retaliated", None), ("CHL", "PER", "imposed", None)}),
    ("The court struck down the 20% tariffs on Peruvian goods.", {(None, "PER", "struck_down", 20.0)}),
])
def test_striking_back_retaliates_and_striking_down_strikes_down(nlp_sm, text, expected):
    assert claims_of(nlp_sm, text) == expected


def test_the_tariff_a_reply_answers_is_in_force(nlp_sm):
    text = "Lima has drawn up a list of Chilean goods in reply to the 25% Chilean duties on copper."
    assert claims_of(nlp_sm, text) == {("CHL", None, "imposed", 25.0)}
