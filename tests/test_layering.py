"""Conventions that keep the library usable without the orchestration layer."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT


def _imported(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(m for m in ('prefect', 'typer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", ["storage", "storage.analyses", "storage.reports", "nlp", "nlp.records"])
def test_storage_and_records_import_neither_prefect_nor_typer(module):
    assert _imported(module) == set()


@pytest.mark.parametrize("module", ["nlp.analyzer", "nlp.topics"])
def test_nlp_does_not_import_prefect(module):
    # spaCy itself imports typer for its own CLI; prefect must never come in through nlp.
    assert "prefect" not in _imported(module)


def test_prefect_yaml_entrypoints_import():
    import importlib

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    assert spec["deployments"]
    for deployment in spec["deployments"]:
        path, name = deployment["entrypoint"].split(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, name)
        assert flow.name == name
        assert set(deployment.get("parameters", {})) <= set(flow.parameters.properties)
