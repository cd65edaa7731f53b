from __future__ import annotations

import pytest

from nlp.rules import sector_rules, sector_terms

DESIGN_SECTORS = ["steel", "aluminum", "copper", "critical_minerals", "energy", "autos", "lumber", "dairy",
                  "agriculture", "seafood", "alcohol", "digital_services", "semiconductors",
                  "pharmaceuticals", "aerospace", "textiles", "shipbuilding"]
EXAMPLES = {
    "steel": "Rebar and hot-rolled coil prices rose.",
    "aluminum": "The aluminium smelter cut output.",
    "copper": "Copper cathode shipments fell.",
    "critical_minerals": "Potash and lithium exports rose.",
    "energy": "Crude oil and natural gas flows continued.",
    "autos": "EVs and auto parts cross the border.",
    "lumber": "Softwood lumber duties were raised.",
    "dairy": "Cheese and butter quotas were discussed.",
    "agriculture": "Canola and pork sales slumped.",
    "seafood": "Lobster and snow crab exports fell.",
    "alcohol": "Bourbon and wine were pulled from shelves.",
    "digital_services": "The DST was repealed.",
    "semiconductors": "Chipmakers warned about microchips.",
    "pharmaceuticals": "Generic drugs may face levies.",
    "aerospace": "Aircraft parts were exempted.",
    "textiles": "Apparel and footwear imports rose.",
    "shipbuilding": "Shipyards won new orders.",
}


def test_taxonomy_covers_every_design_sector():
    assert set(sector_terms()) == set(DESIGN_SECTORS)


@pytest.mark.parametrize("sector", DESIGN_SECTORS)
def test_sector_terms_are_matched(nlp_sm, sector):
    doc = nlp_sm(EXAMPLES[sector])
    assert sector in {s.label_ for s in doc.spans["sectors"]}


def test_bad_sector_file_names_file_and_key(tmp_path):
    from nlp.errors import RuleDataError

    (tmp_path / "sectors.toml").write_text('[steel]\ndescription = "no terms"\n')
    sector_rules.cache_clear()
    with pytest.raises(RuleDataError, match=r"sectors.toml.*\[steel\]"):
        sector_terms(tmp_path)


def _sectors(nlp, text):
    doc = nlp(text)
    return {span.label_ for span in doc.spans["sectors"]}


@pytest.mark.parametrize("text", [
    "The union treated the pension promise as a bargaining chip in the talks.",
    "She snacked on potato chips while the blue chips rallied.",
    "The coach said the young squad was full of energy after the break.",
    "The gallery hung an oil painting of the harbour at dusk.",
    "Drizzle the salad with olive oil and serve.",
    "The goalie showed nerves of steel in the shootout.",
    "The railway ordered three hundred new rail cars.",
    "The subscription will auto-renew every month.",
    "The two mayors have had a beef with each other since the election.",
    "The comedian was fined over crude jokes on the broadcast.",
    "Wrap the potatoes in aluminum foil before baking.",
    "The reporter went fishing for a quote from the minister.",
    "A convoy of trucks blocked the downtown core for a week.",
    "The Milwaukee Brewers won in extra innings.",
    "The company has a pipeline of mining projects worth $2 billion.",
    "Core inflation, which strips out food and energy prices, eased.",
    "The recall covers phones whose lithium-ion cells can overheat.",
    "The plant makes farm machinery and tractors.",
    "They had fish and chips on the pier.",
    "Cutting red tape is the low-hanging fruit for the new cabinet.",
    "The family spent the summer on Cape Cod.",
    "Two people were hurt in a car crash on the highway.",
    "The condo has hardwood floors and a gas fireplace.",
    "His remarks poured gasoline on the fire.",
    "The shopper left Whole Foods with two bags.",
    "She met the donors over coffee on Tuesday.",
    "The rookie has big shoes to fill.",
    "The fourth line brought energy in the third period.",
    "Clocks fall back an hour when daylight saving time (DST) ends on Sunday.",
    "Tap your chip card at the till.",
])
def test_exclude_phrase_drops_the_term_inside_it(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


def test_exclude_phrase_drops_only_its_own_sector(nlp_sm):
    assert _sectors(nlp_sm, "Canola oil exports fell sharply.") == {"agriculture"}


@pytest.mark.parametrize("text", [
    "Voters will have to steel themselves for a long winter.",
    "The bear will lumber across the clearing at dawn.",
    "Critics say the landlord will milk the program for years.",
    "Mexico ships about 12% of its output north.",
    "Chile, a big producer, ships around 90,000 tonnes a year.",
    "The grower, who farms 40 acres, sells at the market.",
])
def test_term_used_as_a_verb_is_not_a_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


@pytest.mark.parametrize(("text", "sector"), [
    ("Cargo ships waited outside the port for days.", "shipbuilding"),
    ("Port fees now apply to China-linked ships docking in U.S. harbours.", "shipbuilding"),
    ("New U.S. lumber tariff stacks on older duties", "lumber"),
    ("Beijing is pouring money into chipmaking at home.", "semiconductors"),
    ("U.S. farm groups urge the envoy to act.", "agriculture"),
    ("Steel, aluminum and lumber still carry their own levies.", "lumber"),
    ("The fish was landed at the wharf before dawn.", "seafood"),
])
def test_term_read_as_a_noun_stays_a_sector(nlp_sm, text, sector):
    assert sector in _sectors(nlp_sm, text)


@pytest.mark.parametrize("text", [
    "The mayor drew a crude map of the ward on a napkin.",
    "Critics called the ad a crude attempt to rally the base.",
])
def test_everyday_adjective_before_a_noun_is_not_a_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


@pytest.mark.parametrize("text", [
    "Crude prices fell after the producers' meeting.",
    "Alberta wants Ottawa to use Canadian crude as leverage.",
])
def test_crude_as_the_oil_stays_energy(nlp_sm, text):
    assert _sectors(nlp_sm, text) == {"energy"}


@pytest.mark.parametrize("text", [
    "Agriculture Minister Jane Doe met reporters in the capital.",
    "The Energy and Natural Resources Minister spoke on Monday.",
    "A spokesperson for the Department of Energy declined to comment.",
    "She graduated from the Aerospace Academy of Ohio last spring.",
    "Rice University announced a new dean.",
])
def test_name_of_an_office_or_school_is_not_a_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


@pytest.mark.parametrize("text", [
    "Curator Laurence des Cars spoke to senators.",
    "Museum director Anne de Wine spoke to senators.",
    "Senator Tom Cotton criticized the plan.",
    "Winnipeg beat the visitors, and the Jets goalie made 30 saves.",
    "Analysts at Wood Mackenzie expect demand to slow.",
    "The senators heard from Fish, who chairs the panel.",
])
def test_name_is_not_a_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


@pytest.mark.parametrize("text", ["Business | Autos\n\nThe mayor opened a new library.",
                                  "Markets | Cattle\n\nThe mayor opened a new library."])
def test_section_label_of_the_page_is_not_a_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


def test_headline_with_its_outlet_after_a_bar_keeps_its_sectors(nlp_sm):
    assert _sectors(nlp_sm, "Ottawa weighs new steel quotas | Daily Post\n\nThe mayor opened a library.") == {"steel"}


@pytest.mark.parametrize(("text", "sector"), [
    ("Jets And Helicopters Face New Tariffs", "aerospace"),
    ("Rice and wheat exports fell.", "agriculture"),
    ("Algoma Steel cut 1,000 jobs at its mill.", "steel"),
    ("The American Iron and Steel Institute backed the duties.", "steel"),
])
def test_capitalised_term_in_a_headline_or_firm_stays_a_sector(nlp_sm, text, sector):
    assert _sectors(nlp_sm, text) == {sector}


@pytest.mark.parametrize("text", [
    "The senator warned that political power in the capital had shifted.",
    "He slammed his foot on the gas pedal.",
    "He bought a new digital camera and a pair of headphones.",
    "The pharmacy staff worked extra shifts during the flu season.",
    "Premier Doug Ford said the province would not back down.",
    "Spare parts of the old bridge were sold for scrap.",
])
def test_lookalike_words_outside_the_vocabulary_give_no_sector(nlp_sm, text):
    assert _sectors(nlp_sm, text) == set()


@pytest.mark.parametrize(("text", "sector"), [
    ("Ottawa hopes for a deal covering energy before the summit.", "energy"),
    ("The levy hits auto exports from Ontario.", "autos"),
    ("Orange juice and coffee were exempted from the duty.", "agriculture"),
    ("Shrimp farmers in the delta paused stocking their ponds.", "seafood"),
    ("Beijing put duties on European brandy.", "alcohol"),
    ("The duties on canola oil and meal hurt growers.", "agriculture"),
    ("Duties now cover drug ingredients from abroad.", "pharmaceuticals"),
])
def test_plain_sector_words_of_real_coverage_are_found(nlp_sm, text, sector):
    assert _sectors(nlp_sm, text) == {sector}


def test_sector_file_with_an_unknown_shared_key_names_it(tmp_path):
    from nlp.errors import RuleDataError

    (tmp_path / "sectors.toml").write_text('stop_words = ["the"]\n[steel]\nterms = ["steel"]\n')
    sector_rules.cache_clear()
    with pytest.raises(RuleDataError, match=r"sectors.toml.*stop_words"):
        sector_rules(tmp_path)


def test_sector_exclude_that_is_not_a_list_names_the_sector(tmp_path):
    from nlp.errors import RuleDataError

    (tmp_path / "sectors.toml").write_text('[steel]\nterms = ["steel"]\nexclude = "steely"\n')
    sector_rules.cache_clear()
    with pytest.raises(RuleDataError, match=r"sectors.toml.*\[steel\].*exclude"):
        sector_rules(tmp_path)


def test_sector_file_without_a_shared_context_list_names_the_list(tmp_path):
    from nlp.errors import RuleDataError

    (tmp_path / "sectors.toml").write_text('verb_forms = ["ships"]\n[steel]\nterms = ["steel"]\n')
    sector_rules.cache_clear()
    with pytest.raises(RuleDataError, match=r"sectors.toml.*adjective_forms"):
        sector_rules(tmp_path)
