"""The French pipeline: routing by language, and French actors, sectors, figures and tariff claims."""

from __future__ import annotations

import pytest

from nlp.analyzer import Text, route


@pytest.fixture(scope="module")
def french_nlp():
    from nlp.french import build_french_nlp

    return build_french_nlp()


@pytest.fixture(scope="module")
def fr(french_nlp):
    from nlp.french import french_analysis

    def analyse(text: str):
        return french_analysis(french_nlp(text), id="t")

    return analyse


def codes(analysis) -> set[str]:
    return {a.code for a in analysis.actors if a.code}


def figures(analysis) -> list[tuple[float, str]]:
    return [(round(f.value, 4), f.unit) for f in analysis.figures]


def claims(analysis) -> list[tuple[str | None, str | None, str]]:
    return [(c.imposer, c.target, c.action) for c in analysis.tariff_claims]


def test_route_sends_unknown_to_english_french_to_french_and_others_nowhere():
    assert [route(x) for x in (None, "en", "fr", "de", "es")] == ["en", "en", "fr", None, None]


def test_analyzer_routes_each_text_by_language_and_keeps_order(analyzer):
    texts = [Text(id="fr", language="fr",
                  text="Ottawa imposera des droits de douane de 25 % sur les produits américains."),
             Text(id="de", language="de", text="Die Regierung erhebt Zölle von 25 Prozent auf Stahl aus Kanada."),
             Text(id="en", text="Ottawa will impose 25% tariffs on American steel.")]
    fr_, de, en = analyzer.analyze(texts)
    assert [fr_.id, de.id, en.id] == ["fr", "de", "en"]
    assert claims(fr_) == [("CAN", "USA", "announced")] and fr_.tariff_claims[0].rate == 25.0
    assert (de.actors, de.figures, de.tariff_claims, de.topics, de.sectors) == ((), (), (), (), ())
    assert en.tariff_claims and en.tariff_claims[0].imposer == "CAN"


def test_french_model_loads_only_for_french_text_and_is_in_the_version(nlp_sm):
    from nlp.analyzer import Analyzer

    analyzer = Analyzer(nlp=nlp_sm)
    analyzer.analyze([Text(id="a", text="Canada imposes tariffs.")])
    assert analyzer._french is None
    assert "fr_core_news_sm-3.8.0" in analyzer.version


@pytest.mark.parametrize(("text", "expected"), [
    ("Les droits atteignent 45,19 % cette année.", [(45.19, "percent")]),
    ("Une hausse de 25\u00a0% des droits.", [(25.0, "percent")]),
    ("Les producteurs ont versé 3,6 milliards de dollars.", [(3.6e9, "CAD")]),
    ("Une aide de 450 M$ et un prêt de 2,5 G$.", [(4.5e8, "CAD"), (2.5e9, "CAD")]),
    ("Le huard valait 71,4 ¢ US mardi.", [(0.714, "USD")]),
    ("Les ventes de 12 millions de dollars américains.", [(1.2e7, "USD")]),
    ("Quelque 1\u202f200 travailleurs et 3 000 tonnes d'acier.", [(1200.0, "count"), (3000.0, "tonnes")]),
    ("Des droits de 10 à 15 % selon les produits.", [(10.0, "percent"), (15.0, "percent")]),
    ("La moitié des exportations vont aux États-Unis.", [(50.0, "percent")]),
    ("En vertu de l'article 232, depuis 2017, à 10 h 42, pendant 90 jours.", []),
    ("Un budget de 1,2 milliard de dollars, dont 700 millions en prêts.", [(1.2e9, "CAD"), (7e8, "CAD")]),
])
def test_french_figures(fr, text, expected):
    assert figures(fr(text)) == expected


def test_qualifier_is_the_french_hedge(fr):
    found = fr("Les entreprises ont versé plus de 1,8 milliard de dollars.")
    assert [f.qualifier for f in found.figures] == ["plus de"]


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Ottawa a annoncé des contre-tarifs sur les produits américains.", {"CAN", "USA"}, set()),
    ("Hydro-Québec hausse ses prix à Montréal.", set(), {"CA-QC"}),
    ("Le ministre a parlé à Ottawa de la Chine.", {"CHN"}, {"CAN"}),
    ("Les producteurs laitiers québécois sont inquiets.", {"CA-QC"}, set()),
    ("Le prix atteint 80 dollars américains le baril.", set(), {"USA"}),
    ("QUÉBEC — Le gouvernement de l'Ontario et l'Union européenne discutent.", {"CA-ON", "EU"}, {"CA-QC"}),
])
def test_french_places(fr, text, present, absent):
    found = codes(fr(text))
    assert present <= found and not (absent & found)


def test_french_aliases_name_the_canonical_actor(fr):
    found = fr("La Maison-Blanche a répondu au gouvernement Carney mardi.")
    assert {a.name for a in found.actors} >= {"White House", "Mark Carney"}


def test_byline_and_credit_name_no_actor(fr):
    found = fr("Par Hélène Gagnon\n\nLa Chine répond.\n\nPhoto : Une usine. (Radio-Canada / Jean-Philippe Roy)")
    assert {a.name for a in found.actors} == {"China"}


@pytest.mark.parametrize(("text", "sectors"), [
    ("Les scieries et le bois d'oeuvre souffrent.", {"lumber"}),
    ("Les produits laitiers et l'acier sont visés.", {"dairy", "steel"}),
    ("Un bras de fer s'engage.", set()),
])
def test_french_sectors(fr, text, sectors):
    assert {s.sector for s in fr(text).sectors} == sectors


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington imposera des droits de douane de 25 % sur les produits canadiens.", [("USA", "CAN", "announced")]),
    ("Donald Trump menace d'imposer des droits de douane de 10 % au Canada.", [("USA", "CAN", "threatened")]),
    ("Les États-Unis pourraient imposer une surtaxe de 50 % sur l'acier canadien.", [("USA", "CAN", "threatened")]),
    ("Ottawa a levé les contre-tarifs sur les produits américains.", [("CAN", "USA", "removed")]),
    ("La Chine suspend ses droits de douane sur le canola canadien.", [("CHN", "CAN", "suspended")]),
    ("Le Canada n'imposera pas de surtaxe sur les produits américains.", []),
    ("Les tarifs d'Hydro-Québec augmenteront de 3 % en avril.", []),
])
def test_french_claims(fr, text, expected):
    assert claims(fr(text)) == expected


def test_a_measure_in_force_since_a_date_is_background(fr):
    found = fr("La Maison-Blanche maintient des droits de douane de 35 % sur les produits canadiens, "
               "une mesure en vigueur depuis le 1er août.")
    assert claims(found) == [("USA", "CAN", "imposed")] and found.tariff_claims[0].background
    assert found.tariff_claims[0].evidence.startswith("La Maison-Blanche maintient")


def test_an_unsaid_target_is_canada_in_a_text_that_names_it(fr):
    found = fr("Le droit de 10 % imposé par Washington sur le bois québécois est entré en vigueur mardi.")
    assert claims(found) == [("USA", "CAN", "imposed")]


def test_a_demand_in_force_since_a_date_is_imposed_background(fr):
    found = fr("Depuis le 14 août, la Chine exige un dépôt antidumping de 75,8 % sur le canola canadien.")
    assert claims(found) == [("CHN", "CAN", "imposed")] and found.tariff_claims[0].background


def names_of(analysis) -> set[str]:
    return {a.name for a in analysis.actors}


def test_an_organisation_runs_on_over_its_place_and_its_acronym_is_no_second_actor(fr):
    found = fr("« Le choc est brutal », dit Marc Tremblay, du Conseil de l'industrie forestière du Québec (CIFQ).")
    assert "Conseil de l'industrie forestière du Québec" in names_of(found)
    assert "CIFQ" not in names_of(found) and "CA-QC" not in codes(found)


def test_a_place_in_a_hyphenated_name_is_the_organisation(fr):
    found = fr("Hydro-Québec a publié ses résultats mardi.")
    assert "Hydro-Québec" in names_of(found) and "CA-QC" not in codes(found)


def test_a_ministry_is_named_without_its_nationality(fr):
    found = fr("Le ministère chinois du Commerce a répondu mardi.")
    assert "ministère du Commerce" in names_of(found)


def test_a_titled_surname_is_the_person_named_in_full(fr):
    found = fr("Patrick Dubé, économiste, est prudent. Selon M. Dubé, la reprise tardera.")
    assert [a.name for a in found.actors if a.kind == "person"] == ["Patrick Dubé"]


def test_pycountry_french_names_and_a_first_name_that_is_a_country(fr):
    found = fr("Le Royaume-Uni et l'Allemagne négocient, selon Dominique Fortier, analyste.")
    assert {"GBR", "DEU"} <= codes(found) and "DMA" not in codes(found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Les tarifs hors contingent du Canada sur le beurre atteignent 240 %.", [("CAN", None, "imposed")]),
    ("Depuis l'été, les producteurs québécois paient des droits de 35,19 % aux États-Unis.",
     [("USA", "CAN", "imposed")]),
    ("Carney veut renouer avec Pékin, sans promettre de lever la surtaxe sur les véhicules chinois.", []),
    ("Le Canada a abandonné sa taxe de 3 % sur les services numériques.", []),
])
def test_french_claim_parties_and_negation(fr, text, expected):
    assert claims(fr(text)) == expected


def test_a_sentence_listing_duties_in_force_gives_one_claim_per_rate(fr):
    found = fr("Les droits américains de 50 % sur l'acier et de 25 % sur les véhicules frappent toujours le Canada.")
    assert [(c.imposer, c.target, c.rate) for c in found.tariff_claims] == [("USA", "CAN", 50.0), ("USA", "CAN", 25.0)]


def test_a_title_restating_the_body_is_no_second_claim(french_nlp):
    from nlp.french import french_analysis

    title = "Washington retire sa surtaxe de 40 %"
    text = (f"{title}\n\nLe président a signé jeudi un décret qui retire la surtaxe de 40 % imposée au Brésil "
            "par Washington.")
    found = french_analysis(french_nlp(text), id="t", title_chars=len(title))
    assert len(found.tariff_claims) == 1 and found.tariff_claims[0].evidence.startswith("Le président")


def test_a_french_text_reaches_the_topic_model_as_french():
    from nlp.analyzer import Text, topic_input
    from nlp.records import Analysis

    def read(language):
        return topic_input(Text(id="t", text="des droits de douane", language=language), Analysis(id="t"))

    assert read("fr").language == "fr"
    assert read(None).language is None and read("en").language is None


def test_the_demo_french_feed_gives_language_neutral_claims(analyzer):
    import feedparser

    from tests.conftest import ROOT

    feed = feedparser.parse(str(ROOT / "examples" / "feeds" / "fil_fr.rss"))
    assert feed.feed.language == "fr-ca"
    texts = [Text(id=e.id, title=e.title, text=e.description, language="fr") for e in feed.entries]
    found = {t.id: claims(a) for t, a in zip(texts, analyzer.analyze(texts), strict=True)}
    assert found["newsmon-fr-20261112-0001"] == [("CAN", "USA", "retaliated")]
    assert found["newsmon-fr-20261124-0005"] == [("CA-ON", "USA", "removed")]
    assert found["newsmon-fr-20261124-0006"] == []  # Hydro-Québec's rates


@pytest.mark.parametrize(("text", "expected"), [
    ("Plus de 45 000 clients et 20 scieries de la région.", [(45000.0, "count"), (20.0, "count")]),
    ("En vertu de l'article 232, Apple lance l'iPhone 17.", []),
    ("Il fera -12 °C cette nuit.", [(-12.0, "celsius")]),
    ("Le quart-arrière a lancé le ballon; le quart des ventes va aux États-Unis.", [(25.0, "percent")]),
])
def test_french_counts_names_and_signs(fr, text, expected):
    assert figures(fr(text)) == expected


def test_a_share_is_no_rate_of_the_duty(fr):
    found = fr("Environ 85 % des exportations canadiennes entrent sans droits, tandis que les autres paient toujours "
               "des droits de 35 % aux États-Unis.")
    assert [c.rate for c in found.tariff_claims] == [35.0]


def test_extract_identifies_the_language_of_a_record_without_one(tmp_path, analyzer, monkeypatch):
    import json

    from typer.testing import CliRunner

    import nlp.analyzer
    from newsmon.cli import app

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "title": "Ottawa riposte", "text": (
        "Le gouvernement canadien imposera des contre-tarifs de 25 % sur les produits américains dès lundi, "
        "a annoncé le ministre des Finances, qui dit répondre aux droits de douane imposés par Washington.")},
        ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--input", str(source)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[-1])
    assert [(c["imposer"], c["target"]) for c in record["tariff_claims"]] == [("CAN", "USA")]
    assert record["language"] == "fr"  # the pipeline that ran


@pytest.mark.parametrize("language", ["fr", "FR", "fr-CA", "French"])
def test_extract_reads_a_declared_language_as_a_tag_in_any_case(tmp_path, analyzer, monkeypatch, language):
    import json

    from typer.testing import CliRunner

    import nlp.analyzer
    from newsmon.cli import app

    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: analyzer)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "language": language, "title": "Ottawa riposte", "text": (
        "Le gouvernement canadien imposera des contre-tarifs de 25 % sur les produits américains dès lundi.")},
        ensure_ascii=False) + "\n" + json.dumps({"id": "b", "text": "x", "language": 5}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--input", str(source)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["imposer"], c["target"]) for c in records[0]["tariff_claims"]] == [("CAN", "USA")]
    assert records[0]["language"] == "fr"  # the declared one, as a tag
    assert records[1] == {"id": "b", "error": "line 2: language must be a string"}


def test_companies_of_the_shared_alias_file_and_no_minister_as_a_body(fr):
    found = fr("Algoma Steel et Canfor réduisent leur production, selon le ministre de l'Agriculture.")
    assert {"Algoma Steel", "Canfor"} <= names_of(found)
    assert not any(name.lower().startswith("ministre") for name in names_of(found))


def test_a_person_of_the_shared_file_is_no_party_to_a_claim(fr):
    found = fr("« Les droits américains de 50 % sur l'acier restent en place », a lancé Doug Ford.")
    assert "Doug Ford" in names_of(found)
    assert [c.imposer for c in found.tariff_claims] == ["USA"]


def test_a_chunk_routes_each_text_and_an_unsupported_language_is_no_error(analyzer):
    from nlp.chunks import analyze_chunk

    texts = [Text(id="fr", language="fr", text="La Chine suspend ses droits de douane sur le canola canadien."),
             Text(id="de", language="de", text="Die Regierung erhebt Zölle auf Stahl.")]
    result = analyze_chunk(analyzer, texts)
    assert result.errors == []
    fr_, de = result.analyses
    assert claims(fr_) == [("CHN", "CAN", "suspended")] and (de.actors, de.topics) == ((), ())


def test_a_dask_worker_chunk_carries_each_article_s_language(analyzer, monkeypatch):
    import newsmon.cluster
    from storage.analyses import PendingArticle

    monkeypatch.setattr(newsmon.cluster, "worker_analyzer", lambda: analyzer)
    pending = [PendingArticle(article_id="a", title="", content_hash="h", language="fr",
                              text="La Chine suspend ses droits de douane sur le canola canadien.")]
    chunk = newsmon.cluster.analyze_on_worker(pending, batch_size=8)
    assert claims(chunk.analyses[0]) == [("CHN", "CAN", "suspended")]
