from __future__ import annotations

import pycountry
import pytest

from nlp.places import abbreviation_code, country_code, is_city, region_code, region_name
from nlp.rules import places


def test_every_region_and_abbreviation_has_a_valid_iso_3166_2_code():
    table = places()
    bad = {name: code for name, code in {**table.regions, **table.abbreviations}.items()
           if pycountry.subdivisions.get(code=code) is None}
    assert bad == {}


@pytest.mark.parametrize(("text", "code"), [
    ("Quebec", "CA-QC"), ("Québec", "CA-QC"), ("Nuevo Leon", "MX-NLE"), ("Michoacan", "MX-MIC"),
    ("Baden-Wurttemberg", "DE-BW"),
])
def test_region_is_found_with_or_without_accents(text, code):
    assert region_code(text) == code


@pytest.mark.parametrize(("abbreviation", "name"), [
    ("Ont.", "Ontario"), ("Sask.", "Saskatchewan"), ("N.S.", "Nova Scotia"), ("Calif.", "California"),
    ("Mich.", "Michigan"), ("N.L.", "Newfoundland and Labrador"),
])
def test_wire_abbreviation_that_is_no_other_word_names_its_region_anywhere(abbreviation, name):
    assert region_name(region_code(abbreviation)) == name


@pytest.mark.parametrize(("abbreviation", "name"), [
    ("Man.", "Manitoba"), ("Pa.", "Pennsylvania"), ("Miss.", "Mississippi"),
])
def test_wire_abbreviation_that_is_another_word_names_its_region_only_after_a_city(abbreviation, name):
    assert region_code(abbreviation) is None
    assert region_name(abbreviation_code(abbreviation)) == name


@pytest.mark.parametrize(("text", "town"), [
    ("Hamilton", True), ("Trois-Rivieres", True), ("Manzanillo", True), ("Nokia", False), ("Kawasaki", False),
    ("Samsung", False),
])
def test_town_is_found_in_geonames_less_the_firms_named_after_towns(text, town):
    assert is_city(text) is town


@pytest.mark.parametrize(("text", "code"), [("N. Korea", "PRK"), ("S. Korea", "KOR")])
def test_abbreviated_korea_is_its_country(text, code):
    assert country_code(text) == code
