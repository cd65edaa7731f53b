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
