"""Canonical URLs and ids: one story, one id; distinct items, distinct ids."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmon.ingest.identity import canonical_url, content_hash, feed_item_id, unwrap_redirect, url_article_id

HEX64 = re.compile(r"[0-9a-f]{64}")


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://Example.COM/Path/Story.html", "http://example.com/Path/Story.html"),
    ("https://NEWS.example.org", "https://news.example.org/"),
    ("https://example.com/a/b#comments", "https://example.com/a/b"),
    ("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"),
    ("https://example.com/a?fbclid=IwAR0abc", "https://example.com/a"),
    ("https://www.heise.de/meldung/OLED-4205274.html?wt_mc=rss.ho.beitrag.rdf",
     "https://www.heise.de/meldung/OLED-4205274.html"),
    ("https://example.com/a?cmpid=rss&ns_campaign=x&at_medium=feed&ref_src=twsrc", "https://example.com/a"),
    ("https://example.com/article.php?id=3", "https://example.com/article.php?id=3"),
    ("https://example.com/news?story=5&utm_source=x#top", "https://example.com/news?story=5"),
    ("https://example.com/view?id=3&page=2", "https://example.com/view?id=3&page=2"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("  https://example.com/padded  \n", "https://example.com/padded"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_keeps_path_case_and_distinguishes_ids():
    assert canonical_url("https://example.com/A") != canonical_url("https://example.com/a")
    assert canonical_url("https://example.com/s?id=3") != canonical_url("https://example.com/s?id=4")
    assert canonical_url("https://example.com/s?story=5") != canonical_url("https://example.com/s")


@pytest.mark.parametrize(("wrapped", "target"), [
    ("https://www.google.com/url?rct=j&sa=t&url=https://www.example.org/2019/07/tariffs.html&ct=ga&cd=CAI&usg=AF",
     "https://www.example.org/2019/07/tariffs.html"),
    ("https://google.com/url?q=https://example.org/x%3Fid%3D7&sa=D", "https://example.org/x?id=7"),
    ("https://news.google.com/url?url=http://Example.org/y#frag", "http://example.org/y"),
])
def test_google_redirects_are_unwrapped(wrapped, target):
    assert canonical_url(wrapped) == target


def test_other_redirect_like_urls_are_left_alone():
    assert unwrap_redirect("https://example.com/url?url=https://other.org/") == (
        "https://example.com/url?url=https://other.org/")
    # a google.com/url without a web target is not unwrapped into something non-web
    assert unwrap_redirect("https://www.google.com/url?url=javascript:alert(1)") == (
        "https://www.google.com/url?url=javascript:alert(1)")


@pytest.mark.parametrize("url", [
    None, "", "   ", "/relative/path.html", "../up.html", "story.html", "#fragment", "?id=3",
    "example.com/no-scheme", "ftp://example.com/file", "mailto:desk@example.com", "javascript:void(0)",
    "tag:example.com,2026:story-1", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", "file:///etc/passwd",
])
def test_canonical_url_is_none_for_non_web_links(url):
    assert canonical_url(url) is None


@pytest.mark.parametrize("url", ["http://", "https://", "https:///path-only"])
def test_canonical_url_is_none_without_a_host(url):
    assert canonical_url(url) is None


# courlan unescapes HTML entities; parameters named like one (&region=, &copy=) must survive.
@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/news?id=5&region=us", "https://example.com/news?id=5&region=us"),
    ("https://example.com/news?page=2&copy=1", "https://example.com/news?copy=1&page=2"),
    ("https://example.com/list?a=1&notify=0", "https://example.com/list?a=1&notify=0"),
])
def test_query_parameters_named_like_html_entities_survive(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_idempotent_with_entity_like_parameter():
    once = canonical_url("https://example.com/?lt=0&id=0")
    assert canonical_url(once) == once


# ---- properties ------------------------------------------------------------------------------

_label = st.from_regex(r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?", fullmatch=True)
_host = st.builds(lambda labels, tld: ".".join([*labels, tld]),
                  st.lists(_label, min_size=1, max_size=3),
                  st.sampled_from(["com", "org", "CO.UK", "de", "io"]))
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                max_size=8)
_segment = st.one_of(_text.filter(lambda s: not set(s) & set("/?#\\")),
                     _text.map(lambda s: quote(s, safe="")))
_path = st.lists(_segment, max_size=4).map(lambda segs: "/" + "/".join(segs))
_key = st.one_of(st.sampled_from(["id", "story", "page", "q", "p", "wt_mc", "ref", "utm_term"]),
                 st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=6))
_value = st.one_of(_text.filter(lambda s: not set(s) & set("&#=")), _text.map(lambda s: quote(s, safe="")))
_query = st.lists(st.tuples(_key, _value), max_size=4).map(lambda kv: "&".join(f"{k}={v}" for k, v in kv))
_fragment = st.text(alphabet="abcxyz0123456789-_", min_size=1, max_size=8)
web_urls = st.builds(
    lambda scheme, host, port, path, query: f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else ""),
    st.sampled_from(["http", "https", "HTTP", "Https"]), _host, st.sampled_from(["", ":80", ":443", ":8080"]),
    _path, _query,
)
PROPERTY = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(web_urls)
def test_canonical_url_is_idempotent(url):
    once = canonical_url(url)
    assert once is not None
    assert once.startswith(("http://", "https://"))
    assert "#" not in once
    assert canonical_url(once) == once


@PROPERTY
@given(web_urls, _value, _fragment)
def test_trackers_and_fragments_never_change_the_canonical_form(url, campaign, fragment):
    canonical = canonical_url(url)
    sep = "&" if "?" in url else "?"
    assert canonical_url(f"{url}{sep}utm_source={campaign}") == canonical
    assert canonical_url(f"{url}{sep}utm_medium=rss&utm_campaign={campaign}") == canonical
    assert canonical_url(f"{url}#{fragment}") == canonical
    assert canonical_url(f"{url}{sep}utm_source=feed#{fragment}") == canonical


@PROPERTY
@given(web_urls)
def test_host_case_never_changes_the_canonical_form(url):
    scheme, rest = url.split("://", 1)
    host, _, tail = rest.partition("/")
    assert canonical_url(f"{scheme.upper()}://{host.upper()}/{tail}") == canonical_url(url)


@PROPERTY
@given(st.text(min_size=1, max_size=200))
def test_url_article_id_is_a_deterministic_sha256(text):
    article_id = url_article_id(text)
    assert HEX64.fullmatch(article_id)
    assert url_article_id(text) == article_id
    assert url_article_id(text + "x") != article_id


def test_url_article_id_known_value():
    # sha256("https://example.com/") computed independently
    assert url_article_id("https://example.com/") == (
        "0f115db062b7c0dd030b16878c99dea5c354b49dc37b38eb8846179c7783e9d7")


def test_same_story_in_two_feeds_has_one_id():
    a = canonical_url("https://Example.com/story?utm_source=feed-a#top")
    b = canonical_url("https://example.com/story?utm_source=feed-b&utm_medium=rss")
    assert url_article_id(a) == url_article_id(b)


@PROPERTY
@given(st.text(max_size=40), st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40),
       st.text(max_size=40))
def test_feed_item_id_separates_guids_and_feeds(feed, guid1, guid2, fallback):
    one = feed_item_id(feed, guid=guid1, fallback=fallback)
    assert HEX64.fullmatch(one)
    assert feed_item_id(feed, guid=guid1, fallback="something else") == one  # the guid decides
    if guid1 != guid2:
        assert feed_item_id(feed, guid=guid2, fallback=fallback) != one
    assert feed_item_id(feed + "/other", guid=guid1, fallback=fallback) != one


def test_feed_item_id_without_guid_uses_the_fallback():
    a = feed_item_id("https://f.example/rss", guid=None, fallback="Title\x1f2026-03-01\x1fsummary")
    b = feed_item_id("https://f.example/rss", guid=None, fallback="Title\x1f2026-03-02\x1fsummary")
    assert a != b
    assert feed_item_id("https://f.example/rss", guid="", fallback="Title\x1f2026-03-01\x1fsummary") == a
    assert feed_item_id("https://g.example/rss", guid=None, fallback="Title\x1f2026-03-01\x1fsummary") != a
    # a guid equal to the fallback text still gives a different id than the fallback itself
    assert feed_item_id("https://f.example/rss", guid="Title\x1f2026-03-01\x1fsummary", fallback="") != a


def test_feed_item_ids_never_collide_with_url_ids():
    url = "https://example.com/story"
    assert feed_item_id(url, guid=url, fallback="") != url_article_id(url)
    assert feed_item_id("", guid=None, fallback=url) != url_article_id(url)


def test_content_hash_changes_with_title_or_text():
    base = content_hash("Tariffs raised", "Steel duties go to 50%.")
    assert HEX64.fullmatch(base)
    assert content_hash("Tariffs raised", "Steel duties go to 50%.") == base
    assert content_hash("Tariffs raised!", "Steel duties go to 50%.") != base
    assert content_hash("Tariffs raised", "Steel duties go to 25%.") != base
    # the boundary between title and text matters
    assert content_hash("ab", "c") != content_hash("a", "bc")


@PROPERTY
@given(st.text(max_size=50), st.text(max_size=200), st.text(min_size=1, max_size=5))
def test_content_hash_property(title, text, extra):
    base = content_hash(title, text)
    assert content_hash(title + extra, text) != base
    assert content_hash(title, text + extra) != base
