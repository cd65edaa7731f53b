"""parse_feed on real and broken feeds (tests/data/feeds, see MANIFEST.tsv): every real item kept,
ids unique and stable, text decoded and de-HTMLed, missing dates marked."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import feedparser
import pytest

from newsmon.ingest.identity import canonical_url, url_article_id
from newsmon.ingest.parse import ParsedFeed, parse_feed

from .feedfiles import FEED_FILES, FEEDS, distinct_entries, feed_bytes

# feedparser warns whenever parse_feed asks an undated entry for `updated_parsed`
pytestmark = pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")

FETCHED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
XML = {"content-type": "application/rss+xml"}

_cache: dict[tuple[str, str, datetime], ParsedFeed] = {}


def parsed(rel: str, *, feed_url: str | None = None, fetched_at: datetime = FETCHED) -> ParsedFeed:
    """parse_feed as ingest calls it for a local file; memoised, the big feeds are slowish."""
    url = feed_url or f"https://feeds.example.net/{rel}"
    key = (rel, url, fetched_at)
    if key not in _cache:
        _cache[key] = parse_feed(feed_bytes(rel), feed_url=url, fetched_at=fetched_at)
    return _cache[key]


def test_all_the_feed_files_are_here():
    manifest = (FEEDS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    assert manifest[0].split("\t")[:2] == ["file", "source_repository"]
    listed = sorted(line.split("\t")[0] for line in manifest[1:])
    assert listed == FEED_FILES
    assert len(FEED_FILES) == 20
    assert not any("GPL" in line.split("\t")[4] for line in manifest[1:])


@pytest.mark.parametrize("rel", FEED_FILES)
def test_every_distinct_entry_becomes_one_article(rel):
    result = parsed(rel)
    assert len(result.articles) == distinct_entries(rel)
    ids = [a.article_id for a in result.articles]
    assert len(set(ids)) == len(ids)
    for a in result.articles:
        assert re.fullmatch(r"[0-9a-f]{64}", a.article_id)
        assert a.feed_url == f"https://feeds.example.net/{rel}"
        assert a.fetched_at == FETCHED
        assert a.published_at.tzinfo is not None
        assert a.url is None or a.url == canonical_url(a.url)
        assert not TAG.search(a.title), a.title
        assert not TAG.search(a.summary), a.summary
        assert not TAG.search(a.text), a.text[:200]


@pytest.mark.parametrize("rel", FEED_FILES)
def test_ids_are_stable_across_fetches(rel):
    first = parsed(rel)
    later = parsed(rel, fetched_at=FETCHED + timedelta(days=1))
    assert [a.article_id for a in later.articles] == [a.article_id for a in first.articles]
    assert [a.content_hash for a in later.articles] == [a.content_hash for a in first.articles]


@pytest.mark.parametrize("rel", FEED_FILES)
def test_bozo_documents_carry_a_reason(rel):
    """Served as XML, a document has a bozo_reason exactly when feedparser flags it, naming the error."""
    url = "https://f.example/x"
    fp = feedparser.parse(feed_bytes(rel), response_headers={"content-location": url, **XML})
    result = parse_feed(feed_bytes(rel), feed_url=url, fetched_at=FETCHED, headers=XML)
    if fp.bozo:
        assert result.bozo_reason
        assert result.bozo_reason.startswith(type(fp.bozo_exception).__name__ + ": ")
    else:
        assert result.bozo_reason is None


ILL_FORMED = {
    "tricky/fj_invalid_date_format.xml", "tricky/fp_rss_empty_document.xml",
    "tricky/fp_rss_incomplete_cdata.xml",
    "tricky/rp_document_moved.html", "tricky/rp_taverncast_dup_links.rss",
    "tricky/yarr_comment_before_decl_cp1251.xml",
}


def test_which_documents_are_bozo_when_served_as_xml():
    bozo = {rel for rel in FEED_FILES
            if parse_feed(feed_bytes(rel), feed_url="https://f.example/x", fetched_at=FETCHED,
                          headers=XML).bozo_reason}
    # the undeclared KOI8-R and Latin-1 files are flagged for their encoding, the rest for their XML
    assert bozo == ILL_FORMED | {"tricky/fp_chardet_koi8r.xml", "tricky/mf_cercle_psy_undeclared_latin1.xml"}


def test_a_well_formed_feed_without_content_type_is_not_flagged():
    assert parsed("real/livemint_news.xml").bozo_reason is None


@pytest.mark.parametrize(("rel", "articles"), [
    ("real/cnn_hp_hero.rss", 69),
    ("real/koreatimes_2022.rss", 195),
    ("real/livemint_news.xml", 25),
    ("real/aktuality_sk.rss", 30),
    ("real/heise_online.rdf", 60),
    ("real/google_alerts.atom", 20),
    ("real/bbc_urdu.xml", 26),
    ("tricky/rp_taverncast_dup_links.rss", 131),
    ("tricky/nnw_scripting_news_fragments.rss", 50),
    ("tricky/fj_permalinks_guid_only.xml", 4),
    ("tricky/mf_cercle_psy_undeclared_latin1.xml", 10),
    ("tricky/fp_rss_empty_document.xml", 0),
    ("tricky/fp_utf-16le-bom.xml", 0),
    ("tricky/rp_document_moved.html", 0),
    ("tricky/yarr_comment_before_decl_cp1251.xml", 2),
])
def test_known_article_counts(rel, articles):
    """Pinned from MANIFEST.tsv, so a feedparser upgrade that loses items is noticed."""
    assert len(parsed(rel).articles) == articles


def test_taverncast_keeps_all_131_items_despite_shared_links():
    result = parsed("tricky/rp_taverncast_dup_links.rss")
    assert len(result.articles) == 131
    urls = Counter(a.url for a in result.articles)
    assert urls["http://www.taverncast.com/"] == 105
    assert urls["http://taverncast.com/"] == 19
    # none of the shared-link items takes the id of the shared URL itself
    ids = {a.article_id for a in result.articles}
    assert url_article_id("http://www.taverncast.com/") not in ids
    assert url_article_id("http://taverncast.com/") not in ids
    # the two items sharing one guid are both kept
    guids = Counter(a.guid for a in result.articles)
    assert max(guids.values()) == 2
    assert result.bozo_reason and "SAXParseException" in result.bozo_reason


def test_scripting_news_keeps_items_differing_only_by_fragment():
    result = parsed("tricky/nnw_scripting_news_fragments.rss")
    assert len(result.articles) == 50
    assert len({a.article_id for a in result.articles}) == 50
    urls = {a.url for a in result.articles}
    assert all("#" not in u for u in urls)
    assert len(urls) < 10  # canonical URLs collapse to a handful of day pages
    # two pairs of items even share link and guid, yet differ in text: all four are kept
    entries = feedparser.parse(feed_bytes("tricky/nnw_scripting_news_fragments.rss")).entries
    assert len({e.link for e in entries}) == 48
    assert len({e.id for e in entries}) == 48
    guids = Counter(a.guid for a in result.articles)
    shared = [a for a in result.articles if guids[a.guid] == 2]
    assert len(shared) == 4
    assert len({a.article_id for a in shared}) == 4
    assert len({a.text for a in shared}) == 4


def test_unique_links_give_url_ids_shared_with_other_feeds():
    """An article with its own link has the URL id, so the same story in two feeds is one article."""
    a = parsed("real/livemint_news.xml", feed_url="https://a.example/rss")
    b = parsed("real/livemint_news.xml", feed_url="https://b.example/rss")
    assert [x.article_id for x in a.articles] == [x.article_id for x in b.articles]
    assert all(x.article_id == url_article_id(x.url) for x in a.articles)


def test_items_without_link_get_feed_scoped_ids():
    a = parsed("tricky/yarr_comment_before_decl_cp1251.xml", feed_url="https://a.example/rss")
    b = parsed("tricky/yarr_comment_before_decl_cp1251.xml", feed_url="https://b.example/rss")
    assert [x.title for x in a.articles] == ["foo", "bar"]
    assert all(x.url is None and x.guid is None for x in a.articles)
    assert not {x.article_id for x in a.articles} & {x.article_id for x in b.articles}


def test_rss091_item_without_link_guid_or_date():
    (article,) = parsed("tricky/fr_rss091_no_link_no_guid.xml").articles
    assert article.url is None and article.guid is None
    assert article.title == ("Oferta de Empleo Público // 3 PROFESOR/A TÉCNICO/A "
                             "(INGENIE. TÉC. FORESTAL) 17/17")
    assert "Descárguelo aquí" in article.summary
    assert "<A HREF" not in article.summary
    assert article.date_from_feed is False


def test_guid_only_items():
    articles = parsed("tricky/fj_permalinks_guid_only.xml").articles
    assert [a.title for a in articles] == ["Item 1", "Item 2", "Item 3", "Item 4"]
    # isPermaLink="false": the guid is not a link; absent or "true": it is
    assert [a.url for a in articles] == [None, "http://example.com/2", "http://example.com/3",
                                         "http://example.com/4"]
    assert [a.guid for a in articles] == ["http://example.com/1", "http://example.com/2", "http://example.com/3",
                                          "http://example.com/5"]
    assert all(a.date_from_feed is False for a in articles)


def test_html_in_titles_is_reduced_to_text_and_summary_html_kept():
    articles = parsed("real/google_alerts.atom").articles
    first = articles[0]
    assert first.title == ("Report offers Prediction of Automotive Slack Market by Top key players like "
                           "Haldex, Meritor, Bendix ...")
    assert "<b>Slack</b>" in first.summary_html
    assert first.summary.startswith("Automotive Slack Market reports provides a comprehensive overview")
    assert "<b>" not in first.summary
    assert sum("Slack" in a.title for a in articles) >= 15
    assert not any("<" in a.title for a in articles)
    assert sum("<b>" in a.summary_html for a in articles) == 20


def test_google_alerts_urls_are_the_unwrapped_articles():
    articles = parsed("real/google_alerts.atom").articles
    assert articles[0].url == ("https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-"
                               "market-by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-"
                               "febi-aydinsan/")
    assert articles[1].url == "https://investorplace.com/2019/07/slack-stock-truly-compelling/"
    assert not any("google.com" in a.url for a in articles)
    assert all(a.article_id == url_article_id(a.url) for a in articles)


def test_tracking_parameters_are_dropped_from_heise_links():
    articles = parsed("real/heise_online.rdf").articles
    assert articles[0].url == ("https://www.heise.de/newsticker/meldung/"
                               "OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html")
    assert not any("wt_mc" in a.url for a in articles)


def test_entries_without_a_date_get_fetched_at_and_are_marked():
    heise = parsed("real/heise_online.rdf").articles
    assert all(a.published_at == FETCHED and a.date_from_feed is False for a in heise)
    cnn = parsed("real/cnn_hp_hero.rss").articles
    undated = [a for a in cnn if not a.date_from_feed]
    assert len(undated) == 17
    assert all(a.published_at == FETCHED for a in undated)
    dated = [a for a in cnn if a.date_from_feed]
    assert len(dated) == 52
    assert sorted({a.published_at.year for a in dated}) == [2021, 2022]
    assert max(a.published_at for a in dated) == datetime(2022, 7, 27, 15, 53, 17, tzinfo=UTC)


def test_dates_are_utc_and_come_from_pubdate():
    articles = parsed("tricky/fj_invalid_date_format.xml").articles
    assert [(a.title, a.published_at, a.date_from_feed) for a in articles] == [
        ("Item 0 with an invalid date", datetime(2017, 10, 16, 15, 10, tzinfo=UTC), True),
        ("Item 1 with all valid dates", datetime(2017, 10, 17, 12, 17, tzinfo=UTC), True),
    ]
    (robots,) = parsed("tricky/fr_atom_relative_links.xml").articles
    assert robots.published_at == datetime(2003, 12, 13, 18, 30, 2, tzinfo=UTC)


def test_relative_links_resolve_against_the_feed_url():
    (robots,) = parsed("tricky/fr_atom_relative_links.xml", feed_url="https://blog.example.org/feeds/atom.xml").articles
    assert robots.url == "https://blog.example.org/blog/2003/12/13/atom03"
    assert robots.title == "Atom-Powered Robots Run Amok"
    assert robots.guid == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"


def test_cdata_titles_are_stripped_of_padding():
    cnn = parsed("real/cnn_hp_hero.rss")
    assert cnn.title == "CNN.com - RSS Channel - HP Hero"
    assert all(a.title == a.title.strip() for a in cnn.articles)


def test_undeclared_latin1_decodes_to_french():
    result = parsed("tricky/mf_cercle_psy_undeclared_latin1.xml")
    titles = [a.title for a in result.articles]
    assert "La criminalité liée surtout à... l'ennui ?" in titles
    assert "Caroline Eliacheff : « Dolto reste authentiquement subversive »" in titles
    assert not any("\ufffd" in t or "Ã" in t for t in titles)


def test_utf8_feeds_without_declaration_decode_as_utf8():
    korea = " ".join(a.title + a.text for a in parsed("real/koreatimes_2022.rss").articles)
    assert "â€" not in korea and "\ufffd" not in korea
    assert "“" in korea or "’" in korea
    urdu = parsed("real/bbc_urdu.xml").articles
    assert any("پاکستان" in a.title + a.summary for a in urdu)
    slovak = " ".join(a.title for a in parsed("real/aktuality_sk.rss").articles)
    assert re.search("[áčďéíľňóôšťúýž]", slovak)
    assert "Ã" not in slovak


KOI8_TITLE = "Как пережить новогоднюю ночь"


def test_koi8r_decodes_when_the_server_names_the_charset():
    result = parse_feed(feed_bytes("tricky/fp_chardet_koi8r.xml"), feed_url="https://f.example/ru",
                        fetched_at=FETCHED, headers={"Content-Type": "application/rss+xml; charset=koi8-r"})
    (article,) = result.articles
    assert article.title == KOI8_TITLE
    assert article.text.startswith("Наверное, единственное, во что сегодня можно верить")
    assert '"нового счастья"' in article.text


def test_koi8r_without_any_charset_decodes_to_russian():
    (article,) = parsed("tricky/fp_chardet_koi8r.xml").articles
    assert article.title == KOI8_TITLE


def test_utf16_document_decodes_without_items():
    result = parse_feed(feed_bytes("tricky/fp_utf-16le-bom.xml"), feed_url="https://f.example/x",
                        fetched_at=FETCHED, headers=XML)
    assert result.articles == ()
    assert result.bozo_reason is None  # decoded as UTF-16 and well-formed


@pytest.mark.parametrize("rel", [
    "tricky/fp_rss_empty_document.xml", "tricky/rp_document_moved.html", "tricky/fp_rss_incomplete_cdata.xml",
])
def test_broken_documents_are_bozo_with_the_parser_error(rel):
    result = parsed(rel)
    assert result.bozo_reason is not None
    assert "SAXParseException" in result.bozo_reason


def test_truncated_cdata_keeps_the_salvaged_item():
    result = parsed("tricky/fp_rss_incomplete_cdata.xml")
    assert result.title == "can feedparser read this xml"
    assert len(result.articles) == 1
    assert result.articles[0].date_from_feed is False


def test_wrong_content_type_still_parses():
    data = feed_bytes("real/livemint_news.xml")
    as_html = parse_feed(data, feed_url="https://f.example/x", fetched_at=FETCHED,
                         headers={"Content-Type": "text/html; charset=utf-8"})
    as_xml = parse_feed(data, feed_url="https://f.example/x", fetched_at=FETCHED, headers=XML)
    assert len(as_html.articles) == len(as_xml.articles) == 25
    assert [a.article_id for a in as_html.articles] == [a.article_id for a in as_xml.articles]
    assert as_html.bozo_reason and "NonXMLContentType" in as_html.bozo_reason
    assert as_xml.bozo_reason is None


def test_changed_entry_changes_content_hash_not_id():
    data = feed_bytes("real/livemint_news.xml")
    before = parse_feed(data, feed_url="https://f.example/x", fetched_at=FETCHED).articles[0]
    edited = data.replace(before.title.encode(), (before.title + " (updated)").encode(), 1)
    after = parse_feed(edited, feed_url="https://f.example/x", fetched_at=FETCHED).articles[0]
    assert after.title == before.title + " (updated)"
    assert after.article_id == before.article_id
    assert after.content_hash != before.content_hash


@pytest.mark.parametrize(("rel", "language"), [
    ("real/heise_online.rdf", "de"),  # declares nothing
    ("real/aktuality_sk.rss", "sk"),
    ("real/bbc_urdu.xml", "ur"),
    ("real/cnn_hp_hero.rss", "en"),
])
def test_items_carry_their_language(rel, language):
    found = Counter(a.language for a in parsed(rel).articles)
    assert found.most_common(1)[0][0] == language
    assert found[language] >= 0.9 * sum(found.values())
