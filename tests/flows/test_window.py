"""bounded_as_completed reads work only as room frees up, and hands every run back once."""

from __future__ import annotations

import time

import pytest


@pytest.mark.parametrize("window", [1, 3])
def test_window_bounds_the_items_read_ahead(prefect_harness, window):
    from prefect import flow, task
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows._window import bounded_as_completed

    read: list[int] = []

    def items():
        for i in range(10):
            read.append(i)
            yield i

    @task
    def slow_square(i: int) -> int:
        time.sleep(0.05 * (i % 3))
        return i * i

    @flow(task_runner=ThreadPoolTaskRunner(max_workers=4))
    def squares() -> tuple[list[int], int]:
        results, ahead = [], 0
        for future in bounded_as_completed(slow_square.submit, items(), window=window):
            ahead = max(ahead, len(read) - len(results))
            results.append(future.result())
        return results, ahead

    results, ahead = squares()
    assert sorted(results) == [i * i for i in range(10)]
    assert ahead <= window + 1  # the runs in flight, and the one just handed back
