from __future__ import annotations

import pytest

from nlp.actors import extract_actors
from nlp.evaluation import score
from nlp.names import department_key, fold
from nlp.places import is_country_word


def actors_of(nlp_sm, text):
    actors, _ = extract_actors(nlp_sm(text))
    return actors


def by_name(actors):
    return {a.name: a for a in actors}


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Premier David Eby said B.C. would sue. British Columbia exports most of the lumber.", "British Columbia",
     "CA-BC"),
    ("The plant in Windsor, Ont., will close. Ontario said it would help the workers.", "Ontario", "CA-ON"),
    ("Farmers near Regina, Sask., lost sales. Saskatchewan asked for aid.", "Saskatchewan", "CA-SK"),
    ("Workers in Halifax, N.S., protested. Nova Scotia backed them.", "Nova Scotia", "CA-NS"),
    ("Ford will build trucks in Louisville, Ky., and Michigan.", "Kentucky", "US-KY"),
    ("Apple will hire in Cupertino, Calif., the company said. California welcomed it.", "California", "US-CA"),
])
def test_province_or_state_abbreviation_is_the_same_region(nlp_sm, text, name, code):
    regions = [a for a in actors_of(nlp_sm, text) if a.code == code]
    assert [a.name for a in regions] == [name]


def test_abbreviation_alone_is_not_a_region(nlp_sm):
    assert not [a for a in actors_of(nlp_sm, "The Man. Utd. fans cheered.") if a.kind == "region"]


@pytest.mark.parametrize("text", [
    "China's Commerce Ministry said it opposed the duties. The Ministry of Commerce (MOFCOM) gave no date.",
    "The Chinese Ministry of Commerce said it opposed the duties. The commerce body, MOFCOM, gave no date. "
    "China's Commerce Ministry later repeated it.",
    "The Commerce Ministry said it opposed the duties. Beijing's Ministry of Commerce gave no date.",
])
def test_ministry_named_both_ways_is_one_actor(nlp_sm, text):
    ministries = [a for a in actors_of(nlp_sm, text) if "Commerce" in a.name]
    assert len(ministries) == 1


@pytest.mark.parametrize(("text", "name"), [
    ("Québec said it would appeal. Quebec's premier called the duty unfair.", "Québec"),
    ("François-Philippe Champagne tabled the bill. Francois-Philippe Champagne said it was needed.",
     "François-Philippe Champagne"),
    ("Foreign Minister Mélanie Joly met her counterpart. Melanie Joly said talks went well.", "Mélanie Joly"),
])
def test_accented_and_plain_spellings_are_one_actor(nlp_sm, text, name):
    names = [a.name for a in actors_of(nlp_sm, text) if fold(a.name) == fold(name)]
    assert len(names) == 1


def test_role_and_country_survive_merging_spellings(nlp_sm):
    actors = by_name(actors_of(nlp_sm, "Canadian Industry Minister Mélanie Joly spoke first. "
                                       "Melanie Joly then met Stellantis."))
    joly = actors["Mélanie Joly"]
    assert (joly.role, joly.country, joly.mentions) == ("Industry Minister", "CAN", 2)


@pytest.mark.parametrize(("text", "full", "short"), [
    ("Ford Motor Co said it would raise prices. Ford also cut jobs.", "Ford Motor", "Ford"),
    ("Taiwan Semiconductor Manufacturing Co will expand. TSMC said demand was strong.",
     "Taiwan Semiconductor Manufacturing Co", "TSMC"),
    ("The Canada Border Services Agency (CBSA) seized the goods. The CBSA said more checks would follow.",
     "Canada Border Services Agency", "CBSA"),
    ("The Canadian Trucking Alliance warned of delays. The Alliance said drivers waited hours.",
     "Canadian Trucking Alliance", "Alliance"),
])
def test_body_named_again_by_short_form_or_initials_is_one_actor(nlp_sm, text, full, short):
    orgs = [a for a in actors_of(nlp_sm, text) if a.kind == "organization"]
    assert len(orgs) == 1
    assert full in orgs[0].name and orgs[0].mentions == 2


def test_country_in_front_of_a_body_resolves_that_countrys_alias(nlp_sm):
    assert "Pentagon" in by_name(actors_of(nlp_sm, "The U.S. Defense Department will buy the stake."))


def test_country_in_front_of_another_countrys_alias_is_not_it(nlp_sm):
    names = by_name(actors_of(nlp_sm, "India's Commerce Ministry said talks would resume."))
    assert not [n for n in names if "People's Republic" in n]


@pytest.mark.parametrize(("name", "key"), [
    ("China's Commerce Ministry", "ministry:commerce"),
    ("the Chinese Ministry of Commerce", "ministry:commerce"),
    ("Ministry of Commerce of the People's Republic of China", "ministry:commerce"),
    ("U.S. Department of the Treasury", "department:treasury"),
    ("Treasury Department", "department:treasury"),
    ("Department for Business and Trade", "department:business and trade"),
    ("Ministry", None),
    ("Ministry of Commerce Towers", "ministry:commerce towers"),
])
def test_department_key_ignores_country_and_word_order(name, key):
    assert department_key(name, words=["Ministry", "Department"], is_place=is_country_word) == key


@pytest.mark.parametrize(("predicted", "gold"), [
    ("Francois Legault", "François Legault"),
    ("Ministry of Commerce", "Commerce Ministry"),
    ("Nuevo Leon", "Nuevo León"),
    ("Orvane Corp.", "Orvane"),
    ("Brightwater Mining Ltd.", "Brightwater Mining"),
    ("Kessel Group", "Kessel"),
    ("Harlow & Pryce LLP", "Harlow & Pryce"),
])
def test_evaluation_matches_names_without_accents_word_order_or_legal_form(predicted, gold):
    result = score([{"actors": [{"name": predicted, "kind": "organization"}], "sectors": [], "figures": [],
                     "tariff_claims": []}],
                   [{"actors": [{"name": gold, "kind": "organization"}], "sectors": [], "figures": [],
                     "tariff_claims": []}])
    assert result["actors"].tp == 1


@pytest.mark.parametrize(("text", "code"), [
    ("REGINA, Sask. — Farmers said the canola duty would cost them dearly.", "CA-SK"),
    ("WINDSOR, Ont. (Newsmon Wire) — Auto parts makers cut shifts.", "CA-ON"),
])
def test_abbreviated_province_in_a_dateline_is_a_region(nlp_sm, text, code):
    assert code in {a.code for a in actors_of(nlp_sm, text) if a.kind == "region"}


@pytest.mark.parametrize(("text", "names"), [
    ("Levies on Alphabet, Meta and Amazon would rise, Britain said.", {"Alphabet", "Meta", "Amazon"}),
    ("Talks with Stellantis, Honda and Toyota resumed in Ottawa.", {"Stellantis", "Honda", "Toyota"}),
])
def test_list_of_names_tagged_as_one_is_each_name(nlp_sm, text, names):
    assert names <= set(by_name(actors_of(nlp_sm, text)))


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Dairy Farmers of Canada president David Wiens spoke to the crowd.", "Dairy Farmers of Canada", "organization"),
    ("Commission President Ursula von der Leyen said the bloc would respond.", "Ursula von der Leyen", "person"),
    ("Paccar said its plants in Texas and Washington state would benefit.", "Washington state", "region"),
])
def test_known_name_wider_than_the_models_entity_wins(nlp_sm, text, name, kind):
    found = by_name(actors_of(nlp_sm, text))
    assert found[name].kind == kind


def test_place_that_opens_a_known_name_is_still_mentioned(nlp_sm):
    found = by_name(actors_of(nlp_sm, "Mexico's Economy Ministry said the quota would stay."))
    assert found["Mexico"].code == "MEX"


def test_place_is_not_the_surname_of_a_name_that_folds_to_it(nlp_sm):
    found = by_name(actors_of(nlp_sm, "Minister Christian Dubé said Santé Québec would add beds. "
                                      "Patients in Quebec waited 16 hours."))
    assert found["Quebec"].code == "CA-QC"


@pytest.mark.parametrize(("text", "code"), [
    ("Exporters in Tiruppur, Tamil Nadu, warned of job losses.", "IN-TN"),
    ("Soy farmers in Mato Grosso expanded planting.", "BR-MT"),
])
def test_state_of_another_trading_partner_is_a_region(nlp_sm, text, code):
    regions = {a.code: a for a in actors_of(nlp_sm, text) if a.kind == "region"}
    assert code in regions


def test_role_from_the_text_wins_over_the_alias_file(nlp_sm):
    found = by_name(actors_of(nlp_sm, "Carney vows to act\n\nOTTAWA — Prime Minister Mark Carney said Canada "
                                      "would answer."))
    assert found["Mark Carney"].role == "Prime Minister"


@pytest.mark.parametrize(("text", "country"), [
    ("China's Commerce Ministry said it opposed the duties.", "CHN"),
    ("Analysts at Canada's Scotiabank expect a slowdown.", "CAN"),
])
def test_country_in_front_of_an_organisation_is_its_country(nlp_sm, text, country):
    orgs = [a for a in actors_of(nlp_sm, text) if a.kind == "organization"]
    assert [a.country for a in orgs] == [country]


def test_company_tagged_as_a_person_is_an_organisation(nlp_sm):
    found = by_name(actors_of(nlp_sm, "Reuters said it would appeal. Thomson Reuters, which owns the agency, "
                                      "backed the story."))
    assert found["Reuters"].kind == "organization"
    assert found["Thomson Reuters"].kind == "organization"


@pytest.mark.parametrize(("predicted", "gold"), [
    ("General Motors", "General"),
    ("Orvane Semiconductor", "Orvane"),
])
def test_evaluation_keeps_words_that_are_no_legal_form(predicted, gold):
    result = score([{"actors": [{"name": predicted, "kind": "organization"}], "sectors": [], "figures": [],
                     "tariff_claims": []}],
                   [{"actors": [{"name": gold, "kind": "organization"}], "sectors": [], "figures": [],
                     "tariff_claims": []}])
    assert result["actors"].tp == 0


@pytest.mark.parametrize(("text", "short", "full"), [
    ("Shareholders of Brightwater Mining Ltd. backed the deal. Brightwater said it would close in May.",
     "Brightwater", "Brightwater Mining Ltd."),
    ("Northgate Minerals Corp. said output rose. Northgate will report next week.", "Northgate",
     "Northgate Minerals Corp."),
])
def test_a_company_named_again_by_its_first_word_is_one_actor(nlp_sm, text, short, full):
    found = by_name(actors_of(nlp_sm, text))
    assert short not in found
    assert full in found


@pytest.mark.parametrize(("text", "union"), [
    ("Members of Unifor Local 1285 voted to strike on Sunday, Unifor said.", "Unifor Local 1285"),
    ("United Steelworkers Local 6500 filed a grievance over the layoffs.",
     "United Steelworkers Local 6500"),
])
def test_a_union_locals_number_is_part_of_its_name(nlp_sm, text, union):
    assert union in by_name(actors_of(nlp_sm, text))


def test_a_list_of_companies_tagged_with_its_trailing_comma_is_split(nlp_sm):
    found = by_name(actors_of(nlp_sm, "Chips bought by Dell, HP, Lenovo, Acer and others face the duty."))
    assert {"Dell", "HP"} <= set(found)
