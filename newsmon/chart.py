"""The digest chart: stories per topic per day as stacked bars, rendered to inline SVG.

matplotlib is imported only inside `volume_chart` (it costs about half a second), through its
object API (`Figure`), so no global backend or pyplot state is touched. The legend is not drawn in
the SVG: the page lays it out as HTML, beside the chart on a wide screen and wrapped below it on a
phone, where a legend inside a scaled-down SVG would be unreadable.
"""

from __future__ import annotations

import io
import re
import tomllib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

TOP = 8
OTHER = "other"
HIGHLIGHT = "#fdf3c8"
PALETTE = Path(__file__).parent / "data" / "topic_colors.toml"
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_COLOR = re.compile(r"#[0-9a-f]{6}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Palette:
    """A fixed colour per topic, so a topic looks the same in every day's chart."""

    topics: Mapping[str, str]
    other: str
    fallback: tuple[str, ...]

    def color(self, topic: str) -> str:
        """The topic's colour; a topic the file does not list gets one chosen by its name (stable, not random)."""
        if topic == OTHER:
            return self.other
        return self.topics.get(topic) or self.fallback[zlib.crc32(topic.encode()) % len(self.fallback)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    """The chart as an `<svg>` element and its legend, (topic, colour) busiest first, "other" last."""

    svg: str
    legend: tuple[tuple[str, str], ...]


def load_palette(path: Path = PALETTE) -> Palette:
    """Read the topic colours; a bad file names the file, the key and the problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"{path}: cannot read the topic colours ({e})") from e
    topics = raw.get("topics", {})
    fallback = raw.get("fallback", [])
    colors = {f"topics.{k}": v for k, v in topics.items()} | {"other": raw.get("other")}
    colors |= {f"fallback[{i}]": v for i, v in enumerate(fallback)}
    for key, value in colors.items():
        if not isinstance(value, str) or not _COLOR.fullmatch(value):
            raise ValueError(f"{path}: {key} = {value!r} is not a colour as #rrggbb (lower case)")
    if not fallback:
        raise ValueError(f"{path}: fallback needs at least one colour for topics not listed")
    return Palette(topics=dict(topics), other=raw["other"], fallback=tuple(fallback))


def stack(rows: list[dict[str, Any]], *, days: list[date], top: int = TOP) -> dict[str, list[int]]:
    """Per series, the count on each of `days`: the `top` busiest topics, busiest first, then "other"."""
    per_topic: dict[str, list[int]] = {}
    index = {d: i for i, d in enumerate(days)}
    for row in rows:
        if row["day"] in index:
            per_topic.setdefault(row["topic"], [0] * len(days))[index[row["day"]]] += int(row["stories"])
    ranked = sorted((t for t in per_topic if sum(per_topic[t])), key=lambda t: (-sum(per_topic[t]), t))
    series = {t: per_topic[t] for t in ranked[:top]}
    rest = ranked[top:]
    if rest:
        series[OTHER] = [sum(per_topic[t][i] for t in rest) for i in range(len(days))]
    return series


def volume_chart(rows: list[dict[str, Any]], *, days: list[date], highlight: date, tz: str,
                 palette: Palette) -> Chart | None:
    """The stacked-bar chart as an `<svg>` element that scales to its container (viewBox, width 100%),
    and its legend; None when all days are empty."""
    series = stack(rows, days=days)
    if not series:
        return None
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    style = {"svg.fonttype": "none", "svg.hashsalt": "newsmon", "font.size": 11,
             "font.family": "sans-serif"}
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(7.5, 3.6), layout="constrained")
        ax = fig.add_subplot()
        x = list(range(len(days)))
        if highlight in days:
            at = days.index(highlight)
            ax.axvspan(at - 0.5, at + 0.5, color=HIGHLIGHT, zorder=0, linewidth=0)
        bottom = [0] * len(days)
        for name, counts in series.items():
            ax.bar(x, counts, bottom=bottom, width=0.75, color=palette.color(name), zorder=2,
                   edgecolor="white", linewidth=0.5)
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_xticks(x, [f"{d:%a}\n{d:%b} {d.day}" for d in days], fontsize=9.5)
        ax.set_xlim(-0.6, len(days) - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("stories per topic")
        ax.set_xlabel(f"day of publication ({tz})")
        ax.grid(axis="y", color="#e5e5e5", zorder=0)
        ax.spines[["top", "right"]].set_visible(False)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    head, rest = svg.split(">", 1)
    label = f"Stories per topic per day, {days[0].isoformat()} to {days[-1].isoformat()}"
    return Chart(svg=f'{_SIZE.sub("", head)} width="100%" role="img" aria-label="{label}">{rest}',
                 legend=tuple((name, palette.color(name)) for name in series))
