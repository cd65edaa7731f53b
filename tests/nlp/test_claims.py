from __future__ import annotations

import pytest
from spacy.tokens import Doc

from nlp.actors import extract_actors, mention_counts
from nlp.claim_triggers import measures
from nlp.claims import extract_claims
from nlp.figures import extract_figures
from nlp.rules import claim_rules


def claims_of(nlp_sm, text):
    doc = nlp_sm(text)
    _, mentions = extract_actors(doc)
    return extract_claims(doc, mentions, extract_figures(doc), mention_counts(mentions), rules=claim_rules())


@pytest.mark.parametrize(("text", "imposer", "target", "action", "rate"), [
    ("The U.S. raised tariffs on Canadian steel to 50% on Monday.", "USA", "CAN", "raised", 50.0),
    ("Ottawa imposed 25% counter-tariffs on C$30 billion of U.S. goods.", "CAN", "USA", "retaliated", 25.0),
    ("China retaliated with a 100% tariff on Canadian canola oil.", "CHN", "CAN", "retaliated", 100.0),
    ("The EU suspended its countermeasures against U.S. whiskey.", "EU", "USA", "suspended", None),
    ("Washington lifted its 10% tariff on Canadian potash.", "USA", "CAN", "removed", 10.0),
    ("Canada exempted auto parts from its tariffs on U.S. goods.", "CAN", "USA", "exempted", None),
])
def test_imposer_target_action_rate(nlp_sm, text, imposer, target, action, rate):
    [claim] = claims_of(nlp_sm, text)
    assert (claim.imposer, claim.target, claim.action, claim.rate) == (imposer, target, action, rate)
    assert claim.evidence == text


def test_change_of_rate_keeps_both(nlp_sm):
    [claim] = claims_of(nlp_sm, "The U.S. raised tariffs on Canadian aluminum to 50% from 25%.")
    assert (claim.rate, claim.previous_rate, claim.sectors) == (50.0, 25.0, ("aluminum",))


def test_modal_verb_is_a_threat(nlp_sm):
    [claim] = claims_of(nlp_sm, "Trucks from Mexico could face a 25% tariff, the U.S. said.")
    assert claim.action == "threatened"


def test_negated_imposition_is_no_claim(nlp_sm):
    assert claims_of(nlp_sm, "The United States did not impose tariffs on Mexican avocados.") == []


def test_reported_speech_is_attributed_to_the_imposer_not_the_speaker(nlp_sm):
    [claim] = claims_of(nlp_sm, "U.S. Trade Representative Jamieson Greer said Beijing would impose "
                                "duties of 35 per cent on Canadian lumber.")
    assert (claim.imposer, claim.target, claim.action) == ("CHN", "CAN", "threatened")


def test_anti_tariff_is_not_a_trigger(nlp_sm):
    assert claims_of(nlp_sm, "Ontario aired an anti-tariff advertisement in the U.S.") == []


@pytest.mark.parametrize("text", [
    "Farmers can still ship duty-free barley to Japan under the quota.",
    "The minister asked Tokyo to adopt import licences for Thai rice instead of tariffs.",
])
def test_no_tariff_is_no_claim(nlp_sm, text):
    assert claims_of(nlp_sm, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Korea levied a 30% duty on Vietnamese plywood and a 12% tariff on Vietnamese furniture.",
     [("KOR", "VNM", "imposed", 30.0), ("KOR", "VNM", "imposed", 12.0)]),
    ("India imposed a 40% duty on Chinese solar panels, retaliating for Beijing's export curbs.",
     [("IND", "CHN", "retaliated", 40.0)]),
    ("Vietnam approved a 15% tariff on Thai rice.", [("VNM", "THA", "announced", 15.0)]),
    ("An accord caps U.S. tariffs on Swiss watches at 15%.", [("USA", "CHE", "lowered", 15.0)]),
    ("The ruling lowers the Brazilian duty on Argentine wheat from 12%.", [("BRA", "ARG", "lowered", None)]),
    ("Seoul said the 20% surtax on Japanese steel would stay in place until March.",
     [("KOR", "JPN", "imposed", 20.0)]),
    ("A 25% U.S. tariff on Canadian lumber could cost mills C$1 billion.", [("USA", "CAN", "imposed", 25.0)]),
    ("The 10% Chinese duty on Japanese seafood has hurt exporters.", [("CHN", "JPN", "imposed", 10.0)]),
])
def test_each_measure_in_a_sentence_is_one_claim(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


def test_raising_a_rated_duty_reports_the_new_rate(nlp_sm):
    [claim] = claims_of(nlp_sm, "A 40% Peruvian tariff on Chilean wine took effect on Monday, doubling a 20% duty.")
    assert (claim.imposer, claim.target, claim.action, claim.rate, claim.previous_rate) == (
        "PER", "CHL", "raised", 40.0, 20.0)


@pytest.mark.parametrize(("text", "imposer", "rate"), [
    ("The Indian levy exempts 300 products, including Japanese medical devices.", "IND", None),
    ("Sony said it would be exempt from a planned 30% Indian tariff on Japanese cameras.", "IND", 30.0),
    ("A new rule exempts Thai farmers from paying Indonesian duties on fertilizer.", "IDN", None),
])
def test_exemption_from_a_tariff_is_exempted_even_after_a_modal(nlp_sm, text, imposer, rate):
    [claim] = claims_of(nlp_sm, text)
    assert (claim.imposer, claim.action, claim.rate) == (imposer, "exempted", rate)


def test_tariff_in_dispute_is_a_measure_in_force(nlp_sm):
    [claim] = claims_of(nlp_sm, "Wine exports slumped, deepening a dispute over Peru's tariffs on Chilean wine.")
    assert (claim.imposer, claim.target, claim.action) == ("PER", "CHL", "imposed")


@pytest.mark.parametrize(("text", "expected"), [
    ("Australia slaps 20% tariff on Chinese wine. Australia imposed a 20.4% tariff on Chinese wine, officials said.",
     [("AUS", "CHN", "imposed", 20.4)]),
    ("Turkey retaliated with a 15% tariff on Greek olive oil. The Turkish tariff applies to C$90 million of goods.",
     [("TUR", "GRC", "retaliated", 15.0)]),
])
def test_a_measure_told_twice_is_one_claim(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


def test_claim_key_ignores_sector_order():
    from nlp.records import TariffClaim

    a = TariffClaim(imposer="USA", target="CAN", action="imposed", sentence=0, evidence="x",
                    sectors=("steel", "aluminum"), rate=25.0)
    b = TariffClaim(imposer="USA", target="CAN", action="imposed", sentence=3, evidence="y",
                    sectors=("aluminum", "steel"), rate=25.0)
    assert a.claim_key == b.claim_key


@pytest.mark.parametrize(("body", "match"), [
    ('triggers = "tariff"\n', r"claims.toml.*`triggers`"),
    ('triggers = ["tariff"]\n', r"claims.toml.*`modals`"),
])
def test_bad_claim_rules_name_file_and_key(tmp_path, body, match):
    from nlp.errors import RuleDataError
    from nlp.rules import claim_rules

    (tmp_path / "claims.toml").write_text(body)
    with pytest.raises(RuleDataError, match=match):
        claim_rules(tmp_path)


@pytest.mark.parametrize(("old", "new", "match"), [
    ("[subject_verb_actions]\n", '[subject_verb_actions]\nsoar = "up"\n', r"\[subject_verb_actions\].*'up'"),
    ('retaliated = ["retaliate", "respond"', 'retaliated = ["retaliate", "impose", "respond"',
     r"\[verb_actions\] 'impose'"),
])
def test_claim_rules_refuse_an_unknown_action_and_a_verb_under_two_actions(tmp_path, old, new, match):
    from nlp.errors import RuleDataError
    from nlp.rules import DATA_DIR, claim_rules

    good = (DATA_DIR / "claims.toml").read_text()
    assert old in good
    (tmp_path / "claims.toml").write_text(good.replace(old, new))
    with pytest.raises(RuleDataError, match=r"claims.toml: " + match):
        claim_rules(tmp_path)


@pytest.mark.parametrize(("old", "new", "match"), [
    ('    {name = "upheld", relief = false, specific = false},\n', "", r"`actions` must name each"),
    ('{name = "upheld", relief = false', '{name = "imposed", relief = false', r"`actions` must name each"),
    ('{name = "upheld", relief = false', '{name = "upheld", relief = "no"', r"`actions` 'upheld' needs true or false"),
])
def test_action_table_names_every_action_once_with_its_flags(tmp_path, old, new, match):
    from nlp.errors import RuleDataError
    from nlp.rules import DATA_DIR, claim_rules

    good = (DATA_DIR / "claims.toml").read_text()
    assert old in good
    (tmp_path / "claims.toml").write_text(good.replace(old, new))
    with pytest.raises(RuleDataError, match=r"claims.toml: " + match):
        claim_rules(tmp_path)


def test_alert_relief_actions_come_from_the_action_table():
    from newsmon.alerts import RELIEF
    from nlp.rules import claim_rules

    rules = claim_rules()
    assert rules.relief_actions == RELIEF and "removed" in RELIEF and "lowered" not in RELIEF
    assert rules.precedence[-1] == "imposed"


@pytest.mark.parametrize("name", ["claims.toml", "actor_rules.toml", "figure_units.toml"])
def test_rules_fingerprint_changes_with_each_rule_file(tmp_path, name):
    import shutil

    from nlp.rules import DATA_DIR, rules_fingerprint

    for path in DATA_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    before = rules_fingerprint(tmp_path)
    with (tmp_path / name).open("a") as fh:
        fh.write("# changed\n")
    assert rules_fingerprint(tmp_path) != before


@pytest.mark.parametrize(("text", "expected"), [
    ("The deal removes the 12% levies on Thai sugar that Hanoi imposed in May.", [("VNM", "THA", "removed", 12.0)]),
    ("Shippers welcomed a ruling that struck down the duties on Chilean salmon that Lima had imposed.",
     [("PER", "CHL", "struck_down", None)]),
    ("The accord caps U.S. tariffs on Swiss watches at 15%, down from the 39% rate President Trump had threatened.",
     [("USA", "CHE", "lowered", 15.0), ("USA", "CHE", "threatened", 39.0)]),
])
def test_relative_clause_names_the_imposer_and_its_own_action(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


def test_tariff_in_a_relative_clause_belongs_to_the_one_it_describes(nlp_sm):
    text = ("Quebec Premier François Legault, who put a planned levy on hydro exports on hold last week, "
            "met investors in Boston.")
    assert [(c.imposer, c.action) for c in claims_of(nlp_sm, text)] == [("CA-QC", "suspended")]  # the province's levy


@pytest.mark.parametrize("text", [
    "Thailand vowed to retaliate against any new Japanese tariffs on Thai rice.",
    "There was no agreement on lifting Japan's tariffs on Thai rice.",
    "There was no plan to impose tariffs on Thai rice, Japan said.",
])
def test_action_under_a_denied_noun_is_no_claim(nlp_sm, text):
    assert claims_of(nlp_sm, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Vietnamese shrimp now enters Australia at a 5% tariff, down from 12%.", ("AUS", "VNM", "lowered", 5.0)),
    ("Korean steel will remain subject to 25% Japanese duties until March.", ("JPN", "KOR", "imposed", 25.0)),
    ("Brazil will impose a 20% tariff on Argentine wheat if talks fail.", ("BRA", "ARG", "threatened", 20.0)),
    ("Chile will add a 15% duty on Peruvian grapes.", ("CHL", "PER", "announced", 15.0)),
])
def test_phrases_goods_subjects_and_conditions_set_parties_and_action(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru set an anti-dumping deposit of 30% on Chilean glass.", [("PER", "CHL", "imposed", 30.0)]),
    ("Inflation rose to a 3% rate, and the central bank held its interest rate at 5%.", []),
    ("Tariffs on Thai rice were debated while the central bank held its 5% rate.", []),
])
def test_rate_and_deposit_are_tariffs_only_with_a_tariff_word(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan put a 20% tariff on Thai sugar. Japan also raised its tariff on rice imports to 30%.",
     [("JPN", "THA", "imposed", 20.0), ("JPN", None, "raised", 30.0)]),
    ("India imposed a 10% duty on all foreign steel.", [("IND", None, "imposed", 10.0)]),
])
def test_tariff_on_all_imports_keeps_an_open_target(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Vietnam said it was seeking an exemption from Washington for its furniture exports.",
     [("USA", "VNM", "relief_sought")]),
    ("Chile has asked Beijing for a waiver for its copper, the mining minister said.",
     [("CHN", "CHL", "relief_sought")]),
    ("Thailand asked for tariff relief from the EU.", [("EU", "THA", "relief_sought")]),
    ("Thailand requested an exemption from the EU's 20% duties on rice.", [("EU", "THA", "relief_sought")]),
    ("The bank was seeking an exemption from the new capital rules.", []),
])
def test_request_for_an_exemption_is_relief_sought_from_the_one_asked(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul is considering duties of 20% on Chinese steel plate.", ("KOR", "CHN", "threatened")),
    ("Mexico could impose tariffs on Brazilian beef, the economy minister said.", ("MEX", "BRA", "threatened")),
    ("Peru warned it would retaliate with tariffs on Chilean fruit.", ("PER", "CHL", "threatened")),
    ("Chile threatened to impose a 15% tariff on Argentine wine.", ("CHL", "ARG", "threatened")),
    ("The European Union will respond with counter-tariffs on U.S. bourbon if the talks fail.",
     ("EU", "USA", "threatened")),
    ("Ontario will impose a 25% surcharge on power sold to three U.S. states if Washington goes ahead.",
     ("CA-ON", "USA", "threatened")),
    ("Vietnam will impose a 10% duty on Thai sugar on March 1.", ("VNM", "THA", "announced")),
    ("The 30% Indonesian tariff on Malaysian palm oil would take effect on June 1, officials said.",
     ("IDN", "MYS", "announced")),
    ("Turkey plans to impose duties on Greek olive oil.", ("TUR", "GRC", "announced")),
    ("Japan intends to slap a 12% tariff on Korean steel.", ("JPN", "KOR", "announced")),
    ("Egypt is set to impose a 20% tariff on Turkish steel.", ("EGY", "TUR", "announced")),
    ("Japan has a 35% tariff on Thai rice.", ("JPN", "THA", "imposed")),
    ("Korean steel faces 50% Japanese duties.", ("JPN", "KOR", "imposed")),
    ("A 25% Peruvian tariff on Chilean wine went into effect on Monday.", ("PER", "CHL", "imposed")),
    ("Lima's threatened 30% tariff on Chilean wine would hit vineyards hardest.", ("PER", "CHL", "threatened")),
    ("Lima said tariffs on Chilean wine could reach 30% if talks fail.", ("PER", "CHL", "threatened")),
    ("Chile has prepared a list of Peruvian goods for possible counter-tariffs.", ("CHL", "PER", "threatened")),
    ("Chile has drawn up countermeasures on Peruvian goods in case talks fail.", ("CHL", "PER", "threatened")),
    ("Peru is ready to hit Chilean wine with 25% tariffs, the minister said.", ("PER", "CHL", "threatened")),
    ("Lima is expected to sign an order imposing 25% tariffs on Chilean wine on Saturday.",
     ("PER", "CHL", "announced")),
    ("Lima signed an order imposing 25% tariffs on Chilean wine on Saturday.", ("PER", "CHL", "imposed")),
    ("Seoul is poised to impose 20% tariffs on Japanese steel next week.", ("KOR", "JPN", "announced")),
    ("Seoul imposed the planned 20% tariffs on Japanese steel on Monday.", ("KOR", "JPN", "imposed")),
])
def test_plans_and_dates_announce_conditions_and_threat_verbs_threaten_measures_in_force_are_imposed(
        nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Steel mills in Canada are cutting shifts. Canada's industry minister said the 25% U.S. tariffs have cost "
     "the sector C$2 billion.", [("USA", "CAN", "imposed")]),
    ("Canadian canola growers are worried. China imposed a 75.8% anti-dumping duty on canola seed.",
     [("CHN", "CAN", "imposed")]),
    ("Canada's car plants are idle. The U.S. imposed a 25% tariff on all imported vehicles.",
     [("USA", None, "imposed")]),
    ("Canada's mines are busy. The U.S. imposed a 50% tariff on copper in August.", [("USA", None, "imposed")]),
])
def test_a_tariff_aimed_at_no_named_country_targets_the_story_counterpart_unless_it_is_global(
        nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mexican avocados face a 30% tariff in the United States.", ("USA", "MEX", "imposed", 30.0)),
    ("The U.S. has slapped 40% duties on Vietnamese furniture.", ("USA", "VNM", "imposed", 40.0)),
    ("Chilean salmon was hit with a 20% Japanese tariff last week.", ("JPN", "CHL", "imposed", 20.0)),
    ("Trump hits Peru with 40% tariff", ("USA", "PER", "imposed", 40.0)),
    ("Chile hits back with 30% tariffs on Peruvian fish", ("CHL", "PER", "retaliated", 30.0)),
    ("Levies of 15% on Thai shrimp remain, the Korean trade ministry said.", ("KOR", "THA", "imposed", 15.0)),
    ("Tariffs of 10% apply to most Kenyan goods entering Japan.", ("JPN", "KEN", "imposed", 10.0)),
    ("Korean cars not covered by the pact are taxed at 25% by Japan.", ("JPN", "KOR", "imposed", 25.0)),
    ("The Japanese duty rate on Thai rice rises to 45% next month.", ("JPN", "THA", "raised", 45.0)),
    ("Tokyo's 30% tariffs on Thai sugar have hurt refiners in Bangkok.", ("JPN", "THA", "imposed", 30.0)),
    ("Vietnamese exporters now pay 20% duties at the Korean border.", ("KOR", "VNM", "imposed", 20.0)),
    ("Trump slapped a 40% tariff on imports from Peru, starting Sept. 1.", ("USA", "PER", "announced", 40.0)),
    ("Vietnam will face a 20% tariff on goods exported to the United States from Aug. 1.",
     ("USA", "VNM", "announced", 20.0)),
])
def test_shapes_of_real_coverage_yield_the_measure(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump on Monday placed a 20% tax on goods imported from Peru and Chile.",
     [("USA", "PER", "imposed", 20.0), ("USA", "CHL", "imposed", 20.0)]),
    ("Trump hits Peru and Chile with 20% tariffs starting Sept. 1.",
     [("USA", "PER", "announced", 20.0), ("USA", "CHL", "announced", 20.0)]),
    ("Spain and Italy have similar taxes of 3% on digital services.", []),
])
def test_a_tax_on_imports_is_a_tariff_on_every_country_named(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Quebec Premier Francois Legault said the province would impose a 20% surcharge on power exports to the "
     "U.S. if Trump went ahead with raising tariffs on Canadian aluminum to 50%.",
     [("CA-QC", "USA", "threatened", 20.0), ("USA", "CAN", "threatened", 50.0)]),
    ("Manitoba is imposing a 25% surcharge on power sent to two U.S. states in response to Trump's tariffs on "
     "Canada.", [("CA-MB", "USA", "retaliated", 25.0), ("USA", "CAN", "imposed", None)]),
    ("Peru is weighing retaliatory duties on Chilean grapes after Santiago doubled tariffs on Peruvian goods "
     "to 40%.", [("PER", "CHL", "threatened", None), ("CHL", "PER", "raised", 40.0)]),
    ("The tariffs on Thai rice, which Japan announced in April, were paused for 90 days.",
     [("JPN", "THA", "suspended", None)]),
    ("Chile will respond with reciprocal measures if Lima goes ahead with a 30% tariff on Chilean copper.",
     [("PER", "CHL", "threatened", 30.0)]),
    ("Peru's Congress approved tariffs of up to 40% on cars from China.", [("PER", "CHN", "announced", 40.0)]),
    ("Chile will hold off on retaliatory tariffs against Peru while talks continue.",
     [("CHL", "PER", "suspended", None)]),
    ("Chilean wines that meet the rules remain exempt from the 20% Peruvian tariff.",
     [("PER", "CHL", "exempted", 20.0)]),
    ("Lima will levy 25% tariffs on US$3 billion of Chilean goods from Tuesday if Santiago goes through with its "
     "plan.", [("PER", "CHL", "threatened", 25.0)]),
    ("Leaders agreed to resolve irritants, including Lima's tariffs on Chilean wine and Santiago's 30% surtax on "
     "Peruvian fish.", [("CHL", "PER", "imposed", 30.0)]),
    ("Japan hit Thai rice with a 25% tariff. The tariff, imposed in March in retaliation for Thai duties on "
     "Japanese cars, also covers sugar.",
     [("JPN", "THA", "retaliated", 25.0), ("THA", "JPN", "imposed", None)]),
    ("Thai mills are shipping more sugar to China as the 40% Japanese tariff on Thai refined sugar cuts their "
     "margins.",
     [("JPN", "THA", "imposed", 40.0)]),
    ("Chile imposed counter-tariffs on Peruvian fish in March in response to Peru's tariffs on Chilean wine, "
     "which have been in place since June at 30%.",
     [("CHL", "PER", "retaliated", None), ("PER", "CHL", "imposed", 30.0)]),
])
def test_each_clause_keeps_its_own_parties_action_and_rate(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize("text", [
    "Exporters want Tokyo to widen the tariff-rate quota for Thai rice.",
    "Seoul said it would scrap the non-tariff countermeasures it adopted against Tokyo.",
    "Dairy farmers warn that lifting the duty on New Zealand butter would flood the Japanese market.",
])
def test_quotas_non_tariff_measures_and_weighed_actions_are_no_claims(nlp_sm, text):
    assert claims_of(nlp_sm, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan to lift tariffs on Thai rice, end probe into Thai sugar", ("JPN", "THA", "removed")),
    ("Analysts welcomed Brazil's plan to raise duties on Chinese steel to 35%.", ("BRA", "CHN", "announced")),
    ("Farm groups in Thailand urged Japan to exempt Thai rice from its tariffs.", ("JPN", "THA", "relief_sought")),
    ("The Section 232 duties on imported trucks took effect on Tuesday.", ("USA", None, "imposed")),
    ("Duties under Section 301 on Japanese robots took effect on Monday.", ("USA", "JPN", "imposed")),
])
def test_actions_and_owners_of_plans_requests_and_trade_laws(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ottawa already levies a 25% counter-tariff on U.S.-built trucks.", [("CAN", "USA", "retaliated", True)]),
    ("In 2019, Peru answered Chile's wine tariffs with a 15% duty on Chilean copper wire.",
     [("PER", "CHL", "retaliated", True), ("CHL", "PER", "imposed", True)]),
    ("Trucks covered by the U.S. tariff are not subject to Washington's extra 40% duty on Brazil.",
     [("USA", "BRA", "exempted", False)]),
    ("The Commission's proposal to cut tariff-free quotas and to charge 40% on everything above them angers Seoul.",
     [("EU", None, "announced", False)]),
    ("Japan's new order puts a 20% tariff on Thai rice from Sept. 3.", [("JPN", "THA", "announced", False)]),
    ("Japan put a 20% tariff on Thai rice on Tuesday.", [("JPN", "THA", "imposed", False)]),
])
def test_retaliations_exemptions_plans_and_schedules(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.background) for c in claims_of(nlp_sm, text)] == expected


def test_a_charged_rate_in_a_tariff_story_is_a_measure(nlp_sm):
    text = ("Korea and Japan met on tariffs. Tokyo, which has charged 30% on Korean steel since June, "
            "wants a deal.")
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [("JPN", "KOR", "imposed")]


def test_the_levies_point_back_to_the_latest_measure_on_the_same_goods(nlp_sm):
    text = ("Japan imposed a 30% tariff on Korean steel. Separately, Peru put a 10% duty on Chilean wine. "
            "The levies on steel were suspended on Friday.")
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if c.sentence == 2] == [
        ("JPN", "KOR", "suspended")]


def test_a_speaker_does_not_own_the_levies_told_again(nlp_sm):
    text = "Peru put a 10% duty on Chilean wine. Santiago argues the levies were imposed without an investigation."
    assert {(c.imposer, c.target) for c in claims_of(nlp_sm, text)} == {("PER", "CHL")}


@pytest.mark.parametrize("request_", [
    "Thai officials said they are seeking lower rates in the talks.",
    "Thai officials said they were pressing for a reduced rate.",
])
def test_a_lower_rate_asked_for_is_relief_sought_by_the_speaker(nlp_sm, request_):
    text = f"Japan raised its tariff on Thai rice to 40%. {request_}"
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if c.sentence == 1] == [
        ("JPN", "THA", "relief_sought")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Canada asked the United States to lower its tariffs on Canadian steel.", ("USA", "CAN", "relief_sought")),
    ("Thailand is pushing Japan to remove its 20% tariff on Thai rice.", ("JPN", "THA", "relief_sought")),
    ("Farm groups urged Washington to scrap the 10% duty on Canadian potash.", ("USA", "CAN", "relief_sought")),
])
def test_an_easing_asked_of_the_imposer_is_relief_sought(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Quebec Premier François Legault met mayors on Monday. Legault threatened a 15% surcharge on electricity "
     "exports to New York.", ("CA-QC", "USA", "threatened")),
    ("Quebec put its planned surcharge on electricity exports on hold after talks with Washington.",
     ("CA-QC", "USA", "suspended")),
    ("Quebec Premier François Legault threatened a 15% surcharge on Quebec power exports.",
     ("CA-QC", None, "threatened")),
])
def test_a_province_keeps_its_own_measure_aimed_at_the_other_country(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


def test_the_owner_of_a_plan_answered_imposes_its_tariffs(nlp_sm):
    text = ("Ottawa slapped counter-tariffs on U.S. goods in response to the U.S. plan to raise tariffs on "
            "Canadian steel.")
    assert ("USA", "CAN", "imposed", True) in [(c.imposer, c.target, c.action, c.background)
                                               for c in claims_of(nlp_sm, text)]


def test_a_governor_speaking_of_a_levy_does_not_own_it(nlp_sm):
    text = ("Michigan Governor Gretchen Whitmer urged the White House to act, warning that a 25% levy on car parts "
            "threatens 9,000 jobs in her state.")
    assert {c.imposer for c in claims_of(nlp_sm, text)} == {"USA"}


@pytest.mark.parametrize(("second", "expected"), [
    ("The probe could lead to new tariffs on Korean chips.", [("USA", "KOR", "threatened")]),
    ("The probe led to a surge in imports and tariffs on Korean chips.", []),
    ("Washington said its duties on Korean chips could be reinstated if Seoul breaks the deal.",
     [("USA", "KOR", "threatened")]),
])
def test_a_possible_outcome_or_reinstatement_is_a_threat(nlp_sm, second, expected):
    text = f"The United States opened a probe into Korean chips on Monday. {second}"
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if c.sentence == 1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul's trade minister said Korea was weighing countermeasures against the Japanese duties.",
     [("KOR", "JPN", "threatened", False), ("JPN", "KOR", "imposed", True)]),
    ("Peru is retaliating against Chile's 30% tariff with duties on Chilean grapes and apples.",
     [("PER", "CHL", "retaliated", False), ("CHL", "PER", "imposed", True)]),
])
def test_a_retaliation_targets_the_country_it_answers(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.background) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul retaliated by imposing duties of 15% on American beef.", [("KOR", "USA", "retaliated")]),
    ("Tokyo imposed a 20% tariff on Korean steel, to which Seoul responded by raising its own duties on Japanese "
     "beer.", [("JPN", "KOR", "imposed"), ("KOR", "JPN", "retaliated")]),
])
def test_an_action_by_which_a_country_retaliates_is_its_retaliation(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul answered the Japanese duties with tariffs on sake.", ("KOR", "JPN", "retaliated")),
    ("Lima countered Chile's levies with duties on fruit.", ("PER", "CHL", "retaliated")),
    ("Ankara will match the Indian rate with a 30% duty on every Indian car, the ministry said.",
     ("TUR", "IND", "retaliated")),
])
def test_a_retaliation_on_goods_of_no_origin_targets_the_owner_of_the_measure_it_answers(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if not c.background] == [expected]


@pytest.mark.parametrize(("text", "target"), [
    ("Thai exporters met in Bangkok. Japan charges a 35% tariff on goods outside the pact, Thai officials said.",
     "THA"),
    ("Thai exporters met in Bangkok. Japan charges a 35% tariff on semi-finished copper products.", None),
])
def test_a_tariff_on_goods_of_no_kind_aims_at_the_counterpart(nlp_sm, text, target):
    assert [(c.imposer, c.target) for c in claims_of(nlp_sm, text)] == [("JPN", target)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. will raise tariffs on Canadian steel to 50% on Dec. 1.", ("USA", "CAN", "announced", 50.0)),
    ("Tariffs on Peruvian cement, currently 20%, are scheduled to rise to 35% on March 1.",
     ("None", "PER", "announced", 35.0)),
    ("Chile's duty on Argentine wine will climb to 30% next year.", ("CHL", "ARG", "announced", 30.0)),
    ("Lima plans to cut its tariff on Chilean wine to 10% next month.", ("PER", "CHL", "announced", 10.0)),
    ("Lima's duty on Chilean wine rises to 40% on June 1.", ("PER", "CHL", "announced", 40.0)),
    ("Lima agreed to cut its tariff on Chilean wine to 10%.", ("PER", "CHL", "lowered", 10.0)),
    ("Lima cut its tariff on Chilean wine to 10% on Tuesday.", ("PER", "CHL", "lowered", 10.0)),
])
def test_a_rise_or_cut_scheduled_or_promised_is_announced_with_its_new_rate(nlp_sm, text, expected):
    assert [(str(c.imposer), c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


def test_a_duty_set_to_climb_is_not_set_as_a_new_duty(nlp_sm):
    assert [c.action for c in claims_of(nlp_sm, "The duty on Thai rice is set to climb to 40% next month.")] != [
        "imposed"]


@pytest.mark.parametrize(("text", "target", "rate"), [
    ("Mexican tomato paste now carries a 17% anti-dumping duty at the U.S. border.", "MEX", 17.0),
    ("Most Brazilian beef, which already carries a 26% U.S. tariff, goes to Asia instead.", "BRA", 26.0),
    ("Japanese steel, which bears duties of 25% in the United States, is losing share.", "JPN", 25.0),
])
def test_goods_that_carry_a_tariff_are_its_target_even_through_a_relative_pronoun(nlp_sm, text, target, rate):
    [claim] = claims_of(nlp_sm, text)
    assert (claim.imposer, claim.target, claim.action, claim.rate, claim.background) == (
        "USA", target, "imposed", rate, True)


@pytest.mark.parametrize(("text", "imposer", "target"), [
    ("Washington said it would add another 10% to the tariffs Mexican goods already face.", "USA", "MEX"),
    ("Beijing may raise the duties that Australian barley bears by a further 20%.", "CHN", "AUS"),
])
def test_goods_a_relative_clause_says_bear_a_tariff_are_its_target_not_its_owner(nlp_sm, text, imposer, target):
    [claim] = claims_of(nlp_sm, text)
    assert (claim.imposer, claim.target) == (imposer, target)


def test_goods_subject_to_duties_raised_in_a_relative_clause_are_their_target(nlp_sm):
    text = ("Washington put new tariffs on Vietnamese furniture. Mexican steel remains subject to anti-dumping duties, "
            "which the Commerce Department raised to 22% in March.")
    claims = [c for c in claims_of(nlp_sm, text) if c.rate == 22.0]
    assert [(c.imposer, c.target, c.action) for c in claims] == [("USA", "MEX", "raised")]


@pytest.mark.parametrize(("second", "extra"), [
    ("Besides Vietnam, the measure applies to imports from Thailand and Malaysia.", ["THA", "MYS"]),
    ("Steel from Thailand and Malaysia would also be affected, officials said.", ["THA", "MYS"]),
    ("The measure does not apply to imports from Thailand.", []),
    ("Prices of steel from Thailand also rose.", []),
])
def test_a_later_sentence_extending_the_measure_to_more_origins_adds_them_as_targets(nlp_sm, second, extra):
    text = f"Japan on Tuesday imposed a 30% tariff on steel from Vietnam. {second}"
    claims = claims_of(nlp_sm, text)
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims] == [
        ("JPN", code, "imposed", 30.0) for code in ["VNM", *extra]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima imposed duties of 25% on Chile, 20% on Bolivia and 15% on Ecuador.",
     [("CHL", 25.0), ("BOL", 20.0), ("ECU", 15.0)]),
    ("Lima imposed new tariffs on its neighbours, with Chile at 25%, Bolivia at 20% and Ecuador at 15%.",
     [("CHL", 25.0), ("BOL", 20.0), ("ECU", 15.0)]),
    ("Peruvian tariffs now stand at 25% for Chile and 20% for Bolivia.", [("CHL", 25.0), ("BOL", 20.0)]),
    ("Lima imposed a 25% duty on Chilean wine, on top of levies that already total 10%.", [("CHL", 25.0)]),
])
def test_each_rate_of_a_list_goes_to_the_country_beside_it(nlp_sm, text, expected):
    assert [(c.target, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima posted that the threatened 30% tariff on Chilean wine is off for 90 days.", ("PER", "suspended", 30.0)),
    ("Chile asked the WTO to set up a panel to examine Peruvian tariffs of up to 40% on its wine.",
     ("PER", "imposed", 40.0)),
])
def test_a_measure_off_for_a_while_is_suspended_and_an_owned_rate_takes_no_mood_from_a_verb_that_does_nothing(
        nlp_sm, text, expected):
    assert [(c.imposer, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima will extend the suspension of its 20% tariff on Chilean wine for one year.",
     ("PER", "CHL", "suspended", 20.0)),
    ("Chile agreed to a 90-day pause on its countermeasures against Peruvian cement.",
     ("CHL", "PER", "suspended", None)),
])
def test_a_noun_of_easing_whose_object_is_the_tariff_carries_the_action(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


def test_an_object_shifted_after_a_phrase_stays_the_object_of_its_action_verb(nlp_sm):
    """The small model's parse of "Lima agreed to delay by 30 days his 25% tariffs on Chile after Boric promised
    to act": the tariffs as the subject of "promised", as it parses such sentences in real copy."""
    words = ["Lima", "agreed", "to", "delay", "by", "30", "days", "his", "25", "%", "tariffs", "on", "Chile",
             "after", "Boric", "promised", "to", "act", "."]
    heads = [1, 15, 3, 1, 3, 6, 4, 10, 9, 10, 15, 10, 11, 10, 13, 15, 17, 15, 15]
    deps = ["nsubj", "ccomp", "aux", "xcomp", "prep", "nummod", "pobj", "poss", "nummod", "compound", "nsubj",
            "prep", "pobj", "prep", "pobj", "ROOT", "aux", "xcomp", "punct"]
    pos = ["PROPN", "VERB", "PART", "VERB", "ADP", "NUM", "NOUN", "PRON", "NUM", "NOUN", "NOUN", "ADP", "PROPN",
           "ADP", "PROPN", "VERB", "PART", "VERB", "PUNCT"]
    doc = Doc(nlp_sm.vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * 18)
    [(verb, trigs)] = measures(doc[:], claim_rules())
    assert (verb.text, [t.text for t in trigs]) == ("delay", ["tariffs"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials in Lima said Chile wanted Peruvian tariffs removed.", ("PER", "CHL", "relief_sought", None)),
    ("Santiago wants the 20% Peruvian duty on wine lifted.", ("PER", "CHL", "relief_sought", 20.0)),
])
def test_an_easing_wished_for_is_relief_sought_by_the_one_who_wishes(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima opened a probe into Chilean wine that could lead to duties.", ("PER", "CHL", "threatened")),
    ("The Commerce Department opened a Section 232 investigation into imported drones that could lead to new "
     "tariffs on the sector.", ("USA", None, "threatened")),
])
def test_tariffs_a_probe_could_lead_to_are_threatened_by_the_one_who_opened_it(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lima put a 25% tariff on Chilean goods. Chile faces 25% today, and Bolivia has been warned its rate could "
     "climb to 30% tomorrow.", ("PER", "BOL", "threatened", 30.0)),
    ("Lima set new tariffs on its neighbours. Ecuador's rate was cut to 15% on Tuesday.",
     ("PER", "ECU", "lowered", 15.0)),
])
def test_the_owner_of_a_tariff_rate_is_its_target(nlp_sm, text, expected):
    assert expected in [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)]


def test_a_countermeasure_with_no_target_answers_the_story_counterpart(nlp_sm):
    text = "Lima paused its new tariffs on Chilean wine. Chile's countermeasures are also on hold."
    assert ("CHL", "PER", "suspended") in [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)]


@pytest.mark.parametrize("second", [
    "Santiago offered Lima a deal on copper in exchange for a lower tariff on its wine.",
    "Santiago offered to buy more Peruvian gas in return for lower duties on Chilean fruit.",
])
def test_a_lower_tariff_bargained_for_is_relief_sought(nlp_sm, second):
    text = f"Lima put a 30% tariff on Chilean goods. {second}"
    assert ("PER", "CHL", "relief_sought") in [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("President Trump said he would raise duties on Brazilian beef to 40%.", [("USA", "BRA", "announced", 40.0)]),
    ("Ottawa said it would cut its surtax on American steel to 10%.", [("CAN", "USA", "announced", 10.0)]),
    ("Japan's trade minister wrote that Tokyo was adding another 5% to the tariffs on Chilean wine.",
     [("JPN", "CHL", "announced", None)]),
    ("Beijing warned it would raise tariffs on Australian barley.", [("CHN", "AUS", "threatened", None)]),
    ("Seoul said it would raise tariffs on Japanese steel if talks failed.", [("KOR", "JPN", "threatened", None)]),
    ("Washington said it would put a 60% tariff on Vietnamese shrimp.", [("USA", "VNM", "threatened", 60.0)]),
    ("The Thai prime minister said he was imposing 15 percent tariffs on imports from Vietnam.",
     [("THA", "VNM", "announced", 15.0)]),
])
def test_a_rise_or_cut_said_to_come_is_announced(nlp_sm, text, expected):
    """Reported speech: "said he would raise" is the backshifted "will raise" (convention 2), unless a threat's
    verb or a condition hedges it; a new tariff that "would" come stays a threat."""
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "rate"), [
    ("Mexico raised tariffs on Chinese shoes by another 10% on Monday.", None),
    ("Mexico raised tariffs on Chinese shoes by 10 percentage points on Monday.", None),
    ("Mexico raised tariffs on Chinese shoes to 35% on Monday.", 35.0),
])
def test_an_increment_is_not_a_rate(nlp_sm, text, rate):
    [claim] = claims_of(nlp_sm, text)
    assert (claim.imposer, claim.target, claim.action, claim.rate) == ("MEX", "CHN", "raised", rate)


@pytest.mark.parametrize(("text", "expected"), [
    ("Portugal's prime minister said the European Union should reconsider its tariffs on Chinese bicycles.",
     [("EU", "CHN", "relief_sought")]),
    ("Seoul urged Tokyo to replace its duties on Korean steel with a quota.", [("JPN", "KOR", "relief_sought")]),
    ("Ottawa should scrap its surtax on American appliances, the chamber said.", [("CAN", "USA", "relief_sought")]),
    ("Ottawa scrapped its surtax on American appliances.", [("CAN", "USA", "removed")]),
    ("Tokyo will review its duties on Korean steel in March.", []),
])
def test_a_rethink_asked_or_advised_is_a_request_for_relief(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Korean trucks now pay the 15% U.S. tariff only on their non-U.S. parts.", [("USA", "KOR", "imposed")]),
    ("Brazil charges a 12% duty on non-EU wine.", [("BRA", None, "imposed")]),
])
def test_a_country_after_non_is_no_party(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Importers switched to Vietnamese mills to avoid Washington's 40% duty on Chinese plywood.",
     [("USA", "CHN", "imposed")]),
    ("Importers switched to Vietnamese mills to avoid new duties on Chinese plywood.", []),
    ("Ottawa refused to impose a 25% tariff on American steel.", []),
])
def test_an_owned_rated_tariff_someone_avoids_is_in_force(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("second", "expected"), [
    ("Chile's president said imported lithium batteries could face a 30% tariff.", ("CHL", None, "threatened")),
    ("Every bicycle built outside Chile will pay a 15% tariff, Chile's president said.",
     ("CHL", None, "announced")),
    ("Peruvian bicycles will pay a 15% tariff in Chile, the Chilean government said.", ("CHL", "PER", "announced")),
])
def test_goods_of_every_origin_that_bear_a_tariff_leave_it_without_target(nlp_sm, second, expected):
    """In a story on a tariff against Peru, goods of every origin are still no Peruvian goods."""
    claims = claims_of(nlp_sm, f"Chile raised its tariff on Peruvian wine on Monday. {second}")
    assert [(c.imposer, c.target, c.action) for c in claims if c.sentence == 1] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan will answer with countermeasures if Washington puts tariffs above 20% on Japanese cars, the trade minister "
     "told reporters on Friday.", [("JPN", "USA", "threatened")]),
    ("Seoul will hit back with counter-tariffs if Tokyo raises duties on Korean steel above 30%, the minister told "
     "lawmakers.", [("KOR", "JPN", "threatened")]),
    ("Japan responded with countermeasures after Washington raised its tariffs on Japanese cars to 25%.",
     [("JPN", "USA", "retaliated"), ("USA", "JPN", "raised")]),
])
def test_a_retaliation_on_a_condition_is_a_threat_and_its_condition_no_claim(nlp_sm, text, expected):
    """The parse may hang the "if" clause on the reporting verb; the measure in the condition is a hypothesis."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A trade court ruled that the Thai prime minister lacked the authority to impose the tariffs on Vietnamese goods.",
     [("THA", "VNM", "struck_down")]),
    ("The court blocked Thailand from imposing its steepest tariffs on Vietnamese goods.",
     [("THA", "VNM", "struck_down")]),
    ("The court set aside Thailand's tariffs on Vietnamese rice.", [("THA", "VNM", "struck_down")]),
    ("The court ruled that Thailand may impose tariffs on Vietnamese rice.", [("THA", "VNM", "threatened")]),
])
def test_a_court_ruling_against_a_tariff_strikes_it_down(nlp_sm, text, expected):
    """Real coverage of rulings says "lacked the authority to impose", "blocked ... from imposing", "set aside"."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


def test_a_list_of_goods_between_a_verb_and_its_tariff_is_one_step(nlp_sm):
    """"removed beef, coffee, rice and some fruit from the tariff": the verb still governs the tariff, however long the
    list, so the removal is the claim, not the relative clause that recounts the tariff."""
    claims = claims_of(nlp_sm, "The White House on Tuesday removed shrimp, coffee, açaí and some fruit from the 15% "
                               "tariff it placed on Ecuadorian goods in June.")
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims] == [("USA", "ECU", "removed", 15.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan lifts Peru tariff on copper", ("JPN", "PER", "removed")),
    ("Korea raises Chile tariffs on wine", ("KOR", "CHL", "raised")),
    ("Korea seeks relief from U.S. tariffs on steel", ("USA", "KOR", "relief_sought")),
])
def test_a_country_acting_on_a_tariff_named_for_another_targets_it(nlp_sm, text, expected):
    """Headlines compound the target's name on the tariff ("removes beef from Brazil tariff") when a country acts."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile will not face the 30% Peruvian tariff for another 60 days, the minister said.",
     [("PER", "CHL", "suspended", 30.0)]),
    ("Chile will not face the 30% Peruvian tariff, the minister said.", []),
])
def test_a_tariff_held_off_for_a_time_is_suspended(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul hit back on Friday, announcing a 20% tariff on Japanese beer.", [("KOR", "JPN", "retaliated")]),
    ("Seoul struck back on Friday, imposing a 20% tariff on Japanese beer.", [("KOR", "JPN", "retaliated")]),
    ("Seoul pushed back on Friday, announcing a 20% tariff on Japanese beer.", [("KOR", "JPN", "announced")]),
])
def test_a_tariff_in_the_clause_of_a_verb_that_hits_back_is_a_retaliation(nlp_sm, text, expected):
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul raises Japanese steel duties to 30%", [("KOR", "JPN", "raised")]),
    ("India doubles Australian wine duty to 40%, exporters say", [("IND", "AUS", "raised")]),
    ("Japanese steel duties stay at 20%, the ministry said.", [("JPN", None, "imposed")]),
])
def test_a_nationality_on_the_goods_of_a_tariff_another_government_acts_on_is_the_target(nlp_sm, text, expected):
    """Headlines write "U.S. cuts Korean car tariff": the adjective is the cars' origin when a government acts on the
    tariff; with no government acting, "Japanese steel duties" stay Japan's."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == expected


@pytest.mark.parametrize("text", [
    "Tokyo extended its pause on a 30% tariff on Thai rice until March.",
    "Seoul prolonged the suspension on its 20% duty on Japanese steel for 90 days.",
])
def test_an_easing_noun_whose_tariff_the_parse_hangs_on_the_verb_still_eases_it(nlp_sm, text):
    """"extended its pause on a 24% tariff": the small parser may attach "on" to the verb, not to "pause"."""
    assert [c.action for c in claims_of(nlp_sm, text)] == ["suspended"]


@pytest.mark.parametrize(("text", "target"), [
    ("Washington imposed tariffs on Asian shoemakers in April. Since May, shoes made in Indonesia have paid a 19% "
     "tariff.", "IDN"),
    ("Washington imposed tariffs on Asian shoemakers in April. Sandals produced in Cambodia now face a 49% tariff.",
     "KHM"),
])
def test_goods_whose_participle_names_their_origin_bear_the_tariff_of_that_origin(nlp_sm, text, target):
    """"goods made in Vietnam have paid a 20% tariff": the origin sits in a participle clause, not on the goods."""
    assert [(c.imposer, c.target) for c in claims_of(nlp_sm, text) if c.sentence == 1] == [("USA", target)]


def test_rated_tariffs_a_listing_verb_names_are_the_storys_measures_in_force(nlp_sm):
    """"They include a 50% tariff on steel imports, a 25% tariff on cars": each listed rate is a standing measure of
    the story's imposer, even when the list names no party and comes before any other claim."""
    text = ("Washington's national-security tariffs are not part of the case. They include a 40% tariff on Thai rice "
            "and a 30% tariff on Chilean wine.")
    assert [(c.imposer, c.target, c.action, c.rate, c.background) for c in claims_of(nlp_sm, text)] == [
        ("USA", "THA", "imposed", 40.0, True), ("USA", "CHL", "imposed", 30.0, True)]



def test_a_listed_measure_naming_no_party_is_the_storys_usual_imposers(nlp_sm):
    text = ("Here is what stays. They include a 40% tariff on rice imports and a 30% tariff on wine imports. "
            "Washington imposed a 10% tariff on Thai shoes in May.")
    assert [(c.imposer, c.target, c.rate) for c in claims_of(nlp_sm, text) if c.sentence == 1] == [
        ("USA", None, 40.0), ("USA", None, 30.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Thailand's tariffs may fall in court. Bangkok could then turn to Article 9, which allows tariffs of up to 20% "
     "for six months.", [("THA", None, "threatened", 20.0)]),
    ("Thailand's tariffs may fall in court. Article 9 of the customs code allows a tariff of up to 20% for six months.",
     [("THA", None, "threatened", 20.0)]),
    ("Thailand's tariffs may fall in court. The deal lets 5,000 Vietnamese cars a year enter Thailand at a 10% tariff.",
     []),
])
def test_a_tariff_a_law_permits_is_a_threat_aimed_at_no_one(nlp_sm, text, expected):
    """"Section 122, which allows tariffs of up to 15%": a possible measure, not one in force, with no target of its
    own; goods a deal lets in at a rate are no such power."""
    assert [(c.imposer, c.target, c.action, c.rate) for c in claims_of(nlp_sm, text) if c.sentence == 1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tokyo imposed a 20% tariff on Thai rice in May. Noodle makers asked the ministry to exclude broken rice used in "
     "flour.", [("JPN", "THA", "relief_sought")]),
    ("Tokyo imposed a 20% tariff on Thai rice in May. Importers have asked the ministry for an exclusion process for "
     "rice that Japan does not grow.", [("JPN", "THA", "relief_sought")]),
    ("Tokyo imposed a 20% tariff on Thai rice in May. Importers did not ask the ministry to exclude anything.", []),
])
def test_goods_asked_out_of_an_unnamed_measure_seek_relief_from_the_latest_one(nlp_sm, text, expected):
    """"asked USTR to exclude equipment", "asked Commerce for an exclusion process": no tariff word, but a request for
    relief from the measure the story just told."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if c.sentence == 1] == expected


@pytest.mark.parametrize("text", [
    "Thai firms have applied for exclusions from Japan's 25% steel tariff.",
    "Thai steelmakers filed for an exemption from Japan's 25% tariff on their coils.",
])
def test_an_exclusion_applied_for_is_a_request(nlp_sm, text):
    """Real coverage of exclusion processes: "applied for exclusions from the tariffs"; "apply" alone would impose."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text)] == [("JPN", "THA", "relief_sought")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan imposed a 20% tariff on Thai rice. Rice that qualifies under the trade pact remains exempt.",
     [("JPN", "THA", "exempted")]),
    ("Japan imposed a 20% tariff on Thai rice. Grain from Laos and Cambodia still crosses duty-free.",
     [("JPN", "LAO", "exempted"), ("JPN", "KHM", "exempted")]),
    ("Japan imposed a 20% tariff on Thai rice. Thai millers lost their duty-free access.", []),
    ("Japan imposed a 20% tariff on Thai rice. A quota would let some rice enter duty-free.", []),
    ("Japan imposed a 20% tariff on Thai rice. Rice from Laos is not exempt.", []),
])
def test_goods_said_to_be_exempt_with_no_tariff_word_are_exempted_from_the_latest_measure(nlp_sm, text, expected):
    """Real-style carve-outs: "parts that qualify under the pact remain exempt", "goods that comply cross duty-free";
    not a noun's kind ("duty-free access"), a hypothesis or a negation."""
    assert [(c.imposer, c.target, c.action) for c in claims_of(nlp_sm, text) if c.sentence == 1] == expected


def test_rivals_that_pay_a_rate_after_a_borne_measure_pay_the_same_imposer_each(nlp_sm):
    """"Indian apparel pays a 50% U.S. duty. Rivals in Bangladesh and Vietnam pay 20%.": the imposer is the one the
    story just named for the borne measure, not its usual one, and every country of the subject bears it."""
    text = ("Chile imposed a 10% tariff on Peruvian avocados in May. Chile also put a 5% duty on Peruvian grapes. "
            "Peruvian copper now pays a 40% Chinese duty. Rivals in Bolivia and Ecuador pay 15%.")
    assert [(c.imposer, c.target, c.rate) for c in claims_of(nlp_sm, text) if c.sentence == 3] == [
        ("CHN", "BOL", 15.0), ("CHN", "ECU", 15.0)]


def test_rates_listed_respectively_pair_with_the_targets_in_order(nlp_sm):
    text = ("The 5% base tariff, plus Japan's duties on Thailand, Vietnam and Laos (30%, 20% and 10% respectively), "
            "stay in force.")
    assert [(c.target, c.rate) for c in claims_of(nlp_sm, text) if c.rate != 5.0] == [
        ("THA", 30.0), ("VNM", 20.0), ("LAO", 10.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan's 20% tariff on Thai rice is due to take effect on April 9.", ("announced", False)),
    ("Exporters said the 20% Japanese tariff on Thai rice, due to take effect on March 12, will hurt sales.",
     ("announced", False)),
    ("Japan's 20% tariff on Thai rice is set to take effect on April 9.", ("announced", False)),
    ("Japan's 20% tariff on Thai rice took effect on April 9.", ("imposed", True)),
])
def test_a_tariff_due_to_take_effect_is_announced(nlp_sm, text, expected):
    """"due to take effect", "set to take effect": a scheduling word puts the start ahead, so not yet in force."""
    [claim] = claims_of(nlp_sm, text)
    assert (claim.action, claim.background) == expected
