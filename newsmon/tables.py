"""Every table the CLI prints, rendered one way: one line per row that fits the terminal.

Rich's own layout wraps each cell into narrow columns and cuts headers when a table is wider than
the terminal; here the widths are chosen first (headers whole, times and numbers whole, long text
shortened with an ellipsis) and handed to rich as fixed widths. `wide` shows every value in full
at the table's natural width. Values are data: strings are never parsed as rich markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsmon.digest_text import plural

TEXT_MIN = 8  # a long text column shrinks to this (or its header) before the table overflows
MAIN_MIN = 40  # the column a table is read for keeps this much (or its longest value), hiding columns after it
FAILED = frozenset({"failed", "failing", "error", "unknown"})
STATUS_COLUMNS = frozenset({"status", "state", "outcome"})
ERROR_COLUMNS = frozenset({"error", "last_error"})


def cell_text(value: Any, *, tz: ZoneInfo | None = None) -> str:
    """One value as one line: times to the minute (in `tz` when they carry a zone), no newlines."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if tz is not None and value.tzinfo is not None:
            value = value.astimezone(tz)
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v, tz=tz) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return " ".join(str(value).split())


def _is_number(values: Sequence[Any]) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in present)


def _styled(column: str, text: str) -> Text:
    """Failures stand out: a failed status gets a red ✗, an error message is red."""
    name = column.lower()
    if name in STATUS_COLUMNS and text in FAILED:
        return Text(f"✗ {text}", style="bold red")
    if name in ERROR_COLUMNS and text:
        return Text(text, style="red")
    return Text(text)


def fit_widths(natural: Sequence[int], floors: Sequence[Sequence[int]], budget: int) -> list[int]:
    """Column widths summing to at most `budget` where possible: each column gives way down to its first
    floor (e.g. its content, wrapping only the header), widest first, before any goes to its next floor
    (e.g. a long text's minimum); no column goes below its last floor."""
    widths = list(natural)
    for floor in floors:
        for _ in range(max(sum(widths) - budget, 0)):
            candidates = [i for i, w in enumerate(widths) if w > floor[i]]
            if not candidates:
                break
            widths[max(candidates, key=lambda i: widths[i])] -= 1
    return widths


def _new_table(count: int, *, title: str | None, caption: str | None) -> tuple[Table, int]:
    """An empty table of `count` columns, and how many cells its rules and padding take."""
    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, collapse_padding=True)
    for _ in range(count):
        table.add_column(no_wrap=True, overflow="ellipsis")
    return table, table._extra_width + sum(table._get_padding_width(i) for i in range(count))


def header_lines(name: str, width: int) -> str:
    """A header wrapped at its underscores and spaces to `width`, so it is never cut: "last_success_at"
    becomes "last_success_" over "at" rather than "last_s…"."""
    lines = [""]
    for piece in re.findall(r"[^_\s]*(?:_+|\s+|$)", name):
        if lines[-1] and cell_len(lines[-1] + piece.rstrip()) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(line.rstrip() for line in lines if line.strip())


def _longest_piece(name: str) -> int:
    return max((cell_len(p) for p in re.findall(r"[^_\s]*_*", name)), default=0)


def data_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, width: int, title: str | None = None,
               caption: str | None = None, tz: str | None = None, wide: bool = False,
               main: str | None = None) -> Table:
    """A table of `rows` that fits `width` cells (unless `wide`); rich `Text` cells pass through as they are
    (our own styling), everything else is shown literally. The `main` column (an alert's title) gives way
    last: the other text columns shrink first, and columns after it are hidden before it gets under
    `MAIN_MIN` cells."""
    zone = ZoneInfo(tz) if tz else None
    columns = [str(c) for c in columns]
    numeric = [_is_number([row[i] for row in rows]) for i in range(len(columns))]
    times = [any(isinstance(row[i], date) for row in rows) for i in range(len(columns))]  # dates too
    cells = [[v if isinstance(v, Text) else _styled(columns[i], cell_text(v, tz=zone)) for i, v in enumerate(row)]
             for row in rows]
    content = [max((c[i].cell_len for c in cells), default=0) for i in range(len(columns))]
    text = [not (numeric[i] or times[i]) for i in range(len(columns))]
    natural = [max(n, cell_len(c)) for n, c in zip(content, columns, strict=True)]
    minimum = [max(_longest_piece(c), min(TEXT_MIN, n) if t else n)
               for c, n, t in zip(columns, content, text, strict=True)]
    floors = [[max(m, n) for m, n in zip(minimum, content, strict=True)], minimum]
    hiding = [(minimum, 1)]  # (widths to fit, columns never hidden), tried in turn
    if main in columns:
        at = columns.index(main)
        roomy = [*minimum[:at], max(minimum[at], min(natural[at], MAIN_MIN)), *minimum[at + 1:]]
        floors = [floors[0], [natural[at] if i == at else m for i, m in enumerate(minimum)], roomy, minimum]
        hiding = [(roomy, at + 1), (minimum, 1)]  # the main column's room first, then any fit
    shown = len(columns)
    table, overhead = _new_table(shown, title=title, caption=caption)
    for floor, last in hiding:
        while not wide and shown > last and sum(floor[:shown]) + overhead > width:
            shown -= 1
            table, overhead = _new_table(shown, title=title, caption=caption)
    if shown < len(columns):
        hidden = columns[shown:]
        more = f"{plural(len(hidden), 'more column')}"
        table.caption = "; ".join(filter(None, [caption, f"{more} ({', '.join(hidden)}): --wide shows them"]))
    widths = natural[:shown] if wide else fit_widths(natural[:shown], [f[:shown] for f in floors], width - overhead)
    for i, (column, name, w) in enumerate(zip(table.columns, columns, widths, strict=False)):
        column.width = max(w, 1)
        column.justify = "right" if numeric[i] else "left"
        column.header = Text(header_lines(name, column.width), no_wrap=False, overflow="fold")
    for row in cells:
        table.add_row(*row[:shown])
    return table


def print_table(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Any]], *,
                title: str | None = None, caption: str | None = None, tz: str | None = None,
                wide: bool = False, main: str | None = None) -> None:
    """Print `data_table` on `console`; with `wide` as wide as the longest values need, whatever the terminal."""
    table = data_table(columns, rows, width=console.width, title=title, caption=caption, tz=tz, wide=wide,
                       main=main)
    if wide:
        needed = sum(c.width or 0 for c in table.columns) + 3 * len(table.columns)
        console = Console(file=console.file, width=max(needed, console.width), color_system=console.color_system,
                          force_terminal=console.is_terminal, no_color=console.no_color)
    console.print(table)
