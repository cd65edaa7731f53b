from __future__ import annotations

import pytest

from nlp.actors import extract_actors
from nlp.components.boilerplate import furniture, is_credit_line
from nlp.errors import RuleDataError
from nlp.rules import boilerplate_rules


def names_of(nlp_sm, text):
    actors, _ = extract_actors(nlp_sm(text))
    return {a.name for a in actors}


@pytest.mark.parametrize(("text", "credited"), [
    ("Premier Wab Kinew toured the smelter.\n\nPhoto: Ruth Bonneville/Winnipeg Free Press", "Ruth Bonneville"),
    ("Governor Gretchen Whitmer spoke in Lansing. (AP Photo/Paul Sancya)", "Paul Sancya"),
    ("Carney met workers in Hamilton. (Nathan Denette/The Canadian Press)", "Nathan Denette"),
    ("Prime Minister Mark Carney arrives in Brussels. REUTERS/Yves Herman", "Yves Herman"),
    ("Premier Doug Ford speaks in Toronto. THE CANADIAN PRESS/Chris Young", "Chris Young"),
    ("The port was busy on Monday.\n\nPhilip Cheung | Bloomberg | Getty Images", "Philip Cheung"),
    ("Steel prices rose again on Friday.\n\nGetty Images", "Getty Images"),
    ("File photo of Prime Minister Mark Carney. (Pic credit: Reuters)", "Reuters"),
])
def test_photo_credit_is_not_an_actor(nlp_sm, text, credited):
    found = names_of(nlp_sm, text)
    assert not {n for n in found if credited in n or "Press" in n or "Getty" in n or "Reuters" in n.title()}


@pytest.mark.parametrize("text", [
    "By Nadia Kovac, Reuters\n\nOTTAWA — Finance Minister François-Philippe Champagne tabled the budget.",
    "By The Associated Press\n\nOTTAWA — Finance Minister François-Philippe Champagne tabled the budget.",
    "By Omar Haddad | Bloomberg\n\nOTTAWA — Finance Minister François-Philippe Champagne tabled the budget.",
])
def test_byline_is_not_an_actor(nlp_sm, text):
    found = names_of(nlp_sm, text)
    assert "François-Philippe Champagne" in found
    assert not {"Nadia Kovac", "Associated Press", "Omar Haddad", "Bloomberg", "Reuters"} & found


@pytest.mark.parametrize(("text", "link_only"), [
    ("Ottawa answered the duties on Friday.\n\nRelated: Why Hyundai builds in Alabama", "Hyundai"),
    ("Ottawa answered the duties on Friday.\n\nREAD MORE: Walmart warns on prices", "Walmart"),
    ("Ottawa answered the duties on Friday.\n\nMore from Tokyo Wire:\nWalmart warns on prices", "Japan"),
    ("Ottawa answered the duties on Friday.\n\nCopyright 2025 The Associated Press. All rights reserved.",
     "Associated Press"),
    ("Ottawa answered the duties on Friday.\n\n(Reporting by Ivan Petrov; Editing by Sara Lind)", "Ivan Petrov"),
    ("Ottawa answered the duties on Friday.\n\nKyodo News contributed to this report.", "Kyodo News"),
    ("Ottawa answered the duties on Friday.\n\nVNExpress contributed reporting.", "VNExpress"),
    ("Ottawa answered the duties on Friday.\n\nFollow our coverage on WhatsApp.", "WhatsApp"),
    ("Ottawa answered the duties on Friday.\n\n— With files from The Associated Press", "Associated Press"),
    ("Ottawa answered the duties on Friday.\n\nThis report by The Canadian Press was first published May 2, 2025.",
     "Canadian Press"),
    ("Ottawa answered the duties on Friday.\n\nOur Standards: The Thomson Reuters Trust Principles.",
     "Thomson Reuters"),
    ("Ottawa answered the duties on Friday.\n\nTo contact the reporter on this story: Lena Ortiz in Ottawa",
     "Lena Ortiz"),
    ("Ottawa answered the duties on Friday.\n\nUpdates to this live blog by Global News have ended.", "Global News"),
    ("Ottawa answered the duties on Friday.\n\nAssociated Press writers Tara Lund in Boise and Omar Fahd contributed.",
     "Tara Lund"),
    ("Ottawa answered the duties on Friday.\n\nReuters writer Ivo Marek contributed from Prague.", "Ivo Marek"),
    ("Ottawa answered the duties on Friday.\n\n— Reporting by Kim Osei, Local Journalism Initiative", "Kim Osei"),
    ("Ottawa answered the duties on Friday.\n\nWith reporting by Rosa Delgado in Lima", "Rosa Delgado"),
    ("Ottawa answered the duties on Friday.\n\nWith help from Noor Haddad", "Noor Haddad"),
    ("Ottawa answered the duties on Friday.\n\nContact reporter Lena Park at 555-0199. Sign up for our Farm Report "
     "newsletter.", "Lena Park"),
    ("Ottawa answered the duties on Friday.\n\nContact reporter Lena Park at 555-0199. Sign up for our Farm Report "
     "newsletter.", "Farm Report"),
    ("Ottawa answered the duties on Friday.\n\nValley Courier reporter Sam Ortega can be reached at 555-0123.",
     "Sam Ortega"),
    ("Ottawa answered the duties on Friday.\n\n© 2025 Brandt Lowe LLP. Attorney Advertising.", "Advertising"),
])
def test_link_and_copyright_lines_are_not_actors(nlp_sm, text, link_only):
    found = names_of(nlp_sm, text)
    assert "Canada" in found
    assert link_only not in found


@pytest.mark.parametrize("text", [
    "9:05 a.m. ET\n\nShares of Magna International slid at the open.",
    "Updated 4:30 p.m. EDT\n\nShares of Magna International slid at the open.",
    "CBC News · Posted: Mar 3, 2025 10:42 AM ET | Last Updated: 11:05 AM ET\n\nShares of Magna International slid.",
])
def test_live_blog_timestamp_is_not_an_actor(nlp_sm, text):
    found = names_of(nlp_sm, text)
    assert not {"ET", "EDT", "CBC News", "AM ET"} & found


@pytest.mark.parametrize(("text", "company", "ticker"), [
    ("Magna International (TSX: MG) cut its outlook on Friday.", "Magna International", "MG"),
    ("Alcoa (AA.N) said the levy would cost it US$100 million.", "Alcoa", "AA.N"),
    ("Shares of Toyota Motor Corp (7203.T) fell 2% in Tokyo.", "Toyota Motor Corp", "7203.T"),
    ("Cleveland-Cliffs (NYSE: CLF) welcomed the decision.", "Cleveland-Cliffs", "CLF"),
    ("Interfor Corp. (TSX: IFP; NYSE: IFP) cut output at two mills.", "Interfor Corp.", "IFP"),
    ("Orlen Gold (NYSE: OGX, TSX: OG) lifted its forecast.", "Orlen Gold", "OGX"),
    ("Shares of Porsche (P911_p.DE) fell 3% on Monday.", "Porsche", "P911_p"),
])
def test_ticker_is_not_an_actor_and_its_company_is(nlp_sm, text, company, ticker):
    found = names_of(nlp_sm, text)
    assert ticker not in found and not {"TSX", "NYSE"} & found
    assert company in found


@pytest.mark.parametrize("label", ["Business", "Opinion", "Markets", "Autos"])
def test_section_label_is_not_an_actor(nlp_sm, label):
    found = names_of(nlp_sm, f"{label}\n\nWASHINGTON — The Commerce Department opened a new probe.")
    assert label not in found
    assert "U.S. Department of Commerce" in found


@pytest.mark.parametrize(("line", "label"), [
    ("Business | Agriculture", "Agriculture"),
    ("OUR TAKE | Editorial", "Editorial"),
    ("HOME › World › Europe", "World"),
    ("Money | Peru", "Peru"),
])
def test_section_path_is_not_an_actor(nlp_sm, line, label):
    found = names_of(nlp_sm, f"{line}\n\nWASHINGTON — The Commerce Department opened a new probe.")
    assert not {n for n in found if label in n}
    assert "U.S. Department of Commerce" in found


@pytest.mark.parametrize(("text", "label", "kept"), [
    ("Explainer: how the drawback rule works\n\nMexico raised duties on Friday.", "Explainer", "Mexico"),
    ("• Factbox: who pays the levy\n\nMexico raised duties on Friday.", "Factbox", "Mexico"),
    ("BACKGROUND: Mexico has charged a 10% duty since May.", "BACKGROUND", "Mexico"),
    ("Member Bulletin: new rules for importers\n\nMexico raised duties on Friday.", "Bulletin", "Mexico"),
    ("• Canada Post says it will suspend parcels to the United States", "•", "Canada Post"),
])
def test_label_before_a_colon_or_a_bullet_is_not_an_actor(nlp_sm, text, label, kept):
    found = names_of(nlp_sm, text)
    assert not {n for n in found if label in n}
    assert kept in found


def test_columnist_bio_names_the_institute_but_not_the_columnist(nlp_sm):
    text = ("Ottawa should hold firm on dairy.\n\nMara Quist is a senior fellow at the Prairie Policy Institute in "
            "Regina. The views expressed are her own.")
    found = names_of(nlp_sm, text)
    assert "Mara Quist" not in found
    assert "Prairie Policy Institute" in found


@pytest.mark.parametrize(("line", "credit"), [
    ("Darryl Dyck / The Canadian Press", True),
    ("Timothy A. Clary | AFP via Getty Images", True),
    ("Reuters", True),
    ("Reuters reported the deal on Monday.", False),
    ("Canada and Mexico", False),
    ("APEC Leaders Meet In Gyeongju", False),
])
def test_credit_line_is_short_capitalised_and_names_an_agency(line, credit):
    assert is_credit_line(line, boilerplate_rules()) is credit


def test_sentences_of_the_story_are_not_furniture():
    text = ("By Tuesday, Canada had imposed its counter-tariffs.\n\nThe U.S./Canada border stayed open.\n\n"
            "Photographers gathered at 10 a.m. as talks began. Amazon.com Inc said it would absorb the cost.")
    assert list(furniture(text, boilerplate_rules())) == []


def test_bad_boilerplate_pattern_names_file_and_key(tmp_path):
    (tmp_path / "boilerplate.toml").write_text(
        'lines = ["(unclosed"]\ninline = ["x"]\nexchanges = ["NYSE"]\ncredit_names = ["AP"]\n'
        'credit_joiners = ["|"]\nsections = ["Business"]\n')
    with pytest.raises(RuleDataError, match=r"boilerplate.toml: `lines` or `inline`"):
        boilerplate_rules(tmp_path)


def test_a_label_before_a_link_is_furniture(nlp_sm):
    found = names_of(nlp_sm, "Mexico won the final on Sunday.\n\nAP soccer: https://apnews.com/hub/soccer")
    assert "AP" not in found and "Mexico" in found
