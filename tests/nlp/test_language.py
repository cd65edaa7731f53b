"""nlp.language: declared tags normalised, the text identified, the declaration trusted only when the
text does not clearly say otherwise. Sentences written for these tests."""

from __future__ import annotations

import pytest

from nlp.language import article_language, declared_language, identify, sample


@pytest.mark.parametrize(("tag", "code"), [
    ("en-us", "en"), ("fr_CA", "fr"), ("FR", "fr"), ("fra", "fr"), ("fre", "fr"), ("eng", "en"),
    ("French", "fr"), ("  de-DE ", "de"), ("US", None), ("xx", None), ("", None), (None, None),
])
def test_declared_tags_become_iso_639_1(tag, code):
    assert declared_language(tag) == code


@pytest.mark.parametrize(("title", "text", "code"), [
    ("Ottawa imposera des droits de douane de 25 % sur l'acier américain dès lundi",
     "Le gouvernement fédéral a confirmé mardi que les produits laitiers seront exemptés.", "fr"),
    ("Windsor plant idles two shifts as the steel levy bites",
     "The automaker said the 50% duty on imported steel had added costs it could not absorb.", "en"),
    ("México aplicará aranceles a los autos importados de China",
     "La Secretaría de Economía publicó el decreto el jueves por la mañana.", "es"),
])
def test_the_text_decides_without_a_declaration(title, text, code):
    assert article_language(title=title, text=text) == code


def test_a_clear_text_overrides_a_wrong_declaration():
    # a bilingual feed that declares English and carries a French story
    title = "La Presse canadienne : le Québec réclame une aide pour les producteurs d'aluminium"
    text = "Le premier ministre a demandé à Ottawa un programme de soutien avant la fin du mois."
    assert article_language(title=title, text=text, declared="en-CA") == "fr"


def test_a_title_too_short_to_tell_keeps_the_declaration():
    _, probability = identify("Цитата #17705")
    assert probability < 0.5  # Russian, Bulgarian and Macedonian all fit one word
    assert article_language(title="Цитата #17705", declared="ru") == "ru"


def test_no_letters_no_language():
    assert identify("2026-11-24 · 14:05 · 25%") == (None, 0.0)
    assert article_language(title="—", text="12 345") is None
    assert article_language(title="—", declared="fr-CA") == "fr"


def test_the_sample_reads_title_then_the_longer_body():
    got = sample("Title", "short summary", "a much longer body text " * 100)
    assert got.startswith("Title\na much longer body")
    assert len(got) == 1_000


def test_an_unsure_guess_without_a_declaration_is_no_language():
    title = "Tariffs " * 2_000
    language, probability = identify(sample(title, "", "Canada imposed a 25% tariff on U.S. steel."))
    assert language != "en" and probability < 0.2  # repeated words read as anything
    assert article_language(title=title, text="Canada imposed a 25% tariff on U.S. steel.") is None
