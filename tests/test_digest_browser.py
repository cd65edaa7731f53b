"""The HTML digest as a browser draws it, on a desktop (1280 px) and a phone (390 px): a real headless
Chromium lays the page out; it must be no wider than the window, show the legend, the chart bars and
the claims table.

Headless Chromium will not make a window narrower than 500 px, so the page is drawn in an iframe of
the tested width (its own viewport: media queries, `innerWidth` and `scrollWidth` are the frame's),
and the frame reports its layout to the host page by `postMessage`.

Skipped on a machine without Chromium, but never in CI (`CI=true`): there a missing browser fails the
run, because `.ci/run` installs Debian's chromium first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.chart import HIGHLIGHT, load_palette
from newsmon.digest import write_digest
from newsmon.digest_html import CLAIM_ACCENT
from storage import connect
from tests.test_digest import DAY, TORONTO, _add, fill_busy_day

WIDTHS = (1280, 390)
HEIGHT = 2600
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
MEASURE = """<script>
(() => {
  const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                         return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height}; };
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,
                                    legend: box("ul.legend"), chart: box(".chart svg")});
  parent.postMessage(out.textContent, "*");
})();
</script>"""
HOST = """<!DOCTYPE html><html><head><style>html, body {{ margin: 0; background: #fff; }}
iframe {{ border: 0; display: block; }}</style></head><body>
<iframe src="{src}" width="{width}" height="{height}"></iframe><pre id="measured"></pre>
<script>addEventListener("message", (e) => {{ document.getElementById("measured").textContent = e.data; }});</script>
</body></html>"""


def _browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no Chromium on PATH: .ci/run installs it (apt-get install -y chromium)")
    pytest.skip("no headless Chromium on this machine (apt-get install -y chromium)")


def _chromium(browser: str, tmp: Path, width: int, *args: str) -> subprocess.CompletedProcess[str]:
    width = max(width, 500)  # the narrowest window headless Chromium makes; the iframe sets the page's width
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={tmp / 'profile'}", f"--window-size={width},{HEIGHT}", *args],
        check=True, capture_output=True, text=True, timeout=120,
    )


def _pixels(png: Path, width: int) -> dict[str, int]:
    """How many pixels of each colour, keyed #rrggbb."""
    import numpy as np
    from matplotlib.image import imread

    image = imread(png)[:, :width]  # the frame; the host page right of it (at 390 px) is blank
    assert image.shape[:2] == (HEIGHT, width)
    rgb = (image[:, :, :3] * 255).round().astype(np.int64).reshape(-1, 3)
    colours, counts = np.unique(rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2], return_counts=True)
    return {f"#{c:06x}": int(n) for c, n in zip(colours, counts, strict=True)}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The busy day, plus an article with many topics and a long unbreakable title (what overflows a phone)."""
    tmp = tmp_path_factory.mktemp("digest")
    with connect(tmp / "newsmon.duckdb") as con:
        fill_busy_day(con)
        _add(con, "https://news.example/eu-" + "x" * 120, datetime(2026, 3, 10, 18, 0, tzinfo=UTC),
             title="EU answer: " + "countermeasures-" * 8 + "list",
             topics=("tariffs", "retaliation", "steel_aluminum", "wto_dispute", "autos", "energy", "lumber",
                     "agriculture", "export_controls"))
        files = write_digest(con, day=DAY, tz=TORONTO, out_dir=tmp / "digests")
    return files.html_path


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def drawn(request, page, tmp_path_factory) -> dict:
    """One screenshot and one layout measurement of the page at a window width (Chromium takes seconds)."""
    browser = _browser()
    width = request.param
    tmp = tmp_path_factory.mktemp(f"browser{width}")
    shot = tmp / "shot.png"
    measured = tmp / "measured.html"
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    host = tmp / "host.html"
    host.write_text(HOST.format(src=measured.as_uri(), width=width, height=HEIGHT), encoding="utf-8")
    _chromium(browser, tmp, width, f"--screenshot={shot}", host.as_uri())
    dom = _chromium(browser, tmp, width, "--virtual-time-budget=5000", "--dump-dom", host.as_uri()).stdout
    found = re.search(r'<pre id="measured">(.+?)</pre>', dom, re.S)
    assert found, f"the page reported no layout: {dom[-2000:]}"
    if directory := os.environ.get("NEWSMON_SCREENSHOTS"):
        shutil.copy(shot, Path(directory) / f"digest-{width}.png")
    return {"width": width, "pixels": _pixels(shot, width), "layout": json.loads(found.group(1))}


def test_page_is_no_wider_than_the_window(drawn):
    layout = drawn["layout"]
    assert layout["innerWidth"] == drawn["width"]
    assert layout["scrollWidth"] <= layout["innerWidth"], f"page is {layout['scrollWidth']} px wide"


def test_chart_scales_to_the_window(drawn):
    chart = drawn["layout"]["chart"]
    assert chart["left"] >= 0 and chart["right"] <= drawn["width"] and chart["width"] > drawn["width"] / 2


def test_legend_is_on_screen(drawn):
    legend = drawn["layout"]["legend"]
    assert legend["width"] > 0 and legend["height"] > 0
    assert legend["left"] >= 0 and legend["right"] <= drawn["width"]
    chart = drawn["layout"]["chart"]
    if drawn["width"] < 640:  # a phone: below the chart, not squeezed beside it
        assert legend["top"] >= chart["top"] + chart["height"] - 1
    else:
        assert legend["left"] >= chart["right"] - 1


def test_screenshot_is_not_blank(drawn):
    assert len(drawn["pixels"]) > 200  # text, bars and tables anti-aliased: many shades, not one background


@pytest.mark.parametrize("topic", ["tariffs", "steel_aluminum", "dairy"])
def test_screenshot_shows_each_topic_in_its_colour(drawn, topic):
    assert drawn["pixels"].get(load_palette().color(topic), 0) > 100  # bars and legend swatch


def test_screenshot_shows_the_shaded_day(drawn):
    assert drawn["pixels"].get(HIGHLIGHT, 0) > 100


def test_screenshot_shows_the_claims_table(drawn):
    assert drawn["pixels"].get(CLAIM_ACCENT, 0) > 100  # the 3-pixel rule beside the claim row, as tall as the row


def test_screenshot_shows_striped_tables(drawn):
    assert drawn["pixels"].get("#fafbfc", 0) > 300
