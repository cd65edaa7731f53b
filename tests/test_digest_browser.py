"""The HTML digest as a browser draws it: a headless Chromium screenshot shows the chart and the tables."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from newsmon.chart import COLORS, HIGHLIGHT
from newsmon.digest import write_digest
from newsmon.digest_html import CLAIM_ACCENT
from storage import connect
from tests.test_digest import DAY, TORONTO, fill_busy_day

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1200, 2400

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no headless browser at {CHROMIUM}")


def _screenshot(html: Path, out: Path) -> Path:
    shot = out / "shot.png"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={out / 'profile'}", f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}",
         html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return shot


def _pixels(png: Path) -> dict[str, int]:
    """How many pixels of each colour, keyed #rrggbb."""
    import numpy as np
    from matplotlib.image import imread

    image = imread(png)
    assert image.shape[:2] == (HEIGHT, WIDTH)
    rgb = (image[:, :, :3] * 255).round().astype(np.int64).reshape(-1, 3)
    colours, counts = np.unique(rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2], return_counts=True)
    return {f"#{c:06x}": int(n) for c, n in zip(colours, counts, strict=True)}


@pytest.fixture(scope="module")
def shot(tmp_path_factory):
    """One screenshot of the busy day's page for every test here (Chromium takes a few seconds)."""
    tmp = tmp_path_factory.mktemp("browser")
    with connect(tmp / "newsmon.duckdb") as con:
        fill_busy_day(con)
        files = write_digest(con, day=DAY, tz=TORONTO, out_dir=tmp / "digests")
    return _pixels(_screenshot(files.html_path, tmp))


def test_screenshot_is_not_blank(shot):
    assert len(shot) > 200  # text, bars and tables anti-aliased: many shades, not one background


@pytest.mark.parametrize("colour", [COLORS[0], COLORS[1], COLORS[2], HIGHLIGHT])
def test_screenshot_shows_the_chart_bars_and_the_shaded_day(shot, colour):
    assert shot.get(colour, 0) > 100


def test_screenshot_shows_the_claims_table(shot):
    assert shot.get(CLAIM_ACCENT, 0) > 100  # the 3-pixel rule beside the claim row, as tall as the row


def test_screenshot_shows_striped_tables(shot):
    assert shot.get("#fafbfc", 0) > 1000
