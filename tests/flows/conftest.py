"""One Prefect test server for every flow test: it takes 12-23 s to start."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def analyse_in_this_process(target, /, *, progress=None, **kwargs):
    """Stands in for `newsmon.child_process.in_child` where a test patches the analysis (a shared
    analyzer, an extractor that fails on purpose): a spawned child would not see the patch."""
    return target(**kwargs, progress=progress)
