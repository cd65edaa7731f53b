"""newsmon.child_process: one call in a spawned process, its progress relayed, its result or error back."""

from __future__ import annotations

import os
import signal

import pytest

from newsmon.child_process import ChildDiedError, in_child


def where(*, steps: int, progress=None) -> int:
    for n in range(1, steps + 1):
        progress(n, steps)
    return os.getpid()


def fails(*, progress=None) -> None:
    raise LookupError("no such thing")


def dies(*, progress=None) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_call_runs_in_another_process_and_its_progress_arrives_in_order():
    seen: list[tuple[int, int]] = []
    assert in_child(where, steps=3, progress=lambda done, total: seen.append((done, total))) != os.getpid()
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_its_exception_is_raised_here_with_its_type():
    with pytest.raises(LookupError, match="no such thing"):
        in_child(fails)


def test_a_killed_child_is_one_error_not_a_hang():
    with pytest.raises(ChildDiedError, match=r"ended without a result \(exit code -9\)"):
        in_child(dies)
