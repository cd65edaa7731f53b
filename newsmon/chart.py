"""The digest chart: stories per topic per day as stacked bars, rendered to inline SVG.

The SVG is written directly (bars, grid, ticks and labels): matplotlib drew the same chart in about
0.2 CPU-s per digest, a fifth of a day's digest on 100,000 articles, plus half a second to import.
The legend is not drawn in the SVG: the page lays it out as HTML, beside the chart on a wide screen
and wrapped below it on a phone, where a legend inside a scaled-down SVG would be unreadable. Each bar
has a tooltip (topic, count, day).
"""

from __future__ import annotations

import html
import re
import tomllib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsmon.digest_text import topic_name

TOP = 8
OTHER = "other"
HIGHLIGHT = "#fdf3c8"
PALETTE = Path(__file__).parent / "data" / "topic_colors.toml"
# the drawing's coordinates (the viewBox: 7.5 by 3.6 inches at 72 units each) and its plot area
_WIDTH, _HEIGHT = 540, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 532, 8, 212
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
    totals = [sum(counts[i] for counts in series.values()) for i in range(len(days))]
    top = max(totals) * 1.05  # a margin above the highest bar
    ticks = _ticks(top)
    slot = (_RIGHT - _LEFT) / len(days)

    def y(value: float) -> float:
        return _BOTTOM - (_BOTTOM - _TOP) * value / top

    parts = []
    if highlight in days:
        parts.append(_rect(_LEFT + slot * days.index(highlight), _TOP, slot, _BOTTOM - _TOP, HIGHLIGHT))
    for tick in ticks:
        parts.append(f'<path d="M{_LEFT - 3.5} {y(tick):.2f}H{_RIGHT}" stroke="#e5e5e5"/>'
                     f'<path d="M{_LEFT - 3.5} {y(tick):.2f}H{_LEFT}" stroke="#000000" stroke-width="0.8"/>'
                     f'<text x="{_LEFT - 6}" y="{y(tick) + 4:.2f}" text-anchor="end">{tick}</text>')
    bottom = [0] * len(days)
    for name, counts in series.items():
        color = palette.color(name)
        for i, count in enumerate(counts):
            if count:
                x = _LEFT + slot * (i + 0.125)
                parts.append(_rect(x, y(bottom[i] + count), slot * 0.75, y(bottom[i]) - y(bottom[i] + count), color,
                                   f"{topic_name(name)}: {count} on {days[i].isoformat()}"))
                bottom[i] += count
    for i, day in enumerate(days):
        x = _LEFT + slot * (i + 0.5)
        parts.append(f'<path d="M{x:.2f} {_BOTTOM}v3.5" stroke="#000000" stroke-width="0.8"/>')
        parts.append(f'<text x="{x:.2f}" y="{_BOTTOM + 14}" text-anchor="middle" font-size="9.5">'
                     f'<tspan x="{x:.2f}">{day:%a}</tspan><tspan x="{x:.2f}" dy="11.5">{day:%b} {day.day}</tspan>'
                     "</text>")
    label = f"Stories per topic per day, {days[0].isoformat()} to {days[-1].isoformat()}"
    middle = (_TOP + _BOTTOM) / 2
    return Chart(svg=(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" role="img" '
        f'aria-label="{label}" font-family="sans-serif" font-size="11" fill="#000000">{"".join(parts)}'
        f'<path d="M{_LEFT} {_TOP}V{_BOTTOM}H{_RIGHT}" fill="none" stroke="#000000" stroke-width="0.8"/>'
        f'<text transform="translate(14 {middle:.2f}) rotate(-90)" text-anchor="middle">stories per topic</text>'
        f'<text x="{(_LEFT + _RIGHT) / 2:.2f}" y="{_HEIGHT - 8}" text-anchor="middle">'
        f"day of publication ({html.escape(tz)})</text></svg>"),
        legend=tuple((name, palette.color(name)) for name in series))


def _ticks(top: float) -> list[int]:
    """Whole-number ticks from 0 up to `top`, a step of 1, 2 or 5 times a power of ten: at most 7 steps."""
    step = 1
    while top / step > 7:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2  # 1, 2, 5, 10, 20, 50...
    return list(range(0, int(top) + 1, step))


def _rect(x: float, y: float, width: float, height: float, color: str, title: str = "") -> str:
    tooltip = f"<title>{html.escape(title)}</title>" if title else ""
    stroke = ' stroke="#ffffff" stroke-width="0.5"' if title else ""
    return (f'<rect x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" fill="{color}"{stroke}>'
            f"{tooltip}</rect>")
