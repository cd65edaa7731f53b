"""French tariff claims beyond one sentence's words: parties from the article, retaliation, requests,
modality, background and negation (nlp/french_claims.py, nlp/french_claim_story.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def fr():
    from nlp.french import build_french_nlp, french_analysis

    nlp = build_french_nlp()

    def analyse(text: str):
        return french_analysis(nlp(text), id="t")

    return analyse


def claims(analysis) -> list[tuple[str | None, str | None, str]]:
    return [(c.imposer, c.target, c.action) for c in analysis.tariff_claims]


@pytest.mark.parametrize(("text", "expected"), [
    ("La Chine a ouvert une enquête antidumping sur le canola canadien en septembre. "
     "Elle perçoit aussi des droits de 100 % sur l'huile de canola.", [("CHN", "CAN", "imposed")]),
    ("Washington a rompu les pourparlers avec Ottawa vendredi. "
     "Il menace maintenant d'imposer de nouveaux droits de douane de 10 %.", [("USA", "CAN", "threatened")]),
])
def test_a_pronoun_imposer_is_the_government_of_the_sentence_before(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the target the article makes clear, whichever country that is (not Canada by default)
    ("Pékin et Washington négocient. Les États-Unis imposent des droits de douane de 20 % depuis mars. "
     "La Chine dénonce la mesure; la Chine promet de répondre. Le Canada observe.",
     [("USA", "CHN", "imposed")]),
    ("Le Canada et les États-Unis discutent de l'acier canadien. "
     "Washington imposera des droits de douane de 25 % dès lundi.", [("USA", "CAN", "announced")]),
    # the target of the imposer's earlier measure in the article
    ("Washington impose des droits de 35 % sur les produits canadiens. La Chine et le Mexique observent, "
     "et le Mexique négocie. Washington doublera ces droits de douane en janvier.",
     [("USA", "CAN", "imposed"), ("USA", "CAN", "announced")]),
])
def test_an_unsaid_target_is_the_one_the_article_makes_clear(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize("text", [
    "Le Canada et le Mexique négocient. Washington imposera des droits de douane de 25 % sur l'acier importé.",
    "Le Canada suit le dossier. Donald Trump menace d'imposer des droits de douane aux pays qui taxent "
    "les géants du numérique.",
])
def test_a_measure_on_every_origin_has_no_target(fr, text):
    assert [c.target for c in fr(text).tariff_claims] == [None]


def test_a_duty_paid_at_the_border_is_imposed_by_the_story_s_other_country(fr):
    found = fr("Washington impose des droits de 25 % sur l'acier canadien depuis juin. "
               "L'aluminium québécois paie toujours 50 % à la frontière.")
    assert claims(found) == [("USA", "CAN", "imposed"), ("USA", "CAN", "imposed")]
    assert found.tariff_claims[1].evidence.startswith("L'aluminium") and found.tariff_claims[1].background


def test_where_the_goods_enter_imposes_what_they_pay(fr):
    found = fr("Les produits conformes entrent aux États-Unis sans formalités, tandis que les autres "
               "produits canadiens paient 35 % à la frontière.")
    assert claims(found) == [("USA", "CAN", "imposed")]


def test_a_government_acting_in_its_own_clause_imposes_what_the_others_pay(fr):
    found = fr("Depuis que Washington a ajouté l'acier à sa liste, les remorques de l'entreprise beauceronne "
               "paient un droit de 50 % à la frontière canadienne.")
    assert [c.imposer for c in found.tariff_claims] == ["USA"]


@pytest.mark.parametrize(("text", "expected"), [
    ("La Chine perçoit des droits de 100 % sur le canola, présentés comme une riposte aux surtaxes "
     "canadiennes sur les véhicules électriques.", [("CHN", "CAN", "retaliated"), ("CAN", "CHN", "imposed")]),
    ("Ottawa a imposé des droits de 25 % sur le bourbon en réponse aux droits américains sur l'acier.",
     [("CAN", "USA", "retaliated"), ("USA", "CAN", "imposed")]),
])
def test_a_retaliation_targets_the_country_whose_measure_it_answers(fr, text, expected):
    found = fr(text)
    assert claims(found) == expected
    assert [c.background for c in found.tariff_claims][1:] == [True]


def test_the_answered_measure_has_its_own_rate(fr):
    found = fr("La Chine présente ces droits comme une riposte à la surtaxe de 100 % qu'Ottawa impose depuis "
               "octobre sur les véhicules électriques.").tariff_claims
    assert [(c.imposer, c.target, c.action, c.rate) for c in found] == [
        ("CHN", "CAN", "retaliated", None), ("CAN", "CHN", "imposed", 100.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le premier ministre de la Saskatchewan presse Ottawa de revoir ses droits sur les véhicules chinois.",
     [("CAN", "CHN", "relief_sought")]),
    ("La Chine a demandé à l'OMC d'examiner les surtaxes que le Canada impose sur ses véhicules électriques.",
     [("CAN", "CHN", "relief_sought")]),
    ("Le Canada conteste devant l'OMC les droits américains sur le bois d'oeuvre.",
     [("USA", "CAN", "relief_sought")]),
    ("Washington réclame un accès accru au marché canadien et la fin des tarifs hors contingent de 240 %.",
     [("CAN", "USA", "relief_sought")]),
])
def test_a_request_or_challenge_seeks_relief_from_the_imposer(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize(("text", "action", "rate"), [
    ("Les États-Unis réduiront de 20 % à 10 % le droit de douane sur les produits chinois.", "announced", 10.0),
    ("Washington haussera à 50 % les droits de douane sur l'acier canadien le 1er janvier.", "announced", 50.0),
    ("Washington a haussé mardi à 50 % les droits de douane sur l'acier canadien.", "raised", 50.0),
])
def test_a_future_rise_or_cut_is_announced_at_its_new_rate(fr, text, action, rate):
    found = fr(text).tariff_claims
    assert [(c.action, c.rate, c.background) for c in found] == [(action, rate, False)]


@pytest.mark.parametrize("text", [
    "Ottawa a renoncé à imposer des contre-tarifs sur les produits américains.",
    "Le gouvernement Carney refuse d'imposer des droits de douane sur les véhicules américains.",
])
def test_giving_up_a_measure_is_no_claim(fr, text):
    assert claims(fr(text)) == []


def test_a_body_claim_the_title_already_stated_is_kept_with_its_own_sentence(fr):
    from nlp.french import build_french_nlp, french_analysis

    title = "Ottawa maintient sa surtaxe sur les véhicules chinois"
    text = (f"{title}\n\nLa Chine perçoit des droits de 100 % sur l'huile de canola, présentés comme une riposte "
            "aux surtaxes canadiennes sur les véhicules électriques.")
    found = french_analysis(build_french_nlp()(text), id="t", title_chars=len(title)).tariff_claims
    assert [(c.imposer, c.target, c.action) for c in found] == [("CHN", "CAN", "retaliated"), ("CAN", "CHN", "imposed")]
    assert all(c.evidence.startswith("La Chine perçoit") for c in found)


def test_a_measure_in_force_with_no_rate_is_a_background_claim(fr):
    found = fr("Ottawa maintient sa surtaxe sur les véhicules électriques chinois.").tariff_claims
    assert [(c.imposer, c.target, c.action, c.rate, c.background) for c in found] == [
        ("CAN", "CHN", "imposed", None, True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("L'Ontario a imposé une surtaxe de 25 % sur l'électricité exportée vers les États-Unis, vite suspendue.",
     [("CA-ON", "USA", "suspended")]),
    ("La Commission européenne a suspendu mardi les contre-mesures tarifaires visant les produits américains.",
     [("EU", "USA", "suspended")]),
    ("Ottawa impose des contre-tarifs sur les produits américains depuis mars. Six mois plus tard, le "
     "gouvernement Carney a levé la majeure partie de ces mesures.",
     [("CAN", "USA", "retaliated"), ("CAN", "USA", "removed")]),
    # a quota let in duty-free: the subject waives its own duty on the other's goods
    ("Le Canada a ouvert 18 % de son marché laitier aux importations américaines sans droits.",
     [("CAN", "USA", "exempted")]),
])
def test_french_measure_words(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize(("text", "background"), [
    ("Les exportateurs européens continuent de payer des droits de 50 % à la frontière américaine.", True),
    ("Selon l'économiste, l'effet des contre-tarifs canadiens sur les prix américains a été modeste.", True),
    ("Pour les scieries canadiennes, le taux combiné des droits américains atteint désormais 45 %.", False),
    ("Washington imposera des droits de douane de 25 % sur les produits canadiens.", False),
])
def test_a_duty_only_named_or_paid_is_background_and_a_new_state_is_news(fr, text, background):
    assert [c.background for c in fr(text).tariff_claims] == [background]


@pytest.mark.parametrize(("text", "expected"), [
    # a place after "en" is where the news happened, not a party
    ("Lors d'un rassemblement en Ohio, le président américain a annoncé que son administration réimposerait "
     "des droits de douane de 10 % sur l'aluminium canadien.", [("USA", "CAN", "announced")]),
    # but goods made in a country come from it
    ("Ottawa impose une surtaxe de 100 % sur les véhicules électriques fabriqués en Chine.",
     [("CAN", "CHN", "imposed")]),
    # a conditional that is not told as a plan stays a threat
    ("Les États-Unis pourraient imposer une surtaxe de 50 % sur l'acier canadien.", [("USA", "CAN", "threatened")]),
    ("La ministre annonce que le Canada répliquerait en imposant des droits de 10 % sur les produits américains.",
     [("CAN", "USA", "retaliated")]),
    # an action noun elsewhere in the sentence is not the duty's action
    ("Le Canada imposera un tarif de 25 % sur l'acier chinois, ce qui pourrait provoquer des représailles.",
     [("CAN", "CHN", "announced")]),
])
def test_french_parties_and_modality_in_real_news_phrasing(fr, text, expected):
    assert claims(fr(text)) == expected


def test_an_infinitive_told_in_the_imperfect_is_background(fr):
    found = fr("En mars 2018, l'administration Trump invoquait la sécurité nationale pour imposer des droits "
               "sur les importations canadiennes d'acier.").tariff_claims
    assert [(c.imposer, c.target, c.background) for c in found] == [("USA", "CAN", True)]


@pytest.mark.parametrize("text", [
    "Il s'agit d'une réponse aux droits de douane canadiens imposés en octobre sur les véhicules électriques chinois.",
    "La Chine ouvre une enquête sur le canola, une mesure de rétorsion face aux surtaxes canadiennes sur les "
    "véhicules électriques chinois.",
])
def test_an_answered_measure_is_a_claim_without_a_duty_of_the_sentence_s_own(fr, text):
    found = fr(text).tariff_claims
    assert [(c.imposer, c.target, c.action, c.background) for c in found] == [("CAN", "CHN", "imposed", True)]


def test_rates_after_the_answer_belong_to_the_answered_measure(fr):
    found = fr("Les droits chinois interviennent en représailles aux droits qu'Ottawa a introduits en octobre, "
               "notamment une surtaxe de 100 % sur les véhicules électriques.").tariff_claims
    assert [(c.imposer, c.target, c.rate) for c in found] == [("CHN", "CAN", None), ("CAN", "CHN", 100.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ottawa menace d'imposer des mesures de rétorsion contre les produits américains.",
     [("CAN", "USA", "threatened")]),
    ("Le Canada imposera des contre-mesures de 25 % sur les produits américains.", [("CAN", "USA", "retaliated")]),
    ("Le président américain a annoncé une taxe douanière de 10 % sur l'aluminium canadien.",
     [("USA", "CAN", "announced")]),
])
def test_retaliation_and_tax_words_name_a_duty(fr, text, expected):
    assert claims(fr(text)) == expected


def test_a_duty_that_takes_effect_is_news(fr):
    found = fr("Les droits de douane américains de 25 % sur l'acier canadien sont entrés en vigueur mercredi.")
    assert [(c.imposer, c.target, c.action, c.background) for c in found.tariff_claims] == [
        ("USA", "CAN", "imposed", False)]


def test_a_rise_told_as_a_plan_is_announced(fr):
    found = fr("Le président américain a annoncé qu'il doublerait les droits de douane sur l'acier canadien.")
    assert claims(found) == [("USA", "CAN", "announced")]


def test_those_hit_by_a_duty_tell_of_a_duty_in_force_not_of_the_aid_s_future(fr):
    found = fr("Le gouvernement fédéral versera 370 M$ aux transformateurs de canola touchés par les droits de "
               "douane chinois.").tariff_claims
    assert [(c.imposer, c.action, c.background) for c in found] == [("CHN", "imposed", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Les produits conformes entrent aux États-Unis en franchise de droits, tandis que les autres produits "
     "canadiens paient 35 % à la frontière.", [("USA", "CAN", "imposed"), ("USA", "CAN", "exempted")]),
    ("Washington impose des droits de 50 % sur l'acier canadien; les pièces automobiles ne sont pas exemptées.",
     [("USA", "CAN", "imposed")]),
])
def test_goods_spared_beside_a_duty_are_an_exemption(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize("second", [
    "L'industrie canadienne du bois d'oeuvre est maintenant frappée par une taxe frontalière de 27 %.",
    "Les produits canadiens seront visés par des droits de 25 %.",
])
def test_a_passive_s_subject_bears_the_duty(fr, second):
    found = fr(f"Washington impose des droits antidumping sur le bois canadien depuis 2017. {second}")
    assert [(c.imposer, c.target) for c in found.tariff_claims] == [("USA", "CAN"), ("USA", "CAN")]


@pytest.mark.parametrize(("text", "action", "background"), [
    ("La surtaxe de 25 % sur l'acier américain entrera en vigueur lundi, a annoncé Ottawa.", "announced", False),
    ("Washington imposerait des droits de 35 % sur les produits canadiens, selon un haut fonctionnaire.",
     "threatened", False),
    ("Ottawa envisage d'imposer des droits de douane sur l'acier chinois.", "threatened", False),
    ("Si Washington double ses droits, alors le Canada imposera des contre-tarifs sur l'acier américain.",
     "threatened", False),
    ("Les droits américains de 10 % sur le bois canadien, en vigueur depuis octobre, pèsent sur les scieries.",
     "imposed", True),
    ("Les droits américains imposés en mars sur l'aluminium canadien pèsent sur les alumineries.", "imposed", True),
    ("L'acier canadien paie toujours des droits de 50 % aux États-Unis.", "imposed", True),
])
def test_french_modality_and_background(fr, text, action, background):
    assert [(c.action, c.background) for c in fr(text).tariff_claims] == [(action, background)]


def rated(analysis) -> list[tuple[str | None, str | None, str, float | None, bool]]:
    return [(c.imposer, c.target, c.action, c.rate, c.background) for c in analysis.tariff_claims]


@pytest.mark.parametrize(("text", "expected"), [
    # the old rate is no measure of its own; the move's direction gives the action, even beside a paid duty
    ("Les producteurs d'acier canadiens paient depuis lundi des droits de 50 % à la frontière américaine, "
     "Washington ayant fait passer le taux de 25 % à 50 %.", [("USA", "CAN", "raised", 50.0, False)]),
    ("Le Mexique ramène de 35 % à 20 % son droit de douane sur l'acier chinois.",
     [("MEX", "CHN", "lowered", 20.0, False)]),
])
def test_a_rate_moved_from_one_level_to_another_is_one_measure(fr, text, expected):
    assert rated(fr(text)) == expected


def test_a_measure_s_rate_is_the_one_in_its_own_phrase(fr):
    text = ("La Chine suspendra les droits supplémentaires de 24 % qu'elle perçoit sur les produits américains, "
            "mais gardera un taux de 10 %.")
    assert [c.rate for c in fr(text).tariff_claims] == [24.0]


def test_a_verb_of_telling_set_off_after_the_duty_reports_the_action(fr):
    text = ("La Chine suspendra pour six mois, à compter du 1er mars, les droits de 15 % qu'elle impose sur le porc "
            "canadien, a annoncé mardi le ministère du Commerce.")
    assert [(c.imposer, c.action, c.rate) for c in fr(text).tariff_claims] == [("CHN", "suspended", 15.0)]


@pytest.mark.parametrize(("text", "action"), [
    ("Washington a retiré jeudi le bœuf et le café de la liste des produits brésiliens soumis à la surtaxe "
     "de 40 %.", "exempted"),
    ("Washington a retiré jeudi la surtaxe de 40 % sur les produits brésiliens.", "removed"),
])
def test_goods_taken_off_a_duty_s_list_are_exempted(fr, text, action):
    assert [c.action for c in fr(text).tariff_claims] == [action]


@pytest.mark.parametrize(("text", "expected"), [
    ("La Chine impose depuis mars des droits de 25 % sur le porc canadien. "
     "Le Canada a demandé des consultations à l'OMC.", ("CHN", "CAN", "relief_sought")),
    ("Washington a imposé une surtaxe de 40 % sur le café brésilien en juillet. "
     "Le Brésil maintient sa contestation devant l'Organisation mondiale du commerce.",
     ("USA", "BRA", "relief_sought")),
    ("Washington a imposé une surtaxe de 40 % sur les produits brésiliens en juillet. "
     "Les avions et le jus d'orange en avaient été exemptés dès le départ.", ("USA", "BRA", "exempted")),
])
def test_a_sentence_with_no_duty_word_acts_on_the_article_s_measure(fr, text, expected):
    assert claims(fr(text))[-1] == expected


def test_a_trade_court_named_without_a_challenge_is_no_claim(fr):
    text = ("La Chine impose depuis mars des droits de 25 % sur le porc canadien. "
            "Un groupe spécial de l'OMC met en moyenne un an à rendre sa décision.")
    assert len(fr(text).tariff_claims) == 1


@pytest.mark.parametrize("second", [
    "Le ministère a indiqué avoir porté plainte auprès de l'OMC.",
    "Le Conseil des producteurs de porc contestera la mesure devant un groupe spécial de l'OMC.",
])
def test_a_challenge_by_an_unnamed_side_is_of_the_article_s_latest_measure(fr, second):
    text = "La Chine impose depuis mars des droits de 25 % sur le porc canadien. " + second
    assert claims(fr(text)) == [("CHN", "CAN", "imposed"), ("CHN", "CAN", "relief_sought")]


def test_a_nationality_of_the_goods_named_as_a_sector_is_the_target(fr):
    text = "La Chine impose des droits sur les produits américains. Le soja américain reste frappé d'un droit de 13 %."
    assert claims(fr(text))[-1] == ("CHN", "USA", "imposed")


def test_a_measure_someone_is_urged_to_take_is_threatened_by_the_one_urged(fr):
    text = ("Le premier ministre ontarien a exhorté Ottawa à imposer des droits de 100 % sur les véhicules assemblés "
            "aux États-Unis.")
    assert claims(fr(text)) == [("CAN", "USA", "threatened")]


def test_punishing_with_duties_is_a_duty(fr):
    text = "Donald Trump a affirmé qu'il pourrait punir l'Espagne avec des droits de douane."
    assert claims(fr(text)) == [("USA", "ESP", "threatened")]


@pytest.mark.parametrize(("text", "expected"), [
    ("La Chine exigera un dépôt de garantie de 75,8 % sur les graines de canola canadiennes.",
     [("CHN", "CAN", "announced")]),
    ("Le département du Commerce a fait passer de 7,66 % à 20,56 % le taux antidumping visant les exportateurs "
     "canadiens de bois d'oeuvre.", [("USA", "CAN", "raised")]),
])
def test_deposits_and_antidumping_rates_are_duties(fr, text, expected):
    assert claims(fr(text)) == expected


def test_approving_a_duty_announces_it(fr):
    text = "L'Union européenne a approuvé vendredi des droits de 35 % sur les voitures chinoises."
    assert claims(fr(text)) == [("EU", "CHN", "announced")]


@pytest.mark.parametrize("second", [
    "La pause pourra être levée si les États-Unis ne tiennent pas parole.",
    "Bruxelles pourrait les réactiver si Washington ne tient pas parole.",
])
def test_ending_an_easing_brings_the_measure_back(fr, second):
    text = "L'Union européenne a suspendu ses contre-mesures sur les produits américains. " + second
    assert claims(fr(text))[-1] == ("EU", "USA", "threatened")


@pytest.mark.parametrize("body", [
    "OTTAWA — Donald Trump a accepté de reporter d'un mois la hausse des droits de douane sur les produits "
    "canadiens, qui devaient passer de 25 % à 35 % lundi, a indiqué la ministre Mélanie Joly.",
    "WINDSOR, Ont. — Donald Trump a promis de suspendre la hausse des droits sur les voitures canadiennes, "
    "qui devaient passer de 25 % à 30 % en mai, a fait savoir le premier ministre Mark Carney.",
])
def test_an_easing_by_a_name_cut_after_the_dateline_is_news_of_its_government(fr, body):
    found = rated(fr(f"Sursis pour les exportateurs\n\n{body}"))
    assert [(i, t, a, bg) for i, t, a, _, bg in found] == [("USA", "CAN", "suspended", False)]


@pytest.mark.parametrize(("second", "expected"), [
    ("Le gouvernement fédéral a confirmé mardi la levée des droits de douane sur les produits américains.",
     ("CAN", "USA", "removed")),
    ("Les détaillants réclament l'abolition des droits de douane de 25 % sur les produits américains.",
     ("CAN", "USA", "relief_sought")),
    ("Les brasseurs demandent que le fédéral mette fin aux droits de 25 % imposés aux produits américains.",
     ("CAN", "USA", "relief_sought")),
    ("Ottawa annoncera lundi la suspension des droits de douane sur les produits américains.",
     ("CAN", "USA", "suspended")),
    # shapes of real coverage: the end of collecting the duty, the duty given up
    ("Ottawa a mis fin jeudi à la perception des droits de rétorsion sur les produits américains.",
     ("CAN", "USA", "removed")),
    ("Le premier ministre a annoncé l'abandon des droits de rétorsion sur les produits américains.",
     ("CAN", "USA", "removed")),
])
def test_an_easing_noun_that_governs_the_duty_is_the_claim(fr, second, expected):
    first = "Le Canada impose depuis mars des droits de 25 % sur les produits américains. "
    assert claims(fr(first + second))[1:] == [expected]


@pytest.mark.parametrize(("second", "expected"), [
    ("Les droits de 50 % sur l'aluminium restent toutefois en vigueur, a précisé la ministre.",
     [("USA", "CAN", "imposed", 50.0, True)]),
    ("Les camions paient encore des droits de 25 %.", [("USA", "CAN", "imposed", 25.0, True)]),
    # a new measure with no party named is not the article's by default
    ("Des droits de 50 % sur le cuivre entreront en vigueur lundi.", []),
])
def test_a_rated_duty_restated_with_no_party_is_the_article_s_latest_measure(fr, second, expected):
    first = "Washington a suspendu mardi ses droits de douane de 10 % sur l'énergie canadienne. "
    assert rated(fr(first + second))[1:] == expected


@pytest.mark.parametrize(("participle", "action"), [("annoncés", "announced"), ("imposés", "imposed")])
def test_the_answered_measure_is_told_by_its_own_participle(fr, participle, action):
    text = (f"La Chine imposera des droits de 34 % sur les produits américains, en réponse aux droits {participle} "
            "par Washington la semaine dernière.")
    assert claims(fr(text)) == [("CHN", "USA", "retaliated"), ("USA", "CHN", action)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Le ministère chinois du Commerce imposera des droits de 15 % sur le porc canadien dès lundi.",
     [("CHN", "CAN", "announced")]),
    ("Le département américain du Commerce a fait passer de 8 % à 20 % les droits sur le bois d'œuvre canadien.",
     [("USA", "CAN", "raised")]),
])
def test_a_ministry_named_with_a_nationality_acts_for_its_government(fr, text, expected):
    assert claims(fr(text)) == expected


@pytest.mark.parametrize("text", [
    "Depuis que la Chine a imposé des droits de 25 % sur le porc canadien, les prix payés aux éleveurs ont "
    "reculé de 12 %.",
    "Les exportations d'acier canadien ont chuté de 31 % depuis que Washington a imposé des droits de 25 %.",
    "Les droits de 25 % imposés par la Chine sur le porc canadien, soit 8 % en moyenne de la valeur des ventes, "
    "restent en vigueur.",
])
def test_a_market_s_move_or_an_average_is_not_a_duty_s_rate(fr, text):
    assert {c.rate for c in fr(text).tariff_claims} == {25.0}


@pytest.mark.parametrize(("text", "action"), [
    ("Une cour d'appel a jugé illégaux les droits de douane que Washington impose aux produits canadiens.",
     "struck_down"),
    ("Un tribunal américain a bloqué mercredi les droits de douane imposés aux produits canadiens.", "struck_down"),
    ("La Cour suprême a maintenu les droits de douane imposés par Washington sur l'acier canadien.", "upheld"),
    ("La Cour d'appel a confirmé lundi les droits compensateurs que Washington impose au bois d'œuvre canadien.",
     "upheld"),
])
def test_a_court_s_ruling_on_the_duty_upholds_or_strikes_it_down(fr, text, action):
    assert claims(fr(text)) == [("USA", "CAN", action)]


@pytest.mark.parametrize(("second", "expected"), [
    ("Les engrais canadiens échappent toutefois à ces droits de douane.", ("USA", "CAN", "exempted")),
    ("Les produits canadiens ne seront pas touchés par la surtaxe.", ("USA", "CAN", "exempted")),
    # let in without the duty: the goods' country is spared by the measure that hits it
    ("Les pièces canadiennes conformes à l'accord entrent toutefois aux États-Unis sans droits.",
     ("USA", "CAN", "exempted")),
    ("Le bois canadien certifié entrera en franchise de droits dès juillet.", ("USA", "CAN", "exempted")),
])
def test_goods_the_duty_does_not_hit_are_exempted(fr, second, expected):
    first = "Washington impose des droits de 25 % sur les produits canadiens. "
    assert claims(fr(first + second))[1:] == [expected]


def test_a_duty_not_imposed_is_still_no_claim(fr):
    assert claims(fr("Le Canada n'imposera pas de droits de rétorsion sur les produits américains.")) == []


@pytest.mark.parametrize(("text", "expected"), [
    # made to pay: the one after "au" bears the duty, the others impose it
    ("Dès le 1er mars, Washington fera payer au Mexique des droits de 30 % sur l'acier vendu aux États-Unis.",
     [("USA", "MEX", "announced", 30.0, False)]),
    # a first-person future the model tags as another tense ("nous ferons", "nous imposerons")
    ("« Nous ferons payer au Canada des droits de 35 % dès le mois prochain », a écrit Donald Trump.",
     [("USA", "CAN", "announced", 35.0, False)]),
])
def test_a_country_made_to_pay_bears_the_duty(fr, text, expected):
    assert rated(fr(text)) == expected


@pytest.mark.parametrize(("first", "action"), [
    ("En riposte aux droits américains, le Canada a imposé en mars des contre-tarifs sur les produits américains. ",
     "retaliated"),
    # no retaliation framed: the duty stays imposed
    ("Le Canada et les États-Unis négocient depuis mars. ", "imposed"),
])
def test_a_duty_between_parties_framed_as_retaliation_is_that_retaliation(fr, first, action):
    found = claims(fr(first + "Le Canada perçoit toujours un droit de 25 % sur les véhicules américains."))
    assert found[-1] == ("CAN", "USA", action)


@pytest.mark.parametrize("second", [
    # an easing asked for with no party named: the article's measure
    "Le premier ministre plaide pour l'abolition de ces droits de douane.",
    # request verbs of real coverage
    "Les exportateurs espèrent une réduction des droits de douane américains.",
    "Les métallos appellent à la levée des droits de douane américains.",
])
def test_an_easing_asked_for_is_relief_sought_from_the_article_s_measure(fr, second):
    first = "Washington impose des droits de 25 % sur l'acier canadien. "
    assert claims(fr(first + second))[1:] == [("USA", "CAN", "relief_sought")]


def test_goods_let_in_duty_free_with_no_country_named_are_no_claim(fr):
    assert claims(fr("Les pièces conformes entrent sans droits depuis le 1er juillet.")) == []
