"""The digest chart: stories per topic per day as stacked bars, rendered to inline SVG.

matplotlib is imported only inside `volume_svg` (it costs about half a second), through its
object API (`Figure`), so no global backend or pyplot state is touched.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

TOP = 8
OTHER = "other"
# Tableau 10: distinct at a glance and in print; grey is kept for "other"
COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
OTHER_COLOR = "#bab0ac"
HIGHLIGHT = "#fdf3c8"
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


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


def volume_svg(rows: list[dict[str, Any]], *, days: list[date], highlight: date, tz: str) -> str | None:
    """The stacked-bar chart as an `<svg>` element that scales to its container; None when all days are empty."""
    series = stack(rows, days=days)
    if not series:
        return None
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    style = {"svg.fonttype": "none", "svg.hashsalt": "newsmon", "font.size": 10,
             "font.family": "sans-serif"}
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(9, 3.8), layout="constrained")
        ax = fig.add_subplot()
        x = list(range(len(days)))
        if highlight in days:
            at = days.index(highlight)
            ax.axvspan(at - 0.5, at + 0.5, color=HIGHLIGHT, zorder=0, linewidth=0)
        bottom = [0] * len(days)
        colors = [*COLORS[: len(series) - (OTHER in series)], *([OTHER_COLOR] if OTHER in series else [])]
        for (name, counts), color in zip(series.items(), colors, strict=True):
            ax.bar(x, counts, bottom=bottom, width=0.75, color=color, label=name.replace("_", " "), zorder=2,
                   edgecolor="white", linewidth=0.5)
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_xticks(x, [f"{d:%a}\n{d:%b} {d.day}" for d in days], fontsize=8.5)
        ax.set_xlim(-0.6, len(days) - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("stories per topic")
        ax.set_xlabel(f"day of publication ({tz})")
        ax.grid(axis="y", color="#e5e5e5", zorder=0)
        ax.spines[["top", "right"]].set_visible(False)
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
                  title="topic", alignment="left")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    head, rest = svg.split(">", 1)
    label = f"Stories per topic per day, {days[0].isoformat()} to {days[-1].isoformat()}"
    return f'{_SIZE.sub("", head)} width="100%" role="img" aria-label="{label}">{rest}'
