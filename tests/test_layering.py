"""Conventions that keep the library usable without the orchestration layer."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT


@pytest.mark.parametrize("module", ["nlp", "nlp.analyzer", "storage", "storage.analyses", "nlp.records"])
def test_library_does_not_import_prefect_or_typer(module):
    code = f"import sys, {module}; print(sorted(m for m in ('prefect', 'typer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_prefect_yaml_entrypoints_import():
    import importlib

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    assert spec["deployments"]
    for deployment in spec["deployments"]:
        path, name = deployment["entrypoint"].split(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, name)
        assert flow.name == name
        assert set(deployment["parameters"]) <= set(flow.parameters.properties)
