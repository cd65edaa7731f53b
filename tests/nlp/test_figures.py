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


def units_of(nlp_sm, text):
    return sorted((round(f.value, 4), f.unit) for f in figures_of(nlp_sm, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The mill received a C$250-million provincial loan.", [(250e6, "CAD")]),
    ("It is part of a US$7-billion expansion plan.", [(7e9, "USD")]),
    ("Beijing kept a 24-percent additional tariff on farm goods.", [(24.0, "percent")]),
    ("Ottawa answered with a 25-per-cent surtax on appliances.", [(25.0, "percent")]),
    ("Analysts expect Rs 500 crore of new orders.", [(5e9, "INR")]),
    ("Ports handled 3,42,118 tonnes of frozen fish.", [(342118.0, "tonnes")]),
    ("TSMC shares slipped to NT$1,085 in Taipei.", [(1085.0, "TWD")]),
    ("Gasoline averaged Can$1.58 a litre.", [(1.58, "CAD")]),
])
def test_hyphenated_scales_and_percents_keep_their_value(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ford (NYSE: F) fell 3.1% to US$11.42 in early trading.", [(3.1, "percent"), (11.42, "USD")]),
    ("Shares of the carmaker (2594.HK) rose 4% in Hong Kong.", [(4.0, "percent")]),
    ("10:42 a.m. ET — The minister said 40 plants would close.", [(40.0, "count")]),
    ("The visitors beat Halifax 6-3, 4-6, 6-2 to reach the final.", []),
    ("Senators voted 71-9 to pass the bill, and the board voted 5-1.", []),
    ("In a 2-1 decision, the court sided with the resort.", []),
    ("The Jets went 6-for-12 on the power play with a 5-on-3 edge.", []),
    ("If you need help, call or text 9-8-8 or 613-555-0142.", []),
    ("The duties fall under Section 232 and Bill C-202.", []),
    ("Squalls could close highway 417 during the commute.", []),
    ("Frozen prawns fall under HS code 030617, and flight 2045 left late.", []),
    ("She was ranked No. 118 and rose to No. 37 this week.", []),
    ("The bank's common equity tier 1 ratio held steady.", []),
    ("The Nikkei 225 average and the CSI 300 index both fell.", []),
    ("Nvidia's H20 chips and Ford's F-150 pickups were named.", []),
    ("The risk is in its 10-K filing and an 8-K report.", []),
    ("Shares of the 7-Eleven owner fell 2%.", [(2.0, "percent")]),
    ("Protesters gathered outside 120 King Street West and 50 O'Connor St.", []),
    ("Carriers ordered 30 more 737 MAX jets for Fortune 500 clients.", [(30.0, "count")]),
    ("4 min read", []),
    ("G7 ministers discussed COVID-19 supply chains in Q3.", []),
    ("The hotline runs 24/7 for 2,500 exporters.", [(2500.0, "count")]),
    ("LONDON, Aug 11 (Wire) - The 19-year-old won on Jan. 4.", []),
    ("The retirement age rises from 62 to 64 for 3 million workers.", [(3e6, "count")]),
    ("The S&P 500 fell 40.2 points to 6,512.3, while the Dow slid 1.1%.", [(1.1, "percent")]),
    ("The Hang Seng Index closed up 0.4% at 25,410.72 on Friday.", [(0.4, "percent")]),
    ("The Nasdaq closed below 16,500 for the first time since May.", []),
    ("The Dow lost 388.2 points, or 0.8%, to 40,950.3 after an early gain of 1,140.", [(0.8, "percent")]),
    ("The S&P 500's 11 sectors fell as the Nasdaq-listed firm cut 1,500 jobs.", [(11.0, "count"), (1500.0, "count")]),
    ("The striker has 14 goals and 31 points in 20 games.", [(14.0, "count"), (20.0, "count"), (31.0, "count")]),
    ("We will decide over the next 48 hours, he said.", []),
    ("Tickets sold out within 36 hours.", [(36.0, "hours")]),
    ("Updated 3 hours ago: rescuers waited 16.5 hours for a bed.", [(16.5, "hours")]),
    ("The ministry opened a 60-day consultation with 300 firms.", [(300.0, "count")]),
    ("Canada's 40 plants employ 2,000 people.", [(40.0, "count"), (2000.0, "count")]),
])
def test_page_noise_is_not_a_figure(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Forecasters expect up to 30 centimetres of snow overnight.", [(30.0, "centimetres")]),
    ("Gusts of 90 km/h knocked out power in the valley.", [(90.0, "kilometres_per_hour")]),
    ("Winds reached 120 kilometres per hour near the coast.", [(120.0, "kilometres_per_hour")]),
    ("The hurricane had winds of 150 mph at landfall.", [(150.0, "miles_per_hour")]),
    ("Overnight lows will fall to -22 C in the north.", [(-22.0, "celsius")]),
    ("Wind chills near minus 35 C are expected.", [(-35.0, "celsius")]),
    ("It will feel as cold as minus-42 C, and lows near –38 C.", [(-42.0, "celsius"), (-38.0, "celsius")]),
    ("Winds in the 10 to 20 kilometre per hour range.", [(10.0, "kilometres_per_hour"),
                                                          (20.0, "kilometres_per_hour")]),
    ("The probe orbits a star 41 light-years away.", [(41.0, "light_years")]),
    ("As much as 150 millimetres of rain fell on the port.", [(150.0, "millimetres")]),
    ("The mine produced 512,400 ounces of gold last quarter.", [(512400.0, "ounces")]),
    ("The levy applies to engines larger than 3.0 liters.", [(3.0, "litres")]),
    ("The plant makes chips on a 28-nanometer process.", [(28.0, "nanometres")]),
    ("Exports reached 2.1 million tonnes of canola.", [(2.1e6, "tonnes")]),
    ("The province ships about 3 million barrels of oil a day to the U.S.", [(3e6, "barrels_per_day")]),
    ("The field pumps 400,000 barrels per day.", [(4e5, "barrels_per_day")]),
    ("Patients waited a median of 21.4 hours for a bed.", [(21.4, "hours")]),
])
def test_physical_quantities_take_their_unit(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The region could see 15 to 25 centimetres of snow.", [(15.0, "centimetres"), (25.0, "centimetres")]),
    ("The miner expects to ship between 11.2 million and 12.4 million tonnes.", [(11.2e6, "tonnes"),
                                                                                  (12.4e6, "tonnes")]),
    ("Duties of 10-15% apply to the goods.", [(10.0, "percent"), (15.0, "percent")]),
    ("Rents rose 4-6pc in the capital.", [(4.0, "percent"), (6.0, "percent")]),
    ("Rates were due to climb on Jan. 1 to 30% for furniture.", [(30.0, "percent")]),
    ("Margins could narrow 40-80 basis points.", [(0.4, "percentage_points"), (0.8, "percentage_points")]),
    ("The payout rose 35-40 cents a share.", [(0.35, "USD"), (0.4, "USD")]),
    ("Readings range from minus 60 to 15 degrees Celsius.", [(-60.0, "celsius"), (15.0, "celsius")]),
    ("It would cost the state €300 million in 2026 and €1.2 billion later.", [(3e8, "EUR"), (1.2e9, "EUR")]),
])
def test_a_range_low_shares_the_unit_but_dates_and_years_are_no_range(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Canadian dollar rose to 72.4 U.S. cents after the data.", [(0.724, "USD")]),
    ("The yen weakened to 149.6 per dollar on Tuesday.", [(149.6, "JPY")]),
    ("The Hong Kong dollar held at 7.79 per U.S. dollar.", [(7.79, "HKD")]),
    ("The peso firmed to 18.4 per dollar after the vote.", [(18.4, "MXN")]),
    ("The bank raised its quarterly dividend by 4 cents to C$1.52 a share.", [(0.04, "CAD"), (1.52, "CAD")]),
])
def test_cents_and_exchange_rates_take_the_quoted_currency(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("The central bank cut its rate by 25 basis points to 2.75%.", [(0.25, "percentage_points"), (2.75, "percent")]),
    ("Yields rose 12 bps on the week.", [(0.12, "percentage_points")]),
    ("Growth slowed by 0.4 ppt to 1.1%.", [(0.4, "percentage_points"), (1.1, "percent")]),
    ("The bank cut by a quarter of a percentage point to 2.5%.", [(0.25, "percentage_points"), (2.5, "percent")]),
    ("One governor wanted a half-point cut.", [(0.5, "percentage_points")]),
    ("About 1 in 5 jobs in the town depend on the plant.", [(20.0, "percent")]),
    ("Shipments to China have fallen by roughly half since May.", [(50.0, "percent")]),
    ("Iowa raises roughly a third of the nation's hogs.", [(33.3333, "percent")]),
    ("Sales rose 4% in the first half of the year.", [(4.0, "percent")]),
    ("About half of the province's maple syrup is sold abroad.", [(50.0, "percent")]),
    ("The loonie firmed by about a third of a U.S. cent.", []),
    ("The plant is half of a mile from the river.", []),
])
def test_points_and_spelled_shares(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "value", "qualifier", "measure"), [
    ("She said 2,000 soldiers were sent to the coast.", 2000.0, None, "soldiers"),
    ("The parade drew an estimated 80,000 spectators.", 80000.0, "an estimated", "spectators"),
    ("More than 3 million Quebecers voted on Monday.", 3e6, "more than", "Quebecers"),
])
def test_counts_keep_thousands_qualifiers_and_people(nlp_sm, text, value, qualifier, measure):
    [fig] = figures_of(nlp_sm, text)
    assert (fig.value, fig.unit, fig.qualifier, fig.measure) == (value, "count", qualifier, measure)


def test_bad_noise_table_names_file_and_key(tmp_path):
    from nlp.errors import RuleDataError
    from nlp.rules import figure_tables

    tables = '[cents]\ncents = "USD"\n[currency_names]\nyen = "JPY"\n'
    (tmp_path / "figure_units.toml").write_text(tables + '[noise]\nlabels = ["Section"]\n')
    with pytest.raises(RuleDataError, match=r"figure_units.toml: \[noise\] `model_suffixes`"):
        figure_tables(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("The recount gave Moreau 38,211 votes in the riding.", [(38211.0, "count")]),
    ("Roughly 9 million of the nearly 60 million registered voters took part.", [(9e6, "count"),
                                                                                 (60e6, "count")]),
    ("The firm employs 12,000 people in Canada and roughly 25,000 in Mexico.", [(12000.0, "count"),
                                                                                (25000.0, "count")]),
    ("He said 3 would stay.", []),
    ("We will not wait for the next 12,000, she said.", [(12000.0, "count")]),
])
def test_large_numbers_count_whatever_the_model_tags_them(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize("text", [
    "The agency listed 40 firms last month, 17 of them in Shenzhen.",
    "Of the new stores, he said 17 of those would open in Ontario.",
])
def test_a_count_of_them_is_a_figure(nlp_sm, text):
    assert (17.0, "count") in units_of(nlp_sm, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The utility raised $2.3bn in the offering.", [(2.3e9, "USD")]),
    ("The group will invest Rs 750 cr in the plant.", [(7.5e9, "INR")]),
    ("The club was fined 3 million pounds.", [(3e6, "GBP")]),
    ("Buyers took 30 million pounds of pork, and the calf weighed 90 pounds.", [(3e7, "pounds"), (90.0, "pounds")]),
    ("The lender booked a $1.7 bln charge.", [(1.7e9, "USD")]),
    ("The group paid USD1.4bn for the stake.", [(1.4e9, "USD")]),
    ("Its market value reached $2 trln.", [(2e12, "USD")]),
    ("The state will spend Rs 2.5 lakh crore on roads.", [(2.5e12, "INR")]),
    ("The telecom group took a SEK 3 billion charge.", [(3e9, "SEK")]),
    ("The exchange raised 8 billion riyals.", [(8e9, "SAR")]),
    ("The builder earned 2.1 billion dirhams.", [(2.1e9, "AED")]),
    ("The contract is worth 4 billion lira.", [(4e9, "TRY")]),
    ("Prices rose 2.7pc in June.", [(2.7, "percent")]),
    ("The note pays 6-1/2 percent.", [(6.5, "percent")]),
    ("The refit will cost $3-4 billion.", [(3e9, "USD"), (4e9, "USD")]),
    ("Repairs cost between $2 and $3 million.", [(2e6, "USD"), (3e6, "USD")]),
    ("China pledged 2.8 billion yuan ($390 million) in aid.", [(2.8e9, "CNY"), (3.9e8, "USD")]),
    ("Costs rose by $2 million, or 3 percent, to $69 million.", [(2e6, "USD"), (3.0, "percent"), (6.9e7, "USD")]),
])
def test_money_and_percent_in_wire_shapes(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


def test_a_catalogue_number_is_not_a_scaled_count(nlp_sm):
    assert units_of(nlp_sm, "The planet LHS 2207 b orbits a red dwarf.") == []


def test_missing_cents_table_names_file_and_key(tmp_path):
    from nlp.errors import RuleDataError
    from nlp.rules import figure_tables

    (tmp_path / "figure_units.toml").write_text('[currency_names]\nyen = "JPY"\n')
    with pytest.raises(RuleDataError, match=r"figure_units.toml: missing table \[cents\]"):
        figure_tables(tmp_path)


def measures_of(nlp_sm, text):
    return [(f.text, f.measure) for f in figures_of(nlp_sm, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing kept a 24-percent additional tariff on U.S. goods.", [("24-percent", "tariff")]),
    ("The current 25% rate will stay until June.", [("25%", "rate")]),
    ("Canada kept its own 25% counter-tariff on U.S. trucks.", [("25%", "counter-tariff")]),
    ("Lobster now faces a so-called 25% retaliatory duty.", [("25%", "retaliatory duty")]),
    ("Exporters braced for losses after the tariff took effect, doubling an earlier 25% duty as a penalty.",
     [("25%", "duty")]),
    ("Coverage is about 70 per cent nationally, well below the 90 per cent goal.",
     [("about 70 per cent", "Coverage"), ("90 per cent", "goal")]),
    ("About 3 million more households fell into arrears.", [("About 3 million", "households")]),
    ("The range was cut from its previous range of 5 to 6 per cent.", [("5", "range"), ("6 per cent", "range")]),
])
def test_measure_drops_words_of_state_and_the_figure_itself(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Up to 40,000 Chinese-made electric vehicles a year will enter Canada.", [("Up to 40,000", "electric vehicles")]),
    ("About 50,000 British-built cars a year enter the U.S. market.", [("About 50,000", "cars")]),
])
def test_measure_drops_hyphenated_country_words(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A 25% tariff on trucks and a 10% tariff on buses took effect.", [("25%", "tariff"), ("10%", "tariff")]),
    ("Lumber already faces anti-dumping and countervailing duties of 20%.",
     [("20%", "anti-dumping and countervailing duties")]),
])
def test_measure_joins_conjuncts_without_a_figure_of_their_own(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Chipmakers face a 50% Section 301 tariff on their wafers.", [("50%", "Section 301 tariff")]),
    ("Softwood now carries a 10% Section 232 tariff on top of other duties.", [("10%", "Section 232 tariff")]),
])
def test_a_label_keeps_its_number_in_the_measure(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Fishers shipped C$2 billion worth of live lobster to China.", [("C$2 billion", "live lobster")]),
    ("Farm exports to Japan were worth about US$3 billion last year.", [("about US$3 billion", "Farm exports")]),
    ("The waiver covers goods worth C$5 billion a year.", [("C$5 billion", "goods")]),
    ("Gas storage tanks were 85% full on Friday.", [("85%", "Gas storage tanks")]),
    ("Occupancy in the downtown core was 85 per cent on Friday.", [("85 per cent", "Occupancy")]),
    ("Lumber prices were up 12% at midday.", [("12%", "Lumber prices")]),
    ("Europe's output was steady, with sales down 9%.", [("9%", "sales")]),
    ("Ranchers shipped about 500,000 head of feeder cattle south.", [("about 500,000", "feeder cattle")]),
    ("The levy raised about £900m in revenue last year.", [("about £900m", "revenue")]),
])
def test_worth_and_predicates_measure_what_they_describe(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ottawa delayed a planned increase in duties to 30% from 25%.", [("30%", "duties"), ("25%", "duties")]),
    ("The grocer reported a 7% rise in profit.", [("7%", "profit")]),
    ("The union won a 12% wage increase in the first year.", [("12%", "wage increase")]),
])
def test_a_bare_change_measures_what_changes(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials pointed to canola exports, which rose 12% last year.", [("12%", "canola exports")]),
    ("The duties, ranging from 10% to 15%, apply to brandy.", [("10%", "duties"), ("15%", "duties")]),
    ("Canada drops dairy tariffs she puts at 200% to 300%.", [("200%", "dairy tariffs"), ("300%", "dairy tariffs")]),
    ("Ottawa will keep its 25 per cent counter-tariffs on steel.", [("25 per cent", "counter-tariffs")]),
])
def test_measure_reaches_the_noun_a_clause_or_a_torn_hyphen_hides(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("About 40% of the province's C$9 billion in farm exports go to Asia.",
     [("About 40%", "farm exports"), ("C$9 billion", "farm exports")]),
])
def test_a_share_of_an_amount_measures_what_the_amount_measures(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hackers had accessed about 12,000 taxpayer accounts over two years.", [("about 12,000", "taxpayer accounts")]),
])
def test_a_number_measures_its_head_even_when_the_tagger_calls_it_a_verb(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The consortium will spend at least C$1.5 billion on its plant.", [("at least C$1.5 billion", None)]),
    ("Steelmakers will pay 34.5 per cent.", [("34.5 per cent", None)]),
])
def test_what_a_subject_spends_or_pays_measures_nothing_named(nlp_sm, text, expected):
    assert measures_of(nlp_sm, text) == expected


def test_bad_measures_table_names_file_and_key(tmp_path):
    from nlp.errors import RuleDataError
    from nlp.rules import figure_tables

    noise = "\n".join(f'{key} = ["x"]' for key in
                      ("labels", "model_suffixes", "indexes", "months", "time_units", "not_counted"))
    tables = f'[cents]\ncents = "USD"\n[currency_names]\nyen = "JPY"\n[noise]\n{noise}\n'
    (tmp_path / "figure_units.toml").write_text(tables + '[measures]\nstate_words = ["new"]\n')
    with pytest.raises(RuleDataError, match=r"figure_units.toml: \[measures\] `change_nouns`"):
        figure_tables(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    # scales written short
    ("The app maker raised $2.4B and spent $380K on the launch.", [(2.4e9, "USD"), (3.8e5, "USD")]),
    ("Quarterly profit was 41.7 mln euros and sales reached $1.9 bil. in the period.", [(41.7e6, "EUR"),
                                                                                          (1.9e9, "USD")]),
    # currencies written after the number, as words or ISO codes
    ("The insurer paid 4 million USD and 2.5 billion Danish kroner in claims.", [(4e6, "USD"), (2.5e9, "DKK")]),
    ("The peso slid to 1,050 Argentine pesos per dollar.", [(1050.0, "ARS")]),
    ("Lunch in Geneva costs 38 francs.", [(38.0, "CHF")]),
    ("BHP earned $US9.1 billion, or $A13.6 billion.", [(9.1e9, "USD"), (13.6e9, "AUD")]),
    # spelled numbers with a scale and a currency
    ("The city set aside three million dollars and the state a billion dollars.", [(3e6, "USD"), (1e9, "USD")]),
    ("The fund lost twenty-five million euros.", [(25e6, "EUR")]),
])
def test_money_scales_and_currencies_after_the_number(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Unilever fell 74p to 4,512p in London.", [(0.74, "GBP"), (45.12, "GBP")]),
    ("Soybeans rose 7-3/4 cents to $10.21-1/2 a bushel.", [(0.0775, "USD"), (10.215, "USD")]),
    ("The meeting ends at 3p.m. and the stream runs in 1080p.", []),
])
def test_pence_and_grain_quotes_are_converted(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Housing starts fell -3.4% in May after a +2.1% gain in April.", [(-3.4, "percent"), (2.1, "percent")]),
    ("Copper lost -0.7 per cent and zinc -12bp of margin.", [(-0.7, "percent"), (-0.12, "percentage_points")]),
    ("Forecasts ranged over 2.1%-2.5% and 10-15%.", [(2.1, "percent"), (2.5, "percent"), (10.0, "percent"),
                                                    (15.0, "percent")]),
])
def test_an_explicit_minus_is_kept_but_a_range_dash_is_not_one(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Joblessness held at seven per cent and inflation at three percent.", [(7.0, "percent"), (3.0, "percent")]),
    ("Growth ran 0.3 pp below the forecast.", [(0.3, "percentage_points")]),
    ("Markets price in a 0.5-point hike in June.", [(0.5, "percentage_points")]),
    ("The Tories rose 3 points to 41% while Labour slipped to 29%.", [(3.0, "percentage_points"), (41.0, "percent"),
                                                                      (29.0, "percent")]),
    ("Two-thirds of members backed the plan, up 6 points since the spring.", [(200 / 3, "percent"),
                                                                              (6.0, "percentage_points")]),
    ("The FTSE 100 rose 42 points, or 0.5%, to 8,310.", [(0.5, "percent")]),
    ("The central bank trimmed its rate to half a per cent.", [(0.5, "percent")]),
    ("Exports climbed up about one-fifth from last year.", [(20.0, "percent")]),
    ("Roughly three-fifths of the harvest is exported.", [(60.0, "percent")]),
    ("Nearly 8 in 10 Albertans back the pipeline.", [(80.0, "percent")]),
])
def test_spelled_percents_points_and_shares(nlp_sm, text, expected):
    assert [(round(v, 4), u) for v, u in units_of(nlp_sm, text)] == sorted((round(v, 4), u) for v, u in expected)


@pytest.mark.parametrize(("text", "percents"), [
    ("The guard hit a 3-point shot to give the Leafs a 12-point lead.", []),
    ("Crews cleared 3 in 10 minutes.", []),
    ("The Dow rose 300 points as the VIX fell 2.1 points; 60% of stocks gained.", [(60.0, "percent")]),
])
def test_points_of_games_and_indexes_and_times_are_no_percents(nlp_sm, text, percents):
    assert [(v, u) for v, u in units_of(nlp_sm, text) if u.startswith("percent")] == percents


@pytest.mark.parametrize(("text", "expected"), [
    ("The rupee ended at 84.1 against the dollar.", [(84.1, "INR")]),
])
def test_an_exchange_rate_against_the_dollar_is_the_quoted_currency(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She won the 1,500 metres in 3:58.21 and the relay in 1:02:44.", [(1500.0, "metres")]),
    ("The centre shot 9-of-14 from the floor.", []),
    ("The airline grounded its 737 MAX 8 fleet for 200 inspections.", [(200.0, "count")]),
    ("The defenceman wears number 44 in Ottawa.", []),
    ("The VIX rose 3.1 points to 21.4 as stocks slid 2%.", [(2.0, "percent")]),
    ("A 4.8-magnitude quake shook a 30-storey tower and a 40-foot trailer.", []),
    ("A 7.4 magnitude quake hit, and the rupee lost 12 paise.", [(0.12, "INR")]),
    ("The office at 200 B Street NW hands out $500 grants.", [(500.0, "USD")]),
    ("It was 104F in Phoenix and -40C in Yellowknife as two F-35 jets flew past a Long March-2F.",
     [(104.0, "fahrenheit"), (-40.0, "celsius")]),
    ("Sprinters were separated by 0.04 seconds.", [(0.04, "seconds")]),
    ("Demand hit 98 billion cubic feet and speeds reached 300 Mbps.", [(98e9, "cubic_feet"),
                                                                        (300.0, "megabits_per_second")]),
])
def test_news_noise_and_units(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


def test_bad_figure_words_table_names_file_and_key(tmp_path):
    from nlp.errors import RuleDataError
    from nlp.figure_words import figure_words

    (tmp_path / "figure_units.toml").write_text('[number_words]\none = 1\n[fractions]\nhalf = 50\n[words]\n'
                                                'point_changes = ["cut"]\n')
    with pytest.raises(RuleDataError, match=r"figure_units.toml: \[words\] `point_moves`"):
        figure_words(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lagos approved ₦1.2 trillion and Nairobi KSh 3.4 billion.", [(1.2e12, "NGN"), (3.4e9, "KES")]),
    ("Gasoline rose 12¢ a gallon.", [(0.12, "USD")]),
    ("The note yields .5% more.", [(0.5, "percent")]),
    ("The town won a 5 million-dollar grant.", [(5e6, "USD")]),
])
def test_currency_signs_cents_sign_leading_point_and_dollar_compounds(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Raptors, who in 2019 won the title, will try 3 more times.", []),
    ("A ticket costs 500 won, or USD 0.35.", [(500.0, "KRW"), (0.35, "USD")]),
])
def test_codes_are_capitals_and_a_year_before_won_is_no_money(nlp_sm, text, expected):
    assert units_of(nlp_sm, text) == sorted(expected)


def test_a_number_after_from_counts_what_the_count_before_it_counts(nlp_sm):
    figs = figures_of(nlp_sm, "Boeing delivered 116 jets, down from 145.")
    assert [(f.value, f.unit, f.measure) for f in figs] == [(116.0, "count", "jets"), (145.0, "count", "jets")]
