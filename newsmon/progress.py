"""Progress bars for the long commands (ingest, analysis, training), drawn on stderr by rich.

Only on a terminal: piped or captured output (cron, CI, `newsmon sql ... > file`) stays clean. The work
itself only calls the `Progress` callbacks it is given (see `nlp.records.Progress`), so `nlp/`,
`storage/` and the flows never import rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bars

from nlp.records import Progress

Tracker = Callable[[str], Progress]


def _ignore(done: int, total: int) -> None:
    """Progress that nobody watches."""


@contextmanager
def progress_bars(console: Console) -> Iterator[Tracker]:
    """Yields `track(description)`, which returns the callback for one bar; the bar appears at its first
    call, so a stage with nothing to do (no due feeds, no pending articles) shows none."""
    if not console.is_terminal:
        yield lambda description: _ignore
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Bars(*columns, console=console, transient=True) as bars:

        def track(description: str) -> Progress:
            task = None

            def update(done: int, total: int) -> None:
                nonlocal task
                if task is None:
                    task = bars.add_task(description, total=total)
                bars.update(task, completed=done, total=total)

            return update

        yield track
