"""Articles carry their language: set at ingest, updated with the text, filled in for old rows."""

from __future__ import annotations

from storage.articles import fill_languages, store_articles


def _language(db, article_id):
    return db.execute("SELECT language FROM articles WHERE article_id = ?", [article_id]).fetchall()[0][0]


def test_language_is_stored_and_follows_a_changed_text(db, make_article):
    first = make_article(language="en")
    store_articles(db, [first], feed_url=first.feed_url)
    assert _language(db, first.article_id) == "en"
    changed = make_article(title="Nouveaux droits sur l'acier", text="Ottawa riposte avec des droits de 25 %.",
                           language="fr")
    store_articles(db, [changed], feed_url=changed.feed_url)
    assert _language(db, first.article_id) == "fr"


def test_fill_languages_sets_rows_stored_without_one_once(db, make_article):
    old = make_article("https://news.example.com/a", language=None)
    blank = make_article("https://news.example.com/b", title="2026", text="12 345 · 67", language=None)
    store_articles(db, [old, blank], feed_url=old.feed_url)
    calls = []

    def language(title, summary, text):
        calls.append(title)
        return "en"

    assert fill_languages(db, language) == 1
    assert _language(db, old.article_id) == "en"
    assert _language(db, blank.article_id) is None  # nothing to tell by: never asked
    assert calls == [old.title]
    assert fill_languages(db, language) == 0



def test_pending_articles_carry_their_language(db, make_article):
    from storage.analyses import pending_articles

    french = make_article("https://news.example.com/fr", title="Droits sur l'acier", language="fr")
    unknown = make_article("https://news.example.com/x", language=None)
    store_articles(db, [french, unknown], feed_url=french.feed_url)
    found = {p.article_id: p.language for p in pending_articles(db, pipeline_version="v1")}
    assert found == {french.article_id: "fr", unknown.article_id: None}
