"""The daily digest: the 14-day volume query, the 7-day change, and the Markdown and HTML renderings."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmon.chart import OTHER, load_palette, stack, volume_chart
from newsmon.digest import write_digest
from newsmon.digest_text import party, rate_text
from newsmon.ingest.identity import content_hash, url_article_id
from nlp.records import Actor, Analysis, Article, Figure, TariffClaim, Topic
from storage.analyses import store_analyses
from storage.articles import store_articles
from storage.reports import VOLUME_DAYS, digest_data

FEED = "https://feed.example/rss"
VERSION = "test-pipeline"
DAY = date(2026, 3, 10)
TORONTO = "America/Toronto"


def _add(con, url: str, published_at: datetime, *, title: str = "Steel tariffs",
         topics: tuple[str, ...] = ("tariffs",), claims: tuple[TariffClaim, ...] = (),
         actors: tuple[Actor, ...] = (), figures: tuple[Figure, ...] = (), language: str | None = None,
         analysed: bool = True) -> None:
    """One article with its analysis (unless not `analysed`: another language), stored as `newsmon run` does."""
    article_id = url_article_id(url)
    digest = content_hash(title, "text")
    store_articles(con, [Article(article_id=article_id, feed_url=FEED, url=url, guid=None, title=title, summary="",
                                 text="text", published_at=published_at, fetched_at=published_at,
                                 content_hash=digest, language=language)], feed_url=FEED)
    if not analysed:
        return
    analysis = Analysis(id=article_id, topics=tuple(Topic(label=t, score=0.9) for t in topics),
                        tariff_claims=claims, actors=actors, figures=figures)
    store_analyses(con, [analysis], pipeline_version=VERSION, content_hashes={article_id: digest})


def _data(con, day: date = DAY, tz: str = TORONTO):
    return digest_data(con, day=day, tz=tz)


def _volume(con, day: date = DAY, tz: str = TORONTO) -> dict[tuple[date, str], int]:
    return {(r["day"], r["topic"]): r["stories"] for r in _data(con, day, tz)["volume"]}


STEEL_CLAIM = TariffClaim(imposer="USA", target="CAN", action="raised", sentence=0, sectors=("steel", "aluminum"),
                          rate=50.0, previous_rate=25.0, evidence="The US raised steel tariffs on Canada to 50%.")


def fill_busy_day(db) -> None:
    """DAY in Toronto: two articles (one with a claim, one with hostile markup), plus a week of history."""
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    _add(db, "https://news.example/steel", noon, title="US doubles steel tariffs on Canada",
         topics=("tariffs", "steel_aluminum"), claims=(STEEL_CLAIM,),
         actors=(Actor(name="Canada", kind="country", code="CAN", mentions=3),),
         figures=(Figure(text="CAD 3.6 billion", value=3.6e9, unit="CAD", sentence=1, measure="daily trade"),))
    _add(db, "javascript:alert(1)", noon + timedelta(hours=1), title="<script>alert('x')</script> Dairy & quotas",
         topics=("dairy",))
    for n in range(1, 8):
        _add(db, f"https://news.example/history/{n}", noon - timedelta(days=n), topics=("tariffs",))


@pytest.fixture
def busy_day(db):
    fill_busy_day(db)
    return db


# ---- the volume query ---------------------------------------------------------------------------

def test_volume_has_every_topic_on_every_one_of_the_14_days(busy_day):
    volume = _volume(busy_day)
    days = {d for d, _ in volume}
    assert days == {DAY - timedelta(days=n) for n in range(VOLUME_DAYS)}
    assert {t for _, t in volume} == {"tariffs", "steel_aluminum", "dairy"}
    assert len(volume) == VOLUME_DAYS * 3
    assert volume[(DAY - timedelta(days=13), "tariffs")] == 0
    assert volume[(DAY - timedelta(days=3), "tariffs")] == 1
    assert volume[(DAY, "tariffs")] == 1
    assert volume[(DAY - timedelta(days=1), "dairy")] == 0


@pytest.mark.parametrize(("published_at", "tz", "local_day"), [
    (datetime(2026, 3, 10, 3, 30, tzinfo=UTC), "UTC", date(2026, 3, 10)),
    (datetime(2026, 3, 10, 3, 30, tzinfo=UTC), TORONTO, date(2026, 3, 9)),  # 23:30 EDT the evening before
    (datetime(2026, 3, 9, 4, 30, tzinfo=UTC), TORONTO, date(2026, 3, 9)),  # 00:30 EDT, a day after DST began
    (datetime(2026, 3, 8, 4, 30, tzinfo=UTC), TORONTO, date(2026, 3, 7)),  # 23:30 EST, before DST began
    (datetime(2026, 3, 9, 15, 30, tzinfo=UTC), "Asia/Tokyo", date(2026, 3, 10)),
])
def test_volume_counts_an_article_on_its_local_day(db, published_at, tz, local_day):
    _add(db, "https://news.example/edge", published_at)
    volume = _volume(db, DAY, tz)
    assert [d for (d, _), n in volume.items() if n] == [local_day]


@pytest.mark.parametrize(("published_at", "inside"), [
    (datetime(2026, 3, 11, 3, 59, 59, tzinfo=UTC), True),  # 23:59:59 EDT on DAY
    (datetime(2026, 3, 11, 4, 0, tzinfo=UTC), False),  # midnight EDT: the day after
    (datetime(2026, 2, 25, 5, 0, tzinfo=UTC), True),  # midnight EST on the first of the 14 days
    (datetime(2026, 2, 25, 4, 59, 59, tzinfo=UTC), False),
])
def test_volume_window_is_the_14_local_days_ending_with_the_digest_day(db, published_at, inside):
    _add(db, "https://news.example/edge", published_at)
    assert any(_volume(db).values()) is inside


def test_volume_of_a_quiet_fortnight_is_empty(db):
    _add(db, "https://news.example/old", datetime(2025, 1, 1, tzinfo=UTC))
    assert _data(db)["volume"] == []


# ---- the 7-day change ---------------------------------------------------------------------------

@pytest.mark.parametrize(("published_at", "counted"), [
    (datetime(2026, 3, 3, 4, 30, tzinfo=UTC), False),  # 23:30 EST on 2 March: eight days back
    (datetime(2026, 3, 3, 5, 30, tzinfo=UTC), True),  # 00:30 EST on 3 March, the first trailing day
    (datetime(2026, 3, 10, 3, 30, tzinfo=UTC), True),  # 23:30 EDT on 9 March, the last one (after DST began)
])
def test_trailing_week_is_seven_local_days_across_a_dst_change(db, published_at, counted):
    _add(db, "https://news.example/today", datetime(2026, 3, 10, 16, 0, tzinfo=UTC))
    _add(db, "https://news.example/before", published_at)
    (row,) = _data(db)["topics"]
    assert row["trailing_mean"] == (round(1 / 7, 2) if counted else 0)


def test_topic_change_is_against_the_trailing_7_day_mean(busy_day):
    topics = {r["topic"]: r for r in _data(busy_day)["topics"]}
    assert (topics["tariffs"]["stories"], topics["tariffs"]["trailing_mean"], topics["tariffs"]["change"]) == (1, 1, 0)
    assert (topics["dairy"]["stories"], topics["dairy"]["trailing_mean"], topics["dairy"]["change"]) == (1, 0, 1)


# ---- wording ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "text"), [
    ({"rate": None}, ""),
    ({"rate": 25.0}, "25%"),
    ({"rate": 50.0, "previous_rate": 25.0}, "25% → 50%"),
    ({"rate": 50.0, "previous_rate": 25.0, "novelty": "escalation"}, "25% → 50%"),
    ({"rate": 12.5, "previous_rate": None, "novelty": "new"}, "12.5%"),
    ({"rate": 25.0, "previous_rate": 25.0}, "25%"),
])
def test_rate_shows_the_old_rate_when_known(row, text):
    assert rate_text(row) == text


def test_chart_keeps_the_busiest_topics_and_folds_the_rest_into_other():
    days = [DAY - timedelta(days=1), DAY]
    rows = [{"day": DAY, "topic": f"t{n:02d}", "stories": n} for n in range(1, 11)]
    rows.append({"day": DAY - timedelta(days=1), "topic": "t01", "stories": 5})
    series = stack(rows, days=days, top=8)
    assert list(series) == ["t10", "t09", "t08", "t07", "t01", "t06", "t05", "t04", OTHER]
    assert series["t01"] == [5, 1]
    assert series[OTHER] == [0, 3 + 2]


# ---- the HTML page ------------------------------------------------------------------------------

class _Page(HTMLParser):
    """Collects what the self-containment checks need: tags with attributes, table rows, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self._table = attributes.get("class") or ""
        elif tag == "tr" and self._table is not None:
            self.rows.setdefault(self._table, []).append([])
        elif tag == "td" and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "td" and self._cell is not None and self._table is not None:
            self.rows[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _page(path: Path) -> tuple[_Page, str]:
    source = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(source)
    page.close()
    return page, source


@pytest.fixture
def busy_page(busy_day, tmp_path):
    files = write_digest(busy_day, day=DAY, tz=TORONTO, out_dir=tmp_path / "digests")
    return files, *_page(files.html_path)


def test_write_digest_saves_markdown_and_html_side_by_side(busy_page, tmp_path):
    files, _, source = busy_page
    assert files.markdown_path == tmp_path / "digests" / "digest-2026-03-10.md"
    assert files.html_path == tmp_path / "digests" / "digest-2026-03-10.html"
    assert files.markdown_path.read_text(encoding="utf-8") == files.markdown
    assert source.startswith("<!DOCTYPE html>")


def test_html_loads_nothing_from_elsewhere(busy_page):
    _, page, source = busy_page
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags and "object" not in tags
    assert all(not (a.get("src") or "").startswith(("http:", "https:", "//")) for _, a in page.tags)
    assert re.findall(r"url\(\s*['\"]?([^#'\"\s)][^)]*)\)", source) == []  # only the chart's own #clip ids
    assert "@import" not in source
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert links and all(href.startswith("https://news.example/") for href in links)


def test_html_has_the_chart_as_inline_svg(busy_page):
    _, page, source = busy_page
    assert [t for t, _ in page.tags].count("svg") == 1
    svg = next(a for t, a in page.tags if t == "svg")
    assert svg.get("width") == "100%" and svg.get("role") == "img"
    assert "viewBox=" in source[source.index("<svg"):source.index(">", source.index("<svg"))]
    start = source.index("<svg")
    chart = source[start:source.index("</svg>", start)]
    assert "day of publication (America/Toronto)" in chart
    assert "min-width: 560px" not in source  # scales down to a phone instead of scrolling sideways


def test_html_legend_is_html_beside_the_chart_with_each_topics_own_colour(busy_page):
    _, _, source = busy_page
    legend = source[source.index('<ul class="legend"'):]
    legend = legend[:legend.index("</ul>")]
    palette = load_palette()
    swatches = re.findall(r'background:(#[0-9a-f]{6})"></span>([^<]+)</li>', legend)
    assert swatches == [(palette.color("tariffs"), "tariffs"), (palette.color("dairy"), "dairy"),
                        (palette.color("steel_aluminum"), "steel aluminum")]


def test_a_topic_keeps_its_colour_whatever_its_rank_or_the_day():
    palette = load_palette()
    days = [DAY - timedelta(days=1), DAY]
    quiet = volume_chart([{"day": DAY, "topic": "dairy", "stories": 1}], days=days, highlight=DAY, tz=TORONTO,
                         palette=palette)
    busy = volume_chart([{"day": DAY, "topic": t, "stories": n} for t, n in (("tariffs", 9), ("dairy", 1))],
                        days=days, highlight=DAY, tz=TORONTO, palette=palette)
    assert dict(quiet.legend)["dairy"] == dict(busy.legend)["dairy"] == "#76b7b2"
    assert palette.color("not_a_listed_topic") == load_palette().color("not_a_listed_topic")
    assert palette.color("not_a_listed_topic") in palette.fallback


def test_chart_stacks_each_days_bars_to_scale_with_a_tooltip_and_whole_number_ticks():
    days = [DAY - timedelta(days=1), DAY]
    rows = [{"day": DAY, "topic": "tariffs", "stories": 4}, {"day": DAY, "topic": "dairy", "stories": 2},
            {"day": days[0], "topic": "tariffs", "stories": 1}]
    chart = volume_chart(rows, days=days, highlight=DAY, tz=TORONTO, palette=load_palette())
    bars = {title: (float(x), float(y), float(h), fill) for x, y, h, fill, title in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="(#[0-9a-f]{6})"[^>]*>'
        r"<title>([^<]+)</title>", chart.svg)}
    assert set(bars) == {"tariffs: 4 on 2026-03-10", "dairy: 2 on 2026-03-10", "tariffs: 1 on 2026-03-09"}
    today, dairy = bars["tariffs: 4 on 2026-03-10"], bars["dairy: 2 on 2026-03-10"]
    before = bars["tariffs: 1 on 2026-03-09"]
    assert today[2] == pytest.approx(2 * dairy[2], abs=0.05) and today[2] == pytest.approx(4 * before[2], abs=0.05)
    assert dairy[1] + dairy[2] == pytest.approx(today[1], abs=0.02) and dairy[0] == today[0] > before[0]  # dairy on top
    assert today[3] == before[3] == load_palette().color("tariffs")
    ticks = [int(t) for t in re.findall(r'text-anchor="end">(\d+)</text>', chart.svg)]
    assert ticks == [0, 1, 2, 3, 4, 5, 6]
    many = volume_chart([{"day": DAY, "topic": "tariffs", "stories": 230}], days=days, highlight=DAY, tz=TORONTO,
                        palette=load_palette())
    assert [int(t) for t in re.findall(r'text-anchor="end">(\d+)</text>', many.svg)] == [0, 50, 100, 150, 200]


@pytest.mark.parametrize(("content", "message"), [
    ('other = "#bab0ac"\nfallback = ["#000000"]\n[topics]\ndairy = "blue"\n', "topics.dairy = 'blue'"),
    ('other = "#bab0ac"\nfallback = []\n', "fallback needs at least one colour"),
])
def test_a_bad_palette_file_names_the_key(tmp_path, content, message):
    path = tmp_path / "colors.toml"
    path.write_text(content)
    with pytest.raises(ValueError, match=re.escape(message)):
        load_palette(path)


def test_an_article_with_many_topics_is_one_headline_with_its_topics(db, tmp_path):
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    _add(db, "https://news.example/eu", noon, title="EU weighs its answer",
         topics=("tariffs", "retaliation", "steel_aluminum", "wto_dispute"))
    files = write_digest(db, day=DAY, tz=TORONTO, out_dir=tmp_path)
    assert files.markdown.count("EU weighs its answer") == 1
    assert "EU weighs its answer](https://news.example/eu) — " in files.markdown
    _, source = _page(files.html_path)
    headlines = source[source.index('<section id="headlines">'):]
    assert headlines.count("EU weighs its answer") == 1
    assert all(f'<span class="tag">{t}</span>' in headlines
               for t in ("tariffs", "retaliation", "steel aluminum", "wto dispute"))


def test_html_claims_table_lists_the_new_claims(busy_page):
    _, page, _ = busy_page
    (row,) = page.rows["claims"][1:]  # the header row has no <td>
    parties, action, sectors, rate, outlets, report = row
    assert (parties, action, sectors, rate, outlets) == (
        "United States → Canada", "raised escalation", "steel, aluminum", "25% → 50%", FEED)
    assert report.startswith("US doubles steel tariffs on Canada")
    assert "The US raised steel tariffs on Canada to 50%." in report


def test_html_topics_table_colours_the_change(busy_page):
    _, page, source = busy_page
    rows = {r[0]: r[1:] for r in page.rows["topics"][1:]}
    assert rows["dairy"] == ["1", "0", "▲ +1"]
    assert rows["tariffs"] == ["1", "1", "± 0"]
    assert '<span class="up">▲ +1</span>' in source


def test_html_escapes_titles_from_the_web(busy_page):
    _, page, source = busy_page
    assert "<script>" not in source
    assert "<script>alert('x')</script> Dairy & quotas" in "".join(page.text)  # what the reader sees
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Dairy &amp; quotas" in source
    assert "javascript:" not in source  # shown as text, never as a link


@pytest.mark.parametrize(("history", "chart"), [(True, True), (False, False)])
def test_an_empty_day_says_so(db, tmp_path, history, chart):
    if history:
        _add(db, "https://news.example/before", datetime(2026, 3, 5, 15, 0, tzinfo=UTC))
    files = write_digest(db, day=DAY, tz=TORONTO, out_dir=tmp_path)
    page, source = _page(files.html_path)
    assert "No articles were published on this day" in files.markdown
    assert "No articles were published on this day" in "".join(page.text)
    assert source.rstrip().endswith("</html>")
    assert ("svg" in [t for t, _ in page.tags]) is chart
    assert "claims" not in page.rows


def test_cli_digest_prints_markdown_and_reports_both_files(tmp_path):
    from newsmon.cli import app

    config = tmp_path / "newsmon.toml"
    config.write_text('[storage]\ndb = "n.duckdb"\n[digest]\nout_dir = "d"\ntimezone = "America/Toronto"\n')
    result = CliRunner().invoke(app, ["digest", "--date", DAY.isoformat(), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# newsmon digest — 2026-03-10 (America/Toronto)")
    assert str(tmp_path / "d" / "digest-2026-03-10.html") in result.stderr.replace("\n", "")


def test_markdown_flags_an_escalation_in_the_action_column(busy_page):
    files, _, _ = busy_page
    (row,) = [line for line in files.markdown.splitlines() if line.startswith("| United States → Canada")]
    assert "| raised (escalation) |" in row and "| 25% → 50% |" in row


def test_markdown_names_topics_as_words_in_the_table_as_in_the_stories(busy_page):
    files, _, _ = busy_page
    assert "| steel aluminum | 1 |" in files.markdown
    assert "steel_aluminum" not in files.markdown


def test_a_claim_only_restated_as_in_force_is_shown_as_restated(db, tmp_path):
    old = replace(STEEL_CLAIM, background=True, evidence="The 50% tariff imposed in June still hurts mills.")
    _add(db, "https://news.example/old", datetime(2026, 3, 10, 16, 0, tzinfo=UTC), claims=(old,))
    files = write_digest(db, day=DAY, tz=TORONTO, out_dir=tmp_path)
    (row,) = [line for line in files.markdown.splitlines() if line.startswith("| United States → Canada")]
    assert "| raised (escalation) (restated) |" in row
    assert "restated</span>" in files.html_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("code", "target", "text"), [
    ("USA", False, "United States"), ("CAN", True, "Canada"), (None, True, "all origins"), (None, False, "?"),
    ("CA-ON", False, "Ontario"), ("US-MI", True, "Michigan"), ("CA-XX", False, "CA-XX"),
])
def test_a_claim_without_a_target_reads_as_a_tariff_on_all_origins(code, target, text):
    assert party(code, target=target) == text


# ---- only each article's current analysis counts ------------------------------------------------

def _reanalyse(con, url: str, *, title: str = "Steel tariffs", topics: tuple[str, ...] = (),
               claims: tuple[TariffClaim, ...] = (), actors: tuple[Actor, ...] = ()) -> None:
    """A newer analysis of an article stored by `_add` (a later pipeline version; the older rows stay)."""
    article_id = url_article_id(url)
    analysis = Analysis(id=article_id, topics=tuple(Topic(label=t, score=0.9) for t in topics),
                        tariff_claims=claims, actors=actors, figures=())
    store_analyses(con, [analysis], pipeline_version=VERSION + "-2",
                   content_hashes={article_id: content_hash(title, "text")})


def test_the_digest_reads_only_each_articles_newest_analysis(db):
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    aluminum = replace(STEEL_CLAIM, sectors=("aluminum",), evidence="The US raised aluminum tariffs to 50%.")
    # two days before: the steel claim only in a superseded analysis, the aluminum claim in the current one
    _add(db, "https://news.example/earlier", noon - timedelta(days=2), claims=(STEEL_CLAIM,), topics=("tariffs",))
    _reanalyse(db, "https://news.example/earlier", topics=("dairy",), claims=(aluminum,))
    _add(db, "https://news.example/today", noon, claims=(STEEL_CLAIM,), topics=("tariffs",),
         actors=(Actor(name="Canada", kind="country", code="CAN", mentions=2),))
    _reanalyse(db, "https://news.example/today", topics=("steel_aluminum",), claims=(STEEL_CLAIM, aluminum),
               actors=(Actor(name="Mexico", kind="country", code="MEX", mentions=1),))
    data = _data(db)
    assert [c["claim_key"] for c in data["claims"]] == [STEEL_CLAIM.claim_key]  # aluminum was seen two days before
    assert [t["topic"] for t in data["topics"]] == ["steel_aluminum"]
    assert [a["name"] for a in data["actors"]] == ["Mexico"]
    assert [h["topics"] for h in data["headlines"]] == [["steel_aluminum"]]
    assert {k: n for k, n in _volume(db).items() if n} == {(DAY - timedelta(days=2), "dairy"): 1,
                                                          (DAY, "steel_aluminum"): 1}


def test_claims_and_headlines_that_tie_come_in_a_fixed_order(db):
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    claims = tuple(replace(STEEL_CLAIM, rate=float(rate)) for rate in range(30, 38))
    _add(db, "https://news.example/many", noon, claims=claims)
    for n in range(6):
        _add(db, f"https://news.example/same/{n}", noon, title="One headline")
    data = _data(db)
    keys = [c["claim_key"] for c in data["claims"]]
    assert keys == sorted(c.claim_key for c in claims)
    same = [h["story_id"] for h in data["headlines"] if h["title"] == "One headline"]
    assert len(same) == 6 and same == sorted(same)


def test_a_claims_sectors_are_listed_as_its_first_source_lists_them(db):
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    for n in range(5):  # stored before the first source, so the table's order is not the answer
        _add(db, f"https://news.example/later/{n}", noon + timedelta(minutes=n + 1),
             claims=(replace(STEEL_CLAIM, sectors=("aluminum", "steel")),))
    _add(db, "https://news.example/first", noon, claims=(replace(STEEL_CLAIM, sectors=("steel", "aluminum")),))
    assert [c["sectors"] for c in _data(db)["claims"]] == [["steel", "aluminum"]]


def test_a_claim_stated_twice_in_its_first_source_shows_the_first_statement(db):
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    for n in range(30):  # several sources, each stating the claim twice: the first sentence is the evidence
        _add(db, f"https://news.example/twice/{n}", noon + timedelta(minutes=n),
             claims=(replace(STEEL_CLAIM, evidence=f"first statement {n}"),
                     replace(STEEL_CLAIM, sentence=3, evidence=f"second statement {n}")))
    [claim] = _data(db)["claims"]
    assert claim["evidence"] == "first statement 0" and claim["stories"] == 30


def test_digest_queries_get_their_shared_parts_inlined():
    from storage.reports import QUERIES, query_text

    for path in sorted(QUERIES.glob("digest_*.sql")):
        sql = query_text(path.stem)
        assert "@include" not in sql, path.name
    assert "arg_max(pipeline_version, (analysed_at, pipeline_version))" in query_text("digest_actors")
    assert "JOIN article_feeds AS af" in query_text("digest_headlines")


# ---- languages ------------------------------------------------------------------------------------

FRENCH_CLAIM = TariffClaim(imposer="CA-ON", target="USA", action="removed", sentence=0, sectors=("energy",),
                           rate=25.0, evidence="L'Ontario a levé mardi sa surtaxe de 25 % sur l'électricité exportée.")


@pytest.fixture
def bilingual_day(db):
    """DAY: an English and a French story with a claim each, an untagged English article, a German one that no
    pipeline analyses, and a French one the day before."""
    noon = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
    _add(db, "https://news.example/steel", noon, title="US doubles steel tariffs on Canada", language="en",
         topics=("tariffs", "steel_aluminum"), claims=(STEEL_CLAIM,),
         figures=(Figure(text="0.8%", value=0.8, unit="percent", sentence=1, measure="main stock index"),))
    _add(db, "https://news.example/fr/surtaxe", noon + timedelta(hours=1), language="fr",
         title="L'Ontario lève sa surtaxe sur l'électricité", topics=("tariffs", "energy"), claims=(FRENCH_CLAIM,),
         figures=(Figure(text="25 %", value=25.0, unit="percent", sentence=0, measure="surtaxe"),))
    _add(db, "https://news.example/weather", noon + timedelta(hours=2), title="Snow in Ottawa", language="en",
         topics=())
    _add(db, "https://news.example/de/zoelle", noon + timedelta(hours=3), title="Zölle auf Stahl", language="de",
         analysed=False)
    _add(db, "https://news.example/fr/hier", noon - timedelta(days=1), title="Hier", language="fr")
    return db


def test_the_digest_counts_the_articles_read_per_language_analysed_or_not(bilingual_day, tmp_path):
    assert _data(bilingual_day)["languages"] == [{"language": "en", "articles": 2}, {"language": "de", "articles": 1},
                                                 {"language": "fr", "articles": 1}]
    files = write_digest(bilingual_day, day=DAY, tz=TORONTO, out_dir=tmp_path)
    assert "Articles read: 4 (English 2, German 1, French 1)." in files.markdown.splitlines()
    page, _ = _page(files.html_path)
    assert "Articles read: 4 (English 2, German 1, French 1)" in "".join(page.text)


def test_french_stories_and_claims_stand_beside_english_ones_marked_fr(bilingual_day, tmp_path):
    from markdown_it import MarkdownIt

    markdown = write_digest(bilingual_day, day=DAY, tz=TORONTO, out_dir=tmp_path).markdown
    claims = {line.split(" | ")[0]: line for line in markdown.splitlines() if " → " in line}
    french = claims["| Ontario → United States"]
    assert "| removed | energy | 25% |" in french  # our vocabulary, whatever the article's language
    assert ("[FR] [L'Ontario lève sa surtaxe sur l'électricité](https://news.example/fr/surtaxe): "
            "“L'Ontario a levé mardi sa surtaxe de 25 % sur l'électricité exportée.”") in french
    english = claims["| United States → Canada"]
    assert "[FR]" not in english and ": “The US raised steel tariffs on Canada to 50%.”" in english
    assert "- [FR] [L'Ontario lève sa surtaxe sur l'électricité](https://news.example/fr/surtaxe) — " in markdown
    assert "- [US doubles steel tariffs on Canada](https://news.example/steel) — " in markdown
    assert "- 25% — surtaxe: [FR] L'Ontario lève" in markdown
    links = [t.attrGet("href") for tok in MarkdownIt("commonmark").enable("table").parse(markdown)
             for t in tok.children or () if t.type == "link_open"]
    assert len(links) == 4 and all(h.startswith("https://news.example/") for h in links)  # "[FR]" is no link


def test_html_gives_french_titles_and_evidence_their_lang(bilingual_day, tmp_path):
    files = write_digest(bilingual_day, day=DAY, tz=TORONTO, out_dir=tmp_path)
    _, source = _page(files.html_path)
    claims = source[source.index('<section id="claims">'):source.index('<div class="cols">')]
    assert ('<span class="tag lang" title="French">FR</span><span lang="fr">'
            '<a href="https://news.example/fr/surtaxe">L&#x27;Ontario lève') in claims
    assert '<span class="evidence" lang="fr">L&#x27;Ontario a levé mardi' in claims
    assert '<span class="evidence">The US raised steel tariffs' in claims  # English: the page's own language
    assert source.count('<span lang="fr">') == 3  # the claim, the figure and the story
    assert 'lang="en"' not in source.replace('<html lang="en">', "")


def test_a_figure_value_is_not_escaped_in_the_markdown(bilingual_day, tmp_path):
    markdown = write_digest(bilingual_day, day=DAY, tz=TORONTO, out_dir=tmp_path).markdown
    assert "- 0.8% — main stock index: US doubles steel tariffs on Canada" in markdown


def test_a_day_of_articles_no_pipeline_analyses_is_counted_not_called_empty(db, tmp_path):
    _add(db, "https://news.example/de/zoelle", datetime(2026, 3, 10, 16, 0, tzinfo=UTC), title="Zölle auf Stahl",
         language="de", analysed=False)
    files = write_digest(db, day=DAY, tz=TORONTO, out_dir=tmp_path)
    assert "No articles were published" not in files.markdown
    assert files.markdown.split("## ")[1:] == [
        "Topics\n\n| topic | stories | vs 7-day mean |\n|---|---:|---:|\n| (no dispute topics today) | 0 | |\n\n",
        "New tariff claims\n\nNo new tariff claims.\n\n", "Top actors\n\nNo actors.\n\n",
        "Stories\n\nNo story of the day carried a dispute topic.\n"]
    assert "Articles read: 1 (German 1)." in files.markdown
