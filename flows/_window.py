"""Submit work from a lazy iterator with at most `window` runs in flight; yield them as they finish."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from prefect.futures import PrefectFuture, as_completed

T = TypeVar("T")
R = TypeVar("R")


def bounded_as_completed(submit: Callable[[T], PrefectFuture[R]], items: Iterable[T], *,
                         window: int) -> Iterator[PrefectFuture[R]]:
    """Like mapping over `items`, but reading them only as room frees up: memory holds the `window`
    runs in flight and the one handed back, however long the iterator is. The window is refilled
    before a finished run is handed back, so the workers stay busy while the caller stores it."""
    source = iter(items)
    in_flight: set[PrefectFuture[R]] = set()
    end: Any = object()

    def fill() -> None:
        while len(in_flight) < window and (item := next(source, end)) is not end:
            in_flight.add(submit(item))

    fill()
    while in_flight:
        done = next(as_completed(list(in_flight)))
        in_flight.remove(done)
        fill()
        yield done
