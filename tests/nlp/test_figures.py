from __future__ import annotations

import pytest

from nlp.figures import extract_figures


def figures_of(nlp_sm, text):
    return extract_figures(nlp_sm(text))


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Ottawa imposed tariffs on C$30 billion of U.S. goods.", 30e9, "CAD"),
    ("Exports of US$2.5 billion were affected.", 2.5e9, "USD"),
    ("The EU listed €4bn of goods.", 4e9, "EUR"),
    ("Britain earmarked £750 million for steel.", 750e6, "GBP"),
    ("China bought 3 bn yuan of canola.", 3e9, "CNY"),
    ("Mexico lost 12,000 million pesos in sales.", 12e9, "MXN"),
    ("Tariffs of 35 per cent apply.", 35.0, "percent"),
    ("The rate rose 2.5 percentage points.", 2.5, "percentage_points"),
    ("Nearly CAD 3.6 billion in goods cross daily.", 3.6e9, "CAD"),
    ("Japan's automakers face a $1.2 trillion bill.", 1.2e12, "USD"),
])
def test_value_is_scaled_and_unit_is_the_currency(nlp_sm, text, value, unit):
    figs = figures_of(nlp_sm, text)
    assert any(abs(f.value - value) < 1e-6 * value and f.unit == unit for f in figs), figs


def test_qualifier_measure_and_period(nlp_sm):
    [fig] = figures_of(nlp_sm, "On average, nearly CAD 3.6 billion in goods and services cross the border daily.")
    assert (fig.qualifier, fig.measure, fig.period) == ("nearly", "goods and services", "daily")


def test_measure_drops_country_modifiers(nlp_sm):
    [fig] = figures_of(nlp_sm, "Canada supplies about 60% of U.S. crude oil imports.")
    assert (fig.value, fig.qualifier, fig.measure) == (60.0, "about", "crude oil imports")


def test_range_gives_two_figures_sharing_the_measure(nlp_sm):
    figs = figures_of(nlp_sm, "Duties of between 10% and 25% apply to steel imports.")
    assert sorted(f.value for f in figs if f.unit == "percent") == [10.0, 25.0]


def test_a_quarter_of_is_a_percentage(nlp_sm):
    figs = figures_of(nlp_sm, "A quarter of Canada's exports go to one market.")
    assert any(f.value == 25.0 and f.unit == "percent" and f.measure == "exports" for f in figs)


def test_counts_need_a_counted_noun(nlp_sm):
    figs = figures_of(nlp_sm, "Canada is the top export market for 36 American states.")
    assert [(f.value, f.unit, f.measure) for f in figs] == [(36.0, "count", "states")]


@pytest.mark.parametrize("text", [
    "The review is due in 2026.",
    "It was the 51st meeting and the first in months.",
    "Talks resume in mid-January under Section 232.",
    "He is 64 years old.",
])
def test_years_dates_ordinals_and_sections_are_not_figures(nlp_sm, text):
    assert figures_of(nlp_sm, text) == []


def test_physical_quantity_per_day(nlp_sm):
    figs = figures_of(nlp_sm, "Alberta ships 1.2 million barrels per day of crude.")
    assert [(f.value, f.unit) for f in figs] == [(1.2e6, "barrels_per_day")]


@pytest.mark.parametrize(("body", "match"), [
    ('[currency_prefix]\n"$" = "USD"\n', r"figure_units.toml: missing table \[currency_words\]"),
    ('[currency_prefix]\n"$" = "USD"\n[currency_words]\nyen = "JPY"\n[scales]\nbillion = "1e9"\n',
     r"figure_units.toml: \[scales\] 'billion'"),
])
def test_bad_figure_units_name_file_and_key(tmp_path, body, match):
    from nlp.errors import RuleDataError
    from nlp.rules import figure_units

    (tmp_path / "figure_units.toml").write_text(body)
    with pytest.raises(RuleDataError, match=match):
        figure_units(tmp_path)


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Ottawa hits U.S. steel with 25% duty", "Canada imposed a 25% duty on U.S. steel on Friday.",
     [(25.0, "percent", 2)]),
    ("Ottawa hits U.S. steel with 25% duty", "Canada imposed the duty on U.S. steel on Friday.",
     [(25.0, "percent", 0)]),
    ("Exports fell 4% in May", "Exports fell 4% in May and 7% in June.", [(4.0, "percent", 2), (7.0, "percent", 2)]),
])
def test_a_headline_figure_the_body_repeats_counts_once(analyzer, title, body, expected):
    from nlp.analyzer import Text

    (analysis,) = analyzer.analyze([Text(id="t", title=title, text=f"OTTAWA (Newsmon Wire) — {body}")])
    assert [(f.value, f.unit, f.sentence) for f in analysis.figures] == expected
