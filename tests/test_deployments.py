"""`prefect.yaml` deploys from a fresh clone: its flows and parameters exist, its Prefect is the installed one,
no deployment names a file a clone lacks; runs find their configuration or say how to give one;
`newsmon serve` says where its runs can be seen."""

from __future__ import annotations

import importlib
import inspect
import re
from zoneinfo import ZoneInfo

import pytest
import yaml
from typer.testing import CliRunner

from newsmon.settings import ConfigError, config_slug, require_config
from tests.conftest import ROOT

SPEC = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def _flow(entrypoint: str):
    path, name = entrypoint.split(":")
    return getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name)


def test_prefect_version_is_the_installed_one():
    import prefect

    assert str(SPEC["prefect-version"]).split(".")[:2] == prefect.__version__.split(".")[:2], (
        f"prefect.yaml says {SPEC['prefect-version']}, {prefect.__version__} is installed")


@pytest.mark.parametrize("deployment", SPEC["deployments"], ids=[d["name"] for d in SPEC["deployments"]])
def test_deployment_matches_its_flow(deployment):
    flow = _flow(deployment["entrypoint"])
    signature = inspect.signature(flow.fn)
    given = deployment.get("parameters", {})
    assert set(given) <= set(signature.parameters)
    required = {n for n, p in signature.parameters.items() if p.default is inspect.Parameter.empty}
    assert required <= set(given)
    assert "config" not in given  # a clone has no newsmon.toml; runs take NEWSMON_CONFIG of the worker
    assert deployment["work_pool"]["name"] == "newsmon"
    for schedule in deployment.get("schedules", []):
        if "cron" in schedule:
            ZoneInfo(schedule["timezone"])


def test_no_pull_step_needs_a_variable_a_clone_lacks():
    assert not re.search(r"\{\{\s*\$", (ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def test_a_run_without_configuration_says_how_to_give_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    with pytest.raises(ConfigError, match=r"newsmon\.toml: configuration file not found .*set NEWSMON_CONFIG="):
        require_config()
    config = tmp_path / "desk.toml"
    config.write_text("")
    monkeypatch.setenv("NEWSMON_CONFIG", "desk.toml")
    assert require_config() == str(config)  # absolute, so subflows and tasks agree whatever their directory


@pytest.mark.parametrize(("path", "slug"), [("examples/demo.toml", "demo"), ("/srv/Trade Desk.toml", "trade-desk"),
                                            (None, "newsmon")])
def test_each_configuration_has_its_own_artifact_key(path, slug):
    assert config_slug(path) == slug


@pytest.mark.parametrize(("api", "expected"), [("http://127.0.0.1:4377/api", "http://127.0.0.1:4377/runs"),
                                               (None, "prefect server start")])
def test_serve_says_where_its_runs_are_seen(tmp_path, monkeypatch, api, expected):
    import prefect
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    from newsmon.cli import app

    served = []
    monkeypatch.setattr(prefect, "serve", lambda *deployments: served.extend(deployments))
    config = tmp_path / "newsmon.toml"
    config.write_text('[digest]\ntimezone = "UTC"\n')
    with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_UI_URL: None}):
        result = CliRunner().invoke(app, ["serve", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert expected in " ".join(result.output.split())
    assert [d.name for d in served] == ["monitor", "digest"]


def test_serve_keeps_one_warm_cluster_for_every_cycle(tmp_path, monkeypatch):
    """With `[cluster] workers`, serve starts the cluster once and its flow runs (child processes that
    inherit the environment) read its address as an existing scheduler's; it is closed when serve ends."""
    import os

    import prefect
    from distributed import Client

    from newsmon.cli import app
    from newsmon.settings import load_settings

    monkeypatch.delenv("NEWSMON_CLUSTER__ADDRESS", raising=False)
    monkeypatch.delenv("NEWSMON_CLUSTER__WORKERS", raising=False)
    config = tmp_path / "newsmon.toml"
    config.write_text('[digest]\ntimezone = "UTC"\n\n[cluster]\nworkers = 2\n')
    seen = {}

    def serve(*deployments):
        cluster = load_settings(config).cluster
        seen["cluster"] = (cluster.address, cluster.local_workers())
        with Client(cluster.address) as client:
            seen["workers"] = len(client.nthreads())
            seen["loaded"] = client.run(
                lambda: __import__("newsmon.cluster").cluster.worker_analyzer.cache_info().currsize)

    monkeypatch.setattr(prefect, "serve", serve)
    result = CliRunner().invoke(app, ["serve", "--config", str(config)])
    assert result.exit_code == 0, result.output
    address, workers = seen["cluster"]
    assert address.startswith("tcp://127.0.0.1:") and workers == 0 and seen["workers"] == 2
    assert set(seen["loaded"].values()) == {1}  # pipelines loaded before the first cycle
    assert "NEWSMON_CLUSTER__ADDRESS" not in os.environ
    with pytest.raises(OSError), Client(address, timeout="2s"):
        pass  # closed with serve
